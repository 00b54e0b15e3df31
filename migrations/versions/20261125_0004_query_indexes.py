"""Query indexes: claims by subject, place or speaker in source order (partial, NOT NULL).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 05:00:00

Replaces the single-column location and speaker indexes, whose NULL majority made SQLite's
statistics rate ``speaker_id = ?`` as matching every row (benchmarks/queries.md). Only
indexes change: no table is copied, on SQLite either.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES = ("subject", "location", "speaker")


def upgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        for role in ROLES:
            where = sa.text(f"{role}_id IS NOT NULL")
            batch_op.create_index(
                f"ix_claim_{role}_source",
                [f"{role}_id", "source_id"],
                unique=False,
                sqlite_where=where,
                postgresql_where=where,
            )
        batch_op.drop_index(batch_op.f("ix_claim_location_id"))
        batch_op.drop_index(batch_op.f("ix_claim_speaker_id"))


def downgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_speaker_id"), ["speaker_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_location_id"), ["location_id"], unique=False)
        for role in reversed(ROLES):
            batch_op.drop_index(f"ix_claim_{role}_source")
