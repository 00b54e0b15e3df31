"""Sentence splitting and quoted passages with exact offsets, and length-preserving normalisation.

Every later stage reports character spans into the stored revision text, so nothing here may
shift offsets: sentences are slices of the original string and ``normalise_for_matching`` maps
characters one-for-one.
"""

from __future__ import annotations

import re

from factdb.extract.records import Sentence
from factdb.extract.words import AP_STATE_ABBREVIATIONS, MONTH_ABBREVIATIONS

_MATCH_TABLE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\u00ad": "-",
    }
)
_MAPPED = re.compile("[" + "".join(chr(c) for c in _MATCH_TABLE) + "]")


def normalise_for_matching(text: str) -> str:
    """Map smart quotes, NBSPs and hyphen variants to ASCII, one char for one char.

    Matching code runs on this string and reports offsets that index the original text.
    """
    # str.translate looks every character up in a dict; most text has nothing or little to
    # map, so these C-speed checks and a substitution of just the mapped characters win.
    if text.isascii() or _MAPPED.search(text) is None:
        return text
    return _MAPPED.sub(_map_char, text)


def _map_char(m: re.Match[str]) -> str:
    return _MATCH_TABLE[ord(m.group())]  # type: ignore[return-value]


# Abbreviations after which a full stop never ends a sentence (titles, "Gen.", initials).
_NEVER_FINAL = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "maj",
    "brig",
    "adm",
    "gov",
    "sen",
    "rep",
    "prof",
    "rev",
    "hon",
    "pres",
    "mt",
    "ft",
    "st",
    "no",
    "vs",
    "cmdr",
    "cpl",
    "pvt",
    "supt",
    "insp",
    "e.g",
    "i.e",
    "approx",
    "est",
    "fig",
    "nos",
    "messrs",
    "mme",
}
# Abbreviations that may end a sentence: split only when a typical sentence opener follows.
_MAYBE_FINAL = {
    *MONTH_ABBREVIATIONS,
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "jr",
    "sr",
    "bros",
    "a.m",
    "p.m",
    "am",
    "pm",
}
_OPENERS = {
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "but",
    "and",
    "in",
    "on",
    "at",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "its",
    "their",
    "our",
    "some",
    "many",
    "after",
    "before",
    "while",
    "when",
    "if",
    "as",
    "officials",
    "meanwhile",
    "however",
    "according",
    "last",
    "since",
    "for",
    "no",
    "one",
    "two",
    "us",
    "u.s.",
}

_BOILERPLATE = re.compile(
    r"""^\s*(?:
        (?:reporting|writing|editing|additional\ reporting)\ by\b.*
      | (?:our\ standards|all\ rights\ reserved|copyright|\(c\)|©).*
      | (?:advertisement|share\ this\ article|read\ more|sign\ up|subscribe|click\ here
         |follow\ us|related\ (?:articles|coverage|stories)|related:|more:|see\ also
         |image\ copyright|image\ caption|photo:|getty\ images|file\ photo).*
      | share|tweet|email|print|comments?
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

_TERMINAL = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


# Page furniture anywhere in a line: navigation, widgets, cookie notices, photo galleries.
_FURNITURE = re.compile(
    r"""all\ rights\ reserved|copyright\ (?:\d{4}|©|\(c\))|©\ ?\d{4}|click\ here
      |\bcookies?\b.{0,60}\b(?:policy|consent|accept|browser|settings)\b|privacy\ policy
      |terms\ of\ (?:use|service)|get\ the\ latest\ from|sign\ up\ for|subscribe\ (?:to|now)
      |share\ this\ (?:story|article)|watch\ mobile\ video
      |like\ this:|loading\.\.\.|you\ must\ enter\ the\ characters|javascript
      |^\s*related\b
      |^\s*(?:previous|next)\ (?:story|article)\b|^\s*(?:more\ )?(?:top|latest|trending
      |popular)\ (?:stories|news|videos|headlines)\b|^\s*advertisement|^\s*(?:comments?
      |reply|report\ abuse|log\ ?in|sign\ in)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Literal parts of every _FURNITURE alternative that is not anchored at "^".
_FURNITURE_STEMS = (
    "rights reserved",
    "copyright ",
    "©",
    "click here",
    "cookie",
    "privacy policy",
    "terms of ",
    "get the latest from",
    "sign up for",
    "subscribe ",
    "share this ",
    "watch mobile video",
    "like this:",
    "loading...",
    "you must enter the characters",
    "javascript",
)
_SEPARATORS = re.compile(r"[|»•·]")


def is_boilerplate(line: str) -> bool:
    """True for page furniture lines (bylines, share buttons, copyright, menus of ``|`` or
    ``»`` links, cookie notices, "Click here", "Related:", one- or two-word menu items) that
    carry no claims about the story."""
    if _BOILERPLATE.match(line):
        return True
    stripped = line.strip()
    if len(_SEPARATORS.findall(stripped)) >= 2:
        return True
    if len(stripped) < 25 and len(stripped.split()) <= 2 and not re.search(r"[.!?\d]", stripped):
        return True  # "Print", "More", "Pinterest", "Weather"
    # furniture must lead the line, or the line be short: a run-on page ("...dead.Copyright
    # 2015 WXYZ") keeps its story. A match that leads ends within 100 characters, so a long
    # line is searched only that far (the leftmost match is the same).
    target = stripped if len(stripped) <= 80 else stripped[:120]
    low = target.lower()
    # without one of the unanchored phrases only the "^" alternatives can match (at 0)
    if any(stem in low for stem in _FURNITURE_STEMS):
        m = _FURNITURE.search(target)
    else:
        m = _FURNITURE.match(target)
    return m is not None and (m.start() <= 10 or len(stripped) <= 80)


_NEXT_CHAR = re.compile(r"[ \t\r\n]*([^ \t\r\n])")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Split on newlines, except a newline followed by a lowercase letter (a hard wrap)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\n", text):
        nxt = _NEXT_CHAR.match(text, m.end())  # not a slice of the rest: linear, not quadratic
        if nxt is not None and nxt.group(1).islower():
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _is_boundary(text: str, punct_start: int, punct_end: int, limit: int) -> bool:
    """Decide whether the punctuation at ``punct_start`` ends a sentence."""
    rest = text[punct_end:limit]
    stripped = rest.lstrip()
    if not stripped:
        return True
    if len(stripped) == len(rest):  # no whitespace after: "U.S.-led", "3.5", "a.m.,"
        return False
    first = stripped[0]
    if first.islower() or first in ",;:)":
        return False
    if text[punct_start] != ".":
        return True
    m = _WORD_BEFORE.search(text[max(0, punct_start - 20) : punct_start])
    if not m:
        return True
    word = m.group(1)
    low = word.lower()
    next_word = re.match(r"[\"'\u201c\u2018]?([A-Za-z.]+)", stripped)
    nxt = next_word.group(1).lower() if next_word else ""
    if low in _NEVER_FINAL:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "George W. Bush"
        return False
    if word[0].isupper() and low in AP_STATE_ABBREVIATIONS and first in "(-\u2013\u2014":
        return False  # a dateline: "FOREST, Miss. (AP) —", "MANASSAS, Va. —"
    if "." in word or low in _MAYBE_FINAL or (word[0].isupper() and low in AP_STATE_ABBREVIATIONS):
        if first.isdigit():
            return False
        return nxt in _OPENERS or first in "\"'\u201c\u2018"
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences whose ``start``/``end`` index ``text`` exactly.

    Newlines are paragraph breaks; boilerplate lines are dropped; surrounding whitespace is
    excluded from each sentence.
    """
    sentences: list[Sentence] = []
    for p_start, p_end in _paragraphs(text):
        if not text[p_start:p_end].strip():
            continue
        if p_end - p_start < 400 and is_boilerplate(text[p_start:p_end].replace("\n", " ")):
            continue
        cut = p_start
        for m in _TERMINAL.finditer(text, p_start, p_end):
            if _is_boundary(text, m.start(), m.end(), p_end):
                _append(sentences, text, cut, m.end())
                cut = m.end()
        _append(sentences, text, cut, p_end)
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped or not any(c.isalnum() for c in stripped):
        return
    if len(stripped) < 400 and is_boilerplate(stripped):
        return  # furniture glued into a longer paragraph: "Copyright 2014 WMC. All rights..."
    s = start + (len(chunk) - len(chunk.lstrip()))
    e = s + len(stripped)
    out.append(Sentence(index=len(out), start=s, end=e, text=text[s:e]))


def quote_ranges(text: str) -> list[tuple[int, int]]:
    """(open, close) index pairs of quoted passages (“...”, "..." and the ''...'' of some
    wires); ``text[open + 1 : close]`` is the quotation. A passage never spans paragraphs
    unless the quote is left open (then it runs to the paragraph end)."""
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    double_apos = False
    for m in _QUOTE_CHARS.finditer(text):
        ch, i = m.group(0), m.start()
        if ch == "\n":
            if open_at is not None:
                out.append((open_at, i))
            open_at, double_apos = None, False
        elif ch == "''":
            if open_at is None:
                open_at, double_apos = i + 1, True
            elif double_apos:
                out.append((open_at, i))
                open_at, double_apos = None, False
        elif ch == "\u201c" or (ch == '"' and open_at is None):
            if open_at is None:
                open_at = i
        elif open_at is not None and not double_apos:
            out.append((open_at, i))
            open_at = None
    if open_at is not None:
        out.append((open_at, len(text)))
    return out


_QUOTE_CHARS = re.compile("''|[\u201c\u201d\"\n]")


def text_windows(norm: str, spans: list[tuple[int, int]], margin: int) -> list[tuple[int, int]]:
    """Windows of ``norm`` around ``spans`` (in text order): each span widened by ``margin``
    characters and then to whitespace on both sides, overlapping or touching windows merged.
    Patterns that are slow to try at every position run only inside these."""
    out: list[tuple[int, int]] = []
    n = len(norm)
    for s, e in spans:
        a, b = max(0, s - margin), min(n, e + margin)
        while a > 0 and not norm[a - 1].isspace():
            a -= 1
        while b < n and not norm[b].isspace():
            b += 1
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out
