"""One attempt, one pass: what is committed after each outcome."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import text

from kiosk.delivery.backoff import Backoff
from kiosk.delivery.client import Delivered, Rejected, RetryLater
from kiosk.delivery.deliverer import Deliverer
from kiosk.storage import ApplicationState, ApplicationStore, KeyMismatch
from kiosk.storage.store import document_bytes

from .conftest import T0, ScriptedClient


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


def deliverer(store: ApplicationStore, client: ScriptedClient, clock: Clock | None = None) -> Deliverer:
    return Deliverer(store, client, Backoff(1.0, 8.0, random.Random(1)), clock=clock or Clock())  # type: ignore[arg-type]


def test_delivered_is_committed_with_the_office_reference(store, enqueue) -> None:
    (app,) = enqueue(1)
    client = ScriptedClient(Delivered(201, "OF-42", False))
    attempt = deliverer(store, client).deliver_one(store.entry(app.application_id))
    assert attempt is not None and attempt.outcome == Delivered(201, "OF-42", False)
    assert client.calls == [(app.application_id, document_bytes(app))]
    entry = store.entry(app.application_id)
    assert (entry.state, entry.office_reference, entry.attempts, entry.delivered_at) == (
        ApplicationState.DELIVERED, "OF-42", 1, T0,
    )


def test_transient_failures_back_off_kiosk_wide_and_persist_the_schedule(store, enqueue) -> None:
    a, b = enqueue(2)
    clock = Clock()
    client = ScriptedClient(RetryLater("HTTP 503"), RetryLater("HTTP 503"), RetryLater("HTTP 429", retry_after=30))
    d = deliverer(store, client, clock)
    delays = []
    for _ in range(3):
        attempt = d.deliver_one(store.next_due(clock.now, ignore_schedule=True))
        delays.append(attempt.delay)
        clock.now += dt.timedelta(seconds=100)
    assert 0.5 <= delays[0] <= 1.0 and 1.0 <= delays[1] <= 2.0  # doubling ceilings, jittered
    assert delays[2] >= 30                                       # Retry-After is a floor
    assert d.consecutive_failures == 3
    entry = store.entry(a.application_id)
    assert entry.state is ApplicationState.QUEUED and entry.attempts == 3
    assert entry.last_error == "HTTP 429"
    assert entry.next_attempt_at == T0 + dt.timedelta(seconds=200 + delays[2])
    # The failing application keeps its place at the head of the queue.
    assert store.next_due(entry.next_attempt_at).application_id == a.application_id

    d.deliver_one(store.entry(a.application_id))  # the script is empty: delivered
    assert d.consecutive_failures == 0


def test_a_rejection_parks_and_ends_the_backoff(store, enqueue) -> None:
    (app,) = enqueue(1)
    client = ScriptedClient(RetryLater("HTTP 500"), Rejected(422, "HTTP 422 invalid_application"))
    d = deliverer(store, client)
    d.deliver_one(store.entry(app.application_id))
    d.deliver_one(store.entry(app.application_id))
    assert d.consecutive_failures == 0
    entry = store.entry(app.application_id)
    assert entry.state is ApplicationState.PARKED and entry.last_error == "HTTP 422 invalid_application"


def test_a_pass_tries_each_application_once_and_stops_at_a_transient_failure(store, enqueue) -> None:
    apps = enqueue(4)
    client = ScriptedClient(
        Delivered(201, "OF-1", False), Rejected(400, "HTTP 400 x"), Delivered(200, "OF-3", True),
        RetryLater("ConnectError"),
    )
    report = deliverer(store, client).deliver_pending()
    assert report.as_dict() == {
        "attempted": 4, "delivered": 2, "replayed": 1, "parked": 1, "failed": 1, "remaining": 1,
        "stopped_because": "ConnectError",
    }
    assert [c[0] for c in client.calls] == [a.application_id for a in apps]


def test_a_pass_ignores_schedules(store, enqueue) -> None:
    (app,) = enqueue(1)
    store.record_transient_failure(app.application_id, at=T0, error="x", next_attempt_at=T0 + dt.timedelta(days=1))
    report = deliverer(store, ScriptedClient()).deliver_pending()
    assert report.delivered == 1


def test_an_application_whose_key_is_missing_is_neither_sent_nor_parked(store, enqueue) -> None:
    # A key missing is the kiosk's fault (issue 9, item 5): parking would blame the
    # application, and restoring the key must deliver it as it was.
    first, second = enqueue(2)
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE application_payloads SET key_id = 'feedf00d' WHERE application_id = :id"),
            {"id": first.application_id},
        )
    client = ScriptedClient()
    with pytest.raises(KeyMismatch, match="feedf00d"):
        deliverer(store, client).deliver_one(store.entry(first.application_id))
    report = deliverer(store, client).deliver_pending()
    assert client.calls == []
    assert (report.attempted, report.parked, report.remaining) == (0, 0, 2)
    assert report.stopped_because and "key feedf00d is missing" in report.stopped_because
    for app in (first, second):
        entry = store.entry(app.application_id)
        assert (entry.state, entry.attempts, entry.last_error) == (ApplicationState.QUEUED, 0, None)


def test_a_tampered_application_is_parked_not_sent(store, enqueue) -> None:
    (app,) = enqueue(1)
    with store.engine.begin() as conn:  # the key is there, the ciphertext no longer authenticates
        conn.execute(text("UPDATE application_payloads SET nonce = zeroblob(12)"))
    client = ScriptedClient()
    attempt = deliverer(store, client).deliver_one(store.entry(app.application_id))
    assert client.calls == []
    assert isinstance(attempt.outcome, Rejected)
    entry = store.entry(app.application_id)
    assert entry.state is ApplicationState.PARKED and entry.last_error == "cannot decrypt: DecryptionError"
