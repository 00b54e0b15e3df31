"""Place resolution on the GVA dev split: article place vs the gold city/state, and the share
of killed/injured figures with a place.

    python benchmarks/gva_places.py /work/shared/bench/gva/gva-dev.jsonl --half tune
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gva_texts import incidents

from factdb.dates import date_field
from factdb.extract import extract
from factdb.extract.records import Extraction, Place


def _place_of(ex: Extraction) -> Place | None:
    if ex.place is not None:
        return ex.place
    counts = Counter(p.place.key for p in ex.places)
    return next((p.place for p in ex.places if counts[p.place.key] == max(counts.values())), None)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", type=Path)
    ap.add_argument("--half", choices=("tune", "held"), default="tune")
    ap.add_argument("--no-title", action="store_true", help="text only, no page title or URL")
    args = ap.parse_args()
    want = 0 if args.half == "tune" else 1
    n = city_ok = state_ok = with_place = figures = placed = 0
    t0 = time.perf_counter()
    for inc in incidents(args.path):
        if (int(inc["incident_id"]) // 2) % 2 != want:
            continue
        gold_city = inc["city_or_county"].split(" (")[0].strip().casefold()
        gold_state = inc["state"].strip().casefold()
        for art in inc["articles"]:
            if not art.get("content", "").strip():
                continue
            ex = extract(
                art["content"],
                date_field(art.get("dct"), what="dct"),
                title=None if args.no_title else art.get("title"),
                url=None if args.no_title else art.get("uri"),
            )
            n += 1
            place = _place_of(ex)
            if place is not None:
                with_place += 1
                chain = place.chain()
                bare = [p.name.split(",")[0].casefold() for p in chain]
                if gold_state in bare:
                    state_ok += 1
                    if place.kind in ("city", "admin2") and bare[0] in (
                        gold_city,
                        gold_city + " county",
                    ):
                        city_ok += 1
            for c in ex.claims:
                if c.measure in ("killed", "injured") and c.kind == "quantity":
                    figures += 1
                    placed += c.place is not None
    dt = time.perf_counter() - t0
    print(f"{args.half}: {n} articles, {dt:.1f}s")
    print(f"  article place found      {with_place / n:.3f}")
    print(f"  place's state = gold     {state_ok / n:.3f}")
    print(f"  place's city = gold city {city_ok / n:.3f}")
    print(
        f"  killed/injured figures with a place {placed}/{figures} = {placed / max(1, figures):.3f}"
    )


if __name__ == "__main__":
    main()
