"""Read queries at scale: ``claims --entity X`` and ``contradictions --status open`` (not a test).

Usage: python benchmarks/query_scale.py ../shared/bench/gva [--size 1000000] [--reps 50]
       [--reuse PATH] [--postgres URL] [--no-sqlite]

Builds a corpus with corpus.py (a real ingested template scaled up, Zipf subjects and places),
gives its hottest subject and place real names with the shipped aliases (so "US" and "Kyiv"
resolve as they do for users), runs a full detection so there are open contradictions, then
times the library calls behind the CLI (``factdb.queries.list_claims`` /
``list_contradictions``) in a fresh session each, as the CLI opens one per command. It prints a
markdown table of p50/p95 and the plans of every statement a call issues (EXPLAIN QUERY PLAN
on SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL).

Building 1M claims and detecting takes minutes: ``--reuse PATH`` keeps the SQLite file and
reuses it when it already holds the corpus; a PostgreSQL database that already holds a corpus
of the requested size (with its contradictions) is reused too, else it is emptied and rebuilt.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus import scale, template_claims
from sqlalchemy import Engine, event, func, or_, select, text, update
from sqlalchemy.orm import Session, aliased, sessionmaker

from factdb.config import DetectSettings, normalise_url
from factdb.db import make_engine, migrate
from factdb.db.models import Claim, Contradiction, Entity
from factdb.detect import DETECTOR_VERSION, find_contradictions
from factdb.extract import load_gazetteer
from factdb.queries import find_entity, list_claims, list_contradictions
from factdb.store import add_alias
from factdb.store.contradictions import store_contradictions

# The corpus's hottest subject and hottest place (Zipf rank 1) get these real names and
# their shipped aliases, so alias resolution is part of what is timed.
HOT_SUBJECT = "United States"
HOT_PLACE = "Ukraine"
CLAIMS_GOAL_MS = 20.0
CONTRADICTIONS_GOAL_MS = 50.0
PAGE = 50  # a "first page": neither CLI listing has a default limit, so we pick 50


@dataclass
class Case:
    """One timed library call: what the CLI would run for ``label``."""

    query: str
    label: str
    call: Callable[[Session], list]
    goal_ms: float | None
    rows: int = 0
    times_ms: list[float] = field(default_factory=list)
    plans: list[tuple[str, str]] = field(default_factory=list)


def _has_corpus(engine: Engine, n: int) -> bool:
    """True when the database already holds this benchmark's corpus, named and detected."""
    from sqlalchemy import inspect

    if "claim" not in inspect(engine).get_table_names():
        return False
    with engine.connect() as conn:
        claims = conn.scalar(select(func.count()).select_from(Claim))
        pairs = conn.scalar(select(func.count()).select_from(Contradiction))
        named = conn.scalar(select(func.count()).where(Entity.name == HOT_SUBJECT))
    return claims == n and bool(pairs) and bool(named)


def _name_hot_entities(session: Session) -> None:
    """Rename Zipf rank 1 subject and place to real names and add the gazetteer's aliases."""
    gazetteer = load_gazetteer()
    # corpus.scale names subjects "Entity 1".."Entity 5000" and places from "Entity 5001",
    # each in Zipf rank order
    for rank_one, name in (("Entity 1", HOT_SUBJECT), ("Entity 5001", HOT_PLACE)):
        session.execute(update(Entity).where(Entity.name == rank_one).values(name=name))
        entity = session.scalar(select(Entity).where(Entity.name == name))
        assert entity is not None
        for alias in gazetteer.names_of(name):
            add_alias(session, alias, entity, origin="gazetteer", replace=True)
    session.commit()


def build(url: str, template: list[dict], n: int) -> Engine:
    """A migrated database holding the corpus, hot entities named, contradictions detected."""
    engine = make_engine(url)
    if _has_corpus(engine, n):
        print(f"reusing the corpus in {engine.url.render_as_string(hide_password=True)}")
        return engine
    if engine.dialect.name == "postgresql":
        migrate(engine, "base", downgrade=True)
    migrate(engine)
    corpus = scale(template, engine, n)
    print(f"corpus: {n:,} claims built in {corpus.seconds:.0f} s")
    factory = sessionmaker(engine)
    with factory() as session:
        _name_hot_entities(session)
        start = time.perf_counter()
        found = find_contradictions(session, None, DetectSettings())
        stored = store_contradictions(session, found, DETECTOR_VERSION)
        session.commit()
        print(f"detect: {len(stored):,} pairs in {time.perf_counter() - start:.0f} s")
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return engine


def _entity_mix(engine: Engine) -> list[tuple[str, str]]:
    """Hottest, median and rarest entity by claims mentioning them, plus aliases of hot ones."""
    with engine.connect() as conn:
        counts: dict[int, int] = {}
        for column in (Claim.subject_id, Claim.location_id, Claim.speaker_id):
            for entity_id, count in conn.execute(
                select(column, func.count())
                .where(column.is_not(None), Claim.superseded.is_(False), Claim.retired.is_(False))
                .group_by(column)
            ):
                counts[entity_id] = counts.get(entity_id, 0) + count
        names = dict(conn.execute(select(Entity.id, Entity.name)).all())
    ranked = sorted(counts, key=lambda e: (-counts[e], e))
    hot, median, rare = ranked[0], ranked[len(ranked) // 2], ranked[-1]

    def label(entity_id: int, what: str) -> str:
        return f"{what}: {names[entity_id]} ({counts[entity_id]:,} claims)"

    place = next(e for e in ranked if names[e] == HOT_PLACE)
    return [
        (names[hot], label(hot, "hottest")),
        ("US", f"alias US -> {HOT_SUBJECT}"),
        ("Kyiv", f"alias Kyiv -> {label(place, 'hot place')}"),
        (names[median], label(median, "median")),
        (names[rare], label(rare, "rare")),
    ]


def _open_measure(engine: Engine) -> str:
    """The measure with the most open contradictions (the realistic ``--measure`` filter)."""
    with engine.connect() as conn:
        return conn.scalar(
            select(Claim.measure)
            .join(Contradiction, Contradiction.claim_a_id == Claim.id)
            .where(Contradiction.status == "open")
            .group_by(Claim.measure)
            .order_by(func.count().desc())
            .limit(1)
        )


def cases(engine: Engine, mix: list[tuple[str, str]]) -> list[Case]:
    """The calls to time; each is what a CLI command passes to the library.

    ``factdb claims`` has no --limit: it lists every claim, so both the CLI's call and one
    page of it (``list_claims(..., limit=PAGE)``, which the CLI could offer) are timed.
    """
    measure = _open_measure(engine)
    out: list[Case] = []
    for name, label in mix:
        out.append(
            Case(
                f"claims --entity {name}",
                f"{label}; CLI today: every claim",
                lambda s, name=name: list_claims(s, entity=name),
                CLAIMS_GOAL_MS,
            )
        )
    for name, label in mix:
        out.append(
            Case(
                f"list_claims(entity={name!r}, limit={PAGE})",
                f"{label}; first page",
                lambda s, name=name: list_claims(s, entity=name, limit=PAGE),
                CLAIMS_GOAL_MS,
            )
        )
    out.append(
        Case(
            f"contradictions --status open --limit {PAGE}",
            "first page",
            lambda s: list_contradictions(s, status="open", limit=PAGE),
            CONTRADICTIONS_GOAL_MS,
        )
    )
    for name, label in mix:
        out.append(
            Case(
                f"contradictions --status open --entity {name} --limit {PAGE}",
                label,
                lambda s, name=name: list_contradictions(s, status="open", entity=name, limit=PAGE),
                CONTRADICTIONS_GOAL_MS,
            )
        )
    out.append(
        Case(
            f"contradictions --status open --measure {measure} --limit {PAGE}",
            "most flagged measure",
            lambda s: list_contradictions(s, status="open", measure=measure, limit=PAGE),
            CONTRADICTIONS_GOAL_MS,
        )
    )
    hot = mix[0][0]
    out.append(
        Case(
            f"contradictions --status open --entity {hot} --measure {measure} --limit {PAGE}",
            "hottest entity and measure",
            lambda s: list_contradictions(
                s, status="open", entity=hot, measure=measure, limit=PAGE
            ),
            CONTRADICTIONS_GOAL_MS,
        )
    )
    out.append(
        Case(
            "contradictions --status open",
            "CLI default: no limit, every open pair",
            lambda s: list_contradictions(s, status="open"),
            None,
        )
    )
    return out


def check_pages(engine: Engine, mix: list[tuple[str, str]]) -> None:
    """Each first page equals the same order and filters written as the plain OR query.

    The library's query shapes differ from the obvious SQL; this checks at full scale that
    they return the same rows in the same order.
    """
    a, b = aliased(Claim), aliased(Claim)
    factory = sessionmaker(engine)
    with factory() as session:
        for name, _ in mix:
            entity = find_entity(session, name)
            assert entity is not None

            def names(c: Any, e: int = entity.id) -> Any:
                return or_(c.subject_id == e, c.location_id == e, c.speaker_id == e)

            claims = session.scalars(
                select(Claim.id)
                .where(names(Claim), Claim.superseded.is_(False), Claim.retired.is_(False))
                .order_by(Claim.source_id, Claim.revision_id, Claim.span_start, Claim.id)
                .limit(PAGE)
            ).all()
            pairs = session.scalars(
                select(Contradiction.id)
                .join(a, Contradiction.claim_a_id == a.id)
                .join(b, Contradiction.claim_b_id == b.id)
                .where(Contradiction.status == "open", or_(names(a), names(b)))
                .order_by(
                    Contradiction.severity.desc(),
                    func.coalesce(b.as_of, a.as_of).desc(),
                    Contradiction.id,
                )
                .limit(PAGE)
            ).all()
            got_claims = [c.id for c in list_claims(session, entity=name, limit=PAGE)]
            got_pairs = [
                c.id for c in list_contradictions(session, status="open", entity=name, limit=PAGE)
            ]
            assert got_claims == list(claims), f"claims page of {name} differs"
            assert got_pairs == list(pairs), f"contradictions page of {name} differs"
    print(f"pages checked against the plain OR queries: {len(mix)} entities, same rows")


@contextmanager
def _captured(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """Every statement (and its parameters) the engine runs inside the block."""
    seen: list[tuple[str, Any]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def explain(engine: Engine, statement: str, parameters: Any) -> str:
    """The plan of one captured statement, as the backend prints it."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            depth: dict[int, int] = {0: 0}
            lines = []
            for node, parent, _, detail in rows:
                depth[node] = depth.get(parent, 0) + 1
                lines.append("  " * (depth[node] - 1) + detail)
            return "\n".join(lines)
        rows = conn.exec_driver_sql(
            f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {statement}", parameters
        ).all()
        return "\n".join(r[0] for r in rows)


def measure_case(engine: Engine, case: Case, reps: int, budget_s: float, min_reps: int = 3) -> None:
    """Time ``reps`` calls (fewer when one call is slow: ``budget_s`` in all, ``min_reps``)."""
    factory = sessionmaker(engine)
    # one untimed call warms the pool, caches and page cache, and shows the SQL it runs
    with factory() as session, _captured(engine) as seen:
        case.rows = len(case.call(session))
    case.plans = [
        (stmt, explain(engine, stmt, params))
        for stmt, params in seen
        if stmt.lstrip().upper().startswith("SELECT")
    ]
    spent = 0.0
    while len(case.times_ms) < reps and (spent < budget_s or len(case.times_ms) < min_reps):
        start = time.perf_counter()
        with factory() as session:
            case.call(session)
        elapsed = time.perf_counter() - start
        spent += elapsed
        case.times_ms.append(elapsed * 1000)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(backend: str, results: list[Case]) -> None:
    """The markdown table, then each case's plans."""
    print(f"\n### {backend}\n")
    print("| backend | query | entity / filter | rows | reps | p50 ms | p95 ms | goal | met? |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for c in results:
        p50 = statistics.median(c.times_ms)
        p95 = _pct(c.times_ms, 0.95)
        goal = f"<= {c.goal_ms:.0f} ms" if c.goal_ms else "-"
        met = "-" if c.goal_ms is None else ("yes" if p50 <= c.goal_ms else "**no**")
        print(
            f"| {backend} | `{c.query}` | {c.label} | {c.rows:,} | {len(c.times_ms)} | "
            f"{p50:,.1f} | {p95:,.1f} | {goal} | {met} |"
        )
    for c in results:
        print(f"\n#### {backend}: `{c.query}` ({c.label})\n")
        for stmt, plan in c.plans:
            head = " ".join(stmt.split())
            print(f"SQL: {head[:160]}{'...' if len(head) > 160 else ''}")
            print("```")
            print(plan)
            print("```")


def run(url: str, template: list[dict], n: int, reps: int, budget_s: float) -> None:
    engine = build(url, template, n)
    mix = _entity_mix(engine)
    check_pages(engine, mix)
    results = cases(engine, mix)
    for case in results:
        measure_case(engine, case, reps, budget_s)
        print(
            f"  {case.query:60} {case.rows:>9,} rows  p50 "
            f"{statistics.median(case.times_ms):9.1f} ms",
            flush=True,
        )
    report(engine.dialect.name, results)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("gva", type=Path, help="folder holding gva-dev.jsonl (template texts)")
    parser.add_argument("--size", type=int, default=1_000_000, help="claims in the corpus")
    parser.add_argument("--articles", type=int, default=300, help="GVA articles in the template")
    parser.add_argument("--reps", type=int, default=50, help="timed calls per query")
    parser.add_argument(
        "--budget", type=float, default=60.0, help="seconds per query at most (min 3 calls)"
    )
    parser.add_argument("--reuse", type=Path, help="SQLite file to keep and reuse between runs")
    parser.add_argument(
        "--postgres", help="also run on this PostgreSQL URL (emptied unless reused)"
    )
    parser.add_argument("--no-sqlite", action="store_true", help="only PostgreSQL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        template: list[dict] = []
        targets = []
        if not args.no_sqlite:
            path = args.reuse or Path(tmp) / f"query-{args.size}.sqlite"
            targets.append(f"sqlite:///{path}")
        if args.postgres:
            targets.append(normalise_url(args.postgres))
        for url in targets:
            if not _has_corpus(make_engine(url), args.size) and not template:
                template = template_claims(
                    args.gva, args.articles, f"sqlite:///{tmp}/template.sqlite"
                )
                print(f"template: {len(template)} real claims")
            run(url, template, args.size, args.reps, args.budget)


if __name__ == "__main__":
    main()
