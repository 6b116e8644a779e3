"""The phone check (issue 16) through the real window, against the reference office over
mutual TLS: the code the office "texts" (its outbox) confirms the number; wrong codes
to the limit leave the counter or another number; a new code only after the visible
delay; and an office that cannot send or check a code says what to do now.

The kiosk is the demo configuration with its office pointed at the reference office
(tests/ui/test_office_ui.py's fixtures), so the launcher builds the real HTTPS client.
"""

from __future__ import annotations

import logging

import pytest
from kiosk.office_client import OfficePhoneChecks
from kiosk.workflow.states import HandoverReason, Outcome, State
from tests.emulators.office.server import OfficeFault, ReferenceOffice
from tests.ui.kiosk_driver import WAIT_MS, KioskDriver as Kiosk
from tests.ui.test_office_ui import _expected, _fault, _shown_problem, kiosk, office  # noqa: F401 (fixtures)
from ui import messages

pytestmark = pytest.mark.ui

PHONE = "13800138000"
OTHER_PHONE = "13912345678"


def _to_phone_check(kiosk: Kiosk, phone: str = PHONE) -> None:
    assert isinstance(kiosk.workflow.services.phone_check, OfficePhoneChecks)   # not the demo's
    kiosk.chip_renewal_to_contact()
    kiosk.give_contact(phone)
    kiosk.wait_for(State.PHONE_CHECK)


def _code_sent(kiosk: Kiosk) -> None:
    wf = kiosk.workflow
    kiosk.qtbot.waitUntil(lambda: wf.may_answer_code and not wf.busy, timeout=WAIT_MS)


def _answer(kiosk: Kiosk, code: str) -> None:
    kiosk.type_on("phone_code_keypad", code)
    kiosk.tap("phone_check_confirm")
    kiosk.qtbot.waitUntil(lambda: not kiosk.workflow.busy, timeout=WAIT_MS)


def _wrong(code: str) -> str:
    return "".join(str((int(c) + 1) % 10) for c in code)


def test_the_code_the_office_texted_confirms_the_number(kiosk: Kiosk, office: ReferenceOffice, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    _to_phone_check(kiosk)
    _code_sent(kiosk)
    assert office.phone.outbox == [(PHONE, "en", office.phone.last_code)]
    assert "8000" in kiosk.find("phone_check_sent_to").text()          # where the code went
    _answer(kiosk, office.phone.last_code)
    kiosk.wait_for(State.REVIEW)
    assert kiosk.workflow.session.phone_confirmed == PHONE
    assert office.calls == ["phone_check", "phone_answer"]
    # Back to the contact step from the review with the same number: no second code.
    kiosk.tap("review_change_contact")
    kiosk.wait_for(State.CONTACT)
    kiosk.tap("contact_continue")
    kiosk.wait_for(State.REVIEW)
    assert len(office.phone.outbox) == 1
    said = "\n".join(r.getMessage() for r in caplog.records)   # the kiosk's, httpx's, the office's
    assert PHONE not in said and office.phone.last_code not in said


def test_wrong_codes_to_the_limit_leave_another_number_or_the_counter(kiosk: Kiosk, office: ReferenceOffice) -> None:
    wf = kiosk.workflow
    _to_phone_check(kiosk)
    _code_sent(kiosk)
    right = office.phone.last_code
    _answer(kiosk, _wrong(right))
    assert wf.session.problem.code == "phone_code_wrong"
    assert _shown_problem(kiosk)[1].endswith(messages.tries_left_text(2))
    assert not kiosk.find("phone_check_counter").isVisible()
    _answer(kiosk, _wrong(right))
    _answer(kiosk, _wrong(right))
    assert wf.session.problem.code == "phone_code_locked"
    assert _shown_problem(kiosk) == _expected("phone_code_locked")
    assert kiosk.find("phone_check_counter").isVisible() and kiosk.find("phone_check_back").isVisible()
    assert not kiosk.find("phone_code_keypad").isEnabled() and not kiosk.find("phone_check_resend").isVisible()
    wf.answer_phone_code(right)                       # the right code is no use any more
    assert wf.state is State.PHONE_CHECK and office.calls.count("phone_answer") == 3
    # The same number again: still locked; another number gets a code of its own.
    kiosk.tap("phone_check_back")
    kiosk.wait_for(State.CONTACT)
    kiosk.tap("contact_continue")
    kiosk.wait_for(State.PHONE_CHECK)
    assert wf.session.problem.code == "phone_code_locked" and len(office.phone.outbox) == 1
    kiosk.tap("phone_check_back")
    kiosk.wait_for(State.CONTACT)
    kiosk.delete_all("phone_keypad")
    kiosk.type_on("phone_keypad", OTHER_PHONE)
    kiosk.tap("contact_continue")
    kiosk.wait_for(State.PHONE_CHECK)
    _code_sent(kiosk)
    assert office.phone.outbox[-1][0] == OTHER_PHONE
    # ... and wrong to the limit again: the counter, saying why.
    for _ in range(3):
        _answer(kiosk, _wrong(office.phone.last_code))
    kiosk.tap("phone_check_counter")
    kiosk.wait_for(State.HANDOVER)
    assert wf.session.handover_reason is HandoverReason.PHONE
    assert kiosk.find("handover_reason").text() == messages.handover_text("phone", 0).message


def test_a_new_code_only_after_the_visible_delay(kiosk: Kiosk, office: ReferenceOffice) -> None:
    wf = kiosk.workflow
    office.phone.resend_after_seconds = 30
    _to_phone_check(kiosk)
    _code_sent(kiosk)
    resend, wait = kiosk.find("phone_check_resend"), kiosk.find("phone_check_resend_wait")
    assert resend.isVisible() and not resend.isEnabled()
    assert wait.isVisible() and "30" in wait.text()
    wf.resend_code()                                   # a tap that slipped through sends nothing
    wf.services.monotonic.advance(29)
    wf.tick()
    assert not resend.isEnabled() and wait.text().endswith("in 1 second.") and len(office.phone.outbox) == 1
    wf.services.monotonic.advance(1)
    wf.tick()
    assert resend.isEnabled() and not wait.isVisible()
    kiosk.tap("phone_check_resend")
    kiosk.qtbot.waitUntil(lambda: len(office.phone.outbox) == 2, timeout=WAIT_MS)
    _code_sent(kiosk)
    assert not resend.isEnabled() and "30" in wait.text()   # the delay again
    _answer(kiosk, office.phone.last_code)
    kiosk.wait_for(State.REVIEW)


def test_no_more_than_three_codes_in_a_session(kiosk: Kiosk, office: ReferenceOffice) -> None:
    wf = kiosk.workflow
    office.phone.resend_after_seconds = 0
    _to_phone_check(kiosk)
    for sent in (2, 3):
        _code_sent(kiosk)
        kiosk.tap("phone_check_resend")
        kiosk.qtbot.waitUntil(lambda sent=sent: len(office.phone.outbox) == sent, timeout=WAIT_MS)
    _code_sent(kiosk)
    assert not kiosk.find("phone_check_resend").isVisible()
    wf.resend_code()
    assert len(office.phone.outbox) == 3 and wf.session.problem.code == "phone_code_no_more"
    assert kiosk.find("phone_check_counter").isVisible()


PHONE_FAULTS = {
    "refused": "phone_check_unavailable",
    "timeout": "phone_check_unavailable",
    "error_500": "phone_check_unavailable",
    "busy_429": "office_busy",
    "wrong_certificate": "phone_check_unavailable",
}


@pytest.mark.parametrize("fault", PHONE_FAULTS)
def test_the_office_cannot_send_the_code(kiosk: Kiosk, office: ReferenceOffice, fault, tmp_path) -> None:
    wf = kiosk.workflow
    _fault(office, fault, tmp_path)
    _to_phone_check(kiosk)
    shown = _shown_problem(kiosk)
    assert wf.state is State.PHONE_CHECK and wf.session.problem.code == PHONE_FAULTS[fault]
    assert shown == _expected(PHONE_FAULTS[fault])
    assert "counter" in shown[1] and "minute" not in shown[1]
    assert kiosk.find("phone_check_counter").isVisible()       # the way on the words name
    assert not kiosk.find("phone_code_keypad").isEnabled()      # no code to type
    assert office.phone.outbox == []


@pytest.mark.parametrize("fault", ["timeout", "error_500"])
def test_the_office_cannot_check_the_code(kiosk: Kiosk, office: ReferenceOffice, fault) -> None:
    wf = kiosk.workflow
    _to_phone_check(kiosk)
    _code_sent(kiosk)
    office.push(OfficeFault(fault))
    _answer(kiosk, office.phone.last_code)
    assert _shown_problem(kiosk) == _expected("phone_check_unavailable")
    assert wf.state is State.PHONE_CHECK and kiosk.find("phone_check_counter").isVisible()
    _answer(kiosk, office.phone.last_code)              # the office is back: the same code still counts
    kiosk.wait_for(State.REVIEW)


def test_the_office_forgot_the_check(kiosk: Kiosk, office: ReferenceOffice) -> None:
    wf = kiosk.workflow
    office.phone.resend_after_seconds = 0
    _to_phone_check(kiosk)
    _code_sent(kiosk)
    office.phone.checks.clear()                          # expired at the office
    _answer(kiosk, office.phone.last_code)
    assert wf.session.problem.code == "phone_code_expired"
    assert _shown_problem(kiosk) == _expected("phone_code_expired")
    kiosk.tap("phone_check_resend")
    kiosk.qtbot.waitUntil(lambda: len(office.phone.outbox) == 2, timeout=WAIT_MS)
    _code_sent(kiosk)
    _answer(kiosk, office.phone.last_code)
    kiosk.wait_for(State.REVIEW)


def test_a_citizen_without_their_phone_can_leave_from_the_check(kiosk: Kiosk, office: ReferenceOffice) -> None:
    """Cancel stands in the bottom bar here as on every other step: the phone may be at
    home, and "Change number" is not a way out."""
    _to_phone_check(kiosk)
    _code_sent(kiosk)
    kiosk.tap("header_cancel")
    kiosk.tap("confirm_yes")
    kiosk.wait_for(State.GOODBYE)
    assert kiosk.workflow.last_outcome is Outcome.CANCELLED
