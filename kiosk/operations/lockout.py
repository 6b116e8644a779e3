"""The growing delay after wrong maintenance PINs, kept on disk so a restart does not reset it.

Without it a six-digit PIN falls to anyone with patience at the screen: the kiosk can be
restarted by pulling its plug, so a count kept only in memory would be reset by exactly
the person it should stop. The count and the end of the current lock are written to
`<data_dir>/maintenance/lockout.json` atomically (temporary file, fsync, rename), so a
power cut leaves the old state or the new one, never half a file.

The policy: FREE_TRIES wrong PINs in a row cost nothing (a technician's typo); each
further one locks entry for FIRST_DELAY_S, doubling, up to MAX_DELAY_S. At the cap an
attacker gets one guess per hour: 10^6 six-digit PINs take about a century. A correct
PIN resets the count.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

FREE_TRIES = 3
FIRST_DELAY_S = 30.0
MAX_DELAY_S = 3600.0
FILE_NAME = "lockout.json"
_VERSION = 1
_MAX_FILE_BYTES = 4096


def delay_after(failures: int) -> float:
    """Seconds entry stays locked after the `failures`-th wrong PIN in a row."""
    if failures < FREE_TRIES:
        return 0.0
    # min() before the power: 2 ** 10**9 is a number Python would happily try to build.
    return min(FIRST_DELAY_S * 2 ** min(failures - FREE_TRIES, 32), MAX_DELAY_S)


@dataclass(frozen=True)
class LockoutState:
    failures: int = 0
    locked_until: float = 0.0   # time.time() seconds; 0 = not locked


class Lockout:
    """The wrong-PIN count and lock of one kiosk, read from and written to `folder`.

    `clock` is injected (seconds since the epoch, like time.time) so tests can move time
    and a restart can be played by building a second Lockout on the same folder. The wall
    clock, not a monotonic one, because the lock must outlive the process; a clock set
    back cannot stretch a lock beyond the delay its count allows (see `locked_for_s`).
    """

    def __init__(self, folder: Path, clock: Callable[[], float] = time.time) -> None:
        self._path = Path(folder) / FILE_NAME
        self._clock = clock
        self._state = self._load()

    @property
    def path(self) -> Path:
        return self._path

    @property
    def failures(self) -> int:
        return self._state.failures

    def locked_for_s(self) -> float:
        """Seconds until a PIN may be tried again; 0.0 when open."""
        now = self._clock()
        remaining = self._state.locked_until - now
        longest = delay_after(self._state.failures)
        if remaining > longest:
            # A clock set back (or a hand-edited file) must not lock for longer than the
            # count allows: the lock is anchored again at "now", or a clock set back a day
            # would keep it shut for that day.
            self._save(LockoutState(self._state.failures, now + longest if longest else 0.0))
            remaining = longest
        return max(0.0, remaining)

    def record_failure(self) -> float:
        """Count one wrong PIN; return the lock it starts (0.0 while tries are free)."""
        failures = self._state.failures + 1
        delay = delay_after(failures)
        self._save(LockoutState(failures, self._clock() + delay if delay else 0.0))
        return delay

    def reset(self) -> None:
        """A correct PIN: the count starts again."""
        if self._state != LockoutState():
            self._save(LockoutState())

    def _load(self) -> LockoutState:
        try:
            with self._path.open("rb") as source:
                raw = source.read(_MAX_FILE_BYTES + 1)   # a file grown to gigabytes is damaged, not loaded
        except FileNotFoundError:
            return LockoutState()   # first start: nothing has failed yet
        except OSError as exc:
            return self._damaged(f"cannot be read ({exc.strerror or exc})")
        try:
            if len(raw) > _MAX_FILE_BYTES:
                raise ValueError("too large")
            data = json.loads(raw)
            failures, locked_until = data["failures"], data["locked_until"]
            if not (type(failures) is int and 0 <= failures <= 10**9
                    and type(locked_until) in (int, float) and 0 <= locked_until < 1e11):
                raise ValueError("values out of range")
        except (ValueError, TypeError, KeyError) as exc:   # JSONDecodeError and UnicodeDecodeError are ValueErrors
            return self._damaged(f"is damaged ({type(exc).__name__})")
        return LockoutState(failures, float(locked_until))

    def _damaged(self, why: str) -> LockoutState:
        """A lockout file that cannot be believed counts as a fresh lock of the first delay.

        Not as "open": damaging the file (or filling the disk under it) must not be a way
        to reset the count. Not as the longest delay either: the technician who comes to
        repair a kiosk whose disk went bad must not be locked out for an hour. The file is
        rewritten at once so the state is plain again.
        """
        log.warning("maintenance lockout file %s %s: locking entry for %.0f s", self._path, why, FIRST_DELAY_S)
        state = LockoutState(FREE_TRIES, self._clock() + FIRST_DELAY_S)
        self._save(state)
        return state

    def _save(self, state: LockoutState) -> None:
        self._state = state   # in memory first: a disk that refuses the write must not open the lock
        try:
            _write_atomically(self._path, {"version": _VERSION, "failures": state.failures,
                                           "locked_until": state.locked_until})
        except OSError as exc:
            log.warning("cannot write the maintenance lockout file %s (%s): the lock holds until restart only",
                        self._path, exc.strerror or exc)


def _write_atomically(path: Path, data: dict[str, object]) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)   # the rename itself must survive a power cut
    finally:
        os.close(dir_fd)
