"""Issue 13, lockdown: no key takes a citizen out of the full-screen kiosk; maintenance's
restart and exit do, and say which.

Under cage without -s every key reaches the kiosk (tests/integration/boot/test_cage.py
sends them through a real cage); here each is delivered to the window the way Qt
delivers a physical keyboard's press, to the window and to the widget that has the
focus, and must change nothing: the window stays, full screen, on the same state.
"""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from kiosk.workflow.states import State
from launcher.gui import build, exit_status
from launcher.service_unit import EXIT_STAY_STOPPED
from ui.main_window import MainWindow, is_escape_key
from ui.qt_jobs import QtJobRunner

pytestmark = pytest.mark.ui

K, M = Qt.Key, Qt.KeyboardModifier
ESCAPES = [
    ("Escape", K.Key_Escape, M.NoModifier, 0),
    ("Alt+F4", K.Key_F4, M.AltModifier, 0),
    ("Alt+Tab", K.Key_Tab, M.AltModifier, 0),
    ("Ctrl+W", K.Key_W, M.ControlModifier, 0),
    ("Ctrl+Q", K.Key_Q, M.ControlModifier, 0),
    ("Ctrl+Alt+Backspace", K.Key_Backspace, M.ControlModifier | M.AltModifier, 0),
    ("Ctrl+Alt+F1", K.Key_F1, M.ControlModifier | M.AltModifier, 0),
    ("Ctrl+Alt+F12", K.Key_F12, M.ControlModifier | M.AltModifier, 0),
    # What XKB makes of Ctrl+Alt+F2 on a Wayland keyboard: the keysym XF86Switch_VT_2.
    ("XF86Switch_VT_2", K.Key_unknown, M.ControlModifier | M.AltModifier, 0x1008FE02),
]


def _press(target, key, modifiers, keysym: int) -> None:  # type: ignore[no-untyped-def]
    event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers, 0, keysym, 0)
    QApplication.sendEvent(target, event)
    QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyRelease, key, modifiers, 0, keysym, 0))


@pytest.fixture
def kiosk(qtbot, demo_cfg, kiosk_theme, language):  # type: ignore[no-untyped-def]
    runner = QtJobRunner()
    workflow = build(demo_cfg, runner, late=True)
    window = MainWindow(workflow, demo_cfg, fullscreen=True)
    qtbot.addWidget(window)
    window.show_kiosk()
    qtbot.waitExposed(window)
    yield window
    window.request_quit(quit_app=False)
    workflow.shutdown()
    workflow.services.close()
    runner.shutdown()


@pytest.mark.parametrize(("name", "key", "modifiers", "keysym"), ESCAPES, ids=[e[0] for e in ESCAPES])
def test_a_key_that_leaves_windows_is_ignored(kiosk, qtbot, caplog, name, key, modifiers, keysym) -> None:
    kiosk.current_screen().act(lambda: kiosk.workflow.start("en"))   # a session under way: CASE
    before, geometry = kiosk.workflow.state, kiosk.geometry()
    focus = QApplication.focusWidget() or kiosk
    with caplog.at_level(logging.INFO, logger="ui.main_window"):
        for target in {kiosk, focus}:
            _press(target, key, modifiers, keysym)
    qtbot.wait(50)
    assert kiosk.isVisible() and kiosk.geometry() == geometry and not kiosk.isMinimized()
    assert kiosk.workflow.state is before is State.CASE
    assert "the kiosk window is locked" in caplog.text


def test_ordinary_keys_still_reach_the_screens(kiosk) -> None:
    for key, mods in ((K.Key_A, M.NoModifier), (K.Key_Backspace, M.NoModifier), (K.Key_F4, M.NoModifier),
                      (K.Key_Tab, M.NoModifier), (K.Key_W, M.ShiftModifier)):
        assert not is_escape_key(QKeyEvent(QEvent.Type.KeyPress, key, mods))


def test_a_close_request_is_refused(kiosk, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="ui.main_window"):
        assert kiosk.close() is False
    assert kiosk.isVisible()
    assert "request to close the window ignored" in caplog.text


@pytest.mark.parametrize(("ask", "status"), [("request_restart", 0), ("request_exit", EXIT_STAY_STOPPED)])
def test_maintenance_can_restart_or_exit_and_the_status_says_which(kiosk, ask: str, status: int) -> None:
    getattr(kiosk, ask)()
    assert not kiosk.isVisible()
    assert exit_status(kiosk.quit_reason, under_service_manager=True) == status


def test_a_signal_stop_is_an_ordinary_exit() -> None:
    assert exit_status("", under_service_manager=True) == 0


def test_only_the_welcome_screen_is_built_before_it_shows(kiosk, qtbot) -> None:
    assert set(kiosk.screens) == {State.WELCOME}      # the start does not wait for the others
    kiosk.build_screens()
    qtbot.waitUntil(lambda: len(kiosk.screens) == len(State), timeout=5000)
    kiosk.workflow.start("en")
    assert kiosk.current_screen() is kiosk.screens[State.CASE]
