"""Contact and pick-up: mobile number, and where the new card goes (station or post).

Two pages of one state, so that each fits the screen even in large text: first the
phone keypad, with the pick-up choice beside it once the number is typed (one
instruction at a time); then, only for 'Deliver by post', the
address: the regions picked level by level from the official list, then the street line
typed on the keyboard of the country's script (pinyin for China, Telex for Viet Nam).
The number and the address are checked by the workflow on 'Continue'.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QBoxLayout, QButtonGroup, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.domain import admin_divisions
from kiosk.domain.country_rules import mobile_format, street_script
from kiosk.domain.postal_address import MIN_STREET, PostalAddress
from kiosk.workflow.states import State
from ui import messages
from ui.screens.base import ProblemBox, Screen, button_row, make_button, make_label, page_layout
from ui.theme import current_theme
from ui.widgets import ChoiceButton, NumericKeypad, Symbol
from ui.widgets.region_picker import DEFAULT_ROOM_PX, RegionPicker
from ui.widgets.script_keypad import ScriptKeypad

ADDRESS_PROBLEMS = frozenset({"address_missing"})


class ContactScreen(Screen):
    STATE = State.CONTACT

    def __init__(self, workflow: Any, parent: QWidget | None = None) -> None:
        super().__init__(workflow, parent)
        theme = current_theme()
        mobile = mobile_format(self.config.document.country)
        layout = page_layout(self)
        self.heading = make_label(self, "heading", "contact_heading")
        layout.addWidget(self.heading)
        body = QHBoxLayout()
        body.setSpacing(theme.margin_px * 2)
        layout.addLayout(body, 1)

        # Left: the keyboard of the page (one visible at a time: a hidden widget takes
        # no room, so each page is laid out for its own keyboard).
        self.phone_keypad = NumericKeypad(
            self, max_length=mobile.length, grouping=mobile.grouping, show_ok=False
        )
        self.phone_keypad.setObjectName("phone_keypad")
        self.phone_keypad.textChanged.connect(lambda _t: self._refresh_buttons())
        # The address: regions first, then the street line (one visible at a time).
        country = self.config.document.country
        try:
            self._tree: admin_divisions.DivisionTree | None = admin_divisions.for_country(country)
        except (admin_divisions.DivisionDataMissing, ValueError):
            self._tree = None   # no region data: the street line alone carries the address
        self.region_picker = RegionPicker(self)
        self.region_picker.setObjectName("address_regions")
        self.region_picker.set_tree(self._tree)
        self.region_picker.changed.connect(self._refresh_buttons)
        self.region_picker.completed.connect(lambda: self._show_address_stage("street"))
        self.region_picker.hide()
        self.address_keypad = ScriptKeypad(self, script=street_script(country))
        self.address_keypad.setObjectName("address_keypad")
        self.address_keypad.textChanged.connect(lambda _t: self._refresh_buttons())
        self.address_keypad.hide()
        # Beside the street keyboard (in the right column): the regions picked, to change.
        self.regions_label = make_label(self, "body")
        self.regions_label.setObjectName("address_regions_chosen")
        self.change_regions = make_button(self, "address_change_regions", "secondary",
                                          lambda: self._show_address_stage("regions"))
        self._address_stage = "regions" if self._tree is not None else "street"
        body.addWidget(self.phone_keypad, 4)
        body.addWidget(self.region_picker, 6)
        body.addWidget(self.address_keypad, 6)

        # Right: what the keyboard is for, the pick-up choice, problems, buttons.
        right = QVBoxLayout()
        right.setSpacing(theme.spacing_px)
        self.question = make_label(self, "heading", "contact_question")
        right.addWidget(self.question)
        self.explanation = make_label(self, "body", "contact_explanation")
        right.addWidget(self.explanation)
        right.addStretch(1)   # the choices low, within reach of a seated citizen
        right.addWidget(self.regions_label)
        right.addWidget(self.change_regions)
        self.pickup_label = make_label(self, "hint")
        right.addWidget(self.pickup_label)
        self.station = ChoiceButton(symbol=Symbol.STATION, parent=self)
        self.station.setObjectName("pickup_station")
        self.post = ChoiceButton(symbol=Symbol.POST, parent=self)
        self.post.setObjectName("pickup_post")
        self.pickup = QButtonGroup(self)
        self.pickup.setExclusive(True)
        for button in (self.station, self.post):
            button.setCheckable(True)
            self.pickup.addButton(button)
            right.addWidget(button)
        self.station.clicked.connect(lambda: self._picked("station"))
        self.post.clicked.connect(lambda: self._picked("post"))
        self.problem = ProblemBox(self)
        right.addWidget(self.problem)
        self.back = make_button(self, "contact_back", "secondary", self._back)
        self.continue_button = make_button(self, "contact_continue", "primary", self._continue)
        self.buttons = button_row(self, self.back, self.continue_button)
        right.addLayout(self.buttons)
        body.addLayout(right, 5)
        self._method = ""
        self._session_id: str | None = None
        self._last_problem: Any = None
        self.retranslate()

    # -- pages -----------------------------------------------------------------------------
    def on_address_page(self) -> bool:
        return self.phone_keypad.isHidden()

    def _set_page(self, address: bool) -> None:
        self.phone_keypad.setVisible(not address)
        regions = address and self._address_stage == "regions"
        if regions and self.region_picker.isHidden():
            self.region_picker.set_room(self._room_below_reach())
        self.region_picker.setVisible(regions)
        street = address and not regions
        self.address_keypad.setVisible(street)
        self.regions_label.setVisible(street and self._tree is not None)
        self.change_regions.setVisible(street and self._tree is not None)

    def _room_below_reach(self) -> int:
        """Height from the reach line (a third of the window down) to the bottom of the
        page, measured before the picker shows: its rows a page follow from it."""
        window = self.window()
        theme = current_theme()
        if window is self or window.height() <= 0 or not self.isVisible():
            return DEFAULT_ROOM_PX
        bottom = self.mapTo(window, QPoint(0, self.height())).y() - theme.spacing_px
        return bottom - math.ceil(window.height() / 3)

    def _show_address_stage(self, stage: str) -> None:
        self._address_stage = stage if self._tree is not None else "street"
        self._show_page(address=True)

    def _address(self) -> PostalAddress | None:
        if self._tree is None:
            return None
        return PostalAddress(self.config.document.country, self.region_picker.path(), self.address_keypad.text())

    def _show_page(self, address: bool) -> None:
        self._set_page(address)
        self.update_from(self.workflow)

    # -- taps ------------------------------------------------------------------------------
    def _picked(self, method: str) -> None:
        self._method = method
        self._refresh_buttons()

    def _back(self) -> None:
        if self.on_address_page() and self._address_stage == "street" and self._tree is not None:
            self._show_address_stage("regions")
        elif self.on_address_page():
            self._show_page(address=False)
        else:
            self.act(self.workflow.back)

    def _continue(self) -> None:
        if self._method == "post" and not self.on_address_page():
            self._address_stage = "street" if self.region_picker.is_complete() or self._tree is None else "regions"
            self._show_page(address=True)
            return
        if self._method == "post" and self._address_stage == "regions":
            self._show_address_stage("street")
            return
        phone = self.phone_keypad.text()
        if self._method != "post":
            self.act(lambda: self.workflow.set_contact(phone, self._method))
            return
        street = self.address_keypad.finish()
        address = self._address()
        self.act(lambda: self.workflow.set_contact(phone, self._method, street, address=address))

    # -- drawing ---------------------------------------------------------------------------
    def translate(self) -> None:
        self.pickup_label.setText(self.tr("How do you want to get your new card?"))
        self.station.set_texts(messages.pickup_name("station"), self.tr("Come back here with your receipt."))
        self.post.set_texts(messages.pickup_name("post"), self.tr("We send the card to your address."))
        self.back.setText(self.tr("Back"))
        self.continue_button.setText(self.tr("Continue"))

    def _refresh_buttons(self) -> None:
        phone_ok = len(self.phone_keypad.text()) == self.phone_keypad.max_length()
        # One instruction at a time (issue 15): the pick-up question comes once the number
        # is typed (or a way was chosen before, back from the review).
        pickup = not self.on_address_page() and (phone_ok or bool(self._method))
        for widget in (self.pickup_label, self.station, self.post):
            widget.setVisible(pickup)
        if self.on_address_page() and self._address_stage == "regions":
            self.continue_button.setEnabled(self.region_picker.is_complete())
        elif self.on_address_page():
            street_ok = len(self.address_keypad.text().strip()) >= MIN_STREET
            self.continue_button.setEnabled(street_ok and (self._tree is None or self.region_picker.is_complete()))
        else:
            self.continue_button.setEnabled(phone_ok and bool(self._method))

    def update_from(self, workflow: Any) -> None:
        s = workflow.session
        if s.session_id != self._session_id:
            # A new visit (a new citizen, or back from review): start from the session.
            self._session_id = s.session_id
            self.phone_keypad.setText(s.phone)
            parts = s.postal_address_parts
            self.region_picker.set_path(parts.regions if parts is not None else ())
            self.address_keypad.setText(parts.street if parts is not None else "")
            self._address_stage = "street" if self.region_picker.is_complete() or self._tree is None else "regions"
            self._method = s.pickup_method
            self.pickup.setExclusive(False)
            self.station.setChecked(self._method == "station")
            self.post.setChecked(self._method == "post")
            self.pickup.setExclusive(True)
            self._set_page(address=False)
        problem = s.problem
        if problem is not None and problem is not self._last_problem:
            # A new problem: show the page where it can be fixed.
            self._set_page(address=problem.code in ADDRESS_PROBLEMS)
        self._last_problem = problem
        address = self.on_address_page()
        # The address keyboard needs the whole height: its question moves beside it.
        self.heading.setVisible(not address)
        self.question.setVisible(address)
        if address:
            self.question.setText(self.tr("Where should we send your card?"))
            if self._address_stage == "regions":
                self.explanation.setText(self.tr("Tap your region in the list, one level after the other."))
            else:
                self.explanation.setText(
                    self.tr("Type the street, the house number and the building.") + "\n" + self.address_keypad.hint()
                )
            self.regions_label.setText(
                PostalAddress(self.config.document.country, self.region_picker.path(), "").one_line()
            )
            self.change_regions.setText(self.tr("Change"))
        else:
            self.heading.setText(self.tr("Your mobile phone number"))
            self.explanation.setText(self.tr("We send a text message to your mobile phone when your new card is ready."))
        # Beside the wide address keyboard the column is narrow: buttons one above the other.
        self.buttons.setDirection(QBoxLayout.Direction.TopToBottom if address else QBoxLayout.Direction.LeftToRight)
        for b in (self.back, self.continue_button):
            b.setSizePolicy(
                QSizePolicy.Policy.Expanding if address else QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed
            )
        country = self.config.document.country
        self.problem.show_problem(messages.problem_text(problem, country) if problem is not None else None)
        self.back.setVisible(address or not s.editing_from_review)
        self._refresh_buttons()

    def deactivate(self) -> None:
        super().deactivate()
        self._session_id = None  # the next visit reloads from the session

    def forget(self) -> None:
        self.phone_keypad.clear()
        self.address_keypad.clear()
        self.region_picker.set_path(())
        self._method = ""
        self._session_id = None
