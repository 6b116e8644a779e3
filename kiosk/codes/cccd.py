"""The QR code on the front of Viet Nam's chip CCCD, parsed into typed fields.

`ID number|old ID number|name|birth date ddmmyyyy|sex|address|issue date ddmmyyyy`

The text is UTF-8 (names and addresses carry Vietnamese diacritics); the old number is
the 9-digit CMND the holder had before, often empty. The card writes sex as "Nam"
(male) or "Nữ" (female). The 12-digit number has no check digit (see
`kiosk.domain.vietnam_id`), so what can be checked is checked: its province code, and
that its century/sex digit and birth year agree with the birth date and sex the same
code states. A code that fails any rule is refused whole: filling a form from half a
code would put a wrong number in front of the chip.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from kiosk.domain.errors import InvalidIdNumber
from kiosk.domain.vietnam_id import parse_vietnam_id

SEPARATOR = "|"
FIELDS = ("id_number", "old_id_number", "name", "birth_date", "sex", "address", "issue_date")
_SEX = {"nam": "M", "nữ": "F", "nu": "F"}
MAX_TEXT = 1000   # a real code holds ~150 characters; a long text is not a card's


class InvalidCccdCode(ValueError):
    """A text shaped like a CCCD QR (fields separated by '|') that breaks one of its rules.

    `field` names the part at fault (or None); the message is one line and never quotes
    the personal data the code holds."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class CccdCode:
    """What the card's QR says. Personal fields stay out of repr() so logs stay clean."""

    id_number: str = field(repr=False)
    old_id_number: str | None = field(repr=False)
    name: str = field(repr=False)
    birth_date: dt.date = field(repr=False)
    sex: str = field(repr=False)          # 'M' or 'F'
    address: str = field(repr=False)
    issue_date: dt.date = field(repr=False)

    def as_dict(self) -> dict[str, str | None]:
        return {
            "id_number": self.id_number,
            "old_id_number": self.old_id_number,
            "name": self.name,
            "birth_date": self.birth_date.isoformat(),
            "sex": self.sex,
            "address": self.address,
            "issue_date": self.issue_date.isoformat(),
        }


def looks_like_cccd(text: str) -> bool:
    """Whether a text claims to be a CCCD code: it starts with 12 digits and a '|'.

    A text that claims it and breaks a rule is then refused with the rule's message
    rather than called "unknown"."""
    head = text.strip()[:13]
    return len(head) == 13 and head[:12].isascii() and head[:12].isdigit() and head[12] == SEPARATOR


def parse_cccd(text: str, today: dt.date | None = None) -> CccdCode:
    """The card's fields; InvalidCccdCode saying which rule the text breaks."""
    today = today or dt.date.today()
    if len(text) > MAX_TEXT:
        raise InvalidCccdCode(f"the code holds {len(text)} characters; a card's code holds far fewer")
    text = unicodedata.normalize("NFC", text.strip())
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise InvalidCccdCode("the code holds control characters; a card's code is plain text")
    parts = text.split(SEPARATOR)
    if len(parts) != len(FIELDS):
        raise InvalidCccdCode(
            f"a CCCD code has {len(FIELDS)} fields separated by '{SEPARATOR}', this one has {len(parts)}"
        )
    number, old, name, birth_text, sex_text, address, issue_text = (p.strip() for p in parts)
    try:
        parsed = parse_vietnam_id(number, today)
    except InvalidIdNumber as exc:
        raise InvalidCccdCode(f"the ID number is not valid: {exc}", "id_number") from None
    if old and not (len(old) == 9 and old.isascii() and old.isdigit()):
        raise InvalidCccdCode("the old ID number must be 9 digits or empty", "old_id_number")
    if not name or any(c.isdigit() for c in name):
        raise InvalidCccdCode("the name is empty or holds digits", "name")
    birth = _date(birth_text, "birth_date", "birth date")
    issue = _date(issue_text, "issue_date", "issue date")
    sex = _SEX.get(sex_text.casefold())
    if sex is None:
        raise InvalidCccdCode("the sex must be 'Nam' or 'Nữ'", "sex")
    if not address:
        raise InvalidCccdCode("the address is empty", "address")
    if birth > today:
        raise InvalidCccdCode("the birth date is in the future", "birth_date")
    if issue > today or issue < birth:
        raise InvalidCccdCode("the issue date is in the future or before the birth date", "issue_date")
    if parsed.birth_year != birth.year:
        raise InvalidCccdCode("the ID number's birth year disagrees with the birth date", "id_number")
    if parsed.sex != sex:
        raise InvalidCccdCode("the ID number's sex digit disagrees with the sex", "id_number")
    return CccdCode(number, old or None, name, birth, sex, address, issue)


def _date(text: str, field: str, words: str) -> dt.date:
    if len(text) != 8 or not (text.isascii() and text.isdigit()):
        raise InvalidCccdCode(f"the {words} must be 8 digits, ddmmyyyy", field)
    try:
        return dt.datetime.strptime(text, "%d%m%Y").date()
    except ValueError:
        raise InvalidCccdCode(f"the {words} is not a calendar date (ddmmyyyy)", field) from None


def access_fields(code: CccdCode) -> dict[str, str]:
    """What the card's QR gives of the chip's access key (the MRZ fields of the back):
    the document number, which on a CCCD is the ID number's last 9 digits (the MRZ's
    9-character field; the full number follows in its optional data), and the birth date
    as YYMMDD. The expiry date is not in the code: the citizen types it from the card."""
    return {"document": code.id_number[-9:], "birth": code.birth_date.strftime("%y%m%d")}
