"""Encryption at rest of the queued applications.

Everything personal in an application (names, ID number, phone, address, portrait,
signature) is encrypted before it reaches SQLite, so the database file, its WAL and
any backup of them hold only ciphertext. The key lives in its own file, outside the
database and readable by the kiosk's user only; a stolen disk image without that file
reveals nothing but application numbers, dates, states and case kinds.

AES-256-GCM (cryptography's `AESGCM`) with a fresh random 96-bit nonce per row. The
application id is the associated data, so a ciphertext moved to another row fails to
decrypt instead of silently becoming someone else's application.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.private_files import create_private_file

KEY_BYTES = 32
NONCE_BYTES = 12


class KeyFileError(Exception):
    """The key file is unusable (wrong length, readable by others, ...)."""


class DecryptionError(Exception):
    """A row did not decrypt: wrong key, tampered data, or a row moved to another id."""


@dataclass(frozen=True)
class DataKey:
    key: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.key) != KEY_BYTES:
            raise KeyFileError(f"a data key is {KEY_BYTES} bytes, got {len(self.key)}")

    @property
    def key_id(self) -> str:
        """Names the key without revealing it; stored with each row for key rotation."""
        return hashlib.sha256(self.key).hexdigest()[:8]

    @classmethod
    def generate(cls) -> DataKey:
        return cls(os.urandom(KEY_BYTES))

    @classmethod
    def load_or_create(cls, path: Path) -> DataKey:
        """Load the key at `path`, creating it (mode 0600, parent 0700) on first start.

        Creation is atomic: the key is written and fsynced under a temporary name, then
        hard-linked into place, so a power cut never leaves a short key file behind and
        two processes starting together end up with the same key.
        """
        path = Path(path)
        if not path.exists():
            _create_key_file(path)
        return cls.load(path)

    @classmethod
    def load(cls, path: Path) -> DataKey:
        """Load an existing key file (an earlier key kept for rotation); never creates one."""
        path = Path(path)
        try:
            st = path.stat()
        except FileNotFoundError:
            raise KeyFileError(f"data key file {path} does not exist") from None
        if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            # Like ssh with a private key: refuse rather than use a key others may have read.
            raise KeyFileError(
                f"data key file {path} is accessible by group or others "
                f"(mode {stat.S_IMODE(st.st_mode):04o}); it must be 0600"
            )
        try:
            data = path.read_bytes()
        except OSError as exc:  # a folder, or not readable by the kiosk's user
            raise KeyFileError(f"data key file {path} cannot be read: {exc.strerror or exc}") from None
        if len(data) != KEY_BYTES:
            raise KeyFileError(f"data key file {path} holds {len(data)} bytes, not {KEY_BYTES}")
        return cls(data)

    def encrypt(self, plaintext: bytes, associated_data: bytes) -> tuple[bytes, bytes]:
        """Return (nonce, ciphertext with tag)."""
        nonce = os.urandom(NONCE_BYTES)
        return nonce, AESGCM(self.key).encrypt(nonce, plaintext, associated_data)

    def decrypt(self, nonce: bytes, ciphertext: bytes, associated_data: bytes) -> bytes:
        try:
            return AESGCM(self.key).decrypt(nonce, ciphertext, associated_data)
        except InvalidTag:
            raise DecryptionError(
                "ciphertext failed authentication (wrong key, tampered or moved row)"
            ) from None


def _create_key_file(path: Path) -> None:
    create_private_file(path, os.urandom(KEY_BYTES))
