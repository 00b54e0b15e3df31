"""Cross-source contradictions on GVA dev, per half, and how many pair two articles of
different gold incidents (flags that cannot be genuine).

Usage: python benchmarks/gva_flags.py [GVA_JSONL]

Each half is ingested through ``FactDB`` into a fresh SQLite file in publication order.
Uses only the source, claim and contradiction tables, so the same script measures older
versions too (run it from a checkout of the version to compare).
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gva_texts import incidents
from sqlalchemy import select

from factdb import FactDB
from factdb.dates import date_field
from factdb.db.models import Claim, Contradiction, Source
from factdb.readers import Document


def half_of(incident_id: str) -> str:
    return "tune" if (int(incident_id) // 2) % 2 == 0 else "held"


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/bench/gva/gva-dev.jsonl")
    rows = list(incidents(path))
    for half in ("tune", "held"):
        docs, gold = [], defaultdict(set)
        for r in rows:
            if half_of(r["incident_id"]) != half:
                continue
            for a in r["articles"]:
                if not a.get("content", "").strip():
                    continue
                url = a.get("uri") or f"gva:{a['doc_id']}"
                doc = Document(
                    text=a["content"],
                    origin=url,
                    title=a.get("title"),
                    url=url,
                    published=date_field(a.get("dct"), what="dct"),
                )
                docs.append(((str(a.get("dct")), a["doc_id"]), doc))
                gold[url].add(r["incident_id"])
        docs.sort(key=lambda t: t[0])
        with tempfile.TemporaryDirectory() as tmp:
            db = FactDB(f"sqlite:///{tmp}/gva.db")
            db.ingest([d for _, d in docs])
            s = db.session
            url_of = dict(s.execute(select(Source.id, Source.url)).all())
            source_of = dict(s.execute(select(Claim.id, Claim.source_id)).all())
            pairs = s.execute(
                select(Contradiction.claim_a_id, Contradiction.claim_b_id, Contradiction.scope)
            ).all()
            cross = [p for p in pairs if p.scope == "cross"]
            unrelated = sum(
                1
                for p in cross
                if not gold[url_of[source_of[p.claim_a_id]]] & gold[url_of[source_of[p.claim_b_id]]]
            )
            print(
                f"{half}: {len(cross)} cross-source contradictions, {unrelated} pairing "
                f"different gold incidents; {len(pairs) - len(cross)} within one article"
            )
            db.close()


if __name__ == "__main__":
    main()
