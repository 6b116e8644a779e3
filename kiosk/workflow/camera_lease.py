"""The camera, lent to the face steps and taken back when the citizen moves on.

Opening a V4L2 camera with its settings takes a while, and a driver stuck in a read can
hold a close for seconds: neither may freeze the screen, so the open runs in the step's
job and the close on a thread of its own. That makes their order the hard part. One
lock lets one open or close run at a time; an open first waits for the last close, so
the last citizen's close can never shut the next citizen's camera; and an open whose
step was left meanwhile does nothing, because the close that leaving ordered comes next.

The live analyzer (face guidance, liveness, portrait rules) reads the same camera, so
it is lent and taken back with it.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable

from kiosk.workflow.services import Services

log = logging.getLogger("kiosk.workflow")

Opener = Callable[..., None]   # opener(cancel: threading.Event | None = None)


class CameraLease:
    """Who holds the camera. Call it from the workflow's thread; only the opener it
    hands out runs in a job."""

    def __init__(self, services: Services) -> None:
        self._services = services           # read at each use: tests swap the camera
        self._open = False                  # an open was handed out and not yet closed
        self._closer: threading.Thread | None = None   # the last close, maybe still running
        self._lock = threading.Lock()       # one open or close at a time, in order
        self.analyzer: Any = None           # the live analyzer while the camera is lent

    def opener(self) -> Opener:
        """What a face step's job calls first to open the camera (off the UI thread; a
        failure there is a job failure, which becomes the camera device error). From
        here on the camera counts as open: leaving the step closes it, whatever happened."""
        if self._open:
            return lambda cancel=None: None
        self._open = True
        camera, closer, lock = self._services.camera, self._closer, self._lock

        def open_camera(cancel: threading.Event | None = None) -> None:
            if closer is not None:
                closer.join()      # the last citizen's camera is closed before it reopens
            with lock:
                if cancel is not None and cancel.is_set():
                    return         # the step was left meanwhile: its close comes next
                camera.open()

        return open_camera

    def analyzer_for(self, mode: str) -> Any:
        """The live analyzer in `mode`, started on first use; None when not configured."""
        factory = self._services.analyzer_factory
        if factory is None:
            return None
        if self.analyzer is not None and not self.analyzer.running:
            self.analyzer.stop()              # it died (logged): start a fresh one
            self.analyzer = None
        if self.analyzer is None:
            self.analyzer = factory(self._services.camera, mode)
            self.analyzer.start()
        else:
            self.analyzer.set_mode(mode)
            self.analyzer.reset()
        return self.analyzer

    def close(self) -> None:
        """Stop the analyzer and close the camera on a thread of their own, after the
        close before it; returns at once."""
        analyzer, self.analyzer = self.analyzer, None
        was_open, self._open = self._open, False
        if analyzer is None and not was_open:
            return
        camera, previous, lock = self._services.camera, self._closer, self._lock

        def close() -> None:
            if previous is not None:
                previous.join()
            try:
                if analyzer is not None:
                    analyzer.stop()
                if was_open:
                    with lock:
                        camera.close()
            except Exception:  # noqa: BLE001 - a camera that fails to close must not block a wipe
                log.warning("camera did not close cleanly")

        self._closer = threading.Thread(target=close, name="camera-close", daemon=True)
        self._closer.start()

    def wait_closed(self, timeout: float | None = None) -> bool:
        """Block until the last close has finished (quitting, tests, the screenshot tour)."""
        closer = self._closer
        if closer is None:
            return True
        closer.join(timeout)
        return not closer.is_alive()
