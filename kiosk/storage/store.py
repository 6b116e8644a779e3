"""The local application queue: applications are saved here before anything else.

`enqueue` returns only after the row is committed (and, with `synchronous=FULL` in WAL
mode, fsynced): the screen may say "saved" once it returns, and not before. Delivery to
the central office (states `delivered` and `parked`, attempts, last_error) is a later
issue; the columns exist already.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from kiosk.application import Application
from kiosk.storage.application_number import (
    MAX_SEQUENCE,
    format_application_number,
    is_valid_kiosk_id,
    normalise_kiosk_id,
    parse_application_number,
)
from kiosk.storage.crypto import DataKey, DecryptionError
from kiosk.storage.engine import make_engine
from kiosk.storage.schema import ApplicationRow, ApplicationSequence, ApplicationState, Base

log = logging.getLogger(__name__)


class StorageError(Exception):
    pass


class ApplicationNotFound(StorageError, LookupError):
    pass


class DuplicateApplication(StorageError):
    """Another application already has this id or this application number."""


class SequenceExhausted(StorageError):
    """The kiosk issued all 9999 numbers of the day."""


class KeyMismatch(DecryptionError):
    """The row was encrypted with a key this store does not hold."""


class ApplicationStore:
    def __init__(self, db_path: Path, key: DataKey) -> None:
        self._key = key
        self.db_path = Path(db_path)
        self.engine = make_engine(self.db_path)
        self._read_session = sessionmaker(self.engine, expire_on_commit=False)
        self._write_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write_session = sessionmaker(self._write_engine, expire_on_commit=False)
        # TODO(alembic issue): replace with `alembic upgrade head`; the first revision is
        # generated from kiosk.storage.schema. BEGIN IMMEDIATE serialises two processes
        # creating the tables at the same time.
        Base.metadata.create_all(self._write_engine)

    # -- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> ApplicationStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- numbers ---------------------------------------------------------------------

    def next_application_number(self, kiosk_id: str, day: dt.date) -> str:
        """Allocate the next number of `kiosk_id` on `day` (the kiosk's local date).

        One atomic upsert inside a write transaction, so two sessions (or two processes)
        never get the same number. A number allocated but never enqueued leaves a gap;
        gaps are harmless, duplicates are not.
        """
        if not is_valid_kiosk_id(kiosk_id):
            raise ValueError(f"invalid kiosk id {kiosk_id!r}")
        kiosk_id = normalise_kiosk_id(kiosk_id)
        stmt = (
            sqlite_insert(ApplicationSequence)
            .values(kiosk_id=kiosk_id, day=day, last_value=1)
            .on_conflict_do_update(
                index_elements=[ApplicationSequence.kiosk_id, ApplicationSequence.day],
                set_={"last_value": ApplicationSequence.last_value + 1},
            )
            .returning(ApplicationSequence.last_value)
        )
        with self._write_session() as session, session.begin():
            value = session.execute(stmt).scalar_one()
            if value > MAX_SEQUENCE:
                raise SequenceExhausted(f"kiosk {kiosk_id} issued all numbers for {day}")
        return format_application_number(kiosk_id, day, value)

    # -- applications ----------------------------------------------------------------

    def enqueue(self, app: Application) -> None:
        """Encrypt and commit `app`; returns only once it is durable.

        Enqueueing the same application again (same id, same content) is a no-op, so a
        caller that is unsure whether an earlier call committed may simply retry.
        """
        number = parse_application_number(app.application_number)  # ValueError if mistyped
        if number.kiosk_id != normalise_kiosk_id(app.kiosk_id):
            raise ValueError("the application number was not issued to this application's kiosk")
        encoded = _encode(app.to_payload())
        payload = json.loads(encoded)  # as it will read back (tuples become lists, ...)
        nonce, ciphertext = self._key.encrypt(encoded, _aad(app.application_id))
        row = ApplicationRow(
            id=app.application_id,
            application_number=app.application_number,
            created_at=app.created_at,
            state=ApplicationState.QUEUED.value,
            attempts=0,
            case=app.case.value,
            key_id=self._key.key_id,
            nonce=nonce,
            ciphertext=ciphertext,
        )
        try:
            with self._write_session() as session, session.begin():
                existing = session.get(ApplicationRow, app.application_id)
                if existing is not None:
                    if self._decrypt_payload(existing) == payload:
                        log.info("application %s was already queued", app.application_id)
                        return
                    raise DuplicateApplication(
                        f"application id {app.application_id} is taken by different content"
                    )
                session.add(row)
        except IntegrityError as exc:
            raise DuplicateApplication(
                f"application number {app.application_number} is already used"
            ) from exc
        log.info("application %s queued", app.application_id)

    def get(self, application_id: str) -> Application:
        with self._read_session() as session:
            row = session.get(ApplicationRow, application_id)
            if row is None:
                raise ApplicationNotFound(application_id)
            return self._to_application(row)

    def counts(self) -> dict[str, int]:
        """Number of applications in each state; every state is present, zeros included."""
        result = {state.value: 0 for state in ApplicationState}
        with self._read_session() as session:
            rows = session.execute(
                select(ApplicationRow.state, func.count()).group_by(ApplicationRow.state)
            )
            for state, count in rows:
                result[state] = count
        return result

    # -- helpers ---------------------------------------------------------------------

    def _decrypt_payload(self, row: ApplicationRow) -> dict[str, Any]:
        if row.key_id != self._key.key_id:
            raise KeyMismatch(
                f"application {row.id} was encrypted with key {row.key_id}, "
                f"this store holds {self._key.key_id}"
            )
        plaintext = self._key.decrypt(row.nonce, row.ciphertext, _aad(row.id))
        payload: dict[str, Any] = json.loads(plaintext)
        return payload

    def _to_application(self, row: ApplicationRow) -> Application:
        app = Application.from_payload(self._decrypt_payload(row))
        if app.application_number != row.application_number or app.application_id != row.id:
            # The clear columns were edited: the authenticated payload is the truth.
            raise DecryptionError(f"row {row.id} does not match its encrypted payload")
        return app


def _encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def _aad(application_id: str) -> bytes:
    return application_id.encode("ascii")
