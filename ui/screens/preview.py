"""The live mirror on the camera screens, fed without ever blocking the GUI thread.

A camera read can block (a driver waiting for a frame, a USB camera being re-plugged),
so frames are read on a small daemon thread, which waits for each new frame the camera
delivers and keeps only the newest. It then asks the GUI thread, by a queued signal, to
show it: every frame the camera delivers reaches the screen, up to 30 a second (a faster
camera has its frames thinned, never queued; a request already pending is not repeated,
so a busy GUI thread skips frames instead of falling behind). A GUI timer at about 25 Hz
keeps ticking whatever the camera does, for the overlays drawn from the live analysis.
Errors (camera not open yet, camera gone) are caught and the view shows its "starting
the camera" placeholder; the workflow's own jobs decide what a lost camera means. The
reader thread is never joined: a read stuck in a driver must not freeze the screen, and
the thread leaves on its own when that read returns.

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

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ui.widgets import CameraView

log = logging.getLogger(__name__)

FRAME_INTERVAL_MS = 40       # the overlay timer (~25 Hz); frames come as the camera delivers them
MAX_FPS = 30.0               # frames shown a second at most
READ_TIMEOUT_S = 0.05
NEXT_FRAME_TIMEOUT_S = 0.25  # no newer frame this long: look whether the camera is still there
ERROR_BACKOFF_S = 0.2
DETECT_INTERVAL_S = 0.5

if TYPE_CHECKING:  # numpy loads with the camera, after the first screen
    import numpy as np

Detector = Callable[["np.ndarray"], "tuple[int, int, int, int] | None"]


class _Reader(threading.Thread):
    def __init__(self, camera: Any, detector: Detector | None, on_frame: Callable[[], None] | None = None) -> None:
        super().__init__(name="camera-preview", daemon=True)
        self.camera = camera
        self.detector = detector
        self.on_frame = on_frame     # called on this thread when a frame waits to be shown
        self.stop_event = threading.Event()
        self._lock = threading.Lock()
        self._frame: np.ndarray | None = None
        self._count = 0
        self._box: tuple[int, int, int, int] | None = None
        self._last_detect = 0.0
        self._pending = False        # a show request is on its way to the GUI thread
        self.failing = False

    def latest(self) -> tuple[int, np.ndarray | None, tuple[int, int, int, int] | None]:
        with self._lock:
            self._pending = False
            return self._count, self._frame, self._box

    def run(self) -> None:
        read_newer = getattr(self.camera, "read_newer", None)
        shown_index = 0
        min_interval = 1.0 / MAX_FPS
        last_request = 0.0
        while not self.stop_event.is_set():
            try:
                if read_newer is not None:
                    try:
                        shown_index, frame = read_newer(shown_index, NEXT_FRAME_TIMEOUT_S)
                    except Exception:  # noqa: BLE001 - no newer frame: is there a camera at all?
                        self.camera.read(timeout=READ_TIMEOUT_S)   # raises if not
                        continue                                    # a still camera: keep its frame
                else:
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
                request = not self._pending and self.on_frame is not None
                self._pending = self._pending or request
            if request:
                last_request = time.monotonic()
                try:
                    self.on_frame()   # type: ignore[misc]
                except RuntimeError:   # the feed was deleted with its screen: nobody to show to
                    return
            # At most MAX_FPS requests: a faster camera's frames in between are dropped.
            wait = min_interval - (time.monotonic() - last_request)
            if read_newer is None:
                wait = max(wait, min_interval)   # a driver without numbers: pace the reads
            if wait > 0:
                self.stop_event.wait(wait)

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
    _frame_waiting = Signal()     # emitted by the reader thread, received on the GUI thread

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
        self._frame_waiting.connect(self._show_latest, Qt.ConnectionType.QueuedConnection)

    def start(self, camera: Any, detector: Detector | None = None) -> None:
        if self._reader is not None and self._reader.camera is camera:
            return
        self.stop()
        self._reader = _Reader(camera, detector, self._frame_waiting.emit)
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
