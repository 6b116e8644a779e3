"""Durability settings must hold on every connection, not only the first one."""

from __future__ import annotations

import datetime as dt
from contextlib import ExitStack
from typing import Any

from sqlalchemy import Connection, event

from kiosk.storage import ApplicationStore
from kiosk.storage.engine import BUSY_TIMEOUT_MS


def _pragmas(conn: Connection) -> dict[str, object]:
    return {
        name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
        for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout", "secure_delete")
    }


EXPECTED = {
    "journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_MS,
    "secure_delete": 1,
}


def test_every_pooled_connection_is_configured(store: ApplicationStore) -> None:
    # Hold several connections at once so the pool must open distinct DBAPI connections.
    # synchronous=FULL (2) happens to be SQLite's compiled default on Debian as well; the
    # busy_timeout and foreign_keys values (default 0) show the listener ran on each one.
    with ExitStack() as stack:
        conns = [stack.enter_context(store.engine.connect()) for _ in range(4)]
        dbapi_ids = {id(c.connection.dbapi_connection) for c in conns}
        assert len(dbapi_ids) == 4
        for conn in conns:
            assert _pragmas(conn) == EXPECTED


def test_connections_opened_after_a_pool_reset_are_configured(store: ApplicationStore) -> None:
    store.engine.dispose()
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection  # outside any transaction: pragmas allowed
        raw.execute("PRAGMA synchronous=OFF")
        raw.execute("PRAGMA busy_timeout=1")
        assert raw.execute("PRAGMA synchronous").fetchone() == (0,)
        conn.invalidate()  # discard this DBAPI connection; the next one is fresh
    with store.engine.connect() as conn:
        assert _pragmas(conn) == EXPECTED


def test_write_sessions_begin_immediate(store: ApplicationStore) -> None:
    from tests.factories import build_application

    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.startswith("BEGIN"):
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        app = build_application(store.next_application_number("SH-XH-001", dt.date(2026, 1, 1)))
        store.counts()
        store.enqueue(app)
        store.record_delivered(app.application_id, at=app.created_at, office_reference=None)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    assert seen == ["BEGIN IMMEDIATE", "BEGIN DEFERRED", "BEGIN IMMEDIATE", "BEGIN IMMEDIATE"]
