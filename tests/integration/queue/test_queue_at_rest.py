"""Nothing personal readable on the kiosk's disk: database, WAL, and logs, searched as raw bytes."""

from __future__ import annotations

import datetime as dt
import logging
import random
from pathlib import Path

import pytest

from kiosk.card_application import PickupMethod
from kiosk.delivery.selftest.run import secrets_of
from kiosk.delivery.selftest.synthetic import SyntheticPerson, synthetic_application
from tests.emulators.intake import Fault

pytestmark = pytest.mark.integration

KIOSK = "IT-KIOSK-1"

# Known, distinctive (fictitious) people: a search cannot match them by chance.
PEOPLE = [
    SyntheticPerson("OUYANG", "XIAOQINGFENG", "欧阳晓青峰", "11010519491231002X", dt.date(1949, 12, 31), "F", "13812345678"),
    SyntheticPerson("NGUYENTHIMINH", "KHAIHUONG", "Nguyễn Thị Minh Khai", "001099012345", dt.date(1999, 1, 2), "F", "0912345678"),
    SyntheticPerson("ERIKSSONSTRAND", "ANNAMARIA", "", "D23145890UTO", dt.date(1974, 8, 12), "F", "+46701234567"),
    SyntheticPerson("SIMAXIANGRU", "CHANGQING", "司马相如长卿", "44052418800101001X", dt.date(1980, 1, 1), "M", "13900139000"),
]


def _raw(paths: list[Path]) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in paths if p.exists()}


def test_no_personal_data_in_database_wal_or_logs(tmp_path: Path, store, intake, make_deliverer) -> None:
    log_file = tmp_path / "kiosk.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s %(args)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)

    db = store.db_path
    rng = random.Random(99)
    try:
        apps = []
        for person in PEOPLE:
            app = synthetic_application(
                store.next_application_number(KIOSK, dt.date(2026, 11, 21)), KIOSK, rng, person=person
            )
            app.pickup_method, app.postal_address = PickupMethod.POST, "河内市巴亭郡 Phố Điện Biên Phủ 12 " + person.surname
            assert app.portrait_jpeg.startswith(b"\xff\xd8\xff\xe0\x00\x10JFIF")
            store.enqueue(app)
            apps.append(app)

        # Delivery with failures, a rejection and a retry, so that every log path is taken.
        intake.faults.push(Fault.ERROR_500, Fault.CLOSE_AFTER_STORE, Fault.REJECT_422)
        deliverer = make_deliverer()
        for _ in range(10):
            deliverer.deliver_pending()
        for entry in store.entries("parked"):
            store.retry(entry.application_id)
        for _ in range(10):
            deliverer.deliver_pending()
        assert store.counts()["delivered"] == len(apps)

        kiosk_files = [db, db.with_name(db.name + "-wal"), log_file]
        open_files = _raw(kiosk_files)
        assert set(open_files) == {"queue.sqlite3", "queue.sqlite3-wal", "kiosk.log"}
        deliverer.client.close()
        store.close()  # the last connection: SQLite checkpoints the WAL into the file
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
    closed_files = _raw(kiosk_files)
    intake_files = _raw([intake.db_path, intake.db_path.with_name(intake.db_path.name + "-wal")])

    # Positive controls: the files searched really hold the applications and the events.
    assert b"parked" in open_files["kiosk.log"] and b"delivered" in open_files["kiosk.log"]
    for app in apps:
        assert app.application_id.encode() in open_files["kiosk.log"]
        assert app.application_number.encode() in closed_files["queue.sqlite3"]

    for label, files in (("open", open_files), ("closed", closed_files), ("intake", intake_files)):
        for name, blob in files.items():
            for app in apps:
                for what, secret in secrets_of(app).items():
                    assert secret not in blob, f"{what} of {app.application_id} in clear in {name} ({label})"
