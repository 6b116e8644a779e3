"""PDF receipts printed through a real CUPS server to a cups-pdf queue (started by conftest).

The PDF cups-pdf writes is checked for its page size (80 mm wide, as tall as the receipt,
not A4), rendered with pdftoppm, and its QR code decoded by zbar and verified. Set
RECEIPTS_LOOK_DIR to keep the rendered pages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from hardware.errors import PrinterError
from hardware.printer import PrinterStatus
from hardware.printer import ipp
from hardware.printer.cups import CupsPrinter
from kiosk.receipts import issue_receipt, receipt_for, render_for
from kiosk.demo.applications import DEMO_TZ, demo_application
from kiosk.receipts.signing import ReceiptSigner
from kiosk.receipts.verify import Keyring, verify_file, verify_text

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not (shutil.which("pdftoppm") and shutil.which("pdfinfo") and shutil.which("zbarimg")),
        reason="needs pdftoppm, pdfinfo (poppler-utils) and zbarimg (zbar-tools)",
    ),
]

SIGNER = ReceiptSigner.generate("SH-XH-001")
KEYS = Keyring([SIGNER.public_info])
PT_PER_MM = 72 / 25.4


def _printer(cups, **kwargs) -> CupsPrinter:  # type: ignore[no-untyped-def]
    kwargs.setdefault("job_timeout", 60.0)
    return CupsPrinter(kwargs.pop("queue", cups.queue), server=cups.server, timeout=5.0, **kwargs)


def _new_pdf(cups, before: set[Path], timeout: float = 20) -> Path:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        new = [p for p in cups.pdfs() if p not in before]
        if new:
            return new[0]
        time.sleep(0.1)
    raise AssertionError("cups-pdf wrote no PDF")


def _page_size_mm(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=30).stdout
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert m, info
    return float(m.group(1)) / PT_PER_MM, float(m.group(2)) / PT_PER_MM


@pytest.mark.parametrize("lang", ["zh_CN", "en", "vi"])
def test_pdf_receipt_through_cups_has_its_page_size_and_verifies(cups, tmp_path: Path, lang: str) -> None:
    printer = _printer(cups)
    assert printer.status() is PrinterStatus.READY
    before = set(cups.pdfs())
    issued = issue_receipt(demo_application(lang), printer, SIGNER, tz=DEMO_TZ)
    assert issued.printed, issued.result.detail
    assert issued.job is not None and issued.job.pdf is not None

    pdf = _new_pdf(cups, before)
    width, height = _page_size_mm(pdf)
    want_w, want_h = issued.job.page_size_mm
    assert width == pytest.approx(want_w, abs=0.5)
    assert height == pytest.approx(want_h, abs=0.5)

    stem = tmp_path / f"pdf-cups-{lang}"
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-singlefile", str(pdf), str(stem)], check=True, timeout=60)
    png = stem.with_suffix(".png")
    look = os.environ.get("RECEIPTS_LOOK_DIR")
    if look:
        Path(look).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(look) / png.name)
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, timeout=60)
    assert decoded.returncode == 0, "zbarimg found no QR code on the printed page"
    qr_text = decoded.stdout.rstrip("\n")
    assert qr_text == issued.receipt.qr_content
    assert verify_text(qr_text, KEYS).valid
    assert verify_file(pdf, KEYS).valid  # the kiosk's own decoder, on what CUPS produced


def test_a_stopped_queue_is_offline_and_nothing_prints(cups) -> None:
    printer = _printer(cups)
    cups.admin("cupsdisable", "-h", cups.server, cups.queue)
    assert printer.status() is PrinterStatus.OFFLINE
    before = set(cups.pdfs())
    issued = issue_receipt(demo_application("en"), printer, SIGNER, tz=DEMO_TZ)
    assert not issued.printed and issued.result.status_before is PrinterStatus.OFFLINE
    assert issued.receipt.application_number  # the screen still has the receipt
    assert set(cups.pdfs()) == before


def test_a_queue_refusing_jobs_is_offline(cups) -> None:
    cups.admin("cupsreject", "-h", cups.server, cups.queue)
    assert _printer(cups).status() is PrinterStatus.OFFLINE


def test_a_job_stuck_on_a_stopped_printer_is_withdrawn(cups) -> None:
    printer = _printer(cups)
    job = render_for(printer, receipt_for(demo_application("zh_CN"), SIGNER, tz=DEMO_TZ))
    cups.admin("cupsdisable", "-h", cups.server, cups.queue)  # after the status check
    before = set(cups.pdfs())
    with pytest.raises(PrinterError, match="cannot print"):
        printer.submit(job)
    assert printer.last_job_id is not None
    state = printer.client.job_attributes(cups.queue, printer.last_job_id)["job-state"][0]
    assert state == ipp.JOB_CANCELED  # not printed hours later when someone re-enables the queue
    cups.admin("cupsenable", "-h", cups.server, cups.queue)
    time.sleep(1)
    assert set(cups.pdfs()) == before


def test_the_default_queue_and_an_unknown_queue(cups) -> None:
    assert _printer(cups, queue="no-such-queue").status() is PrinterStatus.OFFLINE
    cups.admin("lpadmin", "-h", cups.server, "-d", cups.queue)
    default = _printer(cups, queue="")
    assert default.status() is PrinterStatus.READY
