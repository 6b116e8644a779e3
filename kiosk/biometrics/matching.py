"""1:1 face verification behind a small matcher interface, so a vendor SDK can replace it.

`FaceMatcher` is what an algorithm must provide: a template from an image, and a
distance between two templates (lower = more alike) with the threshold it is judged
against. `MatchingFaceVerifier` is the workflow's `FaceVerifier` built on any matcher:
it picks the best live frames, measures, decides, and records the distance of every
decision (REFERENCE.md: thresholds must be calibrated and audited). A certified SDK
plugs in either as another `FaceMatcher` or as its own `FaceVerifier`.
"""

from __future__ import annotations

import logging
import math
import statistics
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from hardware.camera import Frame
from hardware.images import PICTURE, PORTRAIT
from kiosk.biometrics.detection import decode_image
from kiosk.biometrics.interfaces import FaceDecision, FaceVerifier

log = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class FaceTemplate:
    """An opaque, comparable representation of one face (e.g. a 128-d descriptor)."""

    vector: np.ndarray
    quality: float = 1.0     # the matcher's own idea of how usable the face was (0-1)


class FaceMatcher(ABC):
    method: str = "matcher"

    @abstractmethod
    def template(self, image: Frame) -> FaceTemplate | None:
        """The template of the most prominent face in `image` (BGR), or None if no face."""

    @abstractmethod
    def distance(self, a: FaceTemplate, b: FaceTemplate) -> float:
        """Dissimilarity of two templates; the same person should fall at or below threshold."""


@dataclass(frozen=True)
class ImageComparison:
    """Two stills compared (e.g. the new portrait against the chip portrait)."""

    distance: float
    threshold: float
    match: bool
    method: str
    problem: str = ""

    def as_record(self) -> dict[str, object]:
        return {
            "match": self.match,
            "distance": None if math.isnan(self.distance) else round(self.distance, 4),
            "threshold": self.threshold,
            "method": self.method,
            "problem": self.problem,
        }


class MatchingFaceVerifier(FaceVerifier):
    """Decides with a `FaceMatcher`: the median distance over the best live frames.

    The median of a few frames (rather than the best one) keeps one lucky frame of an
    impostor from deciding; frames are ranked by sharpness so motion blur does not
    spoil the measure. Liveness is judged elsewhere (`liveness.py`) and can be passed in
    per call by the caller that ran the challenge.
    """

    def __init__(self, matcher: FaceMatcher, threshold: float, frames_used: int = 3) -> None:
        if frames_used < 1:
            raise ValueError("frames_used must be at least 1")
        self.matcher = matcher
        self.threshold = float(threshold)
        self.frames_used = frames_used

    def warm_up(self) -> None:
        """Let the matcher load its models in the background, if it can."""
        warm = getattr(self.matcher, "warm_up", None)
        if warm is not None:
            warm()

    @property
    def method(self) -> str:
        return self.matcher.method

    def verify(self, reference_jpeg: bytes, live_frames: Sequence[Frame], liveness: str = "not_checked") -> FaceDecision:
        reference = decode_image(reference_jpeg, PORTRAIT)   # the chip's or the office's portrait
        ref_template = self.matcher.template(reference) if reference is not None else None
        if ref_template is None:
            log.info("face verification: no face in the reference portrait")
            return self._decision(math.nan, "face_not_found", liveness)
        distances = []
        for frame in _sharpest(live_frames, self.frames_used * 2):
            template = self.matcher.template(frame)
            if template is not None:
                distances.append(self.matcher.distance(ref_template, template))
            if len(distances) >= self.frames_used:
                break
        if not distances:
            return self._decision(math.nan, "face_not_found", liveness)
        distance = float(statistics.median(distances))
        return self._decision(distance, "", liveness)

    def compare_images(self, reference_jpeg: bytes, probe_jpeg: bytes) -> ImageComparison:
        """Two stills, e.g. the chosen new portrait against the chip portrait (or two
        picture files a technician compares: hence the picture limit, not the portrait's)."""
        images = [decode_image(reference_jpeg, PICTURE), decode_image(probe_jpeg, PICTURE)]
        templates = [self.matcher.template(img) if img is not None else None for img in images]
        if templates[0] is None or templates[1] is None:
            return ImageComparison(math.nan, self.threshold, False, self.method, "face_not_found")
        d = self.matcher.distance(templates[0], templates[1])
        match = d <= self.threshold
        log.info("image comparison: distance %.4f threshold %.3f match %s", d, self.threshold, match)
        return ImageComparison(d, self.threshold, match, self.method, "" if match else "face_no_match")

    def _decision(self, distance: float, problem: str, liveness: str) -> FaceDecision:
        match = not problem and distance <= self.threshold
        if not problem and not match:
            problem = "face_no_match"
        if match and liveness == "failed":
            match, problem = False, "liveness_failed"
        decision = FaceDecision(
            match=match, distance=distance, threshold=self.threshold, method=self.method,
            liveness=liveness, problem=problem,
        )
        log.info("face decision: %s", decision.as_record())
        return decision


def _sharpest(frames: Sequence[Frame], n: int) -> list[Frame]:
    import cv2

    def sharpness(frame: Frame) -> float:
        grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
        small = cv2.resize(grey, (320, max(1, round(320 * grey.shape[0] / grey.shape[1]))))
        return float(cv2.Laplacian(small, cv2.CV_32F).var())

    return sorted(frames, key=sharpness, reverse=True)[:n]
