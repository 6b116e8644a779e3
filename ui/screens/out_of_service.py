"""The machine cannot serve anyone: say so plainly; the reasons are for the staff, small.

The reasons arrive as codes (several may hold: the printer out of paper while a
technician has switched the kiosk off) and are worded here in the language on screen,
like everything else a citizen's screen shows. Only a start-up failure adds a technical
detail (a file, a key id) that no translation could word.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from kiosk.workflow.states import State
from ui import messages
from ui.screens.base import Screen, make_label, page_layout


class OutOfServiceScreen(Screen):
    STATE = State.OUT_OF_SERVICE

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        layout = page_layout(self)
        layout.addStretch(2)
        self.title = make_label(self, "title", "out_of_service_title", center=True)
        layout.addWidget(self.title)
        self.advice = make_label(self, "heading", "out_of_service_advice", center=True)
        layout.addWidget(self.advice)
        layout.addStretch(2)
        self.reason = make_label(self, "hint", "out_of_service_reason", center=True)
        layout.addWidget(self.reason)
        self.retranslate()

    def translate(self) -> None:
        self.title.setText(self.tr("This machine is out of service."))
        self.advice.setText(self.tr("Please use the counter. We are sorry for the inconvenience."))

    def update_from(self, workflow: Any) -> None:
        reason = ""
        for code in workflow.out_of_service_reasons:
            reason = messages.join_sentences(reason, messages.out_of_service_text(code))
        reason = messages.join_sentences(reason, getattr(workflow, "out_of_service_detail", ""))
        self.reason.setText(self.tr("For staff: {reason}").format(reason=reason) if reason else "")
