"""The text on a PDF page that a person can actually see.

A PDF's text layer (what `pdftotext` extracts) holds every string the page's content
draws, seen or not: white on white, render mode 3 (invisible), under an image, clipped
away, 1 pt tall. A forger can therefore show one application number and hide the signed
one. So the page is rendered twice by Ghostscript, once as it is and once with all text
left out (`-dFILTERTEXT`), and a character of the text layer counts as seen only where
the two renders differ clearly inside its box, and only if it is tall enough to read.
Whatever hides a string (its colour, its render mode, a clipping path, an image or a
shape painted over it, transparency) hides it from both renders alike, so no rule per
trick is needed.

Why not judge the text's own attributes instead (render mode, colour and size, as
pdfminer reports them)? Clipping paths, soft masks, blend modes and objects painted on
top would each need a rule of their own, and every missed rule is a forgery that
verifies; the renderer already knows what ends up on the page. Why not OCR the
rendered page? No OCR engine is installed where receipts are verified. What this
cannot see: a number drawn as a picture or as outlines is no text at all, so it is
never read (the verdict then says that the printed text could not be checked).

Words and their boxes come from poppler (`pdftotext -bbox-layout -cropbox`), the renders
from Ghostscript with `-dUseCropBox`: both measure from the crop box's top-left corner.
Ghostscript's and poppler's renders differ in detail, so the two renders compared are
both Ghostscript's.
"""

from __future__ import annotations

import shutil
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from hardware.images import PICTURE, ImageRefused, decode_gray
from kiosk.receipts.pdf_page import PdfUnreadable, require, run_tool

DPI = 150               # 4 pt text is 8 pixels tall: enough to tell ink from none
MIN_HEIGHT_PT = 4.0     # a word box shorter than this (a font under ~3.5 pt) is unreadable
CONTRAST = 40           # grey levels (of 255) by which text must change the page to be seen
INK_SHARE = 0.02        # share of a character's cell that must change (a hyphen is ~3 %)
_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass
class PageText:
    """The page's text as pdftotext would give it, with what a person sees of it.

    `text` holds the words of a line separated by spaces and the lines by newlines,
    except that a line ending in a hyphen runs on into the next (a long number broken
    after a hyphen); `seen[i]` says whether character `i` of `text` is visible
    (separators count as seen: they are not painted anyway).
    """

    text: str = ""
    seen: list[bool] = field(default_factory=list)

    def add(self, chars: str, seen: list[bool]) -> None:
        self.text += chars
        self.seen += seen

    def all_seen(self, start: int, end: int) -> bool:
        return all(self.seen[start:end])


def page_text(pdf: Path) -> PageText:
    """The first page's text with its visibility. FileNotFoundError when poppler or
    Ghostscript is missing; PdfUnreadable when the page cannot be judged."""
    pdf = Path(pdf).resolve()   # never a name a tool could take for an option
    gs = shutil.which("gs")
    if gs is None:
        raise FileNotFoundError(
            "Ghostscript (Debian package ghostscript) is needed to tell the text a person sees from hidden text"
        )
    lines, (page_w, page_h) = _lines(pdf)
    with tempfile.TemporaryDirectory(prefix="receipt-text-") as tmp:
        painted = _render(gs, pdf, Path(tmp) / "all.png", filter_text=False)
        bare = _render(gs, pdf, Path(tmp) / "bare.png", filter_text=True)
    scale = DPI / 72
    if painted.shape != bare.shape or abs(painted.shape[1] - page_w * scale) > 2 or abs(painted.shape[0] - page_h * scale) > 2:
        raise PdfUnreadable("the page's text and its picture do not line up (a rotated page?)")
    ink = np.abs(painted.astype(np.int16) - bare.astype(np.int16)) >= CONTRAST

    out = PageText()
    for words in lines:
        if out.text and not out.text.endswith("-"):
            out.add("\n", [True])
        for i, (text, box) in enumerate(words):
            if i:
                out.add(" ", [True])
            out.add(text, _seen(text, box, ink, scale))
    return out


def _lines(pdf: Path) -> tuple[list[list[tuple[str, tuple[float, float, float, float]]]], tuple[float, float]]:
    raw = run_tool([require("pdftotext"), "-bbox-layout", "-cropbox", "-enc", "UTF-8", "-f", "1", "-l", "1", str(pdf), "-"])
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise PdfUnreadable(f"pdftotext gave no page layout ({exc})") from None
    page = root.find(f".//{_XHTML}page")
    if page is None:
        raise PdfUnreadable("the PDF has no first page")
    lines = []
    for line in page.iter(f"{_XHTML}line"):
        words = [
            (w.text or "", tuple(float(w.get(k, "0")) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in line.iter(f"{_XHTML}word")
        ]
        if words:
            lines.append(words)
    return lines, (float(page.get("width", "0")), float(page.get("height", "0")))  # type: ignore[return-value]


def _render(gs: str, pdf: Path, out: Path, filter_text: bool) -> np.ndarray:
    args = [
        gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pnggray", f"-r{DPI}",
        "-dFirstPage=1", "-dLastPage=1", "-dUseCropBox",
        # No anti-aliasing: a pixel is text or not, and the two renders agree elsewhere.
        "-dTextAlphaBits=1", "-dGraphicsAlphaBits=1",
        f"-sOutputFile={out}",
    ]
    if filter_text:
        args.append("-dFILTERTEXT")
    run_tool([*args, str(pdf)])
    try:
        return decode_gray(out, PICTURE)
    except (ImageRefused, OSError) as exc:
        raise PdfUnreadable(f"Ghostscript rendered no usable page ({exc})") from None


def _seen(text: str, box: tuple[float, float, float, float], ink: np.ndarray, scale: float) -> list[bool]:
    """Per character: is there clear ink in its share of the word's box? The box is cut
    into equal cells (pdftotext gives words, not glyphs); proportional widths move a
    cell's edges by a fraction of a character, not onto the next word."""
    x0, y0, x1, y1 = box
    if not text:
        return []
    if y1 - y0 < MIN_HEIGHT_PT:
        return [False] * len(text)
    top, bottom = max(0, int(y0 * scale)), min(ink.shape[0], int(np.ceil(y1 * scale)))
    left, right = x0 * scale, x1 * scale
    cell = (right - left) / len(text)
    seen = []
    for i in range(len(text)):
        a = max(0, int(left + i * cell))
        b = min(ink.shape[1], max(a + 1, int(np.ceil(left + (i + 1) * cell))))
        area = max(0, (bottom - top) * (b - a))
        count = int(ink[top:bottom, a:b].sum()) if area else 0
        seen.append(area > 0 and count >= max(2, INK_SHARE * area))
    return seen


__all__ = ["PageText", "page_text"]
