"""Inputs that once broke extraction: it must not raise, and must keep what is stored with
each input (``expect``: some quantity claim has these fields; ``forbid``: none has them)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from factdb.extract import extract
from factdb.extract.pipeline import _extract

CASES = json.loads((Path(__file__).parent / "regressions.json").read_text(encoding="utf-8"))


def _has(claim: Any, fields: dict[str, Any]) -> bool:
    return all(getattr(claim, k) == v for k, v in fields.items())


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_regression(case: dict[str, Any]) -> None:
    result = _extract(case["text"], date(2015, 7, 1))  # the unguarded path: must not raise
    extract(case["text"], None)  # nor the guarded one, without a publication date
    claims = [c for c in result.claims if c.kind == "quantity"]
    for fields in case.get("expect", []):
        assert any(_has(c, fields) for c in claims), (fields, claims)
    for fields in case.get("forbid", []):
        assert not any(_has(c, fields) for c in claims), (fields, claims)
