"""A big on/off switch that says its state in words (a tick box is too small to see)."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from ui.theme import current_theme, set_role
from ui.widgets.base import touch_only


class ToggleButton(QPushButton):
    """Checkable, drawn as a choice tile with ☑ or ☐ before its label."""

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        touch_only(self)
        self.setObjectName(name)
        self.setCheckable(True)
        set_role(self, "choice")
        self.setMinimumHeight(current_theme().touch_px)
        self._label = ""
        self.toggled.connect(lambda _on: self._render())

    def set_label(self, text: str) -> None:
        self._label = text
        self._render()

    def set_checked_quietly(self, on: bool) -> None:
        """Check or uncheck without emitting `toggled` (the mark is still redrawn)."""
        self.blockSignals(True)
        self.setChecked(on)
        self.blockSignals(False)
        self._render()

    def _render(self) -> None:
        mark = "☑" if self.isChecked() else "☐"
        self.setText(f"{mark}  {self._label}")
