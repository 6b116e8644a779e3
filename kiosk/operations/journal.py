"""The audit journal: what happened at this kiosk, hash-chained, one file a day.

Every workflow event (a session started, the case chosen, each step reached, problems
shown, device faults, the application saved with its number, how the session ended) and
every maintenance action is appended to `<data_dir>/journal/YYYY-MM-DD.jsonl` (the
kiosk's local day), in the format `journal_lines` describes: each entry carries its own
SHA-256 and the previous entry's, so `kiosk audit verify` finds an edited, removed or
reordered line, or a deleted day file. What an entry may hold is a closed list
(`journal_fields`): there is no free-text field, so no name, ID number, phone number,
address, image or access key can be written, whoever calls.

The calls other parts make (the running kiosk's journal is `services.journal`, None
where none was built):

    journal.record_action("paper_changed", role="technician")              # maintenance
    journal.record_action("device_test", device="printer", result="failed", seconds=4.2)
    journal.record_action("receipt_reprint", application_number="SIM-0001-261121-00019")
    journal.record_device_state("printer", "paper_out", previous="paper_low")  # health monitor
    journal.record("maintenance", action="entered", role="operator")       # the general form

`record_action(action, *, role, device, application_number, result, seconds)` writes a
`maintenance` entry, `record_device_state(device, state, previous=None)` a
`device_state` entry; the words each takes are `journal_fields.MAINTENANCE_ACTIONS`,
`ROLES`, `DEVICES`, `MAINTENANCE_RESULTS` and `DEVICE_STATES` (extend those lists for a
new action or state). Both return the entry's number, or None when the disk failed: a
technician's action, or a device going out of service, must not fail for its record
(the failure is logged once and kept in `last_error` for the health monitor). A field
or word the journal does not take raises FieldRefused: that is a bug in the caller,
which its tests find. `record` raises on both.

Durability: each entry is one `write()` of the whole line to a file opened for
appending, then `fdatasync()`, before `record` returns; so an entry reported written is
on the disk, and a power cut can only leave the *last* line cut short (or garbage
where the file system had grown the file). That torn tail is never mistaken for an edit:
when the journal is next opened the writer recognises it (the file does not end with a
newline), truncates it off, and records a `journal_recovered` entry with the cut line's
file, line number, length and SHA-256, chained to the last whole entry; `kiosk audit
verify` reports it as torn, not as tampering. A whole entry that only lost its newline
is kept. An edit can never pass for a tear: an edited line keeps its newline, and a tear
is only ever the end of the newest file.

Writers in two processes (the kiosk and a command) take turns through `flock` on
`journal/.lock`, and each re-reads the tail when the files changed under it. A failed
append (disk full) raises OSError and leaves nothing half-remembered: the next append
reads the tail from the disk again, recovering a partial line like a power cut's.

What the chain cannot do: anyone who can write the files can also recompute every hash
after an edit, and can cut the newest entries off the end unseen. Against that the
journal's head must leave the machine (the signed daily export and the telemetry of
the exports issue carry the last entry's hash).
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import hashlib
import logging
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from kiosk.operations import journal_lines as lines
from kiosk.operations.journal_fields import FieldRefused, checked

log = logging.getLogger("kiosk.journal")

__all__ = ["Journal", "FieldRefused"]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class _Tail:
    """Where the chain ends: the last entry's number and hash, and the newest file's day."""

    seq: int
    hash: str
    day: dt.date | None          # of the newest day file (None: no file yet)


class Journal:
    """Appends checked entries to the day files under `folder`. Thread-safe.

    `clock` gives the wall time of each entry (the workflow's injected clock, so a
    simulated day is written on its own date); the file is the clock's local day, but
    never a day before the newest file (a clock set back must not write into the past,
    where the chain no longer runs). `kiosk_id` and `currency` are the kiosk's settings
    the fields accept (its application numbers, its fees' currency), and only these.
    `sync=False` syncs only at `close` (a simulated day, whose entries need not survive
    a power cut one by one; benchmarks)."""

    def __init__(self, folder: Path, *, clock: Callable[[], dt.datetime] = _utc_now,
                 kiosk_id: str | None = None, currency: str | None = None, sync: bool = True) -> None:
        self.folder = Path(folder)
        self.kiosk_id = kiosk_id
        self.currency = currency
        self.sync = sync
        self._clock = clock
        self._lock = threading.Lock()
        self._tail: _Tail | None = None
        self._fd: int | None = None             # the newest day file, open for appending
        self._fd_day: dt.date | None = None
        self._size = 0                          # its size after our last append
        self._folder_mtime = 0                  # a file made by another writer changes it
        self._lock_fd: int | None = None
        self.last_error: str = ""               # for the health monitor: "" when the last append worked
        self.written = 0                        # entries this process appended
        self._written: dict[str, Any] = {}      # the last entry appended, for the followers
        self._failure_logged = False            # record_action's failures log once a spell
        # Called with each entry as written (envelope and hash included), after the append:
        # the systemd-journal copy of kiosk.operations.telemetry. A follower that fails is
        # logged and the entry stands; it must not block (the caller may be the GUI thread).
        self.followers: list[Callable[[dict[str, Any]], None]] = []

    # -- writing -----------------------------------------------------------------------------
    def record(self, event: str, **fields: Any) -> int:
        """Append one entry; returns its number (`seq`). Raises FieldRefused for a field or
        value the journal must not hold (nothing is written), OSError when the disk fails."""
        data = checked(event, fields, self)
        with self._lock:
            try:
                with self._locked():
                    seq = self._append(event, data, self._clock())
                written = self._written
            except OSError as exc:
                self._forget()
                self.last_error = f"{type(exc).__name__}: {exc.strerror or exc}"
                raise
        self.last_error = ""
        self._failure_logged = False
        for follower in self.followers:
            try:
                follower(written)
            except Exception as exc:  # noqa: BLE001 - the entry is on the disk; a copy of it may fail
                log.error("journal: a follower failed (%s)", type(exc).__name__)
        return seq

    def record_action(self, action: str, **fields: Any) -> int | None:
        """Journal what a technician or operator did, as a `maintenance` entry (fields:
        role, device, application_number, result, seconds; see the module's docstring).
        Returns the entry's number, or None when it could not be written (logged)."""
        return self._record_or_log("maintenance", {"action": action, **fields})

    def record_device_state(self, device: str, state: str, previous: str | None = None) -> int | None:
        """Journal that a watched device changed state (the health monitor), as a
        `device_state` entry. Returns the entry's number, or None when it could not be
        written (logged)."""
        return self._record_or_log("device_state", {"device": device, "state": state, "previous": previous})

    def _record_or_log(self, event: str, fields: dict[str, Any]) -> int | None:
        try:
            return self.record(event, **fields)
        except FieldRefused:
            raise
        except OSError as exc:
            # Once per failure spell, by kind only: an OSError's text may name a path.
            if not self._failure_logged:
                log.error("journal: a %s entry could not be written (%s); the kiosk carries on",
                          event, type(exc).__name__)
            self._failure_logged = True
            return None

    def close(self) -> None:
        with self._lock:
            if self._fd is not None and not self.sync:
                os.fdatasync(self._fd)          # what was written unsynced is on the disk now
            self._close_file()                  # the head stays known; a later append re-reads
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None

    @property
    def head(self) -> tuple[int, str]:
        """The last entry's number and hash as this writer knows them ((0, zeros) before
        the first append): what an export or telemetry carries off the machine."""
        tail = self._tail
        return (tail.seq, tail.hash) if tail is not None else (0, lines.GENESIS)

    # -- internals ---------------------------------------------------------------------------
    def _append(self, event: str, data: dict[str, Any], now: dt.datetime, tail: _Tail | None = None) -> int:
        tail = tail or self._current_tail()
        local = now.astimezone()
        day = max(local.date(), tail.day) if tail.day is not None else local.date()
        entry = {"seq": tail.seq + 1, "at": local.isoformat(timespec="milliseconds"), "event": event}
        entry.update(data)
        entry["prev"] = tail.hash
        line, digest = lines.encode(entry)
        fd = self._file_for(day)
        _write_all(fd, line + b"\n")
        if self.sync:
            os.fdatasync(fd)
        self._size += len(line) + 1
        self._tail = _Tail(tail.seq + 1, digest, day)
        self._written = {**entry, "hash": digest}
        self.written += 1
        return tail.seq + 1

    def _current_tail(self) -> _Tail:
        """The chain's end: from memory while nobody else wrote, else from the disk."""
        if self._tail is not None and self._fd is not None:
            st = os.fstat(self._fd)
            unchanged = os.stat(self.folder).st_mtime_ns == self._folder_mtime
            if st.st_nlink > 0 and st.st_size == self._size and unchanged:
                return self._tail
        self._forget()
        files = lines.day_files(self.folder)
        self._folder_mtime = os.stat(self.folder).st_mtime_ns
        torn = self._mend_torn_end(files[-1], files[:-1]) if files else None
        tail = _tail_of(files)
        if torn is not None:
            path, line_no, fragment = torn
            self._append("journal_recovered", checked("journal_recovered", {
                "file": path.name[: -len(lines.SUFFIX)], "line": line_no, "bytes": len(fragment),
                "sha256": hashlib.sha256(fragment).hexdigest(),
            }, self), self._clock(), tail)
            assert self._tail is not None
            return self._tail
        self._tail = tail
        return tail

    def _mend_torn_end(self, newest: Path, earlier: list[Path]) -> tuple[Path, int, bytes] | None:
        """A newest file that does not end with a newline was cut short by a power cut:
        a whole entry that only lost its newline gets it back; anything else is cut off,
        and its place, length and hash are returned for the `journal_recovered` entry."""
        data = newest.read_bytes()
        if not data or data.endswith(b"\n"):
            return None
        cut = data.rfind(b"\n") + 1
        fragment = data[cut:]
        before = _tail_of(earlier, data[:cut])
        whole = lines.parse(fragment)
        if whole.ok and whole.entry["seq"] == before.seq + 1 and whole.entry["prev"] == before.hash:
            _patch(newest, lambda fd: _write_all(fd, b"\n"))
            return None
        _patch(newest, lambda fd: os.ftruncate(fd, cut))
        log.warning("journal: the last line of %s was cut short (%d bytes); removed and recorded",
                    newest.name, len(fragment))
        return newest, data.count(b"\n", 0, cut) + 1, fragment

    def _file_for(self, day: dt.date) -> int:
        if self._fd is not None and self._fd_day == day:
            return self._fd
        self._close_file()
        path = self.folder / lines.file_name(day)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
        self._fd, self._fd_day, self._size = fd, day, os.fstat(fd).st_size
        if self._size == 0 and self.sync:
            _fsync_dir(self.folder)              # a new day file: make its name durable too
        self._folder_mtime = os.stat(self.folder).st_mtime_ns
        return fd

    def _locked(self) -> "_Flock":
        if self._lock_fd is None:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            self._lock_fd = os.open(self.folder / ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        return _Flock(self._lock_fd)

    def _close_file(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
        self._fd, self._fd_day, self._size = None, None, 0

    def _forget(self) -> None:
        """Drop what we believe about the files: the next append reads them again."""
        self._close_file()
        self._tail = None


class _Flock:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __enter__(self) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_UN)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:   # pragma: no cover - a regular file never writes nothing
            raise OSError(errno.EIO, "nothing written")
        view = view[written:]


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _patch(path: Path, change: Callable[[int], None]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CLOEXEC)
    try:
        change(fd)
        os.fsync(fd)
    finally:
        os.close(fd)


def _tail_of(files: list[Path], newest_data: bytes | None = None) -> _Tail:
    """The chain's end in `files` (oldest first), reading back from the newest until a
    file holds a line; `newest_data`, when given, stands for a newest file beyond them.
    The tail's day is the newest file's.

    A damaged last line (an edit, which `kiosk audit verify` reports) does not stop the
    kiosk: the chain goes on from the number and hash the line still shows, or from the
    last whole entry counted on, so the verifier reports the damage once, not for every
    entry after it."""
    day = lines.day_of(files[-1]) if files and newest_data is None else None
    contents = ([newest_data] if newest_data is not None else []) + [None] * len(files)
    for i, content in enumerate(contents):
        if content is None:
            content = files[len(files) - 1 - (i - (newest_data is not None))].read_bytes()
        rows = content.rstrip(b"\n").split(b"\n") if content.strip(b"\n") else []
        if not rows:
            continue
        since = 0
        for raw in reversed(rows):
            line = lines.parse(raw)
            if line.ok:
                seq = line.entry["seq"] + since
                break
            since += 1
        else:
            seq = since
        last = lines.parse(rows[-1])
        seq = max(seq, last.seq or 0)
        return _Tail(seq, last.entry["hash"] if last.ok else _claimed_hash(rows[-1]), day)
    return _Tail(0, lines.GENESIS, day)


def _claimed_hash(raw: bytes) -> str:
    """The hash a damaged line still shows at its end, else the SHA-256 of its bytes."""
    m = re.search(rb'"hash":"([0-9a-f]{64})"\}$', raw)
    return m[1].decode("ascii") if m else hashlib.sha256(raw).hexdigest()
