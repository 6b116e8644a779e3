"""What every kiosk widget shares: retranslation on language change, touch-only behaviour."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget


class LanguageAware:
    """Mixin for QWidget subclasses: calls ``self.retranslate()`` on every language change.

    Put it *before* the Qt class (``class MyScreen(LanguageAware, QWidget)``), set every
    visible string in ``retranslate()`` with ``self.tr(...)``, and call ``retranslate()``
    once at the end of ``__init__``. `ui.i18n.set_language` then updates the widget.
    """

    def retranslate(self) -> None:  # pragma: no cover - always overridden
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


def touch_only(button: QAbstractButton) -> QAbstractButton:
    """No keyboard focus (there is no keyboard: a focus frame would only confuse) and no
    auto-repeat surprises. Returns the button for chaining."""
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAutoRepeat(False)
    return button


def pass_touches_through(widget: QWidget) -> QWidget:
    """Let presses on a decorative child (a label inside a button) reach its parent."""
    widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
    return widget
