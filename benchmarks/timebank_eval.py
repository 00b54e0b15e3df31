"""Score ``factdb.find_times`` on TimeBank / AQUAINT (TempEval-3 TIMEX3 extraction + value).

Usage: python benchmarks/timebank_eval.py DATA_DIR [--split TimeBank|AQUAINT|all] [--errors N]

DATA_DIR holds ``TimeBank/*.tml`` and ``AQUAINT/*.tml``. Each document's <TEXT> is stripped of
its tags (entities unescaped) into plain text with gold TIMEX3 offsets; the creation-time
TIMEX3 (the DCT) is the reference date and is not scored. Figures, as TempEval-3 defines them:

* relaxed: a system expression is correct if it overlaps a gold one (precision), a gold one is
  found if a system one overlaps it (recall);
* strict: the same with exact extents;
* value: relaxed-matched pairs (one to one, in text order) whose values are equal, over the
  system count (precision) and the gold count (recall).

``--errors N`` prints up to N misses, spurious matches, extent and value errors per class.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from factdb import find_times

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Gold:
    start: int
    end: int
    value: str
    type: str


@dataclass
class Doc:
    name: str
    text: str
    dct: date
    gold: list[Gold]


def parse_tml(path: Path) -> Doc:
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if dct_m is None:
        raise ValueError(f"{path}: no DCT")
    dct_value = dict(_ATTR.findall(dct_m.group(0)))["value"]
    dct = date.fromisoformat(dct_value[:10])
    body_m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if body_m is None:
        raise ValueError(f"{path}: no TEXT")
    body = body_m.group(1)
    out: list[str] = []
    length = 0
    pos = 0
    gold: list[Gold] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    for m in _TAG.finditer(body):
        chunk = body[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(0).startswith("&"):
            ch = html.unescape(m.group(0))
            out.append(ch)
            length += len(ch)
            continue
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex is not None:
            start, a = open_timex
            gold.append(Gold(start, length, a.get("value", ""), a.get("type", "")))
            open_timex = None
    out.append(body[pos:])
    return Doc(path.stem, "".join(out), dct, gold)


@dataclass
class Counts:
    sys: int = 0
    gold: int = 0
    relaxed_sys: int = 0
    relaxed_gold: int = 0
    strict_sys: int = 0
    strict_gold: int = 0
    value_ok: int = 0

    def add(self, other: Counts) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def _prf(p_num: int, p_den: int, r_num: int, r_den: int) -> tuple[float, float, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def score_doc(doc: Doc, errors: dict[str, list[str]]) -> Counts:
    found = find_times(doc.text, doc.dct)
    c = Counts(sys=len(found), gold=len(doc.gold))

    def ctx(s: int, e: int) -> str:
        left = doc.text[max(0, s - 30) : s].replace("\n", " ")
        right = doc.text[e : e + 30].replace("\n", " ")
        return f"{left}[[{doc.text[s:e]}]]{right}"

    def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    for t in found:
        if any(overlaps((t.start, t.end), (g.start, g.end)) for g in doc.gold):
            c.relaxed_sys += 1
        else:
            errors["spurious"].append(f"{doc.name}: {ctx(t.start, t.end)} -> {t.value}")
        if any((t.start, t.end) == (g.start, g.end) for g in doc.gold):
            c.strict_sys += 1
    used: set[int] = set()
    for g in doc.gold:
        hits = [t for t in found if overlaps((t.start, t.end), (g.start, g.end))]
        if hits:
            c.relaxed_gold += 1
        else:
            errors["missed"].append(f"{doc.name}: {ctx(g.start, g.end)} gold={g.value}")
        if any((t.start, t.end) == (g.start, g.end) for t in hits):
            c.strict_gold += 1
        elif hits:
            h = hits[0]
            errors["extent"].append(
                f"{doc.name}: gold [[{doc.text[g.start : g.end]}]] sys [[{h.text}]]"
            )
        free = [i for i, t in enumerate(found) if i not in used and t in hits]
        if free:
            best = next((i for i in free if found[i].value == g.value), free[0])
            used.add(best)
            if found[best].value == g.value:
                c.value_ok += 1
            else:
                errors["value"].append(
                    f"{doc.name} (dct {doc.dct}): {ctx(g.start, g.end)} "
                    f"gold={g.value} sys={found[best].value}"
                )
    return c


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path, help="folder holding TimeBank/ and AQUAINT/")
    parser.add_argument("--split", choices=["TimeBank", "AQUAINT", "all"], default="all")
    parser.add_argument("--errors", type=int, default=0, help="print N errors per class")
    args = parser.parse_args()
    splits = ["TimeBank", "AQUAINT"] if args.split == "all" else [args.split]
    paths = sorted(p for s in splits for p in (args.data / s).glob("*.tml"))
    if not paths:
        sys.exit(f"error: no .tml files under {args.data} for split {args.split}")
    docs = [parse_tml(p) for p in paths]
    find_times("warm-up on Monday", date(2018, 2, 6))
    total = Counts()
    errors: dict[str, list[str]] = {"missed": [], "spurious": [], "extent": [], "value": []}
    t0 = time.perf_counter()
    for d in docs:
        total.add(score_doc(d, errors))
    elapsed = time.perf_counter() - t0
    rows = [
        ("relaxed", _prf(total.relaxed_sys, total.sys, total.relaxed_gold, total.gold)),
        ("strict", _prf(total.strict_sys, total.sys, total.strict_gold, total.gold)),
        ("value", _prf(total.value_ok, total.sys, total.value_ok, total.gold)),
    ]
    print(
        f"split: {args.split}  docs: {len(docs)}  gold TIMEX3: {total.gold}  "
        f"system: {total.sys}  ({elapsed:.2f} s)"
    )
    print(f"{'':8} {'P':>6} {'R':>6} {'F1':>6}")
    for name, (p, r, f) in rows:
        print(f"{name:8} {p:6.1f} {r:6.1f} {f:6.1f}")
    if args.errors:
        for kind, items in errors.items():
            print(f"\n## {kind} ({len(items)})")
            for line in items[: args.errors]:
                print("  " + line)


if __name__ == "__main__":
    main()
