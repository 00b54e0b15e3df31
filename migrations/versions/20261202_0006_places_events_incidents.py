"""Places, events and incidents: place hierarchy on entities, provenance on sources, the
event, incident and incident_correction tables, and the event a claim counts.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 01:00:00

Vocabularies (event kinds, correction kinds) are spelled out here, not read from
``factdb.vocabulary``: a migration keeps the schema of its own revision. Downgrading drops
events, incidents and corrections (re-extraction and ``incidents rebuild`` make the first
two again; corrections are people's work and are lost).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENT_KINDS = (
    "kind IN ('shooting', 'attack', 'bombing', 'earthquake', 'storm', 'flood', 'fire', "
    "'crash', 'deployment', 'election', 'other')"
)
CORRECTION_KINDS = "kind IN ('together', 'apart')"


def upgrade() -> None:
    with op.batch_alter_table("entity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("latitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("longitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("gazetteer_key", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_entity_parent_id"), ["parent_id"], unique=False)
        batch_op.create_unique_constraint(batch_op.f("uq_entity_gazetteer_key"), ["gazetteer_key"])
        batch_op.create_foreign_key(
            batch_op.f("fk_entity_parent_id_entity"),
            "entity",
            ["parent_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wire", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("dateline", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("place_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_source_place_id_entity"), "entity", ["place_id"], ["id"]
        )
    op.create_table(
        "incident",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("region", sa.String(length=64), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("sketch", sa.JSON(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.CheckConstraint(EVENT_KINDS, name=op.f("ck_incident_kind")),
        sa.ForeignKeyConstraint(
            ["place_id"], ["entity.id"], name=op.f("fk_incident_place_id_entity")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident")),
    )
    op.create_index(
        "ix_incident_block", "incident", ["kind", "region", "date_start", "date_end"], unique=False
    )
    op.create_index(
        "ix_incident_place", "incident", ["kind", "place_id", "date_start"], unique=False
    )
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("main", sa.Boolean(), nullable=False),
        sa.Column("sentence_index", sa.Integer(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("participants", sa.JSON(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("extractor_version", sa.String(length=32), nullable=False),
        sa.CheckConstraint(EVENT_KINDS, name=op.f("ck_event_kind")),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incident.id"],
            name=op.f("fk_event_incident_id_incident"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["place_id"], ["entity.id"], name=op.f("fk_event_place_id_entity")),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["source_revision.id"],
            name=op.f("fk_event_revision_id_source_revision"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_event_source_id_source"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("revision_id", "index", name=op.f("uq_event_revision_id_index")),
    )
    op.create_index(op.f("ix_event_incident_id"), "event", ["incident_id"], unique=False)
    op.create_index(op.f("ix_event_source_id"), "event", ["source_id"], unique=False)
    op.create_index(
        "ix_event_unassigned",
        "event",
        ["kind", "date_start"],
        unique=False,
        sqlite_where=sa.text("incident_id IS NULL"),
        postgresql_where=sa.text("incident_id IS NULL"),
    )
    op.create_table(
        "incident_term",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incident.id"],
            name=op.f("fk_incident_term_incident_id_incident"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("incident_id", "term", name=op.f("pk_incident_term")),
    )
    op.create_index(
        "ix_incident_term_lookup", "incident_term", ["kind", "term", "date_start"], unique=False
    )
    op.create_table(
        "incident_correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("source_a_id", sa.Integer(), nullable=False),
        sa.Column("source_b_id", sa.Integer(), nullable=False),
        sa.Column("reviewer", sa.String(length=255), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.CheckConstraint(CORRECTION_KINDS, name=op.f("ck_incident_correction_kind")),
        sa.ForeignKeyConstraint(
            ["source_a_id"],
            ["source.id"],
            name=op.f("fk_incident_correction_source_a_id_source"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_b_id"],
            ["source.id"],
            name=op.f("fk_incident_correction_source_b_id_source"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_correction")),
    )
    op.create_index(
        op.f("ix_incident_correction_source_a_id"),
        "incident_correction",
        ["source_a_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_incident_correction_source_b_id"),
        "incident_correction",
        ["source_b_id"],
        unique=False,
    )
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.add_column(sa.Column("event_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_claim_event_id"), ["event_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_claim_event_id_event"),
            "event",
            ["event_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_claim_event_id_event"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_claim_event_id"))
        batch_op.drop_column("event_id")
    op.drop_table("incident_correction")
    op.drop_table("incident_term")
    op.drop_table("event")
    op.drop_table("incident")
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_source_place_id_entity"), type_="foreignkey")
        batch_op.drop_column("place_id")
        batch_op.drop_column("dateline")
        batch_op.drop_column("wire")
    with op.batch_alter_table("entity", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_entity_parent_id_entity"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("uq_entity_gazetteer_key"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_entity_parent_id"))
        batch_op.drop_column("gazetteer_key")
        batch_op.drop_column("longitude")
        batch_op.drop_column("latitude")
        batch_op.drop_column("parent_id")
