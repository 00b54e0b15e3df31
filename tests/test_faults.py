"""Faults and concurrency with real processes (issue 5): SIGKILL in the middle of a batch,
and several processes ingesting overlapping batches into one database, on each backend."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from factdb.config import normalise_url
from factdb.db import open_database
from factdb.db.models import Claim, Entity, EntityAlias, Source, SourceRevision
from factdb.ingest import ingest
from factdb.readers import read_inputs


def write_articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        day = date(2018, 1, 1) + timedelta(days=n % 50)
        (folder / f"a{n:03d}.md").write_text(
            f"---\nurl: https://example.org/a{n}\npublished: {day}\noutlet: Outlet {n % 7}\n---\n"
            f"The United States has {4000 + 10 * n:,} troops in Iraq, officials said on Monday.\n"
            f"Islamic State captured Mosul in June 2014, a spokesman for Outlet {n % 7} said.\n"
            f"{n % 9 + 2} people were killed in Baghdad on Sunday.\n",
            encoding="utf-8",
        )
    return folder


def factdb(url: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "factdb", "--db", url, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def counts(url: str) -> dict[str, int]:
    factory = open_database(url)
    with factory() as s:
        out = {
            name: s.scalar(select(func.count()).select_from(model))
            for name, model in (
                ("sources", Source),
                ("revisions", SourceRevision),
                ("claims", Claim),
                ("entities", Entity),
                ("aliases", EntityAlias),
            )
        }
        out["sources without revision"] = s.scalar(
            select(func.count()).select_from(Source).where(~Source.revisions.any())
        )
    factory.kw["bind"].dispose()
    return out


def baseline(folder: Path, tmp_path: Path) -> dict[str, int]:
    url = f"sqlite:///{tmp_path / 'baseline.sqlite'}"
    factory = open_database(url)
    with factory() as s:
        report = ingest(s, read_inputs([str(folder)]))
        assert not report.errors
    factory.kw["bind"].dispose()
    return counts(url)


def _batch(folder: Path, start: int, stop: int, into: Path) -> Path:
    into.mkdir()
    for n in range(start, stop):
        name = f"a{n:03d}.md"
        (into / name).write_text((folder / name).read_text(encoding="utf-8"), encoding="utf-8")
    return into


def test_overlapping_batches_in_parallel_processes(db_url: str, tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "all", 40)
    workers = 2 if db_url.startswith("sqlite") else 4
    batches = [
        _batch(articles, k * 10, min(40, k * 10 + 20), tmp_path / f"batch{k}")
        for k in range(workers)
    ]
    if workers == 2:  # two processes still cover everything, with the middle overlapping
        batches = [
            _batch(articles, 0, 25, tmp_path / "b0"),
            _batch(articles, 15, 40, tmp_path / "b1"),
        ]
    else:
        batches[-1] = _batch(articles, 25, 40, tmp_path / "last")
    procs = [factdb(db_url, "ingest", str(b)) for b in batches]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "error" not in err.lower(), err
    assert counts(db_url) == baseline(articles, tmp_path)


def test_sigkill_mid_batch_leaves_a_consistent_database(db_url: str, tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "all", 150)
    proc = factdb(db_url, "ingest", str(articles))
    engine = create_engine(normalise_url(db_url))
    deadline = time.monotonic() + 120
    seen = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with engine.connect() as conn:
                seen = conn.execute(text("SELECT count(*) FROM source")).scalar() or 0
        except Exception:  # the schema may not exist yet
            seen = 0
        if seen >= 10:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the batch finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    engine.dispose()
    partial = counts(db_url)
    assert 10 <= partial["sources"] < 150
    assert partial["sources without revision"] == 0
    assert partial["revisions"] == partial["sources"]
    if db_url.startswith("sqlite"):
        check = create_engine(db_url)
        with check.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(text("PRAGMA foreign_key_check")).fetchall() == []
        check.dispose()
    again = factdb(db_url, "ingest", str(articles))
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert f"{partial['sources']} unchanged" in out
    assert counts(db_url) == baseline(articles, tmp_path)


def test_concurrent_writers_see_copies_and_each_others_figures(db_url: str, tmp_path: Path):
    """Writers are serialised (db.lock_writers): a wire text carried by two outlets at once
    is one original and one copy, and the pairs two processes' articles form together are
    all flagged, exactly as in one process. Both failed on PostgreSQL before the lock."""
    import json

    def line(n: int) -> str:
        return f"The United States has {n:,} troops in Iraq, officials said on Monday."

    files = []
    for p in range(1, 5):
        rows = []
        for i in range(12):
            day = str(date(2010, 1, 1) + timedelta(days=40 * i))
            if p <= 2:  # outlets 1 and 2 carry the same wire text under their own urls
                rows.append(
                    {"url": f"https://o{p}.example/w/{i}", "published": day, "text": line(5000 + i)}
                )
            rows.append(
                {
                    "url": f"https://o{p}.example/own/{i}",
                    "published": day,
                    "text": line(p * 1000 + i),
                }
            )  # 4 disagreeing reports a day
        path = tmp_path / f"outlet{p}.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
        files.append(path)
    procs = [factdb(db_url, "ingest", "--batch-size", "4", str(f)) for f in files]
    for proc in procs:
        _out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    factory = open_database(db_url)
    with factory() as s:
        originals = s.scalar(
            select(func.count()).select_from(Source).where(Source.copy_of_id.is_(None))
        )
        copies = s.scalar(
            select(func.count()).select_from(Source).where(Source.copy_of_id.is_not(None))
        )
        pairs = s.scalar(text("SELECT count(*) FROM contradiction"))
    factory.kw["bind"].dispose()
    base = open_database(f"sqlite:///{tmp_path / 'sequential.sqlite'}")
    with base() as s:
        report = ingest(s, read_inputs([str(f) for f in files]))
    base.kw["bind"].dispose()
    assert (originals, copies) == (12 + 4 * 12, 12)
    assert report.contradictions > 12 * 4
    assert pairs == report.contradictions
