"""Pinyin to Chinese characters: the composition a citizen types and its candidates.

Why pinyinIME (PyPI `pinyinime`, MIT): it is an input-method engine, not a converter.
It segments run-on pinyin ("zhongshanlu" -> zhong shan lu), offers whole words first
(中山路) ranked by how often they are written (Rime's essay frequencies), then single
characters of the first syllable, also by frequency ("lu" -> 路 first). The
alternatives were weaker for a kiosk: `Pinyin2Hanzi` (last release 2016, source only,
36 MB of data); reversing `pypinyin`'s tables gives every character a syllable can be
read as, but with no frequencies (its phrase list only holds words with ambiguous
readings: neither 中山 nor 街道 is in it), so "lu" would list rare characters first.

What we do not use of it, on purpose: its learning (`commit`), because one citizen's
choices must never surface for the next; and its emoji, which are not address text.
Its index loads in about 2.5 s and holds about 250 MB, so it loads once per process,
on first use or from `preload()`; if it cannot load, the keyboard still types Latin
letters and digits, and the composition offers its letters as they are.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)

MAX_LETTERS = 30   # longer pinyin runs are not looked up (the engine's search grows with them)


@dataclass(frozen=True)
class Candidate:
    text: str        # Chinese characters
    letters: int     # how many of the typed letters it replaces


class Lexicon(Protocol):
    def candidates(self, letters: str, limit: int) -> list[Candidate]: ...


def _is_hanzi(text: str) -> bool:
    return bool(text) and all(unicodedata.name(c, "").startswith("CJK UNIFIED IDEOGRAPH") for c in text)


class PinyinImeLexicon:
    """Candidates from pinyinIME's engine, loaded once (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._engine = None
        self._failed = False

    def _load(self):  # noqa: ANN202
        with self._lock:
            if self._engine is None and not self._failed:
                try:
                    from pinyinIME.engine import PinyinEngine  # deferred: 2.5 s, 250 MB

                    self._engine = PinyinEngine(load_emoji=False)
                except Exception as exc:  # a broken install must not stop the address step
                    log.error("pinyin candidates unavailable: %s", type(exc).__name__)
                    self._failed = True
            return self._engine

    def preload(self) -> None:
        self._load()

    def candidates(self, letters: str, limit: int) -> list[Candidate]:
        engine = self._load()
        if engine is None or not letters:
            return []
        result = engine.query(letters, 0, limit * 2)
        segments = [len(s) for s in result["syllables"]]
        out: list[Candidate] = []
        seen: set[str] = set()
        for c in result["candidates"]:
            word = c["word"]
            if not _is_hanzi(word) or word in seen:
                continue
            consumed = sum(segments[: len(c["syllables"])])
            if consumed <= 0:
                continue
            seen.add(word)
            out.append(Candidate(word, min(consumed, len(letters))))
            if len(out) >= limit:
                break
        return out


_shared = PinyinImeLexicon()


def shared_lexicon() -> PinyinImeLexicon:
    """The process's one lexicon (its index is too big to load twice)."""
    return _shared


def preload_in_background() -> threading.Thread:
    """Load the index off the UI thread, e.g. while the welcome screen waits."""
    t = threading.Thread(target=_shared.preload, name="pinyin-preload", daemon=True)
    t.start()
    return t


class PinyinComposition:
    """The pinyin letters typed but not yet turned into characters.

    `feed` a letter, `choose` a candidate (it replaces the letters it spells and the rest
    stay, as in any pinyin input method), `backspace` a letter, `flush` the letters as
    they are (when no candidate fits, e.g. a Latin building name).
    """

    def __init__(self, lexicon: Lexicon | None = None, page_size: int = 8) -> None:
        self._lexicon = lexicon if lexicon is not None else shared_lexicon()
        self._page_size = page_size
        self._letters = ""
        self._cache: tuple[str, list[Candidate]] | None = None

    @property
    def letters(self) -> str:
        return self._letters

    def feed(self, letter: str) -> None:
        if len(letter) != 1 or not (letter.isascii() and (letter.isalpha() or letter == "'")):
            raise ValueError("pinyin letters are a-z (and ' between syllables)")
        if len(self._letters) < MAX_LETTERS:
            self._letters += letter.lower()

    def backspace(self) -> bool:
        if not self._letters:
            return False
        self._letters = self._letters[:-1]
        return True

    def candidates(self) -> list[Candidate]:
        if not self._letters:
            return []
        if self._cache is None or self._cache[0] != self._letters:
            self._cache = (self._letters, self._lexicon.candidates(self._letters, self._page_size))
        return list(self._cache[1])

    def choose(self, index: int) -> str:
        """The chosen candidate's characters; its letters leave the composition."""
        candidate = self.candidates()[index]
        self._letters = self._letters[candidate.letters :].lstrip("'")
        return candidate.text

    def flush(self) -> str:
        letters, self._letters = self._letters.replace("'", ""), ""
        return letters

    def clear(self) -> None:
        self._letters = ""
