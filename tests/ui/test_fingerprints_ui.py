"""The fingerprint step through the real window: a Chinese card's citizen is asked for
the right and left index fingers between the portrait and the contact step, sees what
to do about a bad press, and the application carries the prints; a Vietnamese card's
journey has no such step."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from hardware.fingerprint.simulated import SimulatedFingerprintScanner
from kiosk.biometrics.finger_record import FINGER_POSITIONS, read_record
from kiosk.config import with_overrides
from kiosk.domain.cases import Case
from kiosk.workflow.clock import ManualClock
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import State
from launcher.screenshots import draw_signature
from launcher.services import build_services
from tests.conftest import FIXED_NOW
from tests.ui.kiosk_driver import WAIT_MS, KioskDriver as Kiosk
from ui.main_window import MainWindow
from ui.qt_jobs import QtJobRunner

pytestmark = pytest.mark.ui


def _kiosk(qtbot, cfg) -> tuple[Kiosk, list[State], list[str], object]:
    cfg = with_overrides(cfg, {"ui.fullscreen": False})
    runner = QtJobRunner()
    services = build_services(cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    services.monotonic = ManualClock()
    workflow = Workflow(services, runner, frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=4)
    states: list[State] = []
    problems: list[str] = []
    workflow.subscribe(lambda event, wf: states.append(wf.state) if event == "state" else None)
    workflow.subscribe(lambda event, wf: problems.append(wf.session.problem.code)
                       if event == "problem" and wf.session.problem else None)
    window = MainWindow(workflow, cfg, fullscreen=False)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()

    def close() -> None:
        window.close()
        runner.shutdown()
        services.close()
    return Kiosk(window, workflow, qtbot, cfg), states, problems, close


@pytest.fixture
def chinese(qtbot, demo_cfg, session_tmp, kiosk_theme, language) -> Iterator[tuple[Kiosk, list, list]]:
    kiosk, states, problems, close = _kiosk(qtbot, demo_cfg)
    yield kiosk, states, problems
    close()


def _to_portrait(kiosk: Kiosk) -> None:
    kiosk.tap("start_en")
    kiosk.tap(f"case_{Case.EXPIRING.value}")
    kiosk.give_consent()
    kiosk.wait_for(State.ELIGIBILITY)
    kiosk.tap("eligibility_continue")
    kiosk.wait_for(State.PORTRAIT)


def test_a_chinese_card_gives_fingerprints_by_tapping(chinese) -> None:
    kiosk, states, problems = chinese
    wf = kiosk.workflow
    # Nobody presses at first; then one faint press, then good ones.
    wf.services.fingerprint = SimulatedFingerprintScanner(["blank", "faint", "good"] + ["good"] * 3,
                                                          repeat=False, reach_seconds=0.05)
    _to_portrait(kiosk)
    kiosk.tap("portrait_use_0")
    kiosk.wait_for(State.FINGERPRINTS)
    kiosk.qtbot.waitUntil(lambda: kiosk.find("fingerprints_scan_again").isVisible(), timeout=WAIT_MS)
    assert "right index finger" in kiosk.find("fingerprints_instruction").text()
    screen = kiosk.find("screen_fingerprints")
    assert screen.findChild(QLabel, "problem_message").text() == "We did not feel a finger on the scanner."
    assert kiosk.find("finger_drawing").finger == "right_index"
    kiosk.tap("fingerprints_scan_again")
    kiosk.wait_for(State.CONTACT)
    assert problems[-1] == "fingerprint_press_harder"
    assert states.index(State.PORTRAIT) < states.index(State.FINGERPRINTS) < states.index(State.CONTACT)

    kiosk.type_on("phone_keypad", "13800138000")
    kiosk.tap("pickup_station")
    kiosk.tap("contact_continue")
    kiosk.pass_phone_check()
    kiosk.wait_for(State.REVIEW)
    draw_signature(kiosk.find("review_signature"))
    kiosk.tap("review_submit")
    kiosk.pay()
    kiosk.wait_for(State.RECEIPT)
    stored = wf.services.store.get(wf.session.application_id)
    prints = stored.to_payload()["fingerprints"]
    assert prints["status"] == "captured"
    _dpi, views = read_record(base64.b64decode(prints["iso_19794_4"]))
    assert {v.position for v in views} == {FINGER_POSITIONS["right_index"], FINGER_POSITIONS["left_index"]}
    kiosk.tap("receipt_finish")
    kiosk.wait_for(State.GOODBYE)
    assert wf.session.fingerprints == [] and wf.session.is_wiped()


def test_cannot_give_fingerprints_by_tapping_goes_on_to_the_contact_step(chinese) -> None:
    kiosk, _states, _problems = chinese
    kiosk.workflow.services.fingerprint = SimulatedFingerprintScanner(["blank"], repeat=True, reach_seconds=0.05)
    _to_portrait(kiosk)
    kiosk.tap("portrait_use_0")
    kiosk.wait_for(State.FINGERPRINTS)
    kiosk.tap("fingerprints_cannot")
    kiosk.wait_for(State.CONTACT)
    assert kiosk.workflow.session.fingerprints_declined == "cannot_give"


def test_a_vietnamese_cards_journey_has_no_fingerprint_step(qtbot, demo_cfg, session_tmp, kiosk_theme, language):
    cfg = with_overrides(demo_cfg, {"document.country": "VNM"})
    kiosk, states, _problems, close = _kiosk(qtbot, cfg)
    try:
        assert kiosk.workflow.services.fingerprint is None
        _to_portrait(kiosk)
        kiosk.tap("portrait_use_0")
        kiosk.wait_for(State.CONTACT)
        assert State.FINGERPRINTS not in states
        screen = kiosk.window.findChild(QWidget, "screen_fingerprints")   # screens are built when first shown
        assert screen is None or screen.isHidden()
    finally:
        close()
