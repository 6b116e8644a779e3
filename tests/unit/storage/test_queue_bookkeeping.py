"""Delivery bookkeeping in the store: due order, conditional updates, retry, purge, status."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import text

from kiosk.storage import (
    ApplicationNotFound,
    ApplicationState,
    ApplicationStore,
    DataKey,
    NotRetryable,
    PayloadPurged,
)

from tests.factories import KIOSK, AppFactory, build_application

DAY = dt.date(2026, 11, 21)
T0 = dt.datetime(2026, 11, 21, 8, 0, tzinfo=dt.UTC)


def _enqueue(store: ApplicationStore, make_app: AppFactory, n: int) -> list[str]:
    ids = []
    for i in range(n):
        app = make_app(
            store.next_application_number(KIOSK, DAY), seed=i,
            created_at=T0 + dt.timedelta(minutes=i),
        )
        store.enqueue(app)
        ids.append(app.application_id)
    return ids


def test_next_due_is_the_oldest_whose_time_has_come(store: ApplicationStore, make_app: AppFactory) -> None:
    a, b, c = _enqueue(store, make_app, 3)
    assert store.next_due(T0).application_id == a
    store.record_transient_failure(a, at=T0, error="HTTP 503", next_attempt_at=T0 + dt.timedelta(seconds=30))
    assert store.next_due(T0).application_id == b
    assert store.next_due(T0 + dt.timedelta(seconds=30)).application_id == a
    assert store.next_due(T0, ignore_schedule=True).application_id == a
    assert store.queued_ids() == [a, b, c]


def test_outcomes_are_recorded_only_on_queued_rows(store: ApplicationStore, make_app: AppFactory) -> None:
    (a,) = _enqueue(store, make_app, 1)
    assert store.record_delivered(a, at=T0, office_reference="OF-1")
    # A second deliverer's late answers must not undo the first one's.
    assert not store.record_transient_failure(a, at=T0, error="late", next_attempt_at=T0)
    assert not store.record_rejection(a, at=T0, reason="late")
    assert not store.record_delivered(a, at=T0, office_reference="OF-2")
    entry = store.entry(a)
    assert (entry.state, entry.office_reference, entry.attempts, entry.last_error) == (
        ApplicationState.DELIVERED, "OF-1", 1, None,
    )


def test_rejection_parks_and_retry_requeues(store: ApplicationStore, make_app: AppFactory) -> None:
    a, b = _enqueue(store, make_app, 2)
    store.record_rejection(a, at=T0, reason="HTTP 422 invalid_application")
    assert store.entry(a).state is ApplicationState.PARKED
    assert store.next_due(T0 + dt.timedelta(days=1)).application_id == b

    number = store.entry(a).application_number
    entry = store.retry(number.lower())  # by number, as typed from a receipt
    assert entry.application_id == a and entry.state is ApplicationState.QUEUED
    assert entry.last_error == "HTTP 422 invalid_application"  # kept: the history of what happened
    assert store.next_due(T0).application_id == a

    store.record_delivered(a, at=T0, office_reference=None)
    with pytest.raises(NotRetryable):
        store.retry(a)
    with pytest.raises(ApplicationNotFound):
        store.retry("0" * 32)


def test_status_reports_counts_age_and_last_error(store: ApplicationStore, make_app: AppFactory) -> None:
    a, b, c = _enqueue(store, make_app, 3)
    store.record_delivered(a, at=T0, office_reference="OF-1")
    store.record_transient_failure(b, at=T0 + dt.timedelta(seconds=5), error="ConnectError: refused",
                                   next_attempt_at=T0 + dt.timedelta(seconds=65))
    store.record_rejection(c, at=T0 + dt.timedelta(seconds=9), reason="HTTP 422 invalid_application")
    status = store.status()
    assert status.counts == {"queued": 1, "delivered": 1, "parked": 1}
    assert status.oldest_queued_at == T0 + dt.timedelta(minutes=1)
    assert status.next_attempt_at == T0 + dt.timedelta(seconds=65)
    assert status.last_error is not None
    assert (status.last_error.application_id, status.last_error.error) == (c, "HTTP 422 invalid_application")
    data = status.as_dict(T0 + dt.timedelta(minutes=11))
    assert data["oldest_queued_age_seconds"] == 600.0
    assert data["last_error"]["state"] == "parked"


def test_errors_are_bounded(store: ApplicationStore, make_app: AppFactory) -> None:
    (a,) = _enqueue(store, make_app, 1)
    store.record_transient_failure(a, at=T0, error="x" * 10_000, next_attempt_at=T0)
    assert len(store.entry(a).last_error or "") <= 300


def test_purge_removes_the_payload_and_keeps_the_bookkeeping(
    store: ApplicationStore, make_app: AppFactory
) -> None:
    a, b, c = _enqueue(store, make_app, 3)
    store.record_delivered(a, at=T0, office_reference="OF-1")
    store.record_delivered(b, at=T0 + dt.timedelta(hours=2), office_reference="OF-2")
    purged = store.purge_delivered(delivered_before=T0 + dt.timedelta(hours=1), at=T0 + dt.timedelta(hours=3))
    assert purged == 1
    with pytest.raises(PayloadPurged):
        store.get(a)
    with pytest.raises(PayloadPurged):
        store.delivery_document(a)
    entry = store.entry(a)
    assert (entry.state, entry.office_reference, entry.purged_at) == (
        ApplicationState.DELIVERED, "OF-1", T0 + dt.timedelta(hours=3),
    )
    store.get(b)  # delivered, but still within the retention
    store.get(c)  # queued: never purged
    assert store.status().purged == 1
    # Purging again finds nothing new.
    assert store.purge_delivered(delivered_before=T0 + dt.timedelta(hours=1), at=T0) == 0


def test_purged_ciphertext_is_gone_from_the_files(tmp_path: Path, data_key: DataKey, make_app: AppFactory) -> None:
    """Even encrypted, a purged payload must not linger: the key is still on the kiosk."""
    db = tmp_path / "queue.sqlite3"
    with ApplicationStore(db, data_key) as store:
        (a,) = _enqueue(store, make_app, 1)
        with store.engine.connect() as conn:
            ct = conn.execute(text("SELECT ciphertext FROM application_payloads")).scalar_one()
        store.checkpoint()  # the row is in the main file now, not only in the WAL
        assert ct[1000:1064] in db.read_bytes()
        store.record_delivered(a, at=T0, office_reference=None)
        store.purge_delivered(delivered_before=T0, at=T0)
        files = b"".join(p.read_bytes() for p in (db, db.with_name(db.name + "-wal")) if p.exists())
        for offset in range(0, len(ct) - 64, 4096):
            assert ct[offset:offset + 64] not in files


def test_document_is_checked_against_the_clear_columns(store: ApplicationStore, make_app: AppFactory) -> None:
    (a,) = _enqueue(store, make_app, 1)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE applications SET application_number = 'SH-XH-001-261121-00027'"))
    from kiosk.storage import DecryptionError

    with pytest.raises(DecryptionError):
        store.delivery_document(a)


# -- a model of the queue, checked against the store by hypothesis -------------------------


@settings(max_examples=15, stateful_step_count=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
class QueueMachine(RuleBasedStateMachine):
    """Any sequence of deliveries, failures, rejections, retries and purges keeps the store
    consistent with a plain model: states, and payload present exactly when not purged."""

    @initialize()
    def open_store(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="queue-machine-"))
        self.store = ApplicationStore(self.dir / "q.sqlite3", DataKey.generate())
        self.model: dict[str, str] = {}   # id -> state
        self.purged: set[str] = set()
        self.clock = T0
        self.seq = 0

    def teardown(self) -> None:
        if hasattr(self, "store"):
            self.store.close()
            shutil.rmtree(self.dir, ignore_errors=True)

    def _tick(self) -> dt.datetime:
        self.clock += dt.timedelta(seconds=1)
        return self.clock

    def _pick(self, data: st.DataObject, state: str | None = None) -> str | None:
        ids = sorted(i for i, s in self.model.items() if state is None or s == state)
        return data.draw(st.sampled_from(ids)) if ids else None

    @rule()
    def enqueue(self) -> None:
        self.seq += 1
        app = build_application(
            self.store.next_application_number(KIOSK, DAY), seed=self.seq, created_at=self._tick()
        )
        self.store.enqueue(app)
        self.model[app.application_id] = "queued"

    @precondition(lambda self: bool(self.model))
    @rule(data=st.data(), outcome=st.sampled_from(["delivered", "transient", "rejected"]))
    def attempt(self, data: st.DataObject, outcome: str) -> None:
        app_id = self._pick(data)
        now = self._tick()
        if outcome == "delivered":
            changed = self.store.record_delivered(app_id, at=now, office_reference="OF")
        elif outcome == "transient":
            changed = self.store.record_transient_failure(app_id, at=now, error="e", next_attempt_at=now)
        else:
            changed = self.store.record_rejection(app_id, at=now, reason="r")
        assert changed == (self.model[app_id] == "queued")
        if changed and outcome != "transient":
            self.model[app_id] = {"delivered": "delivered", "rejected": "parked"}[outcome]

    @precondition(lambda self: bool(self.model))
    @rule(data=st.data())
    def retry(self, data: st.DataObject) -> None:
        app_id = self._pick(data)
        if self.model[app_id] == "delivered":
            with pytest.raises(NotRetryable):
                self.store.retry(app_id)
        else:
            self.store.retry(app_id)
            self.model[app_id] = "queued"

    @rule()
    def purge(self) -> None:
        now = self._tick()
        n = self.store.purge_delivered(delivered_before=now, at=now)
        newly = {i for i, s in self.model.items() if s == "delivered"} - self.purged
        assert n == len(newly)
        self.purged |= newly

    @invariant()
    def store_matches_model(self) -> None:
        if not hasattr(self, "store"):
            return
        expected = {s.value: 0 for s in ApplicationState}
        for state in self.model.values():
            expected[state] += 1
        assert self.store.counts() == expected
        for entry in self.store.entries():
            assert entry.state.value == self.model[entry.application_id]
            assert (entry.purged_at is not None) == (entry.application_id in self.purged)
        status = self.store.status()
        assert status.purged == len(self.purged)
        assert sum(status.payloads_by_key.values()) == len(self.model) - len(self.purged)


TestQueueMachine = QueueMachine.TestCase
