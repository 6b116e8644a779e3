"""What the workflow needs from biometrics, independent of any face library.

A certified vendor SDK replaces the open matcher in some deployments, so the workflow
only sees these two interfaces and the plain results they return. Every decision
carries the measured distance and the threshold it was judged against, because
thresholds must be calibrated and audited (see REFERENCE.md).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # a hint only: the workflow imports this module before numpy is needed
    from hardware.camera import Frame


@dataclass(frozen=True)
class FaceDecision:
    match: bool
    distance: float          # NaN when the method measures none
    threshold: float
    method: str              # e.g. "dlib-resnet-5pt", "demo-standin"
    liveness: str = "not_checked"   # "passed" | "failed" | "not_checked"
    problem: str = ""        # problem code when match is False ("face_not_found", "face_no_match")

    def as_record(self) -> dict[str, object]:
        """For the application and the audit log: numbers and verdicts only, no images."""
        return {
            "match": self.match,
            "distance": None if self.distance != self.distance else round(self.distance, 4),
            "threshold": self.threshold,
            "method": self.method,
            "liveness": self.liveness,
        }


@dataclass(frozen=True)
class CheckResult:
    """One portrait rule (named after the ISO/IEC 29794-5 component it measures)."""

    component: str
    value: float
    passed: bool
    message_code: str = ""
    minimum: float | None = None   # the configured limits the value was judged against
    maximum: float | None = None


@dataclass
class PortraitCandidate:
    jpeg: bytes = field(repr=False)
    score: float
    checks: list[CheckResult] = field(default_factory=list)
    source: str = "camera"   # "camera" | "studio"


class FaceVerifier(ABC):
    @abstractmethod
    def verify(self, reference_jpeg: bytes, live_frames: Sequence[Frame], liveness: str = "not_checked") -> FaceDecision:
        """1:1 decision: is the person in front of the camera the one in the reference?

        `liveness` is the verdict of the live analysis ("passed", "failed", "not_checked");
        a verifier must not report a match for a face that failed liveness.
        """

    # Optional: a verifier that can do work ahead of the decision (the 200 ms budget).
    def prepare(self, reference_jpeg: bytes) -> None:
        """The reference is known (chip read, office look-up): start on it now."""

    def observe(self, live_frames: Sequence[Frame]) -> None:
        """Live frames seen so far during the check: start on them now."""

    def forget(self) -> None:
        """The session ended: drop whatever was kept of its faces."""


class PortraitMaker(ABC):
    # True when the live analyzer's "portrait" mode applies this maker's rules, so that,
    # where an analyzer runs, the portrait is captured live (the moment every rule
    # passes) and the analyzer's crops are the candidates. False: the portrait step
    # counts down, takes a short burst and hands it to `make`.
    live_capture: bool = False

    @abstractmethod
    def make(self, frames: Sequence[Frame], keep: int = 2) -> list[PortraitCandidate]:
        """The best compliant portraits from these frames, best first (empty if none)."""

    def check_supplied(self, jpeg: bytes) -> str:
        """The first rule a portrait made elsewhere (a studio's, issue 16) breaks, as its
        component name; "" when it keeps them. A maker without rules (the demo's
        stand-ins) has nothing to hold it to."""
        return ""
