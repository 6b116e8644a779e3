"""The PIN pad that guards maintenance mode: the kiosk's own numeric keypad, its digits
shown as dots (a queue of citizens stands behind the technician), and while entry is
locked after wrong PINs, how long it stays locked, counting down."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from ui.screens.base import make_button, make_label, page_layout
from ui.screens.maintenance.words import duration
from ui.theme import current_theme
from ui.widgets import LanguageAware, NumericKeypad

PIN_MAX = 12
PIN_MIN = 6


class PinPad(LanguageAware, QWidget):
    def __init__(self, mode: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.setObjectName("maintenance_pin")
        layout = page_layout(self)
        self.title = make_label(self, "title", "maintenance_pin_title", center=True)
        self.prompt = make_label(self, "body", "maintenance_pin_prompt", center=True)
        self.dots = make_label(self, "display", "maintenance_pin_dots", center=True)
        self.message = make_label(self, "error", "maintenance_pin_message", center=True)
        self.keypad = NumericKeypad(self, max_length=PIN_MAX, grouping=(), validator=lambda text: len(text) >= PIN_MIN)
        self.keypad.setObjectName("maintenance_pin_keypad")
        self.keypad.display.hide()          # the digits never show; the dots do
        self.keypad.textChanged.connect(self._typed)
        self.keypad.confirmed.connect(self._confirmed)
        self.keypad.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.back = make_button(self, "maintenance_pin_back", "secondary", mode.leave)
        self.dots.setFixedWidth(round(current_theme().touch_px * 7))
        # Two columns: words on the left, the keypad on the right (in large text the
        # keypad alone takes most of the height).
        words = QVBoxLayout()
        words.addStretch(1)
        for widget in (self.title, self.prompt):
            words.addWidget(widget)
        words.addWidget(self.dots, 0, Qt.AlignmentFlag.AlignHCenter)
        words.addWidget(self.message)
        words.addWidget(self.back, 0, Qt.AlignmentFlag.AlignHCenter)
        words.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(words, 3)
        row.addSpacing(current_theme().margin_px * 2)
        row.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addStretch(1)
        layout.addLayout(row, 1)
        self._typed("")
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Maintenance"))
        self.prompt.setText(self.tr("Enter your PIN."))
        self.back.setText(self.tr("Back to the welcome screen"))
        self.refresh()

    def _typed(self, text: str) -> None:
        self.dots.setText("●" * len(text) if text else " ")

    def _confirmed(self, pin: str) -> None:
        self.keypad.clear()
        self.mode.try_pin(pin)

    def reset(self) -> None:
        self.keypad.clear()

    def refresh(self) -> None:
        locked = self.mode.locked_for_s()
        reason = self.mode.pin_message
        if locked > 0:
            text = self.tr("Too many wrong PINs. Try again in {time}.").format(time=duration(locked))
        elif reason == "wrong_pin":
            text = self.tr("Wrong PIN.")
        elif reason == "no_pin_configured":
            text = self.tr("No maintenance PIN is configured on this kiosk.")
        else:
            text = ""
        self.message.setText(text)
        self.keypad.setEnabled(locked <= 0)
