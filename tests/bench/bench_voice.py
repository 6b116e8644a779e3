"""Voice guidance figures: render time and size per language, and the latency from a
screen change to the first sound.

    python tests/bench/bench_voice.py      (BENCH_ROUNDS=10)

1. `kiosk voice render` of each language (all prompts, one espeak-ng per CPU): wall time,
   prompts, MB of WAV, seconds of speech.
2. Latency in the real window (offscreen): from the workflow action that changes the
   screen (welcome -> case, case -> goodbye) to the moment the speaker starts, with the
   rendered prompts (as shipped) and, as the baseline in the same run, with every text
   synthesized by espeak-ng at run time. The speaker is the simulated one (it starts the
   instant it is handed the WAV; aplay adds its own start-up, measured in 3).
3. aplay's own start: `aplay -D null` of a 1 s WAV, process start to exit.

Prints figures, asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "10"))
LANGS = ("zh_CN", "en", "vi")


def render(out: Path) -> None:
    from kiosk.voice.render import render_language

    for lang in LANGS:
        r = render_language(lang, out / lang)
        print(f"render {lang:5}: {r.prompts} prompts in {r.seconds:5.1f} s, {r.bytes / 1e6:5.1f} MB, "
              f"{r.audio_seconds:6.0f} s of speech ({r.bytes / max(1, r.prompts) / 1e3:.0f} KB a prompt)")


def latency(prompts: Path | None, label: str) -> None:
    from PySide6.QtWidgets import QApplication

    from hardware.speaker.simulated import SimulatedSpeaker
    from kiosk.demo.config import demo_config
    from kiosk.voice.clips import ClipLibrary
    from kiosk.voice.guide import VoiceGuide
    from kiosk.workflow.clock import ManualClock
    from kiosk.workflow.machine import Workflow
    from kiosk.workflow.states import State
    from launcher.gui import narrate
    from launcher.services import build_services
    from ui.main_window import MainWindow
    from ui.qt_jobs import QtJobRunner

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        cfg = demo_config(Path(tmp) / "data")
        runner = QtJobRunner()
        services = build_services(cfg)
        clock = ManualClock()
        services.monotonic = clock
        wf = Workflow(services, runner)
        speaker = SimulatedSpeaker(speed=50.0)
        guide = VoiceGuide(speaker, ClipLibrary(prompts), volume=0.8)
        window = MainWindow(wf, cfg, fullscreen=False, voice=guide)
        narrate(guide, wf, window)
        window.resize(1920, 1080)
        window.show()
        figures: dict[str, list[float]] = {}

        def first_sound(name: str, action) -> None:  # type: ignore[no-untyped-def]
            assert guide.wait_idle(30)
            speaker.started.clear()
            began = time.perf_counter()
            action()
            while not speaker.started.is_set():
                app.processEvents()
                speaker.started.wait(0.0005)
            figures.setdefault(name, []).append(time.perf_counter() - began)

        for i in range(ROUNDS):
            lang = LANGS[i % len(LANGS)]
            guide.set_enabled(True)
            first_sound(f"welcome -> case ({'rotating languages'})", lambda: wf.start(lang))
            first_sound("case -> goodbye", wf.cancel)
            clock.advance(600)
            while wf.state is not State.WELCOME:
                wf.tick()
                app.processEvents()
        guide.close()
        print(f"latency, {label}: clips used {guide.clips_used}, synthesized {guide.synthesized}")
        for name, values in figures.items():
            print(f"  {name:40} median {statistics.median(values) * 1000:7.1f} ms   "
                  f"max {max(values) * 1000:7.1f} ms   (n={len(values)})")
        window.request_quit(quit_app=False)
        wf.shutdown()
        runner.shutdown()
        services.close()


def aplay_start() -> None:
    from tests.voice_helpers import tone

    wav = tone(1.0)
    times = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        subprocess.run(["aplay", "-q", "-D", "null", "-"], input=wav, check=True)
        times.append(time.perf_counter() - began)
    print(f"aplay -D null of 1 s: median {statistics.median(times) * 1000:.1f} ms (process start to exit; "
          "the null device does not pace in real time)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "voice"
        render(out)
        latency(out, "rendered prompts (as shipped)")
        latency(None, "baseline: everything synthesized at run time")
    aplay_start()


if __name__ == "__main__":
    main()
