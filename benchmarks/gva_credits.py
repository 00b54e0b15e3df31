"""Credits on the GVA dev split: wires and outlets posing as subjects, aliases learned from credits.

Usage: ``python benchmarks/gva_credits.py ../shared/bench/gva/gva-dev.jsonl [--split tune|held]
[--examples N]``. The tune half is the incidents with ``(int(incident_id) // 2) % 2 == 0``.

Counts, over the split's articles: killed/injured claims whose subject is a wire or an outlet
(an agency name, a broadcaster's call sign, a network, a paper), declared aliases whose
alias or entity is a wire/outlet or an all-capitals dateline place ("HOUSTON" -> Associated
Press), articles with a dateline, and the wires credited.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factdb.dates import date_field
from factdb.extract import extract
from factdb.extract.credits import AGENCIES

_OUTLET = re.compile(
    r"^(?:[KW][A-Z]{2,3}(?:-?(?:TV|FM|AM))?\s?\d*|(?:CNN|NBC|CBS|ABC|FOX|Fox|MSNBC)\b.*|"
    r".*\b(?:News|Times|Tribune|Post|Journal|Herald|Gazette|Chronicle|Press)\b.*)$"
)
_WIRES = {v.casefold() for v in AGENCIES.values()} | {"ap", "associated press"}


def is_outlet(name: str | None) -> bool:
    if not name:
        return False
    return name.casefold() in _WIRES or bool(_OUTLET.match(name))


def from_credit(alias: str, entity: str) -> bool:
    """An alias pairing that can only come from a credit: a wire/outlet on either side, or an
    all-capitals place from a dateline ("DEER LODGE (WATE)")."""
    return is_outlet(alias) or is_outlet(entity) or (entity.isupper() and len(entity) > 3)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--split", choices=("tune", "held"), default="tune")
    ap.add_argument("--examples", type=int, default=0)
    args = ap.parse_args()
    want = 0 if args.split == "tune" else 1
    n_articles = n_dateline = n_counts = 0
    subject_outlet: Counter[str] = Counter()
    alias_credit: Counter[tuple[str, str]] = Counter()
    wires: Counter[str] = Counter()
    examples: list[str] = []
    with args.path.open(encoding="utf-8") as fh:
        for line in fh:
            inc = json.loads(line)
            if (int(inc["incident_id"]) // 2) % 2 != want:
                continue
            for art in inc["articles"]:
                text = art.get("content", "")
                if not text.strip():
                    continue
                n_articles += 1
                ex = extract(text, date_field(art.get("dct"), what="dct"))
                n_dateline += ex.credits.dateline is not None
                wires.update(ex.credits.wires)
                for c in ex.claims:
                    if c.measure not in ("killed", "injured"):
                        continue
                    n_counts += 1
                    if is_outlet(c.subject):
                        subject_outlet[str(c.subject)] += 1
                        if len(examples) < args.examples:
                            examples.append(f"subject {c.subject}: {c.text[:160]!r}")
                for d in ex.declared_aliases:
                    if from_credit(d.alias, d.entity):
                        alias_credit[(d.alias, d.entity)] += 1
    print(f"split={args.split} articles={n_articles} with_dateline={n_dateline}")
    print(
        f"killed/injured claims={n_counts} with wire/outlet subject={sum(subject_outlet.values())}"
    )
    print(f"  by subject: {dict(subject_outlet.most_common(10))}")
    print(f"declared aliases from credits={sum(alias_credit.values())}")
    print(f"  pairs: {[f'{a} -> {e}' for (a, e), _ in alias_credit.most_common(10)]}")
    print(f"wires credited: {dict(wires.most_common())}")
    for e in examples:
        print("  " + e)


if __name__ == "__main__":
    main()
