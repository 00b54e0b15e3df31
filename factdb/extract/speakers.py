"""Quote attribution: who said what, by which reporting verb.

Handles '"...," X said', '"...," said X', 'X said (that) ...', 'X told Y ...', 'according to
X, ...', titles and appositions ("its spokesman, Jaafar al-Husseini"), surname coreference
("Braga said" -> "Jonathan Braga") and "he/she said" (the last named person).

Unnamed speakers ("An Iraqi government spokesman", "US officials") are kept as the phrase
without its article, kind ``other``: resolving them to "Iraq" or "United States" would merge
distinct sources and misattribute what a government as a whole says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factdb.extract.entities import capitalised_chunks
from factdb.extract.records import Mention, Sentence
from factdb.extract.text import normalise_for_matching

REPORTING_VERBS: dict[str, str] = {
    **dict.fromkeys(["said", "says", "say", "saying"], "say"),
    **dict.fromkeys(["told", "tells", "tell"], "tell"),
    **dict.fromkeys(["added", "adds"], "add"),
    **dict.fromkeys(["stated", "states"], "state"),
    **dict.fromkeys(["warned", "warns"], "warn"),
    **dict.fromkeys(["claimed", "claims"], "claim"),
    **dict.fromkeys(["insisted", "insists"], "insist"),
    **dict.fromkeys(["noted", "notes"], "note"),
    **dict.fromkeys(["wrote", "writes"], "write"),
    **dict.fromkeys(["announced", "announces"], "announce"),
    **dict.fromkeys(["declared", "declares"], "declare"),
    **dict.fromkeys(["explained", "explains"], "explain"),
    **dict.fromkeys(["confirmed", "confirms"], "confirm"),
    **dict.fromkeys(["denied", "denies"], "deny"),
    **dict.fromkeys(["acknowledged", "acknowledges"], "acknowledge"),
    **dict.fromkeys(["argued", "argues"], "argue"),
    **dict.fromkeys(["estimated", "estimates"], "estimate"),
}
_VERB_RE = re.compile(r"\b(" + "|".join(REPORTING_VERBS) + r")\b")
_ACCORDING_RE = re.compile(r"\baccording to\s+(?P<who>[^,.;\"]+)", re.IGNORECASE)

TITLES = [
    "Brigadier General",
    "Major General",
    "Lieutenant General",
    "Lieutenant Colonel",
    "Lt. Gen.",
    "Maj. Gen.",
    "Brig. Gen.",
    "Lt. Col.",
    "General",
    "Gen.",
    "Colonel",
    "Col.",
    "Lieutenant",
    "Lt.",
    "Major",
    "Maj.",
    "Captain",
    "Capt.",
    "Sergeant",
    "Sgt.",
    "Admiral",
    "Adm.",
    "Vice President",
    "President",
    "Deputy Prime Minister",
    "Prime Minister",
    "Foreign Minister",
    "Defence Minister",
    "Defense Minister",
    "Interior Minister",
    "Minister",
    "Secretary of State",
    "Defense Secretary",
    "Secretary",
    "Senator",
    "Sen.",
    "Representative",
    "Rep.",
    "Governor",
    "Gov.",
    "Mayor",
    "Ambassador",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Grand Ayatollah",
    "Ayatollah",
    "Sheikh",
    "King",
    "Queen",
    "Crown Prince",
    "Prince",
    "Spokesman",
    "Spokeswoman",
    "Commander",
    "Colonel",
    "Chief",
    "Director",
    "Judge",
    "Professor",
    "Prof.",
]
_TITLE_RE = re.compile(
    r"^(?:(?:"
    + "|".join(re.escape(t) for t in sorted(set(TITLES), key=len, reverse=True))
    + r")\s+)+"
)
_PRONOUNS = {"he": "person", "she": "person", "it": "org", "they": "org"}
_SPEAKER_NOUNS = re.compile(
    r"\b(?:spokes(?:man|woman|person)|officials?|minister|ministry|sources?|statement|"
    r"government|military|police|army|commander|analysts?|experts?|residents?|witness(?:es)?|"
    r"diplomats?|leaders?|president|office|agency|group|organi[sz]ation|coalition|monitor)\b",
    re.IGNORECASE,
)
_LEAD_TIME = re.compile(
    r"(?:\s*,?\s*(?:in\s+an?\s+(?:statement|interview|briefing|speech|post)"
    r"(?:\s+(?:on|to|with)\s+[\w\s'-]*?)?(?=\s+(?:on|that|late|early)\b|\s*,|\s*$)"
    r"|(?:late\s+|early\s+)?on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|yesterday|today|last\s+week|earlier|on\s+\w+\s+\d{1,2}|late|early|also|again)\s*,?)*"
    r"\s*(?:that\s+)?"
)
_AUDIENCE = re.compile(
    r"\s*(?:reporters|journalists|parliament|lawmakers|(?:the\s+)?[A-Z][\w.'-]*"
    r"(?:\s+[A-Za-z][\w.'-]*){0,4}?|\w+)(?=\s+(?:that|on|in|late|early|,)|\s*,|\s*$|\s+[a-z])"
)


@dataclass(frozen=True)
class Attribution:
    """A quote and its speaker; offsets index the full text."""

    sentence_index: int
    speaker: str
    speaker_kind: str
    speaker_span: tuple[int, int] | None
    reporting_verb: str
    verb_span: tuple[int, int]
    quote: str
    quote_span: tuple[int, int] | None


@dataclass
class SpeakerTracker:
    """Per-article memory: surnames -> full names, and the last named person/organisation."""

    people: dict[str, str] = field(default_factory=dict)
    last_person: str | None = None
    last_org: tuple[str, str] | None = None

    def register(self, name: str) -> None:
        parts = name.split()
        self.people[name] = name
        if len(parts) >= 2:
            last = parts[-1]
            self.people.setdefault(last, name)
            bare = re.sub(r"^(?:al|el|ad|as|an|ar|at|az)-", "", last)
            if bare != last:
                self.people.setdefault(bare, name)
        self.last_person = name


def quote_ranges(text: str) -> list[tuple[int, int]]:
    """(open, close) index pairs of double-quoted passages; a passage never spans paragraphs
    unless the quote is left open (then it runs to the paragraph end)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        open_at: int | None = None
        for i, ch in enumerate(line):
            if ch == "\u201c" or (ch == '"' and open_at is None):
                if open_at is None:
                    open_at = pos + i
            elif ch in ("\u201d", '"') and open_at is not None:
                out.append((open_at, pos + i))
                open_at = None
        if open_at is not None:
            out.append((open_at, pos + len(line)))
        pos += len(line) + 1
    return out


def _inside(ranges: list[tuple[int, int]], i: int) -> tuple[int, int] | None:
    for s, e in ranges:
        if s < i < e:
            return s, e
    return None


def _strip_article(s: str) -> str:
    return re.sub(r"^(?:the|an?|its|their|his|her)\s+", "", s.strip(), flags=re.IGNORECASE)


def resolve_speaker(
    text: str,
    start: int,
    end: int,
    mentions: list[Mention],
    tracker: SpeakerTracker,
) -> tuple[str, str, tuple[int, int] | None] | None:
    """Resolve the speaker phrase ``text[start:end]`` to ``(name, kind, span)`` or ``None``."""
    phrase = text[start:end]
    lead = len(phrase) - len(phrase.lstrip(" ,\t\n\"'\u201d\u2019"))
    phrase = phrase.strip(" ,\t\n\"'\u201d\u2019")
    start += lead
    if not phrase:
        return None
    low = phrase.lower()
    if low in _PRONOUNS:
        if _PRONOUNS[low] == "person" and tracker.last_person:
            return tracker.last_person, "person", None
        if _PRONOUNS[low] == "org" and tracker.last_org:
            return tracker.last_org[0], tracker.last_org[1], None
        return None
    # Comma-separated chunks: "the coalition's director of operations, Brigadier General X".
    chunks: list[tuple[int, str]] = []
    offset = start
    for part in phrase.split(","):
        chunks.append((offset, part))
        offset += len(part) + 1
    for c_start, chunk in reversed(chunks):
        name = _person_at_end(text, c_start, chunk, mentions, tracker)
        if name:
            return name
    c_start, first = chunks[0]
    stripped = first.strip()
    if len(stripped.split()) > 10 or not stripped:
        return None
    s0 = c_start + (len(first) - len(first.lstrip()))
    for m in mentions:
        if m.start >= s0 and m.end <= s0 + len(stripped):
            rest = (text[s0 : m.start] + text[m.end : s0 + len(stripped)]).strip()
            if not rest or re.fullmatch(r"(?i)the", rest):
                tracker.last_org = (m.entity, m.kind)
                return m.entity, m.kind, (m.start, m.end)
    if len(stripped.split()) == 1 and stripped[:1].isupper():
        full = tracker.people.get(stripped)
        if full:
            tracker.last_person = full
            return full, "person", (s0, s0 + len(stripped))
    if (
        len(stripped.split()) == 1
        and re.fullmatch(r"[A-Z][a-z][\w'-]*", stripped)
        and not _SPEAKER_NOUNS.search(stripped)
        and stripped.lower() not in _PRONOUNS
    ):
        tracker.register(stripped)
        return stripped, "person", (s0, s0 + len(stripped))
    if _SPEAKER_NOUNS.search(stripped) or stripped[:1].isupper():
        if stripped.split()[0].lower() in ("which", "who", "that", "it", "this", "and", "but"):
            return None
        return _strip_article(stripped), "other", (s0, s0 + len(stripped))
    return None


def _person_at_end(
    text: str, c_start: int, chunk: str, mentions: list[Mention], tracker: SpeakerTracker
) -> tuple[str, str, tuple[int, int]] | None:
    trimmed = chunk.rstrip()
    if not trimmed:
        return None
    caps = capitalised_chunks(trimmed)
    if not caps:
        return None
    s, e, name = caps[-1]
    if e != len(trimmed):
        return None
    abs_s = c_start + s
    name_clean = _TITLE_RE.sub("", name).strip()
    abs_s += len(name) - len(name_clean) - (len(name) - len(name.rstrip()))
    name_clean = re.sub(r"['\u2019]s$", "", name_clean)
    if not name_clean:
        return None
    if any(m.start <= abs_s and c_start + e <= m.end for m in mentions):
        return None
    parts = name_clean.split()
    if len(parts) >= 2 and all(p[:1].isupper() or "-" in p for p in parts):
        if parts[0].lower() in ("the", "an", "a"):
            return None
        tracker.register(name_clean)
        return name_clean, "person", (abs_s, abs_s + len(name_clean))
    if len(parts) == 1:
        full = tracker.people.get(name_clean)
        if full:
            tracker.last_person = full
            return full, "person", (abs_s, abs_s + len(name_clean))
        before = trimmed[:s].strip()
        if before and _SPEAKER_NOUNS.search(before) and not before.endswith("'s"):
            tracker.register(name_clean)
            return name_clean, "person", (abs_s, abs_s + len(name_clean))
    return None


def _reported_clause(
    text: str, norm: str, verb_end: int, sent_end: int, lemma: str
) -> tuple[str, tuple[int, int]] | None:
    pos = verb_end
    if lemma == "tell":
        m = _AUDIENCE.match(norm, pos, sent_end)
        if m:
            pos = m.end()
    m = _LEAD_TIME.match(norm, pos, sent_end)
    if m:
        pos = m.end()
    while pos < sent_end and norm[pos] in " ,:":
        pos += 1
    if pos >= sent_end:
        return None
    clause = text[pos:sent_end].strip()
    if len(clause.split()) < 3:
        return None
    return clause, (pos, pos + len(clause))


def find_attributions(
    text: str, sentences: list[Sentence], mentions: list[Mention]
) -> list[Attribution]:
    """Quote claims for every sentence with a reporting verb or "according to"."""
    norm = normalise_for_matching(text)
    ranges = quote_ranges(text)
    tracker = SpeakerTracker()
    out: list[Attribution] = []
    for sent in sentences:
        att = _attribute(text, norm, sent, ranges, mentions, tracker)
        if att is not None:
            out.append(att)
    return out


def _attribute(
    text: str,
    norm: str,
    sent: Sentence,
    ranges: list[tuple[int, int]],
    mentions: list[Mention],
    tracker: SpeakerTracker,
) -> Attribution | None:
    s_start, s_end = sent.start, sent.end
    for vm in _VERB_RE.finditer(norm, s_start, s_end):
        v_start, v_end = vm.start(), vm.end()
        if _inside(ranges, v_start):
            continue
        lemma = REPORTING_VERBS[vm.group(1)]
        before = norm[s_start:v_start]
        # Post-quote: '"...," X said' (the closing quote is the last one before the verb).
        close = max((e for s, e in ranges if s_start <= e < v_start), default=None)
        if close is None:
            close = max((e for s, e in ranges if s < s_start <= e < v_start), default=None)
        if close is not None and '"' not in norm[close + 1 : v_start]:
            q_open = next(s for s, e in ranges if e == close)
            quote = text[q_open + 1 : close].strip().rstrip(",").strip()
            seg_start = close + 1
            if norm[seg_start:v_start].strip():
                who = resolve_speaker(text, seg_start, v_start, mentions, tracker)
            else:  # '"...," said X'
                after = re.match(r"\s*([^,;]+?)\.?\s*$|\s*([^,;]+)", norm[v_end:s_end])
                who = None
                if after:
                    grp = 1 if after.group(1) else 2
                    who = resolve_speaker(
                        text, v_end + after.start(grp), v_end + after.end(grp), mentions, tracker
                    )
            if who:
                return Attribution(
                    sent.index,
                    who[0],
                    who[1],
                    who[2],
                    lemma,
                    (v_start, v_end),
                    quote,
                    (q_open + 1, close),
                )
            continue
        # Pre-verb: 'X said (that) ...'; X runs from the clause start to the verb.
        clause_start = s_start
        for m in re.finditer(r"[;:]\s|\bbut\s|\band\s(?=[A-Z])", before):
            clause_start = s_start + m.end()
        if vm.group(1) in ("saying",):
            continue
        who = resolve_speaker(text, clause_start, v_start, mentions, tracker)
        if not who:
            continue
        rep = _reported_clause(text, norm, v_end, s_end, lemma)
        if rep is None:
            continue
        quote, q_span = rep
        inner = [r for r in ranges if q_span[0] <= r[0] < q_span[1]]
        if inner:
            q_span = (inner[0][0] + 1, inner[0][1])
            quote = text[q_span[0] : q_span[1]].strip()
        return Attribution(
            sent.index, who[0], who[1], who[2], lemma, (v_start, v_end), quote, q_span
        )
    am = _ACCORDING_RE.search(norm, s_start, s_end)
    if am and not _inside(ranges, am.start()):
        who = resolve_speaker(text, am.start("who"), am.end("who"), mentions, tracker)
        if who:
            rest = (text[s_start : am.start()] + text[am.end() : s_end]).strip(" ,")
            return Attribution(
                sent.index,
                who[0],
                who[1],
                who[2],
                "according to",
                (am.start(), am.start() + len("according to")),
                rest,
                None,
            )
    return None
