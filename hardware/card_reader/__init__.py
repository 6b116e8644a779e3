"""Chip-card reader interface: card presence and APDU exchange, nothing more.

The eMRTD protocol that gives these bytes a meaning lives in `kiosk.documents`.
Drivers beside it: `pcsc` (pyscard), `nfc` (nfcpy), `simulated` (the demo's reader and
chip), the last on `one_card`, the base of readers that keep their card in memory.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod


class CardConnection(ABC):
    """An open channel to one card in the field."""

    atr: bytes = b""

    @abstractmethod
    def transmit(self, apdu: bytes) -> bytes:
        """Send a command APDU; return response data followed by SW1 SW2.

        Raises CardRemoved when the card leaves the field mid-exchange.
        """

    @abstractmethod
    def close(self) -> None:
        """Release the card. Safe to call twice."""

    def __enter__(self) -> "CardConnection":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class CardReader(ABC):
    name: str = "card reader"
    REMOVAL_POLL_S = 0.2   # slice of `wait_for_removal`, so that `cancel` is honoured promptly

    @abstractmethod
    def wait_for_card(self, timeout: float, cancel: threading.Event | None = None) -> CardConnection | None:
        """Block until a card is presented and connect to it.

        Returns None on timeout or when `cancel` is set. Raises ReaderUnavailable.
        """

    @abstractmethod
    def card_present(self) -> bool:
        """Whether a card is in the field now (cheap; used to prompt 'remove your card')."""

    def expect_removal(self) -> None:
        """Whatever card lies on the reader now is one that must be seen leaving it.

        `field_empty` compares each look with the card it saw at its previous look, so
        that a card taken off and another put on between two looks (a swap) still
        counts as the first one taken. Called when a session ends: a card seen before
        then (the citizen's own, lifted and put back during the session) must not count
        as taken when it is still there. Cheap and non-blocking (the UI thread calls
        it): the next `field_empty` looks afresh.
        """

    def field_empty(self) -> bool | None:
        """Whether the card seen on the reader has gone: True (the field is empty, or the
        reader counted that card leaving since the previous look although a card lies
        there now: a swap, so the card there is another one), False (the same card is
        still there, or a card came onto an empty field) or None (it cannot tell now:
        busy, a glitch). Raises ReaderUnavailable when the reader is gone.

        Only True may count as "the card was taken": `card_present()` answers False on
        errors, which must never let a card left behind be read for the next citizen.
        May block briefly (a radio check); call it off the UI thread. Drivers whose
        `card_present()` folds errors into False must override this, and drivers that
        can tell one card from the next (an event count, a tag's session) should, so a
        swap between two looks is seen.
        """
        return not self.card_present()

    def wait_for_removal(self, timeout: float, cancel: threading.Event | None = None) -> bool:
        """Block until the reader reports the card gone (`field_empty`: an empty field,
        or a swap). True when it does; False on timeout or cancel. Raises
        ReaderUnavailable when the reader is gone.

        The kiosk calls this before a new citizen's first read, so that a card left
        behind is never read as the next person's. Polls `field_empty`; drivers with
        an event API may do better.
        """
        deadline = time.monotonic() + timeout
        while self.field_empty() is not True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            if cancel is not None:
                if cancel.wait(min(remaining, self.REMOVAL_POLL_S)):
                    return False
            else:
                time.sleep(min(remaining, self.REMOVAL_POLL_S))
        return True

    def probe(self) -> bool | None:
        """Whether the reader itself is there (not the card): True when it is, None when
        this driver cannot tell now without disturbing a read. Raises ReaderUnavailable,
        saying why, when it is gone.

        Asked by the health monitor between sessions; it never talks to a card and never
        moves what `field_empty` compares (a look of the monitor must not make a card
        left behind count as taken).
        """
        return None

    def close(self) -> None:
        """Release the reader."""
