"""Fixtures for the queue tests: a key, a store in a temporary folder, applications."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.storage import ApplicationStore, DataKey

from tests.factories import AppFactory, build_application


@pytest.fixture
def data_key(tmp_path: Path) -> DataKey:
    return DataKey.load_or_create(tmp_path / "keys" / "data.key")


@pytest.fixture
def store(tmp_path: Path, data_key: DataKey) -> Iterator[ApplicationStore]:
    with ApplicationStore(tmp_path / "queue.sqlite3", data_key) as s:
        yield s


@pytest.fixture
def make_app() -> AppFactory:
    return build_application
