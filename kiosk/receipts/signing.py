"""The kiosk's receipt-signing key: Ed25519, one key pair per kiosk.

Ed25519 because its signatures are short (64 bytes, 86 characters in the QR code) and
deterministic (a reprinted receipt carries the very same signature), and verification
needs only the 32-byte public key, which the office collects from every kiosk.

The private key is a PKCS#8 PEM file readable by the kiosk's user only (0600, folder
0700), created atomically on first start, like the queue's data key. The public key is
exported next to it as a PEM file whose first line names the kiosk
(`Kiosk-Id: SH-XH-001`); PEM readers skip text before the BEGIN line, and the verifier
uses it to tell "signed by another kiosk" from "forged".
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.private_files import create_private_file

from kiosk.receipts.model import Receipt
from kiosk.receipts.payload import encode_signature

KIOSK_ID_HEADER = "Kiosk-Id"
_HEADER_RE = re.compile(rf"^{KIOSK_ID_HEADER}:\s*(\S+)\s*$", re.MULTILINE | re.IGNORECASE)


class SigningKeyError(Exception):
    """The key file is unusable (not an Ed25519 key, readable by others, ...)."""


def key_fingerprint(public_key: Ed25519PublicKey) -> str:
    """16 hex digits naming a public key (sha256 of its raw 32 bytes), for logs and reports."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True)
class PublicKeyInfo:
    """A verifier's view of one kiosk key: the key, and the kiosk it belongs to if known."""

    key: Ed25519PublicKey
    kiosk_id: str | None = None
    source: str = ""

    @property
    def fingerprint(self) -> str:
        return key_fingerprint(self.key)


@dataclass(frozen=True)
class ReceiptSigner:
    private_key: Ed25519PrivateKey = field(repr=False)
    kiosk_id: str | None = None
    verify_page: str = ""   # receipt.verify_page: signed receipts' QR codes link there

    @classmethod
    def generate(cls, kiosk_id: str | None = None, verify_page: str = "") -> ReceiptSigner:
        return cls(Ed25519PrivateKey.generate(), kiosk_id, verify_page)

    @classmethod
    def load_or_create(cls, path: Path, kiosk_id: str | None = None, verify_page: str = "") -> ReceiptSigner:
        """The key at `path`, created (0600, folder 0700) on first use."""
        path = Path(path)
        if not path.exists():
            _create_private_key_file(path)
        return cls(_load_private_key(path), kiosk_id, verify_page)

    @classmethod
    def load(cls, path: Path, kiosk_id: str | None = None) -> ReceiptSigner:
        """The existing key at `path` (never creates one); SigningKeyError if unusable."""
        return cls(_load_private_key(Path(path)), kiosk_id)

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    @property
    def fingerprint(self) -> str:
        return key_fingerprint(self.public_key)

    @property
    def public_info(self) -> PublicKeyInfo:
        return PublicKeyInfo(self.public_key, self.kiosk_id, "this kiosk")

    def sign(self, payload: str) -> str:
        """The signature over `payload`'s UTF-8 bytes, as the QR code carries it."""
        return encode_signature(self.private_key.sign(payload.encode("utf-8")))

    def sign_receipt(self, receipt: Receipt) -> Receipt:
        return replace(receipt, signature=self.sign(receipt.qr_payload), verify_page=self.verify_page)

    def public_pem(self) -> bytes:
        pem = self.public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        header = f"{KIOSK_ID_HEADER}: {self.kiosk_id}\n".encode() if self.kiosk_id else b""
        return header + pem

    def export_public_key(self, path: Path) -> Path:
        """Write the public key for verifiers (atomically; world-readable, it is public)."""
        path = Path(path)
        data = self.public_pem()
        if path.exists() and path.read_bytes() == data:
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        return path


def signer_from_config(cfg) -> ReceiptSigner:  # type: ignore[no-untyped-def]  # cfg: kiosk.config.KioskConfig
    """This kiosk's signing key (created on first use), with its public key exported."""
    signer = ReceiptSigner.load_or_create(
        cfg.resolve_path(cfg.receipt.signing_key), cfg.kiosk.id, cfg.receipt.verify_page
    )
    signer.export_public_key(cfg.resolve_path(cfg.receipt.public_key))
    return signer


def load_public_key(path: Path) -> PublicKeyInfo:
    """A public key exported by `export_public_key` (or any Ed25519 PEM / raw 32-byte file)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningKeyError(f"cannot read public key {path}: {exc.strerror}") from None
    return parse_public_key(data, source=str(path))


def parse_public_key(data: bytes, source: str = "") -> PublicKeyInfo:
    kiosk_id = None
    if len(data) == 32:
        key = Ed25519PublicKey.from_public_bytes(data)
    else:
        text = data.decode("utf-8", errors="replace")
        m = _HEADER_RE.search(text.split("-----BEGIN", 1)[0])
        kiosk_id = m.group(1).upper() if m else None
        try:
            loaded = serialization.load_pem_public_key(data)
        except ValueError:
            raise SigningKeyError(f"{source or 'the data'} holds no PEM public key") from None
        if not isinstance(loaded, Ed25519PublicKey):
            raise SigningKeyError(f"{source or 'the key'} is not an Ed25519 key")
        key = loaded
    return PublicKeyInfo(key, kiosk_id, source)


MAX_KEY_BYTES = 64 * 1024  # a PEM Ed25519 key is 119 bytes


def _load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise SigningKeyError(f"receipt signing key {path} is not a file")
        if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            # Like ssh with a private key: refuse rather than use a key others may have read.
            raise SigningKeyError(
                f"receipt signing key {path} is accessible by group or others "
                f"(mode {stat.S_IMODE(st.st_mode):04o}); it must be 0600"
            )
        with open(path, "rb") as f:
            data = f.read(MAX_KEY_BYTES + 1)
    except OSError as exc:
        raise SigningKeyError(f"receipt signing key {path} cannot be read: {exc.strerror or exc}") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise SigningKeyError(f"receipt signing key {path} is not an unencrypted PEM private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"receipt signing key {path} is not an Ed25519 key")
    return key


def _create_private_key_file(path: Path) -> None:
    """A new Ed25519 key, written so that a power cut or a second process cannot break it."""
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    create_private_file(path, pem)
