"""The vocabularies: members are their stored strings, and queries and CLI choices use them."""

from __future__ import annotations

import json
from enum import StrEnum

import pytest
from conftest import Factdb

from factdb.errors import FactdbError
from factdb.queries import list_claims
from factdb.store import review_contradiction
from factdb.vocabulary import (
    ClaimKind,
    ClaimStatus,
    ContradictionStatus,
    ReviewStatus,
    Scope,
)


def test_a_member_is_its_stored_string() -> None:
    assert json.dumps([ClaimKind.quantity, Scope.intra]) == '["quantity", "intra"]'
    assert f"{ContradictionStatus.open}" == "open"
    assert {ContradictionStatus.confirmed: 2}["confirmed"] == 2  # row values find enum keys


def test_review_statuses_are_the_contradiction_statuses_a_person_sets() -> None:
    assert set(ReviewStatus) == set(ContradictionStatus) - {ContradictionStatus.stale}


def test_role_is_not_a_claim_kind() -> None:
    assert [kind.value for kind in ClaimKind] == ["quantity", "event", "quote"]


@pytest.mark.parametrize(
    ("command", "option", "vocabulary"),
    [
        (["claims"], "--kind", ClaimKind),
        (["claims"], "--status", ClaimStatus),
        (["contradictions"], "--status", ContradictionStatus),
        (["contradictions"], "--scope", Scope),
        (["review"], "--status", ReviewStatus),
    ],
)
def test_cli_choices_are_the_vocabulary(
    factdb: Factdb, command: list[str], option: str, vocabulary: type[StrEnum]
) -> None:
    choices = "|".join(vocabulary)
    assert f"<{choices}>" in factdb(*command, "--help").stdout
    bad = factdb(*command, *(["1"] if command == ["review"] else []), option, "role", code=2)
    listed = ", ".join(f"'{value}'" for value in vocabulary)
    assert f"'role' is not one of {listed}." in " ".join(bad.output.split())


def test_query_filters_name_their_vocabulary(session_factory) -> None:
    with session_factory() as session:
        with pytest.raises(FactdbError) as info:
            review_contradiction(session, 1, status="stale")
        expected = "status 'stale': expected one of confirmed, dismissed, resolved, open"
        assert str(info.value) == expected
        with pytest.raises(FactdbError) as info:
            list_claims(session, status="latest")
        assert str(info.value) == (
            "claim status 'latest': expected one of current, superseded, retired, all"
        )
