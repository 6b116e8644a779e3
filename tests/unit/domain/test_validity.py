"""Validity of the new card (Resident Identity Card Law art. 5) and age arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.validity import Validity, add_years, age_on, new_card_validity

no_deadline = settings(deadline=None)
births = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2010, 12, 31))


def birthday(birth: dt.date, age: int) -> dt.date:
    """The day a person completes `age` years: 1 March for 29 February births in common years."""
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:
        return dt.date(birth.year + age, 3, 1)


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (dt.date(1990, 6, 15), dt.date(2006, 6, 14), 15),
        (dt.date(1990, 6, 15), dt.date(2006, 6, 15), 16),
        (dt.date(2000, 2, 29), dt.date(2001, 2, 28), 0),
        (dt.date(2000, 2, 29), dt.date(2001, 3, 1), 1),
        (dt.date(2000, 2, 29), dt.date(2004, 2, 28), 3),
        (dt.date(2000, 2, 29), dt.date(2004, 2, 29), 4),
        (dt.date(2000, 3, 1), dt.date(2004, 2, 29), 3),
        (dt.date(2000, 1, 1), dt.date(2000, 1, 1), 0),
    ],
)
def test_age_on(birth: dt.date, day: dt.date, age: int) -> None:
    assert age_on(birth, day) == age


def test_age_before_birth_is_an_error() -> None:
    with pytest.raises(ValueError):
        age_on(dt.date(2000, 1, 2), dt.date(2000, 1, 1))


@pytest.mark.parametrize(
    ("day", "years", "result"),
    [
        (dt.date(2024, 2, 29), 10, dt.date(2034, 2, 28)),
        (dt.date(2024, 2, 29), 20, dt.date(2044, 2, 29)),
        (dt.date(2023, 12, 31), 5, dt.date(2028, 12, 31)),
    ],
)
def test_add_years(day: dt.date, years: int, result: dt.date) -> None:
    assert add_years(day, years) == result


def test_examples_from_each_bracket() -> None:
    birth = dt.date(1980, 5, 20)
    assert new_card_validity(birth, dt.date(1995, 1, 1)) == Validity(5, dt.date(1995, 1, 1), dt.date(2000, 1, 1))
    assert new_card_validity(birth, dt.date(2000, 1, 1)) == Validity(10, dt.date(2000, 1, 1), dt.date(2010, 1, 1))
    assert new_card_validity(birth, dt.date(2010, 1, 1)) == Validity(20, dt.date(2010, 1, 1), dt.date(2030, 1, 1))
    long_term = new_card_validity(birth, dt.date(2026, 11, 21))
    assert long_term == Validity(None, dt.date(2026, 11, 21), None) and long_term.long_term


def test_issue_on_29_february_ends_on_28_february() -> None:
    v = new_card_validity(dt.date(2000, 7, 1), dt.date(2024, 2, 29))
    assert (v.years, v.valid_until) == (10, dt.date(2034, 2, 28))


@no_deadline
@given(births, st.sampled_from([(16, 5, 10), (26, 10, 20), (46, 20, None)]))
def test_bracket_changes_exactly_on_the_birthday(birth: dt.date, bracket: tuple[int, int, int | None]) -> None:
    age, before, on = bracket
    day = birthday(birth, age)
    assert new_card_validity(birth, day - dt.timedelta(days=1)).years == before
    assert new_card_validity(birth, day).years == on


@no_deadline
@given(births, st.integers(0, 100 * 366))
def test_validity_follows_the_age_table(birth: dt.date, days_old: int) -> None:
    issue = birth + dt.timedelta(days=days_old)
    v = new_card_validity(birth, issue)
    age = age_on(birth, issue)
    expected = 5 if age < 16 else 10 if age <= 25 else 20 if age <= 45 else None
    assert v.years == expected and v.valid_from == issue
    if expected is None:
        assert v.valid_until is None
    else:
        assert v.valid_until is not None
        assert v.valid_until.year == issue.year + expected
        assert (v.valid_until.month, v.valid_until.day) in {(issue.month, issue.day), (2, 28)}


@no_deadline
@given(births, st.integers(0, 110))
def test_age_is_n_exactly_from_the_nth_birthday(birth: dt.date, n: int) -> None:
    day = birthday(birth, n)
    assert age_on(birth, day) == n
    if day > birth:
        assert age_on(birth, day - dt.timedelta(days=1)) == n - 1
