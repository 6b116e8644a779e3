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
from dataclasses import dataclass
from typing import Callable, Literal

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
                 clock: Callable[[], float] = time.monotonic, rng: random.Random | None = None) -> None:
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
        from kiosk.biometrics.segmentation import PersonSegmenter

        analyzer: FaceAnalyzer | None = None
        segmenter: PersonSegmenter | None = None
        period = 1.0 / self.rate_hz
        sequence = 0
        steady_since: float | None = None
        steady: list[tuple[float, Frame, object]] = []
        try:
            analyzer = FaceAnalyzer(video=True, max_faces=2)
            while not self._stop.is_set():
                started = time.monotonic()
                with self._lock:
                    attempt = self._attempt
                    mode = self._mode
                    if self._reset_pending:
                        self._reset_pending = False
                        steady_since, steady = None, []
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
                finding = analyzer.analyse(frame, count_faces=sequence % FACE_COUNT_EVERY == 1)
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
                elif mode == "portrait" and not captured:
                    if segmenter is None:
                        segmenter = PersonSegmenter()
                    from kiosk.biometrics.portrait_rules import assess

                    ps = self.settings.portrait
                    assessment = assess(frame, finding, ps, person_probability=segmenter.person_probability(frame))
                    first = assessment.first_failure
                    result.update(checks=assessment.checks, all_passed=assessment.passed,
                                  instruction=first.message_code if first is not None else "ok")
                    if assessment.passed:
                        steady_since = now if steady_since is None else steady_since
                        steady.append((assessment.score, frame, assessment))
                        remaining = ps.steady_seconds - (now - steady_since)
                        result["countdown"] = max(0.0, remaining)
                        if remaining <= 0:
                            self._capture(steady, segmenter)
                            result["captured"] = True
                            steady_since, steady = None, []
                    else:
                        steady_since, steady = None, []
                elif mode == "portrait":
                    result.update(captured=True, instruction="ok")
                elapsed_ms = (time.perf_counter() - t0) * 1000.0
                self.analysis_times_ms.append(elapsed_ms)
                with self._lock:
                    stale = attempt != self._attempt
                if not stale:   # a reset() came while this frame was analysed: drop it
                    self._publish(LiveAnalysis(sequence, now, mode, camera_ok=True, analysis_ms=elapsed_ms, **result))
                self._stop.wait(max(0.0, period - (time.monotonic() - started)))
        except Exception:  # noqa: BLE001 - log and leave; the screens keep their mirror
            log.exception("live analysis stopped")
            # Waiters must not run to their time-outs, nor blame the citizen: report the
            # analysis as a camera failure (the workflow turns it into a device error).
            self._publish(LiveAnalysis(sequence + 1, self._clock(), self._mode, camera_ok=False))
        finally:
            if analyzer is not None:
                analyzer.close()
            if segmenter is not None:
                segmenter.close()

    def _capture(self, steady: list[tuple[float, Frame, object]], segmenter) -> None:
        from kiosk.biometrics.portrait_crop import PortraitGeometry, crop_portrait, encode_jpeg
        from kiosk.biometrics.segmentation import composite_on

        ps = self.settings.portrait
        geometry = PortraitGeometry.from_settings(ps)
        best = sorted(steady, key=lambda item: item[0], reverse=True)
        chosen: list[PortraitCandidate] = []
        step = max(1, len(best) // max(1, ps.keep))  # spread the picks: not three near-copies
        for score, frame, assessment in best[::step][: ps.keep]:
            source = composite_on(frame, segmenter.person_probability(frame)) if ps.replace_background else frame
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
