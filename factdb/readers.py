"""Turn paths, URLs and stdin into ``Document`` records, one per article.

A reader never raises for one bad article in a batch: ``read_inputs`` yields either a
``Document`` or a ``ReadError`` for each item, so the caller can report the error and go on.

A file's format comes from its suffix, standard input's (``-``) from its first bytes (HTML,
feeds, JSON, JSON lines, else text), a URL's (``factdb.fetch``) from its first bytes, else
its content type; the formats themselves are declared in ``factdb.formats``. Bytes are
decoded as UTF-8 (BOM or not), UTF-16/32 with a BOM, else a Western single-byte encoding that
charset-normalizer detects; line ends become ``\\n``.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from factdb.config import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from factdb.errors import ReadError
from factdb.fetch import is_url, read_url
from factdb.formats import BY_SUFFIX, SUPPORTED_SUFFIXES, read_bytes, sniff, too_large
from factdb.formats.document import Document, Input, text_hash
from factdb.formats.feeds import parse_feed, read_feed

__all__ = ["Document", "iter_files", "plan_inputs", "read_file", "read_inputs", "text_hash"]


def _read_limited(stream: BinaryIO, max_bytes: int, origin: str) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadError(origin, too_large(max_bytes))
    return data


def iter_files(path: Path) -> Iterator[Path]:
    """Candidate files below a directory, sorted, skipping hidden files and folders.

    Broken links and other non-regular files with a supported suffix are yielded too, so
    ``read_file`` reports them instead of skipping them silently.
    """
    for child in sorted(path.rglob("*")):
        rel = child.relative_to(path)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if child.suffix.lower() in BY_SUFFIX and not child.is_dir():
            yield child


def read_file(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, in_directory: bool = False
) -> Iterator[Document | ReadError]:
    """Read one file; ``in_directory`` refuses FIFOs (reading one would block) and skips
    ``.xml`` that is not a feed."""
    origin = str(path)
    suffix = path.suffix.lower()
    fmt = BY_SUFFIX.get(suffix)
    if fmt is None:
        yield ReadError(
            origin, f"unsupported file type '{suffix or path.name}' ({SUPPORTED_SUFFIXES})"
        )
        return
    try:
        info = path.stat()
        if in_directory and not stat.S_ISREG(info.st_mode):
            yield ReadError(origin, "not a regular file (a FIFO, socket or device), skipped")
            return
        if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
            yield ReadError(origin, too_large(max_bytes, info.st_size))
            return
        with path.open("rb") as fh:
            data = _read_limited(fh, max_bytes, origin)
    except ReadError as exc:
        yield exc
        return
    except FileNotFoundError:
        if path.is_symlink():
            yield ReadError(origin, f"broken symbolic link (to '{os.readlink(path)}')")
        else:
            yield ReadError(origin, "no such file or directory")
        return
    except OSError as exc:
        yield ReadError(origin, exc.strerror or str(exc))
        return
    if suffix == ".xml" and data:  # .xml is many things; only feeds are articles
        parsed = parse_feed(data)
        if parsed is None:
            if not in_directory:
                yield ReadError(origin, "XML that is not an RSS or Atom feed")
            return
        yield from read_feed(data, Input(origin), parsed=parsed)
        return
    yield from read_bytes(data, fmt, Input(origin, path_key=path.resolve().as_uri()))


def read_inputs(
    inputs: Iterable[str],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[Document | ReadError]:
    """Yield a Document or a ReadError for every article named by ``inputs``."""
    for item in inputs:
        for unit in plan_inputs([item], stdin=stdin, max_bytes=max_bytes, timeout=timeout):
            yield from unit


def plan_inputs(
    inputs: Iterable[str],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[Iterator[Document | ReadError]]:
    """One lazy reader per file, URL or stdin that ``inputs`` name, directories listed now,
    so how many things there are to read is known before any is read."""
    units: list[Iterator[Document | ReadError]] = []
    for item in inputs:
        if item == "-":
            units.append(_read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes))
        elif is_url(item):
            units.append(read_url(item, max_bytes=max_bytes, timeout=timeout))
        else:
            units.extend(_plan_path(item, max_bytes))
    return units


def _read_stdin(stream: BinaryIO, max_bytes: int) -> Iterator[Document | ReadError]:
    try:
        data = _read_limited(stream, max_bytes, "<stdin>")
    except ReadError as exc:
        yield exc
        return
    yield from read_bytes(data, sniff(data), Input("<stdin>"))


def _plan_path(item: str, max_bytes: int) -> list[Iterator[Document | ReadError]]:
    path = Path(item)
    if path.is_symlink() and not path.exists():
        return [iter([ReadError(item, f"broken symbolic link (to '{os.readlink(path)}')")])]
    if not path.exists():
        return [iter([ReadError(item, "no such file or directory")])]
    if not path.is_dir():
        return [read_file(path, max_bytes=max_bytes)]
    try:
        files = list(iter_files(path))
    except OSError as exc:
        return [iter([ReadError(item, exc.strerror or str(exc))])]
    if not files:
        return [iter([ReadError(item, f"directory holds no article files ({SUPPORTED_SUFFIXES})")])]
    return [read_file(file, max_bytes=max_bytes, in_directory=True) for file in files]
