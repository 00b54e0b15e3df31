"""A figure's frame on claims: portion (total or part), status (reported, official,
estimate, projection, negated), cumulative, the earlier figure a claim revises, and the
place an event count counts within its incident.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 05:00:00

Vocabularies are spelled out here, not read from ``factdb.vocabulary``: a migration keeps
the schema of its own revision. Existing claims become reported totals, not cumulative, with
no revision link, which is what the extractor before this revision meant;
``factdb reextract`` fills the frame in from the stored texts. Downgrading drops the frame.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PORTIONS = "portion IN ('total', 'part')"
STATUSES = "status IN ('reported', 'official', 'estimate', 'projection', 'negated', 'previous')"
REVISION_KINDS = "revision_kind IS NULL OR revision_kind IN ('update', 'correction')"


def upgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("portion", sa.String(length=8), server_default="total", nullable=False)
        )
        batch_op.add_column(
            sa.Column("status", sa.String(length=16), server_default="reported", nullable=False)
        )
        batch_op.add_column(
            sa.Column("cumulative", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("previous_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("revision_kind", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("counted_place_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_claim_counted_place_id_entity"), "entity", ["counted_place_id"], ["id"]
        )
        batch_op.create_index(batch_op.f("ix_claim_previous_id"), ["previous_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_claim_previous_id_claim"),
            "claim",
            ["previous_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_check_constraint(batch_op.f("ck_claim_portion"), PORTIONS)
        batch_op.create_check_constraint(batch_op.f("ck_claim_status"), STATUSES)
        batch_op.create_check_constraint(batch_op.f("ck_claim_revision_kind"), REVISION_KINDS)


def downgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_claim_revision_kind"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_claim_status"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_claim_portion"), type_="check")
        batch_op.drop_constraint(batch_op.f("fk_claim_counted_place_id_entity"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_claim_previous_id_claim"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_claim_previous_id"))
        batch_op.drop_column("counted_place_id")
        batch_op.drop_column("revision_kind")
        batch_op.drop_column("previous_id")
        batch_op.drop_column("cumulative")
        batch_op.drop_column("status")
        batch_op.drop_column("portion")
