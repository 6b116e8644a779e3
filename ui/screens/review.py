"""Everything on one screen, each part changeable, then the signature.

The citizen checks what will be sent (nothing is sent before 'Submit application') and
signs with a finger. The consent was asked before the camera was used (the consent
screen); the review says that it was given.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.country_rules import mobile_format
from kiosk.workflow.states import State
from ui import messages
from ui.screens.base import (
    FitLabel,
    PictureLabel,
    ProblemBox,
    Screen,
    button_row,
    column_widget,
    make_button,
    make_label,
    page_layout,
    unspoken,
)
from ui.theme import current_theme
from ui.widgets import SignaturePad, group_digits

THUMBNAIL = (179, 220)  # half the card portrait


class ReviewScreen(Screen):
    STATE = State.REVIEW

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        theme = current_theme()
        self._grouping = mobile_format(self.config.document.country).grouping
        layout = page_layout(self)
        self.heading = make_label(self, "heading", "review_heading")
        layout.addWidget(self.heading)
        body = QHBoxLayout()
        body.setSpacing(theme.margin_px * 2)
        layout.addLayout(body, 1)

        # Left: what will be sent (box layouts: they give wrapped values their height).
        left = QVBoxLayout()
        left.setSpacing(theme.spacing_px)
        facts = QHBoxLayout()
        facts.setSpacing(theme.margin_px)
        self.photo = PictureLabel(self, *THUMBNAIL)
        self.photo.setObjectName("review_photo")
        facts.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(theme.margin_px)
        self.form.setVerticalSpacing(max(4, theme.spacing_px // 2))
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key in ("name", "id_number", "case", "phone", "pickup", "address", "fee"):
            label = make_label(self, "hint")
            if key in ("id_number", "phone"):
                # One unbreakable group of digits: shrinks a little rather than clip.
                value: QLabel = FitLabel(self, theme.body_px, theme.hint_px * 3 // 4, theme.palette.text)
                value.setObjectName(f"review_{key}")
            else:
                value = make_label(self, "body", f"review_{key}")
                value.setStyleSheet("font-weight: 600;")
            unspoken(value)
            self.labels[key], self.values[key] = label, value
            self.form.addRow(label, value)
        facts.addLayout(self.form, 1)
        left.addLayout(facts)
        self.change_photo = make_button(self, "review_change_portrait", "secondary", lambda: self._edit("portrait"))
        self.change_contact = make_button(self, "review_change_contact", "secondary", lambda: self._edit("contact"))
        # What the citizen touches sits low, within reach of a seated citizen (the top
        # third of a standing kiosk is out of reach from a wheelchair): the facts to read
        # on top, the consent given below them, every button on the right under the pad.
        left.addStretch(1)
        self.consent = make_label(self, "body", "review_consent_given")
        left.addWidget(self.consent)
        # Large text needs the right column wider: two buttons side by side in each row.
        body.addWidget(column_widget(self, left), 10 if theme.large_text else 11)

        # Right: signature and submit, at the bottom; the pad as tall as a signature needs.
        right = QVBoxLayout()
        right.setSpacing(theme.spacing_px)
        right.addStretch(1)
        changes = button_row(self, self.change_photo, self.change_contact, stretch_first=False)
        changes.setSpacing(theme.spacing_px)   # the theme's gap: both fit side by side in large text
        right.addLayout(changes)
        self.pad = SignaturePad(self)
        self.pad.setObjectName("review_signature")
        self.pad.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # A signature needs no more room in large text: the same height, so the pad stays
        # below the top third of the screen.
        self.pad.setFixedHeight(round(theme.touch_px / theme.scale * 3.75))
        self.pad.changed.connect(self._signed)
        right.addWidget(self.pad)
        self.problem = ProblemBox(self)
        right.addWidget(self.problem)
        self.clear_pad = make_button(self, "review_clear_signature", "secondary", self.pad.clear)
        self.submit = make_button(self, "review_submit", "primary", self._submit)
        finish = button_row(self, self.clear_pad, self.submit, stretch_first=False)
        self.submit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        finish.setStretch(1, 1)
        right.addLayout(finish)
        body.addWidget(column_widget(self, right), 10 if theme.large_text else 9)
        self.retranslate()

    # -- taps ------------------------------------------------------------------------------
    def _edit(self, section: str) -> None:
        self.act(lambda: self.workflow.edit(section))

    def _signed(self) -> None:
        self.workflow.sign(self.pad.to_png() if self.pad.is_signed() else b"")   # notifies

    def _submit(self) -> None:
        self.act(self.workflow.submit)

    def _refresh_submit(self) -> None:
        self.clear_pad.setEnabled(not self.pad.is_empty())
        self.submit.setEnabled(bool(self.workflow.may_submit))

    # -- drawing ---------------------------------------------------------------------------
    def translate(self) -> None:
        self.heading.setText(self.tr("Please check your application"))
        for key, text in (
            ("name", self.tr("Name")),
            ("id_number", self.tr("ID number")),
            ("case", self.tr("Service")),
            ("phone", self.tr("Mobile phone")),
            ("pickup", self.tr("Pick-up")),
            ("address", self.tr("Address")),
            ("fee", self.tr("Fee")),
        ):
            self.labels[key].setText(text)
        self.change_photo.setText(self.tr("Change photo"))
        self.change_contact.setText(self.tr("Change contact"))
        self.clear_pad.setText(self.tr("Sign again"))
        self.submit.setText(self.tr("Submit application"))

    def _value(self, key: str, text: str) -> None:
        self.values[key].setText(text)
        self.form.setRowVisible(self.values[key], bool(text))

    def update_from(self, workflow: Any) -> None:
        s = workflow.session
        ident = s.identity
        self._value("name", ident.display_name if ident else "")
        self._value("id_number", messages.mask_id_number(ident.id_number) if ident else "")
        self._value("case", messages.case_name(s.case) if s.case else "")
        self._value("phone", group_digits(s.phone, self._grouping) if s.phone else "")
        self._value("pickup", messages.pickup_name(s.pickup_method))
        self._value("address", s.postal_address if s.pickup_method == "post" else "")
        self._value("fee", messages.fee_text(s.fee.amount, s.fee.currency, s.language) if s.fee else "")
        self.photo.set_image(s.portrait.jpeg if s.portrait else None)
        self.consent.setText(
            self.tr("You agreed that your data and photo are used only to make your new ID card.")
            if s.consent else "")
        problem = s.problem
        self.problem.show_problem(messages.problem_text(problem) if problem is not None else None)
        self._refresh_submit()

    def forget(self) -> None:
        self.pad.clear()
        self.photo.set_image(None)
        for value in self.values.values():
            value.clear()
        self.consent.clear()
