"""The front door: ``FactDB(url)``, one object whose methods are what the CLI does.

sqlite-utils' ``Database`` idea: open a database once, then call methods on it. Every command
of the CLI opens a ``FactDB`` and calls one method, so anything the CLI can do is one call
from Python too, with the same rules (the database is created at the newest schema when new,
refused when behind; ``factdb.toml`` beside a SQLite file gives the detection settings).

One ``FactDB`` holds one session for its lifetime, so the rows it returns (claims,
contradictions, sources) can be read freely, relationships included, until ``close()``.
Methods that write commit before they return and roll back if they fail; methods that read
never commit. Use it as a context manager to close it::

    with FactDB("news.sqlite") as db:
        db.ingest(["seeds/"])
        for claim in db.claims(entity="Washington"):
            print(claim.text, claim.value_low, claim.as_of)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from factdb.config import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, detect_settings, resolve_url
from factdb.errors import FactdbError, UsageError
from factdb.vocabulary import ClaimKind, ClaimStatus, ContradictionStatus, Scope

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from factdb.config import DetectSettings
    from factdb.db.models import (
        Claim,
        Contradiction,
        Entity,
        EntityAlias,
        Review,
        Source,
        SourceRevision,
    )
    from factdb.diff import DiffLine
    from factdb.errors import ReadError
    from factdb.ingest import IngestReport
    from factdb.queries import Timeline
    from factdb.queries_incidents import IncidentView
    from factdb.readers import Document
    from factdb.reextract import ReextractReport
    from factdb.store import StoredRevision

DateLike = date | str | None


def _date(value: DateLike, what: str) -> date | None:
    """Filters take a ``date`` or an ISO string; a bad string is a user error naming it."""
    if value is None or isinstance(value, date):
        return value
    from factdb.dates import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise FactdbError(f"{what}: {exc}") from None


def _word(value: str | None, vocabulary: type[StrEnum], what: str) -> str | None:
    """A filter value from a closed vocabulary; an unknown one is a user error, not an empty
    result (as the CLI's choices make it)."""
    if value is None:
        return None
    try:
        return vocabulary(str(value)).value
    except ValueError:
        expected = ", ".join(vocabulary)
        raise FactdbError(f"{what} {str(value)!r}: expected one of {expected}") from None


@dataclass(frozen=True)
class Metadata:
    """Metadata for inputs that do not carry their own (the CLI's ``--title --url --outlet
    --published``); an input's own values always win. Given for a text already stored, they
    update its source (and a date re-dates its claims: ``factdb.store.source_metadata``)."""

    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: DateLike = None

    def apply(self, doc: Document) -> Document:
        """``doc`` with its missing fields taken from here."""
        return replace(
            doc,
            title=doc.title or self.title,
            url=doc.url or self.url,
            outlet=doc.outlet or self.outlet,
            published=doc.published or _date(self.published, "published"),
        )


def _one_article(found: Iterable[Document | ReadError], origin: str) -> list[Document | ReadError]:
    """What an input holds, read whole, when it is to take ``Metadata.url``: a url names one
    article, so an input of several (a feed, JSON lines, a directory) is refused before
    anything is stored, not given one url for all (each a revision of the last)."""
    items = list(found)
    if len(items) > 1:
        raise UsageError(f"--url applies to one article; {origin} holds {len(items)}")
    return items


@dataclass(frozen=True)
class Report:
    """A rendered report and how many contradictions it holds."""

    text: str
    contradictions: int


class FactDB:
    """One factdb database (a SQLite path or any SQLAlchemy URL; default as the CLI's).

    ``create=False`` refuses a SQLite file that does not exist, as the CLI's read commands
    do, instead of creating it.
    """

    def __init__(self, url: str | os.PathLike[str] | None = None, *, create: bool = True):
        from factdb.db import open_database

        self.url = resolve_url(os.fspath(url) if url is not None else None)
        self._factory: sessionmaker[Session] = open_database(self.url, create=create)
        self._session: Session | None = None

    # -- lifetime -------------------------------------------------------------------------

    @property
    def session(self) -> Session:
        """The session every method uses; opened on first use."""
        if self._session is None:
            self._session = self._factory()
        return self._session

    def close(self) -> None:
        """End the session and release the engine's connections."""
        if self._session is not None:
            self._session.close()
            self._session = None
        self._factory.kw["bind"].dispose()

    def __enter__(self) -> FactDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def settings(self, window: str | None = None) -> DetectSettings:
        """Detection settings: ``window`` (e.g. "30d"), else factdb.toml, else defaults."""
        return detect_settings(self.url, window)

    def _writing(self, work: Callable[[Session], Any]) -> Any:
        session = self.session
        try:
            result = work(session)
            session.commit()
        except BaseException:
            session.rollback()
            raise
        return result

    # -- writing ----------------------------------------------------------------------------

    def ingest(
        self,
        inputs: Iterable[str | os.PathLike[str] | Document],
        *,
        metadata: Metadata | None = None,
        window: str | None = None,
        workers: int = 1,
        batch_size: int = 64,
        max_bytes: int = DEFAULT_MAX_BYTES,
        timeout: float = DEFAULT_TIMEOUT,
        on_item: Callable[[str, StoredRevision | None, ReadError | None], None] | None = None,
        on_total: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Read, store and extract articles, and flag contradictions; errors are collected
        in the report (one bad article never stops the rest), never raised.

        ``inputs`` are paths, directories, URLs, ``"-"`` for stdin, or ``Document`` records.
        Each batch is committed as it is written. ``on_item`` hears of each article once its
        batch is committed; ``on_total``, when ``inputs`` is a collection, hears how many
        articles are expected whenever that changes (``factdb.progress``).
        """
        from factdb.ingest import ingest

        settings = self.settings(window)
        items = self._documents(inputs, metadata or Metadata(), max_bytes, timeout, on_total)
        return ingest(
            self.session, items, settings, on_item=on_item, workers=workers, batch_size=batch_size
        )

    def _documents(
        self,
        inputs: Iterable[str | os.PathLike[str] | Document],
        metadata: Metadata,
        max_bytes: int,
        timeout: float,
        on_total: Callable[[int], None] | None,
    ) -> Iterator[Document | ReadError]:
        from factdb.errors import ReadError
        from factdb.progress import counted
        from factdb.readers import Document, plan_inputs

        _date(metadata.published, "published")  # a bad date fails before anything is read

        def units(item: str | os.PathLike[str] | Document) -> list[Iterable[Document | ReadError]]:
            if isinstance(item, Document):
                return [[item]]
            path = os.fspath(item)
            planned = list(plan_inputs([path], max_bytes=max_bytes, timeout=timeout))
            if metadata.url is not None:  # one article: read it whole before anything else
                return [_one_article((doc for unit in planned for doc in unit), path)]
            return planned

        if on_total is not None and isinstance(inputs, Collection):
            found: Iterable[Document | ReadError] = counted(
                [unit for item in inputs for unit in units(item)], on_total
            )
        else:  # an iterator may be endless: read it as it comes
            found = (doc for item in inputs for unit in units(item) for doc in unit)
        for doc in found:
            yield doc if isinstance(doc, ReadError) else metadata.apply(doc)

    def detect(self, *, window: str | None = None, workers: int | None = None) -> list[int]:
        """Compare every current claim again; returns the ids of new contradictions
        (existing ones and their reviews are untouched)."""
        from factdb.db import lock_writers
        from factdb.detect import detect

        settings = self.settings(window)

        def run(session: Session) -> list[int]:
            lock_writers(session)  # a concurrent ingest would otherwise flag a pair twice
            return detect(session, None, settings, workers=workers)

        return self._writing(run)

    def reextract(self, source: int | None = None, *, window: str | None = None) -> ReextractReport:
        """Run the extractor again over stored texts (one source, or all); unchanged claims
        keep their ids and reviews."""
        from factdb.reextract import reextract

        settings = self.settings(window)
        return self._writing(lambda session: reextract(session, source, settings))

    def review(
        self,
        contradiction: int,
        status: str,
        *,
        note: str | None = None,
        reviewer: str | None = None,
    ) -> Review:
        """Record a decision (confirmed, dismissed, resolved, or open to reopen) in the
        contradiction's append-only log; the reviewer defaults to the OS user."""
        from factdb.store import review_contradiction

        return self._writing(
            lambda session: review_contradiction(
                session, contradiction, status=str(status), note=note, reviewer=reviewer
            )
        )

    def alias(self, alias: str, entity: str) -> EntityAlias:
        """Teach an alias of an entity (the entity is created when new)."""
        from factdb.store import user_alias

        return self._writing(lambda session: user_alias(session, alias, entity))

    def rebuild_incidents(self) -> int:
        """Re-cluster every event into incidents from scratch, obeying people's merges and
        splits; returns the number of incidents (their ids are new)."""
        from factdb.store import rebuild_incidents

        return self._writing(rebuild_incidents)

    def merge_incidents(
        self, a: int, b: int, *, reviewer: str | None = None, note: str | None = None
    ) -> int:
        """Incidents A and B are one: B's events join A now, and the sources stay together
        through rebuilds, ``reextract`` and re-ingest. Returns A."""
        from factdb.store import merge_incidents

        return self._writing(lambda session: merge_incidents(session, a, b, reviewer, note))

    def split_incident(
        self, incident: int, source: int, *, reviewer: str | None = None, note: str | None = None
    ) -> int:
        """Source S does not report this incident: it moves to an incident of its own now,
        and stays apart from the others through rebuilds. Returns the new incident's id."""
        from factdb.store import split_incident

        return self._writing(
            lambda session: split_incident(session, incident, source, reviewer, note)
        )

    # -- reading ----------------------------------------------------------------------------

    def incidents(
        self,
        *,
        entity: str | None = None,
        since: DateLike = None,
        until: DateLike = None,
        limit: int | None = None,
    ) -> list[IncidentView]:
        """Incidents, most recent first, with their sources and figures; ``entity`` keeps
        those placed in that place or within it."""
        from factdb.queries_incidents import list_incidents

        return list_incidents(
            self.session,
            entity=entity,
            since=_date(since, "since"),
            until=_date(until, "until"),
            limit=limit,
        )

    def incident(self, incident: int) -> IncidentView:
        """One incident: its sources, their main sentences, its figures."""
        from factdb.queries_incidents import get_incident

        return get_incident(self.session, incident)

    def places_within(self, entity: str) -> int:
        """How many stored places lie within a place (``claims(entity=...)`` includes the
        claims located in them)."""
        from factdb.queries import places_within

        return places_within(self.session, entity)

    def claims(
        self,
        *,
        entity: str | None = None,
        kind: str | None = None,
        source: int | None = None,
        measure: str | None = None,
        outlet: str | None = None,
        since: DateLike = None,
        until: DateLike = None,
        status: str = ClaimStatus.current,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Claim]:
        """Claims, filtered; ``entity`` matches subject, location or speaker through
        aliases."""
        from factdb.queries import list_claims

        return list_claims(
            self.session,
            entity=entity,
            kind=_word(kind, ClaimKind, "claim kind"),
            source_id=source,
            measure=measure,
            outlet=outlet,
            since=_date(since, "since"),
            until=_date(until, "until"),
            status=_word(status, ClaimStatus, "claim status"),
            limit=limit,
            offset=offset,
        )

    def contradictions(
        self,
        *,
        status: str | None = None,
        entity: str | None = None,
        measure: str | None = None,
        outlet: str | None = None,
        since: DateLike = None,
        until: DateLike = None,
        scope: str | None = None,
        limit: int | None = None,
    ) -> list[Contradiction]:
        """Flagged pairs, most severe first; filters apply to either side."""
        from factdb.queries import list_contradictions

        return list_contradictions(
            self.session,
            status=_word(status, ContradictionStatus, "contradiction status"),
            entity=entity,
            measure=measure,
            outlet=outlet,
            since=_date(since, "since"),
            until=_date(until, "until"),
            scope=_word(scope, Scope, "scope"),
            limit=limit,
        )

    def contradiction(self, contradiction: int) -> Contradiction:
        """One contradiction with both claims and its review log."""
        from factdb.queries import get_contradiction

        return get_contradiction(self.session, contradiction)

    def timeline(self, entity: str, measure: str, *, location: str | None = None) -> Timeline:
        """Every value of one figure by as-of date, with the pairs flagged among them."""
        from factdb.queries import timeline

        return timeline(self.session, entity=entity, measure=measure, location=location)

    def sources(self) -> list[tuple[Source, int, int]]:
        """Every source with its number of revisions and of current claims."""
        from factdb.queries import list_sources

        return list(list_sources(self.session))

    def source(self, source: int) -> Source:
        """One source with its revisions (its syndicated copies: ``copies``)."""
        from factdb.queries import get_source

        return get_source(self.session, source)

    def copies(self, source: int) -> list[Source]:
        """The syndicated copies of a source: its text under other urls, not stored again."""
        from factdb.queries import source_copies

        return list(source_copies(self.session, source))

    def entities(self) -> list[tuple[Entity, list[str], int]]:
        """Every entity with its aliases and number of claims."""
        from factdb.queries import list_entities

        return list(list_entities(self.session))

    def diff(
        self, source: int, *, old: int | None = None, new: int | None = None
    ) -> tuple[SourceRevision, SourceRevision, list[DiffLine]]:
        """The two revisions compared (default: the last two) and, claim by claim, what was
        added, removed, changed or kept."""
        from factdb.diff import diff_revisions

        return diff_revisions(self.session, source, old, new)

    def report(
        self,
        fmt: str = "markdown",
        *,
        entity: str | None = None,
        title: str = "Open contradictions",
    ) -> Report:
        """Every open contradiction as one Markdown, HTML or JSON document."""
        from factdb.report.documents import RENDERERS, report_context

        if fmt not in RENDERERS:
            raise FactdbError(f"report format {fmt!r}: expected one of {', '.join(RENDERERS)}")
        rows = self.contradictions(status=ContradictionStatus.open, entity=entity)
        return Report(RENDERERS[fmt](report_context(rows, title)), len(rows))

    def claim_reviews(
        self, *, organisation: str = "factdb", base_url: str | None = None
    ) -> list[dict[str, Any]]:
        """Reviewed contradictions as schema.org ClaimReview objects (JSON-LD)."""
        from factdb.report.claimreview import claim_reviews

        return claim_reviews(self.contradictions(), organisation, base_url)
