"""Face-stack figures on this machine (prints, asserts nothing).

* per-frame analysis time at 640x480 and 1280x720: guidance (mesh + face count) and the
  full portrait rules (plus segmentation);
* preview frames per second (a reader at the screen's 25 fps pace) with and without the
  live analyzer running on the same camera;
* the time of one 1:1 verification (reference + 3 live frames) and of one descriptor.

Uses only the demo portrait of the repository (no fetched media).
    .venv/bin/python tests/bench/bench_face.py
"""

from __future__ import annotations

import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from hardware.camera.simulated import SimulatedCamera, fit_to_frame  # noqa: E402
from kiosk.config.model import BiometricsSettings  # noqa: E402

PORTRAIT = ROOT / "resources" / "demo" / "astronaut.jpg"


def _ms(samples: list[float]) -> str:
    samples = sorted(samples)
    return (f"median {statistics.median(samples):6.1f} ms   p90 {samples[int(0.9 * (len(samples) - 1))]:6.1f} ms"
            f"   ({len(samples)} frames)")


def bench_analysis() -> None:
    from kiosk.biometrics.detection import FaceAnalyzer
    from kiosk.biometrics.guidance import guide
    from kiosk.biometrics.portrait_rules import assess
    from kiosk.biometrics.segmentation import PersonSegmenter

    settings = BiometricsSettings()
    image = cv2.imread(str(PORTRAIT))
    for size in ((640, 480), (1280, 720)):
        base = fit_to_frame(image, size)
        rng = np.random.default_rng(1)
        frames = [cv2.add(base, rng.integers(0, 4, base.shape, dtype=np.uint8)) for _ in range(60)]
        analyzer, segmenter = FaceAnalyzer(video=True), PersonSegmenter()
        guide_ms, rules_ms = [], []
        for i, frame in enumerate(frames):
            t = time.perf_counter()
            finding = analyzer.analyse(frame, count_faces=i % 3 == 0)
            guide(finding)
            guide_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            finding = analyzer.analyse(frame, count_faces=i % 3 == 0)
            assess(frame, finding, settings.portrait, person_probability=segmenter.person_probability(frame))
            rules_ms.append((time.perf_counter() - t) * 1000)
        analyzer.close()
        segmenter.close()
        print(f"analysis {size[0]}x{size[1]}  guidance (mesh+count): {_ms(guide_ms[5:])}")
        print(f"analysis {size[0]}x{size[1]}  portrait rules (+segmentation): {_ms(rules_ms[5:])}")


def _preview_fps(camera, seconds: float) -> float:
    """Frames a 25 fps preview reader actually gets (new frames only), per second."""
    stop = threading.Event()
    shown = [0]

    def reader() -> None:
        last = -1
        while not stop.is_set():
            try:
                index, _ = camera.read_indexed(timeout=0.05)
            except Exception:  # noqa: BLE001
                continue
            if index != last:
                shown[0] += 1
                last = index
            stop.wait(0.04)

    th = threading.Thread(target=reader, daemon=True)
    th.start()
    time.sleep(seconds)
    stop.set()
    th.join()
    return shown[0] / seconds


def bench_preview() -> None:
    from kiosk.biometrics.live_analyzer import LiveAnalyzer

    settings = BiometricsSettings()
    for size in ((640, 480), (1280, 720)):
        camera = SimulatedCamera(PORTRAIT, fps=30, size=size, seed=2)
        camera.open()
        try:
            idle = _preview_fps(camera, 4.0)
            for mode in ("guide", "portrait"):
                analyzer = LiveAnalyzer(camera, settings, mode=mode)  # type: ignore[arg-type]
                analyzer.start()
                analyzer.wait_for(lambda a: a.camera_ok, 30)
                busy = _preview_fps(camera, 5.0)
                rate = len(analyzer.analysis_times_ms) / 5.0
                times = list(analyzer.analysis_times_ms)
                analyzer.stop()
                print(f"preview {size[0]}x{size[1]}: {idle:5.1f} fps alone, {busy:5.1f} fps with the analyzer in "
                      f"{mode} mode ({rate:4.1f} analyses/s at {settings.analysis_rate_hz:g} Hz asked, "
                      f"median {statistics.median(times):.1f} ms each)")
        finally:
            camera.close()


def bench_verification() -> None:
    from kiosk.biometrics.matcher_dlib import DlibMatcher
    from kiosk.biometrics.matching import MatchingFaceVerifier

    image = cv2.imread(str(PORTRAIT))
    ok, buf = cv2.imencode(".jpg", cv2.resize(image, (240, 320)), [cv2.IMWRITE_JPEG_QUALITY, 60])
    reference = buf.tobytes()
    live = [fit_to_frame(image, (1280, 720)) for _ in range(3)]
    t = time.perf_counter()
    matcher = DlibMatcher()
    matcher.warm_up().join()   # models load lazily (in the background at kiosk start)
    load_ms = (time.perf_counter() - t) * 1000
    verifier = MatchingFaceVerifier(matcher, BiometricsSettings().match_threshold, frames_used=3)
    verifier.verify(reference, live)   # warm-up (mediapipe graph per thread)
    runs, templates = [], []
    for _ in range(5):
        t = time.perf_counter()
        decision = verifier.verify(reference, live)
        runs.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        matcher.template(live[0])
        templates.append((time.perf_counter() - t) * 1000)
    print(f"verification (reference + 3 frames at 1280x720): median {statistics.median(runs):.0f} ms; "
          f"one descriptor {statistics.median(templates):.0f} ms; model load {load_ms:.0f} ms; "
          f"distance {decision.distance:.3f}")


def main() -> None:
    print(f"cv2 {cv2.__version__}, threads {cv2.getNumThreads()}")
    bench_analysis()
    bench_preview()
    bench_verification()


if __name__ == "__main__":
    main()
