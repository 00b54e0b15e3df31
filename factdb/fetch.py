"""Fetch one URL for ``factdb ingest https://...`` and read it by its content type.

httpx, imported on first use. Redirects are followed (at most ``MAX_REDIRECTS``) and the final
URL is returned, since that is the page's address; the body is streamed and cut off past
``max_bytes``; ``timeout`` bounds the whole fetch, not each read. Content types that are not
article text are refused before the body is read. Every failure is a ``ReadError`` naming the
URL as given, e.g. ``https://e.org/x: HTTP 404``. A body is read as what its first bytes show
(``factdb.formats.format_of``: servers call feeds ``text/xml`` and JSON lines
``application/octet-stream``), else as its content type says; a content type that is neither
a format's nor a generic one (an image, a PDF) is refused before the body is read.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from factdb import __version__
from factdb.config import DEFAULT_TIMEOUT
from factdb.errors import ReadError
from factdb.formats import format_of, read_bytes, readable_media_type, too_large
from factdb.formats.document import Document, Input

MAX_REDIRECTS = 5
ACCEPT = "text/html, application/rss+xml, application/atom+xml, text/plain, application/json;q=0.9"


@dataclass(frozen=True)
class Fetched:
    """A fetched body: ``media_type`` is None when the server sent no content type."""

    url: str
    media_type: str | None
    charset: str | None
    data: bytes


def is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower() or None, charset


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float = DEFAULT_TIMEOUT,
    max_redirects: int = MAX_REDIRECTS,
    transport: Any = None,
) -> Fetched:
    """GET ``url``; raises ReadError(url, reason) for HTTP errors, timeouts and refusals."""
    import httpx

    deadline = time.monotonic() + timeout
    headers = {"User-Agent": f"factdb/{__version__}", "Accept": ACCEPT}
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=max_redirects,
                timeout=timeout,
                headers=headers,
                transport=transport,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise ReadError(url, f"HTTP {response.status_code}")
            media_type, charset = _content_type(response.headers.get("content-type"))
            if media_type and not readable_media_type(media_type):
                raise ReadError(
                    url,
                    f"unsupported content type '{media_type}' "
                    "(expected HTML, an RSS/Atom feed, text, JSON or CSV)",
                )
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise ReadError(url, too_large(max_bytes, int(length)))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise ReadError(url, too_large(max_bytes))
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("deadline")
                chunks.append(chunk)
            final = str(response.url)
    except httpx.TooManyRedirects:
        raise ReadError(url, f"more than {max_redirects} redirects") from None
    except httpx.TimeoutException:
        raise ReadError(url, f"timed out after {timeout:g} s (raise it with --timeout)") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise ReadError(url, f"not a valid URL ({exc})") from None
    except httpx.HTTPError as exc:
        raise ReadError(url, f"could not fetch ({exc.__class__.__name__}: {exc})") from None
    return Fetched(final, media_type, charset, b"".join(chunks))


def read_url(url: str, *, max_bytes: int, timeout: float) -> Iterator[Document | ReadError]:
    """Fetch ``url`` and read it by content type; documents carry the final (redirected) URL."""
    try:
        page = fetch(url, max_bytes=max_bytes, timeout=timeout)
    except ReadError as exc:
        yield exc
        return
    fmt = format_of(page.media_type, page.data)
    yield from read_bytes(page.data, fmt, Input(url, url=page.url, charset=page.charset))
