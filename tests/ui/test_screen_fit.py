"""Issue 13, lockdown: the window fills whatever screen it gets.

Every screen is laid out and tested for 1920x1080 logical pixels (tests/ui/test_screens.py).
On a screen with fewer pixels the full-screen kiosk asks Qt to scale the window so that
the screen holds that layout, and on one too dense for the theme's millimetres it keeps
the reference sizes; at 1920x1080 and an ordinary density nothing changes (the
screenshots stay pixel-identical).
"""

from __future__ import annotations

import pytest

from ui.qt_application import LAYOUT_SIZE, ScreenFit, fit_layout
from ui.theme import FALLBACK_DPI

pytestmark = pytest.mark.ui


@pytest.mark.parametrize(
    ("size", "dpi", "fit"),
    [
        ((1920, 1080), 96.0, ScreenFit()),                     # the layout's own screen
        ((2560, 1440), 110.0, ScreenFit()),                    # larger, and its millimetres fit
        ((1920, 1080), 92.0, ScreenFit()),                     # a 24" monitor
        ((1920, 1080), 141.0, ScreenFit(dpi=FALLBACK_DPI)),    # a 15.6" panel: millimetres would not fit
        ((1280, 720), 96.0, ScreenFit(scale=0.6666, dpi=FALLBACK_DPI)),   # cage's headless output
        ((1024, 600), 96.0, ScreenFit(scale=0.5333, dpi=FALLBACK_DPI)),
        ((1080, 1920), 96.0, ScreenFit(scale=0.5625, dpi=FALLBACK_DPI)),  # a portrait screen
        ((1280, 800), 150.0, ScreenFit(scale=0.6666, dpi=FALLBACK_DPI)),
    ],
    ids=["1920x1080", "1440p", "24in", "dense", "1280x720", "1024x600", "portrait", "10in"],
)
def test_the_fit_for_a_screen(size: tuple[int, int], dpi: float, fit: ScreenFit) -> None:
    assert fit_layout(*size, dpi) == fit


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600), (1366, 768), (800, 480), (1080, 1920), (1919, 1080)])
def test_a_scaled_screen_holds_the_whole_layout(size: tuple[int, int]) -> None:
    fit = fit_layout(*size, FALLBACK_DPI)
    logical = (size[0] / fit.scale, size[1] / fit.scale)
    assert logical[0] >= LAYOUT_SIZE[0] and logical[1] >= LAYOUT_SIZE[1]
    assert min(logical[0] - LAYOUT_SIZE[0], logical[1] - LAYOUT_SIZE[1]) < 2   # and no smaller than it must be
