"""The health monitor's rules, with scripted devices: when a reading moves a state, when it
does not, what a session defers, and what leaves the monitor (snapshots, reasons)."""

from __future__ import annotations

import threading

import pytest

from kiosk.operations.health import HealthMonitor, HealthState, Reading
from tests.unit.operations.conftest import ScriptedCheck, degraded, failed, ok

FAILED, OK, DEGRADED = HealthState.FAILED, HealthState.OK, HealthState.DEGRADED


def monitor(*checks, **kwargs) -> HealthMonitor:
    kwargs.setdefault("failed_after", 2)
    kwargs.setdefault("recovered_after", 3)
    return HealthMonitor(checks, **kwargs)


def states(m: HealthMonitor, name: str, looks: int) -> list[HealthState]:
    return [m.check(name).state for _ in range(looks)]


def test_one_bad_reading_is_not_a_failure_two_in_a_row_are():
    printer = ScriptedCheck("printer", [ok(), failed("paper_out"), ok(), failed("paper_out"), failed("paper_out")])
    m = monitor(printer)
    assert states(m, "printer", 5) == [OK, OK, OK, OK, FAILED]
    health = m.snapshot()["printer"]
    assert health.detail == "paper_out" and health.out_of_service_reason == "printer_paper_out"
    assert m.snapshot().out_of_service_reasons == {"printer_paper_out"}


def test_a_flapping_device_keeps_the_kiosk_out_until_it_holds_still(clock):
    flaps = [ok(), failed("offline")] * 4
    printer = ScriptedCheck("printer", [ok(), failed("offline"), failed("offline"), *flaps, ok(), ok(), ok()])
    m = monitor(printer, clock=clock)
    seen = []
    for _ in range(3 + len(flaps) + 3):
        clock.advance(5)
        seen.append(m.check("printer").state)
    assert seen[:3] == [OK, OK, FAILED]
    assert seen[3:3 + len(flaps)] == [FAILED] * len(flaps)     # flapping never recovers it
    assert seen[-3:] == [FAILED, FAILED, OK]                   # three good readings in a row do
    health = m.snapshot()["printer"]
    assert health.since == clock.now and health.last_error == "offline"
    assert m.snapshot().out_of_service_reasons == frozenset()


def test_each_check_keeps_since_when_and_its_last_error_after_recovery(clock):
    camera = ScriptedCheck("camera", [failed("unavailable", "/dev/video0 is not there")] * 2 + [ok("present")] * 3)
    m = monitor(camera, clock=clock, recovered_after=3)
    clock.advance(1)
    m.check("camera")
    clock.advance(1)
    assert m.check("camera").since == clock.now        # confirmed at the second reading
    last_failed_at = clock.now
    for _ in range(3):
        clock.advance(1)
        health = m.check("camera")
    assert (health.state, health.detail, health.since) == (OK, "present", clock.now)
    assert health.last_error == "/dev/video0 is not there" and health.last_error_at == last_failed_at
    assert health.checked_at == clock.now


def test_degraded_follows_at_once_and_never_takes_the_kiosk_out():
    printer = ScriptedCheck("printer", [degraded("paper_low"), ok()])
    m = monitor(printer)
    assert m.check("printer").state is DEGRADED
    assert m.snapshot().out_of_service_reasons == frozenset()
    assert m.check("printer").state is OK


def test_a_detail_that_changes_while_failed_changes_the_reason_at_once():
    printer = ScriptedCheck("printer", [failed("paper_out")] * 2 + [failed("cover_open")])
    m = monitor(printer)
    m.check("printer"), m.check("printer")
    assert m.snapshot().out_of_service_reasons == {"printer_paper_out"}
    m.check("printer")
    assert m.snapshot().out_of_service_reasons == {"printer_cover_open"}


def test_a_check_that_is_not_needed_fails_without_a_reason():
    network = ScriptedCheck("network", [failed("unreachable")] * 2, needed=False)
    m = monitor(network)
    assert states(m, "network", 2) == [HealthState.UNKNOWN, FAILED]
    assert m.snapshot().out_of_service_reasons == frozenset()


def test_camera_and_reader_are_never_touched_while_a_session_uses_them():
    in_session = threading.Event()
    camera = ScriptedCheck("camera", [failed("unavailable")] * 5, while_in_use=False)
    printer = ScriptedCheck("printer", [ok()] * 5)
    m = monitor(camera, printer, in_use=in_session.is_set)
    m.check("camera")
    in_session.set()
    m.check("camera"), m.check("camera"), m.check("printer")
    assert camera.looks == 1 and printer.looks == 1        # the printer's status is always asked
    assert m.snapshot()["camera"].state is not FAILED      # one reading only, before the session
    in_session.clear()
    m.check("camera")
    assert camera.looks == 2 and m.snapshot()["camera"].state is FAILED


def test_an_in_use_question_that_fails_counts_as_in_use():
    def broken() -> bool:
        raise RuntimeError("workflow gone")

    camera = ScriptedCheck("camera", while_in_use=False)
    monitor(camera, in_use=broken).check("camera")
    assert camera.looks == 0


def test_a_check_that_raises_is_a_failed_reading_with_its_first_failure():
    class Broken(ScriptedCheck):
        def read(self) -> Reading:
            raise OSError("bus error")

    m = monitor(Broken("printer", failures=("offline", "paper_out")), failed_after=1)
    health = m.check("printer")
    assert (health.state, health.detail) == (FAILED, "offline") and "bus error" in health.last_error


def test_a_check_switched_off_is_off_and_never_read():
    queue = ScriptedCheck("queue", [failed("unreadable")], interval=0)
    m = monitor(queue)
    m.check_all()
    assert queue.looks == 0 and m.snapshot()["queue"].state is HealthState.OFF


def test_a_failure_seen_in_use_is_the_last_error_and_not_a_state(clock):
    camera = ScriptedCheck("camera", while_in_use=False)
    changes = []
    m = monitor(camera, clock=clock, on_change=changes.append)
    m.report("camera", "camera_missing")
    health = m.snapshot()["camera"]
    assert health.state is HealthState.UNKNOWN and health.last_error == "camera_missing"
    assert health.last_error_at == clock.now and len(changes) == 1


def test_snapshots_say_only_changes_and_count_up():
    printer = ScriptedCheck("printer", [ok(), ok(), failed("paper_out"), failed("paper_out"), failed("paper_out")])
    changes = []
    m = monitor(printer, on_change=changes.append)
    for _ in range(5):
        m.check("printer")
    # first reading (unknown -> ok), the first failed reading (its error), the confirmation
    assert [c["printer"].state for c in changes] == [OK, OK, FAILED]
    assert [c.version for c in changes] == sorted({c.version for c in changes})


def test_the_schedule_runs_on_threads_of_its_own_and_stops():
    printer = ScriptedCheck("printer", [failed("paper_out")] * 100, interval=0.5)
    confirmed = threading.Event()
    m = monitor(printer, recheck_seconds=0.1,
                on_change=lambda s: confirmed.set() if s["printer"].state is FAILED else None)
    m.start()
    try:
        assert confirmed.wait(10), "the monitor never read the printer twice"
        assert threading.current_thread() not in [t for t in threading.enumerate() if t.name == "health-printer"]
    finally:
        m.stop()
    assert not m.running


class StuckCheck(ScriptedCheck):
    """A driver that hangs in its reading until the test lets it go."""

    def __init__(self) -> None:
        super().__init__("printer", interval=0.5)
        self.entered, self.release = threading.Event(), threading.Event()

    def read(self) -> Reading:
        self.entered.set()
        self.release.wait(10)
        return super().read()


def test_a_monitor_stopped_mid_reading_is_running_until_the_reading_ends_then_starts_again():
    stuck = StuckCheck()
    m = monitor(stuck)
    m.start()
    try:
        assert stuck.entered.wait(10)
        m.stop(timeout=0.05)                 # the driver still hangs in its timeout
        assert m.running                     # said as it is: a second schedule would read beside it
        with pytest.raises(RuntimeError):
            m.start()
        stuck.release.set()
        m.stop()
        assert not m.running
        stuck.entered.clear()
        m.start()                            # after a stop, a new schedule (the kiosk restarting it)
        assert stuck.entered.wait(10) and m.running
    finally:
        stuck.release.set()
        m.stop()
    assert not m.running


def test_names_are_unique_and_the_rules_bounded():
    with pytest.raises(ValueError):
        HealthMonitor([ScriptedCheck("printer"), ScriptedCheck("printer")])
    with pytest.raises(ValueError):
        HealthMonitor([ScriptedCheck("printer")], failed_after=0)
