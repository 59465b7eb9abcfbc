"""The primary (速递) format: golden fixture, drift variants, and the real seed digest."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from loaders.formats import pick_format, sudi

GOLDEN = Path(__file__).parent / "golden" / "sudi"
BASE = (GOLDEN / "base.md").read_text(encoding="utf-8")
EXPECTED = json.loads((GOLDEN / "base.json").read_text(encoding="utf-8"))


def summarise(text: str, name: str = "digest.md") -> dict:
    digest = sudi.parse(text, name)
    return {
        "digest_date": digest.digest_date.isoformat() if digest.digest_date else None,
        "features": [
            {
                "title": a.title,
                "category": a.category,
                "sources": [[s.outlet, s.url] for s in a.sources],
                "insight": a.insight,
                "bullets": list(a.bullets),
            }
            for a in digest.features
        ],
        "briefs": [[a.title, a.url] for a in digest.briefs],
    }


def test_golden_base() -> None:
    assert summarise(BASE) == EXPECTED


# Each drift case rewrites the base text; the parse must not change.
SAME_PARSE = {
    "crlf": lambda t: t.replace("\n", "\r\n").replace("\r\n", "\n"),
    "half_width_colons": lambda t: t.replace("：**", ":**"),
    "extra_spaces": lambda t: t.replace("> **分类：** ", ">   **分类 ：**   ").replace(
        "**核心洞察：** ", "**核心洞察**：  "
    ),
    "emoji_briefs_heading": lambda t: t.replace("## 其他相关资讯", "## 📰 其他相关资讯"),
    "other_wording_briefs_heading": lambda t: t.replace("## 其他相关资讯", "## 其它资讯"),
    "more_news_heading": lambda t: t.replace("## 其他相关资讯", "## 🔗 更多资讯"),
    "no_rules": lambda t: t.replace("---\n", ""),
    "star_bullets": lambda t: t.replace("\n- [", "\n* ["),
    "bold_heading": lambda t: t.replace(
        "## 青云科技完成新一轮融资", "## **青云科技完成新一轮融资**"
    ),
    "counted_briefs_heading": lambda t: t.replace("## 其他相关资讯", "## 其他相关资讯（3条）"),
    "h3_briefs_heading": lambda t: t.replace("## 其他相关资讯", "### 其他相关资讯"),
    "numbered_briefs": lambda t: t.replace("- [简讯一", "1. [简讯一").replace(
        "- [简讯二", "2. [简讯二"
    ),
}


@pytest.mark.parametrize("case", sorted(SAME_PARSE))
def test_drift_keeps_parse(case: str) -> None:
    assert summarise(SAME_PARSE[case](BASE)) == EXPECTED


def features_of(text: str, name: str = "digest.md"):
    return sudi.parse(text, name).features


@pytest.mark.parametrize(
    ("case", "text", "check"),
    [
        (
            "missing_insight",
            BASE.replace("**核心洞察：** 资本继续押注算力基础设施。\n", ""),
            lambda fs: fs[1].insight is None and fs[1].bullets == ("融资规模：本轮融资3亿元。",),
        ),
        (
            "missing_bullets",
            BASE.replace("**内容简介：**\n\n- 融资规模：本轮融资3亿元。\n", ""),
            lambda fs: fs[1].bullets == () and fs[1].insight == "资本继续押注算力基础设施。",
        ),
        (
            "plain_outlets_dunhao",
            BASE.replace("[36氪](https://example.com/b1)", "36氪、极客公园"),
            lambda fs: (
                [(s.outlet, s.url) for s in fs[1].sources] == [("36氪", None), ("极客公园", None)]
            ),
        ),
        (
            "plain_outlets_commas",
            BASE.replace("[36氪](https://example.com/b1)", "36氪，极客公园, Founder Park"),
            lambda fs: [s.outlet for s in fs[1].sources] == ["36氪", "极客公园", "Founder Park"],
        ),
        (
            "insight_on_two_lines",
            BASE.replace("资本继续押注算力基础设施。", "资本继续押注\n算力基础设施。"),
            lambda fs: fs[1].insight == "资本继续押注算力基础设施。",
        ),
    ],
)
def test_drift_cases(case: str, text: str, check) -> None:
    assert check(features_of(text)), case


@pytest.mark.parametrize(
    ("title_line", "name", "expected"),
    [
        ("# 🤖 AI行业速递 - 2025年12月22日", "x.md", date(2025, 12, 22)),
        ("# AI行业速递 - 2025 年 1 月 5 日", "x.md", date(2025, 1, 5)),
        ("# AI行业速递", "2025-12-24.md", date(2025, 12, 24)),
        ("# AI行业速递", "digest_20251225.md", date(2025, 12, 25)),
        ("# AI行业速递 - 2025-12-26", "x.md", date(2025, 12, 26)),
        ("# AI行业速递 - 2025年13月40日", "2025-12-27.md", date(2025, 12, 27)),
    ],
)
def test_dates(title_line: str, name: str, expected: date) -> None:
    assert sudi.parse(BASE.replace(BASE.split("\n")[0], title_line), name).digest_date == expected


@pytest.mark.parametrize(
    ("text", "name", "message"),
    [
        (BASE.replace("# 🤖 AI行业速递 - 2025年12月23日", "# AI行业速递"), "x.md", "no date"),
        ("just some notes\nwithout structure", "notes-2025-01-01.md", "no feature"),
        ("", "2025-01-01.md", "no feature"),
    ],
)
def test_not_a_digest_is_an_error(text: str, name: str, message: str) -> None:
    digest = sudi.parse(text, name)
    assert any(p.severity == "error" and message in p.message for p in digest.problems)


def test_missing_category_is_a_warning() -> None:
    digest = sudi.parse(BASE.replace("> **分类：** 市场动态\n", ""), "x.md")
    assert digest.features[1].category is None
    assert [p.line for p in digest.problems if "分类" in p.message] == [16]


def test_seed_digest(sudi_text: str) -> None:
    digest = sudi.parse(sudi_text, "2025-12-22.md")
    assert digest.digest_date == date(2025, 12, 22)
    assert Counter(a.category for a in digest.features) == {
        "市场动态": 3,
        "技术前沿解读": 5,
        "深度行业分析": 1,
        "观点洞察": 1,
    }
    assert len(digest.briefs) == 56
    outlets = Counter(s.outlet for a in digest.features for s in a.sources)
    assert outlets == {
        "量子位": 6,
        "机器之心": 4,
        "赛博禅心": 3,
        "36氪": 3,
        "极客公园": 1,
        "互联网AI早读课": 1,
        "Founder Park": 1,
    }
    assert all(
        s.url.startswith("https://mp.weixin.qq.com/") for a in digest.features for s in a.sources
    )
    assert all(a.insight and a.bullets for a in digest.features)
    assert not digest.problems


def test_seed_detected_as_sudi(sudi_text: str) -> None:
    assert pick_format(sudi_text, "2025-12-22.md") is sudi


def test_markdown_notes_with_headings_are_not_a_digest() -> None:
    notes = "# 会议纪要\n\n## 议题一\n\n讨论了预算。\n\n## 议题二\n\n讨论了招聘。\n"
    digest = sudi.parse(notes, "2025-12-01-notes.md")
    assert digest.articles == ()
    assert any("not a digest" in p.message for p in digest.problems)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # caught bug: a url with parentheses left a bogus outlet named ")"
        ("[潮汐财经](javascript:alert(1))", [("潮汐财经", "javascript:alert(1)")]),
        ("[维基](https://w.org/A_(B)) 、 [量子位](https://q.com)",
         [("维基", "https://w.org/A_(B)"), ("量子位", "https://q.com")]),
        ("[量子位](https://q.com \"标题\")", [("量子位", "https://q.com")]),
        ("量子位 / 机器之心", [("量子位", None), ("机器之心", None)]),
        ("、", []),
    ],
)  # fmt: skip
def test_split_sources(value: str, expected: list) -> None:
    assert [(s.outlet, s.url) for s in sudi.split_sources(value)] == expected
