"""Fixtures for the receipt tests: applications built with the queue tests' factory."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import AppFactory, build_application

SHANGHAI = dt.timezone(dt.timedelta(hours=8), "CST")


@pytest.fixture
def make_app() -> AppFactory:
    return build_application
