import json

import pytest

from factdb.extract.entities import (
    GAZETTEER_PATH,
    capitalised_chunks,
    find_declared_aliases,
    load_gazetteer,
    normalise_alias,
)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("U.S.", "us"),
        ("U.S.A.", "usa"),
        ("The  Coalition", "coalition"),
        ("US", "us"),
        ("Kata’ib Hizbollah", "kata'ib hizbollah"),
        ("al\u2013Mayadeen", "al-mayadeen"),
        ("U.S.-led", "us-led"),
    ],
)
def test_normalise_alias(raw: str, key: str) -> None:
    assert normalise_alias(raw) == key


def test_gazetteer_has_all_sovereign_countries() -> None:
    data = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
    countries = [e for e in data["entities"] if e["kind"] == "country"]
    assert len(countries) >= 195
    names = {e["name"] for e in data["entities"]}
    assert len(names) == len(data["entities"])  # no duplicate canonical names


@pytest.mark.parametrize(
    ("alias", "entity"),
    [
        ("US", "United States"),
        ("U.S.", "United States"),
        ("USA", "United States"),
        ("Washington", "United States"),
        ("Americans", "United States"),
        ("UK", "United Kingdom"),
        ("British", "United Kingdom"),
        ("London", "United Kingdom"),
        ("UAE", "United Arab Emirates"),
        ("Baghdad", "Iraq"),
        ("Iraqis", "Iraq"),
        ("Moscow", "Russia"),
        ("Tehran", "Iran"),
        ("Beijing", "China"),
        ("Damascus", "Syria"),
        ("Kabul", "Afghanistan"),
        ("ISIL", "Islamic State"),
        ("Daesh", "Islamic State"),
        ("Islamic State of Iraq and the Levant", "Islamic State"),
        ("Badr Organization", "Badr Organisation"),
        ("Kata'ib Hizbollah", "Kataib Hezbollah"),
        ("IRGC", "Islamic Revolutionary Guard Corps"),
        ("the coalition", "US-led coalition"),
        ("Combined Joint Task Force", "US-led coalition"),
        ("Pentagon", "United States Department of Defense"),
        ("U.N.", "United Nations"),
    ],
)
def test_lookup(alias: str, entity: str) -> None:
    ent = load_gazetteer().lookup(alias)
    assert ent is not None and ent.name == entity


def test_place_has_country() -> None:
    ent = load_gazetteer().lookup("Mosul")
    assert ent is not None and (ent.kind, ent.country) == ("place", "Iraq")


def _mentions(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity) for m in load_gazetteer().find_mentions(text)]


def test_short_acronyms_are_case_sensitive() -> None:
    assert _mentions("Is it true? Tell us. IS fighters met US troops.") == [
        ("IS", "Islamic State"),
        ("US", "United States"),
    ]


def test_capitalised_names_need_capitals() -> None:
    assert _mentions("a turkey in chad") == []
    assert _mentions("Turkey and Chad") == [("Turkey", "Turkey"), ("Chad", "Chad")]


def test_longest_match_wins_and_us_led_is_the_coalition() -> None:
    assert _mentions("The US-led coalition and U.S.-backed forces") == [
        ("US-led coalition", "US-led coalition"),
        ("U.S.", "United States"),
    ]
    assert _mentions("Islamic State of Iraq and the Levant") == [
        ("Islamic State of Iraq and the Levant", "Islamic State")
    ]


def test_mentions_index_original_text_with_smart_quotes() -> None:
    text = "The Kata’ib Hizbollah group"
    (m,) = load_gazetteer().find_mentions(text)
    assert text[m.start : m.end] == "Kata’ib Hizbollah" == m.text
    assert m.entity == "Kataib Hezbollah"


@pytest.mark.parametrize(
    ("text", "alias", "entity"),
    [
        ("defeat of Daesh (Islamic State) now", "Daesh", "Islamic State"),
        ("fighters of Islamic State (IS) fled", "IS", "Islamic State"),
        ("the Popular Front for Change (PFC) said", "PFC", "Popular Front for Change"),
    ],
)
def test_declared_aliases(text: str, alias: str, entity: str) -> None:
    g = load_gazetteer()
    found = find_declared_aliases(text, g.find_mentions(text), g)
    assert [(d.alias, d.entity) for d in found] == [(alias, entity)]


def test_parenthetical_that_is_not_a_name_is_ignored() -> None:
    g = load_gazetteer()
    text = "Troops left in 2014 (reportedly) and Iraq (the country) stayed."
    assert find_declared_aliases(text, g.find_mentions(text), g) == []


def test_capitalised_chunks_keep_particles() -> None:
    chunks = [c for _, _, c in capitalised_chunks("its spokesman, Jaafar al-Husseini, told")]
    assert chunks == ["Jaafar al-Husseini"]
