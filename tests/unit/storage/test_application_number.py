from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.storage.application_number import (
    KIOSK_ID_PATTERN,
    format_application_number,
    mod11_2_check_char,
    parse_application_number,
    validate_application_number,
)

kiosk_ids = st.from_regex(KIOSK_ID_PATTERN, fullmatch=True)
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
sequences = st.integers(min_value=1, max_value=9999)


def test_check_char_matches_a_published_chinese_id_number() -> None:
    # GB 11643 (China's ID number) uses the same ISO 7064 MOD 11-2; this is the standard's
    # own example, whose check character is X.
    assert mod11_2_check_char("11010519491231002") == "X"
    assert mod11_2_check_char("44052418800101001") == "4"


def test_format_shape() -> None:
    number = format_application_number("SH-XH-001", dt.date(2026, 11, 21), 19)
    assert number.startswith("SH-XH-001-261121-0019")
    assert len(number) == len("SH-XH-001-261121-0019") + 1
    assert number[-1] == mod11_2_check_char("001" + "261121" + "0019")


@given(kiosk_ids, days, sequences)
def test_round_trip(kiosk: str, day: dt.date, seq: int) -> None:
    number = format_application_number(kiosk, day, seq)
    parsed = parse_application_number(number)
    assert (parsed.kiosk_id, parsed.day, parsed.sequence) == (kiosk, day, seq)
    assert str(parsed) == number
    assert validate_application_number(f"  {number.lower()} ")


@given(kiosk_ids, days, sequences, st.data())
def test_every_single_digit_error_is_detected(
    kiosk: str, day: dt.date, seq: int, data: st.DataObject
) -> None:
    number = format_application_number(kiosk, day, seq)
    positions = [i for i, c in enumerate(number) if c.isdigit()]
    pos = data.draw(st.sampled_from(positions))
    # Digits become other digits; only the check position may also be mistyped as 'X'.
    # (Letters of the kiosk id are outside MOD 11-2's alphabet and are not protected.)
    alphabet = "0123456789X" if pos == len(number) - 1 else "0123456789"
    wrong = data.draw(st.sampled_from([d for d in alphabet if d != number[pos]]))
    typo = number[:pos] + wrong + number[pos + 1 :]
    assert not validate_application_number(typo)


@given(kiosk_ids, days, sequences, st.data())
def test_adjacent_digit_transpositions_are_detected(
    kiosk: str, day: dt.date, seq: int, data: st.DataObject
) -> None:
    number = format_application_number(kiosk, day, seq)
    pairs = [
        i for i in range(len(number) - 1)
        if number[i].isdigit() and number[i + 1].isdigit() and number[i] != number[i + 1]
    ]
    if not pairs:
        return
    i = data.draw(st.sampled_from(pairs))
    swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
    assert not validate_application_number(swapped)


@pytest.mark.parametrize(
    "text",
    ["", "SH-XH-001-261121-0019", "sh xh-261121-00019", "SH|1-261121-00019", "SH-261321-00011"],
)
def test_malformed_numbers_are_invalid(text: str) -> None:
    assert not validate_application_number(text)


def test_impossible_date_with_valid_check_is_refused() -> None:
    body = "K1-261340-0001"  # 40 December
    number = body + mod11_2_check_char("1" + "261340" + "0001")
    with pytest.raises(ValueError, match="calendar"):
        parse_application_number(number)


def test_kiosk_ids_are_case_insensitive() -> None:
    lower = format_application_number("kiosk-0001", dt.date(2026, 1, 1), 7)
    assert lower == format_application_number("KIOSK-0001", dt.date(2026, 1, 1), 7)
    assert lower.startswith("KIOSK-0001-")


@pytest.mark.parametrize("kiosk", ["", "-K1", "K1-", "K|1", "K 1", "K_1", "K" * 25])
def test_bad_kiosk_ids_are_refused(kiosk: str) -> None:
    with pytest.raises(ValueError):
        format_application_number(kiosk, dt.date(2026, 1, 1), 1)


@pytest.mark.parametrize("seq", [0, 10000])
def test_sequence_out_of_range_is_refused(seq: int) -> None:
    with pytest.raises(ValueError):
        format_application_number("K1", dt.date(2026, 1, 1), seq)


def test_digits_other_than_ascii_are_not_a_number() -> None:
    number = format_application_number("SH-XH-001", dt.date(2026, 11, 21), 19)
    kiosk, rest = number[:10], number[10:]          # "SH-XH-001-", "261121-00019"
    arabic = kiosk + rest[:-1].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + rest[-1]
    with pytest.raises(ValueError, match="not an application number"):
        parse_application_number(arabic)
