"""Camera view: frames of any size, mirroring, overlays, no aliasing of the camera buffer."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QColor, QImage

from ui.widgets.camera_view import CameraView, frame_to_qimage

pytestmark = pytest.mark.ui

RED_BGR = (0, 0, 255)
BLUE_BGR = (255, 0, 0)


@pytest.fixture
def view(qtbot, kiosk_theme) -> CameraView:
    widget = CameraView()
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def halves(height: int, width: int) -> np.ndarray:
    """Left half red, right half blue (BGR)."""
    frame = np.zeros((height, width, 3), np.uint8)
    frame[:, : width // 2] = RED_BGR
    frame[:, width // 2 :] = BLUE_BGR
    return frame


def colour_at(image: QImage, x: float, y: float) -> QColor:
    return image.pixelColor(QPoint(int(x), int(y)))


def is_red(c: QColor) -> bool:
    return c.red() > 150 and c.blue() < 100


def is_blue(c: QColor) -> bool:
    return c.blue() > 150 and c.red() < 100


def test_frame_conversion_keeps_colours_and_size() -> None:
    image = frame_to_qimage(halves(48, 64))
    assert (image.width(), image.height()) == (64, 48)
    assert image.format() == QImage.Format.Format_RGB32
    assert is_red(image.pixelColor(0, 0)) and is_blue(image.pixelColor(63, 0))


def test_grey_and_strided_frames_are_accepted() -> None:
    grey = np.full((30, 40), 200, np.uint8)
    assert frame_to_qimage(grey).pixelColor(5, 5).red() == 200
    crop = halves(100, 200)[10:60, 50:150]  # a view: not contiguous
    assert not crop.flags.c_contiguous
    image = frame_to_qimage(crop)
    assert (image.width(), image.height()) == (100, 50)
    assert is_red(image.pixelColor(10, 10)) and is_blue(image.pixelColor(90, 10))


@pytest.mark.parametrize(
    "frame",
    [np.zeros((10, 10, 3), np.float32), np.zeros((10, 10, 4), np.uint8), np.zeros((10,), np.uint8)],
    ids=["float", "four-channels", "one-dimensional"],
)
def test_unsupported_frames_are_refused(frame) -> None:
    with pytest.raises(ValueError):
        frame_to_qimage(frame)


def test_the_picture_does_not_alias_the_camera_buffer(view) -> None:
    frame = halves(120, 160)
    view.set_frame(frame)
    before = view.grab().toImage()
    frame[:] = 0  # a driver reusing its buffer for the next frame
    after = view.grab().toImage()
    assert before == after


def test_frames_are_shown_mirrored(view) -> None:
    view.set_guide_visible(False)
    view.set_frame(halves(720, 1280))
    image = view.grab().toImage()
    assert is_blue(colour_at(image, 100, 360))   # the right half of the frame shows on the left
    assert is_red(colour_at(image, 1180, 360))
    view.set_mirrored(False)
    image = view.grab().toImage()
    assert is_red(colour_at(image, 100, 360))


# One view receives all the sizes in turn, as a real one does when the camera changes
# resolution: sharing the fixture across examples is the point.
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(width=st.integers(16, 1920), height=st.integers(16, 1080))
def test_frames_of_any_size_keep_their_aspect_ratio(view, width: int, height: int) -> None:
    view.set_frame(halves(height, width))
    picture = view.picture_rect()
    assert picture.width() / picture.height() == pytest.approx(width / height, rel=0.01)
    assert picture.width() <= view.width() + 0.5 and picture.height() <= view.height() + 0.5
    assert picture.width() == pytest.approx(view.width(), abs=0.5) or picture.height() == pytest.approx(view.height(), abs=0.5)
    assert picture.center().x() == pytest.approx(view.width() / 2, abs=0.5)


def test_painting_happens_for_every_new_frame(qtbot, view) -> None:
    painted = view.painted_frames
    for i in range(3):
        view.set_frame(halves(240 + i * 120, 320 + i * 160))
        view.repaint()
    assert view.painted_frames >= painted + 3
    assert view.frame_size().width() == 640


def test_letterbox_is_dark_for_a_portrait_frame(view, kiosk_theme) -> None:
    view.set_frame(halves(720, 540))
    image = view.grab().toImage()
    assert colour_at(image, 10, 360).name().upper() == kiosk_theme.palette.text.upper()


def test_face_box_is_mapped_mirrored_into_the_widget(view) -> None:
    view.set_frame(halves(360, 640))  # shown at twice its size
    mapped = view.frame_rect_to_widget((100, 50, 80, 100))
    assert mapped == QRectF(1280 - 2 * 180, 100, 160, 200)
    view.set_mirrored(False)
    assert view.frame_rect_to_widget((100, 50, 80, 100)) == QRectF(200, 100, 160, 200)


def test_face_box_is_drawn_and_removed(view) -> None:
    view.set_guide_visible(False)
    view.set_frame(np.full((360, 640, 3), 128, np.uint8))
    plain = view.grab().toImage()
    view.set_face_box((100, 50, 80, 100))
    boxed = view.grab().toImage()
    edge = view.frame_rect_to_widget((100, 50, 80, 100))
    assert colour_at(boxed, edge.left() + edge.width() / 2, edge.top()) != colour_at(plain, edge.left() + edge.width() / 2, edge.top())
    view.set_face_box(None)
    assert view.grab().toImage() == plain


def test_guide_dims_outside_the_oval_only(view) -> None:
    view.set_frame(np.full((720, 1280, 3), 200, np.uint8))
    image = view.grab().toImage()
    centre = colour_at(image, 640, 300)
    corner = colour_at(image, 20, 20)
    assert centre.value() == 200
    assert corner.value() < 170


def test_instruction_banner_and_countdown(view) -> None:
    view.set_frame(np.full((720, 1280, 3), 200, np.uint8))
    base = view.grab().toImage()
    view.set_instruction("Come a little closer")
    with_banner = view.grab().toImage()
    assert view.instruction() == "Come a little closer"
    assert colour_at(with_banner, 5, 715) != colour_at(base, 5, 715)  # the banner's band
    assert colour_at(with_banner, 640, 300) == colour_at(base, 640, 300)
    view.set_countdown(3)
    counting = view.grab().toImage()
    assert view.countdown() == 3
    disc = view.countdown_rect().center()
    assert colour_at(counting, disc.x(), disc.y()) != colour_at(with_banner, disc.x(), disc.y())  # the disc
    # ... beside the oval: the face stays in sight while the count runs.
    assert not view.countdown_rect().intersects(view.guide_rect())
    oval = view.guide_rect()
    for x, y in ((oval.center().x(), oval.center().y()), (oval.center().x(), oval.top() + oval.height() / 4)):
        assert colour_at(counting, x, y) == colour_at(with_banner, x, y)
    view.set_countdown(None)
    view.set_instruction("")
    assert view.grab().toImage() == base


def test_waiting_text_until_the_first_frame(view, language) -> None:
    language("vi")
    assert view._waiting_text == "Đang khởi động camera…"
    waiting = view.grab().toImage()
    view.set_frame(np.full((72, 128, 3), 200, np.uint8))
    view.clear_frame()
    assert view.grab().toImage() == waiting
