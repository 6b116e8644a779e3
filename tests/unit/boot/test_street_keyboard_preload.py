"""The pinyin engine's index (seconds, hundreds of MB) is loaded once the kiosk has
started, on its own thread, by kiosks whose citizens type their street in pinyin."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import with_overrides
from kiosk.demo.config import demo_config


@pytest.mark.parametrize(("country", "preloaded"), [("CHN", 1), ("VNM", 0)])
def test_only_a_pinyin_kiosk_preloads_the_pinyin_engine(tmp_path: Path, monkeypatch, country: str, preloaded: int) -> None:
    import kiosk.text_input.pinyin as pinyin
    from launcher.gui import _Background

    calls: list[bool] = []
    monkeypatch.setattr(pinyin, "preload_in_background", lambda: calls.append(True))
    background = _Background.__new__(_Background)
    background.cfg = with_overrides(demo_config(tmp_path), {"document.country": country})
    background._preload_street_keyboard()
    assert len(calls) == preloaded
