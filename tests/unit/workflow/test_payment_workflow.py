"""The payment step in the headless workflow (issue 16): a save retried after a paid fee
asks for no second payment; an expired or cancelled order gives a new order (a new key,
the same application number); a citizen who walks off an expired order is timed out."""

from __future__ import annotations

from decimal import Decimal

from kiosk.domain.cases import Case
from kiosk.payment import PaymentOrder, Payments, PaymentStatus
from kiosk.workflow.states import Outcome, State
from tests.unit.workflow.test_renewal_headless import SIGNATURE, _walk_to_review


class Office(Payments):
    """Orders that are already final when issued: `results` in turn."""

    def __init__(self, *results: PaymentStatus) -> None:
        self.results = list(results)
        self.created: list[tuple[str, Decimal, str, str]] = []

    def create(self, application_number, amount, currency, key):
        self.created.append((application_number, amount, currency, key))
        status = self.results.pop(0)
        return PaymentOrder(f"ORDER-{len(self.created):016d}", status, "pay://x", 0,
                            f"PAY-{len(self.created)}-AB" if status is PaymentStatus.PAID else "")

    def status(self, order_id):   # pragma: no cover - every order here is final when issued
        raise AssertionError("no status question for a final order")

    def cancel(self, order_id):   # pragma: no cover
        raise AssertionError("nothing to cancel")


def _submit(wf) -> None:
    wf.sign(SIGNATURE)
    wf.submit()


def test_a_save_retried_after_payment_asks_for_no_second_payment(wf, monkeypatch) -> None:
    office = wf.services.payments = Office(PaymentStatus.PAID)
    store = wf.services.store
    real_enqueue, calls = store.enqueue, []

    def flaky(app):
        calls.append(app)
        if len(calls) == 1:
            raise OSError("disk full")
        return real_enqueue(app)

    monkeypatch.setattr(store, "enqueue", flaky)
    _walk_to_review(wf, Case.EXPIRING)
    _submit(wf)
    assert wf.state is State.DEVICE_ERROR
    wf.retry()
    assert wf.state is State.REVIEW
    wf.submit()
    assert wf.state is State.RECEIPT
    assert len(office.created) == 1                           # paid once
    number, amount, currency, _ = office.created[0]
    assert (number, amount, currency) == (wf.session.application_number, Decimal("20.00"), "CNY")
    assert store.get(wf.session.application_id).payment == {"status": "paid", "reference": "PAY-1-AB",
                                                            "amount": Decimal("20.00")}


def test_an_expired_order_then_the_review_then_a_new_order(wf) -> None:
    office = wf.services.payments = Office(PaymentStatus.EXPIRED, PaymentStatus.CANCELLED, PaymentStatus.PAID)
    _walk_to_review(wf, Case.LOST, "110105198403120488")
    _submit(wf)
    assert wf.state is State.PAYMENT and wf.session.problem.code == "payment_expired"
    wf.pay_again()
    assert wf.state is State.PAYMENT and wf.session.problem.code == "payment_cancelled"
    wf.back_to_review()
    assert wf.state is State.REVIEW and wf.session.problem is None
    wf.submit()
    assert wf.state is State.RECEIPT
    keys = [key for *_, key in office.created]
    assert len(set(keys)) == 3                                 # three orders, three keys
    assert len({number for number, *_ in office.created}) == 1  # one application number


def test_idle_on_an_expired_order_ends_the_session(wf, demo_cfg) -> None:
    wf.services.payments = Office(PaymentStatus.EXPIRED)
    _walk_to_review(wf, Case.EXPIRING)
    _submit(wf)
    assert wf.state is State.PAYMENT
    s = demo_cfg.session
    wf.services.monotonic.advance(s.idle_warning_seconds + s.idle_countdown_seconds + 1)
    wf.tick()
    assert wf.state is State.WELCOME and wf.last_outcome is Outcome.TIMED_OUT
    assert wf.session.is_wiped()
