"""Who is applying: the card on the reader (chip), or the ID number typed on a keypad.

Chip mode shows a drawing of the card on the reader and, while the chip is read, how
far the reading is (in kilobytes: a portrait is most of it). Keypad mode shows one slot
per character of the number, grouped as printed on the card; the number is checked by
the workflow, and a wrong number gets a message that says which check failed (for a
wrong check character: which one it should probably be). Access-key mode (a locked
chip) shows `AccessKeyPanel` instead of both. Beside the keypad, the citizen may show a
code to the camera: their card's QR (it fills the number) or their e-ID app's code
(the office verifies it; the screen shows the wait, never whose code it is).
"""

from __future__ import annotations

from typing import Any

import math

from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.domain.country_rules import id_number_format
from kiosk.workflow.states import IdentifyMode, State
from ui import messages
from ui.screens.access_key import AccessKeyPanel
from ui.screens.base import ProblemBox, Screen, make_button, make_label, page_layout
from ui.screens.code_scan import CodeScanView
from ui.screens.illustrations import CardOnReader
from ui.theme import current_theme
from ui.widgets import BusyPanel, NumericKeypad

class IdentifyScreen(Screen):
    STATE = State.IDENTIFY

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        theme = current_theme()
        self._id_format = id_format = id_number_format(self.config.document.country)
        layout = page_layout(self)
        self.heading = make_label(self, "heading", "identify_heading")
        layout.addWidget(self.heading)

        # Chip and keypad modes share one body; access-key mode has a panel of its own
        # (one of the two is hidden, and a hidden widget takes no room).
        self.chip_page = QWidget(self)
        self.chip_page.setObjectName("identify_chip_page")
        body = QHBoxLayout(self.chip_page)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(theme.margin_px * 2)
        layout.addWidget(self.chip_page, 1)
        self.access = AccessKeyPanel(
            workflow, self, on_back=lambda: self.act(self.workflow.back), on_keypad=self._use_keypad, act=self.act,
            on_scan=self._scan,
        )
        self.access.hide()
        self.access.pageChanged.connect(self._access_page_changed)
        layout.addWidget(self.access, 1)

        # Left: what to do, problems, and the buttons.
        left = QVBoxLayout()
        left.setSpacing(theme.spacing_px)
        self.instruction = make_label(self, "body", "identify_instruction")
        left.addWidget(self.instruction)
        self.problem = ProblemBox(self)
        left.addWidget(self.problem)
        left.addStretch(1)
        self.retry_button = make_button(self, "identify_retry", "primary", self._retry)
        self.keypad_button = make_button(self, "identify_use_keypad", "secondary", self._use_keypad)
        self.chip_button = make_button(self, "identify_use_chip", "secondary", self._use_chip)
        self.continue_button = make_button(self, "identify_continue", "primary", self._submit)
        self.back_button = make_button(self, "identify_back", "secondary", lambda: self.act(self.workflow.back))
        self.scan_button = make_button(self, "identify_scan_card", "secondary", self._scan)
        self.scan_stop_button = make_button(self, "identify_scan_stop", "secondary", self._stop_scan)
        self.eid_button = make_button(self, "identify_scan_eid", "secondary", self._scan_eid)
        # The main action (continue / try again), then the other ways on, smaller.
        for b in (self.continue_button, self.retry_button, self.keypad_button, self.chip_button,
                  self.scan_button, self.scan_stop_button):
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        left.addWidget(self.continue_button)
        left.addWidget(self.retry_button)
        left.addWidget(self.keypad_button)
        left.addWidget(self.scan_button)
        left.addWidget(self.scan_stop_button)
        row = QHBoxLayout()
        row.setSpacing(theme.spacing_px * 2)
        row.addWidget(self.back_button)
        row.addStretch(1)
        self.chip_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        row.addWidget(self.chip_button)
        # The e-ID app is for a citizen without a card: it sits where the card reader's
        # button would (the two never show together), so the column gains no row.
        self.eid_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        row.addWidget(self.eid_button)
        left.addLayout(row)
        body.addLayout(left, 6)

        # Right: the busy panel (chip read, look-up) or the keypad.
        right = QVBoxLayout()
        self.illustration = CardOnReader(self)
        right.addWidget(self.illustration, 1)
        self.busy = BusyPanel(self)
        self.busy.setObjectName("identify_busy")
        right.addWidget(self.busy, 0)
        self.keypad = NumericKeypad(
            self, max_length=id_format.length, grouping=id_format.grouping, allow_x=id_format.check_letter,
            show_ok=False,
        )
        self.keypad.setObjectName("id_keypad")
        self.keypad.textChanged.connect(self._typed)
        right.addWidget(self.keypad, 1)
        self.scan_view = CodeScanView(workflow, self, name="identify_scan")
        self.scan_view.hide()
        right.addWidget(self.scan_view, 1)
        body.addLayout(right, 5)
        self._mode: IdentifyMode | None = None
        self._scanned = ""          # the number last filled from the card's QR code
        self.retranslate()

    # -- taps ------------------------------------------------------------------------------
    def _retry(self) -> None:
        self.act(self.workflow.retry_card)

    def _use_keypad(self) -> None:
        self.act(self.workflow.use_keypad)

    def _use_chip(self) -> None:
        self.act(self.workflow.use_chip)

    def _scan(self) -> None:
        self.act(self.workflow.scan_code)

    def _scan_eid(self) -> None:
        self.act(self.workflow.scan_eid_code)

    def _stop_scan(self) -> None:
        self.act(self.workflow.stop_scanning)

    def _submit(self) -> None:
        self.act(lambda: self.workflow.submit_id_number(self.keypad.text()))

    def _access_page_changed(self) -> None:
        if self._mode is IdentifyMode.ACCESS_KEY:
            self.heading.setText(self.access.heading())

    def _typed(self, text: str) -> None:
        self.continue_button.setEnabled(len(text) == self.keypad.max_length() and not self.workflow.busy)

    # -- drawing ---------------------------------------------------------------------------
    def translate(self) -> None:
        self.retry_button.setText(self.tr("Try again"))
        self.keypad_button.setText(self.tr("Type your ID number instead"))
        self.chip_button.setText(self.tr("Use the card reader instead"))
        self.continue_button.setText(self.tr("Continue"))
        self.back_button.setText(self.tr("Back"))
        self.scan_button.setText(self.tr("Scan the QR code on your card"))
        self.scan_stop_button.setText(self.tr("Type the number instead"))
        self.eid_button.setText(self.tr("Use your e-ID app"))

    def reading_message(self, done: int, total: int, note: str) -> str:
        """'Reading the chip… 12 KB of 18 KB' while the core counts bytes (a number and
        its unit never break apart), else 'Reading your card… Do not move it.'."""
        if note == "bytes" and total > 0:
            total_kb = max(1, math.ceil(total / 1024))
            done_kb = total_kb if done >= total else min(total_kb, done // 1024)
            return self.tr("Reading the chip… {done} of {total}").format(
                done=f"{done_kb}\u00a0KB", total=f"{total_kb}\u00a0KB"
            )
        return self.tr("Reading your card… Do not move it.")

    def update_from(self, workflow: Any) -> None:
        s = workflow.session
        mode = s.identify_mode or IdentifyMode.CHIP
        if mode is not self._mode:
            if mode is IdentifyMode.KEYPAD:
                self.keypad.clear()
            self._mode = mode
        problem = s.problem
        busy = bool(workflow.busy)
        scanning = workflow.busy == "scan_code"
        scanned = workflow.scanned_id_number
        if scanned and scanned != self._scanned:
            self._scanned = scanned
            self.keypad.setText(scanned)      # shown for the citizen to check, then Continue
        done, total, note = workflow.progress
        country = self.config.document.country
        chip = mode is IdentifyMode.CHIP

        access = mode is IdentifyMode.ACCESS_KEY and not scanning   # the camera view shows while scanning
        self.chip_page.setVisible(not access)
        self.access.setVisible(access)
        if access:
            self.access.update_from(workflow)
            self.heading.setText(self.access.heading())
            return

        if chip and busy and total > 0:
            self.heading.setText(self.tr("Place your card on the reader"))
            self.instruction.setText(self.tr("Do not move your card until it is read."))
        elif chip:
            self.heading.setText(self.tr("Place your card on the reader"))
            self.instruction.setText(
                self.tr("Lay your ID card flat on the reader below the screen and leave it there until we say it is read.")
            )
        else:
            self.heading.setText(self.tr("Type your ID number"))
            if self._id_format.check_letter:
                text = self.tr("Type the {length} characters of your ID number. The last one can be the letter X.")
            else:
                text = self.tr("Type the {length} digits of your personal ID number.")
            self.instruction.setText(text.format(length=self._id_format.length))
        self.illustration.setVisible(chip)
        self.illustration.set_taking(chip and busy and note == "remove_card")
        self.keypad.setVisible(not chip and not busy)
        self.scan_view.setVisible(scanning)
        eid = workflow.scanning_for == "eid" or workflow.busy == "verify_eid"
        if eid:
            self.heading.setText(self.tr("Show the code of your e-ID app"))
            self.instruction.setText(self.tr(
                "Open your e-ID app, show its verification code and hold your phone towards the camera, "
                "with the code inside the frame."
            ))
        if scanning and not eid:
            self.heading.setText(self.tr("Show the QR code on your card"))
            self.instruction.setText(self.tr(
                "Hold the front of your card towards the camera, with the QR code inside the frame."
            ))
        if scanning:
            self.scan_view.start()
        else:
            self.scan_view.stop()

        self.busy.setVisible((busy and not scanning) or chip)
        if busy and chip and total > 0:
            self.busy.set_message(self.reading_message(done, total, note))
            self.busy.set_progress(done, total, percentage=note != "bytes")  # the message counts
        elif busy and chip and note == "remove_card":
            self.heading.setText(self.tr("Take the card off the reader first"))
            self.instruction.setText(self.tr(
                "A card is still lying on the reader from before. Take it off, then place your own card."
            ))
            self.busy.set_message(self.tr("Waiting for the reader to be empty…"))
            self.busy.set_busy()
        elif busy and chip:
            self.busy.set_message(self.tr("Waiting for your card…"))
            self.busy.set_busy()
        elif eid:
            self.busy.set_message(self.tr("Checking your code with the ID office…"))
            self.busy.set_busy()
        elif busy:
            self.busy.set_message(self.tr("Checking your ID number…"))
            self.busy.set_busy()
        else:
            self.busy.set_message(self.tr("The reader is waiting."))
            self.busy.set_busy()
            self.busy.setVisible(chip and problem is None)

        self.problem.show_problem(
            messages.problem_text(problem, country, self.keypad.text()) if problem is not None else None
        )
        self.retry_button.setVisible(chip and not busy)
        self.keypad_button.setVisible(chip and workflow.may_type_number)
        self.chip_button.setVisible(not chip and workflow.may_use_chip and not busy)
        self.continue_button.setVisible(not chip and not scanning)
        self.continue_button.setEnabled(len(self.keypad.text()) == self.keypad.max_length() and not busy)
        self.back_button.setEnabled(not (busy and not chip) or scanning)
        self.scan_button.setVisible(not chip and not busy and workflow.may_scan_card_code)
        self.scan_stop_button.setVisible(scanning)
        self.eid_button.setVisible(not chip and not busy and workflow.may_scan_eid)

    def deactivate(self) -> None:
        super().deactivate()
        self.scan_view.stop()
        self._mode = None  # a new visit starts with an empty keypad
        self.access.reset()

    def forget(self) -> None:
        self.keypad.clear()
        self.access.reset()
        self._mode = None
        self._scanned = ""
