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
# And it runs its own event loop, as the kiosk's application does (ui/qt_application.py).
os.environ["QT_NO_GLIB"] = os.environ.get("QT_NO_GLIB") or "1"    # Qt takes "" for unset

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


# -- Running on every core (pytest-xdist); see tests/workers.py ------------------------

def pytest_collection_modifyitems(config, items):
    from tests import workers

    problems = workers.misplaced((item.nodeid, getattr(item, "fixturenames", ())) for item in items)
    if problems:
        raise pytest.UsageError("tests sharing a host-wide resource outside its worker group:\n"
                                + "\n".join(problems))
    if hasattr(config, "workerinput"):
        workers.long_first(items)


def _glib_warnings_travel() -> None:
    """PyGObject reports GLib's warnings and criticals as `gobject.Warning`, a class whose
    module does not exist: a worker sends a warning to the controller by its module and
    name, and the controller's import of "gobject" would end the whole run. Named after
    the module that really holds it, the warning arrives and is shown like any other."""
    try:
        from gi import _gi
    except ImportError:
        return
    if getattr(_gi, "Warning", None) is not None and _gi.Warning.__module__ == "gobject":
        _gi.Warning.__module__ = "gi._gi"


_glib_warnings_travel()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    from tests import workers

    if config.getvalue("dist") in ("load", "loadscope", "loadfile", "loadgroup", "worksteal"):
        return workers.make_scheduler(config, log)
    return None
