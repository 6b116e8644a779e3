"""What can go wrong between a kiosk and the office, one request at a time."""

from __future__ import annotations

import random
import threading
from collections import deque
from collections.abc import Mapping
from enum import StrEnum


class Fault(StrEnum):
    NONE = "none"
    SLOW = "slow"                                # answer normally, after slow_seconds
    TIMEOUT = "timeout"                          # hold past the client's timeout; nothing stored
    TIMEOUT_AFTER_STORE = "timeout_after_store"  # store, then hold past the timeout and close
    DROP = "drop"                                # close without answering; nothing stored
    CLOSE_AFTER_STORE = "close_after_store"      # store, then close without answering
    ERROR_500 = "error_500"
    UNAVAILABLE_503 = "unavailable_503"          # with Retry-After
    RATE_LIMITED_429 = "rate_limited_429"        # with Retry-After
    REJECT_422 = "reject_422"                    # a permanent rejection


class FaultPlan:
    """Which fault the next request meets: scripted ones first, then a random mix (or none)."""

    def __init__(
        self,
        *,
        retry_after: str = "1",
        slow_seconds: float = 0.2,
        hang_seconds: float = 2.0,
    ) -> None:
        self.retry_after = retry_after
        self.slow_seconds = slow_seconds
        self.hang_seconds = hang_seconds  # must exceed the client's read timeout
        self._lock = threading.Lock()
        self._script: deque[Fault] = deque()
        self._mix: list[tuple[Fault, float]] = []
        self._rng = random.Random()

    def push(self, *faults: Fault | str) -> None:
        with self._lock:
            self._script.extend(Fault(f) for f in faults)

    def set_mix(self, weights: Mapping[Fault | str, float], seed: int | None = None) -> None:
        """Each request meets fault f with probability weights[f] (the rest: no fault)."""
        if sum(weights.values()) > 1.0:
            raise ValueError("fault probabilities add up to more than 1")
        with self._lock:
            self._mix = [(Fault(f), float(p)) for f, p in weights.items()]
            self._rng = random.Random(seed)

    def clear(self) -> None:
        with self._lock:
            self._script.clear()
            self._mix = []

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._script)

    def next(self) -> Fault:
        with self._lock:
            if self._script:
                return self._script.popleft()
            draw = self._rng.random()
            for fault, p in self._mix:
                if draw < p:
                    return fault
                draw -= p
            return Fault.NONE
