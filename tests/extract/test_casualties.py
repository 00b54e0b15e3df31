"""Casualty counts as news reports them: killed / injured quantity claims."""

from datetime import date

import pytest

from factdb.extract import extract
from factdb.extract.quantities import find_quantities, several_victims
from factdb.extract.text import is_boilerplate, split_sentences

PUB = date(2015, 7, 1)


def _casualties(text: str) -> list[tuple[str, float | None, float | None, bool]]:
    return [
        (c.measure, c.value_low, c.value_high, c.hedged)
        for c in extract(text, PUB).claims
        if c.kind == "quantity" and c.measure in ("killed", "injured") and c.verb_class == "event"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two people were killed.", [("killed", 2, 2)]),
        ("A 23-year-old man was shot and wounded.", [("injured", 1, 1)]),
        ("A 23-year-old man was shot and killed.", [("killed", 1, 1)]),
        ("Four dead, two injured in shooting.", [("killed", 4, 4), ("injured", 2, 2)]),
        ("No one was hurt.", [("injured", 0, 0)]),
        ("Nobody was injured in the shooting.", [("injured", 0, 0)]),
        ("The gunman killed two and wounded three.", [("killed", 2, 2), ("injured", 3, 3)]),
        ("One man died.", [("killed", 1, 1)]),
        ("The victim was pronounced dead at the scene.", [("killed", 1, 1)]),
        ("Three were critically injured.", [("injured", 3, 3)]),
        ("He suffered non-life-threatening injuries.", [("injured", 1, 1)]),
        ("The shooting left two dead and five wounded.", [("killed", 2, 2), ("injured", 5, 5)]),
        ("14 shot, one fatally, since 8 p.m.", [("injured", 13, 13), ("killed", 1, 1)]),
        ("Kody Zawalski, 20, was killed, deputies say.", [("killed", 1, 1)]),
        ("Three children and two adults were found dead.", [("killed", 5, 5)]),
        ("A 2-year-old girl and four other people were wounded.", [("injured", 5, 5)]),
        (
            "A gunman killed six people and injured fourteen others.",
            [("killed", 6, 6), ("injured", 14, 14)],
        ),
    ],
)
def test_casualty_counts(text: str, expected: list[tuple[str, float, float]]) -> None:
    got = _casualties(text)
    assert [(m, lo, hi) for m, lo, hi, _ in got] == expected
    assert not any(h for *_, h in got), "a stated count (even zero) is a fact, not hedged"


def test_single_victims_among_several_are_parts() -> None:
    text = "A man was killed on Main Street. Another man was killed nearby."
    claims = [
        (c.value_low, c.value_high, c.portion)
        for c in extract(text, PUB).claims
        if c.kind == "quantity" and c.measure == "killed"
    ]
    assert claims == [(1, 1, "part"), (1, 1, "part")]
    assert "killed" in several_victims(text)


def test_running_tallies_are_not_one_event() -> None:
    assert _casualties("Five people were killed in separate shootings across the city.") == []


def test_ages_and_years_are_not_casualty_counts() -> None:
    assert _casualties("A 23-year-old man aged 40 was arrested in 2014.") == []
    found = find_quantities("John Smith, 23, was charged.")
    assert found == []


def test_boilerplate_lines() -> None:
    for line in [
        "Home | News | Weather | Sports",
        "Copyright 2014 WMC Action News 5. All rights reserved.",
        "Click here to read more",
        "Related: Man shot in Memphis",
        "We use cookies to improve your experience; see our cookie policy.",
        "Pinterest",
    ]:
        assert is_boilerplate(line), line
    assert not is_boilerplate("Two people were killed in the shooting.")
    text = (
        "Two people were killed.\nHome | News | Weather\n"
        "Copyright 2014 Station. All rights reserved."
    )
    assert [s.text for s in split_sentences(text)] == ["Two people were killed."]


# --- issue 3 part 2: whole-incident totals, parts, other events ---------------------------------


def _exact(text: str, measure: str) -> list[float | None]:
    return [lo for m, lo, hi, _ in _casualties(text) if m == measure and lo == hi]


@pytest.mark.parametrize(
    "text",
    [
        "The gunman killed two people and wounded nine others before killing himself.",
        "A man opened fire, killing two people and wounding seven others before taking his own"
        " life.",
    ],
)
def test_shooter_who_killed_himself_is_counted(text: str) -> None:
    assert _exact(text, "killed") == [3]
    assert _exact(text, "injured") in ([9], [7])


def test_including_the_gunman_is_not_counted_twice() -> None:
    text = "The shooting left three dead, including the gunman who killed himself."
    assert _exact(text, "killed") == [3]


def test_shot_n_m_fatally_gives_the_wounded_too() -> None:
    text = "Seven people have been shot, five fatally, police said."
    assert sorted(_casualties(text)) == [("injured", 2, 2, False), ("killed", 5, 5, False)]


@pytest.mark.parametrize(
    "text",
    [
        "Police said no officers were injured.",
        "No other injuries were reported.",
        "None of the children were injured.",
    ],
)
def test_zero_for_a_part_is_not_the_total(text: str) -> None:
    assert _casualties(text) == []


def test_zero_for_everyone_stays() -> None:
    assert _exact("No injuries were reported.", "injured") == [0]


def test_a_smaller_count_stays_a_total_unless_its_words_make_it_a_part() -> None:
    text = (
        "Four people died in the shooting on Monday. Two died at the scene. "
        "Five people were wounded. Two of the wounded were flown to a hospital."
    )
    claims = [
        (c.measure, c.value_low, c.value_high, c.qualifier, c.portion)
        for c in extract(text, PUB).claims
        if c.kind == "quantity" and c.measure in ("killed", "injured")
    ]
    assert claims == [
        ("killed", 4, 4, "exact", "total"),
        ("killed", 2, 2, "exact", "total"),  # no part word: the disagreement stays visible
        ("injured", 5, 5, "exact", "total"),
        ("injured", 2, 2, "exact", "part"),  # "two of the wounded"
    ]


def test_counts_of_another_year_do_not_set_the_total() -> None:
    text = (
        "Two people were killed in the shooting on Monday. "
        "In December 2012, 20 children and six adults were killed."
    )
    claims = {
        c.value_low: (c.value_high, c.as_of)
        for c in extract(text, PUB).claims
        if c.kind == "quantity" and c.measure == "killed"
    }
    assert claims[2][0] == 2  # still exact: the 2012 count is another event
    assert claims[26] == (26, date(2012, 12, 31))  # dated by its own explicit time


def test_last_month_dates_the_claim() -> None:
    (claim,) = [
        c
        for c in extract("Last month, a gunman killed three people.", date(2015, 7, 20)).claims
        if c.kind == "quantity"
    ]
    assert claim.as_of == date(2015, 6, 30)


def test_fell_to_is_a_capture_and_vague_times_make_no_events() -> None:
    claims = extract("Mosul fell to Islamic State in June 2014.", PUB).claims
    (ev,) = [c for c in claims if c.kind == "event"]
    assert (ev.verb, ev.subject, ev.location) == ("fall", "Islamic State", "Mosul")
    assert not [c for c in extract("Prices fell in June 2014.", PUB).claims if c.kind == "event"]
    vague = extract("Islamic State recently captured Ramadi.", PUB).claims
    assert not [c for c in vague if c.kind == "event"]
    dated = extract("Islamic State captured Ramadi in May 2015.", PUB).claims
    assert [c.verb for c in dated if c.kind == "event"] == ["capture"]


def test_a_murder_suicide_has_several_dead() -> None:
    assert "killed" in several_victims("Police called it a murder-suicide at the farmhouse.")
