"""The QApplication the kiosk's window lives in: name, bundled fonts, theme, first language.

Pure Qt set-up, shared by the running kiosk (`launcher.gui`) and the screenshots
(`launcher.screenshots`), so both draw with the very same fonts and theme.

A full-screen kiosk also fits its layout to the screen it gets. Every screen is laid
out, and tested (tests/ui/test_screens.py), for `LAYOUT_SIZE` logical pixels with the
theme's sizes at the screen's density. A screen with fewer pixels (a 1280x800 panel, a
portrait one, cage's 1280x720 headless output), or too dense for those sizes in
millimetres, would push the header and the keypads past its edge. So the kiosk asks Qt
to scale the whole window (`QT_SCALE_FACTOR`: text, pictures and fixed sizes alike, so
the layout stays the tested one) and keeps the theme's reference sizes. Qt reads that
factor only when the application is created, and the screen is only known after, so
the application is made once to look at the screen and made again when it must scale.
At 1920x1080 and an ordinary density nothing changes.

Qt runs its own event loop, not GLib's (`QT_NO_GLIB`). With GLib's, the GUI thread
would own GLib's default main context, which libfprint's device enumeration spins from
the thread that opens the scanner, and the scanner could not be opened
(hardware.fingerprint.libfprint, which runs that context itself). Nothing the kiosk
shows needs GLib's loop.
"""

from __future__ import annotations

import logging
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractEventDispatcher
from PySide6.QtWidgets import QApplication

from ui import fonts, i18n
from ui.theme import FALLBACK_DPI, Theme, apply_theme, resolve_dpi

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
LAYOUT_SIZE = (1920, 1080)   # logical pixels every screen is laid out and tested for
SCALE_VARIABLE = "QT_SCALE_FACTOR"
NO_GLIB_VARIABLE = "QT_NO_GLIB"


@dataclass(frozen=True)
class ScreenFit:
    """How the layout is fitted to a screen: Qt's scale factor and the theme's density."""

    scale: float = 1.0                 # QT_SCALE_FACTOR; 1: not scaled
    dpi: float | None = None           # the theme's density; None: the screen's own

    @property
    def scaled(self) -> bool:
        return self.scale < 1.0


def fit_layout(width: int, height: int, dpi: float) -> ScreenFit:
    """The fit of `LAYOUT_SIZE` to a screen of `width` x `height` logical pixels whose
    theme density is `dpi`.

    The theme sizes things in millimetres, so a dense screen needs more pixels for the
    same layout: the screen's own density is kept only where the layout still fits at
    it. Otherwise the reference density (what the tests check), scaled down by Qt when
    the screen has fewer pixels than the layout.
    """
    need = Theme(dpi=dpi).touch_px / Theme(dpi=FALLBACK_DPI).touch_px   # >= 1: how much larger than the reference
    if width >= LAYOUT_SIZE[0] * need and height >= LAYOUT_SIZE[1] * need:
        return ScreenFit()
    factor = min(width / LAYOUT_SIZE[0], height / LAYOUT_SIZE[1])
    if factor >= 1.0:
        return ScreenFit(dpi=FALLBACK_DPI)
    # Rounded down: the logical screen must not come out a pixel short of the layout.
    return ScreenFit(scale=math.floor(factor * 10000) / 10000, dpi=FALLBACK_DPI)


def prepare_application(cfg: Any, argv: list[str] | None = None) -> QApplication:
    """The QApplication with the kiosk's fonts, theme and first language."""
    argv = argv if argv is not None else sys.argv[:1]
    fit = ScreenFit()
    app = QApplication.instance()
    if app is None:
        os.environ[NO_GLIB_VARIABLE] = "1"     # read when the application is made (see above)
        app = QApplication(argv)
        if cfg.ui.fullscreen:
            app, fit = _fit_to_screen(app, argv)
    elif "Glib" in _event_dispatcher():
        log.warning("the application was made on GLib's event loop: a libfprint scanner cannot be opened")
    app.setApplicationName("idkiosk")
    app.setApplicationDisplayName("ID card renewal")
    fonts.register_bundled_fonts(RESOURCES / "fonts")
    fonts.check_coverage()
    apply_theme(app, Theme.for_screen(large_text=bool(cfg.ui.large_text), dpi_override=fit.dpi))
    try:
        i18n.set_language(app, cfg.kiosk.default_language)   # compiles a missing .qm on first use
    except Exception:  # noqa: BLE001 - English is better than no kiosk
        log.exception("could not load the translations; showing English")
    return app


def _event_dispatcher() -> str:
    """The class of the GUI thread's Qt event dispatcher ("...Glib" on GLib's loop)."""
    dispatcher = QAbstractEventDispatcher.instance()
    return dispatcher.metaObject().className() if dispatcher is not None else ""


def _fit_to_screen(app: QApplication, argv: list[str]) -> tuple[QApplication, ScreenFit]:
    """`app`, or a new one scaled to fit the layout to its screen (see the module's doc)."""
    screen = app.primaryScreen()
    if screen is None:
        return app, ScreenFit()
    size = screen.size()
    fit = fit_layout(size.width(), size.height(), resolve_dpi(screen))
    if not fit.scaled or os.environ.get(SCALE_VARIABLE):   # a technician's own factor wins
        if fit.dpi is not None:
            log.info("screen %dx%d too dense for the layout in millimetres: reference sizes", size.width(), size.height())
        return app, fit
    log.info(
        "screen %dx%d is smaller than the %dx%d layout: the window is scaled by %.4f",
        size.width(), size.height(), *LAYOUT_SIZE, fit.scale,
    )
    app.shutdown()
    del app, screen
    os.environ[SCALE_VARIABLE] = f"{fit.scale:.4f}"
    return QApplication(argv), fit
