"""Whether a figure states the whole count of its measure or a share of it (issue 12).

Detection compares totals and never parts, so a part read as a total is a false flag and a
total read as a part a missed one. A figure is a part only when its own words say so:

* "two of them", "three of the victims", "two of the four men killed";
* "three others were wounded", "four other people", "the other two";
* "including two children", "among them three officers";
* a group named by its role and "also" hurt after victims of the same measure ("seven officers
  were injured. Two civilians were also injured");
* a count followed in its sentence by an ordinal victim or the rest of a group ("two died at
  the scene and the third later", "one was killed while the other two ...");
* a count whose predicate is a condition ("two remain in critical condition");
* one shooting of several ("the second shooting happened ..., where two were killed");
* a count inside a breakdown of another count ("three were hospitalized: two in critical
  condition and one with minor injuries", "eight others, five men and three women, ...").

A smaller figure without such words stays a total ("two died at the scene" beside "four
died"): an article whose figures disagree must stay visible, not be explained away.
"""

from __future__ import annotations

import re

from factdb.extract.words import number_words
from factdb.vocabulary import Portion

_COUNT = rf"(?:\d{{1,3}}|{number_words(1, 20)})"
_ORDINAL = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"

# "two of them", "three of the victims", "one of two civilians"
_OF_GROUP = re.compile(
    rf"\s+of\s+(?:them|those|these|the|us|whom|their|his|her|{_COUNT}\b)",
    re.IGNORECASE,
)
# "three others", "four other people", "two other juveniles"
_OTHERS_AFTER = re.compile(r"(?:\s+[\w'-]+){0,2}?\s+others?\b", re.IGNORECASE)
# "the other two", "the remaining three", "another two"
_OTHERS_BEFORE = re.compile(
    r"\b(?:the\s+(?:other|remaining)|another|an\s+additional|additional)\s+$", re.IGNORECASE
)
# "including two children", "among them three officers", "of whom two"
_INCLUDING_BEFORE = re.compile(
    r"\b(?:including|among\s+them|among\s+those|of\s+whom)\s+(?:at\s+least\s+)?$",
    re.IGNORECASE,
)
# later in the sentence: "... and the third person died later", "while the other two remain"
_REST_AFTER = re.compile(
    rf"\b(?:the|a)\s+{_ORDINAL}\b|\bthe\s+(?:other|remaining|rest)\b", re.IGNORECASE
)
# the counted group a breakdown divides: "three others", "four people were found dead"
_GROUP = (
    rf"\b{_COUNT}\s+(?:[\w'-]+\s+){{0,2}}?(?:others|people|persons|victims|men|women|children"
    r"|teens|teenagers|adults|juveniles|males|females|students|officers)\b"
)
# a count before a dash or colon that the figure breaks down
_BREAKDOWN_BEFORE = re.compile(
    _GROUP + r"[^.;:\u2014\u2013]{0,60}(?:\s[\u2014\u2013]|\s--|:)\s+[^.;]{0,80}?$",
    re.IGNORECASE,
)
# an apposition that breaks a count down: "eight others, five men and three women, ..."
_APPOSITION_BEFORE = re.compile(_GROUP + r",\s+$", re.IGNORECASE)


_KILLED_WORD = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|dead|died|dies|death|deaths|fatal(?:ly)?|slain|murder(?:ed|s)?"
    r"|homicide|lives?)\b",
    re.IGNORECASE,
)
_INJURED_WORD = re.compile(
    r"\b(?:wound(?:ed|ing|s)?|injur(?:ed|ing|y|ies|es)|hurt|hospitali[sz]ed|critical(?:ly)?"
    r"|serious(?:ly)?|stable)\b",
    re.IGNORECASE,
)
# a group named by its role, "also" hurt: "two civilians were also injured" (besides officers)
_ROLE_ALSO_AFTER = re.compile(
    r"\s+(?:[\w'-]+\s+){0,3}?(?:civilians|officers|deputies|troopers|bystanders|students"
    r"|children|kids|teens|teenagers|women|men|juveniles|adults|employees|customers|patrons)\s+"
    r"(?:(?:were|was|are|is|have\s+been|had\s+been|got)\s+)?also\b",
    re.IGNORECASE,
)
# a count whose predicate is the victims' condition: "two remain in critical condition", "two
# victims remain hospitalized" -- the issue's own example of a part read as a total
_CONDITION_AFTER = re.compile(
    r"\s+(?:[\w'-]+\s+){0,2}?(?:remain|remains|remained|are|is)\s+"
    r"(?:still\s+|now\s+|listed\s+|being\s+)?(?:in\s+(?:critical|serious|stable|fair|good|grave)"
    r"(?:\s+but\s+stable)?\s+condition|hospitali[sz]ed|in\s+(?:the\s+)?hospital|treated\s+and\s+released)",
    re.IGNORECASE,
)
# one shooting of several in the sentence: "the second shooting happened ... where two died"
_SUB_EVENT = re.compile(
    r"\b(?:the|a)\s+(?:first|second|third|fourth|earlier|later|other|initial)\s+"
    r"(?:shooting|attack|incident|scene|location)s?\b"
    # another shooting the article recalls: "another nearby shooting last month that left
    # two dead", "among the attacks over the weekend was a shooting ... where four died"
    r"|\b(?:another|an\s+earlier|a\s+previous|a\s+separate|an\s+unrelated)\s+"
    r"(?:[\w-]+\s+)?(?:shooting|attack|incident)\b"
    r"|\bamong\s+the\s+(?:attacks|shootings|incidents)\b",
    re.IGNORECASE,
)
_LOOK_BACK = 200  # the others of "One man died. Six others were injured." are a sentence back
_CLAUSE_END = re.compile(r"[;.]|,\s+(?:and|but|while)\b|\s(?:and|while|but)\s", re.IGNORECASE)


def _measure_in(text: str) -> str | None:
    """The casualty measure the last casualty word of ``text`` names, if any."""
    last_k = max((m.start() for m in _KILLED_WORD.finditer(text)), default=-1)
    last_i = max((m.start() for m in _INJURED_WORD.finditer(text)), default=-1)
    if last_k == last_i == -1:
        return None
    return "killed" if last_k > last_i else "injured"


def _rest_of_other_measure(measure: str | None, before: str) -> bool:
    """True when "others" follow victims of the other casualty measure: "one man died and
    three others were injured" gives the injured total, not a part of the dead."""
    named = _measure_in(before)
    return measure in ("killed", "injured") and named is not None and named != measure


def figure_portion(
    document: str,
    start: int,
    end: int,
    sentence: tuple[int, int],
    measure: str | None = None,
    verb_start: int | None = None,
) -> str:
    """``Portion.part`` when the words around ``document[start:end]`` (a figure's number, in
    the sentence spanning ``sentence``) make it a share of a larger count, else
    ``Portion.total``. ``measure`` and the figure's verb position tell "others" that are
    the rest of the victims of another measure (a total) from a share of the same one."""
    s_start, s_end = sentence
    before = document[max(s_start, start - 120) : start]
    after = document[end : min(s_end, end + 40)]
    if _OF_GROUP.match(after) or _INCLUDING_BEFORE.search(before):
        return Portion.part
    if _CONDITION_AFTER.match(document, end, s_end) or _SUB_EVENT.search(document, s_start, s_end):
        return Portion.part
    if _OTHERS_AFTER.match(after) or _OTHERS_BEFORE.search(before):
        own = min(start, verb_start) if verb_start is not None else start
        context = document[max(0, own - _LOOK_BACK) : own]
        return Portion.total if _rest_of_other_measure(measure, context) else Portion.part
    if _ROLE_ALSO_AFTER.match(after):
        own = min(start, verb_start) if verb_start is not None else start
        named = _measure_in(document[max(0, own - _LOOK_BACK) : own])
        if named is not None and named == measure:
            return Portion.part  # the others of this measure were named before
    rest = _REST_AFTER.search(document, end, s_end)
    if rest is not None:
        clause = _CLAUSE_END.search(document, rest.end(), s_end)
        named = _measure_in(document[rest.end() : clause.start() if clause else s_end])
        if named is None or named == measure:
            return Portion.part
    if _BREAKDOWN_BEFORE.search(before) or _APPOSITION_BEFORE.search(before):
        return Portion.part
    return Portion.total


__all__ = ["figure_portion"]
