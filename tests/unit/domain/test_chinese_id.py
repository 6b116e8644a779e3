"""GB 11643-1999 citizen ID numbers: published example, each rule, and the check's power."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kiosk.domain.chinese_id import (
    ChineseId,
    InvalidIdNumber,
    chinese_check_character,
    make_chinese_id,
    parse_chinese_id,
)
from kiosk.domain.regions import CHINA_PROVINCES

TODAY = dt.date(2026, 11, 21)
CHECK_CHARS = "0123456789X"
no_deadline = settings(deadline=None)

# A valid number: known province, any 4 digits, a birth date 1900..TODAY, any sequence.
region_codes = st.builds(
    lambda prefix, rest: prefix + f"{rest:04d}",
    st.sampled_from(sorted(CHINA_PROVINCES)),
    st.integers(0, 9999),
)
birth_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(0, 999)
valid_numbers = st.builds(make_chinese_id, region_codes, birth_dates, sequences)


def iso7064_holds(number: str) -> bool:
    """The standard's own statement of MOD 11-2: sum(a_i * 2^(18-i)) ≡ 1 (mod 11), i = 1..18."""
    values = [10 if c == "X" else int(c) for c in number]
    return sum(v * pow(2, 17 - i, 11) for i, v in enumerate(values)) % 11 == 1


def with_check(first17: str) -> str:
    return first17 + chinese_check_character(first17)


# ---------------------------------------------------------------- published examples

def test_standard_example_is_valid_female_born_1949_12_31() -> None:
    cid = parse_chinese_id("11010519491231002X", today=TODAY)
    assert cid == ChineseId(
        number="11010519491231002X",
        region_code="110105",
        province=CHINA_PROVINCES["11"],
        birth_date=dt.date(1949, 12, 31),
        sex="F",
        sequence="002",
    )
    assert cid.province.name_en == "Beijing" and cid.province.name_local == "北京市"


def test_wrong_check_character_reports_the_expected_one() -> None:
    with pytest.raises(InvalidIdNumber) as info:
        parse_chinese_id("110105194912310021", today=TODAY)
    assert info.value.code == "check_character"
    assert info.value.expected_check == "X"
    assert "check character" in info.value.message


@pytest.mark.parametrize("typed", ["11010519491231002x", " 110105 19491231 002X ", "１１０１０５１９４９１２３１００２ｘ"])
def test_typed_variants_normalise_to_upper_case_ascii(typed: str) -> None:
    assert parse_chinese_id(typed, today=TODAY).number == "11010519491231002X"


def test_odd_sequence_is_male() -> None:
    number = make_chinese_id("440305", dt.date(1990, 5, 17), 123)
    assert parse_chinese_id(number, today=TODAY).sex == "M"


# ---------------------------------------------------------------- each rule, isolated

@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("11010519491231002", "length"),
        ("11010519491231002X1", "length"),
        ("", "length"),
        ("1101051949123100X2", "characters"),
        ("11010519491231002A", "characters"),
        ("11010519491231002٣", "characters"),
        (with_check("99010519491231002"), "region"),
        (with_check("83000019491231002"), "region"),   # residence permit: out of scope
        (with_check("11010519490231002"), "birth_date"),  # 31 February
        (with_check("11010519000229002"), "birth_date"),  # 1900 was not a leap year
        (with_check("11010518991231002"), "birth_date"),  # before 1900
        (with_check("11010520261122002"), "birth_date"),  # tomorrow
    ],
)
def test_each_rule_has_its_code(number: str, code: str) -> None:
    with pytest.raises(InvalidIdNumber) as info:
        parse_chinese_id(number, today=TODAY)
    assert info.value.code == code
    assert info.value.message
    assert (info.value.expected_check is not None) == (code == "check_character")


def test_born_today_and_leap_days_are_accepted() -> None:
    assert parse_chinese_id(with_check("11010520261121002"), today=TODAY).birth_date == TODAY
    assert parse_chinese_id(with_check("11010520000229002"), today=TODAY).birth_date == dt.date(2000, 2, 29)


def test_check_character_input_must_be_17_digits() -> None:
    for bad in ("1101051949123100", "1101051949123100X", "110105194912310021"):
        with pytest.raises(ValueError):
            chinese_check_character(bad)


@pytest.mark.parametrize(
    ("region", "birth", "sequence"),
    [("11010", dt.date(1990, 1, 1), 1), ("11010A", dt.date(1990, 1, 1), 1), ("110105", dt.date(1990, 1, 1), 1000)],
)
def test_make_rejects_bad_parts(region: str, birth: dt.date, sequence: int) -> None:
    with pytest.raises(ValueError):
        make_chinese_id(region, birth, sequence)


def test_province_table_has_the_34_divisions() -> None:
    assert len(CHINA_PROVINCES) == 34
    assert CHINA_PROVINCES["11"].name_en == "Beijing"
    assert CHINA_PROVINCES["71"].name_en == "Taiwan"
    assert CHINA_PROVINCES["81"].name_en == "Hong Kong"
    assert CHINA_PROVINCES["82"].name_en == "Macau"
    assert all(code == p.code and len(code) == 2 and p.name_en.isascii() for code, p in CHINA_PROVINCES.items())


# ---------------------------------------------------------------- properties

@no_deadline
@given(region_codes, birth_dates, sequences)
def test_make_then_parse_round_trips(region: str, birth: dt.date, sequence: int) -> None:
    number = make_chinese_id(region, birth, sequence)
    cid = parse_chinese_id(number, today=TODAY)
    assert (cid.number, cid.region_code, cid.birth_date, int(cid.sequence)) == (number, region, birth, sequence)
    assert cid.sex == ("M" if sequence % 2 else "F")
    assert cid.province is CHINA_PROVINCES[region[:2]]
    assert iso7064_holds(number)


@no_deadline
@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_character_satisfies_iso_7064(first17: str) -> None:
    assert iso7064_holds(with_check(first17))


@no_deadline
@given(valid_numbers, st.integers(0, 17), st.sampled_from(CHECK_CHARS))
def test_any_single_substitution_is_rejected(number: str, position: int, replacement: str) -> None:
    assume(number[position] != replacement)
    changed = number[:position] + replacement + number[position + 1:]
    with pytest.raises(InvalidIdNumber):
        parse_chinese_id(changed, today=TODAY)


@no_deadline
@given(st.text(alphabet="0123456789", min_size=17, max_size=17), st.integers(0, 16), st.integers(1, 9))
def test_mod_11_2_detects_every_single_digit_substitution(first17: str, position: int, shift: int) -> None:
    # Pure checksum property, independent of the region and date rules.
    digit = (int(first17[position]) + shift) % 10
    changed = first17[:position] + str(digit) + first17[position + 1:]
    assert chinese_check_character(changed) != chinese_check_character(first17)


@no_deadline
@given(valid_numbers, st.integers(0, 16))
def test_adjacent_transposition_is_detected(number: str, position: int) -> None:
    a, b = number[position], number[position + 1]
    assume(a != b)
    swapped = number[:position] + b + a + number[position + 2:]
    with pytest.raises(InvalidIdNumber):
        parse_chinese_id(swapped, today=TODAY)
    if "X" not in swapped[:17]:
        # And the check character alone catches it, whatever the other rules say.
        assert chinese_check_character(swapped[:17]) != swapped[17]
