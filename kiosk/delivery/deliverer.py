"""One delivery attempt, and one pass over the queue: the logic shared by the background
worker and `kiosk queue deliver --once` (and the maintenance screens after them).

The outcome of every attempt is committed before the next one starts. A power cut
between the office's acknowledgement and that commit leaves the application queued:
it is sent again after the restart and the office recognises it by its idempotency
key (answering 200 with the first receipt), so it is never stored twice.

Backoff is kiosk-wide: transient failures are nearly always the office's or the
network's, not one application's, so after one the worker pauses before trying any
application (`consecutive_failures` drives the delay), and the application that failed
keeps its place at the head of the queue. The delay is also stored with the
application (`next_attempt_at`), so a restart does not hammer an office that asked for
a pause.

An application whose key is not in the keyring is the kiosk's fault (a key file missing
or replaced), not the application's: it is never parked. `deliver_one` lets KeyMismatch
through and the pass, like the worker, stops there and says which key is missing, so
that restoring the key file and restarting delivers everything as it was.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.delivery.backoff import Backoff
from kiosk.delivery.client import Delivered, IntakeClient, Outcome, Rejected, RetryLater
from kiosk.storage import (
    ApplicationNotFound,
    ApplicationState,
    ApplicationStore,
    DecryptionError,
    KeyMismatch,
    NotQueued,
    PayloadPurged,
    QueueEntry,
)

log = logging.getLogger(__name__)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Attempt:
    application_id: str
    outcome: Outcome
    delay: float | None = None  # seconds until the next try, after a transient failure


@dataclass
class PassReport:
    """What one pass over the queue did (`kiosk queue deliver --once`)."""

    attempted: int = 0
    delivered: int = 0
    replayed: int = 0  # delivered, and the office said it already had it
    parked: int = 0
    failed: int = 0    # transient failures (the pass stops at the first one)
    remaining: int = 0
    stopped_because: str | None = None
    attempts: list[Attempt] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "attempted": self.attempted,
            "delivered": self.delivered,
            "replayed": self.replayed,
            "parked": self.parked,
            "failed": self.failed,
            "remaining": self.remaining,
            "stopped_because": self.stopped_because,
        }


def key_missing_message(exc: KeyMismatch) -> str:
    """Why delivery stopped on a row whose key is missing, and what the technician does."""
    return (
        f"key {exc.key_id} is missing: {exc}; nothing was parked: put the key file with id "
        f"{exc.key_id} back (storage.key_file or storage.old_key_files) and start again"
    )


class Deliverer:
    def __init__(
        self,
        store: ApplicationStore,
        client: IntakeClient,
        backoff: Backoff,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.store = store
        self.client = client
        self.backoff = backoff
        self.clock = clock
        self.consecutive_failures = 0

    def deliver_one(self, entry: QueueEntry) -> Attempt | None:
        """Send one queued application and commit what happened. None if it vanished.

        Raises KeyMismatch, committing nothing, when the application's key is not in the
        keyring.
        """
        app_id = entry.application_id
        try:
            document = self.store.delivery_document(app_id, queued_only=True)
        except (ApplicationNotFound, NotQueued, PayloadPurged):
            return None
        except KeyMismatch:
            raise
        except DecryptionError as exc:
            # The key is there but the row does not open or does not match its clear
            # columns (tampering): sending is impossible until a technician looks at this
            # one application, so park it with the reason.
            reason = f"cannot decrypt: {type(exc).__name__}"
            self.store.record_rejection(app_id, at=self.clock(), reason=reason)
            return Attempt(app_id, Rejected(0, reason))

        outcome = self.client.submit(app_id, document)
        now = self.clock()
        if isinstance(outcome, Delivered):
            self.consecutive_failures = 0
            self.store.record_delivered(app_id, at=now, office_reference=outcome.office_reference)
            return Attempt(app_id, outcome)
        if isinstance(outcome, Rejected):
            # The office answered: it is up, so the kiosk-wide backoff ends.
            self.consecutive_failures = 0
            self.store.record_rejection(app_id, at=now, reason=outcome.reason)
            return Attempt(app_id, outcome)
        assert isinstance(outcome, RetryLater)
        self.consecutive_failures += 1
        delay = self.backoff.delay(self.consecutive_failures, outcome.retry_after)
        self.store.record_transient_failure(
            app_id, at=now, error=outcome.reason, next_attempt_at=now + dt.timedelta(seconds=delay)
        )
        log.info(
            "delivery of %s failed (%s); next try in %.1f s", app_id, outcome.reason, delay
        )
        return Attempt(app_id, outcome, delay)

    def deliver_pending(self, *, stop_on_failure: bool = True) -> PassReport:
        """Try every queued application once, oldest first, ignoring their schedules.

        Stops at the first transient failure (the office is unreachable or asked for a
        pause; trying the rest would only repeat it), unless told otherwise.
        """
        report = PassReport()
        for entry in self.store.entries(ApplicationState.QUEUED):
            try:
                attempt = self.deliver_one(entry)  # None if delivered meanwhile by another deliverer
            except KeyMismatch as exc:
                report.stopped_because = key_missing_message(exc)
                break
            if attempt is None:
                continue
            report.attempted += 1
            report.attempts.append(attempt)
            outcome = attempt.outcome
            if isinstance(outcome, Delivered):
                report.delivered += 1
                report.replayed += int(outcome.replayed)
            elif isinstance(outcome, Rejected):
                report.parked += 1
            else:
                report.failed += 1
                if stop_on_failure:
                    report.stopped_because = outcome.reason
                    break
        report.remaining = self.store.counts()["queued"]
        return report
