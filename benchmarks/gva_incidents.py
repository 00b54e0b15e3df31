"""Incident clustering on the GVA dev split: B-cubed precision, recall and F1 of articles
against the gold incidents, per half, with the two baselines; and the share of killed /
injured figures that have an event and a place.

Usage: python benchmarks/gva_incidents.py DATA_DIR [--split tune|held|both] [--errors N]

Every article is extracted as ingest does it (``extract(content, dct, title=, url=)``);
its main event becomes a sketch (``factdb.incidents.sketch.sketch_of``) and ``cluster()``
groups the sketches of one half. An article's predicted incident is its main event's
cluster; an article with no event is alone. Pure: no database. Halves:
``(int(incident_id) // 2) % 2 == 0`` is the tune half.
Baselines on each half: every article alone; articles grouped by gold city and state.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from pathlib import Path

from gva_texts import incidents

from factdb.dates import date_field
from factdb.extract import extract
from factdb.incidents.cluster import (
    DATE_WINDOW,
    EventSketch,
    IncidentSketch,
    _date_distance,
    _places_agree,
    cluster,
)
from factdb.incidents.sketch import sketch_of


def bcubed(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted grouping (per item labels)."""
    n = len(gold)
    pairs = Counter(zip(gold, pred, strict=True))
    g_size, p_size = Counter(gold), Counter(pred)
    p = sum(pairs[(g, q)] / p_size[q] for g, q in zip(gold, pred, strict=True)) / n
    r = sum(pairs[(g, q)] / g_size[g] for g, q in zip(gold, pred, strict=True)) / n
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def half_of(incident_id: str) -> str:
    return "tune" if (int(incident_id) // 2) % 2 == 0 else "held"


def run(path: Path, split: str, errors: int) -> None:
    rows = [r for r in incidents(path) if split == "both" or half_of(r["incident_id"]) == split]
    by_half: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_half[half_of(r["incident_id"])].append(r)
    for half in sorted(by_half):
        _half(half, by_half[half], errors)


def _half(half: str, rows: list[dict], errors: int) -> None:
    gold: list[str] = []
    city: list[str] = []
    arts: list[dict] = []
    sketches = []
    main_of: dict[int, int] = {}
    with_gold = covered = placed = 0
    t0 = time.perf_counter()
    for r in rows:
        for a in r["articles"]:
            if not a.get("content", "").strip():
                continue
            key = len(gold)
            gold.append(r["incident_id"])
            city.append(f"{r['city_or_county']}|{r['state']}")
            published = date_field(a.get("dct"), what="dct")
            x = extract(a["content"], published, title=a.get("title"), url=a.get("uri") or None)
            arts.append({"incident": r, "article": a, "extraction": x})
            main = next((e for e in x.events if e.main), None)
            if main is not None:
                sketches.append(sketch_of(main, key, key))
                main_of[key] = key
            if r.get("num_killed") is not None or r.get("num_injured") is not None:
                for c in x.claims:
                    if c.measure in ("killed", "injured") and c.verb_class == "event":
                        with_gold += 1
                        covered += c.event is not None
                        placed += c.event is not None and c.place is not None
    took = time.perf_counter() - t0
    groups = cluster(sketches)
    label = list(range(len(gold)))  # an article with no event stays alone
    for g in groups:
        for k in g:
            label[k] = min(g)
    singles = list(range(len(gold)))
    print(
        f"== {half} half: {len(rows)} incidents, {len(gold)} articles "
        f"({len(sketches)} with a main event), extraction {len(gold) / took:.0f} art/s"
    )
    for name, pred in (
        ("clustering", label),
        ("every article alone", singles),
        ("grouped by gold city", city),
    ):
        p, r, f = bcubed(gold, pred)
        print(f"  {name:22s} B-cubed P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    if with_gold:
        print(
            f"  killed/injured figures: {with_gold}; with an event {covered / with_gold:.3f}; "
            f"with an event and a place {placed / with_gold:.3f}"
        )
    _error_kinds(gold, label, arts, sketches)
    if errors:
        _errors(gold, label, arts, errors)


def _error_kinds(
    gold: list[str], label: list[int], arts: list[dict], sketches: list[EventSketch]
) -> None:
    """Count the article pairs clustering got wrong, by the first reason that explains each."""
    by_key = {s.key: s for s in sketches}
    split: Counter[str] = Counter()
    joined: Counter[str] = Counter()
    n = len(gold)
    for a in range(n):
        for b in range(a + 1, n):
            same_gold, same_pred = gold[a] == gold[b], label[a] == label[b]
            if same_gold == same_pred:
                continue
            sa, sb = by_key.get(a), by_key.get(b)
            if same_gold:
                split[_split_reason(sa, sb)] += 1
            elif arts[a]["article"]["content"] == arts[b]["article"]["content"]:
                joined["one page filed under two incidents"] += 1
            elif arts[a]["incident"]["city_or_county"] == arts[b]["incident"]["city_or_county"]:
                joined["two incidents in one city"] += 1
            else:
                joined["two incidents in different cities"] += 1
    print("  wrongly split pairs: " + ", ".join(f"{k} {v}" for k, v in split.most_common()))
    print("  wrongly joined pairs: " + ", ".join(f"{k} {v}" for k, v in joined.most_common()))


def _split_reason(sa: EventSketch | None, sb: EventSketch | None) -> str:
    if sa is None or sb is None:
        return "no event in one article"
    if sa.kind != sb.kind:
        return "different kinds"
    inc = IncidentSketch.of(sb.key, sb)
    if _places_agree(sa.places, sb.places) < 0:
        return "places in different regions"
    distance = _date_distance(sa, inc)
    if distance is not None and distance > DATE_WINDOW:
        return f"dates more than {DATE_WINDOW} days apart, not joined as a follow-up"
    return "too little shared evidence"


def _errors(gold: list[str], label: list[int], arts: list[dict], limit: int) -> None:
    """Print wrongly joined and wrongly split pairs with their sketches' evidence."""
    members: dict[int, list[int]] = defaultdict(list)
    for k, lab in enumerate(label):
        members[lab].append(k)
    gold_members: dict[str, list[int]] = defaultdict(list)
    for k, g in enumerate(gold):
        gold_members[g].append(k)
    shown = 0
    print("  -- wrongly joined")
    for ks in members.values():
        if len({gold[k] for k in ks}) > 1 and shown < limit:
            shown += 1
            for k in ks:
                _show(k, gold, arts)
            print()
    shown = 0
    print("  -- wrongly split")
    for ks in gold_members.values():
        if len({label[k] for k in ks}) > 1 and shown < limit:
            shown += 1
            for k in ks:
                _show(k, gold, arts, label[k])
            print()


def _show(k: int, gold: list[str], arts: list[dict], lab: int | None = None) -> None:
    a, r, x = arts[k]["article"], arts[k]["incident"], arts[k]["extraction"]
    main = next((e for e in x.events if e.main), None)
    print(
        f"   [{k} gold {gold[k]} {r['date']} {r['city_or_county']} pred {lab}] "
        f"{a.get('title', '')[:70]!r} dct {a.get('dct')}"
    )
    if main is not None:
        kw = ", ".join(w for w, _ in main.keywords[:12])
        print(f"      {main.kind} {main.date_start}..{main.date_end} {main.participants[:4]} {kw}")
    else:
        print("      no event")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="directory holding gva-dev.jsonl")
    ap.add_argument("--split", choices=("tune", "held", "both"), default="tune")
    ap.add_argument("--errors", type=int, default=0, help="show N error groups of each kind")
    args = ap.parse_args()
    run(args.data / "gva-dev.jsonl", args.split, args.errors)


if __name__ == "__main__":
    main()
