"""Pinyin to Chinese characters: the composition a citizen types and its candidates.

Why pinyinIME (PyPI `pinyinime`, MIT): it is an input-method engine, not a converter.
It segments run-on pinyin ("zhongshanlu" -> zhong shan lu), offers whole words first
(中山路) ranked by how often they are written (Rime's essay frequencies), then single
characters of the first syllable, also by frequency ("lu" -> 路 first). The
alternatives were weaker for a kiosk: `Pinyin2Hanzi` (last release 2016, source only,
36 MB of data); reversing `pypinyin`'s tables gives every character a syllable can be
read as, but with no frequencies (its phrase list only holds words with ambiguous
readings: neither 中山 nor 街道 is in it), so "lu" would list rare characters first.
pypinyin's table does serve one purpose here: it says which readings a character
really has, to put characters pinyinIME offers under a rare reading last.

What we do not use of it, on purpose: its learning (`commit`), because one citizen's
choices must never surface for the next; and its emoji, which are not address text.
Its index loads in about 2.5 s and holds about 250 MB, so it loads once per process,
on first use or from `preload()`; if it cannot load, the keyboard still types Latin
letters and digits, and the composition offers its letters as they are.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
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
        """Words for the whole input first, then words for shorter and shorter leading
        runs of syllables, then single characters of the first syllable: what any
        pinyin input method offers (pinyinIME's own `query` skips the middle part, so
        "tiyuxilu" would offer 体 but never 体育)."""
        engine = self._load()
        if engine is None or not letters:
            return []
        spans = segment(letters, self._syllables(engine))
        if not spans:
            return []
        out: list[Candidate] = []
        seen: set[str] = set()
        for k in range(len(spans), 0, -1):
            query = "'".join(letters[a:b] for a, b in spans[:k])
            consumed = spans[k - 1][1]
            words = [w for w, _py, _f in engine.lookup(query, limit * 3) if len(w) == k and _is_hanzi(w)]
            if k == 1:
                words = _readings_first(words, letters[spans[0][0]:spans[0][1]])
            room = limit - len(out) if k == 1 else min(3, limit - len(out))
            for w in [w for w in words if w not in seen][: max(0, room)]:
                seen.add(w)
                out.append(Candidate(w, consumed))
        return out[:limit]

    _syllable_set: frozenset[str] | None = None

    def _syllables(self, engine) -> frozenset[str]:  # noqa: ANN001
        if self._syllable_set is None:
            self._syllable_set = frozenset(engine._syl_to_id)  # the engine's own syllable table
        return self._syllable_set


def segment(letters: str, syllables: frozenset[str]) -> list[tuple[int, int]]:
    """Split run-on pinyin into syllables, as (start, end) spans of `letters`: the fewest
    syllables that spell it ("jianguolu" -> jian guo lu, where greedy longest-first
    matching takes "jiang" and is stuck); an apostrophe forces a split; the last span
    may be the start of a syllable still being typed ("zhongsh" -> zhong sh)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for part in letters.split("'"):
        if part:
            found = _fewest(part, syllables)
            if found is None:
                return spans
            spans += [(pos + a, pos + b) for a, b in found]
        pos += len(part) + 1
    return spans


def _fewest(text: str, syllables: frozenset[str]) -> list[tuple[int, int]] | None:
    n = len(text)
    best: list[list[tuple[int, int]] | None] = [None] * (n + 1)
    best[0] = []
    prefixes = {s[:i] for s in syllables for i in range(1, len(s) + 1)}
    for end in range(1, n + 1):
        for start in range(max(0, end - 6), end):
            before = best[start]
            piece = text[start:end]
            if before is None:
                continue
            if piece in syllables or (end == n and piece in prefixes):
                if best[end] is None or len(before) + 1 < len(best[end]):  # type: ignore[arg-type]
                    best[end] = [*before, (start, end)]
    return best[n]


@functools.cache
def _pypinyin_readings() -> dict[str, frozenset[str]]:
    """Every reading of every character, from pypinyin's data (toneless, ü as v)."""
    try:
        dist = importlib.metadata.distribution("pypinyin")
        table = json.loads(dist.locate_file("pypinyin/pinyin_dict.json").read_text(encoding="utf-8"))
    except (importlib.metadata.PackageNotFoundError, OSError, ValueError):
        return {}

    def plain(reading: str) -> str:
        decomposed = unicodedata.normalize("NFD", reading.replace("ü", "v"))
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    return {chr(int(code)): frozenset(plain(r) for r in readings.split(",")) for code, readings in table.items()}


def _readings_first(chars: list[str], syllable: str) -> list[str]:
    """Characters that really are read `syllable` before the others: pinyinIME's
    frequency belongs to the character, whatever its reading, so 达 (dá, a rare
    classical tì) would come first for "ti". pypinyin's table says which are real."""
    readings = _pypinyin_readings()
    if not readings:
        return chars
    return sorted(chars, key=lambda c: syllable not in readings.get(c, frozenset({syllable})))


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
