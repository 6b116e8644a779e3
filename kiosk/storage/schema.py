"""The queue's database schema as it is at the newest migration, in one module.

The database itself is only ever created and changed by the Alembic migrations in
`kiosk/storage/migrations/` (run when a store opens, see `kiosk.storage.migrate`); this
module is their `target_metadata`, so `alembic revision --autogenerate` diffs against it,
and a test checks that migrating an empty file yields exactly these tables. The naming
convention gives every constraint a stable name, so later migrations can alter them.

Two tables per application, because they live differently:
- `applications` holds the bookkeeping, nothing personal: ids, the application number,
  timestamps, the delivery state and the case kind. Delivery updates it often.
- `application_payloads` holds the encrypted application (names, ID number, contact,
  portrait, signature) and the id of the key that encrypted it. It is written once at
  enqueue and deleted when the delivered application is purged, so delivery updates
  never rewrite the large ciphertext, and purging leaves the bookkeeping row behind
  (counts, "was this number delivered?") with nothing personal in it.

The payload's foreign key has no ON DELETE CASCADE on purpose: a future migration that
rebuilds `applications` (SQLite's way to alter a table) must fail loudly rather than
silently empty the payloads when it drops the old table.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.storage.application_state import ApplicationState  # noqa: F401 - re-exported: the schema's states

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out.

    SQLite has no time zone type and SQLAlchemy's DateTime returns naive values from it;
    this stores naive UTC and re-attaches UTC on the way out, so no caller ever compares
    a naive and an aware time.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ApplicationRow(Base):
    __tablename__ = "applications"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # uuid4 hex, idempotency key
    application_number: Mapped[str] = mapped_column(String(48), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(16), default=ApplicationState.QUEUED.value)
    case: Mapped[str] = mapped_column(String(16))
    # Delivery bookkeeping (kiosk.delivery). last_error never holds personal data: it is
    # an HTTP status with the office's error code, or a transport error's class name.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
    # Not before this time (backoff and Retry-After); NULL = as soon as possible.
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
    office_reference: Mapped[str | None] = mapped_column(String(64), default=None)
    # When the payload was deleted after the retention period (delivered rows only).
    purged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)

    __table_args__ = (
        CheckConstraint(
            "state IN ('queued', 'delivered', 'parked')", name="state_known"
        ),
        CheckConstraint("attempts >= 0", name="attempts_non_negative"),
        CheckConstraint(
            "purged_at IS NULL OR state = 'delivered'", name="purged_only_when_delivered"
        ),
        # The delivery worker takes the oldest queued rows first.
        Index("ix_applications_state_created_at", "state", "created_at"),
    )


class ApplicationPayload(Base):
    """The encrypted application (kiosk.storage.crypto): which key, GCM nonce, ciphertext+tag."""

    __tablename__ = "application_payloads"

    application_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("applications.id"), primary_key=True
    )
    key_id: Mapped[str] = mapped_column(String(8))
    nonce: Mapped[bytes] = mapped_column(LargeBinary(12))
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)

    # Counting rows per key (rotation) from this small index instead of the table,
    # whose ~4 KB leaf cells would make it a scan of megabytes with a large backlog.
    __table_args__ = (Index("ix_application_payloads_key_id", "key_id"),)


class ApplicationSequence(Base):
    """Last application number issued per kiosk and (local) day."""

    __tablename__ = "application_sequences"

    kiosk_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)

    __table_args__ = (CheckConstraint("last_value >= 1", name="last_value_positive"),)
