"""The receipt for 80 mm thermal printers: drawn as 1-bit images, sent as ESC/POS.

Decision: the whole receipt body is drawn by PIL with the receipt font (WenQuanYi Micro
Hei) into images exactly as wide as the print head (576 dots on an 80 mm, 203 dpi
printer), and sent as `GS v 0` raster images; only the QR code may be left to the
printer (`GS ( k`). Printing ASCII lines as printer text and only the Chinese and
Vietnamese runs as images was rejected because:

- most lines of a Chinese or Vietnamese receipt contain non-ASCII characters anyway, and
  even the English one has masked local names, bullets and station names that do;
- printer fonts differ in width and glyphs between models (Epson, Xprinter and Rongta
  disagree), so a two-column layout in printer text breaks on some of them, and a
  receipt mixing printer text and drawn text looks like two documents;
- one drawing gives one truth: the preview PNG this module makes is, dot for dot, what
  the printer prints (the printing tests compare it with the emulator's rendering), and
  it is what the maintenance screens show for a reprint.

The price is data: about 70-100 KB of raster per receipt, nothing over USB or Ethernet
(under 0.1 s) but about 7 s on a 115200-baud serial line (and over a minute at 9600).

The QR code: by default an image too (`qr_native=False`), because every ESC/POS printer
that prints raster images prints it identically, while `GS ( k` is missing on older or
cheaper models. Printers known to support `GS ( k` (Epson TM-T20 and later, Xprinter
XP-80, Rongta RP326) may use `qr_native=True`: fewer bytes on slow serial lines, and the
printer draws its modules at its own resolution. Both are model 2, error correction M,
5 dots (0.625 mm) a module: large enough for a phone to read from thermal paper.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, field

import segno
from PIL import Image, ImageDraw, ImageFont

from kiosk.receipts.fonts import MISDRAWN, fallback_font_file, find_font_file, runs
from kiosk.receipts.model import Receipt

DEFAULT_WIDTH_DOTS = 576          # 80 mm paper, 72 mm print width at 203 dpi
DEFAULT_PROFILE = "TM-T20II"      # a python-escpos capabilities profile with 576 dots
DOTS_PER_MM = 8.0                 # 203 dpi
QR_ERROR = "m"
QR_QUIET_DOTS = 24                # white above and below the code (>= 4 modules of 5 dots)
FRAGMENT_HEIGHT = 256             # rows per GS v 0 command: small buffers on cheap printers

# Sizes in dots (203 dpi: 8 dots a millimetre), chosen to match the PDF's point sizes.
TITLE_SIZE = 34
CAPTION_SIZE = 22
NUMBER_MAX, NUMBER_MIN = 50, 28
LABEL_SIZE = 22
VALUE_SIZE = 25
BULLET_SIZE = 24
FOOTER_SIZE = 22
SIDE_MARGIN = 8
TOP_MARGIN = 16
LINE_FACTOR = 1.3                 # line height = size x this


@dataclass(frozen=True)
class ThermalOptions:
    width_dots: int = DEFAULT_WIDTH_DOTS
    qr_native: bool = False
    qr_module_dots: int = 5
    escpos_profile: str = DEFAULT_PROFILE


@dataclass
class ThermalReceipt:
    """A rendered thermal receipt: the image above the QR code, the code, the image below."""

    width_dots: int
    top: Image.Image
    qr_content: str
    qr_module_dots: int
    bottom: Image.Image
    qr_native: bool = False
    escpos_profile: str = DEFAULT_PROFILE
    _qr_band: Image.Image | None = field(default=None, repr=False)

    @property
    def qr(self) -> segno.QRCode:
        # boost_error=False: what a printer's own `GS ( k` encoder does, so the preview of a
        # natively printed code has the same version and modules as the printed one.
        return segno.make_qr(self.qr_content, error=QR_ERROR, boost_error=False)

    @property
    def qr_band(self) -> Image.Image:
        """The QR code centred on a white band as wide as the paper, without quiet zone."""
        if self._qr_band is None:
            self._qr_band = _qr_band(self.qr, self.qr_module_dots, self.width_dots)
        return self._qr_band

    @property
    def height_dots(self) -> int:
        return self.top.height + self.qr_band.height + self.bottom.height

    @property
    def size_mm(self) -> tuple[float, float]:
        return round(self.width_dots / DOTS_PER_MM, 2), round(self.height_dots / DOTS_PER_MM, 2)

    def preview(self) -> Image.Image:
        """The receipt as the printer prints it (mode '1', one pixel a dot)."""
        image = Image.new("1", (self.width_dots, self.height_dots), 1)
        image.paste(self.top, (0, 0))
        image.paste(self.qr_band, (0, self.top.height))
        image.paste(self.bottom, (0, self.top.height + self.qr_band.height))
        return image

    def preview_png(self) -> bytes:
        buf = io.BytesIO()
        self.preview().save(buf, format="PNG")  # optimize=True: 5 % smaller, 4x slower
        return buf.getvalue()

    def escpos_bytes(self) -> bytes:
        """The whole job: initialise, images (and QR), feed and cut."""
        from escpos.constants import QR_ECLEVEL_M
        from escpos.printer import Dummy

        p = Dummy(profile=self.escpos_profile)
        p.hw("INIT")
        p.set(align="left")
        _send_image(p, self.top)
        if self.qr_native:
            p.set(align="center")
            p.qr(self.qr_content, ec=QR_ECLEVEL_M, size=self.qr_module_dots, native=True)
            p.set(align="left")
        else:
            _send_image(p, self.qr_band)
        _send_image(p, self.bottom)
        p.cut()  # feeds the printed part past the cutter first
        return p.output


def render_thermal(receipt: Receipt, options: ThermalOptions | None = None) -> ThermalReceipt:
    """Draw `receipt` for a thermal printer. The receipt should already be signed."""
    options = options or ThermalOptions()
    width = options.width_dots
    lang = receipt.lang
    top = _Sheet(width, lang)
    top.space(TOP_MARGIN)
    top.paragraph(receipt.label("title"), TITLE_SIZE, align="center")
    top.space(10)
    top.paragraph(receipt.label("application_number"), CAPTION_SIZE, align="center")
    top.space(2)
    top.number(receipt.application_number)
    top.space(QR_QUIET_DOTS)

    bottom = _Sheet(width, lang)
    bottom.space(QR_QUIET_DOTS)
    bottom.paragraph(receipt.label("scan_to_verify"), CAPTION_SIZE, align="center")
    bottom.rule()
    pickup = receipt.pickup_text + ("\n" + receipt.pickup_info if receipt.pickup_info else "")
    rows = [
        ("name", receipt.masked_name),
        ("id_number", receipt.masked_id_number),
        ("case", receipt.case_text),
        ("submitted", receipt.created_at_text),
        ("fee", receipt.fee_text),
        *([("payment", receipt.payment_text)] if receipt.payment_text else []),
        ("pickup", pickup),
        *([("address", receipt.delivery_address)] if receipt.delivery_address else []),
        ("station", receipt.station),
        ("kiosk", receipt.kiosk_id),
    ]
    for key, value in rows:
        bottom.row(receipt.label(key), value)
    bottom.rule()
    bottom.paragraph(receipt.bring_heading, VALUE_SIZE)
    bottom.space(4)
    for item in receipt.what_to_bring:
        bottom.bullet(item)
    bottom.rule()
    bottom.paragraph(receipt.label("keep"), FOOTER_SIZE, align="center")
    bottom.space(8)
    return ThermalReceipt(
        width_dots=width,
        top=top.image(),
        qr_content=receipt.qr_content,
        qr_module_dots=options.qr_module_dots,
        bottom=bottom.image(),
        qr_native=options.qr_native,
        escpos_profile=options.escpos_profile,
    )


def profile_width_dots(profile: str) -> int:
    """The print width of a python-escpos printer profile (576 when the profile does not say)."""
    from escpos.capabilities import get_profile

    try:
        pixels = get_profile(profile).profile_data["media"]["width"]["pixels"]
        return int(pixels)
    except (KeyError, TypeError, ValueError):
        return DEFAULT_WIDTH_DOTS


def _send_image(p: object, image: Image.Image) -> None:
    p.image(  # type: ignore[attr-defined]
        image, impl="bitImageRaster", fragment_height=FRAGMENT_HEIGHT, center=False
    )


def _qr_band(qr: segno.QRCode, module: int, width: int) -> Image.Image:
    matrix = qr.matrix
    n = len(matrix)
    code = Image.frombytes("L", (n, n), bytes(0 if dark else 255 for row in matrix for dark in row))
    code = code.resize((n * module, n * module), Image.Resampling.NEAREST).convert("1")
    band = Image.new("1", (width, code.height), 1)
    band.paste(code, ((width - code.width) // 2, 0))
    return band


# -- drawing ----------------------------------------------------------------------------


@functools.lru_cache(maxsize=32)
def _font(size: int) -> ImageFont.FreeTypeFont:
    font = find_font_file()
    return ImageFont.truetype(str(font.path), size, index=font.subfont_index)


# Characters that may stand alone between line breaks: CJK ideographs, kana, fullwidth forms.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
# Punctuation that must not begin a line (a small kinsoku rule): kept with what precedes it.
_NO_LINE_START = "，。、：；！？）》」』】,.:;!?)"
_TOKEN_RE = re.compile(rf"[{_CJK}][{_NO_LINE_START}]*|[^\s{_CJK}]+\s*|\s+")


@functools.cache
def _fallback_font(size: int) -> ImageFont.FreeTypeFont | None:
    path = fallback_font_file()
    return ImageFont.truetype(str(path), size) if path is not None else None


def wrap_text(text: str, font: ImageFont.FreeTypeFont, max_width: float) -> list[str]:
    """Break `text` into lines no wider than `max_width` pixels ('\\n' forces a break).

    Written here because PIL measures text but does not lay out paragraphs: Latin and
    Vietnamese break between words, Chinese between any two characters (except before
    closing punctuation); a word wider than the line is broken between letters.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in _TOKEN_RE.findall(paragraph):
            candidate = line + token
            if font.getlength(candidate.rstrip()) <= max_width:
                line = candidate
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = token.lstrip()
            while font.getlength(line.rstrip()) > max_width and len(line.rstrip()) > 1:
                cut = _longest_prefix(line, font, max_width)
                lines.append(line[:cut].rstrip())
                line = line[cut:].lstrip()
        lines.append(line.rstrip())
    return lines


def _longest_prefix(text: str, font: ImageFont.FreeTypeFont, max_width: float) -> int:
    cut = 1
    while cut < len(text) and font.getlength(text[: cut + 1]) <= max_width:
        cut += 1
    return cut


class _Sheet:
    """A strip of paper drawn top-down; `image()` crops it to what was drawn."""

    def __init__(self, width: int, lang: str, max_height: int = 4000) -> None:
        self.width = width
        self.lang = lang
        self.canvas = Image.new("1", (width, max_height), 1)
        self.draw = ImageDraw.Draw(self.canvas)
        self.draw.fontmode = "1"  # no anti-aliasing: thermal dots are on or off
        self.y = 0
        self.inner = width - 2 * SIDE_MARGIN
        self.label_width = max(120, self.inner // 3)

    def _ensure(self, height: int) -> None:
        if self.y + height > self.canvas.height:
            bigger = Image.new("1", (self.width, self.canvas.height * 2), 1)
            bigger.paste(self.canvas, (0, 0))
            self.canvas = bigger
            self.draw = ImageDraw.Draw(self.canvas)
            self.draw.fontmode = "1"

    def space(self, dots: int) -> None:
        self._ensure(dots)
        self.y += dots

    def _lines(self, lines: list[str], size: int, x: int, width: int, align: str, stroke: int = 0) -> int:
        font = _font(size)
        step = round(size * LINE_FACTOR)
        ascent, _ = font.getmetrics()
        self._ensure(step * len(lines) + size)
        top = self.y
        for i, line in enumerate(lines):
            w = font.getlength(line) + 2 * stroke
            if align == "center":
                lx = x + (width - w) / 2
            elif align == "right":
                lx = x + width - w
            else:
                lx = x
            # Baseline placement: the same for every line, whatever glyphs it holds.
            baseline = top + i * step + round(size * 1.0)
            fallback = _fallback_font(size) if any(ch in MISDRAWN for ch in line) else None
            if fallback is None:
                self.draw.text(
                    (round(lx), baseline), line, font=font, fill=0, anchor="ls",
                    stroke_width=stroke, stroke_fill=0,
                )
                continue
            for use_fallback, part in runs(line):   # see fonts.MISDRAWN
                f = fallback if use_fallback else font
                self.draw.text((round(lx), baseline), part, font=f, fill=0, anchor="ls",
                               stroke_width=stroke, stroke_fill=0)
                lx += f.getlength(part)
        return step * len(lines)

    def paragraph(self, text: str, size: int, align: str = "left", indent: int = 0) -> None:
        width = self.inner - indent
        lines = wrap_text(text, _font(size), width)
        self.y += self._lines(lines, size, SIDE_MARGIN + indent, width, align)

    def number(self, text: str) -> None:
        """The application number: Latin digits, as large as fits, bold; two lines if need be."""
        size = NUMBER_MAX
        lines = [text]
        while size > NUMBER_MIN and _font(size).getlength(text) + 2 > self.inner:
            size -= 1
        if _font(size).getlength(text) + 2 > self.inner and "-" in text:
            cuts = [i + 1 for i, ch in enumerate(text) if ch == "-"]
            cut = min(cuts, key=lambda i: abs(i - len(text) / 2))
            lines = [text[:cut], text[cut:]]
            size = NUMBER_MAX
            while size > NUMBER_MIN and max(_font(size).getlength(l) for l in lines) + 2 > self.inner:
                size -= 1
        self.y += self._lines(lines, size, SIDE_MARGIN, self.inner, "center", stroke=1)

    def row(self, label: str, value: str) -> None:
        label_lines = wrap_text(label, _font(LABEL_SIZE), self.label_width - 12)
        value_x = SIDE_MARGIN + self.label_width
        value_width = self.inner - self.label_width
        value_lines = wrap_text(value, _font(VALUE_SIZE), value_width)
        top = self.y
        # Labels are smaller than values: lower them so the first lines share a baseline.
        self.y = top + (VALUE_SIZE - LABEL_SIZE)
        used_label = self._lines(label_lines, LABEL_SIZE, SIDE_MARGIN, self.label_width - 12, "left")
        self.y = top
        used_value = self._lines(value_lines, VALUE_SIZE, value_x, value_width, "left")
        self.y = top + max(used_label + (VALUE_SIZE - LABEL_SIZE), used_value) + 6

    def bullet(self, text: str) -> None:
        indent = 28
        font = _font(BULLET_SIZE)
        lines = wrap_text(text, font, self.inner - indent)
        top = self.y
        self._lines(["•"], BULLET_SIZE, SIDE_MARGIN + 4, indent, "left")
        self.y = top
        self.y += self._lines(lines, BULLET_SIZE, SIDE_MARGIN + indent, self.inner - indent, "left") + 4

    def rule(self) -> None:
        self._ensure(40)
        self.y += 14
        for x in range(SIDE_MARGIN, self.width - SIDE_MARGIN, 12):
            self.draw.rectangle((x, self.y, min(x + 6, self.width - SIDE_MARGIN) - 1, self.y + 1), fill=0)
        self.y += 2 + 14

    def image(self) -> Image.Image:
        return self.canvas.crop((0, 0, self.width, self.y))
