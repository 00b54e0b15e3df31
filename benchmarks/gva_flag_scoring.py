"""Scoring of contradiction flags against GVA's gold incidents and the read disagreement list.

Pure functions over plain records, so the rules are testable without the bench data:
- a cross-source flag is *on target* when its two sources belong to one gold incident and
  both claims count the same casualty measure (killed or injured);
- a listed disagreement is *found* when some flag pairs a claim of its article A with a claim
  of its article B, both of its measure, whose values match the listed figures.

Value matching: a listed figure N matches a claim whose interval [low, high] contains N (a
missing bound is unbounded); a listed open figure [N, null] ("at least N") matches a claim
whose low bound is at least N (the claim is as large as the article's floor or larger).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

CASUALTY_MEASURES = ("killed", "injured")

Listed = float | int | Sequence[float | int | None]


@dataclass(frozen=True)
class FlagSide:
    """One claim of a flag: its source key (URL), measure, value interval and sentence."""

    source: str
    measure: str | None
    low: float | None
    high: float | None
    text: str = ""


@dataclass(frozen=True)
class Flag:
    a: FlagSide
    b: FlagSide
    scope: str


@dataclass(frozen=True)
class Disagreement:
    """A listed pair of articles (as source keys) that disagree on one measure."""

    id: str
    measure: str
    sources: tuple[str, str]
    values: tuple[Listed, Listed]


def value_matches(listed: Listed, low: float | None, high: float | None) -> bool:
    """Whether a claim's interval agrees with a listed figure (rule in the module docstring)."""
    if isinstance(listed, int | float):
        return (low is None or low <= listed) and (high is None or listed <= high)
    floor, ceiling = listed[0], listed[1]
    if ceiling is None:
        return floor is not None and low is not None and low >= floor
    return (low is None or low <= ceiling) and (high is None or floor is None or high >= floor)


def same_incident(a: FlagSide, b: FlagSide, gold: dict[str, set[str]]) -> bool:
    return bool(gold.get(a.source, set()) & gold.get(b.source, set()))


def same_casualty_measure(flag: Flag) -> bool:
    return flag.a.measure == flag.b.measure and flag.a.measure in CASUALTY_MEASURES


def finds(flag: Flag, item: Disagreement) -> bool:
    """Whether ``flag`` pairs the item's two articles on its measure with its two figures."""
    for x, y in ((flag.a, flag.b), (flag.b, flag.a)):
        if (x.source, y.source) != item.sources:
            continue
        if x.measure == y.measure == item.measure and (
            value_matches(item.values[0], x.low, x.high)
            and value_matches(item.values[1], y.low, y.high)
        ):
            return True
    return False


@dataclass(frozen=True)
class CrossScore:
    total: int
    same_incident: int
    same_incident_same_measure: int
    in_list: int

    @property
    def precision(self) -> float | None:
        return self.same_incident_same_measure / self.total if self.total else None


def score_cross(
    flags: Iterable[Flag], gold: dict[str, set[str]], listed: Sequence[Disagreement]
) -> CrossScore:
    """Counts over cross-source flags: all, one gold incident, plus same measure, listed."""
    total = incident = measure = in_list = 0
    for flag in flags:
        if flag.scope != "cross":
            continue
        total += 1
        if same_incident(flag.a, flag.b, gold):
            incident += 1
            measure += same_casualty_measure(flag)
        in_list += any(finds(flag, item) for item in listed)
    return CrossScore(total, incident, measure, in_list)


def found_items(flags: Sequence[Flag], listed: Iterable[Disagreement]) -> list[Disagreement]:
    """The listed disagreements some flag (any scope) finds: the recall numerator."""
    return [item for item in listed if any(finds(flag, item) for flag in flags)]
