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
import threading
import time
from abc import ABC, abstractmethod
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Sequence, TypeVar

import numpy as np

from hardware.camera import Frame
from hardware.images import PICTURE, PORTRAIT
from kiosk.biometrics.detection import decode_image
from kiosk.biometrics.interfaces import FaceDecision, FaceVerifier

log = logging.getLogger(__name__)
T = TypeVar("T")


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
    elapsed_ms: float = math.nan   # the comparison itself, models loaded (not the decoding)

    def as_record(self) -> dict[str, object]:
        return {
            "match": self.match,
            "decision": "match" if self.match else "no_match",
            "distance": None if math.isnan(self.distance) else round(self.distance, 4),
            "threshold": self.threshold,
            "method": self.method,
            "problem": self.problem,
            "elapsed_ms": None if math.isnan(self.elapsed_ms) else round(self.elapsed_ms, 1),
        }


class MatchingFaceVerifier(FaceVerifier):
    """Decides with a `FaceMatcher`: the median distance over the best live frames.

    The median of a few frames (rather than the best one) keeps one lucky frame of an
    impostor from deciding; frames are ranked by sharpness so motion blur does not
    spoil the measure. Liveness is judged elsewhere (`liveness.py`) and can be passed in
    per call by the caller that ran the challenge.

    The decision must come within 200 ms of the last live frame, and one template costs
    20-80 ms, so the work is done before it is needed: `prepare()` computes the
    reference's template as soon as the chip or the office gives the photo, and
    `observe()` templates live frames while the citizen is still doing the challenge;
    `verify()` then only fills in what is missing. With `worker=True` every call to the
    matcher runs on one long-lived thread, where its models and its mediapipe graph stay
    loaded (a fresh pool thread would rebuild the graph: +150 ms).
    """

    def __init__(self, matcher: FaceMatcher, threshold: float, frames_used: int = 3, *,
                 worker: bool = False) -> None:
        if frames_used < 1:
            raise ValueError("frames_used must be at least 1")
        self.matcher = matcher
        self.threshold = float(threshold)
        self.frames_used = frames_used
        self._executor = (ThreadPoolExecutor(max_workers=1, thread_name_prefix="face-matcher")
                          if worker else None)
        self._lock = threading.Lock()
        self._reference: tuple[bytes, Future] | None = None
        # id(frame) -> (frame, sharpness, future of its template or None); the frame is
        # held so its id cannot be reused by another array while the entry lives.
        self._live: dict[int, tuple[Frame, float, Future | None]] = {}
        self.last_elapsed_ms = math.nan    # the last decision's own time (benchmarks, logs)

    # -- the work done ahead ---------------------------------------------------------
    def _submit(self, fn: Callable[..., T], *args: object) -> Future:
        if self._executor is not None:
            return self._executor.submit(fn, *args)
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - the caller sees it at .result()
            future.set_exception(exc)
        return future

    def _call(self, fn: Callable[..., T], *args: object) -> T:
        return self._submit(fn, *args).result()

    def warm_up(self) -> None:
        """Load the matcher's models (and the worker's mediapipe graph) in the background."""
        if self._executor is None:
            warm = getattr(self.matcher, "warm_up", None)
            if warm is not None:
                warm()
            return
        self._executor.submit(self._warm_up)

    def _warm_up(self) -> None:
        try:
            self._load_models()
        except Exception as exc:  # noqa: BLE001 - the first decision meets the same failure
            log.error("face matcher could not load its models: %s", exc)

    def load_models(self) -> None:
        """Load the models now (on the worker, if there is one) and raise what fails."""
        if self._executor is not None and not _on_worker():
            self._executor.submit(self._load_models).result()
        else:
            self._load_models()

    def _load_models(self) -> None:
        load = getattr(self.matcher, "load", None)
        if load is not None:
            load()
        self.matcher.template(np.full((240, 320, 3), 128, np.uint8))   # builds this thread's graph

    def prepare(self, reference_jpeg: bytes) -> None:
        """Start on the reference's template now (the chip or the office just gave it)."""
        if not reference_jpeg:
            return
        with self._lock:
            if self._reference is not None and self._reference[0] == reference_jpeg:
                return
            self._reference = (reference_jpeg, self._submit(self._reference_template, reference_jpeg))

    def observe(self, frames: Sequence[Frame]) -> None:
        """Start on the templates of live frames seen so far (during the check).

        Only the frames the decision would use are templated (the sharpest, as
        `verify` ranks them); a frame that falls out of them, or out of `frames`, is
        dropped before its turn, so a slow matcher never builds a backlog."""
        with self._lock:
            known = {id(f): entry for f in frames if (entry := self._live.get(id(f))) is not None and entry[0] is f}
            for key, entry in self._live.items():
                if key not in known and entry[2] is not None:
                    entry[2].cancel()
            self._live = {id(f): known.get(id(f)) or (f, sharpness(f), None) for f in frames}
            wanted = sorted(self._live.values(), key=lambda e: e[1], reverse=True)[: self.frames_used * 2]
            wanted_ids = {id(e[0]) for e in wanted}
            for key, (frame, sharp, future) in list(self._live.items()):
                if key in wanted_ids and future is None:
                    self._live[key] = (frame, sharp, self._submit(self.matcher.template, frame))
                elif key not in wanted_ids and future is not None and future.cancel():
                    self._live[key] = (frame, sharp, None)

    def forget(self) -> None:
        """Drop the session's templates (the session is wiped)."""
        with self._lock:
            self._reference = None
            for _, _, future in self._live.values():
                if future is not None:
                    future.cancel()
            self._live = {}

    def _reference_template(self, reference_jpeg: bytes) -> FaceTemplate | None:
        reference = decode_image(reference_jpeg, PORTRAIT)   # the chip's or the office's portrait
        return self.matcher.template(reference) if reference is not None else None

    # -- the decision ----------------------------------------------------------------
    @property
    def method(self) -> str:
        return self.matcher.method

    def verify(self, reference_jpeg: bytes, live_frames: Sequence[Frame], liveness: str = "not_checked") -> FaceDecision:
        started = time.perf_counter()
        with self._lock:
            prepared = self._reference
            live = dict(self._live)
        if prepared is not None and prepared[0] == reference_jpeg:
            ref_future = prepared[1]
        else:
            ref_future = self._submit(self._reference_template, reference_jpeg)
        ref_template = ref_future.result()
        if ref_template is None:
            log.info("face verification: no face in the reference portrait")
            return self._decision(math.nan, "face_not_found", liveness, started)
        # The sharpest frames first (motion blur spoils a template); frames observed
        # during the check have their sharpness, and their template is made or on its way.
        entries = []
        for frame in live_frames:
            known = live.get(id(frame))
            entries.append(known if known is not None and known[0] is frame else (frame, sharpness(frame), None))
        ranked = sorted(entries, key=lambda e: e[1], reverse=True)[: self.frames_used * 2]
        futures = [future if future is not None and not future.cancelled() else None for _, _, future in ranked]
        distances = []
        for i, (frame, _, _) in enumerate(ranked):
            template = (futures[i] or self._submit(self.matcher.template, frame)).result()
            if template is not None:
                distances.append(self.matcher.distance(ref_template, template))
            if len(distances) >= self.frames_used:
                break
        if not distances:
            return self._decision(math.nan, "face_not_found", liveness, started)
        distance = float(statistics.median(distances))
        return self._decision(distance, "", liveness, started)

    def compare_images(self, reference_jpeg: bytes, probe_jpeg: bytes) -> ImageComparison:
        """Two stills, e.g. the chosen new portrait against the chip portrait (or two
        picture files a technician compares: hence the picture limit, not the portrait's)."""
        images = [decode_image(reference_jpeg, PICTURE), decode_image(probe_jpeg, PICTURE)]
        started = time.perf_counter()
        templates = [self._call(self.matcher.template, img) if img is not None else None for img in images]
        if templates[0] is None or templates[1] is None:
            return ImageComparison(math.nan, self.threshold, False, self.method, "face_not_found",
                                   _ms_since(started))
        d = self.matcher.distance(templates[0], templates[1])
        match = d <= self.threshold
        log.info("image comparison: distance %.4f threshold %.3f match %s", d, self.threshold, match)
        return ImageComparison(d, self.threshold, match, self.method, "" if match else "face_no_match",
                               _ms_since(started))

    def _decision(self, distance: float, problem: str, liveness: str, started: float) -> FaceDecision:
        match = not problem and distance <= self.threshold
        if not problem and not match:
            problem = "face_no_match"
        if match and liveness == "failed":
            match, problem = False, "liveness_failed"
        decision = FaceDecision(
            match=match, distance=distance, threshold=self.threshold, method=self.method,
            liveness=liveness, problem=problem,
        )
        self.last_elapsed_ms = _ms_since(started)
        log.info("face decision: %s in %.0f ms", decision.as_record(), self.last_elapsed_ms)
        return decision


def _on_worker() -> bool:
    return threading.current_thread().name.startswith("face-matcher")


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0


def sharpness(frame: Frame) -> float:
    """Variance of the Laplacian on a 320 px wide grey copy: motion blur lowers it."""
    import cv2

    grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
    small = cv2.resize(grey, (320, max(1, round(320 * grey.shape[0] / grey.shape[1]))), interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(small, cv2.CV_32F).var())
