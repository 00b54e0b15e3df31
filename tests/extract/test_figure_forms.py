"""The forms figures take in disaster and conflict news, read through ``extract``."""

from __future__ import annotations

from datetime import date

import pytest

from factdb.extract import extract
from factdb.extract.records import ClaimRecord

PUBLISHED = date(2021, 3, 10)  # a Wednesday


def _figures(text: str, published: date = PUBLISHED) -> list[ClaimRecord]:
    return [c for c in extract(text, published).claims if c.kind == "quantity"]


def _value(c: ClaimRecord, text: str) -> str:
    assert c.value_span is not None
    return text[c.value_span[0] : c.value_span[1]]


def _by_value(text: str, number: str, published: date = PUBLISHED) -> ClaimRecord:
    found = [c for c in _figures(text, published) if number in _value(c, text)]
    assert len(found) == 1, [(_value(c, text), c.measure) for c in _figures(text, published)]
    return found[0]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("The death toll from the flood rose to 1,240 after rescuers reached the valley.", "1,240"),
        ("The toll climbed to 87 as more bodies were recovered.", "87"),
        ("By evening the death toll had reached 412.", "412"),
        ("The official death toll stood at 3,015.", "3,015"),
        ("The confirmed death toll from the landslide has risen to 56.", "56"),
        ("The number of dead surpassed 900, the ministry said.", "900"),
    ],
)
def test_a_toll_phrase_is_a_death_count(text: str, number: str) -> None:
    c = _by_value(text, number)
    assert c.measure == "killed"
    assert c.value_low == float(number.replace(",", ""))
    assert c.portion == "total"


def test_from_a_to_b_is_two_figures_linked_as_an_update() -> None:
    text = "Officials raised the death toll from 310 to 365."
    a, b = _by_value(text, "310"), _by_value(text, "365")
    assert (a.measure, b.measure) == ("killed", "killed")
    assert a.value_low == 310 and b.value_low == 365
    assert b.previous_span == a.value_span
    assert b.revision_kind == "update"
    assert a.as_of is not None and b.as_of is not None and a.as_of < b.as_of


def test_a_revised_toll_is_a_correction() -> None:
    text = "The ministry revised the death toll from 48 to 41 on Tuesday."
    a, b = _by_value(text, "48"), _by_value(text, "41")
    assert b.previous_span == a.value_span
    assert b.revision_kind == "correction"
    assert b.as_of == date(2021, 3, 9)
    assert a.as_of is not None and a.as_of < b.as_of


def test_a_chain_of_tolls_keeps_each_figure_its_own_date() -> None:
    text = (
        "The toll has climbed from 120 on March 1 to 180 on March 4, "
        "to 240 on Monday and 260 on Tuesday."
    )
    figures = {_value(c, text): c for c in _figures(text)}
    assert {k: c.as_of for k, c in figures.items()} == {
        "120": date(2021, 3, 1),
        "180": date(2021, 3, 4),
        "240": date(2021, 3, 8),
        "260": date(2021, 3, 9),
    }
    assert all(c.measure == "killed" for c in figures.values())
    assert figures["260"].previous_span == figures["240"].value_span


def test_two_places_give_two_figures_with_their_own_location() -> None:
    text = "The storm killed 14 people in Portugal and 9 in Spain."
    first, second = _by_value(text, "14"), _by_value(text, "9")
    assert (first.measure, second.measure) == ("killed", "killed")
    assert first.location == "Portugal"
    assert second.location == "Spain"


def test_including_marks_a_part_of_the_total() -> None:
    text = "The fire killed 23 people, including 7 children."
    total, part = _by_value(text, "23"), _by_value(text, "7")
    assert total.portion == "total"
    assert part.portion == "part"


def test_a_difference_is_not_a_toll() -> None:
    text = "The new death toll is 4,000 higher than the one released on Monday."
    assert all(c.measure != "killed" for c in _figures(text))
    text = "The recount found 2,600 troops more than the army had reported, a difference of 300."
    assert _by_value(text, "300").measure == "difference"
    text = "The new count is 1,200 soldiers higher than last week's."
    assert _by_value(text, "1,200").measure == "difference"


def test_additional_troops_are_apart_from_troops() -> None:
    text = "The Pentagon will send 1,500 more troops to the region."
    assert _by_value(text, "1,500").measure == "additional troops"
    text = "Britain keeps about 700 troops in Estonia."
    assert _by_value(text, "700").measure == "troops"


def test_bodies_buried_houses_and_camps() -> None:
    text = "Crews have buried 2,300 bodies in mass graves."
    assert _by_value(text, "2,300").measure == "buried"
    text = "Nearly 8,000 houses were destroyed by the quake."
    assert _by_value(text, "8,000").measure == "houses destroyed"
    text = "Some 41,000 people are still living in tent camps."
    assert _by_value(text, "41,000").measure == "people in camps"


@pytest.mark.parametrize(
    ("text", "number", "status", "hedged"),
    [
        ("Police said 31 people were killed in the attack.", "31", "official", False),
        ("The health ministry confirmed 212 deaths.", "212", "official", False),
        ("An estimated 6,000 people died in the floods.", "6,000", "estimate", False),
        ("The Red Cross estimates that 1,800 people died.", "1,800", "estimate", False),
        ("Officials warned the death toll could reach 3,000.", "3,000", "projection", True),
        ("The final toll will reach 500, the governor said.", "500", "projection", True),
        ("The toll is expected to top 2,000.", "2,000", "projection", True),
        ("The army says it needs 9,000 troops for the mission.", "9,000", "projection", True),
        ("The mayor said the toll was 60, not 600.", "600", "negated", True),
        ("A reporter counted 44 people killed at the market.", "44", "reported", False),
    ],
)
def test_status(text: str, number: str, status: str, hedged: bool) -> None:
    c = _by_value(text, number)
    assert c.status == status
    assert c.hedged is hedged


def test_feared_figures_are_hedged() -> None:
    text = "Rescuers fear another 300 may have died under the rubble."
    c = _by_value(text, "300")
    assert c.measure == "killed"
    assert c.hedged


def test_as_of_is_the_figures_own_time() -> None:
    text = "The death toll reached 1,020 on Monday and kept rising."
    assert _by_value(text, "1,020").as_of == date(2021, 3, 8)


def test_as_of_is_never_the_date_of_the_disaster() -> None:
    text = "Saturday's earthquake killed 2,100 people."
    assert _by_value(text, "2,100").as_of == PUBLISHED
    text = "The death toll from the March 1 eruption has risen to 75."
    assert _by_value(text, "75").as_of == PUBLISHED
    text = "The agency has counted 640 deaths since the March 1 eruption."
    assert _by_value(text, "640").as_of == PUBLISHED


def test_as_of_is_when_the_figure_was_given() -> None:
    text = "The governor said on Monday that 97 people had died in the floods."
    assert _by_value(text, "97").as_of == date(2021, 3, 8)


def test_an_older_event_keeps_its_date() -> None:
    text = (
        "Four people were wounded just a block from where five were wounded in a December shooting."
    )
    c = _by_value(text, "five", published=date(2021, 3, 10))
    assert c.as_of == date(2020, 12, 31)


def test_a_country_named_as_subject_is_the_place_of_a_toll() -> None:
    a = _by_value("Chile's death toll rose to 412 on Tuesday.", "412")
    b = _by_value("The death toll in Chile rose to 415 on Wednesday.", "415")
    assert a.subject is None and b.subject is None
    assert a.location == b.location == "Chile"


def test_troops_keep_their_subject() -> None:
    c = _by_value("France has 5,100 troops in Mali.", "5,100")
    assert c.subject == "France"
    assert c.location == "Mali"


def test_a_force_size_without_a_counted_noun_and_where_it_is() -> None:
    """ "troop numbers are about 8,400", "the number of troops deployed to X is closer to
    11,000": troop counts, the country they are sent to is their place, and a force figure
    naming no place is where the article's deployment is."""
    from datetime import date

    from factdb.extract import extract

    def troops(text: str) -> list[tuple[float | None, str | None, str | None]]:
        return [
            (c.value_low, c.subject, c.location)
            for c in extract(text, date(2017, 8, 30)).claims
            if c.kind == "quantity" and c.measure == "troops"
        ]

    assert troops(
        "The number of troops deployed to Afghanistan is actually closer to 11,000, "
        "Defense Department spokeswoman Dana White said."
    ) == [(11000.0, "United States", "Afghanistan")]
    article = (
        "US troops in Afghanistan\n\nThe United States has deployed more troops to "
        "Afghanistan this year, officials said.\n\nCurrent US troop numbers are about 8,400."
    )
    located = troops(article)
    assert (7560.0, "United States", "Afghanistan") in located


def test_a_figure_given_as_superseded_is_previous() -> None:
    from datetime import date

    from factdb.extract import extract

    def statuses(text: str) -> list[str]:
        return [c.status for c in extract(text, date(2017, 11, 16)).claims if c.kind == "quantity"]

    assert statuses(
        "The Pentagon had previously put the number of U.S. forces in Afghanistan at about 11,000."
    ) == ["previous"]
    assert statuses("Previous estimates had put the quake dead at around 250,000.") == ["previous"]
    assert statuses("About 15,000 U.S. forces are in Afghanistan.") == ["reported"]


def test_a_wide_disaster_toll_of_a_spot_or_area_it_cannot_place_is_a_part() -> None:
    from datetime import date

    from factdb.extract import extract

    article = (
        "KATHMANDU, Nepal — The earthquake in Nepal has killed more than 4,000 people, "
        "officials said on Tuesday.\n\n"
        "Kathmandu district recorded 1,039 deaths.\n\n"
        "The worst-hit area has been the Kathmandu Valley where 1,441 have died.\n\n"
        "An avalanche swept through Mount Everest base camp, killing at least 18 people."
    )
    portions = {
        c.value_low: c.portion
        for c in extract(article, date(2015, 4, 28)).claims
        if c.kind == "quantity" and c.measure == "killed"
    }
    assert portions[4000.0] == "total"
    assert portions[1039.0] == portions[1441.0] == portions[18.0] == "part"


def test_a_trailing_clause_does_not_hedge_the_figure_before_it() -> None:
    from datetime import date

    from factdb.extract import extract

    def hedged(text: str) -> list[bool]:
        return [c.hedged for c in extract(text, date(2031, 3, 11)).claims if c.kind == "quantity"]

    assert hedged("The quake killed 1,655 people, though officials could not reach villages.") == [
        False
    ]
    assert hedged("The attack could kill 40 people.") == [True]
