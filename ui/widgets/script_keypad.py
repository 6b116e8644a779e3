"""The street-line keyboard in the citizen's script: Latin keys that type Chinese
characters through pinyin, or Vietnamese with its diacritics through Telex.

The keys are the same 26 letters in both (what citizens type on their phones); the
difference is the core's line editor (`kiosk.text_input.line`): for pinyin, a bar of
candidate characters above the keys, tapped to write them; for Telex, the word is
rewritten as it is typed (dd -> đ, ow -> ơ, s -> acute). The letters being composed are
underlined in the display, so the citizen sees what is still to be chosen.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.text_input.line import editor_for
from ui import fonts
from ui.theme import current_theme, set_role, set_style_property
from ui.widgets.base import touch_only
from ui.widgets.keypad_base import KeypadBase
from ui.widgets.text_keypad import COLUMNS, DIGIT_ROW

LETTER_ROWS = ("abcdefghij", "klmnopqrst", "uvwxyz")
PUNCTUATION = ",-/#"
CANDIDATES = 6

HINTS = {
    "pinyin": QT_TRANSLATE_NOOP("ScriptKeypad", "Type pinyin, then tap the characters above the keys"),
    "telex": QT_TRANSLATE_NOOP("ScriptKeypad", "Telex: aa=â aw=ă ee=ê oo=ô ow=ơ uw=ư dd=đ; tone: s f r x j"),
    "latin": QT_TRANSLATE_NOOP("ScriptKeypad", "Type the street and house number"),
}


class ScriptKeypad(KeypadBase):
    """Signals: ``textChanged(str)`` after every change (text with the composition)."""

    def __init__(self, parent: QWidget | None = None, *, script: str = "latin") -> None:
        super().__init__(parent)
        theme = current_theme()
        self._editor = editor_for(script)
        self.script = script
        self.display = QLabel(self)
        set_role(self.display, "display")
        self.display.setWordWrap(True)
        self.display.setTextFormat(Qt.TextFormat.RichText)
        self.display.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        fm = QFontMetrics(fonts.ui_font(theme.display_px, QFont.Weight.Bold))
        # One line (a street line is short; a longer one wraps in smaller type): the
        # candidate bar needs the room, in large text too.
        one_line = fm.boundingRect(QRect(0, 0, 10_000, 10_000), int(Qt.TextFlag.TextWordWrap), "A").height()
        self.display.setFixedHeight(one_line + 2 * (theme.padding_v_px + theme.border_px) + 2)


        # The candidate bar: always there (empty keys when nothing is composed), so the
        # keys below never move under the finger.
        # Every key key_px high outside its border (min-height is inside it): the bar and
        # the five rows must all fit below the reach line.
        inside = theme.key_px - 2 * theme.border_px
        bar = QHBoxLayout()
        bar.setSpacing(theme.spacing_px)
        self.candidate_keys: list[QPushButton] = []
        for i in range(CANDIDATES):
            key = self._key("", "key", lambda i=i: self._choose(i))
            key.setObjectName(f"candidate_{i}")
            # Words of three or four characters must fit: button-size type, not key-size.
            key.setStyleSheet(
                f"min-width: {theme.touch_px}px; min-height: {inside}px; font-size: {theme.button_px}px;"
            )
            bar.addWidget(key)
            self.candidate_keys.append(key)
        self._bar = QWidget(self)
        self._bar.setLayout(bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self._bar.setVisible(script == "pinyin")

        grid = self._key_grid()
        self._char_keys: dict[str, QPushButton] = {}
        for r, row in enumerate((DIGIT_ROW, *LETTER_ROWS[:2], LETTER_ROWS[2] + PUNCTUATION)):
            for c, char in enumerate(row):
                key = self._key(char, "key", lambda ch=char: self.press(ch))
                key.setStyleSheet(f"min-width: {theme.touch_px}px; min-height: {inside}px;")
                self._char_keys[char] = key
                grid.addWidget(key, r, c)
        self.space_key = self._key("", "key-action", lambda: self.press(" "))
        self._edit_keys()
        for key in (self.space_key, self.delete_key, self.clear_key):
            key.setStyleSheet(f"min-height: {inside}px;")
        self.ok_key.hide()
        last = 4
        # Clear gets three columns: "Xóa hết" in large text needs them.
        grid.addWidget(self.space_key, last, 0, 1, 5)
        grid.addWidget(self.delete_key, last, 5, 1, 2)
        grid.addWidget(self.clear_key, last, 7, 1, 3)
        for c in range(COLUMNS):
            grid.setColumnStretch(c, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(self._gap())
        # Display, candidates and keys at the bottom, at their theme size: the top third
        # of a standing kiosk is out of a seated citizen's reach.
        layout.addStretch(1)
        layout.addWidget(self.display)
        layout.addWidget(self._bar)
        layout.addLayout(grid, 0)
        self.retranslate()
        self._refresh()

    # -- public ---------------------------------------------------------------------------
    def press(self, char: str) -> None:
        self._editor.press(char)
        self._changed()

    def backspace(self) -> None:
        self._editor.backspace()
        self._changed()

    def clear(self) -> None:
        self._editor.clear()
        self._changed()

    def setText(self, text: str) -> None:  # noqa: N802
        self._editor.set_text(text)
        self._changed()

    def finish(self) -> str:
        """The line as it will be sent: a pending composition takes its best candidate."""
        text = self._editor.finish()
        self._changed()
        return text

    def candidates(self) -> list[str]:
        return self._editor.candidates[:CANDIDATES]

    # -- internals ------------------------------------------------------------------------
    def _choose(self, index: int) -> None:
        if index < len(self.candidates()):
            self._editor.choose(index)
            self._changed()

    def _changed(self) -> None:
        text = self._editor.text
        if text != self._text:
            self._text = text
            self.textChanged.emit(text)
        self._refresh()

    def retranslate(self) -> None:
        self.space_key.setText(self.tr("Space"))
        self.delete_key.setText(self.tr("Delete"))
        self.clear_key.setText(self.tr("Clear"))
        self._refresh()

    def hint(self) -> str:
        """How this keyboard types (the screen shows it beside the keys), translated."""
        return QCoreApplication.translate("ScriptKeypad", HINTS.get(self.script, HINTS["latin"]))

    def _refresh(self) -> None:
        done = html.escape(self._editor.text[: len(self._editor.text) - len(self._editor.composing)])
        composing = self._editor.composing
        if done or composing:
            shown = done + (f"<u>{html.escape(composing)}</u>" if composing else "")
            self.display.setText(shown)
        else:
            self.display.setText(html.escape(self.tr("Street, number, building")))
        set_style_property(self.display, "empty", not (done or composing))
        fm = QFontMetrics(fonts.ui_font(current_theme().display_px, QFont.Weight.Bold))
        wide = fm.horizontalAdvance(self._editor.text) > self.display.contentsRect().width() - 4
        set_style_property(self.display, "long", bool(self._editor.text) and wide)
        words = self.candidates()
        for i, key in enumerate(self.candidate_keys):
            key.setText(words[i] if i < len(words) else "")
            key.setEnabled(i < len(words))
        self.delete_key.setEnabled(bool(self._editor.text))
        self.clear_key.setEnabled(bool(self._editor.text))
        self.space_key.setEnabled(bool(self._editor.text))

    def _confirm(self) -> None:
        self.confirmed.emit(self.finish())
