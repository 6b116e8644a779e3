from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from kiosk.storage import (
    ApplicationNotFound,
    ApplicationStore,
    DataKey,
    DecryptionError,
    DuplicateApplication,
    KeyMismatch,
    SequenceExhausted,
    validate_application_number,
)

from tests.factories import KIOSK, AppFactory

DAY = dt.date(2026, 11, 21)


def test_round_trip_through_the_store(store: ApplicationStore, make_app: AppFactory) -> None:
    app = make_app(store.next_application_number(KIOSK, DAY))
    store.enqueue(app)
    back = store.get(app.application_id)
    assert back.to_payload() == app.to_payload()
    assert back.portrait_jpeg == app.portrait_jpeg


def test_enqueue_is_durable_across_a_new_store(
    tmp_path: Path, data_key: DataKey, make_app: AppFactory
) -> None:
    db = tmp_path / "queue.sqlite3"
    with ApplicationStore(db, data_key) as first:
        app = make_app(first.next_application_number(KIOSK, DAY))
        first.enqueue(app)
    with ApplicationStore(db, DataKey.load_or_create(tmp_path / "keys" / "data.key")) as second:
        assert second.get(app.application_id).to_payload() == app.to_payload()


def test_counts_include_every_state(store: ApplicationStore, make_app: AppFactory) -> None:
    assert store.counts() == {"queued": 0, "delivered": 0, "parked": 0}
    for seed in range(3):
        store.enqueue(make_app(store.next_application_number(KIOSK, DAY), seed=seed))
    assert store.counts() == {"queued": 3, "delivered": 0, "parked": 0}


def test_get_unknown_id(store: ApplicationStore) -> None:
    with pytest.raises(ApplicationNotFound):
        store.get("0" * 32)


def test_enqueue_twice_is_a_no_op(store: ApplicationStore, make_app: AppFactory) -> None:
    app = make_app(store.next_application_number(KIOSK, DAY))
    store.enqueue(app)
    store.enqueue(app)
    assert store.counts()["queued"] == 1


def test_same_id_with_other_content_is_refused(store: ApplicationStore, make_app: AppFactory) -> None:
    app = make_app(store.next_application_number(KIOSK, DAY))
    store.enqueue(app)
    other = make_app(app.application_number, application_id=app.application_id, phone="13900000000")
    with pytest.raises(DuplicateApplication):
        store.enqueue(other)
    assert store.get(app.application_id).phone == app.phone


def test_same_number_twice_is_refused(store: ApplicationStore, make_app: AppFactory) -> None:
    number = store.next_application_number(KIOSK, DAY)
    store.enqueue(make_app(number))
    with pytest.raises(DuplicateApplication):
        store.enqueue(make_app(number, seed=2))
    assert store.counts()["queued"] == 1


def test_malformed_or_foreign_numbers_are_refused(
    store: ApplicationStore, make_app: AppFactory
) -> None:
    good = store.next_application_number(KIOSK, DAY)
    typo = good[:-2] + str((int(good[-2]) + 1) % 10) + good[-1]
    with pytest.raises(ValueError, match="mistyped"):
        store.enqueue(make_app(typo))
    with pytest.raises(ValueError, match="kiosk"):
        store.enqueue(make_app(store.next_application_number("K2", DAY)))
    assert store.counts()["queued"] == 0


def test_wrong_key_is_reported(tmp_path: Path, store: ApplicationStore, make_app: AppFactory) -> None:
    app = make_app(store.next_application_number(KIOSK, DAY))
    store.enqueue(app)
    with ApplicationStore(store.db_path, DataKey.generate()) as other:
        with pytest.raises(KeyMismatch):
            other.get(app.application_id)


def test_swapped_ciphertexts_do_not_decrypt(store: ApplicationStore, make_app: AppFactory) -> None:
    a = make_app(store.next_application_number(KIOSK, DAY), seed=1)
    b = make_app(store.next_application_number(KIOSK, DAY), seed=2, surname="LI")
    store.enqueue(a)
    store.enqueue(b)
    with store.engine.begin() as conn:
        rows = {
            r.application_id: (r.nonce, r.ciphertext)
            for r in conn.execute(
                text("SELECT application_id, nonce, ciphertext FROM application_payloads")
            )
        }
        for target, source in ((a, b), (b, a)):
            nonce, ct = rows[source.application_id]
            conn.execute(
                text(
                    "UPDATE application_payloads SET nonce=:n, ciphertext=:c "
                    "WHERE application_id=:i"
                ),
                {"n": nonce, "c": ct, "i": target.application_id},
            )
    with pytest.raises(DecryptionError):
        store.get(a.application_id)


def test_edited_clear_number_is_detected(store: ApplicationStore, make_app: AppFactory) -> None:
    app = make_app(store.next_application_number(KIOSK, DAY))
    store.enqueue(app)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE applications SET application_number='X'"))
    with pytest.raises(DecryptionError):
        store.get(app.application_id)


def test_numbers_count_per_kiosk_and_day(store: ApplicationStore) -> None:
    first = [store.next_application_number(KIOSK, DAY) for _ in range(3)]
    assert [n[-5:-1] for n in first] == ["0001", "0002", "0003"]
    assert store.next_application_number(KIOSK, DAY + dt.timedelta(days=1))[-5:-1] == "0001"
    assert store.next_application_number("K2", DAY)[-5:-1] == "0001"
    assert all(validate_application_number(n) for n in first)


def test_lower_case_kiosk_ids_share_one_sequence(store: ApplicationStore, make_app: AppFactory) -> None:
    first = store.next_application_number("kiosk-0001", DAY)
    second = store.next_application_number("KIOSK-0001", DAY)
    assert (first[-5:-1], second[-5:-1]) == ("0001", "0002")
    app = make_app(first, kiosk_id="kiosk-0001")
    store.enqueue(app)  # the number carries the id in upper case; still this kiosk's
    assert store.get(app.application_id).kiosk_id == "kiosk-0001"


def test_sequence_exhaustion(store: ApplicationStore) -> None:
    store.next_application_number(KIOSK, DAY)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE application_sequences SET last_value = 9999"))
    with pytest.raises(SequenceExhausted):
        store.next_application_number(KIOSK, DAY)
    # The failed allocation rolled back: still exhausted, not silently wrapped.
    with pytest.raises(SequenceExhausted):
        store.next_application_number(KIOSK, DAY)


def test_numbers_are_unique_under_concurrency(tmp_path: Path, data_key: DataKey) -> None:
    """Two stores (as two processes would) and several threads each allocate at once."""
    db = tmp_path / "queue.sqlite3"
    stores = [ApplicationStore(db, data_key), ApplicationStore(db, data_key)]
    results: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def worker(s: ApplicationStore) -> None:
        try:
            start.wait()
            got = [s.next_application_number(KIOSK, DAY) for _ in range(25)]
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
            return
        with lock:
            results.extend(got)

    threads = [threading.Thread(target=worker, args=(stores[i % 2],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    assert errors == []
    assert len(results) == 200
    assert len(set(results)) == 200
    assert sorted(int(n[-5:-1]) for n in results) == list(range(1, 201))
    assert all(validate_application_number(n) for n in results)
