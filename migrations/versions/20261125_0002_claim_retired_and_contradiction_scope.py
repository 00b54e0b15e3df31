"""Claim retired flag (re-extraction) and contradiction scope (cross- or intra-source).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 02:12:34.688139
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("retired", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("contradiction", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("scope", sa.String(length=8), server_default="cross", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("contradiction", schema=None) as batch_op:
        batch_op.drop_column("scope")
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_column("retired")
