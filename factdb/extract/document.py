"""One article as every extraction stage reads it: ``ArticleDoc``, computed once per article.

The stages (mentions, declared aliases, times, quote attributions, quantities and events) used
to derive the same things from the raw text each for itself: the whole text was normalised
six times and its quoted passages found twice. An ``ArticleDoc`` holds them, each computed on
first use and then shared, and the stages are functions of the doc (spaCy's shared ``Doc``).

Offsets everywhere index ``text``. ``norm`` is the same text with smart quotes, odd spaces
and hyphens mapped to ASCII one character for one (``normalise_for_matching``), so it needs
no offset map: an offset into ``norm`` is an offset into ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from factdb.extract.credits import find_credits, inside
from factdb.extract.entities import (
    Gazetteer,
    capitalised_chunks,
    find_declared_aliases,
    load_gazetteer,
    with_declared_mentions,
)
from factdb.extract.records import Credits, DeclaredAlias, Mention, PlaceMention, Sentence
from factdb.extract.text import normalise_for_matching, quote_ranges, split_sentences
from factdb.extract.times import TimeExpression, times_in
from factdb.places.resolve import PlaceResult, resolve_places


@dataclass
class ArticleDoc:
    """An article's text, its publication date (the reference for relative dates) and what
    the stages share about it. Not the ingest ``factdb.readers.Document`` (a file read)."""

    text: str
    published: date | None = None
    gazetteer: Gazetteer = field(default_factory=load_gazetteer)
    title: str | None = None  # the page title and URL: headline place, outlet's home state
    url: str | None = None

    @cached_property
    def norm(self) -> str:
        """``text`` normalised for matching, character for character."""
        return normalise_for_matching(self.text)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return split_sentences(self.text)

    @cached_property
    def quote_ranges(self) -> list[tuple[int, int]]:
        """(open, close) offsets of the quoted passages."""
        return quote_ranges(self.text)

    @cached_property
    def name_chunks(self) -> list[tuple[int, int, str]]:
        """Runs of capitalised words (``capitalised_chunks``), without connectors."""
        return capitalised_chunks(self.text, norm=self.norm)

    @cached_property
    def gazetteer_mentions(self) -> list[Mention]:
        """Mentions of the gazetteer's entities only."""
        return self.gazetteer.find_mentions(self.text, norm=self.norm)

    @cached_property
    def declared_aliases(self) -> list[DeclaredAlias]:
        """Aliases the text declares in parentheses ("Islamic State (IS)")."""
        return find_declared_aliases(
            self.text,
            self.gazetteer_mentions,
            self.gazetteer,
            norm=self.norm,
            exclude=self.credits.spans,
        )

    @cached_property
    def mentions(self) -> list[Mention]:
        """Gazetteer mentions plus mentions of the names the text declared, in text order."""
        shadowed = self.place_result.shadowed  # "Britain" in "New Britain", "Santiago" alone
        kept = [m for m in self.gazetteer_mentions if (m.start, m.end) not in shadowed]
        return with_declared_mentions(self.text, kept, self.declared_aliases, self.gazetteer)

    @cached_property
    def place_result(self) -> PlaceResult:
        """Places resolved in context (``factdb.places.resolve``), with the dateline's."""
        credits = getattr(self, "credits", None)  # the credits stage, when it has run
        return resolve_places(
            self.text,
            self.norm,
            chunks=self.name_chunks,
            countries=[m for m in self.gazetteer_mentions if m.kind == "country"],
            dateline_span=getattr(credits, "dateline_span", None),
            title=normalise_for_matching(self.title) if self.title else None,
            url=self.url,
        )

    @cached_property
    def credits(self) -> Credits:
        """Datelines, wire credits, bylines, captions and page furniture (provenance)."""
        return find_credits(self.text, self.norm)

    @cached_property
    def claim_mentions(self) -> list[Mention]:
        """The mentions that may be a claim's subject or location: none inside a credit
        ("CHICAGO (AP)", "told CNN") and no demonym. A demonym ("three Mexican nationals",
        "Somali males") names the nationality of the people counted, not the country that
        did or suffered something, so such a count has the subject the rest of its clause
        gives it, or none."""
        spans = self.credits.spans
        return [
            m
            for m in self.mentions
            if not inside(spans, m.start, m.end)
            and not (m.kind == "country" and self.gazetteer.is_demonym(m.text))
        ]

    @cached_property
    def places(self) -> list[PlaceMention]:
        """Place mentions (cities, counties, states, countries), in text order."""
        return self.place_result.mentions

    @cached_property
    def times(self) -> list[TimeExpression]:
        """Time expressions, resolved against ``published``."""
        return times_in(self.text, self.norm, self.published)
