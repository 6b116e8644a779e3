"""Shared fixtures: a demo configuration in a temporary data directory."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import settings

# No example database in the checkout: the tests write only to temporary folders, and a
# failure found once must be turned into an explicit @example, not a hidden replay file.
settings.register_profile("kiosk", database=None)
settings.load_profile("kiosk")

# Qt must never try to open a real display in the tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXED_NOW = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.timezone.utc)


@pytest.fixture
def demo_cfg(tmp_path):
    from kiosk.demo.config import demo_config

    return demo_config(tmp_path / "data")


@pytest.fixture
def session_tmp(tmp_path, monkeypatch):
    """Send session temporary folders into a test-owned folder so leaks are visible."""
    import tempfile

    folder = tmp_path / "session-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder
