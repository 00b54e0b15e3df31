"""Cross-source contradictions on GVA dev, per half: how many pair two articles of different
gold incidents (flags that cannot be genuine), the precision of the flags, flags inside one
article apart, the recall of the disagreements read by hand (gva_disagreements.json), and
the read precision of the flags against a person's verdicts (gva_flag_labels.json).

Usage: python benchmarks/gva_flags.py [GVA_JSONL] [--half tune|held] [--multi-only] [--show]
       [--unlabelled]

Each half is ingested through ``FactDB`` into a fresh SQLite file in publication order.
Uses only the source, claim and contradiction tables, so the same script measures older
versions too (run it from a checkout of the version to compare). Articles map to sources by
URL (``uri``, else ``gva:{doc_id}``). ``--multi-only`` ingests only incidents with two or more
articles (faster; the output says so). ``--show`` prints every cross-source flag that is not
in the list, and every flag inside one article, with its two sentences, for a person to read;
each cross flag also shows its label key (doc ids, measure, values) and its verdict if read.
``--unlabelled`` shows only the cross flags no label, listed item or gold incident decides:
the ones to read and add to the labels after a code change.
Precision, recall, the value-matching rule and the label rules: see gva_flag_scoring.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gva_flag_scoring import (
    Disagreement,
    Flag,
    FlagSide,
    Label,
    finds,
    flag_key,
    found_items,
    judge,
    label_index,
    parse_labels,
    score_cross,
    score_read,
)
from gva_texts import incidents
from sqlalchemy import select

from factdb import FactDB
from factdb.dates import date_field
from factdb.db.models import Claim, Contradiction, Source
from factdb.readers import Document

LIST_PATH = Path(__file__).resolve().parent / "gva_disagreements.json"
LABELS_PATH = Path(__file__).resolve().parent / "gva_flag_labels.json"


def half_of(incident_id: str) -> str:
    return "tune" if (int(incident_id) // 2) % 2 == 0 else "held"


def url_of(article: dict) -> str:
    return article.get("uri") or f"gva:{article['doc_id']}"


def half_documents(
    rows: list[dict], half: str, multi_only: bool
) -> tuple[list[Document], dict[str, set[str]]]:
    """The half's articles as Documents in publication order, and each URL's gold incidents."""
    docs, gold = [], defaultdict(set)
    for r in rows:
        if half_of(r["incident_id"]) != half:
            continue
        articles = [a for a in r["articles"] if a.get("content", "").strip()]
        if multi_only and len(articles) < 2:
            continue
        for a in articles:
            url = url_of(a)
            doc = Document(
                text=a["content"],
                origin=url,
                title=a.get("title"),
                url=url,
                published=date_field(a.get("dct"), what="dct"),
            )
            docs.append(((str(a.get("dct")), a["doc_id"]), doc))
            gold[url].add(r["incident_id"])
    docs.sort(key=lambda t: t[0])
    return [d for _, d in docs], gold


def listed_disagreements(rows: list[dict], half: str, path: Path) -> list[Disagreement]:
    """The half's listed disagreements, their articles named by source URL."""
    url_by_doc = {a["doc_id"]: url_of(a) for r in rows for a in r["articles"]}
    out = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        if item["half"] != half:
            continue
        a, b = (url_by_doc[d] for d in item["docs"])
        out.append(Disagreement(item["id"], item["measure"], (a, b), tuple(item["values"])))
    return out


def half_labels(half: str, path: Path) -> list[Label]:
    """The half's read verdicts (none if the labels file is missing)."""
    if not path.exists():
        return []
    return [x for x in parse_labels(json.loads(path.read_text(encoding="utf-8"))) if x.half == half]


def article_index(rows: list[dict]) -> tuple[dict[str, str], dict[str, str]]:
    """Each source URL's doc id and publication date (labels name articles by doc id)."""
    doc_of, dct_of = {}, {}
    for r in rows:
        for a in r["articles"]:
            doc_of[url_of(a)] = a["doc_id"]
            dct_of[url_of(a)] = str(a.get("dct") or "?")[:10]
    return doc_of, dct_of


def stored_flags(db: FactDB) -> list[Flag]:
    s = db.session
    url_by_source = dict(s.execute(select(Source.id, Source.url)).all())
    side = {
        c.id: FlagSide(url_by_source[c.source_id], c.measure, c.value_low, c.value_high, c.text)
        for c in s.execute(
            select(
                Claim.id,
                Claim.source_id,
                Claim.measure,
                Claim.value_low,
                Claim.value_high,
                Claim.text,
            )
        ).all()
    }
    pairs = s.execute(
        select(Contradiction.claim_a_id, Contradiction.claim_b_id, Contradiction.scope)
    ).all()
    return [Flag(side[p.claim_a_id], side[p.claim_b_id], p.scope) for p in pairs]


def show_flag(flag: Flag, gold: dict[str, set[str]], dct_of: dict[str, str] | None = None) -> None:
    for tag, x in (("A", flag.a), ("B", flag.b)):
        incidents_ = ",".join(sorted(gold.get(x.source, ()))) or "?"
        value = f"{x.low:g}" if x.low == x.high and x.low is not None else f"{x.low}..{x.high}"
        dated = f" {dct_of.get(x.source, '?')}" if dct_of is not None else ""
        print(f"    {tag} [{incidents_}]{dated} {x.measure} {value}: {x.text.strip()[:300]}")


def show_cross_flag(flag: Flag, key: object, verdict: str, gold, dct_of) -> None:
    """A cross flag with its label key (to copy into the labels) and its verdict."""
    print(f"  -- {verdict}")
    if key is not None:
        print(f"    key: docs {list(key.docs)} measure {key.measure} values {list(key.values)}")
    show_flag(flag, gold, dct_of)


def report_half(rows: list[dict], half: str, args: argparse.Namespace) -> None:
    docs, gold = half_documents(rows, half, args.multi_only)
    listed = listed_disagreements(rows, half, args.list)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        db = FactDB(f"sqlite:///{tmp}/gva.db")
        db.ingest(docs)
        flags = stored_flags(db)
        db.close()
    seconds = time.perf_counter() - started
    cross = [f for f in flags if f.scope == "cross"]
    intra = [f for f in flags if f.scope != "cross"]
    unrelated = sum(1 for f in cross if not gold[f.a.source] & gold[f.b.source])
    print(
        f"{half}: {len(cross)} cross-source contradictions, {unrelated} pairing "
        f"different gold incidents; {len(intra)} within one article"
    )
    scope = "incidents with >= 2 articles only" if args.multi_only else "all incidents"
    print(f"  ingest: {len(docs)} articles ({scope}), {seconds:.0f} s")
    score = score_cross(cross, gold, listed)
    precision = "n/a" if score.precision is None else f"{score.precision:.3f}"
    print(
        f"  cross flags: {score.total}; same gold incident {score.same_incident}; and same "
        f"measure (killed/injured) {score.same_incident_same_measure}; precision {precision}; "
        f"in the disagreement list {score.in_list}"
    )
    found = found_items(flags, listed)
    recall = f"{len(found) / len(listed):.3f}" if listed else "n/a"
    print(f"  recall: {len(found)}/{len(listed)} listed disagreements flagged ({recall})")
    print(f"  found: {', '.join(i.id for i in found) or '-'}")
    doc_of, dct_of = article_index(rows)
    labels = half_labels(half, args.labels)
    read = score_read(cross, doc_of, labels, gold, listed)
    read_precision = "n/a" if read.precision is None else f"{read.precision:.3f}"
    bounds = "" if read.bounds is None else f" (bounds {read.bounds[0]:.3f}..{read.bounds[1]:.3f})"
    print(
        f"  read: {read.judged} cross flags judged ({read.by_label} by label, the rest by the "
        f"list or different gold incidents), {read.genuine} genuine; read precision "
        f"{read_precision}; unlabelled {read.unlabelled}{bounds}"
    )
    falses = ", ".join(f"{k} {n}" for k, n in read.false_categories.items()) or "-"
    print(f"  false flags by category: {falses}")
    index = label_index(labels)
    if args.show or args.unlabelled:
        print("  cross flags not in the list:" if args.show else "  unlabelled cross flags:")
        for f in cross:
            v = judge(f, doc_of, index, gold, listed)
            if args.unlabelled and v.verdict is not None:
                continue
            if args.show and any(finds(f, item) for item in listed):
                continue
            tag = "unlabelled" if v.verdict is None else f"{v.verdict} ({v.category or v.by})"
            show_cross_flag(f, flag_key(f, doc_of), tag, gold, dct_of)
    if args.show:
        print("  flags within one article:")
        for f in intra:
            print("  --")
            show_flag(f, gold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default="../shared/bench/gva/gva-dev.jsonl")
    parser.add_argument("--half", choices=("tune", "held", "both"), default="both")
    parser.add_argument("--multi-only", action="store_true")
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--unlabelled", action="store_true")
    parser.add_argument("--list", type=Path, default=LIST_PATH)
    parser.add_argument("--labels", type=Path, default=LABELS_PATH)
    args = parser.parse_args()
    rows = list(incidents(Path(args.path)))
    for half in ("tune", "held"):
        if args.half in (half, "both"):
            report_half(rows, half, args)


if __name__ == "__main__":
    main()
