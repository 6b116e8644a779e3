"""What the on-screen keypads share: touch keys in a grid below a display, the typed text,
and the signals screens listen to.

`NumericKeypad` and `TextKeypad` differ in what they type and how their display looks;
a key must feel the same on both (size policy, focus, theme role), and both must tell
their screen about a change the same way, so that one keypad can stand in for the other.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.theme import current_theme, set_role
from ui.widgets.base import LanguageAware, touch_only


class KeypadBase(LanguageAware, QWidget):
    """Base of the on-screen keypads; not used on its own.

    Signals: ``textChanged(str)`` after every change, ``confirmed(str)`` on OK.
    Subclasses build their keys with `_key`, create Delete, Clear and OK with
    `_edit_keys`, lay them out in `_key_grid()`, hand display and grid to `_stack`, and
    implement `_refresh` (enable the keys, show the text) and `_confirm`.
    """

    textChanged = Signal(str)  # noqa: N815 (Qt naming)
    confirmed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""

    # Building ----------------------------------------------------------------------------
    def _key(self, label: str, role: str, slot: Callable[[], None]) -> QPushButton:
        """A key that fills its grid cell; `slot` runs on every tap (the button's
        `checked` argument is dropped, so a key's action is a plain call)."""
        key = touch_only(QPushButton(label, self))
        set_role(key, role)
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        key.clicked.connect(lambda _checked=False: slot())
        return key

    def _edit_keys(self) -> None:
        """Delete, Clear and OK: labelled in the subclass's ``retranslate`` (its own
        translation context), placed and shown or hidden by the subclass."""
        self.delete_key = self._key("", "key-action", self.backspace)
        self.clear_key = self._key("", "key-action", self.clear)
        self.ok_key = self._key("", "primary", self._confirm)

    @staticmethod
    def _gap() -> int:
        """Between keys: the theme's gap; half of it in large text, whose bigger keys
        must still fit below the reach line (8 px still parts two 83 px keys)."""
        theme = current_theme()
        return theme.spacing_px // 2 if theme.large_text else theme.spacing_px

    @classmethod
    def _key_grid(cls) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(current_theme().spacing_px)   # wide keys keep their width
        grid.setVerticalSpacing(cls._gap())
        return grid

    def _stack(self, display: QWidget, grid: QGridLayout) -> None:
        """The display right above the keys, both at the bottom of the keypad's room: keys
        of their theme size, low enough for a seated citizen to reach (the top third of a
        standing kiosk is out of reach from a wheelchair)."""
        spacing = self._gap()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing * 2)
        layout.addStretch(1)
        layout.addWidget(display)
        layout.addLayout(grid, 0)

    # Editing -----------------------------------------------------------------------------
    def text(self) -> str:
        return self._text

    def backspace(self) -> None:
        self._set(self._text[:-1])

    def clear(self) -> None:
        self._set("")

    def _set(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        self._refresh()
        self.textChanged.emit(text)

    def _refresh(self) -> None:  # pragma: no cover - always overridden
        raise NotImplementedError

    def _confirm(self) -> None:  # pragma: no cover - always overridden
        raise NotImplementedError
