"""Ingest + extraction rate on the real GVA dev texts, beside the anchor, in one run.

Usage:
    python benchmarks/ingest_rate.py ../shared/bench/gva [--limit N] [--anchor-limit N]
        [--workers 1 2] [--postgres URL]

Prints articles/s for, in this order:

* the anchor: the pipeline a user would glue from the usual libraries (regex sentences,
  ``quantulum3.parse`` and ``dateparser.search_dates(languages=['en'])`` on every sentence),
  one process, on the first ``--anchor-limit`` articles (it is slow);
* factdb extraction alone, one process, every article;
* factdb end to end (read from memory, pre-check, extract, store, detect, commit) into a
  fresh SQLite file, for each ``--workers`` count, and into PostgreSQL with ``--postgres``
  (a database is created and dropped).

Needs the ``bench`` extra (``pip install -e '.[bench]'``) for quantulum3.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
import uuid
import warnings
from pathlib import Path

from gva_texts import documents

from factdb.db import open_database
from factdb.extract import extract
from factdb.ingest import ingest
from factdb.readers import Document

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def anchor_rate(docs: list[Document]) -> tuple[float, int]:
    """Articles/s of regex sentences + quantulum3 + dateparser.search_dates per sentence."""
    warnings.filterwarnings("ignore")
    import dateparser.search
    from quantulum3 import parser as q3

    q3.parse("warm-up: 5,000 troops")  # loads its unit tables (about 9 s, not counted)
    dateparser.search.search_dates("on Monday, Feb 5, 2018", languages=["en"])
    found = 0
    start = time.perf_counter()
    for doc in docs:
        for sentence in _SENTENCE.split(doc.text):
            found += len(q3.parse(sentence))
            found += len(dateparser.search.search_dates(sentence, languages=["en"]) or [])
    return len(docs) / (time.perf_counter() - start), found


def extraction_rate(docs: list[Document]) -> tuple[float, int]:
    extract("warm-up: The U.S. has 5,000 troops in Iraq, officials said on Monday.", None)
    start = time.perf_counter()
    claims = sum(len(extract(d.text, d.published, title=d.title, url=d.url).claims) for d in docs)
    return len(docs) / (time.perf_counter() - start), claims


def end_to_end_rate(url: str, docs: list[Document], workers: int) -> tuple[float, str]:
    factory = open_database(url)
    with factory() as session:
        start = time.perf_counter()
        report = ingest(session, docs, workers=workers)
        seconds = time.perf_counter() - start
    factory.kw["bind"].dispose()
    return len(docs) / seconds, report.summary()


def postgres_database(base: str) -> tuple[str, object]:
    """A fresh database beside ``base``'s; returns its URL and a function that drops it."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"factdb_rate_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(base).set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path, help="folder holding gva-dev.jsonl")
    parser.add_argument("--limit", type=int, default=None, help="articles for factdb")
    parser.add_argument("--anchor-limit", type=int, default=300, help="articles for the anchor")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--postgres", help="also end to end into PostgreSQL (base URL)")
    parser.add_argument("--no-anchor", action="store_true")
    args = parser.parse_args()
    docs = documents(args.data / "gva-dev.jsonl", args.limit)
    rows: list[tuple[str, int, float, str]] = []
    anchor = None
    if not args.no_anchor:
        anchor, _found = anchor_rate(docs[: args.anchor_limit])
        rows.append(("anchor: regex + quantulum3 + dateparser", args.anchor_limit, anchor, ""))
    rate, claims = extraction_rate(docs)
    rows.append(("factdb extraction only, 1 process", len(docs), rate, f"{claims} claims"))
    for workers in args.workers:
        with tempfile.TemporaryDirectory() as tmp:
            rate, summary = end_to_end_rate(f"sqlite:///{tmp}/bench.sqlite", docs, workers)
        rows.append((f"factdb end to end, SQLite, workers={workers}", len(docs), rate, summary))
    if args.postgres:
        for workers in args.workers:
            url, drop = postgres_database(args.postgres)
            try:
                rate, summary = end_to_end_rate(url, docs, workers)
            finally:
                drop()  # type: ignore[operator]
            rows.append(
                (f"factdb end to end, PostgreSQL, workers={workers}", len(docs), rate, summary)
            )
    print("| run | articles | articles/s | x anchor | notes |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name, n, rate, note in rows:
        ratio = f"{rate / anchor:.1f}x" if anchor else "-"
        print(f"| {name} | {n:,} | {rate:.1f} | {ratio} | {note} |")


if __name__ == "__main__":
    main()
