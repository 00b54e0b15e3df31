"""Initial schema: sources, revisions, entities, aliases, claims, contradictions, reviews.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 01:53:24.283511
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('entity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('wikidata_id', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entity')),
    sa.UniqueConstraint('name', name=op.f('uq_entity_name'))
    )
    op.create_table('source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=2048), nullable=False),
    sa.Column('url', sa.String(length=2048), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('outlet', sa.String(length=255), nullable=True),
    sa.Column('authors', sa.JSON(), nullable=False),
    sa.Column('published_at', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('meta', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source')),
    sa.UniqueConstraint('key', name=op.f('uq_source_key'))
    )
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_outlet'), ['outlet'], unique=False)
        batch_op.create_index(batch_op.f('ix_source_published_at'), ['published_at'], unique=False)

    op.create_table('entity_alias',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=255), nullable=False),
    sa.Column('normalised', sa.String(length=255), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entity.id'], name=op.f('fk_entity_alias_entity_id_entity'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entity_alias')),
    sa.UniqueConstraint('normalised', name=op.f('uq_entity_alias_normalised'))
    )
    with op.batch_alter_table('entity_alias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entity_alias_entity_id'), ['entity_id'], unique=False)

    op.create_table('source_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('extractor_version', sa.String(length=32), nullable=False),
    sa.Column('ingested_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_source_revision_source_id_source'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_revision')),
    sa.UniqueConstraint('source_id', 'number', name=op.f('uq_source_revision_source_id_number'))
    )
    with op.batch_alter_table('source_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_revision_sha256'), ['sha256'], unique=False)

    op.create_table('claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('revision_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('sentence_index', sa.Integer(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('measure', sa.String(length=64), nullable=True),
    sa.Column('verb', sa.String(length=64), nullable=True),
    sa.Column('verb_class', sa.String(length=16), nullable=True),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.Column('value_low', sa.Float(), nullable=True),
    sa.Column('value_high', sa.Float(), nullable=True),
    sa.Column('low_open', sa.Boolean(), nullable=False),
    sa.Column('high_open', sa.Boolean(), nullable=False),
    sa.Column('likely_low', sa.Float(), nullable=True),
    sa.Column('likely_high', sa.Float(), nullable=True),
    sa.Column('qualifier', sa.String(length=32), nullable=True),
    sa.Column('unit', sa.String(length=32), nullable=True),
    sa.Column('value_text', sa.String(length=255), nullable=True),
    sa.Column('value_start', sa.Integer(), nullable=True),
    sa.Column('value_end', sa.Integer(), nullable=True),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('date_text', sa.String(length=255), nullable=True),
    sa.Column('as_of', sa.Date(), nullable=True),
    sa.Column('speaker_id', sa.Integer(), nullable=True),
    sa.Column('speaker_name', sa.String(length=255), nullable=True),
    sa.Column('reporting_verb', sa.String(length=32), nullable=True),
    sa.Column('quote', sa.Text(), nullable=True),
    sa.Column('hedged', sa.Boolean(), nullable=False),
    sa.Column('superseded', sa.Boolean(), nullable=False),
    sa.Column('extractor_version', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("kind IN ('quantity', 'event', 'quote', 'role')", name=op.f('ck_claim_kind')),
    sa.ForeignKeyConstraint(['location_id'], ['entity.id'], name=op.f('fk_claim_location_id_entity')),
    sa.ForeignKeyConstraint(['revision_id'], ['source_revision.id'], name=op.f('fk_claim_revision_id_source_revision'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_claim_source_id_source'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_id'], ['entity.id'], name=op.f('fk_claim_speaker_id_entity')),
    sa.ForeignKeyConstraint(['subject_id'], ['entity.id'], name=op.f('fk_claim_subject_id_entity')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim')),
    sa.UniqueConstraint('revision_id', 'fingerprint', name=op.f('uq_claim_revision_id_fingerprint'))
    )
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.create_index('ix_claim_key', ['subject_id', 'measure', 'verb_class', 'location_id', 'as_of'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_location_id'), ['location_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_revision_id'), ['revision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_speaker_id'), ['speaker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_superseded'), ['superseded'], unique=False)

    op.create_table('contradiction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_a_id', sa.Integer(), nullable=False),
    sa.Column('claim_b_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('hardness', sa.String(length=8), nullable=False),
    sa.Column('severity', sa.Float(), nullable=False),
    sa.Column('detector_version', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("status IN ('open', 'confirmed', 'dismissed', 'resolved', 'stale')", name=op.f('ck_contradiction_status')),
    sa.CheckConstraint('claim_a_id < claim_b_id', name=op.f('ck_contradiction_ordered_pair')),
    sa.ForeignKeyConstraint(['claim_a_id'], ['claim.id'], name=op.f('fk_contradiction_claim_a_id_claim'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['claim_b_id'], ['claim.id'], name=op.f('fk_contradiction_claim_b_id_claim'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contradiction')),
    sa.UniqueConstraint('claim_a_id', 'claim_b_id', name=op.f('uq_contradiction_claim_a_id_claim_b_id'))
    )
    with op.batch_alter_table('contradiction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contradiction_claim_b_id'), ['claim_b_id'], unique=False)
        batch_op.create_index('ix_contradiction_status_severity', ['status', 'severity'], unique=False)

    op.create_table('review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contradiction_id', sa.Integer(), nullable=False),
    sa.Column('reviewer', sa.String(length=255), nullable=False),
    sa.Column('old_status', sa.String(length=16), nullable=False),
    sa.Column('new_status', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['contradiction_id'], ['contradiction.id'], name=op.f('fk_review_contradiction_id_contradiction'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review'))
    )
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_contradiction_id'), ['contradiction_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_contradiction_id'))

    op.drop_table('review')
    with op.batch_alter_table('contradiction', schema=None) as batch_op:
        batch_op.drop_index('ix_contradiction_status_severity')
        batch_op.drop_index(batch_op.f('ix_contradiction_claim_b_id'))

    op.drop_table('contradiction')
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_superseded'))
        batch_op.drop_index(batch_op.f('ix_claim_speaker_id'))
        batch_op.drop_index(batch_op.f('ix_claim_source_id'))
        batch_op.drop_index(batch_op.f('ix_claim_revision_id'))
        batch_op.drop_index(batch_op.f('ix_claim_location_id'))
        batch_op.drop_index('ix_claim_key')

    op.drop_table('claim')
    with op.batch_alter_table('source_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_revision_sha256'))

    op.drop_table('source_revision')
    with op.batch_alter_table('entity_alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entity_alias_entity_id'))

    op.drop_table('entity_alias')
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_published_at'))
        batch_op.drop_index(batch_op.f('ix_source_outlet'))

    op.drop_table('source')
    op.drop_table('entity')
