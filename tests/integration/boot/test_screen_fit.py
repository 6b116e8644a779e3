"""Issue 13, lockdown: on a screen narrower than the layout (its header alone needs 923
px) the full-screen kiosk scales to fill it instead of growing past its edges.

The kiosk runs in its own process (Qt reads the scale factor only when the application
is made) on Qt's offscreen platform with a screen of the test's size, and says what it
got once the welcome screen is painted. tests/integration/boot/test_cage.py shows the same
on cage's 1280x720 output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import KIOSK, kiosk_env, start

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("screen", "shown"),
    [
        ((1024, 600), "window 1920x1125 on a 1920x1125 screen (scaled by 0.5333)"),
        ((800, 1280), "window 1920x3072 on a 1920x3072 screen (scaled by 0.4166)"),
        ((1920, 1080), "window 1920x1080 on a 1920x1080 screen\n"),
    ],
    ids=["1024x600", "portrait-800x1280", "1920x1080"],
)
def test_the_window_fills_the_screen_it_gets(tmp_path: Path, screen: tuple[int, int], shown: str) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "kiosk", "x": 0, "y": 0, "width": screen[0], "height": screen[1],
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = kiosk_env(QT_QPA_PLATFORM=f"offscreen:configfile={config}", KIOSK_EXIT_AFTER_SHOWN="1")
    kiosk = start([*KIOSK, "demo", "--data-dir", str(tmp_path / "data")], env, tmp_path)   # full screen
    output, _ = kiosk.communicate(timeout=90)
    assert kiosk.returncode == 0, output[-3000:]
    assert shown in output + "\n", output[-3000:]
