"""Issue 15: a receipt the printer could not print stays on the screen until the citizen
says they have noted the number, instead of being wiped after the usual idle minute."""

from __future__ import annotations

from hardware.printer import PrinterStatus
from kiosk.domain.cases import Case
from kiosk.workflow.states import Outcome, State
from tests.unit.workflow.test_renewal_headless import SIGNATURE, _walk_to_review


def _submitted(wf, printer_status=None):
    wf.services.printer.set_status(printer_status)
    _walk_to_review(wf, Case.EXPIRING)
    wf.sign(SIGNATURE)
    wf.submit()
    assert wf.state is State.RECEIPT


def _idle(wf, seconds: float) -> None:
    wf.services.monotonic.advance(seconds)
    wf.tick()


def test_an_unprinted_receipt_is_not_wiped_after_the_usual_idle_time(wf):
    _submitted(wf, PrinterStatus.PAPER_OUT)
    assert wf.receipt_unprinted and wf.session.problem.code == "print_failed"
    usual = wf.config.session.idle_warning_seconds + wf.config.session.idle_countdown_seconds
    _idle(wf, usual + 1)
    assert wf.state is State.RECEIPT and wf.idle_seconds_left is None   # no countdown racing them
    assert wf.session.application_number


def test_it_still_ends_when_nobody_is_there_any_more(wf):
    """A citizen who walked away does not hold the kiosk (and their masked name) for ever."""
    _submitted(wf, PrinterStatus.PAPER_OUT)
    cfg = wf.config.session
    _idle(wf, cfg.unprinted_receipt_seconds + 1)
    assert wf.state is State.RECEIPT and wf.idle_seconds_left is not None   # "are you still there?"
    wf.stay()                                # a touch: the hold starts again
    _idle(wf, cfg.unprinted_receipt_seconds - 1)
    assert wf.state is State.RECEIPT and wf.idle_seconds_left is None
    _idle(wf, 2 + cfg.idle_countdown_seconds)
    assert wf.state is State.WELCOME and wf.last_outcome is Outcome.TIMED_OUT
    assert wf.session.is_wiped()


def test_noting_the_number_ends_the_session_as_completed(wf):
    _submitted(wf, PrinterStatus.PAPER_OUT)
    wf.finish()                              # "I have noted the number"
    assert wf.state is State.GOODBYE and wf.last_outcome is Outcome.COMPLETED


def test_a_printed_receipt_keeps_the_usual_idle_time(wf):
    _submitted(wf)
    assert not wf.receipt_unprinted
    usual = wf.config.session.idle_warning_seconds + wf.config.session.idle_countdown_seconds
    _idle(wf, wf.config.session.idle_warning_seconds + 1)
    _idle(wf, usual)
    assert wf.state is State.WELCOME and wf.last_outcome is Outcome.TIMED_OUT
