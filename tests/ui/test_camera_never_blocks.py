"""The screen keeps running while the camera driver hangs, vanishes and comes back.

A fake VideoCapture stands in for the device so the test controls it exactly: frames
flow, then read() blocks (a driver stuck in the kernel), then the device is unplugged
(reads fail, reopening fails), then it is plugged back. Through all of it a GUI QTimer
must keep ticking and the preview must recover on its own.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
from PySide6.QtCore import QTimer

from hardware.opencv_camera import CameraStatus, OpenCVCamera
from ui.screens.preview import PreviewFeed
from ui.widgets import CameraView

pytestmark = pytest.mark.ui
WAIT_MS = 30_000   # a safety bound, not a timing expectation


class Device:
    """Shared state of the fake camera: flowing, hanging, or unplugged."""

    def __init__(self) -> None:
        self.flowing = threading.Event()
        self.flowing.set()
        self.plugged = True
        self.stop = threading.Event()

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
        while not self.device.flowing.wait(0.05):     # hangs while "stuck"
            if self.device.stop.is_set():
                break
        if not self.device.plugged:
            return False, None
        self.device.stop.wait(0.01)
        self.n += 1
        frame = np.zeros((120, 160, 3), np.uint8)
        frame[:, : self.n % 160] = 200
        return True, frame

    def release(self):
        pass


def test_gui_timer_ticks_while_the_camera_hangs_vanishes_and_returns(qtbot):
    device = Device()
    camera = OpenCVCamera("0", reconnect_seconds=0.05, capture_factory=device.capture)
    camera.open()
    view = CameraView()
    qtbot.addWidget(view)
    feed = PreviewFeed(view)
    ticks = {"n": 0}
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.__setitem__("n", ticks["n"] + 1))
    timer.start()
    try:
        feed.start(camera)
        qtbot.waitUntil(lambda: feed.frames_shown >= 3, timeout=WAIT_MS)

        # 1. the driver hangs inside read(): the GUI keeps ticking, the picture just stops changing
        device.flowing.clear()
        before = ticks["n"]
        qtbot.waitUntil(lambda: ticks["n"] >= before + 20, timeout=WAIT_MS)
        device.flowing.set()
        shown = feed.frames_shown
        qtbot.waitUntil(lambda: feed.frames_shown > shown, timeout=WAIT_MS)

        # 2. unplugged: the driver notices, the view falls back to its placeholder
        device.plugged = False
        qtbot.waitUntil(lambda: camera.status is CameraStatus.RECONNECTING, timeout=WAIT_MS)
        before = ticks["n"]
        qtbot.waitUntil(lambda: ticks["n"] >= before + 20 and view.frame_size().isEmpty(), timeout=WAIT_MS)

        # 3. plugged back: frames again, with nobody reopening anything
        device.plugged = True
        shown = feed.frames_shown
        qtbot.waitUntil(lambda: camera.status is CameraStatus.RUNNING and feed.frames_shown > shown,
                        timeout=WAIT_MS)
        assert camera.reconnects >= 1
    finally:
        timer.stop()
        feed.stop()
        device.stop.set()
        device.flowing.set()
        camera.close()
