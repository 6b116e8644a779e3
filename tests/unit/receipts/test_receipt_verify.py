"""Verification says why a forged or altered receipt fails, from text, images and PDFs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from kiosk.domain.cases import Case
from kiosk.receipts.model import Receipt
from kiosk.receipts.pdf import render_receipt_pdf
from kiosk.receipts.signing import ReceiptSigner
from kiosk.receipts.thermal import ThermalOptions, render_thermal
from kiosk.receipts.verify import Keyring, Reason, decode_qr_codes, verify_file, verify_text
from kiosk.storage.application_number import format_application_number

from .conftest import SHANGHAI
from tests.factories import AppFactory

NUMBER = "SH-XH-001-261121-00019"
SIGNER = ReceiptSigner.generate("SH-XH-001")
OTHER = ReceiptSigner.generate("SH-XH-002")
SHANGHAI_DAY = dt.date(2026, 11, 21)

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdftotext")),
    reason="needs pdftoppm and pdftotext (Debian poppler-utils)",
)


def _signed(make_app: AppFactory, lang: str = "en", **overrides: object) -> Receipt:
    app = make_app(NUMBER, **overrides)
    return SIGNER.sign_receipt(Receipt.from_application(app, "From 2026-12-14", lang, tz=SHANGHAI))


def _ring(*signers: ReceiptSigner) -> Keyring:
    return Keyring(s.public_info for s in signers)


def test_a_genuine_receipt_verifies(make_app: AppFactory) -> None:
    receipt = _signed(make_app)
    verdict = verify_text(receipt.qr_content, _ring(SIGNER, OTHER))
    assert verdict.valid and verdict.reason is Reason.OK
    assert verdict.key is not None and verdict.key.kiosk_id == "SH-XH-001"
    assert verdict.payload is not None and verdict.payload.application_number == NUMBER
    assert verdict.as_dict()["payload"]["case"] == "expiring"  # type: ignore[index]


def test_a_changed_case_is_a_bad_signature(make_app: AppFactory) -> None:
    text = _signed(make_app).qr_content.replace("|expiring|", "|lost|")
    verdict = verify_text(text, _ring(SIGNER))
    assert not verdict.valid
    assert verdict.reason is Reason.BAD_SIGNATURE
    assert "case" in verdict.message


def test_a_signature_from_another_kiosks_key_is_a_bad_signature(make_app: AppFactory) -> None:
    receipt = _signed(make_app)
    forged = OTHER.sign_receipt(dataclasses.replace(receipt, signature=""))
    verdict = verify_text(forged.qr_content, _ring(SIGNER))
    assert verdict.reason is Reason.BAD_SIGNATURE


def test_a_receipt_of_a_kiosk_without_a_known_key_is_an_unknown_key(make_app: AppFactory) -> None:
    # Kiosk ids differing only in letters keep the number's check character (it covers digits).
    app = make_app(format_application_number("AB-9", SHANGHAI_DAY, 19), kiosk_id="AB-9")
    receipt = ReceiptSigner.generate("AB-9").sign_receipt(Receipt.from_application(app, "", "en", tz=SHANGHAI))
    verdict = verify_text(receipt.qr_content, _ring(SIGNER, OTHER))
    assert verdict.reason is Reason.UNKNOWN_KEY
    assert "AB-9" in verdict.message and "SH-XH-001" in verdict.message


@pytest.mark.parametrize(
    ("old", "new", "fields"),
    [
        ("|20261121|", "|20261120|", ["date"]),
        ("|SH-XH-001|", "|SH-XH-009|", ["kiosk_id"]),
        ("-00019|", "-00029|", ["application_number"]),  # the check character catches it
    ],
)
def test_altered_fields_are_named(make_app: AppFactory, old: str, new: str, fields: list[str]) -> None:
    text = _signed(make_app).qr_content.replace(old, new)
    verdict = verify_text(text, _ring(SIGNER))
    assert verdict.reason is Reason.ALTERED_FIELD
    assert verdict.fields == fields


def test_malformed_and_unsigned_payloads(make_app: AppFactory) -> None:
    receipt = _signed(make_app)
    assert verify_text("WIFI:S:cafe;;", _ring(SIGNER)).reason is Reason.MALFORMED
    unsigned = verify_text(receipt.qr_payload, _ring(SIGNER))
    assert unsigned.reason is Reason.UNSIGNED and not unsigned.valid


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_no_single_character_change_survives(make_app: AppFactory, data: st.DataObject) -> None:
    text = _signed(make_app).qr_content
    pos = data.draw(st.integers(0, len(text) - 1))
    new = data.draw(st.characters(codec="ascii", exclude_characters="\n\r"))
    tampered = text[:pos] + new + text[pos + 1:]
    if tampered.strip() == text:
        return
    verdict = verify_text(tampered, _ring(SIGNER))
    assert not verdict.valid
    assert verdict.reason is not Reason.OK and verdict.message


def test_keys_from_a_folder_take_the_kiosk_from_the_file_name(tmp_path: Path, make_app: AppFactory) -> None:
    folder = tmp_path / "keys"
    folder.mkdir()
    (folder / "SH-XH-001.pem").write_bytes(ReceiptSigner(SIGNER.private_key).public_pem())  # no header
    OTHER.export_public_key(folder / "second.pem")  # header names SH-XH-002
    ring = Keyring()
    ring.add_path(folder)
    assert ring.known_kiosks() == ["SH-XH-001", "SH-XH-002"]
    assert verify_text(_signed(make_app).qr_content, ring).valid


@pytest.mark.parametrize("lang", ["zh_CN", "en", "vi"])
@pytest.mark.parametrize("native", [False, True])
def test_thermal_preview_verifies_from_the_image(make_app: AppFactory, tmp_path: Path, lang: str, native: bool) -> None:
    receipt = _signed(make_app, lang)
    png = tmp_path / "thermal.png"
    png.write_bytes(render_thermal(receipt, ThermalOptions(qr_native=native)).preview_png())
    verdict = verify_file(png, _ring(SIGNER))
    assert verdict.valid, verdict.message
    assert verdict.payload is not None and verdict.payload.application_number == NUMBER


@needs_poppler
def test_pdf_verifies_and_an_edited_printed_number_is_caught(make_app: AppFactory, tmp_path: Path) -> None:
    receipt = _signed(make_app, "vi", case=Case.DAMAGED)
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(render_receipt_pdf(receipt))
    assert verify_file(pdf, _ring(SIGNER)).valid

    # A genuine QR code on a page whose printed number was changed.
    forged_number = format_application_number("SH-XH-001", SHANGHAI_DAY, 42)
    edited = dataclasses.replace(receipt, application_number=forged_number)
    assert edited.qr_content == receipt.qr_content
    forged = tmp_path / "edited.pdf"
    forged.write_bytes(render_receipt_pdf(edited))
    verdict = verify_file(forged, _ring(SIGNER))
    assert not verdict.valid
    assert verdict.reason is Reason.ALTERED_FIELD
    assert verdict.fields == ["application_number"]
    assert forged_number in verdict.message and NUMBER in verdict.message


def test_an_image_without_a_code_says_so(tmp_path: Path) -> None:
    blank = tmp_path / "blank.png"
    Image.new("L", (300, 300), 255).save(blank)
    assert decode_qr_codes(blank) == []
    verdict = verify_file(blank, _ring(SIGNER))
    assert verdict.reason is Reason.NO_QR_CODE and not verdict.valid
