"""Fingerprints: which finger, which press, where to put it, and the ways on.

Shown only where the workflow's step asks for prints. The drawing shows the finger the
workflow asks for and the glass lighting up while the scanner feels it; the words say
which finger and which press. A bad press's message (press harder, clean the finger,
place it flat) comes from the workflow's problem. The ways on are the citizen's: scan
again after a wait, another finger when this one cannot be pressed, or "I cannot give
fingerprints", which the application records for the counter.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.workflow.states import State
from ui import messages
from ui.screens.base import ProblemBox, Screen, make_button, make_label, page_layout
from ui.screens.finger_drawing import FingerOnScanner
from ui.theme import current_theme


class FingerprintsScreen(Screen):
    STATE = State.FINGERPRINTS

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        theme = current_theme()
        layout = page_layout(self)
        self.heading = make_label(self, "heading", "fingerprints_heading")
        layout.addWidget(self.heading)
        body = QHBoxLayout()
        body.setSpacing(theme.margin_px * 2)
        layout.addLayout(body, 1)
        self.drawing = FingerOnScanner(self)
        body.addWidget(self.drawing, 4)   # the words need the width: they wrap in large text
        right = QVBoxLayout()
        right.setSpacing(theme.spacing_px)
        self.instruction = make_label(self, "heading", "fingerprints_instruction")
        right.addWidget(self.instruction)
        self.count = make_label(self, "body", "fingerprints_count")
        self.status = make_label(self, "hint", "fingerprints_status")
        counts = QHBoxLayout()          # one line for both: large text needs the height
        counts.setSpacing(theme.margin_px)
        counts.addWidget(self.count)
        counts.addWidget(self.status, 1)
        right.addLayout(counts)
        self.problem = ProblemBox(self)
        right.addWidget(self.problem)
        right.addStretch(1)
        self.scan_again = make_button(self, "fingerprints_scan_again", "primary",
                                      lambda: self.act(self.workflow.retry_fingerprint))
        self.other = make_button(self, "fingerprints_other_finger", "secondary",
                                 lambda: self.act(self.workflow.other_finger))
        self.cannot = make_button(self, "fingerprints_cannot", "secondary",
                                  lambda: self.act(self.workflow.cannot_give_fingerprints))
        self.back = make_button(self, "fingerprints_back", "secondary", lambda: self.act(self.workflow.back))
        # Two rows, the long "I cannot give fingerprints" with the short "Scan again": all
        # four side by side are clipped in large text, one above the other too tall.
        for first, second in ((self.scan_again, self.cannot), (self.back, self.other)):
            row = QHBoxLayout()
            row.setSpacing(theme.spacing_px)
            for button in (first, second):
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                row.addWidget(button)
            right.addLayout(row)
        body.addLayout(right, 8)
        self.retranslate()

    def translate(self) -> None:
        self.heading.setText(self.tr("Your fingerprints"))
        self.scan_again.setText(self.tr("Scan again"))
        self.other.setText(self.tr("Use another finger"))
        self.cannot.setText(self.tr("I cannot give fingerprints"))
        self.back.setText(self.tr("Back"))

    def update_from(self, workflow: Any) -> None:
        s = workflow.session
        plan = workflow.fingerprint_plan
        if plan is None or not plan.finger:
            return
        finger = messages.finger_name(plan.finger)
        self.drawing.set_finger(plan.finger, s.finger_on_scanner)
        self.instruction.setText(self.tr("Place your {finger} flat on the scanner.").format(finger=finger))
        self.count.setText(self.tr("Finger {finger} of {fingers}, press {press} of {presses}").format(
            finger=plan.finger_number, fingers=plan.finger_count, press=plan.press, presses=plan.presses))
        waiting = workflow.busy == "fingerprint"
        if s.finger_on_scanner:
            self.status.setText(self.tr("Keep your finger still..."))
        elif waiting:
            self.status.setText(self.tr("Waiting for your finger."))
        else:
            self.status.setText("")
        problem = s.problem
        self.problem.show_problem(messages.problem_text(problem) if problem is not None else None)
        self.scan_again.setVisible(not waiting)
        self.back.setVisible(not s.editing_from_review)

    def activate(self) -> None:
        super().activate()
        self.drawing.animate(True)

    def deactivate(self) -> None:
        super().deactivate()
        self.drawing.animate(False)
