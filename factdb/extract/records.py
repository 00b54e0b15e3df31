"""Plain records that extraction returns: the contract between the pure extractor and the store.

Extraction never touches the database; it turns ``(text, published)`` into these frozen
dataclasses, which are cheap to pickle for worker processes and easy to compare in tests.
Every offset indexes the text that was passed in (the stored revision text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Place records live with the gazetteer (factdb.places imports nothing of factdb.extract, so
# the two packages do not import each other); they are part of this contract all the same.
from factdb.places.records import Place, PlaceMention


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text == source_text[start:end]``."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A span of text that names a known entity (by its canonical name)."""

    start: int
    end: int
    text: str
    entity: str
    kind: str  # country | organisation | person | place | group | other


@dataclass(frozen=True)
class Credits:
    """Provenance found in the text, which must never become a claim's subject or an alias.

    ``dateline`` is the opening "FOREST, Miss. (AP) —" text and ``dateline_place`` what it
    resolves to; ``wires`` are agencies credited ("Associated Press"); ``bylines`` are
    authors; ``spans`` are every (start, end) range of credit, byline, caption and page
    furniture ("Image 9 of 11", "told CNN") in the text.
    """

    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None
    dateline_place: Place | None = None
    wires: tuple[str, ...] = ()
    bylines: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class EventRecord:
    """A real-world event the article reports: its kind, place, dates and participants.

    ``index`` numbers the article's events; exactly one has ``main`` (the event the article
    is about) when the article reports any. ``span`` is the sentence that introduces it.
    ``participants`` are named people (victims, suspects, officials); ``keywords`` are the
    weighted terms that tell this event from others of its kind and place (clustering
    evidence).
    """

    index: int
    kind: str  # EventKind
    main: bool
    sentence_index: int
    span: tuple[int, int]
    place: Place | None = None
    date_start: date | None = None
    date_end: date | None = None
    participants: tuple[str, ...] = ()
    keywords: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class DeclaredAlias:
    """An alias the text itself declares, e.g. ``Daesh (Islamic State)``."""

    alias: str
    entity: str
    kind: str


@dataclass(frozen=True)
class ClaimRecord:
    """One checkable claim found in a sentence.

    ``kind`` holds a ``factdb.vocabulary.ClaimKind`` value and ``verb_class`` a ``VerbClass``
    value (the enum member or its equal plain string). ``span`` is the sentence span; the
    ``value_span`` / ``date_span`` point at the number or time expression inside it.

    Value intervals: ``value_low``/``value_high`` are the *logical* bounds (``None`` means
    unbounded); ``low_open``/``high_open`` say whether a bound is excluded ("more than 5,000"
    is ``low=5000, low_open=True, high=None``). ``likely_low``/``likely_high`` are what a reader
    takes the words to mean ("more than 5,000" -> (5000, 6000]).
    """

    kind: str  # ClaimKind
    sentence_index: int
    span: tuple[int, int]
    text: str
    subject: str | None = None
    subject_kind: str | None = None
    measure: str | None = None
    verb: str | None = None
    verb_class: str | None = None  # VerbClass
    location: str | None = None
    location_kind: str | None = None
    value_low: float | None = None
    value_high: float | None = None
    low_open: bool = False
    high_open: bool = False
    likely_low: float | None = None
    likely_high: float | None = None
    qualifier: str | None = None
    unit: str | None = None
    value_span: tuple[int, int] | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_text: str | None = None
    date_span: tuple[int, int] | None = None
    as_of: date | None = None
    speaker: str | None = None
    speaker_kind: str | None = None
    reporting_verb: str | None = None
    quote: str | None = None
    hedged: bool = False
    place: Place | None = None  # the resolved place of ``location`` (its name), with its chain
    event: int | None = None  # index into ``Extraction.events`` of the event this figure counts
    # The figure's frame (quantities only; see README "Claim semantics"):
    portion: str = "total"  # Portion: the whole count, or a part of it
    status: str = "reported"  # FigureStatus: reported, official, estimate, projection, negated
    cumulative: bool = False  # the measure only grows (a death toll): later and higher updates
    previous_span: tuple[int, int] | None = None  # value span of the figure this one revises
    revision_kind: str | None = None  # RevisionKind of that link: update or correction
    # Where an event count counts, within its event: None for the whole event (its place is
    # the event's, an enclosing one, or only inherited from the article), else the narrower
    # or other place its sentence names ("38 in Ecuador", "1,039 in Kathmandu district").
    counted_place: Place | None = None
    place_inherited: bool = False  # ``place`` came from the article or event, not the sentence


@dataclass(frozen=True)
class Extraction:
    """Everything extraction found in one text."""

    sentences: list[Sentence]
    mentions: list[Mention]
    claims: list[ClaimRecord]
    declared_aliases: list[DeclaredAlias] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    place: Place | None = None  # the article's place: its dateline's, else its main event's
    credits: Credits = field(default_factory=Credits)
    events: list[EventRecord] = field(default_factory=list)


__all__ = [
    "ClaimRecord",
    "Credits",
    "DeclaredAlias",
    "EventRecord",
    "Extraction",
    "Mention",
    "Place",
    "PlaceMention",
    "Sentence",
]
