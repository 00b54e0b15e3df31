"""Incident clustering: reports of one event join, neighbouring events stay apart, and
people's corrections win."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from factdb.extract import extract
from factdb.incidents.cluster import (
    EventSketch,
    IncidentSketch,
    cluster,
    join,
    region,
    score,
)
from factdb.incidents.sketch import participant_keys, sketch_of

REPORTS = [
    (
        "Police: 2 killed at Quarry Street cookout",
        date(2016, 7, 10),
        "MEMPHIS, Tenn. — Two men were killed and a woman was wounded when gunfire erupted at a "
        "cookout on Quarry Street on Saturday night, police said. The victims were identified "
        "as Dontrell Askew, 22, and Lamar Pettiford, 30. Witnesses said a gunman in a red "
        "hoodie fled toward Riverside Park.",
    ),
    (
        "Victims named in Quarry Street shooting",
        date(2016, 7, 11),
        "Memphis police on Sunday named the two men killed in Saturday night's shooting at a "
        "Quarry Street cookout as Dontrell Askew and Lamar Pettiford. A woman shot in the leg "
        "is recovering. Detectives are looking for a gunman who ran toward Riverside Park.",
    ),
    (
        "Teen shot outside Whitehaven gas station",
        date(2016, 7, 11),
        "MEMPHIS, Tenn. — A 16-year-old boy was shot and wounded outside a gas station on "
        "Elvis Presley Boulevard in Whitehaven on Sunday afternoon, police said. Officers "
        "said Jaylen Fortenberry, 16, was taken to Le Bonheur in critical condition.",
    ),
]


def _sketches() -> list[EventSketch]:
    out = []
    for key, (title, published, text) in enumerate(REPORTS):
        main = next(e for e in extract(text, published, title=title).events if e.main)
        out.append(sketch_of(main, key, source=100 + key))
    return out


def _groups(groups: list[list[int]]) -> set[frozenset[int]]:
    return {frozenset(g) for g in groups}


def test_two_reports_join_and_a_shooting_a_day_later_stays_apart() -> None:
    sketches = _sketches()
    assert [s.kind for s in sketches] == ["shooting"] * 3
    assert _groups(cluster(sketches)) == {frozenset({0, 1}), frozenset({2})}


def test_corrections_are_respected() -> None:
    sketches = _sketches()
    together = _groups(cluster(sketches, together=[(101, 102)]))
    assert together == {frozenset({0, 1, 2})}
    apart = _groups(cluster(sketches, apart=[(100, 101)]))
    assert frozenset({0, 1}) not in apart and {frozenset({0}), frozenset({1})} <= apart


def test_kind_source_and_place_block() -> None:
    a = EventSketch(1, 1, "shooting", ("geonames:1", "iso:US-TN", "iso:US"), date(2016, 7, 9))
    inc = IncidentSketch.of(9, a)
    same_place = EventSketch(2, 2, "shooting", ("iso:US-TN", "iso:US"), date(2016, 7, 9))
    assert score(same_place, inc) > 0
    assert score(EventSketch(3, 3, "fire", a.places, a.date_start), inc) == float("-inf")
    assert score(EventSketch(4, 1, "shooting", a.places, a.date_start), inc) == float("-inf")
    other_state = EventSketch(5, 5, "shooting", ("geonames:2", "iso:US-MS", "iso:US"), a.date_start)
    assert score(other_state, inc) == float("-inf")
    # weeks later only a follow-up at the very place may join, with a penalty
    later = EventSketch(6, 6, "shooting", a.places, date(2016, 9, 1))
    assert float("-inf") < score(later, inc) < score(same_place, inc)
    later_elsewhere = EventSketch(8, 8, "shooting", ("geonames:3", "iso:US-TN"), date(2016, 9, 1))
    assert score(later_elsewhere, inc) == float("-inf")
    years_later = EventSketch(9, 9, "shooting", a.places, date(2018, 9, 1))
    assert score(years_later, inc) == float("-inf")
    assert region(a.places) == "iso:US-TN"


def test_participant_keys_are_surnames() -> None:
    assert participant_keys(("Dontrell Askew", "Lamar J. Pettiford")) == {"askew", "pettiford"}


def test_a_passing_mention_joins_an_incident_but_never_starts_one() -> None:
    """A roundup's other shooting (``main=False``) joins the incident of its own report and
    adds only its source; with no such incident it is in no group."""
    day = date(2016, 7, 9)
    chain = ("geonames:1", "iso:US-TN", "iso:US")
    report = EventSketch(1, 10, "shooting", chain, day, day, frozenset({"askew"}), {"quarry": 3.0})
    mention = EventSketch(
        2, 11, "shooting", chain, day, day, frozenset({"askew"}), {"quarry": 3.0, "x": 9.0}, False
    )
    lonely = EventSketch(3, 12, "shooting", ("geonames:2", "iso:US-TX", "iso:US"), day, main=False)
    assert cluster([mention, report, lonely]) == [[1, 2]]
    assert cluster([mention, lonely]) == []
    joined = IncidentSketch.of(1, report)
    after = join(joined, mention)
    assert after.sources == {10, 11} and after.keywords == joined.keywords


def test_events_without_a_place_are_compared_across_regions() -> None:
    """A report whose place was not found may still join an incident in any region (the
    store's block reads every region for it); two placed events of different regions never
    meet."""
    day = date(2016, 7, 9)
    placed = EventSketch(
        1,
        10,
        "shooting",
        ("geonames:1", "iso:US-TN", "iso:US"),
        day,
        day,
        frozenset({"askew"}),
        {"quarry": 3.0, "cookout": 3.0},
    )
    unplaced = EventSketch(
        2, 11, "shooting", (), day, day, frozenset({"askew"}), {"quarry": 3.0, "cookout": 3.0}
    )
    elsewhere = EventSketch(
        3,
        12,
        "shooting",
        ("geonames:2", "iso:US-TX", "iso:US"),
        day,
        day,
        frozenset({"askew"}),
        {"quarry": 3.0, "cookout": 3.0},
    )
    assert cluster([placed, unplaced]) == [[1, 2]]
    assert sorted(cluster([placed, elsewhere])) == [[1], [3]]


def test_a_follow_up_dated_by_a_month_does_not_stretch_its_incident() -> None:
    may25 = date(2016, 5, 25)
    day = EventSketch(key=1, source=1, kind="shooting", date_start=may25, date_end=may25)
    month = EventSketch(
        key=2, source=2, kind="shooting", date_start=date(2016, 5, 1), date_end=date(2016, 5, 31)
    )
    inc = join(IncidentSketch.of(1, day), month)
    assert (inc.date_start, inc.date_end) == (date(2016, 5, 25), date(2016, 5, 25))
    # started by the month-dated follow-up, the incident takes the day of a report inside it
    inc = join(IncidentSketch.of(2, month), replace(day, date_end=date(2016, 5, 26)))
    assert (inc.date_start, inc.date_end) == (date(2016, 5, 25), date(2016, 5, 26))
    # two days that overlap neither way still make their union
    later = replace(day, key=3, source=3, date_start=date(2016, 5, 27), date_end=date(2016, 5, 27))
    inc = join(IncidentSketch.of(1, day), later)
    assert (inc.date_start, inc.date_end) == (date(2016, 5, 25), date(2016, 5, 27))


QUAKE_DAY = date(2019, 3, 4)
AREQUIPA = ("geonames:1", "iso:PE-ARE", "iso:PE")


def _quake(key: int, places: tuple[str, ...], start: date, end: date, dated: bool = True):
    words = {"arequipa": 4.0, "rubble": 2.0}
    return EventSketch(key, key, "earthquake", places, start, end, keywords=words, dated=dated)


def test_a_disaster_is_blocked_by_country_and_followed_up_for_years() -> None:
    """An earthquake's reports meet across the country's regions; one that gives the quake
    no date of its own (only its publication days) joins it two years on, anywhere in the
    country, and leaves its date alone; a report dating its quake two months later names
    another quake; shootings keep their state block."""
    inc = IncidentSketch.of(1, _quake(1, AREQUIPA, QUAKE_DAY, QUAKE_DAY))
    lima = ("geonames:2", "iso:PE-LIM", "iso:PE")
    assert region(AREQUIPA, "earthquake") == "iso:PE" and region(AREQUIPA) == "iso:PE-ARE"
    assert score(_quake(2, lima, QUAKE_DAY, QUAKE_DAY), inc) >= 0.3
    two_years = date(2021, 3, 1)
    undated = _quake(3, lima, two_years, two_years, dated=False)
    assert score(undated, inc) > float("-inf")
    assert (join(inc, undated).date_start, join(inc, undated).date_end) == (QUAKE_DAY, QUAKE_DAY)
    another = _quake(4, lima, date(2019, 5, 6), date(2019, 5, 6))
    assert score(another, inc) == float("-inf")
    abroad = _quake(5, ("geonames:3", "iso:CL-AN", "iso:CL"), QUAKE_DAY, QUAKE_DAY)
    assert score(abroad, inc) == float("-inf")
    shooting = replace(_quake(6, AREQUIPA, QUAKE_DAY, QUAKE_DAY), kind="shooting")
    in_lima = replace(_quake(7, lima, QUAKE_DAY, QUAKE_DAY), kind="shooting")
    assert score(in_lima, IncidentSketch.of(6, shooting)) == float("-inf")


def test_reports_of_troop_levels_months_apart_are_one_deployment() -> None:
    """Troops sent to a country and counted there months later are one deployment of that
    country; a passing mention of an attack does not make the article an attack, and the
    place is where the troops are, not the dateline or the troops' own country."""
    june = extract(
        "WASHINGTON — The Pentagon will send 1,500 more troops to Iraq, officials said on "
        "Monday, bringing US troop levels there to about 6,700. The US invaded Iraq in 2003 "
        "after the September 11 attacks on New York. About 5,200 US troops are currently "
        "deployed to Iraq.",
        date(2019, 6, 3),
        title="US troop levels in Iraq to rise",
    )
    august = extract(
        "The Pentagon said on Tuesday that about 6,500 US troops are now in Iraq, after the "
        "reinforcements ordered in June arrived. Most of the troops train Iraqi forces.",
        date(2019, 8, 20),
        title="US troop levels in Iraq near 6,500",
    )
    mains = [next(e for e in r.events if e.main) for r in (june, august)]
    assert [(e.kind, e.place.key if e.place else None) for e in mains] == [
        ("deployment", "iso:IQ"),
        ("deployment", "iso:IQ"),
    ]
    sketches = [sketch_of(e, key, source=key) for key, e in enumerate(mains)]
    assert cluster(sketches) == [[0, 1]]
