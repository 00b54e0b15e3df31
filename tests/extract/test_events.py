"""Events of an article: kinds, the main event, roundups and comparisons, dates, figures."""

from __future__ import annotations

from datetime import date

from factdb.extract import extract
from factdb.extract.events import clean_title, keywords, sentence_kind

PUB = date(2017, 4, 2)  # a Sunday

STORY = (
    "Subscribe to our newsletter for the latest weather and traffic.\n\n"
    "GREENVILLE — Two people were killed and three others were wounded when a gunman opened "
    "fire outside the Blue Heron Lounge on Pelham Road late Friday night, police said.\n\n"
    "The victims were identified as Marcus Delahunt, 31, and Tia Okonkwo, 27.\n\n"
    "In another shooting, one man was injured on Laurens Road on Saturday.\n\n"
    "Hurricane Katrina killed 1,833 people in 2005.\n\n"
    "Investigators said the gunman fled in a silver sedan."
)


def _main(x):
    return next(e for e in x.events if e.main)


def test_kinds_from_trigger_words() -> None:
    assert sentence_kind("A gunman opened fire on the crowd.") == "shooting"
    assert sentence_kind("A car bomb exploded near the market.") == "bombing"
    assert sentence_kind("A magnitude 6.1 earthquake shook the coast.") == "earthquake"
    assert sentence_kind("The tornado flattened two barns.") == "storm"
    assert sentence_kind("Flash flooding swept cars off the road.") == "flood"
    assert sentence_kind("The blaze destroyed the warehouse.") == "fire"
    assert sentence_kind("The bus collided with a truck.") == "crash"
    assert sentence_kind("He was stabbed outside the bar.") == "attack"
    assert sentence_kind("Voters went to the polls in the runoff.") == "election"
    assert sentence_kind("The council approved the budget.") is None
    # "homicide" names no kind: a shooting story that calls it one stays a shooting
    assert sentence_kind("Detectives are treating the death as a homicide.") is None


def test_fire_and_storm_words_that_name_no_fire_or_storm() -> None:
    # the fire department answers shootings too; gunfire is not a blaze
    assert sentence_kind("According to the Busti Fire Department, a hunter was down.") is None
    assert sentence_kind("The teen was killed by accidental gun fire Thursday.") == "shooting"
    assert sentence_kind("Officers returned fire and the suspect fled.") == "shooting"
    assert sentence_kind("The car was caught in a storm of bullets.") == "shooting"
    assert sentence_kind("Tornado Watch issued May 8 at 7:41PM CDT for McCurtain.") is None
    assert sentence_kind("Girl, 16, accidentally shoots herself in the hand.") == "shooting"
    # the real thing still counts
    assert sentence_kind("Fire crews fought the blaze for hours.") == "fire"
    assert sentence_kind("The storm knocked out power to 40,000 homes.") == "storm"


def test_main_event_is_the_story_not_the_page_furniture() -> None:
    x = extract(STORY, PUB, title="Two dead in Greenville lounge shooting - WXYZ News")
    main = _main(x)
    assert main.kind == "shooting"
    assert main.index == 0
    assert "Blue Heron Lounge" in STORY[main.span[0] : main.span[1]]
    assert set(main.participants) == {"Marcus Delahunt", "Tia Okonkwo"}
    kws = dict(main.keywords)
    assert {"heron", "pelham", "delahunt"} <= set(kws)
    assert "newsletter" not in kws and "weather" not in kws
    assert "laurens" not in kws  # the roundup's street belongs to the other shooting


def test_roundup_and_comparison_are_their_own_events() -> None:
    x = extract(STORY, PUB, title="Two dead in Greenville lounge shooting")
    kinds = [(e.kind, e.main) for e in x.events]
    assert kinds == [("shooting", True), ("shooting", False), ("storm", False)]
    other, katrina = x.events[1], x.events[2]
    assert "laurens" in dict(other.keywords)
    assert (other.date_start, other.date_end) == (date(2017, 4, 1), date(2017, 4, 1))
    assert katrina.date_start == date(2005, 1, 1) and katrina.date_end == date(2005, 12, 31)


def test_figures_belong_to_the_event_they_count() -> None:
    x = extract(STORY, PUB, title="Two dead in Greenville lounge shooting")
    figures = {
        (c.measure, c.value_low): c.event
        for c in x.claims
        if c.kind == "quantity" and c.measure in ("killed", "injured")
    }
    assert figures[("killed", 2.0)] == 0
    assert figures[("injured", 3.0)] == 0
    assert figures[("injured", 1.0)] == 1  # "In another shooting, one man was injured"
    assert figures[("killed", 1833.0)] == 2  # Katrina's deaths are Katrina's


def test_dates_resolve_against_publication() -> None:
    main = _main(extract(STORY, PUB))
    assert (main.date_start, main.date_end) == (date(2017, 3, 31), date(2017, 3, 31))
    undated = _main(extract("Police said three people were shot near the park.", PUB))
    assert undated.date_start is None and undated.date_end == PUB  # an upper bound only


def test_follow_up_is_dated_by_the_event_it_names() -> None:
    text = (
        "A Decatur man was charged Thursday in the March 3 shooting that wounded two "
        "teenagers on Oakhurst Drive, police said."
    )
    main = _main(extract(text, date(2017, 5, 20)))
    assert main.date_start == date(2017, 3, 3)
    assert len(extract(text, date(2017, 5, 20)).events) == 1


def test_a_trial_is_dated_by_the_month_of_the_shooting_it_names() -> None:
    text = (
        "Sentencing was delayed Thursday for the man convicted in the Bourbon Street "
        "shooting. A jury convicted Trung Le of manslaughter for the June 2014 shootout."
    )
    x = extract(text, date(2016, 3, 24), title="Sentencing delayed for Bourbon St. shooter")
    assert (_main(x).date_start, _main(x).date_end) == (date(2014, 6, 1), date(2014, 6, 30))
    # a fresh report that mentions an earlier month stays dated by its own day
    fresh = (
        "Four people were shot Tuesday night on Elm Street, the third shooting on the "
        "block since last June, police said."
    )
    x = extract(fresh, date(2016, 3, 24), title="Four shot on Elm Street")
    assert _main(x).date_start == date(2016, 3, 22)


def test_a_page_without_the_story_is_read_from_its_headline() -> None:
    wall = (
        "We have sent you a verification email. Please check your email and click on the "
        "link to activate your profile. If you do not receive the verification message, "
        "please check your Spam or Junk folder."
    )
    x = extract(wall, PUB, title="Third person pleads in deadly Hamilton bar shooting")
    main = _main(x)
    assert main.kind == "shooting"
    words = {w for w, _ in main.keywords}
    assert "hamilton" in words
    assert not words & {"verification", "spam", "junk", "activate", "folder"}
    assert (main.date_start, main.date_end) == (None, PUB)


def test_separately_opens_another_event() -> None:
    text = (
        "A woman was shot and wounded on Elm Street on Tuesday, police said. "
        "Separately, a teenager was stabbed outside a Maple Avenue school."
    )
    x = extract(text, PUB)
    assert [(e.kind, e.main) for e in x.events] == [("shooting", True), ("attack", False)]


def test_no_event_without_triggers_or_counts() -> None:
    assert extract("The city council approved a new budget on Monday.", PUB).events == []


def test_title_tail_and_rare_words() -> None:
    assert clean_title("Man shot on Main St. - WAFF-TV: News, Weather") == "Man shot on Main St."
    kws = dict(keywords(["Officers found Jamal Whitcombe near the Kroger on Saxony Lane."]))
    assert kws["whitcombe"] > kws.get("kroger", 0) > 0
    assert "officers" not in kws and "near" not in kws


def test_a_threatened_or_planned_event_is_no_event() -> None:
    """A trigger after "to" or a modal names what may happen, not what happened."""
    from factdb.extract.events import sentence_kind

    assert sentence_kind("The group repeated threats to attack US forces.") is None
    assert sentence_kind("Officials said they would deploy 300 more troops.") is None
    assert sentence_kind("Militants attacked a checkpoint, killing two soldiers.") == "attack"
    assert sentence_kind("Two men were shot to death on Friday.") == "shooting"


def test_a_disaster_story_recalling_an_old_one_keeps_its_own_date() -> None:
    """ "Nepal's worst earthquake in 1934 killed more than 8,500" recalls another disaster:
    the story's main event is the quake it reports, not dated 1934."""
    from datetime import date

    from factdb.extract import extract

    text = (
        "KATHMANDU, Nepal — Rescuers searched the rubble on Sunday after a powerful earthquake "
        "struck Nepal, killing more than 2,000 people.\n\n"
        "Nepal's worst earthquake in 1934 killed more than 8,500 people."
    )
    [main] = [e for e in extract(text, date(2015, 4, 26)).events if e.main]
    assert main.kind == "earthquake"
    assert main.date_start is not None and main.date_start.year == 2015
