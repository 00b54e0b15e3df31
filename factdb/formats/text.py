"""Plain text and Markdown articles, with optional ``---``-fenced YAML front matter.

Front matter errors name the line within the file: ``PATH:LINE: front matter is not valid
YAML (<what PyYAML found>)``. PyYAML is imported on first use.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any, ClassVar

from factdb.formats.decoding import decode, recode
from factdb.formats.document import Document, Input, LineError, document_from_mapping

# line breaks to YAML 1.1 but not to the file's line numbers (the reader splits at LF only)
YAML_ONLY_BREAKS = "\x85\u2028\u2029"


def _load_yaml(header: str) -> Any:
    """``yaml.safe_load`` without aliases (``&a``/``*a`` can expand a few bytes exponentially)
    and without YAML's own timestamps: dates stay text, so ``date_field`` checks them and an
    error names the key (``published: not a date: '2018-13-45'``)."""
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        yaml_implicit_resolvers: ClassVar[dict[str, list[Any]]] = {
            first: [
                (tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"
            ]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                mark = self.peek_event().start_mark
                raise yaml.composer.ComposerError(None, None, "aliases are not allowed", mark)
            return super().compose_node(parent, index)

    return yaml.load(header, Loader=NoAliasLoader)


def _yaml_error(exc: Exception, header: str) -> LineError:
    """``front matter is not valid YAML (reason)`` at the line of the file it is about.

    A syntax error (``MarkedYAMLError``) carries ``problem`` and a mark; a character YAML
    refuses, such as the C1 control character U+009B (``ReaderError``), carries its code
    point, a ``reason`` and its ``position``. Lines are the file's, counted at ``\\n``;
    YAML also breaks lines at U+0085, U+2028 and U+2029, which the reason then points out,
    since a title holding one reads to YAML as two lines.
    """
    import yaml

    def line_of(index: int) -> int:
        return header.count("\n", 0, index) + 2  # + the opening fence

    problem = getattr(exc, "problem", None)
    mark = getattr(exc, "problem_mark", None)
    index = mark.index if mark is not None else None
    if isinstance(exc, yaml.reader.ReaderError):  # read from a str: character is a code point
        problem = f"unacceptable character #x{exc.character:04x}: {exc.reason}"
        index = exc.position
    if problem and index is not None:
        hidden = next((i for i, c in enumerate(header[:index]) if c in YAML_ONLY_BREAKS), None)
        if hidden is not None:
            problem += (
                f"; YAML reads U+{ord(header[hidden]):04X} on line {line_of(hidden)} "
                "as a line break"
            )
    error = LineError(
        f"front matter is not valid YAML ({problem})"
        if problem
        else "front matter is not valid YAML"
    )
    error.line = line_of(index) if index is not None else None
    return error


def split_front_matter(raw: str) -> tuple[dict[str, Any], str]:
    """Split ``---``-fenced YAML front matter from the body; no fence means no metadata."""
    import yaml

    if not raw.startswith("---"):
        return {}, raw
    first_nl = raw.find("\n")
    if first_nl == -1 or raw[:first_nl].strip() != "---":
        return {}, raw
    end = raw.find("\n---", first_nl)
    while end != -1:
        line_end = raw.find("\n", end + 1)
        fence = raw[end + 1 : line_end if line_end != -1 else len(raw)]
        if fence.strip() == "---":
            break
        end = raw.find("\n---", end + 1)
    if end == -1:
        raise ValueError("front matter: no closing '---' line")
    header = raw[first_nl + 1 : end]
    body_start = line_end + 1 if line_end != -1 else len(raw)
    try:
        meta = _load_yaml(header) or {}
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, header) from exc
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # the YAML parses but a value cannot be built, e.g. ``published: 2018-13-45``
        raise ValueError(f"front matter: bad value ({exc})") from exc
    if not isinstance(meta, dict):
        raise ValueError("front matter: expected key: value pairs")
    return {str(k): v for k, v in meta.items()}, raw[body_start:]


def read_text(data: bytes, given: Input) -> Iterator[Document]:
    """One article: the text after the front matter, the front matter as metadata."""
    meta, body = split_front_matter(decode(recode(data, given.charset)))
    if not body.strip():
        raise ValueError("no article text")
    doc = document_from_mapping(meta, body, origin=given.origin, path_key=given.path_key)
    yield replace(doc, url=doc.url or given.url)
