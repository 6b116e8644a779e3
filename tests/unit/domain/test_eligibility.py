"""Who may renew at the kiosk today: renewal window and age rules."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.cases import Case
from kiosk.domain.eligibility import Eligibility, RenewalRules, check_eligibility

TODAY = dt.date(2026, 11, 21)
ADULT = dt.date(1980, 5, 20)
RULES = RenewalRules()
no_deadline = settings(deadline=None)


def expiring(expiry: dt.date | None, birth: dt.date = ADULT, rules: RenewalRules = RULES) -> Eligibility:
    return check_eligibility(Case.EXPIRING, birth, expiry, TODAY, rules)


def test_defaults() -> None:
    assert (RULES.window_days, RULES.min_age_self_service) == (90, 16)


def test_exactly_90_days_before_expiry_is_eligible() -> None:
    assert expiring(TODAY + dt.timedelta(days=90)) == Eligibility(True, "ok", 90)


def test_91_days_before_expiry_is_too_early_and_says_when_to_come() -> None:
    result = expiring(TODAY + dt.timedelta(days=91))
    assert result == Eligibility(False, "too_early", 91, TODAY + dt.timedelta(days=1))


@pytest.mark.parametrize("days", [0, -1, -3650])
def test_expiry_day_and_expired_cards_are_eligible(days: int) -> None:
    result = expiring(TODAY + dt.timedelta(days=days))
    assert result.eligible and result.code == "ok" and result.days_to_expiry == days
    assert result.expired == (days < 0)


def test_expiring_case_needs_the_expiry() -> None:
    assert expiring(None) == Eligibility(False, "expiry_unknown", None)


@pytest.mark.parametrize("case", [Case.DAMAGED, Case.LOST])
@pytest.mark.parametrize("expiry", [None, TODAY + dt.timedelta(days=3000), TODAY - dt.timedelta(days=5)])
def test_damaged_and_lost_are_eligible_whatever_the_dates(case: Case, expiry: dt.date | None) -> None:
    result = check_eligibility(case, ADULT, expiry, TODAY, RULES)
    assert result.eligible and result.code == "ok"
    assert result.days_to_expiry == (None if expiry is None else (expiry - TODAY).days)


@pytest.mark.parametrize("case", list(Case))
def test_under_16_goes_to_the_counter(case: Case) -> None:
    birth = dt.date(2010, 11, 22)  # 16 tomorrow
    result = check_eligibility(case, birth, TODAY, TODAY, RULES)
    assert (result.eligible, result.code) == (False, "too_young")
    assert check_eligibility(case, dt.date(2010, 11, 21), TODAY, TODAY, RULES).eligible


@pytest.mark.parametrize(
    ("today", "eligible"),
    [(dt.date(2024, 2, 28), False), (dt.date(2024, 2, 29), True),     # 16th birthday in a leap year
     (dt.date(2025, 2, 28), True)],
)
def test_leap_day_birthday_in_a_leap_year(today: dt.date, eligible: bool) -> None:
    result = check_eligibility(Case.LOST, dt.date(2008, 2, 29), None, today, RULES)
    assert result.eligible is eligible


@pytest.mark.parametrize(("today", "eligible"), [(dt.date(2025, 2, 28), False), (dt.date(2025, 3, 1), True)])
def test_leap_day_birthday_in_a_common_year_completes_on_1_march(today: dt.date, eligible: bool) -> None:
    rules = RenewalRules(min_age_self_service=17)
    assert check_eligibility(Case.LOST, dt.date(2008, 2, 29), None, today, rules).eligible is eligible


def test_birth_date_after_today_is_too_young_not_a_crash() -> None:
    assert check_eligibility(Case.LOST, TODAY + dt.timedelta(days=1), None, TODAY, RULES).code == "too_young"


def test_age_is_checked_before_the_dates() -> None:
    result = expiring(TODAY + dt.timedelta(days=400), birth=dt.date(2015, 1, 1))
    assert result.code == "too_young" and result.days_to_expiry == 400 and result.earliest_date is None


@no_deadline
@given(st.integers(-2000, 4000), st.integers(0, 365))
def test_window_rule_and_earliest_date(days: int, window: int) -> None:
    rules = RenewalRules(window_days=window)
    expiry = TODAY + dt.timedelta(days=days)
    result = expiring(expiry, rules=rules)
    assert result.eligible == (days <= window)
    assert result.days_to_expiry == days
    if not result.eligible:
        assert result.code == "too_early" and result.earliest_date is not None
        on = check_eligibility(Case.EXPIRING, ADULT, expiry, result.earliest_date, rules)
        before = check_eligibility(Case.EXPIRING, ADULT, expiry, result.earliest_date - dt.timedelta(days=1), rules)
        assert on.eligible and not before.eligible
    else:
        assert result.earliest_date is None
