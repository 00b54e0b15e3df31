"""SQLAlchemy 2 models: the versioned schema (changed only through Alembic migrations).

Shapes follow DESIGN.md: a source has numbered revisions; claims point at the revision they
were extracted from; contradictions pair two claims and carry an append-only review log.
Every constraint is named through the naming convention so SQLite batch migrations can
drop and recreate them. A column holding a closed set of words checks it with a CHECK
constraint built from its ``factdb.vocabulary`` enum; the comment on such a column names it.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ColumnElement,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from factdb.vocabulary import (
    ClaimKind,
    ContradictionStatus,
    CorrectionKind,
    EventKind,
    FigureStatus,
    Portion,
    RevisionKind,
    Scope,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _one_of(column: str, vocabulary: type[StrEnum], name: str) -> CheckConstraint:
    """``column IN (...)`` over every value of a vocabulary: the schema's check of that set."""
    values = ", ".join(f"'{value}'" for value in vocabulary)
    return CheckConstraint(f"{column} IN ({values})", name=name)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Source(Base):
    """One article, identified by its natural key (url, else file path, else text hash)."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(2048), unique=True)
    url: Mapped[str | None] = mapped_column(String(2048))
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(255), index=True)
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    published_at: Mapped[date | None] = mapped_column(Date, index=True)
    language: Mapped[str | None] = mapped_column(String(16))
    meta: Mapped[dict] = mapped_column(JSON, default=dict)
    # a syndicated copy: the same text under another url; it has no revisions of its own
    copy_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("source.id", ondelete="SET NULL"), index=True
    )
    # provenance found in the text (never a claim's subject): "Associated Press", the
    # opening "FOREST, Miss. (AP) —", and the place entity that dateline resolves to
    wire: Mapped[str | None] = mapped_column(String(255))
    dateline: Mapped[str | None] = mapped_column(String(255))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("entity.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    place: Mapped[Entity | None] = relationship(foreign_keys=[place_id])
    revisions: Mapped[list[SourceRevision]] = relationship(
        back_populates="source", order_by="SourceRevision.number"
    )


class SourceRevision(Base):
    """The text of a source as it was read once; a changed text is a new revision."""

    __tablename__ = "source_revision"
    __table_args__ = (UniqueConstraint("source_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    extractor_version: Mapped[str] = mapped_column(String(32))
    ingested_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    source: Mapped[Source] = relationship(back_populates="revisions")


class Entity(Base):
    """Something claims are about or made by: a country, organisation, person, place..."""

    __tablename__ = "entity"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(32), default="other")
    wikidata_id: Mapped[str | None] = mapped_column(String(32))
    # places (kind a PlaceKind): the enclosing place, coordinates, the gazetteer's stable id
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("entity.id", ondelete="SET NULL"), index=True
    )
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    gazetteer_key: Mapped[str | None] = mapped_column(String(64), unique=True)

    aliases: Mapped[list[EntityAlias]] = relationship(back_populates="entity")
    parent: Mapped[Entity | None] = relationship(remote_side=[id])

    def chain(self) -> list[Entity]:
        """This entity and its enclosing places, most specific first."""
        out: list[Entity] = []
        node: Entity | None = self
        while node is not None and node not in out:
            out.append(node)
            node = node.parent
        return out


class EntityAlias(Base):
    """A name that resolves to one entity; ``normalised`` is the lookup key."""

    __tablename__ = "entity_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    alias: Mapped[str] = mapped_column(String(255))
    normalised: Mapped[str] = mapped_column(String(255), unique=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"), index=True)
    origin: Mapped[str] = mapped_column(String(16), default="gazetteer")  # gazetteer|text|user

    entity: Mapped[Entity] = relationship(back_populates="aliases")


class Claim(Base):
    """One checkable claim with its provenance (revision, sentence, span)."""

    __tablename__ = "claim"
    __table_args__ = (
        UniqueConstraint("revision_id", "fingerprint"),
        _one_of("kind", ClaimKind, name="kind"),
        _one_of("portion", Portion, name="portion"),
        _one_of("status", FigureStatus, name="status"),
        CheckConstraint(
            f"revision_kind IS NULL OR revision_kind IN "
            f"({', '.join(repr(k.value) for k in RevisionKind)})",
            name="revision_kind",
        ),
        Index("ix_claim_key", "subject_id", "measure", "verb_class", "location_id", "as_of"),
        # ``claims --entity X`` in source order, one index per role. Partial: most claims
        # have no place or speaker, and with the NULLs indexed SQLite's statistics rate
        # ``speaker_id = ?`` as matching every row and the planner scans the table instead.
        Index(
            "ix_claim_subject_source",
            "subject_id",
            "source_id",
            sqlite_where=text("subject_id IS NOT NULL"),
            postgresql_where=text("subject_id IS NOT NULL"),
        ),
        Index(
            "ix_claim_location_source",
            "location_id",
            "source_id",
            sqlite_where=text("location_id IS NOT NULL"),
            postgresql_where=text("location_id IS NOT NULL"),
        ),
        Index(
            "ix_claim_speaker_source",
            "speaker_id",
            "source_id",
            sqlite_where=text("speaker_id IS NOT NULL"),
            postgresql_where=text("speaker_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("source_revision.id", ondelete="CASCADE"), index=True
    )
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # ClaimKind
    fingerprint: Mapped[str] = mapped_column(String(64))
    sentence_index: Mapped[int] = mapped_column(Integer)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("entity.id"))
    measure: Mapped[str | None] = mapped_column(String(64))
    verb: Mapped[str | None] = mapped_column(String(64))
    verb_class: Mapped[str | None] = mapped_column(String(16))  # VerbClass
    location_id: Mapped[int | None] = mapped_column(ForeignKey("entity.id"))
    value_low: Mapped[float | None] = mapped_column(Float)
    value_high: Mapped[float | None] = mapped_column(Float)
    low_open: Mapped[bool] = mapped_column(Boolean, default=False)
    high_open: Mapped[bool] = mapped_column(Boolean, default=False)
    likely_low: Mapped[float | None] = mapped_column(Float)
    likely_high: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str | None] = mapped_column(String(32))
    unit: Mapped[str | None] = mapped_column(String(32))
    value_text: Mapped[str | None] = mapped_column(String(255))
    value_start: Mapped[int | None] = mapped_column(Integer)
    value_end: Mapped[int | None] = mapped_column(Integer)
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    date_text: Mapped[str | None] = mapped_column(String(255))
    as_of: Mapped[date | None] = mapped_column(Date)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("entity.id"))
    # the event this figure counts (its incident is the event's)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("event.id", ondelete="SET NULL"), index=True
    )
    speaker_name: Mapped[str | None] = mapped_column(String(255))
    reporting_verb: Mapped[str | None] = mapped_column(String(32))
    quote: Mapped[str | None] = mapped_column(Text)
    hedged: Mapped[bool] = mapped_column(Boolean, default=False)
    # the figure's frame (quantities): see README "Claim semantics" and factdb.vocabulary
    portion: Mapped[str] = mapped_column(
        String(8), default=Portion.total.value, server_default=Portion.total.value
    )
    status: Mapped[str] = mapped_column(
        String(16), default=FigureStatus.reported.value, server_default=FigureStatus.reported.value
    )
    cumulative: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    previous_id: Mapped[int | None] = mapped_column(
        ForeignKey("claim.id", ondelete="SET NULL"), index=True
    )
    revision_kind: Mapped[str | None] = mapped_column(String(16))  # RevisionKind
    # where an event count counts within its incident: NULL for the whole incident, else a
    # narrower or other place its sentence names (ClaimRecord.counted_place)
    counted_place_id: Mapped[int | None] = mapped_column(ForeignKey("entity.id"))
    superseded: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # re-extraction no longer finds this claim in its (current) revision: kept, not deleted
    retired: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    extractor_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    revision: Mapped[SourceRevision] = relationship()
    source: Mapped[Source] = relationship()
    subject: Mapped[Entity | None] = relationship(foreign_keys=[subject_id])
    location: Mapped[Entity | None] = relationship(foreign_keys=[location_id])
    counted_place: Mapped[Entity | None] = relationship(foreign_keys=[counted_place_id])
    speaker: Mapped[Entity | None] = relationship(foreign_keys=[speaker_id])
    event: Mapped[Event | None] = relationship()

    @classmethod
    def is_current(cls, *, by_index: bool = True) -> tuple[ColumnElement[bool], ...]:
        """What makes a claim current, the one definition: its revision is the newest
        (not superseded) and re-extraction still finds it (not retired). Also works on an
        ``aliased(Claim)``, whose columns it then uses. ``by_index=False`` spells the same
        test as "IS NOT true", which SQLite without statistics will not answer by walking
        ``ix_claim_superseded`` (every current claim) when another index is narrower."""
        superseded = cls.superseded.is_(False) if by_index else cls.superseded.is_not(True)
        return (superseded, cls.retired.is_(False))


class Contradiction(Base):
    """Two claims that cannot both be true; ``claim_a_id < claim_b_id`` keeps the pair unique."""

    __tablename__ = "contradiction"
    __table_args__ = (
        UniqueConstraint("claim_a_id", "claim_b_id"),
        CheckConstraint("claim_a_id < claim_b_id", name="ordered_pair"),
        _one_of("status", ContradictionStatus, name="status"),
        Index("ix_contradiction_status_severity", "status", "severity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_a_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"))
    claim_b_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # ContradictionKind
    scope: Mapped[str] = mapped_column(
        String(8), default=Scope.cross.value, server_default=Scope.cross.value
    )
    hardness: Mapped[str] = mapped_column(String(8))  # Hardness
    severity: Mapped[float] = mapped_column(Float)
    detector_version: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default=ContradictionStatus.open.value)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    claim_a: Mapped[Claim] = relationship(foreign_keys=[claim_a_id])
    claim_b: Mapped[Claim] = relationship(foreign_keys=[claim_b_id])
    reviews: Mapped[list[Review]] = relationship(
        back_populates="contradiction", order_by="Review.id"
    )


class Review(Base):
    """Append-only log of what a person decided about a contradiction."""

    __tablename__ = "review"

    id: Mapped[int] = mapped_column(primary_key=True)
    contradiction_id: Mapped[int] = mapped_column(
        ForeignKey("contradiction.id", ondelete="CASCADE"), index=True
    )
    reviewer: Mapped[str] = mapped_column(String(255))
    old_status: Mapped[str] = mapped_column(String(16))  # ContradictionStatus
    new_status: Mapped[str] = mapped_column(String(16))  # ContradictionStatus
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    contradiction: Mapped[Contradiction] = relationship(back_populates="reviews")


class Incident(Base):
    """One real-world event reported by one or more sources: the union of its events.

    ``region`` is the blocking key (``factdb.incidents.cluster.region`` of the place chain):
    a new event is compared only with incidents of its kind and region near its dates,
    read through ``ix_incident_block``. ``sketch`` holds the clustering evidence
    (``IncidentSketch``: place keys, dates, participants, keywords, sources).
    """

    __tablename__ = "incident"
    __table_args__ = (
        _one_of("kind", EventKind, name="kind"),
        # date_end too, so the overlap test is read from the index: only the incidents an
        # event can join are fetched from the table (their sketch)
        Index("ix_incident_block", "kind", "region", "date_start", "date_end"),
        # follow-ups (an arrest, a trial, months later) are looked for at the event's place
        Index("ix_incident_place", "kind", "place_id", "date_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # EventKind
    place_id: Mapped[int | None] = mapped_column(ForeignKey("entity.id"))
    region: Mapped[str | None] = mapped_column(String(64))
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    sketch: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    place: Mapped[Entity | None] = relationship()
    events: Mapped[list[Event]] = relationship(back_populates="incident", order_by="Event.id")


class Event(Base):
    """A real-world event one revision of an article reports (replaced on re-extraction)."""

    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("revision_id", "index"),
        _one_of("kind", EventKind, name="kind"),
        # passing mentions waiting for an incident (``EventSketch.main``): a new incident
        # adopts those near it. Partial, so it holds only the few unassigned events.
        Index(
            "ix_event_unassigned",
            "kind",
            "date_start",
            sqlite_where=text("incident_id IS NULL"),
            postgresql_where=text("incident_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("source_revision.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column(Integer)  # EventRecord.index within the article
    kind: Mapped[str] = mapped_column(String(16))  # EventKind
    main: Mapped[bool] = mapped_column(Boolean, default=False)
    sentence_index: Mapped[int] = mapped_column(Integer)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("entity.id"))
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    participants: Mapped[list[str]] = mapped_column(JSON, default=list)
    keywords: Mapped[dict] = mapped_column(JSON, default=dict)
    incident_id: Mapped[int | None] = mapped_column(
        ForeignKey("incident.id", ondelete="SET NULL"), index=True
    )
    extractor_version: Mapped[str] = mapped_column(String(32))

    source: Mapped[Source] = relationship()
    revision: Mapped[SourceRevision] = relationship()
    place: Mapped[Entity | None] = relationship()
    incident: Mapped[Incident | None] = relationship(back_populates="events")


class IncidentTerm(Base):
    """An incident's rarest evidence (surnames, heaviest keywords: ``block_terms``), so an
    event without a place, which no region block holds, meets only incidents sharing a term
    with it instead of every region's incidents of its days."""

    __tablename__ = "incident_term"
    __table_args__ = (Index("ix_incident_term_lookup", "kind", "term", "date_start"),)

    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incident.id", ondelete="CASCADE"), primary_key=True
    )
    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # EventKind, as its incident's
    date_start: Mapped[date | None] = mapped_column(Date)


class IncidentCorrection(Base):
    """Append-only log of people's clustering corrections, about sources (not incidents,
    whose ids a rebuild renews), so they outlive rebuild, reextract and re-ingest. For each
    pair of sources the latest correction is in force."""

    __tablename__ = "incident_correction"
    __table_args__ = (_one_of("kind", CorrectionKind, name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # CorrectionKind
    source_a_id: Mapped[int] = mapped_column(
        ForeignKey("source.id", ondelete="CASCADE"), index=True
    )
    source_b_id: Mapped[int] = mapped_column(
        ForeignKey("source.id", ondelete="CASCADE"), index=True
    )
    reviewer: Mapped[str] = mapped_column(String(255))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
