"""The real multi-outlet clusters against their gold: figures found, pairs that must and
must not be flagged (``../shared/bench/clusters/``, README there).

Usage: python benchmarks/clusters_gold.py [CLUSTERS_DIR] [--cluster NAME] [--show]

Each cluster is ingested through ``FactDB`` into a fresh SQLite file in publication order
(detection runs as part of ingest, as for a user). The gold's matching rule, from its
README: a claim meets a gold side when it comes from that file, its sentence contains the
quoted ``text`` (whitespace and case folded) or its value span lies inside it, and its value
interval contains the gold number(s). A flag is met when a stored contradiction pairs a
claim meeting side A with one meeting side B; a no_flag is met when none does (and is only
informative when both sides were extracted: "no_flag, both sides found" counts those).

``--show`` prints every missed item and every contradiction of the cluster, to read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from factdb import FactDB
from factdb.db.models import Claim, Contradiction, Source

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\u2019", "'").replace("\u2014", "-")).strip().lower()


def _numbers(value) -> list[float]:
    if isinstance(value, list):
        return [float(v) for v in value if v is not None]
    return [float(value)]


def meets(claim: dict, file: str, text: str, value) -> bool:
    """The gold README's rule for one claim and one gold side."""
    if claim["file"] != file:
        return False
    quoted, sentence, number = fold(text), fold(claim["sentence"]), fold(claim["value_text"])
    # the sentence holds the quoted words, or the quote holds the number and overlaps the
    # sentence (a quote that runs over a sentence break the splitter made)
    if quoted not in sentence and not (
        number and number in quoted and (quoted[:25] in sentence or quoted[-25:] in sentence)
    ):
        return False
    low, high = claim["low"], claim["high"]
    low = float("-inf") if low is None else low
    high = float("inf") if high is None else high
    return all(low <= v <= high for v in _numbers(value))


def _front_url(path: Path) -> str:
    """The ``url:`` of a file's front matter (sources are keyed by it, not the path)."""
    found = re.search(r"^url:\s*(\S+)", path.read_text(), re.MULTILINE)
    return found.group(1).strip("'\"") if found else str(path)


def run_cluster(folder: Path) -> tuple[list[dict], list[tuple[int, int, str, str, float]]]:
    """(claims as dicts, contradictions as (claim a, claim b, hardness, scope, severity))."""
    files = sorted(folder.glob("*.md"), key=lambda p: (p.stem.rsplit("-", 3)[-3:], p.name))
    with tempfile.TemporaryDirectory() as tmp:
        db = FactDB(f"sqlite:///{tmp}/cluster.db")
        report = db.ingest([str(p) for p in files])
        for error in report.errors:
            print(f"  read error: {error}", file=sys.stderr)
        s = db.session
        url_file = {_front_url(p): p.name for p in files}
        file_of = {
            sid: url_file.get(url, url) for sid, url in s.execute(select(Source.id, Source.url))
        }
        claims = []
        for c in s.scalars(select(Claim).where(Claim.kind == "quantity", *Claim.is_current())):
            claims.append(
                {
                    "id": c.id,
                    "file": file_of[c.source_id],
                    "sentence": c.text,
                    "value_text": c.value_text or "",
                    "low": c.value_low,
                    "high": c.value_high,
                    "measure": c.measure,
                    "as_of": c.as_of.isoformat() if c.as_of else None,
                    "hedged": c.hedged,
                }
            )
        flags = [
            (x.claim_a_id, x.claim_b_id, x.hardness, x.scope, x.severity)
            for x in s.scalars(select(Contradiction))
        ]
        db.close()
    return claims, flags


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", nargs="?", type=Path, default=Path("../shared/bench/clusters"))
    parser.add_argument("--cluster", action="append", help="only this cluster (repeatable)")
    parser.add_argument("--show", action="store_true", help="print misses and every flag")
    args = parser.parse_args()
    gold = json.loads((args.data / "gold.json").read_text())
    names = args.cluster or sorted({g["cluster"] for g in gold})
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name in names:
        claims, flags = run_cluster(args.data / name)
        by_id = {c["id"]: c for c in claims}
        items = [g for g in gold if g["cluster"] == name]
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        missed: list[str] = []
        for g in items:
            if g["kind"] == "figure":
                ok = any(meets(c, g["file"], g["text"], g["value"]) for c in claims)
            else:
                sides = [
                    [c["id"] for c in claims if meets(c, f, t, v)]
                    for f, t, v in zip(g["files"], g["texts"], g["values"], strict=True)
                ]
                a, b = set(sides[0]), set(sides[1])
                paired = any((x in a and y in b) or (x in b and y in a) for x, y, *_ in flags)
                ok = paired if g["kind"] == "flag" else not paired
                if g["kind"] == "no_flag" and a and b:
                    counts["no_flag, both sides found"][1] += 1
                    counts["no_flag, both sides found"][0] += int(ok)
            counts[g["kind"]][1] += 1
            counts[g["kind"]][0] += int(ok)
            if not ok:
                missed.append(f"{g['id']} {g['kind']}: {g.get('text') or g.get('texts')}")
        cross = sum(1 for *_, scope, _ in flags if scope == "cross")
        print(f"{name}: {len(claims)} quantity claims, {len(flags)} flags ({cross} cross)")
        for kind in ("figure", "flag", "no_flag", "no_flag, both sides found"):
            ok, n = counts[kind]
            print(f"  {kind:24} {ok:3d} / {n:3d}")
            totals[kind][0] += ok
            totals[kind][1] += n
        if args.show:
            for line in missed:
                print("  MISSED", line)
            for a, b, hardness, scope, severity in flags:
                ca, cb = by_id.get(a), by_id.get(b)
                if ca and cb:
                    print(
                        f"  FLAG {hardness}/{scope} {severity}: {ca['file']} "
                        f"{ca['value_text']!r} {ca['measure']} {ca['as_of']} <> {cb['file']} "
                        f"{cb['value_text']!r} {cb['measure']} {cb['as_of']}"
                    )
    print("all clusters:")
    for kind in ("figure", "flag", "no_flag", "no_flag, both sides found"):
        ok, n = totals[kind]
        print(f"  {kind:24} {ok:3d} / {n:3d}")


if __name__ == "__main__":
    main()
