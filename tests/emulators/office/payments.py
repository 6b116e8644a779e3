"""The reference office's payment orders (createPaymentOrder, getPaymentOrder,
cancelPaymentOrder), kept apart from the look-ups.

Orders live in memory. A test plays the citizen's payment app (`pay`) or the clock
(`expire`); an order also expires by itself `order_seconds` after it was issued. An
Idempotency-Key seen before returns the order issued under it (200), as the contract
says, so a kiosk that resends a request whose answer was lost gets no second order.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

KEY = re.compile(r"^[0-9a-f]{32}$")


@dataclass
class Order:
    order_id: str
    application_number: str
    amount: str
    currency: str
    key: str
    issued: float = field(default_factory=time.monotonic)
    lifetime: float = 120.0
    status: str = "pending"
    reference: str = ""

    def now(self) -> Order:
        if self.status == "pending" and time.monotonic() >= self.issued + self.lifetime:
            self.status = "expired"
        return self

    def json(self) -> dict[str, Any]:
        left = max(0, round(self.issued + self.lifetime - time.monotonic())) if self.status == "pending" else 0
        answer: dict[str, Any] = {"order_id": self.order_id, "status": self.status,
                                  "qr_payload": f"https://pay.example.gov/o/{self.order_id}",
                                  "expires_in_seconds": left}
        if self.reference:
            answer["payment_reference"] = self.reference
        return answer


class PaymentDesk:
    def __init__(self, order_seconds: float = 120.0) -> None:
        self.order_seconds = order_seconds
        self.orders: dict[str, Order] = {}
        self.by_key: dict[str, Order] = {}
        self._lock = threading.Lock()
        self._paid = 0

    # -- what a test does --------------------------------------------------------------

    def latest(self) -> Order | None:
        with self._lock:
            return next(reversed(self.orders.values()), None)

    def pay(self, order_id: str | None = None) -> Order:
        """The citizen's app paid the order (by default the newest)."""
        with self._lock:
            order = self.orders[order_id] if order_id else next(reversed(self.orders.values()))
            if order.now().status == "pending":
                self._paid += 1
                order.status, order.reference = "paid", f"PAY-2026-{self._paid:06d}-QX"
            return order

    def expire(self, order_id: str | None = None) -> Order:
        with self._lock:
            order = self.orders[order_id] if order_id else next(reversed(self.orders.values()))
            if order.now().status == "pending":
                order.status = "expired"
            return order

    # -- the operations ----------------------------------------------------------------

    def create(self, body: dict[str, Any], key: str | None) -> tuple[int, dict[str, Any]] | None:
        """None: the request broke the contract (no usable key)."""
        if key is None or not KEY.match(key):
            return None
        with self._lock:
            known = self.by_key.get(key)
            if known is not None:
                return 200, known.now().json()
            order = Order(secrets.token_urlsafe(18), body["application_number"], body["amount"], body["currency"],
                          key, lifetime=self.order_seconds)
            self.orders[order.order_id] = self.by_key[key] = order
            return 201, order.json()

    def status(self, order_id: str) -> Order | None:
        with self._lock:
            order = self.orders.get(order_id)
            return None if order is None else order.now()

    def cancel(self, order_id: str) -> Order | None:
        with self._lock:
            order = self.orders.get(order_id)
            if order is not None and order.now().status == "pending":
                order.status = "cancelled"
            return order
