"""The closed sets of words factdb stores, filters by and prints, each defined once.

Every set is a ``StrEnum`` whose values are the strings in the database and the JSON output,
so a member compares, hashes and serialises as its plain string. The schema's CHECK
constraints (``factdb.db.models``), the query filters (``factdb.queries``) and the CLI option
choices are built from these classes; adding or dropping a value here changes all of them
(a stored value also needs an Alembic migration for its CHECK constraint).

This module imports nothing heavy: the CLI reads it to build its options at start-up.
"""

from __future__ import annotations

from enum import StrEnum


class ClaimKind(StrEnum):
    """What a claim states (``claim.kind``).

    quantity: a number of something ("more than 5,000 troops in Iraq");
    event: something happened at a time ("Mosul fell in June 2014");
    quote: somebody said something (speaker, reporting verb, quoted words).
    """

    quantity = "quantity"
    event = "event"
    quote = "quote"


class VerbClass(StrEnum):
    """How a quantity's verb relates it to time (``claim.verb_class``).

    stock: a level that holds for a while ("has 5,000 troops"), compared over the
    detection window; event: a count of things that happened ("20 were killed"), compared
    over the shorter event window.
    """

    stock = "stock"
    event = "event"


class Portion(StrEnum):
    """What share of its count a figure states (``claim.portion``).

    total: the whole count of its measure for what it counts ("five people were shot");
    part: a share of it ("two of them remain in critical condition", "three others",
    "including two children"). Parts are never compared with totals.
    """

    total = "total"
    part = "part"


class FigureStatus(StrEnum):
    """How a figure is put forward (``claim.status``).

    reported: a count given as fact (the default); official: a count attributed to an
    authority (police, a ministry, the government); estimate: a figure the sentence calls an
    estimate ("estimated 200,000 dead"); projection: what a figure will or could reach
    ("could reach 10,000", "expected to top 150,000", "needs 16,000"); negated: a figure the
    sentence denies ("not 5,000"); previous: the figure a sentence replaces without dating it
    ("revised the toll from 1,655 to 1,610": 1,655), no longer anyone's current count.
    Projections, negated and previous figures never take part in a flag.
    """

    reported = "reported"
    official = "official"
    estimate = "estimate"
    projection = "projection"
    negated = "negated"
    previous = "previous"


# statuses of figures that are nobody's current count: never one side of a flag
NOT_COUNTS = frozenset({FigureStatus.projection, FigureStatus.negated, FigureStatus.previous})


class RevisionKind(StrEnum):
    """How a figure relates to the earlier one its sentence names (``claim.revision``).

    update: the count moved on ("the toll rose from 120 to 150"); correction: the earlier
    figure was wrong ("revised from eight to six", "lowered the toll from 270,000 to
    170,000"). Either way the pair is a revision shown on timelines, never a contradiction.
    """

    update = "update"
    correction = "correction"


class ClaimStatus(StrEnum):
    """Which claims a query returns (a filter, not a stored column).

    current: from each source's newest revision and still found there; superseded: from an
    older revision; retired: no longer found by re-extraction; all: every claim.
    """

    current = "current"
    superseded = "superseded"
    retired = "retired"
    all = "all"


class ContradictionKind(StrEnum):
    """What two claims disagree about (``contradiction.kind``).

    numeric: their values cannot both be true; date: they date one event differently.
    """

    numeric = "numeric"
    date = "date"


class Hardness(StrEnum):
    """How certain a contradiction is (``contradiction.hardness``).

    hard: what the words strictly allow cannot overlap (logical value intervals, or an
    event's dates); soft: only what a reader takes the words to mean (the likely intervals)
    disagrees.
    """

    hard = "hard"
    soft = "soft"


class Scope(StrEnum):
    """Where a contradiction's two claims come from (``contradiction.scope``).

    cross: two sources disagree; intra: one article disagrees with itself.
    """

    cross = "cross"
    intra = "intra"


class ContradictionStatus(StrEnum):
    """Where a contradiction stands (``contradiction.status``).

    open: flagged, nobody has decided; confirmed: a reviewer agrees the claims conflict;
    dismissed: a reviewer found no real conflict; resolved: the conflict was explained
    (different dates, units...); stale: one of its claims was superseded or retired while
    it was still open (set by the store, not by a person).
    """

    open = "open"
    confirmed = "confirmed"
    dismissed = "dismissed"
    resolved = "resolved"
    stale = "stale"


class ReviewStatus(StrEnum):
    """What a reviewer may set a contradiction to (``factdb review --status``).

    The contradiction statuses a person decides (``stale`` is left to detection); ``open``
    reopens a reviewed contradiction.
    """

    confirmed = "confirmed"
    dismissed = "dismissed"
    resolved = "resolved"
    open = "open"


class PlaceKind(StrEnum):
    """The level of a place in its gazetteer chain (``entity.kind`` of a place entity).

    country; admin1: a first-level division (a US state, a Canadian province); admin2: a
    second-level division (a US county); city: a city, town or village.
    """

    country = "country"
    admin1 = "admin1"
    admin2 = "admin2"
    city = "city"


class EventKind(StrEnum):
    """What kind of real-world event an article reports (``event.kind``, ``incident.kind``).

    Events of different kinds never join one incident.
    """

    shooting = "shooting"
    attack = "attack"
    bombing = "bombing"
    earthquake = "earthquake"
    storm = "storm"
    flood = "flood"
    fire = "fire"
    crash = "crash"
    deployment = "deployment"
    election = "election"
    other = "other"


# Disasters strike a whole country or more and are reported for months or years: a report
# dates and places one by the day it struck and the country it hit ("Saturday's earthquake
# in Nepal"), and incidents of these kinds are blocked by country, not by state.
DISASTER_KINDS = frozenset({EventKind.earthquake, EventKind.storm, EventKind.flood})
# A deployment is a country's troops in another country over months: its reports are placed
# by where the troops are ("troops in Afghanistan") and compared over a long window.
LONG_RUNNING_KINDS = frozenset({EventKind.deployment})


class CorrectionKind(StrEnum):
    """A person's correction of incident clustering (``incident_correction.kind``).

    together: two sources report one incident (from ``incidents merge``); apart: they report
    different incidents (from ``incidents split``). Both outlive rebuilds and re-extraction.
    """

    together = "together"
    apart = "apart"
