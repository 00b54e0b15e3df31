"""Speaker attribution on PolNeAR: precision and recall of quote-claim speakers.

Usage: python benchmarks/polnear_speakers.py ../shared/bench/polnear [--split dev] [--errors N]

For each document of the split, ``factdb.extract.extract(text, published)`` runs (published =
the ``publication_date`` of metadata.tsv). Gold: one brat ``.ann`` file per document (the first
by name when several annotators did it); an attribution is an ``E`` relation with a Content
span and, for recall, a Source span.

Matching rule (also in benchmarks/polnear.md):

* a quote claim's region is its ``quote`` located in the text (else its sentence); the claim
  belongs to the gold attribution whose Content overlaps that region by the most characters;
  a claim overlapping no gold Content is not scored;
* the speaker is correct when (a) a mention of the speaker entity that the extractor reports
  (``Extraction.mentions`` with ``entity == speaker``) lies inside the gold Source span, or
  (b) the speaker's head word (surname / last word, possessive dropped) is a word of the gold
  Source, or the gold Source's head word is a word of the speaker, or (c) the gold Source is a
  pronoun ("he", "she", "they", "who", "it", ...): the corpus has no coreference, so the
  antecedent is approximated by the nearest preceding gold Source that is not a pronoun, and
  (a)/(b) are applied to it;
* precision = correct claims / scored claims; recall = gold attributions with a Source that
  have at least one correct claim / all gold attributions with a Source.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from factdb.extract import extract

PRONOUNS = {
    "he", "she", "they", "it", "who", "which", "that", "we", "i", "you", "his", "her", "their",
    "him", "them", "its", "whom", "one", "this", "these", "those",
}  # fmt: skip
STOP = {
    "the", "a", "an", "of", "and", "in", "for", "at", "on", "to", "by", "with", "mr", "mrs",
    "ms", "dr", "sen", "rep", "gov", "gen", "s",
}  # fmt: skip


@dataclass
class Gold:
    source: list[tuple[int, int]] | None
    source_text: str
    content: list[tuple[int, int]]
    content_text: str
    cue_text: str = ""
    antecedent: Gold | None = None


def _spans(field: str) -> list[tuple[int, int]]:
    out = []
    for frag in field.split(";"):
        s, e = frag.split()
        out.append((int(s), int(e)))
    return out


def read_ann(path: Path) -> list[Gold]:
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, where = parts[1].partition(" ")
            spans[parts[0]] = (kind, _spans(where), parts[2] if len(parts) > 2 else "")
        elif line.startswith("E") and len(parts) >= 2:
            rels.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out: list[Gold] = []
    for r in rels:
        content = spans.get(r.get("Content", ""))
        if content is None:
            continue
        source = spans.get(r.get("Source", ""))
        out.append(
            Gold(
                source=source[1] if source else None,
                source_text=source[2] if source else "",
                content=content[1],
                content_text=content[2],
                cue_text=spans[r["Cue"]][2] if r.get("Cue") in spans else "",
            )
        )
    named: list[Gold] = sorted(
        (g for g in out if g.source and not _is_pronoun(g.source_text)),
        key=lambda g: g.source[0][0],  # type: ignore[index]
    )
    for g in out:
        if g.source and _is_pronoun(g.source_text):
            before = [n for n in named if n.source[0][0] < g.source[0][0]]  # type: ignore[index]
            g.antecedent = before[-1] if before else None
    return out


def _is_pronoun(s: str) -> bool:
    return s.strip().lower() in PRONOUNS


def _words(s: str) -> list[str]:
    s = s.replace("\u2019", "'").lower()
    s = re.sub(r"'s\b", "", s)
    return [w for w in re.findall(r"[a-z0-9][a-z0-9'-]*", s) if w not in STOP]


def _overlap(a: list[tuple[int, int]], s: int, e: int) -> int:
    return sum(max(0, min(e2, e) - max(s2, s)) for s2, e2 in a)


def _speaker_matches(gold: Gold, speaker: str, spans: list[tuple[int, int]]) -> bool:
    if gold.source is None:
        return False
    if any(_overlap(gold.source, s, e) == e - s for s, e in spans):
        return True
    sw, gw = _words(speaker), _words(gold.source_text)
    if sw and gw and (sw[-1] in gw or gw[-1] in sw):
        return True
    if gold.antecedent is not None:
        return _speaker_matches(gold.antecedent, speaker, spans)
    return False


def _quote_region(text: str, span: tuple[int, int], quote: str | None) -> tuple[int, int]:
    if quote:
        lo = max(0, span[0] - 3000)
        best = None
        for m in re.finditer(re.escape(quote), text[lo : span[1] + len(quote)]):
            pos = lo + m.start()
            if best is None or abs(pos - span[0]) < abs(best - span[0]):
                best = pos
        if best is not None:
            return best, best + len(quote)
    return span


def documents(root: Path, split: str) -> list[tuple[str, str, date | None, Path]]:
    published: dict[str, date] = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            with contextlib.suppress(ValueError, KeyError):
                published[row["filename"]] = date.fromisoformat(row["publication_date"])
    anns: dict[str, Path] = {}
    for p in sorted((root / split / "attributions").glob("*.ann")):
        anns.setdefault(re.sub(r"_[0-9a-f]{4}$", "", p.stem), p)
    out = []
    for p in sorted((root / split / "text").glob("*.txt")):
        if p.stem in anns:
            out.append((p.stem, p.read_text(encoding="utf-8"), published.get(p.stem), anns[p.stem]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the polnear folder (metadata.tsv, dev/, train/)")
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--errors", type=int, default=0, help="print N wrong and N missed")
    args = parser.parse_args()
    docs = documents(args.data, args.split)
    claims_n = scored = correct = with_source = 0
    found = 0
    wrong: list[str] = []
    missed: list[str] = []
    elapsed = 0.0
    for name, text, published, ann in docs:
        golds = read_ann(ann)
        t0 = time.perf_counter()
        result = extract(text, published)
        elapsed += time.perf_counter() - t0
        with_source += sum(1 for g in golds if g.source)
        hit_here: set[int] = set()
        for c in result.claims:
            if c.kind != "quote" or not c.speaker:
                continue
            claims_n += 1
            s, e = _quote_region(text, c.span, c.quote)
            best = max(golds, key=lambda g: _overlap(g.content, s, e), default=None)
            if best is None or _overlap(best.content, s, e) == 0:
                continue
            scored += 1
            spans = [(m.start, m.end) for m in result.mentions if m.entity == c.speaker]
            if _speaker_matches(best, c.speaker, spans):
                correct += 1
                if best.source:
                    hit_here.add(id(best))
            else:
                wrong.append(
                    f"{name}: got {c.speaker!r} gold {best.source_text or '(no source)'!r}"
                    + (f" (~{best.antecedent.source_text!r})" if best.antecedent else "")
                    + f" | {c.text[:140]!r}"
                )
        found += len(hit_here)
        for g in golds:
            if g.source and id(g) not in hit_here:
                missed.append(f"{name}: {g.source_text!r} [{g.cue_text}] {g.content_text[:100]!r}")
    p = correct / scored if scored else 0.0
    r = found / with_source if with_source else 0.0
    print(f"split: {args.split}  documents: {len(docs)}  quote claims with a speaker: {claims_n}")
    print(f"scored (in a gold Content): {scored}  correct: {correct}")
    print(f"gold attributions with a Source: {with_source}  found: {found}")
    print(f"precision {p:.3f}  recall {r:.3f}  ({len(docs) / elapsed:.1f} docs/s extraction)")
    if args.errors:
        print("\n# wrong speakers")
        print("\n".join(wrong[: args.errors]))
        print("\n# missed gold attributions")
        print("\n".join(missed[: args.errors]))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
