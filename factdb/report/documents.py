"""Reports a fact-checker reads or publishes: Markdown, one self-contained HTML file, JSON.

HTML goes through Jinja2 with autoescape on, so article text (which can hold ``<script>``)
comes out inert; links are only emitted for http(s) URLs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from factdb import __version__
from factdb.db.models import Contradiction
from factdb.report.serialize import contradiction_dict, key_text, value_text


def _safe_url(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("http://", "https://")) else None


def report_context(rows: Sequence[Contradiction], title: str) -> dict[str, Any]:
    """Everything a report shows, as plain data (the JSON report is exactly this)."""
    items = []
    for row in rows:
        data = contradiction_dict(row, with_reviews=True)
        data["key"] = key_text(row.claim_a)
        for side, claim in (("a", row.claim_a), ("b", row.claim_b)):
            data[side]["value_text"] = value_text(claim)
            data[side]["source"]["safe_url"] = _safe_url(claim.source.url)
        items.append(data)
    return {
        "title": title,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "factdb_version": __version__,
        "count": len(items),
        "contradictions": items,
    }


def render_json(context: dict[str, Any]) -> str:
    return json.dumps(context, indent=2, ensure_ascii=False) + "\n"


def _md(text: str | None) -> str:
    """Markdown-inert text: no raw HTML, no accidental emphasis or links."""
    if not text:
        return ""
    out = text.replace("\\", "\\\\")
    for ch in "<>*_`[]#|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def render_markdown(context: dict[str, Any]) -> str:
    lines = [
        f"# {_md(context['title'])}",
        "",
        f"{context['count']} open contradiction(s), generated {context['generated']} "
        f"by factdb {context['factdb_version']}.",
        "",
    ]
    for item in context["contradictions"]:
        lines += [
            f"## #{item['id']} {_md(item['key'])}: {item['hardness']} {item['kind']} "
            f"(severity {item['severity']:.2f}, {item['scope']}-source)",
            "",
        ]
        for label, side in (("A", item["a"]), ("B", item["b"])):
            source = side["source"]
            name = _md(source["title"] or source["outlet"] or f"source {source['id']}")
            link = f"[{name}]({source['safe_url']})" if source["safe_url"] else name
            who = f", {_md(side['speaker'])}" if side["speaker"] else ""
            lines += [
                f"**{label}: {_md(side['value_text'])}** (as of {side['as_of']}{who})",
                "",
                f"> {_md(side['text'])}",
                "",
                f"Source: {link}"
                + (f", {_md(source['outlet'])}" if source["outlet"] else "")
                + (f", published {source['published']}" if source["published"] else ""),
                "",
            ]
        for review in item["reviews"]:
            lines.append(
                f"- {review['at']} {_md(review['reviewer'])}: {review['old_status']} -> "
                f"{review['new_status']}" + (f": {_md(review['note'])}" if review["note"] else "")
            )
        if item["reviews"]:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_html(context: dict[str, Any]) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("factdb.report", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("report.html.j2").render(**context)


RENDERERS = {"markdown": render_markdown, "html": render_html, "json": render_json}
