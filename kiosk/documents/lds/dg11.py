"""DG11 (ICAO 9303-10 4.7.11): additional personal details the MRZ has no room for.

The full name in national script, the personal (national ID) number, the four-digit
birth year and the place of birth; every other element is kept by tag.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kiosk.documents import tlv
from kiosk.documents.errors import MalformedDocument
from kiosk.documents.lds import TAG_TAG_LIST, DataGroup, file_root

TAG_FULL_NAME = 0x5F0E
TAG_PERSONAL_NUMBER = 0x5F10
TAG_FULL_DATE_OF_BIRTH = 0x5F2B
TAG_PLACE_OF_BIRTH = 0x5F11


@dataclass(frozen=True)
class Dg11:
    full_name: str = ""               # as stored: ICAO 'SURNAME<<GIVEN' or national script
    personal_number: str = ""
    full_date_of_birth: dt.date | None = None
    full_date_of_birth_text: str = ""  # YYYYMMDD as stored, also when partial ('19840000')
    place_of_birth: str = ""
    other: dict[int, bytes] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:  # personal data stays out of logs and tracebacks
        return f"Dg11(fields={sorted(self.present_tags())})"

    def present_tags(self) -> set[int]:
        present = {tag for tag, value in (
            (TAG_FULL_NAME, self.full_name),
            (TAG_PERSONAL_NUMBER, self.personal_number),
            (TAG_FULL_DATE_OF_BIRTH, self.full_date_of_birth_text),
            (TAG_PLACE_OF_BIRTH, self.place_of_birth),
        ) if value}
        return present | set(self.other)

    @property
    def full_name_text(self) -> str:
        """The full name with MRZ-style fillers turned into spaces."""
        return " ".join(self.full_name.replace("<", " ").split())


def build_dg11(
    full_name: str = "",
    personal_number: str = "",
    full_date_of_birth: dt.date | None = None,
    place_of_birth: str = "",
) -> bytes:
    fields: list[tuple[int, bytes]] = []
    if full_name:
        fields.append((TAG_FULL_NAME, full_name.encode("utf-8")))
    if personal_number:
        fields.append((TAG_PERSONAL_NUMBER, personal_number.encode("utf-8")))
    if full_date_of_birth is not None:
        fields.append((TAG_FULL_DATE_OF_BIRTH, f"{full_date_of_birth:%Y%m%d}".encode("ascii")))
    if place_of_birth:
        fields.append((TAG_PLACE_OF_BIRTH, place_of_birth.encode("utf-8")))
    return tlv.encode_constructed(
        DataGroup.DG11.tag,
        _encode_tag_list([tag for tag, _ in fields]),
        *(tlv.encode(tag, value) for tag, value in fields),
    )


def parse_dg11(data: bytes) -> Dg11:
    values: dict[int, bytes] = {}
    for child in file_root(data, DataGroup.DG11).children():
        if child.tag == TAG_TAG_LIST:
            tlv.split_tags(child.value)  # validated; the elements themselves are authoritative
            continue
        values.setdefault(child.tag, child.value)
    dob_text, dob = _full_date(values.pop(TAG_FULL_DATE_OF_BIRTH, b""))
    return Dg11(
        full_name=_text(values.pop(TAG_FULL_NAME, b""), "DG11 full name"),
        personal_number=_text(values.pop(TAG_PERSONAL_NUMBER, b""), "DG11 personal number").strip("<"),
        full_date_of_birth=dob,
        full_date_of_birth_text=dob_text,
        place_of_birth=_text(values.pop(TAG_PLACE_OF_BIRTH, b""), "DG11 place of birth"),
        other=values,
    )


def _full_date(value: bytes) -> tuple[str, dt.date | None]:
    """YYYYMMDD as 8 ASCII digits, or as 4 BCD bytes (both occur in issued documents)."""
    if not value:
        return "", None
    if len(value) == 4:
        text = value.hex()
    elif len(value) == 8 and value.isascii():
        text = value.decode("ascii")
    else:
        raise MalformedDocument("DG11 date of birth is neither YYYYMMDD nor 4 BCD bytes")
    if not text.isdigit():
        raise MalformedDocument("DG11 date of birth is not numeric")
    try:
        return text, dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return text, None  # partial dates ('19840000') are legal: month or day unknown


def _encode_tag_list(tags: list[int] | tuple[int, ...]) -> bytes:
    return tlv.encode(TAG_TAG_LIST, b"".join(tlv.encode_tag(t) for t in tags))


def _text(value: bytes, what: str) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedDocument(f"{what} is not UTF-8 text") from None
