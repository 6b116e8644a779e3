"""What the kiosk knows about the citizen's identity, whichever way it learned it.

One shape for a chip read, a typed ID number looked up at the office, or (later) a
vendor SAM module for China's second-generation card, so that the workflow and the
eligibility rules never care where the data came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class IdentitySource(StrEnum):
    CHIP = "chip"              # read from the card's chip
    TYPED_NUMBER = "typed"     # typed on the keypad, record from the office registry


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
