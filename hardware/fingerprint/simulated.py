"""The demo's fingerprint scanner: plays synthetic prints (`synthetic_prints`).

A demo citizen has no finger on a real platen, so the scanner presses for them: after a
short pause (the time a hand takes to reach the platen) it reports a finger, gives the
next image of its script, and reports the finger lifted. The script is a list of
`Press` kinds; the demo's default is good presses only, and tests give faint, smudged
or partial ones to walk the quality messages. `unplug()` makes the next capture fail
the way a scanner pulled from its USB port does.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable

from hardware.errors import CaptureTimedOut, ScannerUnavailable
from hardware.fingerprint import Cancelled, FingerCallback, FingerImage, FingerprintScanner
from hardware.fingerprint.synthetic_prints import Press, make_print


DEMO_FINGERS = 8   # distinct synthetic fingers the demo plays in turn (each drawn once)


class SimulatedFingerprintScanner(FingerprintScanner):
    name = "simulated fingerprint scanner"

    def __init__(self, script: Iterable[Press | str] = (Press.GOOD,), *, repeat: bool = True,
                 reach_seconds: float = 0.6, seed: int = 1) -> None:
        presses = [Press(p) for p in script]
        self._script = itertools.cycle(presses) if repeat else iter(presses)
        self._reach = reach_seconds
        self._seed = itertools.cycle(range(seed, seed + DEMO_FINGERS))
        self._open = False
        self._gone = False
        self._lock = threading.Lock()
        self.captures = 0

    def unplug(self) -> None:
        self._gone = True

    def plug_in(self) -> None:
        self._gone = False

    def open(self) -> None:
        if self._gone:
            raise ScannerUnavailable("the simulated scanner is unplugged")
        self._open = True

    def close(self) -> None:
        self._open = False

    def probe(self) -> bool | None:
        if self._gone:
            raise ScannerUnavailable("the simulated scanner is unplugged")
        return True

    def capture(self, *, timeout: float, cancelled: Cancelled = lambda: False,
                on_finger: FingerCallback | None = None) -> FingerImage:
        if self._gone:
            raise ScannerUnavailable("the simulated scanner is unplugged")
        with self._lock:
            press = next(self._script, Press.BLANK)
            seed = next(self._seed)
        waited = 0.0
        while waited < min(self._reach, timeout):
            if cancelled():
                raise CaptureTimedOut("cancelled")
            step = min(0.05, self._reach - waited)
            threading.Event().wait(step)
            waited += step
        if self._gone:
            raise ScannerUnavailable("the simulated scanner was unplugged")
        if press is Press.BLANK:
            raise CaptureTimedOut("no finger")
        if on_finger:
            on_finger(True)
        # The same finger for the presses of one finger would be more faithful; the demo
        # only needs prints that look like prints, and the quality check judges each alone.
        image = make_print(seed, press)
        self.captures += 1
        if on_finger:
            on_finger(False)
        return image
