"""Rotating the data key must not lose any queued application."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from kiosk.storage import ApplicationStore, DataKey, KeyFileError, KeyMismatch, Keyring

from tests.factories import KIOSK, AppFactory

DAY = dt.date(2026, 11, 21)


def test_rows_under_an_earlier_key_stay_readable(tmp_path: Path, make_app: AppFactory) -> None:
    db = tmp_path / "queue.sqlite3"
    keys = tmp_path / "keys"
    with ApplicationStore(db, Keyring.load(keys / "data.key")) as store:
        old_app = make_app(store.next_application_number(KIOSK, DAY), seed=1)
        store.enqueue(old_app)
        old_id = store.keyring.current.key_id

    # The technician's rotation: move the key aside, list it as an old key, restart.
    shutil.move(keys / "data.key", keys / "2026-11.key")
    with ApplicationStore(db, Keyring.load(keys / "data.key", [keys / "2026-11.key"])) as store:
        new_id = store.keyring.current.key_id
        assert new_id != old_id
        new_app = make_app(store.next_application_number(KIOSK, DAY), seed=2)
        store.enqueue(new_app)
        assert store.get(old_app.application_id).to_payload() == old_app.to_payload()
        assert store.get(new_app.application_id).to_payload() == new_app.to_payload()
        assert store.status().payloads_by_key == {old_id: 1, new_id: 1}

        assert store.reencrypt() == 1
        assert store.status().payloads_by_key == {new_id: 2}

    # Once re-encrypted, the old key is no longer needed.
    os.remove(keys / "2026-11.key")
    with ApplicationStore(db, Keyring.load(keys / "data.key")) as store:
        assert store.get(old_app.application_id).to_payload() == old_app.to_payload()


def test_without_the_earlier_key_the_row_is_reported_not_lost(
    tmp_path: Path, store: ApplicationStore, make_app: AppFactory
) -> None:
    app = make_app(store.next_application_number(KIOSK, DAY))
    store.enqueue(app)
    with ApplicationStore(store.db_path, Keyring(DataKey.generate())) as other:
        with pytest.raises(KeyMismatch, match=store.keyring.current.key_id):
            other.get(app.application_id)
        assert other.counts()["queued"] == 1
    # The original key still reads it: nothing was changed by the failed attempt.
    assert store.get(app.application_id).to_payload() == app.to_payload()


def test_a_missing_old_key_file_is_an_error_not_a_new_key(tmp_path: Path) -> None:
    missing = tmp_path / "keys" / "gone.key"
    with pytest.raises(KeyFileError, match="does not exist"):
        Keyring.load(tmp_path / "keys" / "data.key", [missing])
    assert not missing.exists()


def test_an_old_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    old = tmp_path / "old.key"
    DataKey.load_or_create(old)
    os.chmod(old, 0o644)
    with pytest.raises(KeyFileError, match="0644"):
        Keyring.load(tmp_path / "data.key", [old])


def test_keyring_repr_names_key_ids_only(tmp_path: Path) -> None:
    key = DataKey.generate()
    ring = Keyring(key)
    assert key.key_id in repr(ring)
    assert key.key.hex() not in repr(ring)
