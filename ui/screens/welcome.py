"""The attract screen: what this machine does, what to have ready, and the language.

Tapping a language starts the session in it, so the very first tap already makes the
rest readable. 'Large text' switches the theme at once, so the citizen sees its effect
before starting. 'Voice guidance' is forwarded to the window (`voiceToggled`), which turns
the voice guide on or off (`kiosk.voice`); the first words are this screen's.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from kiosk.workflow.states import State
from ui.i18n import LANGUAGES, current_language
from ui.messages import ProblemText
from ui.screens.base import ProblemBox, Screen, make_button, make_label, page_layout
from ui.theme import current_theme, set_role
from ui.widgets import ToggleButton

log = logging.getLogger(__name__)


class WelcomeScreen(Screen):
    STATE = State.WELCOME

    largeTextToggled = Signal(bool)  # noqa: N815
    contrastToggled = Signal(bool)  # noqa: N815
    voiceToggled = Signal(bool)  # noqa: N815

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        self.voice_guidance = bool(self.config.ui.voice_guidance)
        theme = current_theme()
        layout = page_layout(self)
        layout.addStretch(2)
        self.title = make_label(self, "title", "welcome_title", center=True)
        self.subtitle = make_label(self, "heading", center=True)
        self.ready = make_label(self, "body", "welcome_ready", center=True)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.ready)
        # A card nobody took: say so to whoever comes next, without anything about its owner.
        self.card_left = ProblemBox(self, "welcome_card_left")
        layout.addWidget(self.card_left)
        layout.addStretch(1)
        self.choose = make_label(self, "body", center=True)
        layout.addWidget(self.choose)

        row = QHBoxLayout()
        row.setSpacing(theme.spacing_px * 3)
        row.addStretch(1)
        self.language_buttons: dict[str, QPushButton] = {}
        for lang in self.config.kiosk.languages:
            button = make_button(self, f"start_{lang}", "primary", self._starter(lang))
            button.setText(LANGUAGES[lang])  # each language in its own script: never translated
            button.setMinimumSize(round(theme.touch_px * 4.5), round(theme.touch_px * 1.8))
            button.setStyleSheet(f"font-size: {theme.heading_px}px;")
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.language_buttons[lang] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

        toggles = QHBoxLayout()
        toggles.setSpacing(theme.spacing_px * 3)
        toggles.addStretch(1)
        self.large_text = ToggleButton(self, "toggle_large_text")
        self.large_text.setChecked(bool(self.config.ui.large_text))
        self.large_text.toggled.connect(self.largeTextToggled)
        self.contrast = ToggleButton(self, "toggle_contrast")
        self.contrast.setChecked(bool(self.config.ui.high_contrast))
        self.contrast.toggled.connect(self.contrastToggled)
        self.voice = ToggleButton(self, "toggle_voice")
        self.voice.setChecked(self.voice_guidance)
        self.voice.toggled.connect(self._voice_toggled)
        toggles.addWidget(self.large_text)
        toggles.addWidget(self.contrast)
        toggles.addWidget(self.voice)
        toggles.addStretch(1)
        layout.addLayout(toggles)
        layout.addStretch(2)
        self.station = make_label(self, "hint", "welcome_station", center=True)
        layout.addWidget(self.station)
        self.retranslate()

    def _starter(self, lang: str) -> Callable[[], None]:
        return lambda: self.act(lambda: self.workflow.start(
            lang, large_text=self.large_text.isChecked(), high_contrast=self.contrast.isChecked()))

    def _voice_toggled(self, on: bool) -> None:
        self.voice_guidance = on
        log.info("voice guidance %s", "on" if on else "off")
        self.voiceToggled.emit(on)

    def translate(self) -> None:
        self.title.setText(self.tr("Renew your ID card"))
        self.ready.setText(self.tr("Have ready: your ID card (if you still have it) and your mobile phone."))
        self.choose.setText(self.tr("Choose your language to start:"))
        self.large_text.set_label(self.tr("Large text"))
        self.contrast.set_label(self.tr("High contrast"))
        self.voice.set_label(self.tr("Voice guidance"))
        # The station as the language on screen names it (configured per language).
        self.station.setText(self.config.kiosk.station_in(current_language()))
        self.update_from(self.workflow)

    def update_from(self, workflow: Any) -> None:
        self.subtitle.setText(self.tr("Expiring, damaged or lost card: about {minutes} minutes.").format(
            minutes=workflow.promised_minutes))
        if getattr(workflow, "card_left_on_reader", False):
            self.card_left.show_problem(ProblemText(
                self.tr("A card has been left on the card reader."),
                self.tr("If it is yours, please take it. If not, please give it to our staff."),
            ))
        else:
            self.card_left.show_problem(None)

    def reset(self) -> None:
        """Back to the configured defaults for the next citizen (no signal: the window
        restores the text size itself)."""
        self.large_text.set_checked_quietly(bool(self.config.ui.large_text))
        self.contrast.set_checked_quietly(bool(self.config.ui.high_contrast))
        self.voice.setChecked(bool(self.config.ui.voice_guidance))

