"""How long the new card is valid: Resident Identity Card Law of the PRC, article 5.

Age at issue under 16: 5 years; 16 to 25: 10 years; 26 to 45: 20 years; 46 and over:
long-term (no end date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Validity", "add_years", "age_on", "new_card_validity"]

# (lowest age at issue, years of validity); None means long-term.
_BRACKETS: tuple[tuple[int, int | None], ...] = ((46, None), (26, 20), (16, 10), (0, 5))


@dataclass(frozen=True)
class Validity:
    years: int | None              # None: long-term
    valid_from: dt.date
    valid_until: dt.date | None    # None: long-term

    @property
    def long_term(self) -> bool:
        return self.years is None


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years of age on `day`.

    Someone born on 29 February has a birthday only in leap years, so in other years
    they complete the year on 1 March (the day after 28 February), the reading of a
    plain calendar comparison.
    """
    if day < birth:
        raise ValueError("the day is before the birth date")
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def add_years(day: dt.date, years: int) -> dt.date:
    """Same day and month `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # only 29 February can fail
        return day.replace(year=day.year + years, day=28)


def new_card_validity(birth_date: dt.date, issue_date: dt.date) -> Validity:
    age = age_on(birth_date, issue_date)
    years = next(span for lowest, span in _BRACKETS if age >= lowest)
    until = None if years is None else add_years(issue_date, years)
    return Validity(years=years, valid_from=issue_date, valid_until=until)
