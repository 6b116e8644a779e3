"""May this citizen renew here, today? Pure date and age rules with stable reason codes.

The refusal screen shows a translated sentence for `code` and, for 'too_early', the
first date the citizen may come back; so the result carries data, not prose.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.domain.cases import Case
from kiosk.domain.validity import age_on

__all__ = ["Eligibility", "RenewalRules", "check_eligibility"]


@dataclass
class RenewalRules:
    window_days: int = 90           # an expiring card may be renewed this many days ahead
    min_age_self_service: int = 16  # younger citizens apply at the counter with a guardian


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    code: str                              # 'ok', 'too_early', 'too_young', 'expiry_unknown'
    days_to_expiry: int | None = None      # negative when the card has expired
    earliest_date: dt.date | None = None   # set with 'too_early': first day renewal is allowed

    @property
    def expired(self) -> bool:
        return self.days_to_expiry is not None and self.days_to_expiry < 0


def check_eligibility(
    case: Case,
    birth_date: dt.date,
    card_expiry: dt.date | None,
    today: dt.date,
    rules: RenewalRules,
) -> Eligibility:
    """Age first (a minor cannot self-serve whatever the dates say), then the dates.

    Expiring case: eligible when expired or when expiry - today <= window_days.
    Damaged and lost cards: always eligible on dates.
    """
    days = None if card_expiry is None else (card_expiry - today).days
    if birth_date > today or age_on(birth_date, today) < rules.min_age_self_service:
        return Eligibility(False, "too_young", days)
    if case is Case.EXPIRING:
        if card_expiry is None or days is None:
            return Eligibility(False, "expiry_unknown", None)
        if days > rules.window_days:
            earliest = card_expiry - dt.timedelta(days=rules.window_days)
            return Eligibility(False, "too_early", days, earliest)
    return Eligibility(True, "ok", days)
