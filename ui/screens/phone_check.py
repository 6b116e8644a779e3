"""The phone check (issue 16): the code the office texted to the number just typed.

A keypad for the code; beside it where the code went, the way to a new code (shown
with the seconds until it may be asked for: a text can take a while), and the ways out
the workflow leaves open when no code can confirm the number (another number, the
counter). What is allowed when is the workflow's (`may_answer_code`, `may_resend_code`,
`phone_check_stuck`, `phone_counter_offered`); the screen draws it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.country_rules import mobile_format
from kiosk.workflow.phone_check import CODE_MAX_LENGTH, CODE_MIN_LENGTH
from kiosk.workflow.states import State
from ui import messages
from ui.screens.base import ProblemBox, Screen, button_row, make_button, make_label, page_layout, unspoken
from ui.theme import current_theme
from ui.widgets import NumericKeypad, group_digits


class PhoneCheckScreen(Screen):
    STATE = State.PHONE_CHECK

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        theme = current_theme()
        layout = page_layout(self)
        self.heading = make_label(self, "heading", "phone_check_heading")
        layout.addWidget(self.heading)
        body = QHBoxLayout()
        body.setSpacing(theme.margin_px * 2)
        layout.addLayout(body, 1)

        self.keypad = NumericKeypad(self, max_length=CODE_MAX_LENGTH, grouping=(4, 4), show_ok=False)
        self.keypad.setObjectName("phone_code_keypad")
        self.keypad.textChanged.connect(lambda _t: self._refresh_buttons())
        body.addWidget(self.keypad, 4)

        right = QVBoxLayout()
        right.setSpacing(theme.spacing_px)
        self.sent_to = unspoken(make_label(self, "body", "phone_check_sent_to"))
        right.addWidget(self.sent_to)
        self.status = make_label(self, "hint", "phone_check_status")
        right.addWidget(self.status)
        right.addStretch(1)   # the choices low, within reach of a seated citizen
        self.resend_wait = make_label(self, "hint", "phone_check_resend_wait")
        right.addWidget(self.resend_wait)
        self.resend = make_button(self, "phone_check_resend", "secondary", lambda: self.act(self.workflow.resend_code))
        right.addWidget(self.resend)
        self.problem = ProblemBox(self)
        right.addWidget(self.problem)
        self.counter = make_button(self, "phone_check_counter", "secondary",
                                   lambda: self.act(self.workflow.phone_to_counter))
        right.addWidget(self.counter)
        self.back = make_button(self, "phone_check_back", "secondary", lambda: self.act(self.workflow.back))
        self.confirm = make_button(self, "phone_check_confirm", "primary", self._confirm)
        right.addLayout(button_row(self, self.back, self.confirm))
        body.addLayout(right, 5)
        self._last_problem: Any = None
        self.retranslate()

    def _confirm(self) -> None:
        code = self.keypad.text()
        self.act(lambda: self.workflow.answer_phone_code(code))

    def translate(self) -> None:
        self.heading.setText(self.tr("Type the code we sent to your phone"))
        self.resend.setText(self.tr("Send a new code"))
        self.counter.setText(self.tr("Go to the counter"))
        self.back.setText(self.tr("Change the number"))
        self.confirm.setText(self.tr("Confirm"))

    def _refresh_buttons(self) -> None:
        wf = self.workflow
        self.confirm.setEnabled(len(self.keypad.text()) >= CODE_MIN_LENGTH and wf.may_answer_code and not wf.busy)

    def update_from(self, workflow: Any) -> None:
        s = workflow.session
        problem = s.problem
        if problem is not None and problem is not self._last_problem:
            self.keypad.clear()   # a wrong or stale code is typed anew
        self._last_problem = problem
        progress = workflow.phone_check
        self.sent_to.setText(self.tr("We sent a text message with a code to {number}.").format(
            number=group_digits(s.phone, mobile_format(self.config.document.country).grouping)))
        self.sent_to.setVisible(progress is not None and progress.sent is not None)
        busy = workflow.busy
        self.status.setText(
            self.tr("Sending the code…") if busy == "send_code"
            else self.tr("Checking the code…") if busy == "check_code" else "")
        self.status.setVisible(bool(self.status.text()))
        stuck = workflow.phone_check_stuck
        wait = workflow.phone_resend_seconds_left
        may_send_more = progress is not None and progress.sends_left > 0 and not progress.locked
        self.resend.setVisible(may_send_more and not stuck and not busy)
        self.resend.setEnabled(workflow.may_resend_code)
        self.resend_wait.setText(
            "" if wait <= 0 else self.tr("You can ask for a new code in 1 second.") if wait == 1
            else self.tr("You can ask for a new code in {seconds} seconds.").format(seconds=wait))
        self.resend_wait.setVisible(self.resend.isVisibleTo(self) and wait > 0)
        self.keypad.setEnabled(workflow.may_answer_code)
        self.counter.setVisible(workflow.phone_counter_offered)
        self.problem.show_problem(messages.problem_text(problem, self.config.document.country)
                                  if problem is not None else None)
        self._refresh_buttons()

    def forget(self) -> None:
        self.keypad.clear()
        self.sent_to.clear()
        self._last_problem = None
