"""Fixtures for the delivery unit tests: a store with synthetic applications, a scripted client."""

from __future__ import annotations

import datetime as dt
import random
import threading
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.card_application import Application
from kiosk.delivery.client import Delivered, Outcome
from kiosk.delivery.selftest.synthetic import SyntheticPerson, synthetic_application
from kiosk.storage import ApplicationStore, DataKey

KIOSK = "UT-KIOSK-1"
DAY = dt.date(2026, 11, 21)
T0 = dt.datetime(2026, 11, 21, 8, 0, tzinfo=dt.UTC)

# Distinctive fictitious people: long enough that a search of logs cannot match by chance.
PEOPLE = (
    SyntheticPerson("OUYANG", "XIAOQINGFENG", "欧阳晓青峰", "11010519491231002X", dt.date(1949, 12, 31), "F", "13812345678"),
    SyntheticPerson("NGUYENVANTHANH", "MINHKHAIDUC", "阮文清明", "001099012345", dt.date(1999, 1, 2), "M", "0912345678"),
)


class ScriptedClient:
    """Stands in for IntakeClient: answers from a script (then `Delivered`), records calls."""

    def __init__(self, *outcomes: Outcome) -> None:
        self.script: deque[Outcome] = deque(outcomes)
        self.calls: list[tuple[str, bytes]] = []
        self.closed = False
        self.lock = threading.Lock()

    def submit(self, application_id: str, document: bytes) -> Outcome:
        with self.lock:
            self.calls.append((application_id, document))
            if self.script:
                return self.script.popleft()
        return Delivered(201, f"OF-{len(self.calls)}", False)

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ApplicationStore]:
    with ApplicationStore(tmp_path / "queue.sqlite3", DataKey.load_or_create(tmp_path / "keys" / "data.key")) as s:
        yield s


@pytest.fixture
def make_app(store: ApplicationStore) -> Callable[..., Application]:
    rng = random.Random(7)
    counter = iter(range(1, 10_000))

    def make(person: SyntheticPerson | None = None, **kwargs) -> Application:
        n = next(counter)
        return synthetic_application(
            store.next_application_number(KIOSK, DAY), KIOSK, rng, person=person,
            created_at=kwargs.pop("created_at", T0 + dt.timedelta(seconds=n)), portrait_size=(64, 80),
        )

    return make


@pytest.fixture
def enqueue(store: ApplicationStore, make_app: Callable[..., Application]) -> Callable[[int], list[Application]]:
    def put(n: int) -> list[Application]:
        apps = [make_app() for _ in range(n)]
        for app in apps:
            store.enqueue(app)
        return apps

    return put
