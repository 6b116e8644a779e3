"""Saving and printing: only a wait, but one that says what is happening."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from kiosk.workflow.states import State
from ui.screens.base import Screen, make_label, page_layout
from ui.widgets import BusyPanel


class SubmitScreen(Screen):
    STATE = State.SUBMIT

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        layout = page_layout(self)
        layout.addStretch(1)
        self.busy = BusyPanel(self)
        self.busy.setObjectName("submit_busy")
        layout.addWidget(self.busy)
        self.hint = make_label(self, "hint", "submit_hint", center=True)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.retranslate()

    def translate(self) -> None:
        self.hint.setText(self.tr("Please do not leave: your receipt comes next."))

    def update_from(self, workflow: Any) -> None:
        done, total, note = workflow.progress
        text = {
            "saving": self.tr("Saving your application…"),
            "saved": self.tr("Your application is saved. Preparing your receipt…"),
            "printing": self.tr("Printing your receipt…"),
            "done": self.tr("Almost done…"),
        }.get(note, self.tr("Saving your application…"))
        self.busy.set_message(text)
        if total > 0:
            self.busy.set_progress(done, total)
        else:
            self.busy.set_busy()
