"""Chip-card reader interface: card presence and APDU exchange, nothing more.

The eMRTD protocol that gives these bytes a meaning lives in `kiosk.documents`.
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

    def field_empty(self) -> bool | None:
        """Whether the reader reports no card: True (empty), False (a card is there) or
        None (it cannot tell now: busy, a glitch). Raises ReaderUnavailable when the
        reader is gone.

        Only True may count as "the card was taken": `card_present()` answers False on
        errors, which must never let a card left behind be read for the next citizen.
        May block briefly (a radio check); call it off the UI thread. Drivers whose
        `card_present()` folds errors into False must override this.
        """
        return not self.card_present()

    def wait_for_removal(self, timeout: float, cancel: threading.Event | None = None) -> bool:
        """Block until the reader reports an empty field. True when it does; False on
        timeout or cancel. Raises ReaderUnavailable when the reader is gone.

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

    def close(self) -> None:
        """Release the reader."""
