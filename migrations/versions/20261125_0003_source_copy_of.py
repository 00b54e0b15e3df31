"""Syndicated copies: a source can point at the source whose text it repeats.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 03:10:00

Downgrading keeps the copy rows as plain sources without revisions.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.add_column(sa.Column("copy_of_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_source_copy_of_id"), ["copy_of_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_source_copy_of_id_source"),
            "source",
            ["copy_of_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_source_copy_of_id_source"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_source_copy_of_id"))
        batch_op.drop_column("copy_of_id")
