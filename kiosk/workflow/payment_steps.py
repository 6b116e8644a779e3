"""Paying the fee: the office's order, its code on the screen, and waiting for the payment.

One job per attempt ("payment"): it numbers the application (the order names it; a
number never used leaves a harmless gap, see `ApplicationStore.next_application_number`),
asks the office for an order, hands the order to the screen through a `PaymentWatch`
and its progress note, then asks for the order's status every `poll_s` seconds until
the office says paid, expired or cancelled. The citizen is paying on their phone
meanwhile, so a failed status question is not the end: the next one may answer, and
only an order whose time ran out with no final answer fails the job. Cancelling the job
(the citizen left, or tapped cancel) stops the questions at once; cancelling the order
at the office is a job of its own (`cancel_order`), run also when a session ends with
an order still open, so nobody pays for an application that was never sent.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any, Callable

from kiosk.office import OfficeFailure, OfficeUnavailable
from kiosk.payment import PaymentOrder, Payments, idempotency_key
from kiosk.workflow.jobs import JobCancelled, JobContext

log = logging.getLogger("kiosk.workflow")

# Seconds past the order's own expiry that the kiosk still waits for the office to say
# so (clocks differ, a payment made in the last second takes a moment to be known).
GRACE_S = 15.0


@dataclass
class PaymentWatch:
    """The order as the job last saw it; written by the job before each progress report,
    read by the workflow on its own thread when the report arrives."""

    order: PaymentOrder | None = None


def number(application: Any, store: Any) -> None:
    """The application's number, allocated once (the order and the receipt carry it)."""
    if not application.application_number:
        # The number carries the kiosk's local day (the citizen's day), not UTC's.
        application.application_number = store.next_application_number(
            application.kiosk_id, application.created_at.astimezone().date()
        )


def pay(*, payments: Payments, store: Any, application: Any, attempt: int, watch: PaymentWatch,
        poll_s: float, clock: Callable[[], float] = time.monotonic) -> Callable[[JobContext], PaymentOrder]:
    """The work of the "payment" job: the order in a final state (paid, expired, cancelled)."""

    def work(ctx: JobContext) -> PaymentOrder:
        number(application, store)
        ctx.check_cancelled()
        order = payments.create(application.application_number, application.fee_amount, application.fee_currency,
                                idempotency_key(application.application_id, attempt))
        deadline = clock() + order.expires_in_seconds + GRACE_S
        watch.order = order
        ctx.progress(0, 1, "order")
        failure: OfficeUnavailable | None = None
        while not order.status.final:
            if ctx.cancel_event.wait(poll_s):
                raise JobCancelled()
            try:
                answer = payments.status(order.order_id)
            except OfficeUnavailable as exc:   # the next question may be answered
                if failure is None or failure.failure is not exc.failure:
                    log.warning("payment: a status question failed (%s)", exc.failure.value)
                failure = exc
            else:
                failure, changed = None, answer.status is not order.status
                order = answer
                if changed:
                    watch.order = order
                    ctx.progress(0, 1, "order")
            if not order.status.final and clock() > deadline:
                raise failure or OfficeUnavailable("payment: no final status in time", OfficeFailure.SLOW)
        return order

    return work


def cancel_order(payments: Payments, order_id: str) -> Callable[[JobContext], PaymentOrder]:
    """The work of a "payment_cancel" job: the order as the office now has it (a payment
    that arrived first stays paid)."""

    def work(ctx: JobContext) -> PaymentOrder:
        return payments.cancel(order_id)

    return work
