"""render_for picks the printer's format; issue_receipt never loses the receipt; reprints match."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image

from hardware.printer import FORMAT_ESCPOS, FORMAT_PDF, FORMAT_RASTER, Printer, PrinterStatus, PrintJob
from hardware.printer.simulated import SimulatedPrinter
from kiosk.receipts import issue_receipt, receipt_for, render_for
from kiosk.receipts.issue import add_working_days, card_ready_on
from kiosk.receipts.render import NoCommonFormat
from kiosk.receipts.reprint import ReprintService, find_application
from kiosk.receipts.signing import ReceiptSigner
from kiosk.receipts.verify import Keyring, verify_text
from kiosk.storage import ApplicationStore, DataKey
from kiosk.storage.store import ApplicationNotFound

from .conftest import SHANGHAI
from tests.factories import AppFactory

NUMBER = "SH-XH-001-261121-00019"
SIGNER = ReceiptSigner.generate("SH-XH-001")


class RecordingPrinter(Printer):
    """Takes whatever `accepts` says and remembers the jobs."""

    def __init__(self, accepts: set[str], status: PrinterStatus = PrinterStatus.READY, **attrs: object) -> None:
        self.accepts = frozenset(accepts)
        self._status = status
        self.jobs: list[PrintJob] = []
        for key, value in attrs.items():
            setattr(self, key, value)

    def status(self) -> PrinterStatus:
        return self._status

    def submit(self, job: PrintJob) -> None:
        self.jobs.append(job)


@pytest.fixture
def store(tmp_path: Path):
    with ApplicationStore(tmp_path / "queue.sqlite3", DataKey.load_or_create(tmp_path / "data.key")) as s:
        yield s


def test_pdf_printers_get_the_pdf_with_its_page_size(make_app: AppFactory) -> None:
    receipt = receipt_for(make_app(NUMBER), SIGNER, tz=SHANGHAI)
    job = render_for({FORMAT_PDF}, receipt)
    assert job.pdf is not None and job.pdf.startswith(b"%PDF")
    assert job.escpos is None and job.raster_png is None
    assert job.page_size_mm[0] == 80.0 and 100 < job.page_size_mm[1] < 250
    assert job.title == NUMBER
    assert job.meta == {"application_number": NUMBER, "lang": "zh_CN"}


def test_escpos_printers_get_commands_and_the_preview(make_app: AppFactory) -> None:
    receipt = receipt_for(make_app(NUMBER), SIGNER, tz=SHANGHAI)
    printer = RecordingPrinter({FORMAT_ESCPOS, FORMAT_RASTER}, width_dots=512, escpos_profile="TM-T88V", qr_native=True)
    job = render_for(printer, receipt)
    assert job.escpos is not None and job.escpos.startswith(b"\x1b@")
    assert receipt.qr_content.encode() in job.escpos  # the driver asked for a native QR code
    assert job.pdf is None
    assert Image.open(io.BytesIO(job.raster_png or b"")).width == 512
    assert job.page_size_mm[0] == 64.0


def test_raster_only_and_unknown_formats(make_app: AppFactory) -> None:
    receipt = receipt_for(make_app(NUMBER), SIGNER, tz=SHANGHAI)
    job = render_for({FORMAT_RASTER}, receipt)
    assert job.raster_png is not None and job.escpos is None
    with pytest.raises(NoCommonFormat):
        render_for({"braille"}, receipt)


def test_a_driver_that_says_nothing_takes_pdf() -> None:
    assert SimulatedPrinter.accepts == frozenset({FORMAT_PDF})


def test_pickup_date_counts_working_days(make_app: AppFactory) -> None:
    # Saturday 21 November 2026 + 15 working days = Friday 11 December.
    assert add_working_days(dt.date(2026, 11, 21), 15).isoformat() == "2026-12-11"
    app = make_app(NUMBER)
    assert card_ready_on(app, SHANGHAI).isoformat() == "2026-12-11"
    assert "2026年12月11日" in receipt_for(app, SIGNER, tz=SHANGHAI).pickup_info


def test_issued_receipt_prints_and_verifies(make_app: AppFactory, tmp_path: Path) -> None:
    printer = SimulatedPrinter(tmp_path / "out")
    issued = issue_receipt(make_app(NUMBER), printer, SIGNER, tz=SHANGHAI)
    assert issued.printed
    assert [p.suffix for p in printer.written] == [".pdf"]
    assert verify_text(issued.receipt.qr_content, Keyring([SIGNER.public_info])).valid


@pytest.mark.parametrize("status", [PrinterStatus.PAPER_OUT, PrinterStatus.COVER_OPEN, PrinterStatus.OFFLINE])
def test_a_failed_print_still_gives_the_receipt(make_app: AppFactory, tmp_path: Path, status: PrinterStatus) -> None:
    printer = SimulatedPrinter(tmp_path / "out")
    printer.set_status(status)
    issued = issue_receipt(make_app(NUMBER), printer, SIGNER, tz=SHANGHAI)
    assert not issued.printed
    assert issued.result.status_before is status
    assert issued.receipt.application_number == NUMBER and issued.receipt.signature
    assert printer.written == []


def test_rendering_and_driver_failures_are_reported_not_raised(make_app: AppFactory) -> None:
    issued = issue_receipt(make_app(NUMBER), RecordingPrinter({"braille"}), SIGNER, tz=SHANGHAI)
    assert not issued.printed and issued.job is None
    assert "NoCommonFormat" in issued.result.detail

    class Exploding(RecordingPrinter):
        def print_job(self, job: PrintJob):  # type: ignore[override]
            raise RuntimeError("driver bug")

    issued = issue_receipt(make_app(NUMBER), Exploding({FORMAT_PDF}), SIGNER, tz=SHANGHAI)
    assert not issued.printed and issued.result.status_after is PrinterStatus.OFFLINE
    assert issued.receipt.application_number == NUMBER


def test_reprint_rebuilds_the_same_receipt_from_the_queue(make_app: AppFactory, store, tmp_path: Path) -> None:
    app = make_app(NUMBER, language="vi")
    store.enqueue(app)
    first = issue_receipt(app, RecordingPrinter({FORMAT_PDF}), SIGNER, tz=SHANGHAI)
    printer = RecordingPrinter({FORMAT_ESCPOS, FORMAT_RASTER})
    service = ReprintService(store, printer, SIGNER, tz=SHANGHAI)
    again = service.reprint(f" {NUMBER.lower()} ")  # as typed on the maintenance keypad
    assert again.printed and len(printer.jobs) == 1
    assert again.receipt == first.receipt  # same fields, same pick-up date, same signature
    assert again.receipt.lang == "vi"
    assert service.reprint(NUMBER, lang="en").receipt.lang == "en"
    assert service.receipt(NUMBER).qr_content == first.receipt.qr_content


def test_reprint_lookup_errors(make_app: AppFactory, store) -> None:
    store.enqueue(make_app(NUMBER))
    with pytest.raises(ValueError):
        find_application(store, "SH-XH-001-261121-00018")  # mistyped: check character
    other = "SH-XH-001-261121-00027"
    with pytest.raises(ApplicationNotFound):
        find_application(store, other)
    assert find_application(store, NUMBER).application_number == NUMBER


def test_pickup_date_skips_public_holidays_and_counts_adjusted_weekends() -> None:
    # China, 2026 (State Council schedule): National Day holiday 1-7 October; Saturday
    # 10 October is a working day in exchange.
    assert add_working_days(dt.date(2026, 9, 30), 1, "CHN").isoformat() == "2026-10-08"
    assert add_working_days(dt.date(2026, 10, 9), 1, "CHN").isoformat() == "2026-10-10"
    # Without a calendar the same days count as plain weekdays.
    assert add_working_days(dt.date(2026, 9, 30), 1).isoformat() == "2026-10-01"
    # Viet Nam, Tết 2026: 16-20 February are days off.
    assert add_working_days(dt.date(2026, 2, 13), 1, "VNM").isoformat() == "2026-02-23"


def test_an_unknown_country_falls_back_to_weekdays() -> None:
    assert add_working_days(dt.date(2026, 9, 30), 1, "UTO").isoformat() == "2026-10-01"
