"""Casualty counts on the GVA dev split: killed / injured figures against the archive's gold.

Usage: python benchmarks/gva_casualties.py DATA_DIR [--half tune|held] [--limit N]
       [--errors N] [--parts N] [--split S]

For every article, ``extract(content, dct, title=, url=)`` runs as ingest runs it; the scored
figures are what detection compares: quantity claims with measure "killed" or "injured", verb
class "event", portion "total", not hedged and status not projection, negated or previous
(exact values only: a claim whose logical interval is a single number). Parts ("two of them",
"three others") are neither right nor wrong as a total: they are counted apart, with how many
of them equal the gold total (a total misread as a part would show there).

Selection rules (all are reported; ``--errors`` and ``--parts`` list those of the first):

* event (the default, issue 12 round 2): the current rule's claims that count the article's
  main event (``ClaimRecord.event`` is the main event, or the article has no event). Detection
  compares a figure within the incident of its event, so a figure the pipeline attaches to
  another event (a roundup's other shooting, "earlier this year, ...") is compared there, not
  against this incident.
* current: only claims about the article's own news, i.e. whose ``as_of`` lies
  in [dct - 7 days, dct]. A claim explicitly dated to another time ("In December 2012, 20
  children were killed", "in 2013, three people died") is a correct claim about *another*
  event and is not scored against this incident. A claim without an explicit time is dated
  at the publication date and is kept.
* any-date (the rule before issue 3 part 2): every such claim, whatever its ``as_of``.

Per measure:

* precision = extracted values equal to the incident's gold / all extracted values
* coverage  = articles where the gold figure is among the extracted values / all articles
* coverage (mentioned) = the same over articles whose text names the incident's city or a
  participant's name (a crude, honest filter for "this page is about the incident at all")

Halves: ``--half tune`` keeps incidents with ``(int(incident_id) // 2) % 2 == 0``, ``--half
held`` the rest (the project's rule; tune on tune, run held only to report). ``--split`` is the
older file-order split (first half of the incidents "tune", second "heldout"), kept so that
earlier figures can be reproduced.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from gva_texts import incidents

from factdb.dates import date_field
from factdb.extract import extract
from factdb.vocabulary import NOT_COUNTS

MEASURES = ("killed", "injured")
RULES = ("event", "current", "any-date")
WINDOW = timedelta(days=7)
UNCOMPARED_STATUS = NOT_COUNTS  # projection, negated, previous: never compared
MAIN_EVENT = 0  # ``ClaimRecord.event`` of the article's main event (``extract(...).events[0]``)


def _mentions_incident(incident: dict, text: str) -> bool:
    keys: list[str] = []
    city = (incident.get("city_or_county") or "").split("(")[0].strip()
    if city:
        keys.append(city)
    for p in incident.get("participants") or []:
        name = (p.get("Name") or "").strip()
        if name:
            keys.extend(w for w in name.split() if len(w) > 3)
    low = text.lower()
    return any(re.search(r"\b" + re.escape(k.lower()) + r"\b", low) for k in keys)


def is_current(as_of: date | None, published: date | None) -> bool:
    """The "current" rule: the claim is dated within [dct - 7 days, dct]."""
    if published is None or as_of is None:
        return True
    return published - WINDOW <= as_of <= published


def in_half(incident_id: str, half: str | None) -> bool:
    """The project's tune/held rule on an incident id (``None`` keeps every incident)."""
    if half is None:
        return True
    tune = (int(incident_id) // 2) % 2 == 0
    return tune if half == "tune" else not tune


Values = dict[str, dict[str, list[tuple[float, str, str]]]]


def article_values(
    content: str, published, title: str | None = None, url: str | None = None
) -> tuple[Values, Values]:
    """(totals, parts): rule -> measure -> [(value, sentence, number text)] for the unhedged,
    compared (not projected, not negated) event casualty claims, split by portion. The
    article is extracted as ingest does it (with its title and url)."""
    out = {r: {m: [] for m in MEASURES} for r in RULES}
    parts = {r: {m: [] for m in MEASURES} for r in RULES}
    for c in extract(content, published, title=title, url=url).claims:
        if c.kind != "quantity" or c.measure not in MEASURES or c.hedged:
            continue
        if c.verb_class != "event" or c.status in UNCOMPARED_STATUS:
            continue
        if c.value_low is None or c.value_high is None or c.value_low != c.value_high:
            continue
        num = content[c.value_span[0] : c.value_span[1]] if c.value_span else ""
        into = parts if c.portion == "part" else out
        into["any-date"][c.measure].append((c.value_low, c.text, num))
        if is_current(c.as_of, published):
            into["current"][c.measure].append((c.value_low, c.text, num))
            if c.event in (None, MAIN_EVENT):
                into["event"][c.measure].append((c.value_low, c.text, num))
    return out, parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path, help="folder holding gva-dev.jsonl")
    parser.add_argument("--limit", type=int, default=None, help="first N incidents")
    parser.add_argument("--errors", type=int, default=0, help="print N examples per error kind")
    parser.add_argument("--parts", type=int, default=0, help="print N part figures per measure")
    parser.add_argument("--split", choices=("tune", "heldout", "all"), default=None)
    parser.add_argument("--half", choices=("tune", "held"), default=None)
    args = parser.parse_args()
    rows = list(incidents(args.data / "gva-dev.jsonl"))
    half = len(rows) // 2
    if args.limit:
        rows = rows[: args.limit]
    # counters[rule][split][measure] = [correct, all values, covered, articles, cov_m, art_m]
    counters: dict[str, dict[str, dict[str, list[int]]]] = {
        r: defaultdict(lambda: {m: [0, 0, 0, 0, 0, 0] for m in MEASURES}) for r in RULES
    }
    wrong: dict[str, list[str]] = {m: [] for m in MEASURES}
    missed: dict[str, list[str]] = {m: [] for m in MEASURES}
    part_lines: dict[str, list[str]] = {m: [] for m in MEASURES}
    # part_counts[measure] = [part figures, equal to the gold total]
    part_counts: dict[str, list[int]] = {m: [0, 0] for m in MEASURES}
    for idx, inc in enumerate(rows):
        split = args.half or ("tune" if idx < half else "heldout")
        if args.split and args.split not in (split, "all"):
            continue
        if not in_half(inc["incident_id"], args.half):
            continue
        for art in inc["articles"]:
            content = art.get("content") or ""
            if not content.strip():
                continue
            published = date_field(art.get("dct"), what="dct")
            by_rule, parts = article_values(
                content, published, art.get("title"), art.get("uri") or None
            )
            for m in MEASURES:
                gold = float(inc[f"num_{m}"])
                for v, sent, num in parts[RULES[0]][m]:
                    part_counts[m][0] += 1
                    part_counts[m][1] += v == gold
                    part_lines[m].append(
                        f"[{inc['incident_id']} gold={gold:g} part={v:g} '{num}'] "
                        + " ".join(sent.split())[:300]
                    )
            mentioned = _mentions_incident(inc, content)
            for rule in RULES:
                for m in MEASURES:
                    gold = float(inc[f"num_{m}"])
                    vals = by_rule[rule][m]
                    ok = sum(1 for v, _, _ in vals if v == gold)
                    covered = any(v == gold for v, _, _ in vals)
                    for s in (split, "all"):
                        c = counters[rule][s][m]
                        c[0] += ok
                        c[1] += len(vals)
                        c[2] += covered
                        c[3] += 1
                        c[4] += covered and mentioned
                        c[5] += mentioned
            for m in MEASURES:
                gold = float(inc[f"num_{m}"])
                vals = by_rule[RULES[0]][m]
                covered = any(v == gold for v, _, _ in vals)
                for v, sent, num in vals:
                    if v != gold:
                        wrong[m].append(
                            f"[{inc['incident_id']} gold={gold:g} got={v:g} '{num}'] "
                            + " ".join(sent.split())[:300]
                        )
                if not covered and mentioned:
                    missed[m].append(
                        f"[{inc['incident_id']} gold={gold:g} got="
                        f"{[v for v, _, _ in vals]}] {art.get('title', '')[:100]}"
                    )
    print("rule     split    measure  precision          coverage           coverage(mentioned)")
    for rule in RULES:
        for s in ("tune", "heldout", "held", "all"):
            if s not in counters[rule] or (args.half and s == "all"):
                continue
            for m in MEASURES:
                ok, n, cov, arts, cov_m, arts_m = counters[rule][s][m]
                prec = ok / n if n else float("nan")
                print(
                    f"{rule:8} {s:8} {m:8} {prec:.3f} ({ok:>4}/{n:<4})  "
                    f"{cov / arts:.3f} ({cov:>4}/{arts:<4})"
                    f"  {cov_m / arts_m if arts_m else 0:.3f} ({cov_m:>4}/{arts_m:<4})"
                )
    for m in MEASURES:
        n_parts, n_gold = part_counts[m]
        print(f"parts ({RULES[0]} rule) {m}: {n_parts} figures, {n_gold} equal to the gold total")
    for m in MEASURES:
        if args.parts:
            print(f"\n== part {m} figures ({len(part_lines[m])}) ==")
            for line in part_lines[m][: args.parts]:
                print(line)
    if args.errors:
        for m in MEASURES:
            print(f"\n== wrong {m} values ({len(wrong[m])}) ==")
            for line in wrong[m][: args.errors]:
                print(line)
            print(f"\n== missed {m} (mentioned articles, {len(missed[m])}) ==")
            for line in missed[m][: args.errors]:
                print(line)


if __name__ == "__main__":
    main()
