"""The application is in: its number, very large, and the receipt on screen.

The on-screen copy matters most when the printer failed: the citizen (or the staff) can
read the number and scan the QR code from the screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.workflow.states import State
from ui import messages
from ui.screens.base import FitLabel, ProblemBox, Screen, button_row, make_button, make_label, page_layout, unspoken
from ui.screens.receipt_view import ReceiptView
from ui.theme import current_theme


class ReceiptScreen(Screen):
    STATE = State.RECEIPT

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        theme = current_theme()
        layout = page_layout(self)
        body = QHBoxLayout()
        body.setSpacing(theme.margin_px * 2)
        layout.addLayout(body, 1)

        left = QVBoxLayout()
        left.setSpacing(theme.spacing_px)
        self.heading = make_label(self, "heading", "receipt_heading")
        left.addWidget(self.heading)
        self.number_label = unspoken(make_label(self, "body"))   # the narrator says the number
        left.addWidget(self.number_label)
        self.number = FitLabel(self, round(theme.title_px * 1.3), theme.heading_px)
        self.number.setObjectName("receipt_number")
        left.addWidget(self.number)
        self.take = make_label(self, "heading", "receipt_take")
        left.addWidget(self.take)
        self.problem = ProblemBox(self)
        left.addWidget(self.problem)
        self.next_steps = make_label(self, "body", "receipt_next_steps")
        left.addWidget(self.next_steps)
        left.addStretch(1)
        self.finish = make_button(self, "receipt_finish", "primary", lambda: self.act(self.workflow.finish))
        left.addLayout(button_row(self, self.finish, stretch_first=False))
        body.addLayout(left, 3)

        self.view = ReceiptView(self)
        body.addWidget(self.view, 2)
        self.retranslate()

    def translate(self) -> None:
        self.heading.setText(self.tr("Your application has been submitted"))
        self.number_label.setText(self.tr("Your application number:"))
        self.take.setText(self.tr("Take your receipt below the screen."))
        self.finish.setText(self.tr("Finish"))

    def update_from(self, workflow: Any) -> None:
        s = workflow.session
        self.number.setText(s.application_number)
        self.view.set_receipt(s.receipt)
        failed = s.problem is not None and s.problem.code == "print_failed"
        self.take.setVisible(not failed)
        self.problem.show_problem(messages.problem_text(s.problem) if failed else None)
        if failed:
            self.next_steps.setText(self.tr("We will send you a text message when your new card is ready."))
        else:
            self.next_steps.setText(
                self.tr("Keep the receipt. We will send you a text message when your new card is ready.")
            )

    def forget(self) -> None:
        self.number.clear()
        self.view.set_receipt(None)
