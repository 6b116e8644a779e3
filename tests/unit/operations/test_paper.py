"""Receipt paper counted: what a receipt uses, kept across a restart, reset at a paper
change, and "paper low" from the count before the printer runs out."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from hardware.printer import FORMAT_ESCPOS, FORMAT_PDF, PrinterStatus, PrintJob
from hardware.printer.simulated import SimulatedPrinter
from kiosk.demo.applications import DEMO_TZ, demo_application
from kiosk.operations.paper import (
    THERMAL_CUT_FEED_MM, TYPICAL_RECEIPT_MM, PaperCounter, PaperCountingPrinter, job_length_mm,
)
from kiosk.receipts import receipt_for, render_for
from kiosk.receipts.issue import issue_receipt

WHEN = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.timezone.utc)
PDF_JOB = PrintJob("r", pdf=b"%PDF-1.4", page_size_mm=(80, 120))


def counter(tmp_path, **kwargs) -> PaperCounter:
    kwargs.setdefault("roll_length_m", 2.0)
    return PaperCounter(tmp_path / "paper-count.json", clock=lambda: WHEN, **kwargs)


@pytest.mark.parametrize("lang", ["zh_CN", "en", "vi"])
def test_a_receipt_is_measured_as_rendered(lang):
    receipt = receipt_for(demo_application(lang), None, tz=DEMO_TZ)
    thermal = render_for([FORMAT_ESCPOS], receipt)
    page = render_for([FORMAT_PDF], receipt)
    assert 80 < thermal.page_size_mm[1] < 400
    assert job_length_mm(thermal) == pytest.approx(thermal.page_size_mm[1] + THERMAL_CUT_FEED_MM)
    assert job_length_mm(page) == pytest.approx(page.page_size_mm[1])     # a page printer cuts at the page


def test_the_count_survives_a_restart_and_a_paper_change_starts_it_again(tmp_path):
    first = counter(tmp_path)
    for _ in range(3):
        first.count(PDF_JOB)
    again = counter(tmp_path)                              # the kiosk restarted
    count = again.reading()
    assert (count.receipts, count.printed_mm, count.changed_at) == (3, 360.0, None)
    assert count.remaining_mm == 2000 - 360 and count.remaining_receipts == 13
    changed = again.paper_changed()
    assert (changed.receipts, changed.printed_mm, changed.changed_at) == (0, 0.0, WHEN)
    assert counter(tmp_path).reading().changed_at == WHEN


def test_paper_low_comes_from_the_count_before_the_roll_is_out(tmp_path):
    paper = counter(tmp_path, roll_length_m=1.0, low_receipts=3)
    lows = []
    for _ in range(9):
        lows.append(paper.count(PDF_JOB).low)
    # 1000 mm / 120 mm: after 6 receipts 2 more fit (low), never "out": only the printer says that.
    assert lows == [False] * 5 + [True] * 4
    assert paper.reading().remaining_mm == 0.0


def test_a_configured_receipt_length_wins_and_an_unknown_one_is_typical(tmp_path):
    fixed = counter(tmp_path, receipt_length_mm=200)
    assert fixed.count(PDF_JOB).printed_mm == 200
    fresh = counter(tmp_path / "other")
    assert fresh.reading().receipt_mm == TYPICAL_RECEIPT_MM


def test_no_roll_length_counts_receipts_but_never_says_low(tmp_path):
    paper = counter(tmp_path, roll_length_m=0)
    for _ in range(50):
        count = paper.count(PDF_JOB)
    assert count.receipts == 50 and not count.low and count.remaining_mm is None


def test_two_processes_count_on_the_same_roll(tmp_path):
    kiosk, reprint_command = counter(tmp_path), counter(tmp_path)
    kiosk.count(PDF_JOB)
    reprint_command.count(PDF_JOB)
    kiosk.count(PDF_JOB)
    assert kiosk.reading().receipts == reprint_command.reading().receipts == 3


def test_an_unreadable_count_starts_from_zero_and_says_so_once(tmp_path, caplog):
    (tmp_path / "paper-count.json").write_text("{not json", encoding="utf-8")
    paper = counter(tmp_path)
    with caplog.at_level(logging.WARNING):
        assert paper.reading().receipts == 0
        assert paper.reading().receipts == 0
    assert len([r for r in caplog.records if "unreadable" in r.getMessage()]) == 1
    assert paper.count(PDF_JOB).receipts == 1 and counter(tmp_path).reading().receipts == 1


def test_the_kiosks_printer_counts_what_came_out_and_nothing_else(tmp_path):
    device = SimulatedPrinter(tmp_path / "printed")
    paper = counter(tmp_path)
    printer = PaperCountingPrinter(device, paper)
    app = demo_application("vi")
    assert issue_receipt(app, printer, None, tz=DEMO_TZ).printed
    assert paper.reading().receipts == 1
    printer.set_status(PrinterStatus.PAPER_OUT)           # the driver's own hooks, through the wrapper
    assert not issue_receipt(app, printer, None, tz=DEMO_TZ).printed
    assert paper.reading().receipts == 1
    assert printer.accepts == device.accepts and printer.written == device.written
    with pytest.raises(AttributeError):
        printer.no_such_setting  # noqa: B018


def test_a_paper_change_through_the_switch_resets_the_count_and_reads_the_printer(wf, tmp_path):
    from kiosk.operations.health import HealthMonitor
    from kiosk.operations.service_control import ServiceControl
    from tests.unit.operations.conftest import ScriptedCheck

    paper = counter(tmp_path)
    paper.count(PDF_JOB)
    monitor = HealthMonitor([ScriptedCheck("printer")])
    control = ServiceControl(wf, monitor, paper, tmp_path)
    count = control.paper_changed()
    assert count.receipts == 0 and control.paper_count().receipts == 0
    assert monitor._wake["printer"].is_set()               # read at once, not at the next interval
