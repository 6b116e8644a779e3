"""What can go wrong reading an identity document's chip, as the workflow needs to know it.

Each kind leads to a different screen: a pulled card asks to put it back (and the read
resumes), a wrong access key asks to type it again until the attempts run out, an
unsupported card or a missing key sends the citizen to type the number or to the
counter, and a malformed document is a chip we must not trust.
"""

from __future__ import annotations

from typing import Any


class DocumentError(Exception):
    """Base of every failure of `kiosk.documents`."""


class CardPulled(DocumentError):
    """The card left the field during the read (wraps hardware.errors.CardRemoved).

    `partial` holds what was read before (a `filesystem.PartialRead`), for
    `read_document(..., resume=exc.partial)` once the card is back; None when nothing
    worth keeping was read. Typed loosely so that this module, which every other one
    imports, imports none of them.
    """

    def __init__(self, message: str, partial: Any = None) -> None:
        super().__init__(message)
        self.partial = partial


class UnsupportedCard(DocumentError):
    """The card has no eMRTD application or speaks only protocols we do not (not an ICAO
    document, a China 2nd-gen card, PACE with a mapping we lack and no BAC)."""


class AccessDenied(DocumentError):
    """The chip refuses its files until BAC or PACE succeeds (status 6982)."""


class AccessKeyRequired(AccessDenied):
    """The chip needs an access key and none was given (ask for the MRZ fields or CAN)."""


class WrongAccessKey(AccessDenied):
    """BAC or PACE failed: the MRZ fields or CAN do not open this chip.

    `remaining` is the attempts left in the session's AccessAttempts (None when the
    caller keeps no count); `hand_over` is True once none are left.
    """

    def __init__(self, message: str, remaining: int | None = None, protocol: str = "") -> None:
        super().__init__(message)
        self.remaining = remaining
        self.protocol = protocol

    @property
    def hand_over(self) -> bool:
        return self.remaining == 0


class MalformedDocument(DocumentError):
    """Bytes that do not parse as the LDS says they must; never trust such a chip."""


class SecureMessagingError(MalformedDocument):
    """A protected response whose MAC, padding or structure is wrong."""


class ChipError(DocumentError):
    """The chip answered a status word the protocol does not expect."""

    def __init__(self, message: str, sw: int) -> None:
        super().__init__(f"{message} (SW {sw:04X})")
        self.sw = sw


class ReadCancelled(DocumentError):
    """The caller set the cancel event; the read stopped between two APDUs."""


def describe(exc: BaseException) -> dict[str, Any]:
    """A log-safe summary of a document error (type and counters, never data)."""
    out: dict[str, Any] = {"error": type(exc).__name__}
    if isinstance(exc, WrongAccessKey):
        out["remaining"] = exc.remaining
        out["protocol"] = exc.protocol
    if isinstance(exc, ChipError):
        out["sw"] = f"{exc.sw:04X}"
    return out
