"""A kiosk window with maintenance mode, on the demo configuration, with both clocks in
the test's hands: `monotonic` for the gesture and the idle close, `wall` for the lockout
(which must survive a restart, so it is wall time)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton, QWidget

from kiosk.demo.config import DEMO_OPERATOR_PIN, DEMO_TECHNICIAN_PIN
from kiosk.workflow.clock import ManualClock
from kiosk.workflow.states import State
from launcher.gui import build, close_services
from launcher.maintenance import build_maintenance
from launcher.services import build_operations
from ui.main_window import MainWindow
from ui.qt_jobs import QtJobRunner

WAIT_MS = 30_000   # a ceiling for slow machines, not a performance threshold

TECHNICIAN = DEMO_TECHNICIAN_PIN
OPERATOR = DEMO_OPERATOR_PIN


class Kiosk:
    """One running kiosk: window, workflow, service switch and maintenance mode."""

    def __init__(self, qtbot, cfg, monotonic: ManualClock, wall: ManualClock, *, prepare=None,
                 lang: str | None = "en") -> None:
        self.qtbot, self.cfg = qtbot, cfg
        self.runner = QtJobRunner()
        self.workflow = build(cfg, self.runner)
        if prepare is not None:
            prepare(self.workflow.services)
        self.control = build_operations(cfg, self.workflow, lambda fn: fn())
        self.restarts: list[bool] = []
        self.mode = build_maintenance(cfg, self.workflow, self.runner, control=self.control,
                                      restart=lambda: self.restarts.append(True),
                                      monotonic=monotonic, wall_clock=wall)
        self.window = MainWindow(self.workflow, cfg, fullscreen=False, maintenance=self.mode)
        qtbot.addWidget(self.window)
        self.window.resize(1920, 1080)
        self.window.show()
        qtbot.waitExposed(self.window)
        if lang:
            self.window.switch_language(lang)    # the welcome screen's language, so the PIN pad's

    def close(self) -> None:
        self.mode.close()
        self.runner.shutdown()
        self.workflow.shutdown()
        close_services(self.workflow)

    # -- fingers ----------------------------------------------------------------------------
    def find(self, name: str, kind: type = QWidget) -> QWidget:
        # A rebuild (text size) leaves the old widgets until the event loop deletes them.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        widget = self.window.findChild(kind, name)
        assert widget is not None, f"no widget named {name!r}"
        return widget

    def tap(self, name: str) -> None:
        button: QAbstractButton = self.find(name, QAbstractButton)  # type: ignore[assignment]
        self.qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=WAIT_MS)
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def corner_taps(self, count: int = 5, monotonic: ManualClock | None = None) -> None:
        screen = self.window.current_screen()
        assert screen is not None
        for _ in range(count):
            self.qtbot.mouseClick(screen, Qt.MouseButton.LeftButton, pos=QPoint(screen.width() - 20, 20))
            if monotonic is not None:
                monotonic.advance(0.2)

    def type_pin(self, pin: str) -> None:
        keypad = self.find("maintenance_pin_keypad")
        self.qtbot.waitUntil(keypad.isVisible, timeout=WAIT_MS)
        keys = {b.text(): b for b in keypad.findChildren(QPushButton) if len(b.text()) == 1}
        for char in pin:
            self.qtbot.mouseClick(keys[char], Qt.MouseButton.LeftButton)
        self.qtbot.mouseClick(keypad.ok_key, Qt.MouseButton.LeftButton)

    def text(self, name: str) -> str:
        QApplication.processEvents()
        widget = self.find(name)
        return widget.toPlainText() if hasattr(widget, "toPlainText") else widget.text()

    def showing_maintenance(self) -> bool:
        return self.window.stack.currentWidget() is self.window.maintenance_view

    def citizen_state(self) -> State | None:
        screen = self.window.current_screen()
        return None if screen is None else screen.STATE

    def enter(self, pin: str = TECHNICIAN, monotonic: ManualClock | None = None) -> None:
        self.corner_taps(monotonic=monotonic)
        self.type_pin(pin)
        self.qtbot.waitUntil(lambda: self.mode.is_open, timeout=WAIT_MS)
        self.tap("maintenance_language_en")      # the assertions read English


@pytest.fixture
def clocks() -> tuple[ManualClock, ManualClock]:
    return ManualClock(1000.0), ManualClock(1_800_000_000.0)


@pytest.fixture
def open_kiosk(qtbot, demo_cfg, kiosk_theme, language, clocks) -> Iterator:
    made: list[Kiosk] = []

    def make(cfg=None, prepare=None, lang="en") -> Kiosk:
        kiosk = Kiosk(qtbot, cfg or demo_cfg, *clocks, prepare=prepare, lang=lang)
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.close()


@pytest.fixture
def kiosk(open_kiosk) -> Kiosk:
    return open_kiosk()
