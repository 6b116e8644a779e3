"""The "Are you still there?" overlay shown before an idle session is wiped.

The overlay dims the whole window it belongs to and asks, with the seconds left in very
large digits and one very large button. Touching *anywhere* on it also counts as
"I am here": somebody who touches the screen is there, and an elderly citizen should not
lose a half-finished application because they missed the button.

The overlay only presents: the workflow's idle timer decides when to call
`show_countdown` and what happens at zero.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.theme import current_theme, set_role
from ui.widgets.base import LanguageAware, touch_only


class IdleCountdownOverlay(LanguageAware, QWidget):
    """Covers its `parent` (following its size) while a countdown is shown.

    Signal ``stayRequested`` when the citizen taps the button or anywhere on the overlay.
    """

    stayRequested = Signal()  # noqa: N815

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._seconds: int | None = None
        theme = current_theme()

        self.card = QFrame(self)
        set_role(self.card, "card")
        self.card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.question = QLabel(self.card)
        set_role(self.question, "heading")
        self.explanation = QLabel(self.card)
        set_role(self.explanation, "body")
        self.number = QLabel(self.card)
        set_role(self.number, "countdown")
        self.unit = QLabel(self.card)
        set_role(self.unit, "body")
        for label in (self.question, self.explanation, self.number, self.unit):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.stay_button = touch_only(QPushButton(self.card))
        set_role(self.stay_button, "primary")
        self.stay_button.clicked.connect(self.stayRequested)

        layout = QVBoxLayout(self.card)
        m = theme.margin_px
        layout.setContentsMargins(m * 2, m * 2, m * 2, m * 2)
        layout.setSpacing(theme.spacing_px)
        layout.addWidget(self.question)
        layout.addWidget(self.explanation)
        layout.addWidget(self.number)
        layout.addWidget(self.unit)
        layout.addSpacing(theme.spacing_px * 2)
        layout.addWidget(self.stay_button)

        parent.installEventFilter(self)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.question.setText(self.tr("Are you still there?"))
        self.explanation.setText(
            self.tr("For your privacy, this session will end and what you entered will be erased in")
        )
        self.stay_button.setText(self.tr("I need more time"))
        self._show_number()

    # Public API --------------------------------------------------------------------------
    def show_countdown(self, seconds_left: int) -> None:
        """Show (or update) the overlay with `seconds_left` seconds to go."""
        self._seconds = max(0, int(seconds_left))
        self._show_number()
        if not self.isVisible():
            self._follow_parent()
            self.show()
        self.raise_()

    def hide_countdown(self) -> None:
        self._seconds = None
        self.hide()

    def seconds_left(self) -> int | None:
        return self._seconds

    # Internals -------------------------------------------------------------------------
    def _show_number(self) -> None:
        if self._seconds is None:
            return
        self.number.setText(str(self._seconds))
        # English needs the singular; Chinese and Vietnamese do not inflect, so both
        # source strings get the same translation (simpler than a plural-forms catalogue
        # for English, which is the untranslated source language).
        self.unit.setText(self.tr("second") if self._seconds == 1 else self.tr("seconds"))

    def _follow_parent(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.setGeometry(parent.rect())
        theme = current_theme()
        self.stay_button.setMinimumHeight(round(theme.touch_px * 1.5))  # the one button that matters
        width = min(max(parent.width() * 0.6, theme.touch_px * 8), parent.width() - 2 * theme.margin_px)
        self.card.setFixedWidth(round(width))
        self.card.adjustSize()
        self.card.move((self.width() - self.card.width()) // 2, (self.height() - self.card.height()) // 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._follow_parent()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)  # LanguageAware retranslates first: the card's size depends on it
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.StyleChange) and self.isVisible():
            self._follow_parent()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), current_theme().qcolor("scrim"))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.stayRequested.emit()
        event.accept()
