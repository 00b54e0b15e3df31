"""Quote attribution: who said what, by which reporting verb.

Patterns: '"...," X said', '"...," said X', 'X said (that) ...', 'X told Y ...', 'X says',
'X added', 'X wrote', 'X tweeted', 'X said in a statement', 'according to X, ...', 'in an
interview with Y, X said', 'X, who ..., said', 'X, a spokesman for Y, said', a parenthetical
'..., X said, ...' and '..., said X, ...', and a quote that opens in an earlier sentence.

The speaker is the noun phrase next to the verb, found without a statistical model: the
comma-separated chunks before the verb are read right to left, skipping appositions and
relative clauses ("a spokesman for Y", "who ..."); a chunk that ends in a capitalised name is
a person or an organisation (titles such as "Sen.", "Brigadier General" or "Democratic
presidential nominee" are dropped), else a noun phrase whose head is a speaker noun
("officials", "the campaign") is kept as written, kind ``other``.

Coreference within an article (``coreference.SpeakerTracker``): a surname resolves to the full
name introduced earlier, "he"/"she" to the nearest preceding named person of compatible
gender; "it" to the last organisation speaker.

Unnamed speakers ("An Iraqi government spokesman", "US officials") are kept as the phrase
without its article: resolving them to "Iraq" or "United States" would merge distinct sources
and misattribute what a government as a whole says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factdb.extract.coreference import SpeakerTracker, first_name_gender
from factdb.extract.document import ArticleDoc
from factdb.extract.entities import capitalised_chunks
from factdb.extract.records import Mention, Sentence
from factdb.extract.speaker_words import (
    ALL_VERBS,
    DETERMINERS,
    FEMALE_NAMES,
    FEMALE_TITLES,
    MALE_NAMES,
    MALE_TITLES,
    NOT_NAMES,
    ORG_WORDS,
    PARTICLES,
    PLURAL_GROUPS,
    POSTMODIFIER,
    PRONOUNS,
    QUOTE_ONLY,
    QUOTE_ONLY_FORMS,
    TITLES,
)
from factdb.extract.words import weekday_names_pattern

_VERB_RE = re.compile(r"\b(" + "|".join(sorted(ALL_VERBS, key=len, reverse=True)) + r")\b")
_ACCORDING_RE = re.compile(r"\baccording to\s+(?P<who>[^,.;:\"()]+)", re.IGNORECASE)

_TITLE_RE = re.compile(
    r"^(?:(?:"
    + "|".join(re.escape(t) for t in sorted(set(TITLES), key=len, reverse=True))
    + r")\s+)+"
)
_SPOKES_RE = re.compile(r"(?i)\bspokes(man|woman)\b")


# Head nouns of unnamed speakers ("officials", "a campaign spokesman", "the source").
_SPEAKER_NOUNS = re.compile(
    r"\b(?:spokes(?:man|woman|person|men|women|people)|officials?|ministers?|ministry|sources?|"
    r"statement|government|military|police|army|commanders?|analysts?|experts?|residents?|"
    r"witness(?:es)?|diplomats?|leaders?|president|office|agency|group|organi[sz]ation|"
    r"coalition|monitor|aides?|advis[eo]rs?|campaign|candidates?|governor|senators?|"
    r"lawmakers?|legislators?|voters?|supporters?|critics?|democrats|republicans|people|"
    r"report|poll|survey|study|researchers?|economists?|observers?|officers?|secretary|"
    r"chairman|chairwoman|director|executive|lawyers?|attorneys?|judge|court|prosecutors?|"
    r"committee|administration|department|nominee|organizers?|organisers?|activists?|"
    r"protesters?|members?|staff(?:ers?)?|friends?|father|mother|wife|husband|son|daughter|"
    r"strategists?|operatives?|consultants?|pollsters?|delegates?|donors?|owners?|workers?|"
    r"scientists?|authorities|investigators?|representatives?|congressman|congresswoman|"
    r"aide|insiders?|allies|ally|mayor|manager|chief|founder|author|professor|historian|"
    r"host|anchor|reporter|journalists?|newspaper|network|website|blog|magazine|paper|"
    r"union|party|company|firm|bank|agencies|groups|memo|letter|filing|lawsuit|"
    r"document|documents|data|records|polls|surveys|studies|reports)$",
    re.IGNORECASE,
)
_APPOSITION_START = re.compile(
    r"^\s*(?:who|whom|whose|which|that|a|an|the|its|his|her|their|one|also|himself|herself|"
    r"themselves|both|in|of|at|from|for|with|on|by|as|like|including|now|then|once|"
    r"then-|former|currently|\d)",
)
_TRAILING_AUX = re.compile(
    r"(?:\s+(?:has|have|had|also|later|then|previously|once|again|recently|repeatedly|"
    r"further|would|will|did|does|do|never|often|always|reportedly|publicly|privately|"
    r"simply|just|even|only|already|still|flatly|finally|told|was|is|has\s+since|however|too|"
    r"first|last|herself|himself|themselves|itself|"
    r"[a-z]+ly))+\s*$"
)
_LEAD_TIME = re.compile(
    r"(?:\s*,?\s*(?:(?:in|during)\s+(?:an?|his|her|their|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:statement|interview|briefing|speech|post|tweet|email|e-mail|letter|appearance|call|"
    r"conference|op-ed|memo|message|release|video|debate|rally)"
    r"(?:\s+(?:on|to|with|at)\s+[\w\s'.-]*?)?(?=\s+(?:on|that|late|early)\b|\s*,|\s*$)"
    rf"|(?:late\s+|early\s+)?(?:on\s+)?{weekday_names_pattern()}"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|on\s+(?:Twitter|Facebook|Fox(?:\s+News)?|CNN|MSNBC|NBC|ABC|CBS)"
    r"|yesterday|today|last\s+week|last\s+month|earlier|on\s+\w+\s+\d{1,2}|late|early|also|"
    r"again|recently|previously)\s*,?)*"
    r"\s*(?:that\s+)?"
)
_AUDIENCE = re.compile(
    r"\s*(?:reporters|journalists|parliament|lawmakers|supporters|voters|the\s+crowd|"
    r"(?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Za-z][\w.'-]*){0,4}?|\w+)"
    r"(?=\s+(?:that|on|in|late|early|,)|\s*,|\s*$|\s+[a-z])"
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


def _inside(ranges: list[tuple[int, int]], i: int) -> tuple[int, int] | None:
    for s, e in ranges:
        if s < i < e:
            return s, e
    return None


def _strip_article(s: str) -> str:
    return re.sub(r"^(?:the|an?|its|their|his|her)\s+", "", s.strip(), flags=re.IGNORECASE)


_RELATIVE = re.compile(r"\s*(?:who|whose|which)\b")
_QUANTIFIED = re.compile(
    r"(?:percent|%|majority|minority|most|many|some|half|number|share|plurality|third|quarter)"
    r"\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_LEADING_CONJ = re.compile(
    r"^(?:and|but|so|then|yet|or|while|whereas|as|when|although|though|after|before|if|"
    r"because|since|once|until|unless)\s+",
    re.IGNORECASE,
)
_OBJECT_BEFORE = re.compile(
    r"\b(?:of|to|with|against|by|for|about|than|from|at|like|on|and|or|in|over|under)\s+$"
)


class _Context:
    """What the resolver needs about one article."""

    def __init__(self, doc: ArticleDoc) -> None:
        self.text = doc.text
        self.norm = norm = doc.norm
        self.mentions = doc.mentions
        self.tracker = SpeakerTracker()
        self._names_done = 0
        # names outside quotations: a name inside a quote is rarely the next "he"
        self._chunks = []
        ranges = doc.quote_ranges
        r = 0
        for c in doc.name_chunks:
            while r < len(ranges) and ranges[r][1] <= c[0]:
                r += 1
            if r < len(ranges) and ranges[r][0] < c[0]:
                continue
            if _OBJECT_BEFORE.search(norm, max(0, c[0] - 12), c[0]):
                continue
            self._chunks.append(c)

    def learn_names_until(self, pos: int) -> None:
        """Register the people named (with a first name or title cue) before ``pos``."""
        chunks = self._chunks
        while self._names_done < len(chunks) and chunks[self._names_done][0] < pos:
            s, e, chunk = chunks[self._names_done]
            self._names_done += 1
            person = _person_name(chunk, self.mentions, s, e)
            if person is not None:
                name, gender, _ = person
                if len(name.split()) >= 2 or _TITLE_RE.match(chunk):
                    self.tracker.register(name, gender, at=s)
            elif chunk in self.tracker.people and " " not in chunk:
                self.tracker.register(chunk, at=s)

    def mention_covering(self, s: int, e: int) -> Mention | None:
        for m in self.mentions:
            if m.start <= s and e <= m.end:
                return m
            if m.start > e:
                break
        return None


def _person_name(
    chunk: str, mentions: list[Mention], s: int, e: int
) -> tuple[str, str | None, int] | None:
    """``(name, gender, offset of the name in chunk)`` when a capitalised chunk looks like a
    person with a title or a known first name ("Sen. Ted Cruz", "Mrs. Clinton")."""
    words = chunk.split()
    if len(words) > 6:
        return None
    gender = None
    titled = False
    m = _TITLE_RE.match(chunk)
    rest = chunk
    if m:
        titled = True
        for w in m.group(0).split():
            lw = w.lower()
            if lw in MALE_TITLES:
                gender = "m"
            elif lw in FEMALE_TITLES:
                gender = "f"
        rest = chunk[m.end() :]
    rest = re.sub(r"['\u2019]s$", "", rest).strip()
    if not rest or rest.split()[0].lower() in NOT_NAMES:
        return None
    parts = rest.split()
    # "Democratic presidential nominee" style prefixes end at a known first name.
    for i, p in enumerate(parts[:-1]):
        if p.lower() in MALE_NAMES or p.lower() in FEMALE_NAMES:
            if i:
                rest = " ".join(parts[i:])
                parts = parts[i:]
            break
    if any(p.lower().strip(".,") in ORG_WORDS for p in parts):
        return None
    g = first_name_gender(rest)
    if g is None and not titled:
        return None
    offset = chunk.find(rest)
    for mm in mentions:
        if mm.start <= s + offset and s + offset + len(rest) <= mm.end and mm.kind != "person":
            return None
    return rest, gender or g, offset


def find_attributions(doc: ArticleDoc) -> list[Attribution]:
    """Quote claims for every sentence with a reporting verb or "according to"."""
    ranges = doc.quote_ranges
    ctx = _Context(doc)
    out: list[Attribution] = []
    for sent in doc.sentences:
        att = _attribute(ctx, sent, ranges)
        while att is not None:
            out.append(att)
            if att.reporting_verb == "according to":
                break
            att = _attribute(ctx, sent, ranges, att.verb_span[1])
    return out


def _attribute(
    ctx: _Context, sent: Sentence, ranges: list[tuple[int, int]], from_pos: int | None = None
) -> Attribution | None:
    """The first attribution in ``sent`` whose verb starts at or after ``from_pos``."""
    text, norm = ctx.text, ctx.norm
    s_start, s_end = sent.start, sent.end
    later = from_pos is not None
    for vm in _VERB_RE.finditer(norm, from_pos if later else s_start, s_end):
        v_start, v_end = vm.start(), vm.end()
        if _inside(ranges, v_start):
            continue
        form = vm.group(1)
        lemma = ALL_VERBS[form]
        if form == "saying":
            continue
        ctx.learn_names_until(v_start)
        # Post-quote: '"...," X said' (the closing quote is the last one before the verb).
        close = max((e for s, e in ranges if s_start <= e < v_start), default=None)
        if close is None:
            close = max((e for s, e in ranges if s < s_start <= e < v_start), default=None)
        if later and close is not None and close < from_pos:  # type: ignore[operator]
            close = None  # that quotation belongs to the earlier verb
        after_close = close + (2 if norm.startswith("''", close) else 1) if close else 0
        between = norm[after_close:v_start] if close is not None else ""
        if close is not None and '"' not in between and len(between.split()) <= 9:
            q_open = next(s for s, e in ranges if e == close)
            quote = text[q_open + 1 : close].strip().rstrip(",").strip()
            if between.strip(" ,"):
                who = _resolve_subject(ctx, after_close, v_start)
            else:  # '"...," said X'
                who = _resolve_after(ctx, v_end, s_end)
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
        if lemma in QUOTE_ONLY or form in QUOTE_ONLY_FORMS:
            continue
        # Pre-verb: 'X said (that) ...'; X runs from the clause start to the verb.
        clause_start = s_start
        for m in re.finditer(r"[;:]\s|\bbut\s|\band\s(?=[A-Z])|[\"]\s", norm[s_start:v_start]):
            clause_start = s_start + m.end()
        if later and clause_start < from_pos:  # type: ignore[operator]
            continue  # 'X said Y told him ...': the content of the first one
        before = norm[clause_start:v_start].rstrip()
        who = _resolve_subject(ctx, clause_start, v_start) if before else None
        inverted = False
        if who is None and before.endswith(",") and lemma != "tell":
            # '..., said Marcia Smith, senior vice president, ...'
            who = _resolve_after(ctx, v_end, s_end)
            inverted = who is not None
        if not who:
            continue
        if inverted or norm[v_end : v_end + 1] == ",":
            # parenthetical: the reported content is the rest of the sentence
            q_span = (s_start, s_end)
            quote = text[s_start:s_end].strip()
        else:
            rep = _reported_clause(text, norm, v_end, s_end, lemma)
            w_span = who[2]
            if rep is None and w_span and norm[s_start : w_span[0]].rstrip()[-1:] == ",":
                # 'Trump is on solid ground, Carly Fiorina said Monday.'
                head = text[s_start : w_span[0]].rstrip(" ,")
                rep = head, (s_start, s_start + len(head))
            if rep is None:
                continue
            quote, q_span = rep
        inner = [r for r in ranges if q_span[0] <= r[0] <= q_span[0] + 1]
        if inner:
            q_span = (inner[0][0] + 1, inner[0][1])
            quote = text[q_span[0] : q_span[1]].strip()
        return Attribution(
            sent.index, who[0], who[1], who[2], lemma, (v_start, v_end), quote, q_span
        )
    am = None if later else _ACCORDING_RE.search(norm, s_start, s_end)
    if am and not _inside(ranges, am.start()):
        ctx.learn_names_until(am.start())
        who = _resolve_chunk(ctx, am.start("who"), am.end("who"))
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


_Resolved = tuple[str, str, tuple[int, int] | None]


def _resolve_after(ctx: _Context, v_end: int, s_end: int) -> _Resolved | None:
    """The speaker of an inverted '"...," said X' / '..., said X, ...': the phrase after the
    verb, or a name in the apposition after it ("said a longtime adviser, John Smith")."""
    first: _Resolved | None = None
    pos = v_end
    for i in range(2):
        m = re.match(r"\s*([^,;:\"()]+)", ctx.norm[pos:s_end])
        if not m:
            break
        s = pos + m.start(1)
        e = s + len(m.group(1).rstrip(" .!?"))
        if len(ctx.norm[s:e].split()) > 8:
            break
        got = _resolve_chunk(ctx, s, e, strict=i > 0)
        if got is not None and (got[1] != "other" or i > 0):
            return got
        first = first or got
        if ctx.norm[pos + m.end(1) : pos + m.end(1) + 1] != ",":
            break
        pos = pos + m.end(1) + 1
    return first


def _resolve_subject(ctx: _Context, start: int, end: int) -> _Resolved | None:
    """The speaker before a verb: the comma chunk next to the verb; when the phrase ends in a
    comma ("X, a spokesman for Y, said", "X, who ..., said"), appositions and relative
    clauses are skipped right to left first."""
    seg = ctx.norm[start:end]
    bounds: list[tuple[int, int]] = []  # comma chunks outside parentheses
    depth = 0
    c0 = 0
    for i, ch in enumerate(seg):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            bounds.append((c0, i))
            c0 = i + 1
    bounds.append((c0, len(seg)))
    chunks = [(cs, ce) for cs, ce in bounds if seg[cs:ce].strip()]
    if not chunks:
        return None
    if seg.rstrip().endswith(","):
        who = next(
            (i for i, (cs, ce) in enumerate(chunks) if i and _RELATIVE.match(seg[cs:ce])), None
        )
        if who is not None:  # 'X, who lost her daughter in Aurora, Colorado, in 2012, said'
            cs, ce = chunks[who - 1]
            return _resolve_chunk(ctx, start + cs, start + ce)
        skipped = 0
        while len(chunks) > 1 and skipped < 3:
            cs, ce = chunks[-1]
            chunk = seg[cs:ce]
            if (
                _APPOSITION_START.match(chunk)
                or re.fullmatch(r"\s*(?:[A-Z]\.?){1,2}-[A-Z][\w.]*\s*", chunk)
                or re.fullmatch(r"\s*(?:Republican|Democrat|Independent) of [A-Z][\w .]*", chunk)
            ):
                chunks.pop()
                skipped += 1
                continue
            break
    cs, ce = chunks[-1]
    return _resolve_chunk(ctx, start + cs, start + ce)


def _resolve_chunk(ctx: _Context, start: int, end: int, strict: bool = False) -> _Resolved | None:
    """Resolve one noun phrase ``text[start:end]`` to ``(name, kind, span)``."""
    text, norm = ctx.text, ctx.norm
    phrase = norm[start:end]
    m = _TRAILING_AUX.search(phrase)
    if m and m.start() > 0:
        phrase = phrase[: m.start()]
    phrase = re.sub(r"\s*\([^()]*\)\s*$", "", phrase)  # "Sen. Ted Cruz (R-Texas)"
    lead = len(phrase) - len(phrase.lstrip(" ,\t\n\"'-"))
    phrase = phrase.strip(" ,\t\n\"'-")
    start += lead
    if not phrase:
        return None
    end = start + len(phrase)
    phrase = _LEADING_CONJ.sub("", phrase)
    start = end - len(phrase)
    low = phrase.lower()
    tracker = ctx.tracker
    if low in PRONOUNS:
        kind = PRONOUNS[low]
        if kind == "org":
            return (tracker.last_org[0], tracker.last_org[1], None) if tracker.last_org else None
        name = tracker.pronoun(kind, start)
        if name:
            return name, "person", None
        return None
    if len(phrase.split()) > 14:
        return None
    # A gazetteer mention that is the whole phrase (or all but "the").
    for mm in ctx.mentions:
        if mm.start >= start and mm.end <= end:
            rest = (norm[start : mm.start] + norm[mm.end : end]).strip()
            if not rest or rest.lower() == "the":
                if mm.kind == "person":
                    tracker.register(mm.entity, at=mm.start)
                    return mm.entity, "person", (mm.start, mm.end)
                tracker.last_org = (mm.entity, mm.kind)
                return mm.entity, mm.kind, (mm.start, mm.end)
        if mm.start > end:
            break
    caps = capitalised_chunks(text[start:end])
    if caps and _QUANTIFIED.search(phrase, 0, caps[-1][0]):
        return None  # "79 percent of Democrats said": a poll result, not a speaker
    if caps and caps[-1][1] == len(phrase) and not re.search(r"['\u2019]s$", caps[-1][2]):
        got = _named(ctx, start, caps[-1], phrase)
        if got is not None:
            return got
    if strict:
        return None
    # An unnamed speaker: a short noun phrase whose head is a speaker noun.
    words = phrase.split()
    np_start = 0
    for i, w in enumerate(words):
        if w.lower() in ("that", "which", "who", "when", "if", "because", "than", "after"):
            np_start = i + 1
    words = words[np_start:]
    if not words or len(words) > 9 or words[0].lower() in NOT_NAMES - DETERMINERS:
        return None
    head = words[-1].strip(".,")
    if not _SPEAKER_NOUNS.fullmatch(head) and not (
        len(words) == 1 and head.lower() in PLURAL_GROUPS
    ):
        # "a spokesman for the campaign", "sources familiar with the talks"
        post = next((i for i, w in enumerate(words) if w.lower() in POSTMODIFIER), None)
        if post is None or post == 0 or not _SPEAKER_NOUNS.fullmatch(words[post - 1]):
            return None
    elif len(words) > 7:
        return None
    np = " ".join(words)
    s0 = end - len(np) if norm[start:end].endswith(np) else start
    return _strip_article(text[s0:end]), "other", (s0, end)


def _named(ctx: _Context, start: int, cap: tuple[int, int, str], phrase: str) -> _Resolved | None:
    """A phrase ending in a capitalised chunk: a person, an organisation or nothing."""
    tracker = ctx.tracker
    s, _, chunk = cap
    abs_s = start + s
    before = phrase[:s].rstrip()
    title_m = _TITLE_RE.match(chunk)
    gender = None
    if title_m:
        for w in title_m.group(0).split():
            if w.lower() in MALE_TITLES:
                gender = "m"
            elif w.lower() in FEMALE_TITLES:
                gender = "f"
        name = chunk[title_m.end() :].strip()
        abs_s += title_m.end()
    else:
        name = chunk
    if not name:
        return None
    sp = _SPOKES_RE.search(before[-30:])
    if sp and gender is None:
        gender = "m" if sp.group(1).lower() == "man" else "f"
    parts = name.split()
    # "Democratic presidential nominee Hillary Clinton": start at a known first name.
    for i, p in enumerate(parts[:-1]):
        if i and (p.lower() in MALE_NAMES or p.lower() in FEMALE_NAMES):
            abs_s += len(" ".join(parts[:i])) + 1
            parts = parts[i:]
            name = " ".join(parts)
            break
    span = (abs_s, abs_s + len(name))
    mention = ctx.mention_covering(*span)
    if mention is not None:
        if mention.kind == "person":
            return tracker.register(mention.entity, gender, at=span[0]), "person", span
        if len(parts) == 1 or (mention.start, mention.end) == span:
            tracker.last_org = (mention.entity, mention.kind)
            return mention.entity, mention.kind, span
    low_parts = [p.lower().strip(".,") for p in parts]
    if parts[0].lower() in NOT_NAMES:
        return None
    if any(p in ORG_WORDS for p in low_parts) or (
        len(parts) == 1 and re.fullmatch(r"[A-Z][A-Z&.]{1,7}|[A-Z]{2,}[a-z]*[A-Z]+\w*", name)
    ):
        org = _strip_article(text_of(ctx, span))
        tracker.last_org = (org, "organisation")
        return org, "organisation", span
    if len(parts) >= 2:
        if not all(p[:1].isupper() or "-" in p or p.lower() in PARTICLES for p in parts):
            return None
        if len(parts) > 4:
            return None
        return tracker.register(name, gender, at=span[0]), "person", span
    # One capitalised word: a known surname, a titled surname or a bare surname subject.
    word = parts[0]
    if word in tracker.people:
        full = tracker.people[word]
        if gender and tracker.gender.get(full) not in (None, gender):
            # "Mrs. Clinton" after "Bill Clinton": another person of that surname
            full = next(
                (n for n, g in tracker.gender.items() if g == gender and n.split()[-1] == word),
                word,
            )
            if full == word:
                tracker.gender[word] = gender
        return tracker.register(full, at=span[0]), "person", span
    if word.lower() in PLURAL_GROUPS:
        return word, "other", span
    if not re.fullmatch(r"[A-Z][a-z][\w'-]*|[A-Z]'[A-Z][\w-]*|Mc[A-Z]\w*", word):
        return None
    if title_m or (before and _SPEAKER_NOUNS.search(before.split()[-1])) or not before:
        return tracker.register(word, gender, at=span[0]), "person", span
    return None


def text_of(ctx: _Context, span: tuple[int, int]) -> str:
    return ctx.text[span[0] : span[1]]


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
