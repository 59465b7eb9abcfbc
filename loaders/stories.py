"""Group articles that report the same story: same normalised URL or same normalised title.

Two articles belong to one story when, within ``WINDOW_DAYS`` of each other,
their links normalise to the same URL (scheme, ``www.``, fragments, trailing
slashes and tracking parameters ignored) or their titles normalise to the same
text (case, spaces, punctuation and emoji ignored). The story id is the
smallest article id in the group, so it is stable across re-ingests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit

WINDOW_DAYS = 3
MIN_TITLE_KEY = 8  # shorter titles ("周报", "快讯") are too generic to merge on
_TRACKING = re.compile(r"^(utm_\w+|ref|source|from|spm|scene|chksm|share\w*|fbclid|gclid)$")
_SIMPLE_URL = re.compile(r"(?i)https?://(?P<host>[^/?#@\s]+)(?P<path>/[^?#\s]*)?$")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def url_key(url: str | None) -> str | None:
    """A URL without the parts that do not change what it points to.

    >>> url_key("https://www.Example.com/a/b/?utm_source=x&id=3#top")
    'example.com/a/b?id=3'
    >>> url_key("javascript:alert(1)") is None
    True
    """
    if not url:
        return None
    simple = _SIMPLE_URL.match(url)
    if simple:  # the common case, without query or fragment: skip urlsplit
        return simple["host"].lower().removeprefix("www.") + (simple["path"] or "").rstrip("/")
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    host = parts.netloc.lower().removeprefix("www.")
    query = sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k))
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{urlencode(query)}" if query else "")


def title_key(title: str | None) -> str | None:
    """A title without case, spaces, punctuation or emoji.

    >>> title_key("OpenAI 发布 GPT-5！") == title_key("openai发布gpt5")
    True
    """
    if not title:
        return None
    key = _NOT_WORD.sub("", title).lower()
    return key if len(key) >= MIN_TITLE_KEY else None


def assign_stories(articles: Iterable[tuple[str, date, str | None, str | None]]) -> dict[str, str]:
    """Map article_id -> story_id for (article_id, date, url, title) rows.

    >>> rows = [("a", date(2026, 1, 1), "https://x.com/1", "某公司发布新模型和新产品"),
    ...         ("b", date(2026, 1, 2), "http://www.x.com/1/", "另一个标题完全不同的报道"),
    ...         ("c", date(2026, 1, 9), "https://x.com/1", "第三篇文章在一周之后出现")]
    >>> assign_stories(rows)
    {'a': 'a', 'b': 'a', 'c': 'c'}
    """
    rows = sorted(articles, key=lambda r: (r[1], r[0]))
    parent = {r[0]: r[0] for r in rows}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    last_seen: dict[tuple[str, str], tuple[date, str]] = {}
    for article_id, day, url, title in rows:
        for key in (("url", url_key(url)), ("title", title_key(title))):
            if key[1] is None:
                continue
            seen = last_seen.get(key)
            if seen and (day - seen[0]).days <= WINDOW_DAYS:
                a, b = find(article_id), find(seen[1])
                parent[max(a, b)] = min(a, b)
            last_seen[key] = (day, article_id)
    return {article_id: find(article_id) for article_id in parent}
