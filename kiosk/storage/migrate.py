"""Bringing a queue database to the newest schema when a store opens.

A kiosk upgraded in the field starts with the queue its previous version left: every
store open runs `upgrade(engine)`, which applies the missing Alembic revisions in one
`BEGIN IMMEDIATE` transaction (see migrations/env.py). A database created by the
skeleton, before Alembic, is recognised (its tables exist, `alembic_version` does not)
and stamped with revision 0001 first, so its applications are migrated, not lost.

The common case, a database already at the newest revision, is answered with one SELECT
without importing Alembic (which costs ~0.1 s of start-up); `HEAD_REVISION` names that
revision and a test keeps it equal to the head of the scripts.

To write a new revision after changing kiosk/storage/schema.py:

    python -m kiosk.storage.migrate revision "what changed"

(autogenerates against a scratch database migrated to the current head).
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text

log = logging.getLogger(__name__)

HEAD_REVISION = "0002"
# The schema the skeleton created with metadata.create_all, before migrations existed.
PRE_ALEMBIC_REVISION = "0001"
SCRIPT_LOCATION = str(Path(__file__).resolve().parent / "migrations")


class MigrationError(Exception):
    """The queue database cannot be brought to this version's schema."""


def current_revision(conn: Connection) -> str | None:
    """The revision stamped in the database, or None for an unversioned one."""
    tables = set(inspect(conn).get_table_names())
    if "alembic_version" not in tables:
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> str | None:
    """Migrate the database behind `engine` to HEAD_REVISION.

    Returns the revision it started from (None for a new, empty database), or
    HEAD_REVISION when there was nothing to do.
    """
    with engine.connect() as conn:
        if current_revision(conn) == HEAD_REVISION:
            return HEAD_REVISION
    # Alembic announces each of its plugins at INFO on every run; keep its
    # "Running upgrade" lines, which say what happened to the queue.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    from alembic import command

    # IMMEDIATE: the write lock is held from the first statement, so a second process
    # opening the queue waits here, then finds the database already at head.
    with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as conn:
        start = current_revision(conn)
        if start == HEAD_REVISION:
            return start
        cfg = _alembic_config(conn)
        if start is None and "applications" in inspect(conn).get_table_names():
            log.info("queue database predates migrations: stamping revision %s", PRE_ALEMBIC_REVISION)
            command.stamp(cfg, PRE_ALEMBIC_REVISION)
            start = PRE_ALEMBIC_REVISION
        log.info("migrating queue database from %s to %s", start or "empty", HEAD_REVISION)
        try:
            command.upgrade(cfg, "head")
        except Exception as exc:
            raise MigrationError(f"migrating the queue from {start} failed: {exc}") from exc
        reached = current_revision(conn)
        if reached != HEAD_REVISION:
            raise MigrationError(
                f"the migration scripts end at {reached}, this program expects {HEAD_REVISION}"
            )
    return start


def _alembic_config(conn: Connection | None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    # Alembic's own INFO lines ("Running upgrade 0001 -> 0002") go through logging as
    # usual; they carry no personal data.
    cfg.attributes["connection"] = conn
    return cfg


def script_head() -> str | None:
    """The head revision of the migration scripts (for the test that pins HEAD_REVISION)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(None)).get_current_head()


def _revision(message: str) -> None:
    from alembic import command

    from kiosk.storage.engine import make_engine

    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(Path(scratch) / "scratch.sqlite3")
        upgrade(engine)
        with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as conn:
            command.revision(_alembic_config(conn), message=message, autogenerate=True)
        engine.dispose()


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "revision":
        sys.exit("usage: python -m kiosk.storage.migrate revision MESSAGE")
    _revision(sys.argv[2])
