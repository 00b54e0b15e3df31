"""Peak memory (RSS) of ``factdb ingest`` over 10,000 articles.

Usage:
    python benchmarks/ingest_memory.py ../shared/bench/gva [--articles 10000] [--workers 1 2]

Writes ``--articles`` distinct articles (the real GVA dev texts, reused with a varying
dateline once they run out, so every text is new and fully extracted and stored) as JSON
lines files of 1,000 articles into a temporary folder, then runs the installed ``factdb``
console script on that folder into a fresh SQLite file, sampling the resident set size of
the process and its worker processes every 20 ms (psutil, from the ``bench`` extra). Prints
the peak of the main process and of the whole process tree, and the run's rate.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from gva_texts import documents

CITIES = ["SPRINGFIELD", "RIVERSIDE", "FAIRVIEW", "GREENVILLE", "MADISON", "CLINTON"]


def write_inputs(gva: Path, folder: Path, articles: int) -> None:
    docs = documents(gva / "gva-dev.jsonl")
    per_file = 1000
    for f in range(0, articles, per_file):
        with (folder / f"part{f // per_file:03d}.jsonl").open("w", encoding="utf-8") as fh:
            for i in range(f, min(articles, f + per_file)):
                doc = docs[i % len(docs)]
                round_ = i // len(docs)
                text = doc.text if round_ == 0 else f"{CITIES[round_ % 6]} ({i}) - {doc.text}"
                row = {
                    "text": text,
                    "url": f"https://example.org/{i}",
                    "title": doc.title,
                    "published": doc.published.isoformat() if doc.published else None,
                }
                fh.write(json.dumps(row) + "\n")


def run(folder: Path, workers: int) -> tuple[float, float, float, str]:
    """Peak RSS of the main process and of the process tree (MB), seconds, summary."""
    factdb = Path(sys.executable).parent / "factdb"
    db = folder / f"memory-{workers}.sqlite"
    cmd = [str(factdb), "--db", f"sqlite:///{db}", "ingest", "--workers", str(workers)]
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*cmd, *sorted(str(p) for p in folder.glob("*.jsonl"))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    main_peak = tree_peak = 0
    watched = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            main = watched.memory_info().rss
            tree = main + sum(c.memory_info().rss for c in watched.children(recursive=True))
        except psutil.Error:
            continue
        main_peak, tree_peak = max(main_peak, main), max(tree_peak, tree)
        time.sleep(0.02)
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"factdb exited {proc.returncode}: {err[-2000:]}")
    return main_peak / 2**20, tree_peak / 2**20, seconds, out.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path, help="folder holding gva-dev.jsonl")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_inputs(args.data, folder, args.articles)
        print(
            "| workers | articles | peak RSS, main process | peak RSS, all processes | "
            "seconds | articles/s | summary |"
        )
        print("| ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for workers in args.workers:
            main_mb, tree_mb, seconds, summary = run(folder, workers)
            print(
                f"| {workers} | {args.articles:,} | {main_mb:.0f} MB | {tree_mb:.0f} MB | "
                f"{seconds:.0f} | {args.articles / seconds:.1f} | {summary} |"
            )


if __name__ == "__main__":
    main()
