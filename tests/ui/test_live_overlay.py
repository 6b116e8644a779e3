"""The camera screens draw the live analysis: face box, guide oval, instruction, countdown.

A stand-in analyzer hands the screens chosen `LiveAnalysis` snapshots (the same frozen
dataclass the real one publishes), so each drawing rule is checked exactly; one test runs
the real analyzer on the simulated camera and checks that the analysis never runs on the
GUI thread while the overlay follows it.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from launcher.services import build_services
from kiosk.biometrics import guidance
from kiosk.biometrics.interfaces import FaceDecision
from kiosk.biometrics.live_analyzer import LiveAnalysis
from kiosk.biometrics.liveness import LivenessState
from kiosk.domain.cases import Case
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import State
from tests.conftest import FIXED_NOW
from ui import messages
from ui.main_window import MainWindow
from ui.screens import camera_screen
from ui.screens.face_check import DONE_MARK, TODO_MARK
from launcher.screenshots import HoldingRunner

pytestmark = pytest.mark.ui
WAIT_MS = 30_000  # a ceiling for slow machines, not a performance threshold


class StandInAnalyzer:
    """What the screens may use of a LiveAnalyzer: `latest()` and `mode` (the workflow
    also starts, resets and stops it)."""

    def __init__(self, camera: Any, mode: str) -> None:
        self.mode = mode
        self.analysis: LiveAnalysis | None = None
        self.latest_threads: set[str] = set()

    def show(self, **fields: Any) -> LiveAnalysis:
        sequence = self.analysis.sequence + 1 if self.analysis is not None else 1
        base = {"sequence": sequence, "timestamp": 0.0, "mode": self.mode, "camera_ok": True,
                "frame_size": (640, 360), "face_box": (260.0, 80.0, 120.0, 150.0), "face_count": 1}
        self.analysis = LiveAnalysis(**{**base, **fields})
        return self.analysis

    def latest(self) -> LiveAnalysis | None:
        self.latest_threads.add(threading.current_thread().name)
        return self.analysis

    def start(self) -> None: ...
    def stop(self, timeout: float = 0.0) -> None: ...
    def reset(self) -> None: ...

    def set_mode(self, mode: str) -> None:
        self.mode = mode


@dataclass
class Rig:
    window: MainWindow
    workflow: Workflow
    runner: HoldingRunner
    analyzers: list[StandInAnalyzer]

    @property
    def screen(self) -> Any:
        return self.window.current_screen()

    @property
    def analyzer(self) -> StandInAnalyzer:
        return self.analyzers[-1]

    def draw(self) -> Any:
        """Stop the mirror (its frames would race the test's), show a 1280x720 frame,
        and draw the overlay once, as a preview tick does."""
        screen = self.screen
        screen.feed.stop()
        screen.camera_view.set_frame(np.zeros((720, 1280, 3), np.uint8))
        screen.refresh_overlay()
        return screen.camera_view


@pytest.fixture
def rig(qtbot, demo_cfg, session_tmp, kiosk_theme, language) -> Iterator[Rig]:
    runner = HoldingRunner()
    services = build_services(demo_cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    analyzers: list[StandInAnalyzer] = []

    def factory(camera: Any, mode: str) -> StandInAnalyzer:
        analyzers.append(StandInAnalyzer(camera, mode))
        return analyzers[-1]

    services.analyzer_factory = factory
    wf = Workflow(services, runner, frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=2)
    window = MainWindow(wf, demo_cfg, fullscreen=False)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    wf.start("en")
    wf.choose_case(Case.EXPIRING)       # the simulated card is read inline
    wf.agree()
    assert wf.state is State.ELIGIBILITY
    runner.hold_next = True
    wf.proceed()                        # the face check's job is held: the citizen is looking
    wf.services.camera.open()           # ...after its first step, which opens the camera
    assert wf.state is State.FACE_CHECK and runner.held is not None
    runner.held.progress(0, 2, "looking")
    yield Rig(window, wf, runner, analyzers)
    window.close()
    services.close()
    services.store.close()


def test_face_box_follows_the_analysis_scaled_to_the_frame_shown(rig: Rig) -> None:
    rig.analyzer.show(instruction="come_closer", face_box=(100.0, 50.0, 60.0, 80.0), frame_size=(640, 360))
    view = rig.draw()
    # The analyzer saw 640x360, the mirror shows 1280x720: the box doubles.
    assert view.face_box().getRect() == (200.0, 100.0, 120.0, 160.0)
    assert view.instruction() == "Come a little closer."
    assert not view.guide_ok()
    assert not rig.screen.busy.isVisible()     # looking is the citizen's part, not a wait

    rig.analyzer.show(instruction="ok")
    rig.draw()
    assert view.instruction() == "Perfect. Hold still." and view.guide_ok()

    rig.analyzer.show(instruction="no_face", face_box=None, face_count=0)
    rig.draw()
    assert view.face_box() is None and view.instruction() == "Look at the camera."


def test_a_lost_camera_or_a_stuck_analysis_draws_no_box(rig: Rig, monkeypatch) -> None:
    view = rig.draw()
    rig.analyzer.show(camera_ok=False, face_box=None)
    rig.screen.refresh_overlay()
    assert view.face_box() is None

    now = [1000.0]
    monkeypatch.setattr(camera_screen, "clock", lambda: now[0])
    rig.analyzer.show(instruction="ok")
    rig.screen.refresh_overlay()
    assert view.face_box() is not None
    now[0] += camera_screen.STALE_AFTER_S + 0.1      # the same analysis, long after
    rig.screen.refresh_overlay()
    assert view.face_box() is None and not view.guide_ok()


def test_verifying_says_hold_still_and_shows_the_wait(rig: Rig) -> None:
    rig.analyzer.show(instruction="ok")
    rig.runner.held.progress(1, 2, "verifying")
    view = rig.draw()
    assert view.instruction() == "Hold still…"
    assert rig.screen.busy.isVisible() and rig.screen.busy.is_busy()


def test_liveness_challenge_as_banner_and_checklist(rig: Rig) -> None:
    rig.analyzer.mode = "liveness"
    rig.analyzer.show(mode="liveness", instruction="blink", liveness=LivenessState("blink", 0, False, False))
    view = rig.draw()
    screen = rig.screen
    assert view.instruction() == "Blink slowly once."
    assert screen.challenge.isVisible()
    assert screen.challenge.text().splitlines() == [
        f"{TODO_MARK} Blink slowly once.",
        f"{TODO_MARK} Slowly turn your head to one side.",
    ]
    assert "do what the picture asks" in screen.guidance.text()

    rig.analyzer.show(mode="liveness", instruction="turn_right", liveness=LivenessState("turn_right", 1, False, False))
    rig.screen.refresh_overlay()
    assert view.instruction() == "Slowly turn your head to your right."
    assert screen.challenge.text().splitlines() == [
        f"{DONE_MARK} Blink slowly once.",
        f"{TODO_MARK} Slowly turn your head to your right.",
    ]


@pytest.mark.parametrize("code", ["come_closer", "turn_left", "remove_glasses", "ok"])
def test_chinese_banner_is_the_cores_reference_wording(rig: Rig, language, code: str) -> None:
    language("zh_CN")
    rig.analyzer.show(instruction=code)
    assert rig.draw().instruction() == guidance.message(code, "zh_CN")


def test_vietnamese_banner_addresses_the_citizen(rig: Rig, language) -> None:
    language("vi")
    rig.analyzer.show(instruction="come_closer")
    assert "Ông/Bà" in rig.draw().instruction()


def _to_portrait(rig: Rig) -> Any:
    face_job = rig.runner.held
    rig.runner.held = None
    rig.runner.hold_next = True          # the capture starts right after the match
    face_job.done(FaceDecision(match=True, distance=0.3, threshold=0.6, method="test"))
    assert rig.workflow.state is State.PORTRAIT and rig.runner.held is not None
    return rig.runner.held


def test_portrait_auto_capture_countdown_from_the_analysis(rig: Rig) -> None:
    capture = _to_portrait(rig)
    capture.progress(0, 1, "guiding")
    rig.analyzer.show(mode="portrait", instruction="close_mouth", all_passed=False)
    view = rig.draw()
    assert view.instruction() == "Close your mouth and keep a neutral face."
    assert view.countdown() is None
    assert not rig.screen.busy.isVisible()

    rig.analyzer.show(mode="portrait", instruction="ok", all_passed=True, countdown=1.4)
    rig.screen.refresh_overlay()
    assert view.countdown() == 2 and view.guide_ok()

    rig.analyzer.show(mode="portrait", instruction="ok", all_passed=True, countdown=0.0)
    rig.screen.refresh_overlay()
    assert view.countdown() == 1                     # never "0" on the screen

    rig.analyzer.show(mode="portrait", instruction="ok", captured=True)
    rig.screen.refresh_overlay()
    assert view.instruction() == "Taking your photo…" and view.countdown() is None


def test_workflow_countdown_wins_over_the_analysis(rig: Rig) -> None:
    capture = _to_portrait(rig)
    rig.analyzer.show(mode="guide", instruction="move_left")
    capture.progress(1, 3, "countdown")
    view = rig.draw()
    assert view.instruction() == "Keep still…" and view.countdown() == 2


def test_countdown_seconds() -> None:
    assert camera_screen.countdown_seconds(None) is None
    assert camera_screen.countdown_seconds(math.nan) is None
    assert [camera_screen.countdown_seconds(s) for s in (2.01, 2.0, 0.4, 0.0)] == [3, 2, 1, 1]


def test_without_an_analyzer_the_demo_words_stay(qtbot, demo_cfg, session_tmp, kiosk_theme, language) -> None:
    """No analyzer configured (stand-in biometrics): today's banner, no analysis box."""
    cfg = demo_cfg.model_copy(update={"biometrics": demo_cfg.biometrics.model_copy(
        update={"face_verifier": "demo-standin", "portrait_maker": "demo-standin"})})
    runner = HoldingRunner()
    services = build_services(cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    assert services.analyzer_factory is None
    wf = Workflow(services, runner, frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=2)
    window = MainWindow(wf, cfg, fullscreen=False)
    qtbot.addWidget(window)
    try:
        wf.start("en")
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        runner.hold_next = True
        wf.proceed()
        wf.services.camera.open()       # the held job's first step
        screen = window.current_screen()
        assert wf.analyzer is None
        assert screen.camera_view.instruction() == "Look at the camera and blink once"
        assert screen.feed.running and screen.feed._reader.detector is not None   # the demo face finder
    finally:
        wf.shutdown()   # stops the live analyzer, wipes the session and its folder
        window.close()
        services.close()
        services.store.close()


def test_the_preview_draws_the_face_finder_it_is_given(qtbot, demo_cfg, session_tmp, kiosk_theme, language) -> None:
    """The screen asks no configuration name: it runs whatever finder `Services` holds."""
    runner = HoldingRunner()
    services = build_services(demo_cfg, today=FIXED_NOW.date())   # names the real verifier
    services.clock = lambda: FIXED_NOW
    services.analyzer_factory = None

    def finder(frame: Any) -> None:
        return None

    services.preview_face_finder = finder
    wf = Workflow(services, runner, frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=2)
    window = MainWindow(wf, demo_cfg, fullscreen=False)
    qtbot.addWidget(window)
    try:
        wf.start("en")
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        runner.hold_next = True
        wf.proceed()
        wf.services.camera.open()       # the held job's first step
        screen = window.current_screen()
        assert screen.feed.running and screen.feed._reader.detector is finder
    finally:
        wf.shutdown()
        window.close()
        services.close()
        services.store.close()


def test_real_analyzer_runs_off_the_gui_thread_and_the_box_follows(
    qtbot, demo_cfg, session_tmp, kiosk_theme, language, monkeypatch
) -> None:
    from kiosk.biometrics.detection import FaceAnalyzer

    analysed_on: set[str] = set()
    original = FaceAnalyzer.analyse

    def recording(self, *args, **kwargs):
        analysed_on.add(threading.current_thread().name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(FaceAnalyzer, "analyse", recording)
    runner = HoldingRunner()
    services = build_services(demo_cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    wf = Workflow(services, runner, frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=2)
    window = MainWindow(wf, demo_cfg, fullscreen=False)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    try:
        wf.start("en")
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        runner.hold_next = True
        wf.proceed()
        wf.services.camera.open()       # the held job's first step
        screen = window.current_screen()
        assert wf.analyzer is not None
        # The simulated camera plays a portrait: the analysis finds the face, and the next
        # preview tick draws its box.
        qtbot.waitUntil(lambda: screen.camera_view.face_box() is not None, timeout=WAIT_MS)
        latest = wf.analyzer.latest()
        assert latest.face_count == 1
        assert screen.camera_view.instruction() in {messages.guidance_text(c) for c in guidance.MESSAGES}
        assert analysed_on and threading.main_thread().name not in analysed_on
    finally:
        wf.shutdown()   # stops the live analyzer, wipes the session and its folder
        window.close()
        services.close()
        services.store.close()


def test_stand_in_only_reads_latest_on_the_gui_thread(rig: Rig, qtbot) -> None:
    """The screens touch nothing of the analyzer but its snapshot (no waits, no frames)."""
    rig.analyzer.show(instruction="ok")
    screen = rig.screen
    ticks = screen.feed.ticks
    qtbot.waitUntil(lambda: screen.feed.ticks >= ticks + 3, timeout=WAIT_MS)
    assert rig.analyzer.latest_threads == {threading.main_thread().name}
    assert screen.camera_view.face_box() is not None
