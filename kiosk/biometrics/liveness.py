"""Liveness: blinks measured against the citizen's own open eyes, plus a head-turn challenge.

A fixed eye-aspect-ratio threshold fails on smiling eyes (REFERENCE.md: open 0.35-0.52,
smiling 0.16-0.20, closed 0.08-0.17), so `BlinkDetector` keeps a per-session baseline:
the median of recent open-eye values, and an eye is closed below `closed_ratio` times
that. A blink is a closure that reopens within `max_closed_s`.

A blink alone is weak against a replayed video, so `LivenessSession` then asks for a
head turn to one side (chosen at random) and back to the centre. A photo or a still
frame held to the camera neither blinks nor turns and fails when the time runs out.

The same session runs live (the analyzer feeds it frame by frame and shows its
instruction) and offline over a clip (`assess_clip`, used by `kiosk liveness VIDEO`).
"""

from __future__ import annotations

import random
import statistics
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable, Literal

from hardware.camera import Frame
from kiosk.biometrics.detection import FaceObservation

Direction = Literal["left", "right"]
CENTRE_DEG = 8.0          # |yaw| below this counts as facing the camera


@dataclass(frozen=True)
class Blink:
    start_frame: int
    end_frame: int          # first frame with the eyes open again
    min_ear: float
    baseline: float

    def as_record(self) -> dict[str, object]:
        return {"start_frame": self.start_frame, "end_frame": self.end_frame,
                "min_ear": round(self.min_ear, 3), "baseline": round(self.baseline, 3)}


class BlinkDetector:
    """Finds blinks in a stream of eye aspect ratios, relative to a running open-eye baseline."""

    def __init__(self, closed_ratio: float = 0.7, max_closed_s: float = 0.6, window: int = 45,
                 warmup: int = 5) -> None:
        if not 0 < closed_ratio < 1:
            raise ValueError("closed_ratio must lie between 0 and 1")
        self.closed_ratio = closed_ratio
        self.max_closed_s = max_closed_s
        self.warmup = warmup
        self._open: deque[float] = deque(maxlen=window)
        self._closed_since: tuple[int, float] | None = None
        self._min_ear = 1.0
        self.blinks: list[Blink] = []

    @property
    def baseline(self) -> float | None:
        return statistics.median(self._open) if len(self._open) >= self.warmup else None

    def lost(self) -> None:
        """The face left the picture: a closure in progress does not count."""
        self._closed_since = None

    def update(self, frame_no: int, t: float, ear: float) -> Blink | None:
        baseline = self.baseline
        if baseline is None:
            self._open.append(ear)
            return None
        threshold = self.closed_ratio * baseline
        if self._closed_since is None:
            if ear < threshold:
                self._closed_since = (frame_no, t)
                self._min_ear = ear
            else:
                self._open.append(ear)
            return None
        self._min_ear = min(self._min_ear, ear)
        # a little hysteresis so noise around the threshold does not make two blinks of one
        if ear < min(threshold * 1.1, baseline * 0.95):
            return None
        start_frame, start_t = self._closed_since
        self._closed_since = None
        self._open.append(ear)
        if t - start_t > self.max_closed_s:
            return None      # eyes held shut: not a blink
        blink = Blink(start_frame, frame_no, self._min_ear, baseline)
        self.blinks.append(blink)
        return blink


class TurnChallenge:
    """Face the camera, turn to `direction` by at least `yaw_deg`, come back to the centre."""

    def __init__(self, direction: Direction | Literal["any"], yaw_deg: float = 15.0) -> None:
        self.direction = direction
        self.yaw_deg = yaw_deg
        self.stage: Literal["centre", "turn", "back", "done"] = "centre"
        self.turned_at: int | None = None
        self.done_at: int | None = None
        self.turned_to: str = ""
        self.max_yaw = 0.0

    def _turned(self, yaw: float) -> str:
        # yaw > 0: the subject turned to their own left (see detection.HeadPose)
        if yaw >= self.yaw_deg and self.direction in ("left", "any"):
            return "left"
        if yaw <= -self.yaw_deg and self.direction in ("right", "any"):
            return "right"
        return ""

    def update(self, frame_no: int, yaw: float) -> None:
        self.max_yaw = max(self.max_yaw, abs(yaw))
        if self.stage == "centre" and abs(yaw) < CENTRE_DEG:
            self.stage = "turn"
        elif self.stage == "turn":
            side = self._turned(yaw)
            if side:
                self.stage, self.turned_at, self.turned_to = "back", frame_no, side
        elif self.stage == "back" and abs(yaw) < CENTRE_DEG:
            self.stage, self.done_at = "done", frame_no

    @property
    def done(self) -> bool:
        return self.stage == "done"

    def instruction(self) -> str:
        if self.stage == "centre":
            return "look_straight"
        if self.stage == "turn":
            return {"left": "turn_left", "right": "turn_right"}.get(self.direction, "turn_head")
        if self.stage == "back":
            return "turn_back"
        return ""

    def as_record(self) -> dict[str, object]:
        return {"direction": self.direction, "stage": self.stage, "turned_to": self.turned_to or None,
                "turned_at_frame": self.turned_at, "done_at_frame": self.done_at,
                "largest_yaw_deg": round(self.max_yaw, 1), "passed": self.done}


@dataclass(frozen=True)
class LivenessState:
    instruction: str                 # message code for the citizen ("blink", "turn_left", ...)
    blinks: int
    passed: bool
    failed: bool
    reason: str = ""                 # why it failed: "timeout" | "no_face"


class LivenessSession:
    """One citizen's liveness check, fed frame by frame. `settings`: a `LivenessSettings`."""

    def __init__(self, settings, *, direction: Direction | Literal["any"] | None = None,
                 rng: random.Random | None = None, time_limit: bool = True) -> None:
        self.settings = settings
        self.blinks = BlinkDetector(closed_ratio=settings.blink_closed_ratio, max_closed_s=settings.blink_max_seconds)
        if direction is None:
            direction = (rng or random.SystemRandom()).choice(("left", "right"))
        self.turn = TurnChallenge(direction, settings.turn_yaw_deg)
        self.time_limit = time_limit
        self._started: float | None = None
        self._state = LivenessState("blink", 0, False, False)
        self.frames_seen = 0
        self.frames_with_face = 0

    @property
    def state(self) -> LivenessState:
        return self._state

    def update(self, frame_no: int, t: float, face: FaceObservation | None) -> LivenessState:
        s = self.settings
        if self._state.passed or self._state.failed:
            return self._state
        if self._started is None:
            self._started = t
        self.frames_seen += 1
        blinks_needed = s.blinks_required
        if face is None:
            self.blinks.lost()
        else:
            self.frames_with_face += 1
            self.blinks.update(frame_no, t, face.eye_aspect_ratio)
            if len(self.blinks.blinks) >= blinks_needed and s.turn_required:
                self.turn.update(frame_no, face.pose.yaw)
        blinked = len(self.blinks.blinks) >= blinks_needed
        turned = self.turn.done or not s.turn_required
        if blinked and turned:
            self._state = LivenessState("", len(self.blinks.blinks), True, False)
        elif self.time_limit and t - self._started > s.time_limit_seconds:
            reason = "no_face" if self.frames_with_face == 0 else "timeout"
            self._state = LivenessState("", len(self.blinks.blinks), False, True, reason)
        else:
            instruction = "no_face" if face is None else ("blink" if not blinked else self.turn.instruction())
            self._state = LivenessState(instruction, len(self.blinks.blinks), False, False)
        return self._state

    def finish(self) -> LivenessState:
        """End of a clip: whatever has not passed by now has failed."""
        if not self._state.passed and not self._state.failed:
            reason = "no_face" if self.frames_with_face == 0 else "incomplete"
            self._state = LivenessState("", len(self.blinks.blinks), False, True, reason)
        return self._state

    @property
    def verdict(self) -> str:
        """For `FaceDecision.liveness`: "passed" | "failed" | "not_checked"."""
        if self._state.passed:
            return "passed"
        return "failed" if self._state.failed else "not_checked"


@dataclass
class LivenessReport:
    frames: int
    frames_with_face: int
    fps: float
    blinks: list[Blink] = field(default_factory=list)
    challenge: dict[str, object] = field(default_factory=dict)
    passed: bool = False
    reason: str = ""

    def as_record(self) -> dict[str, object]:
        return {
            "frames": self.frames,
            "frames_with_face": self.frames_with_face,
            "fps": round(self.fps, 3),
            "blinks": [b.as_record() for b in self.blinks],
            "challenge": self.challenge,
            "passed": self.passed,
            "reason": self.reason,
        }


def assess_clip(frames: Iterable[Frame], fps: float, settings, *,
                direction: Direction | Literal["any"] = "any") -> LivenessReport:
    """Liveness over a recorded clip: every blink with its frame numbers, and the challenge."""
    from kiosk.biometrics.detection import FaceAnalyzer

    session = LivenessSession(settings, direction=direction, time_limit=False)
    n = 0
    with FaceAnalyzer(video=True, max_faces=1, count_small_faces=False) as analyzer:
        for n, frame in enumerate(frames, start=1):
            face = analyzer.analyse(frame, count_faces=False).face
            session.update(n - 1, (n - 1) / fps, face)
            # keep counting blinks after a pass: the report lists all of them
            if session.state.passed and face is not None:
                session.blinks.update(n - 1, (n - 1) / fps, face.eye_aspect_ratio)
    state = session.finish()
    return LivenessReport(
        frames=n,
        frames_with_face=session.frames_with_face,
        fps=fps,
        blinks=list(session.blinks.blinks),
        challenge=session.turn.as_record() if settings.turn_required else {"required": False},
        passed=state.passed,
        reason=state.reason,
    )
