"""Face-stack figures on this machine, each beside a baseline measured in the same run
(prints, asserts nothing).

* decision time of the face check (median, p90) for each matcher: the reference
  templated when the chip gave it, live frames templated while the challenge ran, the
  models warm on the verifier's worker; timed from the last live frame to the decision.
  Baseline: the way it was done before (dlib, the reference and the frames templated
  at decision time, on a fresh thread that builds its own mediapipe graph);
* per-frame analysis time measured inside the live pipeline (`LiveAnalyzer`), for each
  mode at 640x480 and 1280x720, with the CPU the analysis threads used a frame and the
  time they waited for a core (from /proc's schedstat: on a shared machine the wait is
  the neighbours' doing). Baselines: one bare BGR->LAB conversion of a whole frame (a
  fixed piece of work, timed in the same run), and the same frames analysed one model
  after the other on the whole frame (mesh and counter, whole-frame segmentation,
  rules), as the pipeline did before; and the pipeline itself with its mesh tracking two
  faces (`mesh_faces=2`), as it did before the full-range counter's count was held;
* preview frames painted per second by the camera view (paint events counted by the
  widget, offscreen), beside the frames the camera delivered in the same seconds, with
  and without the live analyzer in portrait mode on the same camera. Baseline: the feed
  as it was before, a reader and a GUI timer each paced at 40 ms (`_PacedFeed`).

Uses only the demo portrait of the repository (no fetched media).
    .venv/bin/python tests/bench/bench_face.py [--only pipeline] [--runs 3]
"""

from __future__ import annotations

import os
import statistics
import sys
import threading
import time
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from hardware.camera.simulated import SimulatedCamera  # noqa: E402
from kiosk.config.model import BiometricsSettings  # noqa: E402

PORTRAIT = ROOT / "resources" / "demo" / "astronaut.jpg"
SIZES = ((640, 480), (1280, 720))
DECISIONS = 8
CHECK_SECONDS = 1.5          # live frames handed to the verifier before each decision


def _ms(samples: list[float], low: bool = False) -> str:
    """Median and p90; with `low` also p10, the frames the machine's neighbours disturbed
    least (on a shared machine the nearest to what the analysis itself costs)."""
    samples = sorted(samples)
    p10 = f"p10 {samples[int(0.1 * (len(samples) - 1))]:6.1f} ms  " if low else ""
    return (f"{p10}median {statistics.median(samples):6.1f} ms  p90 {samples[int(0.9 * (len(samples) - 1))]:6.1f} ms"
            f"  ({len(samples)})")


def _chip_reference() -> bytes:
    """The demo portrait as a second-generation card's chip holds one: 102x126, JPEG q25."""
    from kiosk.biometrics.detection import FaceAnalyzer
    from kiosk.biometrics.portrait_crop import PortraitGeometry, crop_portrait

    image = cv2.imread(str(PORTRAIT))
    with FaceAnalyzer(count_small_faces=False) as analyzer:
        face = analyzer.analyse(image).face
    chip = crop_portrait(image, face, PortraitGeometry(102, 126, 350, 59, 43))
    return cv2.imencode(".jpg", chip, [cv2.IMWRITE_JPEG_QUALITY, 25])[1].tobytes()


# -- decision time ------------------------------------------------------------------------

def bench_decision() -> None:
    from kiosk.biometrics.matching import MatchingFaceVerifier
    from launcher.drivers import face_matcher

    settings = BiometricsSettings()
    reference = _chip_reference()
    camera = SimulatedCamera(PORTRAIT, fps=30, size=(1280, 720), seed=2)
    camera.open()
    try:
        camera.read(timeout=5)
        for name in ("sface", "dlib"):
            verifier = MatchingFaceVerifier(face_matcher(name), settings.threshold_of(name),
                                            frames_used=settings.match_frames, worker=True)
            verifier.load_models()
            times, distances = [], []
            for _ in range(DECISIONS):
                verifier.forget()
                verifier.prepare(reference)          # the chip was read
                time.sleep(0.3)                      # "Is this you?": the citizen reads
                recent: deque = deque(maxlen=8)      # the live analyzer keeps the last 8 frames
                for _ in range(int(CHECK_SECONDS * settings.analysis_rate_hz)):
                    recent.append(camera.read())
                    verifier.observe(list(recent))
                    time.sleep(1.0 / settings.analysis_rate_hz)
                recent.append(camera.read())         # the last live frame
                t = time.perf_counter()
                decision = verifier.verify(reference, list(recent))
                times.append((time.perf_counter() - t) * 1000)
                distances.append(decision.distance)
            print(f"decision {name:5} (prepared, warm worker):   {_ms(times)}   distance "
                  f"{statistics.median(distances):.3f} (threshold {verifier.threshold})")
        # Before: dlib, everything at decision time, on a fresh thread (a Qt pool thread).
        from kiosk.biometrics.matcher_dlib import DlibMatcher

        matcher = DlibMatcher()
        matcher.load()
        before = []
        for _ in range(max(3, DECISIONS // 2)):
            frames = []
            for _ in range(8):
                frames.append(camera.read())
                time.sleep(1.0 / settings.analysis_rate_hz)
            verifier = MatchingFaceVerifier(matcher, settings.dlib_threshold, frames_used=settings.match_frames)
            out: list[float] = []

            def decide() -> None:
                t0 = time.perf_counter()
                verifier.verify(reference, frames)
                out.append((time.perf_counter() - t0) * 1000)

            th = threading.Thread(target=decide)
            th.start()
            th.join()
            before += out
        print(f"decision dlib  (baseline: at decision time, fresh thread): {_ms(before)}")
    finally:
        camera.close()


# -- per-frame analysis -------------------------------------------------------------------

def _schedstat() -> dict[int, tuple[int, int]]:
    """{thread id: (ns on a core, ns runnable but waiting for one)} of this process."""
    out = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            run, wait, _ = (task / "schedstat").read_text().split()
        except (OSError, ValueError):
            continue
        out[int(task.name)] = (int(run), int(wait))
    return out


def _cpu_per_frame(before, after, frames: int, skip: set[int], analyzer: int | None) -> tuple[float, float]:
    """CPU ms a frame of every thread but `skip` (the camera, this one: the analyzer, its
    second thread, mediapipe's), and the ms a frame the analyzer's own thread, ready to
    run, waited for a core: on a shared machine that wait is the neighbours' doing."""
    run = 0
    for tid, (r, _) in after.items():
        if tid not in skip:
            run += r - before.get(tid, (0, 0))[0]
    waited = 0
    if analyzer is not None and analyzer in after:
        waited = after[analyzer][1] - before.get(analyzer, (0, 0))[1]
    return run / 1e6 / max(1, frames), waited / 1e6 / max(1, frames)


def _bare_conversion(camera) -> list[float]:
    """The yardstick: one bare BGR->LAB conversion of a whole frame, the kind of work the
    rules did on whole images before, timed at the analysis rate in the same run."""
    times = []
    for _ in range(24):
        frame = camera.read()
        t = time.perf_counter()
        cv2.cvtColor(frame, cv2.COLOR_BGR2LAB)
        times.append((time.perf_counter() - t) * 1000)
        time.sleep(1 / 12)
    return times[2:]


PIPELINE_SECONDS = 5.0


def bench_pipeline(runs: int = 1) -> None:
    from kiosk.biometrics.live_analyzer import LiveAnalyzer

    settings = BiometricsSettings.model_validate({"portrait": {"steady_seconds": 10.0}})   # no capture
    medians: dict[str, list[float]] = {}
    for run in range(runs):
        for size in SIZES:
            camera = SimulatedCamera(PORTRAIT, fps=30, size=size, seed=2)
            camera.open()
            try:
                camera.read(timeout=5)
                skip = {threading.main_thread().native_id} | {
                    t.native_id for t in threading.enumerate() if t.name == "simulated-camera"}
                for mode, mesh_faces in (("guide", 2), ("guide", 1), ("liveness", 2), ("liveness", 1),
                                         ("portrait", 2), ("portrait", 1)):
                    analyzer = LiveAnalyzer(camera, settings, mode=mode, mesh_faces=mesh_faces)  # type: ignore[arg-type]
                    analyzer.start()
                    analyzer.wait_for(lambda a: a.camera_ok and a.face_box is not None, 30)
                    time.sleep(0.5)
                    analyzer.analysis_times_ms.clear()
                    first, cpu0, load = analyzer.latest().sequence, _schedstat(), os.getloadavg()[0]
                    time.sleep(PIPELINE_SECONDS)
                    cpu1, last = _schedstat(), analyzer.latest().sequence
                    worker = next((t.native_id for t in threading.enumerate() if t.name == "live-analyzer"), None)
                    times = list(analyzer.analysis_times_ms)
                    checks = analyzer.latest().checks if mode == "portrait" else ()
                    analyzer.stop()
                    cpu, waited = _cpu_per_frame(cpu0, cpu1, last - first, skip, worker)
                    note = f"  {sum(c.passed for c in checks)}/{len(checks)} rules pass" if checks else ""
                    label = f"{mode} mesh {mesh_faces}{' (before)' if mesh_faces == 2 else ''}"
                    print(f"pipeline {size[0]}x{size[1]} {label:22}: {_ms(times, low=True)}  CPU {cpu:5.1f} ms/frame,"
                          f" analyzer waited for a core {waited:5.1f} ms/frame; load {load:4.1f}{note}")
                    medians.setdefault(f"{size[0]}x{size[1]} {mode} mesh {mesh_faces}", []).append(statistics.median(times))
                bare = _bare_conversion(camera)
                print(f"pipeline {size[0]}x{size[1]} baseline, one bare cvtColor BGR2LAB of a frame: {_ms(bare, low=True)}"
                      f"; load {os.getloadavg()[0]:4.1f}")
                medians.setdefault(f"{size[0]}x{size[1]} bare cvtColor", []).append(statistics.median(bare))
                if run == 0:
                    _baseline_sequential(camera, size)
            finally:
                camera.close()
    if runs > 1:
        for key, values in medians.items():
            print(f"pipeline {key:22} median of {runs} run medians: {statistics.median(values):6.1f} ms"
                  f"  (runs: {', '.join(f'{v:.1f}' for v in values)})")


def _baseline_sequential(camera, size) -> None:
    """Before: one model after the other on the whole frame, on one thread."""
    from kiosk.biometrics.detection import FaceAnalyzer
    from kiosk.biometrics.portrait_rules import assess
    from kiosk.biometrics.segmentation import PersonSegmenter

    settings = BiometricsSettings()
    analyzer, segmenter = FaceAnalyzer(video=True), PersonSegmenter()
    try:
        guide_ms, rules_ms = [], []
        for i in range(40):
            frame = camera.read()
            t = time.perf_counter()
            finding = analyzer.analyse(frame, count_faces=i % 3 == 0)
            guide_ms.append((time.perf_counter() - t) * 1000)
            assess(frame, finding, settings.portrait, person_probability=segmenter.person_probability(frame))
            rules_ms.append((time.perf_counter() - t) * 1000)
            time.sleep(1 / 12)
        print(f"pipeline {size[0]}x{size[1]} baseline, sequential whole frame: guide {_ms(guide_ms[3:], low=True)};"
              f" portrait {_ms(rules_ms[3:], low=True)}")
    finally:
        analyzer.close()
        segmenter.close()


# -- preview painting ---------------------------------------------------------------------

class _PacedFeed:
    """The preview feed as it was before: a reader thread reading every 40 ms and a GUI
    timer taking its newest frame every 40 ms, the two unsynchronised."""

    PERIOD_MS = 40

    def __init__(self, view, camera) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QTimer

        self.view, self.camera = view, camera
        self._lock, self._frame, self._count, self._shown = threading.Lock(), None, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._timer = QTimer()
        self._timer.setInterval(self.PERIOD_MS)
        self._timer.timeout.connect(self._tick)

    def _read(self) -> None:
        period = self.PERIOD_MS / 1000
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                frame = self.camera.read(timeout=0.05)
            except Exception:  # noqa: BLE001 - as the old feed: try again later
                frame = None
            if frame is not None:
                with self._lock:
                    self._frame, self._count = frame, self._count + 1
            self._stop.wait(max(0.0, period - (time.monotonic() - started)))

    def _tick(self) -> None:
        with self._lock:
            count, frame = self._count, self._frame
        if frame is not None and count != self._shown:
            self._shown = count
            self.view.set_frame(frame)

    def start(self) -> None:
        self._thread.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._stop.set()
        self._thread.join(1)


def bench_preview() -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.biometrics.live_analyzer import LiveAnalyzer
    from ui.screens.preview import PreviewFeed
    from ui.widgets import CameraView

    app = QApplication.instance() or QApplication([])
    settings = BiometricsSettings.model_validate({"portrait": {"steady_seconds": 10.0}})

    def run_for(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    for size in SIZES:
        camera = SimulatedCamera(PORTRAIT, fps=30, size=size, seed=2)
        camera.open()
        view = CameraView()
        view.resize(1280, 720)
        view.show()
        feed = PreviewFeed(view)
        try:
            before = _PacedFeed(view, camera)
            before.start()
            run_for(1.0)
            painted, produced, t = view.painted_frames, camera.frames_produced, time.perf_counter()
            run_for(4.0)
            seconds = time.perf_counter() - t
            before.stop()
            print(f"preview {size[0]}x{size[1]} {'baseline: paced at 40 ms':27}: "
                  f"{(view.painted_frames - painted) / seconds:5.1f} frames painted/s"
                  f" of {(camera.frames_produced - produced) / seconds:5.1f} delivered/s")
            feed.start(camera)
            run_for(1.0)
            for label, analyzer in (("alone", None), ("with the portrait analysis",
                                                      LiveAnalyzer(camera, settings, mode="portrait"))):
                if analyzer is not None:
                    analyzer.start()
                    analyzer.wait_for(lambda a: a.camera_ok, 30)
                painted, produced, t = view.painted_frames, camera.frames_produced, time.perf_counter()
                run_for(4.0)
                seconds = time.perf_counter() - t
                fps = (view.painted_frames - painted) / seconds
                delivered = (camera.frames_produced - produced) / seconds
                if analyzer is not None:
                    analyzer.stop()
                print(f"preview {size[0]}x{size[1]} {label:27}: {fps:5.1f} frames painted/s"
                      f" of {delivered:5.1f} delivered/s")
        finally:
            feed.stop()
            view.close()
            camera.close()
    app.processEvents()


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("decision", "pipeline", "preview"), help="one part only")
    parser.add_argument("--runs", type=int, default=1, help="pipeline: repeat, and print the median of the runs")
    args = parser.parse_args()
    print(f"cv2 {cv2.__version__}, threads {cv2.getNumThreads()}, cores {os.cpu_count()},"
          f" load {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    if args.only in (None, "decision"):
        bench_decision()
    if args.only in (None, "pipeline"):
        bench_pipeline(args.runs)
    if args.only in (None, "preview"):
        bench_preview()


if __name__ == "__main__":
    main()
