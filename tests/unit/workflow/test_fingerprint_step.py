"""The fingerprint step, headless, on the simulated scanner: where it sits, what a bad
press says, the fallback finger, "cannot give fingerprints", and no step for Vietnam."""

from __future__ import annotations

import pytest

from hardware.fingerprint.simulated import SimulatedFingerprintScanner
from hardware.fingerprint.synthetic_prints import Press
from kiosk.workflow.fingerprint_steps import DECLINED_CANNOT_GIVE, DECLINED_NO_USABLE_PRINT
from kiosk.workflow.states import State
from tests.phone_check_walk import pass_phone_check


def _to_portrait_chosen(wf) -> None:
    wf.start("en")
    wf.choose_case(__import__("kiosk.domain.cases", fromlist=["Case"]).Case.EXPIRING)
    wf.agree()
    wf.proceed()
    assert wf.state is State.PORTRAIT, wf.session.problem
    wf.choose_portrait(0)


def _scanner(wf, *script: str, repeat: bool = False) -> SimulatedFingerprintScanner:
    scanner = SimulatedFingerprintScanner(script, repeat=repeat, reach_seconds=0.0)
    wf.services.fingerprint = scanner
    return scanner


def test_a_chinese_card_gives_two_index_fingers_twice_between_portrait_and_contact(wf):
    problems = []
    wf.subscribe(lambda event, w: problems.append(w.session.problem.code) if event == "problem" and w.session.problem else None)
    _scanner(wf, "good", "faint", "good", "smudged", "good", "partial", "good")
    _to_portrait_chosen(wf)
    assert wf.state is State.CONTACT
    kept = wf.session.fingerprints
    assert [(c.finger, c.press) for c in kept] == [
        ("right_index", 1), ("right_index", 2), ("left_index", 1), ("left_index", 2)]
    assert all(c.png.startswith(b"\x89PNG") and c.dpi == 500 and c.quality > 0 for c in kept)
    assert wf.session.fingerprints_declined == ""
    assert problems == ["fingerprint_press_harder", "fingerprint_clean_finger", "fingerprint_place_flat"]
    assert "PNG" not in repr(kept) and "\\x" not in repr(kept)     # no image data in a repr that may be logged
    wf.back()
    assert wf.state is State.FINGERPRINTS    # back from the contact step leads to the prints


def test_a_finger_that_gives_no_usable_print_is_replaced_by_the_next_fallback(wf):
    attempts = wf.config.fingerprints.attempts_per_press
    _scanner(wf, *(["faint"] * attempts), "good", "good", "good", "good")
    _to_portrait_chosen(wf)
    assert wf.state is State.CONTACT
    fingers = [c.finger for c in wf.session.fingerprints]
    assert fingers == ["right_middle", "right_middle", "left_index", "left_index"] or \
        fingers == ["left_index", "left_index", "right_middle", "right_middle"]
    assert wf.session.fingerprints_declined == ""


def test_no_usable_print_from_any_finger_goes_on_and_says_why(wf):
    _scanner(wf, "faint", repeat=True)
    _to_portrait_chosen(wf)
    assert wf.state is State.CONTACT
    assert wf.session.fingerprints == []
    assert wf.session.fingerprints_declined == DECLINED_NO_USABLE_PRINT


def test_cannot_give_fingerprints_is_recorded_not_a_dead_end(wf):
    scanner = _scanner(wf)                 # nothing pressed: the step waits for the citizen
    _to_portrait_chosen(wf)
    assert wf.state is State.FINGERPRINTS
    assert wf.session.problem and wf.session.problem.code == "fingerprint_no_finger"
    wf.cannot_give_fingerprints()
    assert wf.state is State.CONTACT
    assert wf.session.fingerprints_declined == DECLINED_CANNOT_GIVE
    assert scanner.captures == 0


def test_other_finger_skips_an_injured_one(wf):
    _scanner(wf)
    _to_portrait_chosen(wf)
    assert wf.fingerprint_plan.finger == "right_index"
    wf.services.fingerprint = _scanner(wf, "good", repeat=True)
    wf.other_finger()
    assert wf.state is State.CONTACT
    assert {c.finger for c in wf.session.fingerprints} == {"right_middle", "left_index"}


def test_an_unplugged_scanner_is_a_device_error_with_a_way_back(wf):
    scanner = _scanner(wf, "good", repeat=True)
    scanner.unplug()
    _to_portrait_chosen(wf)
    assert wf.state is State.DEVICE_ERROR
    assert wf.session.problem.code == "fingerprint_missing"
    scanner.plug_in()
    wf.retry()
    assert wf.state is State.CONTACT


@pytest.mark.parametrize("country", ["VNM"])
def test_a_vietnamese_card_has_no_fingerprint_step(tmp_path, session_tmp, country):
    from kiosk.config import with_overrides
    from kiosk.demo.config import demo_config
    from launcher.services import build_services
    from kiosk.workflow.jobs import SyncJobRunner
    from kiosk.workflow.machine import Workflow

    cfg = with_overrides(demo_config(tmp_path / "data"), {"document.country": country})
    services = build_services(cfg)
    assert services.fingerprint is None
    wf = Workflow(services, SyncJobRunner(), face_frames=2, frame_interval_s=0.0, portrait_countdown_s=0.0)
    _to_portrait_chosen(wf)
    assert wf.state is State.CONTACT
    assert not wf.fingerprints_required


def test_the_prints_go_into_the_application_as_one_iso_19794_4_record(wf, caplog):
    import base64
    import logging

    import cv2
    import numpy as np

    from kiosk.biometrics.finger_record import FINGER_POSITIONS, read_record

    caplog.set_level(logging.DEBUG)
    _scanner(wf, "good", repeat=True)
    _to_portrait_chosen(wf)
    kept = list(wf.session.fingerprints)
    wf.set_contact("13800138000", "station")
    pass_phone_check(wf)
    wf.sign(b"\x89PNG\r\n\x1a\n signature")
    wf.submit()
    assert wf.state is State.RECEIPT, wf.session.problem
    stored = wf.services.store.get(wf.session.application_id)
    payload = stored.to_payload()["fingerprints"]
    assert payload["status"] == "captured" and payload["declined_reason"] is None
    dpi, views = read_record(base64.b64decode(payload["iso_19794_4"]))
    assert dpi == 500
    assert [(v.position, v.view_number, v.views) for v in views] == [
        (FINGER_POSITIONS["right_index"], 1, 2), (FINGER_POSITIONS["right_index"], 2, 2),
        (FINGER_POSITIONS["left_index"], 1, 2), (FINGER_POSITIONS["left_index"], 2, 2)]
    first = cv2.imdecode(np.frombuffer(views[0].image, np.uint8), cv2.IMREAD_UNCHANGED)
    assert first.shape == (views[0].height, views[0].width) and first.dtype == np.uint8
    assert views[0].image == kept[0].png
    # Never in a log line: not the record, not a PNG, not even the finger's quality score.
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "PNG" not in text and payload["iso_19794_4"][:40] not in text


def test_a_declined_step_reaches_the_application_for_the_counter(wf):
    _scanner(wf)
    _to_portrait_chosen(wf)
    wf.cannot_give_fingerprints()
    wf.set_contact("13800138000", "station")
    pass_phone_check(wf)
    wf.sign(b"\x89PNG\r\n\x1a\n signature")
    wf.submit()
    stored = wf.services.store.get(wf.session.application_id)
    assert stored.to_payload()["fingerprints"] == {"status": "declined", "declined_reason": "cannot_give",
                                                   "iso_19794_4": None}
