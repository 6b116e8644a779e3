"""Which keys the queue's rows need, and the configured key files opened against them.

The data key file is the only way to read the queue. When it goes missing (deleted, a
disk restored without it) or another key takes its place (a copy from another kiosk,
32 random bytes), a kiosk that simply created or accepted a key would start as if
nothing had happened, and its first delivery pass would find every waiting application
undecryptable. So the queue is asked first which keys its rows were encrypted with:
each payload row names its key (`key_id`, the first 8 hex digits of the key's SHA-256,
which is also what `sha256sum FILE` prints first, so a technician can tell which of
several backed-up files is the right one). Then:

- the data key is created only when no waiting row needs a key other than the listed
  old ones: a first start, a start after a crash between creating the queue or the key
  and writing the first row, or a rotation whose moved key file is listed in
  `storage.old_key_files`;
- a key file that is missing, or holds another key, while rows wait for the key it
  should hold stops the start with a message naming the file, the key id and the rows;
  nothing is created or written.

Waiting rows are the queued and the parked ones: the office does not have them and the
encrypted payload is their only copy. Delivered rows kept until the retention purge do
not stop a start: the office has them, and without their key they can only no longer be
reprinted. The start logs them, `kiosk queue status` counts them as undecryptable, and
the purge removes them as usual.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import quote

from kiosk.storage.application_state import ApplicationState
from kiosk.storage.crypto import DataKey, KeyFileError
from kiosk.storage.keyring import Keyring

log = logging.getLogger(__name__)

# The rows whose only copy is on this kiosk: a start never leaves them without their key.
WAITING_STATES: tuple[str, ...] = (ApplicationState.QUEUED.value, ApplicationState.PARKED.value)

RowsByKey = dict[str, dict[str, int]]  # key id -> state -> number of payload rows (non-zero only)


class QueueKeysMissing(KeyFileError):
    """Applications waiting in the queue need a key that none of the configured key files holds."""

    def __init__(self, key_file: Path, found_key_id: str | None, needed: Mapping[str, Mapping[str, int]]) -> None:
        self.key_file = Path(key_file)
        self.found_key_id = found_key_id  # the key in key_file; None: the file is missing
        self.needed: RowsByKey = {k: dict(states) for k, states in needed.items()}
        super().__init__(self._message())

    @property
    def waiting(self) -> int:
        return sum(sum(states.values()) for states in self.needed.values())

    def _message(self) -> str:
        per_key = {k: sum(states.values()) for k, states in sorted(self.needed.items())}
        per_state = {s: sum(states.get(s, 0) for states in self.needed.values()) for s in WAITING_STATES}
        rows = f"{self.waiting} application{'s' if self.waiting != 1 else ''} (" + ", ".join(
            f"{n} {state}" for state, n in per_state.items() if n
        ) + ")"
        if len(per_key) == 1:
            keys = f"key {next(iter(per_key))}"
        else:
            keys = "keys " + ", ".join(f"{k} ({n})" for k, n in per_key.items())
        ids = " and ".join(per_key)
        found = "is missing" if self.found_key_id is None else f"holds key {self.found_key_id} instead"
        tail = "; no new key was created" if self.found_key_id is None else ""
        return (
            f"the queue holds {rows} encrypted with {keys}, but the data key file {self.key_file} "
            f"{found}: put the key file with id {ids} back (at that path, or listed in "
            f"storage.old_key_files; a key file's id is the first 8 hex digits of its sha256sum) "
            f"and start again{tail}"
        )


# -- what the queue's rows need --------------------------------------------------------
#
# Plain SQL on the DB-API connection, not SQLAlchemy: `kiosk run` asks these questions
# before the window shows (kiosk.config.preflight), and loading SQLAlchemy for three
# queries would cost the start a fifth of a second. The store passes its SQLAlchemy
# connection, whose transaction the queries then join.


def _query(conn: Any, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Rows of `sql` on a sqlite3 connection or on the store's SQLAlchemy connection."""
    if isinstance(conn, sqlite3.Connection):
        return conn.execute(sql, tuple(params)).fetchall()
    return list(conn.exec_driver_sql(sql, tuple(params)).fetchall())


def key_ids_in_use(conn: Any) -> set[str]:
    """The keys the queue's payloads are encrypted with (a purged row has no payload)."""
    shape = _shape(conn)
    if shape is None:
        return set()
    table, _source, key_column = shape
    # On the current schema this reads only the small key_id index, however long the queue.
    return {row[0] for row in _query(conn, f"SELECT DISTINCT {key_column} FROM {table}")}


def rows_by_key(conn: Any, key_ids: Iterable[str]) -> RowsByKey:
    """Payload rows per state for each of `key_ids` (only those: a start asks about few)."""
    ids = sorted(set(key_ids))
    shape = _shape(conn)
    if not ids or shape is None:
        return {}
    _table, source, key_column = shape
    marks = ", ".join("?" * len(ids))
    sql = f"SELECT {key_column}, a.state, count(*) FROM {source} WHERE {key_column} IN ({marks}) GROUP BY {key_column}, a.state"
    found: RowsByKey = {}
    for key_id, state, count in _query(conn, sql, ids):
        found.setdefault(key_id, {})[state] = count
    return found


def _shape(conn: Any) -> tuple[str, str, str] | None:
    """(table holding key ids, source joined with the states, key column), by schema revision."""
    tables = {row[0] for row in _query(conn, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "application_payloads" in tables:
        return (
            "application_payloads",
            "application_payloads p JOIN applications a ON a.id = p.application_id",
            "key_id",
        )
    if "applications" in tables and "key_id" in {row[1] for row in _query(conn, "PRAGMA table_info(applications)")}:
        # Revision 0001 (not yet migrated, seen by `check_queue_keys`): the payload was in the row.
        return ("applications", "applications a", "key_id")
    return None


def split_unreadable(rows: Mapping[str, Mapping[str, int]], key_ids: Iterable[str]) -> tuple[RowsByKey, RowsByKey]:
    """Rows whose key is not among `key_ids`: (waiting ones, delivered ones), per key and state."""
    known = set(key_ids)
    waiting: RowsByKey = {}
    delivered: RowsByKey = {}
    for key_id, states in rows.items():
        if key_id in known:
            continue
        for state, n in states.items():
            if n:
                target = waiting if state in WAITING_STATES else delivered
                target.setdefault(key_id, {})[state] = n
    return waiting, delivered


def _unreadable(conn: Any, key_ids: Iterable[str]) -> tuple[RowsByKey, RowsByKey]:
    known = set(key_ids)
    return split_unreadable(rows_by_key(conn, key_ids_in_use(conn) - known), known)


# -- the configured key files ---------------------------------------------------------


class KeyFiles:
    """The key files a configuration names: the data key (created on first start) and old ones."""

    def __init__(self, key_file: Path, old_key_files: Iterable[Path] = ()) -> None:
        self.key_file = Path(key_file)
        self.old_key_files = tuple(Path(p) for p in old_key_files)

    @classmethod
    def from_config(cls, cfg: Any) -> KeyFiles:
        """The key files of a kiosk configuration (kiosk.config.KioskConfig)."""
        return cls(cfg.key_file_path, [cfg.resolve_path(p) for p in cfg.storage.old_key_files])

    def open(self, conn: Any) -> Keyring:
        """The keyring for the (migrated) queue behind `conn`.

        Raises KeyFileError for an unusable key file (missing old key, wrong length or
        mode) and QueueKeysMissing when waiting rows need a key that no file holds; in
        both cases nothing has been created.
        """
        old = [DataKey.load(p) for p in self.old_key_files]
        current = DataKey.load(self.key_file) if _present(self.key_file) else None
        known = {k.key_id for k in old} | ({current.key_id} if current is not None else set())
        waiting, delivered = _unreadable(conn, known)
        if waiting:
            raise QueueKeysMissing(self.key_file, None if current is None else current.key_id, waiting)
        if current is None:
            try:
                current = DataKey.load_or_create(self.key_file)
            except OSError as exc:
                raise KeyFileError(f"data key file {self.key_file} cannot be created: {exc.strerror or exc}") from None
            log.info("data key %s created in %s", current.key_id, self.key_file)
        if delivered:
            n = sum(sum(states.values()) for states in delivered.values())
            log.warning(
                "%d delivered applications kept for reprints are encrypted with key %s, which no key "
                "file holds: they cannot be reprinted and are purged after the retention",
                n, ", ".join(sorted(delivered)),
            )
        return Keyring(current, old)

    def inspect(self) -> Keyring:
        """Whatever key files load, creating none: to look at a queue whose keys are wrong."""
        old = [key for key in map(_try_load, self.old_key_files) if key is not None]
        return Keyring(_try_load(self.key_file), old)


def _present(path: Path) -> bool:
    # A dangling symlink is "present": loading it says it is missing, and creating a key
    # through it would write wherever it points.
    return path.exists() or path.is_symlink()


def _try_load(path: Path) -> DataKey | None:
    try:
        return DataKey.load(path)
    except KeyFileError:
        return None


# -- the question `kiosk config check` asks ------------------------------------------


@dataclass(frozen=True)
class QueueKeyCheck:
    """Whether a configuration's queue can be opened with its key files, and if not why.

    `setting` names the configuration key to fix and `path` the file concerned; `reason`
    is the one-line message the start would give. Nothing is created to find out.
    """

    ok: bool
    setting: str | None = None  # storage.key_file, storage.old_key_files or storage.database
    path: Path | None = None
    reason: str | None = None
    key_id: str | None = None  # the data key's id; None while the file does not exist
    creates_key: bool = False  # the next start creates the data key (first start, rotation)
    waiting_by_key: dict[str, int] = field(default_factory=dict)  # queued and parked rows per key id


def check_queue_keys(cfg: Any) -> QueueKeyCheck:
    """Can the queue `cfg` names be opened with the key files it names? Read-only.

    The same decision as the start (`ApplicationStore.from_config`), without creating the
    key, the database or anything else, and without migrating the database.
    """
    files = KeyFiles.from_config(cfg)
    old: list[DataKey] = []
    for path in files.old_key_files:
        try:
            old.append(DataKey.load(path))
        except KeyFileError as exc:
            return QueueKeyCheck(False, "storage.old_key_files", path, str(exc))
    current = None
    if _present(files.key_file):
        try:
            current = DataKey.load(files.key_file)
        except KeyFileError as exc:
            return QueueKeyCheck(False, "storage.key_file", files.key_file, str(exc))
    key_id = None if current is None else current.key_id
    db = Path(cfg.database_path)
    if not db.exists():
        return QueueKeyCheck(True, key_id=key_id, creates_key=current is None)
    try:
        conn = sqlite3.connect(f"file:{quote(str(db.resolve()))}?mode=ro", uri=True)
        try:
            rows = rows_by_key(conn, key_ids_in_use(conn))
        finally:
            conn.close()
    except sqlite3.Error as exc:
        reason = f"the queue {db} cannot be read: {exc}"
        return QueueKeyCheck(False, "storage.database", db, reason, key_id=key_id)
    waiting_by_key = {
        k: n for k, states in sorted(rows.items()) if (n := sum(states.get(s, 0) for s in WAITING_STATES))
    }
    known = {k.key_id for k in old} | ({key_id} if key_id is not None else set())
    waiting, _delivered = split_unreadable(rows, known)
    if waiting:
        reason = str(QueueKeysMissing(files.key_file, key_id, waiting))
        return QueueKeyCheck(
            False, "storage.key_file", files.key_file, reason, key_id=key_id, waiting_by_key=waiting_by_key
        )
    return QueueKeyCheck(True, key_id=key_id, creates_key=current is None, waiting_by_key=waiting_by_key)

