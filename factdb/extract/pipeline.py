"""The extraction pipeline: ``extract(text, published)`` -> ``Extraction``.

The article becomes one ``ArticleDoc`` (normalised text, sentences, quoted passages,
mentions and declared aliases, time expressions, each computed once); quote attributions are
read from it, then per sentence the quantity, event and quote claims. Offsets never shift.
Pure: no database, no I/O beyond loading the shipped gazetteer once.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from factdb.extract.credits import inside
from factdb.extract.document import ArticleDoc
from factdb.extract.events import attach_events, find_events
from factdb.extract.figure_asof import date_earlier, own_time, said_time, scoping_times
from factdb.extract.figure_forms import read_figures
from factdb.extract.figure_place import deployed_where, force_owner, subject_as_place
from factdb.extract.figure_status import framed
from factdb.extract.portions import figure_portion
from factdb.extract.quantities import find_quantities, lemma
from factdb.extract.quantity_words import CUMULATIVE_MEASURES
from factdb.extract.records import ClaimRecord, Extraction, Mention, Place, PlaceMention, Sentence
from factdb.extract.speaker_words import REPORTING_VERBS
from factdb.extract.speakers import Attribution, find_attributions
from factdb.extract.sub_areas import mark_sub_areas
from factdb.extract.times import TimeExpression, group_interval, merge_coordinated
from factdb.places.resolve import article_place
from factdb.vocabulary import ClaimKind, Portion, VerbClass

EXTRACTOR_VERSION = "2"

_PREP_BEFORE = re.compile(
    r"\b(?:in|of|by|to|for|from|at|with|against|inside|across|into|on|over|than|between|"
    r"among|within|throughout|toward|towards|near|about|under|around|through)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_LOCATION_BEFORE = re.compile(
    r"\b(?:in|inside|across|within|throughout|into|at)\s+(?:the\s+)?$", re.IGNORECASE
)
_HEDGE = re.compile(
    r"\b(?:will|would|could|may|might|should|shall|can|won't|wouldn't|couldn't|"
    r"plans?\s+to|planned\s+to|planning\s+to|expected\s+to|expects?\s+to|intends?\s+to|"
    r"intended\s+to|aims?\s+to|wants?\s+to|hopes?\s+to|proposes?\s+to|set\s+to|likely\s+to|"
    r"going\s+to|scheduled\s+to|promised\s+to|pledged\s+to|vowed\s+to|threatened\s+to|"
    r"tr(?:y|ies|ied|ying)\s+to|attempt(?:s|ed|ing)?\s+to|"  # "accused of trying to kill 2"
    r"if|unless|not|never|no\s+longer|n't)\b|n't\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[;:]\s|,\s|\s(?:but|while|whereas|although)\s")
# figures that count an event: without a place in their sentence they take the article's
_EVENT_MEASURES = frozenset({"killed", "injured", "shot", "arrested", "missing", "displaced"})
_SUBJECT_KINDS = {"country", "organisation", "group", "person", "other", "place"}


def extract(
    text: str, published: date | None = None, *, title: str | None = None, url: str | None = None
) -> Extraction:
    """Extract sentences, mentions and claims from ``text``; never raises on a ``str``.

    ``published`` is the reference for relative dates ("on Monday") and the default as-of date.
    The page ``title`` and ``url``, when known, help place the article (its headline, the
    outlet's home state); the title also tells the article's main event.
    """
    if not isinstance(text, str):
        text = str(text)
    try:
        return _extract(text, published, title, url)
    except Exception as exc:  # a safety net: one odd article must not stop a batch
        return Extraction(
            sentences=[],
            mentions=[],
            claims=[],
            warnings=[f"extraction failed: {type(exc).__name__}: {exc}"],
        )


def _extract(
    text: str, published: date | None, title: str | None = None, url: str | None = None
) -> Extraction:
    doc = ArticleDoc(text, published, title=title, url=url)
    norm, sentences, mentions, times = doc.norm, doc.sentences, doc.claim_mentions, doc.times
    credit_spans = doc.credits.spans
    attributions = [  # an outlet credited ("according to WXYZ-TV") is no speaker
        a
        for a in find_attributions(doc)
        if a.speaker_span is None or not inside(credit_spans, *a.speaker_span)
    ]
    places = doc.places
    place = article_place(places, doc.place_result.dateline, doc.place_result.headline)
    claims: list[ClaimRecord] = []
    by_sentence: dict[int, list[Attribution]] = {}
    for a in attributions:  # several per sentence: "A said X, but B said Y"
        by_sentence.setdefault(a.sentence_index, []).append(a)
    for sent in sentences:
        s_times = [t for t in times if sent.start <= t.start and t.end <= sent.end]
        s_mentions = [m for m in mentions if sent.start <= m.start and m.end <= sent.end]
        quantities = _quantity_claims(text, norm, sent, s_times, s_mentions, published)
        used_verbs = {v for _, v in quantities if v is not None}
        facts = [q for q, _ in quantities]
        facts.extend(_event_claims(text, norm, sent, s_times, s_mentions, published, used_verbs))
        s_places = [p for p in places if sent.start <= p.start and p.end <= sent.end]
        facts = [force_owner(subject_as_place(c, norm, s_places), norm, s_places) for c in facts]
        facts = [_placed(c, norm, s_places, place) for c in facts]
        atts = by_sentence.get(sent.index, [])
        if atts:
            # a figure in an attributed sentence is that (first) speaker's claim
            facts = [_attributed(c, atts[0]) for c in facts]
        facts = [framed(c, norm) for c in facts]
        claims.extend(facts)
        for att in atts:
            claims.append(_quote_claim(sent, att, s_times, doc.quote_ranges, published))
    all_mentions = _with_people(doc.mentions, attributions, text)
    events, event_of = find_events(doc, title, places, place)
    claims = mark_sub_areas(attach_events(claims, events, event_of), events, norm, places)
    claims = deployed_where(claims, events)
    warnings: list[str] = []
    unresolved = sum(1 for t in times if t.relative and t.value is None)
    if published is None and unresolved:
        warnings.append(f"no publication date: {unresolved} relative date(s) left unresolved")
    return Extraction(
        sentences=sentences,
        mentions=all_mentions,
        claims=claims,
        declared_aliases=doc.declared_aliases,
        warnings=warnings,
        credits=doc.credits,
        places=places,
        place=place,
        events=events,
    )


def _placed(
    claim: ClaimRecord, norm: str, places: list[PlaceMention], article: Place | None
) -> ClaimRecord:
    """Give a figure its place: a place named in its sentence after "in"/"at" (after the
    figure first, then anywhere in the sentence), else, for an event count (killed,
    injured...), the article's place."""
    if claim.kind == ClaimKind.quote:
        return claim
    after = claim.value_span[1] if claim.value_span else claim.span[0]
    found = next(
        (
            p
            for lo in (after, claim.span[0])
            for p in places
            if p.start >= lo and _LOCATION_BEFORE.search(norm[max(0, p.start - 20) : p.start])
        ),
        None,
    )
    if found is not None and claim.location in (None, found.place.name, found.text):
        chosen: Place | None = found.place
    elif claim.location is None and claim.measure in _EVENT_MEASURES:
        chosen = article
    else:
        chosen = None
    if chosen is None:
        return claim
    return replace(
        claim,
        location=chosen.name,
        location_kind=chosen.kind,
        place=chosen,
        place_inherited=chosen is article and found is None,
    )


def _with_people(
    mentions: list[Mention], attributions: list[Attribution], text: str
) -> list[Mention]:
    """Add person mentions for named speakers (their span as written, e.g. "Braga")."""
    out = list(mentions)
    for a in attributions:
        if a.speaker_kind == "person" and a.speaker_span is not None:
            s, e = a.speaker_span
            if not any(m.start < e and s < m.end for m in out):
                out.append(Mention(s, e, text[s:e], a.speaker, "person"))
    out.sort(key=lambda m: (m.start, -m.end))
    return out


def _clause_start(norm: str, sent: Sentence, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last reporting verb (+ "that") or ";"."""
    start = sent.start
    segment = norm[sent.start : pos]
    for m in re.finditer(r"[;:]\s", segment):
        start = sent.start + m.end()
    for m in re.finditer(r"\b(" + "|".join(REPORTING_VERBS) + r")\b(?:\s+that\b)?", segment):
        start = max(start, sent.start + m.end())
    return start


def _local_clause_start(norm: str, sent: Sentence, pos: int) -> int:
    start = sent.start
    for m in _CLAUSE_BREAK.finditer(norm, sent.start, pos):
        start = m.end()
    return start


def _subject(norm: str, sent: Sentence, mentions: list[Mention], before: int) -> Mention | None:
    """The first mention in the clause before ``before`` that is not inside a prepositional
    phrase; else the sentence's first country/organisation/group mention."""
    start = _clause_start(norm, sent, before)
    for m in mentions:
        if (
            start <= m.start < before
            and m.kind in _SUBJECT_KINDS
            and not _PREP_BEFORE.search(norm[max(0, m.start - 30) : m.start])
        ):
            return m
    for m in mentions:
        if m.kind in ("country", "organisation", "group") and not _PREP_BEFORE.search(
            norm[max(0, m.start - 30) : m.start]
        ):
            return m
    return None


def _location(norm: str, mentions: list[Mention], after: int, limit: int) -> Mention | None:
    for m in mentions:
        if after <= m.start < limit and _LOCATION_BEFORE.search(
            norm[max(0, m.start - 20) : m.start]
        ):
            return m
    return None


def _as_of(t: TimeExpression | None, published: date | None) -> date | None:
    """The date a claim speaks for.

    Rule: an explicit time in the sentence wins over the publication date, and the claim is
    dated at the *end* of that period, but never after publication: "last September" in a
    paper of 2018-02-06 -> 2017-09-30; "in July 2017" -> 2017-07-31; "as of late September"
    -> 2017-09-30; "this year" -> the publication date itself (the year is not over); a
    period wholly after publication ("next month", a forecast, hedged anyway) -> the
    publication date too. Without a governing time, the publication date. A relative time
    that could not be resolved (no publication date) gives ``None``, not a guess.
    """
    if t is None:
        return published
    if t.interval is None:
        return None
    end = t.interval[1]
    if published is not None and end > published:
        return published
    return end


def _pick_time(
    norm: str, sent: Sentence, times: list[TimeExpression], pos: int
) -> TimeExpression | None:
    """The time expression that governs ``pos``: one in the same comma clause, else one
    opening the sentence ("In July 2017, ..."), else none. Only times that name a point or
    period can scope a fact: durations ("for three months"), sets ("each year") and vague
    references ("recently", "the future") cannot, and neither can the time of a statement
    ("said on Monday")."""
    if not times:
        return None
    lo = _local_clause_start(norm, sent, pos)
    hi_m = _CLAUSE_BREAK.search(norm, pos, sent.end)
    hi = hi_m.start() if hi_m else sent.end
    times = [
        t
        for t in times
        if t.kind not in _UNSCOPED_KINDS
        and not (t.value is not None and t.interval is None)
        and not _speech_time(norm, sent, t)
    ]
    same = [t for t in times if lo <= t.start < hi]
    if same:
        return min(same, key=lambda t: abs(t.start - pos))
    first = _CLAUSE_BREAK.search(norm, sent.start, sent.end)
    if first is not None and first.start() < pos:
        intro = norm[sent.start : first.start()]
        if not any(lemma(w) or w.lower() in REPORTING_VERBS for w in _WORD.findall(intro)):
            for t in times:
                if t.end <= first.start():
                    return t
    return None


_UNSCOPED_KINDS = frozenset({"duration", "set", "ref"})
_SPEECH_TIME = re.compile(
    r"\b(?:" + "|".join(REPORTING_VERBS) + r")\b(?:\s+[\w'-]+){0,4}?\s+(?:on\s+)?$"
)


def _speech_time(norm: str, sent: Sentence, t: TimeExpression) -> bool:
    """True for the time of a statement ("said on Monday"), not of the fact reported."""
    return bool(_SPEECH_TIME.search(norm[max(sent.start, t.start - 60) : t.start]))


# _local_clause_start already begins after these, so any in the window follow the figure
_HEDGE_STOP = re.compile(r";\s|\s(?:but|while|whereas|although)\s", re.IGNORECASE)
_AFTER_FIGURE_STOP = re.compile(
    r",\s+(?:though|although|but|while|including|officials?|police|according)\b|;\s",
    re.IGNORECASE,
)


def _hedged(norm: str, start: int, end: int) -> bool:
    """True when the clause is future, conditional, planned or negated ("will leave 4,000",
    "would", "plans to", "could", "did not kill 40", "is not 5,000"), so detection never
    compares it with facts. A zero count stated as fact ("no one was hurt", "nobody was
    killed", "none were hurt") is not negation and stays unhedged. The look stops at a
    contrasting clause ("no one was hurt, but police could not say why")."""
    stop = _HEDGE_STOP.search(norm, start, end)
    if stop is not None and stop.start() > start:
        end = stop.start()
    return bool(_HEDGE.search(norm, start, end))


def _attributed(claim: ClaimRecord, att: Attribution) -> ClaimRecord:
    return replace(
        claim,
        speaker=att.speaker,
        speaker_kind=att.speaker_kind,
        reporting_verb=att.reporting_verb,
    )


def _quantity_claims(
    text: str,
    norm: str,
    sent: Sentence,
    times: list[TimeExpression],
    mentions: list[Mention],
    published: date | None,
) -> list[tuple[ClaimRecord, int | None]]:
    exclude = [(t.start - sent.start, t.end - sent.start) for t in times]
    out: list[tuple[ClaimRecord, int | None]] = []

    found = find_quantities(sent.text, exclude, document=norm)
    for fig in read_figures(sent.text, exclude, found):
        q = fig.quantity
        num = q.number
        n_start, n_end = sent.start + num.start, sent.start + num.end
        verb_pos = sent.start + q.verb_start if q.verb_start is not None else n_start
        anchor = min(verb_pos, n_start)
        if q.verb_passive:
            anchor = n_start
        subj = _subject(norm, sent, mentions, anchor)
        if q.verb_passive and q.verb_start is not None:
            by = re.compile(r"\s+by\s+(?:the\s+)?$")
            agent = next(
                (
                    m
                    for m in mentions
                    if m.start > verb_pos
                    and by.search(norm[verb_pos : m.start])
                    and len(norm[verb_pos : m.start].split()) <= 4
                ),
                None,
            )
            subj = agent or subj
        loc = _location(norm, mentions, n_end, sent.end)
        t = (
            own_time(norm, n_end, times)
            or _pick_time(norm, sent, scoping_times(norm, sent, times, published), n_start)
            or said_time(norm, sent, times)
        )
        clause = _local_clause_start(norm, sent, anchor)
        # after the figure the look stops at its clause's end: "killed 1,655 people, though
        # officials could not reach ..." is a fact, its trailing clause the hedge of another
        after = _AFTER_FIGURE_STOP.search(norm, n_end, min(sent.end, n_end + 40))
        hedged = _hedged(norm, clause, after.start() if after else min(sent.end, n_end + 40))
        claim = ClaimRecord(
            kind=ClaimKind.quantity,
            sentence_index=sent.index,
            span=(sent.start, sent.end),
            text=sent.text,
            subject=subj.entity if subj else None,
            subject_kind=subj.kind if subj else None,
            measure=q.measure,
            verb=q.verb,
            verb_class=q.verb_class,
            location=loc.entity if loc else None,
            location_kind=loc.kind if loc else None,
            value_low=num.low,
            value_high=num.high,
            low_open=num.low_open,
            high_open=num.high_open,
            likely_low=num.likely_low,
            likely_high=num.likely_high,
            qualifier=num.qualifier,
            unit=q.unit,
            value_span=(n_start, n_end),
            date_text=t.text if t else None,
            date_span=(t.start, t.end) if t else None,
            as_of=_as_of(t, published),
            hedged=hedged,
            cumulative=q.measure in CUMULATIVE_MEASURES,
            portion=(
                fig.portion
                if fig.portion == Portion.part
                else q.portion
                or figure_portion(
                    norm,
                    n_start,
                    n_end,
                    (sent.start, sent.end),
                    q.measure,
                    sent.start + q.verb_start if q.verb_start is not None else None,
                )
            ),
            previous_span=(
                (sent.start + fig.previous[0], sent.start + fig.previous[1])
                if fig.previous
                else None
            ),
            revision_kind=fig.revision_kind,
        )
        out.append((claim, sent.start + q.verb_start if q.verb_start is not None else None))
    dated = date_earlier([c for c, _ in out])
    return [(c, v) for c, (_, v) in zip(dated, out, strict=True)]


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_PARTICIPLE_BY = re.compile(r"\s+by\s+(?:the\s+)?$")


def _event_claims(
    text: str,
    norm: str,
    sent: Sentence,
    times: list[TimeExpression],
    mentions: list[Mention],
    published: date | None,
    used_verbs: set[int],
) -> list[ClaimRecord]:
    # a time with no interval cannot date an event ("recently", "the future"), except a
    # relative date left unresolved for lack of a publication date ("on Monday")
    dated = [
        t
        for t in times
        if t.kind != "duration"
        and (t.interval is not None or (t.value is None and published is None))
    ]
    if not dated:
        return []  # an event claim is a verb dated by a time: none here
    verbs: list[tuple[int, int, str]] = []
    for w in _WORD.finditer(norm, sent.start, sent.end):
        found = lemma(w.group(0))
        if (
            found is None
            and w.group(0).lower() == "fell"
            and re.match(r"\s+to\s+(?:the\s+)?[A-Z]", norm[w.end() : w.end() + 12])
        ):
            found = ("fall", VerbClass.event)  # "Mosul fell to Islamic State", not "prices fell"
        if found and found[1] == VerbClass.event and w.group(0).lower() not in REPORTING_VERBS:
            verbs.append((w.start(), w.end(), found[0]))
    out: list[ClaimRecord] = []
    for group in merge_coordinated(text, dated):
        g_start, g_end = group[0].start, group[-1].end
        before = [v for v in verbs if v[1] <= g_start and g_start - v[1] <= 80]
        after = [v for v in verbs if v[0] >= g_end and v[0] - g_end <= 60]
        verb = before[-1] if before else (after[0] if after else None)
        if verb is None or verb[0] in used_verbs:
            continue
        v_start, v_end, v_lemma = verb
        subj: Mention | None = None
        obj: Mention | None = None
        measure: str | None = None
        agent = next(
            (
                m
                for m in mentions
                if m.start >= v_end
                and _PARTICIPLE_BY.search(norm[v_end : m.start])
                and len(norm[v_end : m.start].split()) <= 3
            ),
            None,
        )
        if v_lemma == "fall":  # "Mosul fell to Islamic State" = Islamic State took Mosul
            to = re.compile(r"\s+to\s+(?:the\s+)?$")
            agent = next(
                (m for m in mentions if m.start >= v_end and to.match(norm, v_end, m.start)), None
            )
            obj = next((m for m in reversed(mentions) if sent.start <= m.start < v_start), None)
            subj, measure = agent, None
        elif agent is not None:  # passive: "territory taken by Islamic State"
            subj = agent
            prev = list(_WORD.finditer(norm, max(sent.start, v_start - 40), v_start))
            if prev:
                measure = prev[-1].group(0).lower()
                obj = next((m for m in mentions if m.start <= prev[-1].start() < m.end), None)
        else:
            subj = _subject(norm, sent, mentions, v_start)
            nxt = re.match(r"\s+(?:the\s+|a\s+|an\s+)?([A-Za-z][\w'-]*)", norm[v_end:g_start])
            if nxt:
                word_pos = v_end + nxt.start(1)
                obj = next((m for m in mentions if m.start <= word_pos < m.end), None)
                measure = None if obj else nxt.group(1).lower()
        interval = group_interval(group)
        date_text = text[g_start:g_end]
        out.append(
            ClaimRecord(
                kind=ClaimKind.event,
                sentence_index=sent.index,
                span=(sent.start, sent.end),
                text=sent.text,
                subject=subj.entity if subj else None,
                subject_kind=subj.kind if subj else None,
                measure=measure,
                verb=v_lemma,
                verb_class=VerbClass.event,
                location=obj.entity if obj else None,
                location_kind=obj.kind if obj else None,
                date_start=interval[0] if interval else None,
                date_end=interval[1] if interval else None,
                date_text=date_text,
                date_span=(g_start, g_end),
                as_of=published,
                hedged=_hedged(norm, _local_clause_start(norm, sent, v_start), g_end),
            )
        )
    return out


def _quote_claim(
    sent: Sentence,
    att: Attribution,
    times: list[TimeExpression],
    qranges: list[tuple[int, int]],
    published: date | None,
) -> ClaimRecord:
    outside = [
        t
        for t in times
        if t.kind in ("day", "week", "present")
        and not any(s < t.start < e for s, e in qranges)
        and (att.quote_span is None or not (att.quote_span[0] <= t.start < att.quote_span[1]))
    ]
    after = [t for t in outside if t.start >= att.verb_span[1]]
    t = after[0] if after else (outside[-1] if outside else None)
    return ClaimRecord(
        kind=ClaimKind.quote,
        sentence_index=sent.index,
        span=(sent.start, sent.end),
        text=sent.text,
        speaker=att.speaker,
        speaker_kind=att.speaker_kind,
        reporting_verb=att.reporting_verb,
        quote=att.quote,
        date_text=t.text if t else None,
        date_span=(t.start, t.end) if t else None,
        as_of=_as_of(t, published),
    )


__all__ = ["EXTRACTOR_VERSION", "extract"]
