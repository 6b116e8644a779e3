"""An in-process card transport: any object that answers APDUs becomes a card on a reader.

For unit tests of the protocol layer without pcscd or a radio: the card is a Python
object with `power_up() -> ATR` and `transmit(apdu) -> response` that raises
`CardRemoved` when it leaves the field. The reader adds what a real one has: insertion
and removal, a reader that can be unplugged, and connections that fail once their card
is gone.
"""

from __future__ import annotations

import threading
import time
from typing import Protocol

from hardware.card_reader import CardConnection, CardReader
from hardware.errors import CardReaderError, CardRemoved, ReaderUnavailable


class InProcessCard(Protocol):
    def power_up(self) -> bytes: ...

    def transmit(self, apdu: bytes) -> bytes: ...


class InProcessConnection(CardConnection):
    extended_length: bool | None = None  # the transport itself carries any length

    def __init__(self, reader: "InProcessCardReader", card: InProcessCard, atr: bytes) -> None:
        self._reader = reader
        self._card = card
        self._closed = False
        self.atr = atr
        self.apdus = 0

    def transmit(self, apdu: bytes) -> bytes:
        if self._closed:
            raise CardReaderError("connection closed")
        if not self._reader._holds(self._card):
            raise CardRemoved("card left the field")
        self.apdus += 1
        try:
            return bytes(self._card.transmit(bytes(apdu)))
        except CardRemoved:
            self._reader._lost(self._card)
            raise

    def close(self) -> None:
        self._closed = True


class InProcessCardReader(CardReader):
    name = "in-process reader"
    POLL_S = 0.02

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._card: InProcessCard | None = None
        self._available = True

    def insert(self, card: InProcessCard) -> None:
        with self._cond:
            self._card = card
            self._cond.notify_all()

    def remove(self) -> None:
        with self._cond:
            self._card = None
            self._cond.notify_all()

    def unplug(self) -> None:
        with self._cond:
            self._available = False
            self._cond.notify_all()

    def plug(self) -> None:
        with self._cond:
            self._available = True
            self._cond.notify_all()

    def wait_for_card(self, timeout: float, cancel: threading.Event | None = None) -> CardConnection | None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                if not self._available:
                    raise ReaderUnavailable("card reader disconnected")
                if cancel is not None and cancel.is_set():
                    return None
                if self._card is not None:
                    card = self._card
                    return InProcessConnection(self, card, card.power_up())
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._cond.wait(min(remaining, self.POLL_S))

    def card_present(self) -> bool:
        with self._cond:
            return self._available and self._card is not None

    def field_empty(self) -> bool | None:
        with self._cond:
            if not self._available:
                raise ReaderUnavailable("card reader disconnected")
            return self._card is None

    def _holds(self, card: InProcessCard) -> bool:
        with self._cond:
            return self._available and self._card is card

    def _lost(self, card: InProcessCard) -> None:
        with self._cond:
            if self._card is card:
                self._card = None
                self._cond.notify_all()
