"""Folder printer writes jobs atomically; the simulated one drops jobs when out of paper."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from hardware.errors import PrinterError, PrinterUnavailable
from hardware.printer.folder import FolderPrinter, sanitize_title
from hardware.printer import PrinterStatus, PrintJob
from hardware.printer.simulated import SimulatedPrinter

PDF = b"%PDF-1.4\n% test\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
FIXED = dt.datetime(2026, 11, 21, 9, 30, 0, 123456, tzinfo=dt.timezone.utc)


def files_in(folder):
    return sorted(p.name for p in folder.iterdir())


def test_pdf_job_is_written(tmp_path):
    printer = FolderPrinter(tmp_path, clock=lambda: FIXED)
    printer.submit(PrintJob(title="Receipt A-123", pdf=PDF))
    assert files_in(tmp_path) == ["20261121T093000.123456_Receipt_A-123.pdf"]
    assert (tmp_path / files_in(tmp_path)[0]).read_bytes() == PDF
    assert printer.written == [tmp_path / files_in(tmp_path)[0]]


def test_raster_job_is_written_as_png(tmp_path):
    FolderPrinter(tmp_path).submit(PrintJob(title="slip", raster_png=PNG))
    [name] = files_in(tmp_path)
    assert name.endswith("_slip.png")


def test_same_title_and_time_never_overwrites(tmp_path):
    printer = FolderPrinter(tmp_path, clock=lambda: FIXED)
    printer.submit(PrintJob(title="r", pdf=b"%PDF-1"))
    printer.submit(PrintJob(title="r", pdf=b"%PDF-2"))
    assert len(files_in(tmp_path)) == 2
    assert {p.read_bytes() for p in tmp_path.iterdir()} == {b"%PDF-1", b"%PDF-2"}


def test_empty_job_is_refused(tmp_path):
    with pytest.raises(PrinterError):
        FolderPrinter(tmp_path).submit(PrintJob(title="nothing"))


def test_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    def broken_fsync(fd):
        raise OSError(5, "I/O error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(PrinterError):
        FolderPrinter(tmp_path).submit(PrintJob(title="r", pdf=PDF))
    assert files_in(tmp_path) == []


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("../../etc/passwd", "etc_passwd"),
        ("Biên nhận", "Bien_nhan"),
        ("回执", "job"),
        ("a" * 200, "a" * 60),
    ],
)
def test_titles_are_sanitised(title, expected):
    assert sanitize_title(title) == expected


def test_status_ready_for_a_writable_folder(tmp_path):
    assert FolderPrinter(tmp_path).status() is PrinterStatus.READY


def test_missing_folder_is_created(tmp_path):
    printer = FolderPrinter(tmp_path / "data" / "printed")
    assert printer.status() is PrinterStatus.READY
    printer.submit(PrintJob(title="r", pdf=PDF))
    assert len(files_in(tmp_path / "data" / "printed")) == 1


def test_status_offline_without_the_folder(tmp_path):
    printer = FolderPrinter(tmp_path / "missing", create=False)
    assert printer.status() is PrinterStatus.OFFLINE
    with pytest.raises(PrinterUnavailable):
        printer.submit(PrintJob(title="r", pdf=PDF))


def test_status_offline_when_the_path_is_a_file(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    assert FolderPrinter(target).status() is PrinterStatus.OFFLINE


def test_print_job_succeeds(tmp_path):
    result = SimulatedPrinter(tmp_path).print_job(PrintJob(title="r", pdf=PDF))
    assert result.ok and result.status_after is PrinterStatus.READY
    assert len(files_in(tmp_path)) == 1


def test_paper_out_job_submitted_is_silently_dropped(tmp_path):
    printer = SimulatedPrinter(tmp_path)
    printer.set_status(PrinterStatus.PAPER_OUT)
    printer.submit(PrintJob(title="lost", pdf=PDF))  # no error: like a real printer
    assert files_in(tmp_path) == []
    assert printer.dropped == ["lost"]


def test_print_job_refuses_when_paper_is_out(tmp_path):
    printer = SimulatedPrinter(tmp_path)
    printer.set_status(PrinterStatus.PAPER_OUT)
    result = printer.print_job(PrintJob(title="r", pdf=PDF))
    assert not result.ok
    assert result.status_before is PrinterStatus.PAPER_OUT
    assert files_in(tmp_path) == []


def test_paper_running_out_during_the_job_is_reported(tmp_path):
    printer = SimulatedPrinter(tmp_path)
    printer.run_out_of_paper_after(1)
    assert printer.print_job(PrintJob(title="first", pdf=PDF)).ok
    result = printer.print_job(PrintJob(title="second", pdf=PDF))
    assert not result.ok
    assert result.status_before is PrinterStatus.READY
    assert result.status_after is PrinterStatus.PAPER_OUT
    assert printer.dropped == ["second"]
    assert len(files_in(tmp_path)) == 1


def test_paper_low_still_prints(tmp_path):
    printer = SimulatedPrinter(tmp_path)
    printer.set_status(PrinterStatus.PAPER_LOW)
    assert printer.print_job(PrintJob(title="r", pdf=PDF)).ok
    assert len(files_in(tmp_path)) == 1


def test_offline_printer_raises_on_submit(tmp_path):
    printer = SimulatedPrinter(tmp_path)
    printer.set_status(PrinterStatus.OFFLINE)
    with pytest.raises(PrinterUnavailable):
        printer.submit(PrintJob(title="r", pdf=PDF))


def test_forced_status_can_be_lifted(tmp_path):
    printer = SimulatedPrinter(tmp_path)
    printer.set_status(PrinterStatus.COVER_OPEN)
    assert printer.status() is PrinterStatus.COVER_OPEN
    printer.set_status(None)
    assert printer.status() is PrinterStatus.READY
