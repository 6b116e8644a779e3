"""Prove it is you: the live face is compared with the photo from the card or the office.

For a typed number this comes before "Is this you?": nothing about the number's holder is
shown here (the workflow keeps it sealed), only that the office's photo is the one
compared, and a way back to the keypad for a mistyped number.

With a live analyzer the mirror shows what the analysis says now (come closer, look
straight...) and, when liveness is required, the challenge step by step (blink, turn
the head, look back) with a checklist beside the picture. The workflow decides when
enough was seen and verifies; this screen only shows it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.workflow.states import State
from ui import messages
from ui.screens.base import ProblemBox, make_button, make_label, page_layout
from ui.screens.camera_screen import CameraScreen
from ui.theme import current_theme
from ui.widgets import BusyPanel

DONE_MARK = "✓"     # U+2713, in DejaVu Sans and WenQuanYi
TODO_MARK = "→"     # U+2192
TURN_CODES = ("turn_left", "turn_right", "turn_head")


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
        self.reference_hint = make_label(self, "hint", "face_reference_hint")
        right.addWidget(self.reference_hint)
        self.challenge = make_label(self, "choice-title", "face_challenge")  # bold: the steps to do
        right.addWidget(self.challenge)
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
        self.change_number = make_button(
            self, "face_change_number", "secondary", lambda: self.act(self.workflow.change_number)
        )
        self.change_number.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        right.addWidget(self.change_number)
        body.addLayout(right, 2)
        layout.addLayout(body, 1)
        self.retranslate()

    @property
    def liveness_required(self) -> bool:
        liveness = getattr(self.config.biometrics, "liveness", None)
        return bool(getattr(liveness, "required", False))

    def translate(self) -> None:
        self.heading.setText(self.tr("Look at the camera"))
        self._show_guidance(self.liveness_required)
        self.retry.setText(self.tr("Try again"))
        self._word_the_reference(bool(getattr(self.workflow, "holder_from_eid", False)))

    def _word_the_reference(self, eid: bool) -> None:
        """A typed number's photo, or the one an e-ID code vouched for (issue 16)."""
        if eid:
            self.reference_hint.setText(self.tr(
                "We compare your face with the photo of the person this e-ID code belongs to. "
                "Your details are shown once it matches."
            ))
            self.change_number.setText(self.tr("Use another way"))
        else:
            self.reference_hint.setText(self.tr(
                "We compare your face with the photo the ID office holds for this number. "
                "Your details are shown once it matches."
            ))
            self.change_number.setText(self.tr("Change the ID number"))

    def _show_guidance(self, liveness: bool) -> None:
        if liveness:
            text = self.tr("Stand still in front of the screen and look at the camera. To show that you are really "
                           "here, do what the picture asks:")
        else:
            text = self.tr("Stand still in front of the screen and look straight at the camera. "
                           "Take off glasses, a hat or a mask.")
        if text != self.guidance.text():
            self.guidance.setText(text)

    # -- the overlay ---------------------------------------------------------------------------
    def overlay_texts(self, analysis: Any) -> tuple[str, int | None]:
        wf = self.workflow
        _done, _total, note = wf.progress
        if self.session.problem is not None and not wf.busy:
            return "", None       # one instruction at a time: the problem box says what to do
        if wf.busy == "face_check" and note in ("verifying", "done"):
            return self.tr("Hold still…"), None
        if analysis is not None and analysis.camera_ok:
            return messages.guidance_text(analysis.instruction), None
        if getattr(wf, "analyzer", None) is not None:
            return messages.guidance_text("no_face"), None   # the analysis is starting
        return self.tr("Look at the camera and blink once"), None

    def refresh_overlay(self) -> None:
        super().refresh_overlay()
        analysis = self.live_analysis()
        analyzer = getattr(self.workflow, "analyzer", None)
        liveness = self.liveness_required or getattr(analyzer, "mode", "") == "liveness"
        self._show_guidance(liveness)
        # One instruction at a time (issue 15): the picture says what to do now, so the
        # side says nothing besides it, but for the liveness checklist it introduces.
        self.guidance.setVisible(self.session.problem is None and liveness)
        self._show_challenge(analysis)

    def _show_challenge(self, analysis: Any) -> None:
        """The liveness challenge as a checklist: what is done, what to do now."""
        liveness = getattr(analysis, "liveness", None) if analysis is not None else None
        if liveness is None or self.session.problem is not None:
            self.challenge.setVisible(False)
            return
        settings = self.config.biometrics.liveness
        lines = []
        current = liveness.instruction
        if settings.blinks_required:
            blinked = liveness.passed or liveness.blinks >= settings.blinks_required
            lines.append(f"{DONE_MARK if blinked else TODO_MARK} {messages.guidance_text('blink')}")
        if settings.turn_required:
            turn = current if current in TURN_CODES else "turn_head"
            lines.append(f"{DONE_MARK if liveness.passed else TODO_MARK} {messages.guidance_text(turn)}")
        text = "\n".join(lines)
        if text != self.challenge.text():
            self.challenge.setText(text)
        self.challenge.setVisible(bool(lines))

    # -- the workflow --------------------------------------------------------------------------
    def update_from(self, workflow: Any) -> None:
        s = workflow.session
        busy = workflow.busy == "face_check"
        done, total, note = workflow.progress
        # With a live analyzer, 'looking' is the citizen's part: the picture guides them,
        # and the wait is shown only once the comparison runs.
        looking = busy and getattr(workflow, "analyzer", None) is not None and note == "looking"
        self.busy.setVisible(busy and not looking)
        if busy and not looking:
            self.busy.set_message(self.tr("Checking that it is you…"))
            if total > 0 and note not in ("verifying", "done"):
                self.busy.set_progress(done, total)
            else:
                self.busy.set_busy()
        problem = s.problem
        self.problem.show_problem(messages.problem_text(problem) if problem is not None else None)
        self.retry.setVisible(not busy and problem is not None)
        typed = workflow.holder_sealed
        self._word_the_reference(bool(getattr(workflow, "holder_from_eid", False)))
        self.reference_hint.setVisible(typed and problem is None)
        self.change_number.setVisible(typed)
        left = workflow.face_tries_left
        self.tries.setVisible(s.face_attempts > 0 and left > 0)
        self.tries.setText(self.tr("Tries left: {count}").format(count=left))
        self.refresh_overlay()
