"""PostgreSQL under load: several `factdb ingest` processes writing real GVA dev articles into
one database at once, checked afterwards in SQL against a one-process baseline.

Usage:
    python benchmarks/pg_load.py ../shared/bench/gva \
        --postgres postgresql://postgres@127.0.0.1:5432/postgres \
        [--articles N] [--processes 4] [--sqlite] [--keep] [--json OUT] [-- extra ingest args]

The first N non-empty articles of ``gva-dev.jsonl`` are written as JSON-lines files into a
temporary folder. Every scenario gets a fresh database (created through the ``--postgres``
URL, which only needs CREATE DATABASE rights; migrated with ``factdb db upgrade`` before the
clock starts) and runs the ``factdb`` console script of this venv:

- ``baseline``: one process, every article once;
- ``disjoint``: P processes, each its own round-robin share of the articles;
- ``overlap-shuffled``: P processes, each reads half of all articles (shares k and k+1), so
  every article is read by two processes, each file in its own random order;
- ``overlap-lockstep``: processes in pairs read the same half in the same order, so the two
  readers of an article reach it at the same moment (the worst case for the re-check).

Afterwards, in SQL: duplicates by natural key (source key, revision number, revision text
within a source, the same text stored as two originals, claim fingerprint within a revision,
entity name, alias, contradiction pair); sources that are not syndicated copies but have no
revision; revisions, claims and contradictions compared with the baseline (as multisets of
text hash and claim fingerprint, so ids and order do not matter); then a full
``factdb detect``, whose new pairs are those the incremental detection of the ingests missed.
On PostgreSQL it also reads ``pg_stat_database.deadlocks`` and, if the server log is
readable (``--pg-log``), the unique-key violations and deadlocks each database raised (each
one a lost race that ingest rolled back and wrote again).

Extra arguments after ``--`` go to every ``factdb ingest`` (e.g. ``-- --workers 2``). The
processes run the ``factdb`` this venv imports; to measure a pinned snapshot of the code
instead of a working tree that is being edited, put it first on the path:
``git archive HEAD | tar -x -C /tmp/factdb_head`` then ``PYTHONPATH=/tmp/factdb_head python
benchmarks/pg_load.py ...`` (the children inherit it; the header names the code used).
Timings include each process's start-up (~1-2 s) and are wall-clock on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gva_texts import documents
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from factdb.config import normalise_url
from factdb.readers import Document

DEFAULT_ARTICLES = 400
DEFAULT_LOG = Path("/var/log/postgresql/postgresql-15-main.log")
SCENARIOS = ("baseline", "disjoint", "overlap-shuffled", "overlap-lockstep")

# Natural keys that must never repeat: (what, SQL returning one row per duplicated key).
DUPLICATE_CHECKS: tuple[tuple[str, str], ...] = (
    ("source key", "SELECT key FROM source GROUP BY key HAVING count(*) > 1"),
    (
        "revision number",
        "SELECT source_id, number FROM source_revision GROUP BY source_id, number "
        "HAVING count(*) > 1",
    ),
    (
        "same text twice in one source",
        "SELECT source_id, sha256 FROM source_revision GROUP BY source_id, sha256 "
        "HAVING count(*) > 1",
    ),
    (
        "same text as two originals",
        "SELECT sha256 FROM source_revision GROUP BY sha256 HAVING count(DISTINCT source_id) > 1",
    ),
    (
        "claim fingerprint",
        "SELECT revision_id, fingerprint FROM claim GROUP BY revision_id, fingerprint "
        "HAVING count(*) > 1",
    ),
    ("entity name", "SELECT name FROM entity GROUP BY name HAVING count(*) > 1"),
    (
        "alias",
        "SELECT normalised FROM entity_alias GROUP BY normalised HAVING count(*) > 1",
    ),
    (
        "contradiction pair",
        "SELECT claim_a_id, claim_b_id FROM contradiction GROUP BY claim_a_id, claim_b_id "
        "HAVING count(*) > 1",
    ),
)
COUNTS = {
    "sources": "SELECT count(*) FROM source",
    "copies": "SELECT count(*) FROM source WHERE copy_of_id IS NOT NULL",
    "revisions": "SELECT count(*) FROM source_revision",
    "claims": "SELECT count(*) FROM claim",
    "entities": "SELECT count(*) FROM entity",
    "aliases": "SELECT count(*) FROM entity_alias",
    "contradictions": "SELECT count(*) FROM contradiction",
    "sources without revision": (
        "SELECT count(*) FROM source s WHERE s.copy_of_id IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM source_revision r WHERE r.source_id = s.id)"
    ),
    "copies of a missing or copied source": (
        "SELECT count(*) FROM source s LEFT JOIN source o ON o.id = s.copy_of_id "
        "WHERE s.copy_of_id IS NOT NULL AND (o.id IS NULL OR o.copy_of_id IS NOT NULL)"
    ),
}
CLAIM_KEYS = (
    "SELECT r.sha256, c.fingerprint FROM claim c JOIN source_revision r ON r.id = c.revision_id"
)
PAIR_KEYS = (
    "SELECT ra.sha256, ca.fingerprint, rb.sha256, cb.fingerprint FROM contradiction x "
    "JOIN claim ca ON ca.id = x.claim_a_id JOIN source_revision ra ON ra.id = ca.revision_id "
    "JOIN claim cb ON cb.id = x.claim_b_id JOIN source_revision rb ON rb.id = cb.revision_id"
)
SUMMARY = re.compile(r"(\d+) (new revisions?|unchanged|syndicated cop(?:y|ies)|errors?)")


@dataclass
class Process:
    """One `factdb ingest` process: its input, exit code, seconds, summary and stderr."""

    file: Path
    reads: int
    code: int | None = None
    seconds: float = 0.0
    cpu: float = 0.0
    summary: str = ""
    problems: list[str] = field(default_factory=list)


@dataclass
class Result:
    """One scenario on one backend: timing, process outcomes and the SQL checks."""

    backend: str
    scenario: str
    articles: int
    reads: int
    wall: float
    processes: list[Process]
    counts: dict[str, int] = field(default_factory=dict)
    duplicates: dict[str, int] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)
    extra: dict[str, int] = field(default_factory=dict)
    detect_added: int = 0
    detect_seconds: float = 0.0
    detect_error: str | None = None  # last stderr line of a failed `factdb detect`
    deadlocks: int | None = None
    log_errors: Counter[str] | None = None
    claim_keys: Counter[tuple[str, str]] = field(default_factory=Counter, repr=False)
    revision_keys: Counter[str] = field(default_factory=Counter, repr=False)
    source_keys: Counter[str] = field(default_factory=Counter, repr=False)
    pair_keys: set[frozenset[tuple[str, str]]] = field(default_factory=set, repr=False)

    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average at start and end
    growth: int = 0  # bytes the database grew by during the ingest

    @property
    def rate(self) -> float:
        return self.articles / self.wall if self.wall else 0.0

    @property
    def cpu(self) -> float:
        return sum(p.cpu for p in self.processes)


def write_jsonl(path: Path, docs: Sequence[Document]) -> Path:
    """The articles as `factdb ingest` reads JSON lines: url, title, published, text."""
    with path.open("w", encoding="utf-8") as fh:
        for doc in docs:
            record = {
                "url": doc.url,
                "title": doc.title,
                "published": doc.published.isoformat() if doc.published else None,
                "text": doc.text,
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def scenario_inputs(
    scenario: str, docs: Sequence[Document], processes: int, folder: Path
) -> list[tuple[Path, int]]:
    """The input file (and its number of articles) of each process of a scenario."""
    shares = [list(docs[k::processes]) for k in range(processes)]
    files: list[list[Document]]
    if scenario == "baseline":
        files = [list(docs)]
    elif scenario == "disjoint":
        files = shares
    elif scenario == "overlap-shuffled":
        files = []
        for k in range(processes):
            both = shares[k] + shares[(k + 1) % processes]
            random.Random(k).shuffle(both)
            files.append(both)
    elif scenario == "overlap-lockstep":
        half = (len(docs) + 1) // 2
        halves = [list(docs[:half]), list(docs[half:])]
        files = [halves[(k // 2) % 2] for k in range(processes)]
    else:
        raise ValueError(scenario)
    out = []
    for k, chunk in enumerate(files):
        out.append((write_jsonl(folder / f"{scenario}-{k}.jsonl", chunk), len(chunk)))
    return out


def factdb_script() -> str:
    """The console script installed beside this interpreter."""
    script = Path(sys.executable).with_name("factdb")
    if not script.exists():
        raise SystemExit(f"no factdb console script beside {sys.executable}")
    return str(script)


def run_processes(url: str, inputs: list[tuple[Path, int]], extra: list[str]) -> list[Process]:
    """Start every ingest at once; wait for all; record each one's exit, time and stderr."""
    procs = [Process(file=f, reads=n) for f, n in inputs]
    started: list[subprocess.Popen[str]] = []
    outputs = []
    for proc in procs:
        out = proc.file.with_suffix(".out").open("w+", encoding="utf-8")
        err = proc.file.with_suffix(".err").open("w+", encoding="utf-8")
        outputs.append((out, err))
        command = [factdb_script(), "--db", url, "ingest", str(proc.file), *extra]
        started.append(subprocess.Popen(command, stdout=out, stderr=err, text=True))
    start = time.perf_counter()

    def wait(i: int) -> None:
        # wait4 rather than Popen.wait: the child's own CPU time, which other load on a
        # shared machine does not inflate the way it inflates wall time
        _, status, usage = os.wait4(started[i].pid, 0)
        procs[i].seconds = time.perf_counter() - start
        procs[i].code = started[i].returncode = os.waitstatus_to_exitcode(status)
        procs[i].cpu = usage.ru_utime + usage.ru_stime

    threads = [threading.Thread(target=wait, args=(i,)) for i in range(len(procs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for proc, (out, err) in zip(procs, outputs, strict=True):
        out.seek(0)
        err.seek(0)
        lines = out.read().strip().splitlines()
        proc.summary = lines[-1] if lines else ""
        proc.problems = [
            line
            for line in err.read().splitlines()
            if line.strip() and not line.startswith(("database:", "warning:"))
        ]
        out.close()
        err.close()
    return procs


class Backend:
    """Create, address and drop one fresh database per scenario."""

    name = "?"

    def create(self, label: str) -> str:
        raise NotImplementedError

    def drop(self, url: str) -> None:
        raise NotImplementedError

    def deadlocks(self, url: str) -> int | None:
        return None

    def log_mark(self) -> int:
        return 0

    def size(self, url: str) -> int:
        """Bytes the database takes on disk."""
        raise NotImplementedError

    def log_errors(self, url: str, mark: int) -> Counter[str] | None:
        return None


class Postgres(Backend):
    """Databases ``factdb_load_<pid>_<label>`` on the server of the admin URL."""

    name = "PostgreSQL"

    def __init__(self, admin_url: str, log: Path | None) -> None:
        self.admin = make_url(normalise_url(admin_url))
        self.engine = create_engine(self.admin, isolation_level="AUTOCOMMIT")
        self.log = log if log is not None and os.access(log, os.R_OK) else None

    def _name(self, url: str) -> str:
        name = make_url(normalise_url(url)).database
        assert name is not None
        return name

    def create(self, label: str) -> str:
        name = f"factdb_load_{os.getpid()}_{label.replace('-', '_')}"
        with self.engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = self.admin.set(database=name, drivername="postgresql")
        return url.render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        with self.engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self._name(url)}" WITH (FORCE)'))

    def deadlocks(self, url: str) -> int | None:
        time.sleep(1.0)  # exited backends flush their statistics on exit; let them land
        with self.engine.connect() as conn:
            return conn.execute(
                text("SELECT deadlocks FROM pg_stat_database WHERE datname = :n"),
                {"n": self._name(url)},
            ).scalar()

    def log_mark(self) -> int:
        return self.log.stat().st_size if self.log else 0

    def size(self, url: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(
                text("SELECT pg_database_size(:n)"), {"n": self._name(url)}
            ).scalar_one()

    def log_errors(self, url: str, mark: int) -> Counter[str] | None:
        """ERROR lines this database wrote to the server log since ``mark``, by cause."""
        if self.log is None:
            return None
        tag = f"@{self._name(url)} ERROR:"
        found: Counter[str] = Counter()
        with self.log.open(encoding="utf-8", errors="replace") as fh:
            fh.seek(mark)
            for line in fh:
                if tag not in line:
                    continue
                message = line.split(tag, 1)[1].strip()
                unique = re.search(r'unique constraint "([^"]+)"', message)
                found[unique.group(1) if unique else message[:60]] += 1
        return found


class Sqlite(Backend):
    """One SQLite file per scenario in the temporary folder."""

    name = "SQLite"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def create(self, label: str) -> str:
        path = self.folder / f"{label}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return str(path)

    def drop(self, url: str) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{url}{suffix}").unlink(missing_ok=True)

    def size(self, url: str) -> int:
        return sum(
            Path(f"{url}{suffix}").stat().st_size
            for suffix in ("", "-wal")
            if Path(f"{url}{suffix}").exists()
        )


def check(result: Result, engine: Engine) -> None:
    """Counts, duplicate natural keys, and the keys compared with the baseline."""
    with engine.connect() as conn:
        result.counts = {
            name: conn.execute(text(sql)).scalar() or 0 for name, sql in COUNTS.items()
        }
        result.duplicates = {
            name: len(conn.execute(text(sql)).fetchall()) for name, sql in DUPLICATE_CHECKS
        }
        result.source_keys = Counter(k for (k,) in conn.execute(text("SELECT key FROM source")))
        result.revision_keys = Counter(
            h for (h,) in conn.execute(text("SELECT sha256 FROM source_revision"))
        )
        result.claim_keys = Counter(tuple(row) for row in conn.execute(text(CLAIM_KEYS)))
        result.pair_keys = {
            frozenset(((ha, fa), (hb, fb))) for ha, fa, hb, fb in conn.execute(text(PAIR_KEYS))
        }


def compare(result: Result, baseline: Result) -> None:
    """Lost and extra rows by natural key against the one-process baseline."""
    pairs = (
        ("sources", result.source_keys, baseline.source_keys),
        ("revisions", result.revision_keys, baseline.revision_keys),
        ("claims", result.claim_keys, baseline.claim_keys),
    )
    for name, mine, theirs in pairs:
        result.lost[name] = sum((theirs - mine).values())
        result.extra[name] = sum((mine - theirs).values())
    result.lost["contradictions"] = len(baseline.pair_keys - result.pair_keys)
    result.extra["contradictions"] = len(result.pair_keys - baseline.pair_keys)


def run_scenario(
    backend: Backend,
    scenario: str,
    docs: Sequence[Document],
    processes: int,
    folder: Path,
    extra: list[str],
    keep: bool,
) -> Result:
    """Fresh database, migrate, run the scenario's processes, check, then a full detect."""
    label = f"{backend.name.lower()}-{scenario}"
    url = backend.create(label)
    upgrade = subprocess.run(
        [factdb_script(), "--db", url, "db", "upgrade"], capture_output=True, text=True
    )
    if upgrade.returncode != 0:
        raise SystemExit(f"db upgrade failed for {url}: {upgrade.stderr.strip()}")
    inputs = scenario_inputs(scenario, docs, 1 if scenario == "baseline" else processes, folder)
    empty = backend.size(url)
    mark = backend.log_mark()
    load = os.getloadavg()[0]
    start = time.perf_counter()
    procs = run_processes(url, inputs, extra)
    wall = time.perf_counter() - start
    result = Result(backend.name, scenario, len(docs), sum(p.reads for p in procs), wall, procs)
    result.load = (load, os.getloadavg()[0])
    result.growth = backend.size(url) - empty
    result.deadlocks = backend.deadlocks(url)
    result.log_errors = backend.log_errors(url, mark)
    engine = create_engine(normalise_url(url))
    try:
        check(result, engine)
        before = result.counts["contradictions"]
        start = time.perf_counter()
        detect = subprocess.run(
            [factdb_script(), "--db", url, "detect"], capture_output=True, text=True
        )
        result.detect_seconds = time.perf_counter() - start
        if detect.returncode != 0:
            result.detect_error = (detect.stderr.strip().splitlines() or ["?"])[-1]
            print(f"  factdb detect failed: {detect.stderr.strip()}", file=sys.stderr)
        with engine.connect() as conn:
            after = conn.execute(text("SELECT count(*) FROM contradiction")).scalar() or 0
        result.detect_added = after - before
    finally:
        engine.dispose()
        if not keep:
            backend.drop(url)
        else:
            print(f"kept {url}", file=sys.stderr)
    return result


def startup_seconds(backend: Backend, doc: Document, folder: Path, extra: list[str]) -> float:
    """Wall time of one process ingesting one article into a fresh database: the fixed cost
    (interpreter, imports, first extraction) that every process of a scenario pays once."""
    url = backend.create("startup")
    try:
        subprocess.run(
            [factdb_script(), "--db", url, "db", "upgrade"], capture_output=True, check=True
        )
        one = write_jsonl(folder / "startup.jsonl", [doc])
        start = time.perf_counter()
        subprocess.run(
            [factdb_script(), "--db", url, "ingest", str(one), *extra],
            capture_output=True,
            check=True,
        )
        return time.perf_counter() - start
    finally:
        backend.drop(url)


def _summed(procs: list[Process], what: str) -> int:
    """A count summed over the processes' summary lines (e.g. "new revision")."""
    total = 0
    for proc in procs:
        for number, label in SUMMARY.findall(proc.summary):
            if label.startswith(what):
                total += int(number)
    return total


def markdown(results: list[Result]) -> str:
    """Two tables: speed and process outcomes; integrity against the baseline."""
    base = {r.backend: r for r in results if r.scenario == "baseline"}
    lines = [
        "| backend | scenario | processes | article reads | wall s | articles/s | vs 1 process "
        "| client CPU s (ms/article) | load avg start/end | exit codes | stderr problems "
        "| deadlocks | unique-key violations (retries) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        ratio = r.rate / base[r.backend].rate if r.backend in base else float("nan")
        if r.log_errors is None:
            retries = "n/a"
        else:
            retries = ", ".join(f"{k} {v}" for k, v in r.log_errors.most_common()) or "0"
        problems = sum(len(p.problems) for p in r.processes)
        lines.append(
            f"| {r.backend} | {r.scenario} | {len(r.processes)} | {r.reads} | {r.wall:.1f} "
            f"| {r.rate:.1f} | {ratio:.2f}x | {r.cpu:.0f} ({1000 * r.cpu / r.articles:.0f}) "
            f"| {r.load[0]:.1f} / {r.load[1]:.1f} "
            f"| {','.join(str(p.code) for p in r.processes)} "
            f"| {problems} | {'n/a' if r.deadlocks is None else r.deadlocks} | {retries} |"
        )
    lines += [
        "",
        "| backend | scenario | sources / copies / revisions / claims | new revisions "
        "(sum of summaries) | duplicate keys | sources without revision | lost / extra "
        "revisions | lost / extra claims | contradictions | pairs vs baseline (missing / "
        "extra) | added by full detect (s) | database growth |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        c = r.counts
        dups = ", ".join(f"{k} {v}" for k, v in r.duplicates.items() if v) or "none"
        lines.append(
            f"| {r.backend} | {r.scenario} "
            f"| {c['sources']} / {c['copies']} / {c['revisions']} / {c['claims']} "
            f"| {_summed(r.processes, 'new revision')} | {dups} "
            f"| {c['sources without revision'] + c['copies of a missing or copied source']} "
            f"| {r.lost.get('revisions', 0)} / {r.extra.get('revisions', 0)} "
            f"| {r.lost.get('claims', 0)} / {r.extra.get('claims', 0)} "
            f"| {c['contradictions']} "
            f"| {r.lost.get('contradictions', 0)} / {r.extra.get('contradictions', 0)} "
            f"| {r.detect_added if r.detect_error is None else 'failed: ' + r.detect_error} "
            f"({r.detect_seconds:.1f}) "
            f"| {r.growth / 2**20:.1f} MiB ({r.growth / r.articles / 1024:.0f} KiB/article) |"
        )
    return "\n".join(lines)


def as_json(results: list[Result]) -> list[dict[str, Any]]:
    """Every figure of every scenario, for ``--json``."""
    return [
        {
            "backend": r.backend,
            "scenario": r.scenario,
            "articles": r.articles,
            "reads": r.reads,
            "wall_s": round(r.wall, 2),
            "articles_per_s": round(r.rate, 2),
            "client_cpu_s": round(r.cpu, 2),
            "load_average": r.load,
            "detect_s": round(r.detect_seconds, 2),
            "processes": [
                {
                    "file": p.file.name,
                    "reads": p.reads,
                    "exit": p.code,
                    "seconds": round(p.seconds, 2),
                    "cpu_s": round(p.cpu, 2),
                    "summary": p.summary,
                    "problems": p.problems,
                }
                for p in r.processes
            ],
            "counts": r.counts,
            "duplicates": r.duplicates,
            "lost": r.lost,
            "extra": r.extra,
            "detect_added": r.detect_added,
            "detect_error": r.detect_error,
            "growth_bytes": r.growth,
            "deadlocks": r.deadlocks,
            "log_errors": dict(r.log_errors) if r.log_errors is not None else None,
        }
        for r in results
    ]


def main(argv: list[str] | None = None) -> None:
    """Parse arguments (everything after ``--`` goes to ``factdb ingest``), run, print."""
    argv = sys.argv[1:] if argv is None else argv
    extra: list[str] = []
    if "--" in argv:
        at = argv.index("--")
        argv, extra = argv[:at], argv[at + 1 :]
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("data", type=Path, help="folder holding gva-dev.jsonl")
    parser.add_argument(
        "--postgres", required=True, help="admin URL of the server (CREATE DATABASE rights)"
    )
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument(
        "--scenarios",
        nargs="+",
        choices=SCENARIOS,
        default=list(SCENARIOS),
        help="baseline always runs (the others are compared with it)",
    )
    parser.add_argument("--sqlite", action="store_true", help="the same scenarios on SQLite")
    parser.add_argument("--pg-log", type=Path, default=DEFAULT_LOG, help="server log to scan")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--json", type=Path, help="write every figure as JSON here")
    args = parser.parse_args(argv)

    docs = documents(args.data / "gva-dev.jsonl", args.articles)
    code = subprocess.run(
        [sys.executable, "-c", "import factdb; print(factdb.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"factdb used by the processes: {code}", file=sys.stderr)
    scenarios = ["baseline", *[s for s in args.scenarios if s != "baseline"]]
    load = os.getloadavg()
    print(
        f"{len(docs)} GVA dev articles, {args.processes} processes, "
        f"extra ingest args {extra or 'none'}, {os.cpu_count()} CPUs, "
        f"load average {load[0]:.2f} at start",
        file=sys.stderr,
    )
    results: list[Result] = []
    startups: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="pg_load_") as tmp:
        folder = Path(tmp)
        backends: list[Backend] = [Postgres(args.postgres, args.pg_log)]
        if args.sqlite:
            backends.append(Sqlite(folder))
        for backend in backends:
            startup = startup_seconds(backend, docs[0], folder, extra)
            print(f"{backend.name}: one process, one article: {startup:.1f} s", file=sys.stderr)
            startups[backend.name] = startup
            baseline: Result | None = None
            for scenario in scenarios:
                print(f"{backend.name} {scenario}...", file=sys.stderr, flush=True)
                result = run_scenario(
                    backend, scenario, docs, args.processes, folder, extra, args.keep
                )
                if baseline is None:
                    baseline = result
                compare(result, baseline)
                results.append(result)
                print(
                    f"  {result.wall:.1f} s, {result.rate:.1f} articles/s, exit "
                    f"{[p.code for p in result.processes]}",
                    file=sys.stderr,
                    flush=True,
                )
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} at the end", file=sys.stderr)
    print(markdown(results))
    print()
    for name, seconds in startups.items():
        print(
            f"{name}: one process ingesting one article (start-up + first article): {seconds:.1f} s"
        )
    if args.json:
        record = {
            "articles": len(docs),
            "processes": args.processes,
            "extra": extra,
            "startup_s": startups,
            "results": as_json(results),
        }
        args.json.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
