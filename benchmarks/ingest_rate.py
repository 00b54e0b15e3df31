"""Ingest + extraction rate on the real GVA dev texts, one process, into a fresh SQLite file.

Usage: python benchmarks/ingest_rate.py ../shared/bench/gva [--limit N]
Prints articles/s for extraction alone and for the whole pipeline (read, store, extract,
detect, commit per article).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from gva_texts import documents

from factdb.db import open_database
from factdb.extract import extract
from factdb.ingest import ingest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path, help="folder holding gva-dev.jsonl")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    docs = documents(args.data / "gva-dev.jsonl", args.limit)
    extract("warm-up: The U.S. has 5,000 troops in Iraq, officials said on Monday.", None)

    start = time.perf_counter()
    claims = sum(len(extract(d.text, d.published).claims) for d in docs)
    extract_s = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        factory = open_database(f"sqlite:///{tmp}/bench.sqlite")
        with factory() as session:
            start = time.perf_counter()
            report = ingest(session, docs)
            ingest_s = time.perf_counter() - start
        factory.kw["bind"].dispose()
    print(f"articles: {len(docs)}  claims: {claims}  stored claims: {report.claims}")
    print(f"extraction only: {len(docs) / extract_s:8.1f} articles/s ({extract_s:.1f} s)")
    print(f"end to end:      {len(docs) / ingest_s:8.1f} articles/s ({ingest_s:.1f} s)")


if __name__ == "__main__":
    main()
