"""As-of scoping (an explicit time wins over publication) and modality (hedged claims)."""

from datetime import date

import pytest

from factdb.extract import extract
from factdb.extract.pipeline import _hedged
from factdb.extract.text import normalise_for_matching

PUB = date(2018, 2, 6)


def _quantity(text: str, published: date | None = PUB):
    claims = [c for c in extract(text, published).claims if c.kind == "quantity"]
    assert claims, f"no quantity claim in {text!r}"
    return claims[0]


@pytest.mark.parametrize(
    ("text", "as_of", "date_text"),
    [
        # the end of the period named in the sentence
        (
            "There were roughly 9,000 US troops in Iraq last September.",
            "2017-09-30",
            "last September",
        ),
        (
            "The United States had more than 5,500 troops in Iraq at the height of the battle "
            "in July 2017.",
            "2017-07-31",
            "July 2017",
        ),
        (
            "As of late September, the United States had 8,892 troops in Iraq.",
            "2017-09-30",
            "late September",
        ),
        ("In 2016 the United States had 4,000 troops in Iraq.", "2016-12-31", "2016"),
        # a period still running at publication is clamped to the publication date
        ("This year the United States has 5,000 troops in Iraq.", "2018-02-06", "This year"),
        # no time in the sentence: the publication date
        ("The United States has more than 5,000 troops in Iraq.", "2018-02-06", None),
    ],
)
def test_explicit_time_scopes_the_quantity(text: str, as_of: str, date_text: str | None) -> None:
    c = _quantity(text)
    assert c.as_of is not None and c.as_of.isoformat() == as_of
    assert c.date_text == date_text


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon said on Monday that the United States has 5,200 troops in Iraq.",
        "The United States has 5,200 troops in Iraq, officials said Monday.",
    ],
)
def test_speech_time_dates_a_fact_nothing_else_dates(text: str) -> None:
    """When the sentence says when the figure was given and nothing scopes the figure
    itself, the figure is as of that saying (issue 12: "in December, officials said 120
    had died"), not of the publication."""
    c = _quantity(text)
    assert c.as_of == date(2018, 2, 5)
    assert c.date_text == "Monday"


@pytest.mark.parametrize(
    "text",
    [
        "The United States has had 5,000 troops in Iraq for three months.",  # a duration
        "The United States recently had 5,000 troops in Iraq.",  # a vague reference
    ],
)
def test_durations_and_vague_references_do_not_scope(text: str) -> None:
    assert _quantity(text).as_of == PUB


def test_relative_time_without_publication_date_leaves_as_of_empty() -> None:
    c = _quantity("There were roughly 9,000 US troops in Iraq last September.", None)
    assert c.as_of is None


@pytest.mark.parametrize(
    "text",
    [
        "The United States will leave some 4,000 troops in Iraq.",
        "The United States would keep 3,000 troops in Iraq.",
        "The United States plans to keep 3,000 troops in Iraq.",
        "Iraq could need 3,000 US troops.",
        "The militants did not kill 40 people in Mosul.",
    ],
)
def test_future_conditional_planned_and_negated_claims_are_hedged(text: str) -> None:
    assert _quantity(text).hedged is True


def test_plain_fact_is_not_hedged() -> None:
    assert _quantity("The United States has 5,200 troops in Iraq.").hedged is False


def _hedged_text(text: str) -> bool:
    norm = normalise_for_matching(text)
    return _hedged(norm, 0, len(norm))


@pytest.mark.parametrize(
    "text",
    [
        "No one was hurt in the attack.",
        "Nobody was killed in the blast.",
        "None of the 40 passengers were hurt.",
        "No one was hurt, but police could not say how many shots were fired.",
    ],
)
def test_zero_counts_stated_as_fact_are_not_hedged(text: str) -> None:
    assert _hedged_text(text) is False
    for c in extract(text, PUB).claims:
        if c.kind == "quantity":
            assert c.hedged is False, c


@pytest.mark.parametrize(
    "text",
    [
        "The militants did not kill 40 people.",
        "The number of troops is not 5,000.",
        "The army isn't sending 2,000 soldiers.",
        "The army never had 9,000 soldiers there.",
        "If talks fail, 4,000 troops would stay.",
        "Officials are scheduled to withdraw 1,000 troops.",
    ],
)
def test_negation_and_modality_words_hedge(text: str) -> None:
    assert _hedged_text(text) is True
