"""Entering maintenance mode the way a technician does, on the real window: five taps in
the corner of the welcome screen, the PIN on the on-screen keypad; wrong PINs lock entry,
and the lock holds for a kiosk restarted on the same data folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.domain.cases import Case
from kiosk.workflow.states import State

from tests.ui.maintenance.conftest import OPERATOR, TECHNICIAN

pytestmark = pytest.mark.ui


def test_the_corner_gesture_then_the_pin_opens_the_console_on_the_status_page(kiosk, clocks):
    assert kiosk.citizen_state() is State.WELCOME
    kiosk.corner_taps(4, clocks[0])
    assert not kiosk.showing_maintenance()
    kiosk.corner_taps(1, clocks[0])
    assert kiosk.showing_maintenance()
    dots = kiosk.find("maintenance_pin_dots")
    kiosk.type_pin(TECHNICIAN)
    assert "2" not in dots.text()                     # the digits never show
    assert kiosk.mode.is_open and kiosk.mode.role == "technician"
    assert kiosk.find("maintenance_page_status").isVisible()
    assert kiosk.find("maintenance_menu_queue").isVisible()


def test_taps_in_the_middle_of_the_welcome_screen_do_nothing(kiosk, qtbot):
    screen = kiosk.window.current_screen()
    for _ in range(6):
        qtbot.mouseClick(screen, Qt.MouseButton.LeftButton, pos=screen.rect().center())
    assert not kiosk.showing_maintenance()


def test_the_service_key_opens_the_pin_pad(kiosk, qtbot):
    QTest.keyClick(kiosk.window, Qt.Key.Key_F12)
    assert kiosk.showing_maintenance()
    kiosk.tap("maintenance_pin_back")
    assert not kiosk.showing_maintenance() and kiosk.citizen_state() is State.WELCOME


def test_no_entry_while_a_citizen_is_being_served(kiosk, qtbot, clocks):
    kiosk.workflow.start("en")
    kiosk.workflow.choose_case(Case.LOST)
    kiosk.workflow.agree()
    assert kiosk.citizen_state() is State.IDENTIFY
    kiosk.corner_taps(5, clocks[0])
    QTest.keyClick(kiosk.window, Qt.Key.Key_F12)
    assert not kiosk.showing_maintenance() and kiosk.mode.phase == "closed"


def test_the_operator_sees_status_and_exports_only(kiosk, clocks):
    kiosk.enter(OPERATOR, clocks[0])
    visible = {page for page in kiosk.mode.pages()}
    assert visible == {"status", "exports"}
    for page in ("device_tests", "queue", "config", "logs", "out_of_service", "versions"):
        assert not kiosk.find(f"maintenance_menu_{page}").isVisible()
    kiosk.tap("maintenance_menu_exports")
    assert kiosk.find("maintenance_page_exports").isVisible()


def test_wrong_pins_lock_entry_and_the_lock_survives_a_restart(open_kiosk, clocks, language):
    first = open_kiosk()
    first.corner_taps(5, clocks[0])
    for _ in range(3):
        first.type_pin("11111111")
    assert first.mode.locked_for_s() > 0
    message = first.text("maintenance_pin_message")
    assert "Try again in 0:30" in message or "Try again in" in message
    assert not first.find("maintenance_pin_keypad").isEnabled()
    first.tap("maintenance_pin_back")
    first.close()
    first.window.close()

    # The kiosk restarts: a new window, new services, the same data folder.
    second = open_kiosk()
    second.corner_taps(5, clocks[0])
    assert second.showing_maintenance()
    assert "Try again in" in second.text("maintenance_pin_message")
    assert not second.find("maintenance_pin_keypad").isEnabled()
    assert second.mode.try_pin(TECHNICIAN).reason == "locked"
    clocks[1].advance(second.mode.locked_for_s() + 1)
    second.window._tick()
    second.type_pin(TECHNICIAN)
    assert second.mode.is_open


def test_leaving_returns_to_the_welcome_screen(kiosk, clocks):
    kiosk.enter(TECHNICIAN, clocks[0])
    kiosk.tap("maintenance_leave")
    assert not kiosk.showing_maintenance()
    assert kiosk.citizen_state() is State.WELCOME
    assert kiosk.window.current_screen().isVisible()


def test_idle_for_the_configured_time_returns_to_the_welcome_screen(kiosk, clocks):
    kiosk.enter(TECHNICIAN, clocks[0])
    kiosk.tap("maintenance_menu_config")
    clocks[0].advance(kiosk.cfg.maintenance.idle_timeout_s - 1)
    kiosk.window._tick()
    assert kiosk.showing_maintenance()
    clocks[0].advance(2)
    kiosk.window._tick()                      # the window's 1 Hz tick
    assert not kiosk.showing_maintenance()
    assert kiosk.citizen_state() is State.WELCOME
    assert kiosk.mode.role is None


def test_the_service_key_is_the_configured_one(open_kiosk, demo_cfg, qtbot):
    cfg = demo_cfg.model_copy(update={"maintenance": demo_cfg.maintenance.model_copy(update={"service_key": "F9"})})
    kiosk = open_kiosk(cfg)
    QTest.keyClick(kiosk.window, Qt.Key.Key_F12)
    assert not kiosk.showing_maintenance()
    QTest.keyClick(kiosk.window, Qt.Key.Key_F9)
    assert kiosk.showing_maintenance()


def test_the_console_uses_the_normal_text_size_and_the_welcome_screen_gets_large_text_back(
        open_kiosk, demo_cfg, clocks):
    cfg = demo_cfg.model_copy(update={"ui": demo_cfg.ui.model_copy(update={"large_text": True})})
    kiosk = open_kiosk(cfg)
    assert kiosk.window.large_text
    kiosk.enter(TECHNICIAN, clocks[0])
    assert not kiosk.window.large_text and kiosk.showing_maintenance()
    kiosk.tap("maintenance_menu_queue")             # the rebuilt console works
    assert kiosk.mode.page == "queue"
    kiosk.tap("maintenance_leave")
    assert kiosk.window.large_text and kiosk.citizen_state() is State.WELCOME
