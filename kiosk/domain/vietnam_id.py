"""Viet Nam's 12-digit personal identification number (số định danh cá nhân), the CCCD number.

Layout (Decree 137/2015/NĐ-CP art. 13; Circular 07/2016/TT-BCA art. 7, kept by
Circular 59/2021/TT-BCA): 3-digit code of the province where the birth was registered,
one digit for century and sex, the last two digits of the birth year, six random digits.

The number has NO check digit: a mistyped digit in the random part cannot be detected
here. Only the province code, the century/sex digit and the year can be checked, so the
workflow must confirm a typed Vietnamese number against another source (the chip, the
office record) before trusting it.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from kiosk.domain.errors import InvalidIdNumber
from kiosk.domain.regions import VIETNAM_PROVINCES, Province

__all__ = ["InvalidIdNumber", "VietnamId", "make_vietnam_id", "parse_vietnam_id"]

LENGTH = 12

# Century/sex digit -> (first year of the century, sex). Circular 07/2016 art. 7 goes from
# the 20th century (0/1) to the 24th (8/9, years 2300-2399); it has no code for the 1800s.
_CENTURY_SEX: dict[int, tuple[int, str]] = {
    0: (1900, "M"), 1: (1900, "F"),
    2: (2000, "M"), 3: (2000, "F"),
    4: (2100, "M"), 5: (2100, "F"),
    6: (2200, "M"), 7: (2200, "F"),
    8: (2300, "M"), 9: (2300, "F"),
}


@dataclass(frozen=True)
class VietnamId:
    """A well-formed number, decoded. Identifying fields stay out of repr() so logs stay clean."""

    number: str = field(repr=False)
    province_code: str                   # 3 digits
    province: Province                   # always known for a valid number
    sex: str = field(repr=False)         # 'M' or 'F'
    birth_year: int = field(repr=False)
    century: int = field(repr=False)     # first year of the birth century, e.g. 1900


def make_vietnam_id(province_code: str, birth_year: int, sex: str, serial: int) -> str:
    """A well-formed number, for tests and demo data."""
    if province_code not in VIETNAM_PROVINCES:
        raise ValueError("unknown province code")
    if sex not in ("M", "F"):
        raise ValueError("sex must be 'M' or 'F'")
    if not 0 <= serial <= 999_999:
        raise ValueError("serial must be 0..999999")
    century = birth_year - birth_year % 100
    for digit, (start, digit_sex) in _CENTURY_SEX.items():
        if start == century and digit_sex == sex:
            return f"{province_code}{digit}{birth_year % 100:02d}{serial:06d}"
    raise ValueError("birth_year must be between 1900 and 2399")


def parse_vietnam_id(text: str, today: dt.date | None = None) -> VietnamId:
    """Validate and decode a number; raises InvalidIdNumber saying what is wrong.

    Province codes outside the 63 of Circular 07/2016 (e.g. the country codes given to
    births registered abroad) are rejected with code 'region'.
    """
    today = today or dt.date.today()
    number = "".join(unicodedata.normalize("NFKC", text).split())
    if len(number) != LENGTH:
        raise InvalidIdNumber(
            "length", f"a Vietnamese ID number has {LENGTH} digits, this one has {len(number)}"
        )
    if not (number.isascii() and number.isdigit()):
        raise InvalidIdNumber("characters", "a Vietnamese ID number has digits only")

    province_code = number[:3]
    province = VIETNAM_PROVINCES.get(province_code)
    if province is None:
        raise InvalidIdNumber(
            "region", "the first three digits are not the code of a Vietnamese province of birth registration"
        )

    century, sex = _CENTURY_SEX[int(number[3])]
    birth_year = century + int(number[4:6])
    if birth_year > today.year:
        raise InvalidIdNumber("birth_date", "the birth year in the number is in the future")

    return VietnamId(
        number=number,
        province_code=province_code,
        province=province,
        sex=sex,
        birth_year=birth_year,
        century=century,
    )
