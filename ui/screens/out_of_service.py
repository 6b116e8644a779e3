"""The machine cannot serve anyone: say so plainly; the reason is for the staff, small."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from kiosk.workflow.states import State
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
        reason = workflow.out_of_service_reason
        # For the staff: in English on purpose (technical, not translated).
        self.reason.setText(self.tr("For staff: {reason}").format(reason=reason) if reason else "")
