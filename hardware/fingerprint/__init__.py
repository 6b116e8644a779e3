"""Fingerprint scanner interface: one greyscale image per press, with its resolution.

A scanner gives an image of one finger pressed on its platen. It does not know which
finger that is, nor whether the print is good enough: the core asks for a finger, the
citizen presses it, and the core judges the image (`kiosk.biometrics.finger_quality`).
The resolution travels with every image because the standard record the office takes
(ISO/IEC 19794-4) states it, and because the same pixel count means a different area
on a 500 dpi and a 1000 dpi sensor.

Finger present / removed is reported while a capture waits, through `on_finger`: the
screen's "keep it there" and "lift your finger" follow the sensor, not a timer, and the
next press starts only once the finger was lifted (a finger left on the platen would
otherwise give the same print twice).

Drivers beside it: `libfprint` (the USB scanners libfprint supports, through PyGObject;
its virtual image device in tests), `simulated` (the demo's scanner, playing synthetic
prints).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Callable

import numpy as np

# 500 ppi is the resolution of the standard's "appendix F" scanners and of most single-
# finger USB sensors; a driver that cannot tell its resolution says so (dpi=0) rather
# than passing this off as measured.
STANDARD_DPI = 500

FingerCallback = Callable[[bool], None]   # True: a finger lies on the platen; False: lifted
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class FingerImage:
    """One press: 8-bit greyscale pixels (dark ridges on a light background, as the
    standard's records hold them) and the sensor's resolution in dots per inch (0 when
    the device does not report it)."""

    pixels: np.ndarray
    dpi: int

    @property
    def width(self) -> int:
        return int(self.pixels.shape[1])

    @property
    def height(self) -> int:
        return int(self.pixels.shape[0])

    def __repr__(self) -> str:   # never the pixels: an image in a log is personal data
        return f"FingerImage({self.width}x{self.height}, {self.dpi} dpi)"


class FingerprintScanner(ABC):
    name: str = "fingerprint"

    @abstractmethod
    def open(self) -> None:
        """Claim the device. Raises ScannerUnavailable when there is none."""

    @abstractmethod
    def close(self) -> None:
        """Release the device. Safe to call twice."""

    @abstractmethod
    def capture(self, *, timeout: float, cancelled: Cancelled = lambda: False,
                on_finger: FingerCallback | None = None) -> FingerImage:
        """Wait for a finger, return its image. Raises CaptureTimedOut when none came
        within `timeout` seconds, ScannerUnavailable when the device went away, and
        returns early (CaptureTimedOut) once `cancelled()` is true: a citizen who
        cancels must not leave a capture holding the device."""

    def probe(self) -> bool | None:
        """Whether the scanner is there, asked without capturing (see Camera.probe)."""
        return None

    def __enter__(self) -> "FingerprintScanner":
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()
