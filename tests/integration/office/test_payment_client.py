"""The kiosk's payment client (createPaymentOrder, getPaymentOrder, cancelPaymentOrder)
against the reference office over real mutual TLS; both held to the contract (the
`office` fixture fails the test on any violation)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk.office import OfficeFailure, OfficeUnavailable
from kiosk.office_client import OfficePayments
from kiosk.payment import PaymentStatus, idempotency_key
from tests.emulators.office.server import OfficeFault

APPLICATION_ID = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def number() -> str:
    from kiosk.storage.application_number import format_application_number
    import datetime as dt

    return format_application_number("KIOSK-0001", dt.date(2026, 12, 3), 1)


def test_an_order_is_issued_polled_and_paid(client, office, number) -> None:
    payments = OfficePayments(client)
    order = payments.create(number, Decimal("20"), "CNY", idempotency_key(APPLICATION_ID, 1))
    assert order.status is PaymentStatus.PENDING and order.qr_payload and order.expires_in_seconds > 0
    assert payments.status(order.order_id).status is PaymentStatus.PENDING
    office.payments.pay(order.order_id)
    paid = payments.status(order.order_id)
    assert paid.status is PaymentStatus.PAID and paid.reference.startswith("PAY-")
    assert payments.cancel(order.order_id).status is PaymentStatus.PAID     # paid stays paid
    assert office.payments.orders[order.order_id].amount == "20.00"
    assert office.calls == ["payment_create", "payment_status", "payment_status", "payment_cancel"]


def test_the_same_key_gives_the_same_order_and_a_new_attempt_a_new_one(client, office, number) -> None:
    payments = OfficePayments(client)
    first = payments.create(number, Decimal("20.00"), "CNY", idempotency_key(APPLICATION_ID, 1))
    again = payments.create(number, Decimal("20.00"), "CNY", idempotency_key(APPLICATION_ID, 1))
    other = payments.create(number, Decimal("20.00"), "CNY", idempotency_key(APPLICATION_ID, 2))
    assert first.order_id == again.order_id != other.order_id


def test_cancelled_and_expired_orders(client, office, number) -> None:
    payments = OfficePayments(client)
    order = payments.create(number, Decimal("50000"), "VND", idempotency_key(APPLICATION_ID, 1))
    assert office.payments.orders[order.order_id].amount == "50000.00"
    assert payments.cancel(order.order_id).status is PaymentStatus.CANCELLED
    later = payments.create(number, Decimal("50000"), "VND", idempotency_key(APPLICATION_ID, 2))
    office.payments.expire(later.order_id)
    expired = payments.status(later.order_id)
    assert expired.status is PaymentStatus.EXPIRED and expired.expires_in_seconds == 0


@pytest.mark.parametrize("fault, failure", [(OfficeFault.ERROR_500, OfficeFailure.ERROR),
                                            (OfficeFault.BUSY_429, OfficeFailure.BUSY),
                                            (OfficeFault.TIMEOUT, OfficeFailure.SLOW)])
def test_each_fault_on_a_payment_is_named(client, office, number, fault, failure) -> None:
    office.push(fault)
    with pytest.raises(OfficeUnavailable) as caught:
        OfficePayments(client).create(number, Decimal("20"), "CNY", idempotency_key(APPLICATION_ID, 1))
    assert caught.value.failure is failure


def test_a_refused_connection_is_unreachable(client, office, number) -> None:
    office.refuse()
    with pytest.raises(OfficeUnavailable) as caught:
        OfficePayments(client).status("a" * 24)
    assert caught.value.failure is OfficeFailure.UNREACHABLE
