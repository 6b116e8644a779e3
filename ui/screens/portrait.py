"""The new portrait: a guided shot with a countdown, then a choice among the best shots.

Three views of one state: the live camera while the workflow counts down and captures,
the candidates to choose from, and a keypad for a studio's photo-receipt code. Which
view shows is presentation only; every decision (capture, retake, choose, code) is a
workflow call.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from kiosk.workflow.states import State
from ui import messages
from ui.screens.base import PictureLabel, ProblemBox, make_button, make_label, page_layout
from ui.screens.camera_screen import CameraScreen, countdown_seconds
from ui.screens.code_scan import update_guidance
from ui.theme import current_theme
from ui.widgets import BusyPanel, NumericKeypad

PORTRAIT_SIZE = (358, 441)   # the card's portrait in pixels (GA 461), shown 1:1
STUDIO_CODE_LENGTH = 12
STUDIO_CODE_MIN = 8
MAX_CANDIDATES = 2


class PortraitScreen(CameraScreen):
    STATE = State.PORTRAIT

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        theme = current_theme()
        layout = page_layout(self)
        self.heading = make_label(self, "heading", "portrait_heading")
        layout.addWidget(self.heading)
        body = QHBoxLayout()
        body.setSpacing(theme.margin_px * 2)
        layout.addLayout(body, 1)

        # Left: camera / candidates / code keypad.
        self.views = QStackedWidget(self)
        body.addWidget(self.views, 11)
        self.views.addWidget(self.camera_view)

        self.choose_page = QWidget(self)
        row = QHBoxLayout(self.choose_page)
        row.setSpacing(theme.margin_px * 2)
        row.addStretch(1)
        self.candidates: list[PictureLabel] = []
        self.use_buttons = []
        for i in range(MAX_CANDIDATES):
            column = QVBoxLayout()
            column.setSpacing(theme.spacing_px * 2)
            picture = PictureLabel(self.choose_page, *PORTRAIT_SIZE)
            picture.setObjectName(f"portrait_candidate_{i}")
            column.addWidget(picture, 0, Qt.AlignmentFlag.AlignHCenter)
            use = make_button(self.choose_page, f"portrait_use_{i}", "primary", lambda i=i: self._choose(i))
            column.addWidget(use)
            column.addStretch(1)
            self.candidates.append(picture)
            self.use_buttons.append(use)
            row.addLayout(column)
        row.addStretch(1)
        self.views.addWidget(self.choose_page)

        self.code_page = QWidget(self)
        code_layout = QVBoxLayout(self.code_page)
        code_layout.setContentsMargins(0, 0, 0, 0)
        self.code_keypad = NumericKeypad(
            self.code_page, max_length=STUDIO_CODE_LENGTH, grouping=(4, 4, 4), show_ok=False
        )
        self.code_keypad.setObjectName("studio_code_keypad")
        self.code_keypad.set_validator(lambda text: len(text) >= STUDIO_CODE_MIN)
        self.code_keypad.textChanged.connect(lambda _t: self._refresh_buttons())
        code_layout.addWidget(self.code_keypad)
        self.views.addWidget(self.code_page)

        # Right: guidance, progress, problems and the buttons.
        right = QVBoxLayout()
        right.setSpacing(theme.spacing_px)
        self.guidance = make_label(self, "body", "portrait_guidance")
        right.addWidget(self.guidance)
        self.busy = BusyPanel(self)
        self.busy.setObjectName("portrait_busy")
        right.addWidget(self.busy)
        self.problem = ProblemBox(self)
        right.addWidget(self.problem)
        right.addStretch(1)
        self.code_ok = make_button(self, "studio_code_continue", "primary", self._submit_code)
        self.retake = make_button(self, "portrait_retake", "secondary", self._retake)
        self.code_button = make_button(self, "portrait_studio_code", "secondary", self._show_code)
        self.code_back = make_button(self, "studio_code_back", "secondary", self._hide_code)
        self.scan_button = make_button(self, "studio_code_scan", "secondary", self._scan)
        self.scan_stop = make_button(self, "studio_scan_stop", "secondary", self._stop_scan)
        for b in (self.code_ok, self.scan_button, self.scan_stop, self.retake, self.code_button, self.code_back):
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            right.addWidget(b)
        body.addLayout(right, 9)
        self._code_mode = False
        self.retranslate()

    # -- taps ------------------------------------------------------------------------------
    def _choose(self, index: int) -> None:
        self.act(lambda: self.workflow.choose_portrait(index))

    def _retake(self) -> None:
        self._code_mode = False
        self.act(self.workflow.retake_portrait)

    def _show_code(self) -> None:
        self._code_mode = True
        self.code_keypad.clear()
        self.update_from(self.workflow)

    def _hide_code(self) -> None:
        self._code_mode = False
        if not self.session.portrait_candidates and not self.workflow.busy:
            self.act(self.workflow.capture_portrait)
        self.update_from(self.workflow)

    def _scan(self) -> None:
        self.act(self.workflow.scan_code)

    def _stop_scan(self) -> None:
        self.act(self.workflow.stop_scanning)

    def _submit_code(self) -> None:
        self.act(lambda: self.workflow.use_studio_code(self.code_keypad.text()))

    # -- drawing ---------------------------------------------------------------------------
    def translate(self) -> None:
        for b in self.use_buttons:
            b.setText(self.tr("Use this photo"))
        self.retake.setText(self.tr("Retake"))
        self.code_button.setText(self.tr("I have a photo receipt code"))
        self.code_back.setText(self.tr("Take the photo here instead"))
        self.code_ok.setText(self.tr("Continue"))
        self.scan_button.setText(self.tr("Scan the receipt"))
        self.scan_stop.setText(self.tr("Type the code instead"))

    def _refresh_buttons(self) -> None:
        # A capture still running does not block the code: using it cancels the capture.
        self.code_ok.setEnabled(self.code_keypad.is_acceptable() and self.workflow.busy != "studio")

    def update_from(self, workflow: Any) -> None:
        s = workflow.session
        busy = workflow.busy
        done, total, note = workflow.progress
        candidates = list(s.portrait_candidates)[:MAX_CANDIDATES]
        scanning = busy == "scan_code"
        code = self._code_mode and not scanning
        choosing = not code and bool(candidates) and not busy
        self.camera_view.set_guide_shape("code" if scanning else "oval")

        if scanning:
            self.views.setCurrentWidget(self.camera_view)
            self.heading.setText(self.tr("Show your photo receipt"))
            self.guidance.setText(self.tr(
                "Hold the receipt the photo studio gave you towards the camera, with its code inside the frame."
            ))
        elif code:
            self.views.setCurrentWidget(self.code_page)
            self.heading.setText(self.tr("Type your photo receipt code"))
            self.guidance.setText(self.tr("The code is printed on the receipt the photo studio gave you."))
        elif choosing:
            self.views.setCurrentWidget(self.choose_page)
            self.heading.setText(self.tr("Choose your photo"))
            self.guidance.setText(self.tr("This photo will be printed on your new card. Choose the one you like, or take new ones."))
            for i, picture in enumerate(self.candidates):
                has = i < len(candidates)
                picture.set_image(candidates[i].jpeg if has else None)
                picture.setVisible(has)
                self.use_buttons[i].setVisible(has)
        else:
            self.views.setCurrentWidget(self.camera_view)
            self.heading.setText(self.tr("Your new photo"))
            self.guidance.setText(
                self.tr("Look straight at the camera with your mouth closed. Keep your face inside the oval. "
                        "The photo is taken automatically.")
            )

        counting = busy == "portrait" and note == "countdown" and total > 0
        self.refresh_overlay()
        # One instruction at a time (issue 15): while the camera takes the photo the
        # picture says what to do (and counts down); the side column adds nothing to it.
        capturing = self.views.currentWidget() is self.camera_view and not scanning
        self.guidance.setVisible(not capturing)

        # With a live analyzer the capture is the citizen's part until every rule passes:
        # the picture guides them; a progress bar would only say "waiting".
        guiding = (busy == "portrait" and note == "guiding") or scanning or counting
        self.busy.setVisible(bool(busy) and not guiding)
        if busy == "studio":
            self.busy.set_message(self.tr("Fetching your photo from the studio…"))
            self.busy.set_busy()
        elif busy:
            self.busy.set_message(self.tr("Get ready…") if counting else self.tr("Taking your photo…"))
            if total > 0:
                self.busy.set_progress(done, total)
            else:
                self.busy.set_busy()

        problem = s.problem
        self.problem.show_problem(messages.problem_text(problem) if problem is not None else None)
        self.retake.setVisible(not busy and not code)
        self.code_button.setVisible(not code and not scanning)
        self.code_back.setVisible(code)
        self.code_ok.setVisible(code)
        self.scan_button.setVisible(code)
        self.scan_stop.setVisible(scanning)
        self._refresh_buttons()

    def refresh_overlay(self) -> None:
        if self.workflow.busy == "scan_code":
            update_guidance(self.camera_view, self.workflow)   # the code frame, not the face's
            return
        super().refresh_overlay()

    def overlay_texts(self, analysis: Any) -> tuple[str, int | None]:
        """The banner and the countdown: the workflow's own countdown (stand-in capture),
        else the analyzer's instruction and, while every portrait rule passes, the
        seconds to the automatic capture."""
        busy = self.workflow.busy
        done, total, note = self.workflow.progress
        if self.session.problem is not None and not busy:
            return "", None       # one instruction at a time: the problem box says what to do
        if busy == "portrait" and note == "countdown" and total > 0:
            return self.tr("Keep still…"), total - done
        if busy == "portrait" and note == "captured":
            return self.tr("Taking your photo…"), None
        if analysis is not None and analysis.camera_ok:
            if analysis.mode == "portrait":
                if analysis.captured:
                    return self.tr("Taking your photo…"), None
                countdown = countdown_seconds(analysis.countdown) if analysis.all_passed else None
                return messages.guidance_text(analysis.instruction), countdown
            return messages.guidance_text(analysis.instruction), None
        if busy == "portrait":
            return self.tr("Taking your photo…"), None
        return self.tr("Look straight at the camera"), None

    def deactivate(self) -> None:
        super().deactivate()
        self._code_mode = False

    def forget(self) -> None:
        for picture in self.candidates:
            picture.set_image(None)
        self.code_keypad.clear()
        self.camera_view.clear_frame()
