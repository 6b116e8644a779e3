"""The mirror shows each frame the camera delivers when it arrives, not at a timer's pace.

Before, a 40 ms timer took whatever frame was newest: a 30 fps camera reached the screen
at 25 fps at best, every frame waited up to 40 ms more, and a frame that came between two
ticks never showed. Here a camera hands out numbered frames one at a time, only when the
test says so; the feed's own timer is stopped, so a frame can only reach the screen
because it arrived. Each one must be painted before the next is released.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest

from hardware.camera import Camera
from hardware.errors import CameraUnavailable
from ui.screens.preview import PreviewFeed
from ui.widgets import CameraView

pytestmark = pytest.mark.ui
WAIT_MS = 5000


class SteppedCamera(Camera):
    """Frame n exists once the test released it; `read_newer` waits for it as drivers do."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.released = 0

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def release(self) -> None:
        with self._cond:
            self.released += 1
            self._cond.notify_all()

    def _frame(self, n: int) -> np.ndarray:
        frame = np.zeros((120, 160, 3), np.uint8)
        frame[:, : n % 160] = 200
        return frame

    def read(self, timeout: float = 1.0) -> np.ndarray:
        with self._cond:
            if self.released == 0:
                raise CameraUnavailable("no frame yet")
            return self._frame(self.released)

    def read_newer(self, after: int, timeout: float = 1.0):
        with self._cond:
            if not self._cond.wait_for(lambda: self.released > after, timeout):
                raise CameraUnavailable("no frame within the time")
            return self.released, self._frame(self.released)


def test_every_delivered_frame_is_painted_as_it_arrives(qtbot):
    view = CameraView()
    qtbot.addWidget(view)
    view.resize(320, 240)
    view.show()
    feed = PreviewFeed(view)
    camera = SteppedCamera()
    feed.start(camera)
    feed._timer.stop()          # no ticks: only an arriving frame can bring a picture
    try:
        for n in range(1, 11):
            painted = view.painted_frames
            camera.release()
            qtbot.waitUntil(lambda: feed.frames_shown == n and view.painted_frames > painted, timeout=WAIT_MS)
        assert feed.frames_shown == 10
    finally:
        feed.stop()
