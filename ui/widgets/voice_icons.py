"""Pictures for the voice guidance's buttons in the bottom bar: a loudspeaker with a
circling arrow ('Repeat') and with louder waves and a plus ('Louder').

Pictures, not words: with the voice on, the bar holds eight buttons, and in large text
their words do not fit 1920 px. A citizen who turned the voice on listens more than
reads; the button keeps its word as its accessible name, and the picture is the
loudspeaker they know from phones and radios.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

REPEAT = "repeat"
LOUDER = "louder"


def voice_icon(kind: str, side: int, colour: QColor) -> QIcon:
    """The picture `kind` (`REPEAT` or `LOUDER`), `side` px square, in `colour`."""
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.scale(side / 100.0, side / 100.0)   # drawn on a 100 x 100 canvas
    pen = QPen(colour, 7)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    _speaker(painter, colour)
    (_repeat if kind == REPEAT else _louder)(painter, colour)
    painter.end()
    return QIcon(pixmap)


def _speaker(p: QPainter, colour: QColor) -> None:
    p.setBrush(colour)
    p.drawPolygon(QPolygonF([QPointF(8, 38), QPointF(22, 38), QPointF(40, 22), QPointF(40, 78),
                             QPointF(22, 62), QPointF(8, 62)]))
    p.setBrush(Qt.BrushStyle.NoBrush)


def _repeat(p: QPainter, colour: QColor) -> None:
    # Most of a circle around the sound, its end an arrow head: "once more".
    box = QRectF(50, 26, 44, 48)
    p.drawArc(box, 60 * 16, 280 * 16)
    head = QPainterPath(QPointF(83, 21))
    head.lineTo(84, 35)
    head.lineTo(70, 30)
    p.drawPath(head)


def _louder(p: QPainter, colour: QColor) -> None:
    # Two waves, and a plus: "more sound".
    for r in (12, 24):
        p.drawArc(QRectF(40 - r, 50 - r * 1.3, 2 * r, 2.6 * r), -50 * 16, 100 * 16)
    p.drawLine(QPointF(82, 14), QPointF(82, 38))
    p.drawLine(QPointF(70, 26), QPointF(94, 26))
