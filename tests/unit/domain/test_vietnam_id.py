"""Viet Nam's 12-digit personal identification number (CCCD)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.regions import VIETNAM_PROVINCES
from kiosk.domain.vietnam_id import InvalidIdNumber, VietnamId, make_vietnam_id, parse_vietnam_id

TODAY = dt.date(2026, 11, 21)
no_deadline = settings(deadline=None)


def test_example_decodes_province_sex_and_year() -> None:
    vid = parse_vietnam_id("001190012345", today=TODAY)
    assert vid == VietnamId(
        number="001190012345",
        province_code="001",
        province=VIETNAM_PROVINCES["001"],
        sex="F",
        birth_year=1990,
        century=1900,
    )
    assert vid.province.name_local == "Hà Nội" and vid.province.name_en == "Ha Noi"


@pytest.mark.parametrize(
    ("digit", "century", "sex"),
    [("0", 1900, "M"), ("1", 1900, "F"), ("2", 2000, "M"), ("3", 2000, "F")],
)
def test_century_and_sex_digit(digit: str, century: int, sex: str) -> None:
    vid = parse_vietnam_id(f"079{digit}05123456", today=TODAY)
    assert (vid.century, vid.sex, vid.birth_year) == (century, sex, century + 5)


@pytest.mark.parametrize("digit", "456789")
def test_centuries_after_the_21st_are_always_future(digit: str) -> None:
    # Circular 07/2016: 4/5 = 2100s, 6/7 = 2200s, 8/9 = 2300s (there is no code for the 1800s).
    with pytest.raises(InvalidIdNumber) as info:
        parse_vietnam_id(f"079{digit}00123456", today=TODAY)
    assert info.value.code == "birth_date"


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("00119001234", "length"),
        ("0011900123456", "length"),
        ("00119001234A", "characters"),
        ("003190012345", "region"),   # 003 is not one of the 63 codes
        ("097190012345", "region"),
        ("001327012345", "birth_date"),  # 2027, after TODAY
    ],
)
def test_each_rule_has_its_code(number: str, code: str) -> None:
    with pytest.raises(InvalidIdNumber) as info:
        parse_vietnam_id(number, today=TODAY)
    assert info.value.code == code
    assert info.value.expected_check is None


def test_this_year_is_accepted_and_spaces_are_ignored() -> None:
    assert parse_vietnam_id("048 326 000001", today=TODAY).birth_year == 2026


def test_a_typo_in_the_random_part_cannot_be_detected() -> None:
    # The number has no check digit: every serial is as good as any other. This documents
    # the limit the workflow must cover (confirm a typed number against the chip or office).
    for typed in ("001190012345", "001190012346", "001190999999", "001190000000"):
        assert parse_vietnam_id(typed, today=TODAY).number == typed


def test_province_table_has_the_63_codes() -> None:
    assert len(VIETNAM_PROVINCES) == 63
    assert VIETNAM_PROVINCES["001"].name_local == "Hà Nội"
    assert VIETNAM_PROVINCES["096"].name_local == "Cà Mau"
    assert VIETNAM_PROVINCES["079"].name_en == "Ho Chi Minh City"
    for code, province in VIETNAM_PROVINCES.items():
        assert code == province.code and len(code) == 3 and code.isdigit()
        assert province.name_en.isascii()


@pytest.mark.parametrize(
    ("province", "year", "sex", "serial"),
    [("000", 1990, "M", 1), ("001", 1899, "M", 1), ("001", 2400, "F", 1), ("001", 1990, "X", 1), ("001", 1990, "M", 10**6)],
)
def test_make_rejects_bad_parts(province: str, year: int, sex: str, serial: int) -> None:
    with pytest.raises(ValueError):
        make_vietnam_id(province, year, sex, serial)


@no_deadline
@given(
    st.sampled_from(sorted(VIETNAM_PROVINCES)),
    st.integers(1900, TODAY.year),
    st.sampled_from("MF"),
    st.integers(0, 999_999),
)
def test_make_then_parse_round_trips(province: str, year: int, sex: str, serial: int) -> None:
    number = make_vietnam_id(province, year, sex, serial)
    vid = parse_vietnam_id(number, today=TODAY)
    assert (vid.number, vid.province_code, vid.birth_year, vid.sex) == (number, province, year, sex)
    assert int(number[6:]) == serial and len(number) == 12


@no_deadline
@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_any_twelve_digits_either_parse_consistently_or_fail_with_a_known_code(number: str) -> None:
    try:
        vid = parse_vietnam_id(number, today=TODAY)
    except InvalidIdNumber as exc:
        assert exc.code in {"region", "birth_date"}
        return
    assert vid.province_code in VIETNAM_PROVINCES and vid.birth_year <= TODAY.year
    assert vid.birth_year % 100 == int(number[4:6])
