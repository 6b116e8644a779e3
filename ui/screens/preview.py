"""The live mirror on the camera screens, fed without ever blocking the GUI thread.

A camera read can block (a driver waiting for a frame, a USB camera being re-plugged),
so frames are read on a small daemon thread, which only keeps the newest one. A GUI
timer at about 25 fps takes that frame, if a new one arrived, and gives it to the
`CameraView`. Errors (camera not open yet, camera gone) are caught and the view shows its
"starting the camera" placeholder; the workflow's own jobs decide what a lost camera
means. The reader thread is never joined: a read stuck in a driver must not freeze the
screen, and the thread leaves on its own when that read returns.

Optionally a face detector runs on the same thread, a few times a second, to draw a box
around the face (never on the GUI thread: a detection costs tens of milliseconds). That
is the demo stand-in's path; a configured live analyzer (`kiosk.biometrics.live_analyzer`)
analyses frames on a thread of its own, and the camera screens read its latest result on
this feed's timer (`ticked`), which costs a lock and an attribute read.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from ui.widgets import CameraView

log = logging.getLogger(__name__)

FRAME_INTERVAL_MS = 40       # ~25 fps on screen
READ_TIMEOUT_S = 0.05
ERROR_BACKOFF_S = 0.2
DETECT_INTERVAL_S = 0.5

if TYPE_CHECKING:  # numpy loads with the camera, after the first screen
    import numpy as np

Detector = Callable[["np.ndarray"], "tuple[int, int, int, int] | None"]


class _Reader(threading.Thread):
    def __init__(self, camera: Any, detector: Detector | None) -> None:
        super().__init__(name="camera-preview", daemon=True)
        self.camera = camera
        self.detector = detector
        self.stop_event = threading.Event()
        self._lock = threading.Lock()
        self._frame: np.ndarray | None = None
        self._count = 0
        self._box: tuple[int, int, int, int] | None = None
        self._last_detect = 0.0
        self.failing = False

    def latest(self) -> tuple[int, np.ndarray | None, tuple[int, int, int, int] | None]:
        with self._lock:
            return self._count, self._frame, self._box

    def run(self) -> None:
        period = FRAME_INTERVAL_MS / 1000.0
        while not self.stop_event.is_set():
            started = time.monotonic()
            try:
                frame = self.camera.read(timeout=READ_TIMEOUT_S)
            except Exception as exc:  # noqa: BLE001 - any camera failure: show the placeholder
                with self._lock:
                    self._frame = None
                    self._box = None
                if not self.failing:
                    log.debug("preview: no frame (%s)", type(exc).__name__)
                self.failing = True
                self.stop_event.wait(ERROR_BACKOFF_S)
                continue
            self.failing = False
            box = self._detect(frame)
            with self._lock:
                self._frame = frame
                self._count += 1
                if box is not False:
                    self._box = box  # type: ignore[assignment]
            self.stop_event.wait(max(0.0, period - (time.monotonic() - started)))

    def _detect(self, frame: np.ndarray) -> Any:
        """The face box, or False when it is not time to detect again."""
        if self.detector is None:
            return None
        now = time.monotonic()
        if now - self._last_detect < DETECT_INTERVAL_S:
            return False
        self._last_detect = now
        try:
            return self.detector(frame)
        except Exception:  # noqa: BLE001 - a box is a nicety, never a reason to stop the mirror
            return None


class PreviewFeed(QObject):
    """Feeds `view` from `camera` while started. `ticks` counts GUI timer ticks (tests);
    `ticked` is emitted on every tick, after the frame, for overlays drawn from elsewhere."""

    ticked = Signal()

    def __init__(self, view: CameraView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self._reader: _Reader | None = None
        self._shown = 0
        self.ticks = 0
        self.frames_shown = 0
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_INTERVAL_MS)
        self._timer.timeout.connect(self._tick)

    def start(self, camera: Any, detector: Detector | None = None) -> None:
        if self._reader is not None and self._reader.camera is camera:
            return
        self.stop()
        self._reader = _Reader(camera, detector)
        self._shown = 0
        self._reader.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._reader is not None:
            self._reader.stop_event.set()   # not joined: see the module docstring
            self._reader = None
        self.view.set_face_box(None)

    @property
    def running(self) -> bool:
        return self._reader is not None

    def _tick(self) -> None:
        self.ticks += 1
        self._show_latest()
        self.ticked.emit()

    def _show_latest(self) -> None:
        reader = self._reader
        if reader is None:
            return
        count, frame, box = reader.latest()
        if frame is None:
            if self._shown:
                self.view.clear_frame()
                self._shown = 0
            return
        if count == self._shown:
            return
        self._shown = count
        self.view.set_frame(frame)
        if reader.detector is not None:   # else the box is someone else's to draw
            self.view.set_face_box(box)
        self.frames_shown += 1
