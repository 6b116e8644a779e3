"""Human-facing application numbers: `<KIOSKID>-<YYMMDD>-<NNNN><C>`.

Staff type these numbers from a receipt or read them over the phone, so the last
character is an ISO 7064 MOD 11-2 check character (the one China's ID numbers use:
'0'-'9' or 'X'). It is computed over every digit of the number, in order (the digits of
the kiosk id, then YYMMDD, then NNNN), and detects every single-digit error and every
transposition of two adjacent digits. Letters of the kiosk id are outside MOD 11-2's
alphabet and not protected (an unknown kiosk id is caught by the office's lookup).

The check is written here by hand (five lines) rather than taken from python-stdnum's
`stdnum.iso7064.mod_11_2`, which would be a new dependency for one function.

Numbers are allocated by `ApplicationStore.next_application_number`, which owns the
per-kiosk, per-day sequence; this module only formats and checks them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MAX_SEQUENCE = 9999

# Letters and digits, inner hyphens allowed ("SH-XH-001"), at most 24 characters (the
# whole number must fit one line of an 80 mm receipt in readable type); no '|' (the
# separator of the receipt's QR payload) and nothing a keypad cannot type. Kiosk ids are
# case-insensitive: numbers carry them in upper case, which is what staff type.
KIOSK_ID_PATTERN = r"[A-Z0-9](?:[A-Z0-9-]{0,22}[A-Z0-9])?"
_KIOSK_ID_RE = re.compile(rf"^{KIOSK_ID_PATTERN}$")
_NUMBER_RE = re.compile(
    rf"^(?P<kiosk>{KIOSK_ID_PATTERN})-(?P<day>[0-9]{{6}})-(?P<seq>[0-9]{{4}})(?P<check>[0-9X])$"
)


@dataclass(frozen=True)
class ApplicationNumber:
    kiosk_id: str
    day: dt.date
    sequence: int

    def __str__(self) -> str:
        return format_application_number(self.kiosk_id, self.day, self.sequence)


def mod11_2_check_char(digits: str) -> str:
    """ISO 7064 MOD 11-2 check character for a string of decimal digits."""
    if not digits.isascii() or not digits.isdigit():
        raise ValueError("MOD 11-2 is defined over decimal digits only")
    p = 0
    for d in digits:
        p = ((p + int(d)) * 2) % 11
    value = (12 - p) % 11
    return "X" if value == 10 else str(value)


def normalise_kiosk_id(kiosk_id: str) -> str:
    return kiosk_id.strip().upper()


def is_valid_kiosk_id(kiosk_id: str) -> bool:
    return bool(_KIOSK_ID_RE.match(normalise_kiosk_id(kiosk_id)))


def format_application_number(kiosk_id: str, day: dt.date, sequence: int) -> str:
    if not is_valid_kiosk_id(kiosk_id):
        raise ValueError(
            f"kiosk id {kiosk_id!r} must be 1-24 letters, digits and inner hyphens"
        )
    kiosk_id = normalise_kiosk_id(kiosk_id)
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise ValueError(f"sequence must be 1..{MAX_SEQUENCE}, got {sequence}")
    body = f"{kiosk_id}-{day:%y%m%d}-{sequence:04d}"
    return body + mod11_2_check_char(_digits_of(body))


def parse_application_number(text: str) -> ApplicationNumber:
    """Parse and check a typed number (surrounding spaces and a lower-case 'x' are forgiven).

    Raises ValueError naming what is wrong, without echoing the number.
    """
    number = text.strip().upper()
    m = _NUMBER_RE.match(number)
    if m is None:
        raise ValueError("not an application number (expected KIOSKID-YYMMDD-NNNNC)")
    if mod11_2_check_char(_digits_of(number[:-1])) != m["check"]:
        raise ValueError("check character does not match: the number was mistyped")
    day_text = m["day"]
    try:
        day = dt.date(2000 + int(day_text[:2]), int(day_text[2:4]), int(day_text[4:]))
    except ValueError:
        raise ValueError("the date part is not a calendar date") from None
    sequence = int(m["seq"])
    if sequence == 0:
        raise ValueError("sequence 0000 is never issued")
    return ApplicationNumber(m["kiosk"], day, sequence)


def validate_application_number(text: str) -> bool:
    """True when `text` is a well-formed number whose check character matches."""
    try:
        parse_application_number(text)
    except ValueError:
        return False
    return True


def _digits_of(text: str) -> str:
    return "".join(c for c in text if c.isascii() and c.isdigit())
