"""The queue's database schema, all of it, in one module.

Tables are created with `metadata.create_all` for now. When Alembic arrives (a later
issue), its first revision is generated from this module's `Base.metadata`
(`target_metadata = kiosk.storage.schema.Base.metadata` in env.py); the naming
convention below gives every constraint a stable name so later migrations can alter
them on SQLite (batch mode needs names).

Only non-personal data is stored in clear: ids, the application number, timestamps,
the delivery state and the case kind. Everything else is in `ciphertext`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
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

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class ApplicationState(StrEnum):
    QUEUED = "queued"        # saved, waiting for delivery
    DELIVERED = "delivered"  # acknowledged by the central office
    PARKED = "parked"        # rejected permanently; a technician must look


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
    # Delivery bookkeeping; written by the delivery worker of a later issue.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
    case: Mapped[str] = mapped_column(String(16))
    # Encrypted payload (kiosk.storage.crypto): which key, the GCM nonce, ciphertext+tag.
    key_id: Mapped[str] = mapped_column(String(8))
    nonce: Mapped[bytes] = mapped_column(LargeBinary(12))
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (
        CheckConstraint(
            "state IN ('queued', 'delivered', 'parked')", name="state_known"
        ),
        CheckConstraint("attempts >= 0", name="attempts_non_negative"),
        # The delivery worker takes the oldest queued rows first.
        Index("ix_applications_state_created_at", "state", "created_at"),
    )


class ApplicationSequence(Base):
    """Last application number issued per kiosk and (local) day."""

    __tablename__ = "application_sequences"

    kiosk_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)

    __table_args__ = (CheckConstraint("last_value >= 1", name="last_value_positive"),)
