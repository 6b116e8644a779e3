"""DG13 (Viet Nam's national data): the layouts public readers describe, parsed tolerantly."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.documents import tlv
from kiosk.documents.errors import MalformedDocument
from kiosk.documents.lds.dg13 import build_dg13, parse_date, parse_dg13


def field(number: int, *children: bytes) -> bytes:
    return tlv.encode(0x30, tlv.encode(0x02, bytes([number])) + b"".join(children))


def utf8(text: str) -> bytes:
    return tlv.encode(0x0C, text.encode("utf-8"))


def test_the_common_layout():
    data = build_dg13({1: "001184003047", 2: "Nguyễn Thị Lan", 3: "12/03/1984", 4: "Nữ",
                       13: ("Nguyễn Văn Mẫu", "Trần Thị Mẫu"), 15: "012345678"})
    dg13 = parse_dg13(data)
    assert dg13.id_number == "001184003047"
    assert dg13.full_name == "Nguyễn Thị Lan"
    assert dg13.date_of_birth == dt.date(1984, 3, 12)
    assert (dg13.father_name, dg13.mother_name) == ("Nguyễn Văn Mẫu", "Trần Thị Mẫu")
    assert dg13.as_dict()["old_id_number"] == "012345678"
    assert dg13.warnings == ()


def test_variants_seen_in_the_wild_all_parse():
    flat = tlv.encode(0x6D, b"".join([
        field(1, tlv.encode(0x13, b"001184003047")),                    # PrintableString
        field(2, tlv.encode(0x1E, "Lan".encode("utf-16-be"))),         # BMPString
        field(13, utf8("Cha"), utf8("Mẹ")),                             # parents not nested
        field(40, utf8("future field")),                               # unknown number: kept
    ]))
    dg13 = parse_dg13(flat)
    assert dg13.id_number == "001184003047" and dg13.full_name == "Lan"
    assert (dg13.father_name, dg13.mother_name) == ("Cha", "Mẹ")
    assert dg13.as_dict()["field_40"] == "future field"


def test_odd_content_only_warns():
    data = tlv.encode(0x6D, field(1, utf8("1")) + field(1, utf8("2")) + field(5, tlv.encode(0x04, b"\xff\xfe"))
                      + tlv.encode(0x31, b"\x30\x00"))
    dg13 = parse_dg13(data)
    assert dg13.id_number == "1"
    assert any("repeated" in w for w in dg13.warnings)
    assert any("field 5" in w for w in dg13.warnings)


def test_empty_dg13_warns():
    assert parse_dg13(b"\x6D\x00").warnings == ("no numbered fields found",)


@pytest.mark.parametrize("data", [b"", b"\x6D", b"\x6E\x00", b"\x6D\x05\x30\x03"])
def test_not_tlv_is_malformed(data):
    with pytest.raises(MalformedDocument):
        parse_dg13(data)


@pytest.mark.parametrize(("text", "date"), [
    ("12/03/1984", dt.date(1984, 3, 12)), ("12031984", dt.date(1984, 3, 12)),
    ("1984-03-12", dt.date(1984, 3, 12)), ("31/02/1984", None), ("", None), ("Không thời hạn", None),
])
def test_dates(text, date):
    assert parse_date(text) == date


def test_repr_has_no_personal_data():
    assert "Lan" not in repr(parse_dg13(build_dg13({2: "Nguyễn Thị Lan"})))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_crash(data):
    try:
        parse_dg13(b"\x6D" + tlv.encode_length(len(data)) + data)
    except MalformedDocument:
        pass


@settings(max_examples=200, deadline=None)
@given(values=st.dictionaries(st.integers(1, 60), st.text(max_size=30), max_size=12))
def test_built_fields_come_back(values):
    dg13 = parse_dg13(build_dg13(values))
    for number, value in values.items():
        assert dg13.fields[number] == (value.strip(),)
