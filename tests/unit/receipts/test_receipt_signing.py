"""The kiosk's Ed25519 key: created once with 0600, refused when others can read it, exported."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kiosk.receipts.model import Receipt
from kiosk.receipts.payload import decode_signature, parse_payload
from kiosk.receipts.signing import (
    ReceiptSigner,
    SigningKeyError,
    key_fingerprint,
    load_public_key,
    parse_public_key,
)

from .conftest import SHANGHAI
from tests.factories import AppFactory


def test_key_is_created_private_and_reloaded(tmp_path: Path) -> None:
    path = tmp_path / "data" / "keys" / "receipt.pem"
    first = ReceiptSigner.load_or_create(path, "SH-XH-001")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    again = ReceiptSigner.load_or_create(path, "SH-XH-001")
    assert again.fingerprint == first.fingerprint
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_a_key_others_can_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "receipt.pem"
    ReceiptSigner.load_or_create(path)
    os.chmod(path, 0o644)
    with pytest.raises(SigningKeyError, match="0600"):
        ReceiptSigner.load_or_create(path)


def test_a_file_that_is_not_an_ed25519_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "receipt.pem"
    path.write_text("not a key")
    os.chmod(path, 0o600)
    with pytest.raises(SigningKeyError):
        ReceiptSigner.load_or_create(path)


def test_signatures_are_deterministic_and_verify(make_app: AppFactory) -> None:
    signer = ReceiptSigner.generate("SH-XH-001")
    receipt = Receipt.from_application(make_app("SH-XH-001-261121-00019"), "", "zh_CN", tz=SHANGHAI)
    signed = signer.sign_receipt(receipt)
    assert signed.signature == signer.sign_receipt(receipt).signature  # a reprint is identical
    assert signed.qr_content == f"{receipt.qr_payload}|{signed.signature}"
    parsed = parse_payload(signed.qr_content)
    signer.public_key.verify(decode_signature(signed.signature), parsed.signed_text.encode())


def test_public_key_export_names_the_kiosk(tmp_path: Path) -> None:
    signer = ReceiptSigner.generate("SH-XH-001")
    path = signer.export_public_key(tmp_path / "pub" / "kiosk.pem")
    text = path.read_text()
    assert text.startswith("Kiosk-Id: SH-XH-001\n-----BEGIN PUBLIC KEY-----")
    assert "PRIVATE" not in text
    info = load_public_key(path)
    assert info.kiosk_id == "SH-XH-001"
    assert info.fingerprint == signer.fingerprint == key_fingerprint(signer.public_key)


def test_bare_keys_load_without_a_kiosk_id() -> None:
    signer = ReceiptSigner.generate()
    pem = signer.public_pem()
    assert pem.startswith(b"-----BEGIN PUBLIC KEY-----")
    assert parse_public_key(pem).kiosk_id is None
    raw = signer.public_key.public_bytes_raw()
    assert parse_public_key(raw).fingerprint == signer.fingerprint
    with pytest.raises(SigningKeyError):
        parse_public_key(b"-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n")
