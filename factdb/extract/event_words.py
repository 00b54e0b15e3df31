"""Word tables that event reading uses: trigger words per event kind, the phrases that open
another event (roundups, "Separately,"), and the common words that never make a keyword.

They are data, not logic; ``events`` holds the reader that uses them.
"""

from __future__ import annotations

import re

from factdb.vocabulary import EventKind

# In priority order: a sentence that matches several kinds takes the first ("a gunman set
# fire", "a bomb attack"). Words for any violent death ("murder", "homicide", "killing") name
# no kind: a shooting report calls its shooting a homicide.
TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(r"\b(?:" + words + r")\b", re.IGNORECASE))
    for kind, words in (
        (
            EventKind.bombing,
            r"bomb(?:s|ing|ings|ed|er|ers)?|explosives?|explosions?|blasts?|car[- ]bomb|"
            r"suicide bomber|IEDs?|detonat(?:ed|ion)",
        ),
        (
            EventKind.shooting,
            r"shoot(?:ing|ings|er|ers|out|outs)?|shot|shots|gunfire|gunm[ae]n|gunshots?|"
            r"gunpoint|opened fire|fired (?:at|into|on|several|multiple|shots|a gun)|drive-by|"
            r"bullets?|firearms?|handguns?|rifles?|shotguns?|pistols?",
        ),
        (EventKind.earthquake, r"earthquakes?|quakes?|tremors?|aftershocks?|magnitude"),
        (
            EventKind.storm,
            r"hurricanes?|tornado(?:es|s)?|typhoons?|cyclones?|storms?|blizzards?|"
            r"tropical storm",
        ),
        (EventKind.flood, r"floods?|flooding|flooded|flash flood|mudslides?|landslides?"),
        (EventKind.fire, r"fires?|blaze|wildfires?|arson|burn(?:ed|ing|t)|flames"),
        (
            EventKind.crash,
            r"crash(?:es|ed)?|collisions?|collided|derail(?:ed|ment)|plane went down|"
            r"wreck(?:age)?",
        ),
        (
            EventKind.attack,
            r"stabb(?:ed|ing|ings)|stab wounds?|attack(?:s|ed|er|ers)?|assault(?:s|ed)?|"
            r"beat(?:en|ing)|massacre|rampage",
        ),
        (
            EventKind.deployment,
            r"deploy(?:s|ed|ment|ments)?|troops (?:were )?sent|dispatched troops|"
            r"boots on the ground",
        ),
        (
            EventKind.election,
            r"elections?|ballots?|polls? (?:closed|opened)|voters?|voting|re-?elected|"
            r"primary|runoff|referendum",
        ),
    )
)

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
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "morning",
        "afternoon",
        "evening",
        "night",
        "today",
        "tonight",
        "yesterday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "a.m",
        "p.m",
        "am",
        "pm",
    ]
)
