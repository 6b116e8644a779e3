"""Maintenance mode's decisions, without a screen: who may open the PIN pad and when,
what a role may do, the idle close, and what is journalled (never a PIN)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kiosk.operations.corner_taps import CornerTaps
from kiosk.operations.maintenance_access import MaintenanceAccess, allowed, hash_pin
from kiosk.operations.maintenance_mode import MaintenanceMode, MaintenanceTools, Phase
from kiosk.workflow.clock import ManualClock
from kiosk.workflow.jobs import SyncJobRunner

TECH, OPER = "24681012", "13579111"


@dataclass
class Settings:
    technician_pin: str | None
    operator_pin: str | None


class Journal:
    def __init__(self) -> None:
        self.entries: list[tuple[str, dict[str, Any]]] = []

    def record(self, event: str, **fields: Any) -> int:
        self.entries.append((event, fields))
        return len(self.entries)

    def actions(self) -> list[str]:
        return [fields["action"] for _, fields in self.entries]


class Control:
    def __init__(self) -> None:
        self.switched_off = False
        self.checks = 0
        self.devices_in_test = False
        self.papers = 0

    def switch_off(self) -> None:
        self.switched_off = True

    def switch_on(self) -> None:
        self.switched_off = False

    def check_now(self, name: str | None = None) -> None:
        self.checks += 1

    def paper_changed(self) -> None:
        self.papers += 1


@pytest.fixture(scope="module")
def hashes() -> tuple[str, str]:
    return hash_pin(TECH), hash_pin(OPER)


@pytest.fixture
def rig(tmp_path: Path, hashes):
    class Rig:
        pass

    r = Rig()
    r.clock = ManualClock(1000.0)
    r.wall = ManualClock(1_800_000_000.0)
    r.session = False
    r.journal = Journal()
    r.control = Control()
    r.access = MaintenanceAccess(tmp_path, Settings(*hashes), clock=r.wall)
    r.mode = MaintenanceMode(
        access=r.access, taps=CornerTaps(5, 3.0, "top-right"), allowed=allowed,
        session_active=lambda: r.session, runner=SyncJobRunner(), control=r.control, journal=r.journal,
        idle_timeout_s=120, monotonic=r.clock,
        tools=MaintenanceTools(print_test=lambda ctx: type("R", (), {"ok": True})()),
    )
    return r


def five_taps(r, x=1900.0, y=10.0) -> bool:
    opened = False
    for _ in range(5):
        opened = r.mode.tap(x, y, 1920, 1080) or opened
        r.clock.advance(0.3)
    return opened


def test_five_taps_in_the_corner_open_the_pin_pad_and_elsewhere_do_not(rig):
    assert not five_taps(rig, x=960, y=540)
    assert rig.mode.phase is Phase.CLOSED
    assert five_taps(rig)
    assert rig.mode.phase is Phase.PIN


def test_no_entry_during_a_citizens_session_by_gesture_or_key(rig):
    rig.session = True
    assert not five_taps(rig)
    assert not rig.mode.service_key()
    assert rig.mode.phase is Phase.CLOSED
    rig.session = False                      # taps during the session were not counted
    assert not rig.mode.tap(1900, 10, 1920, 1080)


def test_technician_sees_every_page_operator_status_and_exports(rig):
    rig.mode.service_key()
    rig.mode.try_pin(OPER)
    assert rig.mode.role == "operator"
    assert rig.mode.pages() == ("status", "exports")
    assert not rig.mode.go("queue") and rig.mode.page == "status"
    assert not rig.mode.switch_off() and not rig.control.switched_off
    assert not rig.mode.test_print()
    rig.mode.leave()
    rig.mode.service_key()
    rig.mode.try_pin(TECH)
    assert rig.mode.role == "technician" and len(rig.mode.pages()) == 8
    assert rig.mode.switch_off() and rig.control.switched_off


def test_wrong_pins_lock_and_the_lock_holds_for_a_new_mode_on_the_same_folder(rig, tmp_path, hashes):
    rig.mode.service_key()
    for _ in range(3):
        result = rig.mode.try_pin("00000000")
    assert not result.granted and rig.mode.locked_for_s() > 0
    assert rig.mode.try_pin(TECH).reason == "locked"           # even the right PIN, while locked
    assert rig.mode.phase is Phase.PIN
    again = MaintenanceAccess(tmp_path, Settings(*hashes), clock=rig.wall)
    assert again.locked_for_s() > 0
    rig.wall.advance(again.locked_for_s() + 1)
    assert rig.mode.try_pin(TECH).granted


def test_idle_closes_the_console_and_activity_keeps_it(rig):
    rig.mode.service_key()
    rig.mode.try_pin(TECH)
    rig.clock.advance(100)
    rig.mode.touch()
    rig.clock.advance(100)
    assert not rig.mode.tick() and rig.mode.is_open
    rig.clock.advance(21)
    assert rig.mode.tick()
    assert rig.mode.phase is Phase.CLOSED and rig.mode.role is None
    assert rig.journal.actions()[-1] == "idle_exit"


def test_an_idle_pin_pad_closes_too(rig):
    rig.mode.service_key()
    rig.clock.advance(121)
    assert rig.mode.tick() and rig.mode.phase is Phase.CLOSED


def test_every_action_is_journalled_without_the_pin(rig):
    rig.mode.service_key()
    rig.mode.try_pin("99999999")
    rig.mode.try_pin(TECH)
    rig.mode.go("config")
    rig.mode.switch_off()
    rig.mode.switch_on()
    rig.mode.test_print()
    rig.mode.paper_changed()
    rig.mode.leave()
    assert rig.journal.actions() == [
        "pin_refused", "entered", "config_viewed", "out_of_service_on", "out_of_service_off",
        "device_test", "paper_changed", "left",
    ]
    assert all(event == "maintenance" for event, _ in rig.journal.entries)
    text = repr(rig.journal.entries)
    assert TECH not in text and "99999999" not in text
    assert rig.journal.entries[1][1]["role"] == "technician"


def test_the_entries_fit_the_journals_closed_vocabulary(rig, tmp_path):
    journal_fields = pytest.importorskip("kiosk.operations.journal_fields")
    rig.mode.service_key()
    rig.mode.try_pin("99999999")
    rig.mode.try_pin(TECH)
    rig.mode.go("logs")
    rig.mode.switch_off()
    rig.mode.test_print()
    rig.mode.leave()
    for event, fields in rig.journal.entries:
        journal_fields.checked(event, fields)


def test_a_test_that_fails_is_reported_and_journalled_as_failed(rig):
    def broken(ctx):
        raise OSError("driver gone")

    rig.mode.tools.print_test = broken
    rig.mode.service_key()
    rig.mode.try_pin(TECH)
    rig.mode.test_print()
    run = rig.mode.tests["printer"]
    assert run.state == "failed" and run.error == "OSError"
    assert rig.journal.entries[-1][1] == {"action": "device_test", "role": "technician", "device": "printer",
                                          "result": "failed"}


def test_a_journal_that_cannot_write_does_not_lock_the_technician_out(rig):
    class Broken:
        def record(self, event, **fields):
            raise OSError("disk full")

    rig.mode.journal = Broken()
    rig.mode.service_key()
    assert rig.mode.try_pin(TECH).granted and rig.mode.is_open


def test_a_card_test_marks_the_devices_in_test_while_it_runs(rig):
    seen = []
    rig.mode.tools.card_test = lambda can, ctx: seen.append((can, rig.control.devices_in_test)) or "result"
    rig.mode.service_key()
    rig.mode.try_pin(TECH)
    assert rig.mode.test_card("123456")
    assert seen == [("123456", True)] and rig.control.devices_in_test is False
    assert not rig.mode.test_card("12a456") and rig.mode.notice == "bad_can"
