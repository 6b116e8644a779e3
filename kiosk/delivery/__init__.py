"""Delivery of queued applications to the central office (resources/api/intake.openapi.yaml).

- `client`: HTTPS with mutual TLS (httpx); classifies each answer as delivered, retry
  later or rejected.
- `backoff`: exponential backoff with jitter; Retry-After.
- `deliverer`: one attempt and one pass over the queue, committing each outcome.
- `worker`: the background thread the application starts and stops.
- `service`: what technicians do (status, deliver once, retry, purge, rekey), for the CLI
  and the maintenance screens; `build_worker(cfg, store)` for the application.
- `contract`: the OpenAPI contract document, loaded and checked against.
- `credentials`: the client certificate and key, refused when others can read the key.
- `selftest/`: the technician's self-test (`kiosk queue selftest`) and what it needs
  only: synthetic applications, a loopback reference intake, throwaway certificates.

The names below are imported on first use (PEP 562), so that `launcher.commands.delivery`
can register its subcommands without loading httpx and SQLAlchemy (`kiosk --help` stays
fast).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Backoff": "backoff",
    "parse_retry_after": "backoff",
    "ClientSettings": "client",
    "Delivered": "client",
    "IntakeClient": "client",
    "Outcome": "client",
    "Rejected": "client",
    "RetryLater": "client",
    "Attempt": "deliverer",
    "Deliverer": "deliverer",
    "PassReport": "deliverer",
    "DeliveryNotConfigured": "service",
    "QueueService": "service",
    "build_worker": "service",
    "make_deliverer": "service",
    "DeliveryWorker": "worker",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kiosk.delivery' has no attribute {name!r}")
    return getattr(importlib.import_module(f"kiosk.delivery.{module}"), name)


if TYPE_CHECKING:  # for type checkers and editors
    from kiosk.delivery.backoff import Backoff, parse_retry_after
    from kiosk.delivery.client import ClientSettings, Delivered, IntakeClient, Outcome, Rejected, RetryLater
    from kiosk.delivery.deliverer import Attempt, Deliverer, PassReport
    from kiosk.delivery.service import DeliveryNotConfigured, QueueService, build_worker, make_deliverer
    from kiosk.delivery.worker import DeliveryWorker
