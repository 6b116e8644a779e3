"""The real `PortraitMaker`: every portrait rule on every frame, the best passing ones cropped.

Also `check_image`, the one-image form used by `kiosk photo check` and by tests.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Sequence

from hardware.camera import Frame
from kiosk.biometrics.detection import FaceAnalyzer
from kiosk.biometrics.interfaces import PortraitCandidate, PortraitMaker
from kiosk.biometrics.portrait_crop import PortraitGeometry, crop_portrait, encode_jpeg
from kiosk.biometrics.portrait_rules import PortraitAssessment, assess
from kiosk.biometrics.segmentation import PersonSegmenter, composite_on


@dataclass
class CheckedImage:
    assessment: PortraitAssessment
    portrait: Frame | None = None      # the crop, when a face was found (made even if rules fail)


class _Models(threading.local):
    """mediapipe graphs are per thread; jobs may run on any worker thread."""

    analyzer: FaceAnalyzer | None = None
    segmenter: PersonSegmenter | None = None

    def get(self) -> tuple[FaceAnalyzer, PersonSegmenter]:
        if self.analyzer is None:
            self.analyzer = FaceAnalyzer(video=False, max_faces=2)
            self.segmenter = PersonSegmenter()
        assert self.segmenter is not None
        return self.analyzer, self.segmenter


def check_frame(image: Frame, settings, analyzer: FaceAnalyzer, segmenter: PersonSegmenter,
                *, crop: bool = True) -> CheckedImage:
    """All rules on one image and, if a face was found, its crop to the configured geometry."""
    finding = analyzer.analyse(image)
    probability = segmenter.person_probability(image)
    assessment = assess(image, finding, settings, person_probability=probability)
    face = assessment.face
    if face is None or not crop:
        return CheckedImage(assessment)
    source = composite_on(image, probability) if settings.replace_background else image
    return CheckedImage(assessment, crop_portrait(source, face, PortraitGeometry.from_settings(settings)))


_shared = _Models()

# Rules about how a camera frame holds the face, which a finished portrait answers by its
# format (see `RulesPortraitMaker.check_supplied`).
FRAMING = frozenset({"head_size", "crop", "inter_eye_distance"})


def check_image(image: Frame, settings, *, crop: bool = True) -> CheckedImage:
    analyzer, segmenter = _shared.get()
    return check_frame(image, settings, analyzer, segmenter, crop=crop)


class RulesPortraitMaker(PortraitMaker):
    """Keeps the frames that pass every rule, best score first, cropped and encoded.

    `settings`: a `PortraitSettings` (geometry, limits, JPEG quality).
    """

    live_capture = True   # `LiveAnalyzer` in "portrait" mode checks these same rules

    def __init__(self, settings) -> None:
        self.settings = settings
        self._models = _Models()

    def make(self, frames: Sequence[Frame], keep: int = 2) -> list[PortraitCandidate]:
        analyzer, segmenter = self._models.get()
        passing: list[tuple[float, CheckedImage]] = []
        for frame in frames:
            checked = check_frame(frame, self.settings, analyzer, segmenter, crop=False)
            if checked.assessment.passed:
                passing.append((checked.assessment.score, CheckedImage(checked.assessment)))
                passing[-1][1].portrait = frame  # crop only the winners (below)
        passing.sort(key=lambda item: item[0], reverse=True)
        out = []
        geometry = PortraitGeometry.from_settings(self.settings)
        for score, checked in passing[:keep]:
            frame = checked.portrait
            face = checked.assessment.face
            assert frame is not None and face is not None
            source = frame
            if self.settings.replace_background:
                source = composite_on(frame, segmenter.person_probability(frame))
            jpeg = encode_jpeg(crop_portrait(source, face, geometry), geometry.dpi, self.settings.jpeg_quality)
            out.append(PortraitCandidate(jpeg=jpeg, score=score, checks=list(checked.assessment.checks)))
        return out

    def check_supplied(self, jpeg: bytes) -> str:
        """A studio's portrait under the same rules as one taken here, but for framing:
        the studio cropped it to the format, so the head fills it and its eyes are closer
        in pixels than a camera frame's ("head_size", "crop", "inter_eye_distance" are
        about the camera's frame, not the finished portrait)."""
        from hardware.images import PORTRAIT, ImageRefused, decode_bgr

        try:
            image = decode_bgr(jpeg, PORTRAIT)
        except (ImageRefused, OSError, ValueError):
            return "unreadable"
        analyzer, segmenter = self._models.get()
        checked = check_frame(image, self.settings, analyzer, segmenter, crop=False)
        broken = [c.component for c in checked.assessment.failures if c.component not in FRAMING]
        return broken[0] if broken else ""
