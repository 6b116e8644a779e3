"""Each check's rules against the real things it reads: the simulated devices, the data
folder's disk, a real queue, a socket; and the reasons they give, wired to the workflow."""

from __future__ import annotations

import datetime as dt
import random
import socket
from collections import namedtuple

import pytest

from hardware.camera.simulated import SimulatedCamera
from hardware.card_reader.simulated import SimulatedCardReader
from hardware.printer import PrinterStatus, PrintJob
from hardware.printer.simulated import SimulatedPrinter
from kiosk.delivery.selftest.synthetic import synthetic_application
from kiosk.operations import health_checks
from kiosk.operations.health import HealthMonitor, HealthState
from kiosk.operations.health_checks import (
    PRINTER_RULES, CameraCheck, CardReaderCheck, DiskCheck, NetworkCheck, PrinterCheck, QueueCheck, build_checks,
    device_reason_codes,
)
from kiosk.operations.paper import PaperCounter
from kiosk.operations.service_control import ServiceControl
from kiosk.storage import ApplicationStore, DataKey
from kiosk.workflow.states import State

OK, DEGRADED, FAILED, OFF = HealthState.OK, HealthState.DEGRADED, HealthState.FAILED, HealthState.OFF
NOW = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.timezone.utc)
Usage = namedtuple("Usage", "total used free")
MB = 1024 * 1024


# -- printer --------------------------------------------------------------------------------

@pytest.mark.parametrize("status, state, detail", [
    (PrinterStatus.READY, OK, "ready"),
    (PrinterStatus.PAPER_LOW, DEGRADED, "paper_low"),
    (PrinterStatus.PAPER_OUT, FAILED, "paper_out"),
    (PrinterStatus.COVER_OPEN, FAILED, "cover_open"),
    (PrinterStatus.OFFLINE, FAILED, "offline"),
])
def test_the_printer_rules_name_needed_and_bad(tmp_path, status, state, detail):
    printer = SimulatedPrinter(tmp_path / "printed")
    printer.set_status(status)
    reading = PrinterCheck(printer, 5).read()
    assert (reading.state, reading.detail) == (state, detail) and reading.facts["status"] == status.value
    assert set(PRINTER_RULES) == set(PrinterStatus)


def test_the_count_says_paper_low_on_a_printer_that_has_no_sensor(tmp_path):
    printer = SimulatedPrinter(tmp_path / "printed")   # a folder: never reports paper low
    paper = PaperCounter(tmp_path / "paper.json", roll_length_m=1.0, receipt_length_mm=100, low_receipts=3)
    check = PrinterCheck(printer, 5, paper)
    job = PrintJob("r", pdf=b"%PDF-1.4", page_size_mm=(80, 100))
    for _ in range(7):
        printer.print_job(job)
        paper.count(job)
    reading = check.read()
    assert (reading.state, reading.detail) == (OK, "ready") and reading.facts["remaining_receipts"] == 3
    paper.count(job)
    reading = check.read()
    assert (reading.state, reading.detail) == (DEGRADED, "paper_low_counted")
    assert reading.facts["remaining_receipts"] == 2 and reading.facts["receipts_since_change"] == 8
    printer.set_status(PrinterStatus.PAPER_OUT)      # the printer's own word wins
    assert check.read().detail == "paper_out"


# -- camera and reader ------------------------------------------------------------------------

def test_a_camera_gone_and_back_without_ever_being_opened():
    camera = SimulatedCamera()
    check = CameraCheck(camera, 10)
    assert (check.read().state, check.read().detail) == (OK, "present")
    camera.vanish()
    reading = check.read()
    assert (reading.state, reading.detail, reading.error) == (FAILED, "unavailable", "camera disconnected")
    camera.restore()
    assert check.read().state is OK and not camera.running


def test_a_reader_unplugged_and_plugged_back_without_looking_at_the_field():
    reader = SimulatedCardReader()
    check = CardReaderCheck(reader, 10)
    assert check.read().state is OK
    reader.unplug()
    assert (check.read().state, check.read().detail) == (FAILED, "unavailable")
    reader.plug()
    assert check.read().state is OK


def test_a_driver_that_cannot_tell_is_not_called_failed():
    class Mute:
        name = "gstreamer camera"

        def probe(self):
            return None

    reading = CameraCheck(Mute(), 10).read()
    assert (reading.state, reading.detail) == (OK, "unverified")


# -- disk -------------------------------------------------------------------------------------

def test_disk_low_warns_and_nearly_full_takes_the_kiosk_out(wf, tmp_path, monkeypatch):
    free = {"mb": 5000}
    monkeypatch.setattr(health_checks.shutil, "disk_usage",
                        lambda path: Usage(100_000 * MB, (100_000 - free["mb"]) * MB, free["mb"] * MB))
    disk = DiskCheck(tmp_path, 60, warning_mb=1024, failed_mb=100)
    monitor = HealthMonitor([disk], on_change=lambda s: control.health_changed(s), failed_after=2, recovered_after=2)
    control = ServiceControl(wf, monitor, None, tmp_path)
    assert monitor.check("disk").state is OK
    free["mb"] = 800
    health = monitor.check("disk")
    assert (health.state, health.detail, health.facts["free_mb"]) == (DEGRADED, "low", 800)
    assert wf.state is State.WELCOME
    free["mb"] = 60
    monitor.check("disk"), monitor.check("disk")
    assert wf.state is State.OUT_OF_SERVICE and wf.out_of_service_reasons == ("disk_full",)
    assert "60 MB free" in monitor.snapshot()["disk"].last_error
    free["mb"] = 3000
    monitor.check("disk"), monitor.check("disk")
    assert wf.state is State.WELCOME


def test_a_data_folder_that_is_gone_is_a_disk_that_cannot_be_written(tmp_path):
    reading = DiskCheck(tmp_path / "unmounted", 60, warning_mb=1024, failed_mb=100).read()
    assert (reading.state, reading.detail) == (FAILED, "unavailable")


# -- queue ------------------------------------------------------------------------------------

@pytest.fixture
def store(tmp_path):
    with ApplicationStore(tmp_path / "queue.sqlite3", DataKey.load_or_create(tmp_path / "data.key")) as s:
        yield s


def _enqueue(store, n: int, created_at: dt.datetime = NOW) -> list[str]:
    rng = random.Random(sum(store.counts().values()))   # new people each call
    ids = []
    for _ in range(n):
        number = store.next_application_number("KIOSK-1", created_at.date())
        app = synthetic_application(number, "KIOSK-1", rng, created_at=created_at, portrait_size=(40, 50))
        store.enqueue(app)
        ids.append(app.application_id)
    return ids


def queue_check(store, **kwargs):
    kwargs.setdefault("backlog_warning", 3)
    kwargs.setdefault("age_warning_hours", 24)
    return QueueCheck(store, 30, clock=lambda: NOW, **kwargs)


def test_a_backlog_warns_and_never_stops_renewals(store):
    _enqueue(store, 3)
    assert queue_check(store).read().state is OK
    _enqueue(store, 1)
    reading = queue_check(store).read()
    assert (reading.state, reading.detail, reading.facts["queued"]) == (DEGRADED, "backlog", 4)
    assert "backlog" not in QueueCheck.failures            # never a reason to stop


def test_an_old_application_and_a_parked_one_are_told(store):
    _enqueue(store, 1, created_at=NOW - dt.timedelta(hours=30))
    reading = queue_check(store).read()
    assert (reading.detail, reading.facts["oldest_age_hours"]) == ("oldest_waiting", 30.0)
    (parked,) = _enqueue(store, 1)
    store.record_rejection(parked, at=NOW, reason="422 invalid_portrait")
    reading = queue_check(store).read()
    assert (reading.state, reading.detail, reading.error) == (DEGRADED, "parked", "422 invalid_portrait")


def test_a_queue_that_cannot_be_read_stops_renewals():
    import sqlite3

    class Broken:
        def status(self):
            raise sqlite3.DatabaseError("database disk image is malformed")

    reading = queue_check(Broken()).read()
    assert (reading.state, reading.detail) == (FAILED, "unreadable") and "malformed" in reading.error
    assert QueueCheck.needed


# -- network ----------------------------------------------------------------------------------

class Worker:
    def __init__(self) -> None:
        self.stopped_because = None
        self.deliverer = type("D", (), {"consecutive_failures": 0})()


def test_the_office_unreachable_is_failed_but_not_needed():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]       # nothing listens here once closed
    reading = NetworkCheck(f"https://127.0.0.1:{port}/v1/", Worker(), 60, timeout=2).read()
    assert (reading.state, reading.detail) == (FAILED, "unreachable") and str(port) in reading.error
    assert not NetworkCheck.needed


def test_the_office_reachable_and_what_the_worker_says():
    worker = Worker()
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        check = NetworkCheck(f"https://127.0.0.1:{server.getsockname()[1]}/v1/", worker, 60, timeout=2)
        assert (check.read().state, check.read().detail) == (OK, "reachable")
        worker.deliverer.consecutive_failures = 3
        assert (check.read().state, check.read().detail) == (DEGRADED, "delivery_retrying")
        worker.stopped_because = "key 1a2b3c4d is missing"
        reading = check.read()
        assert (reading.state, reading.detail, reading.error) == (FAILED, "delivery_stopped", "key 1a2b3c4d is missing")


def test_no_delivery_no_network_check():
    assert NetworkCheck("", None, 60, timeout=2).read().state is OFF


# -- assembled --------------------------------------------------------------------------------

def test_the_kiosk_checks_from_its_configuration(demo_cfg):
    from launcher.services import build_services

    demo_cfg.kiosk.data_dir.mkdir(parents=True)
    services = build_services(demo_cfg)
    try:
        checks = build_checks(demo_cfg, services, services.paper)
        assert [c.name for c in checks] == ["camera", "card_reader", "printer", "disk", "queue", "network", "office"]
        monitor = HealthMonitor(checks)
        snapshot = monitor.check_all()
        assert {d.name: d.state for d in snapshot.devices} == {
            "camera": OK, "card_reader": OK, "printer": OK, "disk": OK, "queue": OK, "network": OFF,
            "office": OFF,                                   # the demo office: no endpoint to watch
        }
        assert [d.name for d in snapshot.devices if d.needed] == ["camera", "card_reader", "printer", "disk", "queue"]
    finally:
        services.close()


def test_every_needed_failure_is_a_reason_code():
    assert set(device_reason_codes()) == {
        "camera_unavailable", "card_reader_unavailable", "printer_offline", "printer_paper_out",
        "printer_cover_open", "disk_unavailable", "disk_full", "queue_unreadable",
    }
