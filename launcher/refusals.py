"""How a command stops on what it cannot use: one line on stderr per problem, exit 2.

Shared by the `kiosk` command's own commands (`launcher.cli`) and each feature's
subcommands (`launcher.commands`): a configuration file with problems, a queue that
cannot be opened. The line says file, line, key and reason; never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

MAX_PROBLEMS_SHOWN = 20   # a file with 10 000 unknown keys gets a screenful, not 10 000 lines
EXIT_CONFIG = 2           # the configuration (or a file it names) is unusable


def print_problems(problems: Sequence[object], lead: str = "kiosk: ") -> None:
    """Configuration problems on stderr, one line each (file:line: key: reason)."""
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        sys.stderr.write(f"{lead}{problem}\n")
    if len(problems) > MAX_PROBLEMS_SHOWN:
        sys.stderr.write(f"{lead}... and {len(problems) - MAX_PROBLEMS_SHOWN} more problems\n")


def load_config_or_exit(path: str | None, lead: str = "kiosk: "):  # type: ignore[no-untyped-def]
    """The configuration at `path` (None: defaults and environment), or exit 2 with its problems."""
    return load_config_and_sources_or_exit(path, lead)[0]


def load_config_and_sources_or_exit(path: str | None, lead: str = "kiosk: "):  # type: ignore[no-untyped-def]
    from kiosk.config import ConfigError, load_config_with_sources

    try:
        return load_config_with_sources(Path(path) if path else None)
    except ConfigError as exc:
        print_problems(exc.problems, lead)
        raise SystemExit(EXIT_CONFIG) from None


def open_queue_or_exit(cfg, lead: str = "kiosk: ", *, inspect: bool = False):  # type: ignore[no-untyped-def]
    """The configured queue (kiosk.storage.ApplicationStore), or exit 2 saying why it cannot open.

    `inspect`: open it with whatever key files load, creating none (for status commands
    that must show a queue whose key is lost)."""
    from sqlalchemy.exc import DatabaseError

    from kiosk.config.errors import shown_path
    from kiosk.storage import ApplicationStore, KeyFileError

    try:
        return ApplicationStore.from_config(cfg, inspect=inspect)
    except KeyFileError as exc:
        problem = str(exc)
    except DatabaseError as exc:  # not an SQLite file, a folder in its place, a disk error
        problem = f"the queue {shown_path(cfg.database_path)} cannot be opened: {exc.orig or exc}"
    sys.stderr.write(f"{lead}{problem}\n")
    raise SystemExit(EXIT_CONFIG)
