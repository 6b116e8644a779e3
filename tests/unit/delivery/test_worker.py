"""The background worker: woken by enqueues, stoppable at any moment, purges after retention."""

from __future__ import annotations

import datetime as dt
import random
import threading
import time

from kiosk.delivery.backoff import Backoff
from kiosk.delivery.client import RetryLater
from kiosk.delivery.deliverer import Deliverer
from kiosk.delivery.worker import DeliveryWorker
from sqlalchemy import text

from kiosk.storage import ApplicationState, PayloadPurged

from .conftest import ScriptedClient


def wait_for(condition, timeout: float = 20.0) -> bool:
    """Poll until `condition()` holds; the timeout only bounds a hung test."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def worker(store, client, *, poll: float = 3600.0, retention=dt.timedelta(days=3), backoff=(0.01, 0.05)) -> DeliveryWorker:
    d = Deliverer(store, client, Backoff(*backoff, random.Random(3)))
    return DeliveryWorker(d, poll_interval=poll, retention=retention)


def test_an_enqueue_wakes_the_idle_worker(store, make_app) -> None:
    client = ScriptedClient()
    w = worker(store, client, poll=3600.0)  # it would not look again for an hour on its own
    w.start()
    try:
        assert wait_for(lambda: w.running)
        apps = [make_app() for _ in range(3)]
        for app in apps:
            store.enqueue(app)
        assert wait_for(lambda: store.counts()["delivered"] == 3)
    finally:
        assert w.stop()
    assert client.closed
    assert sorted(c[0] for c in client.calls) == sorted(a.application_id for a in apps)


def test_transient_failures_are_retried_until_delivered(store, enqueue) -> None:
    apps = enqueue(2)
    client = ScriptedClient(*[RetryLater("HTTP 503")] * 4)
    w = worker(store, client)
    w.start()
    try:
        assert wait_for(lambda: store.counts()["delivered"] == 2)
    finally:
        w.stop()
    assert len(client.calls) == 6
    assert store.entry(apps[0].application_id).attempts == 5


def test_stop_ends_a_long_backoff_at_once(store, enqueue) -> None:
    enqueue(1)
    failed = threading.Event()

    class FailingClient(ScriptedClient):
        def submit(self, application_id, document):
            failed.set()
            return RetryLater("HTTP 503", retry_after=3600)

    w = worker(store, FailingClient())
    w.start()
    assert failed.wait(20)
    assert w.stop(timeout=20)  # waits on an event, not in a one-hour sleep
    assert not w.running


def test_delivered_applications_are_purged_after_the_retention(store, enqueue) -> None:
    (app,) = enqueue(1)
    w = worker(store, ScriptedClient(), retention=dt.timedelta(0))
    w.purge_interval = dt.timedelta(0)  # purge on every round
    w.start()
    try:
        def purged() -> bool:
            try:
                store.get(app.application_id)
            except PayloadPurged:
                return True
            return False
        assert wait_for(purged)
    finally:
        w.stop()
    assert store.status().purged == 1


def test_a_worker_cannot_start_twice(store) -> None:
    w = worker(store, ScriptedClient())
    w.start()
    try:
        import pytest

        with pytest.raises(RuntimeError):
            w.start()
    finally:
        w.stop()
    assert w.stop()  # stopping a stopped worker is fine


def test_a_missing_key_stops_the_worker_and_parks_nothing(store, enqueue) -> None:
    # A key file replaced under a running kiosk: retrying cannot help and parking would
    # blame the application; the worker stops and says which key.
    apps = enqueue(3)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE application_payloads SET key_id = 'feedf00d'"))
    client = ScriptedClient()
    w = worker(store, client, poll=0.01)
    w.start()
    try:
        assert wait_for(lambda: not w.running)
    finally:
        w.stop()
    assert w.stopped_because and "key feedf00d is missing" in w.stopped_because
    assert client.calls == [] and client.closed
    assert [store.entry(a.application_id).state for a in apps] == [ApplicationState.QUEUED] * 3
