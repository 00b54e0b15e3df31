"""Credits (datelines, wires, bylines, captions, furniture) and names that are not countries.

Golden sentences written for these tests; every figure is invented.
"""

from __future__ import annotations

from datetime import date

import pytest

from factdb.extract import extract
from factdb.extract.credits import find_credits
from factdb.extract.entities import load_gazetteer


def _spans(text: str) -> list[str]:
    return [text[s:e] for s, e in find_credits(text).spans]


@pytest.mark.parametrize(
    ("text", "dateline", "wires"),
    [
        ("FOREST, Miss. (AP) — Two men were shot outside a store.", "FOREST, Miss. (AP) —", ()),
        ("CHICAGO (AP) -- A teenager was wounded on Friday.", "CHICAGO (AP) --", ()),
        ("MANASSAS, Va. — A woman died after a shooting.", "MANASSAS, Va. —", None),
        (
            "FORT WORTH (CBSDFW.COM/AP) — Police found three men.",
            "FORT WORTH (CBSDFW.COM/AP) —",
            (),
        ),
        ("DEER LODGE (WATE) – One man was killed.", "DEER LODGE (WATE) –", None),
        ("Detroit — A boy, 13, was shot.", "Detroit —", None),
        ("LOUISVILLE, KY (WAVE) - A man was hurt.", "LOUISVILLE, KY (WAVE) -", None),
    ],
)
def test_dateline_opening_the_story(
    text: str, dateline: str, wires: tuple[str, ...] | None
) -> None:
    c = find_credits(text)
    assert c.dateline == dateline
    assert c.dateline_span is not None
    assert text[c.dateline_span[0] : c.dateline_span[1]] == dateline
    assert c.dateline_place is None  # the places stage resolves it
    if wires is not None:
        assert c.wires == ("Associated Press",)
    else:
        assert c.wires == ()


def test_dateline_after_page_boilerplate_and_byline() -> None:
    text = (
        "Share this story Image 1 of 4 Caption Close\n\n"
        "By Dana Pruitt and Omar Velez, Associated Press\n"
        "TULSA, Okla. (AP) — Three people were wounded at a party.\n"
        "A later paragraph mentions SPRINGFIELD — not a dateline, since the first one won."
    )
    c = find_credits(text)
    assert c.dateline == "TULSA, Okla. (AP) —"
    assert c.bylines == ("Dana Pruitt", "Omar Velez")
    assert c.wires == ("Associated Press",)
    assert "Image 1 of 4" in _spans(text)
    assert "Caption Close" in _spans(text)


def test_byline_in_capitals_runs_into_the_dateline() -> None:
    text = "By MARTA KOWALSKI, Associated Press\nBILLINGS, Mont. (AP) — A ranch hand was shot."
    c = find_credits(text)
    assert c.bylines == ("Marta Kowalski",)
    assert c.dateline == "BILLINGS, Mont. (AP) —"
    text = "By Lou Ferraro Associated Press NEW YORK — A clerk was shot in a robbery."
    c = find_credits(text)
    assert c.bylines == ("Lou Ferraro",)
    assert c.dateline == "NEW YORK —"


@pytest.mark.parametrize(
    "text",
    [
        "By Sunday night, police had arrested two men.",
        "By submitting your email you agree to our terms.",
        "Accident Report — a car hit a pole.",
        "Four people — two men and two women — were hurt.",
    ],
)
def test_not_credits(text: str) -> None:
    c = find_credits(text)
    assert c.dateline is None
    assert c.bylines == ()


def test_wire_credits_and_signoffs() -> None:
    text = (
        "A man was shot twice, police said. — The Associated Press\n"
        "Copyright 2014 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed.\n"
        "Associated Press writer Hollis Grant contributed to this report.\n"
        "(Reuters) - Officials said one guard was hurt.\n"
        "Nadia Ruiz told CNN that she heard four shots, according to WXYZ-TV."
    )
    c = find_credits(text)
    assert set(c.wires) == {"Associated Press", "Reuters"}
    assert "Hollis Grant" in c.bylines
    spans = _spans(text)
    assert "— The Associated Press" in spans
    assert any(s.startswith("Copyright 2014") and s.endswith("redistributed.") for s in spans)
    assert "Associated Press writer Hollis Grant contributed to this report." in spans
    assert "(Reuters)" in spans
    assert "CNN" in spans
    assert "WXYZ-TV" in spans
    assert not any("Nadia" in s for s in spans)


def test_photo_captions_and_furniture() -> None:
    text = (
        "Photo: Mike Glenn, Chronicle Image 2 of 3 Officers gathered at the scene.\n"
        "(Photo: Jane Roe / The Valley Times) Photo credit: Prince William police\n"
        "1 of 12 Mourners left flowers. 1 / 3 Back to Gallery\n"
        "(Delcia Ortiz/The Monitor via AP) Investigators searched the house."
    )
    spans = _spans(text)
    assert "Photo: Mike Glenn, Chronicle" in spans
    assert "Image 2 of 3" in spans
    assert "(Photo: Jane Roe / The Valley Times)" in spans
    assert "Photo credit: Prince William police" in spans
    assert "1 of 12" in spans
    assert "1 / 3 Back to Gallery" in spans
    assert "(Delcia Ortiz/The Monitor via AP)" in spans
    assert not any("Officers gathered" in s or "Mourners" in s for s in spans)


def test_wire_is_never_the_subject_of_a_count() -> None:
    text = (
        "NEW YORK (AP) — Two people were killed and three others were injured in a shooting "
        "at a deli, police said."
    )
    ex = extract(text, date(2016, 5, 2))
    counts = [c for c in ex.claims if c.measure in ("killed", "injured")]
    assert counts
    assert all(c.subject is None for c in counts)
    assert all(c.location != "New York" for c in counts)
    assert ex.credits.dateline == "NEW YORK (AP) —"
    assert ex.credits.wires == ("Associated Press",)


def test_no_alias_is_learned_from_a_credit() -> None:
    text = (
        "CHICAGO (AP) — Five people were shot overnight.\n"
        "DEER LODGE (WATE) – A deputy was wounded.\n"
        "The Tennessee Bureau of Investigation (TBI) is investigating."
    )
    ex = extract(text, date(2016, 5, 2))
    pairs = {(d.alias, d.entity) for d in ex.declared_aliases}
    assert ("TBI", "Tennessee Bureau of Investigation") in pairs
    assert not any(a in ("CHICAGO", "AP", "WATE") or e == "DEER LODGE" for a, e in pairs)


def test_outlet_credited_is_no_speaker() -> None:
    text = "Two men were wounded in the shooting, according to WXYZ-TV."
    ex = extract(text, date(2016, 5, 2))
    assert all(c.speaker is None for c in ex.claims)


def test_demonym_is_not_the_subject_of_a_count() -> None:
    """The nationality of the people counted is not the country: the count has no subject."""
    for text in (
        "Three Mexican men were killed in the crash.",
        "Two Somali men were injured in the attack on Tuesday.",
        "Iraqi soldiers killed 12 militants near the border.",
    ):
        ex = extract(text, date(2016, 5, 2))
        counts = [c for c in ex.claims if c.measure in ("killed", "injured")]
        assert counts, text
        assert all(c.subject not in ("Mexico", "Somalia", "Iraq") for c in counts), text
    # the country itself still is one
    ex = extract("Mexico said 40 people were killed in the attack.", date(2016, 5, 2))
    assert any(c.subject == "Mexico" for c in ex.claims if c.measure == "killed")


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("The rapper South Park Mexican performed in Houston.", []),
        ("Police in New Britain said the victim was 19.", []),
        ("The shooting happened in Albuquerque, New Mexico.", []),
        ("Indiana Jones fans met Jordan Baker and Chad Smith at the fair.", []),
        ("The family moved from Lebanon, Pa., to Paris, Texas.", []),
        ("Officer Santiago said the man fled.", []),
        ("Jordan and Chad both border conflict zones, Mexico said.", ["Jordan", "Chad", "Mexico"]),
        (
            "The U.S. Army and U.S. Marshals said Israel Defense Forces helped.",
            ["United States"] * 2 + ["Israel"],
        ),
        ("Washington, D.C. officials said.", ["United States"]),
    ],
)
def test_names_that_are_not_countries(text: str, countries: list[str]) -> None:
    found = [m.entity for m in load_gazetteer().find_mentions(text) if m.kind == "country"]
    assert found == countries
