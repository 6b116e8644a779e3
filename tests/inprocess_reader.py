"""An in-process card transport: any object that answers APDUs becomes a card on a reader.

For tests of the protocol layer without pcscd or a radio; no configuration can name it,
so it lives with the tests, not in `hardware/`. The card is a Python object with
`power_up() -> ATR` and `transmit(apdu) -> response` that raises `CardRemoved` when it
leaves the field. The reader adds what a real one has: insertion and removal, a reader
that can be unplugged, and connections that fail once their card is gone.
"""

from __future__ import annotations

from typing import Protocol

from hardware.card_reader import CardConnection
from hardware.card_reader.one_card import OneCardReader
from hardware.errors import CardReaderError, CardRemoved


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


class InProcessCardReader(OneCardReader):
    name = "in-process reader"
    POLL_S = 0.02

    def insert(self, card: InProcessCard) -> None:
        with self._cond:
            self._place(card)

    def remove(self) -> None:
        with self._cond:
            self._place(None)

    def swap(self, card: InProcessCard) -> None:
        """The card in the field is taken off and `card` put on, quicker than any look."""
        with self._cond:
            self._place(None)
            self._place(card)

    def _connect(self, card: InProcessCard) -> CardConnection:
        return InProcessConnection(self, card, card.power_up())

    def _lost(self, card: InProcessCard) -> None:
        with self._cond:
            if self._card is card:
                self._place(None)
