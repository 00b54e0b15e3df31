from factdb.extract.text import normalise_for_matching, split_sentences


def _texts(s: str) -> list[str]:
    return [x.text for x in split_sentences(s)]


def test_offsets_index_original_text_exactly() -> None:
    text = "  First one.  Second\u00a0one!\n\nThird “quoted.” Fourth?  "
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "First one.",
        "Second\u00a0one!",
        "Third “quoted.”",
        "Fourth?",
    ]
    for i, s in enumerate(sents):
        assert s.index == i
        assert text[s.start : s.end] == s.text


def test_abbreviations_do_not_split() -> None:
    text = "Dr. Smith met Gen. Jones and Mr. Brown at 5 p.m. on Jan. 5 in the U.S. capital."
    assert _texts(text) == [text]


def test_initials_do_not_split() -> None:
    assert len(_texts("George W. Bush met them. Then he left.")) == 2


def test_acronym_at_sentence_end_splits_before_opener() -> None:
    assert _texts("They flew to the U.S. The talks failed.") == [
        "They flew to the U.S.",
        "The talks failed.",
    ]


def test_closing_quote_ends_sentence() -> None:
    assert _texts("“We will stay,” he said.” Then she left.") == [
        "“We will stay,” he said.”",
        "Then she left.",
    ]


def test_question_inside_quote_followed_by_lowercase_does_not_split() -> None:
    assert _texts("“Why?” he asked. Nobody knew.") == ["“Why?” he asked.", "Nobody knew."]


def test_newline_is_paragraph_break_but_hard_wrap_is_not() -> None:
    assert _texts("Headline without stop\nBody starts here.") == [
        "Headline without stop",
        "Body starts here.",
    ]
    assert _texts("A sentence that\nwraps here.") == ["A sentence that\nwraps here."]


def test_boilerplate_lines_dropped() -> None:
    text = "Troops left.\nReporting by Jane Doe; Editing by John Roe\nShare this article\nEnd."
    assert _texts(text) == ["Troops left.", "End."]


def test_normalise_keeps_length_and_maps_quotes() -> None:
    raw = "‘a’ “b” c\u00a0d Shi‘ite"
    norm = normalise_for_matching(raw)
    assert len(norm) == len(raw)
    assert norm == "'a' \"b\" c d Shi'ite"


def test_ap_state_abbreviations_are_the_us_packages() -> None:
    import us

    from factdb.extract.words import AP_STATE_ABBREVIATIONS

    expected = {
        s.ap_abbr.lower().rstrip(".")
        for s in us.states.STATES_AND_TERRITORIES
        if s.ap_abbr and s.ap_abbr.endswith(".")
    }
    assert expected == AP_STATE_ABBREVIATIONS


def test_a_dateline_abbreviation_does_not_end_the_sentence() -> None:
    from factdb.extract.text import split_sentences

    text = (
        "FOREST, Miss. (AP) — A woman was killed on Saturday. She lived in Jackson, Miss. "
        "The sheriff said a man was arrested. MANASSAS, Va. — Four were shot."
    )
    got = [s.text for s in split_sentences(text)]
    assert got == [
        "FOREST, Miss. (AP) — A woman was killed on Saturday.",
        "She lived in Jackson, Miss.",
        "The sheriff said a man was arrested.",
        "MANASSAS, Va. — Four were shot.",
    ]
