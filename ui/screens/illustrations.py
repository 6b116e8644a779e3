"""Simple drawings that show what to do (drawn, so they scale and take the theme's colours)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import current_theme


class CardOnReader(QWidget):
    """A card being laid flat on a reader: the reader's pad, its contactless waves, the
    card above it and an arrow pointing down."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card_on_reader")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(current_theme().touch_px * 2, current_theme().touch_px * 2)

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

        # The arrow: down onto the pad.
        pen = QPen(primary, 3.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawLine(QPointF(57.5, 43), QPointF(57.5, 57))
        head = QPainterPath()
        head.moveTo(52, 52)
        head.lineTo(57.5, 58)
        head.lineTo(63, 52)
        painter.drawPath(head)
        painter.end()
