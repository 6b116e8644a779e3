"""Fakes for the health tests: checks that read what the test scripts, and the headless
workflow of tests/unit/workflow (demo devices, jobs on the caller's thread)."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from kiosk.operations.health import Check, HealthState, Reading
from tests.unit.workflow.conftest import wf  # noqa: F401 - the fixture, shared

OK = Reading(HealthState.OK, "ready")


class ScriptedCheck(Check):
    """Reads the next of `readings` at each look (the last one again when they run out)
    and counts the looks, so a test sees whether the device was touched at all."""

    def __init__(self, name: str, readings: Iterable[Reading] = (), *, needed: bool = True,
                 while_in_use: bool = True, interval: float = 5.0, failures: tuple[str, ...] = ("unavailable",)) -> None:
        super().__init__(interval)
        self.name = name
        self.needed = needed
        self.while_in_use = while_in_use
        self.failures = failures
        self.script = list(readings)
        self.looks = 0
        self.current = OK

    def then(self, *readings: Reading) -> "ScriptedCheck":
        self.script.extend(readings)
        return self

    def read(self) -> Reading:
        self.looks += 1
        if self.script:
            self.current = self.script.pop(0)
        return self.current


def failed(detail: str, error: str = "") -> Reading:
    return Reading(HealthState.FAILED, detail, error or detail)


def ok(detail: str = "ready") -> Reading:
    return Reading(HealthState.OK, detail)


def degraded(detail: str, error: str = "") -> Reading:
    return Reading(HealthState.DEGRADED, detail, error or detail)


@pytest.fixture
def clock():
    """A wall clock that a test moves by hand."""
    import datetime as dt

    class Clock:
        def __init__(self) -> None:
            self.now = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.timezone.utc)

        def __call__(self) -> dt.datetime:
            return self.now

        def advance(self, seconds: float) -> None:
            self.now += dt.timedelta(seconds=seconds)

    return Clock()
