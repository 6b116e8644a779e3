"""`kiosk maintenance ...`: tools for setting up maintenance mode.

    kiosk maintenance hash-pin [--role technician|operator]     (asks twice, without echo)
    printf '%s\\n' 246810 | kiosk maintenance hash-pin --stdin --role operator

prints the line for the configuration's [maintenance] table, e.g.
`technician_pin = "scrypt$15$8$1$...$..."`. The PIN is never an argument: arguments end
up in the shell's history and in `ps` for every user of the machine to read.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

ROLES = ("technician", "operator")
MIN_DIGITS = 6
MAX_DIGITS = 32
_MAX_LINE = 1024


def register(subparsers: Any) -> None:
    maintenance = subparsers.add_parser("maintenance", help="maintenance mode: PIN hashes for the configuration")
    sub = maintenance.add_subparsers(dest="action", required=True)
    hash_pin = sub.add_parser(
        "hash-pin", help="print the [maintenance] configuration line for a PIN (a salted scrypt hash)"
    )
    hash_pin.add_argument("--role", choices=ROLES, default="technician", help="whose PIN (default: technician)")
    hash_pin.add_argument("--stdin", action="store_true",
                          help="read the PIN from the first line of standard input instead of asking twice")
    hash_pin.set_defaults(func=cmd_hash_pin)


class _Refused(Exception):
    pass


def pin_problem(pin: str) -> str | None:
    """Why `pin` cannot be a maintenance PIN, or None."""
    if not pin:
        return "the PIN is empty"
    if not (pin.isascii() and pin.isdigit()):
        return "the PIN must be digits 0-9 only (the on-screen keypad has no other keys)"
    if len(pin) < MIN_DIGITS:
        return f"the PIN must have at least {MIN_DIGITS} digits (it has {len(pin)})"
    if len(pin) > MAX_DIGITS:
        return f"the PIN must have at most {MAX_DIGITS} digits (it has {len(pin)})"
    steps = {(int(b) - int(a)) % 10 for a, b in zip(pin, pin[1:])}
    if steps in ({0}, {1}, {9}):   # 000000, 123456, 987654: the first PINs anyone tries
        return "the PIN is a repeated digit or a run (like 111111 or 123456); choose one nobody guesses"
    return None


def _read_stdin() -> str:
    try:
        line = sys.stdin.readline(_MAX_LINE + 1)
    except (OSError, ValueError) as exc:   # closed, not readable, not UTF-8
        raise _Refused(f"cannot read the PIN from standard input ({exc})") from None
    if len(line) > _MAX_LINE:
        raise _Refused("the first line of standard input is too long to be a PIN")
    return line.rstrip("\r\n").strip()


def _ask_twice() -> str:
    import getpass

    try:
        interactive = sys.stdin.isatty()
    except (OSError, ValueError):
        interactive = False
    if not interactive:
        # getpass would fall back to reading with echo, after a warning: refuse instead.
        raise _Refused("no terminal to ask for the PIN without echo; pipe it in with --stdin")
    try:
        first = getpass.getpass("New maintenance PIN: ")
        problem = pin_problem(first)
        if problem:
            raise _Refused(problem)
        if getpass.getpass("The same PIN again: ") != first:
            raise _Refused("the two PINs differ; nothing was printed")
    except EOFError:
        raise _Refused("no PIN given") from None
    return first


def cmd_hash_pin(args: argparse.Namespace) -> int:
    from kiosk.operations.pin_hash import hash_pin

    try:
        pin = _read_stdin() if args.stdin else _ask_twice()
        problem = pin_problem(pin)
        if problem:
            raise _Refused(problem)
    except _Refused as exc:
        sys.stderr.write(f"kiosk maintenance hash-pin: {exc}\n")
        return 2
    print(f'{args.role}_pin = "{hash_pin(pin)}"')
    return 0
