"""How long a renewal takes here, as the welcome screen promises it ("about N minutes").

A fixed "about 5 minutes" was a promise nobody had measured. The kiosk measures every
journey that ended with a saved application (from the language tap to the save) and
promises the median, rounded up to whole minutes: rounded up because a citizen told
"3 minutes" who needs 4 feels slow, one told 4 who needs 3 feels quick. The median,
not the mean, so one citizen who chatted with the staff for half an hour moves nothing.
Until enough journeys were measured (after a restart, on a new kiosk) the default holds.
"""

from __future__ import annotations

import math
import statistics
from collections import deque

DEFAULT_MINUTES = 5
MIN_JOURNEYS = 5          # fewer than this is an anecdote, not a measure
KEEP = 200                # about a week of one kiosk's citizens: the promise follows change


class JourneyTimes:
    def __init__(self, default_minutes: int = DEFAULT_MINUTES) -> None:
        self.default_minutes = default_minutes
        self._seconds: deque[float] = deque(maxlen=KEEP)

    def record(self, seconds: float) -> None:
        if seconds > 0 and math.isfinite(seconds):
            self._seconds.append(seconds)

    def __len__(self) -> int:
        return len(self._seconds)

    def promise_minutes(self) -> int:
        """Whole minutes to promise: the measured median rounded up, or the default."""
        if len(self._seconds) < MIN_JOURNEYS:
            return self.default_minutes
        return max(1, math.ceil(statistics.median(self._seconds) / 60))
