"""Counted quantities: a number, the noun it counts (normalised to a measure) and its verb.

The measure and verb class are half of the claim key that contradiction detection blocks on,
so "5,000 US troops" and "5,000 soldiers" must both become measure "troops", and "has 5,000
troops" (a stock) must stay apart from "trained 5,000 soldiers" (an event).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from factdb.extract.casualty_words import (
    _ADV,
    _AGE_LIST,
    _ANOTHER,
    _BARE_END,
    _BARE_OF,
    _BE_PAST,
    _CASUALTY_AFTER,
    _CASUALTY_HINT,
    _CASUALTY_LEMMAS,
    _DIED_AFTER,
    _FATALLY_OF,
    _FILLER,
    _KILL_OBJECT,
    _NO_ONE,
    _ONE_VICTIM,
    _OTHERS,
    _PERSON,
    _SELF_KILL,
    _SHOT_COUNT,
    _SINGLE_CASUALTY,
    _SINGLE_OBJECT,
    _TALLY,
    _ZERO,
    _ZERO_PART,
    _ZERO_WHERE,
)
from factdb.extract.numbers import NumberExpr, find_numbers, parse_number_words
from factdb.extract.quantity_words import (
    MEASURES,
    MONEY_UNITS,
    STOP_AFTER,
    VERB_LEMMAS,
    VICTIM_NOUNS,
    VICTIM_ROLES,
)
from factdb.extract.text import normalise_for_matching
from factdb.extract.words import number_words
from factdb.vocabulary import Portion, VerbClass

_YEAR_CONTEXT = re.compile(
    r"\b(?:in|since|by|until|from|during|before|after|of|early|late|mid|and|to|through)[\s-]+$",
    re.IGNORECASE,
)
_PRESENT_PASSIVE = re.compile(r"\b(?:are|is)\b(?:\s+(?:now|currently|still))?\s+$", re.I)
# a word, an abbreviation with its dots ("U.S.", "U.N."), or punctuation
_TOKEN = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?|[A-Za-z][A-Za-z'-]*|[,.;:!?()\"]")


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
    singular: bool = False  # one victim named by a noun phrase ("a man was killed")
    portion: str | None = None  # Portion when the reading itself tells ("another man"), else None


def lemma(word: str) -> tuple[str, str] | None:
    """``(lemma, verb_class)`` for a known reporting-free verb form, else ``None``."""
    return VERB_LEMMAS.get(word.lower())


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
        if low in MONEY_UNITS:
            return low, "money", pos + tok.end()
        if (
            low in ("and", "or")
            and i > 0
            and tokens[i - 1].group(0)[:1].isupper()
            and i + 1 < len(tokens)
            and tokens[i + 1].group(0)[:1].isupper()
        ):
            continue
        if low in STOP_AFTER or (i > 0 and lemma(low) and not low.endswith("s")):
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
                return "be", VerbClass.stock, base + tok.start()
        found = lemma(low)
        if found:
            return found[0], found[1], base + tok.start()
    return None


def _verb_after(norm: str, pos: int) -> tuple[str, str, int] | None:
    c = _CASUALTY_AFTER.match(norm, pos, pos + 90)
    if c:
        group = c.lastgroup or "k1"
        return ("kill" if group[0] == "k" else "injure"), VerbClass.event, c.start(group)
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


def find_quantities(
    text: str, exclude: list[tuple[int, int]] | None = None, document: str | None = None
) -> list[Quantity]:
    """Quantities in ``text``: numbers that count a noun or carry a unit (money, percent).

    Bare numbers with nothing counted are dropped, as are year-like integers ("2014").
    ``document`` is the whole article (normalised) when ``text`` is one of its sentences: a
    single victim ("a man was killed") is the whole count only if the article reports no
    other victims, else one of them (portion "part").
    """
    norm = normalise_for_matching(text)
    out: list[Quantity] = []
    for num in find_numbers(text, exclude):
        if _NO_ONE.search(norm, max(0, num.start - 4), num.start) and num.text.lower() == "one":
            continue  # "no one was hurt" is zero, read below
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
        elif noun in MONEY_UNITS:
            unit = MONEY_UNITS[noun]
            measure = "money"
        else:
            if measure is None:
                bare = _KILL_OBJECT.search(norm, max(0, num.start - 30), num.start)
                after = _BARE_OF.match(norm, num.end, num.end + 30)
                after_end = after.end() if after else num.end
                pred = _CASUALTY_AFTER.match(norm, after_end, after_end + 90)
                if bare is not None and _BARE_END.match(norm[num.end : num.end + 12]):
                    v = bare.group("v").lower()
                    measure = "killed" if "kill" in v else "injured"
                elif (
                    pred is not None
                    and not num.is_vague
                    and not _AGE_LIST.search(norm, max(0, num.start - 40), num.start)
                ):
                    measure = "killed" if (pred.lastgroup or "k")[0] == "k" else "injured"
                else:
                    continue
                noun = None
                noun_end = after_end
            known = noun in MEASURES or measure in ("killed", "injured") or noun in VICTIM_ROLES
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
        if vb is None or (vb[1] == VerbClass.stock):
            vb = _verb_before(norm, num.start) or vb
            passive = False
        victims = measure in VICTIM_NOUNS or noun in VICTIM_ROLES
        small_word = num.is_word and not num.is_vague and (num.low or 0) < 10
        if small_word and noun in VICTIM_ROLES and not (vb and vb[0] in _CASUALTY_LEMMAS):
            continue  # "two officers responded": as before, no count of anything
        if vb and vb[0] in ("kill", "die") and victims:
            measure = unit = "killed"
        elif vb and vb[0] in ("wound", "injure") and victims:
            measure = unit = "injured"
        verb, verb_class, verb_start = vb if vb else (None, None, None)
        if (
            verb_class == VerbClass.event
            and passive
            and measure in ("troops", "fighters", "advisers")
            and _PRESENT_PASSIVE.search(norm, noun_end, verb_start or noun_end)
        ):
            verb_class = VerbClass.stock  # "8,400 troops are deployed there": a level
        if measure in ("killed", "injured") and verb_class != VerbClass.event:
            # "left two dead", "four dead, two injured": a casualty count is an event
            verb, verb_class = ("kill" if measure == "killed" else "wound"), VerbClass.event
        if verb is None:
            verb_class = VerbClass.stock
        if measure in ("killed", "injured") and _TALLY.search(norm):
            verb_class = VerbClass.stock  # a running total over a period or a city, not one event
        single = (
            num.low == num.high == 1
            and measure in ("killed", "injured")
            and _ONE_VICTIM.match(norm, num.end) is not None
        )
        out.append(
            Quantity(num, noun, measure, unit, verb, verb_class, verb_start, passive, single)
        )
    taken = [(q.number.start, q.number.end) for q in out]
    extra = find_casualties(text, norm, taken, list(exclude or []))
    if extra or _CASUALTY_HINT.search(norm):
        merged = _coordinated(text, norm, out + extra)
        if merged is not None:
            out = [q for q in merged if q.measure not in ("killed", "injured")]
            extra = [q for q in merged if q.measure in ("killed", "injured")]
    out = [_with_self_kill(norm, q) for q in out]
    extra = [_with_self_kill(norm, q) for q in extra]
    if any(q.singular for q in out) and document is not None:
        several = several_victims(document)
        out = [
            replace(q, portion=Portion.part) if q.singular and q.measure in several else q
            for q in out
        ]
    if extra:
        tally = bool(_TALLY.search(norm))
        several = several_victims(document) if document is not None else frozenset()
        for q in extra:
            if tally:
                q = replace(q, verb_class=VerbClass.stock)
            if q.singular and q.measure in several:
                q = replace(q, portion=Portion.part)
            out.append(q)
        out.sort(key=lambda q: q.number.start)
    return out


# --- Casualties -------------------------------------------------------------------------------
# How news reports the dead and wounded of one incident: "two people were shot and killed",
# "a 23-year-old man was shot and wounded" (1 injured), "the victim was pronounced dead"
# (1 killed), "no one was hurt" (0, a fact), "killed two and wounded three", "14 shot, one
# fatally". Running tallies ("in separate shootings across the city", "so far this year") are
# kept but classed "stock": they are totals over a period, not the count of one event.


def _with_self_kill(norm: str, q: Quantity) -> Quantity:
    """One more dead when the killer then killed himself after the counted victims."""
    num = q.number
    if (
        q.measure != "killed"
        or q.verb_class != VerbClass.event
        or num.low is None
        or num.low != num.high
        or num.low < 1
    ):
        return q
    self_kill = _SELF_KILL.search(norm, num.end, num.end + 160)
    if self_kill is None or re.search(r"\bincluding\b|[;:]", norm[num.end : self_kill.start()]):
        return q
    if re.search(r"(?<![\w-])(?:himself|herself|his\s+own|her\s+own)\b", norm[: num.start]):
        return q
    value = num.low + 1
    return replace(
        q, number=replace(num, low=value, high=value, likely_low=value, likely_high=value)
    )


def _synthetic(start: int, end: int, text: str, value: float) -> NumberExpr:
    return NumberExpr(
        start=start,
        end=end,
        text=text[start:end],
        low=value,
        high=value,
        low_open=False,
        high_open=False,
        likely_low=value,
        likely_high=value,
        qualifier="exact",
        unit=None,
        num_start=start,
        num_end=end,
        is_word=True,
    )


def _casualty(
    num: NumberExpr,
    measure: str,
    verb_start: int,
    passive: bool = True,
    singular: bool = False,
    portion: str | None = None,
) -> Quantity:
    verb = "kill" if measure == "killed" else "injure"
    return Quantity(
        num,
        measure,
        measure,
        measure,
        verb,
        VerbClass.event,
        verb_start,
        passive,
        singular,
        portion,
    )


_SEVERAL = re.compile(
    rf"\b(?:(?:{number_words(2, 12)}|\d{{1,3}}|several"
    r"|multiple|both|all)\s+(?:[\w-]+\s+){0,2}?(?:people|persons|victims|men|women|teens"
    r"|teenagers|children|boys|girls|others|adults|juveniles|kids|students)\b"
    r"(?:\s+(?:were|have\s+been|had\s+been|are|got))?\s+(?:\w+ly\s+)?"
    r"(?:shot|killed|wounded|injured|hurt|dead|died|slain)\b"
    r"|\b(?:double|triple|quadruple|mass)\s+(?:shooting|homicide|murder|killing)"
    r"|\bmurder[-\s]suicide"
    r"|\b(?:another|a\s+second|the\s+second|the\s+other|a\s+third|the\s+third)\s+"
    r"(?:[\w'-]+\s+){0,2}?(?:victim|man|woman|person|boy|girl|teen|child)\b"
    r"|\b(?:killed|killing|wounded|wounding|injured|injuring|shot|shooting)\s+"
    rf"(?:{number_words(2, 10)}|\d{{1,3}}|several|multiple)\b"
    rf"|\b(?:{number_words(2, 10)}|\d{{1,3}}|several|multiple)\s+"
    r"(?:[\w-]+\s+)?(?:victims|dead|injured|wounded|deaths|fatalities))",
    re.IGNORECASE,
)
_SEVERAL_CACHE: dict[int, tuple[str, frozenset[str]]] = {}
_KILL_WORDS = re.compile(r"kill|dead|die|slain|death|fatal|homicide|murder", re.IGNORECASE)
_HURT_WORDS = re.compile(r"wound|injur|hurt", re.IGNORECASE)


def several_victims(document: str) -> frozenset[str]:
    """The casualty measures ("killed", "injured") of which an article reports more than one
    anywhere (counts >= 2, "double shooting", "another victim"): a single victim's sentence is
    then not the whole count. Victims merely "shot" count for both."""
    key = id(document)
    hit = _SEVERAL_CACHE.get(key)
    if hit is not None and hit[0] is document:
        return hit[1]
    found: set[str] = set()
    for m in _SEVERAL.finditer(document):
        if not _ages_ok(document, m):
            continue
        words = m.group(0)
        if _KILL_WORDS.search(words):
            found.add("killed")
        elif _HURT_WORDS.search(words):
            found.add("injured")
        else:
            found.update(("killed", "injured"))
        if len(found) == 2:
            break
    if len(_SEVERAL_CACHE) > 8:
        _SEVERAL_CACHE.clear()
    result = frozenset(found)
    _SEVERAL_CACHE[key] = (document, result)
    return result


def _ages_ok(document: str, m: re.Match[str]) -> bool:
    """Reject "2-year-old" style ages and years that the number alternatives can catch."""
    tail = document[m.end() : m.end() + 10]
    head = document[max(0, m.start() - 1) : m.start()]
    return not (tail.startswith("-year") or head == "-")


def find_casualties(
    text: str, norm: str, taken: list[tuple[int, int]], exclude: list[tuple[int, int]]
) -> list[Quantity]:
    """Casualty counts that carry no digit or number word: single victims and zeros.

    ``taken`` are spans of numbers already read as quantities; matches overlapping them or
    ``exclude`` are skipped.
    """
    if not _CASUALTY_HINT.search(norm):
        return []
    out: list[Quantity] = []
    spans = list(taken) + list(exclude)

    def free(s: int, e: int) -> bool:
        return not any(s < xe and xs < e for xs, xe in spans)

    for m in _SINGLE_CASUALTY.finditer(norm):
        s, e = m.span("subj")
        if not free(s, e):
            continue
        pred = next(g for g in ("k1", "k2", "i1", "i2") if m.group(g))
        measure = "killed" if pred.startswith("k") else "injured"
        pronoun = norm[s:e].lower() in ("he", "she")
        if measure == "injured" and pronoun and _DIED_AFTER.search(norm, max(0, s - 100), s):
            continue  # "the girl has died after she was wounded": one of the dead, not hurt
        if _ANOTHER.search(norm, s, e):  # "another man was shot": one more victim, a part
            one = _synthetic(s, e, text, 1.0)
            out.append(_casualty(one, measure, m.start(pred), portion=Portion.part))
            spans.append((s, e))
            continue
        if _OTHERS.search(norm, s, m.end("pred")):
            continue
        out.append(_casualty(_synthetic(s, e, text, 1.0), measure, m.start(pred), True, True))
        spans.append((s, e))
    for m in _SINGLE_OBJECT.finditer(norm):
        s, e = m.span("subj")
        if _OTHERS.search(norm, s, e) or not free(s, e):
            continue
        v = m.group("v").lower()
        measure = "killed" if ("kill" in v or "fatal" in v or "mortal" in v) else "injured"
        out.append(_casualty(_synthetic(s, e, text, 1.0), measure, m.start("v"), False, True))
        spans.append((s, e))
    for m in _ZERO.finditer(norm):
        s, e = m.span("subj") if m.group("subj") else m.span()
        if (
            not free(s, e)
            or m.group("else")
            or _ZERO_PART.search(m.group(0))
            or _ZERO_WHERE.match(norm, m.end())
        ):
            continue  # "no officers were hurt", "no other injuries", "no one inside was hurt"
        killed = m.group("k") or m.group("k2") or m.group("k3")
        measure = "killed" if killed else "injured"
        vpos = next(
            (m.start(g) for g in ("k", "k2", "k3", "i", "i2", "i3") if m.group(g)), m.start()
        )
        out.append(_casualty(_synthetic(s, e, text, 0.0), measure, vpos))
        spans.append((s, e))
    for m in _FATALLY_OF.finditer(norm):
        s, e = m.span("n")
        if not free(s, e):
            continue
        word = m.group("n").lower()
        value = float(word) if word.isdigit() else parse_number_words(word)
        if value is None:
            continue
        # "four people were shot, three fatally": the dead of the incident, not a share
        fatal = _casualty(_synthetic(s, e, text, value), "killed", m.start(), False)
        out.append(replace(fatal, portion=Portion.total))
        spans.append((s, e))
        shot = _SHOT_COUNT.search(norm, max(0, m.start() - 40), m.start())
        if shot is not None:  # "seven people were shot, five fatally": the other two wounded
            w = shot.group("n").lower()
            total = float(w) if w.isdigit() else parse_number_words(w)
            if total is not None and total > value:
                ns, ne = shot.span("n")
                q = _casualty(_synthetic(ns, ne, text, total - value), "injured", m.start())
                out.append(replace(q, portion=Portion.total))
    return out


_NUMWORD = rf"(?:\d{{1,3}}|{number_words(1, 20)})"
_PLURAL_PERSON = (
    r"(?:people|persons|men|women|children|kids|boys|girls|teens|teenagers|adults|juveniles"
    r"|victims|others|males|females|students|relatives|brothers|sisters|sons|daughters"
    r"|officers|deputies|bystanders|patrons|friends|siblings|civilians|customers|residents"
    r"|employees|workers|passengers)"
)
_COORD_NP = (
    rf"(?:(?:the\s+|her\s+|his\s+|their\s+)?{_NUMWORD}\s+(?:{_FILLER}[\w'-]+\s+){{0,2}}?"
    rf"{_PLURAL_PERSON}"
    rf"|(?:a|an|one|her|his|their|the)\s+(?:{_FILLER}[\w'-]+\s+){{0,2}}?{_PERSON})\b"
)
# the last of a list may drop its determiner: "a woman and child", "his wife and son"
_COORD_LAST = rf"(?:{_COORD_NP}|{_PERSON}\b)"
_COORD_LIST = (
    rf"{_COORD_NP}(?:,\s+{_COORD_NP})*,?\s+(?:and|along\s+with|&)\s+{_COORD_LAST}"
    r"(?!\s+of\b|-)"
)
_COORD = re.compile(
    rf"(?<![\w,])(?P<np>{_COORD_LIST})(?=\s+(?:{_ADV}?{_BE_PAST}|{_ADV}?(?:later\s+)?died"
    rf"|{_ADV}?(?:suffered|sustained)))",
    re.IGNORECASE,
)
# victims listed as the object of the casualty verb: "injuring a police officer and two others"
_OBJECT_COORD = re.compile(
    r"\b(?P<v>killed|killing|shot\s+and\s+killed|wounded|wounding|injured|injuring)\s+"
    rf"(?P<np>{_COORD_LIST})(?!\s+(?:{_ADV}?{_BE_PAST}|died|suffered|sustained)\b)",
    re.IGNORECASE,
)


def _listed_victims(norm: str, start: int, end: int) -> float:
    """How many victims the list ``norm[start:end]`` names: its count for a counted phrase
    ("four other people"), one for any other ("a 51-year-old woman", "her baby boy")."""
    total = 0.0
    for item in _LIST_SEPARATOR.split(norm[start:end]):
        if not item.strip():
            continue
        word = _LIST_COUNT.match(item)
        if word is None or word.group("n").lower() in ("a", "an", "one"):
            total += 1
        else:
            w = word.group("n").lower()
            total += (float(w) if w.isdigit() else parse_number_words(w)) or 0
    return total


_LIST_SEPARATOR = re.compile(r",\s+(?:and\s+|&\s+)?|\s+(?:and|along\s+with|&)\s+", re.IGNORECASE)
# a list item's own count, before any age ("an 11-month-old baby" is one)
_LIST_COUNT = re.compile(
    rf"(?:the\s+|her\s+|his\s+|their\s+)?(?P<n>{_NUMWORD}|a|an)\b(?!-)", re.IGNORECASE
)


def _coordinated(text: str, norm: str, found: list[Quantity]) -> list[Quantity] | None:
    """ "A 2-year-old girl and four other people were wounded" counts 5, not 4: sum the
    coordinated victims of one casualty predicate and drop the partial counts."""
    changed = False
    for m in _COORD.finditer(norm):
        pred = _CASUALTY_AFTER.match(norm, m.end(), m.end() + 90)
        if pred is None:
            continue
        changed = True
        s, e = m.span("np")
        total = _listed_victims(norm, s, e)
        measure = "killed" if (pred.lastgroup or "k")[0] == "k" else "injured"
        found = [q for q in found if not (s <= q.number.num_start < e)]
        group = pred.lastgroup or "k1"
        found.append(_casualty(_synthetic(s, e, text, total), measure, pred.start(group)))
    for m in _OBJECT_COORD.finditer(norm):
        s, e = m.span("np")
        if any(
            s <= q.number.num_start < e and q.verb_start is not None and q.verb_start >= s
            for q in found
        ):
            continue  # a list already summed as the subject of its own predicate
        changed = True
        measure = "killed" if "kill" in m.group("v").lower() else "injured"
        found = [q for q in found if not (s <= q.number.num_start < e)]
        summed = _casualty(
            _synthetic(s, e, text, _listed_victims(norm, s, e)), measure, m.start("v"), False
        )
        found.append(replace(summed, portion=Portion.total))
    return found if changed else None
