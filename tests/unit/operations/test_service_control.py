"""Out of service by itself and back, on the headless workflow: several reasons at once, the
technician's switch that no device clears, a citizen in a session who finishes first."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.domain.cases import Case
from kiosk.operations.health import HealthMonitor, HealthSnapshot
from kiosk.operations.service_control import REASON_CODES, SWITCHED_OFF, ServiceControl
from kiosk.workflow.states import Outcome, State
from tests.unit.operations.conftest import ScriptedCheck, failed, ok


class Kiosk:
    """A workflow with scripted printer and camera, the monitor and the switch wired as the
    launcher wires them (snapshots applied on the workflow's thread, here the test's)."""

    def __init__(self, wf, data_dir: Path) -> None:
        self.wf = wf
        self.printer = ScriptedCheck("printer", failures=("offline", "paper_out", "cover_open"))
        self.camera = ScriptedCheck("camera", while_in_use=False)
        self.monitor = HealthMonitor(
            [self.printer, self.camera], in_use=lambda: self.control.in_use(),
            on_change=lambda snapshot: self.control.health_changed(snapshot), failed_after=2, recovered_after=2,
        )
        self.control = ServiceControl(wf, self.monitor, None, data_dir)

    def read(self, check: ScriptedCheck, *readings) -> None:
        for reading in readings:
            check.then(reading)
            self.monitor.check(check.name)


@pytest.fixture
def kiosk(wf, tmp_path) -> Kiosk:
    return Kiosk(wf, tmp_path / "data")


def test_paper_out_takes_the_idle_kiosk_out_and_paper_back_brings_it_in(kiosk: Kiosk):
    kiosk.read(kiosk.printer, ok(), failed("paper_out"))
    assert kiosk.wf.state is State.WELCOME                 # one reading is not enough
    kiosk.read(kiosk.printer, failed("paper_out"))
    assert kiosk.wf.state is State.OUT_OF_SERVICE and kiosk.wf.out_of_service_reasons == ("printer_paper_out",)
    with pytest.raises(Exception):
        kiosk.wf.start("en")
    kiosk.read(kiosk.printer, ok(), ok())
    assert kiosk.wf.state is State.WELCOME and kiosk.wf.out_of_service_reasons == ()


def test_two_reasons_at_once_and_back_only_when_neither_holds(kiosk: Kiosk):
    kiosk.read(kiosk.printer, failed("paper_out"), failed("paper_out"))
    kiosk.read(kiosk.camera, failed("unavailable"), failed("unavailable"))
    assert kiosk.wf.out_of_service_reasons == ("camera_unavailable", "printer_paper_out")
    kiosk.read(kiosk.printer, ok(), ok())
    assert kiosk.wf.state is State.OUT_OF_SERVICE and kiosk.wf.out_of_service_reasons == ("camera_unavailable",)
    kiosk.read(kiosk.camera, ok(), ok())
    assert kiosk.wf.state is State.WELCOME


def test_a_reason_that_changes_never_lets_a_citizen_in_between(kiosk: Kiosk):
    seen = []
    kiosk.wf.subscribe(lambda event, wf: seen.append(wf.state))
    kiosk.read(kiosk.printer, failed("paper_out"), failed("paper_out"), failed("cover_open"))
    assert kiosk.wf.out_of_service_reasons == ("printer_cover_open",)
    assert State.WELCOME not in seen


def test_what_a_technician_switched_off_stays_off_until_switched_on(kiosk: Kiosk, wf, tmp_path):
    kiosk.control.switch_off()
    assert wf.state is State.OUT_OF_SERVICE and wf.out_of_service_reasons == (SWITCHED_OFF,)
    kiosk.read(kiosk.printer, failed("paper_out"), failed("paper_out"), ok(), ok())   # a device goes and comes
    assert wf.state is State.OUT_OF_SERVICE and wf.out_of_service_reasons == (SWITCHED_OFF,)

    # A restart (a power cut) keeps the technician's switch.
    again = Kiosk(wf, tmp_path / "data")
    assert again.control.switched_off and wf.out_of_service_reasons == (SWITCHED_OFF,)

    # Switched on while the printer is out of paper: still out, for the paper only.
    kiosk.read(kiosk.printer, failed("paper_out"), failed("paper_out"))
    kiosk.control.switch_on()
    assert wf.state is State.OUT_OF_SERVICE and wf.out_of_service_reasons == ("printer_paper_out",)
    kiosk.read(kiosk.printer, ok(), ok())
    assert wf.state is State.WELCOME
    assert not Kiosk(wf, tmp_path / "data").control.switched_off


def test_the_technicians_reason_is_kept_with_the_switch_for_the_staff_only(kiosk: Kiosk, wf, tmp_path, caplog):
    caplog.set_level("INFO", logger="kiosk.operations")
    kiosk.control.switch_off("printer  head replaced,\nwaiting for Mr Nguyen")
    assert kiosk.control.switched_off_reason == "printer head replaced, waiting for Mr Nguyen"   # one line
    assert wf.out_of_service_reasons == (SWITCHED_OFF,)       # citizens get the code, worded for them
    first = kiosk.control.switched_off_at
    kiosk.control.switch_off("new roll ordered")              # new words, same switch
    again = Kiosk(wf, tmp_path / "data").control              # across a restart
    assert (again.switched_off, again.switched_off_at, again.switched_off_reason) == (True, first, "new roll ordered")
    kiosk.control.switch_off()                                # no words: the last ones stay
    assert kiosk.control.switched_off_reason == "new roll ordered"
    assert len(Kiosk(wf, tmp_path / "data").control.switched_off_reason) == len("new roll ordered")
    kiosk.control.switch_off("paper\x1b[2J\x00 jam")                # a pasted escape sequence, a NUL
    assert kiosk.control.switched_off_reason == "paper[2J jam"
    kiosk.control.switch_off(None)                            # a screen with an empty field
    assert kiosk.control.switched_off_reason == "paper[2J jam"
    kiosk.control.switch_off("x" * 5000)
    assert len(kiosk.control.switched_off_reason) == 200
    kiosk.control.switch_on()
    assert (kiosk.control.switched_off_reason, Kiosk(wf, tmp_path / "data").control.switched_off_reason) == ("", "")
    assert "Nguyen" not in caplog.text and "roll ordered" not in caplog.text


def test_a_device_that_fails_and_recovers_during_a_session_leaves_the_citizen_alone(kiosk: Kiosk, wf):
    wf.start("vi")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.state is State.ELIGIBILITY
    kiosk.read(kiosk.printer, failed("paper_out"), failed("paper_out"))
    assert wf.state is State.ELIGIBILITY and wf.out_of_service_reason == ""   # they carry on
    assert wf.out_of_service_reasons == ("printer_paper_out",)                # waiting for the end
    kiosk.read(kiosk.printer, ok(), ok())                                     # paper back meanwhile
    wf.cancel()
    assert wf.state is State.GOODBYE and wf.last_outcome is Outcome.CANCELLED


def test_a_device_still_bad_when_the_session_ends_takes_the_kiosk_out_then(kiosk: Kiosk, wf):
    wf.start("zh_CN")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    kiosk.read(kiosk.printer, failed("cover_open"), failed("cover_open"))
    wf.cancel()
    assert wf.state is State.OUT_OF_SERVICE and wf.session.is_wiped()
    assert wf.out_of_service_reasons == ("printer_cover_open",)


def test_the_camera_is_not_asked_during_a_session(kiosk: Kiosk, wf):
    wf.start("en")
    kiosk.read(kiosk.camera, failed("unavailable"), failed("unavailable"))
    assert kiosk.camera.looks == 0
    wf.cancel()
    wf.restart()
    kiosk.monitor.check("camera")
    assert kiosk.camera.looks == 1


def test_a_technicians_device_test_keeps_the_monitor_off_camera_and_reader(kiosk: Kiosk):
    kiosk.control.devices_in_test = True          # the maintenance screen's camera preview runs
    kiosk.read(kiosk.camera, failed("unavailable"))
    assert kiosk.camera.looks == 0
    kiosk.control.devices_in_test = False
    kiosk.monitor.check("camera")
    assert kiosk.camera.looks == 1


def test_an_older_snapshot_never_undoes_a_newer_one(kiosk: Kiosk, wf):
    kiosk.read(kiosk.printer, failed("paper_out"))
    older = kiosk.monitor.snapshot()            # the printer not yet failed
    kiosk.read(kiosk.printer, failed("paper_out"))
    assert wf.state is State.OUT_OF_SERVICE
    kiosk.control.health_changed(older)         # arrives late, from another thread
    assert wf.state is State.OUT_OF_SERVICE


def test_listeners_hear_every_snapshot(kiosk: Kiosk):
    heard: list[HealthSnapshot] = []
    unsubscribe = kiosk.control.subscribe(heard.append)
    kiosk.read(kiosk.printer, ok())
    assert heard and heard[-1]["printer"].state.value == "ok"
    unsubscribe()
    kiosk.read(kiosk.printer, failed("paper_out"))
    assert len(heard) == 1


def test_every_reason_is_a_code_and_the_switch_is_one_of_them():
    assert SWITCHED_OFF in REASON_CODES and len(set(REASON_CODES)) == len(REASON_CODES)
    assert all(code.replace("_", "").isalpha() and code.islower() for code in REASON_CODES)
