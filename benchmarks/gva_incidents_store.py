"""Incidents as ``factdb ingest`` stores them: B-cubed of the stored incidents against GVA gold.

Usage: python benchmarks/gva_incidents_store.py DATA_DIR [--split tune|held|both]
       [--order published|file] [--postgres URL]

``gva_incidents.py`` measures the pure clustering (``cluster()`` over date-ordered sketches).
This one measures what a user gets: each half's articles are ingested through ``FactDB`` into a
fresh database (SQLite by default) in the order news arrives (publication date, then document
id; ``--order file`` keeps the file's order), each event joining an incident incrementally as
it is stored; then ``incidents rebuild`` re-clusters everything and is scored again.

Reported per half: B-cubed precision, recall and F1 of articles against gold incidents (an
article's incident is its source's main event's; a syndicated copy takes its original's; an
article with no event is alone); the share of killed/injured figures (event verb class) with an
incident and a place, in articles whose incident has a gold count; and the contradictions
flagged, with how many pair two articles of different gold incidents.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

from gva_incidents import bcubed, half_of
from gva_texts import incidents
from sqlalchemy import create_engine, select, text

from factdb import FactDB
from factdb.dates import date_field
from factdb.db.models import Claim, Contradiction, Event, Source
from factdb.readers import Document


def _documents(rows: list[dict], order: str) -> tuple[list[Document], list[tuple[str, str]]]:
    """Documents and, per document, (gold incident id, url)."""
    docs: list[tuple[tuple, Document, tuple[str, str]]] = []
    for r in rows:
        for a in r["articles"]:
            if not a.get("content", "").strip():
                continue
            url = a.get("uri") or f"gva:{a['doc_id']}"
            doc = Document(
                text=a["content"],
                origin=f"gva:{r['incident_id']}:{a['doc_id']}",
                title=a.get("title"),
                url=url,
                published=date_field(a.get("dct"), what="dct"),
            )
            key = (str(doc.published or ""), a["doc_id"]) if order == "published" else (len(docs),)
            docs.append((key, doc, (r["incident_id"], url)))
    docs.sort(key=lambda t: t[0])
    return [d for _, d, _ in docs], [g for _, _, g in docs]


def _stored_labels(db: FactDB, gold: list[tuple[str, str]]) -> list[object]:
    """Each article's predicted incident: its source's main event's (a copy's original's)."""
    s = db.session
    source_of = dict(s.execute(select(Source.url, Source.id)).all())
    copy_of = dict(
        s.execute(select(Source.id, Source.copy_of_id).where(Source.copy_of_id.is_not(None))).all()
    )
    main = dict(
        s.execute(select(Event.source_id, Event.incident_id).where(Event.main.is_(True))).all()
    )
    labels: list[object] = []
    for i, (_, url) in enumerate(gold):
        sid = source_of.get(url)
        sid = copy_of.get(sid, sid)
        inc = main.get(sid)
        labels.append(("incident", inc) if inc is not None else ("alone", i))
    return labels


def _figures(db: FactDB, rows: list[dict]) -> tuple[int, int]:
    counted = {
        r["incident_id"]
        for r in rows
        if r.get("num_killed") is not None or r.get("num_injured") is not None
    }
    urls = {a.get("uri") for r in rows if r["incident_id"] in counted for a in r["articles"]}
    s = db.session
    rows_ = s.execute(
        select(Claim.event_id, Claim.location_id, Source.url)
        .join(Source, Source.id == Claim.source_id)
        .where(
            Claim.measure.in_(("killed", "injured")),
            Claim.verb_class == "event",
            *Claim.is_current(),
        )
    ).all()
    with_gold = [r for r in rows_ if r.url in urls]
    placed = sum(1 for r in with_gold if r.event_id is not None and r.location_id is not None)
    return placed, len(with_gold)


def _flags(db: FactDB, gold: list[tuple[str, str]]) -> tuple[int, int]:
    """Cross-source contradictions, and how many pair sources of no common gold incident."""
    incidents_of: dict[str, set[str]] = defaultdict(set)
    for inc, url in gold:
        incidents_of[url].add(inc)
    s = db.session
    url_of = dict(s.execute(select(Source.id, Source.url)).all())
    pairs = s.execute(
        select(Contradiction.claim_a_id, Contradiction.claim_b_id, Contradiction.scope)
    ).all()
    src = dict(s.execute(select(Claim.id, Claim.source_id)).all())
    cross = [p for p in pairs if p.scope == "cross"]
    unrelated = sum(
        1
        for p in cross
        if not incidents_of[url_of[src[p.claim_a_id]]] & incidents_of[url_of[src[p.claim_b_id]]]
    )
    return len(cross), unrelated


def _half(half: str, rows: list[dict], order: str, postgres: str | None) -> None:
    docs, gold = _documents(rows, order)
    with tempfile.TemporaryDirectory() as tmp:
        if postgres:
            name = f"factdb_bench_{uuid.uuid4().hex[:8]}"
            admin = create_engine(postgres, isolation_level="AUTOCOMMIT")
            with admin.connect() as c:
                c.execute(text(f"CREATE DATABASE {name}"))
            url = postgres.rsplit("/", 1)[0] + "/" + name
        else:
            url = f"sqlite:///{tmp}/gva.db"
        db = FactDB(url)
        t0 = time.perf_counter()
        report = db.ingest(docs)
        took = time.perf_counter() - t0
        golds = [g for g, _ in gold]
        p, r, f = bcubed(golds, _stored_labels(db, gold))
        print(f"{half}: {len(docs)} articles ingested in {took:.1f}s ({len(docs) / took:.1f}/s)")
        print(f"  stored on ingest ({order} order): B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}")
        placed, total = _figures(db, rows)
        print(
            f"  killed/injured figures with incident and place: {placed}/{total} = "
            f"{placed / max(total, 1):.3f}"
        )
        cross, unrelated = _flags(db, gold)
        print(
            f"  cross-source contradictions: {cross}, pairing different gold incidents: {unrelated}"
        )
        t0 = time.perf_counter()
        n = db.rebuild_incidents()
        p, r, f = bcubed(golds, _stored_labels(db, gold))
        print(
            f"  after incidents rebuild ({n} incidents, {time.perf_counter() - t0:.1f}s): "
            f"B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}"
        )
        del report
        db.close()
        if postgres:
            with admin.connect() as c:
                c.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="the bench gva directory or gva-dev.jsonl")
    ap.add_argument("--split", choices=("tune", "held", "both"), default="both")
    ap.add_argument("--order", choices=("published", "file"), default="published")
    ap.add_argument("--postgres", help="run on a new database on this PostgreSQL server")
    args = ap.parse_args()
    path = args.data / "gva-dev.jsonl" if args.data.is_dir() else args.data
    by_half: dict[str, list[dict]] = defaultdict(list)
    for r in incidents(path):
        by_half[half_of(r["incident_id"])].append(r)
    for half in ("tune", "held"):
        if args.split in (half, "both"):
            _half(half, by_half[half], args.order, args.postgres)


if __name__ == "__main__":
    main()
