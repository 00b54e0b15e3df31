"""One worker pool for the work that runs in parallel processes: extraction during ingest
and the partitioned sweep of a full detection run.

Callers take a ``PoolFactory`` parameter (default ``process_pool``), so a test can hand in
an in-process executor instead. Also here: how many cores are idle (a worker on a busy core
only adds its start-up), and pausing the cyclic garbage collector during runs that allocate
millions of small acyclic objects.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager

# Makes an executor with this many workers.
PoolFactory = Callable[[int], Executor]


def process_pool(workers: int) -> Executor:
    """A process pool. Fork shares the loaded gazetteer and patterns; spawn where fork is
    missing."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=ignore_interrupts
    )


def fresh_process_pool(workers: int) -> Executor:
    """A pool of fresh interpreters (spawn), for work that opens database connections: a
    forked child would inherit the parent's open connections and SQLite's per-process lock
    state."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=ignore_interrupts,
    )


def ignore_interrupts() -> None:
    """A worker leaves Ctrl-C to its parent, which stops the pool and says what was done;
    otherwise each worker would print its own KeyboardInterrupt traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def idle_cores(limit: int) -> int:
    """Processes worth running: this one plus one per core nothing else is running on, at
    most ``limit``. A worker on a busy core only adds its start-up and the extra reading
    to the run (benchmarks/detect.md)."""
    return spare_cores(cpu_count(), other_runnable(), limit)


def spare_cores(cpus: int, others: int | None, limit: int) -> int:
    """``idle_cores`` given the cores and how many other processes want one (None:
    unknown, so every core counts)."""
    cpus = min(cpus, limit)
    return max(1, cpus - others) if others is not None else cpus


def cpu_count() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def other_runnable() -> int | None:
    """Processes running or waiting for a core right now besides this one (Linux: the
    fourth field of /proc/loadavg, lowest of three looks), None where unknown."""
    try:
        looks = []
        for _ in range(3):
            with open("/proc/loadavg", encoding="ascii") as fh:
                looks.append(int(fh.read().split()[3].split("/")[0]) - 1)
        return max(0, min(looks))
    except (OSError, ValueError, IndexError):
        return None


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector: a run that allocates millions of small, acyclic objects
    saves it from walking them again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
