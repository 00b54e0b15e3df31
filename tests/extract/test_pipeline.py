import subprocess
import sys
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factdb.extract import extract

PUB = date(2018, 2, 6)


def _quantities(text: str, published: date | None = PUB):
    return [c for c in extract(text, published).claims if c.kind == "quantity"]


def test_hedged_future_and_negation() -> None:
    (q,) = _quantities("The United States will leave some 4,000 troops in Iraq.")
    assert q.hedged is True
    assert (q.value_low, q.value_high, q.qualifier) == (3600, 4400, "some")
    (q,) = _quantities("Iraq does not have 5,000 troops in Syria.")
    assert q.hedged is True
    (q,) = _quantities("Iraq has 5,000 troops in Syria.")
    assert q.hedged is False
    assert (q.subject, q.location) == ("Iraq", "Syria")


def test_explicit_time_wins_over_publication_date() -> None:
    (q,) = _quantities("Russia had 3,000 soldiers in Syria last September.")
    assert q.as_of == date(2017, 9, 30)
    assert q.date_text == "last September"
    (q,) = _quantities("Russia has 3,000 soldiers in Syria.")
    assert q.as_of == PUB


def test_speech_time_dates_a_reported_fact_nothing_else_dates() -> None:
    result = extract("Iran said on Monday that Russia has 3,000 soldiers in Syria.", PUB)
    (q,) = [c for c in result.claims if c.kind == "quantity"]
    (quote,) = [c for c in result.claims if c.kind == "quote"]
    assert q.as_of == date(2018, 2, 5) and q.subject == "Russia"
    assert quote.as_of == date(2018, 2, 5) and quote.speaker == "Iran"


def test_no_published_date_leaves_relative_dates_empty_with_one_warning() -> None:
    result = extract("Iran said on Monday that it captured 20 fighters last week.", None)
    assert result.warnings == ["no publication date: 2 relative date(s) left unresolved"]
    assert all(c.as_of is None for c in result.claims)
    assert extract("Iran has 20 fighters in 2014 terms.", None).warnings == []


def test_passive_event_subject_is_the_agent() -> None:
    result = extract("Mosul was captured by Islamic State in June 2014.", PUB)
    (ev,) = [c for c in result.claims if c.kind == "event"]
    assert (ev.subject, ev.verb) == ("Islamic State", "capture")
    assert (ev.date_start, ev.date_end) == (date(2014, 6, 1), date(2014, 6, 30))


def test_claim_offsets_index_the_input() -> None:
    text = "Intro line\n\nThe United States has more than 5,000 troops in Iraq.  "
    (q,) = _quantities(text)
    assert text[q.span[0] : q.span[1]] == q.text == q.text.strip()
    assert text[q.value_span[0] : q.value_span[1]] == "more than 5,000"


def test_import_is_cheap_and_lazy() -> None:
    code = "import sys, factdb.extract; print('dateparser' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.stdout.strip() == "False"


REGRESSIONS = [
    "",
    " ",
    "\n\n",
    "(",
    "“",
    "”",
    "$",
    "%",
    "5,",
    ",5",
    "1e9",
    "between and",
    "in 2014 and",
    "Monday Monday Monday",
    "a.m. p.m.",
    "U.S.",
    "(IS)",
    "() ()",
    "99999999999999999999 troops",
    "said",
    "according to",
    "“unterminated quote said X",
    "\u00a0\u2019\u201c",
    "Feb. 30, 2018",
    "2018-13-45",
    "mid-",
    "1,000,000,000,000,000,000 people",
    "tens of thousands of",
]


def test_regressions_do_not_raise() -> None:
    for text in REGRESSIONS:
        for pub in (PUB, None):
            result = extract(text, pub)
            assert not any(w.startswith("extraction failed") for w in result.warnings), text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_text(text: str) -> None:
    result = extract(text, PUB)
    assert not any(w.startswith("extraction failed") for w in result.warnings)
    for s in result.sentences:
        assert text[s.start : s.end] == s.text


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "The",
                "US",
                "U.S.",
                "has",
                "more",
                "than",
                "5,000",
                "troops",
                "in",
                "Iraq",
                ".",
                "said",
                "“",
                "”",
                ",",
                "on",
                "Monday",
                "2014",
                "and",
                "Daesh",
                "(",
                ")",
                "IS",
                "tens",
                "of",
                "thousands",
                "nearly",
                "killed",
                "by",
                "\n",
                "Dr.",
                "last",
                "September",
                "$",
                "%",
                "a",
                "dozen",
                "he",
            ]
        ),
        max_size=40,
    ),
    st.one_of(st.none(), st.dates()),
)
def test_never_raises_on_news_like_text(words: list[str], published: date | None) -> None:
    result = extract(" ".join(words), published)
    assert not any(w.startswith("extraction failed") for w in result.warnings)
