"""DG13 of Viet Nam's chip CCCD: the national data the MRZ has no room for.

The layout is not published; public readers agree that DG13 (tag 6D) holds SEQUENCEs
that each start with a small INTEGER field number followed by one or more strings:
1 ID number (12 digits), 2 full name, 3 date of birth (DD/MM/YYYY), 4 sex, 5 nationality,
6 ethnicity, 7 religion, 8 place of origin, 9 place of residence, 10 identifying marks,
11 date of issue, 12 date of expiry, 13 parents (father, then mother, often nested),
14 spouse, 15 old ID number. Unverified on a real card, so this parser is tolerant: it
walks the whole tree, keeps every numbered field it recognises and every one it does not
(`other`), accepts UTF-8/Printable/IA5/BMP strings and octet strings, and reports what it
had to skip in `warnings`. Only a DG13 that is not TLV at all is an error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kiosk.documents import tlv
from kiosk.documents.errors import MalformedDocument
from kiosk.documents.tlv import Tlv, TlvError

DG13_TAG = 0x6D
MAX_DEPTH = 8
MAX_FIELDS = 64
_STRING_TAGS = {0x0C: "utf-8", 0x13: "ascii", 0x16: "ascii", 0x1E: "utf-16-be", 0x04: "utf-8", 0x80: "utf-8"}

FIELD_NAMES = {
    1: "id_number",
    2: "full_name",
    3: "date_of_birth",
    4: "sex",
    5: "nationality",
    6: "ethnicity",
    7: "religion",
    8: "place_of_origin",
    9: "place_of_residence",
    10: "identifying_marks",
    11: "date_of_issue",
    12: "date_of_expiry",
    13: "parents",
    14: "spouse",
    15: "old_id_number",
}


@dataclass(frozen=True)
class Dg13:
    fields: dict[int, tuple[str, ...]] = field(default_factory=dict, repr=False)
    warnings: tuple[str, ...] = ()

    def __repr__(self) -> str:  # personal data stays out of logs
        return f"Dg13(fields={sorted(self.fields)})"

    def text(self, number: int) -> str:
        values = self.fields.get(number, ())
        return " ".join(v for v in values if v).strip()

    @property
    def id_number(self) -> str:
        return "".join(ch for ch in self.text(1) if ch.isalnum())

    @property
    def full_name(self) -> str:
        return " ".join(self.text(2).split())

    @property
    def date_of_birth(self) -> dt.date | None:
        return parse_date(self.text(3))

    @property
    def date_of_issue(self) -> dt.date | None:
        return parse_date(self.text(11))

    @property
    def date_of_expiry(self) -> dt.date | None:
        return parse_date(self.text(12))

    @property
    def father_name(self) -> str:
        parents = self.fields.get(13, ())
        return parents[0] if len(parents) > 0 else ""

    @property
    def mother_name(self) -> str:
        parents = self.fields.get(13, ())
        return parents[1] if len(parents) > 1 else ""

    def as_dict(self) -> dict[str, object]:
        """Named fields (unknown ones as field_N), dates as ISO text when they parse."""
        out: dict[str, object] = {}
        for number, values in sorted(self.fields.items()):
            name = FIELD_NAMES.get(number, f"field_{number}")
            if number == 13:
                out["father_name"], out["mother_name"] = self.father_name, self.mother_name
                continue
            text = self.text(number)
            if number in (3, 11, 12):
                date = parse_date(text)
                out[name] = date.isoformat() if date else text
            elif number == 1:
                out[name] = self.id_number
            else:
                out[name] = text
        return out


def parse_date(text: str) -> dt.date | None:
    """DD/MM/YYYY (as the card prints), also DDMMYYYY or YYYY-MM-DD; None otherwise."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) != 8:
        return None
    candidates = [(digits[4:], digits[2:4], digits[:2])]
    if "-" in text or text[:4].isdigit():
        candidates.insert(0, (digits[:4], digits[4:6], digits[6:]))
    for y, m, d in candidates:
        try:
            return dt.date(int(y), int(m), int(d))
        except ValueError:
            continue
    return None


def _string(element: Tlv) -> str | None:
    encoding = _STRING_TAGS.get(element.tag)
    if encoding is None:
        return None
    try:
        return element.value.decode(encoding).strip()
    except UnicodeDecodeError:
        return None


def _strings(element: Tlv, depth: int) -> list[str]:
    """Every string under `element`, depth first (the parents field nests them)."""
    direct = _string(element)
    if direct is not None:
        return [direct]
    if depth >= MAX_DEPTH or not element.constructed:
        return []
    try:
        children = element.children()
    except TlvError:
        return []
    out: list[str] = []
    for child in children:
        if child.tag == 0x02:  # a nested field number: not a value
            continue
        out += _strings(child, depth + 1)
    return out


def _is_numbered(element: Tlv) -> bool:
    if element.tag != 0x30 or not element.constructed:
        return False
    try:
        children = element.children()
    except TlvError:
        return False
    return bool(children) and children[0].tag == 0x02


def parse_dg13(data: bytes) -> Dg13:
    try:
        root = tlv.decode(data)
    except TlvError as exc:
        raise MalformedDocument(f"DG13 is not BER-TLV ({exc})") from None
    if root.tag != DG13_TAG:
        raise MalformedDocument(f"DG13 starts with tag {root.tag:X}, expected 6D")
    fields: dict[int, tuple[str, ...]] = {}
    warnings: list[str] = []

    def walk(element: Tlv, depth: int) -> None:
        if depth > MAX_DEPTH or len(fields) >= MAX_FIELDS or not element.constructed:
            return
        try:
            children = element.children()
        except TlvError:
            warnings.append(f"undecodable element {element.tag:X} skipped")
            return
        numbered = element.tag == 0x30 and children and children[0].tag == 0x02 and len(children[0].value) <= 2
        if numbered and any(_is_numbered(c) for c in children[1:]):
            numbered = False  # a container: a version number, then the numbered fields
        if numbered:
            number = int.from_bytes(children[0].value, "big")
            values: list[str] = []
            for child in children[1:]:
                values += _strings(child, depth + 1)
            if number in fields:
                warnings.append(f"field {number} repeated; first kept")
            elif values or len(children) == 1:
                fields[number] = tuple(values)
            else:
                warnings.append(f"field {number} holds no readable text")
            return
        for child in children:
            walk(child, depth + 1)

    walk(root, 0)
    if not fields:
        warnings.append("no numbered fields found")
    return Dg13(fields, tuple(warnings))


def build_dg13(values: dict[int, str | tuple[str, ...]], version: int | None = 1) -> bytes:
    """A DG13 in the layout described above (for the demo specimen and tests)."""
    items = []
    if version is not None:
        items.append(tlv.encode(0x02, bytes([version])))
    for number, value in sorted(values.items()):
        if isinstance(value, tuple):
            inner = b"".join(tlv.encode(0x30, tlv.encode(0x0C, v.encode("utf-8"))) for v in value)
        else:
            inner = tlv.encode(0x0C, value.encode("utf-8"))
        items.append(tlv.encode(0x30, tlv.encode(0x02, bytes([number])) + inner))
    return tlv.encode(DG13_TAG, tlv.encode(0x30, b"".join(items)))
