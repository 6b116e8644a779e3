"""Only text a person can see counts as the printed application number of a PDF receipt.

The forgery of issue 9: a page that shows another application number, carries the
genuine QR code, and hides the signed number in the text layer (1 pt white text), so
that a text extractor finds the signed number and the receipt used to verify. The
variants hide the number in every other way a PDF allows. Each page is built here with
reportlab, its QR code drawn by the kiosk's own QR flowable.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Callable

import pytest
from PIL import Image
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from kiosk.receipts.model import Receipt
from kiosk.receipts.pdf import QRFlowable, render_receipt_pdf
from kiosk.receipts.signing import ReceiptSigner
from kiosk.receipts.thermal import render_thermal
from kiosk.receipts.verify import (
    Keyring,
    Reason,
    printed_application_numbers,
    verify_file,
    verify_text,
)
from kiosk.storage.application_number import format_application_number
from tests.factories import AppFactory

from .conftest import SHANGHAI

DAY = dt.date(2026, 11, 21)
SIGNED = format_application_number("SH-XH-001", DAY, 19)
SHOWN = format_application_number("SH-XH-001", DAY, 428)
SIGNER = ReceiptSigner.generate("SH-XH-001")
RING = Keyring([SIGNER.public_info])

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdftoppm", "pdftotext", "pdfinfo", "pdfimages", "gs")),
    reason="needs poppler-utils and Ghostscript",
)

Hide = Callable[[Canvas, float, float], None]
WIDTH, HEIGHT = 80 * mm, 120 * mm


def _white_1pt(c: Canvas, x: float, y: float) -> None:   # the issue's forgery, exactly
    c.setFillColor(colors.white)
    c.setFont("Helvetica", 1)
    c.drawString(x, y, SIGNED)


def _white(c: Canvas, x: float, y: float) -> None:
    c.setFillColor(colors.white)
    c.setFont("Helvetica", 12)
    c.drawString(x, y, SIGNED)


def _invisible_mode(c: Canvas, x: float, y: float) -> None:   # text render mode 3
    text = c.beginText(x, y)
    text.setFont("Helvetica", 12)
    text.setTextRenderMode(3)
    text.textLine(SIGNED)
    c.drawText(text)


def _under_an_image(c: Canvas, x: float, y: float) -> None:
    c.setFont("Helvetica", 12)
    c.drawString(x, y, SIGNED)
    white = ImageReader(Image.new("RGB", (40, 8), (255, 255, 255)))
    c.drawImage(white, x - 2 * mm, y - 3 * mm, 72 * mm, 9 * mm)


def _under_a_shape(c: Canvas, x: float, y: float) -> None:
    c.setFont("Helvetica", 12)
    c.drawString(x, y, SIGNED)
    c.setFillColor(colors.white)
    c.rect(x - 2 * mm, y - 3 * mm, 72 * mm, 9 * mm, stroke=0, fill=1)


def _clipped_out(c: Canvas, x: float, y: float) -> None:
    c.saveState()
    clip = c.beginPath()
    clip.rect(0, 0, 1, 1)
    c.clipPath(clip, stroke=0, fill=0)
    c.setFont("Helvetica", 12)
    c.drawString(x, y, SIGNED)
    c.restoreState()


def _outside_the_crop_box(c: Canvas, x: float, y: float) -> None:
    c.setFont("Helvetica", 12)
    c.drawString(x, -40 * mm, SIGNED)   # on the media box, below what a viewer shows
    c.setCropBox((0, 0, WIDTH, HEIGHT))


def _tiny(c: Canvas, x: float, y: float) -> None:   # black, but 1 pt tall
    c.setFont("Helvetica", 1)
    c.drawString(x, y, SIGNED)


def _transparent(c: Canvas, x: float, y: float) -> None:
    c.setFillAlpha(0)
    c.setFont("Helvetica", 12)
    c.drawString(x, y, SIGNED)
    c.setFillAlpha(1)


def _visible(c: Canvas, x: float, y: float) -> None:   # control: the signed number, in plain sight
    c.setFont("Helvetica", 12)
    c.drawString(x, y, SIGNED)


HIDINGS = {
    "white_1pt": _white_1pt,
    "white": _white,
    "render_mode_3": _invisible_mode,
    "under_an_image": _under_an_image,
    "under_a_shape": _under_a_shape,
    "clipped_out": _clipped_out,
    "outside_the_crop_box": _outside_the_crop_box,
    "tiny": _tiny,
    "transparent": _transparent,
}


def _qr_content(make_app: AppFactory) -> str:
    receipt = SIGNER.sign_receipt(Receipt.from_application(make_app(SIGNED), "", "en", tz=SHANGHAI))
    return receipt.qr_content


def _page(qr: str, shown: str | None, hide: Hide | None, medium: bool = False) -> bytes:
    """A receipt-like page: caption, the number shown (if any), the genuine QR code, and
    the signed number hidden by `hide` (if given)."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(WIDTH, HEIGHT), invariant=1)
    c.setFont("Helvetica", 8)
    c.drawCentredString(WIDTH / 2, HEIGHT - 10 * mm, "Application number")
    if shown:
        c.setFont("Helvetica-Bold", 14)
        c.drawCentredString(WIDTH / 2, HEIGHT - 17 * mm, shown)
    code = QRFlowable(qr, 32 * mm)
    code.wrap(WIDTH, HEIGHT)
    code.drawOn(c, (WIDTH - code.width) / 2, HEIGHT - 20 * mm - code.height)
    c.setFillColor(colors.black)
    if hide is not None:
        hide(c, 5 * mm, 30 * mm)
    c.showPage()
    c.save()
    return buf.getvalue()


def _verify(tmp_path: Path, pdf: bytes):
    path = tmp_path / "receipt.pdf"
    path.write_bytes(pdf)
    return verify_file(path, RING)


def test_the_issues_forgery_no_longer_verifies(make_app, tmp_path) -> None:
    """Another number shown, the genuine QR code, the signed number as 1 pt white text."""
    verdict = _verify(tmp_path, _page(_qr_content(make_app), SHOWN, _white_1pt))
    assert not verdict.valid                            # the page is forged ...
    assert verdict.reason is Reason.ALTERED_FIELD and verdict.fields == ["application_number"]
    assert verdict.signature_valid                      # ... though its QR code is genuine
    assert verdict.printed_text == "disagrees"
    assert verdict.printed_numbers == [SHOWN] and verdict.hidden_numbers == [SIGNED]
    assert SHOWN in verdict.message and SIGNED in verdict.message


@pytest.mark.parametrize("hiding", list(HIDINGS))
def test_hidden_text_is_not_printed_text(tmp_path, hiding) -> None:
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(_page("not a receipt", SHOWN, HIDINGS[hiding]))
    seen, hidden = printed_application_numbers(pdf)
    assert seen == {SHOWN}
    # poppler itself drops text outside the crop box; everything else is in its text layer
    assert hidden == (set() if hiding == "outside_the_crop_box" else {SIGNED})


def test_the_signed_number_in_plain_sight_beside_another_is_still_a_disagreement(make_app, tmp_path) -> None:
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(_page("not a receipt", SHOWN, _visible))
    assert printed_application_numbers(pdf) == ({SHOWN, SIGNED}, set())
    verdict = _verify(tmp_path, _page(_qr_content(make_app), SHOWN, _visible))
    assert not verdict.valid and verdict.printed_text == "disagrees"


def test_the_signed_number_shown_agrees(make_app, tmp_path) -> None:
    verdict = _verify(tmp_path, _page(_qr_content(make_app), SIGNED, None))
    assert verdict.valid and verdict.signature_valid
    assert verdict.printed_text == "agrees" and verdict.printed_numbers == [SIGNED]


def test_a_page_whose_only_number_is_hidden_is_not_checked_and_says_so(make_app, tmp_path) -> None:
    verdict = _verify(tmp_path, _page(_qr_content(make_app), None, _white_1pt))
    assert verdict.signature_valid and verdict.valid   # nothing printed contradicts the signature
    assert verdict.printed_text == "not_checked"
    assert verdict.printed_numbers == [] and verdict.hidden_numbers == [SIGNED]
    assert "no one can see" in verdict.printed_note and "by eye" in verdict.printed_note
    assert verdict.printed_note in verdict.warnings


@pytest.mark.parametrize("lang", ["zh_CN", "vi"])
def test_genuine_receipts_agree(make_app, tmp_path, lang: str) -> None:
    receipt = SIGNER.sign_receipt(Receipt.from_application(make_app(SIGNED), "From 2026-12-14", lang, tz=SHANGHAI))
    verdict = _verify(tmp_path, render_receipt_pdf(receipt))
    assert verdict.valid and verdict.printed_text == "agrees"
    assert verdict.printed_numbers == [SIGNED] and verdict.hidden_numbers == []


def test_a_number_broken_over_two_lines_is_read_whole(make_app, tmp_path) -> None:
    kiosk = "WWWWWWWWWW-WWWWWWWWW-WWW"   # too wide for one line: broken after a hyphen
    number = format_application_number(kiosk, DAY, 7)
    signer = ReceiptSigner.generate(kiosk)
    app = make_app(number, kiosk_id=kiosk)
    receipt = signer.sign_receipt(Receipt.from_application(app, "", "en", tz=SHANGHAI))
    path = tmp_path / "long.pdf"
    path.write_bytes(render_receipt_pdf(receipt))
    verdict = verify_file(path, Keyring([signer.public_info]))
    assert verdict.valid and verdict.printed_text == "agrees", verdict.printed_note
    assert verdict.printed_numbers == [number]


def test_a_picture_has_no_text_to_check_and_says_so(make_app, tmp_path) -> None:
    receipt = SIGNER.sign_receipt(Receipt.from_application(make_app(SIGNED), "", "en", tz=SHANGHAI))
    png = tmp_path / "receipt.png"
    png.write_bytes(render_thermal(receipt).preview_png())
    verdict = verify_file(png, RING)
    assert verdict.valid and verdict.signature_valid
    assert verdict.printed_text == "not_checked"
    assert "no text layer" in verdict.printed_note and SIGNED in verdict.printed_note


def test_a_scanned_payload_has_no_printed_text(make_app) -> None:
    verdict = verify_text(_qr_content(make_app), RING)
    assert verdict.valid and verdict.printed_text == "not_checked"
    record = verdict.as_dict()
    assert record["signature_valid"] is True
    assert record["printed_text"]["status"] == "not_checked"  # type: ignore[index]


def test_the_cli_reports_signature_and_printed_text_apart(make_app, tmp_path, capsys, monkeypatch) -> None:
    import launcher.cli

    monkeypatch.setattr(launcher.cli, "COMMAND_MODULES", ("launcher.commands.receipts",))
    key = tmp_path / "SH-XH-001.pem"
    key.write_bytes(SIGNER.public_pem())
    pdf = tmp_path / "forged.pdf"
    pdf.write_bytes(_page(_qr_content(make_app), SHOWN, _white_1pt))

    assert launcher.cli.main(["verify-receipt", "--image", str(pdf), "--public-key", str(key), "--json"]) == 1
    record = json.loads(capsys.readouterr().out)
    assert record["valid"] is False and record["reason"] == "altered_field"       # fields kept
    assert record["signature_valid"] is True
    assert record["printed_text"] == {
        "status": "disagrees",
        "note": record["message"],
        "visible_numbers": [SHOWN],
        "hidden_numbers": [SIGNED],
    }

    assert launcher.cli.main(["verify-receipt", "--image", str(pdf), "--public-key", str(key)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("INVALID (altered_field): ")
    assert lines[1] == "QR signature: valid"
    assert lines[2].startswith(f"printed text: disagrees: the page shows application number {SHOWN}")


def test_without_ghostscript_the_printed_text_is_not_checked_and_says_why(make_app, tmp_path, monkeypatch) -> None:
    from kiosk.receipts import visible_text

    real_which = shutil.which
    monkeypatch.setattr(visible_text.shutil, "which", lambda name: None if name == "gs" else real_which(name))
    verdict = _verify(tmp_path, _page(_qr_content(make_app), SHOWN, _white_1pt))
    assert verdict.signature_valid and verdict.printed_text == "not_checked"
    assert "Ghostscript" in verdict.printed_note and SIGNED in verdict.printed_note
