"""'Is this you?' and whether this citizen may renew here today.

The citizen sees whom we found (name, masked ID number, the photo from the chip or the
office), so a card picked up by mistake is caught here: for a chip before anything else
happens, for a typed number only after the face matched the office's photo (before
that the workflow holds nothing a screen could show). A refusal says why in plain words
and what to do instead.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.workflow.states import State
from ui import messages
from ui.screens.base import PictureLabel, Screen, button_row, make_button, make_label, page_layout, unspoken
from ui.theme import current_theme, set_role


class EligibilityScreen(Screen):
    STATE = State.ELIGIBILITY

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        theme = current_theme()
        layout = page_layout(self)
        self.heading = make_label(self, "heading", "eligibility_heading")
        layout.addWidget(self.heading)

        body = QHBoxLayout()
        body.setSpacing(theme.margin_px * 2)
        self.photo = PictureLabel(self, 300, 370)
        self.photo.setObjectName("eligibility_photo")
        body.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)

        right = QVBoxLayout()
        right.setSpacing(theme.spacing_px)
        self.name = unspoken(make_label(self, "heading", "eligibility_name"))
        right.addWidget(self.name)
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(theme.margin_px)
        self.form.setVerticalSpacing(theme.spacing_px)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.labels: dict[str, Any] = {}
        self.values: dict[str, Any] = {}
        for key in ("id_number", "card_expiry", "validity", "fee"):
            label = make_label(self, "hint")
            value = unspoken(make_label(self, "body", f"eligibility_{key}"))
            self.labels[key], self.values[key] = label, value
            self.form.addRow(label, value)
        right.addLayout(self.form)
        self.verdict = make_label(self, "heading", "eligibility_verdict")
        right.addWidget(self.verdict)
        self.advice = make_label(self, "body", "eligibility_advice")
        right.addWidget(self.advice)
        right.addStretch(1)
        body.addLayout(right, 1)
        layout.addLayout(body, 1)

        self.not_me = make_button(self, "eligibility_not_me", "secondary", lambda: self.act(self.workflow.back))
        self.proceed = make_button(self, "eligibility_continue", "primary", lambda: self.act(self.workflow.proceed))
        self.finish = make_button(self, "eligibility_finish", "primary", lambda: self.act(self.workflow.finish))
        layout.addLayout(button_row(self, self.not_me, self.proceed, self.finish))
        self.retranslate()

    def translate(self) -> None:
        self.heading.setText(self.tr("Is this you?"))
        self.labels["id_number"].setText(self.tr("ID number"))
        self.labels["card_expiry"].setText(self.tr("Your card expires"))
        self.labels["validity"].setText(self.tr("New card valid for"))
        self.labels["fee"].setText(self.tr("Fee"))
        self.not_me.setText(self.tr("This is not me"))
        self.proceed.setText(self.tr("Yes, continue"))
        self.finish.setText(self.tr("Finish"))

    def _row(self, key: str, value: str) -> None:
        self.values[key].setText(value)
        self.form.setRowVisible(self.values[key], bool(value))

    def update_from(self, workflow: Any) -> None:
        s = workflow.session
        ident = s.identity
        self.name.setText(ident.display_name if ident else "")
        self.photo.set_image(ident.reference_photo if ident else None)
        self.photo.setVisible(self.photo.has_image())
        eligible = bool(s.eligibility and s.eligibility.eligible)
        self._row("id_number", messages.mask_id_number(ident.id_number) if ident else "")
        expiry = ident.card_expiry if ident else None
        self._row("card_expiry", messages.format_date(expiry))
        self._row("validity", messages.validity_text(s.validity) if eligible else "")
        fee = messages.fee_text(s.fee.amount, s.fee.currency, s.language) if (s.fee and eligible) else ""
        self._row("fee", fee)

        if s.eligibility is None:
            self.verdict.setText("")
            self.advice.setText("")
        elif eligible:
            if s.eligibility.expired:
                self.verdict.setText(self.tr("Your card has expired. You can renew it now."))
            else:
                self.verdict.setText(self.tr("You can apply for your new card here."))
            if workflow.face_confirmed:
                self.advice.setText(self.tr("Next, the camera takes your new photo."))
            else:
                self.advice.setText(self.tr("Next, the camera checks that it is you and takes your new photo."))
        else:
            text = messages.eligibility_text(s.eligibility, self.config.rules.min_age_self_service)
            self.verdict.setText(text.message)
            self.advice.setText(text.next_step)
        set_role(self.verdict, "heading" if eligible or s.eligibility is None else "error")
        self.proceed.setVisible(eligible)
        self.finish.setVisible(not eligible and s.eligibility is not None)

    def forget(self) -> None:
        self.name.clear()
        self.verdict.clear()      # a refusal's text carries a date derived from the card
        self.advice.clear()
        self.photo.set_image(None)
        for value in self.values.values():
            value.clear()
