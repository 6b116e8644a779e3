"""Prove it is you: the live face is compared with the photo from the card or the office."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.workflow.states import State
from ui import messages
from ui.screens.base import ProblemBox, make_button, make_label, page_layout
from ui.screens.camera_screen import CameraScreen
from ui.theme import current_theme
from ui.widgets import BusyPanel


class FaceCheckScreen(CameraScreen):
    STATE = State.FACE_CHECK

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        theme = current_theme()
        layout = page_layout(self)
        self.heading = make_label(self, "heading", "face_heading")
        layout.addWidget(self.heading)
        body = QHBoxLayout()
        body.setSpacing(theme.margin_px * 2)
        body.addWidget(self.camera_view, 3)
        right = QVBoxLayout()
        right.setSpacing(theme.spacing_px)
        self.guidance = make_label(self, "body", "face_guidance")
        right.addWidget(self.guidance)
        self.busy = BusyPanel(self)
        self.busy.setObjectName("face_busy")
        right.addWidget(self.busy)
        self.problem = ProblemBox(self)
        right.addWidget(self.problem)
        self.tries = make_label(self, "hint", "face_tries")
        right.addWidget(self.tries)
        right.addStretch(1)
        self.retry = make_button(self, "face_retry", "primary", lambda: self.act(self.workflow.retry_face))
        self.retry.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        right.addWidget(self.retry)
        body.addLayout(right, 2)
        layout.addLayout(body, 1)
        self.retranslate()

    def translate(self) -> None:
        self.heading.setText(self.tr("Look at the camera"))
        self.guidance.setText(
            self.tr("Stand still in front of the screen, look straight at the camera and blink once. "
                    "Take off glasses, a hat or a mask.")
        )
        self.retry.setText(self.tr("Try again"))

    def update_from(self, workflow: Any) -> None:
        s = workflow.session
        busy = workflow.busy == "face_check"
        done, total, _ = workflow.progress
        self.camera_view.set_instruction(self.tr("Look at the camera and blink once"))
        self.busy.setVisible(busy)
        if busy:
            self.busy.set_message(self.tr("Checking that it is you…"))
            if total > 0:
                self.busy.set_progress(done, total)
            else:
                self.busy.set_busy()
        problem = s.problem
        self.problem.show_problem(messages.problem_text(problem) if problem is not None else None)
        self.guidance.setVisible(problem is None)  # the problem box says what to do now
        self.retry.setVisible(not busy and problem is not None)
        left = self.config.session.face_attempts - s.face_attempts
        self.tries.setVisible(s.face_attempts > 0 and left > 0)
        self.tries.setText(self.tr("Tries left: {count}").format(count=left))
