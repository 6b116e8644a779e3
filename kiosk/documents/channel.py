"""The APDU channel to one chip: secure messaging on or off, counting, cancel, errors.

This is the only place that calls `CardConnection.transmit` during a read (JMRTD's
PassportService role): it wraps each command when a secure-messaging session is set,
unwraps the answer, counts APDUs, honours the cancel event between APDUs, and turns a
card leaving the field into CardPulled. What wraps and unwraps is a SecureChannel:
`secure_messaging.SecureMessaging` once BAC or PACE has opened a session, PlainChannel
for a session established elsewhere that needs no protection, or a test double.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Protocol

from hardware.card_reader import CardConnection
from hardware.errors import CardRemoved
from kiosk.documents.apdu import split_response
from kiosk.documents.crypto import CipherKind
from kiosk.documents.errors import CardPulled, MalformedDocument, ReadCancelled
from kiosk.documents.secure_messaging import max_plain_length

# A whole document needs about 100 APDUs in 223-byte blocks; a chip that needs thousands
# is answering in slivers (damaged or hostile) and would keep the citizen waiting forever.
MAX_APDUS = 4096


class SecureChannel(Protocol):
    """Wraps command APDUs and unwraps responses (secure messaging, or nothing)."""

    def wrap(self, apdu: bytes) -> bytes: ...

    def unwrap(self, response: bytes) -> bytes: ...


class PlainChannel:
    """No secure messaging: APDUs pass unchanged (demo chips, unprotected files)."""

    def wrap(self, apdu: bytes) -> bytes:
        return apdu

    def unwrap(self, response: bytes) -> bytes:
        return response


@dataclass
class ReadStats:
    """Counters and per-phase wall-clock times of one read (for the CLI and benchmarks)."""

    apdus: int = 0
    bytes_read: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


class ChipChannel:
    def __init__(self, conn: CardConnection, cancel: threading.Event | None = None,
                 stats: ReadStats | None = None) -> None:
        self.conn = conn
        self.cancel = cancel
        self.stats = stats or ReadStats()
        self.secure: SecureChannel | None = None

    def send(self, apdu: bytes) -> tuple[bytes, int]:
        """Send one command (protected when a session is set); returns (data, SW)."""
        if self.cancel is not None and self.cancel.is_set():
            raise ReadCancelled("read cancelled")
        if self.stats.apdus >= MAX_APDUS:
            raise MalformedDocument(f"the chip needed more than {MAX_APDUS} APDUs")
        command = self.secure.wrap(apdu) if self.secure is not None else apdu
        try:
            raw = self.conn.transmit(command)
        except CardRemoved as exc:
            raise CardPulled("the card left the reader during the read") from exc
        self.stats.apdus += 1
        response = self.secure.unwrap(raw) if self.secure is not None else raw
        return split_response(response)

    def plain_limit(self, limit: int) -> int:
        """The most plain data one answer can carry when the chip sends at most `limit`
        bytes: secure messaging's overhead counted exactly for its ciphers, generously
        (64 bytes) for a wrapper it does not know."""
        kind = getattr(self.secure, "kind", None)
        if isinstance(kind, CipherKind):
            return max_plain_length(limit, kind)
        if self.secure is not None:
            return limit - 64
        return limit
