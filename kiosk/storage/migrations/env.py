"""Alembic environment of the application queue.

Migrations run inside the kiosk (see `kiosk.storage.migrate`), never from an
alembic.ini: the caller passes an open connection, already inside a `BEGIN IMMEDIATE`
transaction, in `config.attributes["connection"]`. Alembic sees that transaction as
external and runs every step in it, so an upgrade is all or nothing even when the power
fails halfway (SQLite's DDL is transactional), and two processes opening the queue at
once take turns instead of migrating twice.

This folder has no __init__.py on purpose: it is Alembic's script directory, not a
package (importing env.py outside Alembic would fail).
"""

from __future__ import annotations

from alembic import context

from kiosk.storage.schema import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "the queue's migrations run through kiosk.storage.migrate, which passes a connection"
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite alters tables by rebuilding them; autogenerate should write batch operations.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
