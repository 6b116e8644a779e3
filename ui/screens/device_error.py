"""A device failed: what, in plain words, and the two ways on (try again, or finish)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from kiosk.workflow.states import State
from ui import messages
from ui.screens.base import ProblemBox, Screen, button_row, make_button, make_label, page_layout
from ui.theme import current_theme


class DeviceErrorScreen(Screen):
    STATE = State.DEVICE_ERROR

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        layout = page_layout(self)
        layout.addStretch(1)
        self.title = make_label(self, "title", "device_error_title", center=True)
        layout.addWidget(self.title)
        self.problem = ProblemBox(self)
        layout.addWidget(self.problem)
        layout.addSpacing(current_theme().margin_px * 2)
        self.finish = make_button(self, "device_error_finish", "secondary", lambda: self.act(self.workflow.finish))
        self.retry = make_button(self, "device_error_retry", "primary", lambda: self.act(self.workflow.retry))
        layout.addLayout(button_row(self, self.finish, self.retry, center=True))
        layout.addStretch(1)
        self.retranslate()

    def translate(self) -> None:
        self.title.setText(self.tr("Sorry, something is not working"))
        self.finish.setText(self.tr("Finish"))
        self.retry.setText(self.tr("Try again"))

    def update_from(self, workflow: Any) -> None:
        problem = workflow.session.problem
        self.problem.show_problem(messages.problem_text(problem) if problem is not None else None)
