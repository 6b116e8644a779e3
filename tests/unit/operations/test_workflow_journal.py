"""The workflow's events become journal entries through one subscriber: what a session
leaves in the journal, step by step, and what it never leaves."""

from __future__ import annotations

import json
import logging

import pytest

from kiosk.config import with_overrides
from kiosk.domain.cases import Case
from kiosk.operations.journal_lines import day_files
from kiosk.operations.journal_verify import verify
from kiosk.workflow.clock import ManualClock
from kiosk.workflow.jobs import SyncJobRunner
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import State
from launcher.services import attach_journal, build_services
from tests.conftest import FIXED_NOW
from tests.phone_check_walk import pass_phone_check

SIGNATURE = b"\x89PNG\r\n\x1a\n signature"
PHONE = "13912345678"


@pytest.fixture
def wf(demo_cfg, session_tmp):
    cfg = with_overrides(demo_cfg, {"biometrics.face_verifier": "demo-standin", "devices.camera.width": 320,
                                    "devices.camera.height": 240})
    services = build_services(cfg, today=FIXED_NOW.date())
    mono = ManualClock()
    services.monotonic = mono
    services.clock = lambda: FIXED_NOW + __import__("datetime").timedelta(seconds=mono.now)
    flow = Workflow(services, SyncJobRunner(), frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=2)
    attach_journal(flow)
    yield flow
    flow.shutdown()
    services.close()


def _journal(wf):
    return [json.loads(line) for f in day_files(wf.services.journal.folder) for line in f.read_text().splitlines()]


def _events(wf, since=1):
    """(event, the fields that say what happened) of the entries from `since` on."""
    out = []
    for e in _journal(wf)[since:]:
        fields = {k: v for k, v in e.items() if k not in ("seq", "at", "event", "prev", "hash", "session")}
        out.append((e["event"], fields))
    return out


def _to_review(wf, case=Case.EXPIRING):
    clock = wf.services.monotonic
    wf.start("vi")
    clock.advance(4)
    wf.choose_case(case)
    wf.agree()
    if case is Case.LOST:
        from kiosk.demo.specimen import specimen_identity_fields

        clock.advance(20)
        wf.submit_id_number(specimen_identity_fields(FIXED_NOW.date())["id_number"])
    clock.advance(6)
    wf.proceed()
    assert wf.state is State.PORTRAIT, wf.session.problem
    clock.advance(9)
    wf.choose_portrait(0)
    clock.advance(30)
    wf.set_contact(PHONE, "post", "上海市徐汇区漕溪北路1号")
    pass_phone_check(wf)
    assert wf.state is State.REVIEW


def _step(state, source, trigger, seconds):
    return ("step", {"state": state, "from": source, "trigger": trigger, "seconds": seconds})


def test_a_completed_renewal_step_by_step(wf):
    _to_review(wf)
    wf.services.monotonic.advance(12)
    wf.sign(SIGNATURE)
    wf.submit()
    number = wf.session.application_number
    wf.services.monotonic.advance(8)
    wf.finish()
    entries = _journal(wf)
    assert entries[0]["event"] == "kiosk_start" and entries[0]["kiosk_id"] == wf.config.kiosk.id
    assert _events(wf) == [
        ("session_start", {"language": "vi", "large_text": False}),
        _step("case", "welcome", "start", 0.0),
        _step("consent", "case", "choose_case", 4.0),
        ("case", {"case": "expiring"}),
        _step("identify", "consent", "agree", 0.0),                  # the consent, before anything is read
        _step("eligibility", "identify", "identified", 0.0),
        ("eligibility", {"eligible": True, "code": "ok"}),
        _step("face_check", "eligibility", "proceed", 6.0),
        _step("portrait", "face_check", "face_matched", 0.0),
        _step("fingerprints", "portrait", "to_fingerprints", 9.0),   # a Chinese card: the prints
        _step("contact", "fingerprints", "fingerprints_done", 0.0),
        ("fingerprints", {"result": "captured"}),                    # that they were given, no more
        _step("phone_check", "contact", "check_phone", 30.0),         # the code texted to the number
        _step("review", "phone_check", "phone_confirmed", 0.0),
        _step("payment", "review", "pay", 12.0),                     # the fee, paid (the demo's stand-in)
        _step("submit", "payment", "paid", 0.0),
        ("payment", {"result": "paid", "amount": "20.00", "currency": "CNY", "application_number": number,
                     "reference": "DEMO-00000001"}),
        _step("receipt", "submit", "saved", 0.0),
        ("application_saved", {"application_number": number, "case": "expiring", "fee": "20.00",
                               "currency": "CNY", "pickup": "post", "printed": True}),
        _step("goodbye", "receipt", "finish", 8.0),
        ("session_end", {"outcome": "completed", "state": "receipt"}),
    ]
    # Every entry of the session names it by its session_start entry's number.
    assert {e.get("session") for e in entries[2:]} == {entries[1]["seq"]}
    assert verify(wf.services.journal.folder).valid


def test_a_cancel_a_timeout_and_the_step_where_they_happened(wf):
    _to_review(wf)
    wf.cancel()
    assert _events(wf)[-2:] == [_step("goodbye", "review", "cancel", 0.0),
                                ("session_end", {"outcome": "cancelled", "state": "review"})]
    wf.services.card_reader.remove()
    wf.tick()
    wf.services.monotonic.advance(11)
    wf.tick()
    assert wf.state is State.WELCOME
    assert _events(wf)[-1] == _step("welcome", "goodbye", "restart", 11.0)   # between sessions: no session
    assert "session" not in _journal(wf)[-1]
    wf.start("en")
    wf.choose_case(Case.LOST)
    wf.agree()
    cfg = wf.config.session
    wf.services.monotonic.advance(cfg.idle_warning_seconds + cfg.idle_countdown_seconds + 1)
    wf.tick()
    assert _events(wf)[-2:] == [
        _step("welcome", "identify", "timeout", float(cfg.idle_warning_seconds + cfg.idle_countdown_seconds + 1)),
        ("session_end", {"outcome": "timed_out", "state": "identify"})]


def test_problems_are_recorded_once_by_their_code(wf):
    wf.start("zh_CN")
    wf.choose_case(Case.LOST)
    wf.agree()
    wf.submit_id_number("110105194912310021")           # a wrong check character
    wf.touch()
    wf.submit_id_number("110105194912310021")           # shown again: recorded again
    problems = [f for e, f in _events(wf) if e == "problem"]
    assert problems == [{"state": "identify", "code": "id_invalid"}] * 2
    raw = b"".join(f.read_bytes() for f in day_files(wf.services.journal.folder))
    assert b"110105194912310021" not in raw and b'"expected"' not in raw


def test_device_faults_name_the_device_and_the_step_it_failed_in(wf):
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.services.camera.vanish()
    wf.proceed()
    assert wf.state is State.DEVICE_ERROR
    wf.finish()
    events = _events(wf)
    assert ("device_fault", {"state": "face_check", "device": "camera", "code": "camera_missing"}) in events
    assert events[-1] == ("session_end", {"outcome": "device_error", "state": "device_error"})


def test_a_receipt_not_printed_is_a_printer_fault_and_the_application_is_still_saved(wf):
    from hardware.printer import PrinterStatus

    wf.services.printer.set_status(PrinterStatus.PAPER_OUT)
    _to_review(wf, Case.LOST)
    wf.sign(SIGNATURE)
    wf.submit()
    events = _events(wf)
    assert ("device_fault", {"state": "submit", "device": "printer", "code": "print_failed"}) in events
    saved = [f for e, f in events if e == "application_saved"]
    assert saved[0]["printed"] is False and saved[0]["case"] == "lost" and saved[0]["fee"] == "40.00"


def test_the_journal_holds_no_personal_data_of_the_session(wf):
    from kiosk.demo.specimen import specimen_identity_fields

    person = specimen_identity_fields(FIXED_NOW.date())
    _to_review(wf, Case.LOST)
    wf.sign(SIGNATURE)
    wf.submit()
    wf.finish()
    raw = b"".join(f.read_bytes() for f in day_files(wf.services.journal.folder)).decode()
    for value in (person["id_number"], person["surname"], person["given_names"], person["name_local"],
                  json.dumps(person["name_local"])[1:-1], person["document_number"], PHONE, "漕溪北路",
                  json.dumps("漕溪北路")[1:-1]):
        assert value not in raw


def test_a_failing_journal_never_stops_the_citizen(wf, caplog, monkeypatch):
    journal = wf.services.journal

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device", str(journal.folder / "2026-11-21.jsonl"))

    monkeypatch.setattr(journal, "record", full_disk)
    with caplog.at_level(logging.ERROR, logger="kiosk.journal"):
        _to_review(wf)
        wf.sign(SIGNATURE)
        wf.submit()
        wf.finish()
    assert wf.last_outcome.value == "completed"
    errors = [r for r in caplog.records if r.name == "kiosk.journal"]
    assert len(errors) == 1 and "OSError" in errors[0].getMessage()
    assert str(journal.folder) not in errors[0].getMessage()
