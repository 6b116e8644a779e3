"""The local application queue: applications are saved here before anything else.

`enqueue` returns only after the row is committed (and, with `synchronous=FULL` in WAL
mode, fsynced): the screen may say "saved" once it returns, and not before. The delivery
worker (kiosk.delivery) reads the queue through `next_due` and `delivery_document` and
records each attempt with the `record_*` methods; technicians' tools use `status`,
`entries`, `retry`, `purge_delivered` and `reencrypt`.

Every state change is a conditional UPDATE (`WHERE state = 'queued'`), so two
deliverers (the kiosk's worker and a technician's `kiosk queue deliver --once`) can
race without a later, stale result overwriting an earlier one; sending twice is
harmless because the application id is the idempotency key upstream.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Select, delete, func, insert, or_, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.card_application import Application
from kiosk.storage.application_number import (
    MAX_SEQUENCE,
    format_application_number,
    is_valid_kiosk_id,
    normalise_kiosk_id,
    parse_application_number,
)
from kiosk.storage.crypto import DataKey, DecryptionError
from kiosk.storage.engine import make_engine
from kiosk.storage.keyring import Keyring
from kiosk.storage.migrate import upgrade
from kiosk.storage.queue_keys import KeyFiles, rows_by_key
from kiosk.storage.schema import (
    ApplicationPayload,
    ApplicationRow,
    ApplicationSequence,
    ApplicationState,
)

log = logging.getLogger(__name__)

# Errors are stored and shown to technicians; they are bounded so a server that answers
# with a novel cannot grow the database.
MAX_ERROR_CHARS = 300

EnqueueListener = Callable[[str], None]


class StorageError(Exception):
    pass


class ApplicationNotFound(StorageError, LookupError):
    pass


class PayloadPurged(StorageError):
    """The application was delivered and its personal data purged after the retention."""


class NotQueued(StorageError):
    """The application is no longer queued (another deliverer was quicker)."""


class NotRetryable(StorageError):
    """Only queued or parked applications can be retried."""


class DuplicateApplication(StorageError):
    """Another application already has this id or this application number."""


class SequenceExhausted(StorageError):
    """The kiosk issued all 9999 numbers of the day."""


class KeyMismatch(DecryptionError):
    """The row was encrypted with a key this store does not hold.

    The kiosk's fault (a key file missing or replaced), never the application's: the
    delivery stops on it rather than parking the application.
    """

    def __init__(self, message: str, *, application_id: str = "", key_id: str = "") -> None:
        super().__init__(message)
        self.application_id = application_id
        self.key_id = key_id


@dataclass(frozen=True)
class QueueEntry:
    """One application as technicians see it: bookkeeping only, nothing personal."""

    application_id: str
    application_number: str
    case: str
    state: ApplicationState
    created_at: dt.datetime
    attempts: int
    last_error: str | None
    last_attempt_at: dt.datetime | None
    next_attempt_at: dt.datetime | None
    delivered_at: dt.datetime | None
    office_reference: str | None
    purged_at: dt.datetime | None

    @classmethod
    def _from_row(cls, row: ApplicationRow) -> QueueEntry:
        return cls(
            application_id=row.id,
            application_number=row.application_number,
            case=row.case,
            state=ApplicationState(row.state),
            created_at=row.created_at,
            attempts=row.attempts,
            last_error=row.last_error,
            last_attempt_at=row.last_attempt_at,
            next_attempt_at=row.next_attempt_at,
            delivered_at=row.delivered_at,
            office_reference=row.office_reference,
            purged_at=row.purged_at,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "application_id": self.application_id,
            "application_number": self.application_number,
            "case": self.case,
            "state": self.state.value,
            "created_at": _iso(self.created_at),
            "attempts": self.attempts,
            "last_error": self.last_error,
            "last_attempt_at": _iso(self.last_attempt_at),
            "next_attempt_at": _iso(self.next_attempt_at),
            "delivered_at": _iso(self.delivered_at),
            "office_reference": self.office_reference,
            "purged_at": _iso(self.purged_at),
        }


@dataclass(frozen=True)
class LastError:
    application_id: str
    application_number: str
    state: ApplicationState
    at: dt.datetime | None
    error: str


@dataclass(frozen=True)
class QueueStatus:
    counts: dict[str, int]              # every state, zeros included
    purged: int                         # delivered applications whose payload is gone
    oldest_queued_at: dt.datetime | None
    next_attempt_at: dt.datetime | None  # earliest scheduled retry among queued ones
    last_error: LastError | None        # newest error of a queued or parked application
    payloads_by_key: dict[str, int]     # payload rows per key id (for key rotation)
    # Rows whose key is not in the keyring, per state (every state, zeros included), and
    # per missing key id: counted apart, because no delivery can send them.
    undecryptable: dict[str, int]
    missing_keys: dict[str, int]
    key_ids: tuple[str, ...]            # the keys this store holds

    def as_dict(self, now: dt.datetime) -> dict[str, Any]:
        age = None if self.oldest_queued_at is None else (now - self.oldest_queued_at).total_seconds()
        last = self.last_error
        return {
            "counts": dict(self.counts),
            "purged": self.purged,
            "oldest_queued_at": _iso(self.oldest_queued_at),
            "oldest_queued_age_seconds": None if age is None else round(max(age, 0.0), 3),
            "next_attempt_at": _iso(self.next_attempt_at),
            "last_error": None if last is None else {
                "application_id": last.application_id,
                "application_number": last.application_number,
                "state": last.state.value,
                "at": _iso(last.at),
                "error": last.error,
            },
            "payloads_by_key": dict(self.payloads_by_key),
            "undecryptable": dict(self.undecryptable),
            "missing_keys": dict(self.missing_keys),
            "key_ids": list(self.key_ids),
        }


class ApplicationStore:
    def __init__(self, db_path: Path, key: DataKey | Keyring | KeyFiles) -> None:
        """Open (and migrate) the queue at `db_path`.

        With a DataKey or Keyring the caller chose the keys; with KeyFiles (what the
        kiosk and its tools use) the keyring is opened against the rows waiting in the
        queue, which refuses a missing or foreign key rather than create or accept one.
        """
        self.db_path = Path(db_path)
        self.engine = make_engine(self.db_path)
        self._read_session = sessionmaker(self.engine, expire_on_commit=False)
        self._write_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write_session = sessionmaker(self._write_engine, expire_on_commit=False)
        self._listeners: list[EnqueueListener] = []
        try:
            # A kiosk upgraded in the field migrates its queue here, before any use.
            upgrade(self.engine)
            if isinstance(key, KeyFiles):
                with self.engine.connect() as conn:
                    key = key.open(conn)
        except BaseException:
            self.engine.dispose()
            raise
        self._keys = key if isinstance(key, Keyring) else Keyring(key)

    @classmethod
    def from_config(cls, cfg: Any, *, inspect: bool = False) -> ApplicationStore:
        """The store a kiosk configuration describes (kiosk.config.KioskConfig).

        Raises KeyFileError (QueueKeysMissing when rows wait for a key no file holds).
        With `inspect`, whatever key files load are used and none is created: for
        looking at the queue (`kiosk queue status`) while its keys are wrong.
        """
        files = KeyFiles.from_config(cfg)
        return cls(cfg.database_path, files.inspect() if inspect else files)

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

    @property
    def keyring(self) -> Keyring:
        return self._keys

    def add_enqueue_listener(self, listener: EnqueueListener) -> None:
        """Call `listener(application_id)` after each committed enqueue (e.g. wake delivery)."""
        self._listeners.append(listener)

    def remove_enqueue_listener(self, listener: EnqueueListener) -> None:
        self._listeners.remove(listener)

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
        key = self._keys.current
        nonce, ciphertext = key.encrypt(encoded, _aad(app.application_id))
        try:
            # Core statements, no read before the write: this is the citizen's wait.
            with self._write_engine.begin() as conn:
                conn.execute(insert(ApplicationRow).values(
                    id=app.application_id,
                    application_number=app.application_number,
                    created_at=app.created_at,
                    state=ApplicationState.QUEUED.value,
                    attempts=0,
                    case=app.case.value,
                ))
                conn.execute(insert(ApplicationPayload).values(
                    application_id=app.application_id,
                    key_id=key.key_id,
                    nonce=nonce,
                    ciphertext=ciphertext,
                ))
        except IntegrityError as exc:
            if self._already_queued(app, encoded):
                log.info("application %s was already queued", app.application_id)
                return
            raise DuplicateApplication(
                f"application number {app.application_number} is already used"
            ) from exc
        log.info("application %s queued", app.application_id)
        for listener in list(self._listeners):
            try:
                listener(app.application_id)
            except Exception:  # noqa: BLE001 - the application is saved; a listener must not undo that
                log.warning("enqueue listener failed", exc_info=True)

    def _already_queued(self, app: Application, encoded: bytes) -> bool:
        """After a failed insert: is it this very application (a retried call)?"""
        with self._read_session() as session:
            existing = session.get(ApplicationRow, app.application_id)
            if existing is None:
                return False  # the id is free: it was the number that is taken
            stored = session.get(ApplicationPayload, app.application_id)
            if stored is None:
                raise DuplicateApplication(f"application id {app.application_id} was delivered and purged")
            if json.loads(self._decrypt(stored)) == json.loads(encoded):
                return True
        raise DuplicateApplication(f"application id {app.application_id} is taken by different content")

    def get(self, application_id: str) -> Application:
        with self._read_session() as session:
            row = session.get(ApplicationRow, application_id)
            if row is None:
                raise ApplicationNotFound(application_id)
            stored = session.get(ApplicationPayload, application_id)
            if stored is None:
                raise PayloadPurged(f"application {application_id} was purged after delivery")
            app = Application.from_payload(json.loads(self._decrypt(stored)))
        if app.application_number != row.application_number or app.application_id != row.id:
            # The clear columns were edited: the authenticated payload is the truth.
            raise DecryptionError(f"row {row.id} does not match its encrypted payload")
        return app

    def delivery_document(self, application_id: str, *, queued_only: bool = False) -> bytes:
        """The JSON document sent to the office: the decrypted payload, byte for byte.

        Checked against the clear columns like `get`, so an edited row is never sent
        under another application's number. With `queued_only`, an application that is
        no longer queued (delivered meanwhile by another deliverer) raises NotQueued.
        """
        stmt = (
            select(
                ApplicationRow.application_number,
                ApplicationRow.state,
                ApplicationPayload.key_id,
                ApplicationPayload.nonce,
                ApplicationPayload.ciphertext,
            )
            .select_from(ApplicationRow)
            .outerjoin(ApplicationPayload, ApplicationPayload.application_id == ApplicationRow.id)
            .where(ApplicationRow.id == application_id)
        )
        with self.engine.connect() as conn:
            found = conn.execute(stmt).first()
        if found is None:
            raise ApplicationNotFound(application_id)
        number, state, key_id, nonce, ciphertext = found
        if queued_only and state != ApplicationState.QUEUED.value:
            raise NotQueued(f"application {application_id} is {state}")
        if ciphertext is None:
            raise PayloadPurged(f"application {application_id} was purged after delivery")
        document = self._decrypt(ApplicationPayload(
            application_id=application_id, key_id=key_id, nonce=nonce, ciphertext=ciphertext
        ))
        head = json.loads(document)
        if (head.get("application_id"), head.get("application_number")) != (application_id, number):
            raise DecryptionError(f"row {application_id} does not match its encrypted payload")
        return document

    # -- the queue as technicians and the worker see it ------------------------------

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

    def status(self) -> QueueStatus:
        with self._read_session() as session, session.begin():  # one consistent snapshot
            counts = {state.value: 0 for state in ApplicationState}
            for state, count in session.execute(
                select(ApplicationRow.state, func.count()).group_by(ApplicationRow.state)
            ):
                counts[state] = count
            purged = session.scalar(
                select(func.count()).where(ApplicationRow.purged_at.is_not(None))
            ) or 0
            queued = ApplicationRow.state == ApplicationState.QUEUED.value
            oldest = session.scalar(select(func.min(ApplicationRow.created_at)).where(queued))
            next_at = session.scalar(select(func.min(ApplicationRow.next_attempt_at)).where(queued))
            err = session.scalars(
                select(ApplicationRow)
                .where(
                    ApplicationRow.state.in_(
                        [ApplicationState.QUEUED.value, ApplicationState.PARKED.value]
                    ),
                    ApplicationRow.last_error.is_not(None),
                )
                .order_by(ApplicationRow.last_attempt_at.desc())
                .limit(1)
            ).first()
            by_key = {
                key_id: n
                for key_id, n in session.execute(
                    select(ApplicationPayload.key_id, func.count()).group_by(ApplicationPayload.key_id)
                )
            }
            missing = {k: n for k, n in by_key.items() if k not in self._keys.key_ids}
            undecryptable = {state.value: 0 for state in ApplicationState}
            if missing:  # the join per state only when there is something to report
                for states in rows_by_key(session.connection(), missing).values():
                    for state, n in states.items():
                        undecryptable[state] += n
        # Aggregates may come back without the column type's processing: re-type them.
        return QueueStatus(
            counts=counts,
            purged=purged,
            oldest_queued_at=_as_utc(oldest),
            next_attempt_at=_as_utc(next_at),
            last_error=None if err is None else LastError(
                err.id, err.application_number, ApplicationState(err.state),
                err.last_attempt_at, err.last_error or "",
            ),
            payloads_by_key=by_key,
            undecryptable=undecryptable,
            missing_keys=missing,
            key_ids=tuple(sorted(self._keys.key_ids)),
        )

    def last_delivered_at(self) -> dt.datetime | None:
        """When the office last acknowledged an application (None: never). Purged rows
        keep their time, so a kiosk that purges still knows it (fleet telemetry)."""
        with self.engine.connect() as conn:
            value = conn.execute(select(func.max(ApplicationRow.delivered_at))).scalar()
        return _as_utc(value)

    def next_attempt_at(self) -> dt.datetime | None:
        """The earliest scheduled retry among queued applications (the idle worker's alarm)."""
        with self.engine.connect() as conn:
            value = conn.execute(
                select(func.min(ApplicationRow.next_attempt_at)).where(
                    ApplicationRow.state == ApplicationState.QUEUED.value
                )
            ).scalar()
        return _as_utc(value)

    def entries(
        self, state: ApplicationState | str | None = None, limit: int | None = None
    ) -> list[QueueEntry]:
        """Applications, oldest first, optionally of one state only."""
        stmt = select(ApplicationRow).order_by(ApplicationRow.created_at, ApplicationRow.id)
        if state is not None:
            stmt = stmt.where(ApplicationRow.state == ApplicationState(state).value)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._read_session() as session:
            return [QueueEntry._from_row(row) for row in session.scalars(stmt)]

    def entry(self, id_or_number: str) -> QueueEntry:
        """One application by its id (32 hex digits) or its number as printed on the receipt."""
        with self._read_session() as session:
            row = _find(session, id_or_number)
            return QueueEntry._from_row(row)

    def next_due(self, now: dt.datetime, *, ignore_schedule: bool = False) -> QueueEntry | None:
        """The oldest queued application whose next attempt is due (or any, ignoring schedules)."""
        stmt: Select[tuple[ApplicationRow]] = select(ApplicationRow).where(
            ApplicationRow.state == ApplicationState.QUEUED.value
        )
        if not ignore_schedule:
            stmt = stmt.where(
                or_(ApplicationRow.next_attempt_at.is_(None), ApplicationRow.next_attempt_at <= now)
            )
        stmt = stmt.order_by(ApplicationRow.created_at, ApplicationRow.id).limit(1)
        with self._read_session() as session:
            row = session.scalars(stmt).first()
            return None if row is None else QueueEntry._from_row(row)

    def queued_ids(self) -> list[str]:
        """Ids of every queued application, oldest first (one pass of `deliver --once`)."""
        stmt = (
            select(ApplicationRow.id)
            .where(ApplicationRow.state == ApplicationState.QUEUED.value)
            .order_by(ApplicationRow.created_at, ApplicationRow.id)
        )
        with self._read_session() as session:
            return list(session.scalars(stmt))

    # -- delivery bookkeeping --------------------------------------------------------

    def record_delivered(
        self, application_id: str, *, at: dt.datetime, office_reference: str | None
    ) -> bool:
        """The office acknowledged the application. False if it was no longer queued."""
        changed = self._update_queued(
            application_id,
            state=ApplicationState.DELIVERED.value,
            attempts=ApplicationRow.attempts + 1,
            last_attempt_at=at,
            delivered_at=at,
            next_attempt_at=None,
            last_error=None,
            office_reference=(office_reference or "")[:64] or None,
        )
        if changed:
            log.info("application %s delivered", application_id)
        return changed

    def record_transient_failure(
        self, application_id: str, *, at: dt.datetime, error: str, next_attempt_at: dt.datetime
    ) -> bool:
        """An attempt failed in a way worth retrying; try again not before `next_attempt_at`."""
        return self._update_queued(
            application_id,
            attempts=ApplicationRow.attempts + 1,
            last_attempt_at=at,
            next_attempt_at=next_attempt_at,
            last_error=_bounded(error),
        )

    def record_rejection(self, application_id: str, *, at: dt.datetime, reason: str) -> bool:
        """The office refused the application for good: park it for a technician."""
        changed = self._update_queued(
            application_id,
            state=ApplicationState.PARKED.value,
            attempts=ApplicationRow.attempts + 1,
            last_attempt_at=at,
            next_attempt_at=None,
            last_error=_bounded(reason),
        )
        if changed:
            log.warning("application %s parked: %s", application_id, _bounded(reason))
        return changed

    def retry(self, id_or_number: str) -> QueueEntry:
        """Queue a parked application again (or make a queued one due now)."""
        with self._write_session() as session, session.begin():
            row = _find(session, id_or_number)
            if row.state == ApplicationState.DELIVERED.value:
                raise NotRetryable(f"application {row.id} was already delivered")
            row.state = ApplicationState.QUEUED.value
            row.next_attempt_at = None
            session.flush()
            entry = QueueEntry._from_row(row)
        log.info("application %s queued again by a technician", entry.application_id)
        return entry

    def purge_delivered(self, *, delivered_before: dt.datetime, at: dt.datetime) -> int:
        """Delete the personal payload of applications delivered before `delivered_before`.

        The bookkeeping row stays (number, dates, office reference). `secure_delete` is
        on for every connection, so the freed pages are overwritten with zeros, and the
        WAL is checkpointed and truncated afterwards so no old frame keeps a copy.
        """
        due = (
            select(ApplicationRow.id)
            .where(
                ApplicationRow.state == ApplicationState.DELIVERED.value,
                ApplicationRow.purged_at.is_(None),
                ApplicationRow.delivered_at <= delivered_before,
            )
        )
        with self._write_session() as session, session.begin():
            ids = list(session.scalars(due))
            for start in range(0, len(ids), 500):  # SQLite's bound-parameter limit
                chunk = ids[start:start + 500]
                session.execute(
                    delete(ApplicationPayload).where(ApplicationPayload.application_id.in_(chunk))
                )
                session.execute(
                    update(ApplicationRow).where(ApplicationRow.id.in_(chunk)).values(purged_at=at)
                )
        if ids:
            log.info("purged the personal data of %d delivered applications", len(ids))
            self.checkpoint()
        return len(ids)

    def reencrypt(self, *, batch: int = 100) -> int:
        """Re-encrypt payloads written under an earlier key with the current one.

        Rows under a key this store does not hold are left as they are (`status` counts
        them as undecryptable): nothing could open them to re-encrypt.
        """
        current = self._keys.current
        earlier = sorted(self._keys.key_ids - {current.key_id})
        done = 0
        while earlier:
            with self._write_session() as session, session.begin():
                rows = list(session.scalars(
                    select(ApplicationPayload)
                    .where(ApplicationPayload.key_id.in_(earlier))
                    .limit(batch)
                ))
                for stored in rows:
                    plaintext = self._decrypt(stored)
                    stored.nonce, stored.ciphertext = current.encrypt(plaintext, _aad(stored.application_id))
                    stored.key_id = current.key_id
            done += len(rows)
            if len(rows) < batch:
                break
        if done:
            log.info("re-encrypted %d applications with key %s", done, current.key_id)
            self.checkpoint()
        return done

    # -- maintenance -------------------------------------------------------------------

    def checkpoint(self) -> tuple[int, int, int]:
        """Copy the WAL into the database file and truncate it (busy, log, checkpointed)."""
        with self.engine.connect() as conn:
            # Outside any transaction: use the DBAPI connection, which SQLAlchemy has not begun.
            raw = conn.connection.dbapi_connection
            assert raw is not None
            busy, frames, done = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return busy, frames, done

    def integrity_check(self) -> list[str]:
        """SQLite's `PRAGMA integrity_check`: ["ok"] for a sound database."""
        with self.engine.connect() as conn:
            return [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]

    # -- helpers ---------------------------------------------------------------------

    def _update_queued(self, application_id: str, **values: Any) -> bool:
        stmt = (
            update(ApplicationRow)
            .where(
                ApplicationRow.id == application_id,
                ApplicationRow.state == ApplicationState.QUEUED.value,
            )
            .values(**values)
        )
        with self._write_engine.begin() as conn:
            return conn.execute(stmt).rowcount > 0

    def _decrypt(self, stored: ApplicationPayload) -> bytes:
        key = self._keys.get(stored.key_id)
        if key is None:
            raise KeyMismatch(
                f"application {stored.application_id} was encrypted with key {stored.key_id}, "
                f"this store holds {', '.join(sorted(self._keys.key_ids)) or 'no key'}",
                application_id=stored.application_id,
                key_id=stored.key_id,
            )
        return key.decrypt(stored.nonce, stored.ciphertext, _aad(stored.application_id))


def _find(session: Session, id_or_number: str) -> ApplicationRow:
    text = id_or_number.strip()
    row = session.get(ApplicationRow, text.lower())
    if row is None:
        row = session.scalars(
            select(ApplicationRow).where(ApplicationRow.application_number == text.upper())
        ).first()
    if row is None:
        raise ApplicationNotFound(text)
    return row


def _bounded(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_ERROR_CHARS else text[: MAX_ERROR_CHARS - 1] + "…"


def _as_utc(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def document_bytes(app: Application) -> bytes:
    """The application's JSON document exactly as it is encrypted, stored and delivered."""
    return _encode(app.to_payload())


def _encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def _aad(application_id: str) -> bytes:
    return application_id.encode("ascii")
