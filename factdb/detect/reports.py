"""One report per pair of sentences: a syndicated wire story carried by many outlets is
one contradiction, never one per copy.

Sentences are compared by ``factdb.syndication.sentence_key`` (case, quotes and spacing
folded), the rule the timeline uses too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from factdb.db.dialects import chunks
from factdb.db.models import Claim, Contradiction
from factdb.detect.rules import Finding, figures
from factdb.syndication import fold_text as fold

R = TypeVar("R")


def one_per_report(
    session: Session,
    found: dict[tuple[int, int], Any],
    keys: dict[int, str],
    flagged: set[int] | None = None,
) -> dict[tuple[int, int], Finding]:
    """Drop pairs that repeat a stored or earlier pair through a syndicated copy: the same
    two sentences are one report, however many outlets carried the wire story. ``keys``
    holds the sentence key of every claim in ``found``; values that are tuples become
    ``Finding``s. ``flagged``: the claims that already have stored pairs (None: look up
    all). The result is in pair order."""
    if not found:
        return {}
    # each distinct sentence key as a small int: a report is the sorted pair of two ints
    numbers: dict[str, int] = {}

    def number(key: str) -> int:
        n = numbers.get(key)
        if n is None:
            n = numbers[key] = len(numbers)
        return n

    def report(a: int, b: int) -> tuple[int, int]:
        return (a, b) if a <= b else (b, a)

    seen: set[tuple[int, int]] = set()
    ids = sorted({i for pair in found for i in pair})
    if flagged is not None:  # only claims that already have stored pairs can repeat one
        ids = [i for i in ids if i in flagged]
    ca, cb = aliased(Claim), aliased(Claim)
    for chunk in chunks(ids):
        stored = session.execute(
            select(ca.text, cb.text)
            .select_from(Contradiction)
            .join(ca, Contradiction.claim_a_id == ca.id)
            .join(cb, Contradiction.claim_b_id == cb.id)
            .where((Contradiction.claim_a_id.in_(chunk)) | (Contradiction.claim_b_id.in_(chunk)))
        )
        seen.update(report(number(fold(a)), number(fold(b))) for a, b in stored)
    claim_number = {claim_id: number(key) for claim_id, key in keys.items()}
    pairs = sorted(found)
    if not seen and len(numbers) == len(claim_number):
        # every claim has its own sentence: no two pairs can be one report
        return {pair: _as_finding(found[pair]) for pair in pairs}
    kept: dict[tuple[int, int], Finding] = {}
    for pair in pairs:
        key = report(claim_number[pair[0]], claim_number[pair[1]])
        if key not in seen:
            seen.add(key)
            kept[pair] = _as_finding(found[pair])
    return kept


def _as_finding(found: Finding | tuple[str, str, float, str]) -> Finding:
    return found if isinstance(found, Finding) else Finding(*found)


def restated_once(items: list[tuple]) -> list[tuple]:
    """One claim per figure an article restates: a headline or standfirst that the body
    repeats (same revision, as-of day and figures) is one report, and only the body's claim
    (the last sentence) takes part in detection. ``items`` are the full sweep's tuples
    ``(day, id, source, revision, sentence, figures...)`` in (day, id) order."""
    return _last_sentence(items, lambda i: (i[3], i[0], i[5:11]), lambda i: i[4])


def restated_facts(rows: list[Any]) -> list[Any]:
    """``restated_once`` for the incremental reader's rows (``Fact`` objects)."""
    return _last_sentence(
        rows, lambda r: (r.revision_id, r.day, figures(r)), lambda r: r.sentence_index
    )


def _last_sentence(
    rows: list[R], key: Callable[[R], tuple], sentence: Callable[[R], int]
) -> list[R]:
    """``rows`` keeping, of those with one ``key``, only the one of the last sentence."""
    last: dict[tuple, R] = {}
    for row in rows:
        k = key(row)
        kept = last.get(k)
        if kept is None or sentence(row) > sentence(kept):
            last[k] = row
    if len(last) == len(rows):
        return rows
    chosen = {id(row) for row in last.values()}
    return [row for row in rows if id(row) in chosen]
