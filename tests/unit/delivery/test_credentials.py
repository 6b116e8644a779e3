"""The checks of the kiosk's TLS credentials, shared by `kiosk config check` and the client.

(The client's own refusal of a key others can read is in test_client.py.)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from kiosk.delivery.credentials import CredentialError, check_credentials, client_ssl_context
from kiosk.delivery.selftest.loopback_pki import LoopbackPki, make_loopback_pki

@pytest.fixture
def pki(tmp_path: Path) -> LoopbackPki:
    return make_loopback_pki(tmp_path / "tls", "KIOSK-0001")


def test_clean_credentials_report_their_subject_and_expiry(pki: LoopbackPki) -> None:
    report = check_credentials(pki.client_cert, pki.client_key, pki.ca_cert)
    assert report.problems == []
    assert report.subject == "CN=KIOSK-0001" and report.ca_certificates == 1
    assert report.not_after is not None and report.not_after > dt.datetime.now(dt.UTC)


def test_a_passphrase_protected_key_is_named(pki: LoopbackPki) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    pki.client_key.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"secret"),
    ))
    [problem] = check_credentials(pki.client_cert, pki.client_key, None).problems
    assert problem.setting == "client_key" and "passphrase" in str(problem)


@pytest.mark.parametrize("what", ["folder", "empty", "random", "huge"])
def test_files_that_are_not_credentials_are_named(pki: LoopbackPki, what: str) -> None:
    cert = pki.client_cert
    if what == "folder":
        cert.unlink()
        cert.mkdir()
    elif what == "empty":
        cert.write_bytes(b"")
    elif what == "random":
        cert.write_bytes(bytes(range(256)) * 4)
    else:
        cert.write_bytes(b"#" * (2 * 1024 * 1024))
    [problem] = check_credentials(cert, pki.client_key, pki.ca_cert).problems
    assert problem.setting == "client_cert"


def test_the_context_the_client_uses_refuses_the_same_keys(pki: LoopbackPki) -> None:
    client_ssl_context(pki.client_cert, pki.client_key, pki.ca_cert)
    pki.client_key.chmod(0o660)
    with pytest.raises(CredentialError):
        client_ssl_context(pki.client_cert, pki.client_key, pki.ca_cert)
