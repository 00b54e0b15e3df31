"""Detection runs: a full run over every claim (``factdb detect``) and an incremental run
over the claims of one ingest, both storing what they find.

A full run on a large store sweeps partitions of the claim keys in parallel processes
(``factdb.workers``): keys are independent, so the pairs are the same as in one process.
Workers read the committed store, so only a session with no transaction of its own may
hand work to them; a worker that fails leaves its partition to this process.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from concurrent.futures import Executor, Future
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factdb.config import DetectSettings
from factdb.db.dialects import day_number_sql
from factdb.db.engine import make_engine
from factdb.db.models import Claim
from factdb.detect.reading import (
    Partition,
    event_groups,
    key_window,
    partitions,
    portable_sweep,
    quantity_groups,
    sentence_keys,
    sweep_partition,
)
from factdb.detect.reports import one_per_report
from factdb.detect.revisions import drop_revised
from factdb.detect.rules import DETECTOR_VERSION, Finding
from factdb.detect.sweep import Found, Pairing, event_pairs_new, sweep_events, sweep_new
from factdb.store.contradictions import store_contradictions, stored_counts
from factdb.workers import PoolFactory, fresh_process_pool, idle_cores, paused_gc

# A full run over at least this many claims (by the highest claim id) sweeps its claim keys
# in parallel processes, one per idle core (at most MAX_WORKERS); below it one process is
# faster (a worker takes ~0.5 s to start).
PARALLEL_MIN_CLAIMS = 150_000
MAX_WORKERS = 4

log = logging.getLogger(__name__)


def detect(
    session: Session,
    claim_ids: Iterable[int] | None = None,
    settings: DetectSettings | None = None,
    *,
    workers: int | None = None,
    pool: PoolFactory = fresh_process_pool,
) -> list[int]:
    """Find and store contradictions for ``claim_ids`` (default: all); returns new ids."""
    found = find_contradictions(session, claim_ids, settings, workers=workers, pool=pool)
    return store_contradictions(session, found, DETECTOR_VERSION)


def find_contradictions(
    session: Session,
    claim_ids: Iterable[int] | None = None,
    settings: DetectSettings | None = None,
    *,
    workers: int | None = None,
    pool: PoolFactory = fresh_process_pool,
) -> dict[tuple[int, int], Finding]:
    """Every conflicting pair that involves one of ``claim_ids`` (default: all claims).

    A full run over a large store sweeps its claim keys in ``workers`` processes from
    ``pool`` (default: one per idle core, at most 4, from 150,000 claims on); ``workers=1``
    keeps it in this one. The pairs are the same either way."""
    settings = settings or DetectSettings()
    if claim_ids is not None:
        return drop_revised(session, _find_new(session, set(claim_ids), settings))
    with paused_gc():
        return drop_revised(session, _find_all(session, settings, workers, pool))


def _find_new(
    session: Session, new_ids: set[int], settings: DetectSettings
) -> dict[tuple[int, int], Finding]:
    if not new_ids:
        return {}
    run = Pairing(settings)
    for key, group in quantity_groups(session, new_ids, settings):
        sweep_new(group, new_ids, run, *key_window(key, settings))
    for event_group in event_groups(session, new_ids):
        event_pairs_new(event_group, new_ids, run)
    keys = sentence_keys(session.connection().connection, {i for p in run.found for i in p})
    return one_per_report(session, run.found, keys)


def _find_all(
    session: Session, settings: DetectSettings, workers: int | None, pool: PoolFactory
) -> dict[tuple[int, int], Finding]:
    parts, url = _processes(session, workers)
    executor = _start(pool, parts - 1) if url is not None and parts > 1 else None
    try:
        # on SQLite this transaction holds the write lock (BEGIN IMMEDIATE), so nothing is
        # committed between what this process and the workers read
        stored = stored_counts(session)
        flagged = {i for i, n in stored.items() if n}
        connection = session.connection()
        dialect = connection.dialect.name
        dbapi = connection.connection
        found: dict[tuple[int, int], Any]
        if day_number_sql(dialect) is None:  # another database: the portable reader
            found = dict(portable_sweep(session, settings, stored))
            _sweep_all_events(session, settings, stored, found)
            return one_per_report(session, found, sentence_keys(dbapi, _claims(found)), flagged)
        planned = partitions(session, parts)
        pending: list[Future | None] = [
            None if executor is None else _submit(executor, url, partition, settings, stored)
            for partition in planned[1:]
        ]
        found, keys = _partition_job(dbapi, dialect, planned[0], settings, stored)
        events: dict[tuple[int, int], Finding] = {}
        _sweep_all_events(session, settings, stored, events)
        found.update(events)
        keys.update(sentence_keys(dbapi, _claims(events)))
        for future, partition in zip(pending, planned[1:], strict=True):
            result = _result(future)
            if result is None:
                result = _partition_job(dbapi, dialect, partition, settings, stored)
            found.update(result[0])
            keys.update(result[1])
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
    return one_per_report(session, found, keys, flagged)


def _claims(found: dict[tuple[int, int], Any]) -> set[int]:
    return {i for pair in found for i in pair}


def _sweep_all_events(
    session: Session, settings: DetectSettings, stored: dict[int, int], found: dict
) -> None:
    for group in event_groups(session, None):
        sweep_events(group, settings.max_flags, stored, found)


def _start(pool: PoolFactory, workers: int) -> Executor | None:
    """A pool whose workers start now, so they import while this process reads the flag
    counts and plans the partitions (a process pool starts one worker per waiting job)."""
    try:
        executor = pool(workers)
        for _ in range(workers):
            executor.submit(int)
        return executor
    except (OSError, ImportError, NotImplementedError):  # no processes here: sweep alone
        log.warning("detection workers could not start", exc_info=True)
        return None


def _submit(
    executor: Any, url: str, partition: Partition, settings: DetectSettings, counts: dict
) -> Future | None:
    try:
        return executor.submit(sweep_at, url, partition, settings, counts)
    except Exception:  # no worker to start (an embedded Python): sweep here instead
        log.warning("detection worker could not start", exc_info=True)
        return None


def _result(future: Future | None) -> tuple[Found, dict[int, str]] | None:
    """A worker's result, None if there is none (the caller then sweeps the partition)."""
    if future is None:
        return None
    try:
        return future.result()
    except Exception:  # any failure: the parent sweeps the partition itself
        log.warning("detection worker failed", exc_info=True)
        return None


def _partition_job(
    dbapi: Any,
    dialect: str,
    partition: Partition,
    settings: DetectSettings,
    counts: dict[int, int],
) -> tuple[Found, dict[int, str]]:
    """One partition's pairs and the sentence keys of the claims in them."""
    found = sweep_partition(dbapi, dialect, partition, settings, counts)
    return found, sentence_keys(dbapi, _claims(found))


def sweep_at(
    url: str, partition: Partition, settings: DetectSettings, counts: dict[int, int]
) -> tuple[Found, dict[int, str]]:
    """A worker's job: one partition of the store at ``url``, on a connection of its own
    (SQLite: autocommit reads, never BEGIN IMMEDIATE)."""
    with paused_gc():  # short-lived and cycle-free: collections would only cost time
        engine = make_engine(url)
        try:
            raw = engine.raw_connection()
            try:
                return _partition_job(raw, engine.dialect.name, partition, settings, counts)
            finally:
                raw.close()
        finally:
            engine.dispose()


def parallel_parts(workers: int | None, idle: int, highest_claim_id: int) -> int:
    """How many partitions a full run sweeps at once: ``workers`` if given, else one per
    idle core once the store is large enough to pay for starting workers."""
    if workers is not None:
        return max(1, workers)
    return idle if highest_claim_id >= PARALLEL_MIN_CLAIMS else 1


def _processes(session: Session, workers: int | None) -> tuple[int, str | None]:
    """How many partitions to sweep in parallel, and the URL the workers open. The workers
    read the committed store: only a session with no transaction of its own yet (so no
    uncommitted rows, pending or flushed) may hand work to them; ``factdb detect`` runs in a
    fresh session."""
    if session.in_transaction() or workers == 1:
        return 1, None
    connection = session.connection()
    url = connection.engine.url
    if (
        day_number_sql(connection.dialect.name) is None
        or session.new
        or session.dirty
        or session.deleted
        or (url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"))
        or url.query.get("mode") == "memory"
    ):
        return 1, None
    idle = idle_cores(MAX_WORKERS) if workers is None else 1
    highest = (session.scalar(select(func.max(Claim.id))) or 0) if idle > 1 else 0
    return parallel_parts(workers, idle, highest), url.render_as_string(hide_password=False)
