"""The SQLite engine of the queue: durability settings on every connection.

`synchronous` and `busy_timeout` are per connection, not per database file, so they are
set in a `connect` listener, which runs for every new DBAPI connection the pool opens.
`journal_mode=WAL` persists in the file but is cheap to repeat.

Transactions: Python's sqlite3 (3.11) begins transactions lazily and only before DML,
so SQLAlchemy is given the job, as its SQLite documentation recommends
(isolation_level=None on the connection, our own BEGIN in a `begin` listener). Writers
use `BEGIN IMMEDIATE` (execution option `sqlite_begin="IMMEDIATE"`): the write lock is
taken at the start, so two writers queue up on `busy_timeout` instead of one failing
with "database is locked" when a deferred read lock cannot be upgraded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_MS = 5000

CONNECTION_PRAGMAS: tuple[tuple[str, str], ...] = (
    # First: switching a new file to WAL takes a lock, and without a busy timeout a second
    # process opening the same new queue at that moment fails at once with "locked".
    ("busy_timeout", str(BUSY_TIMEOUT_MS)),
    ("journal_mode", "WAL"),
    ("synchronous", "FULL"),   # fsync the WAL at every commit: a saved citizen stays saved
    ("foreign_keys", "ON"),
    # Overwrite deleted content with zeros: a purged application's ciphertext must not
    # linger in free pages, where the key (still on the kiosk) would decrypt it.
    ("secure_delete", "ON"),
)

_BEGIN_MODES = {"DEFERRED", "IMMEDIATE", "EXCLUSIVE"}


def make_engine(db_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{Path(db_path)}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        # Take BEGIN away from the sqlite3 module (see module docstring).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for name, value in CONNECTION_PRAGMAS:
                cursor.execute(f"PRAGMA {name}={value}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        if mode not in _BEGIN_MODES:
            raise ValueError(f"unknown sqlite_begin mode {mode!r}")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine
