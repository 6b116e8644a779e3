"""The phone check's moves (issue 16), headless on the demo office's stand-in: the code
confirms the number once per number, wrong codes to the limit lead to another number or
the counter, and a kiosk without the check goes straight to the review."""

from __future__ import annotations

from kiosk.demo.phone import DEMO_PHONE_CODE, TRIES
from kiosk.domain.cases import Case
from kiosk.workflow.states import HandoverReason, Outcome, State

PHONE, OTHER = "13800138000", "13912345678"


def _to_contact(wf) -> None:
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.proceed()
    wf.choose_portrait(0)
    if wf.state is State.FINGERPRINTS:
        wf.cannot_give_fingerprints()
    assert wf.state is State.CONTACT, wf.session.problem


def test_the_code_confirms_the_number_once(wf) -> None:
    _to_contact(wf)
    wf.set_contact(PHONE, "station")
    assert wf.state is State.PHONE_CHECK and wf.may_answer_code and wf.step == 5
    wf.answer_phone_code(DEMO_PHONE_CODE)
    assert wf.state is State.REVIEW and wf.session.phone_confirmed == PHONE
    wf.edit("contact")
    wf.set_contact(PHONE, "station")                  # the same number: confirmed already
    assert wf.state is State.REVIEW
    wf.edit("contact")
    wf.set_contact(OTHER, "station")                  # another one: its own code
    assert wf.state is State.PHONE_CHECK
    wf.answer_phone_code(DEMO_PHONE_CODE)
    assert wf.state is State.REVIEW and wf.session.phone_confirmed == OTHER


def test_wrong_codes_to_the_limit_then_the_counter(wf) -> None:
    _to_contact(wf)
    wf.set_contact(PHONE, "station")
    for left in range(TRIES - 1, 0, -1):
        wf.answer_phone_code("000000")
        assert wf.session.problem.code == "phone_code_wrong" and wf.session.problem.params == {"remaining": str(left)}
        assert not wf.phone_counter_offered
    wf.answer_phone_code("000000")
    assert wf.session.problem.code == "phone_code_locked" and wf.phone_check_stuck and wf.phone_counter_offered
    assert not wf.may_answer_code and not wf.may_resend_code
    wf.answer_phone_code(DEMO_PHONE_CODE)
    assert wf.state is State.PHONE_CHECK
    wf.phone_to_counter()
    assert wf.state is State.HANDOVER and wf.session.handover_reason is HandoverReason.PHONE
    wf.finish()
    assert wf.last_outcome is Outcome.HANDED_OVER and wf.session.is_wiped()


def test_a_malformed_code_is_never_sent(wf) -> None:
    _to_contact(wf)
    wf.set_contact(PHONE, "station")
    asked: list[str] = []
    real = wf.services.phone_check.answer
    wf.services.phone_check.answer = lambda check_id, code: asked.append(code) or real(check_id, code)
    for code in ("12", "123456789", "12a456", ""):
        wf.answer_phone_code(code)
        assert wf.session.problem.code == "phone_code_wrong"
    assert asked == [] and wf.session.phone_check.tries_left == TRIES


def test_without_a_phone_check_the_number_is_taken_as_typed(wf) -> None:
    wf.services.phone_check = None
    _to_contact(wf)
    wf.set_contact(PHONE, "station")
    assert wf.state is State.REVIEW and wf.session.phone_confirmed == ""


def test_a_code_sent_after_the_citizen_left_is_dropped(wf) -> None:
    from kiosk.workflow.jobs import JobRunner

    class Holding(JobRunner):
        held: list = []

        def start(self, job) -> None:
            self.held.append(job)

    _to_contact(wf)
    wf.runner = Holding()
    wf.set_contact(PHONE, "station")
    assert wf.busy == "send_code"
    job = wf.runner.held[-1]
    wf.cancel()
    job.done(job.work(job.context))                   # the office answers late
    assert wf.state is State.GOODBYE and wf.session.is_wiped()


def test_back_with_the_same_number_after_the_office_failed_sends_the_code_then(wf) -> None:
    from kiosk.office import OfficeFailure, OfficeUnavailable

    _to_contact(wf)
    real = wf.services.phone_check.send

    def down(phone, language):
        raise OfficeUnavailable("down", OfficeFailure.UNREACHABLE)

    wf.services.phone_check.send = down
    wf.set_contact(PHONE, "station")
    assert wf.session.problem.code == "phone_check_unavailable" and not wf.may_answer_code
    assert wf.phone_counter_offered and wf.phone_check_stuck
    wf.services.phone_check.send = real               # the office is back
    wf.back()
    wf.set_contact(PHONE, "station")
    assert wf.may_answer_code and wf.session.problem is None and wf.session.phone_check.sends == 1
    wf.answer_phone_code(DEMO_PHONE_CODE)
    assert wf.state is State.REVIEW
