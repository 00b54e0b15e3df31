"""Candidate disagreements between GVA articles of one incident, printed for a person to read.

Usage: python benchmarks/gva_disagreement_candidates.py [GVA_JSONL] [--half tune|held]

How ``benchmarks/gva_disagreements.json`` was built: for every incident with two or more
articles, each article's killed / injured figures are gathered two ways, factdb's extractor
(quantity claims, their sentences) and a plain regex (a number word or digits within a few
words of a casualty word). An incident is a candidate when two of its articles state different
sets of figures for one measure by either route. The script prints each candidate with the
matching sentences of every article; it decides nothing. Reading those sentences (and the text
around them) decides what goes into the list, so the extractor is measured, not trusted.
Output goes to the terminal only: bench texts are never written into the project.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gva_texts import incidents

from factdb.dates import date_field
from factdb.extract import extract

_WORDS = "no one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
NUMBER_WORDS = {w: i for i, w in enumerate([*_WORDS.split(), "fifteen", "sixteen", "seventeen"])}
NUMBER_WORDS.update({"a": 1, "an": 1, "both": 2, "nobody": 0, "none": 0})
CASUALTY = {
    "killed": r"killed|dead|died|dies|deaths?|fatal(?:ly)?|slain|murdered|homicides?",
    "injured": r"injured|wounded|hurt|injuries|hospitali[sz]ed|shot",
}
NOT_A_COUNT = re.compile(
    r"\W?(?:-?years?|-?month|times|rounds|shots|hours|days|weeks|minutes|a\.m|p\.m|percent|"
    r"o'clock|:\d|st\b|nd\b|rd\b|th\b)"
)
_NUM = r"\b(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b"


def half_of(incident_id: str) -> str:
    return "tune" if (int(incident_id) // 2) % 2 == 0 else "held"


def regex_figures(text: str) -> dict[str, list[tuple[int, str]]]:
    """Numbers within four words before or after a casualty word, with the sentence around."""
    out: dict[str, list[tuple[int, str]]] = {"killed": [], "injured": []}
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        low = sentence.lower()
        for measure, words in CASUALTY.items():
            near = (
                rf"{_NUM}(?:\W+\w+){{0,4}}?\W+(?:{words})\b"
                rf"|\b(?:{words})(?:\W+\w+){{0,3}}?\W+{_NUM}"
            )
            for m in re.finditer(near, low):
                raw = m.group(1) or m.group(2)
                value = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
                after = low[m.end(1 if m.group(1) else 2) :][:12]
                before = low[: m.start(1 if m.group(1) else 2)][-2:]
                if (
                    raw in {"a", "an"}
                    or value > 200
                    or NOT_A_COUNT.match(after)
                    or (before, after[:1]) == (", ", ",")
                ):
                    continue
                out[measure].append((value, sentence.strip()[:300]))
    return out


def extractor_figures(article: dict) -> dict[str, list[tuple[str, str]]]:
    """Killed / injured quantity claims as 'low..high' with their sentence."""
    ex = extract(
        article["content"],
        date_field(article.get("dct"), what="dct"),
        title=article.get("title"),
        url=article.get("uri") or None,
    )
    out: dict[str, list[tuple[str, str]]] = {"killed": [], "injured": []}
    for c in ex.claims:
        if c.kind == "quantity" and c.measure in out:
            value = f"{c.value_low:g}..{'' if c.value_high is None else f'{c.value_high:g}'}"
            flag = " hedged" if c.hedged else ""
            out[c.measure].append((value + flag, c.text.strip()[:300]))
    return out


def largest_exact(figures: list[tuple[str, str]]) -> float | None:
    """The largest unhedged exact figure: what an article gives as its total."""
    exact = [
        float(low)
        for value, _ in figures
        if not value.endswith("hedged")
        for low, high in [value.split("..")]
        if low == high
    ]
    return max(exact, default=None)


def brief(rx: dict[str, list[tuple[int, str]]], ex: dict[str, list[tuple[str, str]]]) -> str:
    """Each measure's distinct figures by extractor (X) and regex (R), on one line."""
    parts = []
    for measure in ("killed", "injured"):
        xs = sorted({v for v, _ in ex[measure]})
        rs = sorted({v for v, _ in rx[measure]})
        parts.append(f"{measure}: X {' '.join(xs) or '-'} | R {' '.join(map(str, rs)) or '-'}")
    return "; ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default="../shared/bench/gva/gva-dev.jsonl")
    parser.add_argument("--half", choices=("tune", "held"), default="tune")
    parser.add_argument("--brief", action="store_true", help="one line of figures per article")
    args = parser.parse_args()
    shown = 0
    for inc in incidents(Path(args.path)):
        if half_of(inc["incident_id"]) != args.half:
            continue
        arts = [a for a in inc["articles"] if a.get("content", "").strip()]
        if len(arts) < 2:
            continue
        per = [(a, regex_figures(a["content"]), extractor_figures(a)) for a in arts]
        differing = []
        for measure in ("killed", "injured"):
            by_regex = {max(v for v, _ in rx[measure]) for _, rx, _ in per if rx[measure]}
            by_extractor = {t for _, _, ex in per if (t := largest_exact(ex[measure])) is not None}
            if len(by_regex) > 1 or len(by_extractor) > 1:
                differing.append(measure)
        if not differing:
            continue
        shown += 1
        print(
            f"=== incident {inc['incident_id']} gold killed {inc['num_killed']} injured "
            f"{inc['num_injured']} ({inc['date']}, {inc['city_or_county']}) differ: {differing}"
        )
        for a, rx, ex in sorted(per, key=lambda t: str(t[0].get("dct"))):
            print(f"  --- doc {a['doc_id']} dct {a.get('dct')} {a.get('title', '')[:80]!r}")
            if args.brief:
                print("   ", brief(rx, ex))
                continue
            for measure in differing:
                for value, sentence in ex[measure]:
                    print(f"    X {measure} {value}: {sentence}")
                seen = set()
                for value, sentence in rx[measure]:
                    if (value, sentence) not in seen:
                        seen.add((value, sentence))
                        print(f"    R {measure} {value}: {sentence}")
    print(f"{shown} candidate incidents in {args.half}")


if __name__ == "__main__":
    main()
