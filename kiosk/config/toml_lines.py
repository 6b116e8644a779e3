"""Where each key of a TOML document stands, so errors can name a line.

Written by hand because no library we ship gives positions: `tomllib` returns plain
dicts without any, and `tomlkit` (not a dependency) keeps layout but not line numbers.
The scan runs only on text that `tomllib` has already accepted, so it can trust the
syntax and only needs to follow what matters for positions: table headers, (dotted,
quoted) keys, and values that span lines (multi-line strings and arrays), whose inner
lines must not be mistaken for keys.

Supported: ``[a.b]`` tables, dotted keys ``a.b = 1`` (their implicit tables get the
line of their first key), quoted keys, ``[[a.b]]`` arrays of tables (their keys are
mapped to ``a.b.<index>.key`` as pydantic reports them). Keys inside inline tables are
not mapped: an error there falls back to the line of the key holding the inline table.

`too_deep` runs the same scan *before* `tomllib`: tomllib recurses once per nested array
or inline table (500 levels raise RecursionError) and walks every prefix of a dotted key
(a key 100 000 parts long takes gigabytes), so a hostile file must be refused on its
shape first. The scan itself is linear and never recurses.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from typing import Iterator

KeyPath = tuple[str | int, ...]

# Key paths longer than this are not resolved or recorded part by part (that costs the
# square of their length); `too_deep` reports them instead.
_LONGEST_PATH = 64

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.value_depth = 0  # deepest nesting of arrays / inline tables in the last value
        self._newlines = [i for i, ch in enumerate(text) if ch == "\n"]

    def line(self, pos: int | None = None) -> int:
        return bisect.bisect_left(self._newlines, self.pos if pos is None else pos) + 1

    def eof(self) -> bool:
        return self.pos >= len(self.text)

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos:self.pos + n]

    def skip_spaces(self) -> None:
        while self.peek() in (" ", "\t", "\r") and not self.eof():
            self.pos += 1

    def skip_line(self) -> None:
        end = self.text.find("\n", self.pos)
        self.pos = len(self.text) if end < 0 else end + 1

    def read_key(self) -> tuple[str, ...]:
        """A possibly dotted, possibly quoted key; stops before '=' or ']'."""
        parts: list[str] = []
        while True:
            self.skip_spaces()
            quote = self.peek()
            if quote in ('"', "'"):
                end = self._string_end(self.pos + 1, quote, escapes=quote == '"')
                raw = self.text[self.pos:end]
                # Let tomllib decode the escapes rather than re-implementing them.
                parts.append(tomllib.loads(f"k = {raw}")["k"])
                self.pos = end
            else:
                match = _BARE_KEY.match(self.text, self.pos)
                if match is None:
                    raise ValueError(f"no key at offset {self.pos}")
                parts.append(match.group())
                self.pos = match.end()
            self.skip_spaces()
            if self.peek() != ".":
                return tuple(parts)
            self.pos += 1

    def _string_end(self, pos: int, quote: str, *, escapes: bool) -> int:
        """Offset just after the closing quote of a one-line string opened before `pos`."""
        while self.text[pos] != quote:
            pos += 2 if escapes and self.text[pos] == "\\" else 1
        return pos + 1

    def _multiline_end(self, pos: int, quote: str) -> int:
        """Offset just after the closing triple quote (plus up to two quotes it may hold)."""
        delimiter = quote * 3
        while not self.text.startswith(delimiter, pos):
            pos += 2 if quote == '"' and self.text[pos] == "\\" else 1
        pos += 3
        for _ in range(2):  # '"""a""""' is the string 'a"': the extra quotes belong to it
            if self.text.startswith(quote, pos):
                pos += 1
        return pos

    def skip_value(self) -> None:
        """Move past one value, including the newline that ends it."""
        depth = 0
        self.value_depth = 0
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch in ('"', "'"):
                if text.startswith(ch * 3, self.pos):
                    self.pos = self._multiline_end(self.pos + 3, ch)
                else:
                    self.pos = self._string_end(self.pos + 1, ch, escapes=ch == '"')
            elif ch in "[{":
                depth += 1
                self.value_depth = max(self.value_depth, depth)
                self.pos += 1
            elif ch in "]}":
                depth -= 1
                self.pos += 1
            elif ch == "#":
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            elif ch == "\n":
                self.pos += 1
                if depth <= 0:
                    return
            else:
                self.pos += 1


@dataclass(frozen=True)
class _Entry:
    path: KeyPath       # resolved (array-of-tables indexes inserted); raw if too long
    parts: int          # how many names the header or key has, with its table's
    line: int
    value_depth: int    # nesting of arrays / inline tables in its value (0 for headers)


def _entries(text: str) -> Iterator[_Entry]:
    """Every table header and key of `text`, in order, until the scan meets something
    it does not follow (best effort: it may stop early on text tomllib would refuse)."""
    scanner = _Scanner(text)
    table: KeyPath = ()
    table_names = 0
    array_index: dict[tuple[str, ...], int] = {}  # [[a.b]] path -> index of its last element

    def resolve(path: tuple[str, ...]) -> KeyPath:
        # Under [[a]], a header [a.b] or key belongs to the last element of a: a.<i>.b.
        if len(path) > _LONGEST_PATH:
            return path
        resolved: list[str | int] = []
        for i, part in enumerate(path):
            resolved.append(part)
            if path[: i + 1] in array_index and i + 1 < len(path):
                resolved.append(array_index[path[: i + 1]])
        return tuple(resolved)

    try:
        while not scanner.eof():
            scanner.skip_spaces()
            ch = scanner.peek()
            if ch in ("", "\n", "#"):
                scanner.skip_line()
                continue
            line = scanner.line()
            if ch == "[":
                is_array = scanner.peek(2) == "[["
                scanner.pos += 2 if is_array else 1
                header = scanner.read_key()
                if is_array and len(header) <= _LONGEST_PATH:
                    array_index[header] = array_index.get(header, -1) + 1
                    table = resolve(header) + (array_index[header],)
                else:
                    table = resolve(header)
                table_names = len(header)
                yield _Entry(table, table_names, line, 0)
                scanner.skip_line()
                continue
            key = scanner.read_key()
            if scanner.peek() != "=":
                raise ValueError(f"expected '=' on line {line}")
            scanner.pos += 1
            parts = table_names + len(key)
            path = table + key if len(table) + len(key) <= _LONGEST_PATH else key
            scanner.skip_value()
            yield _Entry(path, parts, line, scanner.value_depth)
    except (ValueError, IndexError, tomllib.TOMLDecodeError):
        return


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map every key path (and table path) found in `text` to its 1-based line.

    Best effort by design: if the scan meets something it does not follow, it returns
    what it has found so far; a missing line only makes an error message less precise.
    """
    lines: dict[KeyPath, int] = {}
    explicit: set[KeyPath] = set()
    for entry in _entries(text):
        path = entry.path[:_LONGEST_PATH]
        # A table's own header wins over the line where a longer header implied it.
        for end in range(1, len(path)):
            lines.setdefault(path[:end], entry.line)
        if path not in explicit:
            explicit.add(path)
            lines[path] = entry.line
    return lines


def too_deep(text: str, limit: int) -> tuple[KeyPath, int, str] | None:
    """The first key of `text` nested more than `limit` deep, as (key path, line, what);
    None when the whole text stays within `limit`.

    A key's depth is the number of names in its path ([a.b] plus c.d is 4); a value's is
    how many arrays and inline tables it opens inside one another.
    """
    for entry in _entries(text):
        if entry.parts > limit:
            return entry.path[:limit], entry.line, f"has more than {limit} names in its path ({entry.parts})"
        if entry.value_depth > limit:
            return entry.path, entry.line, f"nests arrays or inline tables more than {limit} deep"
    return None
