"""The forms a figure takes in disaster and conflict news, read on top of ``find_quantities``.

News states a running toll without a counted noun ("the death toll rose to 5,057", "stood
at 212,000", "raised the toll from 230,000 to 316,000"), lists figures by place ("61 in India
and 25 in Tibet"), gives parts of a total ("12, including three children") and compares
counts ("40,000 higher"). ``read_figures`` turns the quantities of one sentence into
``Figure``s: the quantity with its frame (portion, the earlier figure it revises and how).
Offsets index the sentence text, as in ``find_quantities``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from factdb.extract.numbers import NumberExpr, find_numbers
from factdb.extract.quantities import Quantity
from factdb.extract.text import normalise_for_matching
from factdb.vocabulary import Portion, RevisionKind, VerbClass


@dataclass(frozen=True)
class Figure:
    """A quantity and its frame: ``previous`` is the sentence span of the figure this one
    revises ("from A to B": B's previous is A), ``revision_kind`` how (update/correction);
    ``earlier`` marks that revised figure itself, which is no longer the current count."""

    quantity: Quantity
    portion: str = Portion.total
    previous: tuple[int, int] | None = None
    revision_kind: str | None = None
    earlier: bool = False


# A toll named without a counted noun: "death toll", "the number of dead", "fatalities".
_TOLL_NOUN = re.compile(
    r"\b(?:death\s+toll|toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|victims)"
    r"|fatalities|(?:quake|earthquake)\s+dead)\b",
    re.IGNORECASE,
)
# "the official figure of 316,000": a toll only when the sentence speaks of the dead
_FIGURE_NOUN = re.compile(
    r"\b(?:official|confirmed|latest|final)\s+(?:number|figure|count|tally)\b", re.IGNORECASE
)
_DEATH_WORDS = re.compile(r"\b(?:dead|deaths?|died|killed|toll|fatalities)\b", re.IGNORECASE)
# The words that lead from the toll noun to its number ("has risen to", "stood at", "is now").
_LINK = re.compile(
    r"\b(?:to|at|of|from|is|was|be|been|now|reached|reach|reaches|hit|hits|surpassed|"
    r"surpass|topped|top|tops|crossed|cross|passed|pass|exceeded|exceed|rose|rises|rise|"
    r"risen|climbed|climbs|jumped|jumps|stood|stands|as\s+high\s+as|past)\s+"
    r"(?:(?:a|an|the)\s+)?(?:(?:precise|new|revised|total|record|staggering|official|"
    r"confirmed|provisional)\s+)?$",
    re.IGNORECASE,
)
_TOLL_GAP = 130  # characters from the toll noun to its number
_GAP_BREAK = re.compile(r"[;.!?]\s|\b(?:by|while|and\s+(?:that|said))\s")
# the next figure of a chain: "from 111,481 on Jan. 23 to 150,000 on Jan. 24, to 212,000"
_CHAIN_GAP = re.compile(
    r"^(?:\s+(?:on|as\s+of|by|in)\s+[^,;()\d]{0,3}\S[^,;()]{0,24}?)?\s*,?\s*"
    r"(?:(?:and|then)\s+)?(?:to|and)\s+(?:(?:a|an|the)\s+)?$",
    re.IGNORECASE,
)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:(?:a|an|the)\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_CORRECTION = re.compile(
    r"\b(?:revis\w*|correct\w*|lower\w*|cut|reduc\w*|should\s+have\s+been|error|mistake|"
    r"typo\w*|wrong\w*|downgrad\w*)\b",
    re.IGNORECASE,
)
# "X in A and Y in B": a bare number after a figure, with its own place
_PAIR_BEFORE = re.compile(r"(?:,|\band|\bwhile|\bwith)\s+$", re.IGNORECASE)
_DENIED_GAP = re.compile(r"^\s*,?\s*(?:not|rather\s+than|instead\s+of)\s+$", re.I)
_PLACE_AFTER = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?[A-Z]")
# parts of a total: "including three children", "two of them", "among them 12 tourists"
_PART_BEFORE = re.compile(
    r"\b(?:including|includes|included|among\s+them|among\s+whom|of\s+whom)\s+$", re.IGNORECASE
)
_PART_AFTER = re.compile(r"^\s+(?:\w+\s+)?of\s+(?:them|whom|those|the\s+dead|the\s+victims)\b")
# a gap between two counts, not a count: "40,000 higher", "a difference of 2,600"
_DIFF_AFTER = re.compile(r"^\s+(?:\w+\s+)?(?:higher|lower|fewer|greater|smaller)\b", re.I)
_DIFF_BEFORE = re.compile(
    r"\b(?:(?:difference|gap|discrepancy|increase|decrease|jump|rise|drop)\s+of"
    r"|(?:rose|rise|risen|rises|increased|grew|fell|dropped|jumped|climbed|up|down)\s+by)\s+$",
    re.IGNORECASE,
)
_ADDED_BEFORE = re.compile(r"\b(?:another|an\s+additional|additional|extra|further)\s+$", re.I)
_ADDED_AFTER = re.compile(r"^\s+(?:more|additional|extra|further|new)\s+", re.IGNORECASE)
_ADDED_TROOPS = re.compile(
    r"\s+(?:more|additional|extra|further)\s+(?:[A-Za-z.-]+\s+){0,2}?"
    r"(troops|soldiers|forces|service\s+members|personnel|marines)\b",
    re.IGNORECASE,
)
_BURIED = re.compile(r"\bburi(?:ed|al|als)\b|\bbury\b", re.IGNORECASE)
_DESTROYED = re.compile(r"\b(?:destroy\w*|flattened|razed|collapsed)\b", re.IGNORECASE)
_DAMAGED = re.compile(r"\bdamag\w*\b", re.IGNORECASE)
_CAMPS = re.compile(r"^[^.;]{0,60}?\bin\s+(?:[\w-]+\s+){0,3}?(?:camps?|shelters?)\b", re.I)
# "no one was hurt" (a zero, read by find_quantities), ", 32 - were wounded" (an age)
_NOT_A_COUNT = re.compile(r"(?:\bno[\s-]|,\s*|\bages?\s+|\band\s+)$", re.IGNORECASE)
_HOUSE_NOUNS = frozenset({"houses", "homes", "buildings", "dwellings", "structures"})
# the measures a toll noun re-reads as deaths (the counted noun says nothing more)
_GENERIC = frozenset({None, "people", "victims"})
_VICTIM = frozenset({"people", "victims"})
_CASUALTY_PRED = re.compile(
    r"\s*(?:[-\u2013\u2014]\s*)?(?:(?:people|persons|victims)\s+)?"
    r"(?:(?:have|has|had|been|were|was|are|is|may|might|could|also|confirmed|reported|"
    r"reportedly|found|believed|feared|now|as|be|so\s+far)\s+){0,5}"
    r"(?:(?P<k>killed|dead|died|perished)|(?P<i>injured|wounded|hurt))\b",
    re.IGNORECASE,
)


def _toll_number(norm: str, num: NumberExpr) -> bool:
    """True when a toll noun leads to ``num`` ("the death toll ... has risen to 150,000")."""
    lo = max(0, num.start - _TOLL_GAP)
    nouns = [m for m in _TOLL_NOUN.finditer(norm, lo, num.start)]
    figure = [m for m in _FIGURE_NOUN.finditer(norm, lo, num.start)]
    if figure and _DEATH_WORDS.search(norm):
        nouns += figure
    for noun in sorted(nouns, key=lambda m: -m.end()):
        gap = norm[noun.end() : num.start]
        if _GAP_BREAK.search(gap) or not _LINK.search(" " + gap):
            continue
        if re.search(r"\d", re.sub(r"\b(?:19|20)\d\d\b|\b\d{1,2}\b", "", gap)):
            continue  # another figure stands between
        return True
    return False


# A force's size named without a counted noun: "troop numbers are about 8,400", "the number
# of troops deployed to Afghanistan is actually closer to 11,000".
_FORCE_NOUN = re.compile(
    r"\b(?:troop\s+(?:numbers?|levels?|strength|count|totals?)|force\s+levels?"
    r"|number\s+of\s+(?:[\w.]+\s+){0,2}?(?:troops|soldiers|forces|service\s*members))\b",
    re.IGNORECASE,
)
_FORCE_LINK = re.compile(
    r"\b(?:is|are|was|were|stands?\s+at|stood\s+at|now|to|at)\s+$", re.IGNORECASE
)
_FORCE_GAP = 80


def _force_number(norm: str, num: NumberExpr) -> bool:
    """True when a force noun leads to ``num`` ("US troop numbers are about 8,400")."""
    for noun in _FORCE_NOUN.finditer(norm, max(0, num.start - _FORCE_GAP), num.start):
        gap = norm[noun.end() : num.start]
        if _GAP_BREAK.search(gap) or re.search(r"\d", gap) or not _FORCE_LINK.search(gap):
            continue
        return True
    return False


# "the toll crossed 5,000", "surpassed 5,000": past that mark, not at it; "hits 5,000" with a
# round number is a milestone reached (at least), while "reached 5,057" is the count itself
_PASSED_BEFORE = re.compile(
    r"\b(?:surpass\w*|top(?:s|ped|ping)?|cross\w*|pass(?:es|ed|ing)?|exceed\w*|past|over)\s+"
    r"(?:(?:the|a)\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_MILESTONE_BEFORE = re.compile(r"\b(?:hit|hits|hitting|reach(?:es|ed|ing)?)\s+(?:the\s+)?$", re.I)


def _past_mark(norm: str, q: Quantity) -> Quantity:
    """An exact figure the toll has passed ("crossed 5,000") is "more than" it; a round one
    it hit ("hits 5,000") is "at least" it: the count itself may be 5,057."""
    num = q.number
    if num.qualifier != "exact" or num.low is None or num.low != num.high:
        return q
    before = norm[max(0, num.start - 30) : num.start]
    value = num.low
    if _PASSED_BEFORE.search(before):
        passed = replace(
            num, high=None, low_open=True, likely_high=value * 1.2, qualifier="more than"
        )
        return replace(q, number=passed)
    if value >= 100 and value % 100 == 0 and _MILESTONE_BEFORE.search(before):
        return replace(
            q, number=replace(num, high=None, likely_high=value * 1.1, qualifier="at least")
        )
    return q


def _death_quantity(num: NumberExpr) -> Quantity:
    return Quantity(num, None, "killed", "killed", "kill", VerbClass.event)


def _measured(norm: str, q: Quantity) -> Quantity:
    """The finer measures a reader keeps apart: bodies buried, houses destroyed, people in
    camps, additional troops, a difference between two counts; and "people" that a
    casualty word counts ("110,000 people have been confirmed as killed")."""
    num = q.number
    after, before = norm[num.end : num.end + 60], norm[max(0, num.start - 40) : num.start]
    if _DIFF_AFTER.match(after) or _DIFF_BEFORE.search(before):
        return replace(q, measure="difference", unit="difference")
    if q.measure == "troops" and (_ADDED_BEFORE.search(before) or _ADDED_AFTER.match(after)):
        return replace(q, measure="additional troops", unit="additional troops")
    if q.noun == "bodies" and _BURIED.search(norm):
        return replace(q, measure="buried", unit="buried")
    if q.noun in _HOUSE_NOUNS:
        window = norm[num.start : num.end + 80]
        if _DESTROYED.search(window):
            return replace(q, measure="houses destroyed", unit="houses destroyed")
        if _DAMAGED.search(window):
            return replace(q, measure="houses damaged", unit="houses damaged")
    if q.measure in _VICTIM:
        if _CAMPS.match(after):
            return replace(q, measure="people in camps", unit="people in camps")
        pred = _CASUALTY_PRED.match(after)
        if pred is not None:
            measure = "killed" if pred.group("k") else "injured"
            return replace(q, measure=measure, unit=measure)
    return q


def read_figures(
    text: str, exclude: list[tuple[int, int]] | None, found: list[Quantity]
) -> list[Figure]:
    """The figures of one sentence: ``found`` (its ``find_quantities``) with finer measures,
    plus the toll numbers they miss, each with its frame."""
    norm = normalise_for_matching(text)
    by_start = {q.number.start: q for q in found}
    figures: dict[int, Figure] = {}
    for q in found:
        figures[q.number.start] = Figure(_measured(norm, q))
    previous: Figure | None = None  # the last figure read, for chains and pairs
    for num, origin in _split_revisions(norm, find_numbers(text, exclude)):
        known = by_start.get(num.start if origin is None else origin)
        if known is not None and origin is not None:
            # half of "from A to B", read as one range by ``find_quantities``
            figures.pop(origin, None)
            known = replace(known, number=num)
        fig = figures.get(num.start)
        chained = previous is not None and _CHAIN_GAP.match(
            norm[previous.quantity.number.end : num.start]
        )
        if _toll_number(norm, num) or (
            chained
            and previous is not None
            and previous.quantity.measure == "killed"
            and known is None
        ):
            if known is None or known.measure in _GENERIC:
                q = (
                    _death_quantity(num)
                    if known is None
                    else replace(known, measure="killed", unit="killed")
                )
                fig = Figure(_measured(norm, q))
        elif (known is None or known.measure in _GENERIC) and _force_number(norm, num):
            fig = Figure(Quantity(num, None, "troops", "troops", None, VerbClass.stock))
        elif known is None and previous is not None and _pair(norm, previous, num):
            fig = Figure(replace(previous.quantity, number=num, noun=None))
        elif known is None and _DIFF_BEFORE.search(norm, max(0, num.start - 40), num.start):
            # "a difference of 2,600": a gap between two counts, kept apart from them
            fig = Figure(Quantity(num, None, "difference", "difference", None, VerbClass.stock))
        elif known is None and (added := _ADDED_TROOPS.match(norm, num.end)):
            # "1,500 more troops": find_quantities stops at "more"
            q = Quantity(num, added.group(1), "additional troops", "additional troops", None, None)
            fig = Figure(replace(q, verb_class=VerbClass.stock))
        elif (
            known is None
            and not num.is_vague
            and not _NOT_A_COUNT.search(norm, max(0, num.start - 8), num.start)
            and _CASUALTY_PRED.match(norm, num.end)
        ):
            # "500,000 could be dead", "perhaps more than 100,000 - may have perished"
            pred = _CASUALTY_PRED.match(norm, num.end)
            measure = "killed" if pred and pred.group("k") else "injured"
            verb = "kill" if measure == "killed" else "injure"
            fig = Figure(Quantity(num, None, measure, measure, verb, VerbClass.event))
        if fig is None:
            continue
        fig = _framed(norm, replace(fig, quantity=_past_mark(norm, fig.quantity)), previous)
        if fig.previous is not None and previous is not None:
            figures[previous.quantity.number.start] = replace(previous, earlier=True)
        figures[num.start] = fig
        previous = fig
    return sorted(figures.values(), key=lambda f: f.quantity.number.start)


_RANGE_FROM = re.compile(r"from\s+(?P<a>.+?)\s+to\s+(?P<b>.+)$", re.IGNORECASE)
_REVISE_BEFORE = re.compile(
    r"\b(?:raised|revised|lowered|increased|cut|reduced|rose|risen|climbed|jumped|fell|"
    r"dropped|corrected|changed|upped|put|went|grew)\b[^.;]{0,60}$",
    re.IGNORECASE,
)


def _split_revisions(norm: str, numbers: list[NumberExpr]) -> list[tuple[NumberExpr, int | None]]:
    """ "raised the toll from 230,000 to 316,000" is two figures, not a range: each number
    with the start of the range it was split from (``None`` when it was not)."""
    out: list[tuple[NumberExpr, int | None]] = []
    for num in numbers:
        m = _RANGE_FROM.match(norm, num.start, num.end)
        before = norm[max(0, num.start - 80) : num.start]
        if m is None or not (_REVISE_BEFORE.search(before) or _TOLL_NOUN.search(before)):
            out.append((num, None))
            continue
        parts = [
            _shifted(n, m.start(g))
            for g in ("a", "b")
            for n in find_numbers(norm[m.start(g) : m.end(g)])[:1]
        ]
        if len(parts) == 2:
            out.extend((p, num.start) for p in parts)
        else:
            out.append((num, None))
    return out


def _shifted(num: NumberExpr, offset: int) -> NumberExpr:
    return replace(
        num,
        start=num.start + offset,
        end=num.end + offset,
        num_start=num.num_start + offset,
        num_end=num.num_end + offset,
    )


def _pair(norm: str, previous: Figure, num: NumberExpr) -> bool:
    """ "61 in India and 25 in Tibet": a bare number right after a figure, with a place."""
    gap = norm[previous.quantity.number.end : num.start]
    if _DENIED_GAP.match(gap):
        return previous.quantity.measure is not None  # "60, not 600"
    return (
        len(gap) <= 60
        and not re.search(r"[;.]|\d", gap)
        and bool(_PAIR_BEFORE.search(gap))
        and bool(_PLACE_AFTER.match(norm, num.end))
        and previous.quantity.measure is not None
    )


def _framed(norm: str, fig: Figure, previous: Figure | None) -> Figure:
    """Portion and revision link of one figure."""
    num = fig.quantity.number
    before = norm[max(0, num.start - 30) : num.start]
    if _PART_BEFORE.search(before) or _PART_AFTER.match(norm[num.end : num.end + 30]):
        fig = replace(fig, portion=Portion.part)
    if previous is None or previous.quantity.measure != fig.quantity.measure:
        return fig
    p = previous.quantity.number
    gap = norm[p.end : num.start]
    starts_chain = bool(_FROM_BEFORE.search(norm[max(0, p.start - 40) : p.start]))
    if _CHAIN_GAP.match(gap) and (starts_chain or previous.previous is not None):
        words = norm[max(0, p.start - 80) : num.end]
        kind = RevisionKind.correction if _CORRECTION.search(words) else RevisionKind.update
        fig = replace(fig, previous=(p.start, p.end), revision_kind=kind)
    return fig


__all__ = ["Figure", "read_figures"]
