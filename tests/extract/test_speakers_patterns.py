"""Attribution patterns, titles, coreference and organisation mentions (issue 3, part 3)."""

from __future__ import annotations

import pytest

from factdb.extract import extract
from factdb.extract.document import ArticleDoc
from factdb.extract.entities import load_gazetteer
from factdb.extract.speakers import find_attributions
from factdb.extract.text import quote_ranges


def _atts(text: str) -> list[tuple[str, str, str]]:
    return [
        (a.speaker, a.speaker_kind, a.reporting_verb) for a in find_attributions(ArticleDoc(text))
    ]


def _speakers(text: str) -> list[str]:
    return [a[0] for a in _atts(text)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Prime Minister Haider al-Abadi said the troops would stay for now.", "Haider al-Abadi"),
        ("Sen. Ted Cruz said the deal was a disaster for everyone.", "Ted Cruz"),
        (
            "Democratic presidential nominee Hillary Clinton said she would win Ohio.",
            "Hillary Clinton",
        ),
        ("Republican nominee Donald Trump said the polls were rigged.", "Donald Trump"),
        ("“We stay,” said Brigadier General Jonathan Braga.", "Jonathan Braga"),
        ("Sen. Ted Cruz (R-Texas) told reporters the vote would fail.", "Ted Cruz"),
    ],
)
def test_titles_are_dropped(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Trump says the wall will be built by Mexico.", "say"),
        ("Clinton added that the plan would cost nothing.", "add"),
        ("Sanders wrote that the banks were too big to fail.", "write"),
        ("Trump tweeted that the debate had been rigged against him.", "tweet"),
        ("Obama said in a statement that the talks had failed.", "say"),
        ("Kasich told reporters on Monday that he would stay in the race.", "tell"),
    ],
)
def test_reporting_verbs(text: str, verb: str) -> None:
    atts = _atts(text)
    assert len(atts) == 1 and atts[0][2] == verb


def test_according_to_an_organisation() -> None:
    text = "Turnout fell sharply, according to the Federal Bureau of Investigation."
    assert _atts(text) == [("Federal Bureau of Investigation", "organisation", "according to")]


def test_in_an_interview_with_y_x_said() -> None:
    text = "In an interview with CNN, Marco Rubio said he would not drop out."
    assert _speakers(text) == ["Marco Rubio"]


def test_x_who_said() -> None:
    text = (
        "Sandy Phillips, who lost her daughter in Aurora, Colorado, in July 2012, said "
        "that the law had failed them."
    )
    assert _atts(text) == [("Sandy Phillips", "person", "say")]


def test_x_apposition_said() -> None:
    text = "Jaafar al-Husseini, a spokesman for the group, said US troops must leave."
    assert _speakers(text) == ["Jaafar al-Husseini"]


def test_inverted_said_with_apposition_name() -> None:
    text = "“It is over,” said a longtime adviser to the campaign, John Smith."
    assert _speakers(text) == ["John Smith"]


def test_parenthetical_and_sentence_final_attribution() -> None:
    assert _speakers("The only problem, Ms. Bigbee said, is that her pay is lower.") == ["Bigbee"]
    text = "Donald Trump is on solid ground attacking Bill Clinton, Carly Fiorina said Monday."
    (att,) = find_attributions(ArticleDoc(text))
    assert att.speaker == "Carly Fiorina"
    assert att.quote == "Donald Trump is on solid ground attacking Bill Clinton"


def test_quote_spanning_sentences_with_attribution_after() -> None:
    text = "“We will fight. We will win in November,” Clinton said."
    (att,) = find_attributions(ArticleDoc(text))
    assert att.speaker == "Clinton"
    assert att.quote == "We will fight. We will win in November"


def test_double_apostrophe_quotes() -> None:
    text = "''There are these pockets of hurt,'' Mr. Autor said."
    assert quote_ranges(text) == [(1, 34)]
    assert _atts(text) == [("Autor", "person", "say")]


def test_surname_coreference() -> None:
    text = (
        "Democratic presidential nominee Hillary Clinton spoke in Ohio. "
        "Clinton said the economy was improving. "
        "Mrs. Clinton said later that she was confident."
    )
    assert _speakers(text) == ["Hillary Clinton", "Hillary Clinton"]


def test_pronoun_takes_nearest_person_of_matching_gender() -> None:
    text = (
        "Hillary Clinton met Mr. Sanders in Iowa. "
        "“We agree on a lot,” she said. "
        "“We do not agree on banks,” he said."
    )
    assert _speakers(text) == ["Hillary Clinton", "Sanders"]


def test_pronoun_skips_names_inside_quotes() -> None:
    text = (
        "Wayne Borders knocks on doors every day. “I tell them Jesse Jackson won Vermont,” he said."
    )
    assert _speakers(text) == ["Wayne Borders"]


def test_two_attributions_in_one_sentence() -> None:
    text = "Trump said the polls were wrong, but Clinton said the polls were right."
    assert _speakers(text) == ["Trump", "Clinton"]
    claims = [c for c in extract(text).claims if c.kind == "quote"]
    assert [c.speaker for c in claims] == ["Trump", "Clinton"]


def test_poll_shares_are_not_speakers() -> None:
    assert _atts("In the survey, 79 percent of Democrats said they were satisfied.") == []


def test_sentence_opening_words_are_not_people() -> None:
    text = "Having announced that he would leave, Judge Berman said the sentence was fair."
    assert _atts(text) == [("Berman", "person", "say")]


def test_based_organisation_is_not_a_mention_of_its_city() -> None:
    ms = load_gazetteer().find_mentions("told Beirut-based al-Mayadeen TV on Monday")
    assert [(m.text, m.entity) for m in ms] == [("al-Mayadeen TV", "al-Mayadeen")]
    ms = load_gazetteer().find_mentions(
        "the Washington-based Center for Strategic and International Studies"
    )
    assert [(m.text, m.kind) for m in ms] == [
        ("Center for Strategic and International Studies", "organisation")
    ]


def test_the_before_an_alias_is_not_part_of_the_mention() -> None:
    ms = load_gazetteer().find_mentions("the White House and the Washington Post said")
    assert [(m.text, m.entity) for m in ms] == [
        ("White House", "White House"),
        ("Washington Post", "The Washington Post"),
    ]


def test_acronym_in_parentheses_names_the_organisation() -> None:
    text = "The Popular Front for Change (PFC) said the vote was rigged. PFC said it would appeal."
    result = extract(text)
    assert any(d.alias == "PFC" for d in result.declared_aliases)
    quotes = [c for c in result.claims if c.kind == "quote"]
    assert [c.speaker for c in quotes] == ["Popular Front for Change"] * 2
