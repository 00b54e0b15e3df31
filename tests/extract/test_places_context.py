"""Article places from page context and real-page patterns, with sentences written for these
tests: the page title and URL, street and institution names, neighbourhoods, counties."""

from __future__ import annotations

from factdb.extract import extract
from factdb.extract.document import ArticleDoc
from factdb.places.headline import split_title
from factdb.places.outlet import domain_of, domain_states


def _names(text: str, **page: str) -> list[tuple[str, str]]:
    return [(m.text, m.place.name) for m in ArticleDoc(text, **page).places]


def _place(text: str, **page: str) -> str | None:
    got = extract(text, **page).place
    return got.name if got is not None else None


def test_title_splits_headline_from_outlet_furniture() -> None:
    assert split_title("Shooting in Forest leaves 2 dead - WAFF") == (
        "Shooting in Forest leaves 2 dead",
        "WAFF",
    )
    head, furniture = split_title("Man hurt on Elm Street | WTVM.com-Columbus, GA News")
    assert head == "Man hurt on Elm Street" and "Columbus, GA" in furniture
    assert split_title(None) == ("", "")


def test_outlet_home_state_from_the_domain() -> None:
    wrapped = "http://web.archive.org/web/20160101000000/http://www.arkansasonline.com:80/news/"
    assert domain_of(wrapped) == "arkansasonline"
    [state] = domain_states(wrapped)
    assert _names("x", url=wrapped) == []  # a prior, never a mention
    assert ArticleDoc("x", url=wrapped).place_result.outlet_states[0].name == "Arkansas"
    assert state >= 0
    assert [
        p.name for p in ArticleDoc("x", url="http://abc7chicago.com/a").place_result.outlet_states
    ] == ["Illinois"]
    assert domain_states("http://www.kcbd.com/story/1") == ()  # call letters say nothing


def test_outlet_state_resolves_a_bare_small_city() -> None:
    text = "Police in Bluefield said a man was shot on Friday."
    assert _place(text) is None
    title = "Man shot on Friday - WXYZ News 7 - Princeton, West Virginia"
    assert _place(text, title=title) == "Bluefield, West Virginia"


def test_headline_names_the_place() -> None:
    text = "Deputies said a woman was hurt on Saturday. She is expected to recover."
    assert _place(text) is None
    assert _place(text, title="Woman shot in Tuscaloosa - WBRC") == "Tuscaloosa, Alabama"


def test_city_police_is_not_a_person() -> None:
    assert _names("Memphis Police said the victim died at the scene.") == [
        ("Memphis", "Memphis, Tennessee")
    ]
    assert ("Philadelphia", "Philadelphia, Pennsylvania") in _names(
        "Two men were shot in West Philadelphia overnight."
    )


def test_street_and_hospital_names_are_not_places() -> None:
    text = "The man was found on Indiana Avenue and taken to Mount Sinai Hospital in Chicago."
    assert _names(text) == [("Chicago", "Chicago, Illinois")]
    assert _names("Shots were fired near South Shore Drive.") == []


def test_a_named_neighborhood_is_never_the_place() -> None:
    text = (
        "SOUTH SHORE \u2014 Three men were shot Friday in the South Shore neighborhood, "
        "Chicago Police said."
    )
    assert _place(text) == "Chicago, Illinois"


def test_city_before_county_as_article_place() -> None:
    text = (
        "Harris County deputies were called to the home. Harris County investigators said a "
        "boy was shot at a house in Humble, Texas, on Friday."
    )
    assert _place(text) == "Humble, Texas"


def test_dateline_abbreviation_without_its_dot() -> None:
    assert _place("JACKSON, Tenn \u2014 A man was shot Tuesday.") == "Jackson, Tennessee"


def test_nearest_state_decides_a_county_between_namesakes() -> None:
    text = (
        "Cook County prosecutors charged him. He was arrested in Chicago on Monday. "
        "His brother lives in Atlanta, Georgia."
    )
    assert ("Cook County", "Cook County, Illinois") in _names(text)
