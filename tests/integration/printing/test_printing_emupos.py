"""Thermal receipts printed over TCP and a serial port to emupos, an independent ESC/POS emulator.

What emupos prints is checked against what the kiosk drew (dot for dot), its QR code is
decoded by zbar and verified, and its faults (paper out, cover open, offline), injected
through its control API, are reported without losing the application, which is then
reprinted from the queue. Set RECEIPTS_LOOK_DIR to keep the printed PNGs.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from hardware.errors import PrinterError
from hardware.printer import PrinterStatus
from hardware.printer.escpos import EscposPrinter
from kiosk.receipts import issue_receipt, receipt_for, render_for
from kiosk.demo.applications import DEMO_TZ, demo_application
from kiosk.receipts.reprint import ReprintService, find_application
from kiosk.receipts.signing import ReceiptSigner
from kiosk.receipts.verify import Keyring, verify_text
from kiosk.storage import ApplicationStore, DataKey

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shutil.which("zbarimg"), reason="needs zbarimg (Debian zbar-tools)"),
]

SIGNER = ReceiptSigner.generate("SH-XH-001")
KEYS = Keyring([SIGNER.public_info])


def _printer(emupos, **kwargs) -> EscposPrinter:  # type: ignore[no-untyped-def]
    kwargs.setdefault("job_timeout", 5.0)
    return EscposPrinter.network("127.0.0.1", emupos.tcp_port, timeout=2.0, **kwargs)


def _decode(png: bytes, path: Path) -> str:
    path.write_bytes(png)
    out = subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, "zbarimg found no QR code in the printed receipt"
    return out.stdout.rstrip("\n")


def _keep(png: bytes, name: str) -> None:
    look = os.environ.get("RECEIPTS_LOOK_DIR")
    if look:
        Path(look).mkdir(parents=True, exist_ok=True)
        (Path(look) / name).write_bytes(png)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ApplicationStore]:
    with ApplicationStore(tmp_path / "queue.sqlite3", DataKey.load_or_create(tmp_path / "data.key")) as s:
        yield s


@pytest.mark.parametrize("native", [False, True], ids=["qr-image", "qr-native"])
@pytest.mark.parametrize("lang", ["zh_CN", "en", "vi"])
def test_printed_receipt_is_the_drawn_one_and_verifies(emupos, tmp_path: Path, lang: str, native: bool) -> None:
    app = demo_application(lang)
    printer = _printer(emupos, qr_native=native)
    before = emupos.receipt_ids()
    issued = issue_receipt(app, printer, SIGNER, tz=DEMO_TZ)
    assert issued.printed, issued.result.detail
    receipt_id = emupos.wait_for_new_receipt(before)
    png, text = emupos.image(receipt_id), emupos.text(receipt_id)
    _keep(png, f"thermal-emupos-{lang}{'-native-qr' if native else ''}.png")

    printed = Image.open(io.BytesIO(png)).convert("L")
    drawn = Image.open(io.BytesIO(issued.job.raster_png or b"")).convert("L")  # type: ignore[union-attr]
    assert printed.size == drawn.size == (576, drawn.height)
    # Dot for dot what the kiosk drew, the application number line included.
    assert ImageChops.difference(printed, drawn).getbbox() is None

    qr_text = _decode(png, tmp_path / "printed.png")
    assert qr_text == issued.receipt.qr_content
    verdict = verify_text(qr_text, KEYS)
    assert verdict.valid, verdict.message
    assert verdict.payload is not None and verdict.payload.application_number == app.application_number
    if native:
        assert f"[qr {qr_text}]" in text  # emupos decoded the GS ( k code: the number is in its text
        assert app.application_number in text
    else:
        assert text.strip() and all(line.startswith("[image 576x") for line in text.splitlines())


@pytest.mark.parametrize(
    ("fault", "expected"),
    [("paper-out", PrinterStatus.PAPER_OUT), ("cover-open", PrinterStatus.COVER_OPEN), ("offline", PrinterStatus.OFFLINE)],
)
def test_a_fault_is_reported_the_application_kept_and_reprinted(
    emupos, store: ApplicationStore, tmp_path: Path, fault: str, expected: PrinterStatus
) -> None:
    app = demo_application("vi", sequence=100 + len(fault))
    store.enqueue(app)  # as the workflow does: saved before anything is printed
    printer = _printer(emupos)
    emupos.set_fault(fault)
    before = emupos.receipt_ids()

    issued = issue_receipt(app, printer, SIGNER, tz=DEMO_TZ)
    assert not issued.printed
    assert issued.result.status_before is expected
    assert printer.status() is expected
    # The on-screen copy: the same signed receipt, with the number, verifiable.
    assert issued.receipt.application_number == app.application_number
    assert verify_text(issued.receipt.qr_content, KEYS).valid
    assert find_application(store, app.application_number).application_id == app.application_id
    assert store.counts()["queued"] == 1

    emupos.set_fault(fault, False)
    assert emupos.receipt_ids() == before  # nothing was sent to the faulty printer
    again = ReprintService(store, printer, SIGNER, tz=DEMO_TZ).reprint(app.application_number)
    assert again.printed, again.result.detail
    assert again.receipt == issued.receipt
    receipt_id = emupos.wait_for_new_receipt(before)
    assert verify_text(_decode(emupos.image(receipt_id), tmp_path / "reprint.png"), KEYS).valid


def test_paper_near_end_still_prints_and_is_reported(emupos) -> None:
    emupos.set_fault("paper-near-end")
    before = emupos.receipt_ids()
    issued = issue_receipt(demo_application("en"), _printer(emupos), SIGNER, tz=DEMO_TZ)
    assert issued.printed
    assert issued.result.status_before is issued.result.status_after is PrinterStatus.PAPER_LOW
    emupos.wait_for_new_receipt(before)


def test_paper_running_out_during_a_job_is_not_taken_for_a_receipt(emupos) -> None:
    printer = _printer(emupos, job_timeout=1.5)
    job = render_for(printer, receipt_for(demo_application("zh_CN"), SIGNER, tz=DEMO_TZ))
    before = emupos.receipt_ids()
    emupos.set_fault("paper-out")  # after the status check, before the job: the printer holds it
    with pytest.raises(PrinterError, match="did not confirm"):
        printer.submit(job)
    assert printer.status() is PrinterStatus.PAPER_OUT
    assert emupos.receipt_ids() == before
    # A new roll: the printer prints what it held, as real printers do.
    emupos.set_fault("paper-out", False)
    emupos.wait_for_new_receipt(before)


def test_printing_over_the_serial_port(emupos, tmp_path: Path) -> None:
    printer = EscposPrinter.device(str(emupos.serial_path), 9600, timeout=2.0, job_timeout=10.0)
    assert "serial" in printer.name
    assert printer.status() is PrinterStatus.READY
    before = emupos.receipt_ids()
    issued = issue_receipt(demo_application("zh_CN"), printer, SIGNER, tz=DEMO_TZ)
    assert issued.printed, issued.result.detail
    receipt_id = emupos.wait_for_new_receipt(before)
    assert verify_text(_decode(emupos.image(receipt_id), tmp_path / "serial.png"), KEYS).valid
    emupos.set_fault("cover-open")
    assert printer.status() is PrinterStatus.COVER_OPEN
