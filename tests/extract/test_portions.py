"""A casualty figure's portion: the whole count, or a part of it only when its words say so."""

from datetime import date

import pytest

from factdb.extract import extract

PUB = date(2016, 3, 1)


def _figures(text: str) -> list[tuple[str, float | None, str]]:
    """(measure, value, portion) of the exact killed/injured event figures, in text order."""
    return [
        (c.measure, c.value_low, c.portion)
        for c in extract(text, PUB).claims
        if c.kind == "quantity"
        and c.measure in ("killed", "injured")
        and c.verb_class == "event"
        and c.value_low == c.value_high
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "N of them", "N of the wounded"
        (
            "Five people were shot. Two of them were critically injured.",
            [("injured", 2, "part")],
        ),
        # others of the same measure are a share of it
        ("The gunman killed his wife and two others.", [("killed", 2, "part")]),
        # an ordinal victim: every count in the enumeration is a share
        (
            "Two men died at the scene and the third victim died later at a hospital.",
            [("killed", 2, "part"), ("killed", 1, "part")],
        ),
        # "another man": one more victim, not the count
        (
            "Police found the store clerk unhurt. Another man was shot and wounded.",
            [("injured", 1, "part")],
        ),
        # a breakdown after a dash
        (
            "Three others were hospitalized — two in critical condition and one with minor"
            " injuries.",
            [("injured", 3, "part"), ("injured", 1, "part")],
        ),
    ],
)
def test_part_words_make_a_part(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert _figures(text) == expected


def test_others_after_the_other_measure_are_its_total() -> None:
    text = "One man was killed and three others were wounded."
    assert _figures(text) == [("killed", 1, "total"), ("injured", 3, "total")]


def test_others_a_sentence_after_the_dead_are_the_injured_total() -> None:
    text = "A woman died on Elm Street. Four others were hurt."
    assert _figures(text) == [("killed", 1, "total"), ("injured", 4, "total")]


def test_an_ordinal_victim_of_the_other_measure_leaves_the_total_whole() -> None:
    text = "Three people are dead and a fourth person was wounded."
    assert _figures(text) == [("killed", 3, "total"), ("injured", 1, "part")]


def test_shot_n_fatally_is_the_total_of_the_dead() -> None:
    text = "Four people were shot, three fatally."
    assert sorted(_figures(text)) == [("injured", 1, "total"), ("killed", 3, "total")]


def test_a_smaller_count_without_part_words_stays_a_total() -> None:
    # the article disagrees with itself: both figures stay totals, so it stays visible
    text = "Four people died in the shooting. Two died at the scene."
    assert _figures(text) == [("killed", 4, "total"), ("killed", 2, "total")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two adult female victims and one juvenile victim were shot and wounded.", 3),
        ("Two women and one man were shot and killed.", 3),
        ("Seven officers and two civilians were hurt in the attack.", 9),
    ],
)
def test_coordinated_victims_are_summed_into_one_total(text: str, expected: int) -> None:
    figures = _figures(text)
    assert [(v, p) for _, v, p in figures] == [(expected, "total")]


def test_citation_marks_are_never_counts() -> None:
    text = "Three people were killed.[12][13] Two were wounded.[4]"
    values = [c.value_low for c in extract(text, PUB).claims if c.kind == "quantity"]
    assert values == [3, 2]


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("20 y/o killed, 14 y/o critical after shooting.", {20, 14}),
        ("Four boys between ages 12 and 16 were wounded.", {12, 16}),
        ("A child under the age of 10 was killed.", {10}),
    ],
)
def test_ages_are_never_counts(text: str, ages: set[int]) -> None:
    values = {c.value_low for c in extract(text, PUB).claims if c.kind == "quantity"}
    assert not values & ages


def test_no_one_seriously_hurt_is_no_zero_total() -> None:
    assert _figures("Two people were shot. No one was seriously hurt.") == []


def test_several_shootings_in_one_sentence_are_a_tally() -> None:
    text = "One man was killed and six other people were wounded in two South Side shootings."
    assert _figures(text) == []
