"""Hash what factdb stores and reports, to show that a refactor keeps behaviour.

Usage: python benchmarks/behaviour_hash.py [--bench ../shared/bench] [--seeds seeds/]
    [--only seeds|gva|timebank]

For each corpus (the bundled seeds, the GVA dev articles, the TimeBank + AQUAINT texts) a fresh
SQLite database is filled through the CLI (``factdb ingest``), then ``factdb claims --status all
--format json`` and ``factdb contradictions --format json`` are read back, canonicalised (keys
sorted) and hashed. The CLI is the stable contract, so the same script runs before and after a
change of the library's shape; equal hashes mean equal claims and contradictions. Nothing from
the benchmark data is committed: it is read by path and written to a temporary folder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _gva_jsonl(bench: Path, out: Path) -> Path:
    """One JSON line per GVA dev article: text, title, url and publication date."""
    target = out / "gva.jsonl"
    with (
        (bench / "gva" / "gva-dev.jsonl").open(encoding="utf-8") as fh,
        target.open("w", encoding="utf-8") as dst,
    ):
        for line in fh:
            if not line.strip():
                continue
            incident = json.loads(line)
            for article in incident["articles"]:
                if not article.get("content", "").strip():
                    continue
                row = {
                    "text": article["content"],
                    "title": article.get("title"),
                    "url": article.get("uri") or None,
                    "published": article.get("dct") or None,
                }
                dst.write(json.dumps(row) + "\n")
    return target


_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG = re.compile(r"<[^>]+>")
_DCT = re.compile(r'functionInDocument="CREATION_TIME"[^>]*value="(\d{4}-\d{2}-\d{2})')
_DCT2 = re.compile(r'value="(\d{4}-\d{2}-\d{2})"[^>]*functionInDocument="CREATION_TIME"')


def _timebank_jsonl(bench: Path, out: Path) -> Path:
    """One JSON line per TimeBank/AQUAINT document: its <TEXT> without tags and its DCT."""
    import html

    target = out / "timebank.jsonl"
    paths = sorted((bench / "timebank").glob("*/*.tml"))
    with target.open("w", encoding="utf-8") as dst:
        for path in paths:
            raw = path.read_text(encoding="utf-8")
            m = _TEXT.search(raw)
            if not m:
                continue
            text = html.unescape(_TAG.sub("", m.group(1))).strip()
            dct = _DCT.search(raw) or _DCT2.search(raw)
            row = {
                "text": text,
                "title": path.stem,
                "url": f"https://timebank.example/{path.parent.name}/{path.stem}",
                "published": dct.group(1) if dct else None,
            }
            dst.write(json.dumps(row) + "\n")
    return target


def _factdb(db: Path, *args: str) -> str:
    cmd = [sys.executable, "-m", "factdb", "--db", str(db), *args]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=db.parent)
    if done.returncode not in (0, 1):
        sys.exit(f"error: {' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
    return done.stdout


def _digest(payload: str) -> tuple[str, int]:
    rows = json.loads(payload) if payload.strip() else []
    canonical = json.dumps(rows, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16], len(rows)


def run(name: str, inputs: list[Path], work: Path) -> dict:
    db = work / f"{name}.sqlite"
    started = time.perf_counter()
    _factdb(db, "ingest", *map(str, inputs))
    seconds = time.perf_counter() - started
    claims, n_claims = _digest(_factdb(db, "claims", "--status", "all", "--format", "json"))
    pairs, n_pairs = _digest(_factdb(db, "contradictions", "--format", "json"))
    return {
        "corpus": name,
        "claims": n_claims,
        "claims_sha256": claims,
        "contradictions": n_pairs,
        "contradictions_sha256": pairs,
        "ingest_seconds": round(seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--only", choices=["seeds", "gva", "timebank"], action="append")
    args = parser.parse_args()
    wanted = args.only or ["seeds", "gva", "timebank"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpora = {
            "seeds": lambda: [args.seeds],
            "gva": lambda: [_gva_jsonl(args.bench, work)],
            "timebank": lambda: [_timebank_jsonl(args.bench, work)],
        }
        for name in wanted:
            print(json.dumps(run(name, corpora[name](), work)), flush=True)


if __name__ == "__main__":
    main()
