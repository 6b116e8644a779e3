"""When to try again after a failed delivery: exponential backoff with jitter, and Retry-After.

Written here rather than taken from `tenacity` or `backoff`: those libraries retry a
function call by sleeping in a loop, while the kiosk's schedule must survive a power
cut (the next attempt time is stored with the application) and the worker's wait must
end early when the kiosk shuts down. What remains is the delay formula, a few lines.

"Equal jitter": after the n-th consecutive failure the delay is drawn uniformly from
[c/2, c], with c = min(max, base * 2**(n-1)). The random half spreads a fleet of
kiosks that all lost the office at the same moment; the fixed half guarantees a real
pause (plain "full jitter" may draw ~0 and hammer an office that is down).

A Retry-After from the office (429, 503) is a floor: the kiosk never comes back earlier
than asked, even when that is beyond the usual maximum, up to MAX_RETRY_AFTER (so that a
misconfigured proxy answering "Retry-After: 99999999" cannot silence a kiosk for years).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import random
from dataclasses import dataclass, field

MAX_RETRY_AFTER = 24 * 3600.0
_MAX_EXPONENT = 62  # 2**62 s is beyond any cap; avoids huge floats for long outages


@dataclass
class Backoff:
    base: float
    cap: float
    rng: random.Random = field(default_factory=random.Random, repr=False)

    def __post_init__(self) -> None:
        if not 0 < self.base <= self.cap:
            raise ValueError("backoff needs 0 < base <= cap")

    def ceiling(self, failures: int) -> float:
        """The longest delay after `failures` consecutive failures (failures >= 1)."""
        if failures < 1:
            raise ValueError("failures counts from 1")
        return min(self.cap, self.base * 2.0 ** min(failures - 1, _MAX_EXPONENT))

    def delay(self, failures: int, retry_after: float | None = None) -> float:
        """Seconds to wait after `failures` consecutive failures."""
        c = self.ceiling(failures)
        d = self.rng.uniform(c / 2.0, c)
        if retry_after is not None:
            d = max(d, min(retry_after, MAX_RETRY_AFTER))
        return d


def parse_retry_after(value: str | None, now: dt.datetime) -> float | None:
    """Seconds from `now` that a Retry-After header asks for (RFC 9110 §10.2.3), or None.

    Both forms are accepted: delay-seconds ("120") and an HTTP-date. A date in the past
    means "now" (0). Anything unparseable is ignored (None): backoff alone decides.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return min(float(int(text)), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # "-0000" in an HTTP-date means UTC
        when = when.replace(tzinfo=dt.UTC)
    return min(max((when - now).total_seconds(), 0.0), MAX_RETRY_AFTER)
