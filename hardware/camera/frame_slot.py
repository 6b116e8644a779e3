"""The newest frame a camera driver holds, and the wait for it.

Every driver keeps one frame, never a queue (the `Camera` contract), and lets readers
wait for it under the same lock that guards the rest of the driver's state (status,
capture thread, failure), so that a frame and the reason it is missing change together.
What differs between drivers is only *when the camera counts as unavailable*; that rule
stays in each driver and is handed to `LatestFrame.wait`.
"""

from __future__ import annotations

import threading
from typing import Callable

from hardware.camera import Frame
from hardware.errors import CameraUnavailable


class LatestFrame:
    """One frame slot with a sequence number, guarded by the driver's condition.

    Every method except `wait` expects the caller to hold `cond`: the driver usually
    changes its own state in the same breath, and a second lock would let a reader see
    the two halves apart.
    """

    def __init__(self, cond: threading.Condition) -> None:
        self._cond = cond
        self._frame: Frame | None = None
        self._index = 0

    @property
    def index(self) -> int:
        """How many frames were ever put (the newest frame's sequence number)."""
        return self._index

    @property
    def empty(self) -> bool:
        return self._frame is None

    def put(self, frame: Frame) -> None:
        """Replace the frame (the old one is dropped, never queued) and wake readers."""
        self._frame = frame
        self._index += 1
        self._cond.notify_all()

    def clear(self) -> None:
        """No frame until the next `put`; the sequence number keeps counting."""
        self._frame = None
        self._cond.notify_all()

    def wait(
        self,
        timeout: float,
        unavailable: Callable[[], str | None],
        no_frame: Callable[[], str],
        newer_than: int = 0,
    ) -> tuple[int, Frame]:
        """The newest frame's (index, copy); waits up to `timeout` for one.

        `unavailable()` is the driver's rule: a reason while the camera cannot deliver
        (which ends the wait at once and wins over any frame still held), else None.
        `no_frame()` names the reason when the time ran out without a frame; it is asked
        only then, so it may report state that changed during the wait. Raises
        CameraUnavailable. The copy lets the caller draw on it while the driver moves on.
        `newer_than`: wait for a frame whose number is above it (a frame already shown
        is not served again).
        """
        with self._cond:
            self._cond.wait_for(
                lambda: (self._frame is not None and self._index > newer_than) or unavailable() is not None, timeout)
            reason = unavailable()
            if reason is not None:
                raise CameraUnavailable(reason)
            if self._frame is None or self._index <= newer_than:
                raise CameraUnavailable(no_frame())
            return self._index, self._frame.copy()
