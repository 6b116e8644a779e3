"""The fingerprint step: which finger now, which press, what a press's image is worth.

Where the law asks for prints (Chinese resident cards: two fingers, several presses
each), the citizen is asked finger by finger; each press is judged at once
(`kiosk.biometrics.finger_quality`) and a bad one is asked again with the one thing to
do about it. A finger that gives no usable print after `attempts_per_press` tries, or
that the citizen cannot press (injured, bandaged, missing), is replaced by the next
fallback finger; when none is left, or the citizen says they cannot give fingerprints
at all, the application records why and goes on: the counter takes the prints by hand,
so a hand that cannot be scanned is never a dead end at the kiosk.

What is kept of a press is its image, compressed losslessly (PNG, which ISO/IEC 19794-4
allows inside its records), with the finger, the resolution and the quality: never in a
log (`FingerCapture.__repr__` shows no data).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Callable

import cv2
import numpy as np

from hardware.errors import CaptureTimedOut, HardwareError, PressRejected
from hardware.fingerprint import FingerImage
from kiosk.biometrics.finger_quality import PressFault, PressQuality, judge_press
from kiosk.workflow.jobs import JobCancelled, JobContext
from kiosk.workflow.problems import Problem
from kiosk.workflow.verdicts import DeviceFailed, ShowProblem, Verdict

log = logging.getLogger("kiosk.workflow.fingerprints")

# Why an application carries no prints (the counter reads it).
DECLINED_CANNOT_GIVE = "cannot_give"        # the citizen said they cannot give fingerprints
DECLINED_NO_USABLE_PRINT = "no_usable_print"  # every finger tried gave no usable print


@dataclass(frozen=True)
class FingerCapture:
    finger: str            # "right_index", ... (ISO/IEC 19794-4 positions, see finger_record)
    press: int             # 1-based
    png: bytes             # the image, 8-bit grey, lossless
    width: int
    height: int
    dpi: int
    quality: int           # 0..100

    def __repr__(self) -> str:
        return f"FingerCapture({self.finger} #{self.press}, {self.width}x{self.height}, {self.dpi} dpi, q{self.quality})"


@dataclass
class FingerPlan:
    """Where the step stands: the fingers still to give, the current one, its presses."""

    wanted: list[str]
    fallbacks: list[str]
    presses: int
    attempts_per_press: int
    done: list[str] = field(default_factory=list)
    finger: str = ""
    press: int = 1
    failures: int = 0
    replaced: list[str] = field(default_factory=list)   # fingers given up on, for the record

    @classmethod
    def from_config(cls, fp: Any) -> "FingerPlan":
        plan = cls(list(fp.fingers), [f for f in fp.fallback_fingers if f not in fp.fingers],
                   fp.presses, fp.attempts_per_press)
        plan.finger = plan.wanted.pop(0)
        return plan

    @property
    def complete(self) -> bool:
        return not self.finger

    @property
    def finger_number(self) -> int:
        return len(self.done) + 1

    @property
    def finger_count(self) -> int:
        return len(self.done) + (1 if self.finger else 0) + len(self.wanted)

    def pressed(self) -> None:
        """A usable press of the current finger."""
        self.failures = 0
        if self.press < self.presses:
            self.press += 1
            return
        self.done.append(self.finger)
        self._next(self.wanted.pop(0) if self.wanted else "")

    def failed(self) -> bool:
        """An unusable press; True when the finger was given up on (see `replace`)."""
        self.failures += 1
        if self.failures < self.attempts_per_press:
            return False
        self.replace()
        return True

    def replace(self) -> bool:
        """Give up on the current finger for the next fallback; False when none is left."""
        self.replaced.append(self.finger)
        taken = set(self.done) | set(self.wanted) | set(self.replaced)
        options = [f for f in self.fallbacks if f not in taken]
        self._next(options[0] if options else "")
        return bool(options)

    def _next(self, finger: str) -> None:
        self.finger, self.press, self.failures = finger, 1, 0


def capture_press(scanner: Any, timeout: float) -> Callable[[JobContext], FingerImage]:
    """The work of one "fingerprint" job: open the scanner and wait for one press. The
    finger's arrival and lifting come back as progress notes for the screen."""

    def work(ctx: JobContext) -> FingerImage:
        scanner.open()
        image = scanner.capture(
            timeout=timeout, cancelled=ctx.cancel_event.is_set,
            on_finger=lambda on: ctx.progress(1 if on else 0, 1, "finger_on" if on else "finger_off"),
        )
        ctx.check_cancelled()
        return image

    return work


def judge(image: FingerImage, fp: Any) -> PressQuality:
    return judge_press(image.pixels, coverage_min=fp.coverage_min, contrast_min=fp.contrast_min,
                       clarity_min=fp.clarity_min)


def keep(image: FingerImage, finger: str, press: int, quality: PressQuality) -> FingerCapture:
    ok, png = cv2.imencode(".png", np.ascontiguousarray(image.pixels, np.uint8), [cv2.IMWRITE_PNG_COMPRESSION, 6])
    if not ok:
        raise ValueError("the print could not be encoded")
    return FingerCapture(finger, press, png.tobytes(), image.width, image.height, image.dpi, quality.score)


FAULT_PROBLEMS = {
    PressFault.PLACE_FLAT: "fingerprint_place_flat",
    PressFault.PRESS_HARDER: "fingerprint_press_harder",
    PressFault.CLEAN_FINGER: "fingerprint_clean_finger",
}


def judge_failure(exc: BaseException) -> Verdict:
    """A capture that brought no image: no finger in time (the screen asks again, the
    citizen taps), a press the scanner itself refused (place it flat), or the device
    gone (the device-error screen, as for the camera)."""
    if isinstance(exc, (CaptureTimedOut, JobCancelled)):
        return ShowProblem(Problem("fingerprint_no_finger", "no finger on the scanner in time"))
    if isinstance(exc, PressRejected):
        return ShowProblem(Problem("fingerprint_place_flat", exc.reason))
    log.warning("fingerprint capture failed: %s", type(exc).__name__)
    hint = type(exc).__name__ if isinstance(exc, HardwareError) else f"unexpected {type(exc).__name__}"
    return DeviceFailed(Problem("fingerprint_missing", hint))
