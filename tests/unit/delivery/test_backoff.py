"""Exponential backoff with jitter, and Retry-After: the rules, checked for all inputs."""

from __future__ import annotations

import datetime as dt
import email.utils
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.delivery.backoff import MAX_RETRY_AFTER, Backoff, parse_retry_after

NOW = dt.datetime(2026, 11, 21, 8, 0, tzinfo=dt.UTC)

bases = st.floats(min_value=0.001, max_value=100, allow_nan=False)
failures = st.integers(min_value=1, max_value=10_000)


@given(base=bases, factor=st.floats(min_value=1, max_value=1000), n=failures, seed=st.integers())
def test_delay_lies_between_half_the_ceiling_and_the_ceiling(base: float, factor: float, n: int, seed: int) -> None:
    b = Backoff(base, base * factor, random.Random(seed))
    c = b.ceiling(n)
    assert c <= b.cap
    assert c / 2 <= b.delay(n) <= c


@given(base=bases, factor=st.floats(min_value=1, max_value=1000), n=failures)
def test_ceiling_doubles_until_the_cap(base: float, factor: float, n: int) -> None:
    b = Backoff(base, base * factor)
    assert b.ceiling(1) == pytest.approx(base)
    assert b.ceiling(n + 1) == pytest.approx(min(b.cap, 2 * b.ceiling(n)))


@given(n=failures, retry_after=st.floats(min_value=0, max_value=1e12), seed=st.integers())
def test_retry_after_is_a_floor_up_to_a_day(n: int, retry_after: float, seed: int) -> None:
    b = Backoff(1.0, 60.0, random.Random(seed))
    d = b.delay(n, retry_after)
    assert d >= min(retry_after, MAX_RETRY_AFTER)
    assert d <= max(b.ceiling(n), min(retry_after, MAX_RETRY_AFTER))


def test_jitter_spreads_kiosks() -> None:
    delays = {round(Backoff(2.0, 900.0, random.Random(seed)).delay(5), 6) for seed in range(50)}
    assert len(delays) > 40


@pytest.mark.parametrize("base, cap", [(0, 1), (-1, 1), (2, 1)])
def test_nonsense_settings_are_refused(base: float, cap: float) -> None:
    with pytest.raises(ValueError):
        Backoff(base, cap)


@given(seconds=st.integers(min_value=0, max_value=10**9))
def test_retry_after_seconds(seconds: int) -> None:
    assert parse_retry_after(str(seconds), NOW) == min(seconds, MAX_RETRY_AFTER)


@given(offset=st.integers(min_value=-10**6, max_value=10**6))
def test_retry_after_http_date(offset: int) -> None:
    when = NOW + dt.timedelta(seconds=offset)
    header = email.utils.format_datetime(when, usegmt=True)
    assert parse_retry_after(header, NOW) == min(max(offset, 0), MAX_RETRY_AFTER)


@pytest.mark.parametrize("header", [None, "", "  ", "soon", "-5", "1.5", "Fri, 99 Foo 2026 00:00:00 GMT"])
def test_unusable_retry_after_is_ignored(header: str | None) -> None:
    assert parse_retry_after(header, NOW) is None
