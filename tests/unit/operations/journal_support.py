"""A journal written entry by entry on a clock the test moves: the journal tests import
these fixtures by name (`day_clock`, `journal`), so they never meet other tests' fixtures
of this folder."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.operations.journal import Journal

KIOSK = "SIM-0001"
START = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.timezone.utc)


class DayClock:
    def __init__(self, start: dt.datetime = START) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


@pytest.fixture
def day_clock():
    return DayClock()


@pytest.fixture
def journal(tmp_path, day_clock):
    j = Journal(tmp_path / "journal", clock=day_clock, kiosk_id=KIOSK, currency="CNY")
    yield j
    j.close()


def write_steps(journal: Journal, clock: DayClock, count: int) -> None:
    """`count` entries of a plausible kind, a minute apart."""
    states = ["case", "identify", "eligibility", "face_check", "portrait", "contact", "review"]
    for i in range(count):
        clock.advance(minutes=1)
        journal.record("step", state=states[(i + 1) % len(states)], **{"from": states[i % len(states)]},
                       trigger="start", seconds=float(i))
