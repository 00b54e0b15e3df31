"""Country names and demonyms that are only part of a longer proper name.

The gazetteer matches "Mexico" in "New Mexico", "Britain" in "New Britain" (a Connecticut
town), "Mexican" in the rapper "South Park Mexican", "Jordan" in "Jordan Baker" and "Chad" in
"Chad Smith"; "Lebanon, Pa." and "Paris, Texas" are American towns. ``part_of_longer_name``
tells those apart from a mention of the country, from the words around the match alone:

- a capitalised word right before it that is not the first word of a sentence ("South Park
  Mexican", "Officer Santiago") or is a place-name prefix ("New", "North", "Port");
- a capitalised word right before it that is a person's title ("Officer Santiago");
- a one-word country name (not a demonym, not "U.S.") right before a capitalised word that
  is neither an institution ("Israel Defense Forces" stays the country) nor a date word
  ("Jordan Baker", "China Daily", "Washington Post");
- a country or capital name followed by ", <US state>" ("Lebanon, Pa.", "Mexico, Mo.").
"""

from __future__ import annotations

import re
from functools import lru_cache

import us

from factdb.extract.words import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS

# words that begin a place name built on another one: "New Britain", "Little Havana"
_PREFIXES = {
    "new",
    "north",
    "south",
    "east",
    "west",
    "upper",
    "lower",
    "little",
    "nova",
    "port",
    "fort",
    "mount",
    "lake",
    "saint",
    "st.",
    "san",
    "santa",
    "los",
    "las",
    "el",
    "baja",
    "greater",
    "old",
}
# a person's title: "Officer Santiago", "Sgt. Jordan"
_TITLES = {
    "officer",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "sgt.",
    "det.",
    "lt.",
    "capt.",
    "cpl.",
    "chief",
    "deputy",
    "trooper",
    "sheriff",
    "judge",
    "rev.",
    "detective",
    "sergeant",
}
# capitalised words that may stand right before a country mid-sentence
_FREE_BEFORE = {
    "the",
    "in",
    "of",
    "and",
    "or",
    "to",
    "from",
    "for",
    "by",
    "with",
    "on",
    "at",
    "a",
    "an",
    "u.s.",
    "us",
    "i",
}
# weekday and month names, full and abbreviated with their dot ("Sept.")
_DATE_WORDS = {
    *WEEKDAYS,
    *MONTHS,
    *(f"{abbreviation}." for abbreviation in MONTH_ABBREVIATIONS),
}
# what follows a country's name when it is still the country: "Mexican Army", "Iraq War"
_INSTITUTIONS = {
    "army",
    "navy",
    "air",
    "armed",
    "marines",
    "military",
    "forces",
    "force",
    "defense",
    "defence",
    "embassy",
    "embassies",
    "consulate",
    "government",
    "ministry",
    "minister",
    "prime",
    "president",
    "presidential",
    "parliament",
    "senate",
    "congress",
    "police",
    "national",
    "state",
    "foreign",
    "interior",
    "coast",
    "border",
    "central",
    "supreme",
    "court",
    "federal",
    "republic",
    "kingdom",
    "war",
    "crisis",
    "ambassador",
    "officials",
    "authorities",
    "security",
    "intelligence",
    "special",
    "health",
    "red",
    "cabinet",
    "king",
    "queen",
    "prince",
    "general",
    "attorney",
    "justice",
    "department",
    "secretary",
    "sen.",
    "gen.",
    "pres.",
    "gov.",
}
_WORD_BEFORE = re.compile(r"([A-Z][\w'.-]*)[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([A-Z][\w'.-]*)")


@lru_cache(maxsize=1)
def _state_after() -> re.Pattern[str]:
    forms: set[str] = set()
    for s in us.states.STATES_AND_TERRITORIES:
        if s.abbr == "DC":
            continue  # "Washington, D.C." is the capital
        forms.update(f for f in (s.name, s.abbr, s.ap_abbr) if f)
    alt = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(rf",[ \t]*(?:{alt})(?![\w])")


def part_of_longer_name(norm: str, start: int, end: int, demonym: bool = False) -> bool:
    """True when the country name or demonym at ``norm[start:end]`` is a piece of another
    proper name (see the module docstring), so it must not count as the country."""
    before = _WORD_BEFORE.search(norm, max(0, start - 40), start)
    if before is not None:
        word = before.group(1).lower()
        if word in _PREFIXES or word in _TITLES:
            return True
        lead = norm[max(0, before.start() - 3) : before.start()].rstrip(" \t")
        sentence_start = not lead or lead[-1] in ".!?\n\"'(:;\u2014-"
        if not sentence_start and word not in _FREE_BEFORE and word not in _DATE_WORDS:
            return True
    if demonym:
        return False
    if _state_after().match(norm, end):
        return True
    after = _WORD_AFTER.match(norm, end)
    if after is not None and re.fullmatch(r"[A-Z][a-z]+", norm[start:end]):
        word = after.group(1).lower()
        if word not in _INSTITUTIONS and word not in _DATE_WORDS and word not in _FREE_BEFORE:
            return True
    return False


__all__ = ["part_of_longer_name"]
