import pytest

from factdb.extract.quantities import find_quantities


def _one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "measure", "verb", "verb_class"),
    [
        ("The United States has more than 5,000 troops in Iraq.", "troops", "have", "stock"),
        ("It trained tens of thousands of elite Iraqi soldiers.", "troops", "train", "event"),
        ("There are about 2,500 US service members there.", "troops", "be", "stock"),
        ("At least 20 people were killed in the blast.", "killed", "kill", "event"),
        ("The bomb wounded 14 civilians.", "injured", "wound", "event"),
        ("Some 300 residents fled the city.", "people", "flee", "event"),
        ("They will leave some 4,000 troops.", "troops", "leave", "stock"),
        ("5,000 American and British troops remain.", "troops", "remain", "stock"),
    ],
)
def test_measure_and_verb(text: str, measure: str, verb: str, verb_class: str) -> None:
    q = _one(text)
    assert (q.measure, q.verb, q.verb_class) == (measure, verb, verb_class)


def test_money_and_percent_units() -> None:
    found = find_quantities("The US spent $2 billion and 40% of the budget.")
    assert [(q.measure, q.unit) for q in found] == [("money", "USD"), ("budget", "%")]


def test_years_are_never_quantities() -> None:
    assert find_quantities("In 2014 fighters took the city; by 2017 it was free.") == []
    assert find_quantities("The 2016 election changed things.") == []


def test_ages_are_never_counts() -> None:
    assert find_quantities("A 23-year-old soldier and a man aged 40 troops died.") == []


def test_small_word_numbers_need_a_known_measure() -> None:
    assert find_quantities("Two major groups backed by Iran.") == []
    assert _one("Two soldiers were wounded.").measure == "injured"


def test_one_off_event_lemmas() -> None:
    from factdb.extract.quantities import lemma

    for form, expected in [
        ("overran", "overrun"),
        ("overrun", "overrun"),
        ("overruns", "overrun"),
        ("seized", "seize"),
        ("retook", "retake"),
        ("liberated", "liberate"),
        ("conquered", "conquer"),
        ("attacked", "attack"),
        ("attacks", "attack"),
    ]:
        assert lemma(form) == (expected, "event"), form
    assert lemma("fell") is None  # only "fell to X" is an event, read in the pipeline


def test_an_abbreviation_between_the_number_and_its_noun_is_an_adjective() -> None:
    """ "15,000 U.S. forces", "11,000 U.S. troops": the dots of "U.S." do not end the
    counted noun phrase."""
    from datetime import date

    from factdb.extract import extract

    for text, low in (
        ("About 15,000 U.S. forces are in Afghanistan.", 13500.0),
        ("There are close to 11,000 U.S. troops currently in Afghanistan.", 9900.0),
    ):
        found = [
            (c.value_low, c.measure, c.location)
            for c in extract(text, date(2017, 8, 21)).claims
            if c.kind == "quantity"
        ]
        assert found == [(low, "troops", "Afghanistan")], text
