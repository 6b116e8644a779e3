"""The kiosk's metrics file: what the workflow, the queue, the health snapshot and the
paper count put in it, how it is written, and what never gets into a label."""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
from types import SimpleNamespace

import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk.config import with_overrides
from kiosk.operations.telemetry.metrics import HEALTH_STATES, KioskMetrics
from kiosk.operations.telemetry.textfile import FILE_NAME, TextfileWriter
from kiosk.workflow.states import State
from launcher.services import build_telemetry

NOW = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.timezone.utc)


def _samples(path) -> dict[tuple[str, tuple], float]:
    """{(sample name, sorted labels): value} of a metrics file."""
    out = {}
    for family in text_string_to_metric_families(path.read_text()):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def _metrics() -> KioskMetrics:
    return KioskMetrics(kiosk_id="KIOSK-0001", mode="production", version="1.2.0")


@pytest.fixture
def telemetry(wf, tmp_path):
    """The headless workflow with its metrics writer, as the launcher builds it."""
    writer = build_telemetry(wf.config, wf, folder=tmp_path / "textfile")
    (tmp_path / "textfile").mkdir()
    return writer


def test_a_session_counts_its_outcome_and_each_step_it_spent_time_in(wf, telemetry):
    wf.start("en")
    wf.services.monotonic.advance(7)
    wf.cancel()
    assert telemetry.write()
    got = _samples(telemetry.path)
    assert got[("idkiosk_sessions_total", (("outcome", "cancelled"),))] == 1
    assert got[("idkiosk_sessions_total", (("outcome", "completed"),))] == 0   # every outcome, from the start
    assert got[("idkiosk_step_duration_seconds_count", (("step", "case"),))] == 1
    assert got[("idkiosk_step_duration_seconds_sum", (("step", "case"),))] == pytest.approx(7)
    assert got[("idkiosk_step_duration_seconds_count", (("step", "review"),))] == 0
    assert got[("idkiosk_out_of_service", ())] == 0
    assert got[("idkiosk_build_info", (("kiosk_id", "KIOSK-0001"), ("mode", "demo"), ("version", _version())))] == 1
    # The queue was read for this write: empty, nothing ever delivered.
    assert got[("idkiosk_queue_applications", (("state", "queued"),))] == 0
    assert got[("idkiosk_last_delivery_timestamp_seconds", ())] == 0


def _version():
    from launcher.services import software_version

    return software_version() or "unknown"


def test_out_of_service_and_its_reasons_follow_the_workflow(wf, telemetry):
    wf.set_out_of_service("printer_paper_out")
    telemetry.write()
    got = _samples(telemetry.path)
    assert wf.state is State.OUT_OF_SERVICE
    assert got[("idkiosk_out_of_service", ())] == 1
    assert got[("idkiosk_out_of_service_reason", (("reason", "printer_paper_out"),))] == 1
    assert got[("idkiosk_out_of_service_reason", (("reason", "switched_off"),))] == 0
    wf.back_in_service("printer_paper_out")
    telemetry.write()
    got = _samples(telemetry.path)
    assert got[("idkiosk_out_of_service", ())] == 0
    assert got[("idkiosk_out_of_service_reason", (("reason", "printer_paper_out"),))] == 0


def test_a_kiosk_that_could_not_start_reports_out_of_service_start_failed(demo_cfg, tmp_path):
    """The stand-in workflow of launcher.gui has no services and no reasons list."""
    standin = SimpleNamespace(state=State.OUT_OF_SERVICE, services=None, config=demo_cfg,
                              subscribe=lambda listener: None)
    (tmp_path / "t").mkdir()
    writer = build_telemetry(demo_cfg, standin, folder=tmp_path / "t")
    assert writer.write()
    got = _samples(writer.path)
    assert got[("idkiosk_out_of_service", ())] == 1
    assert got[("idkiosk_out_of_service_reason", (("reason", "start_failed"),))] == 1


def test_no_textfile_folder_configured_means_no_writer(wf):
    assert build_telemetry(wf.config, wf) is None
    cfg = with_overrides(wf.config, {"telemetry.textfile_dir": "metrics"})
    assert cfg.telemetry_textfile_dir == cfg.kiosk.data_dir / "metrics"


def test_the_health_snapshot_sets_one_state_per_device(tmp_path):
    m = _metrics()
    m.set_health({"devices": [
        {"name": "printer", "needed": True, "state": "failed", "detail": "paper_out"},
        {"name": "camera", "needed": True, "state": "ok", "detail": "present"},
    ]})
    writer = TextfileWriter(m, tmp_path, clock=lambda: NOW)
    writer.write()
    got = _samples(writer.path)
    for state in HEALTH_STATES:
        assert got[("idkiosk_device_state", (("device", "printer"), ("state", state)))] == (state == "failed")
        assert got[("idkiosk_device_state", (("device", "camera"), ("state", state)))] == (state == "ok")
    assert got[("idkiosk_device_needed", (("device", "printer"),))] == 1


def test_the_health_monitors_own_snapshot_fits_the_seam(tmp_path):
    from kiosk.operations.health import HealthMonitor, HealthState, Reading
    from tests.unit.operations.conftest import ScriptedCheck

    monitor = HealthMonitor([ScriptedCheck("printer", [Reading(HealthState.DEGRADED, "paper_low")]),
                             ScriptedCheck("disk", needed=False)], clock=lambda: NOW)
    monitor.check_all()
    m = _metrics()
    m.set_health(monitor.snapshot().as_dict())
    writer = TextfileWriter(m, tmp_path, clock=lambda: NOW)
    writer.write()
    got = _samples(writer.path)
    assert got[("idkiosk_device_state", (("device", "printer"), ("state", "degraded")))] == 1
    assert got[("idkiosk_device_needed", (("device", "disk"),))] == 0


def test_a_value_outside_the_closed_lists_never_reaches_a_label(tmp_path, caplog):
    m = _metrics()
    name, number = "Nguyễn Văn An", "110105198403120488"
    with caplog.at_level(logging.WARNING, logger="kiosk.telemetry"):
        m.set_health({"devices": [{"name": name, "state": "ok"}, {"name": "printer", "state": number}]})
        m.session_ended(number)
        m.step_took(name, 3.0)
        m.serving(State.WELCOME, [name, number])
    writer = TextfileWriter(m, tmp_path, clock=lambda: NOW)
    writer.write()
    text = writer.path.read_text(encoding="utf-8")
    logged = caplog.text
    for value in (name, number):
        assert value not in text and value not in logged
    assert "idkiosk_device_state{" not in text     # neither device was taken
    assert "a device not in its list was left out" in logged


def test_the_queue_and_the_paper_count(tmp_path):
    from kiosk.operations.paper import PaperCount

    m = _metrics()
    m.set_queue({"queued": 4, "delivered": 10, "parked": 1}, NOW - dt.timedelta(minutes=30),
                NOW - dt.timedelta(minutes=5), NOW)
    m.set_paper(PaperCount(receipts=95, printed_mm=95 * 120.0, changed_at=NOW - dt.timedelta(days=1),
                           roll_mm=12_000.0, receipt_mm=120.0, low_receipts=10))
    writer = TextfileWriter(m, tmp_path, clock=lambda: NOW)
    writer.write()
    got = _samples(writer.path)
    assert got[("idkiosk_queue_applications", (("state", "queued"),))] == 4
    assert got[("idkiosk_queue_applications", (("state", "parked"),))] == 1
    assert got[("idkiosk_queue_oldest_age_seconds", ())] == pytest.approx(1800)
    assert got[("idkiosk_last_delivery_timestamp_seconds", ())] == pytest.approx((NOW - dt.timedelta(minutes=5)).timestamp())
    assert got[("idkiosk_paper_receipts_since_change", ())] == 95
    assert got[("idkiosk_paper_remaining_receipts", ())] == 5
    assert got[("idkiosk_paper_low", ())] == 1
    assert got[("idkiosk_metrics_written_timestamp_seconds", ())] == NOW.timestamp()


def test_an_uncounted_roll_is_nan_not_zero(tmp_path):
    """Zero receipts left would page someone; a roll nobody measured says nothing."""
    writer = TextfileWriter(_metrics(), tmp_path, clock=lambda: NOW)
    writer.write()
    assert math.isnan(_samples(writer.path)[("idkiosk_paper_remaining_receipts", ())])


def test_the_file_is_replaced_whole_and_no_temporary_file_stays(tmp_path):
    writer = TextfileWriter(_metrics(), tmp_path, clock=lambda: NOW)
    writer.write()
    before = os.stat(writer.path).st_ino
    writer.write()
    assert os.stat(writer.path).st_ino != before         # a new file renamed over, not rewritten in place
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]


def test_a_leftover_of_a_killed_writer_is_removed_at_start(tmp_path):
    (tmp_path / f"{FILE_NAME}.4242.1").write_text("half")
    writer = TextfileWriter(_metrics(), tmp_path, interval=3600, clock=lambda: NOW)
    writer.start()
    writer.stop()
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]


def test_a_folder_that_cannot_be_written_logs_once_and_the_kiosk_carries_on(tmp_path, caplog):
    writer = TextfileWriter(_metrics(), tmp_path / "missing", clock=lambda: NOW)
    with caplog.at_level(logging.ERROR, logger="kiosk.telemetry"):
        assert writer.write() is False
        assert writer.write() is False
    assert caplog.text.count("could not be written") == 1
    assert str(tmp_path) not in caplog.text
    (tmp_path / "missing").mkdir()
    assert writer.write() is True


def test_a_failing_source_keeps_its_last_figures(tmp_path):
    m = _metrics()
    calls = []

    def queue():
        calls.append(1)
        if len(calls) > 1:
            raise OSError("disk gone")
        return SimpleNamespace(counts={"queued": 3}, oldest_queued_at=None)

    writer = TextfileWriter(m, tmp_path, queue=queue, clock=lambda: NOW)
    writer.write()
    writer.write()
    assert _samples(writer.path)[("idkiosk_queue_applications", (("state", "queued"),))] == 3


def test_the_schedule_writes_again_and_a_last_time_at_stop(tmp_path):
    import threading

    seen = threading.Event()
    m = _metrics()

    def paper():
        if writer.writes >= 2:
            seen.set()
        return None

    writer = TextfileWriter(m, tmp_path, interval=0.01, paper=paper, clock=lambda: NOW)
    writer.start()
    assert seen.wait(30)
    writer.stop()
    written = writer.writes
    assert written >= 3
    assert writer.path.exists()


def test_the_journals_head_and_a_failing_journal(wf, telemetry):
    from launcher.services import attach_journal

    attach_journal(wf)
    wf.start("en")
    telemetry.write()
    got = _samples(telemetry.path)
    assert got[("idkiosk_journal_last_seq", ())] == wf.services.journal.head[0] > 0
    assert got[("idkiosk_journal_failing", ())] == 0
    wf.services.journal.last_error = "OSError: No space left on device"
    telemetry.write()
    assert _samples(telemetry.path)[("idkiosk_journal_failing", ())] == 1
