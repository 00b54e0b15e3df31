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
        (
            "The gunman killed his wife. Two others were also killed.",
            [("killed", 1, "total"), ("killed", 2, "part")],
        ),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the last item may drop its determiner; every item counts once whatever its age
        ("A woman and child were found dead in the motel room.", ("killed", 2)),
        ("The driver and two passengers were killed on the bridge.", ("killed", 3)),
        ("An eight-month-old baby boy and a man were shot and killed.", ("killed", 2)),
        ("Two girls and an adult male were found dead in the house.", ("killed", 3)),
        # victims listed as the object of the casualty verb
        ("The robber killed a clerk and injured a guard and two customers.", ("injured", 3)),
        ("The gunman killed his wife and two others.", ("killed", 3)),
        ("The sniper wounded three deputies and two bystanders.", ("injured", 5)),
    ],
)
def test_listed_victims_are_summed_one_per_item(text: str, expected: tuple[str, int]) -> None:
    measure, value = expected
    assert (measure, value, "total") in _figures(text)
    assert all(v == value for m, v, _ in _figures(text) if m == measure)


def test_a_dead_victim_wounded_before_dying_is_not_injured() -> None:
    text = "A 6-year-old boy has died after he was wounded at a birthday party."
    assert [m for m, _, _ in _figures(text)] == ["killed"]


def test_one_injured_woman_is_one_of_several_victims() -> None:
    text = "Three people were wounded. Police said one injured woman drove herself to a clinic."
    assert _figures(text) == [("injured", 3, "total"), ("injured", 1, "part")]


def test_ages_ending_a_list_are_no_count() -> None:
    text = "Two women, ages 19 and 23, and two men, 40 and 51 were injured in the shooting."
    assert 51 not in {v for _, v, _ in _figures(text)}


@pytest.mark.parametrize(
    "text",
    [
        "The two brothers were among 14 people shot, two fatally, over the long weekend.",
        "Six people were killed in shootings throughout the day on the West Side.",
        "Five people were wounded during a violent weekend on the East Side.",
    ],
)
def test_counts_of_a_period_or_a_larger_group_are_tallies(text: str) -> None:
    assert _figures(text) == []


def test_victims_named_by_role_are_counted() -> None:
    text = "The gunman killed three deputies on Tuesday."
    assert _figures(text) == [("killed", 3, "total")]


def test_a_role_group_also_hurt_after_the_same_measure_is_a_part() -> None:
    text = "Nine deputies were wounded in the ambush. Two civilians were also wounded."
    assert _figures(text) == [("injured", 9, "total"), ("injured", 2, "part")]


def test_a_role_group_also_hurt_after_the_dead_is_the_injured_total() -> None:
    text = "One deputy was killed in the ambush. Two civilians were also wounded."
    assert _figures(text) == [("killed", 1, "total"), ("injured", 2, "total")]


def test_an_attempted_killing_is_hedged() -> None:
    text = "The man is accused of trying to kill two deputies at the traffic stop."
    claims = [c for c in extract(text, PUB).claims if c.measure == "killed"]
    assert claims and all(c.hedged for c in claims)


def test_a_condition_a_sub_shooting_and_a_zero_about_one_spot_are_not_totals() -> None:
    from datetime import date

    from factdb.extract import extract

    def figures(text: str) -> list[tuple[float | None, str | None, str]]:
        return [
            (c.value_low, c.measure, c.portion)
            for c in extract(text, date(2016, 1, 1)).claims
            if c.kind == "quantity"
        ]

    assert figures("Two victims remain hospitalized while the others were released.") == [
        (2.0, "injured", "part")
    ]
    assert figures("The second shooting happened a mile away, where two people were killed.") == [
        (2.0, "killed", "part")
    ]
    assert figures("No one was injured inside.") == []  # a zero about one spot
    assert figures("No one was injured.") == [(0.0, "injured", "total")]


def test_another_shooting_recalled_and_a_month_tally_count_no_incident_total() -> None:
    from datetime import date

    from factdb.extract import extract

    def killed(text: str) -> list[tuple[float | None, str, str | None]]:
        return [
            (c.value_low, c.portion, c.verb_class)
            for c in extract(text, date(2016, 12, 19)).claims
            if c.kind == "quantity" and c.measure == "killed"
        ]

    recalled = killed(
        "Police said the targets were in the same gang as the targets in another nearby "
        "shooting last month that left two dead."
    )
    assert recalled and all(portion == "part" for _, portion, _ in recalled)
    tally = killed("At least 80 people were killed in the city in November alone.")
    assert tally and all(verb_class == "stock" for _, _, verb_class in tally)
