"""Word tables that event reading uses: trigger words per event kind, the phrases that open
another event (roundups, "Separately,"), and the common words that never make a keyword.

They are data, not logic; ``events`` holds the reader that uses them.
"""

from __future__ import annotations

import re

from factdb.extract.words import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from factdb.vocabulary import EventKind

# In priority order: a sentence that matches several kinds takes the first ("a gunman set
# fire", "a bomb attack"). Words for any violent death ("murder", "homicide", "killing") name
# no kind: a shooting report calls its shooting a homicide. Troops counted in a country are
# a deployment (the story of troop levels), after every violent kind: "an attack killed two
# troops" is an attack. Single words, then two-word phrases ("opened fire"), matched on
# lower-case tokens (one scan of a sentence).
_LEXICON: tuple[tuple[str, str, str], ...] = (
    (
        EventKind.bombing,
        "bomb bombs bombing bombings bombed bomber bombers explosive explosives explosion "
        "explosions blast blasts ied ieds detonated detonation car-bomb",
        "car bomb|suicide bomber",
    ),
    (
        EventKind.shooting,
        "shoot shoots shooting shootings shooter shooters shootout shootouts shoot-out "
        "shoot-outs shot shots gunfire gunfight gunfights gunned gunplay gunman gunmen gunshot "
        "gunshots gunpoint drive-by sniper snipers bullet bullets firearm firearms handgun "
        "handguns rifle rifles shotgun shotguns pistol pistols",
        "opened fire|open fire|opens fire|returned fire|exchanged fire|gun fire|fired at|"
        "fired into|fired on|fired several|fired multiple|fired shots",
    ),
    (
        EventKind.earthquake,
        "earthquake earthquakes quake quakes tremor tremors aftershock aftershocks magnitude",
        "",
    ),
    (
        EventKind.storm,
        "hurricane hurricanes tornado tornadoes tornados typhoon typhoons cyclone cyclones "
        "storm storms blizzard blizzards",
        "",
    ),
    (EventKind.flood, "flood floods flooding flooded mudslide mudslides landslide landslides", ""),
    (EventKind.fire, "fire fires blaze wildfire wildfires arson burned burning burnt flames", ""),
    (
        EventKind.crash,
        "crash crashes crashed collision collisions collided derailed derailment wreck wreckage",
        "plane went",
    ),
    (
        EventKind.attack,
        "stabbed stabbing stabbings attack attacks attacked attacker attackers assault assaults "
        "assaulted beaten beating massacre rampage",
        "stab wound|stab wounds",
    ),
    (
        EventKind.deployment,
        "deploy deploys deployed deployment deployments troop troops",
        "troops sent|dispatched troops|boots on|service members|military personnel",
    ),
    (
        EventKind.election,
        "election elections ballot ballots voter voters voting elected re-elected reelected "
        "primary runoff referendum",
        "polls closed|polls opened",
    ),
)
# Two-word phrases whose first word names no event: the fire department answers every call,
# a "storm of bullets" is gunfire, a tornado watch is a forecast (and page furniture).
NEUTRAL_PHRASES = (
    "fire department|fire departments|fire dept|fire officials|fire official|fire chief|"
    "fire fighters|fire crews|fire crew|fire rescue|fire station|fire marshal|fire district|"
    "fire truck|fire trucks|fire engine|fire engines|fire company|fire captain|fire hydrant|"
    "under fire|storm of|tornado watch|tornado warning|storm watch|storm warning|"
    "flood watch|flood warning|flood advisory"
)
NEUTRAL = -1  # the rank of a neutral phrase: its first word does not count
KIND_ORDER: tuple[str, ...] = tuple(str(kind) for kind, _, _ in _LEXICON)
TRIGGER_WORDS: dict[str, int] = {}
TRIGGER_PHRASES: dict[str, int] = {p: NEUTRAL for p in NEUTRAL_PHRASES.split("|")}
for _rank, (_kind, _words, _phrases) in enumerate(_LEXICON):
    for _w in _words.split():
        TRIGGER_WORDS.setdefault(_w, _rank)
    for _p in filter(None, _phrases.split("|")):
        TRIGGER_PHRASES.setdefault(_p, _rank)
PHRASE_FIRST_WORDS = frozenset(p.split()[0] for p in TRIGGER_PHRASES)

# A sentence that opens another event: a roundup's next item, a comparison, a side story.
SECONDARY_OPENING = re.compile(
    r"^\W*(?:(?:and|also|meanwhile),?\s+)?(?:"
    r"in (?:an?(?:nother)?|the) (?:separate|unrelated|similar|related|earlier|other|second|"
    r"different)\b|"
    r"in another\b|separately\b|in an unrelated\b|elsewhere\b|"
    r"earlier (?:this|that|last) (?:month|week|year)\b|"
    r"last (?:month|year)\b|"
    r"(?:a|one) (?:day|week|month|year)s? (?:earlier|before|ago)\b|"
    r"(?:\w+ )?(?:days|weeks|months|years) (?:earlier|before|ago)\b"
    r")",
    re.IGNORECASE,
)
SECONDARY_ANYWHERE = re.compile(
    r"\b(?:another|a separate|an unrelated|a similar|an earlier|a previous|a second) "
    r"(?:shooting|incident|attack|stabbing|case|crash|fire|homicide|killing|robbery)\b",
    re.IGNORECASE,
)
# Words of news that follows an event: arrests, charges, trials, sentences, rulings.
FOLLOW_UP_WORDS = frozenset(
    [
        "arrest",
        "arrests",
        "arrested",
        "charge",
        "charges",
        "charged",
        "sentence",
        "sentenced",
        "sentencing",
        "pleads",
        "pleaded",
        "plea",
        "guilty",
        "convicted",
        "conviction",
        "trial",
        "jury",
        "juror",
        "jurors",
        "indicted",
        "indictment",
        "arraigned",
        "arraignment",
        "verdict",
        "probation",
        "prison",
        "jail",
        "ruled",
        "ruling",
        "acquitted",
        "appeal",
        "parole",
        "lawsuit",
        "sued",
    ]
)
# A sentence that continues the previous one's event ("And early Sunday, ...").
CONTINUATION = re.compile(r"^\W*(?:and|also|then)\b", re.IGNORECASE)

# Figures that count an event's victims or acts (their claims get ``event``).
EVENT_MEASURES = frozenset({"killed", "injured", "displaced"})
EVENT_VERBS = frozenset(
    {
        "kill",
        "wound",
        "injure",
        "die",
        "arrest",
        "detain",
        "abduct",
        "kidnap",
        "evacuate",
        "displace",
        "rescue",
        "flee",
        "execute",
    }
)

# Words that say nothing about which event this is, however rare (page furniture, news words).
KEYWORD_STOP = frozenset(
    [
        "accidental",
        "accidentally",
        "arraigned",
        "firearm",
        "firearms",
        "handgun",
        "gunshot",
        "felony",
        "manslaughter",
        "prosecutor",
        "prosecutors",
        "sheriff",
        "deputies",
        "homicide",
        "detectives",
        "toddler",
        "wasn",
        "didn",
        "weren",
        "com",
        "said",
        "says",
        "police",
        "officer",
        "officers",
        "told",
        "according",
        "reported",
        "report",
        "reports",
        "news",
        "story",
        "updated",
        "update",
        "posted",
        "copyright",
        "rights",
        "reserved",
        "click",
        "share",
        "email",
        "facebook",
        "twitter",
        "print",
        "comments",
        "comment",
        "photo",
        "photos",
        "video",
        "image",
        "images",
        "gallery",
        "read",
        "more",
        "advertisement",
        "subscribe",
        "newsletter",
        "sign",
        "login",
        "log",
        "account",
        "weather",
        "sports",
        "traffic",
        "watch",
        "live",
        "man",
        "woman",
        "men",
        "women",
        "people",
        "person",
        "victim",
        "victims",
        "suspect",
        "suspects",
        "year",
        "old",
        "shooting",
        "shot",
        "shots",
        "shooter",
        "gunfire",
        "injured",
        "killed",
        "wounded",
        "dead",
        "died",
        "death",
        "hospital",
        "scene",
        "investigation",
        "investigators",
        "investigating",
        "incident",
        "morning",
        "afternoon",
        "evening",
        "night",
        "today",
        "tonight",
        "yesterday",
        "a.m",
        "p.m",
        "am",
        "pm",
        *WEEKDAYS,
        *MONTHS,
        *MONTH_ABBREVIATIONS,
    ]
)
