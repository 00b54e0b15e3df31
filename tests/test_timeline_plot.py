"""``timeline --plot`` (issue 15, point 9): a marker for every value, labels at their value,
"$" as plain text, and no label covering another."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import Factdb
from matplotlib.text import Text

from factdb.api import FactDB
from factdb.report.label_layout import Box, spread_labels
from factdb.report.timeline_plot import timeline_figure


def _article(folder: Path, name: str, published: str, sentence: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.md").write_text(
        f"---\noutlet: {name}\npublished: {published}\n---\n{sentence}\n", encoding="utf-8"
    )


def _figure(url: str, measure: str):
    with FactDB(url) as db:
        tl = db.timeline("United States", measure)
        return tl, timeline_figure(tl)


def test_every_value_has_a_marker_and_its_label_sits_at_that_value(
    factdb: Factdb, db_url: str, tmp_path: Path
) -> None:
    news = tmp_path / "news"
    _article(news, "Exact", "2020-03-03", "The United States has 5,200 troops in Iraq.")
    _article(news, "Floor", "2020-03-04", "The United States has at least 1,441 troops in Iraq.")
    _article(news, "Above", "2020-03-05", "The United States has more than 10,000 troops in Iraq.")
    factdb("ingest", str(news))
    svg = tmp_path / "troops.svg"
    result = factdb("timeline", "-e", "US", "--measure", "troops", "--plot", str(svg))
    assert result.stderr.splitlines()[-1] == f"plot written to {svg}"

    tl, fig = _figure(db_url, "troops")
    [ax] = fig.axes
    markers = {line.get_gid(): line for line in ax.get_lines() if line.get_gid()}
    labels = {t.get_gid(): t for t in ax.texts if t.get_gid()}
    by_text = {c.value_text: c.id for c in tl.claims}
    assert set(by_text) == {"5,200", "at least 1,441", "more than 10,000"}
    for text, value, marker in (
        ("5,200", 5200, "o"),
        ("at least 1,441", 1441, "^"),
        ("more than 10,000", 10000, "^"),
    ):
        claim = by_text[text]
        assert markers[f"claim-{claim}"].get_marker() == marker
        assert list(markers[f"claim-{claim}"].get_ydata()) == [value]
        assert labels[f"label-{claim}"].xy[1] == value  # not the top of an open interval
        assert labels[f"label-{claim}"].get_text().startswith(text)
    drawn = svg.read_text(encoding="utf-8")
    for claim in by_text.values():
        assert f'<g id="claim-{claim}">' in drawn


def test_dollar_signs_are_text_not_math_markup(factdb: Factdb, db_url: str, tmp_path: Path) -> None:
    news = tmp_path / "news"
    _article(
        news,
        "Ledger",
        "2020-03-02",
        "The United States has spent $5 billion to $6 billion on the program in Iraq.",
    )
    factdb("ingest", str(news))
    svg = tmp_path / "money.svg"
    factdb("timeline", "-e", "US", "--measure", "money", "--plot", str(svg))
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg.read_text(encoding="utf-8"))
    assert "$5 billion to $6 billion" in texts
    _, fig = _figure(db_url, "money")
    assert [t.get_text().splitlines()[0] for t in fig.axes[0].texts if t.get_gid()] == [
        "$5 billion to $6 billion"
    ]


def test_labels_of_close_values_are_moved_apart_and_still_point_at_their_value(
    factdb: Factdb, db_url: str, tmp_path: Path
) -> None:
    news = tmp_path / "news"
    for n, value in enumerate(("5,000", "5,040", "5,080", "5,120", "5,160")):
        _article(news, f"Paper{n}", "2020-03-02", f"The United States has {value} troops in Iraq.")
    factdb("ingest", str(news))
    _, fig = _figure(db_url, "troops")
    [ax] = fig.axes
    renderer = fig.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_gid()]
    assert sorted(t.xy[1] for t in labels) == [5000, 5040, 5080, 5120, 5160]
    for label in labels:
        label.update_positions(renderer)
    boxes = [Text.get_window_extent(t, renderer) for t in labels]  # the text, not its leader
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)
    assert sum(t.arrow_patch is not None for t in labels) >= 3  # moved ones have a leader


def test_a_label_with_no_free_place_is_left_out() -> None:
    same = [Box(0, 0, 10, 5)] * 8
    shifts = spread_labels(same, gap=0)
    assert shifts == [0, 5, -5, 10, -10, 15, -15, None]
    assert spread_labels([Box(0, 0, 10, 5), Box(20, 0, 30, 5)]) == [0, 0]
