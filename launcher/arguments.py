"""Argument types shared by the `kiosk` subcommands: numbers with bounds, readable files.

argparse's `type=float` takes "0", "-3", "nan" and "inf" alike, and each reached code
that divided by it, slept for it or built a timedelta of it (`liveness --fps 0` raised
ZeroDivisionError). A bounded type refuses such a value where it is typed, in argparse's
one-line usage error, with the same wording as the configuration's messages.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from pathlib import Path


def number(
    *, low: float, high: float, low_open: bool = False, whole: bool = False
) -> Callable[[str], float | int]:
    """An argparse type for a finite number from `low` (excluded if `low_open`) to `high`."""
    kind = "a whole number" if whole else "a number"
    expected = f"{kind} {'greater than' if low_open else 'from'} {_shown(low)} {'and at most' if low_open else 'to'} {_shown(high)}"

    def parse(text: str) -> float | int:
        try:
            value: float | int = int(text) if whole else float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be {expected} (got {text[:40]!r})") from None
        if not math.isfinite(value) or value > high or value < low or (low_open and value == low):
            raise argparse.ArgumentTypeError(f"must be {expected} (got {text[:40]})")
        return value

    parse.__name__ = "whole number" if whole else "number"  # what argparse names in its messages
    return parse


def day(text: str) -> "dt.date":
    """An argparse type for a calendar day written YYYY-MM-DD."""
    import datetime as dt

    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a day written YYYY-MM-DD (got {text[:40]!r})") from None


day.__name__ = "day"


def _shown(bound: float) -> str:
    return str(int(bound)) if float(bound).is_integer() else f"{bound:g}"


def readable_file_or_exit(path: str, lead: str = "kiosk: ") -> Path:
    """`path` if it is a regular file this user can read; else exit 2 saying why.

    Checked before a decoder sees the path: OpenCV prints its own warning and returns
    nothing for a missing file, and opening a named pipe would block.
    """
    from kiosk.config.errors import shown_path

    p = Path(path)
    name = shown_path(path)
    try:
        if p.is_dir():
            problem = f"{name} is a folder, not a file"
        elif not p.exists():
            problem = f"no such file: {name}"
        elif not p.is_file():
            problem = f"{name} is not a regular file"
        else:
            with open(p, "rb"):
                return p
    except OSError as exc:  # e.g. a name too long for the file system
        problem = f"cannot read {name}: {exc.strerror or exc}"
    sys.stderr.write(f"{lead}{problem}\n")
    raise SystemExit(2)
