"""`kiosk demo` lets a person see the payment code and its countdown: its payment
stand-in waits a few seconds. That wait once lived in a module setting that `kiosk demo`
changed and never changed back, so every demo walked later in the same process (the
simulated day, the tests) waited for each payment; a simulated day hung. The wait is now
a keyword of the one run it is for."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from kiosk.demo.config import demo_config
from launcher.cli import main
from launcher.services import DEMO_SHOWN_PAID_AFTER_S, build_services


def test_the_demo_waits_to_be_paid_and_leaves_no_wait_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[dict[str, object]] = []
    gui = types.ModuleType("launcher.gui")
    gui.run_kiosk = lambda cfg, **kwargs: asked.append(kwargs) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "launcher.gui", gui)

    assert main(["demo", "--windowed", "--data-dir", str(tmp_path / "shown")]) == 0
    assert asked == [{"show_code": None, "demo_paid_after_s": DEMO_SHOWN_PAID_AFTER_S}]
    assert DEMO_SHOWN_PAID_AFTER_S > 0

    services = build_services(demo_config(tmp_path / "later"))
    try:
        assert services.payments.paid_after_s == 0.0   # what walks the demo after it is paid at once
    finally:
        services.close()
        services.store.close()
