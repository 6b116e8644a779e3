"""The simulated kiosk's time and the citizen's hands on its devices.

A simulated day runs on a hand-moved clock: the wall clock the journal and the
applications read, and the monotonic one the workflow measures steps and timeouts with,
move together (`SimClock`). The devices are the demo's simulated drivers, each taught
one thing a citizen does to it, and the time it takes: the reader waits for the card
to be put down and read, the face check and the portrait take their seconds, the
printer its own. So the seconds the journal records for a step are the ones the plan
gave the citizen, although the whole day runs in seconds of real time.

A pause is taken from the visit's plan (`Pace.take`): a step taken twice (a face check
tried again) takes its retry pause, one never taken costs nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Sequence

from hardware.card_reader import CardConnection
from hardware.card_reader.simulated import SimulatedCardReader, SimulatedChip
from hardware.printer import PrintJob
from hardware.printer.simulated import SimulatedPrinter
from kiosk.biometrics.interfaces import FaceDecision, FaceVerifier, PortraitCandidate, PortraitMaker
from kiosk.workflow.clock import ManualClock


class SimClock:
    """The two clocks of the simulated kiosk, moved together."""

    def __init__(self, start: dt.datetime) -> None:
        self.start = start
        self.monotonic = ManualClock(0.0)

    def wall(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=self.monotonic.now)

    def advance(self, seconds: float) -> None:
        self.monotonic.advance(max(0.0, seconds))

    def until(self, moment: dt.datetime) -> None:
        """On to `moment` (never back)."""
        self.advance((moment - self.wall()).total_seconds())


class Pace:
    """The current visit's pauses; devices and the driver take them as they happen."""

    def __init__(self, clock: SimClock) -> None:
        self.clock = clock
        self.pauses: dict[str, float] = {}
        self.taken: set[str] = set()
        self.face_mismatches = 0

    def begin(self, pauses: dict[str, float], face_mismatches: int = 0) -> None:
        self.pauses, self.taken, self.face_mismatches = dict(pauses), set(), face_mismatches

    def take(self, name: str, again: str | None = None) -> None:
        """Let `name`'s pause pass; the second time, `again`'s (if given)."""
        if name in self.taken and again is not None:
            name = again
        self.taken.add(name)
        self.clock.advance(self.pauses.get(name, 0.0))


class CitizenReader(SimulatedCardReader):
    """The demo reader, with the citizen's card put down as the kiosk waits for it:
    placing it and the read take the visit's "card" pause."""

    def __init__(self, pace: Pace) -> None:
        super().__init__(hand_back_after_s=None)   # the driver takes the card back at the goodbye
        self.pace = pace

    def wait_for_card(self, timeout: float, cancel: Any = None) -> CardConnection | None:
        self.pace.take("card", again="retry")
        return super().wait_for_card(timeout, cancel)


class CitizenCard(SimulatedChip):
    """A citizen's chip that slips off the reader mid-read `pulls` times, then reads."""

    def __init__(self, files: dict[int, bytes], pulls: int = 0) -> None:
        super().__init__(files, pull_after_apdus=4 if pulls else None)
        self._pulls_left = pulls

    def power_up(self) -> None:
        if self._out_of_field and self._pulls_left:   # it slipped out since the last power-up
            self._pulls_left -= 1
            if not self._pulls_left:
                self.pull_after_apdus = None
        super().power_up()


class PacedPrinter(SimulatedPrinter):
    """The demo's folder printer; a receipt takes the visit's "print" pause."""

    def __init__(self, out_dir: Any, pace: Pace) -> None:
        super().__init__(out_dir)
        self.pace = pace

    def submit(self, job: PrintJob) -> None:
        self.pace.take("print")
        super().submit(job)


class CitizenFace(FaceVerifier):
    """The simulated citizen's face check: the plan says whether it matches (a visit
    planned to fail gets "no match" that many times, as a face the camera does not
    recognise would), after the visit's "face" pause. No picture is looked at: even the
    demo's stand-in (a Haar face search, 25 ms a frame) would make a day of visits take
    minutes, and a simulated citizen has no face to find."""

    method = "simulated citizen (no biometric check)"

    def __init__(self, pace: Pace) -> None:
        self.pace = pace

    def verify(self, reference_jpeg: bytes, live_frames: Sequence[Any], liveness: str = "not_checked") -> FaceDecision:
        self.pace.take("face", again="retry")
        if self.pace.face_mismatches > 0:
            self.pace.face_mismatches -= 1
            return FaceDecision(False, math.nan, math.nan, self.method, liveness, "face_no_match")
        seen = bool(live_frames) and bool(reference_jpeg)
        return FaceDecision(seen, math.nan, math.nan, self.method, liveness, "" if seen else "face_not_found")


class CitizenPortrait(PortraitMaker):
    """The simulated citizen holds still in the middle of the picture: each portrait is
    the centre of a frame at the portrait's size, after the visit's "portrait" pause
    (the countdown and the citizen keeping still)."""

    def __init__(self, pace: Pace, size: tuple[int, int] = (358, 441)) -> None:
        self.pace = pace
        self.size = size

    def make(self, frames: Sequence[Any], keep: int = 2) -> list[PortraitCandidate]:
        import cv2

        self.pace.take("portrait")
        out = []
        width, height = self.size
        for frame in list(frames)[:keep]:
            h, w = frame.shape[:2]
            crop_w = min(w, int(h * width / height))
            x0 = (w - crop_w) // 2
            picture = cv2.resize(frame[:, x0 : x0 + crop_w], self.size, interpolation=cv2.INTER_LINEAR)
            ok, jpeg = cv2.imencode(".jpg", picture, [cv2.IMWRITE_JPEG_QUALITY, 90])
            if ok:
                out.append(PortraitCandidate(jpeg=jpeg.tobytes(), score=1.0, source="simulated"))
        return out
