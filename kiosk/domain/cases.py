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

    @property
    def may_use_chip(self) -> bool:
        """The citizen holds a card (expiring or damaged), so its chip may be read."""
        return self is not Case.LOST

    def may_type_number(self, chip_unreadable: bool) -> bool:
        """May the citizen type their ID number instead of having the chip read?

        A lost card leaves only the number, and a damaged card's chip may well be dead, so
        both may from the start. An expiring card is read (its signed chip proves more than
        a typed number and a face), unless its chip has just proved unreadable."""
        return self is not Case.EXPIRING or chip_unreadable
