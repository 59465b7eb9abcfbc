"""dashboard.fmt: numbers in 万/亿 with currency, safe Markdown and links (table-driven)."""

from __future__ import annotations

import math

import pytest

from dashboard.fmt import (
    fmt_english,
    fmt_figure,
    fmt_money,
    fmt_number,
    md_escape,
    md_highlight,
    safe_url,
)


@pytest.mark.parametrize(
    ("value", "currency", "unit", "high", "expected"),
    [
        # from the sample digest (sudi 2025-12-22)
        (53_400_000, "USD", None, None, "5340万美元"),
        (186_000_000, "USD", None, None, "1.86亿美元"),
        (1_050_000_000, "USD", None, None, "10.5亿美元"),
        (27_600_000, None, "users", None, "2760万"),
        (1_770_000, None, "users", None, "177万"),
        (50_000_000_000, "USD", None, None, "500亿美元"),
        (20_000_000_000, "CNY", None, None, "200亿元"),
        (5_000_000_000_000, "USD", None, None, "5万亿美元"),
        (23.3, None, "%", None, "23.3%"),
        (2500, None, "customers", None, "2,500家"),
        # never filled in: no currency stays visible as such
        (20_000_000_000, None, None, None, "200亿（未注明币种）"),
        (float("nan"), "USD", None, None, "—美元"),
        # ranges
        (3_000_000, "CNY", None, 5_000_000, "300万–500万元"),
        # currency spelled by code only
        (1_000_000, "XYZ", None, None, "100万 XYZ"),
        (-186_000_000, "USD", None, None, "\u22121.86亿美元"),
    ],
)
def test_fmt_figure(value, currency, unit, high, expected):
    assert fmt_figure(value, currency, unit, high) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (9532, "9,532"),
        (12_345, "1.23万"),
        (1_234_567, "123.5万"),
        (None, "—"),
        (1.5, "1.5"),
    ],
)
def test_fmt_number(value, expected):
    assert fmt_number(value) == expected


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        (186_000_000, "USD", "186M USD"),
        (53_400_000, None, "53.4M"),
        (None, "USD", ""),
        (950, None, "950"),
    ],
)
def test_fmt_english(value, currency, expected):
    assert fmt_english(value, currency) == expected


def test_fmt_money_pandas_missing_currency_is_not_guessed():
    assert fmt_money(1e8, math.nan) == "1亿（未注明币种）"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$5 和 $6", "\\$5 和 \\$6"),  # no LaTeX
        ("20~25亿", "20\\~25亿"),  # no strikethrough
        ("[点我](javascript:x)", "\\[点我\\]\\(javascript\\:x\\)"),  # no link
        ("**粗体**", "\\*\\*粗体\\*\\*"),
        ("<b>x</b>", "\\<b\\>x\\</b\\>"),
        ("第一行\n# 第二行", "第一行 \\# 第二行"),
    ],
)
def test_md_escape_makes_digest_text_literal(text, expected):
    assert md_escape(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://mp.weixin.qq.com/s/abc", "https://mp.weixin.qq.com/s/abc"),
        ("http://x.com/a?b=1&c=2", "http://x.com/a?b=1&c=2"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT:alert(1)", None),
        ("data:text/html,<b>", None),
        ("//evil.com/x", None),
        ("ftp://x.com/f", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected


def test_md_highlight_is_case_insensitive_and_escaped():
    out = md_highlight("OpenAI 收入 $5", ["openai"])
    assert out.startswith(":orange-background[OpenAI]")
    assert "\\$5" in out


def test_every_extracted_metric_has_one_name_everywhere() -> None:
    from dashboard.fmt import METRIC_LABELS, METRIC_NAMES, METRIC_ZH
    from loaders.figures import METRICS

    assert set(METRIC_NAMES) == set(METRICS)
    for metric, (zh, en) in METRIC_NAMES.items():
        assert METRIC_ZH[metric] == zh and METRIC_LABELS[metric] == f"{zh} {en}"
