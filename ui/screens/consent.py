"""The consent, asked before anything is read or filmed (issue 15).

A walk-through found the consent on the review screen, after the chip's photo had been
read and the camera had filmed the citizen twice: agreeing then was a formality. Here it
comes right after the case, in the same plain words, with one thing to do: agree (or go
back). The review then only says that it was given.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from kiosk.workflow.states import State
from ui.screens.base import Screen, button_row, make_button, make_label, page_layout
from ui.theme import current_theme


class ConsentScreen(Screen):
    STATE = State.CONSENT

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        layout = page_layout(self)
        self.heading = make_label(self, "heading", "consent_heading")
        layout.addWidget(self.heading)
        layout.addStretch(1)
        self.text = make_label(self, "heading", "consent_text")   # what is agreed to, large
        layout.addWidget(self.text)
        self.next = make_label(self, "hint", "consent_next")
        layout.addWidget(self.next)
        layout.addSpacing(current_theme().margin_px)
        self.back = make_button(self, "consent_back", "secondary", lambda: self.act(self.workflow.back))
        self.agree = make_button(self, "consent_agree", "primary", lambda: self.act(self.workflow.agree))
        layout.addLayout(button_row(self, self.back, self.agree))
        self.retranslate()

    def translate(self) -> None:
        self.heading.setText(self.tr("Your data and photo"))
        self.text.setText(
            self.tr("I agree that my data and photo are used only to make my new ID card. They are sent "
                    "encrypted and deleted from this machine when I finish.")
        )
        self.next.setText(self.tr("Nothing is read and the camera stays off until you agree."))
        self.back.setText(self.tr("Back"))
        self.agree.setText(self.tr("I agree"))
