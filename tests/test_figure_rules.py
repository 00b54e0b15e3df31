"""The figure rules end to end, on each backend: articles written for these tests
(``tests/data/figures``: one fictional 2031 earthquake in Peru, covered by six outlets)
go through the real extractor, incident assignment and detection, and the pairs that must
and must not be flagged are checked, with the marks the incident view shows.

Each article exercises one form of issue 12, point 2: a toll that "rose to" / "climbed to"
a figure, a same-day rival count, a projection ("could reach"), an estimate, a correction
("revised ... from A to B"), a part ("including 140 children"), a headline rounding the body,
two countries in one sentence ("1,655 in Peru and 38 in Ecuador") and an article that
contradicts itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from factdb import FactDB
from factdb.db.models import Claim, Contradiction, Source

DATA = Path(__file__).parent / "data" / "figures"


@pytest.fixture
def quake(db_url: str):
    db = FactDB(db_url)
    report = db.ingest(sorted(str(p) for p in DATA.glob("*.md")))
    assert not report.errors
    yield db
    db.close()


def _claims(db: FactDB) -> dict[tuple[str, str], Claim]:
    """(url slug, value text) -> the current quantity claim (the first sentence's, when the
    article gives the figure twice)."""
    s = db.session
    rows = s.execute(
        select(Claim, Source.url)
        .join(Source, Source.id == Claim.source_id)
        .where(Claim.kind == "quantity", *Claim.is_current())
    ).all()
    out: dict[tuple[str, str], Claim] = {}
    for c, url in sorted(rows, key=lambda row: -row[0].span_start):
        out[(url.rsplit("/", 1)[-1], c.value_text)] = c
    return out


def _all_claims(db: FactDB) -> list[tuple[tuple[str, str], Claim]]:
    rows = db.session.execute(
        select(Claim, Source.url)
        .join(Source, Source.id == Claim.source_id)
        .where(Claim.kind == "quantity", *Claim.is_current())
    ).all()
    return [((url.rsplit("/", 1)[-1], c.value_text), c) for c, url in rows]


def _flagged(db: FactDB) -> set[frozenset[int]]:
    return {
        frozenset((row.claim_a_id, row.claim_b_id))
        for row in db.session.scalars(select(Contradiction))
    }


def _pair(claims: dict, a: tuple[str, str], b: tuple[str, str]) -> frozenset[int]:
    assert a in claims, f"not extracted: {a}"
    assert b in claims, f"not extracted: {b}"
    return frozenset((claims[a].id, claims[b].id))


MONDAY = ("peru-quake-monday", "1,412")
TUESDAY = ("peru-quake-tuesday", "1,655")
POLICE = ("peru-quake-police", "1,540")
PROJECTION = ("peru-quake-tuesday", "4,000")
ESTIMATE = ("peru-quake-police", "6,000")
CORRECTED = ("peru-quake-thursday", "1,610")
HEADLINE = ("peru-quake-thursday", "1,600")
CHILDREN = ("peru-quake-thursday", "140")
ECUADOR = ("andes-quake-two-countries", "38")
SELF_A = ("peru-quake-aid", "1,700")
SELF_B = ("peru-quake-aid", "1,580")


def test_one_incident_holds_the_coverage(quake: FactDB) -> None:
    views = quake.incidents()
    assert len(views) == 1
    assert len(views[0].sources) == 6


def test_a_rising_toll_is_an_update_and_a_same_day_rival_count_is_flagged(quake: FactDB) -> None:
    claims, flagged = _claims(quake), _flagged(quake)
    assert claims[MONDAY].measure == claims[TUESDAY].measure == "killed"
    assert claims[TUESDAY].cumulative
    assert _pair(claims, MONDAY, TUESDAY) not in flagged  # later and higher: an update
    assert _pair(claims, MONDAY, POLICE) not in flagged
    assert _pair(claims, TUESDAY, POLICE) in flagged  # two figures for one day


def test_projections_estimates_and_parts_never_flag(quake: FactDB) -> None:
    claims, flagged = _claims(quake), _flagged(quake)
    assert claims[PROJECTION].status == "projection"
    assert claims[ESTIMATE].status == "estimate"
    assert claims[CHILDREN].portion == "part"
    for side in (PROJECTION, ESTIMATE, CHILDREN):
        assert not any(claims[side].id in pair for pair in flagged), side


def test_a_correction_is_a_revision_not_a_contradiction(quake: FactDB) -> None:
    claims, flagged = _claims(quake), _flagged(quake)
    corrected = claims[CORRECTED]
    assert corrected.revision_kind == "correction"
    previous = quake.session.get(Claim, corrected.previous_id)
    assert previous is not None and previous.value_low == 1655
    assert previous.status == "previous"  # replaced by its own sentence: nobody's count now
    assert not any(previous.id in pair for pair in flagged)
    assert _pair(claims, CORRECTED, TUESDAY) not in flagged
    # "The death toll stood at 1,610 on Thursday" restates the corrected figure: the same
    # revision explains it against Tuesday's 1,655
    restated = next(
        c
        for (slug, text), c in _all_claims(quake)
        if slug == CORRECTED[0] and text == "1,610" and c.previous_id is None
    )
    assert frozenset((restated.id, claims[TUESDAY].id)) not in flagged
    view = quake.incident(quake.incidents()[0].incident.id)
    killed = view.figures["killed"]
    assert [c.as_of for c in killed] == sorted(c.as_of for c in killed)  # time order
    from factdb.report.evolution import marks

    marked = marks(killed, view.flags)
    assert f"correction of #{previous.id}" in marked[corrected.id]
    assert "update" in marked[claims[TUESDAY].id]


def test_a_headline_another_country_and_a_self_contradiction(quake: FactDB) -> None:
    claims, flagged = _claims(quake), _flagged(quake)
    assert _pair(claims, HEADLINE, CORRECTED) not in flagged  # one report, rounded
    assert claims[ECUADOR].counted_place_id is not None  # Ecuador's own toll
    assert not any(claims[ECUADOR].id in pair for pair in flagged)
    assert _pair(claims, SELF_A, SELF_B) in flagged  # kept, shown as the article's own
    row = next(
        r
        for r in quake.session.scalars(select(Contradiction))
        if {r.claim_a_id, r.claim_b_id} == {claims[SELF_A].id, claims[SELF_B].id}
    )
    assert row.scope == "intra"


def test_a_full_detection_finds_the_pairs_ingest_found(quake: FactDB) -> None:
    """Ingest compares each article's figures as they arrive; ``detect`` sweeps every key
    again. On a cumulative key with same-day rivals both must give the same pairs."""
    from sqlalchemy import delete

    from factdb.db.models import Review

    incremental = _flagged(quake)
    quake.session.execute(delete(Review))
    quake.session.execute(delete(Contradiction))
    quake.session.commit()
    quake.detect()
    assert _flagged(quake) == incremental


def test_an_update_after_an_open_figure_is_marked() -> None:
    from types import SimpleNamespace

    from factdb.report.evolution import marks

    def figure(claim: int, day: int, low: float, high: float | None) -> SimpleNamespace:
        return SimpleNamespace(
            id=claim,
            as_of=day,
            value_low=low,
            value_high=high,
            previous_id=None,
            revision_kind=None,
            cumulative=True,
            portion="total",
            status="reported",
            hedged=False,
        )

    more_than_60, then_85 = figure(1, 1, 60, None), figure(2, 2, 85, 85)
    assert marks([more_than_60, then_85], {})[2] == ["update"]


def test_a_countrys_timeline_takes_the_tolls_of_its_places(quake: FactDB) -> None:
    """The timeline of Peru's dead lists the tolls located in Peru or in a town within it
    (reports placed at their dateline, "Cajamarca, Peru"), in time order, and not Ecuador's."""
    claims = _claims(quake)
    timeline = quake.timeline("Peru", "killed")
    ids = [c.id for c in timeline.claims]
    assert claims[MONDAY].id in ids and claims[POLICE].id in ids
    assert claims[ECUADOR].id not in ids
    days = [c.as_of for c in timeline.claims]
    assert days == sorted(days)
