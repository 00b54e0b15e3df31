"""Incidents of the real multi-outlet clusters: each folder is one story, so one incident.

Usage: python benchmarks/cluster_incidents.py CLUSTERS_DIR [--order file|published]
       [--show] [--together]

Each cluster folder (``../shared/bench/clusters/``, README there) is ingested through
``FactDB`` into a fresh SQLite database, as ``factdb ingest FOLDER/`` does it (the folder's
file order; ``--order published`` sorts by the date the file names end with), then
``incidents rebuild`` re-clusters it. Printed per cluster, on ingest and after the rebuild:
the incidents its articles fall in and the share of articles in the largest one (an
article's incident is its main event's; a syndicated copy takes its original's; an article
with no event is alone). ``--together`` also ingests every cluster into ONE database: each
incident must then hold articles of one cluster only (stories never merged). ``--show``
prints every article's main event (kind, place, dates, heaviest keywords) and its incident.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from factdb import FactDB
from factdb.db.models import Entity, Event, Source


def _files(folder: Path, order: str) -> list[Path]:
    files = sorted(folder.glob("*.md"))
    if order == "published":
        files.sort(key=lambda p: (p.stem[-10:], p.name))
    return files


def front_url(path: Path) -> str:
    """The ``url:`` of a file's front matter (sources are keyed by it, not the path)."""
    found = re.search(r"^url:\s*(\S+)", path.read_text(), re.MULTILINE)
    return found.group(1).strip("'\"") if found else str(path)


def article_incidents(db: FactDB, names: dict[str, str]) -> dict[int, tuple[str, int | None]]:
    """Per source id: (file name, the incident of its main event, else of its original's);
    ``names`` maps a front-matter url to its file name."""
    s = db.session
    sources = {r.id: r for r in s.execute(select(Source.id, Source.url, Source.copy_of_id))}
    main = dict(
        s.execute(select(Event.source_id, Event.incident_id).where(Event.main.is_(True))).all()
    )
    out: dict[int, tuple[str, int | None]] = {}
    for sid, row in sources.items():
        incident = main.get(sid)
        if incident is None and row.copy_of_id is not None:
            incident = main.get(row.copy_of_id)
        out[sid] = (names.get(row.url or "", str(sid)), incident)
    return out


def summary(incidents: list[int | None]) -> tuple[int, float]:
    """(incidents, share of articles in the largest); an article without one is alone."""
    labels = [inc if inc is not None else f"alone{i}" for i, inc in enumerate(incidents)]
    sizes = Counter(labels)
    return len(sizes), max(sizes.values()) / len(labels) if labels else 0.0


def show(db: FactDB, names: dict[str, str]) -> None:
    """Every article's main event and the incident it joined."""
    s = db.session
    rows = s.execute(
        select(Source.url, Event, Entity.name)
        .join(Source, Source.id == Event.source_id)
        .outerjoin(Entity, Entity.id == Event.place_id)
        .where(Event.main.is_(True))
        .order_by(Event.incident_id, Source.published_at)
    ).all()
    for url, ev, place in rows:
        words = sorted(ev.keywords.items(), key=lambda kv: -kv[1])[:6]
        print(
            f"    inc {ev.incident_id!s:>4} {names.get(url, url):36} {ev.kind:11} "
            f"{place or '-':18} {ev.date_start}..{ev.date_end}  " + " ".join(w for w, _ in words)
        )


def run_cluster(folder: Path, order: str, verbose: bool) -> None:
    names = {front_url(p): p.name for p in folder.glob("*.md")}
    with tempfile.TemporaryDirectory() as tmp:
        db = FactDB(f"sqlite:///{tmp}/cluster.db")
        report = db.ingest([str(p) for p in _files(folder, order)])
        for error in report.errors:
            print(f"  read error: {error}", file=sys.stderr)
        on_ingest = summary([inc for _, inc in article_incidents(db, names).values()])
        if verbose:
            print(f"  {folder.name} on ingest:")
            show(db, names)
        db.rebuild_incidents()
        rebuilt = summary([inc for _, inc in article_incidents(db, names).values()])
        if verbose:
            print(f"  {folder.name} after rebuild:")
            show(db, names)
        db.close()
    n = len(_files(folder, order))
    print(
        f"{folder.name:12} articles {n:3}  incidents on ingest {on_ingest[0]:2} "
        f"(largest {on_ingest[1]:.2f})  after rebuild {rebuilt[0]:2} (largest {rebuilt[1]:.2f})"
    )


def run_together(folders: list[Path], order: str) -> None:
    """All clusters in one database: every incident must hold one cluster's articles."""
    cluster_of = {p.name: folder.name for folder in folders for p in folder.glob("*.md")}
    names = {front_url(p): p.name for folder in folders for p in folder.glob("*.md")}
    with tempfile.TemporaryDirectory() as tmp:
        db = FactDB(f"sqlite:///{tmp}/all.db")
        db.ingest([str(p) for folder in folders for p in _files(folder, order)])
        for stage in ("on ingest", "after rebuild"):
            if stage == "after rebuild":
                db.rebuild_incidents()
            clusters_in: dict[int, set[str]] = {}
            per_cluster: dict[str, set] = {}
            for i, (name, inc) in enumerate(article_incidents(db, names).values()):
                label = inc if inc is not None else f"alone{i}"
                clusters_in.setdefault(label, set()).add(cluster_of[name])
                per_cluster.setdefault(cluster_of[name], set()).add(label)
            mixed = sum(len(c) > 1 for c in clusters_in.values())
            counts = " ".join(f"{c} {len(v)}" for c, v in sorted(per_cluster.items()))
            print(
                f"one database, {stage}: {len(clusters_in)} incidents ({counts}); "
                f"incidents mixing clusters: {mixed}"
            )
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("clusters", type=Path)
    parser.add_argument("--order", choices=("file", "published"), default="file")
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--together", action="store_true")
    args = parser.parse_args()
    folders = sorted(p for p in args.clusters.iterdir() if p.is_dir())
    for folder in folders:
        run_cluster(folder, args.order, args.show)
    if args.together:
        run_together(folders, args.order)


if __name__ == "__main__":
    main()
