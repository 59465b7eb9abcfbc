"""Story grouping: URL and title keys, and grouping within a window of days."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.stories import assign_stories, title_key, url_key


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://mp.weixin.qq.com/s/abc/", "mp.weixin.qq.com/s/abc"),
        ("HTTP://WWW.Example.com", "example.com"),
        ("https://a.com/x?utm_source=feed&id=3", "a.com/x?id=3"),
        ("https://a.com/x?id=3#comments", "a.com/x?id=3"),
        ("https://a.com/p#f", "a.com/p"),
        ("https://a.com:8080/x", "a.com:8080/x"),
        ("javascript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("", None),
        (None, None),
    ],
)
def test_url_key(url, key) -> None:
    assert url_key(url) == key


def test_short_titles_do_not_merge() -> None:
    assert title_key("周报") is None


def test_same_story_across_feeds_within_window() -> None:
    rows = [
        ("ai-insights:2026-01-02:f001", date(2026, 1, 2), "https://x.com/a?utm_medium=rss", "某实验室发布新一代推理模型"),
        ("sudi:2026-01-01:b003", date(2026, 1, 1), "https://www.x.com/a", "完全不同的标题写法也可以"),
        ("sudi:2026-01-03:f002", date(2026, 1, 3), "https://y.com/b", "某实验室发布新一代推理模型！"),
        ("sudi:2026-02-01:f001", date(2026, 2, 1), "https://y.com/b", "一个月后同一链接算新故事"),
    ]  # fmt: skip
    stories = assign_stories(rows)
    assert stories["ai-insights:2026-01-02:f001"] == "ai-insights:2026-01-02:f001"
    assert stories["sudi:2026-01-01:b003"] == "ai-insights:2026-01-02:f001"
    assert stories["sudi:2026-01-03:f002"] == "ai-insights:2026-01-02:f001"
    assert stories["sudi:2026-02-01:f001"] == "sudi:2026-02-01:f001"
