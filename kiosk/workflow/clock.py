"""A clock moved by hand, for the tests and the screenshot tour.

The workflow reads the time it measures (the idle countdown, how long the goodbye has
been shown) from `Services.monotonic`. A kiosk runs on `time.monotonic`; a test or the
tour puts a `ManualClock` there and reaches a timeout by saying so, instead of sleeping
or reaching into the workflow. Jobs that wait on devices and threads (a card wait, the
camera's grace period) keep real time: a hand-moved clock cannot wake a blocking wait.
"""

from __future__ import annotations


class ManualClock:
    """Seconds that move only when told (`advance`); call it as `time.monotonic`."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a monotonic clock never goes back")
        self.now += seconds
