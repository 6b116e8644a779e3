"""Move the encrypted payload to its own table; add delivery bookkeeping.

The payload leaves `applications` so that delivery updates (attempts, errors, state)
rewrite a small row instead of the ~80 KB ciphertext, and so that purging a delivered
application is a DELETE of its payload row. New bookkeeping columns: last_attempt_at,
next_attempt_at (backoff and Retry-After survive a restart), office_reference (the
office's acknowledgement) and purged_at.

SQLite cannot drop columns that carry constraints in place, so `applications` is
rebuilt by hand: renamed aside, created anew, its rows copied into both new tables,
then the old one dropped. (Alembic's batch mode does the same rebuild, but would drop
the old table while the new payload table's foreign key points at it.) Everything runs
in the caller's single transaction (see env.py).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_applications_state_created_at", table_name="applications")
    op.rename_table("applications", "applications_0001")
    op.create_table(
        "applications",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("application_number", sa.String(48), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("case", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.Column("office_reference", sa.String(64), nullable=True),
        sa.Column("purged_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
        sa.CheckConstraint(
            "state IN ('queued', 'delivered', 'parked')", name=op.f("ck_applications_state_known")
        ),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_applications_attempts_non_negative")),
        sa.CheckConstraint(
            "purged_at IS NULL OR state = 'delivered'",
            name=op.f("ck_applications_purged_only_when_delivered"),
        ),
        sa.UniqueConstraint("application_number", name=op.f("uq_applications_application_number")),
    )
    op.create_index(op.f("ix_applications_state_created_at"), "applications", ["state", "created_at"])
    op.create_table(
        "application_payloads",
        sa.Column("application_id", sa.String(32), nullable=False),
        sa.Column("key_id", sa.String(8), nullable=False),
        sa.Column("nonce", sa.LargeBinary(12), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_application_payloads_application_id_applications"),
        ),
        sa.PrimaryKeyConstraint("application_id", name=op.f("pk_application_payloads")),
    )
    op.create_index(op.f("ix_application_payloads_key_id"), "application_payloads", ["key_id"])
    op.execute(
        "INSERT INTO applications (id, application_number, created_at, state, \"case\", "
        "attempts, last_error, delivered_at) "
        "SELECT id, application_number, created_at, state, \"case\", attempts, last_error, "
        "delivered_at FROM applications_0001"
    )
    op.execute(
        "INSERT INTO application_payloads (application_id, key_id, nonce, ciphertext) "
        "SELECT id, key_id, nonce, ciphertext FROM applications_0001"
    )
    op.drop_table("applications_0001")


def downgrade() -> None:
    raise NotImplementedError("the application queue is not downgraded")
