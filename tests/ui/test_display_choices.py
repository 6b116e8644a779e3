"""Large text and high contrast: switchable on every citizen screen, kept for the session,
gone for the next citizen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from kiosk.domain.cases import Case
from kiosk.workflow.states import State
from tests.ui.kiosk_driver import KioskDriver as Kiosk, running_kiosk
from ui.theme import HIGH_CONTRAST, current_theme

pytestmark = pytest.mark.ui


@pytest.fixture
def kiosk(qtbot, demo_cfg, session_tmp, kiosk_theme, language) -> Iterator[Kiosk]:
    cfg = demo_cfg.model_copy(
        update={"ui": demo_cfg.ui.model_copy(update={"fullscreen": False, "width": 1920, "height": 1080})}
    )
    with running_kiosk(qtbot, cfg) as (window, workflow):
        yield Kiosk(window, workflow, qtbot, cfg)


def _look(kiosk: Kiosk) -> tuple[bool, bool]:
    theme = current_theme()
    return theme.large_text, theme.palette == HIGH_CONTRAST


def _wait_look(kiosk: Kiosk, look: tuple[bool, bool]) -> None:
    kiosk.qtbot.waitUntil(lambda: _look(kiosk) == look)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)   # the old screens, rebuilt


def test_large_text_and_contrast_switch_on_any_screen_and_end_with_the_session(kiosk: Kiosk) -> None:
    wf, qtbot = kiosk.workflow, kiosk.qtbot
    kiosk.tap("start_en")
    kiosk.wait_for(State.CASE)
    assert _look(kiosk) == (False, False)

    # On the case screen (not the welcome): both switches are in the bar at the bottom.
    kiosk.tap("header_large_text")
    _wait_look(kiosk, (True, False))
    kiosk.tap("header_contrast")
    _wait_look(kiosk, (True, True))
    assert (wf.session.large_text, wf.session.high_contrast) == (True, True)
    assert kiosk.find("header_large_text").isChecked() and kiosk.find("header_contrast").isChecked()

    # They hold on the next screens of the session.
    kiosk.tap("case_expiring")
    kiosk.give_consent()
    kiosk.wait_for(State.ELIGIBILITY)
    assert _look(kiosk) == (True, True)
    kiosk.tap("header_large_text")            # and switch back anywhere
    _wait_look(kiosk, (False, True))
    assert kiosk.find("header_contrast").isChecked() and not kiosk.find("header_large_text").isChecked()

    # The next citizen starts with the configured look.
    kiosk.tap("header_large_text")
    _wait_look(kiosk, (True, True))
    wf.cancel()
    wf.services.card_reader.remove()
    wf.restart()
    kiosk.wait_for(State.WELCOME)
    _wait_look(kiosk, (False, False))
    assert not kiosk.find("toggle_large_text").isChecked() and not kiosk.find("toggle_contrast").isChecked()


def test_the_welcome_switch_starts_the_session_in_high_contrast(kiosk: Kiosk) -> None:
    kiosk.tap("toggle_contrast")
    _wait_look(kiosk, (False, True))
    kiosk.tap("start_vi")
    kiosk.wait_for(State.CASE)
    assert kiosk.workflow.session.high_contrast and _look(kiosk) == (False, True)
    kiosk.workflow.choose_case(Case.LOST)
    kiosk.workflow.agree()
    kiosk.wait_for(State.IDENTIFY)
    assert _look(kiosk) == (False, True)
