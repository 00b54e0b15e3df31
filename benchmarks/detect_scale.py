"""Contradiction detection at 100k and 1M claims (issue 4; not a test).

Usage: python benchmarks/detect_scale.py ../shared/bench/gva [--sizes 100000 1000000]
       [--db-dir DIR] [--postgres URL] [--repeat N] [--workers N]
Builds a corpus per size with corpus.py (a real ingested template scaled up), then times:
- full detection over every claim (what ``factdb detect`` does), and
- incremental detection of one new article's claims against the store (what each ingest does).

With ``--db-dir`` the SQLite corpora are kept there (``corpus-N.sqlite``) and reused by later
runs: each run works on a fresh copy, so building the 1M corpus (minutes) is paid once. A
PostgreSQL database that already holds an N-claim corpus is then reused too (one database
per size); its contradictions are truncated before each run.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from corpus import scale, template_claims
from sqlalchemy import func, select, text
from sqlalchemy.orm import sessionmaker

from factdb.config import DetectSettings
from factdb.db import make_engine, migrate
from factdb.db.models import Claim
from factdb.detect import DETECTOR_VERSION, find_contradictions
from factdb.store.contradictions import store_contradictions


def build(url: str, template: list[dict], n: int) -> float:
    engine = make_engine(url)
    migrate(engine)
    corpus = scale(template, engine, n)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    engine.dispose()
    return corpus.seconds


def _claims(url: str) -> int | None:
    """Claims in a PostgreSQL corpus kept from an earlier run (with --db-dir), if any."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count(Claim.id))).scalar()
    except Exception:  # no schema yet
        return None
    finally:
        engine.dispose()


def reset(url: str) -> None:
    """Drop the contradictions an earlier run stored (PostgreSQL corpora are reused)."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE review, contradiction RESTART IDENTITY"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE contradiction"))
    engine.dispose()


def run(url: str, workers: int | None) -> dict:
    engine = make_engine(url)
    settings = DetectSettings()
    factory = sessionmaker(engine)
    with factory() as session:
        total = session.scalar(select(func.count(Claim.id)))
        session.commit()
        options = {} if workers is None else {"workers": workers}
        start, cpu = time.perf_counter(), time.process_time()
        found = find_contradictions(session, None, settings, **options)
        find_s = time.perf_counter() - start
        start = time.perf_counter()
        stored = store_contradictions(session, found, DETECTOR_VERSION)
        session.commit()
        store_s = time.perf_counter() - start
        cpu = time.process_time() - cpu
        last = session.scalars(select(Claim.id).order_by(Claim.id.desc()).limit(8)).all()
        start = time.perf_counter()
        find_contradictions(session, last, settings)
        incremental_s = time.perf_counter() - start
    engine.dispose()
    return {
        "claims": total,
        "detect_s": find_s + store_s,
        "find_s": find_s,
        "store_s": store_s,
        "pairs": len(stored),
        "incremental_ms": incremental_s * 1000,
        "cpu_s": cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("gva", type=Path, help="folder holding gva-dev.jsonl (template texts)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--articles", type=int, default=300, help="GVA articles in the template")
    parser.add_argument("--postgres", help="also run on this PostgreSQL database URL (emptied)")
    parser.add_argument("--db-dir", type=Path, help="keep SQLite corpora here and reuse them")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per corpus")
    parser.add_argument(
        "--workers", type=int, help="processes for the full sweep (default: detect's choice)"
    )
    parser.add_argument("--no-sqlite", action="store_true", help="only run on --postgres")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.db_dir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        template: list[dict] | None = None

        def get_template() -> list[dict]:
            nonlocal template
            if template is None:
                template = template_claims(
                    args.gva, args.articles, f"sqlite:///{tmp}/template.sqlite"
                )
                print(f"template: {len(template)} real claims")
            return template

        for n in args.sizes:
            targets: list[tuple[str, str]] = []
            if not args.no_sqlite:
                corpus = folder / f"corpus-{n}.sqlite"
                build_s = 0.0
                if not corpus.exists():
                    partial = folder / f"corpus-{n}.partial.sqlite"
                    partial.unlink(missing_ok=True)
                    build_s = build(f"sqlite:///{partial}", get_template(), n)
                    partial.rename(corpus)
                    print(f"sqlite corpus of {n:,} claims built in {build_s:.0f} s: {corpus}")
                targets.append(("sqlite", str(corpus)))
            if args.postgres:
                if args.db_dir is None or _claims(args.postgres) != n:
                    migrate(make_engine(args.postgres), "base", downgrade=True)
                    build_s = build(args.postgres, get_template(), n)
                    print(f"postgresql corpus of {n:,} claims built in {build_s:.0f} s")
                targets.append(("postgresql", args.postgres))
            for name, target in targets:
                for _ in range(args.repeat):
                    if name == "sqlite":
                        copy = Path(tmp) / f"run-{n}.sqlite"
                        for suffix in ("", "-wal", "-shm"):
                            Path(f"{copy}{suffix}").unlink(missing_ok=True)
                        shutil.copyfile(target, copy)
                        url = f"sqlite:///{copy}"
                    else:
                        reset(target)
                        url = target
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    r = run(url, args.workers)
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    workers_s = (after.ru_utime + after.ru_stime) - (
                        before.ru_utime + before.ru_stime
                    )
                    print(
                        f"{name:10} {r['claims']:>9,} claims: full detection "
                        f"{r['detect_s']:6.1f} s (find {r['find_s']:.1f} s, "
                        f"store {r['store_s']:.1f} s, {r['pairs']:,} pairs); "
                        f"incremental (8 new claims) {r['incremental_ms']:.0f} ms; "
                        f"CPU {r['cpu_s']:.1f} s + workers {workers_s:.1f} s",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
