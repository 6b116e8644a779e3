"""Nothing personal may be readable in the database files; the key file is private."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from kiosk.card_application import Application
from kiosk.storage import ApplicationStore, DataKey, KeyFileError

from tests.factories import KIOSK, AppFactory

PEOPLE = [
    dict(surname="NGUYEN", given_names="THI MINH KHAI", name_local="Nguyễn Thị Minh Khai",
         id_number="001099012345", nationality="VNM"),
    dict(surname="ZHANG", given_names="XIAOMING", name_local="张晓明",
         id_number="44052418800101001X"),
    dict(surname="ERIKSSON", given_names="ANNA MARIA", name_local="",
         id_number="D23145890"),
]


def _secrets(app: Application) -> list[bytes]:
    out = [
        app.surname.encode(), app.given_names.encode(), app.id_number.encode(),
        app.phone.encode(), app.document_number.encode(),
        # The JPEG start of image + APP0 header, raw and as the payload's base64. (The bare
        # 3-byte marker FF D8 FF turns up by chance in ~100 KB of random ciphertext about
        # once in 170 runs, so the longer header is searched for to keep the test exact.)
        app.portrait_jpeg[:11], base64.b64encode(app.portrait_jpeg[:30]),
        app.portrait_jpeg[200:232],  # a stretch of entropy-coded image data
    ]
    if app.name_local:
        out.append(app.name_local.encode("utf-8"))
    if app.postal_address:
        out.append(app.postal_address.encode("utf-8"))
    return out


def _files(db: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in (db, db.with_name(db.name + "-wal"))
        if p.exists()
    }


def test_no_plaintext_personal_data_in_db_or_wal(
    tmp_path: Path, data_key: DataKey, make_app: AppFactory
) -> None:
    db = tmp_path / "queue.sqlite3"
    apps: list[Application] = []
    with ApplicationStore(db, data_key) as store:
        for seed, person in enumerate(PEOPLE):
            app = make_app(
                store.next_application_number(KIOSK, dt.date(2026, 11, 21)),
                seed=seed,
                pickup_method="post",
                postal_address="河内市巴亭郡 Phố Điện Biên Phủ 12",
                **person,
            )
            assert app.portrait_jpeg.startswith(b"\xff\xd8\xff")
            store.enqueue(app)
            apps.append(app)
        with store.engine.connect() as conn:
            ciphertexts = [r[0] for r in conn.execute(text("SELECT ciphertext FROM application_payloads"))]

        open_files = _files(db)
        assert f"{db.name}-wal" in open_files  # the WAL is really there and looked at
        blob = b"".join(open_files.values())
        # Positive control: the rows themselves are in the bytes searched.
        assert all(ct[:64] in blob for ct in ciphertexts)
        for app in apps:
            for secret in _secrets(app):
                assert secret not in blob, "personal data found in clear in the database files"

    # After the last connection closes, SQLite checkpoints the WAL into the main file.
    closed = b"".join(_files(db).values())
    assert all(ct[:64] in closed for ct in ciphertexts)
    for app in apps:
        for secret in _secrets(app):
            assert secret not in closed


def test_key_file_is_created_private(tmp_path: Path) -> None:
    path = tmp_path / "secrets" / "nested" / "data.key"
    key = DataKey.load_or_create(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    raw = path.read_bytes()
    assert len(raw) == 32 and raw == key.key
    assert key.key_id == hashlib.sha256(raw).hexdigest()[:8]
    assert [p.name for p in path.parent.iterdir()] == ["data.key"]  # no temporary left behind
    assert key.key.hex() not in repr(key) and repr(raw) not in repr(key)


def test_key_is_loaded_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "data.key"
    first = DataKey.load_or_create(path)
    second = DataKey.load_or_create(path)
    assert first.key == second.key


def test_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.key"
    DataKey.load_or_create(path)
    os.chmod(path, 0o640)
    with pytest.raises(KeyFileError, match="0640"):
        DataKey.load_or_create(path)


def test_short_key_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.key"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, b"short")
    os.close(fd)
    with pytest.raises(KeyFileError, match="5 bytes"):
        DataKey.load_or_create(path)


def test_stale_temporary_from_a_crash_does_not_block_creation(tmp_path: Path) -> None:
    stale = tmp_path / f".data.key.{os.getpid()}.tmp"
    stale.write_bytes(b"half")
    key = DataKey.load_or_create(tmp_path / "data.key")
    assert len(key.key) == 32 and not stale.exists()
