"""The street line being typed: committed text, the word still being composed, and the
candidates to offer. One editor per script; the keyboard in ui/ only forwards keys and
shows `text`, `composing` and `candidates`.

- `TelexLine` (Viet Nam): letters go through Telex word by word; the first letter of a
  word is a capital, as addresses are written on forms ("Số 12 Đường Lê Lợi"), which
  spares a Shift key and its taps.
- `PinyinLine` (China): letters compose pinyin; a tapped candidate becomes characters.
  Any other key (a digit, a sign, Space) first takes the best candidate, as in every
  pinyin input method, so "tiyuxilu" then "1" gives 体育西路1.
- `LatinLine`: letters as typed (a foreign or Latin-script address).
"""

from __future__ import annotations

from kiosk.domain.postal_address import MAX_STREET, normalise_street
from kiosk.text_input.pinyin import Lexicon, PinyinComposition
from kiosk.text_input.telex import TelexWord


class _Line:
    script = ""

    def __init__(self, max_length: int = MAX_STREET) -> None:
        self._text = ""
        self._max = max_length

    @property
    def text(self) -> str:
        """What is typed, the composing part included (as the display shows it)."""
        return self._text + self.composing

    @property
    def composing(self) -> str:
        return ""

    @property
    def candidates(self) -> list[str]:
        return []

    def choose(self, index: int) -> None:
        raise IndexError("no candidates")

    def _room(self) -> bool:
        return len(self.text) < self._max

    def _append(self, chars: str) -> None:
        self._text = (self._text + chars)[: self._max]
        if self._text.endswith("  "):
            self._text = self._text[:-1]
        if self._text == " ":
            self._text = ""

    def press(self, key: str) -> None:
        if self._room():
            self._append(key)

    def backspace(self) -> None:
        self._text = self._text[:-1]

    def clear(self) -> None:
        self._text = ""

    def set_text(self, text: str) -> None:
        self.clear()
        self._text = normalise_street(text)[: self._max]

    def finish(self) -> str:
        """The whole line, composition taken as it stands."""
        return normalise_street(self.text)


class LatinLine(_Line):
    script = "latin"


class TelexLine(_Line):
    script = "telex"

    def __init__(self, max_length: int = MAX_STREET) -> None:
        super().__init__(max_length)
        self._word = TelexWord()

    @property
    def composing(self) -> str:
        return self._word.text

    def press(self, key: str) -> None:
        if not self._room():
            return
        if key.isascii() and key.isalpha():
            self._word.feed(key.upper() if not self._word.keys else key)
        else:
            self._commit_word()
            self._append(key)

    def _commit_word(self) -> None:
        self._append(self._word.text)
        self._word = TelexWord()

    def backspace(self) -> None:
        if self._word.keys:
            self._word.backspace()
        else:
            super().backspace()

    def clear(self) -> None:
        super().clear()
        self._word = TelexWord()


class PinyinLine(_Line):
    script = "pinyin"

    def __init__(self, lexicon: Lexicon | None = None, max_length: int = MAX_STREET, page_size: int = 8) -> None:
        super().__init__(max_length)
        self._comp = PinyinComposition(lexicon, page_size=page_size)

    @property
    def composing(self) -> str:
        return self._comp.letters

    @property
    def candidates(self) -> list[str]:
        return [c.text for c in self._comp.candidates()]

    def choose(self, index: int) -> None:
        self._append(self._comp.choose(index))

    def press(self, key: str) -> None:
        if key.isascii() and key.isalpha():
            if self._room():
                self._comp.feed(key)
            return
        self._take_composition()
        if key != " " or not self.composing_was_taken:
            super().press(key)

    composing_was_taken = False

    def _take_composition(self) -> None:
        """The best candidate (or, with none, the letters) replaces the composition."""
        self.composing_was_taken = bool(self._comp.letters)
        while self._comp.letters:
            if self._comp.candidates():
                self._append(self._comp.choose(0))
            else:
                self._append(self._comp.flush())

    def backspace(self) -> None:
        if not self._comp.backspace():
            super().backspace()

    def clear(self) -> None:
        super().clear()
        self._comp.clear()

    def finish(self) -> str:
        self._take_composition()
        return super().finish()


def editor_for(script: str, lexicon: Lexicon | None = None) -> _Line:
    if script == "pinyin":
        return PinyinLine(lexicon)
    if script == "telex":
        return TelexLine()
    if script == "latin":
        return LatinLine()
    raise ValueError(f"unknown script {script!r}")
