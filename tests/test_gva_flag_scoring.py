"""The GVA flag benchmark's scoring rules (benchmarks/gva_flag_scoring.py) on made-up flags."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import pytest
from gva_flag_scoring import (
    AUTO_OTHER_INCIDENT,
    Disagreement,
    Flag,
    FlagSide,
    found_items,
    label_value,
    parse_labels,
    score_cross,
    score_read,
    value_matches,
)

GOLD = {"a": {"1"}, "b": {"1"}, "c": {"2"}}
ITEM = Disagreement("d1", "injured", ("a", "b"), (5, 4))


def side(source: str, measure: str, low: float | None, high: float | None) -> FlagSide:
    return FlagSide(source, measure, low, high, "Five people were hurt in the crash.")


def test_value_matching_exact_interval_and_open_floor() -> None:
    assert value_matches(4, 4, 4)
    assert not value_matches(4, 5, 5)
    assert value_matches(4, 3, None)  # "at least 3" contains 4
    assert value_matches([3, None], 5, 5)  # the article's floor is 3; a claim of 5 is above it
    assert not value_matches([3, None], 2, None)


def test_listed_pair_found_in_either_order_only_with_its_measure_and_values() -> None:
    right = Flag(side("b", "injured", 4, 4), side("a", "injured", 5, 5), "cross")
    wrong_values = Flag(side("a", "injured", 4, 4), side("b", "injured", 5, 5), "cross")
    wrong_measure = Flag(side("a", "killed", 5, 5), side("b", "killed", 4, 4), "cross")
    assert found_items([right], [ITEM]) == [ITEM]
    assert found_items([wrong_values, wrong_measure], [ITEM]) == []


def test_cross_score_counts_incident_measure_and_listed_flags_apart_from_intra() -> None:
    flags = [
        Flag(side("a", "injured", 5, 5), side("b", "injured", 4, 4), "cross"),
        Flag(side("a", "injured", 5, 5), side("c", "injured", 2, 2), "cross"),
        Flag(side("a", "killed", 1, 1), side("b", "injured", 1, 1), "cross"),
        Flag(side("a", "injured", 5, 5), side("a", "injured", 6, 6), "intra"),
    ]
    score = score_cross(flags, GOLD, [ITEM])
    assert (score.total, score.same_incident, score.same_incident_same_measure) == (3, 2, 1)
    assert score.in_list == 1
    assert score.precision == 1 / 3


DOC_OF = {"a": "doc-a", "b": "doc-b", "c": "doc-c"}


def label(
    docs: tuple[str, str],
    measure: str,
    values: list,
    verdict: str,
    category: str | None = None,
    half: str = "tune",
) -> dict:
    return {
        "half": half,
        "docs": list(docs),
        "measure": measure,
        "values": values,
        "verdict": verdict,
        "category": category,
    }


def test_label_value_is_the_number_when_exact_else_the_interval() -> None:
    assert label_value(4.0, 4.0) == 4
    assert label_value(3.0, None) == (3.0, None)
    assert label_value(16.0, 18.0) == (16.0, 18.0)


def test_parse_labels_rejects_false_without_category_and_unknown_verdicts() -> None:
    with pytest.raises(ValueError):
        parse_labels([label(("doc-a", "doc-b"), "killed", [2, 4], "false")])
    with pytest.raises(ValueError):
        parse_labels([label(("doc-a", "doc-b"), "killed", [2, 4], "maybe")])


def test_read_precision_uses_labels_in_either_order_then_list_then_gold() -> None:
    labels = parse_labels(
        [
            label(("doc-b", "doc-a"), "killed", [4, 2], "false", "part-vs-total"),
            label(("doc-a", "doc-b"), "injured", [[3, None], 6], "genuine"),
        ]
    )
    flags = [
        # labelled false, stored in the other order than the label
        Flag(side("a", "killed", 2, 2), side("b", "killed", 4, 4), "cross"),
        # labelled genuine, with an open value
        Flag(side("a", "injured", 3, None), side("b", "injured", 6, 6), "cross"),
        # not labelled, but it finds the listed disagreement: genuine
        Flag(side("a", "injured", 5, 5), side("b", "injured", 4, 4), "cross"),
        # not labelled, different gold incidents: false
        Flag(side("a", "injured", 5, 5), side("c", "injured", 2, 2), "cross"),
        # same values as a label but now exact instead of open: unlabelled
        Flag(side("a", "injured", 3, 3), side("b", "injured", 6, 6), "cross"),
        # inside one article: not scored here
        Flag(side("a", "killed", 2, 2), side("a", "killed", 4, 4), "intra"),
    ]
    score = score_read(flags, DOC_OF, labels, GOLD, [ITEM])
    assert (score.judged, score.genuine, score.unlabelled, score.by_label) == (4, 2, 1, 2)
    assert score.precision == 0.5
    assert score.false_categories == {"part-vs-total": 1, AUTO_OTHER_INCIDENT: 1}
    assert score.bounds == (2 / 5, 3 / 5)


def test_read_score_without_flags_has_no_precision() -> None:
    score = score_read([], DOC_OF, [], GOLD, [ITEM])
    assert score.precision is None and score.bounds is None
