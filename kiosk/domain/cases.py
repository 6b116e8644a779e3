"""The three reasons a citizen comes to the kiosk; each has its own rules and fee."""

from enum import StrEnum


class Case(StrEnum):
    EXPIRING = "expiring"  # card expiring soon or already expired
    DAMAGED = "damaged"    # card damaged; chip may or may not still read
    LOST = "lost"          # no card: identity from the typed ID number

    @property
    def needs_card(self) -> bool:
        """Only an expiring card must be read; a damaged one is read when it still can be."""
        return self is not Case.LOST
