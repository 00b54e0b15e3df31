"""The word patterns of casualty reading: predicates ("were killed", "was wounded"), single
victims ("a man", "the driver"), zeros ("no one was hurt"), tallies over a city or a weekend
and the words around them.

They are data, not logic, like ``quantity_words``; ``quantities`` holds the readers.
"""

from __future__ import annotations

import re

from factdb.extract.words import number_words

_BE_PAST = r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been|got|remains?|remained)"
_ADV = r"(?:(?:also|reportedly|later|then|both|all|each|allegedly|apparently|eventually)\s+)"
_SEVERITY = r"(?:critically|seriously|severely|gravely|badly|slightly|mildly|minorly|non-fatally)"
_KILLED_PRED = (
    r"(?:shot\s+and\s+killed|shot\s+dead|shot\s+to\s+death|killed|slain|murdered"
    r"|(?:fatally|mortally)\s+(?:shot|wounded|injured|struck|stabbed)"
    r"|found\s+(?:shot\s+)?dead|pronounced\s+dead|declared\s+dead|dead)\b"
)
_INJURED_PRED = (
    rf"(?:shot\s+and\s+(?:wounded|injured|hurt)|{_SEVERITY}\s+(?:injured|wounded|hurt)"
    r"|wounded|injured|hurt|hospitali[sz]ed(?!\s+(?:after|for\s+(?!\w*\s*(?:injur|wound))))"
    r")\b"
)
_INJURY_NOUN = (
    r"(?:(?:suffered|sustained|received|had|with|treated\s+for)\s+"
    r"(?:(?:what\s+(?:police\s+)?(?:are|were)\s+(?:described|believed)\s+(?:as|to\s+be)\s+)?"
    r"(?:a\s+|an\s+)?(?:non-?\s?life[-\s]threatening|minor|serious|critical|severe|superficial"
    r"|multiple|(?:non-)?fatal)\s+)"
    r"(?:gunshot\s+)?(?:injuries|injury|wounds?)\b)"
)
# _verb_after reads ``lastgroup``: k* -> killed, i* -> injured.
_CASUALTY_AFTER = re.compile(
    rf"\s+(?:{_ADV}?{_BE_PAST}\s+{_ADV}?(?P<k1>{_KILLED_PRED})"
    rf"|{_ADV}?(?:later\s+)?(?P<k2>died|have\s+died|has\s+died|had\s+died)\b"
    rf"|{_ADV}?{_BE_PAST}\s+{_ADV}?(?P<i1>{_INJURED_PRED})"
    rf"|{_ADV}?(?P<i2>{_INJURY_NOUN}))",
    re.IGNORECASE,
)

_PERSON = (
    r"(?:man|woman|boy|girl|teen|teenager|juvenile|child|toddler|infant|baby|person|victim"
    r"|youth|male|female|driver|motorist|passenger|pedestrian|bystander|student|resident"
    r"|homeowner|customer|clerk|employee|officer|deputy|trooper|father|mother|son|daughter"
    r"|husband|wife|boyfriend|girlfriend|brother|sister|grandfather|grandmother|grandson"
    r"|granddaughter|uncle|aunt|nephew|niece|cousin|friend|neighbor|neighbour|suspect|gunman"
    r"|shooter|robber|intruder|relative|guard|owner|worker|individual|adult|student|cashier"
    r"|bouncer|security\s+guard|teenage\s+(?:boy|girl))"
)
_NOT_ALONE = r"(?!\s+(?:and|or|&)\s)"
# a word inside one noun phrase: never a conjunction or the determiner of the next phrase
_FILLER = r"(?!(?:and|or|the|a|an|but|with)\s)"
_SINGLE_SUBJ = (
    r"(?P<subj>"
    rf"\b(?:a|an|one|the|another)\s+(?:{_FILLER}[\w'-]+\s+){{0,3}}?{_PERSON}\b(?:,\s+\d{{1,3}},)?"
    r"|\b(?:he|she)\b"
    r"|\b(?:a|an|the)\s+\d{1,3}-year-old\b(?:,\s+\d{1,3},)?"
    r"|\b[A-Z][a-z'-]+(?:\s+[A-Z][\w.'-]*){0,3},\s+\d{1,3},"
    r")"
)
# "one injured woman tried to drive", "one wounded man died": a victim named, not a count
_ONE_VICTIM = re.compile(rf"\s+(?:injured|wounded|dead|slain)\s+{_PERSON}\b", re.IGNORECASE)
_SINGLE_CASUALTY = re.compile(
    rf"{_SINGLE_SUBJ}{_NOT_ALONE}(?P<pred>{_CASUALTY_AFTER.pattern})", re.IGNORECASE
)
_SINGLE_OBJECT = re.compile(
    r"\b(?P<v>(?:shot\s+and\s+)?killed|killing|(?:fatally|mortally)\s+(?:shot|shooting|wounded"
    r"|wounding|injured|injuring))\s+"
    rf"(?P<subj>(?:a|an|one|his|her|their)\s+(?:[\w'-]+\s+){{0,3}}?{_PERSON}\b){_NOT_ALONE}",
    re.IGNORECASE,
)
# Subjects that say there were others: "another man", "a second victim", "the other".
_OTHERS = re.compile(
    r"\b(?:another|other|second|third|fourth|fifth|also|too|both|each|all|either|neither"
    r"|each)\b",
    re.IGNORECASE,
)
# A single victim who is one more of several: "another man", "the other victim", "a third".
_ANOTHER = re.compile(
    r"\b(?:another|(?:the|a)\s+(?:other|second|third|fourth|fifth|sixth))\b", re.IGNORECASE
)
_ZERO = re.compile(
    r"\b(?P<subj>no\s+one|no-one|nobody|none\s+of\s+(?:the\s+)?\w+"
    r"|no\s+(?:other\s+)?(?:people|persons|officers|deputies|bystanders|students|customers"
    r"|children|residents|patrons|employees|one\s+else))"
    r"(?P<else>\s+else)?\s+(?:(?:was|were|has\s+been|have\s+been|had\s+been|got)\s+"
    r"(?:(?:seriously|critically|physically)\s+)?(?:(?P<i>injured|hurt|wounded|struck|hit)"
    r"|(?P<k>killed))\b"
    r"|(?P<k2>died)\b)"
    r"|\bno\s+(?:other\s+)?(?P<i2>injuries)\s+(?:were|was|have\s+been|had\s+been)\s+reported\b"
    r"|\bthere\s+were\s+no\s+(?:other\s+)?(?:(?P<i3>injuries)|(?P<k3>deaths|fatalities))\b",
    re.IGNORECASE,
)
_ZERO_PART = re.compile(
    r"\b(?:other|else|seriously|critically)\b|\bnone\s+of\b"
    r"|\bno\s+(?!one\b|people\b|persons\b|injuries\b|deaths\b|fatalities\b)",
    re.IGNORECASE,
)
# a zero about one place of the scene: "No one was injured inside", "in the car", "at the home"
_ZERO_WHERE = re.compile(
    r"\s+(?:inside|outside|on\s+board|aboard|(?:in|at)\s+the\s+(?:house|home|car|vehicle"
    r"|building|apartment|residence|store|bar|club|restaurant|room|bus|truck|van))\b",
    re.IGNORECASE,
)
_FATALLY_OF = re.compile(
    r"\bshot\b[^.;]{0,60}?(?:,|\s[-\u2013\u2014]+)\s*"
    rf"(?P<n>\d{{1,3}}|{number_words(1, 10)})\s+(?:of\s+them\s+)?fatally\b",
    re.IGNORECASE,
)
_SHOT_COUNT = re.compile(
    rf"(?<![\w-])(?P<n>\d{{1,3}}|{number_words(2, 12)})\s+"
    r"(?:[\w'-]+\s+){0,2}?(?:(?:were|have\s+been|had\s+been|are|got)\s+)?$",
    re.IGNORECASE,
)
# "killed two people before killing himself": the shooter's death is one more (GVA and a
# careful reader both count it); "including the gunman" already counts him.
_SELF_KILL = re.compile(
    r"\b(?:before|then|and|after)\s+(?:\w+\s+){0,3}?(?:killing|killed|fatally\s+shooting"
    r"|fatally\s+shot|taking|took)\s+(?:himself|herself|his\s+own\s+life|her\s+own\s+life)\b",
    re.IGNORECASE,
)
_CASUALTY_HINT = re.compile(
    r"kill|dead|die|injur|wound|hurt|fatal|slain|murder|hospitali", re.IGNORECASE
)
_TALLY = re.compile(
    r"\b(?:separate\s+(?:shootings|incidents|attacks)|across\s+(?:the\s+)?(?:city|county|state"
    r"|country|nation|chicago)|citywide|city-wide|so\s+far\s+this\s+year|this\s+year|last\s+year"
    r"|since\s+(?:january|the\s+(?:start|beginning))|year\s+to\s+date|so\s+far\s+in\s+\d{4}"
    r"|homicides?\s+(?:this|in)|shootings\s+(?:this|over\s+the)\s+(?:weekend|week|month|year)"
    # several shootings in one sentence: "in two South Side shootings", "a pair of shootings"
    rf"|(?:{number_words(2, 20)}|\d{{1,3}}|pair\s+of|series\s+of|string\s+of)\s+"
    r"(?:[\w'-]+\s+){0,2}?(?:shootings|shooting\s+incidents|incidents|attacks)"
    r"|city\s+shootings|(?:in|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:weeks|months|years)"
    # a period's violence: "shootings throughout the day", "a violent weekend"
    r"|shootings\s+(?:throughout|during|over|across)\s+the\s+(?:day|night|weekend|week)"
    r"|violent\s+(?:weekend|week|night|holiday)"
    # a month's or a city's dead: "killed in the city in November alone"
    r"|\b(?:in|during)\s+(?:[A-Z]\w+|the\s+month)\s+alone\b"
    r"|\bin\s+the\s+city\s+(?:in|so\s+far|this|since|over)\b"
    # the victims are among a larger count: "among 11 people shot"
    rf"|among\s+(?:the\s+)?(?:{number_words(2, 20)}|\d{{1,3}})\s+(?:people|persons|victims)"
    # one figure for two measures: "eight have been hurt or killed"
    r"|(?:hurt|injured|wounded)\s+or\s+killed|killed\s+or\s+(?:hurt|injured|wounded))\b",
    re.IGNORECASE,
)
_KILL_OBJECT = re.compile(
    r"\b(?P<v>killed|killing|kills|wounded|wounding|wounds|injured|injuring|injures"
    r"|shot\s+and\s+killed|shot\s+and\s+wounded)\s+$",
    re.IGNORECASE,
)
_CASUALTY_LEMMAS = frozenset({"kill", "die", "wound", "injure"})
# "has died after she was wounded", "was dead when he was shot": the wounded one is the dead
_DIED_AFTER = re.compile(
    r"\b(?:died|dies|dead|killed|slain)\b[^.;]{0,80}?\b(?:after|when|as|because)\s+$",
    re.IGNORECASE,
)
# the last age of a list: "two males, 30 and 42 were injured" (42 is an age, not a count)
_AGE_LIST = re.compile(r"(?:\bages?\s+|,\s+)\d{1,3}(?:,\s+\d{1,3})*,?\s+(?:and|&)\s+$")
_NO_ONE = re.compile(r"\bno[\s-]$", re.IGNORECASE)
_BARE_OF = re.compile(r"\s+(?:of\s+(?:them|those|the\s+(?:victims|wounded|injured)))(?=\s)")
_BARE_END = re.compile(r"^(?:\s*(?:[,.;:)]|and\b|$|before\b|in\b|on\b|at\b|during\b|after\b))")
