"""Drop the claim kind ``role``: the claim.kind CHECK constraint allows quantity, event, quote.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 22:50:00

No extractor ever produced a ``role`` claim, so no stored row fails the narrower check.
The values are spelled out here, not read from ``factdb.vocabulary``: a migration keeps the
schema of its own revision. On SQLite the batch copies the claim table (a CHECK constraint
cannot be altered in place); PostgreSQL drops and adds the constraint.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = "kind IN ('quantity', 'event', 'quote')"
KINDS_WITH_ROLE = "kind IN ('quantity', 'event', 'quote', 'role')"


def _check_kinds(condition: str) -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_claim_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_claim_kind"), condition)


def upgrade() -> None:
    _check_kinds(KINDS)


def downgrade() -> None:
    _check_kinds(KINDS_WITH_ROLE)
