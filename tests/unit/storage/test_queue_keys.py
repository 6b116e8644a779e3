"""A lost or foreign data key stops the start instead of losing the queue (issue 9, item 5).

The configured start (`ApplicationStore.from_config`, what the kiosk and its tools use)
asks the queue which keys its waiting rows need before it creates or accepts a key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import sqlite3
from pathlib import Path

import pytest

from kiosk.config import KioskConfig, load_config
from kiosk.storage import (
    ApplicationStore,
    DataKey,
    KeyFileError,
    NoCurrentKey,
    QueueKeysMissing,
    check_queue_keys,
)
from kiosk.storage.engine import make_engine
from kiosk.storage.migrate import upgrade

from tests.factories import KIOSK, AppFactory
from tests.unit.storage.test_migrations import _numbers, _skeleton_queue

DAY = dt.date(2026, 11, 21)
T0 = dt.datetime(2026, 11, 21, 8, 0, tzinfo=dt.UTC)


def config(tmp_path: Path, old_key_files: tuple[str, ...] = ()) -> KioskConfig:
    data = tmp_path / "data"
    tmp_path.mkdir(exist_ok=True)
    toml = tmp_path / "kiosk.toml"
    toml.write_text(
        f"[kiosk]\ndata_dir = {json.dumps(str(data))}\n"
        f"[storage]\nold_key_files = {json.dumps(list(old_key_files))}\n",
        encoding="utf-8",
    )
    return load_config(toml, env={})


def fill(cfg: KioskConfig, make_app: AppFactory, *, queued: int = 0, parked: int = 0, delivered: int = 0) -> str:
    """Enqueue through the configured start; returns the id of the key the rows are under."""
    cfg.kiosk.data_dir.mkdir(parents=True, exist_ok=True)  # as launcher.services.build_services does
    with ApplicationStore.from_config(cfg) as store:
        for i in range(queued + parked + delivered):
            app = make_app(store.next_application_number(KIOSK, DAY), seed=i)
            store.enqueue(app)
            if i >= queued + parked:
                store.record_delivered(app.application_id, at=T0, office_reference=f"OF-{i}")
            elif i >= queued:
                store.record_rejection(app.application_id, at=T0, reason="HTTP 422 invalid_application")
        return store.keyring.current.key_id


def write_key(path: Path, data: bytes, mode: int = 0o600) -> None:
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    os.chmod(path, mode)


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def key_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


# -- the start ----------------------------------------------------------------------------


def test_the_first_start_creates_the_key_and_the_queue(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    cfg.kiosk.data_dir.mkdir()
    with ApplicationStore.from_config(cfg) as store:
        raw = cfg.key_file_path.read_bytes()
        assert store.keyring.current.key_id == key_id_of(raw)
    assert cfg.database_path.exists()
    assert cfg.key_file_path.stat().st_mode & 0o777 == 0o600


def test_a_deleted_key_with_applications_waiting_stops_the_start_and_creates_nothing(
    tmp_path: Path, make_app: AppFactory
) -> None:
    cfg = config(tmp_path)
    key_id = fill(cfg, make_app, queued=3, parked=1, delivered=1)
    original = cfg.key_file_path.read_bytes()
    cfg.key_file_path.unlink()

    with pytest.raises(QueueKeysMissing) as refused:
        ApplicationStore.from_config(cfg)
    message = str(refused.value)
    assert str(cfg.key_file_path) in message and "is missing" in message
    assert f"4 applications (3 queued, 1 parked) encrypted with key {key_id}" in message
    assert "storage.old_key_files" in message and "no new key was created" in message
    assert "\n" not in message
    assert refused.value.waiting == 4 and refused.value.found_key_id is None
    assert files(cfg.key_file_path.parent) == {}  # no key, no temporary

    write_key(cfg.key_file_path, original)
    with ApplicationStore.from_config(cfg) as store:
        assert store.counts() == {"queued": 3, "delivered": 1, "parked": 1}
        for entry in store.entries():
            store.get(entry.application_id)  # every row opens again


def test_a_foreign_key_is_refused_and_left_as_it_is(tmp_path: Path, make_app: AppFactory) -> None:
    cfg = config(tmp_path)
    key_id = fill(cfg, make_app, queued=2)
    foreign = os.urandom(32)
    write_key(cfg.key_file_path, foreign)

    with pytest.raises(QueueKeysMissing) as refused:
        ApplicationStore.from_config(cfg)
    message = str(refused.value)
    assert f"2 applications (2 queued) encrypted with key {key_id}" in message
    assert f"{cfg.key_file_path} holds key {key_id_of(foreign)} instead" in message
    assert refused.value.found_key_id == key_id_of(foreign)
    assert files(cfg.key_file_path.parent) == {"data.key": foreign}


def test_parked_applications_alone_stop_the_start(tmp_path: Path, make_app: AppFactory) -> None:
    cfg = config(tmp_path)
    fill(cfg, make_app, parked=1)
    cfg.key_file_path.unlink()
    with pytest.raises(QueueKeysMissing, match=r"1 application \(1 parked\)"):
        ApplicationStore.from_config(cfg)
    assert not cfg.key_file_path.exists()


def test_delivered_applications_alone_do_not_stop_the_start(
    tmp_path: Path, make_app: AppFactory, caplog: pytest.LogCaptureFixture
) -> None:
    # The office has them; without their key they can only no longer be reprinted.
    cfg = config(tmp_path)
    old_id = fill(cfg, make_app, delivered=2)
    cfg.key_file_path.unlink()
    with caplog.at_level(logging.WARNING, logger="kiosk.storage"), ApplicationStore.from_config(cfg) as store:
        assert store.keyring.current.key_id != old_id
        status = store.status()
        assert status.undecryptable == {"queued": 0, "delivered": 2, "parked": 0}
        assert status.missing_keys == {old_id: 2}
        assert store.purge_delivered(delivered_before=T0, at=T0) == 2
        assert store.status().undecryptable == {"queued": 0, "delivered": 0, "parked": 0}
    assert f"2 delivered applications kept for reprints are encrypted with key {old_id}" in caplog.text


def test_a_rotation_with_the_old_key_listed_creates_the_new_key(tmp_path: Path, make_app: AppFactory) -> None:
    cfg = config(tmp_path)
    old_id = fill(cfg, make_app, queued=2)
    cfg.key_file_path.rename(cfg.key_file_path.with_name("2026-11.key"))
    rotated = config(tmp_path, ("keys/2026-11.key",))
    with ApplicationStore.from_config(rotated) as store:
        new_id = store.keyring.current.key_id
        assert new_id != old_id and key_id_of(rotated.key_file_path.read_bytes()) == new_id
        for entry in store.entries():
            store.get(entry.application_id)
        assert store.reencrypt() == 2
    # Once re-encrypted, the old key is no longer needed, even by the strict start.
    with ApplicationStore.from_config(config(tmp_path)) as store:
        assert store.status().payloads_by_key == {new_id: 2}


def test_a_rotation_that_forgot_to_list_the_old_key_is_refused(tmp_path: Path, make_app: AppFactory) -> None:
    cfg = config(tmp_path)
    fill(cfg, make_app, queued=1)
    cfg.key_file_path.rename(cfg.key_file_path.with_name("2026-11.key"))
    with pytest.raises(QueueKeysMissing, match="is missing"):
        ApplicationStore.from_config(cfg)
    assert sorted(files(cfg.key_file_path.parent)) == ["2026-11.key"]


def test_a_queue_restored_from_a_backup_under_another_key(tmp_path: Path, make_app: AppFactory) -> None:
    # The database comes back from a backup written under key A; the kiosk's key file
    # holds key B (it was created after the backup). Listing A's file opens both.
    backup = config(tmp_path / "before")
    a_id = fill(backup, make_app, queued=2)
    cfg = config(tmp_path / "now")
    b_id = fill(cfg, make_app)
    os.replace(backup.database_path, cfg.database_path)
    with pytest.raises(QueueKeysMissing, match=f"encrypted with key {a_id}, .* holds key {b_id} instead"):
        ApplicationStore.from_config(cfg)
    (cfg.kiosk.data_dir / "keys" / "backup.key").write_bytes(backup.key_file_path.read_bytes())
    os.chmod(cfg.kiosk.data_dir / "keys" / "backup.key", 0o600)
    with ApplicationStore.from_config(config(tmp_path / "now", ("keys/backup.key",))) as store:
        assert store.keyring.current.key_id == b_id
        for entry in store.entries():
            store.get(entry.application_id)


@pytest.mark.parametrize("damage", ["31 bytes", "0644", "a folder"])
@pytest.mark.parametrize("rows", [0, 2])
def test_a_key_file_of_the_wrong_length_or_mode_is_refused_not_replaced(
    tmp_path: Path, make_app: AppFactory, damage: str, rows: int
) -> None:
    cfg = config(tmp_path)
    fill(cfg, make_app, queued=rows)
    original = cfg.key_file_path.read_bytes()
    if damage == "31 bytes":
        write_key(cfg.key_file_path, original[:31])
    elif damage == "0644":
        os.chmod(cfg.key_file_path, 0o644)
    else:
        cfg.key_file_path.unlink()
        cfg.key_file_path.mkdir(mode=0o700)
    before = cfg.key_file_path.stat()
    with pytest.raises(KeyFileError, match=str(cfg.key_file_path)) as refused:
        ApplicationStore.from_config(cfg)
    assert not isinstance(refused.value, QueueKeysMissing)
    after = cfg.key_file_path.stat()
    assert (after.st_ino, after.st_mode, after.st_size) == (before.st_ino, before.st_mode, before.st_size)


def test_a_crash_before_the_first_row_leaves_a_queue_that_starts(tmp_path: Path, make_app: AppFactory) -> None:
    cfg = config(tmp_path)
    # Killed after the queue was created, before the key was: the key is created now.
    cfg.kiosk.data_dir.mkdir()
    engine = make_engine(cfg.database_path)
    upgrade(engine)
    engine.dispose()
    stale = cfg.key_file_path.parent / f".data.key.{os.getpid()}.tmp"
    cfg.key_file_path.parent.mkdir(mode=0o700)
    stale.write_bytes(b"half a key")
    with ApplicationStore.from_config(cfg) as store:
        first = store.keyring.current.key_id
    assert files(cfg.key_file_path.parent).keys() == {"data.key"}
    # Killed after the key was created, before the first row: the same key is used.
    with ApplicationStore.from_config(cfg) as store:
        assert store.keyring.current.key_id == first
        store.enqueue(make_app(store.next_application_number(KIOSK, DAY)))
    with ApplicationStore.from_config(cfg) as store:
        assert store.status().payloads_by_key == {first: 1}


def test_a_queue_without_rows_gets_a_new_key(tmp_path: Path, make_app: AppFactory) -> None:
    # Everything was delivered and purged: there is nothing the old key could still open.
    cfg = config(tmp_path)
    old_id = fill(cfg, make_app, delivered=1)
    with ApplicationStore.from_config(cfg) as store:
        store.purge_delivered(delivered_before=T0, at=T0)
    cfg.key_file_path.unlink()
    with ApplicationStore.from_config(cfg) as store:
        assert store.keyring.current.key_id != old_id


def test_a_skeleton_queue_is_migrated_then_refused(tmp_path: Path, make_app: AppFactory) -> None:
    cfg = config(tmp_path)
    cfg.database_path.parent.mkdir(parents=True)
    lost = DataKey.generate()
    _skeleton_queue(cfg.database_path, lost, [make_app(n, seed=i) for i, n in enumerate(_numbers(2))], ["queued"] * 2)
    with pytest.raises(QueueKeysMissing, match=f"2 applications \\(2 queued\\) encrypted with key {lost.key_id}"):
        ApplicationStore.from_config(cfg)
    assert not cfg.key_file_path.exists()


# -- looking at a queue whose key is wrong ---------------------------------------------------


def test_status_counts_undecryptable_rows_as_such(tmp_path: Path, make_app: AppFactory) -> None:
    cfg = config(tmp_path)
    key_id = fill(cfg, make_app, queued=3, parked=1, delivered=1)
    cfg.key_file_path.unlink()
    with ApplicationStore.from_config(cfg, inspect=True) as store:
        status = store.status()
        assert status.counts == {"queued": 3, "delivered": 1, "parked": 1}
        assert status.undecryptable == {"queued": 3, "delivered": 1, "parked": 1}
        assert status.missing_keys == {key_id: 5}
        assert status.key_ids == ()
        data = status.as_dict(T0)
        assert data["undecryptable"] == {"queued": 3, "delivered": 1, "parked": 1}
        assert data["missing_keys"] == {key_id: 5}
        with pytest.raises(NoCurrentKey):
            store.enqueue(make_app(store.next_application_number(KIOSK, DAY), seed=99))
        assert store.counts()["queued"] == 3
    assert not cfg.key_file_path.exists()


def test_status_of_a_sound_queue_has_nothing_undecryptable(tmp_path: Path, make_app: AppFactory) -> None:
    cfg = config(tmp_path)
    key_id = fill(cfg, make_app, queued=2)
    with ApplicationStore.from_config(cfg) as store:
        status = store.status()
    assert status.undecryptable == {"queued": 0, "delivered": 0, "parked": 0}
    assert (status.missing_keys, status.key_ids) == ({}, (key_id,))


def test_rekey_leaves_rows_it_cannot_open(tmp_path: Path, make_app: AppFactory) -> None:
    cfg = config(tmp_path)
    old_id = fill(cfg, make_app, delivered=1)
    cfg.key_file_path.unlink()
    with ApplicationStore.from_config(cfg) as store:
        store.enqueue(make_app(store.next_application_number(KIOSK, DAY), seed=7))
        assert store.reencrypt() == 0
        assert store.status().missing_keys == {old_id: 1}


# -- the question `kiosk config check` asks ------------------------------------------------


def test_check_on_a_first_start_creates_nothing(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    check = check_queue_keys(cfg)
    assert check.ok and check.creates_key and check.key_id is None and check.reason is None
    assert not cfg.kiosk.data_dir.exists()


def test_check_of_a_sound_queue(tmp_path: Path, make_app: AppFactory) -> None:
    cfg = config(tmp_path)
    key_id = fill(cfg, make_app, queued=2, parked=1, delivered=1)
    check = check_queue_keys(cfg)
    assert check.ok and not check.creates_key
    assert (check.key_id, check.waiting_by_key) == (key_id, {key_id: 3})


@pytest.mark.parametrize("damage", ["deleted", "random"])
def test_check_gives_the_starts_reason_and_changes_nothing(tmp_path: Path, make_app: AppFactory, damage: str) -> None:
    cfg = config(tmp_path)
    key_id = fill(cfg, make_app, queued=2)
    if damage == "deleted":
        cfg.key_file_path.unlink()
    else:
        write_key(cfg.key_file_path, os.urandom(32))
    before = files(cfg.kiosk.data_dir / "keys"), cfg.database_path.read_bytes()
    check = check_queue_keys(cfg)
    assert (check.ok, check.setting, check.path) == (False, "storage.key_file", cfg.key_file_path)
    assert check.waiting_by_key == {key_id: 2}
    with pytest.raises(QueueKeysMissing) as refused:
        ApplicationStore.from_config(cfg)
    assert check.reason == str(refused.value)
    assert (files(cfg.kiosk.data_dir / "keys"), cfg.database_path.read_bytes()) == before


def test_check_names_an_unusable_old_key_file(tmp_path: Path) -> None:
    check = check_queue_keys(config(tmp_path, ("keys/gone.key",)))
    assert (check.ok, check.setting) == (False, "storage.old_key_files")
    assert check.path == tmp_path / "data" / "keys" / "gone.key" and "does not exist" in (check.reason or "")


def test_check_names_a_key_file_readable_by_others(tmp_path: Path, make_app: AppFactory) -> None:
    cfg = config(tmp_path)
    fill(cfg, make_app, queued=1)
    os.chmod(cfg.key_file_path, 0o644)
    check = check_queue_keys(cfg)
    assert (check.ok, check.setting, check.path) == (False, "storage.key_file", cfg.key_file_path)
    assert "0644" in (check.reason or "")


def test_check_names_an_unreadable_queue(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    cfg.database_path.parent.mkdir(parents=True)
    cfg.database_path.write_bytes(b"not a database, but long enough to look like one" * 100)
    check = check_queue_keys(cfg)
    assert (check.ok, check.setting, check.path) == (False, "storage.database", cfg.database_path)
    assert "cannot be read" in (check.reason or "")


def test_check_reads_a_queue_not_yet_migrated(tmp_path: Path, make_app: AppFactory) -> None:
    cfg = config(tmp_path)
    cfg.database_path.parent.mkdir(parents=True)
    lost = DataKey.generate()
    _skeleton_queue(cfg.database_path, lost, [make_app(n, seed=i) for i, n in enumerate(_numbers(3))],
                    ["queued", "parked", "delivered"])
    check = check_queue_keys(cfg)
    assert not check.ok and check.waiting_by_key == {lost.key_id: 2}
    assert "2 applications (1 queued, 1 parked)" in (check.reason or "")
    conn = sqlite3.connect(cfg.database_path)
    try:  # still the skeleton's schema: the check migrated nothing
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert "alembic_version" not in tables and "application_payloads" not in tables
