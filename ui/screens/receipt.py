"""The application is in: its number, very large, and the receipt on screen.

The on-screen copy matters most when the printer failed: then it is the citizen's only
copy, so it stays until they say they have noted the number (the workflow holds the idle
wipe back meanwhile, `Workflow.receipt_unprinted`), and it can be shown as one large QR
code for their phone to keep: the code the printed receipt carries (the signed payload,
a link to the office's verification page when one is configured).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from kiosk.workflow.states import State
from ui import messages
from ui.screens.base import (
    FitLabel,
    ProblemBox,
    Screen,
    column_widget,
    make_button,
    make_label,
    page_layout,
    unspoken,
)
from ui.screens.receipt_view import ReceiptView, qr_image
from ui.theme import current_theme

PHONE_QR_PX = 560   # large enough for any phone camera at arm's length


class PhoneCode(QWidget):
    """The receipt's QR code alone, large, on white, with what it is for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receipt_phone_code")
        theme = current_theme()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.spacing_px)
        layout.addStretch(1)
        self.code = QLabel(self)
        self.code.setObjectName("receipt_phone_qr")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setStyleSheet("background: white;")
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        self.caption = make_label(self, "body", "receipt_phone_caption", center=True)
        layout.addWidget(self.caption)
        layout.addStretch(1)
        self._content = ""

    def set_content(self, content: str) -> None:
        if content == self._content:
            return
        self._content = content
        if not content:
            self.code.clear()
            return
        modules = qr_image(content, module_px=1).width()
        # Whole pixels per module: a code scaled to uneven modules is harder to read.
        pixmap = QPixmap.fromImage(qr_image(content, module_px=max(2, PHONE_QR_PX // modules)))
        self.code.setPixmap(pixmap)
        self.code.setFixedSize(pixmap.size())

    def content(self) -> str:
        return self._content


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
        self.show_code = make_button(self, "receipt_show_qr", "secondary", self._toggle_code)
        self.finish = make_button(self, "receipt_finish", "primary", lambda: self.act(self.workflow.finish))
        self.finish.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        left.addWidget(self.finish)
        body.addWidget(column_widget(self, left), 3)

        # Right: the slip, or its code alone for the phone; the switch under it (the left
        # column has no room for a second button in large text).
        right = QVBoxLayout()
        right.setSpacing(theme.spacing_px)
        self.view = ReceiptView(self)
        self.phone_code = PhoneCode(self)
        self.right = QStackedWidget(self)
        self.right.addWidget(self.view)
        self.right.addWidget(self.phone_code)
        self.right.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        right.addWidget(self.right, 1)
        self.show_code.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        right.addWidget(self.show_code)
        body.addLayout(right, 2)
        self.retranslate()

    def _toggle_code(self) -> None:
        showing = self.right.currentWidget() is self.phone_code
        self.right.setCurrentWidget(self.view if showing else self.phone_code)
        self.workflow.stay()        # a tap: the citizen is there (notifies: the screen redraws)
        self._texts()

    def showing_phone_code(self) -> bool:
        return self.right.currentWidget() is self.phone_code

    def translate(self) -> None:
        self.heading.setText(self.tr("Your application has been submitted"))
        self.number_label.setText(self.tr("Your application number:"))
        self.take.setText(self.tr("Take your receipt below the screen."))
        self.phone_code.caption.setText(self.tr(
            "Scan this code with your phone's camera and keep it: it holds your application number."))
        self._texts()

    def _texts(self) -> None:
        unprinted = bool(getattr(self.workflow, "receipt_unprinted", False))
        self.finish.setText(self.tr("I have noted the number") if unprinted else self.tr("Finish"))
        self.show_code.setText(self.tr("Show the receipt") if self.showing_phone_code()
                               else self.tr("QR code for my phone"))

    def update_from(self, workflow: Any) -> None:
        s = workflow.session
        self.number.setText(s.application_number)
        self.view.set_receipt(s.receipt)
        self.phone_code.set_content(s.receipt.qr_content if s.receipt is not None else "")
        failed = s.problem is not None and s.problem.code == "print_failed"
        self.take.setVisible(not failed)
        self.problem.show_problem(messages.problem_text(s.problem) if failed else None)
        # The phone's copy is offered where the screen is the only copy.
        self.show_code.setVisible(bool(workflow.receipt_unprinted) and s.receipt is not None)
        if not self.show_code.isVisible() and self.showing_phone_code():
            self.right.setCurrentWidget(self.view)
        if failed:
            self.next_steps.setText(self.tr("We will send you a text message when your new card is ready."))
        else:
            self.next_steps.setText(
                self.tr("Keep the receipt. We will send you a text message when your new card is ready.")
            )
        self._texts()

    def forget(self) -> None:
        self.number.clear()
        self.view.set_receipt(None)
        self.phone_code.set_content("")
        self.right.setCurrentWidget(self.view)
