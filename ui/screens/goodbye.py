"""Thank you, what happened, and the promise that the data is gone from this machine."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from kiosk.workflow.states import State
from ui import messages
from ui.screens.base import Screen, button_row, make_button, make_label, page_layout
from ui.screens.illustrations import CardOnReader


class GoodbyeScreen(Screen):
    STATE = State.GOODBYE

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        layout = page_layout(self)
        layout.addStretch(2)
        self.title = make_label(self, "title", "goodbye_title", center=True)
        layout.addWidget(self.title)
        self.outcome = make_label(self, "heading", "goodbye_outcome", center=True)
        layout.addWidget(self.outcome)
        self.wiped = make_label(self, "body", "goodbye_wiped", center=True)
        layout.addWidget(self.wiped)
        # While the citizen's card is still on the reader: the one thing to do now.
        self.take_card = make_label(self, "title", "goodbye_take_card", center=True)
        self.take_card_picture = CardOnReader(self, taking=True)
        self.take_card_picture.setMinimumHeight(320)
        layout.addWidget(self.take_card)
        layout.addWidget(self.take_card_picture, 1)
        layout.addStretch(1)
        self.auto = make_label(self, "hint", "goodbye_auto", center=True)
        layout.addWidget(self.auto)
        self.done = make_button(self, "goodbye_done", "secondary", lambda: self.act(self.workflow.restart))
        layout.addLayout(button_row(self, self.done, center=True))
        layout.addStretch(2)
        self._shown_at = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._count)
        self.retranslate()

    def activate(self) -> None:
        super().activate()
        self._shown_at = time.monotonic()
        self._timer.start()
        self._count()

    def deactivate(self) -> None:
        super().deactivate()
        self._timer.stop()

    def _count(self) -> None:
        left = max(0, round(self.workflow.goodbye_seconds - (time.monotonic() - self._shown_at)))
        self.auto.setText(self.tr("This screen closes by itself in {seconds} s.").format(seconds=left))
        # Held open while the card is on the reader: no countdown to promise then.
        self.auto.setVisible(not self.workflow.card_left_on_reader)

    def translate(self) -> None:
        self.take_card.setText(self.tr("Please take your ID card from the reader."))
        self.title.setText(self.tr("Thank you"))
        self.wiped.setText(self.tr("Your data has been deleted from this machine."))
        self.done.setText(self.tr("Close"))
        self._count()

    def update_from(self, workflow: Any) -> None:
        self.outcome.setText(messages.outcome_text(workflow.last_outcome))
        card_left = bool(workflow.card_left_on_reader)
        self.take_card.setVisible(card_left)
        self.take_card_picture.setVisible(card_left)
        self.outcome.setVisible(not card_left)   # one message at a time for a hurried citizen
        self._count()
