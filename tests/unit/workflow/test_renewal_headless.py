"""The whole renewal driven without a screen, for every case, on the demo devices."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from launcher.services import build_services
from kiosk.domain.cases import Case
from kiosk.workflow.machine import InvalidTransition, Workflow
from kiosk.workflow.states import IdentifyMode, Outcome, State
from tests.conftest import FIXED_NOW
from tests.phone_check_walk import pass_phone_check

SIGNATURE = b"\x89PNG\r\n\x1a\n fake signature bytes"



def _walk_to_review(wf: Workflow, case: Case, lost_number: str | None = None) -> None:
    wf.start("en")
    assert wf.state is State.CASE
    wf.choose_case(case)
    wf.agree()
    assert wf.state in (State.IDENTIFY, State.ELIGIBILITY)
    if case is Case.LOST:
        assert wf.session.identify_mode is IdentifyMode.KEYPAD
        wf.submit_id_number(lost_number)   # face check first: "Is this you?" only after a match
    assert wf.state is State.ELIGIBILITY, wf.session.problem
    assert wf.session.eligibility.eligible
    wf.proceed()
    assert wf.state is State.PORTRAIT, wf.session.problem   # face check passed (demo stand-in), before or now
    assert wf.session.face_decision.match
    assert wf.session.portrait_candidates
    wf.choose_portrait(0)
    assert wf.state is State.CONTACT
    wf.set_contact("13800138000", "station")
    pass_phone_check(wf)
    assert wf.state is State.REVIEW


@pytest.mark.parametrize("case", [Case.EXPIRING, Case.DAMAGED, Case.LOST])
def test_full_renewal_saves_prints_and_wipes(wf, demo_cfg, session_tmp, case):
    from kiosk.demo.specimen import specimen_identity_fields

    number = specimen_identity_fields(FIXED_NOW.date())["id_number"]
    _walk_to_review(wf, case, lost_number=number)
    wf.sign(SIGNATURE)
    wf.submit()
    assert wf.state is State.RECEIPT, wf.session.problem
    app_number = wf.session.application_number
    assert app_number and wf.session.print_result.ok

    # The queue row is committed and readable; its personal fields are not in plaintext.
    stored = wf.services.store.get(wf.session.application_id)
    assert stored.case is case and stored.id_number == number
    # The office learns how the kiosk knew who this is: the demo chip has no access
    # control, and its signer chains to the specimen CSCA the demo kiosk trusts.
    if case is Case.LOST:
        assert stored.identity_check == {"source": "typed", "chip_authentication": "", "access_protocol": ""}
    else:
        assert stored.identity_check == {"source": "chip", "chip_authentication": "passed",
                                         "access_protocol": "none"}
    with sqlite3.connect(demo_cfg.database_path) as db:
        assert db.execute("select count(*) from applications").fetchone()[0] == 1
    # The printed receipt is in the printer's folder.
    printed = list(demo_cfg.printer_output_dir.glob("*.pdf"))
    assert len(printed) == 1 and printed[0].read_bytes().startswith(b"%PDF")
    # Its QR code verifies offline with this kiosk's exported public key.
    from kiosk.receipts.verify import Keyring, verify_text

    keyring = Keyring()
    keyring.add_path(demo_cfg.resolve_path(demo_cfg.receipt.public_key))
    verdict = verify_text(wf.session.receipt.qr_content, keyring)
    assert verdict.valid, verdict.as_dict()

    wf.finish()
    assert wf.state is State.GOODBYE and wf.last_outcome is Outcome.COMPLETED
    assert wf.session.is_wiped()
    assert list(session_tmp.iterdir()) == []


def test_cancel_anywhere_wipes(wf, session_tmp):
    _walk_to_review(wf, Case.EXPIRING)
    assert wf.session.identity is not None and list(session_tmp.iterdir())
    wf.cancel()
    assert wf.state is State.GOODBYE and wf.last_outcome is Outcome.CANCELLED
    assert wf.session.is_wiped() and list(session_tmp.iterdir()) == []


def test_idle_countdown_then_timeout_wipes(wf, demo_cfg, session_tmp):
    _walk_to_review(wf, Case.EXPIRING)
    warn = demo_cfg.session.idle_warning_seconds
    wf.services.monotonic.advance(warn + 1)
    wf.tick()
    assert wf.idle_seconds_left is not None and 0 < wf.idle_seconds_left <= demo_cfg.session.idle_countdown_seconds
    wf.stay()
    assert wf.idle_seconds_left is None and wf.state is State.REVIEW
    wf.services.monotonic.advance(warn + demo_cfg.session.idle_countdown_seconds + 1)
    wf.tick()
    assert wf.state is State.WELCOME and wf.last_outcome is Outcome.TIMED_OUT
    assert wf.session.is_wiped() and list(session_tmp.iterdir()) == []


def test_invalid_typed_number_is_refused_before_lookup(wf):
    wf.start("en")
    wf.choose_case(Case.LOST)
    wf.agree()
    wf.submit_id_number("110105194912310021")
    assert wf.state is State.IDENTIFY
    assert wf.session.problem.code == "id_invalid"
    # The reason only: naming the character that would fit invited changing the last digit
    # when another one was mistyped (issue 15).
    assert wf.session.problem.params == {"reason": "check_character"}


def test_table_refuses_unknown_moves(wf):
    with pytest.raises(InvalidTransition):
        wf.submit()
    wf.start("en")
    with pytest.raises(InvalidTransition):
        wf.proceed()


def test_card_pulled_mid_read_restarts_then_hands_over(wf, demo_cfg):
    from hardware.card_reader.simulated import SimulatedChip
    from kiosk.demo.specimen import make_specimen_files

    reader = wf.services.card_reader
    reader.remove()
    reader.present(SimulatedChip(make_specimen_files(FIXED_NOW.date()), pull_after_apdus=3))
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    # Every read is pulled: after the configured attempts the citizen goes to the counter.
    assert wf.state is State.HANDOVER
    assert wf.session.handover_reason == "card"
    assert wf.session.card_attempts == demo_cfg.session.card_attempts
    wf.finish()
    assert wf.session.is_wiped() and wf.last_outcome is Outcome.HANDED_OVER


def test_camera_vanishing_is_a_device_error_with_retry(wf):
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.services.camera.vanish()
    wf.proceed()
    assert wf.state is State.DEVICE_ERROR and wf.session.problem.code == "camera_missing"
    wf.services.camera.restore()
    wf.retry()
    assert wf.state is State.PORTRAIT


def test_expiry_outside_window_is_refused_with_reason(wf):
    from hardware.card_reader.simulated import SimulatedChip
    from kiosk.demo.specimen import make_specimen_files

    # The specimen card expires 45 days after the day it is made for: 400 days from now.
    reader = wf.services.card_reader
    reader.remove()
    reader.present(SimulatedChip(make_specimen_files(FIXED_NOW.date() + dt.timedelta(days=355))))
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.state is State.ELIGIBILITY
    assert not wf.session.eligibility.eligible and wf.session.eligibility.code == "too_early"
    with pytest.raises(InvalidTransition):
        wf.proceed()
    wf.finish()
    assert wf.last_outcome is Outcome.NOT_ELIGIBLE and wf.session.is_wiped()


def test_printer_out_of_paper_still_shows_receipt_and_keeps_application(wf, demo_cfg):
    from hardware.printer import PrinterStatus

    wf.services.printer.set_status(PrinterStatus.PAPER_OUT)
    _walk_to_review(wf, Case.EXPIRING)
    wf.sign(SIGNATURE)
    wf.submit()
    assert wf.state is State.RECEIPT
    assert wf.session.problem.code == "print_failed"
    assert wf.session.receipt_pdf.startswith(b"%PDF")
    assert wf.services.store.get(wf.session.application_id).application_number == wf.session.application_number


def test_a_late_retake_tap_outside_the_portrait_step_changes_nothing(wf):
    _walk_to_review(wf, Case.EXPIRING)
    portrait = wf.session.portrait
    with pytest.raises(InvalidTransition):
        wf.retake_portrait()
    assert wf.session.portrait is portrait and wf.state is State.REVIEW


def test_a_receipt_failure_after_the_save_still_ends_on_the_receipt_with_one_application(wf, demo_cfg, monkeypatch):
    import kiosk.receipts.issue as issue

    def broken(*args, **kwargs):
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(issue, "issue_receipt", broken)
    _walk_to_review(wf, Case.EXPIRING)
    wf.sign(SIGNATURE)
    wf.submit()
    # Saved is saved: the citizen sees the number and is told to ask staff; no second row.
    assert wf.state is State.RECEIPT and wf.session.problem.code == "print_failed"
    assert wf.session.application_number
    with sqlite3.connect(demo_cfg.database_path) as db:
        assert db.execute("select count(*) from applications").fetchone()[0] == 1


def test_a_failed_save_retried_submits_the_same_application(wf, demo_cfg, monkeypatch):
    store = wf.services.store
    real_enqueue = store.enqueue
    calls: list[str] = []

    def flaky(app):
        calls.append(app.application_id)
        if len(calls) == 1:
            raise OSError("disk full")
        return real_enqueue(app)

    monkeypatch.setattr(store, "enqueue", flaky)
    _walk_to_review(wf, Case.EXPIRING)
    wf.sign(SIGNATURE)
    wf.submit()
    assert wf.state is State.DEVICE_ERROR and wf.session.problem.code == "save_failed"
    wf.retry()
    assert wf.state is State.REVIEW
    wf.submit()
    assert wf.state is State.RECEIPT
    assert calls[0] == calls[1]                      # the same application, not a new one
    with sqlite3.connect(demo_cfg.database_path) as db:
        assert db.execute("select count(*) from applications").fetchone()[0] == 1


def test_shutdown_mid_session_wipes_and_releases_the_camera(wf, session_tmp):
    _walk_to_review(wf, Case.EXPIRING)
    wf.edit("portrait")
    assert wf.analyzer is not None or wf.state is State.PORTRAIT
    wf.shutdown()
    assert wf.session.is_wiped() and wf.analyzer is None
    assert list(session_tmp.iterdir()) == []


def test_the_camera_is_opened_by_the_job_not_on_the_callers_thread(demo_cfg, session_tmp):
    import threading
    import time

    from tests.thread_job_runner import ThreadJobRunner

    services = build_services(demo_cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    opened_on: list[str] = []
    real_open = services.camera.open

    def recording_open():
        opened_on.append(threading.current_thread().name)
        real_open()

    services.camera.open = recording_open
    runner = ThreadJobRunner()
    flow = Workflow(services, runner, frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=4)
    try:
        flow.start("en")
        flow.choose_case(Case.EXPIRING)
        flow.agree()
        deadline = time.monotonic() + 60
        while flow.state is not State.ELIGIBILITY and time.monotonic() < deadline:
            runner.pump(timeout=0.1)
        flow.proceed()                      # returns at once: nothing opened on this thread
        assert threading.current_thread().name not in opened_on
        while flow.state is State.FACE_CHECK and time.monotonic() < deadline:
            runner.pump(timeout=0.1)
        assert flow.state is State.PORTRAIT, flow.session.problem
        assert opened_on and all(name.startswith("job-") for name in opened_on)
    finally:
        flow.shutdown()
        runner.shutdown()
        services.close()


def test_a_face_that_never_matches_hands_over_naming_the_face(wf, demo_cfg):
    from kiosk.biometrics.interfaces import FaceDecision, FaceVerifier

    class NeverMatches(FaceVerifier):
        def verify(self, reference_jpeg, live_frames, liveness="not_checked"):
            return FaceDecision(False, 0.9, 0.5, "test", liveness, "face_no_match")

    wf.services.face_verifier = NeverMatches()
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.proceed()
    while wf.state is State.FACE_CHECK:
        assert wf.session.problem.code == "face_no_match"
        wf.retry_face()
    assert wf.state is State.HANDOVER and wf.session.handover_reason == "face"
    assert wf.session.face_attempts == demo_cfg.session.face_attempts


def test_a_chip_whose_data_does_not_match_its_signature_hands_over(wf):
    from hardware.card_reader.simulated import SimulatedChip
    from kiosk.documents.lds import DataGroup
    from kiosk.demo.specimen import make_specimen_files

    files = make_specimen_files(FIXED_NOW.date())
    portrait = bytearray(files[DataGroup.DG2.fid])
    portrait[-10] ^= 0xFF              # the photo changed after the card was issued
    files[DataGroup.DG2.fid] = bytes(portrait)
    wf.services.card_reader.present(SimulatedChip(files))
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.state is State.HANDOVER and wf.session.handover_reason == "not_authentic"
    assert wf.session.identity is None
