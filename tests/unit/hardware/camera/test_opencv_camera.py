"""The OpenCV camera driver: newest frame only, survives its source vanishing and returning.

A real V4L2 device (or v4l2loopback) is not available here, so the source is a short
video file: removing the file makes the driver lose its camera at the end of the clip,
restoring it brings the camera back, exactly the path a re-plugged USB camera takes.
A fake capture object stands in for a driver that hangs in read().
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path
from typing import Callable

import cv2
import numpy as np
import pytest

from hardware.errors import CameraUnavailable
from hardware.camera.opencv import CameraStatus, OpenCVCamera, parse_source

SAFETY_S = 30.0


def wait_until(predicate: Callable[[], bool]) -> None:
    deadline = time.monotonic() + SAFETY_S
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.005)


def make_clip(path: Path, frames: int = 6, size=(160, 120)) -> Path:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30, size)
    assert writer.isOpened()
    for i in range(frames):
        frame = np.full((size[1], size[0], 3), 40 * i % 255, np.uint8)
        cv2.putText(frame, str(i), (10, 80), cv2.FONT_HERSHEY_SIMPLEX, 2, (255, 255, 255), 3)
        writer.write(frame)
    writer.release()
    return path


@pytest.fixture
def clip(tmp_path) -> Path:
    return make_clip(tmp_path / "clip.avi")


def test_source_kinds():
    assert parse_source("0")[0] == 0 and parse_source("0")[2] is True
    assert parse_source(2)[0] == 2
    assert parse_source("/dev/video1")[2] is True
    assert parse_source("v4l2src ! videoconvert ! appsink")[1] == cv2.CAP_GSTREAMER
    assert parse_source("rtsp://cam/stream")[1] == cv2.CAP_FFMPEG
    assert parse_source("/tmp/clip.avi")[2] is False


def test_missing_source_is_reported_at_open(tmp_path):
    cam = OpenCVCamera(str(tmp_path / "nothing.avi"))
    with pytest.raises(CameraUnavailable):
        cam.open()
    assert cam.status is CameraStatus.STOPPED


def test_reads_newest_frames_and_never_a_backlog(clip):
    cam = OpenCVCamera(str(clip), fps=200)
    cam.open()
    try:
        first, frame = cam.read_indexed(timeout=5)
        assert frame.shape == (120, 160, 3)
        wait_until(lambda: cam.frames_produced >= first + 20)
        later, _ = cam.read_indexed(timeout=5)
        # frames produced while nobody read were dropped, not queued
        assert later >= first + 20
        again, _ = cam.read_indexed(timeout=5)
        assert again >= later
    finally:
        cam.close()
    assert cam.status is CameraStatus.STOPPED
    with pytest.raises(CameraUnavailable):
        cam.read(timeout=0.01)


def test_survives_the_source_vanishing_and_returning(clip, tmp_path):
    cam = OpenCVCamera(str(clip), fps=120, reconnect_seconds=0.05)
    cam.open()
    backup = tmp_path / "backup.avi"
    try:
        cam.read(timeout=5)
        shutil.move(str(clip), backup)                 # unplugged
        wait_until(lambda: cam.status is CameraStatus.RECONNECTING)
        with pytest.raises(CameraUnavailable):
            cam.read(timeout=0.05)
        reconnects = cam.reconnects
        shutil.move(str(backup), clip)                 # plugged back in
        wait_until(lambda: cam.status is CameraStatus.RUNNING and cam.reconnects > reconnects)
        assert cam.read(timeout=5).shape == (120, 160, 3)
    finally:
        cam.close()


class HangingCapture:
    """A VideoCapture whose read() blocks until released: a driver stuck in the kernel."""

    def __init__(self, gate: threading.Event) -> None:
        self.gate = gate
        self.released = False

    def isOpened(self) -> bool:
        return True

    def set(self, prop, value) -> bool:
        return True

    def read(self):
        self.gate.wait()
        return True, np.zeros((48, 64, 3), np.uint8)

    def release(self) -> None:
        self.released = True


def test_a_hanging_driver_blocks_only_its_own_thread():
    gate = threading.Event()
    capture = HangingCapture(gate)
    cam = OpenCVCamera("0", capture_factory=lambda target, api: capture)
    cam.open()
    try:
        with pytest.raises(CameraUnavailable):
            cam.read(timeout=0.05)            # returns after its timeout, not never
        gate.set()
        assert cam.read(timeout=5).shape == (48, 64, 3)
    finally:
        cam.close()
    assert capture.released


class FlakyCapture:
    """A device that fails reads after `good` frames, as an unplugged USB camera does."""

    opened = 0

    def __init__(self, good: int) -> None:
        FlakyCapture.opened += 1
        self.left = good

    def isOpened(self) -> bool:
        return True

    def set(self, prop, value) -> bool:
        return True

    def read(self):
        time.sleep(0.002)
        if self.left <= 0:
            return False, None
        self.left -= 1
        return True, np.zeros((10, 10, 3), np.uint8)

    def release(self) -> None:
        pass


def test_a_device_that_stops_delivering_is_reopened():
    FlakyCapture.opened = 0
    cam = OpenCVCamera("0", reconnect_seconds=0.02, capture_factory=lambda target, api: FlakyCapture(5))
    cam.open()
    try:
        wait_until(lambda: cam.reconnects >= 2)
        assert FlakyCapture.opened >= 3
    finally:
        cam.close()


# -- probe (the health monitor's question between sessions: is the camera there?) ---------------


def test_probe_of_a_v4l2_node_that_is_gone_or_not_a_camera(tmp_path):
    from hardware.camera.opencv import device_node, query_capture_device

    assert device_node(parse_source("3")[0]) == Path("/dev/video3")
    assert device_node(parse_source("/dev/v4l/by-id/usb-cam")[0]) == Path("/dev/v4l/by-id/usb-cam")
    assert device_node(parse_source("rtsp://cam/stream")[0]) is None
    camera = OpenCVCamera("/dev/video-kiosk-test-absent")
    with pytest.raises(CameraUnavailable, match="is not there"):
        camera.probe()
    with pytest.raises(CameraUnavailable, match="not a video device"):
        query_capture_device(Path("/dev/null"))      # a character device, but no V4L2
    assert camera.status is CameraStatus.STOPPED     # nothing was opened for capture


def test_probe_of_a_file_source_and_of_one_that_cannot_be_asked(clip):
    assert OpenCVCamera(str(clip)).probe() is True
    clip.unlink()
    with pytest.raises(CameraUnavailable):
        OpenCVCamera(str(clip)).probe()
    assert OpenCVCamera("rtsp://cam/stream").probe() is None
