"""The one error a bad configuration raises, worded for the technician at the console.

A kiosk that starts with a wrong setting fails in front of citizens, hours later and far
from the person who made the typo. So a bad file stops the start, and the message says
where to look (file and line, or the environment variable) and what to write instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

_LONGEST_NAME = 80  # of a variable in a message: KIOSK__A__A__... can be 128 KB long
_LONGEST_PATH = 160


def shown_path(path: object) -> str:
    """A path for a one-line message: a 100 000-character argument is shown by its ends."""
    text = str(path)
    return text if len(text) <= _LONGEST_PATH else f"{text[:100]}...{text[-40:]} ({len(text)} characters)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the configuration.

    `key` is the dotted path of the setting (``devices.camera.width``), empty for problems
    of the whole file (unreadable, TOML syntax). `line` is 1-based. `variable` names the
    environment variable the bad value came from, when it did.
    """

    key: str
    problem: str
    file: Path | None = None
    line: int | None = None
    variable: str | None = None

    def __str__(self) -> str:
        if self.variable is not None:
            name = self.variable if len(self.variable) <= _LONGEST_NAME else self.variable[: _LONGEST_NAME - 3] + "..."
            where = f"environment variable {name}"
        elif self.file is not None:
            where = f"{shown_path(self.file)}:{self.line}" if self.line is not None else shown_path(self.file)
        else:
            where = ""
        parts = [part for part in (where, self.key, self.problem) if part]
        return ": ".join(parts)


def _reading_order(problem: Problem) -> tuple[int, int, str]:
    # File problems first, top to bottom, then environment variables: the order in which
    # a technician fixes them.
    return (1 if problem.variable is not None else 0, problem.line or 0, problem.key)


class ConfigError(Exception):
    """The configuration cannot be used. ``str()`` lists every problem, one per line.

    `file`, `line`, `key` and `problem` are those of the first problem, for callers
    (and tests) that only care about one.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=_reading_order))
        if not self.problems:
            raise ValueError("a ConfigError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def file(self) -> Path | None:
        return self.problems[0].file

    @property
    def line(self) -> int | None:
        return self.problems[0].line

    @property
    def key(self) -> str:
        return self.problems[0].key

    @property
    def problem(self) -> str:
        return self.problems[0].problem

    @property
    def variable(self) -> str | None:
        return self.problems[0].variable
