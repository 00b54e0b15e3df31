"""Places, events and incidents in the store, on each backend: place chains filed once,
``--entity`` through the hierarchy, incremental assignment, rebuild, and people's merges
and splits surviving rebuild, ``reextract`` and re-ingest."""

from __future__ import annotations

import pytest
from incident_articles import STORIES, extract_with_events
from sqlalchemy import func, select

import factdb.extract
from factdb.db.models import (
    Claim,
    Entity,
    Event,
    Incident,
    IncidentCorrection,
    IncidentTerm,
    Source,
)
from factdb.errors import NotFound
from factdb.ingest import ingest_document
from factdb.queries import list_claims, places_within
from factdb.queries_incidents import get_incident, list_incidents
from factdb.reextract import reextract
from factdb.store import EntityCache, merge_incidents, rebuild_incidents, split_incident


@pytest.fixture
def session(session_factory, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(factdb.extract, "extract", extract_with_events(factdb.extract.extract))
    with session_factory() as session:
        yield session


def _ingest(session, *names: str) -> dict[str, int]:
    """Ingest the stories; their source ids by name."""
    ids = {}
    for name in names:
        story = STORIES[name]
        stored, _ = ingest_document(session, story.document(), extraction=story.extraction())
        session.commit()
        ids[name] = stored.source_id
    return ids


def _incident_of(session, source_id: int, main: bool = True) -> int:
    return session.scalar(
        select(Event.incident_id).where(Event.source_id == source_id, Event.main.is_(main))
    )


def _groups(session) -> set[frozenset[int]]:
    """The incidents as sets of source ids (ids of incidents change on rebuild)."""
    out: dict[int, set[int]] = {}
    for incident_id, source_id in session.execute(select(Event.incident_id, Event.source_id)):
        out.setdefault(incident_id, set()).add(source_id)
    return {frozenset(s) for s in out.values()}


def test_a_place_chain_is_filed_once_with_its_parents(session) -> None:
    united_states = EntityCache(session).id_for("United States", "country")  # filed before
    session.commit()
    ids = _ingest(session, "a", "b", "c")
    by_key = {
        e.gazetteer_key: e
        for e in session.scalars(select(Entity).where(Entity.gazetteer_key.is_not(None)))
    }
    assert set(by_key) == {
        "iso:US",
        "iso:US-MS",
        "iso:US-TX",
        "geonames:4424606",
        "geonames:4431410",
        "geonames:4671654",
    }
    forest = by_key["geonames:4424606"]
    assert [p.name for p in forest.chain()] == [
        "Forest, Mississippi",
        "Mississippi",
        "United States",
    ]
    assert forest.kind == "city" and forest.latitude == pytest.approx(32.36)
    assert by_key["iso:US"].id == united_states  # the older entity is adopted, not doubled
    assert session.scalar(select(func.count()).where(Entity.name == "Mississippi")) == 1
    source = session.get(Source, ids["a"])
    assert source.wire == "Associated Press"
    assert source.dateline == "FOREST, Miss. (AP)"
    assert source.place_id == forest.id


def test_claims_of_a_state_include_those_located_in_its_towns(session) -> None:
    _ingest(session, "a", "c")
    located = {c.location.name for c in list_claims(session, entity="Mississippi")}
    assert located == {"Forest, Mississippi", "Jackson, Mississippi"}
    assert {c.value_low for c in list_claims(session, entity="Miss.", limit=10)} == {2, 1}
    assert [c.value_low for c in list_claims(session, entity="Texas")] == [4]
    assert places_within(session, "Mississippi") == 2
    assert places_within(session, "Forest, Miss.") == 0
    # a town is also found by its bare name
    assert [c.value_low for c in list_claims(session, entity="Jackson")] == [1]
    assert [c.value_low for c in list_claims(session, entity="Forest")] == [2]


def test_events_join_incidents_as_articles_arrive(session) -> None:
    ids = _ingest(session, "a", "b", "c", "d")
    a, b, c, d = (_incident_of(session, ids[n]) for n in "abcd")
    assert a == b  # same gunman, same barbecue, same day
    assert len({a, c, d}) == 3  # another city; the same town a month later
    # a passing mention (the roundup's Austin shooting) starts no incident of its own...
    assert _incident_of(session, ids["c"], main=False) is None
    incident = session.get(Incident, a)
    assert incident.region == "iso:US-MS" and incident.place.name == "Forest, Mississippi"
    assert incident.sketch["sources"] == sorted([ids["a"], ids["b"]])
    assert incident.sketch["participants"] == ["reed"]  # surnames, as clustering compares
    view = get_incident(session, a)
    assert [f.value_low for f in view.figures["killed"]] == [2, 3]
    # ...until the shooting's own report arrives: its new incident adopts the mention
    e = _ingest(session, "e")["e"]
    austin = _incident_of(session, e)
    assert austin not in (a, c, d)
    assert _incident_of(session, ids["c"], main=False) == austin
    assert session.get(Incident, austin).sketch["sources"] == sorted([ids["c"], e])
    # each figure counts its own event: the roundup's Austin toll is not Jackson's
    claims = {(c.source_id, c.value_low): c for c in session.scalars(select(Claim))}
    assert claims[(ids["c"], 4)].event.incident_id == austin
    assert claims[(ids["c"], 1)].event.incident_id == c


def test_rebuild_finds_the_same_incidents(session) -> None:
    _ingest(session, "a", "b", "c", "d", "e")
    before = _groups(session)
    assert rebuild_incidents(session) == 4  # a+b, Jackson, Austin (c's mention + e), Forest later
    session.commit()
    assert _groups(session) == before
    assert session.scalar(select(func.count()).select_from(Incident)) == 4


def test_merge_and_split_persist_across_rebuild(session) -> None:
    ids = _ingest(session, "a", "b", "c", "d")
    a, c, d = (_incident_of(session, ids[n]) for n in "acd")
    merge_incidents(session, a, d, reviewer="t", note="same feud")
    assert session.scalar(select(Incident.id).where(Incident.id == d)) is None
    new = split_incident(session, a, ids["b"], reviewer="t")
    session.commit()
    expected = {
        frozenset({ids["a"], ids["d"]}),
        frozenset({ids["b"]}),
        frozenset({ids["c"]}),
    }
    assert _groups(session) - {frozenset({ids["c"]})} <= expected
    assert _incident_of(session, ids["b"]) == new
    rebuild_incidents(session)
    session.commit()
    groups = _groups(session)
    assert frozenset({ids["a"], ids["d"]}) in groups and frozenset({ids["b"]}) in groups
    kinds = session.scalars(select(IncidentCorrection.kind).order_by(IncidentCorrection.id))
    # together: a and b (incident A) with d; apart: b from a and from d
    assert list(kinds) == ["together", "together", "apart", "apart"]
    with pytest.raises(NotFound):
        split_incident(session, _incident_of(session, ids["a"]), ids["c"])
    with pytest.raises(NotFound):
        merge_incidents(session, 999, c)


def test_corrections_survive_reextract_and_reingest(session) -> None:
    ids = _ingest(session, "a", "b")
    a = _incident_of(session, ids["a"])
    split_incident(session, a, ids["b"], reviewer="t")
    session.commit()
    reextract(session)
    session.commit()
    assert _incident_of(session, ids["a"]) != _incident_of(session, ids["b"])
    story = STORIES["b"]
    revised = story.text + " Officials said the gunman was arrested."
    ingest_document(session, story.document(revised), extraction=story.extraction(revised))
    session.commit()
    assert session.scalar(select(func.count()).where(Event.source_id == ids["b"])) == 1
    assert _incident_of(session, ids["a"]) != _incident_of(session, ids["b"])
    rebuild_incidents(session)
    session.commit()
    assert _incident_of(session, ids["a"]) != _incident_of(session, ids["b"])


def test_a_merge_holds_for_an_article_ingested_again(session) -> None:
    ids = _ingest(session, "a", "d")
    merge_incidents(session, _incident_of(session, ids["a"]), _incident_of(session, ids["d"]))
    session.commit()
    story = STORIES["d"]
    revised = story.text + " Neighbours heard shots."
    ingest_document(session, story.document(revised), extraction=story.extraction(revised))
    session.commit()
    assert _incident_of(session, ids["a"]) == _incident_of(session, ids["d"])
    assert session.scalar(select(func.count()).select_from(Incident)) == 1


def test_a_syndicated_copy_belongs_to_its_originals_incident(session) -> None:
    ids = _ingest(session, "a", "c", "e")
    story = STORIES["a"]
    copy = story.document()
    copy = type(copy)(**{**copy.__dict__, "url": "https://mirror.example/x", "origin": "m"})
    stored, _ = ingest_document(session, copy)
    session.commit()
    assert stored.status == "copy"
    forest = get_incident(session, _incident_of(session, ids["a"]))
    assert [s.id for s in forest.sources] == [ids["a"], stored.source_id]
    assert forest.sentences[ids["a"]].startswith("FOREST, Miss. (AP) — Two people")
    in_state = {v.incident.id for v in list_incidents(session, entity="Mississippi")}
    assert in_state == {forest.incident.id, _incident_of(session, ids["c"])}
    [austin] = list_incidents(session, entity="Texas")
    assert austin.incident.place.name == "Austin, Texas"
    assert [f.value_low for f in austin.figures["killed"]] == [4, 4]  # c's mention and e


def test_rebuild_per_kind_chooses_as_cluster_does() -> None:
    """The windowed rebuild loop makes the same groups as ``cluster``: 80 events in two
    regions over four months, some without a place, some passing mentions, some sharing
    names and words."""
    import random
    from datetime import date, timedelta

    from factdb.incidents.cluster import EventSketch, cluster
    from factdb.store.incidents import _cluster_kind

    rnd = random.Random(7)
    events = []
    for key in range(80):
        day = date(2024, 1, 1) + timedelta(days=rnd.randrange(120))
        state = rnd.choice(["iso:US-MS", "iso:US-TX"])
        places = () if rnd.random() < 0.15 else (f"geonames:{state}{rnd.randrange(3)}", state)
        events.append(
            EventSketch(
                key=key,
                source=key,
                kind="shooting",
                places=(*places, "iso:US") if places else (),
                main=rnd.random() > 0.2,
                date_start=day,
                date_end=day,
                participants=frozenset({f"Person {rnd.randrange(8)}"}),
                keywords={w: 1.0 for w in rnd.sample(["bar", "car", "park", "home", "club"], 2)},
            )
        )
    expected = sorted(sorted(g) for g in cluster(events))
    assert sorted(sorted(g) for g in _cluster_kind(events, frozenset())) == expected
    assert len(expected) < 60  # some joined
    assert len({k for g in expected for k in g}) < 80  # some mentions joined nothing


def test_outlet_from_the_urls_registered_domain_when_front_matter_gives_none(session) -> None:
    from factdb.readers import Document

    text = "FOREST, Miss. (AP) — Police said two people were hurt on Friday."
    archived = "http://web.archive.org/web/2014/http://www.waff.com:80/story/1"
    ingest_document(session, Document(text=text, origin="x", url=archived))
    session.commit()
    ingest_document(session, Document(text=text + " More.", origin="y", url="u:y", outlet="Own"))
    session.commit()
    outlets = session.scalars(select(Source.outlet).order_by(Source.id)).all()
    assert outlets == ["waff.com", "Own"]
    source = session.scalar(select(Source).where(Source.url == archived))
    assert source.wire == "Associated Press"
    assert session.get(Entity, source.place_id).name == "Forest, Mississippi"


def test_events_without_a_place_are_blocked_together(session) -> None:
    """An event no source placed is compared with the other unplaced incidents of its kind
    and dates (region NULL), never with placed ones."""
    from datetime import date

    from factdb.extract.records import EventRecord, Extraction
    from factdb.readers import Document

    day = date(2024, 3, 2)
    ids = []
    for n, text in enumerate(
        ("Gunfire at the fair hurt Ana Diaz.", "Ana Diaz was hurt at a fair.")
    ):
        event = EventRecord(
            0, "shooting", True, 0, (0, len(text)), None, day, day, ("Ana Diaz",), (("fair", 1.0),)
        )
        extraction = Extraction(sentences=[], mentions=[], claims=[], events=[event])
        doc = Document(text=text, origin=str(n), url=f"u:{n}", published=day)
        ids.append(ingest_document(session, doc, extraction=extraction)[0].source_id)
        session.commit()
    _ingest(session, "a")
    first, second = (_incident_of(session, s) for s in ids)
    assert first == second
    assert session.get(Incident, first).region is None
    assert _incident_of(session, session.scalar(select(func.max(Source.id)))) != first


def test_an_event_without_a_place_finds_its_incident_through_shared_terms(session) -> None:
    """A report whose place was not found has no region block; it reads the incidents near
    its dates that share a surname or keyword with it, and joins the right one."""
    from dataclasses import replace as _replace

    ids = _ingest(session, "a", "c")
    terms = set(
        session.scalars(
            select(IncidentTerm.term).where(
                IncidentTerm.incident_id == _incident_of(session, ids["a"])
            )
        )
    )
    assert "p:reed" in terms and "k:barbecue" not in terms  # a common word blocks nothing
    story = _replace(STORIES["b"], url="https://b.example/no-place", place=None)
    stored, _ = ingest_document(session, story.document(), extraction=story.extraction())
    session.commit()
    assert _incident_of(session, stored.source_id) == _incident_of(session, ids["a"])
    assert _incident_of(session, stored.source_id) != _incident_of(session, ids["c"])


# -- disasters and deployments, with the real extractor ---------------------------------------

QUAKE_REPORTS = {  # one earthquake in Peru, reported for a year by four outlets
    "first": (
        "Peru earthquake kills at least 40",
        (2019, 3, 5),
        "LIMA, Peru (Wire) — A magnitude 7.1 earthquake struck southern Peru on Monday, "
        "killing at least 40 people and destroying hundreds of homes in Arequipa, officials "
        "said. Rescuers searched the rubble through the night.",
    ),
    "toll": (
        "Peru quake toll rises to 212",
        (2019, 3, 20),
        "MADRID — The death toll from the March 4 earthquake in Peru has risen to 212, the "
        "government said on Tuesday. Thousands of families in Arequipa are still sleeping "
        "outdoors after the quake.",
    ),
    "weeks": (
        "Weeks after quake, Peru families wait for shelter",
        (2019, 4, 2),
        "Four weeks after the earthquake that hit Peru, 9,000 people remain in shelters in "
        "Arequipa, the Red Cross said on Monday. The quake killed 212 people.",
    ),
    "anniversary": (
        "Peru remembers its earthquake victims",
        (2020, 3, 4),
        "GENEVA — One year after the earthquake that devastated southern Peru, survivors in "
        "Arequipa still live in tents. The quake killed 212 people and left 30,000 homeless, "
        "the United Nations said.",
    ),
    "chile": (
        "Chile earthquake kills 12",
        (2019, 3, 5),
        "SANTIAGO, Chile — A magnitude 6.5 earthquake struck northern Chile on Monday, killing "
        "12 people in Antofagasta, officials said. The quake cut power to thousands of homes.",
    ),
}


def _ingest_real(session, *names: str) -> dict[str, int]:
    """Ingest our quake reports through the real extractor; their source ids by name."""
    from datetime import date

    from factdb.readers import Document

    ids = {}
    for name in names:
        title, (y, m, d), text = QUAKE_REPORTS[name]
        doc = Document(
            text=text,
            origin=name,
            url=f"https://{name}.example/quake",
            title=title,
            outlet=f"{name.title()} News",
            published=date(y, m, d),
        )
        ids[name] = ingest_document(session, doc)[0].source_id
        session.commit()
    return ids


def test_a_disaster_reported_for_weeks_by_several_outlets_is_one_incident(session_factory):
    """Reports dated by the day the quake struck ("Monday", "the March 4 earthquake",
    "four weeks after the earthquake") and placed in three cities of one country join one
    incident as they arrive, and a rebuild keeps it."""
    with session_factory() as session:
        ids = _ingest_real(session, "first", "toll", "weeks")
        incidents = {_incident_of(session, s) for s in ids.values()}
        assert len(incidents) == 1 and None not in incidents
        incident = session.get(Incident, incidents.pop())
        assert incident.kind == "earthquake" and incident.region == "iso:PE"
        assert rebuild_incidents(session) == 1


def test_two_earthquakes_in_two_countries_on_one_day_are_two_incidents(session_factory):
    with session_factory() as session:
        ids = _ingest_real(session, "first", "chile")
        assert _incident_of(session, ids["first"]) != _incident_of(session, ids["chile"])
        assert _groups(session) == {frozenset({ids["first"]}), frozenset({ids["chile"]})}
        rebuild_incidents(session)
        assert len(_groups(session)) == 2


def test_an_anniversary_piece_a_year_later_joins_the_disaster(session_factory):
    """ "One year after the earthquake that devastated southern Peru", from Geneva: dated by
    the quake, not by the day it was written, and placed in Peru, not at its dateline; the
    incident keeps the day the quake struck."""
    with session_factory() as session:
        ids = _ingest_real(session, "first", "anniversary")
        incident_id = _incident_of(session, ids["first"])
        assert _incident_of(session, ids["anniversary"]) == incident_id
        incident = session.get(Incident, incident_id)
        assert incident.date_start.isoformat() == incident.date_end.isoformat() == "2019-03-04"
        rebuild_incidents(session)
        assert _groups(session) == {frozenset(ids.values())}
