"""The locked chip: the citizen types what opens it, read off their own card.

An eMRTD chip opens only for a reader that proves it has seen the card: the six-digit
card access number (CAN) printed on the front, or three fields of the machine-readable
lines on the back (document number, date of birth, expiry date). The workflow asks for
them with `IdentifyMode.ACCESS_KEY`; this panel is the identify screen's body then.

Two steps, each of which fits the screen in large text too (a 10-column letter keyboard
leaves little room beside it):

1. *Choose*: two big pictures of the card, front and back, with the place marked;
   tapping one chooses what to type.
2. *Type*: the drawing of the chosen side with the field being typed marked, what to
   type and how, and the keypad. The three fields of the back come one after another
   ('Next'), each with its own mark (1, 2, 3) on the drawing. 'Continue' hands the key
   to the workflow, which reads the chip again.

After a refused key the panel goes back to the first field of the chosen side with the
typed values kept, so the citizen compares each box with the card and fixes a typo
instead of typing everything again. Nothing here is logged: the key opens a person's
chip.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui import messages
from ui.screens.base import ProblemBox, button_row, column_widget, make_button, make_label
from ui.screens.illustrations import MRZ_FIELD_ORDER, CardAccessDrawing
from ui.theme import current_theme
from ui.widgets import ChoiceButton, NumericKeypad, TextKeypad
from ui.widgets.base import LanguageAware
from ui.widgets.text_keypad import CODE

CAN_LENGTH = 6
DOCUMENT_MAX = 9          # the TD1 document number field (ICAO 9303-5)
DOCUMENT_MIN = 2
DATE_LENGTH = 6           # YYMMDD
CHOOSE, CAN, MRZ = "choose", "can", "mrz"
ACCESS_PROBLEMS = frozenset({"access_key_wrong", "access_key_invalid"})

_DOCUMENT_PLACEHOLDER = QT_TRANSLATE_NOOP("TextKeypad", "Letters and digits, as on the card")


def plausible_yymmdd(text: str) -> bool:
    """Six digits whose month is 01-12 and day 01-31 (the chip judges the rest)."""
    if len(text) != DATE_LENGTH or not text.isdigit():
        return False
    month, day = int(text[2:4]), int(text[4:6])
    return 1 <= month <= 12 and 1 <= day <= 31


class _TappableDrawing(CardAccessDrawing):
    """A picture of one side of the card that taps its choice button when touched."""

    def __init__(self, parent: QWidget, button: QPushButton) -> None:
        super().__init__(parent)
        self._button = button

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._button.click()
        event.accept()


def _choice(parent: QWidget, name: str, side: str, highlight: str) -> tuple[ChoiceButton, CardAccessDrawing]:
    button = ChoiceButton(parent=parent)
    button.setObjectName(name)
    button.symbol_view.hide()          # the picture above is the symbol
    drawing = _TappableDrawing(parent, button)
    drawing.setObjectName(f"{name}_drawing")
    drawing.set_side(side, highlight)
    return button, drawing


class AccessKeyPanel(LanguageAware, QWidget):
    """The identify screen's body in `IdentifyMode.ACCESS_KEY`.

    `on_back` is called by 'Back' on the first step (the screen goes back a state) and
    `on_keypad` by 'Type your ID number instead' (offered for damaged cards).
    `pageChanged` tells the screen to redraw its heading.
    """

    pageChanged = Signal()  # noqa: N815 (Qt naming)

    def __init__(
        self,
        workflow: Any,
        parent: QWidget | None = None,
        *,
        on_back: Callable[[], None],
        on_keypad: Callable[[], None],
        act: Callable[[Callable[[], Any]], None],
        on_scan: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("access_key_panel")
        self.workflow = workflow
        self._act = act
        theme = current_theme()
        self._method = CHOOSE
        self._step = 0                 # index into MRZ_FIELD_ORDER on the back
        self._seen_problem: Any = None
        self._allow_keypad = False
        self._busy = False
        self._shown_page: tuple[str, int] | None = None
        self._allow_scan = False
        self._scanned: dict[str, str] = {}   # the fields last filled from the card's QR code

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.spacing_px)

        # -- step 1: choose ---------------------------------------------------------
        self.choose_page = QWidget(self)
        choose = QVBoxLayout(self.choose_page)
        choose.setContentsMargins(0, 0, 0, 0)
        choose.setSpacing(theme.spacing_px)
        self.choose_text = make_label(self.choose_page, "body", "access_choose_text")
        choose.addWidget(self.choose_text)
        self.choose_problem = ProblemBox(self.choose_page)
        choose.addWidget(self.choose_problem)
        # A grid, so both pictures get the same size whatever their captions' lengths.
        tiles = QGridLayout()
        tiles.setHorizontalSpacing(theme.margin_px * 2)
        tiles.setVerticalSpacing(theme.spacing_px)
        self.front_choice, self.front_drawing = _choice(self.choose_page, "access_choice_can", "front", "can")
        self.back_choice, self.back_drawing = _choice(self.choose_page, "access_choice_mrz", "back", "")
        self.front_choice.clicked.connect(lambda: self.choose(CAN))
        self.back_choice.clicked.connect(lambda: self.choose(MRZ))
        tiles.addWidget(self.front_drawing, 0, 0)
        tiles.addWidget(self.back_drawing, 0, 1)
        tiles.addWidget(self.front_choice, 1, 0)
        tiles.addWidget(self.back_choice, 1, 1)
        tiles.setRowStretch(0, 1)
        tiles.setColumnStretch(0, 1)
        tiles.setColumnStretch(1, 1)
        choose.addLayout(tiles, 1)
        self.choose_back = make_button(self.choose_page, "access_choose_back", "secondary", on_back)
        self.keypad_button = make_button(self.choose_page, "access_use_keypad", "secondary", on_keypad)
        self.scan_button = make_button(self.choose_page, "access_scan_card", "secondary", on_scan or (lambda: None))
        row = QHBoxLayout()
        row.setSpacing(theme.spacing_px * 2)
        row.addWidget(self.choose_back)
        row.addStretch(1)
        row.addWidget(self.scan_button)
        row.addWidget(self.keypad_button)
        choose.addLayout(row)
        layout.addWidget(self.choose_page, 1)

        # -- step 2: type -------------------------------------------------------------
        self.entry_page = QWidget(self)
        entry = QHBoxLayout(self.entry_page)
        entry.setContentsMargins(0, 0, 0, 0)
        entry.setSpacing(theme.margin_px * 2)
        left = QVBoxLayout()
        # In large text, below the "Step N of M" strip, the words, the drawing and a
        # refused key's three lines need the whole height: the keypads' gap between them.
        left.setSpacing(theme.spacing_px // 2 if theme.large_text else theme.spacing_px)
        self.step_label = make_label(self.entry_page, "hint", "access_step")
        left.addWidget(self.step_label)
        self.field_text = make_label(self.entry_page, "body", "access_field_text")
        left.addWidget(self.field_text)
        self.drawing = CardAccessDrawing(self.entry_page)
        self.drawing.set_zoom(True)
        left.addWidget(self.drawing, 1)
        self.field_error = make_label(self.entry_page, "error", "access_field_error")
        left.addWidget(self.field_error)
        self.entry_problem = ProblemBox(self.entry_page)
        left.addWidget(self.entry_problem)
        entry.addWidget(column_widget(self.entry_page, left), 5)

        right = QVBoxLayout()
        right.setSpacing(theme.spacing_px)
        self.can_keypad = NumericKeypad(self.entry_page, max_length=CAN_LENGTH, grouping=(CAN_LENGTH,), show_ok=False)
        self.can_keypad.setObjectName("access_can_keypad")
        self.document_keypad = TextKeypad(
            self.entry_page, max_length=DOCUMENT_MAX, show_ok=False, layout=CODE, display_lines=1
        )
        self.document_keypad.setObjectName("access_document_keypad")
        self.document_keypad.set_placeholder(_DOCUMENT_PLACEHOLDER)
        self.birth_keypad = NumericKeypad(self.entry_page, max_length=DATE_LENGTH, grouping=(2, 2, 2), show_ok=False)
        self.birth_keypad.setObjectName("access_birth_keypad")
        self.expiry_keypad = NumericKeypad(self.entry_page, max_length=DATE_LENGTH, grouping=(2, 2, 2), show_ok=False)
        self.expiry_keypad.setObjectName("access_expiry_keypad")
        self.field_keypads: dict[str, QWidget] = {
            "document": self.document_keypad,
            "birth": self.birth_keypad,
            "expiry": self.expiry_keypad,
        }
        for keypad in (self.can_keypad, *self.field_keypads.values()):
            keypad.textChanged.connect(lambda _text: self._refresh())
            right.addWidget(keypad, 1)
        self.birth_keypad.textChanged.connect(lambda text: self._advance_if_complete("birth", text))
        # The way on sits under the keys (the left column needs its height for the words).
        self.entry_back = make_button(self.entry_page, "access_back", "secondary", self.go_back)
        self.continue_button = make_button(self.entry_page, "access_continue", "primary", self.go_on)
        right.addLayout(button_row(self.entry_page, self.entry_back, self.continue_button))
        entry.addLayout(right, 6)
        layout.addWidget(self.entry_page, 1)
        self.retranslate()
        self._refresh()

    # -- what is typed -----------------------------------------------------------------------
    def method(self) -> str:
        return self._method

    def field(self) -> str:
        """The field being typed: "can", "document", "birth" or "expiry" ("" when choosing)."""
        if self._method == CAN:
            return "can"
        if self._method == MRZ:
            return MRZ_FIELD_ORDER[self._step]
        return ""

    def _field_ok(self, name: str) -> bool:
        if name == "can":
            text = self.can_keypad.text()
            return len(text) == CAN_LENGTH
        if name == "document":
            return len(self.document_keypad.text()) >= DOCUMENT_MIN
        if name in ("birth", "expiry"):
            return plausible_yymmdd(self.field_keypads[name].text())
        return False

    def _current_ok(self) -> bool:
        return self._field_ok(self.field())

    # -- taps ----------------------------------------------------------------------------------
    def choose(self, method: str) -> None:
        self._method = method
        self._step = 0
        self._refresh()

    def go_back(self) -> None:
        if self._method == MRZ and self._step > 0:
            self._step -= 1
        else:
            self._method = CHOOSE
        self._refresh()

    def go_on(self) -> None:
        if not self._current_ok() or self._busy:
            return
        if self._method == MRZ and self._step < len(MRZ_FIELD_ORDER) - 1:
            self._step += 1
            self._refresh()
            return
        self.submit()

    def submit(self) -> None:
        wf = self.workflow
        if self._method == CAN:
            can = self.can_keypad.text()
            self._act(lambda: wf.provide_access_key(can=can))
        elif self._method == MRZ:
            document = self.document_keypad.text()
            birth, expiry = self.birth_keypad.text(), self.expiry_keypad.text()
            self._act(lambda: wf.provide_access_key(document_number=document, birth=birth, expiry=expiry))

    def _advance_if_complete(self, name: str, text: str) -> None:
        """A complete, plausible birth date moves on to the expiry date by itself (the
        document number has no fixed length, so it waits for 'Next')."""
        if self.field() == name and plausible_yymmdd(text) and not self.expiry_keypad.text():
            self._step += 1
            self._refresh()

    # -- drawing -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.choose_text.setText(
            self.tr("The chip of your card is locked. It opens with details printed on the card. "
                    "Choose what you want to type, and leave the card on the reader.")
        )
        self.front_choice.set_texts(
            self.tr("Number on the front (6 digits)"), self.tr("The card access number, as marked in the picture")
        )
        self.back_choice.set_texts(
            self.tr("Details on the back"), self.tr("Document number, date of birth and expiry date")
        )
        self.choose_back.setText(self.tr("Back"))
        self.keypad_button.setText(self.tr("Type your ID number instead"))
        self.scan_button.setText(self.tr("Scan the QR code on your card"))
        self.entry_back.setText(self.tr("Back"))
        self._refresh()

    def heading(self) -> str:
        if self._method == CAN:
            return self.tr("Type the number on the front of your card")
        if self._method == MRZ:
            return self.tr("Type the details on the back of your card")
        return self.tr("Open the chip of your card")

    def _field_texts(self, name: str) -> tuple[str, str]:
        """(step label, what to type and where) for a field."""
        if name == "can":
            return (
                self.tr("Card access number"),
                self.tr("Type the 6 digits printed on the front of your card, where the picture marks them. "
                        "Leave the card on the reader."),
            )
        count = len(MRZ_FIELD_ORDER)
        number = MRZ_FIELD_ORDER.index(name) + 1
        titles = {
            "document": self.tr("Document number"),
            "birth": self.tr("Date of birth"),
            "expiry": self.tr("Expiry date"),
        }
        step = self.tr("{step} of {count}: {field}").format(step=number, count=count, field=titles[name])
        texts = {
            "document": self.tr("At the bottom of the back, in the first line: skip the first 5 characters, "
                                "then type the letters and digits marked 1. Leave out the single digit after them."),
            "birth": self.tr("The first 6 digits of the second line, marked 2: year, month and day, "
                             "2 digits each (12 March 1984 is 840312)."),
            "expiry": self.tr("On the second line, marked 3: after your date of birth come one digit and one "
                              "letter; the next 6 digits are the expiry date. Year, month and day, 2 digits each."),
        }
        return step, texts[name]

    def _refresh(self) -> None:
        page = (self._method, self._step)
        if page != self._shown_page:
            self._shown_page = page
            self.pageChanged.emit()
        choosing = self._method == CHOOSE
        self.choose_page.setVisible(choosing)
        self.entry_page.setVisible(not choosing)
        self.keypad_button.setVisible(choosing and self._allow_keypad)
        self.scan_button.setVisible(choosing and self._allow_scan)
        name = self.field()
        for keypad_name, keypad in (("can", self.can_keypad), *self.field_keypads.items()):
            keypad.setVisible(keypad_name == name)
        if choosing:
            return
        step, text = self._field_texts(name)
        self.step_label.setText(step)
        self.field_text.setText(text)
        self.drawing.set_side("front" if name == "can" else "back", name)
        last = self._method == CAN or self._step == len(MRZ_FIELD_ORDER) - 1
        self.continue_button.setText(self.tr("Continue") if last else self.tr("Next"))
        self.continue_button.setEnabled(self._current_ok() and not self._busy)
        keypad = self.field_keypads.get(name)
        wrong_date = (
            name in ("birth", "expiry")
            and keypad is not None
            and len(keypad.text()) == DATE_LENGTH
            and not plausible_yymmdd(keypad.text())
        )
        self.field_error.setText(self.tr("This is not a date: check the month and the day.") if wrong_date else "")
        self.field_error.setVisible(wrong_date)

    def update_from(self, workflow: Any) -> None:
        """Draw the session's problem; a new refusal sends the citizen back to the first
        field of the chosen side, with what they typed kept."""
        s = workflow.session
        problem = s.problem
        self._allow_keypad = workflow.may_type_number
        self._allow_scan = workflow.may_scan_card_code and not workflow.busy
        self._busy = bool(workflow.busy)
        scanned = workflow.scanned_access_fields
        if scanned and scanned != self._scanned:
            # The card's QR code gave the document number and the birth date: shown filled,
            # on the back, at the one field left to type (the expiry date).
            self._scanned = dict(scanned)
            self.document_keypad.setText(scanned["document"])
            self.birth_keypad.setText(scanned["birth"])
            self._method, self._step = MRZ, MRZ_FIELD_ORDER.index("expiry")
        if problem is not None and problem is not self._seen_problem and problem.code in ACCESS_PROBLEMS:
            self._step = 0
        if problem is not None and problem is not self._seen_problem and problem.code == "access_key_can_unsupported":
            # This chip opens only with the details on the back: go straight there.
            self._method, self._step = MRZ, 0
            self.can_keypad.clear()
        self._seen_problem = problem
        text = messages.problem_text(problem, self.workflow.config.document.country) if problem is not None else None
        self.choose_problem.show_problem(text)
        self.entry_problem.show_problem(text)
        self._refresh()

    def reset(self) -> None:
        """Forget what was typed (a new visit, or the session ended)."""
        self._method = CHOOSE
        self._step = 0
        self._seen_problem = None
        self._scanned = {}
        for keypad in (self.can_keypad, *self.field_keypads.values()):
            keypad.clear()
        self._refresh()

    def typed(self) -> dict[str, str]:
        """What is typed, by field (tests and screenshots)."""
        return {
            "can": self.can_keypad.text(),
            **{name: keypad.text() for name, keypad in self.field_keypads.items()},
        }


__all__ = ["AccessKeyPanel", "plausible_yymmdd", "CHOOSE", "CAN", "MRZ"]
