"""Theme: physical sizes, contrast, the stylesheet really applied."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton

from ui import theme as theme_module
from ui.theme import (
    FALLBACK_DPI,
    HIGH_CONTRAST,
    LARGE_TEXT_SCALE,
    MIN_TOUCH_PX,
    Palette,
    Theme,
    apply_theme,
    contrast_ratio,
    current_theme,
    resolve_dpi,
    set_role,
)

pytestmark = pytest.mark.ui

dpis = st.floats(min_value=60.0, max_value=400.0, allow_nan=False)


@given(dpi=dpis, large=st.booleans())
def test_touch_targets_are_at_least_15_mm_and_64_px(dpi: float, large: bool) -> None:
    theme = Theme(dpi=dpi, large_text=large)
    assert theme.touch_px >= MIN_TOUCH_PX
    assert theme.px_to_mm(theme.touch_px) >= 15.0
    assert theme.key_px >= theme.touch_px


@given(dpi=dpis)
def test_large_text_scales_every_size_by_about_1_3(dpi: float) -> None:
    normal, large = Theme(dpi=dpi), Theme(dpi=dpi, large_text=True)
    for name in ("touch_px", "body_px", "heading_px", "title_px", "display_px", "margin_px"):
        ratio = getattr(large, name) / getattr(normal, name)
        assert ratio == pytest.approx(LARGE_TEXT_SCALE, abs=0.03), name


@given(dpi=dpis, large=st.booleans())
def test_type_is_big_enough_for_elderly_readers(dpi: float, large: bool) -> None:
    theme = Theme(dpi=dpi, large_text=large)
    assert theme.body_px >= 28
    assert theme.hint_px >= 28
    assert theme.heading_px >= 48
    assert theme.heading_px > theme.body_px


@given(dpi=st.floats(min_value=1.0, max_value=2000.0), mm=st.floats(min_value=0.1, max_value=500.0))
def test_mm_to_px_never_rounds_a_size_below_its_millimetres(dpi: float, mm: float) -> None:
    theme = Theme(dpi=dpi)
    assert theme.px_to_mm(theme.mm_to_px(mm)) >= mm - 1e-9


def test_kiosk_screen_sizes() -> None:
    """The 21.5" 1920x1080 panel is ~102 dpi: 15 mm is 61 px, so the 64 px floor applies."""
    theme = Theme(dpi=102.5)
    assert theme.mm_to_px(15) == 61
    assert theme.touch_px == 64
    assert Theme(dpi=160).touch_px == Theme(dpi=160).mm_to_px(15) == 95


TEXT_PAIRS = [
    ("text", "background"),
    ("text_muted", "background"),
    ("text", "surface"),
    ("text_muted", "surface"),
    ("primary", "background"),      # headings, secondary buttons' labels
    ("on_primary", "primary"),      # primary buttons
    ("on_primary", "error"),        # danger buttons
    ("error", "background"),        # error messages
    ("text", "primary_soft"),       # selected choice
    ("disabled_text", "disabled_bg"),
]
PALETTES = {"default": Palette(), "high_contrast": HIGH_CONTRAST}


@pytest.mark.parametrize(("fg", "bg"), TEXT_PAIRS)
def test_text_colours_reach_wcag_aaa_contrast(fg: str, bg: str) -> None:
    palette = Palette()
    assert contrast_ratio(getattr(palette, fg), getattr(palette, bg)) >= 7.0


# The high-contrast theme is for citizens who find the default too faint: every pair it
# draws text with, the problem box's too, keeps well above AAA's 7:1.
HIGH_CONTRAST_PAIRS = TEXT_PAIRS + [
    ("error", "problem_bg"),        # a problem's message
    ("text", "problem_bg"),         # its next step
    ("primary", "surface"),         # key-action labels on keys
    ("text", "surface_pressed"),    # a key while pressed
    ("on_primary", "primary_pressed"),
]


@pytest.mark.parametrize(("fg", "bg"), HIGH_CONTRAST_PAIRS)
def test_high_contrast_text_colours_reach_10_to_1(fg: str, bg: str) -> None:
    ratio = contrast_ratio(getattr(HIGH_CONTRAST, fg), getattr(HIGH_CONTRAST, bg))
    print(f"high contrast {fg} on {bg}: {ratio:.1f}:1")
    assert ratio >= 10.0


@pytest.mark.parametrize("palette", PALETTES.values(), ids=PALETTES.keys())
def test_problem_text_keeps_aaa_on_its_tint(palette: Palette) -> None:
    assert contrast_ratio(palette.text, palette.problem_bg) >= 7.0
    assert contrast_ratio(palette.error, palette.problem_bg) >= 4.5   # bold 28 px: large text


def test_high_contrast_outlines_are_as_strong_as_text() -> None:
    assert contrast_ratio(HIGH_CONTRAST.border, HIGH_CONTRAST.background) >= 7.0
    assert contrast_ratio(HIGH_CONTRAST.success, HIGH_CONTRAST.background) >= 3.0


def test_the_theme_says_its_contrast_and_switches_keep_the_density() -> None:
    theme = Theme(dpi=120.0)
    high = theme.with_display(large_text=True, high_contrast=True)
    assert high.high_contrast and high.large_text and high.dpi == 120.0 and high.palette == HIGH_CONTRAST
    assert not high.with_display(large_text=False, high_contrast=False).high_contrast


def test_outlines_are_visible_against_white() -> None:
    palette = Palette()
    assert contrast_ratio(palette.border, palette.background) >= 3.0  # WCAG non-text contrast


def test_contrast_ratio_matches_the_published_extremes() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_offscreen_platform_density_is_not_trusted(qapp) -> None:
    assert QGuiApplication.platformName() == "offscreen"
    assert resolve_dpi() == FALLBACK_DPI
    assert Theme.for_screen().dpi == FALLBACK_DPI
    assert Theme.for_screen(dpi_override=102.5).dpi == 102.5


class _FakeScreen:
    def __init__(self, dpi: float, mm: tuple[float, float]) -> None:
        self._dpi, self._mm = dpi, mm

    def physicalDotsPerInch(self) -> float:  # noqa: N802
        return self._dpi

    def physicalSize(self):
        from PySide6.QtCore import QSizeF

        return QSizeF(*self._mm)


@pytest.mark.parametrize(
    ("dpi", "mm", "expected"),
    [
        (102.5, (476.0, 268.0), 102.5),  # the 21.5" kiosk panel
        (1920 / 0.0394, (1.0, 1.0), FALLBACK_DPI),  # EDID says 1 mm wide
        (5.0, (10_000.0, 5_000.0), FALLBACK_DPI),  # EDID says 10 m wide
        (96.0, (0.0, 0.0), FALLBACK_DPI),  # no physical size at all
    ],
)
def test_implausible_densities_fall_back(monkeypatch, dpi, mm, expected) -> None:
    monkeypatch.setattr(QGuiApplication, "platformName", staticmethod(lambda: "xcb"))
    assert resolve_dpi(_FakeScreen(dpi, mm)) == expected


def test_theme_is_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Theme().dpi = 200  # type: ignore[misc]


def test_stylesheet_parses_without_warnings(qapp, qtlog, kiosk_theme) -> None:
    for large in (False, True):
        apply_theme(qapp, Theme(large_text=large))
        label = QLabel("x")
        label.ensurePolished()
        button = QPushButton("x")
        button.ensurePolished()
    assert not [r for r in qtlog.records if "style" in r.message.lower() and "parse" in r.message.lower()]


def _centre_colour(widget) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(QPoint(4 + widget.width() // 10, widget.height() // 2))


@pytest.mark.parametrize(("role", "colour"), [("primary", "primary"), ("danger", "error"), (None, "background")])
def test_button_roles_paint_their_colours(qtbot, kiosk_theme, role, colour) -> None:
    button = QPushButton(" ")
    qtbot.addWidget(button)
    set_role(button, role)
    button.resize(300, 120)
    button.show()
    assert _centre_colour(button).name().upper() == getattr(kiosk_theme.palette, colour).upper()


def test_changing_a_role_restyles_at_once(qtbot, kiosk_theme) -> None:
    button = QPushButton(" ")
    qtbot.addWidget(button)
    button.resize(300, 120)
    button.show()
    set_role(button, "primary")
    assert _centre_colour(button).name().upper() == kiosk_theme.palette.primary.upper()
    set_role(button, "danger")
    assert _centre_colour(button).name().upper() == kiosk_theme.palette.error.upper()


def test_buttons_get_the_touch_size_from_the_stylesheet(qtbot, kiosk_theme, apply_large) -> None:
    button = QPushButton("OK")
    qtbot.addWidget(button)
    button.show()
    assert button.sizeHint().height() >= kiosk_theme.touch_px
    large = apply_large()
    button.adjustSize()
    assert button.height() >= large.touch_px > kiosk_theme.touch_px


def test_apply_theme_sets_the_current_theme_and_body_font(qapp, kiosk_theme) -> None:
    large = Theme(large_text=True)
    apply_theme(qapp, large)
    assert current_theme() is large
    assert qapp.font().pixelSize() == large.body_px
    assert theme_module.current_theme().large_text
