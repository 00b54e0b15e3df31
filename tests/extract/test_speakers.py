from factdb.extract.document import ArticleDoc
from factdb.extract.speakers import find_attributions


def _atts(text: str) -> list[tuple[str, str, str, str]]:
    return [
        (a.speaker, a.speaker_kind, a.reporting_verb, a.quote)
        for a in find_attributions(ArticleDoc(text))
    ]


def test_x_said_with_title_and_role() -> None:
    assert _atts("“We stay,” Badr spokesman Kareem Nuri said.") == [
        ("Kareem Nuri", "person", "say", "We stay")
    ]


def test_said_x_inverted() -> None:
    assert _atts("“Go home now,” said Gen. Mark Milley.") == [
        ("Mark Milley", "person", "say", "Go home now")
    ]


def test_apposition_and_tell_with_audience() -> None:
    text = "“Out,” its spokesman, Jaafar al-Husseini, told al-Mayadeen TV on Monday."
    assert _atts(text) == [("Jaafar al-Husseini", "person", "tell", "Out")]


def test_surname_and_pronoun_coreference() -> None:
    text = (
        "“Stay,” Brigadier General Jonathan Braga said. "
        "Braga said that the force would remain in place. "
        "“We are ready,” he said."
    )
    assert [a[0] for a in _atts(text)] == ["Jonathan Braga"] * 3
    assert _atts(text)[1][3] == "the force would remain in place."


def test_organisation_speaker_with_apposition() -> None:
    text = "The Badr Organisation, a group close to Iran, said US troops must go home."
    assert _atts(text) == [("Badr Organisation", "group", "say", "US troops must go home.")]


def test_unnamed_speakers_are_kept_as_phrases() -> None:
    text = "An Iraqi government spokesman said on Monday US forces had begun leaving."
    assert _atts(text) == [
        ("Iraqi government spokesman", "other", "say", "US forces had begun leaving.")
    ]
    assert _atts("US officials say that the group is weak now.")[0][:2] == ("US officials", "other")


def test_according_to() -> None:
    assert _atts("According to the Pentagon, 5,000 troops remain.") == [
        (
            "United States Department of Defense",
            "organisation",
            "according to",
            "5,000 troops remain.",
        )
    ]


def test_reporting_verb_inside_quote_is_not_attribution() -> None:
    assert _atts("“He said nothing to us,” Nuri’s aide wrote in a letter.")[0][2] == "write"
    assert _atts("No one spoke about the plan today.") == []
