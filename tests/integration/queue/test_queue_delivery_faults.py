"""Delivery against a real HTTPS intake that fails in every way a network and an office do.

Every application must end delivered exactly once: stored once by the intake (which
counts copies per idempotency key), acknowledged in the kiosk's queue with the office's
reference, and byte for byte what was enqueued.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time

import pytest

from kiosk.card_application import Application
from kiosk.delivery.deliverer import Deliverer
from kiosk.delivery.worker import DeliveryWorker
from kiosk.storage import ApplicationState, ApplicationStore
from kiosk.storage.store import document_bytes
from tests.emulators.intake import Fault, FaultyIntake

pytestmark = pytest.mark.integration


def drain(deliverer: Deliverer, passes: int = 100) -> None:
    for _ in range(passes):
        if not deliverer.store.counts()["queued"]:
            return
        deliverer.deliver_pending()
    raise AssertionError("the queue did not drain")


def assert_delivered_exactly_once(store: ApplicationStore, intake: FaultyIntake, apps: list[Application]) -> None:
    stats = intake.stats()
    assert stats.duplicated == 0, "an application was stored twice under its idempotency key"
    assert stats.duplicate_numbers == 0
    stored = intake.stored()
    assert set(stored) == {a.application_id for a in apps}, "missing (or unexpected) applications"
    for app in apps:
        entry = store.entry(app.application_id)
        assert entry.state is ApplicationState.DELIVERED
        assert entry.office_reference == stored[app.application_id].office_reference
        assert stored[app.application_id].body_sha256 == hashlib.sha256(document_bytes(app)).hexdigest()


@pytest.mark.parametrize(
    "fault, replays",
    [
        (Fault.ERROR_500, 0),
        (Fault.UNAVAILABLE_503, 0),
        (Fault.RATE_LIMITED_429, 0),
        (Fault.TIMEOUT, 0),
        (Fault.DROP, 0),
        (Fault.SLOW, 0),
        # The intake stored the application but the kiosk never saw the answer: the
        # kiosk sends it again and the intake answers with the first receipt.
        (Fault.CLOSE_AFTER_STORE, 1),
        (Fault.TIMEOUT_AFTER_STORE, 1),
    ],
)
def test_each_fault_ends_in_exactly_one_delivery(store, intake, enqueue, make_deliverer, fault, replays) -> None:
    apps = enqueue(3)
    intake.faults.push(fault, fault)
    drain(make_deliverer())
    assert_delivered_exactly_once(store, intake, apps)
    stats = intake.stats()
    assert stats.faults == {fault.value: 2}
    assert stats.replays == 2 * replays


def test_a_refused_connection_is_retried_once_the_office_is_back(store, intake, enqueue, make_deliverer) -> None:
    apps = enqueue(2)
    deliverer = make_deliverer()
    intake.go_down()
    report = deliverer.deliver_pending()
    assert report.failed == 1 and report.delivered == 0
    assert "ConnectError" in (report.stopped_because or "")
    assert "Connection refused" in (store.status().last_error.error)
    intake.come_up()
    drain(deliverer)
    assert_delivered_exactly_once(store, intake, apps)


def test_retry_after_is_honoured(store, intake, enqueue, make_deliverer) -> None:
    """The kiosk never comes back before the office said it may (here 1 s)."""
    enqueue(1)
    intake.faults.push(Fault.RATE_LIMITED_429)
    deliverer = make_deliverer(base=0.01, cap=0.05)  # backoff alone would be far shorter
    report = deliverer.deliver_pending()
    assert report.failed == 1
    assert report.attempts[0].delay >= 1.0
    entry = store.entries()[0]
    assert entry.next_attempt_at >= entry.last_attempt_at + dt.timedelta(seconds=1)
    assert store.next_due(entry.last_attempt_at) is None  # not due before Retry-After


def test_a_permanent_rejection_is_parked_with_its_reason(store, intake, enqueue, make_deliverer) -> None:
    apps = enqueue(2)
    intake.faults.push(Fault.REJECT_422)
    deliverer = make_deliverer()
    report = deliverer.deliver_pending()
    assert (report.parked, report.delivered) == (1, 1)
    parked = store.entry(apps[0].application_id)
    assert parked.state is ApplicationState.PARKED
    assert parked.last_error == "HTTP 422 rejected_for_test - Refused by the test intake"
    store.retry(parked.application_number)  # the technician's `kiosk queue retry`
    drain(deliverer)
    assert_delivered_exactly_once(store, intake, apps)


def test_the_background_worker_survives_a_random_mix_of_faults(store, intake, enqueue, make_deliverer) -> None:
    intake.faults.set_mix({
        Fault.ERROR_500: 0.08, Fault.UNAVAILABLE_503: 0.04, Fault.TIMEOUT: 0.04, Fault.DROP: 0.05,
        Fault.CLOSE_AFTER_STORE: 0.08, Fault.TIMEOUT_AFTER_STORE: 0.04, Fault.SLOW: 0.1,
    }, seed=20261121)
    intake.faults.retry_after = "0"
    worker = DeliveryWorker(make_deliverer(base=0.01, cap=0.05), poll_interval=0.5, retention=dt.timedelta(days=1))
    worker.start()
    try:
        apps = []
        for _ in range(8):  # applications keep arriving while delivery runs
            apps += enqueue(5)
            time.sleep(random.uniform(0, 0.05))
        end = time.monotonic() + 120
        while store.counts()["queued"] and time.monotonic() < end:
            time.sleep(0.05)
    finally:
        assert worker.stop(timeout=30)
    assert_delivered_exactly_once(store, intake, apps)
    stats = intake.stats()
    assert sum(stats.faults.values()) > 0  # the faults really happened
    print(f"\n{len(apps)} applications, {stats.requests} requests, faults {stats.faults}, replays {stats.replays}")


def test_two_deliverers_racing_store_each_application_once(store, intake, enqueue, make_deliverer) -> None:
    """The kiosk's worker and a technician's `deliver --once` may run at the same time."""
    import threading

    apps = enqueue(30)
    intake.faults.set_mix({Fault.SLOW: 0.3}, seed=1)
    first, second = make_deliverer(), make_deliverer()
    threads = [threading.Thread(target=drain, args=(d,)) for d in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert_delivered_exactly_once(store, intake, apps)
