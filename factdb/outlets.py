"""The outlet behind a URL: its registered domain, so that two sources' independence can be judged.

``outlet_from_url("https://www.bbc.co.uk/news/x")`` is ``"bbc.co.uk"``: the domain a
registrant owns under a public suffix, from the Public Suffix List as tldextract ships it
(``co.uk`` is a suffix, so ``bbc.co.uk`` and not ``co.uk``; a private suffix such as
``blogspot.com`` keeps each blog apart). Archive copies name the page they keep, so
``http://web.archive.org/web/2014.../http://www.waff.com:80/story/...`` is ``"waff.com"``;
likewise archive.today (archive.ph, .is, .li, .md, .vn, .fo), Google's cache and other
Wayback installations. Ports, user names and letter case do not matter. File paths, IP
addresses, single-label hosts and other junk give ``None``.

Offline only: tldextract is built without suffix-list URLs and without a cache directory, so
it uses its bundled snapshot and never touches the network; it is built once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import tldextract

# Hosts whose pages are copies of another URL, embedded in their path.
_ARCHIVE_HOST = re.compile(
    r"^(?:[\w-]+\.)*(?:archive\.org|archive\.(?:today|ph|is|li|md|vn|fo)|archive-it\.org|"
    r"arquivo\.pt|webarchive\.org\.uk|webarchive\.nationalarchives\.gov\.uk|"
    r"webcitation\.org|webcache\.googleusercontent\.com|cachedview\.nl)$",
    re.IGNORECASE,
)
# the embedded URL: after the archive's own path segments (timestamps, "newest", "o/ID")
_EMBEDDED = re.compile(
    r"(?:^|/|cache:|[?&]url=)((?:https?|ftp):/{1,3}[^\s]+|www\.[^\s/]+\S*)", re.I
)
_WAYBACK_PATH = re.compile(
    r"^/(?:web/|wayback/|\d+/|o/[^/]+/|newest/|oldest/|\d{4}[.\d-]*/)*(?:[\w*]+/)?"
    r"(?P<rest>[^/]+\.[^/]+(?:/.*)?)$"
)
_OTHER_SCHEME = re.compile(r"^(?!https?://|ftp://)[a-z][a-z0-9+.-]*:(?!\d)", re.I)


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
    )


def _host(url: str) -> str | None:
    if re.match(r"^(?:/|~|\\|\.{1,2}/|[A-Za-z]:[\\/])", url) or _OTHER_SCHEME.match(url):
        return None  # a file path, "file:", "mailto:", "javascript:" ...
    parts = urlsplit(url if "://" in url else "//" + url.lstrip("/"))
    try:
        host = parts.hostname
    except ValueError:
        return None
    return host.rstrip(".") if host else None


def _unwrap(url: str, host: str) -> str | None:
    """The URL an archive's page keeps, or ``None`` when ``host`` is no archive."""
    if not _ARCHIVE_HOST.match(host):
        return None
    split = urlsplit(url if "://" in url else "//" + url)
    path = unquote(split.path + ("?" + split.query if split.query else ""))
    m = _EMBEDDED.search(path)
    if m is not None:
        return m.group(1)
    w = _WAYBACK_PATH.match(split.path)
    if w is not None and "." in w.group("rest").split("/")[0]:
        return w.group("rest")
    return ""  # an archive page whose original is not in its URL ("archive.ph/AbCdE")


def outlet_from_url(url: str | None) -> str | None:
    """The registered domain of the outlet that published ``url`` (see the module docstring)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    for _ in range(4):  # an archive of an archive
        if not url:
            return None
        host = _host(url)
        if host is None:
            return None
        inner = _unwrap(url, host)
        if inner is None:
            break
        url = inner
    else:
        return None
    if "." not in host or re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host):
        return None
    r = _extractor()(host)
    if not r.domain or not r.suffix:
        return None
    return f"{r.domain}.{r.suffix}".lower()


__all__ = ["outlet_from_url"]
