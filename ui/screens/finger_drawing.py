"""Where to put which finger: a hand seen from above, the finger to press in colour,
moving down onto the scanner's glass and back (drawn, so it scales and takes the theme).

The hand is drawn palm down, as it lies on the scanner: a right hand has its thumb on
the left. The scanner's glass lights up while the sensor feels a finger.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import current_theme

# Finger names as the workflow gives them: "<hand>_<finger>".
_ORDER = ("thumb", "index", "middle", "ring", "little")
# Per finger of a right hand seen from above, palm down, fingers pointing up to the
# scanner (thumb at the left): x and y of its base on the palm, length, width, tilt in
# degrees (clockwise from straight up).
_RIGHT = {
    "thumb": (-27.0, 18.0, 22.0, 11.0, -38.0),
    "index": (-17.0, 0.0, 34.0, 10.0, -6.0),
    "middle": (-5.0, -2.0, 38.0, 10.0, 0.0),
    "ring": (7.0, 0.0, 35.0, 9.5, 5.0),
    "little": (18.0, 4.0, 27.0, 8.5, 12.0),
}
# A thumb to press is held out straight along the hand, or it could not reach the glass.
_THUMB_HELD_OUT = (-30.0, 8.0, 40.0, 11.0, -15.0)
SKIN = "#F1DCCB"
FRAME_MS = 40
PERIOD_S = 2.4


class FingerOnScanner(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finger_drawing")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(current_theme().touch_px * 2, current_theme().touch_px * 2)
        self.finger = "right_index"
        self.finger_on = False
        self.phase = 0.0           # 0..1 through the press: up, down onto the glass, up
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._step)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(560, 560)

    def set_finger(self, finger: str, finger_on: bool) -> None:
        if (finger, finger_on) != (self.finger, self.finger_on):
            self.finger, self.finger_on = finger, finger_on
            self.update()

    def animate(self, on: bool) -> None:
        if on:
            self._timer.start()
        else:
            self._timer.stop()
            self.phase = 0.5      # still: the finger on the glass (what a screenshot shows)
            self.update()

    def _step(self) -> None:
        self.phase = (self.phase + FRAME_MS / 1000 / PERIOD_S) % 1.0
        self.update()

    def _lift(self) -> float:
        """How high the hand floats above the glass (0 = touching), from the phase."""
        if self.finger_on:
            return 0.0
        return 14.0 * (0.5 + 0.5 * math.cos(2 * math.pi * self.phase))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        theme = current_theme()
        primary, text = theme.qcolor("primary"), theme.qcolor("text")
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        side = min(self.width(), self.height())
        painter.translate(self.width() / 2, (self.height() - side) / 2)
        painter.scale(side / 120.0, side / 120.0)   # canvas: x -60..60, y 0..120

        # The scanner at the top: its box and glass; the glass lights up under a finger.
        painter.setPen(QPen(text, 1.2))
        painter.setBrush(theme.qcolor("surface_pressed"))
        painter.drawRoundedRect(QRectF(-24, 4, 48, 34), 5, 5)
        painter.setBrush(theme.qcolor("success") if self.finger_on else QColor("#9FB3C8"))
        painter.drawRoundedRect(QRectF(-11, 10, 22, 22), 3, 3)

        hand, _, name = self.finger.partition("_")
        mirror = -1.0 if hand == "left" else 1.0
        shape = dict(_RIGHT)
        if name == "thumb":
            shape["thumb"] = _THUMB_HELD_OUT
        bx, by, ln, _wd, tilt = shape.get(name, shape["index"])
        t = math.radians(tilt)
        tip = QPointF(mirror * (bx + ln * math.sin(t)), by - ln * math.cos(t))
        lift = self._lift()
        painter.save()
        # Hand space: palm top at y=0; the chosen fingertip lands on the glass's centre.
        painter.translate(-tip.x(), 21 + lift - tip.y() + 3)
        painter.setPen(QPen(text, 1.0))
        painter.setBrush(QColor(SKIN))
        palm = QPainterPath()
        palm.addRoundedRect(QRectF(-26, -4, 52, 44), 12, 12)
        painter.drawPath(palm)
        for finger in _ORDER:
            fbx, fby, fln, fwd, ftl = shape[finger]
            chosen = finger == name
            length = fln if chosen else fln * (0.3 if name == "thumb" else 0.5)   # the others curled
            painter.save()
            painter.translate(mirror * fbx, fby)
            painter.rotate(mirror * ftl)
            painter.setBrush(primary if chosen else QColor(SKIN))
            painter.drawRoundedRect(QRectF(-fwd / 2, -length, fwd, length + fwd / 2), fwd / 2, fwd / 2)
            painter.restore()
        painter.restore()

        # An arrow beside the finger, on its thumb side (clear of the other fingers),
        # towards the glass, while the finger is not on it.
        if not self.finger_on:
            pen = QPen(primary, 2.2)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            x = -mirror * 26.0
            painter.drawLine(QPointF(x, 56), QPointF(x, 38))
            painter.drawLine(QPointF(x - 4, 43), QPointF(x, 38))
            painter.drawLine(QPointF(x + 4, 43), QPointF(x, 38))
        painter.end()
