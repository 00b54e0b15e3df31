"""schema.org ClaimReview JSON-LD for reviewed contradictions (what Fact Check Tools read).

Each reviewed contradiction yields one ClaimReview per claim: the claim reviewed is the
sentence, the item reviewed is the Claim with where it appeared (the article), who made it
(the speaker, else the outlet) and when. The rating states what the reviewer decided about
the pair, on a 1-5 scale:

- confirmed: the figures conflict -> 2, "Contradicted by another source"
- resolved: the conflict was explained (e.g. different dates or units) -> 3, "Conflict resolved"
- dismissed: not a real conflict -> 4, "Not contradicted"

The review's own date and note become datePublished and reviewBody.

Safe to embed: ``to_json_ld`` escapes ``<``, ``>``, ``&`` and the JavaScript line separators
as JSON ``\\u`` escapes (the same data to a JSON reader), so article text holding
``</script>`` cannot close the ``<script type="application/ld+json">`` element it is embedded
in; only ``http`` and ``https`` URLs are written (a ``javascript:`` or ``data:`` URL from front
matter is left out).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from factdb.db.models import Claim, Contradiction
from factdb.vocabulary import ContradictionStatus

RATINGS = {
    ContradictionStatus.confirmed: (2, "Contradicted by another source"),
    ContradictionStatus.resolved: (3, "Conflict resolved"),
    ContradictionStatus.dismissed: (4, "Not contradicted"),
}


_JSON_LD_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def to_json_ld(reviews: Sequence[dict[str, Any]]) -> str:
    """The reviews as JSON-LD text that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(list(reviews), indent=2, ensure_ascii=False)
    return "".join(_JSON_LD_ESCAPES.get(ch, ch) for ch in text) + "\n"


def web_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL, else None (no ``javascript:``, ``data:``, files)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _appearance(claim: Claim) -> dict[str, Any]:
    source = claim.source
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if web_url(source.url):
        work["url"] = web_url(source.url)
    if source.title:
        work["headline"] = source.title
    if source.published_at:
        work["datePublished"] = source.published_at.isoformat()
    if source.outlet:
        work["publisher"] = {"@type": "Organization", "name": source.outlet}
    return work


def _claim_author(claim: Claim) -> dict[str, Any] | None:
    if claim.speaker is not None:
        kind = "Person" if claim.speaker.kind == "person" else "Organization"
        return {"@type": kind, "name": claim.speaker.name}
    if claim.speaker_name:
        return {"@type": "Person", "name": claim.speaker_name}
    if claim.source.outlet:
        return {"@type": "Organization", "name": claim.source.outlet}
    return None


def claim_review(
    row: Contradiction, claim: Claim, other: Claim, organisation: str, base_url: str | None
) -> dict[str, Any]:
    last = row.reviews[-1]
    value, label = RATINGS[row.status]
    item: dict[str, Any] = {"@type": "Claim", "appearance": [_appearance(claim)]}
    author = _claim_author(claim)
    if author:
        item["author"] = author
    if claim.as_of:
        item["datePublished"] = claim.as_of.isoformat()
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": organisation},
        "datePublished": last.created_at.date().isoformat(),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": label,
        },
        "reviewBody": last.note
        or f"Compared with: {other.text} ({other.source.outlet or other.source.title or ''})",
    }
    if web_url(base_url):
        review["url"] = f"{base_url.rstrip('/')}/contradictions/{row.id}#claim-{claim.id}"
    return review


def claim_reviews(
    rows: Sequence[Contradiction], organisation: str, base_url: str | None = None
) -> list[dict[str, Any]]:
    """ClaimReview objects for every reviewed (confirmed, resolved, dismissed) contradiction."""
    out: list[dict[str, Any]] = []
    for row in rows:
        if row.status not in RATINGS or not row.reviews:
            continue
        out.append(claim_review(row, row.claim_a, row.claim_b, organisation, base_url))
        out.append(claim_review(row, row.claim_b, row.claim_a, organisation, base_url))
    return out
