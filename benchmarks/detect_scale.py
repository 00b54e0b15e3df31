"""Contradiction detection at 100k and 1M claims (issue 4; not a test).

Usage: python benchmarks/detect_scale.py ../shared/bench/gva [--sizes 100000 1000000]
       [--db-dir DIR] [--postgres URL]
Builds a corpus per size with corpus.py (a real ingested template scaled up), then times:
- full detection over every claim (what ``factdb detect`` does), and
- incremental detection of one new article's claims against the store (what each ingest does).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from corpus import scale, template_claims
from sqlalchemy import func, select, text
from sqlalchemy.orm import sessionmaker

from factdb.config import DetectSettings
from factdb.db import make_engine, migrate
from factdb.detect import find_contradictions, store_contradictions
from factdb.models import Claim


def run(url: str, template: list[dict], n: int) -> dict:
    engine = make_engine(url)
    migrate(engine)
    corpus = scale(template, engine, n)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    factory = sessionmaker(engine)
    with factory() as session:
        total = session.scalar(select(func.count(Claim.id)))
        start = time.perf_counter()
        found = find_contradictions(session, None, DetectSettings())
        find_s = time.perf_counter() - start
        start = time.perf_counter()
        stored = store_contradictions(session, found)
        session.commit()
        store_s = time.perf_counter() - start
        last = session.scalars(select(Claim.id).order_by(Claim.id.desc()).limit(8)).all()
        start = time.perf_counter()
        find_contradictions(session, last, DetectSettings())
        incremental_s = time.perf_counter() - start
    engine.dispose()
    return {
        "claims": total,
        "build_s": corpus.seconds,
        "detect_s": find_s + store_s,
        "find_s": find_s,
        "store_s": store_s,
        "pairs": len(stored),
        "incremental_ms": incremental_s * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("gva", type=Path, help="folder holding gva-dev.jsonl (template texts)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--articles", type=int, default=300, help="GVA articles in the template")
    parser.add_argument("--postgres", help="also run on this PostgreSQL database URL (emptied)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        template = template_claims(args.gva, args.articles, f"sqlite:///{tmp}/template.sqlite")
        print(f"template: {len(template)} real claims")
        for n in args.sizes:
            targets = [("sqlite", f"sqlite:///{tmp}/bench-{n}.sqlite")]
            if args.postgres:
                targets.append(("postgresql", args.postgres))
            for name, url in targets:
                if name == "postgresql":
                    from factdb.db import migrate as _m

                    _m(make_engine(url), "base", downgrade=True)
                r = run(url, template, n)
                print(
                    f"{name:10} {r['claims']:>9,} claims: full detection {r['detect_s']:6.1f} s "
                    f"(find {r['find_s']:.1f} s, store {r['store_s']:.1f} s, "
                    f"{r['pairs']:,} pairs); "
                    f"incremental (8 new claims) {r['incremental_ms']:.0f} ms; "
                    f"corpus built in {r['build_s']:.0f} s"
                )


if __name__ == "__main__":
    main()
