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


# --- Read labels: a person's verdict on each flagged pair (gva_flag_labels.json) -------------
#
# A label is keyed by the two articles' doc ids, the measure and the two flagged values, so it
# survives changes to claim ids; either order of the pair matches. A value is a number when
# the claim is exact, else [low, high] (null for an open bound): a flag whose claim becomes
# "at least 4" instead of 4 no longer matches, and shows up as unlabelled until it is read.

GENUINE = "genuine"
FALSE = "false"
AUTO_OTHER_INCIDENT = "other incident (gold)"

LabelValue = float | int | tuple[float | None, float | None]


@dataclass(frozen=True)
class LabelKey:
    docs: tuple[str, str]
    measure: str | None
    values: tuple[LabelValue, LabelValue]

    def swapped(self) -> LabelKey:
        return LabelKey(self.docs[::-1], self.measure, self.values[::-1])


@dataclass(frozen=True)
class Label:
    key: LabelKey
    half: str
    verdict: str
    category: str | None = None


def label_value(low: float | None, high: float | None) -> LabelValue:
    """A claim's value as labels write it: the number when exact, else the (low, high) pair."""
    if low is not None and low == high:
        return int(low) if float(low).is_integer() else low
    return (low, high)


def parse_label_value(raw: object) -> LabelValue:
    if isinstance(raw, list):
        return (raw[0], raw[1])
    if isinstance(raw, int | float):
        return raw
    raise ValueError(f"label value must be a number or [low, high], not {raw!r}")


def parse_labels(items: Iterable[dict]) -> list[Label]:
    """Labels from their JSON records; a false verdict must say its category."""
    labels = []
    for item in items:
        verdict = item["verdict"]
        if verdict not in (GENUINE, FALSE):
            raise ValueError(f"verdict must be genuine or false, not {verdict!r}")
        category = item.get("category")
        if verdict == FALSE and not category:
            raise ValueError(f"false label without a category: {item['docs']}")
        key = LabelKey(
            tuple(item["docs"]),
            item["measure"],
            tuple(parse_label_value(v) for v in item["values"]),
        )
        labels.append(Label(key, item["half"], verdict, category))
    return labels


def flag_key(flag: Flag, doc_of: dict[str, str]) -> LabelKey | None:
    """The label key of a flag, its sources named by doc id (None if a source is unknown)."""
    if flag.a.source not in doc_of or flag.b.source not in doc_of:
        return None
    measure = flag.a.measure if flag.a.measure == flag.b.measure else None
    return LabelKey(
        (doc_of[flag.a.source], doc_of[flag.b.source]),
        measure,
        (label_value(flag.a.low, flag.a.high), label_value(flag.b.low, flag.b.high)),
    )


def label_index(labels: Iterable[Label]) -> dict[LabelKey, Label]:
    index: dict[LabelKey, Label] = {}
    for label in labels:
        index[label.key] = label
        index[label.key.swapped()] = label
    return index


@dataclass(frozen=True)
class Verdict:
    """How one flag was judged: ``genuine``, ``false`` or None (unread), and from what."""

    verdict: str | None
    category: str | None
    by: str  # "label", "list" (finds a listed disagreement) , "gold" or "none"


def judge(
    flag: Flag,
    doc_of: dict[str, str],
    labels: dict[LabelKey, Label],
    gold: dict[str, set[str]],
    listed: Sequence[Disagreement],
) -> Verdict:
    """A flag's verdict: its label; else genuine if it finds a listed disagreement; else
    false if its sources share no gold incident; else unlabelled."""
    key = flag_key(flag, doc_of)
    label = labels.get(key) if key is not None else None
    if label is not None:
        return Verdict(label.verdict, label.category, "label")
    if any(finds(flag, item) for item in listed):
        return Verdict(GENUINE, None, "list")
    if not same_incident(flag.a, flag.b, gold):
        return Verdict(FALSE, AUTO_OTHER_INCIDENT, "gold")
    return Verdict(None, None, "none")


@dataclass(frozen=True)
class ReadScore:
    """Cross flags judged by reading: labelled (or decided by list or gold), genuine, the
    false ones by category, and the unlabelled ones a reader still has to read."""

    judged: int
    genuine: int
    unlabelled: int
    by_label: int
    false_categories: dict[str, int]

    @property
    def precision(self) -> float | None:
        return self.genuine / self.judged if self.judged else None

    @property
    def bounds(self) -> tuple[float, float] | None:
        """Precision if every unlabelled flag were false, and if every one were genuine."""
        total = self.judged + self.unlabelled
        if not total:
            return None
        return self.genuine / total, (self.genuine + self.unlabelled) / total


def score_read(
    flags: Iterable[Flag],
    doc_of: dict[str, str],
    labels: Iterable[Label],
    gold: dict[str, set[str]],
    listed: Sequence[Disagreement],
) -> ReadScore:
    """Read precision over cross-source flags (rules in ``judge``)."""
    index = label_index(labels)
    judged = genuine = unlabelled = by_label = 0
    categories: dict[str, int] = {}
    for flag in flags:
        if flag.scope != "cross":
            continue
        v = judge(flag, doc_of, index, gold, listed)
        if v.verdict is None:
            unlabelled += 1
            continue
        judged += 1
        by_label += v.by == "label"
        if v.verdict == GENUINE:
            genuine += 1
        else:
            category = v.category or "?"
            categories[category] = categories.get(category, 0) + 1
    ordered = dict(sorted(categories.items(), key=lambda kv: (-kv[1], kv[0])))
    return ReadScore(judged, genuine, unlabelled, by_label, ordered)
