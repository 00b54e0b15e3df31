"""Credits: datelines, wire and outlet credits, bylines, photo captions and page furniture.

News text carries its provenance inline: ``FOREST, Miss. (AP) —``, ``By JOHN SMITH,
Associated Press``, ``told CNN``, ``Copyright 2014 The Associated Press``, ``Image 9 of 11``.
None of it says anything about the events reported, so every such range is returned as a
credit span, and the stages that pick subjects, locations, speakers and declared aliases skip
mentions inside one (the wire credit was the subject of a quarter of the casualty counts that
had one, and "CHICAGO (AP)" taught that Chicago is an alias of the Associated Press).

``find_credits`` is pure and cheap: a handful of anchored regular expressions over the
normalised text, most of them gated on a literal substring.
"""

from __future__ import annotations

import re
from functools import lru_cache

import us
from wordfreq import zipf_frequency

from factdb.extract.records import Credits

# Canonical agency names, keyed by casefolded surface.
AGENCIES: dict[str, str] = {
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "the associated press": "Associated Press",
    "the associate press": "Associated Press",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "Agence France-Presse",
    "agence france-presse": "Agence France-Presse",
    "agence france presse": "Agence France-Presse",
    "upi": "United Press International",
    "united press international": "United Press International",
    "cnn": "CNN",
    "stmw": "Sun-Times Media Wire",
    "sun-times media wire": "Sun-Times Media Wire",
    "cns": "City News Service",
    "city news service": "City News Service",
    "bay city news": "Bay City News",
    "bay city news service": "Bay City News",
    "bloomberg": "Bloomberg",
    "tribune news service": "Tribune News Service",
}
_AGENCY_RE = re.compile(
    r"(?<![\w-])(?:(?:The\s+)?Associated?\s+Press|AP|Reuters|AFP|Agence\s+France[- ]Presse|"
    r"UPI|United\s+Press\s+International|CNN|STMW|Sun-Times\s+Media\s+Wire|"
    r"City\s+News\s+Service|Bay\s+City\s+News(?:\s+Service)?|Bloomberg|Tribune\s+News\s+Service)"
    r"(?![\w-])"
)

_DASH = r"[ \t]*(?:\u2014|\u2013|--|-)(?=[ \t]|$)"
_CAPS_PLACE = r"[A-Z][A-Z.'-]*(?:[ \t]+[A-Z][A-Z.'-]*){0,4}"
_TITLE_PLACE = r"[A-Z][a-z]+\.?(?:[ \t]+[A-Z][a-z]+\.?){0,3}"
_PAREN = r"[ \t]*\((?P<credit>[^()\n]{1,40})\)"


@lru_cache(maxsize=1)
def _state_alternation() -> str:
    """US states and territories as a dateline writes them: "Miss.", "MS", "Mississippi"."""
    forms: set[str] = set()
    for s in us.states.STATES_AND_TERRITORIES:
        forms.update(f for f in (s.name, s.name.upper(), s.abbr, s.ap_abbr) if f)
    forms.update({"D.C.", "DC", "Tennessee", "Calif", "Tenn", "Fla", "Ga", "Va", "Wash"})
    return "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))


@lru_cache(maxsize=1)
def _dateline_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    states = _state_alternation()
    state = rf"(?:,?[ \t]*(?:{states})(?![A-Za-z]))"
    caps = re.compile(
        rf"[ \t]*(?P<place>{_CAPS_PLACE}(?:,[ \t]*(?:{states})(?![A-Za-z]))?)"
        rf"(?:{_PAREN})?(?P<dash>{_DASH})"
    )
    title = re.compile(
        rf"[ \t]*(?P<place>{_TITLE_PLACE}(?P<state>{state})?)(?:{_PAREN})?(?P<dash>{_DASH})"
    )
    # mid-paragraph, after page boilerplate on the same line: needs a parenthesised credit
    inline = re.compile(
        rf"(?<![\w,])(?P<place>[A-Z][A-Z'-]+\.?(?:[ \t]+[A-Z][A-Z.'-]*){{0,3}}"
        rf"(?:,[ \t]*(?:{_state_alternation()}))?)(?:{_PAREN})(?P<dash>{_DASH})"
    )
    return caps, title, inline


_NOT_DATELINE = {
    "update",
    "updated",
    "breaking",
    "breaking news",
    "watch",
    "video",
    "photos",
    "photo",
    "exclusive",
    "developing",
    "advertisement",
    "related",
    "correction",
    "editor's note",
    "investigation",
    "note",
    "police",
    "officials",
}
_WORD_RE = re.compile(r"[A-Za-z']+")


def _plausible_place(place: str, titled: bool) -> bool:
    low = place.lower().strip(" ,.")
    if not low or low in _NOT_DATELINE or sum(c.isalpha() for c in place) < 3:
        return False
    if titled:
        # "Detroit —" but not "Accident Report —", "Four people —", "Name —"
        return all(
            w.lower() not in _NOT_DATELINE and zipf_frequency(w.lower(), "en") < 5.0
            for w in _WORD_RE.findall(place)
        )
    return True


def _agency(surface: str) -> str | None:
    key = re.sub(r"\s+", " ", surface.strip()).casefold()
    return AGENCIES.get(key)


def _paren_wires(inner: str) -> list[str]:
    """Agencies in a parenthesised credit: "(CBSDFW.COM/AP)" -> ["Associated Press"]."""
    out = []
    for part in re.split(r"[/,&]| and ", inner):
        name = _agency(part)
        if name:
            out.append(name)
    return out


_CREDIT_PAREN = re.compile(r"^(?:[A-Z][\w.'-]*(?:[ /-][\w.'-]+){0,3}|[a-z]+\.com)$")
_DATE_PAREN = re.compile(r"\d")
_BYLINE = re.compile(
    r"(?m)^[ \t]*By[ \t]+(?P<names>(?:The[ \t]+)?[A-Z][\w'.-]*(?:(?:[ \t]+|,[ \t]*|[ \t]+and[ \t]+)"
    r"(?:[A-Z][\w'.-]*|de|van|von|la|del))*)"
)
_BYLINE_TAIL = re.compile(
    r"(?:,?[ \t]*(?:The[ \t]+)?Associated[ \t]+Press|,?[ \t]*AP|,?[ \t]*Reuters|"
    r"[ \t]+(?:Staff|Reporter|Writer|Staff[ \t]+Writer))$"
)
_NOT_NAME_START = re.compile(
    r"^(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|Jan|Feb|Aug|Sept?|Oct|"
    r"Nov|Dec|Early|Late|Then|That|This|Now|Last|Next|Noon|Midnight|Submitting|Clicking)\b"
)
_LEAD_AGENCY = re.compile(
    r"(?m)^[ \t]*(?P<agency>(?:The[ \t]+)?Associated[ \t]+Press|Reuters|AFP)(?=[ \t]+[A-Z]{2})"
)
_COPYRIGHT = re.compile(r"\(?(?:Copyright\b|\u00a9)[^\n]{0,300}")
_CONTRIBUTED = re.compile(
    r"(?:(?<=[.!?\n)\"])|^)[ \t]*\(?(?P<body>[^.!?\n]{0,200}?)\b(?:both[ \t]+)?contributed"
    r"(?:[ \t]+(?:to[ \t]+)?(?:this|the)[ \t]+(?:report|story)|[ \t]+reporting)?[.)]*",
    re.MULTILINE,
)
_CONTRIB_NAMES = re.compile(
    r"(?:writers?|reporters?|correspondents?)[ \t]+(?P<names>[A-Z][\w'.-]*(?:(?:[ \t]+|,[ \t]*|"
    r"[ \t]+and[ \t]+)[A-Z][\w'.-]*)*)"
)
_SIGNOFF = re.compile(
    r"(?m)(?:\u2014|--|\u2013)[ \t]*(?:The[ \t]+)?(?:Associated[ \t]+Press|Reuters|AFP|CNN)[ \t]*$"
)
_INLINE_WIRE = re.compile(
    r"\((?:[^()\n]{0,80}?(?:\bvia[ \t]+|/[ \t]?))?(?P<wire>AP|Reuters|AFP|CNN|UPI|STMW)"
    r"(?:[ \t]+Photo)?\)|\|[ \t]*(?P<piped>AP|Reuters|AFP)\b"
)
_PHOTO = re.compile(
    r"\((?:Photos?|Image|Video)(?:[ \t]+(?:Source|credit|courtesy))?(?::[^()\n]{0,100})?\)"
    r"|\b(?:Buy[ \t]+)?Photos?(?:[ \t]+(?:credit|courtesy|source))?:[ \t]*[^\n]{0,80}?"
    r"(?=[ \t]+Image[ \t]+\d|[ \t]*\n|$|(?<=\w)[.)])|Buy[ \t]+Photo\b",
    re.IGNORECASE | re.MULTILINE,
)
_FURNITURE = re.compile(
    r"\bImage[ \t]+\d+[ \t]+of[ \t]+(?:/[ \t]*)?\d+\b|\bCaption[ \t]+Close\b"
    r"|(?:\b\d+[ \t]*/[ \t]*\d+[ \t]+)?\bBack[ \t]+to[ \t]+Gallery\b"
)
# "1 of 12" opening a line or following a sentence, before a capital: a gallery counter
_N_OF_M = re.compile(r"(?<![\w,])\d{1,2}[ \t]+of[ \t]+\d{1,2}(?=[ \t]+[A-Z]|[ \t]*$)", re.MULTILINE)
_OUTLET_WORD = (
    r"(?:News|Times|Post|Tribune|Journal|Journal-Constitution|Herald|Gazette|Daily|Mail|"
    r"MailOnline|Online|Press|Chronicle|Register|Star|Sun|Observer|Inquirer|Courier|Dispatch|"
    r"Bee|Record|Republic|Enquirer|Constitution|Channel|NewsChannel|TV|Radio|Network)"
)
_OUTLET = (
    r"(?:(?:[Tt]he[ \t]+)?(?:[A-Z][\w.'&-]*[ \t]+){0,4}" + _OUTLET_WORD + r"(?:[ \t]+\d{1,2})?"
    r"|[KW][A-Z]{2,3}(?:-?(?:TV|FM|AM|DT))?(?:[ \t]?\d{1,2})?(?:[ \t]+" + _OUTLET_WORD + r")?"
    r"(?:[ \t]+\d{1,2})?"
    r"|(?:CNN|MSNBC|NBC|CBS|ABC|FOX|Fox|PBS|NPR|BBC|HLN|Reuters|AFP|Univision|Telemundo)"
    r"(?:[ \t]?\d{1,2})?(?:[ \t]+" + _OUTLET_WORD + r")?(?:[ \t]?\d{1,2})?"
    r"|(?:[Tt]he[ \t]+)?Associated[ \t]+Press|AP)"
)
_TOLD = re.compile(
    r"\b(?:told|according[ \t]+to|in[ \t]+an[ \t]+interview[ \t]+with|speaking[ \t]+to|"
    r"reports?|reported[ \t]+by|(?:said|confirmed)[ \t]+to)[ \t]+(?P<outlet>" + _OUTLET + r")"
    r"(?![\w-])"
)
_REPORTS = re.compile(r"[ \t](?:reports|reported|has[ \t]+learned)\b")
_OUTLET_BEFORE = re.compile(r"(?<![\w-])(?P<outlet>" + _OUTLET + r")$")


def find_credits(text: str, norm: str | None = None) -> Credits:
    """Every credit range in ``text``, the dateline, the wires credited and the bylines.

    ``norm`` is ``text`` normalised for matching (same offsets), if the caller has it.
    """
    if norm is None:
        from factdb.extract.text import normalise_for_matching

        norm = normalise_for_matching(text)
    spans: list[tuple[int, int]] = []
    wires: list[str] = []
    bylines: list[str] = []
    dateline: tuple[int, int] | None = None

    def wire(name: str | None) -> None:
        if name and name not in wires:
            wires.append(name)

    byline_ends: dict[int, int] = {}  # paragraph start -> end of a byline opening it
    if "By" in norm:
        for m in _BYLINE.finditer(norm):
            names = m.group("names")
            tail = re.search(r"(?:The[ \t]+)?Associated[ \t]*Press", names)
            if (
                tail is not None
            ):  # "By KEVIN McGILLAssociated Press", "By Tom Hays Associated Press"
                wire("Associated Press")
                names = names[: tail.start()]
            t = _BYLINE_TAIL.search(names)
            if t is not None:
                wire(_agency(re.sub(r"^,?\s*", "", t.group(0))))
                names = names[: t.start()]
            names = names.strip(" ,")
            end = m.start("names") + (tail.end() if tail else len(m.group("names")))
            rest = norm[end : end + 3]
            if rest[:1].isalpha() and rest[:1].islower() and tail is None:
                continue  # "By submitting your ...", "By the end of"
            if _NOT_NAME_START.match(names) or re.match(r"\d", names):
                continue
            staff = re.search(r"\b(?:Staff|Reporter|Writer|News)\b", names)
            if staff is not None:  # "By PoliceOne Staff", "By Breaking News Staff": no person
                names = ""
                end = m.start("names") + staff.end()
            if _agency(names):
                wire(_agency(names))
            elif names:
                for name in re.split(r",[ \t]*|[ \t]+and[ \t]+", names):
                    name = _titlecase_caps(name.strip())
                    if len(name.split()) >= 2 and name not in bylines:
                        bylines.append(name)
            spans.append((m.start("names") - 3, end))
            line_start = norm.rfind("\n", 0, m.start()) + 1
            byline_ends[line_start] = end

    for m in _LEAD_AGENCY.finditer(norm):  # "Associated Press WASHINGTON — ..."
        wire(_agency(m.group("agency")))
        spans.append(m.span("agency"))
        byline_ends.setdefault(m.start(), m.end())
    caps_re, title_re, inline_re = _dateline_res()
    for m in _dateline_candidates(norm, caps_re, title_re, byline_ends):
        inner = m.group("credit")
        if inner is not None:
            if not (_CREDIT_PAREN.match(inner) or _DATE_PAREN.search(inner)):
                continue
            if inner.lower() in ("photo", "video", "photos"):  # "CEID (Photo) -": a caption
                spans.append((m.start("place"), m.end("dash")))
                continue
            for w in _paren_wires(inner):
                wire(w)
        span = (m.start("place"), m.end("dash"))
        spans.append(span)
        if dateline is None:
            dateline = span
    if "(" in norm:
        for m in inline_re.finditer(norm):
            inner = m.group("credit")
            if _CREDIT_PAREN.match(inner) and not any(s <= m.start() < e for s, e in spans):
                for w in _paren_wires(inner):
                    wire(w)
                spans.append((m.start("place"), m.end("dash")))
    if "(" in norm or "|" in norm:  # "(AP)", "(Jane Doe/The Monitor via AP)", "| AP"
        for m in _INLINE_WIRE.finditer(norm):
            wire(_agency(m.group("wire") or m.group("piped")))
            spans.append(m.span())
    if "hoto" in norm or "HOTO" in norm:
        spans.extend(m.span() for m in _PHOTO.finditer(norm))
    for m in _COPYRIGHT.finditer(norm):
        end = m.end()
        line = norm[m.start() : end]
        # the last stop: "All rights reserved. This material may not be ... redistributed."
        stops = list(re.finditer(r"(?:reserved|redistributed)\.?\)?", line, re.I))
        stop = stops[-1] if stops else None
        if stop is not None:
            end = m.start() + stop.end()
        elif not re.match(r"\(?(?:Copyright|\u00a9\s*\d{4})", line):
            end = m.start() + len(line) - len(line.lstrip("(\u00a9 "))  # "© Marques McCassie, 24,"
        else:  # "Copyright 2016 KING", "© 2017 WWL-TV": to the sentence or line end
            end = m.start() + min(len(line), 80, (line.find(". ") + 1) or len(line))
        spans.append((m.start(), end))
        for a in _AGENCY_RE.finditer(norm, m.start(), end):
            wire(_agency(a.group(0)))
    if "contributed" in norm:
        for m in _CONTRIBUTED.finditer(norm):
            body = m.group("body")
            for a in _AGENCY_RE.finditer(body):
                wire(_agency(a.group(0)))
            n = _CONTRIB_NAMES.search(body)
            if n is not None:
                for name in re.split(r",[ \t]*|[ \t]+and[ \t]+", n.group("names")):
                    if len(name.split()) >= 2 and name not in bylines:
                        bylines.append(name)
            spans.append((m.start("body"), m.end()))
    for m in _SIGNOFF.finditer(norm):
        wire(_agency(re.sub(r"^[^A-Za-z]+", "", m.group(0)).strip()))
        spans.append(m.span())
    if "Image" in norm or "Caption" in norm or "Gallery" in norm:
        spans.extend(m.span() for m in _FURNITURE.finditer(norm))
    for m in _N_OF_M.finditer(norm):
        lead = norm[max(0, m.start() - 2) : m.start()].rstrip(" \t")
        if not lead or lead[-1] in ".!?\"')\n":
            spans.append(m.span())
    for m in _TOLD.finditer(norm):  # "told CNN", "according to WXYZ-TV"
        outlet = m.group("outlet")
        if outlet[:1].islower() and not outlet.lower().startswith("the "):
            continue
        spans.append(m.span("outlet"))
        if m.group(0).startswith(("according", "report")):
            wire(_agency(outlet))
    for m in _REPORTS.finditer(norm):  # "WXYZ-TV reports", "CBS News reported"
        o = _OUTLET_BEFORE.search(norm, max(0, m.start() - 60), m.start())
        if o is not None and o.group("outlet")[:1].isupper():
            spans.append(o.span("outlet"))
    spans = _merged(spans)
    return Credits(
        dateline=text[dateline[0] : dateline[1]].strip() if dateline else None,
        dateline_span=dateline,
        wires=tuple(wires),
        bylines=tuple(bylines),
        spans=tuple(spans),
    )


def _dateline_candidates(
    norm: str,
    caps_re: re.Pattern[str],
    title_re: re.Pattern[str],
    byline_ends: dict[int, int],
) -> list[re.Match[str]]:
    """Datelines opening a paragraph (or following the byline that opens it), in order."""
    out: list[re.Match[str]] = []
    starts = [0] + [m.end() for m in re.finditer(r"\n", norm)]
    for pos in starts:
        pos = byline_ends.get(pos, pos)
        while pos < len(norm) and norm[pos] in " \t":
            pos += 1
        first = norm[pos : pos + 1]
        if not first.isupper():
            continue
        m = caps_re.match(norm, pos)
        if m is not None and not _plausible_place(m.group("place"), titled=False):
            m = None
        if m is None:
            t = title_re.match(norm, pos)
            if t is not None and (
                t.group("state")
                or t.group("credit")
                or (
                    _plausible_place(t.group("place"), titled=True)
                    and t.group("dash").strip() in ("\u2014", "--")
                )
            ):
                m = t
        if m is not None:
            out.append(m)
    return out


def _titlecase_caps(name: str) -> str:
    """ "JOHN SMITH" -> "John Smith"; mixed case ("Kevin McGill") stays as written."""
    if name.isupper():
        return " ".join(w.capitalize() for w in name.split())
    return name


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def inside(
    spans: tuple[tuple[int, int], ...] | list[tuple[int, int]], start: int, end: int
) -> bool:
    """True when ``[start, end)`` overlaps a credit span."""
    return any(s < end and start < e for s, e in spans)


__all__ = ["AGENCIES", "find_credits", "inside"]
