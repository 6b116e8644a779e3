"""A receipt's QR code is a link to the office's verification page carrying the signed
payload after '#', so a phone opens the page; `kiosk verify-receipt` still checks it
offline, and receipts printed before the link (the bare payload) still verify."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import launcher.cli
from kiosk.receipts.link import page_of, payload_from_code
from kiosk.receipts.model import Receipt
from kiosk.receipts.pdf import render_receipt_pdf
from kiosk.receipts.signing import ReceiptSigner
from kiosk.receipts.verify import Keyring, Reason, verify_file, verify_text

from .conftest import SHANGHAI
from tests.factories import AppFactory

NUMBER = "SH-XH-001-261121-00019"
PAGE = "https://verify.example.gov.cn/receipt"
LINKING = ReceiptSigner.generate("SH-XH-001", verify_page=PAGE)
RING = Keyring([LINKING.public_info])


def _receipt(make_app: AppFactory, signer: ReceiptSigner = LINKING) -> Receipt:
    return signer.sign_receipt(Receipt.from_application(make_app(NUMBER), "From 2026-12-14", "en", tz=SHANGHAI))


def test_the_code_is_the_page_with_the_signed_payload_after_the_hash(make_app: AppFactory) -> None:
    receipt = _receipt(make_app)
    parts = urlsplit(receipt.qr_content)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "verify.example.gov.cn", "/receipt")
    assert "|" not in receipt.qr_content           # RFC 3986: no '|' in a fragment
    assert payload_from_code(receipt.qr_content) == receipt.signed_payload
    assert page_of(receipt.qr_content) == PAGE


def test_the_link_verifies_offline_and_says_which_page_it_opens(make_app: AppFactory) -> None:
    verdict = verify_text(_receipt(make_app).qr_content, RING)
    assert verdict.valid and verdict.reason is Reason.OK
    assert verdict.link == PAGE and verdict.as_dict()["link"] == PAGE


def test_a_receipt_printed_before_the_link_still_verifies(make_app: AppFactory) -> None:
    old = _receipt(make_app, ReceiptSigner(LINKING.private_key, "SH-XH-001"))   # no page configured
    assert old.qr_content.startswith("IDK1|")
    verdict = verify_text(old.qr_content, RING)
    assert verdict.valid and verdict.link is None


def test_a_link_whose_payload_was_edited_fails_as_the_bare_payload_would(make_app: AppFactory) -> None:
    link = _receipt(make_app).qr_content.replace("%7Cexpiring%7C", "%7Clost%7C")
    verdict = verify_text(link, RING)
    assert not verdict.valid and verdict.reason is Reason.BAD_SIGNATURE


def test_a_link_to_another_page_without_a_payload_is_no_receipt() -> None:
    verdict = verify_text("https://verify.example.gov.cn/receipt#hello", RING)
    assert not verdict.valid and verdict.reason is Reason.MALFORMED


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs pdftoppm (Debian poppler-utils)")
def test_a_printed_link_verifies_from_the_pdf(make_app: AppFactory, tmp_path: Path) -> None:
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(render_receipt_pdf(_receipt(make_app)))
    verdict = verify_file(pdf, RING)
    assert verdict.valid and verdict.link == PAGE


def test_the_configured_page_reaches_the_receipt_and_verify_receipt_checks_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import json

    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\nid = "SH-XH-001"\ndata_dir = "{tmp_path / "data"}"\n'
                      f'[receipt]\nverify_page = "{PAGE}"\n', encoding="utf-8")
    monkeypatch.setattr(launcher.cli, "COMMAND_MODULES", ("launcher.commands.receipts",))
    out = tmp_path / "sample.png"
    assert launcher.cli.main(["receipt", "sample", "--lang", "vi", "--format", "png", "--out", str(out),
                              "--config", str(config), "--json"]) == 0
    sample = json.loads(capsys.readouterr().out)
    assert sample["qr_text"].startswith(PAGE + "#IDK1%7C")
    assert launcher.cli.main(["verify-receipt", "--text", sample["qr_text"], "--config", str(config), "--json"]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["valid"] and verdict["link"] == PAGE


@pytest.mark.parametrize("page, words", [
    ("http://verify.example.gov.cn/r", "https"),
    ("https://verify.example.gov.cn/r#x", "'#'"),
    ("https://verify.example.gov.cn/" + "a" * 200, "200"),
    ("https:///nohost", "host"),
])
def test_a_page_that_cannot_carry_the_payload_is_a_configuration_error(page: str, words: str) -> None:
    from kiosk.config import load_config
    from kiosk.config.errors import ConfigError

    with pytest.raises(ConfigError) as caught:
        load_config(None, env={"KIOSK__RECEIPT__VERIFY_PAGE": page, "KIOSK__KIOSK__DATA_DIR": "/tmp/x"})
    assert words in str(caught.value)


@pytest.mark.parametrize("native", [False, True])
def test_a_printed_link_verifies_from_the_thermal_preview(make_app: AppFactory, tmp_path: Path, native: bool) -> None:
    from kiosk.receipts.thermal import ThermalOptions, render_thermal

    png = tmp_path / "thermal.png"
    png.write_bytes(render_thermal(_receipt(make_app), ThermalOptions(qr_native=native)).preview_png())
    verdict = verify_file(png, RING)
    assert verdict.valid, verdict.message
    assert verdict.link == PAGE
