"""Simple drawings that show what to do (drawn, so they scale and take the theme's colours)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import fonts
from ui.theme import current_theme


class CardOnReader(QWidget):
    """A card being laid flat on a reader: the reader's pad, its contactless waves, the
    card above it and an arrow pointing down; with `taking`, the arrow points up (take
    the card off the reader)."""

    def __init__(self, parent: QWidget | None = None, *, taking: bool = False) -> None:
        super().__init__(parent)
        self.taking = taking
        self.setObjectName("card_on_reader")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(current_theme().touch_px * 2, current_theme().touch_px * 2)

    def set_taking(self, taking: bool) -> None:
        if taking != self.taking:
            self.taking = taking
            self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, 520)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        theme = current_theme()
        primary = theme.qcolor("primary")
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        side = min(self.width(), self.height() * 1.15)
        painter.translate((self.width() - side) / 2, (self.height() - side / 1.15) / 2)
        painter.scale(side / 115.0, side / 115.0)  # a 115 x 100 canvas

        # The reader: a flat box seen slightly from above, with its pad.
        body = QPainterPath()
        body.moveTo(10, 78)
        body.lineTo(30, 62)
        body.lineTo(105, 62)
        body.lineTo(85, 78)
        body.closeSubpath()
        painter.setPen(QPen(theme.qcolor("text"), 1.6))
        painter.setBrush(theme.qcolor("surface_pressed"))
        painter.drawPath(body)
        front = QRectF(10, 78, 75, 8)
        painter.drawRect(front)
        side_path = QPainterPath()
        side_path.moveTo(85, 78)
        side_path.lineTo(105, 62)
        side_path.lineTo(105, 70)
        side_path.lineTo(85, 86)
        side_path.closeSubpath()
        painter.setBrush(theme.qcolor("border"))
        painter.drawPath(side_path)
        # Contactless waves on the pad.
        pen = QPen(primary, 1.8)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for r in (4.0, 8.0, 12.0):
            painter.drawArc(QRectF(57.5 - r, 70 - r * 0.45, 2 * r, r * 0.9), 20 * 16, 140 * 16)

        # The card, floating above, same perspective.
        card = QPainterPath()
        card.moveTo(22, 40)
        card.lineTo(40, 26)
        card.lineTo(95, 26)
        card.lineTo(77, 40)
        card.closeSubpath()
        painter.setPen(QPen(primary, 1.8))
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawPath(card)
        chip = QPainterPath()
        chip.moveTo(36, 35)
        chip.lineTo(40, 32)
        chip.lineTo(47, 32)
        chip.lineTo(43, 35)
        chip.closeSubpath()
        painter.setBrush(QColor("#D9B44A"))
        painter.setPen(QPen(QColor("#8A6D1F"), 0.8))
        painter.drawPath(chip)
        painter.setPen(QPen(primary, 1.2))
        for y, (x0, x1) in ((30.0, (60, 85)), (34.0, (55, 80))):
            painter.drawLine(QPointF(x0, y), QPointF(x1, y))

        # The arrow: down onto the pad, or up and away from it.
        pen = QPen(primary, 3.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)   # an open chevron, not a filled head
        head = QPainterPath()
        if self.taking:
            painter.drawLine(QPointF(100, 22), QPointF(100, 6))
            head.moveTo(94.5, 11)
            head.lineTo(100, 5)
            head.lineTo(105.5, 11)
        else:
            painter.drawLine(QPointF(57.5, 43), QPointF(57.5, 57))
            head.moveTo(52, 52)
            head.lineTo(57.5, 58)
            head.lineTo(63, 52)
        painter.drawPath(head)
        painter.end()


# --- where the access key is printed --------------------------------------------------------

# ICAO 9303's fictitious specimen (Utopia), never a real person: the drawing shows the shape
# of the lines, not anybody's data.
SPECIMEN_MRZ = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)
SPECIMEN_CAN = "123456"
# The three fields the citizen types, as (line, first column, length) of the TD1 MRZ
# (ICAO 9303-5: document number in line 1 columns 6-14, birth date in line 2 columns
# 1-6, expiry date in line 2 columns 9-14); their badges 1-3 match the field buttons.
MRZ_FIELDS: dict[str, tuple[int, int, int]] = {
    "document": (0, 5, 9),
    "birth": (1, 0, 6),
    "expiry": (1, 8, 6),
}
MRZ_FIELD_ORDER = ("document", "birth", "expiry")
CARD_ASPECT = 85.6 / 54.0    # ID-1 card
ZOOM_SHOWN = 0.62            # zoomed on the back: the lowest 62 % (badge 1 and the three lines)
MONO_FAMILIES = ["DejaVu Sans Mono", "Noto Sans Mono", "WenQuanYi Micro Hei Mono"]


def _mono_font(pixel_size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(MONO_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFixedPitch(True)
    font.setPixelSize(max(6, round(pixel_size)))
    font.setBold(bold)
    return font


class CardAccessDrawing(QWidget):
    """An ID card seen from the front (the six-digit access number, bottom right) or the
    back (the three lines of letters and '<' at the bottom, with the document number,
    the birth date and the expiry date marked 1, 2, 3). The field being typed is marked
    strongly, the others lightly, so the citizen finds each one on their own card.

    Drawn in widget pixels (fractions of the card's width) rather than on a scaled
    canvas: small monospace text stays crisp."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card_access_drawing")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(current_theme().touch_px * 3, current_theme().touch_px * 2)
        self._side = "front"
        self._highlight = "can"
        self._zoom = False

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(640, 420)

    def set_zoom(self, zoom: bool) -> None:
        """Show only the lower part of the back (the machine-readable lines), larger:
        where room is short, the lines matter more than the whole card."""
        self._zoom = zoom
        self.update()

    def set_side(self, side: str, highlight: str = "") -> None:
        """`side`: "front" or "back"; `highlight`: "can", "document", "birth", "expiry"."""
        if side not in ("front", "back"):
            raise ValueError(f"unknown card side {side!r}")
        self._side, self._highlight = side, highlight
        self.update()

    def side(self) -> str:
        return self._side

    def highlight(self) -> str:
        return self._highlight

    def _card_rect(self) -> QRectF:
        """The whole card in widget pixels (partly outside the widget when zoomed)."""
        margin = 8.0
        w = max(1.0, self.width() - 2 * margin)
        h = max(1.0, self.height() - 2 * margin)
        # The share of the card's height shown: all of it when there is room, else (zoomed)
        # down to its lowest ZOOM_SHOWN, at the full width.
        shown = min(1.0, max(ZOOM_SHOWN, h * CARD_ASPECT / w)) if self._zoomed() else 1.0
        if w / h > CARD_ASPECT / shown:
            w = h * CARD_ASPECT / shown
        card_h = w / CARD_ASPECT
        left = (self.width() - w) / 2
        # The part shown is the card's bottom: centred in the widget.
        top = self.height() / 2 - card_h * (1 - shown / 2)
        return QRectF(left, top, w, card_h)

    def _zoomed(self) -> bool:
        return self._zoom and self._side == "back"

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        theme = current_theme()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        card = self._card_rect()
        w = card.width()
        painter.setClipRect(self.rect())
        painter.setPen(QPen(theme.qcolor("border"), max(2.0, w * 0.006)))
        painter.setBrush(QColor("#F7F4EC"))   # the warm off-white of security paper
        painter.drawRoundedRect(card, w * 0.045, w * 0.045)
        if self._side == "front":
            self._paint_front(painter, card, theme)
        else:
            self._paint_back(painter, card, theme)
        painter.end()

    def _mark(self, painter: QPainter, rect: QRectF, strong: bool, theme) -> None:
        w = self._card_rect().width()
        if strong:
            fill = theme.qcolor("primary_soft")
            pen = QPen(theme.qcolor("primary"), max(3.0, w * 0.008))
        else:
            fill = QColor(0, 0, 0, 0)
            pen = QPen(theme.qcolor("border"), max(1.5, w * 0.005))
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, w * 0.012, w * 0.012)

    def _badge(self, painter: QPainter, centre: QPointF, number: int, strong: bool, theme) -> None:
        w = self._card_rect().width()
        r = w * 0.035
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.qcolor("primary") if strong else theme.qcolor("border"))
        painter.drawEllipse(centre, r, r)
        painter.setPen(theme.qcolor("on_primary"))
        font = fonts.ui_font(max(8, round(r * 1.3)), QFont.Weight.Bold)
        painter.setFont(font)
        painter.drawText(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter, str(number))

    def _paint_front(self, painter: QPainter, card: QRectF, theme) -> None:
        w, h = card.width(), card.height()
        x0, y0 = card.left(), card.top()
        muted = theme.qcolor("border")
        # Portrait: a head and shoulders in a frame.
        photo = QRectF(x0 + w * 0.06, y0 + h * 0.2, w * 0.26, h * 0.58)
        painter.setPen(QPen(muted, max(1.5, w * 0.004)))
        painter.setBrush(QColor("#E4E8EE"))
        painter.drawRoundedRect(photo, w * 0.01, w * 0.01)
        painter.setBrush(QColor("#B9C2CF"))
        painter.setPen(Qt.PenStyle.NoPen)
        head = photo.width() * 0.36
        painter.drawEllipse(QPointF(photo.center().x(), photo.top() + photo.height() * 0.38), head / 2, head * 0.62)
        shoulders = QPainterPath()
        shoulders.moveTo(photo.left() + photo.width() * 0.12, photo.bottom())
        shoulders.cubicTo(photo.left() + photo.width() * 0.15, photo.top() + photo.height() * 0.68,
                          photo.right() - photo.width() * 0.15, photo.top() + photo.height() * 0.68,
                          photo.right() - photo.width() * 0.12, photo.bottom())
        shoulders.closeSubpath()
        painter.drawPath(shoulders)
        # Title bar and text lines (no words: every language reads the same picture).
        painter.fillRect(QRectF(x0 + w * 0.06, y0 + h * 0.07, w * 0.6, h * 0.06), theme.qcolor("surface_pressed"))
        pen = QPen(muted, max(2.0, h * 0.03))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        for i, length in enumerate((0.5, 0.42, 0.3, 0.46, 0.22)):
            y = y0 + h * (0.26 + i * 0.1)
            painter.drawLine(QPointF(x0 + w * 0.38, y), QPointF(x0 + w * (0.38 + length), y))
        # The chip's contactless logo (ICAO's), top right.
        logo = QRectF(x0 + w * 0.82, y0 + h * 0.06, w * 0.1, h * 0.1)
        painter.setPen(QPen(muted, max(1.5, w * 0.004)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(logo)
        painter.drawEllipse(logo.center(), logo.height() * 0.28, logo.height() * 0.28)
        # The card access number, bottom right, marked.
        font = _mono_font(h * 0.11, bold=True)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        text_w = metrics.horizontalAdvance(SPECIMEN_CAN)
        box = QRectF(0, 0, text_w + w * 0.05, metrics.height() * 1.25)
        box.moveBottomRight(QPointF(card.right() - w * 0.05, card.bottom() - h * 0.06))
        self._mark(painter, box, self._highlight == "can", theme)
        painter.setPen(theme.qcolor("text"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, SPECIMEN_CAN)

    def _paint_back(self, painter: QPainter, card: QRectF, theme) -> None:
        w, h = card.width(), card.height()
        x0, y0 = card.left(), card.top()
        muted = theme.qcolor("border")
        pen = QPen(muted, max(2.0, h * 0.03))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        for i, length in enumerate((0.55, 0.4, 0.62)):
            y = y0 + h * (0.1 + i * 0.09)
            painter.drawLine(QPointF(x0 + w * 0.06, y), QPointF(x0 + w * (0.06 + length), y))
        # The machine-readable zone: three lines of 30 characters across the card.
        zone = QRectF(x0 + w * 0.035, y0 + h * 0.46, w * 0.93, h * 0.5)
        painter.fillRect(zone, QColor("#FFFFFF"))
        columns = len(SPECIMEN_MRZ[0])
        font = _mono_font(1.0)
        probe = QFontMetricsF(_mono_font(100))
        # The largest size at which 30 characters fill the zone's width.
        size = 100 * zone.width() * 0.96 / (probe.horizontalAdvance("<") * columns)
        font = _mono_font(min(size, zone.height() / 3 / 1.35))
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        advance = metrics.horizontalAdvance("<")
        line_h = zone.height() / 3
        left = zone.left() + (zone.width() - advance * columns) / 2

        def cell_rect(line: int, col: int, count: int) -> QRectF:
            return QRectF(left + col * advance, zone.top() + line * line_h + line_h * 0.1, advance * count, line_h * 0.8)

        # Marks under the text, badges over it.
        badges = []
        for number, name in enumerate(MRZ_FIELD_ORDER, start=1):
            line, col, count = MRZ_FIELDS[name]
            rect = cell_rect(line, col, count).adjusted(-advance * 0.1, 0, advance * 0.1, 0)
            strong = self._highlight == name
            self._mark(painter, rect, strong, theme)
            badges.append((number, rect, strong))
        painter.setFont(font)
        for line, text in enumerate(SPECIMEN_MRZ):
            # The third line (the name) is not typed: drawn faint, under the badges.
            painter.setPen(theme.qcolor("text" if line < 2 else "placeholder"))
            for col, char in enumerate(text):
                painter.drawText(cell_rect(line, col, 1), Qt.AlignmentFlag.AlignCenter, char)
        r = w * 0.035
        for number, rect, strong in badges:
            # Document number: badge above its line; the dates: below theirs (line 2's
            # neighbours would be covered otherwise).
            if number == 1:
                centre = QPointF(rect.center().x(), rect.top() - r * 1.1)
            else:
                centre = QPointF(rect.center().x(), rect.bottom() + r * 1.1)
            self._badge(painter, centre, number, strong, theme)
