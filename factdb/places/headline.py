"""A page title read for places: the headline names the event's place, the rest the outlet.

"Shooting in Forest leaves 2 dead - WAFF" and "Two teens shot in Richmond - NBC12 - WWBT -
Richmond, VA News On Your Side": the first segment is the headline ("in Forest", "in
Richmond": where it happened); the segments after a separator are page furniture, whose
places ("Richmond, VA", "KCBD NewsChannel 11 Lubbock") are the outlet's home, a prior for the
state of the article's bare names (``factdb.places.outlet`` reads the same from the URL).
"""

from __future__ import annotations

import re

_SEPARATOR = re.compile(r"\s+(?:[-|\u2013\u2014:]{1,2})\s+")
_ASCII = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def split_title(title: str | None) -> tuple[str, str]:
    """(headline, outlet furniture) of a page title; furniture is "" when there is none."""
    if not title:
        return "", ""
    title = " ".join(title.translate(_ASCII).split())
    parts = _SEPARATOR.split(title, maxsplit=1)
    if len(parts) == 1:
        return title, ""
    return parts[0], parts[1].replace("-", " ")  # "WTVM.com-Columbus, GA News"
