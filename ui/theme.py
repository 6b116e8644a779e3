"""Sizes, colours and the Qt stylesheet of the kiosk, derived from the screen's real density.

Citizens touch this screen with a finger, often with poor eyesight and in a hurry, so
every size here is a physical size first (millimetres on the glass) and a pixel size
second. One `Theme` object is the single source of those numbers: the stylesheet is
generated from it, and custom-painted widgets read it through `current_theme()` at paint
time, so switching to large text at runtime (`apply_theme` with another `Theme`) restyles
everything without rebuilding screens.

Styling by role: widgets do not hard-code colours. Give a widget a role with
`set_role(widget, "primary")` (the dynamic property ``role``) and the stylesheet does the
rest:

* ``QPushButton``: ``primary`` (the one obvious next step), ``secondary`` (the default:
  back, retake, ...), ``danger`` (destructive: cancel the application), ``choice`` (big
  option tiles, see `ui.widgets.choice_button`), ``key`` (keypad keys).
* ``QLabel``: ``title``, ``heading``, ``body`` (the default), ``hint`` (secondary
  explanations), ``error`` (what went wrong and what to do), ``display`` (typed digits).
* ``QLineEdit``: big by default; ``QProgressBar``: thick, with the percentage inside.
* ``QFrame``/``QWidget`` with role ``card``: a white, rounded panel (dialog surfaces).

Font sizes come from the stylesheet, which overrides ``QWidget.setFont``: to make a text
bigger or smaller, give it another role rather than a font.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QGuiApplication, QPalette, QScreen
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from ui import fonts

log = logging.getLogger(__name__)

MM_PER_INCH = 25.4
FALLBACK_DPI = 96.0
MIN_TOUCH_MM = 15.0
MIN_TOUCH_PX = 64
LARGE_TEXT_SCALE = 1.3
# Outside this range a reported density is not a real monitor's (virtual platforms,
# EDIDs that report the panel as 0 mm or 1 m wide); the fallback is safer than trusting it.
PLAUSIBLE_DPI = (60.0, 400.0)
# Platforms without a physical screen invent a size; never trust their density.
VIRTUAL_PLATFORMS = frozenset({"offscreen", "minimal", "vnc"})


@dataclass(frozen=True)
class Palette:
    """Calm, high-contrast colours. Red is reserved for errors and destructive actions.

    Every text colour has a contrast ratio of at least 7:1 (WCAG AAA) against the
    background it is drawn on; `tests/ui/widgets/test_ui_theme.py` checks that.
    """

    primary: str = "#0A3D8F"          # deep blue: primary buttons, progress, headings
    primary_pressed: str = "#062A66"
    primary_soft: str = "#E3ECF8"     # selected choice, done steps' background
    on_primary: str = "#FFFFFF"
    background: str = "#FFFFFF"
    surface: str = "#F2F5F9"          # keys, choice tiles
    surface_pressed: str = "#D5DEEA"
    border: str = "#5F6F84"           # 4.9:1 on white: visible outline for non-text parts
    text: str = "#14202E"
    text_muted: str = "#3D4A5C"
    placeholder: str = "#8B97A8"      # empty slots of the keypad display (not text)
    error: str = "#A3121A"
    error_pressed: str = "#7A0D12"
    disabled_bg: str = "#D9DEE5"
    disabled_text: str = "#2F3A4A"
    ink: str = "#0A1F44"              # signature ink
    success: str = "#1E8C3A"          # the camera's guide oval when the face is placed well (not text)
    scrim: str = "#B30A1422"          # ARGB: the dimmed layer behind overlays
    problem_bg: str = "#FFF4F4"       # a faint red tint behind a problem's text


# For citizens with low vision: light text on black, yellow for what is active, the
# colour pairs well above WCAG AAA's 7:1 (`tests/ui/widgets/test_ui_theme.py` measures
# them). Dark on light would be the default's look with thicker lines; light on black
# is what screen magnifiers' and phones' high-contrast modes offer, so it is familiar.
HIGH_CONTRAST = Palette(
    primary="#FFE14D",                # yellow: headings, outlines, primary buttons' fill
    primary_pressed="#E6C000",
    primary_soft="#2E2A00",
    on_primary="#000000",
    background="#000000",
    surface="#141414",
    surface_pressed="#3A3A3A",
    border="#FFFFFF",
    text="#FFFFFF",
    text_muted="#E8E8E8",
    placeholder="#8C8C8C",
    error="#FFA49C",
    error_pressed="#FF7A70",
    disabled_bg="#1F1F1F",
    disabled_text="#D0D0D0",
    ink="#FFFFFF",
    success="#5CE65C",
    scrim="#E6000000",
    problem_bg="#140000",
)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio of two opaque colours (1.0 .. 21.0).

    Written out because it is four lines of published formula and no dependency is worth it.
    """

    def luminance(colour: str) -> float:
        c = QColor(colour)

        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def resolve_dpi(screen: QScreen | None = None) -> float:
    """The physical density of `screen` (default: the primary screen), or 96 dpi when unknown.

    Offscreen and other virtual platforms report an invented physical size, and some
    monitors report nonsense through their EDID; both would shrink the touch targets.
    """
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    if screen is None:
        return FALLBACK_DPI
    if QGuiApplication.platformName() in VIRTUAL_PLATFORMS:
        return FALLBACK_DPI
    size = screen.physicalSize()
    if size.width() <= 0 or size.height() <= 0:
        return FALLBACK_DPI
    dpi = screen.physicalDotsPerInch()
    lo, hi = PLAUSIBLE_DPI
    if not (lo <= dpi <= hi):
        log.warning("screen reports %.1f dpi, using %.0f dpi instead", dpi, FALLBACK_DPI)
        return FALLBACK_DPI
    return dpi


@dataclass(frozen=True)
class Theme:
    """All sizes in device pixels, computed from the density `dpi` and the text mode.

    `large_text` scales every size (fonts, touch targets, spacing) by `LARGE_TEXT_SCALE`,
    so layouts keep their proportions and nothing overlaps. `palette` is the default's
    or `HIGH_CONTRAST` (`high_contrast` tells which).
    """

    dpi: float = FALLBACK_DPI
    large_text: bool = False
    palette: Palette = field(default_factory=Palette)

    @classmethod
    def for_screen(
        cls, screen: QScreen | None = None, large_text: bool = False, dpi_override: float | None = None
    ) -> "Theme":
        """The theme for a real screen; `dpi_override` comes from configuration when the
        monitor's EDID is known to lie."""
        return cls(dpi=dpi_override if dpi_override else resolve_dpi(screen), large_text=large_text)

    @property
    def high_contrast(self) -> bool:
        return self.palette == HIGH_CONTRAST

    def with_display(self, *, large_text: bool, high_contrast: bool) -> "Theme":
        """This theme at another text size and contrast (same screen density)."""
        return Theme(dpi=self.dpi, large_text=large_text, palette=HIGH_CONTRAST if high_contrast else Palette())

    # --- geometry -------------------------------------------------------------------
    @property
    def scale(self) -> float:
        return LARGE_TEXT_SCALE if self.large_text else 1.0

    def mm_to_px(self, mm: float) -> int:
        """Pixels covering at least `mm` millimetres on this screen (rounded up)."""
        return math.ceil(mm * self.dpi / MM_PER_INCH)

    def px_to_mm(self, px: float) -> float:
        return px * MM_PER_INCH / self.dpi

    def _scaled(self, px: float) -> int:
        return round(px * self.scale)

    @property
    def touch_px(self) -> int:
        """Smallest side of anything a finger must hit: 15 mm, never below 64 px."""
        return self._scaled(max(MIN_TOUCH_PX, self.mm_to_px(MIN_TOUCH_MM)))

    @property
    def key_px(self) -> int:
        """Side of a keypad key: a little more than the minimum, keys are hit repeatedly.
        Large text's touch size is already that much larger: a keypad's rows must still
        fit below the top third of the screen, within a seated citizen's reach."""
        return self.touch_px if self.large_text else round(self.touch_px * 1.25)

    @property
    def spacing_px(self) -> int:
        """Gap between neighbouring touch targets (prevents hitting the wrong key)."""
        return max(12, round(self.touch_px / 5))

    @property
    def margin_px(self) -> int:
        return self._scaled(32)

    @property
    def radius_px(self) -> int:
        return self._scaled(12)

    @property
    def border_px(self) -> int:
        return 3

    @property
    def padding_v_px(self) -> int:
        """Vertical padding inside buttons and fields (between border and text)."""
        return max(8, round(self.touch_px / 6))

    @property
    def padding_h_px(self) -> int:
        return max(16, round(self.touch_px / 3))

    # --- type -----------------------------------------------------------------------
    @property
    def body_px(self) -> int:
        return self._scaled(28)

    @property
    def hint_px(self) -> int:
        # Hints are secondary by colour, not by size: elderly readers need the size.
        return self._scaled(28)

    @property
    def button_px(self) -> int:
        return self._scaled(32)

    @property
    def heading_px(self) -> int:
        return self._scaled(48)

    @property
    def title_px(self) -> int:
        return self._scaled(64)

    @property
    def key_font_px(self) -> int:
        return self._scaled(44)

    @property
    def display_px(self) -> int:
        """Typed digits: read back digit by digit by people checking their ID number."""
        return self._scaled(56)

    @property
    def countdown_px(self) -> int:
        return self._scaled(180)

    @property
    def progress_px(self) -> int:
        """Height of a progress bar: thick enough to be seen from a step back."""
        return self._scaled(48)

    # --- Qt ---------------------------------------------------------------------------
    def qcolor(self, name: str) -> QColor:
        """A palette colour by field name, e.g. ``theme.qcolor("primary")``."""
        return QColor(getattr(self.palette, name))

    def qpalette(self) -> QPalette:
        p = self.palette
        pal = QPalette()
        for role, colour in (
            (QPalette.ColorRole.Window, p.background),
            (QPalette.ColorRole.WindowText, p.text),
            (QPalette.ColorRole.Base, p.background),
            (QPalette.ColorRole.AlternateBase, p.surface),
            (QPalette.ColorRole.Text, p.text),
            (QPalette.ColorRole.Button, p.surface),
            (QPalette.ColorRole.ButtonText, p.text),
            (QPalette.ColorRole.Highlight, p.primary),
            (QPalette.ColorRole.HighlightedText, p.on_primary),
            (QPalette.ColorRole.PlaceholderText, p.text_muted),
            (QPalette.ColorRole.ToolTipBase, p.background),
            (QPalette.ColorRole.ToolTipText, p.text),
        ):
            pal.setColor(role, QColor(colour))
        pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(p.disabled_text))
        pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(p.disabled_text))
        return pal

    def stylesheet(self) -> str:
        """The application stylesheet. Fonts' families come from the application font
        (`ui.fonts`); the stylesheet only sets sizes and weights, which Qt merges in.

        Emphasis is always weight 700: the CJK fonts have no bold face, and Qt synthesises
        one only from 700 up, so 600 would leave Chinese labels thin next to bold Latin.
        """
        p = self.palette
        t = self.touch_px
        r = self.radius_px
        b = self.border_px
        pad_v = self.padding_v_px
        pad_h = self.padding_h_px
        return f"""
QWidget {{
    color: {p.text};
    font-size: {self.body_px}px;
}}
QLabel {{ background: transparent; }}
QLabel[role="title"] {{ font-size: {self.title_px}px; font-weight: 700; color: {p.primary}; }}
QLabel[role="heading"] {{ font-size: {self.heading_px}px; font-weight: 700; color: {p.text}; }}
QLabel[role="body"] {{ font-size: {self.body_px}px; }}
QLabel[role="hint"] {{ font-size: {self.hint_px}px; color: {p.text_muted}; }}
QLabel[role="error"] {{ font-size: {self.body_px}px; font-weight: 700; color: {p.error}; }}
QLabel[role="display"] {{
    font-size: {self.display_px}px; font-weight: 700;
    background: {p.background}; color: {p.text};
    border: {b}px solid {p.border}; border-radius: {r}px;
    padding: {pad_v}px {pad_h}px;
}}
QLabel[role="display"][long="true"] {{ font-size: {self.body_px}px; }}
QLabel[role="display"][empty="true"] {{ font-size: {self.body_px}px; font-weight: 400; color: {p.text_muted}; }}
QLabel[role="countdown"] {{ font-size: {self.countdown_px}px; font-weight: 700; color: {p.primary}; }}
QLabel[role="choice-title"] {{ font-size: {self.button_px}px; font-weight: 700; color: {p.text}; }}
QLabel[role="choice-subtitle"] {{ font-size: {self.hint_px}px; color: {p.text_muted}; }}

QFrame[role="card"], QWidget[role="card"] {{
    background: {p.background};
    border-radius: {2 * r}px;
}}

QPushButton {{
    font-size: {self.button_px}px;
    font-weight: 700;
    min-height: {t}px;
    min-width: {t}px;
    padding: {pad_v}px {pad_h}px;
    border-radius: {r}px;
    background: {p.background};
    color: {p.primary};
    border: {b}px solid {p.primary};
}}
QPushButton:pressed {{ background: {p.primary_soft}; }}
QPushButton:disabled {{ background: {p.disabled_bg}; color: {p.disabled_text}; border-color: {p.disabled_bg}; }}
QPushButton[role="primary"] {{ background: {p.primary}; color: {p.on_primary}; border-color: {p.primary}; }}
QPushButton[role="primary"]:pressed {{ background: {p.primary_pressed}; border-color: {p.primary_pressed}; }}
QPushButton[role="primary"]:disabled {{ background: {p.disabled_bg}; color: {p.disabled_text}; border-color: {p.disabled_bg}; }}
QPushButton[role="danger"] {{ background: {p.error}; color: {p.on_primary}; border-color: {p.error}; }}
QPushButton[role="danger"]:pressed {{ background: {p.error_pressed}; border-color: {p.error_pressed}; }}
QPushButton[role="key"] {{
    font-size: {self.key_font_px}px;
    min-height: {self.key_px}px;
    min-width: {self.key_px}px;
    padding: 0px;
    background: {p.surface};
    color: {p.text};
    border: {b}px solid {p.border};
}}
QPushButton[role="key"]:pressed {{ background: {p.surface_pressed}; }}
QPushButton[role="key"]:disabled {{ background: {p.background}; color: {p.placeholder}; border-color: {p.disabled_bg}; }}
QPushButton[role="key-action"] {{
    font-size: {self.button_px}px;
    min-height: {self.key_px}px;
    min-width: {self.key_px}px;
    padding: 0px {pad_v}px;
    background: {p.background};
    color: {p.primary};
    border: {b}px solid {p.primary};
}}
QPushButton[role="key-action"]:pressed {{ background: {p.primary_soft}; }}
QPushButton[role="key-action"]:disabled {{ background: {p.background}; color: {p.placeholder}; border-color: {p.disabled_bg}; }}
QPushButton[role="choice"] {{
    min-height: {round(t * 1.6)}px;
    padding: {pad_v}px {pad_h}px;
    text-align: left;
    background: {p.surface};
    color: {p.text};
    border: {b}px solid {p.border};
    border-radius: {2 * r}px;
}}
QPushButton[role="choice"]:pressed {{ background: {p.surface_pressed}; }}
QPushButton[role="choice"]:checked {{ background: {p.primary_soft}; border: {2 * b}px solid {p.primary}; }}
QPushButton[compact="true"] {{ min-height: {t}px; padding: {pad_v}px {pad_v}px; }}
QPushButton[compact="true"]:checked {{ min-height: {t - 2 * b}px; }}

QLineEdit {{
    font-size: {self.display_px}px;
    min-height: {t}px;
    padding: {pad_v}px {pad_h}px;
    border: {b}px solid {p.border};
    border-radius: {r}px;
    background: {p.background};
    color: {p.text};
    selection-background-color: {p.primary};
}}
QLineEdit:focus {{ border-color: {p.primary}; }}

QProgressBar {{
    min-height: {self.progress_px}px;
    max-height: {self.progress_px}px;
    border: {b}px solid {p.primary};
    border-radius: {r}px;
    background: {p.background};
    color: {p.text};
    text-align: center;
    font-size: {self.body_px}px;
    font-weight: 700;
}}
QProgressBar::chunk {{ background: {p.primary}; border-radius: {max(0, r - b)}px; }}
"""


_current: Theme | None = None


def current_theme() -> Theme:
    """The theme last applied with `apply_theme` (a 96-dpi default before that).

    Custom-painted widgets call this at paint time rather than storing a theme, so a
    switch to large text reaches them with the next repaint.
    """
    return _current if _current is not None else Theme()


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Make `theme` the look of every widget of `app`, now and later.

    Sets the Fusion style (identical on every platform, and what screenshots in tests
    show), the palette, the application font (families that cover Latin, Vietnamese and
    Chinese, at the body size) and the stylesheet. Widgets already shown are re-polished
    by Qt and receive ``QEvent.StyleChange``.
    """
    global _current
    _current = theme
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None and app.style().name().lower() != "fusion":
        app.setStyle(fusion)
    app.setPalette(theme.qpalette())
    app.setFont(fonts.ui_font(theme.body_px))
    app.setStyleSheet(theme.stylesheet())
    for widget in app.allWidgets():
        widget.update()


def set_role(widget: QWidget, role: str | None) -> None:
    """Give `widget` a stylesheet role (see the module docstring) and restyle it now."""
    set_style_property(widget, "role", role)


def set_style_property(widget: QWidget, name: str, value: object) -> None:
    """Set a dynamic property that the stylesheet selects on, and restyle `widget` now.

    Qt does not re-evaluate property selectors when a dynamic property changes, hence the
    unpolish/polish.
    """
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.updateGeometry()
    widget.update()
