"""Shared loader for the Gun Violence Archive dev split (``gva/gva-dev.jsonl``).

Benchmarks read the data by path; nothing from it is committed into the project.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from factdb.dates import date_field
from factdb.readers import Document


def incidents(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def documents(path: Path, limit: int | None = None) -> list[Document]:
    """One Document per article: content, title, archive URL and publication date (dct)."""
    docs: list[Document] = []
    for incident in incidents(path):
        for article in incident["articles"]:
            if not article.get("content", "").strip():
                continue
            docs.append(
                Document(
                    text=article["content"],
                    origin=f"gva:{incident['incident_id']}:{article['doc_id']}",
                    title=article.get("title"),
                    url=article.get("uri") or None,
                    published=date_field(article.get("dct"), what="dct"),
                )
            )
            if limit is not None and len(docs) >= limit:
                return docs
    return docs
