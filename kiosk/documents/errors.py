"""What can go wrong reading an identity document's chip, as the workflow needs to know it.

Each kind leads to a different screen: a pulled card asks to put it back, an unsupported
card or denied access sends the citizen to type the number or to the counter, and a
malformed document is a chip we must not trust.
"""

from __future__ import annotations


class DocumentError(Exception):
    """Base of every failure of `kiosk.documents`."""


class CardPulled(DocumentError):
    """The card left the field during the read (wraps hardware.errors.CardRemoved)."""


class UnsupportedCard(DocumentError):
    """The card has no eMRTD application (not an ICAO document, or a China 2nd-gen card)."""


class AccessDenied(DocumentError):
    """The chip wants BAC or PACE first (status 6982): secure messaging is a later issue."""


class MalformedDocument(DocumentError):
    """Bytes that do not parse as the LDS says they must; never trust such a chip."""


class ChipError(DocumentError):
    """The chip answered a status word the protocol does not expect."""

    def __init__(self, message: str, sw: int) -> None:
        super().__init__(f"{message} (SW {sw:04X})")
        self.sw = sw


class ReadCancelled(DocumentError):
    """The caller set the cancel event; the read stopped between two APDUs."""
