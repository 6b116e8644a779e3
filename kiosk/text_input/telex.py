"""Vietnamese Telex: Latin keys to letters with diacritics (aa -> â, dd -> đ, s -> acute...).

Why our own engine: the only Telex library on PyPI, `bogo` (1.1), has had no release
since 2014 and is GPL-licensed; Qt's virtual keyboard (PySide6-Addons) is QML and adds
about 300 MB to the bundle. Telex itself is small and fully specified by its key table,
and a kiosk only needs its core: no VNI, no spelling check, no English auto-restore.

How it works: the word being typed is kept as its letters (with hats, breves and horns)
plus at most one tone, and the tone is placed when the word is drawn. Keeping the tone
apart is what lets it move to the right vowel as the word grows ("hoas" shows "hóa",
one more "n" gives "hoán"), as Vietnamese typists expect from Unikey.

Tone placement follows the traditional rule (`hòa`, `thúy`), which is how the region
names in the administrative-division data are written: a vowel with a diacritic takes
the tone (the second one in ươ); otherwise, with a final consonant or in a three-vowel
cluster, the last or middle vowel; in a bare two-vowel cluster, the first. The `u` of
`qu` and the `i` of `gi` before another vowel belong to the consonant.

A modifier typed twice undoes itself and types the letter ("aaa" -> "aa", "ass" ->
"as", "ddd" -> "dd"), the usual way to write a literal letter in Telex.
"""

from __future__ import annotations

import unicodedata

VOWELS = frozenset("aăâeêioôơuưy")
MARKED_VOWELS = frozenset("ăâêôơư")   # vowels that carry a diacritic of their own
TONE_MARKS = {
    "s": "\u0301",  # sắc (acute)
    "f": "\u0300",  # huyền (grave)
    "r": "\u0309",  # hỏi (hook above)
    "x": "\u0303",  # ngã (tilde)
    "j": "\u0323",  # nặng (dot below)
}
CLEAR_TONE = "z"
HAT = {"a": "â", "e": "ê", "o": "ô"}            # aa, ee, oo
HORN = {"a": "ă", "o": "ơ", "u": "ư"}           # aw, ow, uw
UNDO = {**{v: k for k, v in HAT.items()}, **{v: k for k, v in HORN.items()}}


def _same_case(model: str, letter: str) -> str:
    return letter.upper() if model.isupper() else letter


class TelexWord:
    """One word being typed: `feed` keys, read `text`; `backspace` undoes the last key.

    A word ends at a space or a sign: the keyboard then starts a new TelexWord, so the
    letters of one word never change another's.
    """

    def __init__(self) -> None:
        self._keys: list[str] = []
        self._letters: list[str] = []
        self._tone = ""                 # "" or one of TONE_MARKS
        self._literal: set[str] = set()  # modifiers undone in this word: typed as letters from now on
        self._last_modifier = ""        # the key that changed the word last (for double-typing)
        self._lone_w: int | None = None  # where a lone w was typed as ư

    @property
    def keys(self) -> str:
        return "".join(self._keys)

    def feed(self, key: str) -> None:
        if len(key) != 1:
            raise ValueError("one key at a time")
        self._keys.append(key)
        self._apply(key)

    def backspace(self) -> None:
        """Forget the last key: the word is typed again without it (so "hoas" minus the
        "s" is "hoa", not "hó")."""
        keys = self._keys[:-1]
        self.__init__()  # type: ignore[misc]
        for k in keys:
            self.feed(k)

    @property
    def text(self) -> str:
        letters = list(self._letters)
        if self._tone:
            pos = tone_position(letters)
            if pos is not None:
                letters[pos] = unicodedata.normalize("NFC", letters[pos] + TONE_MARKS[self._tone])
        return "".join(letters)

    # -- the keys ------------------------------------------------------------------------
    def _apply(self, key: str) -> None:
        low = key.lower()
        if low == self._last_modifier and self._undo(key):
            return
        if low not in self._literal:
            if low in TONE_MARKS and self._set_tone(low):
                return
            if low == CLEAR_TONE and self._tone:
                self._tone = ""
                self._last_modifier = ""
                return
            if low in HAT and self._modify(low, HAT, low):
                return
            if low == "w" and self._horn():
                return
            if low == "d" and self._stroke_d():
                return
        self._last_modifier = ""
        if low == "w" and low not in self._literal and not any(c.lower() in VOWELS for c in self._letters):
            # A lone w is ư in Telex ("tw" -> "tư").
            self._lone_w = len(self._letters)
            self._letters.append(_same_case(key, "ư"))
            self._last_modifier = "w"
            return
        self._letters.append(key)

    def _set_tone(self, tone: str) -> bool:
        if tone_position(self._letters) is None:
            return False  # no vowel yet: a plain letter ("s" of "sao")
        self._tone = tone
        self._last_modifier = tone
        return True

    def _modify(self, base: str, table: dict[str, str], key: str) -> bool:
        """aa / ee / oo: the last plain `base` vowel of the word takes its hat."""
        for i in range(len(self._letters) - 1, -1, -1):
            if self._letters[i].lower() == base:
                self._letters[i] = _same_case(self._letters[i], table[base])
                self._last_modifier = key
                return True
        return False

    def _horn(self) -> bool:
        lows = [c.lower() for c in self._letters]
        # uo takes both horns (dduwowcj -> được, huow -> hươ).
        for i in range(len(lows) - 1):
            if lows[i] in ("u", "ư") and lows[i + 1] == "o":
                self._letters[i] = _same_case(self._letters[i], "ư")
                self._letters[i + 1] = _same_case(self._letters[i + 1], "ơ")
                self._last_modifier = "w"
                return True
        for i in range(len(lows) - 1, -1, -1):
            if lows[i] in HORN:
                self._letters[i] = _same_case(self._letters[i], HORN[lows[i]])
                self._last_modifier = "w"
                return True
        return False

    def _stroke_d(self) -> bool:
        for i, c in enumerate(self._letters):
            if c.lower() == "d":
                self._letters[i] = _same_case(c, "đ")
                self._last_modifier = "d"
                return True
        return False

    def _undo(self, key: str) -> bool:
        """The same modifier twice: take the change back and type the key as a letter."""
        low = key.lower()
        if low in TONE_MARKS:
            if self._tone != low:
                return False
            self._tone = ""
        elif low == "d":
            i = next((i for i, c in enumerate(self._letters) if c.lower() == "đ"), None)
            if i is None:
                return False
            self._letters[i] = _same_case(self._letters[i], "d")
        else:
            changed = [i for i, c in enumerate(self._letters) if c.lower() in UNDO]
            if not changed:
                return False
            if low == "w" and self._lone_w is not None:
                # "ww": the lone-w ư becomes a plain w.
                self._letters[self._lone_w] = _same_case(self._letters[self._lone_w], "w")
                self._lone_w = None
                self._literal.add(low)
                self._last_modifier = ""
                return True
            for i in changed:
                if (low == "w" and self._letters[i].lower() in "ăơư") or HAT.get(low) == self._letters[i].lower():
                    self._letters[i] = _same_case(self._letters[i], UNDO[self._letters[i].lower()])
        self._literal.add(low)
        self._last_modifier = ""
        self._letters.append(key)
        return True


def tone_position(letters: list[str]) -> int | None:
    """Index of the letter that carries the tone, or None when the word has no vowel."""
    lows = [c.lower() for c in letters]
    start = next((i for i, c in enumerate(lows) if c in VOWELS), None)
    if start is None:
        return None
    end = start
    while end < len(lows) and lows[end] in VOWELS:
        end += 1
    # qu-, gi- before another vowel: the u / i is part of the consonant.
    if end - start > 1 and start > 0 and (
        (lows[start - 1] == "q" and lows[start] == "u") or (lows[start - 1] == "g" and lows[start] == "i")
    ):
        start += 1
    cluster = range(start, end)
    marked = [i for i in cluster if lows[i] in MARKED_VOWELS]
    if marked:
        return marked[-1]
    if len(cluster) == 1 or end < len(lows):
        return end - 1          # one vowel, or a final consonant: the last vowel (hoán, tiến)
    if len(cluster) == 3:
        return start + 1        # ngoài, khuỷu
    return start                # hòa, thúy, mía


def telex(keys: str) -> str:
    """A whole key sequence typed in Telex: words are separated by anything not a letter."""
    out: list[str] = []
    word = TelexWord()
    for k in keys:
        if k.isalpha() and k.isascii():
            word.feed(k)
        else:
            out.append(word.text)
            out.append(k)
            word = TelexWord()
    out.append(word.text)
    return "".join(out)
