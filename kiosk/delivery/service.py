"""The queue as technicians operate it: one service for the CLI and the maintenance screens.

Every operation returns plain data (dataclasses, dicts) and takes no screen or terminal
decision, so `kiosk queue ...` and the maintenance screens of a later issue show the
same thing. `build_worker` assembles the background worker from the configuration; the
application starts and stops it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from kiosk.delivery.backoff import Backoff
from kiosk.delivery.client import ClientSettings, IntakeClient
from kiosk.delivery.deliverer import Deliverer, PassReport, utc_now
from kiosk.delivery.worker import DeliveryWorker
from kiosk.storage import ApplicationNotFound, ApplicationState, ApplicationStore, QueueEntry


class DeliveryNotConfigured(Exception):
    """delivery.endpoint is not set: there is nowhere to deliver to."""


class QueueService:
    def __init__(
        self,
        store: ApplicationStore,
        *,
        retention: dt.timedelta,
        make_deliverer: Callable[[], Deliverer] | None = None,
        delivery_enabled: bool = False,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.store = store
        self.retention = retention
        self._make_deliverer = make_deliverer
        self.delivery_enabled = delivery_enabled
        self.clock = clock

    @classmethod
    def from_config(cls, cfg: Any, store: ApplicationStore | None = None) -> QueueService:
        store = store or ApplicationStore.from_config(cfg)
        d = cfg.delivery
        return cls(
            store,
            retention=dt.timedelta(hours=d.retention_hours),
            make_deliverer=(lambda: make_deliverer(cfg, store)) if d.endpoint else None,
            delivery_enabled=d.enabled,
        )

    def close(self) -> None:
        self.store.close()

    def status(self) -> dict[str, Any]:
        """Counts by state, age of the oldest queued application, the last error."""
        data = self.store.status().as_dict(self.clock())
        data["delivery_enabled"] = self.delivery_enabled
        data["retention_hours"] = self.retention.total_seconds() / 3600
        return data

    def entries(self, state: ApplicationState | str | None = None, limit: int | None = None) -> list[QueueEntry]:
        return self.store.entries(state, limit)

    def deliver_once(self) -> PassReport:
        """One pass: every queued application is tried once, now, whatever its schedule."""
        if self._make_deliverer is None:
            raise DeliveryNotConfigured("delivery.endpoint is not configured")
        deliverer = self._make_deliverer()
        try:
            return deliverer.deliver_pending()
        finally:
            deliverer.client.close()

    def make_worker(self, poll_interval: float = 30.0) -> DeliveryWorker:
        """A background worker on this service's store (for `kiosk queue deliver`)."""
        if self._make_deliverer is None:
            raise DeliveryNotConfigured("delivery.endpoint is not configured")
        return DeliveryWorker(self._make_deliverer(), poll_interval=poll_interval, retention=self.retention)

    def retry(self, id_or_number: str) -> QueueEntry:
        """Queue a parked application again; it is tried at the next delivery."""
        if not id_or_number.isascii():
            # Ids and numbers are ASCII; other text (bytes from a shell, other digits) can
            # match nothing, and SQLite cannot even take an undecodable one.
            raise ApplicationNotFound(id_or_number)
        return self.store.retry(id_or_number)

    def purge(self, older_than: dt.timedelta | None = None) -> int:
        """Purge delivered applications older than the retention (or `older_than`)."""
        now = self.clock()
        keep = self.retention if older_than is None else older_than
        return self.store.purge_delivered(delivered_before=now - keep, at=now)

    def rekey(self) -> int:
        """Re-encrypt applications still under an earlier key with the current key."""
        return self.store.reencrypt()


def make_deliverer(cfg: Any, store: ApplicationStore) -> Deliverer:
    d = cfg.delivery
    if not d.endpoint:
        raise DeliveryNotConfigured("delivery.endpoint is not configured")
    return Deliverer(
        store,
        IntakeClient(ClientSettings.from_config(cfg)),
        Backoff(d.backoff_base_seconds, d.backoff_max_seconds),
    )


def build_worker(cfg: Any, store: ApplicationStore) -> DeliveryWorker | None:
    """The background worker for `cfg`, or None when delivery is disabled. Not started."""
    d = cfg.delivery
    if not d.enabled:
        return None
    return DeliveryWorker(
        make_deliverer(cfg, store),
        poll_interval=d.poll_interval_seconds,
        retention=dt.timedelta(hours=d.retention_hours),
    )
