"""The queue's schema comes from Alembic migrations, run when a store opens.

A kiosk upgraded in the field must find its queued applications migrated, not lost;
an interrupted migration must leave the database as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from kiosk.storage import ApplicationStore, DataKey, MigrationError
from kiosk.storage import migrate
from kiosk.storage.engine import make_engine
from kiosk.storage.schema import Base
from kiosk.storage.store import document_bytes

from tests.factories import KIOSK, AppFactory

ROOT = Path(__file__).resolve().parents[3]

# Exactly what the skeleton's `Base.metadata.create_all` created, before migrations existed.
SKELETON_DDL = """
CREATE TABLE applications (
    id VARCHAR(32) NOT NULL,
    application_number VARCHAR(48) NOT NULL,
    created_at DATETIME NOT NULL,
    state VARCHAR(16) NOT NULL,
    attempts INTEGER NOT NULL,
    last_error TEXT,
    delivered_at DATETIME,
    "case" VARCHAR(16) NOT NULL,
    key_id VARCHAR(8) NOT NULL,
    nonce BLOB NOT NULL,
    ciphertext BLOB NOT NULL,
    CONSTRAINT pk_applications PRIMARY KEY (id),
    CONSTRAINT ck_applications_state_known CHECK (state IN ('queued', 'delivered', 'parked')),
    CONSTRAINT ck_applications_attempts_non_negative CHECK (attempts >= 0),
    CONSTRAINT uq_applications_application_number UNIQUE (application_number)
);
CREATE INDEX ix_applications_state_created_at ON applications (state, created_at);
CREATE TABLE application_sequences (
    kiosk_id VARCHAR(32) NOT NULL,
    day DATE NOT NULL,
    last_value INTEGER NOT NULL,
    CONSTRAINT pk_application_sequences PRIMARY KEY (kiosk_id, day),
    CONSTRAINT ck_application_sequences_last_value_positive CHECK (last_value >= 1)
);
"""


def _skeleton_queue(db: Path, key: DataKey, apps: list, states: list[str]) -> None:
    """A queue as the skeleton wrote it: payload columns inside `applications`."""
    conn = sqlite3.connect(db)
    conn.executescript(SKELETON_DDL)
    for app, state in zip(apps, states):
        nonce, ct = key.encrypt(document_bytes(app), app.application_id.encode())
        conn.execute(
            "INSERT INTO applications VALUES (?, ?, ?, ?, 0, NULL, NULL, ?, ?, ?, ?)",
            (app.application_id, app.application_number,
             app.created_at.replace(tzinfo=None).isoformat(sep=" "),
             state, app.case.value, key.key_id, nonce, ct),
        )
    conn.execute(
        "INSERT INTO application_sequences VALUES (?, ?, ?)", (KIOSK, "2026-11-21", len(apps))
    )
    conn.commit()
    conn.close()


def _numbers(n: int) -> list[str]:
    from kiosk.storage.application_number import format_application_number

    return [format_application_number(KIOSK, dt.date(2026, 11, 21), i + 1) for i in range(n)]


def _version(db: Path) -> str | None:
    conn = sqlite3.connect(db)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            return None
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def test_head_revision_constant_matches_the_scripts() -> None:
    assert migrate.script_head() == migrate.HEAD_REVISION


def test_a_new_queue_is_created_by_the_migrations(tmp_path: Path, data_key: DataKey) -> None:
    db = tmp_path / "queue.sqlite3"
    with ApplicationStore(db, data_key):
        pass
    assert _version(db) == migrate.HEAD_REVISION


def test_migrated_schema_is_the_model(tmp_path: Path, data_key: DataKey) -> None:
    """Migrating an empty file and create_all of the model give the same database."""
    migrated = tmp_path / "migrated.sqlite3"
    ApplicationStore(migrated, data_key).close()
    modelled = create_engine(f"sqlite:///{tmp_path / 'modelled.sqlite3'}")
    Base.metadata.create_all(modelled)  # test only: production never calls create_all

    def describe(engine) -> dict:
        insp = inspect(engine)
        out = {}
        for table in sorted(set(insp.get_table_names()) - {"alembic_version"}):
            out[table] = {
                "columns": [
                    (c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(table)
                ],
                "pk": insp.get_pk_constraint(table),
                "fks": sorted((f["name"], tuple(f["constrained_columns"]), f["referred_table"])
                              for f in insp.get_foreign_keys(table)),
                "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                                  for i in insp.get_indexes(table)),
                "unique": sorted((u["name"], tuple(u["column_names"]))
                                 for u in insp.get_unique_constraints(table)),
                "checks": sorted((c["name"], " ".join(c["sqltext"].split()))
                                 for c in insp.get_check_constraints(table)),
            }
        return out

    engine = make_engine(migrated)
    try:
        assert describe(engine) == describe(modelled)
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        engine.dispose()
        modelled.dispose()


def test_a_skeleton_queue_is_migrated_with_its_applications(
    tmp_path: Path, data_key: DataKey, make_app: AppFactory
) -> None:
    db = tmp_path / "queue.sqlite3"
    apps = [make_app(n, seed=i) for i, n in enumerate(_numbers(3))]
    _skeleton_queue(db, data_key, apps, ["queued", "delivered", "parked"])
    assert _version(db) is None

    with ApplicationStore(db, data_key) as store:
        assert _version(db) == migrate.HEAD_REVISION
        assert store.counts() == {"queued": 1, "delivered": 1, "parked": 1}
        for app in apps:
            assert store.get(app.application_id).to_payload() == app.to_payload()
            assert store.delivery_document(app.application_id) == document_bytes(app)
        # The sequence survived too: the next number follows the skeleton's last one.
        assert store.next_application_number(KIOSK, dt.date(2026, 11, 21)) == _numbers(4)[-1]
        assert store.integrity_check() == ["ok"]
    conn = sqlite3.connect(db)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert "applications_0001" not in tables


def test_a_queue_at_revision_0001_is_upgraded(
    tmp_path: Path, data_key: DataKey, make_app: AppFactory
) -> None:
    db = tmp_path / "queue.sqlite3"
    engine = make_engine(db)
    with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as conn:
        command.upgrade(migrate._alembic_config(conn), "0001")
    engine.dispose()
    assert _version(db) == "0001"
    app = make_app(_numbers(1)[0])
    conn = sqlite3.connect(db)
    nonce, ct = data_key.encrypt(document_bytes(app), app.application_id.encode())
    conn.execute(
        "INSERT INTO applications VALUES (?, ?, '2026-11-21 06:30:00', 'queued', 0, NULL, NULL, ?, ?, ?, ?)",
        (app.application_id, app.application_number, app.case.value, data_key.key_id, nonce, ct),
    )
    conn.commit()
    conn.close()
    with ApplicationStore(db, data_key) as store:
        assert store.get(app.application_id).to_payload() == app.to_payload()
    assert _version(db) == migrate.HEAD_REVISION


def test_a_failed_migration_changes_nothing(
    tmp_path: Path, data_key: DataKey, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The power may fail in the middle of an upgrade: it is one transaction."""
    import alembic.op

    db = tmp_path / "queue.sqlite3"
    apps = [make_app(n, seed=i) for i, n in enumerate(_numbers(2))]
    _skeleton_queue(db, data_key, apps, ["queued", "queued"])
    before = sqlite3.connect(db).execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()

    def boom(*args, **kwargs):
        raise RuntimeError("power cut")

    # The last step of revision 0002, after the data was copied into the new tables.
    monkeypatch.setattr(alembic.op, "drop_table", boom)
    with pytest.raises(MigrationError):
        ApplicationStore(db, data_key)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == before
    assert conn.execute("SELECT count(*) FROM applications").fetchone() == (2,)
    conn.close()
    assert _version(db) is None

    monkeypatch.undo()
    with ApplicationStore(db, data_key) as store:
        assert store.counts()["queued"] == 2


def test_concurrent_first_opens_migrate_once(tmp_path: Path, data_key: DataKey) -> None:
    """The kiosk and a technician's command may open a new queue at the same moment."""
    db = tmp_path / "queue.sqlite3"
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            start.wait()
            ApplicationStore(db, data_key).close()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _version(db) == migrate.HEAD_REVISION


def test_opening_an_up_to_date_queue_does_not_load_alembic(tmp_path: Path, data_key: DataKey) -> None:
    db = tmp_path / "queue.sqlite3"
    ApplicationStore(db, data_key).close()
    key = tmp_path / "keys" / "data.key"
    code = (
        "import sys, json\n"
        "from pathlib import Path\n"
        "from kiosk.storage import ApplicationStore, DataKey\n"
        f"s = ApplicationStore(Path({str(db)!r}), DataKey.load(Path({str(key)!r})))\n"
        "s.counts(); s.close()\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
