"""Live analysis of the camera stream on a worker thread of its own (no Qt).

The preview and the analysis are decoupled: the screen shows frames at the camera's rate
while this thread analyses the *newest* frame at most `rate_hz` times a second and
publishes a `LiveAnalysis` snapshot (face box, the instruction to show, the portrait
checks, the auto-capture countdown, the liveness challenge). A slow analysis therefore
skips frames; it never queues them and never slows the mirror.

Modes:
* "guide"    - distance, centring and pose (the face check before verification);
* "liveness" - the same plus the blink and head-turn challenge (`liveness.py`);
* "portrait" - every portrait rule; when all pass for `steady_seconds` (the countdown
  the screen shows), the best frames of that steady moment become the candidates.

The screens read `latest()` on their timer or `subscribe()` (callbacks run on this
worker thread: marshal them to the GUI thread with a queued signal). The workflow may
`wait_for()` a state, take `recent_frames()` for the verifier and `candidates()` for
the portrait choice.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import deque
from dataclasses import dataclass, replace
from typing import Callable, Literal

import cv2
import numpy as np

from hardware.camera import Camera, Frame
from hardware.errors import HardwareError
from kiosk.biometrics.guidance import guide
from kiosk.biometrics.interfaces import CheckResult, PortraitCandidate
from kiosk.biometrics.liveness import LivenessSession, LivenessState

log = logging.getLogger(__name__)

Mode = Literal["guide", "liveness", "portrait"]
MODES: tuple[str, ...] = ("guide", "liveness", "portrait")
READ_TIMEOUT_S = 0.5
FACE_COUNT_EVERY = 3          # run the full-range face counter every n-th analysis
SEGMENT_EVERY = 3             # and the person segmentation (portrait mode), on another one
PERSON_REGION_PAD = 0.15      # share of the crop's size added around it for the segmentation
# Faces the mesh tracks. One: with two, mediapipe runs its detector on every frame looking
# for the second face (measured 3.4 vs 5.1 ms at 640x480, 7.9 vs 11.3 ms at 1280x720); the
# full-range counter on the second core already looks for a bystander every
# FACE_COUNT_EVERY frames (further away than the mesh's short-range detector sees), and
# its count is held until the next one, so a second person is told at most
# FACE_COUNT_EVERY - 1 analyses later. Captured portraits are checked again as stills.
MESH_FACES = 1


@dataclass(frozen=True)
class LiveAnalysis:
    sequence: int                                      # 1, 2, 3... per analysis
    timestamp: float                                   # the analyzer's clock
    mode: str
    camera_ok: bool
    frame_size: tuple[int, int] = (0, 0)
    instruction: str = "no_face"                       # message code (guidance.MESSAGES)
    face_box: tuple[float, float, float, float] | None = None
    face_count: int = 0
    checks: tuple[CheckResult, ...] = ()               # portrait mode only
    all_passed: bool = False
    countdown: float | None = None                     # seconds to the auto-capture, while steady
    captured: bool = False                             # portrait mode: candidates are ready
    liveness: LivenessState | None = None
    analysis_ms: float = 0.0


Listener = Callable[[LiveAnalysis], None]


class LiveAnalyzer:
    """`settings`: a `BiometricsSettings` (portrait limits, liveness, analysis rate)."""

    def __init__(self, camera: Camera, settings, *, mode: Mode = "guide",
                 clock: Callable[[], float] = time.monotonic, rng: random.Random | None = None,
                 mesh_faces: int = MESH_FACES) -> None:
        """`mesh_faces`: see MESH_FACES (2 only for the benchmark's before-and-after)."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        self.camera = camera
        self.settings = settings
        self.rate_hz = float(settings.analysis_rate_hz)
        self._clock = clock
        self._rng = rng
        self._lock = threading.Condition()
        self._mode: str = mode
        self._latest: LiveAnalysis | None = None
        self._listeners: list[Listener] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._reset_pending = True
        self._recent: deque[Frame] = deque(maxlen=8)
        self._candidates: list[PortraitCandidate] = []
        self._liveness: LivenessSession | None = None
        self._attempt = 0            # bumped by reset(): results of an older attempt are dropped
        self._mesh_faces = mesh_faces
        self.analysis_times_ms: deque[float] = deque(maxlen=200)   # for the benchmark

    # ----------------------------------------------------------------- control
    def start(self) -> None:
        with self._lock:
            if self._thread is not None:
                return
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="live-analyzer", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop the worker. Not joined beyond `timeout`: a camera read stuck in a driver
        must not hang the caller (the thread leaves when the read returns)."""
        with self._lock:
            thread, self._thread = self._thread, None
            self._stop.set()
            self._lock.notify_all()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    @property
    def running(self) -> bool:
        with self._lock:
            return self._thread is not None and self._thread.is_alive()

    def set_mode(self, mode: Mode) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        with self._lock:
            if mode != self._mode:
                self._mode = mode
                self._reset_pending = True

    @property
    def mode(self) -> str:
        with self._lock:
            return self._mode

    def reset(self) -> None:
        """A new attempt: new liveness challenge and baseline, no kept frames, no capture."""
        with self._lock:
            self._reset_pending = True
            self._attempt += 1
            self._candidates = []
            self._recent.clear()
            self._latest = None
            self._liveness = None    # the previous attempt's verdict must not judge this one

    retake = reset

    # ----------------------------------------------------------------- results
    def latest(self) -> LiveAnalysis | None:
        with self._lock:
            return self._latest

    def wait_for(self, predicate: Callable[[LiveAnalysis], bool], timeout: float,
                 cancel: threading.Event | None = None) -> LiveAnalysis | None:
        """The first published analysis that satisfies `predicate`, or None on timeout/cancel."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                if self._latest is not None and predicate(self._latest):
                    return self._latest
                if self._thread is not None and not self._thread.is_alive():
                    return self._latest      # the worker died: its last word (camera_ok=False)
                left = deadline - time.monotonic()
                if left <= 0 or self._stop.is_set() or (cancel is not None and cancel.is_set()):
                    return None
                self._lock.wait(min(left, 0.1))

    def subscribe(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def recent_frames(self) -> list[Frame]:
        """Frames that showed exactly one face (newest last), for the verifier."""
        with self._lock:
            return list(self._recent)

    def candidates(self) -> list[PortraitCandidate]:
        with self._lock:
            return list(self._candidates)

    @property
    def liveness_verdict(self) -> str:
        with self._lock:
            return self._liveness.verdict if self._liveness is not None else "not_checked"

    # ----------------------------------------------------------------- worker
    def _run(self) -> None:
        from kiosk.biometrics.detection import FaceAnalyzer

        analyzer: FaceAnalyzer | None = None
        aux = _AuxModels()
        period = 1.0 / self.rate_hz
        sequence = 0
        steady_since: float | None = None
        steady: list[tuple[float, Frame, object]] = []
        person = None          # the latest person mask (portrait mode) and the face it was made with
        pending_count = None   # the second core's work for an earlier frame (see _AuxModels)
        pending_person = None  # (future mask, the face of the frame it is made from)
        look = pending_look = None   # the portrait's appearance checks of an earlier frame, and the next
        try:
            analyzer = FaceAnalyzer(video=True, max_faces=self._mesh_faces, count_small_faces=False)
            held_count = 0         # the last full count of faces, told until the next one
            while not self._stop.is_set():
                started = time.monotonic()
                with self._lock:
                    attempt = self._attempt
                    mode = self._mode
                    if self._reset_pending:
                        self._reset_pending = False
                        steady_since, steady = None, []
                        person = pending_person = look = pending_look = None
                        self._liveness = (LivenessSession(self.settings.liveness, rng=self._rng)
                                          if mode == "liveness" else None)
                    captured = bool(self._candidates)
                    session = self._liveness   # this attempt's; reset() may drop it meanwhile
                try:
                    frame = self.camera.read(timeout=READ_TIMEOUT_S)
                except HardwareError:
                    sequence += 1
                    self._publish(LiveAnalysis(sequence, self._clock(), mode, camera_ok=False))
                    self._stop.wait(0.2)
                    continue
                now = self._clock()
                sequence += 1
                t0 = time.perf_counter()
                rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)   # one conversion for every model
                rgb.flags.writeable = False
                rules = mode == "portrait" and not captured
                # What the second core made from the previous frame (see _AuxModels): taken
                # when ready, never waited for.
                boxes = None
                if pending_count is not None and pending_count.done():
                    boxes, pending_count = pending_count.result(), None
                if pending_person is not None and pending_person[0].done():
                    person, pending_person = (pending_person[0].result(), pending_person[1]), None
                if pending_look is not None and pending_look.done():
                    look, pending_look = pending_look.result(), None
                finding = analyzer.analyse(
                    frame, rgb=rgb, count_faces=boxes is not None,
                    count=(lambda: boxes) if boxes is not None else (lambda: aux.count(rgb).result()))
                look_from = None
                if boxes is not None or finding.face is None:     # a fresh count judged this frame
                    held_count = finding.face_count
                elif held_count > finding.face_count:
                    finding = replace(finding, face_count=held_count)
                g = guide(finding)
                h, w = frame.shape[:2]
                result = dict(frame_size=(w, h), instruction=g.code, face_box=g.face_box,
                              face_count=finding.face_count)
                if finding.face is not None and finding.face_count <= 1:
                    with self._lock:
                        if attempt == self._attempt:
                            self._recent.append(frame)
                if mode == "liveness" and session is not None:
                    state = session.update(sequence, now, finding.face if finding.face_count <= 1 else None)
                    result["liveness"] = state
                    if g.code not in ("no_face", "one_person_only") and state.instruction:
                        result["instruction"] = state.instruction
                elif rules:
                    from kiosk.biometrics.portrait_rules import assess

                    ps = self.settings.portrait
                    if finding.face is None:
                        # No rule looks further than the missing face; whoever comes next
                        # is segmented and looked at afresh, not through the last one's mask.
                        mask = look = person = pending_person = None
                    elif person is None:
                        # nothing to reuse (the first frame, or the face was lost): wait for one
                        person = (aux.segment(rgb, self._person_region(finding.face)).result(), finding.face)
                        pending_person = None
                        mask = person[0]
                    else:   # an earlier frame's mask, moved with the face since
                        mask = person[0].moved(self._face_motion(finding.face, person[1]))
                    # The appearance checks (light, background, glasses, head covering) come
                    # from the second core, measured on the previous frame; measured here
                    # only when there is none yet. They change with what the citizen does
                    # (take the glasses off), not between two frames 80 ms apart.
                    assessment = assess(frame, finding, ps, person_probability=mask, appearance=look)
                    if finding.face is not None:
                        look_from = (frame, finding.face, ps, mask)
                    first = assessment.first_failure
                    result.update(checks=assessment.checks, all_passed=assessment.passed,
                                  instruction=first.message_code if first is not None else "ok")
                    if assessment.passed:
                        steady_since = now if steady_since is None else steady_since
                        steady.append((assessment.score, frame, assessment))
                        remaining = ps.steady_seconds - (now - steady_since)
                        result["countdown"] = max(0.0, remaining)
                        if remaining <= 0:
                            self._capture(steady, aux)
                            result["captured"] = True
                            steady_since, steady = None, []
                    else:
                        steady_since, steady = None, []
                elif mode == "portrait":
                    result.update(captured=True, instruction="ok")
                if not rules:
                    person = pending_person = look = pending_look = None
                elapsed_ms = (time.perf_counter() - t0) * 1000.0
                self.analysis_times_ms.append(elapsed_ms)
                with self._lock:
                    stale = attempt != self._attempt
                if not stale:   # a reset() came while this frame was analysed: drop it
                    self._publish(LiveAnalysis(sequence, now, mode, camera_ok=True, analysis_ms=elapsed_ms, **result))
                # The second core's work on this frame, for the next analysis: started now that
                # this one is out, it runs in the pause before the next frame instead of
                # beside this thread's mesh (both are slower sharing the two cores).
                if pending_count is None and sequence % FACE_COUNT_EVERY == 1:
                    pending_count = aux.count(rgb)
                elif (rules and finding.face is not None and pending_person is None
                      and sequence % SEGMENT_EVERY == 2):
                    pending_person = (aux.segment(rgb, self._person_region(finding.face)), finding.face)
                if look_from is not None and pending_look is None:
                    pending_look = aux.appearance(*look_from)
                self._stop.wait(max(0.0, period - (time.monotonic() - started)))
        except Exception:  # noqa: BLE001 - log and leave; the screens keep their mirror
            log.exception("live analysis stopped")
            # Waiters must not run to their time-outs, nor blame the citizen: report the
            # analysis as a camera failure (the workflow turns it into a device error).
            self._publish(LiveAnalysis(sequence + 1, self._clock(), self._mode, camera_ok=False))
        finally:
            if analyzer is not None:
                analyzer.close()
            aux.close()

    def _face_motion(self, face, earlier) -> np.ndarray:
        """Affine from this frame onto the earlier one, following the face (its crop)."""
        from kiosk.biometrics.portrait_crop import PortraitGeometry, crop_matrix
        from kiosk.biometrics.segmentation import compose

        geometry = PortraitGeometry.from_settings(self.settings.portrait)
        return compose(cv2.invertAffineTransform(crop_matrix(earlier, geometry)), crop_matrix(face, geometry))

    def _person_region(self, face) -> tuple[int, int, int, int] | None:
        """Where the portrait's crop lies in the frame, judged from `face` (the previous
        frame's: the segmentation starts before this frame's mesh is known), with room
        for the face to have moved; None (the whole frame) without a face."""
        if face is None:
            return None
        from kiosk.biometrics.portrait_crop import PortraitGeometry, crop_matrix

        geometry = PortraitGeometry.from_settings(self.settings.portrait)
        inverse = cv2.invertAffineTransform(crop_matrix(face, geometry))
        corners = np.array([[0, 0, 1], [geometry.width_px, 0, 1], [0, geometry.height_px, 1],
                            [geometry.width_px, geometry.height_px, 1]], dtype=np.float64)
        xy = corners @ inverse.T
        (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
        pad_x, pad_y = PERSON_REGION_PAD * (x1 - x0), PERSON_REGION_PAD * (y1 - y0)
        return int(x0 - pad_x), int(y0 - pad_y), int(np.ceil(x1 + pad_x)), int(np.ceil(y1 + pad_y))

    def _capture(self, steady: list[tuple[float, Frame, object]], aux: "_AuxModels") -> None:
        from kiosk.biometrics.portrait_crop import PortraitGeometry, crop_portrait, encode_jpeg
        from kiosk.biometrics.segmentation import composite_on

        ps = self.settings.portrait
        geometry = PortraitGeometry.from_settings(ps)
        best = sorted(steady, key=lambda item: item[0], reverse=True)
        chosen: list[PortraitCandidate] = []
        step = max(1, len(best) // max(1, ps.keep))  # spread the picks: not three near-copies
        for score, frame, assessment in best[::step][: ps.keep]:
            source = composite_on(frame, aux.person_probability(frame)) if ps.replace_background else frame
            jpeg = encode_jpeg(crop_portrait(source, assessment.face, geometry), geometry.dpi, ps.jpeg_quality)
            chosen.append(PortraitCandidate(jpeg=jpeg, score=score, checks=list(assessment.checks)))
        with self._lock:
            self._candidates = chosen

    def _publish(self, analysis: LiveAnalysis) -> None:
        with self._lock:
            self._latest = analysis
            listeners = list(self._listeners)
            self._lock.notify_all()
        for listener in listeners:
            try:
                listener(analysis)
            except Exception:  # noqa: BLE001 - a broken listener must not stop the analysis
                log.exception("live-analysis listener failed")


class _AuxModels:
    """The work that runs on the second core, for the analyzer's next frame.

    At 1280 x 720 the tracking mesh takes about 4.5 ms a frame, the full-range face
    counter about 7.5 ms, the person segmentation about 9 ms and the portrait's
    appearance checks (light, background, glasses, head covering) about 3 ms: one after
    the other they cannot fit the 10 ms a frame has. So once an analysis is published,
    this thread takes that frame: the counter on one frame in three, the segmentation
    (portrait mode) on another, the appearance checks on every one, and the next
    analysis uses what is ready, never waiting. The jobs run in the pause before the
    next frame rather than beside the mesh: two models sharing the two cores with the
    camera were each a third slower. The count is held until the next one; the person
    mask is moved with the face until the next one (the crop follows the face, so 170 ms
    of movement hardly shifts the outline, which the rules leave out anyway); the
    appearance checks are one frame (80 ms) old, and change only with what the citizen
    does. mediapipe graphs stay with the thread that made them: this one thread makes
    and uses both, lazily.
    """

    def __init__(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-analyzer-aux")
        self._counter = None
        self._segmenter = None

    def count(self, rgb: np.ndarray):  # -> Future[list[Box]]
        return self._executor.submit(self._count, rgb)

    def segment(self, rgb: np.ndarray, region):  # -> Future[PersonMask]
        return self._executor.submit(self._segment, rgb, region)

    def appearance(self, frame: Frame, face, settings, mask):  # -> Future[tuple[CheckResult, ...]]
        from kiosk.biometrics.portrait_rules import appearance_checks

        return self._executor.submit(appearance_checks, frame, face, settings, mask)

    def person_probability(self, frame: Frame) -> np.ndarray:
        """The whole frame's person probability (for a captured portrait's background)."""
        return self._executor.submit(lambda: self._seg().person_probability(frame)).result()

    def _count(self, rgb: np.ndarray):
        if self._counter is None:
            from kiosk.biometrics.detection import FaceCounter

            self._counter = FaceCounter()
        return self._counter.boxes(rgb)

    def _seg(self):
        if self._segmenter is None:
            from kiosk.biometrics.segmentation import PersonSegmenter

            self._segmenter = PersonSegmenter()
        return self._segmenter

    def _segment(self, rgb: np.ndarray, region):
        return self._seg().person_in_region(rgb, region)

    def close(self) -> None:
        def release() -> None:
            for model in (self._counter, self._segmenter):
                if model is not None:
                    model.close()

        try:
            self._executor.submit(release)
        except RuntimeError:   # already shut down
            pass
        self._executor.shutdown(wait=False)
