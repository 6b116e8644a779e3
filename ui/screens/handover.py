"""A polite hand-over to the counter: why, and what to bring."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from kiosk.workflow.states import State
from ui import messages
from ui.screens.base import Screen, button_row, make_button, make_label, page_layout
from ui.theme import current_theme


class HandoverScreen(Screen):
    STATE = State.HANDOVER

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        layout = page_layout(self)
        layout.addStretch(1)
        self.title = make_label(self, "title", "handover_title", center=True)
        layout.addWidget(self.title)
        self.reason = make_label(self, "heading", "handover_reason", center=True)
        layout.addWidget(self.reason)
        self.bring = make_label(self, "body", "handover_bring", center=True)
        layout.addWidget(self.bring)
        self.nothing_saved = make_label(self, "hint", center=True)
        layout.addWidget(self.nothing_saved)
        layout.addSpacing(current_theme().margin_px * 2)
        self.finish = make_button(self, "handover_finish", "primary", lambda: self.act(self.workflow.finish))
        layout.addLayout(button_row(self, self.finish, center=True))
        layout.addStretch(1)
        self.retranslate()

    def translate(self) -> None:
        self.title.setText(self.tr("Please go to the counter"))
        self.nothing_saved.setText(self.tr("Nothing was sent. Our staff will help you finish your application."))
        self.finish.setText(self.tr("Finish"))

    def update_from(self, workflow: Any) -> None:
        reason = messages.handover_reason(workflow.session, self.config)
        text = messages.handover_text(reason, messages.handover_tries(reason, self.config))
        self.reason.setText(text.message)
        self.bring.setText(text.next_step)
