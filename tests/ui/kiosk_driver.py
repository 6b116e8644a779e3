"""Drives the real MainWindow the way a citizen's finger would, for the end-to-end UI tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QPushButton, QWidget

from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import State
from ui.main_window import MainWindow

WAIT_MS = 30_000  # a ceiling for slow CI machines, not a performance threshold


class KioskDriver:
    def __init__(self, window: MainWindow, workflow: Workflow, qtbot, cfg: object = None) -> None:
        self.window, self.workflow, self.qtbot, self.cfg = window, workflow, qtbot, cfg

    def find(self, name: str, kind: type = QWidget) -> QWidget:
        widget = self.window.findChild(kind, name)
        assert widget is not None, f"no widget named {name!r} on {self.workflow.state}"
        return widget

    def tap(self, name: str) -> None:
        """Wait until the named button can be tapped, then tap it like a finger would."""
        button: QAbstractButton = self.find(name, QAbstractButton)  # type: ignore[assignment]
        self.qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=WAIT_MS)
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def type_on(self, keypad_name: str, text: str) -> None:
        keypad = self.find(keypad_name)
        self.qtbot.waitUntil(keypad.isVisible, timeout=WAIT_MS)
        keys = {b.text(): b for b in keypad.findChildren(QPushButton) if len(b.text()) == 1}
        for char in text:
            self.qtbot.mouseClick(keys[char], Qt.MouseButton.LeftButton)

    def delete_all(self, keypad_name: str) -> None:
        keypad = self.find(keypad_name)
        while keypad.text():
            self.qtbot.mouseClick(keypad.delete_key, Qt.MouseButton.LeftButton)

    def wait_for(self, state: State) -> None:
        self.qtbot.waitUntil(lambda: self.workflow.state is state, timeout=WAIT_MS)
