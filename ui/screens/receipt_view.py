"""The receipt drawn on screen from the same `Receipt` model the printer gets.

PySide6-Essentials has no QtPdf module (it is in PySide6-Addons), so the PDF cannot be
shown; the receipt's fields are laid out here instead, in the receipt's own language
and labels (`Receipt.label`), with its verification QR code. The QR matrix comes from
segno (the fastest QR encoder here) and is painted module by module, so it stays sharp
at any size.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import fonts
from ui.theme import current_theme


def qr_image(payload: str, module_px: int = 6) -> QImage:
    """The QR code of `payload` as a black-on-white image with a 4-module quiet zone."""
    import segno   # here, not at the top: the receipt is far from the first screen

    code = segno.make(payload, error="m", micro=False)
    rows = list(code.matrix_iter(scale=1, border=4))
    size = len(rows)
    image = QImage(size * module_px, size * module_px, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    black = QColor("black")
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * module_px, y * module_px, module_px, module_px, black)
    painter.end()
    return image


class ReceiptView(QWidget):
    """A paper slip: title, application number, QR code and the receipt's lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receipt_view")
        self._receipt: Any = None
        self._qr: QImage | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setMinimumWidth(520)

    def set_receipt(self, receipt: Any) -> None:
        self._receipt = receipt
        self._qr = qr_image(receipt.qr_content) if receipt is not None else None
        self.update()

    def receipt(self) -> Any:
        return self._receipt

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, 900)

    def _lines(self) -> list[tuple[str, str]]:
        r = self._receipt
        lines = [
            (r.label("name"), r.masked_name),
            (r.label("id_number"), r.masked_id_number),
            (r.label("case"), r.case_text),
            (r.label("submitted"), r.created_at_text),
            (r.label("fee"), r.fee_text),
            *([(r.label("payment"), r.payment_text)] if r.payment_text else []),
            (r.label("pickup"), r.pickup_text),
        ]
        if r.pickup_info:
            lines.append(("", r.pickup_info))
        if r.delivery_address:
            lines.append((r.label("address"), r.delivery_address))
        lines.append((r.label("station"), r.station))
        lines.append((r.label("kiosk"), r.kiosk_id))
        return lines

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        theme = current_theme()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        paper = QRectF(self.rect()).adjusted(6, 6, -12, -12)
        painter.fillRect(paper.translated(6, 6), QColor(0, 0, 0, 40))  # a soft shadow
        painter.fillRect(paper, QColor("white"))
        painter.setPen(QPen(theme.qcolor("border"), 1))
        painter.drawRect(paper)
        if self._receipt is None:
            painter.end()
            return
        # Text is sized from the slip: as large as fits, so nothing is clipped in any language.
        base = max(12.0, min(theme.hint_px * 0.8, paper.width() / 24))
        for _ in range(6):
            needed = self._draw(painter, paper, base, dry=True)
            if needed <= paper.height():
                break
            base = max(10.0, base * paper.height() / needed * 0.97)
        self._draw(painter, paper, base, dry=False)
        painter.end()

    def _draw(self, painter: QPainter, paper: QRectF, base: float, *, dry: bool) -> float:
        """Lay out (and unless `dry`, paint) the slip at text size `base`; returns its height."""
        theme = current_theme()
        r = self._receipt
        pad = 24.0
        x, width = paper.left() + pad, paper.width() - 2 * pad
        y = paper.top() + pad
        painter.setPen(theme.qcolor("text"))

        def block(text: str, size: float, weight: QFont.Weight, align: Qt.AlignmentFlag) -> float:
            font = fonts.ui_font(round(size), weight)
            longest = max(text.split(), key=len, default="")
            advance = QFontMetricsF(font).horizontalAdvance(longest)
            if advance > width:  # a word that cannot wrap (the application number): shrink it
                font = fonts.ui_font(max(8, int(size * width / advance)), weight)
            flags = int(align | Qt.TextFlag.TextWordWrap)
            rect = QFontMetricsF(font).boundingRect(QRectF(x, 0, width, 10_000), flags, text)
            if not dry:
                painter.setFont(font)
                painter.drawText(QRectF(x, y, width, rect.height()), flags, text)
            return rect.height()

        y += block(r.label("title"), base * 1.25, QFont.Weight.Bold, Qt.AlignmentFlag.AlignHCenter) + base * 0.6
        y += block(r.label("application_number"), base, QFont.Weight.Normal, Qt.AlignmentFlag.AlignHCenter)
        y += block(r.application_number, base * 1.6, QFont.Weight.Bold, Qt.AlignmentFlag.AlignHCenter) + base * 0.5
        if self._qr is not None:
            side = min(width * 0.5, base * 11)
            if not dry:
                target = QRectF(paper.center().x() - side / 2, y, side, side)
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
                painter.drawImage(target, self._qr)
            y += side
            y += block(r.label("scan_to_verify"), base * 0.85, QFont.Weight.Normal, Qt.AlignmentFlag.AlignHCenter)
            y += base * 0.6
        colon = "：" if r.lang.startswith("zh") else ": "  # Chinese uses the full-width colon
        for label, value in self._lines():
            text = f"{label}{colon}{value}" if label else value
            y += block(text, base, QFont.Weight.Normal, Qt.AlignmentFlag.AlignLeft) + base * 0.25
        if r.what_to_bring:
            y += base * 0.4
            y += block(r.bring_heading, base, QFont.Weight.Bold, Qt.AlignmentFlag.AlignLeft)
            for item in r.what_to_bring:
                y += block(f"• {item}", base, QFont.Weight.Normal, Qt.AlignmentFlag.AlignLeft)
        y += base * 0.6
        y += block(r.label("keep"), base * 0.9, QFont.Weight.Normal, Qt.AlignmentFlag.AlignHCenter)
        return y + pad - paper.top()
