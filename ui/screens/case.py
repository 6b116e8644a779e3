"""Why the citizen came: three big tiles, each saying what is needed and what it costs."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from kiosk.domain.cases import Case
from kiosk.workflow.states import State
from ui import messages
from ui.screens.base import Screen, make_label, page_layout
from ui.theme import current_theme
from ui.widgets import ChoiceButton, Symbol

SYMBOLS = {Case.EXPIRING: Symbol.CARD, Case.DAMAGED: Symbol.CARD_DAMAGED, Case.LOST: Symbol.CARD_LOST}


class CaseScreen(Screen):
    STATE = State.CASE

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        layout = page_layout(self)
        # Three tall tiles under the heading: in large text the theme's gaps would push
        # the first one above the reach line; half of them still separate the tiles.
        theme = current_theme()
        layout.setSpacing(theme.spacing_px // 2)
        margins = layout.contentsMargins()
        layout.setContentsMargins(margins.left(), margins.top(), margins.right(), theme.spacing_px // 2)
        self.heading = make_label(self, "heading", "case_heading")
        layout.addWidget(self.heading)
        layout.addStretch(1)   # the choices low, within reach of a seated citizen
        self.choices: dict[Case, ChoiceButton] = {}
        for case in Case:
            button = ChoiceButton(symbol=SYMBOLS[case], parent=self)
            button.setObjectName(f"case_{case.value}")
            button.clicked.connect(lambda _=False, c=case: self.act(lambda: self.workflow.choose_case(c)))
            self.choices[case] = button
            layout.addWidget(button)
        self.retranslate()

    def translate(self) -> None:
        self.heading.setText(self.tr("Why are you here today?"))
        fees = self.config.fees
        lang = self.session.language or self.config.kiosk.default_language
        for case, button in self.choices.items():
            amount = {Case.EXPIRING: fees.expiring, Case.DAMAGED: fees.damaged, Case.LOST: fees.lost}[case]
            fee = messages.fee_text(amount, fees.currency, lang)
            button.set_texts(messages.case_title(case), messages.case_subtitle(case, fee))

    def update_from(self, workflow: Any) -> None:
        self.translate()  # the fee is written in the session's language
