"""The common part of the readers that keep their card in memory (the demo's simulated
reader and the tests' in-process reader): at most one card in the field, a reader that
can be unplugged, and waits that honour a cancel event.

Real readers (PC/SC, nfcpy) learn the field from the device instead; these two differ
only in what a card is and how a connection to it is made, which `_connect` says.

Like pcscd, the reader counts every card that enters or leaves its field, so a test can
take one card off and put another on between two looks (`swap`) and the kiosk still
sees the first one go.
"""

from __future__ import annotations

import threading
import time
from abc import abstractmethod
from typing import Any

from hardware.card_reader import CardConnection, CardReader
from hardware.errors import ReaderUnavailable


class OneCardReader(CardReader):
    POLL_S = 0.05  # slice of a wait, so that `cancel` is honoured promptly

    def __init__(self) -> None:
        self._cond = threading.Condition()   # re-entrant: subclass hooks run inside waits
        self._card: Any = None
        self._available = True
        self._events = 0                    # cards that entered or left the field
        self._seen_at: int | None = None    # `_events` when `field_empty` last saw a card

    def unplug(self) -> None:
        """The reader itself goes away, like a USB reader pulled out of the kiosk."""
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
                self._before_look(placing=True)
                if self._card is not None:
                    return self._connect(self._card)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                # A Condition cannot wait on the cancel Event as well: wait in slices.
                self._cond.wait(min(remaining, self.POLL_S))

    def card_present(self) -> bool:
        with self._cond:
            self._before_look()
            return self._available and self._card is not None

    def probe(self) -> bool | None:
        with self._cond:
            if not self._available:
                raise ReaderUnavailable("card reader disconnected")
            return True

    def expect_removal(self) -> None:
        self._seen_at = None

    def field_empty(self) -> bool | None:
        with self._cond:
            if not self._available:
                self._seen_at = None
                raise ReaderUnavailable("card reader disconnected")
            self._before_look()
            seen_at = self._seen_at
            if self._card is None:
                self._seen_at = None
                return True
            if seen_at is not None and seen_at != self._events:
                self._seen_at = None          # swapped: the card seen before has gone
                return True
            self._seen_at = self._events
            return False

    # -- for subclasses and their connections -------------------------------------------

    def _place(self, card: Any) -> None:
        """Put `card` (None: nothing) in the field, counting what leaves and what comes
        (called with the lock held)."""
        if card is self._card:
            return
        self._events += (self._card is not None) + (card is not None)
        self._card = card
        self._cond.notify_all()

    @abstractmethod
    def _connect(self, card: Any) -> CardConnection:
        """A connection to `card`, which is in the field (called with the lock held)."""

    def _before_look(self, placing: bool = False) -> None:
        """Called with the lock held before the field is looked at; `placing` when a
        card is being waited for. The demo's pretend citizen acts here."""

    def _holds(self, card: Any) -> bool:
        with self._cond:
            return self._available and self._card is card
