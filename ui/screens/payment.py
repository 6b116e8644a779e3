"""Paying the fee: the office's code for the citizen's payment app, and a countdown.

Draws what the workflow holds: the order's code (rendered here with segno: drawing a
QR code is presenting it), the seconds left, the problem when the order expired or was
cancelled. The screen moves on by itself when the workflow hears the order was paid;
its buttons only forward the citizen's choice (cancel, a new code, back to the review).
"""

from __future__ import annotations

import io
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.workflow.states import State
from ui import messages
from ui.screens.base import PictureLabel, ProblemBox, Screen, button_row, make_button, make_label, page_layout
from ui.theme import current_theme

QR_PX = 420


def qr_png(payload: str) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


class PaymentScreen(Screen):
    STATE = State.PAYMENT

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        theme = current_theme()
        layout = page_layout(self)
        self.heading = make_label(self, "heading", "payment_heading")
        layout.addWidget(self.heading)

        body = QHBoxLayout()
        body.setSpacing(theme.margin_px * 2)
        self.code = PictureLabel(self, QR_PX, QR_PX)
        self.code.setObjectName("payment_code")
        body.addWidget(self.code, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.setSpacing(theme.spacing_px)
        self.amount = make_label(self, "heading", "payment_amount")
        right.addWidget(self.amount)
        self.instruction = make_label(self, "body", "payment_instruction")
        right.addWidget(self.instruction)
        self.countdown = make_label(self, "body", "payment_countdown")
        right.addWidget(self.countdown)
        self.problem = ProblemBox(self)
        right.addWidget(self.problem)
        right.addStretch(1)
        body.addLayout(right, 1)
        layout.addLayout(body, 1)

        self.back = make_button(self, "payment_back", "secondary", lambda: self.act(self.workflow.back_to_review))
        self.cancel = make_button(self, "payment_cancel", "secondary", lambda: self.act(self.workflow.cancel_payment))
        self.again = make_button(self, "payment_again", "primary", lambda: self.act(self.workflow.pay_again))
        layout.addLayout(button_row(self, self.back, self.cancel, self.again))
        self._shown_payload = ""
        self.retranslate()

    def translate(self) -> None:
        self.heading.setText(self.tr("Pay the fee"))
        self.back.setText(self.tr("Back to the review"))
        self.cancel.setText(self.tr("Cancel the payment"))
        self.again.setText(self.tr("Show a new code"))

    def update_from(self, workflow: Any) -> None:
        s = workflow.session
        fee = s.fee
        self.amount.setText(self.tr("Fee: {amount}").format(
            amount=messages.fee_text(fee.amount, fee.currency, s.language) if fee is not None else ""))
        order = s.payment_order
        problem = s.problem
        waiting = workflow.busy == "payment"
        pending = waiting and order is not None and problem is None
        if pending and order.qr_payload != self._shown_payload:
            self.code.set_image(qr_png(order.qr_payload))
            self._shown_payload = order.qr_payload
        elif not pending and self._shown_payload:
            self.code.set_image(None)
            self._shown_payload = ""
        self.code.setVisible(pending)
        if workflow.busy == "payment_cancel":
            self.instruction.setText(self.tr("Cancelling the payment…"))
        elif pending:
            self.instruction.setText(self.tr(
                "Scan the code with your payment app and pay there. This screen moves on by itself "
                "as soon as your payment has arrived."))
        elif waiting:
            self.instruction.setText(self.tr("Asking for your payment code…"))
        else:
            self.instruction.setText("")
        self.instruction.setVisible(bool(self.instruction.text()))
        left = workflow.payment_seconds_left
        self.countdown.setVisible(pending and left is not None)
        if pending and left is not None:
            self.countdown.setText(self.tr("The code is valid for {time} more.").format(
                time=f"{left // 60}:{left % 60:02d}"))
        self.problem.show_problem(messages.problem_text(problem) if problem is not None else None)
        self.cancel.setVisible(pending)
        self.again.setVisible(not waiting and workflow.busy != "payment_cancel")
        self.back.setVisible(not waiting and workflow.busy != "payment_cancel")

    def forget(self) -> None:
        self.code.set_image(None)
        self._shown_payload = ""
