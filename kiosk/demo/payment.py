"""The demo's payment stand-in: orders that pay themselves, so `kiosk demo` completes.

A demo has no citizen with a payment app, so each order is paid by itself
`paid_after_s` seconds after it was issued, with a reference that says it is a demo's.
With 0 (the tests' and the headless tours' demo), the order is paid when issued and
the step passes at once. The code it shows leads nowhere. Refuses to run outside demo
mode: it would record fees as paid that nobody paid.
"""

from __future__ import annotations

import itertools
import threading
import time
from decimal import Decimal

from kiosk.payment import PaymentOrder, Payments, PaymentStatus

LIFETIME_S = 300


class DemoPayments(Payments):
    def __init__(self, mode: str, paid_after_s: float = 0.0) -> None:
        if mode != "demo":
            raise RuntimeError("the demo payment stand-in can only run in demo mode")
        self.paid_after_s = paid_after_s
        self._orders: dict[str, tuple[float, PaymentStatus, str]] = {}
        self._by_key: dict[str, str] = {}
        self._serial = itertools.count(1)
        self._lock = threading.Lock()

    def create(self, application_number: str, amount: Decimal, currency: str, key: str) -> PaymentOrder:
        with self._lock:
            order_id = self._by_key.get(key)
            if order_id is None:
                order_id = f"DEMO-ORDER-{next(self._serial):08d}"
                self._by_key[key] = order_id
                self._orders[order_id] = (time.monotonic(), PaymentStatus.PENDING, "")
        return self.status(order_id)

    def status(self, order_id: str) -> PaymentOrder:
        with self._lock:
            issued, status, reference = self._orders[order_id]
            if status is PaymentStatus.PENDING and time.monotonic() >= issued + self.paid_after_s:
                status, reference = PaymentStatus.PAID, f"DEMO-{order_id[-8:]}"
                self._orders[order_id] = (issued, status, reference)
            left = max(0, round(issued + LIFETIME_S - time.monotonic())) if status is PaymentStatus.PENDING else 0
        return PaymentOrder(order_id, status, f"https://pay.example.invalid/demo/{order_id}", left, reference)

    def cancel(self, order_id: str) -> PaymentOrder:
        with self._lock:
            issued, status, reference = self._orders[order_id]
            if status is PaymentStatus.PENDING:
                self._orders[order_id] = (issued, PaymentStatus.CANCELLED, "")
        return self.status(order_id)
