"""Maintenance entry: PIN to role, the lockout across restarts, what is journaled, what each role may do."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config.model import MaintenanceSettings
from kiosk.demo.config import (DEMO_OPERATOR_PIN, DEMO_OPERATOR_PIN_HASH, DEMO_TECHNICIAN_PIN,
                               DEMO_TECHNICIAN_PIN_HASH, demo_config)
from kiosk.operations.lockout import FIRST_DELAY_S, FREE_TRIES
from kiosk.operations.maintenance_access import ACTIONS, ROLES, AccessResult, MaintenanceAccess, allowed

BOTH = MaintenanceSettings(technician_pin=DEMO_TECHNICIAN_PIN_HASH, operator_pin=DEMO_OPERATOR_PIN_HASH)
TECHNICIAN_ONLY = MaintenanceSettings(technician_pin=DEMO_TECHNICIAN_PIN_HASH)
WRONG = "975310"


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_each_pin_opens_its_role(tmp_path: Path) -> None:
    access = MaintenanceAccess(tmp_path, BOTH)
    assert access.try_pin(DEMO_TECHNICIAN_PIN) == AccessResult(True, "technician", 0.0, "granted")
    assert access.try_pin(DEMO_OPERATOR_PIN) == AccessResult(True, "operator", 0.0, "granted")


def test_the_demo_configuration_has_the_documented_pins(tmp_path: Path) -> None:
    access = MaintenanceAccess(tmp_path, demo_config(tmp_path / "data").maintenance)
    assert access.try_pin("246810").role == "technician" and access.try_pin("135790").role == "operator"


def test_a_role_without_a_pin_cannot_enter(tmp_path: Path) -> None:
    access = MaintenanceAccess(tmp_path, TECHNICIAN_ONLY)
    assert access.try_pin(DEMO_OPERATOR_PIN).reason == "wrong_pin"


def test_no_pin_configured_is_said_and_costs_nothing(tmp_path: Path) -> None:
    access = MaintenanceAccess(tmp_path, MaintenanceSettings())
    assert not access.configured
    for _ in range(FREE_TRIES + 2):
        assert access.try_pin(DEMO_TECHNICIAN_PIN) == AccessResult(False, None, 0.0, "no_pin_configured")
    assert not (tmp_path / "maintenance").exists()


def test_wrong_pins_lock_even_the_right_one_out_until_the_delay_passes(tmp_path: Path) -> None:
    clock = Clock()
    access = MaintenanceAccess(tmp_path, TECHNICIAN_ONLY, clock)
    results = [access.try_pin(WRONG) for _ in range(FREE_TRIES)]
    assert [r.reason for r in results] == ["wrong_pin"] * FREE_TRIES
    assert [r.locked_for_s for r in results] == [0, 0, FIRST_DELAY_S]
    assert access.locked_for_s() == FIRST_DELAY_S
    clock.now += 10
    assert access.try_pin(DEMO_TECHNICIAN_PIN) == AccessResult(False, None, FIRST_DELAY_S - 10, "locked")
    clock.now += FIRST_DELAY_S - 10
    assert access.try_pin(DEMO_TECHNICIAN_PIN).granted
    assert [access.try_pin(WRONG).locked_for_s for _ in range(FREE_TRIES)] == [0, 0, FIRST_DELAY_S]   # reset


def test_tries_during_a_lock_are_not_counted(tmp_path: Path) -> None:
    clock = Clock()
    access = MaintenanceAccess(tmp_path, TECHNICIAN_ONLY, clock)
    for _ in range(FREE_TRIES):
        access.try_pin(WRONG)
    for _ in range(20):
        assert access.try_pin(WRONG).reason == "locked"
    clock.now += FIRST_DELAY_S
    assert access.try_pin(WRONG).locked_for_s == 2 * FIRST_DELAY_S   # the fourth, not the 24th


def test_the_lockout_holds_across_a_restart(tmp_path: Path) -> None:
    clock = Clock()
    before = MaintenanceAccess(tmp_path, TECHNICIAN_ONLY, clock)
    for _ in range(FREE_TRIES):
        before.try_pin(WRONG)
    clock.now += 7
    after = MaintenanceAccess(tmp_path, TECHNICIAN_ONLY, clock)   # a new process on the same data folder
    assert after.try_pin(DEMO_TECHNICIAN_PIN) == AccessResult(False, None, FIRST_DELAY_S - 7, "locked")
    assert (tmp_path / "maintenance" / "lockout.json").is_file()


def test_overlong_and_empty_pins_are_wrong_without_hashing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kiosk.operations.maintenance_access as module

    monkeypatch.setattr(module, "verify_pin", lambda stored, pin: pytest.fail("hashed"))
    access = MaintenanceAccess(tmp_path, TECHNICIAN_ONLY, Clock())
    assert access.try_pin("").reason == "wrong_pin" and access.try_pin("1" * 100_000).reason == "wrong_pin"


def test_what_is_journaled_never_holds_the_pin(tmp_path: Path) -> None:
    clock = Clock()
    heard: list[tuple[str, dict[str, object]]] = []
    access = MaintenanceAccess(tmp_path, BOTH, clock, journal=lambda kind, fields: heard.append((kind, fields)))
    for _ in range(FREE_TRIES):
        access.try_pin(WRONG)
    access.try_pin(DEMO_OPERATOR_PIN)
    clock.now += FIRST_DELAY_S
    access.try_pin(DEMO_OPERATOR_PIN)
    assert heard == [
        ("maintenance.wrong_pin", {"failures": 1, "locked_for_s": 0.0}),
        ("maintenance.wrong_pin", {"failures": 2, "locked_for_s": 0.0}),
        ("maintenance.wrong_pin", {"failures": 3, "locked_for_s": FIRST_DELAY_S}),
        ("maintenance.locked", {"failures": 3, "locked_for_s": FIRST_DELAY_S}),
        ("maintenance.granted", {"role": "operator"}),
    ]
    text = repr(heard)
    assert WRONG not in text and DEMO_OPERATOR_PIN not in text


def test_a_broken_journal_does_not_lock_the_technician_out(tmp_path: Path) -> None:
    def broken(kind: str, fields: dict[str, object]) -> None:
        raise OSError("disk full")

    access = MaintenanceAccess(tmp_path, TECHNICIAN_ONLY, journal=broken)
    assert access.try_pin(DEMO_TECHNICIAN_PIN).granted


def test_a_technician_may_do_everything_an_operator_status_and_exports() -> None:
    assert ROLES == ("technician", "operator")
    assert all(allowed("technician", action) for action in ACTIONS)
    assert {action for action in ACTIONS if allowed("operator", action)} == {"status", "exports", "exit"}
    assert not any(allowed(role, action) for role in (None, "", "admin", "Technician") for action in ACTIONS)


def test_an_unknown_action_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown maintenance action"):
        allowed("technician", "reboot")
