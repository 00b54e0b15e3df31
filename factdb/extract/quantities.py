"""Counted quantities: a number, the noun it counts (normalised to a measure) and its verb.

The measure and verb class are half of the claim key that contradiction detection blocks on,
so "5,000 US troops" and "5,000 soldiers" must both become measure "troops", and "has 5,000
troops" (a stock) must stay apart from "trained 5,000 soldiers" (an event).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factdb.extract.numbers import NumberExpr, find_numbers
from factdb.extract.text import normalise_for_matching

MEASURES: dict[str, str] = {
    **dict.fromkeys(
        [
            "troops",
            "troop",
            "soldiers",
            "soldier",
            "forces",
            "service members",
            "servicemembers",
            "servicemen",
            "personnel",
            "military personnel",
            "marines",
            "paratroopers",
            "special forces",
            "boots on the ground",
        ],
        "troops",
    ),
    **dict.fromkeys(
        [
            "fighters",
            "fighter",
            "militants",
            "militiamen",
            "insurgents",
            "jihadists",
            "combatants",
            "gunmen",
            "rebels",
        ],
        "fighters",
    ),
    **dict.fromkeys(
        [
            "people",
            "persons",
            "person",
            "civilians",
            "residents",
            "individuals",
            "inhabitants",
            "men",
            "women",
            "children",
        ],
        "people",
    ),
    **dict.fromkeys(
        ["killed", "dead", "deaths", "fatalities", "lives", "died", "bodies"], "killed"
    ),
    **dict.fromkeys(["injured", "wounded", "injuries", "hurt"], "injured"),
    **dict.fromkeys(["refugees", "displaced", "evacuees"], "displaced"),
    **dict.fromkeys(["advisers", "advisors", "trainers", "instructors"], "advisers"),
    **dict.fromkeys(["dollars", "usd"], "money"),
}
_MONEY_UNITS = {"dollars": "USD", "usd": "USD", "euros": "EUR", "pounds": "GBP"}
_VICTIM_NOUNS = {"people", "fighters", "troops", "displaced"}

_VERBS: dict[str, tuple[str, str]] = {}


def _add_verbs(cls: str, table: dict[str, str]) -> None:
    for lemma, forms in table.items():
        for form in [lemma, *forms.split()]:
            _VERBS.setdefault(form, (lemma, cls))


_add_verbs(
    "stock",
    {
        "have": "has had having",
        "number": "numbers numbered",
        "keep": "keeps kept keeping",
        "maintain": "maintains maintained maintaining",
        "station": "stations stationed",
        "remain": "remains remained remaining",
        "leave": "leaves leaving",
        "host": "hosts hosted",
        "employ": "employs employed",
        "total": "totals totalled totaled",
        "field": "fields",
        "count": "counts",
        "comprise": "comprises comprised",
        "include": "includes included",
        "hold": "holds",
        "control": "controls",
        "command": "commands",
    },
)
_add_verbs(
    "event",
    {
        "train": "trains trained training",
        "kill": "kills killed killing",
        "send": "sends sent sending",
        "withdraw": "withdraws withdrew withdrawn withdrawing",
        "capture": "captures captured capturing",
        "take": "takes took taken taking",
        "recapture": "recaptures recaptured",
        "wound": "wounds wounded",
        "injure": "injures injured",
        "arrest": "arrests arrested",
        "deploy": "deploys deployed",
        "detain": "detains detained",
        "evacuate": "evacuates evacuated",
        "displace": "displaces displaced",
        "free": "frees freed",
        "release": "releases released",
        "lose": "loses lost",
        "recruit": "recruits recruited",
        "add": "adds added",
        "cut": "cuts cutting",
        "pull": "pulls pulled",
        "bring": "brings brought",
        "execute": "executes executed",
        "abduct": "abducts abducted",
        "kidnap": "kidnapped",
        "rescue": "rescues rescued",
        "dispatch": "dispatched",
        "reduce": "reduces reduced",
        "seize": "seizes seized",
        "destroy": "destroys destroyed",
        "die": "died dies",
        "flee": "fled flees",
        "return": "returns returned",
        "hire": "hires hired",
        "equip": "equips equipped",
        "arm": "armed",
        "graduate": "graduated",
        "receive": "receives received",
        "spend": "spends spent",
        "pledge": "pledged",
        "allocate": "allocated",
        "approve": "approved",
        "raise": "raised",
    },
)
_BE = {"is", "are", "was", "were", "be", "been", "being"}
_STOP_AFTER = {
    "in",
    "on",
    "at",
    "to",
    "from",
    "by",
    "with",
    "into",
    "inside",
    "across",
    "for",
    "as",
    "and",
    "or",
    "but",
    "that",
    "which",
    "who",
    "while",
    "since",
    "after",
    "before",
    "during",
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "will",
    "would",
    "could",
    "the",
    "a",
    "an",
    "their",
    "its",
    "his",
    "her",
    "our",
    "this",
    "these",
    "those",
    "than",
    "over",
    "under",
    "more",
    "less",
    "of",
    "per",
    "each",
    "every",
}
_YEAR_CONTEXT = re.compile(
    r"\b(?:in|since|by|until|from|during|before|after|of|early|late|mid|and|to|through)[\s-]+$",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*|[,.;:!?()\"]")


@dataclass(frozen=True)
class Quantity:
    """A counted number: offsets index the text given to ``find_quantities``."""

    number: NumberExpr
    noun: str | None
    measure: str | None
    unit: str | None
    verb: str | None
    verb_class: str | None
    verb_start: int | None = None
    verb_passive: bool = False


def lemma(word: str) -> tuple[str, str] | None:
    """``(lemma, verb_class)`` for a known reporting-free verb form, else ``None``."""
    return _VERBS.get(word.lower())


def _counted_noun(norm: str, pos: int) -> tuple[str | None, str | None, int]:
    """Find the counted noun after ``pos``, skipping adjectives ("elite Iraqi soldiers")."""
    rest = norm[pos : pos + 80]
    m = re.match(r"\s+of\s+(?:the\s+)?", rest)
    offset = m.end() if m else 0
    tokens = list(_TOKEN.finditer(rest, offset))
    fallback: tuple[str | None, int] = (None, pos)
    for i, tok in enumerate(tokens[:6]):
        word = tok.group(0)
        low = word.lower()
        if i == 0 and tok.start() - offset > 2:
            break
        if not word[0].isalpha():
            break
        two = f"{low} {tokens[i + 1].group(0).lower()}" if i + 1 < len(tokens) else ""
        if two in MEASURES:
            return two, MEASURES[two], pos + tokens[i + 1].end()
        if low in MEASURES:
            return low, MEASURES[low], pos + tok.end()
        if low in _MONEY_UNITS:
            return low, "money", pos + tok.end()
        if (
            low in ("and", "or")
            and i > 0
            and tokens[i - 1].group(0)[:1].isupper()
            and i + 1 < len(tokens)
            and tokens[i + 1].group(0)[:1].isupper()
        ):
            continue
        if low in _STOP_AFTER or (i > 0 and lemma(low) and not low.endswith("s")):
            break
        if word[0].islower() and low.endswith("s") and not low.endswith("ss") and len(low) > 3:
            if fallback[0] is None:
                fallback = (low, pos + tok.end())
            break
    return fallback[0], fallback[0], fallback[1]


def _verb_before(norm: str, start: int) -> tuple[str, str, int] | None:
    window = norm[max(0, start - 120) : start]
    base = start - len(window)
    tokens = list(_TOKEN.finditer(window))
    for j, tok in enumerate(reversed(tokens[-8:])):
        word = tok.group(0)
        if word in ';:()"' or (word == "," and j > 0):
            break
        low = word.lower()
        if low in ("are", "were", "is", "was"):
            prev = tokens[-8:][-(j + 2)].group(0).lower() if j + 1 < len(tokens[-8:]) else ""
            if prev == "there":
                return "be", "stock", base + tok.start()
        found = lemma(low)
        if found:
            return found[0], found[1], base + tok.start()
    return None


def _verb_after(norm: str, pos: int) -> tuple[str, str, int] | None:
    m = re.match(
        r"\s+(?:(?:were|was|are|is|have\s+been|had\s+been|has\s+been|being|been)\s+)?"
        r"(?:(?:reportedly|also|now|still)\s+)?(?P<v>[a-z]+)\b",
        norm[pos : pos + 60],
    )
    if not m:
        return None
    found = lemma(m.group("v"))
    if not found:
        return None
    return found[0], found[1], pos + m.start("v")


def find_quantities(text: str, exclude: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Quantities in ``text``: numbers that count a noun or carry a unit (money, percent).

    Bare numbers with nothing counted are dropped, as are year-like integers ("2014").
    """
    norm = normalise_for_matching(text)
    out: list[Quantity] = []
    for num in find_numbers(text, exclude):
        noun, measure, noun_end = _counted_noun(norm, num.end)
        unit = num.unit
        if unit == "%":
            m = re.match(
                r"\s+of\s+(?:the\s+)?(?:[A-Za-z'-]+\s+){0,2}?([a-z]+)\b",
                norm[num.end : num.end + 60],
            )
            measure = m.group(1) if m else "percent"
            noun = measure
        elif unit in ("USD", "GBP", "EUR"):
            measure = "money"
        elif noun in _MONEY_UNITS:
            unit = _MONEY_UNITS[noun]
            measure = "money"
        else:
            if measure is None:
                continue
            known = noun in MEASURES
            if (
                num.plain_int
                and 1900 <= (num.low or 0) <= 2100
                and (not known or _YEAR_CONTEXT.search(norm[max(0, num.start - 12) : num.start]))
            ):
                continue
            if num.is_word and not num.is_vague and (num.low or 0) < 10 and not known:
                continue
            unit = measure
        vb = _verb_after(norm, noun_end) if noun else None
        passive = vb is not None and bool(
            re.search(r"\b(?:were|was|are|is|been|being)\b", norm[noun_end : vb[2]])
        )
        if vb is None or (vb[1] == "stock"):
            vb = _verb_before(norm, num.start) or vb
            passive = False
        if vb and vb[0] in ("kill", "die") and measure in _VICTIM_NOUNS:
            measure = unit = "killed"
        elif vb and vb[0] in ("wound", "injure") and measure in _VICTIM_NOUNS:
            measure = unit = "injured"
        verb, verb_class, verb_start = vb if vb else (None, None, None)
        if verb is None and measure in ("killed", "injured"):
            verb, verb_class = ("kill" if measure == "killed" else "wound"), "event"
        if verb is None:
            verb_class = "stock"
        out.append(Quantity(num, noun, measure, unit, verb, verb_class, verb_start, passive))
    return out
