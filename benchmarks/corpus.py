"""Scale a real ingested corpus to N claims for benchmarks.

A template database is built by ingesting the bundled seeds plus real GVA dev articles. Its
claims are then resampled into N claims grouped in *stories*. A story takes a real claim's
kind, measure and verb class; a subject drawn from a Zipf distribution over ``entities``
entities (a few subjects are very hot, as "United States" is in war news); a place from a
Zipf distribution over ``places``; a date spread over ``years``; and the claim key's current
figure (one per key; ``move`` of the stories (2%) change it by up to 25%). It is reported
1 + Exp(4) times by random articles within a few days, each report in the words (qualifier,
interval shape) of another real quantity claim, and ``disagreement`` of the reports (1%)
give 0.6x or 1.6x the figure. Rows go in with Core bulk inserts. Calibration: on 1,500 real
GVA dev articles detection flags 0.09 pairs per comparable quantity claim; this corpus about
0.07-0.18 depending on size (hot keys gather more reports per window as N grows).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine, func, insert, select

from factdb.db import make_engine, migrate
from factdb.db.models import Claim, Entity, Event, Incident, Source, SourceRevision
from factdb.ingest import ingest
from factdb.readers import read_inputs

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Corpus:
    url: str
    claims: int
    seconds: float


def template_claims(gva_dir: Path | None, articles: int, url: str) -> list[dict]:
    """Ingest the seeds and ``articles`` GVA texts; return their claims as plain dicts."""
    from sqlalchemy.orm import sessionmaker

    engine = make_engine(url)
    migrate(engine)
    with sessionmaker(engine)() as session:
        ingest(session, read_inputs([str(ROOT / "seeds")]))
        if gva_dir is not None and articles:
            from gva_texts import documents

            ingest(session, documents(gva_dir / "gva-dev.jsonl", articles))
        columns = [c for c in Claim.__table__.columns if c.name not in ("id", "created_at")]
        rows = [dict(r._mapping) for r in session.execute(select(*columns))]
    engine.dispose()
    return rows


def _incident(conn, article: tuple[int, int, date], day: date) -> int:
    """A new incident with one event (in ``article``); the event's id."""
    sid, rid, _ = article
    incident = conn.execute(
        insert(Incident).values(kind="shooting", date_start=day, date_end=day, sketch={})
    ).inserted_primary_key[0]
    return conn.execute(
        insert(Event).values(
            source_id=sid,
            revision_id=rid,
            index=incident,  # unique within the revision
            kind="shooting",
            main=True,
            sentence_index=0,
            span_start=0,
            span_end=0,
            date_start=day,
            date_end=day,
            participants=[],
            keywords={},
            incident_id=incident,
            extractor_version="bench",
        )
    ).inserted_primary_key[0]


def _centre(row: dict) -> float:
    values = [v for v in (row["value_low"], row["value_high"]) if v is not None]
    return sum(values) / len(values) if values else 0.0


def _reshape(row: dict, proto: dict, figure: float) -> None:
    """State ``figure`` in the words of ``proto``: its qualifier and how its logical and
    likely bounds sit around the number. Exact counts stay whole numbers."""
    centre = _centre(proto) or 1.0
    exact = proto["value_low"] is not None and proto["value_low"] == proto["value_high"]
    for name in ("value_low", "value_high", "likely_low", "likely_high"):
        value = proto[name]
        if value is None:
            row[name] = None
        else:
            scaled = value / centre * figure
            row[name] = float(round(scaled)) if exact else round(scaled, 2)
    for name in ("low_open", "high_open", "qualifier"):
        row[name] = proto[name]


def _zipf_sampler(rng: random.Random, n: int, s: float = 1.1):
    weights = [1 / (k**s) for k in range(1, n + 1)]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    import bisect

    def draw() -> int:
        return bisect.bisect_left(cumulative, rng.random() * total)

    return draw


def scale(
    template: list[dict],
    engine: Engine,
    n_claims: int,
    *,
    entities: int = 5000,
    places: int = 300,
    years: int = 5,
    claims_per_article: int = 8,
    disagreement: float = 0.01,
    move: float = 0.02,
    seed: int = 7,
) -> Corpus:
    """Write ``n_claims`` claims (plus sources and revisions) into a migrated database."""
    rng = random.Random(seed)
    start = time.perf_counter()
    with engine.begin() as conn:
        base = conn.scalar(select(func.coalesce(func.max(Entity.id), 0)))
        conn.execute(
            insert(Entity),
            [
                {"id": base + i + 1, "name": f"Entity {i + 1}", "kind": "other"}
                for i in range(entities + places)
            ],
        )
    subject = _zipf_sampler(rng, entities)
    place = _zipf_sampler(rng, places)
    first_day = date(2014, 1, 1).toordinal()
    n_articles = max(1, n_claims // claims_per_article)
    with engine.begin() as conn:
        source_base = conn.scalar(select(func.coalesce(func.max(Source.id), 0)))
        rev_base = conn.scalar(select(func.coalesce(func.max(SourceRevision.id), 0)))
        articles = [
            (
                source_base + a + 1,
                rev_base + a + 1,
                date.fromordinal(first_day + rng.randrange(365 * years)),
            )
            for a in range(n_articles)
        ]
        for i in range(0, n_articles, 50_000):
            chunk = articles[i : i + 50_000]
            conn.execute(
                insert(Source),
                [
                    {
                        "id": sid,
                        "key": f"bench:{sid}",
                        "authors": [],
                        "meta": {},
                        "published_at": day,
                        "outlet": f"Outlet {sid % 200}",
                    }
                    for sid, _, day in chunk
                ],
            )
            conn.execute(
                insert(SourceRevision),
                [
                    {
                        "id": rid,
                        "source_id": sid,
                        "number": 1,
                        "text": "",
                        "sha256": f"{sid:064d}",
                        "extractor_version": "bench",
                    }
                    for sid, rid, _ in chunk
                ],
            )
        rows: list[dict] = []
        figures: dict[tuple, float] = {}
        quantities = [r for r in template if r["kind"] == "quantity" and r["value_low"] is not None]
        k = 0
        while k < n_claims:
            # one story: a figure about one subject (and place) at one time, reported a few
            # times by different articles, mostly in agreement
            story = template[rng.randrange(len(template))]
            subject_id = base + 1 + subject()
            location_id = base + entities + 1 + place() if story["location_id"] else None
            day = date.fromordinal(first_day + rng.randrange(365 * years))
            # one figure per claim key, drifting slowly: reports of it mostly agree
            key = (subject_id, story["measure"], story["verb_class"], location_id)
            if key not in figures:
                figures[key] = max(1.0, _centre(story)) * rng.uniform(0.5, 2.0)
            if rng.random() < move:  # the figure moves now and then
                figures[key] *= rng.uniform(0.8, 1.25)
            # half the casualty stories count an incident (as ingest files shootings), so
            # detection sweeps incident keys as well as subject keys
            event_id = None
            if story["measure"] in ("killed", "injured") and rng.random() < 0.5:
                event_id = _incident(conn, articles[rng.randrange(n_articles)], day)
            for _ in range(min(n_claims - k, 1 + int(rng.expovariate(1 / 4)))):
                proto = quantities[rng.randrange(len(quantities))] if quantities else story
                sid, rid, _ = articles[rng.randrange(n_articles)]
                row = dict(story)
                figure = figures[key]
                if rng.random() < disagreement:
                    figure *= rng.choice((0.6, 1.6))
                if story["kind"] == "quantity":
                    _reshape(row, proto, figure)
                row.update(
                    revision_id=rid,
                    source_id=sid,
                    fingerprint=f"b{k}",
                    sentence_index=k,
                    subject_id=subject_id,
                    location_id=location_id,
                    speaker_id=None,
                    event_id=event_id,
                    counted_place_id=None,
                    previous_id=None,
                    revision_kind=None,
                    as_of=day + timedelta(days=rng.randrange(4)),
                    text=f"{story['text']} [{k}]",
                )
                rows.append(row)
                k += 1
            if len(rows) >= 50_000:
                conn.execute(insert(Claim), rows)
                rows = []
        if rows:
            conn.execute(insert(Claim), rows)
    return Corpus(str(engine.url), n_claims, time.perf_counter() - start)
