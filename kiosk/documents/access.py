"""The citizen's access key to the chip: MRZ fields or a CAN, and the attempts counter.

An eMRTD only opens its files to a reader that proves it saw the document: either the
MRZ's document number, birth date and expiry date (BAC, or PACE with the MRZ password),
or the six-digit Card Access Number printed on the card (PACE only). The key never
appears in repr() or logs.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, field
from typing import Sequence, Union

from kiosk.domain.mrz import Mrz, check_digit, parse_mrz

_MRZ_FIELD = re.compile(r"[A-Z0-9<]+")
_YYMMDD = re.compile(r"[0-9]{6}")     # ASCII digits: \d takes Arabic-Indic ones too
_CAN = re.compile(r"[0-9]{1,12}")

PACE_MRZ = 1   # password reference in MSE:Set AT (ICAO 9303-11 4.4.4.1, Table 5)
PACE_CAN = 2


@dataclass(frozen=True)
class MrzKey:
    """Document number, birth date and expiry date (YYMMDD), as on the MRZ."""

    document_number: str = field(repr=False)
    birth_date: str = field(repr=False)
    expiry_date: str = field(repr=False)

    def __post_init__(self) -> None:
        number = self.document_number.strip().upper().replace(" ", "")
        object.__setattr__(self, "document_number", number)
        if not number or not _MRZ_FIELD.fullmatch(number):
            raise ValueError("document number must be letters, digits or '<'")
        for name in ("birth_date", "expiry_date"):
            if not _YYMMDD.fullmatch(getattr(self, name)):
                raise ValueError(f"{name} must be six digits YYMMDD")

    @classmethod
    def from_mrz(cls, mrz: Mrz | str | Sequence[str]) -> MrzKey:
        """From an MRZ the kiosk already holds (OCR of the card, or a DG1 read earlier)."""
        if not isinstance(mrz, Mrz):
            mrz = parse_mrz(mrz)
        return cls(mrz.document_number, mrz.birth_date_text, mrz.expiry_date_text)

    @property
    def mrz_information(self) -> bytes:
        """Number (padded to 9) + check, birth + check, expiry + check (9303-11 9.7.2)."""
        number = self.document_number.ljust(9, "<")
        text = (
            number + check_digit(number)
            + self.birth_date + check_digit(self.birth_date)
            + self.expiry_date + check_digit(self.expiry_date)
        )
        return text.encode("ascii")

    def __repr__(self) -> str:
        return "MrzKey(<hidden>)"


@dataclass(frozen=True)
class CanKey:
    """The Card Access Number printed on the card (usually six digits)."""

    can: str = field(repr=False)

    def __post_init__(self) -> None:
        if not _CAN.fullmatch(self.can):
            raise ValueError("CAN must be digits")

    def __repr__(self) -> str:
        return "CanKey(<hidden>)"


AccessKey = Union[MrzKey, CanKey]


def bac_key_seed(key: MrzKey) -> bytes:
    """K_seed = the first 16 bytes of SHA-1(MRZ_information) (9303-11 9.7.2)."""
    return hashlib.sha1(key.mrz_information).digest()[:16]


def pace_password(key: AccessKey) -> bytes:
    """K = f(password): SHA-1 of the MRZ information, or the CAN's ASCII digits (4.4.3.2)."""
    if isinstance(key, MrzKey):
        return hashlib.sha1(key.mrz_information).digest()
    return key.can.encode("ascii")


def pace_key_reference(key: AccessKey) -> int:
    return PACE_MRZ if isinstance(key, MrzKey) else PACE_CAN


class AccessAttempts:
    """Counts wrong access keys for one citizen's session, so the kiosk can hand over.

    Shared between reads of the same session; thread-safe because reads run as jobs.
    """

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.limit = limit
        self._failures = 0
        self._lock = threading.Lock()

    @property
    def failures(self) -> int:
        with self._lock:
            return self._failures

    @property
    def remaining(self) -> int:
        with self._lock:
            return max(0, self.limit - self._failures)

    @property
    def exhausted(self) -> bool:
        return self.remaining == 0

    def record_failure(self) -> int:
        """Count one wrong key; returns the attempts left."""
        with self._lock:
            self._failures += 1
            return max(0, self.limit - self._failures)

    def reset(self) -> None:
        with self._lock:
            self._failures = 0
