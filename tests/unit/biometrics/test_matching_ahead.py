"""The verifier does its work before the decision: the reference when it is read, live
frames while the check runs, on one long-lived worker thread, without a backlog.

Before, every template was made after the last live frame, on whichever thread ran the
face-check job: the reference recomputed at decision time, then the frames one by one.
"""

from __future__ import annotations

import threading

import cv2
import numpy as np

from kiosk.biometrics.matching import FaceMatcher, FaceTemplate, MatchingFaceVerifier


def _jpeg(value: int) -> bytes:
    return cv2.imencode(".jpg", np.full((64, 48, 3), value, np.uint8))[1].tobytes()


def _frame(value: int, sharp: bool = True) -> np.ndarray:
    frame = np.full((48, 64, 3), value, np.uint8)
    if sharp:
        frame[::2] = 255 - value   # stripes: a high Laplacian variance
    return frame


class Recorder(FaceMatcher):
    """Templates are the image's first pixel; records what it templated and on which thread."""

    method = "recorder"

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.seen: list[int] = []
        self.threads: set[str] = set()
        self.gate = gate

    def template(self, image):
        if self.gate is not None:
            self.gate.wait(5)
        self.seen.append(int(image[1, 0, 0]))
        self.threads.add(threading.current_thread().name)
        return FaceTemplate(np.array([float(image[1, 0, 0])]))

    def distance(self, a, b) -> float:
        return abs(float(a.vector[0]) - float(b.vector[0])) / 255.0


def test_the_reference_is_templated_when_prepared_and_not_again_at_the_decision():
    matcher = Recorder()
    verifier = MatchingFaceVerifier(matcher, 0.5, frames_used=1, worker=True)
    reference = _jpeg(100)
    verifier.prepare(reference)
    verifier.prepare(reference)                     # the same photo: nothing new to do
    frame = _frame(100, sharp=False)
    verifier.observe([frame])
    decision = verifier.verify(reference, [frame])
    assert decision.match
    assert len(matcher.seen) == 2                   # one reference, one frame
    assert matcher.threads and all(t.startswith("face-matcher") for t in matcher.threads)
    assert verifier.last_elapsed_ms >= 0


def test_only_the_frames_the_decision_would_use_are_templated():
    matcher = Recorder()
    verifier = MatchingFaceVerifier(matcher, 0.5, frames_used=1)      # uses the sharpest 2
    sharp = [_frame(v) for v in (10, 20)]
    blurred = [_frame(v, sharp=False) for v in (30, 40, 50)]
    verifier.observe(blurred + sharp)
    assert sorted(matcher.seen) == [10, 20]                            # the striped (sharp) ones


def test_a_slow_matcher_never_builds_a_backlog_of_frames():
    gate = threading.Event()
    matcher = Recorder(gate)
    verifier = MatchingFaceVerifier(matcher, 0.5, frames_used=1, worker=True)
    recent: list[np.ndarray] = []
    for i in range(30):                             # the check runs on; the matcher is stuck
        recent = (recent + [_frame(i + 1)])[-4:]
        verifier.observe(recent)
    gate.set()
    verifier.verify(_jpeg(0), recent)
    # the one template running when the frames moved on, the reference, and at most the
    # two frames the decision uses: not thirty
    assert len(matcher.seen) <= 4


def test_forget_drops_the_sessions_templates():
    matcher = Recorder()
    verifier = MatchingFaceVerifier(matcher, 0.5, frames_used=1)
    reference = _jpeg(60)
    verifier.prepare(reference)
    verifier.forget()
    verifier.verify(reference, [_frame(60, sharp=False)])
    assert len(matcher.seen) == 3                    # the reference again after forget
