"""A real HTTPS intake with mutual TLS on 127.0.0.1 (a free port), and a kiosk queue to feed it.

This folder is the package `tests.integration.queue` (never a top-level `queue`, which
would shadow the standard library's); its modules still carry unique `test_queue_*` names.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.card_application import Application
from kiosk.delivery.backoff import Backoff
from kiosk.delivery.client import ClientSettings, IntakeClient
from kiosk.delivery.deliverer import Deliverer
from kiosk.delivery.selftest.loopback_pki import LoopbackPki, make_loopback_pki
from kiosk.delivery.selftest.synthetic import synthetic_application
from kiosk.storage import ApplicationStore, Keyring
from tests.emulators.intake import FaultPlan, FaultyIntake

KIOSK = "IT-KIOSK-1"
DAY = dt.date(2026, 11, 21)
# The client gives up on an answer after this long; the intake's "timeout" faults hold
# requests for twice as long, so they really time out.
READ_TIMEOUT = 0.5


@pytest.fixture
def pki(tmp_path: Path) -> LoopbackPki:
    return make_loopback_pki(tmp_path / "pki", KIOSK)


@pytest.fixture
def intake(tmp_path: Path, pki: LoopbackPki) -> Iterator[FaultyIntake]:
    faults = FaultPlan(retry_after="1", slow_seconds=0.1, hang_seconds=2 * READ_TIMEOUT)
    with FaultyIntake(tmp_path / "intake.sqlite3", pki, faults=faults) as server:
        yield server


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ApplicationStore]:
    with ApplicationStore(tmp_path / "kiosk" / "queue.sqlite3", Keyring.load(tmp_path / "kiosk" / "keys" / "data.key")) as s:
        yield s


@pytest.fixture
def client_settings(intake: FaultyIntake, pki: LoopbackPki) -> ClientSettings:
    return ClientSettings(intake.url, pki.client_cert, pki.client_key, pki.ca_cert, 2.0, READ_TIMEOUT)


@pytest.fixture
def make_deliverer(store: ApplicationStore, client_settings: ClientSettings) -> Iterator[Callable[..., Deliverer]]:
    made: list[Deliverer] = []

    def make(settings: ClientSettings | None = None, base: float = 0.01, cap: float = 0.1) -> Deliverer:
        d = Deliverer(store, IntakeClient(settings or client_settings), Backoff(base, cap, random.Random(1)))
        made.append(d)
        return d

    yield make
    for d in made:
        d.client.close()


@pytest.fixture
def enqueue(store: ApplicationStore) -> Callable[[int], list[Application]]:
    rng = random.Random(11)

    def put(n: int) -> list[Application]:
        apps = []
        for _ in range(n):
            app = synthetic_application(store.next_application_number(KIOSK, DAY), KIOSK, rng, portrait_size=(120, 150))
            store.enqueue(app)
            apps.append(app)
        return apps

    return put
