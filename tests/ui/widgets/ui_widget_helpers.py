"""Input simulation shared by the widget tests (imported by name: pytest puts this folder
on sys.path, as it has no __init__.py)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def signature_points(width: int, height: int, n: int = 60) -> list[QPoint]:
    """A looping, signature-like stroke across the middle of a width x height area."""
    points = []
    for i in range(n):
        t = i / (n - 1)
        x = width * (0.15 + 0.7 * t) + width * 0.04 * math.sin(t * 14)
        y = height * (0.5 + 0.18 * math.sin(t * 9))
        points.append(QPoint(round(x), round(y)))
    return points


def mouse_drag(widget: QWidget, points: list[QPoint]) -> None:
    """Press at the first point, move through the others, release at the last."""
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for point in points[1:]:
        QTest.mouseMove(widget, point)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])


def touch_drag(widget: QWidget, points: list[QPoint], touch_id: int = 0, device=None) -> None:
    """The same drag as a finger: TouchBegin, TouchUpdate..., TouchEnd."""
    device = device or QTest.createTouchDevice()
    QTest.touchEvent(widget, device).press(touch_id, points[0], widget).commit()
    for point in points[1:]:
        QTest.touchEvent(widget, device).move(touch_id, point, widget).commit()
    QTest.touchEvent(widget, device).release(touch_id, points[-1], widget).commit()


def draw_signature(qtbot, pad: QWidget) -> None:
    mouse_drag(pad, signature_points(pad.width(), pad.height()))
    mouse_drag(pad, [QPoint(round(pad.width() * 0.3), round(pad.height() * 0.3)),
                     QPoint(round(pad.width() * 0.45), round(pad.height() * 0.62))])
