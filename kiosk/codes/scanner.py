"""Looking for a code in the camera's frames, on a worker thread of its own (no Qt).

As with the live face analysis (`kiosk.biometrics.live_analyzer`), the mirror and the
decoding are decoupled: the screen shows frames at the camera's rate while this thread
decodes the *newest* frame at most `rate_hz` times a second and publishes a `ScanState`
snapshot. A slow decode skips frames; it never queues them and never slows the mirror.

A snapshot says what the citizen should do next (`instruction`): "searching" (hold the
code inside the frame), "wrong_code" (a code the step does not take: a receipt shown
where the card's QR is wanted), "unusable" (a code whose content breaks its rules), or
"found", with the code. The workflow's scan job `wait_for()`s a found code; the screen
reads `latest()` on its timer. A found code stays found: the scanner stops decoding.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Collection

from hardware.errors import HardwareError
from kiosk.codes.kinds import CodeKind, ScannedCode, UnknownCode, classify

log = logging.getLogger(__name__)

READ_TIMEOUT_S = 0.5


@dataclass(frozen=True)
class ScanState:
    sequence: int
    camera_ok: bool
    instruction: str = "searching"        # searching | wrong_code | unusable | found
    frame_size: tuple[int, int] = (0, 0)
    corners: tuple[tuple[int, int], ...] = ()   # where the last code was seen, in frame pixels
    code: ScannedCode | None = field(default=None, repr=False)


class CodeScanner:
    """Decodes the camera's newest frames until a code of one of `accept`'s kinds shows."""

    def __init__(self, camera, accept: Collection[CodeKind], *, rate_hz: float = 8.0,
                 classify_text: Callable[[str], ScannedCode] = classify) -> None:
        self.camera = camera
        self.accept = frozenset(accept)
        self.rate_hz = rate_hz
        self._classify = classify_text
        self._lock = threading.Condition()
        self._latest: ScanState | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        with self._lock:
            if self._thread is not None:
                return
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="code-scanner", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        with self._lock:
            thread, self._thread = self._thread, None
            self._lock.notify_all()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    @property
    def running(self) -> bool:
        with self._lock:
            return self._thread is not None and self._thread.is_alive()

    def latest(self) -> ScanState | None:
        with self._lock:
            return self._latest

    def wait_for(self, predicate: Callable[[ScanState], bool], timeout: float,
                 cancel: threading.Event | None = None) -> ScanState | None:
        """The first published state that satisfies `predicate`, or None on timeout/cancel."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                if self._latest is not None and predicate(self._latest):
                    return self._latest
                if self._thread is not None and not self._thread.is_alive():
                    return self._latest
                left = deadline - time.monotonic()
                if left <= 0 or self._stop.is_set() or (cancel is not None and cancel.is_set()):
                    return None
                self._lock.wait(min(left, 0.1))

    def judge(self, texts: list[tuple[str, tuple[tuple[int, int], ...]]]) -> tuple[str, tuple, ScannedCode | None]:
        """What the codes read in one frame mean for the citizen: (instruction, corners, code)."""
        instruction, where = "searching", ()
        for text, corners in texts:
            try:
                code = self._classify(text)
            except UnknownCode:
                instruction, where = "unusable", corners
                continue
            if code.kind in self.accept:
                return "found", corners, code
            instruction, where = "wrong_code", corners
        return instruction, where, None

    def _run(self) -> None:
        from kiosk.codes.decoder import UnreadableCode, find_codes

        period = 1.0 / self.rate_hz
        sequence = 0
        try:
            while not self._stop.is_set():
                started = time.monotonic()
                try:
                    frame = self.camera.read(timeout=READ_TIMEOUT_S)
                except HardwareError:
                    sequence += 1
                    self._publish(ScanState(sequence, camera_ok=False))
                    self._stop.wait(0.2)
                    continue
                sequence += 1
                h, w = frame.shape[:2]
                try:
                    found = [(c.text, c.corners) for c in find_codes(frame)]
                    instruction, corners, code = self.judge(found)
                except UnreadableCode:
                    instruction, corners, code = "unusable", (), None
                self._publish(ScanState(sequence, True, instruction, (w, h), corners, code))
                if code is not None:
                    return          # found: nothing more to look for
                self._stop.wait(max(0.0, period - (time.monotonic() - started)))
        except Exception as exc:  # noqa: BLE001 - a dead scanner reads as a camera that stopped
            log.warning("code scanner stopped: %s", type(exc).__name__)
            sequence += 1
            self._publish(ScanState(sequence, camera_ok=False))

    def _publish(self, state: ScanState) -> None:
        with self._lock:
            self._latest = state
            self._lock.notify_all()
