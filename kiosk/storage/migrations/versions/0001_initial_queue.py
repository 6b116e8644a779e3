"""The first queue schema (the one the skeleton created with create_all).

Kiosks that ran the skeleton have exactly these tables but no alembic_version table;
`kiosk.storage.migrate` stamps them with this revision before upgrading, so their
queued applications are migrated rather than lost.

Migrations are frozen history: they spell out their tables instead of importing
kiosk.storage.schema, which moves on. Constraint names are given in full and wrapped in
op.f() ("already final"): otherwise Alembic applies the metadata's naming convention to
them a second time (ck_applications_ck_applications_...).

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("application_number", sa.String(48), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.Column("case", sa.String(16), nullable=False),
        sa.Column("key_id", sa.String(8), nullable=False),
        sa.Column("nonce", sa.LargeBinary(12), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
        sa.CheckConstraint(
            "state IN ('queued', 'delivered', 'parked')", name=op.f("ck_applications_state_known")
        ),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_applications_attempts_non_negative")),
        sa.UniqueConstraint("application_number", name=op.f("uq_applications_application_number")),
    )
    op.create_index(op.f("ix_applications_state_created_at"), "applications", ["state", "created_at"])
    op.create_table(
        "application_sequences",
        sa.Column("kiosk_id", sa.String(32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kiosk_id", "day", name=op.f("pk_application_sequences")),
        sa.CheckConstraint("last_value >= 1", name=op.f("ck_application_sequences_last_value_positive")),
    )


def downgrade() -> None:
    raise NotImplementedError("the application queue is not downgraded")
