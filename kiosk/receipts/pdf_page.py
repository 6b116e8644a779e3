"""The first page of a PDF receipt as pixels, read with poppler in bounded processes.

A PDF is outside data as much as a picture is: a 1 KB file can declare a page of
5 x 5 metres (poppler would render 400 million pixels at 300 dpi) or hold an image
stating 20000 x 20000 pixels (OpenJPEG allocates it whole for a JPEG 2000 image). So
before the page is rendered, poppler's own header readers are asked what rendering
would cost: `pdfinfo` for the page size, `pdfimages -list` for every image the page
draws (it walks the page's content as the renderer does, including forms, without
decoding pixels). Both must fit the limit of a picture file (`hardware.images.PICTURE`).
Every tool runs with an address-space limit and a timeout besides, so what the checks
cannot see (a font or a content stream built to be slow) is bounded too.

The page is rendered with its crop box, the part a viewer shows.
"""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from hardware.images import PICTURE, ImageLimit, ImageTooLarge, check_size

RENDER_DPI = 300
TOOL_MEMORY = 512 * 1024 * 1024   # address space of one tool; a receipt needs under 64 MB
TOOL_SECONDS = 30.0               # a receipt takes well under a second
PDF_PICTURE = ImageLimit("picture in the PDF", PICTURE.max_side, PICTURE.max_pixels, ())


class PdfUnreadable(ValueError):
    """The file is no PDF poppler can read, or a tool gave up (too slow, out of memory)."""


@dataclass(frozen=True)
class PageSize:
    width_pt: float    # of the crop box, before the page's rotation
    height_pt: float

    def pixels(self, dpi: float) -> tuple[int, int]:
        return round(self.width_pt * dpi / 72), round(self.height_pt * dpi / 72)


def require(tool: str) -> str:
    exe = shutil.which(tool)
    if exe is None:
        raise FileNotFoundError(f"{tool} (Debian package poppler-utils) is needed to read a PDF receipt")
    return exe


def run_tool(args: list[str], timeout: float = TOOL_SECONDS) -> bytes:
    """The tool's standard output; PdfUnreadable if it fails, overruns or runs out of memory."""
    try:
        done = subprocess.run(
            args, capture_output=True, timeout=timeout, check=False, preexec_fn=_limit_memory
        )
    except subprocess.TimeoutExpired:
        raise PdfUnreadable(f"{Path(args[0]).name} gave up after {timeout:g} s") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PdfUnreadable(
            f"{Path(args[0]).name} cannot read it" + (f" ({detail[-1][:120]})" if detail else "")
        )
    return done.stdout


def page_size(pdf: Path) -> PageSize:
    """The first page's crop box, as poppler's pdfinfo states it."""
    out = run_tool([require("pdfinfo"), "-f", "1", "-l", "1", str(pdf)]).decode("utf-8", "replace")
    found = re.search(r"^Page\s+1 size:\s+([\d.]+) x ([\d.]+) pts", out, re.MULTILINE)
    if found is None:
        raise PdfUnreadable("the PDF has no first page")
    return PageSize(float(found.group(1)), float(found.group(2)))


def check_page(pdf: Path, dpi: int = RENDER_DPI) -> PageSize:
    """ImageTooLarge unless the first page rendered at `dpi`, and every image it draws,
    fit a picture file's limit; PdfUnreadable if poppler cannot tell."""
    size = page_size(pdf)
    width, height = size.pixels(dpi)
    if max(width, height) > PICTURE.max_side or width * height > PICTURE.max_pixels:
        raise ImageTooLarge(
            f"the PDF's page is {size.width_pt / 72 * 25.4:.0f} x {size.height_pt / 72 * 25.4:.0f} mm, "
            f"{width} x {height} pixels at {dpi} dpi; a page may have {PICTURE.describe()}",
            width, height,
        )
    listing = run_tool([require("pdfimages"), "-list", "-f", "1", "-l", "1", str(pdf)]).decode("utf-8", "replace")
    for line in listing.splitlines()[2:]:   # two header lines, then one row per image
        fields = line.split()
        if len(fields) > 4 and fields[3].isdigit() and fields[4].isdigit():
            check_size(int(fields[3]), int(fields[4]), PDF_PICTURE)
    return size


def rasterise(pdf: Path, out_dir: Path, dpi: int = RENDER_DPI) -> Path:
    """The first page as a greyscale PNG in `out_dir`, after `check_page`."""
    check_page(pdf, dpi)
    stem = Path(out_dir) / "page"
    run_tool([
        require("pdftoppm"), "-r", str(dpi), "-png", "-gray", "-cropbox", "-singlefile",
        "-f", "1", "-l", "1", str(pdf), str(stem),
    ])
    return stem.with_suffix(".png")


def _limit_memory() -> None:  # runs in the child, between fork and exec
    resource.setrlimit(resource.RLIMIT_AS, (TOOL_MEMORY, TOOL_MEMORY))


__all__ = ["PageSize", "PdfUnreadable", "check_page", "page_size", "rasterise", "require", "run_tool"]
