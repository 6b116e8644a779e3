"""Every maintenance page says something on every button and fits its texts, in each of
the three languages, also when the kiosk starts in that language (no language change
event then: the pages must word themselves when built)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication

from kiosk.operations.maintenance_mode import PAGES
from tests.ui.maintenance.conftest import TECHNICIAN

pytestmark = pytest.mark.ui


@pytest.mark.parametrize("lang", ["zh_CN", "en", "vi"])
def test_every_page_is_worded_and_fits_in_the_language_the_kiosk_starts_in(open_kiosk, demo_cfg, language,
                                                                         assert_texts_fit, look, lang):
    language(lang)
    cfg = demo_cfg.model_copy(update={"kiosk": demo_cfg.kiosk.model_copy(update={"default_language": lang})})
    kiosk = open_kiosk(cfg, lang=None)
    kiosk.mode.service_key()
    assert_texts_fit(kiosk.window.maintenance_view)
    kiosk.mode.try_pin(TECHNICIAN)
    for page in PAGES:
        kiosk.mode.go(page)
        QApplication.processEvents()
        view = kiosk.window.maintenance_view
        shown = kiosk.find(f"maintenance_page_{page}")
        assert shown.isVisible()
        assert shown.heading.text()
        blank = [b.objectName() for b in view.findChildren(QAbstractButton) if b.isVisible() and not b.text()]
        assert not blank, f"{page}: buttons without words: {blank}"
        assert_texts_fit(view)
        look(kiosk.window, f"maintenance_{page}_{lang}")
