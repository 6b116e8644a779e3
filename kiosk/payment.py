"""Paying the fee at the kiosk: the office's payment orders, as an interface.

The office issues an order for an application's fee with a code the citizen's payment
app scans; the kiosk then asks for the order's status until it is paid, expired or
cancelled (kiosk.workflow.payment_steps). The kiosk never touches money or card data:
it shows the office's code and reads back a status and, once paid, the payment
provider's reference, which goes on the application and the receipt.

Production talks to the office's HTTPS contract (`kiosk.office_client.OfficePayments`);
the demo's stand-in (`kiosk.demo.payment`) pays its own orders and refuses to run
elsewhere. A failure is an `OfficeUnavailable`, as for the look-ups, because what the
citizen is told depends on the same kinds (kiosk.workflow.office_problems).
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kiosk.office import OfficeFailure, OfficeUnavailable


class PaymentStatus(StrEnum):
    PENDING = "pending"
    PAID = "paid"
    EXPIRED = "expired"
    CANCELLED = "cancelled"

    @property
    def final(self) -> bool:
        return self is not PaymentStatus.PENDING


@dataclass(frozen=True)
class PaymentOrder:
    order_id: str
    status: PaymentStatus
    qr_payload: str               # what the citizen's payment app scans
    expires_in_seconds: int       # from the moment of the answer; 0 once no longer pending
    reference: str = ""           # the payment provider's reference, once paid


class Payments(ABC):
    """The office's payment orders (resources/api/office.openapi.yaml)."""

    @abstractmethod
    def create(self, application_number: str, amount: Decimal, currency: str, key: str) -> PaymentOrder:
        """A new order for this fee; `key` (32 hex digits) makes a repeated request
        (an answer lost on the way) return the same order instead of a second one."""

    @abstractmethod
    def status(self, order_id: str) -> PaymentOrder:
        """The order as it stands now."""

    @abstractmethod
    def cancel(self, order_id: str) -> PaymentOrder:
        """Cancel an unpaid order; a paid order stays paid (the answer says which)."""


class UnconfiguredPayments(Payments):
    def create(self, application_number: str, amount: Decimal, currency: str, key: str) -> PaymentOrder:
        raise OfficeUnavailable("no payment service is configured on this kiosk", OfficeFailure.UNCONFIGURED)

    def status(self, order_id: str) -> PaymentOrder:
        raise OfficeUnavailable("no payment service is configured on this kiosk", OfficeFailure.UNCONFIGURED)

    def cancel(self, order_id: str) -> PaymentOrder:
        raise OfficeUnavailable("no payment service is configured on this kiosk", OfficeFailure.UNCONFIGURED)


def idempotency_key(application_id: str, attempt: int) -> str:
    """The order's key: one per application and attempt, so resending a request whose
    answer was lost finds the same order, while "pay again" after an expired or
    cancelled order gets a new one."""
    return hashlib.sha256(f"{application_id}:{attempt}".encode()).hexdigest()[:32]


def fee_is_due(amount: Decimal | None) -> bool:
    """A fee of 0 (waived for the case) skips the payment step."""
    return amount is not None and amount > 0


def contract_amount(amount: Decimal) -> str:
    """The contract's amount: digits, a point and two decimals, whatever the currency's
    minor unit ("20.00", "50000.00")."""
    return f"{amount.quantize(Decimal('0.01')):f}"
