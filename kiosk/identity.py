"""What the kiosk knows about the citizen's identity, whichever way it learned it.

One shape for a chip read, a typed ID number looked up at the office, an e-ID app's
code verified by the office, or (later) a
vendor SAM module for China's second-generation card, so that the workflow and the
eligibility rules never care where the data came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from kiosk.biometrics.interfaces import FaceDecision


class IdentitySource(StrEnum):
    CHIP = "chip"              # read from the card's chip
    TYPED_NUMBER = "typed"     # typed on the keypad, record from the office registry
    EID = "eid"                # vouched for by a national e-ID app's code, verified by the office


@dataclass
class Identity:
    id_number: str                     # national ID number (CHN 18 digits / VNM 12 digits)
    surname: str
    given_names: str
    birth_date: dt.date
    sex: str                           # "F", "M" or "X"
    nationality: str                   # ICAO 3-letter code, e.g. "CHN", "VNM"
    source: IdentitySource
    document_number: str = ""          # card / MRZ document number when known
    card_expiry: dt.date | None = None  # expiry of the card being replaced, when known
    name_local: str = ""               # full name in national script (DG11 / DG13)
    reference_photo: bytes = field(default=b"", repr=False)  # JPEG: chip or office photo

    @property
    def display_name(self) -> str:
        return self.name_local or f"{self.surname} {self.given_names}".strip()


class SealedIdentity:
    """The office's answer for a typed number, closed until the live face has matched it.

    Anyone can type anyone's number at a kiosk, so nothing about its holder may reach a
    screen before the person in front of the camera has proved to be that holder: not
    the name, photo, dates or verdicts derived from them, and not even whether the
    office has a record at all (the kiosk would answer "is this number issued?"). The
    session holds the answer in this form, where screens look for nothing: the face
    check takes the reference photo from it, and only a matching face decision opens it.
    """

    __slots__ = ("_record", "_photo", "_release")

    def __init__(self, record: Identity | None, *, photo: bytes = b"",
                 release: Callable[[FaceDecision], Identity] | None = None) -> None:
        """`record`: the office's whole answer, held here (in-memory offices). Or, from an
        office that releases the record only for a match: `photo` and `release`, the
        call that asks for the record with the matching decision (`fetch`)."""
        self._record = record
        self._photo = photo
        self._release = release

    def reference_photo(self) -> bytes:
        """For the matcher only; empty when the office has no record (no face matches it)."""
        if self._record is not None:
            return self._record.reference_photo
        return self._photo if self._release is not None else b""

    def fetch(self, decision: FaceDecision) -> None:
        """After a match, ask the office for the record if it is not held yet. Blocking
        (a job's work): may raise the office's failure (kiosk.office.OfficeUnavailable)."""
        if decision.match and self._record is None and self._release is not None:
            record = self._release(decision)
            if not record.reference_photo:
                record.reference_photo = self._photo
            self._record = record

    def open(self, decision: FaceDecision) -> Identity:
        """The holder's record, for a face decision that matched its reference photo."""
        if not decision.match or self._record is None:
            raise PermissionError("a typed number's record opens only after the face matched")
        return self._record

    def __repr__(self) -> str:   # never the record, in a log line or a traceback
        return "SealedIdentity(<sealed>)"
