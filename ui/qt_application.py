"""The QApplication the kiosk's window lives in: name, bundled fonts, theme, first language.

Pure Qt set-up, shared by the running kiosk (`launcher.gui`) and the screenshots
(`launcher.screenshots`), so both draw with the very same fonts and theme.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from ui import fonts, i18n
from ui.theme import Theme, apply_theme

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def prepare_application(cfg: Any, argv: list[str] | None = None) -> QApplication:
    """The QApplication with the kiosk's fonts, theme and first language."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("idkiosk")
    app.setApplicationDisplayName("ID card renewal")
    fonts.register_bundled_fonts(RESOURCES / "fonts")
    fonts.check_coverage()
    apply_theme(app, Theme.for_screen(large_text=bool(cfg.ui.large_text)))
    try:
        i18n.set_language(app, cfg.kiosk.default_language)   # compiles a missing .qm on first use
    except Exception:  # noqa: BLE001 - English is better than no kiosk
        log.exception("could not load the translations; showing English")
    return app
