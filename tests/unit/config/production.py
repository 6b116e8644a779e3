"""A production configuration file for the checks' tests, and CSCA certificates to trust."""

from __future__ import annotations

import base64
from pathlib import Path

from cryptography import x509 as cx509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kiosk.demo.specimen_pki import make_certificate


def csca(country: str, organisation: str = "Ministry of Testing") -> bytes:
    """A CSCA certificate (PEM) of a made-up authority that is not a specimen."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = cx509.Name([
        cx509.NameAttribute(NameOID.COUNTRY_NAME, country),
        cx509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        cx509.NameAttribute(NameOID.COMMON_NAME, f"CSCA {country}"),
    ])
    cert = make_certificate(name, key, name, key, ca=True, serial=1)
    return b"-----BEGIN CERTIFICATE-----\n" + _b64(cert.dump()) + b"-----END CERTIFICATE-----\n"


def _b64(data: bytes) -> bytes:
    text = base64.b64encode(data)
    return b"".join(text[i : i + 64] + b"\n" for i in range(0, len(text), 64))


def production_file(tmp_path: Path, extra: str = "") -> Path:
    data = tmp_path / "data"
    path = tmp_path / "kiosk.toml"
    path.write_text(
        "# a production kiosk\n"                           # 1
        "[kiosk]\n"                                         # 2
        f'data_dir = "{data}"\n'                            # 3
        "[devices.card_reader]\n"                           # 4
        'driver = "pcsc"\n'                                 # 5
        'trust_dir = "trust"\n'                             # 6
        + extra
        # A kiosk without the office's look-ups (they need a reachable office and TLS
        # files); tests of the look-ups' own checks write their own [office].
        + ("" if "[office]" in extra else "\n[office]\nenabled = false\n"),
        encoding="utf-8",
    )
    return path


def trust(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "trust"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
