"""Place resolution in context, with sentences written for these tests."""

from __future__ import annotations

import pytest

from factdb.extract import extract
from factdb.extract.document import ArticleDoc


def _places(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.place.name) for m in ArticleDoc(text).places]


def test_ap_abbreviation_and_chain() -> None:
    found = _places("He grew up in Jackson, Miss., and moved to Mobile, Ala., in 2010.")
    assert ("Jackson, Miss.", "Jackson, Mississippi") in found
    assert ("Mobile, Ala.", "Mobile, Alabama") in found
    place = ArticleDoc("A man was shot in Huntsville, Alabama.").places[0].place
    assert [p.name for p in place.chain()] == ["Huntsville, Alabama", "Alabama", "United States"]
    assert [p.key for p in place.chain()][1:] == ["iso:US-AL", "iso:US"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("FOREST, Miss. (AP) \u2014 A man was killed late Sunday.", "Forest, Mississippi"),
        ("CHICAGO (AP) \u2014 Three people were wounded.", "Chicago, Illinois"),
        ("MANASSAS, Va. \u2014 Two teens were hurt in a shooting.", "Manassas, Virginia"),
    ],
)
def test_dateline_is_the_article_place(text: str, place: str) -> None:
    result = extract(text)
    assert result.place is not None and result.place.name == place


def test_bare_name_takes_the_state_in_context() -> None:
    text = "Police in Springfield said two men were hurt. Illinois troopers were called."
    assert ("Springfield", "Springfield, Illinois") in _places(text)
    assert not any(t == "Springfield" for t, _ in _places("Police in Springfield said so."))


def test_common_word_and_person_name_towns_need_evidence() -> None:
    text = "Warren said the Forest was quiet. Reading the report, he sighed. Mississippi agreed."
    assert _places(text) == [("Mississippi", "Mississippi")]
    dated = "FOREST, Miss. (AP) \u2014 Deputies in Forest found the car."
    assert [n for _, n in _places(dated)] == ["Forest, Mississippi", "Forest, Mississippi"]


def test_new_britain_is_not_the_united_kingdom() -> None:
    result = extract("Two men were shot in New Britain on Friday, police said.")
    assert ("New Britain", "New Britain, Connecticut") in [
        (m.text, m.place.name) for m in result.places
    ]
    assert not any(m.entity == "United Kingdom" for m in result.mentions)


def test_capital_alone_is_not_its_country() -> None:
    result = extract("Santiago told reporters he saw the gunman run.")
    assert not any(m.entity == "Chile" for m in result.mentions)
    assert result.places == []


def test_neighbourhoods_are_their_city() -> None:
    text = (
        "CHICAGO (AP) \u2014 A boy was shot in the Englewood neighborhood of Chicago. "
        "A woman was hurt on Chicago's South Side."
    )
    names = {n for _, n in _places(text)}
    assert names == {"Chicago, Illinois"}


def test_county_and_georgia_the_state() -> None:
    found = _places("Cook County deputies said the man fled from Chicago to Evanston.")
    assert ("Cook County", "Cook County, Illinois") in found
    found = _places("The man fled from Macon to Atlanta, Georgia.")
    assert ("Atlanta, Georgia", "Atlanta, Georgia") in found
    assert _places("Officials in Georgia said the man fled to Atlanta.")[0] == (
        "Georgia",
        "Georgia, United States",
    )
    assert _places("The government in Tbilisi said Georgia would answer.")[-1] == (
        "Georgia",
        "Georgia",
    )


def test_figures_take_their_sentence_place_else_the_article_place() -> None:
    text = (
        "FOREST, Miss. (AP) \u2014 Two people were killed and three were wounded on Sunday. "
        "In a separate case, 4 people were injured in Jackson, Miss., on Monday."
    )
    claims = [c for c in extract(text).claims if c.measure in ("killed", "injured")]
    got = {(c.measure, c.value_low): (c.location, c.location_kind) for c in claims}
    assert got[("killed", 2.0)] == ("Forest, Mississippi", "city")
    assert got[("injured", 3.0)] == ("Forest, Mississippi", "city")
    assert got[("injured", 4.0)] == ("Jackson, Mississippi", "city")


def test_country_figures_keep_the_country_entity() -> None:
    claims = extract("Airstrikes killed 40 people in Syria on Monday.").claims
    killed = next(c for c in claims if c.measure == "killed")
    assert killed.location == "Syria"
    assert killed.place is not None and killed.place.key == "iso:SY"
