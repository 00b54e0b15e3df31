"""The GVA flag benchmark's scoring rules (benchmarks/gva_flag_scoring.py) on made-up flags."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from gva_flag_scoring import (
    Disagreement,
    Flag,
    FlagSide,
    found_items,
    score_cross,
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
