"""outlet_from_url: the registered domain, archives unwrapped, junk refused (offline)."""

from __future__ import annotations

import pytest

from factdb.outlets import outlet_from_url


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.bbc.co.uk/news/world-1234", "bbc.co.uk"),
        ("www.bbc.co.uk", "bbc.co.uk"),
        ("http://WWW.Chron.COM:8080/news/story.php", "chron.com"),
        ("https://reader@news.example.com.au/a/b?c=d", "example.com.au"),
        (
            "http://web.archive.org/web/20140215012040/http://www.waff.com:80/story/24723/x",
            "waff.com",
        ),
        ("https://web.archive.org/web/20160101000000id_/https://edition.cnn.com/x", "cnn.com"),
        ("http://web.archive.org/web/2015/www.wsmv.com/story/1", "wsmv.com"),
        ("https://archive.ph/2019.05.01-101010/https://www.nytimes.com/2019/a.html", "nytimes.com"),
        ("https://archive.today/newest/https://www.theguardian.com/uk", "theguardian.com"),
        ("https://archive.is/o/Xy12z/https://www.reuters.com/article/x", "reuters.com"),
        (
            "https://web.archive.org/web/2020/https://archive.ph/newest/https://www.ft.com/a",
            "ft.com",
        ),
        ("https://myblog.blogspot.com/2015/05/post.html", "myblog.blogspot.com"),
    ],
)
def test_registered_domain(url: str, outlet: str) -> None:
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "junk",
        "/var/data/articles/story.txt",
        "./story.md",
        "C:\\news\\story.txt",
        "file:///tmp/story.html",
        "mailto:desk@example.com",
        "http://localhost:8000/x",
        "http://10.0.0.7/feed",
        "https://archive.ph/AbCdE",  # the original is not in the URL
        "https://web.archive.org/web/20140215012040/",
    ],
)
def test_none_for_paths_and_junk(url: str) -> None:
    assert outlet_from_url(url) is None


def test_not_a_string() -> None:
    assert outlet_from_url(None) is None
