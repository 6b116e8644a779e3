"""PC/SC card readers through pyscard (pcscd on Linux): most desktop passport readers.

Built on pyscard's thin `smartcard.scard` layer rather than its high-level `CardRequest`
and `CardMonitor` classes: the kiosk needs the PC/SC status codes themselves (a removed
card, a vanished reader and a stopped pcscd each lead to a different screen), waits that
a cancel event can end, and connections whose lifetime it controls (a collected
`CardRequest` releases the context under its connection). Each wait uses its own PC/SC
context, so a status poll never blocks behind a transmit of another thread.

Reader selection: the first reader whose name matches `pattern` (a regular expression,
searched case-insensitively; empty = the first reader). A reader that disappears (USB
unplugged, pcscd restarted) raises ReaderUnavailable; once it is back, the next wait
finds it again.

A card swapped between two looks (the old card off, another on, quicker than the kiosk
polls) is told by the reader's event count: pcscd counts every insertion and removal it
sees on a reader and hands the count over in the high 16 bits of the reader state
(pcsc-lite since 1.4.1). pcsc-lite 1.9 asks a polled driver such as vpcd every 400 ms,
and vpcd reports a swap as one removal and one insertion however quick it was, so the
count moves by two while the card seems to have lain there all along. Counts start
again with pcscd, so they are compared only within one PC/SC context; a stack that
keeps no count leaves the high bits zero, and then only an empty field counts.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from enum import Enum

from smartcard import scard

from hardware.card_reader import CardConnection, CardReader
from hardware.errors import CardReaderError, CardRemoved, ReaderUnavailable

_CARD_GONE = {
    scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_RESET_CARD,
    scard.SCARD_E_NOT_TRANSACTED, scard.SCARD_W_UNPOWERED_CARD, scard.SCARD_W_UNRESPONSIVE_CARD,
    scard.SCARD_E_INVALID_HANDLE,
}
_READER_GONE = {
    scard.SCARD_E_READER_UNAVAILABLE, scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED,
    scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_NO_READERS_AVAILABLE, scard.SCARD_F_COMM_ERROR,
    scard.SCARD_E_INVALID_HANDLE,
}
_CONTEXT_DEAD = {scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED, scard.SCARD_E_INVALID_HANDLE}
SHORT_APDU_LIMIT = 261  # 5 + 255 + 1: a reader that states no more cannot carry extended APDUs


def _code(hresult: int) -> int:
    return hresult & 0xFFFFFFFF


def _message(hresult: int) -> str:
    try:
        return f"{scard.SCardGetErrorMessage(hresult)} (0x{_code(hresult):08X})"
    except Exception:  # noqa: BLE001 - only for messages
        return f"0x{_code(hresult):08X}"


def _codes(names: set[int]) -> set[int]:
    return {_code(n) for n in names}


_CARD_GONE_CODES = _codes(_CARD_GONE)
_READER_GONE_CODES = _codes(_READER_GONE)
_CONTEXT_DEAD_CODES = _codes(_CONTEXT_DEAD)


def _events(state: int) -> int:
    """The reader's event count (insertions and removals pcscd has seen), modulo 2**16."""
    return (state >> 16) & 0xFFFF


class CardEvent(Enum):
    INSERTED = "inserted"
    REMOVED = "removed"
    READER_GONE = "reader_gone"


@dataclass(frozen=True)
class ReaderStatus:
    reader: str
    present: bool
    atr: bytes
    events: int = 0   # the reader's event count (see the module's docstring)


class _Context:
    """One PC/SC context, released when closed or garbage collected."""

    def __init__(self) -> None:
        hr, self.handle = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hr != scard.SCARD_S_SUCCESS:
            raise ReaderUnavailable(f"PC/SC service unavailable: {_message(hr)}")
        self._open = True

    def close(self) -> None:
        if self._open:
            self._open = False
            scard.SCardReleaseContext(self.handle)

    def __del__(self) -> None:  # pragma: no cover - best effort
        try:
            self.close()
        except Exception:  # noqa: BLE001
            pass

    def readers(self) -> list[str]:
        hr, readers = scard.SCardListReaders(self.handle, [])
        if _code(hr) == _code(scard.SCARD_E_NO_READERS_AVAILABLE):
            return []
        if hr != scard.SCARD_S_SUCCESS:
            raise ReaderUnavailable(f"cannot list PC/SC readers: {_message(hr)}")
        return list(readers)


class PcscConnection(CardConnection):
    def __init__(self, context: _Context, handle: int, protocol: int, atr: bytes, reader: str) -> None:
        self._context = context
        self._handle = handle
        self._protocol = protocol
        self._closed = False
        self._lock = threading.Lock()
        self.atr = atr
        self.reader = reader
        self.extended_length = self._extended_capability()

    def _extended_capability(self) -> bool | None:
        """False when the reader states a maximum too small for extended APDUs; None
        when it does not say (then the chip's statement decides)."""
        try:
            hr, value = scard.SCardGetAttrib(self._handle, scard.SCARD_ATTR_MAXINPUT)
        except Exception:  # noqa: BLE001 - attribute unsupported by some drivers
            return None
        if hr != scard.SCARD_S_SUCCESS or not value:
            return None
        maximum = int.from_bytes(bytes(value[:4]), "little")
        return maximum > SHORT_APDU_LIMIT

    def transmit(self, apdu: bytes) -> bytes:
        with self._lock:
            if self._closed:
                raise CardReaderError("connection closed")
            response = self._transmit(bytes(apdu))
            # T=0 transport: 61xx means "GET RESPONSE for xx more bytes" (ISO 7816-3).
            data = b""
            while len(response) == 2 and response[0] == 0x61:
                data += response[:-2]
                response = self._transmit(b"\x00\xC0\x00\x00" + response[1:2])
            return data + response

    def _transmit(self, apdu: bytes) -> bytes:
        hr, response = scard.SCardTransmit(self._handle, self._protocol, list(apdu))
        if hr == scard.SCARD_S_SUCCESS:
            if len(response) >= 2:
                return bytes(response)
            # No status word: the card went mute mid-exchange (vpcd reports a vanished
            # card this way). For the kiosk a mute card is a card to put back.
            raise CardRemoved("the card did not answer")
        code = _code(hr)
        if code in _CARD_GONE_CODES:
            raise CardRemoved(f"card left the reader: {_message(hr)}")
        if code in _READER_GONE_CODES:
            raise ReaderUnavailable(f"card reader lost: {_message(hr)}")
        raise CardReaderError(f"PC/SC transmit failed: {_message(hr)}")

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                scard.SCardDisconnect(self._handle, scard.SCARD_LEAVE_CARD)
            finally:
                self._context.close()


class PcscCardReader(CardReader):
    POLL_MS = 200   # slice of a blocking wait, so that `cancel` is honoured promptly

    def __init__(self, pattern: str = "") -> None:
        self.pattern = pattern
        self._regex = re.compile(pattern, re.IGNORECASE) if pattern else None
        self._lock = threading.Lock()
        self._status_context: _Context | None = None
        self._epoch = 0     # bumps with every new status context: counts of an old pcscd do not compare
        self._seen: tuple[int, str, int] | None = None   # (epoch, reader, count) of the card last seen
        self.name = f"PC/SC reader /{pattern}/" if pattern else "PC/SC reader"

    # -- readers ------------------------------------------------------------------------

    def _choose(self, readers: list[str]) -> str | None:
        for reader in readers:
            if self._regex is None or self._regex.search(reader):
                return reader
        return None

    def reader_name(self) -> str:
        """The name of the reader this driver would use now; ReaderUnavailable if none."""
        context = _Context()
        try:
            chosen = self._choose(context.readers())
        finally:
            context.close()
        if chosen is None:
            raise ReaderUnavailable(self._missing())
        return chosen

    def _missing(self) -> str:
        return f"no PC/SC reader matches /{self.pattern}/" if self.pattern else "no PC/SC reader connected"

    # -- waiting ------------------------------------------------------------------------

    def _status(self, context: _Context, reader: str, known: int, timeout_ms: int) -> tuple[int, bytes]:
        hr, states = scard.SCardGetStatusChange(context.handle, timeout_ms, [(reader, known)])
        code = _code(hr)
        if code == _code(scard.SCARD_E_TIMEOUT):
            return known, b""
        if hr != scard.SCARD_S_SUCCESS:
            if code in _READER_GONE_CODES or code in _CONTEXT_DEAD_CODES:
                raise ReaderUnavailable(f"card reader lost: {_message(hr)}")
            raise CardReaderError(f"PC/SC status failed: {_message(hr)}")
        _, state, atr = states[0]
        if state & (scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_UNAVAILABLE):
            raise ReaderUnavailable(f"card reader {reader} is gone")
        return state & ~scard.SCARD_STATE_CHANGED, bytes(atr)

    def wait_for_card(self, timeout: float, cancel: threading.Event | None = None) -> CardConnection | None:
        deadline = time.monotonic() + timeout
        context = _Context()
        try:
            reader = self._choose(context.readers())
            if reader is None:
                raise ReaderUnavailable(self._missing())
            state = scard.SCARD_STATE_UNAWARE
            while True:
                if cancel is not None and cancel.is_set():
                    return None
                remaining = deadline - time.monotonic()
                slice_ms = max(0, min(self.POLL_MS, int(remaining * 1000)))
                state, _ = self._status(context, reader, state, slice_ms if state else 0)
                if state & scard.SCARD_STATE_PRESENT and not state & scard.SCARD_STATE_MUTE:
                    connection = self._connect(context, reader)
                    if connection is not None:
                        context = None  # owned by the connection now
                        return connection
                if remaining <= 0:
                    return None
        finally:
            if context is not None:
                context.close()

    def _connect(self, context: _Context, reader: str) -> PcscConnection | None:
        hr, handle, protocol = scard.SCardConnect(
            context.handle, reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
        )
        code = _code(hr)
        if code in _CARD_GONE_CODES or code == _code(scard.SCARD_W_UNRESPONSIVE_CARD):
            return None  # left again before we could connect: keep waiting
        if hr != scard.SCARD_S_SUCCESS:
            if code in _READER_GONE_CODES:
                raise ReaderUnavailable(f"card reader lost: {_message(hr)}")
            raise CardReaderError(f"cannot connect to the card: {_message(hr)}")
        hr, _, _, _, atr = scard.SCardStatus(handle)
        return PcscConnection(context, handle, protocol, bytes(atr) if hr == scard.SCARD_S_SUCCESS else b"", reader)

    def status(self) -> ReaderStatus:
        """The chosen reader and whether a card is in it (no wait)."""
        return self._look()[0]

    def _look(self) -> tuple[ReaderStatus, int]:
        """`status()` and the epoch of the context that saw it."""
        with self._lock:
            for attempt in range(2):
                if self._status_context is None:
                    self._status_context = _Context()
                    self._epoch += 1
                try:
                    reader = self._choose(self._status_context.readers())
                    if reader is None:
                        raise ReaderUnavailable(self._missing())
                    state, atr = self._status(self._status_context, reader, scard.SCARD_STATE_UNAWARE, 0)
                    present = bool(state & scard.SCARD_STATE_PRESENT)
                    return ReaderStatus(reader, present, atr, _events(state)), self._epoch
                except ReaderUnavailable:
                    # pcscd may have restarted: a fresh context sees the new world.
                    self._status_context.close()
                    self._status_context = None
                    if attempt:
                        raise
            raise ReaderUnavailable(self._missing())  # pragma: no cover

    def probe(self) -> bool | None:
        """The reader is listed by pcscd (its own context: a list never waits behind a
        read, and never touches the card or the event count `field_empty` compares)."""
        self.reader_name()
        return True

    def card_present(self) -> bool:
        try:
            return self.status().present
        except ReaderUnavailable:
            return False

    def expect_removal(self) -> None:
        self._seen = None

    def field_empty(self) -> bool | None:
        try:
            status, epoch = self._look()
        except ReaderUnavailable:
            self._seen = None                     # the reader is gone: nothing to compare with
            raise
        except Exception:  # noqa: BLE001 - a PC/SC hiccup: unknown, never "taken"
            return None
        if not status.present:
            self._seen = None
            return True
        seen, now = self._seen, (epoch, status.reader, status.events)
        if seen is not None and seen[:2] == now[:2] and seen[2] != now[2]:
            # pcscd counted the card seen last time leaving (and this one coming): a swap.
            self._seen = None
            return True
        self._seen = now
        return False

    def wait_for_event(self, timeout: float, cancel: threading.Event | None = None) -> CardEvent | None:
        """The next insertion or removal on the reader (or its disappearance), else None.
        A swap is a removal: the reader counted the card leaving, though one is there."""
        deadline = time.monotonic() + timeout
        context = _Context()
        try:
            reader = self._choose(context.readers())
            if reader is None:
                return CardEvent.READER_GONE
            state, _ = self._status(context, reader, scard.SCARD_STATE_UNAWARE, 0)
            present = bool(state & scard.SCARD_STATE_PRESENT)
            while (remaining := deadline - time.monotonic()) > 0:
                if cancel is not None and cancel.is_set():
                    return None
                before = _events(state)
                try:
                    state, _ = self._status(context, reader, state, max(1, min(self.POLL_MS, int(remaining * 1000))))
                except ReaderUnavailable:
                    return CardEvent.READER_GONE
                now_present = bool(state & scard.SCARD_STATE_PRESENT)
                if now_present != present:
                    return CardEvent.INSERTED if now_present else CardEvent.REMOVED
                if present and _events(state) != before:
                    return CardEvent.REMOVED
            return None
        finally:
            context.close()

    def close(self) -> None:
        with self._lock:
            if self._status_context is not None:
                self._status_context.close()
                self._status_context = None
