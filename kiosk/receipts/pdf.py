"""PDF rendering of the receipt, for CUPS printers and the on-screen copy.

The page is 80 mm wide, the roll width of receipt printers, and exactly as tall as its
content (a roll has no page length). The content is measured first (platypus flowables
report their height for a given width), then the page is made that tall and the
flowables are drawn top-down. The side margins leave the 72 mm that 80 mm thermal
mechanisms can print; the bottom margin clears the cutter.

The QR code is drawn as vector rectangles from segno's module matrix, so it stays sharp
at any printer resolution.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

import segno
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from kiosk.receipts.fonts import fallback_markup, register_receipt_font
from kiosk.receipts.model import Receipt

PAGE_WIDTH_MM = 80.0
SIDE_MARGIN_MM = 4.0
TOP_MARGIN_MM = 5.0
BOTTOM_MARGIN_MM = 8.0
QR_SIZE_MM = 32.0
QR_QUIET_MODULES = 4  # ISO/IEC 18004 quiet zone

# Labels, captions and rules are told apart by size, not by colour: an 80 mm PDF mostly
# ends on a thermal printer behind CUPS, which dithers grey into dotted, half-legible
# type (seen on this receipt rasterised at 203 dpi, 1 bit). Everything prints black.
_GREY = colors.black


class FittedLine(Flowable):
    """The application number, centred, as large as fits the width.

    If even `min_size` is too wide (a long kiosk id of wide letters), the number is
    broken after the hyphen nearest its middle and set on two lines.
    """

    def __init__(self, text: str, font: str, max_size: float, min_size: float) -> None:
        super().__init__()
        self.text, self.font = text, font
        self.max_size, self.min_size = max_size, min_size
        self.size = max_size
        self.lines = [text]

    def _fit(self, lines: list[str], avail_width: float) -> float:
        widest = max(stringWidth(line, self.font, self.max_size) for line in lines) or 1.0
        return min(self.max_size, self.max_size * avail_width / widest)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.lines = [self.text]
        size = self._fit(self.lines, avail_width)
        if size < self.min_size and "-" in self.text:
            cuts = [i + 1 for i, ch in enumerate(self.text) if ch == "-"]
            cut = min(cuts, key=lambda i: abs(i - len(self.text) / 2))
            self.lines = [self.text[:cut], self.text[cut:]]
            size = self._fit(self.lines, avail_width)
        self.size = max(self.min_size, size)
        self.width = avail_width
        self.height = self.size * 1.25 * len(self.lines)
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFont(self.font, self.size)
        for i, line in enumerate(reversed(self.lines)):
            c.drawCentredString(self.width / 2, self.size * (0.3 + 1.25 * i), line)


class QRFlowable(Flowable):
    """A QR code of fixed physical size, with its quiet zone, drawn as vector rectangles."""

    def __init__(self, content: str, size: float) -> None:
        super().__init__()
        self.qr = segno.make_qr(content, error="m")
        self.matrix = [list(row) for row in self.qr.matrix]
        n = len(self.matrix)
        self.module = size / n
        self.quiet = QR_QUIET_MODULES * self.module
        self.width = self.height = size + 2 * self.quiet
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, m, q = self.canv, self.module, self.quiet
        n = len(self.matrix)
        path = c.beginPath()
        for r, row in enumerate(self.matrix):
            y = q + (n - 1 - r) * m
            c_start = None
            for col, dark in enumerate([*row, 0]):  # sentinel closes the last run
                if dark and c_start is None:
                    c_start = col
                elif not dark and c_start is not None:
                    # One rectangle per horizontal run of dark modules, all in one path
                    # filled once, so no hairline seams appear between modules.
                    path.rect(q + c_start * m, y, (col - c_start) * m, m)
                    c_start = None
        c.setFillColor(colors.black)
        c.drawPath(path, stroke=0, fill=1)


class Rule(Flowable):
    def __init__(self, space: float = 2.5 * mm) -> None:
        super().__init__()
        self.space = space

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.space * 2

    def draw(self) -> None:
        self.canv.setStrokeColor(_GREY)
        self.canv.setLineWidth(0.6)
        self.canv.setDash(1.5, 1.5)
        self.canv.line(0, self.space, self.width, self.space)


def _styles(font: str, lang: str) -> dict[str, ParagraphStyle]:
    # Chinese has no spaces between words: CJK wrapping may break between any two characters.
    wrap = "CJK" if lang.startswith("zh") else None
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=11.5, wordWrap=wrap)
    return {
        "title": ParagraphStyle("title", base, fontSize=12.5, leading=16, alignment=TA_CENTER),
        "caption": ParagraphStyle(
            "caption", base, fontSize=7.5, leading=9.5, alignment=TA_CENTER, textColor=_GREY
        ),
        "label": ParagraphStyle("label", base, fontSize=7.5, leading=9.5, textColor=_GREY),
        "value": ParagraphStyle("value", base, fontSize=9, leading=11.5),
        "heading": ParagraphStyle("heading", base, fontSize=9, leading=11.5),
        "bullet": ParagraphStyle(
            "bullet", base, fontSize=8.5, leading=11, leftIndent=3.2 * mm, bulletIndent=0.5 * mm,
            bulletFontName=font,
        ),
        "footer": ParagraphStyle("footer", base, fontSize=8, leading=10, alignment=TA_CENTER),
    }


def _markup(text: str) -> str:
    return fallback_markup(escape(text))


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(_markup(text), style)


def _details(receipt: Receipt, st: dict[str, ParagraphStyle], width: float) -> Table:
    pickup = _markup(receipt.pickup_text)
    if receipt.pickup_info:
        pickup += "<br/>" + _markup(receipt.pickup_info)
    rows = [
        ("name", _markup(receipt.masked_name)),
        ("id_number", _markup(receipt.masked_id_number)),
        ("case", _markup(receipt.case_text)),
        ("submitted", _markup(receipt.created_at_text)),
        ("fee", _markup(receipt.fee_text)),
        *([("payment", _markup(receipt.payment_text))] if receipt.payment_text else []),
        ("pickup", pickup),
        *([("address", _markup(receipt.delivery_address))] if receipt.delivery_address else []),
        ("station", _markup(receipt.station)),
        ("kiosk", _markup(receipt.kiosk_id)),
    ]
    label_width = 24 * mm
    table = Table(
        [[_p(receipt.label(key), st["label"]), Paragraph(value, st["value"])] for key, value in rows],
        colWidths=[label_width, width - label_width],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 1.5 * mm),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.1 * mm),
                # Labels are 1.5 pt smaller than values: lower them onto the same baseline.
                ("TOPPADDING", (0, 0), (0, -1), 1.1 * mm + 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.4 * mm),
            ]
        )
    )
    return table


def _flowables(receipt: Receipt, width: float) -> list[Flowable]:
    font = register_receipt_font()
    st = _styles(font, receipt.lang)
    items: list[Flowable] = [
        _p(receipt.label("title"), st["title"]),
        Spacer(0, 2 * mm),
        _p(receipt.label("application_number"), st["caption"]),
        # Always the Latin-digit number itself: staff read it aloud and type it.
        FittedLine(receipt.application_number, font, max_size=17, min_size=9),
        Spacer(0, 1 * mm),
        QRFlowable(receipt.qr_content, QR_SIZE_MM * mm),
        _p(receipt.label("scan_to_verify"), st["caption"]),
        Rule(),
        _details(receipt, st, width),
        Rule(),
        _p(receipt.bring_heading, st["heading"]),
        Spacer(0, 0.8 * mm),
    ]
    items += [Paragraph(_markup(item), st["bullet"], bulletText="•") for item in receipt.what_to_bring]
    items += [Rule(), _p(receipt.label("keep"), st["footer"])]
    return items


def _layout(receipt: Receipt) -> tuple[list[tuple[Flowable, float, float]], float]:
    width = (PAGE_WIDTH_MM - 2 * SIDE_MARGIN_MM) * mm
    placed = []
    total = 0.0
    for f in _flowables(receipt, width):
        w, h = f.wrap(width, 10_000 * mm)
        placed.append((f, w, h))
        total += h
    return placed, total + (TOP_MARGIN_MM + BOTTOM_MARGIN_MM) * mm


def receipt_page_size_mm(receipt: Receipt) -> tuple[float, float]:
    """The (width, height) the PDF will have; printers that need a page size ask here."""
    _, height = _layout(receipt)
    return PAGE_WIDTH_MM, round(height / mm, 2)


def render_receipt_pdf(receipt: Receipt) -> bytes:
    return render_receipt_pdf_sized(receipt)[0]


def render_receipt_pdf_sized(receipt: Receipt) -> tuple[bytes, tuple[float, float]]:
    """The PDF and its (width, height) in mm from one layout (each layout encodes the QR
    code again: a third of a receipt's rendering time)."""
    placed, height = _layout(receipt)
    page_width = PAGE_WIDTH_MM * mm
    content_width = page_width - 2 * SIDE_MARGIN_MM * mm
    buf = io.BytesIO()
    # invariant=1: no creation date or random document id, so the same receipt gives the
    # same bytes (reproducible output, comparable in tests).
    c = Canvas(buf, pagesize=(page_width, height), invariant=1, pageCompression=1)
    # Metadata ends up in print spools and file managers: nothing personal in it.
    c.setTitle(f"Receipt {receipt.application_number}")
    c.setCreator("idkiosk")
    c.setAuthor("")
    y = height - TOP_MARGIN_MM * mm
    for flowable, w, h in placed:
        y -= h
        x = SIDE_MARGIN_MM * mm
        if getattr(flowable, "hAlign", "LEFT") == "CENTER" and w < content_width:
            x += (content_width - w) / 2
        flowable.drawOn(c, x, y)
    c.showPage()
    c.save()
    return buf.getvalue(), (PAGE_WIDTH_MM, round(height / mm, 2))


__all__ = ["receipt_page_size_mm", "render_receipt_pdf", "render_receipt_pdf_sized"]
