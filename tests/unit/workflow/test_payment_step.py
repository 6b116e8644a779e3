"""The payment job (kiosk.workflow.payment_steps): it waits out a failed status question
while the citizen pays, gives up only when the order's time ran out, and stops at once
when cancelled; the journal keeps a reference only when no person's number fits it."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest

from kiosk.office import OfficeFailure, OfficeUnavailable
from kiosk.operations.journal_fields import PAYMENT_REFERENCE, FieldRefused
from kiosk.payment import PaymentOrder, Payments, PaymentStatus
from kiosk.workflow import payment_steps
from kiosk.workflow.jobs import JobCancelled, JobContext


class Script(Payments):
    """Answers status questions from a list (an exception is raised)."""

    def __init__(self, answers) -> None:
        self.answers = list(answers)
        self.keys: list[str] = []

    def create(self, application_number, amount, currency, key):
        self.keys.append(key)
        return PaymentOrder("ORDER-0123456789ABCDEF", PaymentStatus.PENDING, "pay://x", 60)

    def status(self, order_id):
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return PaymentOrder(order_id, answer, "pay://x", 0, "PAY-1-AB" if answer is PaymentStatus.PAID else "")

    def cancel(self, order_id):
        return PaymentOrder(order_id, PaymentStatus.CANCELLED, "pay://x", 0)


class App:
    application_id = "0123456789abcdef0123456789abcdef"
    application_number = "K1-261121-00017"
    fee_amount, fee_currency, kiosk_id = Decimal("20"), "CNY", "K1"
    created_at = dt.datetime(2026, 11, 21, tzinfo=dt.UTC)


def _work(payments, clock=lambda: 0.0, attempt=1):
    watch = payment_steps.PaymentWatch()
    return watch, payment_steps.pay(payments=payments, store=None, application=App(), attempt=attempt, watch=watch,
                                    poll_s=0.0, clock=clock)


def test_a_failed_status_question_is_waited_out() -> None:
    busy = OfficeUnavailable("down", OfficeFailure.UNREACHABLE)
    payments = Script([PaymentStatus.PENDING, busy, busy, PaymentStatus.PAID])
    watch, work = _work(payments)
    order = work(JobContext())
    assert order.status is PaymentStatus.PAID and order.reference == "PAY-1-AB"
    assert watch.order is order and payments.answers == []


def test_no_final_answer_before_the_order_ran_out_fails_with_the_last_failure() -> None:
    now = [0.0]

    def clock() -> float:
        now[0] += 30.0
        return now[0]

    down = OfficeUnavailable("down", OfficeFailure.UNREACHABLE)
    _, work = _work(Script([down] * 10), clock=clock)
    with pytest.raises(OfficeUnavailable) as caught:
        work(JobContext())
    assert caught.value is down


def test_a_cancelled_job_asks_nothing_more() -> None:
    ctx = JobContext(cancel_event=threading.Event())
    ctx.cancel_event.set()
    payments = Script([PaymentStatus.PAID])
    _, work = _work(payments)
    with pytest.raises(JobCancelled):
        work(ctx)
    assert payments.answers == [PaymentStatus.PAID]


def test_each_attempt_has_its_own_key() -> None:
    payments = Script([PaymentStatus.PAID, PaymentStatus.PAID])
    _work(payments, attempt=1)[1](JobContext())
    _work(payments, attempt=2)[1](JobContext())
    assert len(set(payments.keys)) == 2 and all(len(k) == 32 for k in payments.keys)


@pytest.mark.parametrize("reference", ["PAY-2026-000001-QX", "DEMO-00000001", "WX4200001234567"])
def test_provider_references_fit_the_journal(reference: str) -> None:
    assert PAYMENT_REFERENCE.check(reference, None) == reference


@pytest.mark.parametrize("value", ["11010519840312048X", "13800138000", "079184001234", "ZHANG-WEI", "pay-1-ab"])
def test_no_id_number_phone_or_name_fits_a_reference(value: str) -> None:
    with pytest.raises(FieldRefused):
        PAYMENT_REFERENCE.check(value, None)
