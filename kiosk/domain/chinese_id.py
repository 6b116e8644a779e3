"""China's 18-character citizen identity number (GB 11643-1999).

Layout: 6-digit administrative region code, birth date YYYYMMDD, 3-digit sequence
(odd for men, even for women), and one check character (ISO 7064 MOD 11-2, 'X' for 10).

Written by hand rather than with python-stdnum's `cn.ric`: that library is not in the
kiosk's lock, and the kiosk needs more than yes/no (stable error codes for the UI, the
expected check character, province names in two scripts); the arithmetic is ten lines.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from kiosk.domain.errors import InvalidIdNumber
from kiosk.domain.regions import CHINA_PROVINCES, Province

__all__ = [
    "ChineseId",
    "InvalidIdNumber",
    "chinese_check_character",
    "make_chinese_id",
    "parse_chinese_id",
]

LENGTH = 18
EARLIEST_BIRTH_YEAR = 1900

# ISO 7064 MOD 11-2 weights: 2^(17-i) mod 11 for positions i = 0..16 (the check itself weighs 1).
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARS = "0123456789X"


@dataclass(frozen=True)
class ChineseId:
    """A valid number, decoded. Identifying fields stay out of repr() so logs stay clean."""

    number: str = field(repr=False)          # 18 characters, check character upper-case
    region_code: str = field(repr=False)     # 6 digits
    province: Province                       # from the first two digits; always known when valid
    birth_date: dt.date = field(repr=False)
    sex: str = field(repr=False)             # 'M' or 'F'
    sequence: str = field(repr=False)        # the 3-digit sequence, as printed


def chinese_check_character(first17: str) -> str:
    """The MOD 11-2 check character for the first 17 digits ('0'-'9' or 'X')."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("the check character is computed over exactly 17 ASCII digits")
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS))
    # The check value c makes (total + c) ≡ 1 (mod 11), the ISO 7064 MOD 11-2 condition.
    return _CHECK_CHARS[(12 - total % 11) % 11]


def make_chinese_id(region_code: str, birth: dt.date, sequence: int) -> str:
    """A number with a correct check character, for tests and demo data."""
    if len(region_code) != 6 or not region_code.isascii() or not region_code.isdigit():
        raise ValueError("region_code must be 6 ASCII digits")
    if not 0 <= sequence <= 999:
        raise ValueError("sequence must be 0..999")
    first17 = f"{region_code}{birth:%Y%m%d}{sequence:03d}"
    if len(first17) != 17:
        raise ValueError("birth year must have four digits")
    return first17 + chinese_check_character(first17)


def _normalise(text: str) -> str:
    # NFKC turns full-width digits typed with a Chinese input method into ASCII ones;
    # spaces are what people put between digit groups.
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def parse_chinese_id(text: str, today: dt.date | None = None) -> ChineseId:
    """Validate and decode a number; raises InvalidIdNumber saying what is wrong.

    Checks run from structure to arithmetic (length, characters, region, birth date,
    check character), so the error names the most specific part that cannot be right.
    Numbers whose prefix is not one of the 34 province-level divisions (residence
    permits 83xxxx, foreigners' 9xxxxx permanent-residence numbers) are out of scope
    and rejected with code 'region'.
    """
    today = today or dt.date.today()
    number = _normalise(text)
    if len(number) != LENGTH:
        raise InvalidIdNumber(
            "length", f"a Chinese ID number has {LENGTH} characters, this one has {len(number)}"
        )
    first17, check = number[:17], number[17]
    if not (first17.isascii() and first17.isdigit() and (check in _CHECK_CHARS)):
        raise InvalidIdNumber(
            "characters", "the first 17 characters must be digits and the last a digit or X"
        )

    region_code = number[:6]
    province = CHINA_PROVINCES.get(region_code[:2])
    if province is None:
        raise InvalidIdNumber(
            "region", "the first two digits are not the code of a Chinese province-level division"
        )

    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidIdNumber("birth_date", "the birth date in the number is not a real date") from None
    if birth.year < EARLIEST_BIRTH_YEAR:
        raise InvalidIdNumber("birth_date", f"the birth year is before {EARLIEST_BIRTH_YEAR}")
    if birth > today:
        raise InvalidIdNumber("birth_date", "the birth date in the number is in the future")

    expected = chinese_check_character(first17)
    if check != expected:
        raise InvalidIdNumber(
            "check_character",
            "the check character does not match the other digits (a digit may be mistyped)",
            expected_check=expected,
        )

    sequence = number[14:17]
    return ChineseId(
        number=number,
        region_code=region_code,
        province=province,
        birth_date=birth,
        sex="M" if int(sequence) % 2 else "F",
        sequence=sequence,
    )
