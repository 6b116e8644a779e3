"""The screen keeps running while the camera driver hangs, vanishes and comes back.

A fake VideoCapture stands in for the device so the test controls it exactly: frames
flow, then read() blocks (a driver stuck in the kernel), then the device is unplugged
(reads fail, reopening fails), then it is plugged back. Through all of it a GUI QTimer
must keep ticking and the preview must recover on its own.

Ticks alone would not catch a read on the GUI thread (a read with a timeout only slows
them; a read that hangs for good hangs the test), so every read, of the camera and of
the fake driver, reports its thread to a `GuiThreadWatch`, which fails the test at once.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
from PySide6.QtCore import QTimer

from hardware.camera.opencv import CameraStatus, OpenCVCamera
from tests.ui.gui_thread import GuiThreadWatch
from ui.screens.preview import PreviewFeed
from ui.widgets import CameraView

pytestmark = pytest.mark.ui


class Device:
    """Shared state of the fake camera: flowing, hanging, or unplugged."""

    def __init__(self, watch: GuiThreadWatch) -> None:
        self.watch = watch
        self.flowing = threading.Event()
        self.flowing.set()
        self.plugged = True
        self.stop = threading.Event()   # set by the test: ends every hang

    def capture(self, target, api):
        return _Capture(self) if self.plugged else _Closed()


class _Closed:
    def isOpened(self):
        return False

    def release(self):
        pass


class _Capture:
    def __init__(self, device: Device) -> None:
        self.device = device
        self.n = 0

    def isOpened(self):
        return True

    def set(self, prop, value):
        return True

    def read(self):
        self.device.watch.check("VideoCapture.read")
        while not self.device.flowing.wait(0.05):     # hangs while "stuck", until the test stops
            if self.device.stop.is_set():
                return False, None
        if not self.device.plugged:
            return False, None
        self.device.stop.wait(0.01)
        self.n += 1
        frame = np.zeros((120, 160, 3), np.uint8)
        frame[:, : self.n % 160] = 200
        return True, frame

    def release(self):
        pass


class WatchedCamera(OpenCVCamera):
    """The real driver; its reads (read() goes through read_indexed(); the preview's read_newer())
    report their thread."""

    def __init__(self, device: Device) -> None:
        super().__init__("0", reconnect_seconds=0.05, capture_factory=device.capture)
        self.watch = device.watch

    def read_indexed(self, timeout: float = 1.0):
        self.watch.check("OpenCVCamera.read")
        return super().read_indexed(timeout)

    def read_newer(self, after: int, timeout: float = 1.0):
        self.watch.check("OpenCVCamera.read_newer")
        return super().read_newer(after, timeout)


def test_gui_timer_ticks_while_the_camera_hangs_vanishes_and_returns(qtbot):
    watch = GuiThreadWatch()
    device = Device(watch)
    camera = WatchedCamera(device)
    camera.open()
    view = CameraView()
    qtbot.addWidget(view)
    feed = PreviewFeed(view)
    ticks = {"n": 0}
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.__setitem__("n", ticks["n"] + 1))
    timer.start()

    def wait(condition, expected) -> None:
        watch.wait_until(qtbot, condition, expected)

    try:
        feed.start(camera)
        wait(lambda: feed.frames_shown >= 3, lambda: f"3 frames on screen (shown {feed.frames_shown})")

        # 1. the driver hangs inside read(): the GUI keeps ticking, the picture just stops changing
        device.flowing.clear()
        before = ticks["n"]
        wait(lambda: ticks["n"] >= before + 20,
             lambda: f"20 GUI ticks while the driver hangs (ticked {ticks['n'] - before})")
        device.flowing.set()
        shown = feed.frames_shown
        wait(lambda: feed.frames_shown > shown, "a new frame once the driver answers again")

        # 2. unplugged: the driver notices, the view falls back to its placeholder
        device.plugged = False
        wait(lambda: camera.status is CameraStatus.RECONNECTING,
             lambda: f"the camera to reconnect after the unplug (status {camera.status.value})")
        before = ticks["n"]
        wait(lambda: ticks["n"] >= before + 20 and view.frame_size().isEmpty(),
             lambda: f"20 GUI ticks (ticked {ticks['n'] - before}) and the placeholder "
                     f"(frame size {view.frame_size().toTuple()}) while unplugged")

        # 3. plugged back: frames again, with nobody reopening anything
        device.plugged = True
        shown = feed.frames_shown
        wait(lambda: camera.status is CameraStatus.RUNNING and feed.frames_shown > shown,
             lambda: f"frames again after the re-plug (status {camera.status.value})")
        assert camera.reconnects >= 1
        assert watch.reads > 0
    finally:
        timer.stop()
        feed.stop()
        device.stop.set()
        device.flowing.set()
        camera.close()
    watch.assert_no_gui_reads()
