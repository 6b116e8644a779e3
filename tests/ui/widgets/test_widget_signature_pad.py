"""Signature pad: mouse and touch strokes, what counts as signed, the PNG export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from ui.widgets.signature_pad import SignaturePad, polyline_length, smooth_path
from .ui_widget_helpers import mouse_drag, signature_points, touch_drag

pytestmark = pytest.mark.ui


@pytest.fixture
def pad(qtbot, kiosk_theme) -> SignaturePad:
    widget = SignaturePad()
    qtbot.addWidget(widget)
    widget.resize(1200, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _ink_pixels(image: QImage, ink: str = "#0A1F44") -> int:
    """Pixels (on a 2-px grid) of the ink's colour; the hint and the baseline are lighter."""
    target = QColor(ink)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = QColor(image.pixel(x, y))
            if max(abs(c.red() - target.red()), abs(c.green() - target.green()), abs(c.blue() - target.blue())) <= 24:
                count += 1
    return count


def test_a_mouse_drag_is_a_stroke(qtbot, pad) -> None:
    assert pad.is_empty() and not pad.is_signed()
    with qtbot.waitSignal(pad.changed):
        mouse_drag(pad, signature_points(pad.width(), pad.height()))
    assert pad.stroke_count() == 1
    assert not pad.is_empty()
    assert pad.is_signed()
    assert pad.ink_length_px() > pad.width() * 0.5


def test_a_touch_drag_is_a_stroke_and_not_doubled_as_mouse(qtbot, pad) -> None:
    touch_drag(pad, signature_points(pad.width(), pad.height()))
    assert pad.stroke_count() == 1  # Qt synthesises no mouse stroke from accepted touches
    assert pad.is_signed()


def test_a_second_finger_is_ignored(qtbot, pad) -> None:
    device = QTest.createTouchDevice()
    QTest.touchEvent(pad, device).press(0, QPoint(100, 200), pad).commit()
    seq = QTest.touchEvent(pad, device)
    seq.move(0, QPoint(300, 220), pad)
    seq.press(1, QPoint(900, 100), pad)  # a palm lands
    seq.commit()
    seq = QTest.touchEvent(pad, device)
    seq.move(0, QPoint(500, 240), pad)
    seq.move(1, QPoint(950, 300), pad)
    seq.commit()
    seq = QTest.touchEvent(pad, device)
    seq.release(0, QPoint(600, 240), pad)
    seq.release(1, QPoint(950, 300), pad)
    seq.commit()
    assert pad.stroke_count() == 1
    xs = [x for x, _ in pad.strokes()[0]]
    assert max(xs) <= 600  # nothing of the second finger's path


def test_a_dot_or_a_scratch_is_not_a_signature(qtbot, pad) -> None:
    mouse_drag(pad, [QPoint(300, 200)])
    assert pad.stroke_count() == 1
    assert not pad.is_signed()
    mouse_drag(pad, [QPoint(300, 200), QPoint(310, 205), QPoint(320, 200)])
    assert pad.stroke_count() == 2
    assert not pad.is_signed()


def test_several_short_strokes_add_up(qtbot, pad, kiosk_theme) -> None:
    needed = kiosk_theme.mm_to_px(pad.min_ink_mm)
    step = needed // 3 + 2
    for i in range(3):
        y = 100 + i * 60
        mouse_drag(pad, [QPoint(200, y), QPoint(200 + step, y)])
    assert pad.ink_length_px() >= needed
    assert pad.is_signed()


def test_clear_empties_and_signals(qtbot, pad) -> None:
    mouse_drag(pad, signature_points(pad.width(), pad.height()))
    with qtbot.waitSignal(pad.changed):
        pad.clear()
    assert pad.is_empty() and pad.stroke_count() == 0 and not pad.is_signed()
    with qtbot.assertNotEmitted(pad.changed):
        pad.clear()  # nothing to clear: no change


def test_png_has_ink_on_white_cropped_with_a_margin(qtbot, pad) -> None:
    points = signature_points(pad.width(), pad.height())
    mouse_drag(pad, points)
    data = pad.to_png(margin_px=20)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage.fromData(data, "PNG")
    assert not image.isNull()
    xs = [p.x() for p in points]
    ys = [p.y() for p in points]
    # Cropped: about the ink's extent plus the margins, far smaller than the pad.
    assert image.width() < pad.width() and image.height() < pad.height()
    assert image.width() >= max(xs) - min(xs) + 40
    assert image.height() >= max(ys) - min(ys) + 40
    assert _ink_pixels(image) > 50
    for corner in ((0, 0), (image.width() - 1, 0), (0, image.height() - 1), (image.width() - 1, image.height() - 1)):
        assert QColor(image.pixel(*corner)).name() == "#ffffff"
    for y in range(image.height()):  # the margin rows and columns are white
        assert QColor(image.pixel(5, y)).name() == "#ffffff"


def test_exporting_an_empty_pad_is_an_error(pad) -> None:
    with pytest.raises(ValueError, match="empty"):
        pad.to_png()


def test_the_pad_shows_the_ink_and_the_hint_disappears(qtbot, pad) -> None:
    empty = pad.grab().toImage()
    mouse_drag(pad, signature_points(pad.width(), pad.height()))
    signed = pad.grab().toImage()
    assert _ink_pixels(empty) == 0
    assert _ink_pixels(signed) > 100


def test_hint_follows_the_language(pad, language) -> None:
    language("zh_CN")
    assert pad.accessibleName() == "请在此处签名"
    language("vi")
    assert pad.accessibleName() == "Ký tên tại đây"


def test_smoothing_passes_through_the_end_points() -> None:
    points = [QPointF(0, 0), QPointF(10, 10), QPointF(20, 0), QPointF(30, 10)]
    path = smooth_path(points)
    assert path.pointAtPercent(0) == points[0]
    assert path.pointAtPercent(1) == points[-1]
    assert path.length() <= polyline_length(points)  # smoothing cuts corners, never adds
    dot = smooth_path([QPointF(5, 5)])
    assert dot.elementCount() == 2 and dot.length() < 0.1


def test_a_dot_leaves_visible_ink(qtbot, pad) -> None:
    mouse_drag(pad, [QPoint(300, 200)])
    assert _ink_pixels(QImage.fromData(pad.to_png(), "PNG")) > 0