"""Progress of a long ingest and Ctrl-C (issue 15, point 10): "n/N, articles/s, ETA" when
the number of articles is known, and one line saying what was stored when interrupted."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import Factdb
from rich.console import Console

from factdb import readers
from factdb.api import FactDB
from factdb.cli.ingest_progress import IngestProgress, drawn


def _articles(folder: Path, count: int) -> Path:
    folder.mkdir(exist_ok=True)
    for n in range(1, count + 1):
        (folder / f"a{n:02d}.md").write_text(
            f"---\noutlet: Paper {n}\npublished: 2021-05-{n:02d}\n---\n"
            f"The city council said {n * 7} homes were flooded in Dover.\n",
            encoding="utf-8",
        )
    return folder


def test_ctrl_c_says_what_was_stored_and_exits_130(
    factdb: Factdb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    news = _articles(tmp_path / "news", 10)
    real = readers.read_file

    def read_until_interrupted(path: Path, **kwargs):
        if path.name == "a07.md":  # Ctrl-C while the fourth batch of two is being read
            raise KeyboardInterrupt
        yield from real(path, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(readers, "read_file", read_until_interrupted)
        result = factdb("ingest", str(news), "--batch-size", "2", code=130)
    # batches one and two were written; the third was read, not yet written
    assert result.stderr.splitlines()[1:] == [
        "interrupted: 4 of 10 articles stored; run the same command again to finish"
    ]
    assert result.stdout == ""
    stored = factdb.json("sources")
    assert sorted(s["outlet"] for s in stored) == [f"Paper {n}" for n in (1, 2, 3, 4)]
    again = factdb("ingest", str(news), "--batch-size", "2")
    assert again.stdout.strip().startswith("10 sources, 6 new revisions,")
    assert again.stdout.strip().endswith("4 unchanged")


def test_ctrl_c_from_the_progress_callback(
    factdb: Factdb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    news = _articles(tmp_path / "news", 5)
    real = IngestProgress.on_item

    def interrupt_on_third(self: IngestProgress, origin, stored, error) -> None:
        real(self, origin, stored, error)
        if self.done == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(IngestProgress, "on_item", interrupt_on_third)
    result = factdb("ingest", str(news), "--batch-size", "3", code=130)
    assert result.stderr.splitlines()[-1] == (
        "interrupted: 3 of 5 articles stored; run the same command again to finish"
    )
    assert len(factdb.json("sources")) == 3  # on_item hears of an article once committed


def test_expected_total_follows_what_the_files_hold(db_url: str, tmp_path: Path) -> None:
    news = _articles(tmp_path / "news", 2)
    lines = [
        {"text": f"Officials said {n} roads were closed in Dover.", "url": f"https://e.org/{n}"}
        for n in (11, 12, 13)
    ]
    (news / "c.jsonl").write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    (news / "d.xml").write_text("<config><not-a-feed/></config>", encoding="utf-8")
    totals: list[int] = []
    seen: list[tuple[int, int]] = []

    def on_item(origin, stored, error) -> None:
        seen.append((len(seen) + 1, totals[-1]))

    with FactDB(db_url) as db:
        report = db.ingest([news], on_item=on_item, on_total=totals.append, batch_size=2)
    # four files; the JSON lines file holds three articles, the .xml none
    assert totals == [4, 5, 6, 5]
    assert len(seen) == 5 and not report.errors
    assert all(done <= total for done, total in seen)


def test_progress_draws_count_rate_and_eta() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    progress = IngestProgress()
    with drawn(progress, True, console=console):
        progress.on_total(40)
        for _ in range(12):
            progress.on_item("a.md", object(), None)
        assert progress.display is not None
        table = progress.display.make_tasks_table(progress.display.tasks)
        line = io.StringIO()
        Console(file=line, width=120, color_system=None).print(table)
    text = line.getvalue()
    assert "12/40" in text and "articles/s" in text and "ETA" in text
    assert progress.display is None  # the drawing ends with the ingest
