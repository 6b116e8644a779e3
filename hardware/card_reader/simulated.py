"""A simulated contactless reader and a demo eMRTD chip that answers ISO 7816-4.

The chip is a *demo device*: it answers SELECT and READ BINARY in plain text, with NO
access control (no BAC, no PACE, no secure messaging), so demo mode reads the specimen
card without asking the citizen for an access key; `kiosk.documents` reads it as a chip
without access control ("none") and still checks its EF.SOD. A real eMRTD refuses those
reads with 6982 until BAC or PACE has run: the strict emulator the tests use for that
(TD1 and TD3, PACE and BAC, secure messaging, short-APDU-only mode) is
tests/emulators/emrtd, deliberately separate from this chip's leniency.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable

from hardware.card_reader import CardConnection
from hardware.errors import CardReaderError, CardRemoved
from hardware.card_reader.one_card import OneCardReader

EMRTD_AID = bytes.fromhex("A0000002471001")

# File ids that live in the master file, readable before the LDS application is selected.
MASTER_FILE_IDS = frozenset({0x011C, 0x011D, 0x2F00, 0x2F01})

SW_OK = b"\x90\x00"
SW_END_OF_FILE = b"\x62\x82"        # fewer bytes than Le: end of file reached
SW_WRONG_LENGTH = b"\x67\x00"
SW_NO_CURRENT_EF = b"\x69\x86"      # command not allowed: no EF selected
SW_FILE_NOT_FOUND = b"\x6A\x82"
SW_WRONG_P1P2 = b"\x6A\x86"
SW_OFFSET_OUT_OF_RANGE = b"\x6B\x00"
SW_INS_NOT_SUPPORTED = b"\x6D\x00"
SW_CLA_NOT_SUPPORTED = b"\x6E\x00"

INS_SELECT = 0xA4
INS_READ_BINARY = 0xB0


def contactless_atr(historical: bytes) -> bytes:
    """The ATR a PC/SC reader synthesises for an ISO 14443-4 card (PC/SC part 3)."""
    body = bytes([0x80 | len(historical), 0x80, 0x01]) + historical
    tck = 0
    for b in body:
        tck ^= b
    return b"\x3B" + body + bytes([tck])


DEFAULT_ATR = contactless_atr(b"DEMO-eMRTD")


@dataclass(frozen=True)
class _Apdu:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes
    le: int | None  # expected length, 1..256, None when absent


def _parse_short_apdu(apdu: bytes) -> _Apdu | None:
    """Split a short APDU (cases 1-4); None when its length bytes do not add up."""
    if len(apdu) < 4:
        return None
    cla, ins, p1, p2 = apdu[:4]
    body = apdu[4:]
    if not body:
        return _Apdu(cla, ins, p1, p2, b"", None)
    if len(body) == 1:
        return _Apdu(cla, ins, p1, p2, b"", body[0] or 256)
    lc = body[0]
    if lc == 0:  # extended length: this chip speaks short APDUs only
        return None
    if len(body) == 1 + lc:
        return _Apdu(cla, ins, p1, p2, body[1:], None)
    if len(body) == 2 + lc:
        return _Apdu(cla, ins, p1, p2, body[1 : 1 + lc], body[-1] or 256)
    return None


class SimulatedChip:
    """A demo eMRTD chip: `files` maps a file id (e.g. 0x0101 for DG1) to its bytes.

    Test hooks: `pull_after_apdus` (the card slips out of the field when asked its N+1th
    APDU since power-up: that APDU and every later one on the same connection raise
    CardRemoved; the next power-up, i.e. the next `wait_for_card`, starts afresh and slips
    again after N), `leave_reader_on_pull` (the card is taken away instead: the reader no
    longer holds it), `latency_s` (time spent per APDU), `apdu_count`.
    """

    def __init__(
        self,
        files: dict[int, bytes],
        atr: bytes = DEFAULT_ATR,
        *,
        pull_after_apdus: int | None = None,
        leave_reader_on_pull: bool = False,
        latency_s: float = 0.0,
        has_emrtd_application: bool = True,
    ) -> None:
        self.files = dict(files)
        self.atr = atr
        self.pull_after_apdus = pull_after_apdus
        self.leave_reader_on_pull = leave_reader_on_pull
        self.latency_s = latency_s
        self.has_emrtd_application = has_emrtd_application
        self.apdu_count = 0          # since the last power-up
        self.total_apdus = 0         # over the chip's life, for benchmarks
        self._lock = threading.Lock()
        self._app_selected = False
        self._current: int | None = None
        self._out_of_field = False
        self._on_pulled: list[Callable[[SimulatedChip], None]] = []

    def connect(self) -> CardConnection:
        """A connection straight to the chip, with no reader in between (powers it up).

        For building demo data and for tests; the kiosk itself goes through a reader.
        """
        self.power_up()
        return _SimulatedConnection(None, self)

    def power_up(self) -> None:
        """Reset: nothing selected, counters back to zero (a card entering the field)."""
        with self._lock:
            self._app_selected = False
            self._current = None
            self._out_of_field = False
            self.apdu_count = 0

    def transmit(self, apdu: bytes) -> bytes:
        with self._lock:
            pulled_now = False
            if not self._out_of_field and self.pull_after_apdus is not None:
                pulled_now = self.apdu_count >= self.pull_after_apdus
                self._out_of_field = pulled_now
            out_of_field = self._out_of_field
            if not out_of_field:
                self.apdu_count += 1
                self.total_apdus += 1
                response = self._answer(bytes(apdu))
        if out_of_field:
            if pulled_now and self.leave_reader_on_pull:
                for callback in list(self._on_pulled):
                    callback(self)
            raise CardRemoved("card left the field")
        if self.latency_s:
            time.sleep(self.latency_s)
        return response

    # -- ISO 7816-4 ------------------------------------------------------------------

    def _answer(self, raw: bytes) -> bytes:
        apdu = _parse_short_apdu(raw)
        if apdu is None:
            return SW_WRONG_LENGTH
        if apdu.cla != 0x00:
            return SW_CLA_NOT_SUPPORTED
        if apdu.ins == INS_SELECT:
            return self._select(apdu)
        if apdu.ins == INS_READ_BINARY:
            return self._read_binary(apdu)
        return SW_INS_NOT_SUPPORTED

    def _select(self, apdu: _Apdu) -> bytes:
        if apdu.p2 != 0x0C:  # only 'no response data' (JMRTD's choice); no FCI/FCP here
            return SW_WRONG_P1P2
        if apdu.p1 == 0x04:  # by DF name (AID)
            if not apdu.data or apdu.le is not None:
                return SW_WRONG_LENGTH
            if apdu.data == EMRTD_AID and self.has_emrtd_application:
                self._app_selected = True
                self._current = None
                return SW_OK
            return SW_FILE_NOT_FOUND
        if apdu.p1 in (0x00, 0x02):  # by file id (00: any, 02: EF under current DF)
            if len(apdu.data) != 2 or apdu.le is not None:
                return SW_WRONG_LENGTH
            fid = int.from_bytes(apdu.data, "big")
            visible = fid in MASTER_FILE_IDS or self._app_selected
            if visible and fid in self.files:
                self._current = fid
                return SW_OK
            return SW_FILE_NOT_FOUND
        return SW_WRONG_P1P2

    def _read_binary(self, apdu: _Apdu) -> bytes:
        if apdu.p1 & 0x80:  # short-EF-id addressing: not offered by this demo chip
            return SW_WRONG_P1P2
        if apdu.data or apdu.le is None:
            return SW_WRONG_LENGTH
        if self._current is None:
            return SW_NO_CURRENT_EF
        content = self.files[self._current]
        offset = (apdu.p1 << 8) | apdu.p2
        if offset >= len(content):
            return SW_OFFSET_OUT_OF_RANGE
        chunk = content[offset : offset + apdu.le]
        return chunk + (SW_OK if len(chunk) == apdu.le else SW_END_OF_FILE)


class _SimulatedConnection(CardConnection):
    def __init__(self, reader: "SimulatedCardReader | None", chip: SimulatedChip) -> None:
        self._reader = reader
        self._chip = chip
        self._closed = False
        self.atr = chip.atr

    def transmit(self, apdu: bytes) -> bytes:
        if self._closed:
            raise CardReaderError("connection closed")
        if self._reader is not None and not self._reader._holds(self._chip):
            raise CardRemoved("card left the field")
        return self._chip.transmit(apdu)

    def close(self) -> None:
        if not self._closed and self._reader is not None:
            self._reader._released(self._chip)
        self._closed = True


class SimulatedCardReader(OneCardReader):
    """A reader with at most one chip in its field; tests `present()`, `remove()` and
    `swap()` it, and `unplug()` / `plug()` the reader itself.

    For the demo, `hand(chip)` gives the chip to a pretend citizen instead: they put it
    on the reader when the kiosk waits for a card and, with `hand_back_after_s`, take it
    back that long after the read, as a person does; so the kiosk's "take your card"
    rule works in the demo without anyone at the machine.
    """

    name = "simulated card reader"

    def __init__(self, hand_back_after_s: float | None = None) -> None:
        super().__init__()
        self._hand_back_after_s = hand_back_after_s
        self._in_hand: SimulatedChip | None = None
        self._take_at: float | None = None

    def hand(self, chip: SimulatedChip) -> None:
        """The pretend citizen holds `chip` and places it when a card is awaited."""
        with self._cond:
            self.remove()
            self._in_hand = chip

    def present(self, chip: SimulatedChip) -> None:
        with self._cond:
            self._in_hand, self._take_at = None, None
            if self._card is not None and self._card is not chip:
                self._card._on_pulled.remove(self._pulled)
            chip.power_up()
            if self._pulled not in chip._on_pulled:
                chip._on_pulled.append(self._pulled)
            self._place(chip)

    def remove(self) -> None:
        with self._cond:
            if self._card is not None:
                self._card._on_pulled.remove(self._pulled)
            self._place(None)

    def swap(self, chip: SimulatedChip) -> None:
        """The chip in the field is taken off and `chip` put on, quicker than any look."""
        with self._cond:
            self.remove()
            self.present(chip)

    def close(self) -> None:
        self.remove()

    # -- internals --------------------------------------------------------------------

    def _connect(self, chip: SimulatedChip) -> CardConnection:
        chip.power_up()
        return _SimulatedConnection(self, chip)

    def _before_look(self, placing: bool = False) -> None:
        """The pretend citizen: takes the card back once its time is up, and places
        the card in hand when the kiosk waits for one. Evaluated lazily, no thread."""
        if self._take_at is not None and time.monotonic() >= self._take_at:
            chip, self._take_at = self._card, None
            if chip is not None:
                self.remove()
                self._in_hand = chip
        if placing and self._card is None and self._in_hand is not None:
            chip, self._in_hand = self._in_hand, None
            self.present(chip)

    def _released(self, chip: SimulatedChip) -> None:
        with self._cond:
            if self._hand_back_after_s is not None and self._card is chip:
                self._take_at = time.monotonic() + self._hand_back_after_s

    def _pulled(self, chip: SimulatedChip) -> None:
        with self._cond:
            if self._card is chip:
                chip._on_pulled.remove(self._pulled)
                self._place(None)
