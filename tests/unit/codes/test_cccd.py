"""The CCCD front QR parsed into typed fields, and every way its text can be wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.codes.cccd import InvalidCccdCode, looks_like_cccd, parse_cccd
from tests.code_images import CCCD_TEXT

TODAY = dt.date(2026, 12, 3)


def _with(**changes: str) -> str:
    names = ("id_number", "old_id_number", "name", "birth_date", "sex", "address", "issue_date")
    parts = dict(zip(names, CCCD_TEXT.split("|")))
    parts.update(changes)
    return "|".join(parts.values())


def test_the_fields_are_typed_and_keep_their_diacritics() -> None:
    code = parse_cccd(CCCD_TEXT, TODAY)
    assert code.id_number == "001199012345"
    assert code.old_id_number == "123456789"
    assert code.name == "Nguyễn Thị Hồng Nhung"
    assert code.birth_date == dt.date(1999, 3, 15)
    assert code.sex == "F"
    assert code.issue_date == dt.date(2021, 7, 1)
    assert "Hoàn Kiếm" in code.address
    assert "Nguy" not in repr(code) and "001199012345" not in repr(code)


def test_an_empty_old_number_and_decomposed_diacritics_are_accepted() -> None:
    import unicodedata

    code = parse_cccd(unicodedata.normalize("NFD", _with(old_id_number="", sex="Nữ")), TODAY)
    assert code.old_id_number is None
    assert code.name == "Nguyễn Thị Hồng Nhung"   # NFC, as typed and compared elsewhere
    assert code.sex == "F"


@pytest.mark.parametrize(
    "text, field",
    [
        (CCCD_TEXT + "|extra", None),                               # wrong field count
        ("|".join(CCCD_TEXT.split("|")[:6]), None),
        (_with(birth_date="31021999"), "birth_date"),               # no 31 February
        (_with(birth_date="1999-03-15"), "birth_date"),
        (_with(issue_date="01072031"), "issue_date"),               # in the future
        (_with(issue_date="01011990"), "issue_date"),               # before the birth
        (_with(id_number="999199012345"), "id_number"),             # no such province
        (_with(id_number="001099012345"), "id_number"),             # male digit, "Nữ"
        (_with(id_number="001198012345"), "id_number"),             # born 1998 by the number
        (_with(id_number="00119901234"), "id_number"),
        (_with(old_id_number="12345"), "old_id_number"),
        (_with(sex="X"), "sex"),
        (_with(name=""), "name"),
        (_with(address=" "), "address"),
        (_with(name="Nguyễn\x00Thị"), None),
        ("001199012345|" + "A" * 5000, None),
    ],
)
def test_a_broken_code_is_refused_whole_saying_which_field(text: str, field: str | None) -> None:
    with pytest.raises(InvalidCccdCode) as caught:
        parse_cccd(text, TODAY)
    assert caught.value.field == field
    message = str(caught.value)
    assert "\n" not in message and "Nguy" not in message and "001199012345" not in message


def test_only_texts_starting_with_twelve_digits_and_a_bar_claim_to_be_a_card() -> None:
    assert looks_like_cccd(CCCD_TEXT)
    assert not looks_like_cccd("IDK1|KIOSK-0001-261121-00190")
    assert not looks_like_cccd("００１１９９０１２３４５|x")   # full-width digits are no card's
    assert not looks_like_cccd("STU-2026-0042")
