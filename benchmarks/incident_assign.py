"""Time to assign one new article's events to incidents in a store of N articles.

The store is a scaled synthetic corpus built from the GVA dev incidents: each synthetic
incident copies one GVA incident (kind, state, participants, its articles' title words as
keywords) with its date shifted across ten years and its city replaced by one of 200
synthetic cities of that state, and gets as many articles as the GVA incident has. Sources,
revisions, place entities, events and incidents are inserted in bulk (Core executemany),
then ``--new`` fresh articles (half reporting an existing incident, half a new one) go
through the real incremental path, one transaction each: ``store_events`` +
``assign_events`` + commit. Printed: the median and 95th percentile per article.

    python benchmarks/incident_assign.py /work/shared/bench/gva/gva-dev.jsonl \
        --articles 1000000 [--postgres URL] [--db PATH]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gva_texts import incidents as gva_incidents

from factdb.db import open_database
from factdb.db.models import Event, Incident, IncidentTerm, Source, SourceRevision
from factdb.extract.records import EventRecord, Place
from factdb.incidents.cluster import IncidentSketch, block_terms, region
from factdb.incidents.sketch import participant_keys
from factdb.store import EntityCache
from factdb.store.incidents import (
    assign_events,
    sketch_json,
    store_events,
)

CITIES_PER_STATE = 200
YEARS = 10
CHUNK = 20_000
START = date(2014, 1, 1)
WORD = re.compile(r"[a-z]{5,}")


def _templates(path: Path) -> list[dict]:
    """What each GVA incident lends a synthetic one: the keywords and participants that
    extraction gives its first article's main event (as ingest would store them), else its
    titles' words."""
    from factdb.dates import date_field
    from factdb.extract import extract

    out = []
    for inc in gva_incidents(path):
        words: dict[str, float] = {}
        names: tuple[str, ...] = ()
        for article in inc["articles"]:
            if not article.get("content", "").strip():
                continue
            found = extract(
                article["content"],
                date_field(article.get("dct"), what="dct"),
                title=article.get("title"),
                url=article.get("uri"),
            )
            main = next((e for e in found.events if e.main), None)
            if main is not None:
                words, names = dict(main.keywords), main.participants
            break
        if not words:
            for article in inc["articles"]:
                for w in WORD.findall((article.get("title") or "").lower()):
                    words[w] = 1.0
            words = dict(list(words.items())[:12])
        out.append(
            {
                "state": inc["state"],
                "articles": max(1, len(inc["articles"])),
                "names": names,
                "keywords": words,
            }
        )
    return out


def _places(states: list[str]) -> dict[str, list[Place]]:
    us = Place("iso:US", "United States", "country")
    out = {}
    for state in states:
        admin1 = Place(f"bench:{state}", f"{state} (bench)", "admin1", parent=us)
        out[state] = [
            Place(f"bench:{state}:{i}", f"City {i}, {state} (bench)", "city", parent=admin1)
            for i in range(CITIES_PER_STATE)
        ]
    return out


def build(factory, templates: list[dict], articles: int, seed: int = 1) -> dict:
    """Bulk-insert the synthetic store; returns what the timed part needs."""
    rnd = random.Random(seed)
    places = _places(sorted({t["state"] for t in templates}))
    with factory() as session:
        cache = EntityCache(session)
        ids = {p.key: cache_id for p in _all(places) if (cache_id := _file(cache, p))}
        session.commit()
        source_rows, revision_rows, event_rows, incident_rows = [], [], [], []
        term_rows: list[dict] = []
        n_source = n_incident = 0
        t0 = time.perf_counter()
        while n_source < articles:
            tpl = rnd.choice(templates)
            city = rnd.choice(places[tpl["state"]])
            day = START + timedelta(days=rnd.randrange(365 * YEARS))
            n_incident += 1
            keys = tuple(p.key for p in city.chain())
            sources = list(range(n_source + 1, min(articles, n_source + tpl["articles"]) + 1))
            sketch = IncidentSketch(
                key=n_incident,
                kind="shooting",
                places=keys,
                date_start=day,
                date_end=day,
                participants=participant_keys(tpl["names"]),
                keywords=tpl["keywords"],
                sources=frozenset(sources),
            )
            term_rows.extend(
                {"incident_id": n_incident, "term": t, "kind": "shooting", "date_start": day}
                for t in sorted(block_terms(sketch))
            )
            incident_rows.append(
                {
                    "id": n_incident,
                    "kind": "shooting",
                    "place_id": ids[city.key],
                    "region": region(keys),
                    "date_start": day,
                    "date_end": day,
                    "sketch": sketch_json(sketch),
                }
            )
            for sid in sources:
                source_rows.append(
                    {
                        "id": sid,
                        "key": f"bench:{sid}",
                        "published_at": day,
                        "authors": [],
                        "meta": {},
                    }
                )
                revision_rows.append(
                    {
                        "id": sid,
                        "source_id": sid,
                        "number": 1,
                        "text": "x",
                        "sha256": f"{sid:064x}",
                        "extractor_version": "bench",
                    }
                )
                event_rows.append(
                    {
                        "id": sid,
                        "source_id": sid,
                        "revision_id": sid,
                        "index": 0,
                        "kind": "shooting",
                        "main": True,
                        "sentence_index": 0,
                        "span_start": 0,
                        "span_end": 1,
                        "place_id": ids[city.key],
                        "date_start": day,
                        "date_end": day,
                        "participants": list(tpl["names"]),
                        "keywords": tpl["keywords"],
                        "incident_id": n_incident,
                        "extractor_version": "bench",
                    }
                )
            n_source = sources[-1]
            if len(source_rows) >= CHUNK or n_source >= articles:
                session.execute(insert(Source), source_rows)
                session.execute(insert(SourceRevision), revision_rows)
                session.execute(insert(Incident), incident_rows)
                session.execute(insert(Event), event_rows)
                session.execute(insert(IncidentTerm), term_rows)
                session.commit()
                source_rows, revision_rows, event_rows, incident_rows = [], [], [], []
                term_rows = []
                print(
                    f"  {n_source:,} articles ({time.perf_counter() - t0:.0f} s)", file=sys.stderr
                )
        _resync_sequences(session)
        return {"places": places, "incidents": n_incident, "articles": n_source}


def _all(places: dict[str, list[Place]]):
    for cities in places.values():
        yield from cities


def _file(cache: EntityCache, place: Place) -> int | None:
    from factdb.store.places import file_place

    return file_place(cache, place)


def _resync_sequences(session) -> None:
    """PostgreSQL: explicit ids were inserted, so move the id sequences past them."""
    if session.bind.dialect.name != "postgresql":
        return
    from sqlalchemy import text

    for table in ("source", "source_revision", "incident", "event"):
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        )
    session.commit()


def time_new(
    factory, templates: list[dict], places, new: int, seed: int = 2, unplaced: float = 0.0
) -> list[tuple[float, bool]]:
    """Per-article seconds for ``new`` fresh articles through the incremental path, each with
    whether its event had a place (a share ``unplaced`` has none, as extraction leaves some)."""
    rnd = random.Random(seed)
    times = []
    with factory() as session:
        cache = EntityCache(session)
        top = session.scalar(select(func.max(Incident.id)))
        for i in range(new):
            if i % 2 == 0:  # another report of a stored incident
                inc = session.get(Incident, rnd.randrange(1, top + 1))
                if inc is None:
                    continue
                data = inc.sketch
                day = inc.date_start
                state = data["places"][1].split(":", 1)[1]
                city = next(p for p in places[state] if p.key == data["places"][0])
                names, keywords = tuple(data["participants"]), data["keywords"]
            else:
                tpl = rnd.choice(templates)
                city = rnd.choice(places[tpl["state"]])
                day = START + timedelta(days=rnd.randrange(365 * YEARS))
                names, keywords = tpl["names"], tpl["keywords"]
            sid = session.scalar(
                insert(Source).returning(Source.id),
                {"key": f"new:{seed}:{i}", "published_at": day, "authors": [], "meta": {}},
            )
            rid = session.scalar(
                insert(SourceRevision).returning(SourceRevision.id),
                {
                    "source_id": sid,
                    "number": 1,
                    "text": "x",
                    "sha256": "n",
                    "extractor_version": "b",
                },
            )
            session.commit()
            placed = rnd.random() >= unplaced
            record = EventRecord(
                0,
                "shooting",
                True,
                0,
                (0, 1),
                city if placed else None,
                day,
                day,
                names,
                tuple(keywords.items()),
            )
            t0 = time.perf_counter()
            events = store_events(session, rid, sid, [record], cache, "b", day)
            assign_events(session, events)
            session.commit()
            times.append((time.perf_counter() - t0, placed))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gva", type=Path)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--new", type=int, default=200)
    parser.add_argument("--postgres", help="PostgreSQL URL (an empty database) instead of SQLite")
    parser.add_argument("--db", type=Path, help="SQLite file (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true", help="time only, on a store built before")
    parser.add_argument("--seed", type=int, default=2, help="seed of the new articles")
    parser.add_argument(
        "--unplaced",
        type=float,
        default=0.17,
        help="share of new articles whose event has no place (0.17: GVA tune half's share)",
    )
    args = parser.parse_args()
    templates = _templates(args.gva)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.postgres or f"sqlite:///{args.db or Path(tmp) / 'assign.sqlite'}"
        factory = open_database(url)
        t0 = time.perf_counter()
        if args.reuse:  # a store an earlier run built (--db): time the new articles only
            with factory() as session:
                count = session.scalar(select(func.count()).select_from(Source))
                incidents = session.scalar(select(func.count()).select_from(Incident))
            states = sorted({t["state"] for t in templates})
            built = {"places": _places(states), "incidents": incidents, "articles": count}
        else:
            built = build(factory, templates, args.articles)
        print(
            f"store: {built['articles']:,} articles, {built['incidents']:,} incidents, "
            f"built in {time.perf_counter() - t0:.0f} s",
            file=sys.stderr,
        )
        timed = time_new(factory, templates, built["places"], args.new, args.seed, args.unplaced)
        backend = "postgresql" if args.postgres else "sqlite"
        for label, keep in (
            ("all", lambda placed: True),
            ("with a place", lambda placed: placed),
            ("without a place", lambda placed: not placed),
        ):
            times = sorted(t for t, placed in timed if keep(placed))
            if not times:
                continue
            median = statistics.median(times) * 1000
            p95 = times[max(0, int(len(times) * 0.95) - 1)] * 1000
            print(
                f"{backend}: {built['articles']:,} articles; assign one new article "
                f"(store_events + assign_events + commit), {label}: median {median:.2f} ms, "
                f"p95 {p95:.2f} ms over {len(times)} articles"
            )
        factory.kw["bind"].dispose()


if __name__ == "__main__":
    main()
