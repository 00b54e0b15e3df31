"""Golden cases: each expected (partial) claim, mention and alias must appear in the output."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from factdb.extract import extract
from factdb.extract.records import ClaimRecord

GOLDEN = Path(__file__).parent / "golden"


def _cases() -> list[Any]:
    out = []
    for path in sorted(GOLDEN.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for case in data if isinstance(data, list) else [data]:
            out.append(pytest.param(case, id=f"{path.stem}:{case['name'][:40]}"))
    return out


def _field_matches(claim: ClaimRecord, text: str, key: str, want: Any) -> bool:
    if key == "span_text":
        return text[claim.span[0] : claim.span[1]] == want
    got = getattr(claim, key)
    if isinstance(got, date):
        return got.isoformat() == want
    if isinstance(got, float) and want is not None and not isinstance(want, bool):
        return abs(got - want) < 1e-6
    return got == want


def _matches(claim: ClaimRecord, text: str, expected: dict[str, Any]) -> bool:
    return all(_field_matches(claim, text, k, v) for k, v in expected.items())


@pytest.mark.parametrize("case", _cases())
def test_golden_case(case: dict[str, Any]) -> None:
    published = date.fromisoformat(case["published"]) if case.get("published") else None
    text = case["text"]
    result = extract(text, published)
    for expected in case.get("expected", []):
        assert any(_matches(c, text, expected) for c in result.claims), (
            f"no claim matches {expected}; got {[vars(c) for c in result.claims]}"
        )
    for forbidden in case.get("forbidden", []):
        assert not any(_matches(c, text, forbidden) for c in result.claims), forbidden
    for kind, count in case.get("claim_count", {}).items():
        assert sum(c.kind == kind for c in result.claims) == count, kind
    for m in case.get("expected_mentions", []):
        assert any(
            x.text == m["text"] and x.entity == m["entity"] and x.kind == m.get("kind", x.kind)
            for x in result.mentions
        ), m
    for a in case.get("expected_declared_aliases", []):
        assert any(
            d.alias == a["alias"] and d.entity == a["entity"] for d in result.declared_aliases
        ), a
    if "warnings" in case:
        assert result.warnings == case["warnings"]
    for c in result.claims:
        assert text[c.span[0] : c.span[1]] == c.text
        if c.value_span:
            assert c.span[0] <= c.value_span[0] < c.value_span[1] <= c.span[1]
