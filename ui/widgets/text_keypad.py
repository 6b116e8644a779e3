"""A simple on-screen keyboard for a postal address: A-Z, digits, space and a little
punctuation.

Deliberately simple for the skeleton: it types unaccented capitals, which post offices
in both countries accept, and cannot type Chinese characters or Vietnamese diacritics.
Proper entry of those needs an input method (Pinyin, Telex/VNI): Qt's own Virtual
Keyboard has both layouts, but it ships in PySide6-Addons (not installed; it adds
Multimedia and about 300 MB to the bundle) and is QML-based. Replacing this widget by
it, or by picking the address from the registry record, is future work.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from ui import fonts
from ui.theme import current_theme, set_role, set_style_property
from ui.widgets.keypad_base import KeypadBase

# Alphabetical rather than QWERTY: many of the kiosk's users have never typed, and an
# alphabet is found by everyone.
# Ten keys a row, so that all keys line up in columns of equal width.
DIGIT_ROW = "1234567890"
LETTER_ROWS: tuple[str, ...] = ("ABCDEFGHIJ", "KLMNOPQRST", "UVWXYZ")
PUNCTUATION = ",-/."
COLUMNS = 10

# Layouts: "address" has space and punctuation; "code" only letters and digits (a
# document number), in four rows, so it fits beside other fields even in large text.
ADDRESS = "address"
CODE = "code"


def without_diacritics(text: str) -> str:
    """Latin text without accents, as Vietnamese is written when accents are unavailable.

    Unicode decomposition separates base letters from their marks; Đ/đ has no
    decomposition and is mapped by hand.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class TextKeypad(KeypadBase):
    """On-screen keyboard with a display line above the keys.

    Signals: ``textChanged(str)`` after every change, ``confirmed(str)`` on OK.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        max_length: int = 120,
        show_ok: bool = True,
        layout: str = ADDRESS,
        display_lines: int = 2,
    ) -> None:
        """`layout`: ``"address"`` (letters, digits, space, punctuation) or ``"code"``
        (letters and digits only). `display_lines`: the typed text's room (2 for an
        address, 1 for a short code)."""
        super().__init__(parent)
        if layout not in (ADDRESS, CODE):
            raise ValueError(f"unknown keypad layout {layout!r}")
        self._max_length = max_length
        self._layout = layout
        self._display_lines = max(1, display_lines)
        self._placeholder_source: str | None = None
        theme = current_theme()

        self.display = QLabel(self)
        set_role(self.display, "display")
        self.display.setWordWrap(True)
        self.display.setTextFormat(Qt.TextFormat.PlainText)
        self.display.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.display.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self._char_keys: dict[str, QPushButton] = {}
        grid = self._key_grid()
        code = layout == CODE
        rows = (DIGIT_ROW, LETTER_ROWS[0], LETTER_ROWS[1], LETTER_ROWS[2] + ("" if code else PUNCTUATION))
        for r, row_chars in enumerate(rows):
            for c, char in enumerate(row_chars):
                grid.addWidget(self._char_key(char), r, c)
        self.space_key = self._key("", "key-action", lambda: self.press(" "))
        self._edit_keys()
        self.ok_key.setVisible(show_ok)
        if code:
            # U-Z leave four columns on the last letter row: a wide Delete goes there (a
            # code is short, so no Clear: two half-width keys would not hold their words
            # in every language in large text).
            self.space_key.hide()
            self.clear_key.hide()
            self.ok_key.setVisible(False)
            grid.addWidget(self.delete_key, len(rows) - 1, 6, 1, 4)
        else:
            last = len(rows)
            grid.addWidget(self.space_key, last, 0, 1, 4)
            grid.addWidget(self.delete_key, last, 4, 1, 2)
            grid.addWidget(self.clear_key, last, 6, 1, 2)
            grid.addWidget(self.ok_key, last, 8, 1, 2)
        for c in range(COLUMNS):
            grid.setColumnStretch(c, 1)
        if code:
            # Keys as narrow as a finger needs (15 mm) rather than the keypad size: a code
            # keyboard shares the screen with explanations, in large text too. (Through
            # the widget's stylesheet: the application's `min-width` would win otherwise.)
            narrow = f"min-width: {theme.touch_px}px;"
            for key in (*self._char_keys.values(), self.delete_key):
                key.setStyleSheet(narrow)

        self._stack(self.display, grid)
        self._fit_display()
        self.retranslate()
        self._refresh()

    def _char_key(self, char: str) -> QPushButton:
        key = self._key(char, "key", lambda: self.press(char))
        self._char_keys[char] = key
        return key

    def _fit_display(self) -> None:
        """Room for `display_lines` lines of typed text (two for an address, which rarely
        needs more): a display that grows while typing would make the keys jump under
        the finger."""
        theme = current_theme()
        fm = QFontMetrics(fonts.ui_font(theme.display_px, QFont.Weight.Bold))
        sample = "\n".join("A" * self._display_lines)
        lines = fm.boundingRect(QRect(0, 0, 10_000, 10_000), int(Qt.TextFlag.TextWordWrap), sample).height()
        self.display.setFixedHeight(lines + 2 * (theme.padding_v_px + theme.border_px) + 2)

    def _fit_text(self) -> None:
        """A long address switches to body-size type (three lines and more) instead of
        being clipped."""
        area = self.display.contentsRect()
        fm = QFontMetrics(fonts.ui_font(current_theme().display_px, QFont.Weight.Bold))
        flags = int(Qt.TextFlag.TextWordWrap)
        needed = fm.boundingRect(QRect(0, 0, max(1, area.width()), 10_000), flags, self._text).height()
        set_style_property(self.display, "long", bool(self._text) and needed > area.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_text()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.StyleChange:
            self._fit_display()  # large text switched on or off
            self._fit_text()
        super().changeEvent(event)

    def set_placeholder(self, source: str | None) -> None:
        """What the empty display says, as an *untranslated* source string marked with
        ``QT_TRANSLATE_NOOP("TextKeypad", ...)`` (translated on every language change);
        None brings back the address prompt."""
        self._placeholder_source = source
        self._refresh()

    def retranslate(self) -> None:
        self.space_key.setText(self.tr("Space"))
        self.delete_key.setText(self.tr("Delete"))
        self.clear_key.setText(self.tr("Clear"))
        self.ok_key.setText(self.tr("OK"))
        self._refresh()

    # Public API --------------------------------------------------------------------------
    def setText(self, text: str) -> None:  # noqa: N802
        """Show `text` as this keyboard could have typed it: upper-case, Vietnamese
        written without diacritics ("Lê Lợi" -> "LE LOI"), other characters dropped, cut
        to `max_length`."""
        allowed = set(self._char_keys) | ({" "} if self._layout == ADDRESS else set())
        typeable = "".join(c if c in allowed else " " for c in without_diacritics(text).upper())
        joiner = " " if self._layout == ADDRESS else ""
        self._set(joiner.join(typeable.split())[: self._max_length])  # no leading or double spaces

    def press(self, char: str) -> None:
        """Type `char` as if its key were tapped. No double spaces, no leading space."""
        if len(self._text) >= self._max_length:
            return
        if self._layout == CODE and char not in self._char_keys:
            return
        if char == " " and (self._layout != ADDRESS or not self._text or self._text.endswith(" ")):
            return
        self._set(self._text + char)

    # Internals -------------------------------------------------------------------------
    def _refresh(self) -> None:
        if self._text:
            self.display.setText(self._text)
        else:
            # Shown in the display itself, so the citizen sees where the text will appear.
            if self._placeholder_source:
                self.display.setText(QCoreApplication.translate("TextKeypad", self._placeholder_source))
            else:
                self.display.setText(self.tr("Type the address with the keys below"))
        set_style_property(self.display, "empty", not self._text)
        self._fit_text()
        full = len(self._text) >= self._max_length
        for key in self._char_keys.values():
            key.setEnabled(not full)
        self.space_key.setEnabled(not full and bool(self._text) and self._layout == ADDRESS)
        self.delete_key.setEnabled(bool(self._text))
        self.clear_key.setEnabled(bool(self._text))
        self.ok_key.setEnabled(bool(self._text.strip()))

    def _confirm(self) -> None:
        if self._text.strip():
            self.confirmed.emit(self._text.strip())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Physical keys, for technicians and development machines only."""
        text = event.text().upper()
        if event.key() == Qt.Key.Key_Backspace:
            self.backspace()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._confirm()
        elif len(text) == 1 and (text in self._char_keys or text == " "):
            self.press(text)
        else:
            super().keyPressEvent(event)
