"""Business-figure extractor: phrase tables in cases/figures.json, the seed digest, fuzzing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.figures import METRICS, extract_figures
from loaders.fx import load_fx_rates, to_usd
from loaders.models import Mention
from tests.conftest import ROOT, corpus_dir

CASES = json.loads((Path(__file__).parent / "cases" / "figures.json").read_text("utf-8"))
SEED_COMPANIES = ("MiniMax", "字节跳动", "火山引擎", "银河通用", "Trigger.dev", "智谱AI")
SEED_COMPANIES += ("OpenAI", "文远知行", "Meta", "Kimi", "摩根士丹利", "柳药集团", "华为")


def find_mentions(text: str, names) -> list[Mention]:
    """Every occurrence of the given company names (a stand-in for the real matcher)."""
    found = []
    for name in names:
        for m in re.finditer(re.escape(name), text):
            found.append(Mention(name, name, m.start(), m.end()))
    return found


def run(case: dict):
    mentions = find_mentions(case["text"], case.get("mentions", ()))
    return extract_figures(case["text"], mentions, case.get("default_company"))


def check(figures, expected: list[dict]) -> None:
    assert len(figures) == len(expected), figures
    for fig, want in zip(figures, expected, strict=True):
        got = {key: getattr(fig, key) for key in want}
        assert got == want, fig


def ids(group: str) -> list[str]:
    return [c["text"][:24] or "<empty>" for c in CASES[group]]


@pytest.mark.parametrize("case", CASES["seed_digest"], ids=ids("seed_digest"))
def test_seed_digest_phrases(case):
    check(run(case), case["expected"])


@pytest.mark.parametrize("case", CASES["patterns"], ids=ids("patterns"))
def test_patterns(case):
    check(run(case), case["expected"])


@pytest.mark.parametrize("case", CASES["traps"], ids=ids("traps"))
def test_traps(case):
    allowed = {"other", *case.get("allow", ())}
    assert [f for f in run(case) if f.metric not in allowed] == []


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(strict=True)) for c in CASES["known_misses"]],
    ids=ids("known_misses"),
)
def test_known_misses(case):
    check(run(case), case["expected"])


def test_every_figure_is_well_formed():
    for group in ("seed_digest", "patterns"):
        for case in CASES[group]:
            for fig in run(case):
                assert fig.metric in METRICS
                assert case["text"][fig.start : fig.start + len(fig.span)] == fig.span
                assert fig.span in fig.sentence


def digest_fields(markdown: str):
    """(title, fields, default company) per article: features and one-line briefs."""
    articles: list[list[str]] = []
    for line in markdown.splitlines():
        if line.startswith("## "):
            articles.append([line[3:]])
        elif line.startswith("- ["):
            articles.append([re.match(r"- \[(.*?)\]\(", line)[1]])
        elif articles and line.startswith("**核心洞察：**"):
            articles[-1].append(line.removeprefix("**核心洞察：**").strip())
        elif articles and line.startswith("- "):
            articles[-1].append(line[2:])
    for fields in articles:
        named = find_mentions(fields[0], SEED_COMPANIES)
        yield fields, min(named, key=lambda m: m.start).company if named else None


def seed_figures(sudi_text: str):
    out = []
    for fields, default in digest_fields(sudi_text):
        for text in fields:
            out.extend(extract_figures(text, find_mentions(text, SEED_COMPANIES), default))
    return out


MUST_FIND = [
    ("MiniMax", "revenue", 53_400_000, "USD", "约", "2025年前9个月"),
    ("MiniMax", "users", 212_000_000, None, None, None),
    ("MiniMax", "mau", 27_600_000, None, None, None),
    ("MiniMax", "paying_users", 1_770_000, None, None, None),
    ("MiniMax", "net_loss", 186_000_000, "USD", None, None),
    ("MiniMax", "cash", 1_050_000_000, "USD", "约", None),
    ("字节跳动", "profit", 50_000_000_000, "USD", "约", "今年"),
    ("火山引擎", "revenue", 20_000_000_000, "CNY", "超", None),
    ("银河通用", "valuation", 20_000_000_000, None, "突破", None),
    ("Trigger.dev", "funding", 16_000_000, "USD", None, None),
    (None, "market_size", 5_000_000_000_000, "USD", None, "2050年"),
    ("智谱AI", "revenue", 300_000_000, None, None, None),
    ("OpenAI", "funding", 100_000_000_000, None, None, None),
]


@pytest.mark.corpus
@pytest.mark.parametrize("want", MUST_FIND, ids=[f"{w[0]}-{w[1]}" for w in MUST_FIND])
def test_seed_digest_must_find(sudi_text, want):
    rows = {
        (f.company, f.metric, f.value, f.currency, f.qualifier, f.period)
        for f in seed_figures(sudi_text)
    }
    assert want in rows


NOT_FIGURES = ["70分钟", "100万token", "50万亿", "5亿终端", "1800件", "1467万辆", "300-500万元"]
NOT_FIGURES += ["10亿台", "1.6B参数", "7500万美元", "5亿美元投入", "12个月"]


@pytest.mark.corpus
def test_seed_digest_has_no_false_positives(sudi_text):
    figures = seed_figures(sudi_text)
    spans = [f.sentence[f.sentence.find(f.span) :] for f in figures]
    for trap in NOT_FIGURES:
        assert not any(s.startswith(trap) for s in spans), trap
    salary = [f for f in figures if f.company == "文远知行"]
    assert all(f.metric == "other" for f in salary)


@pytest.mark.corpus
@pytest.mark.parametrize("feed", ["ai-insights", "ai-daily-harvest"])
def test_other_corpora_read_without_errors(feed):
    for path in sorted(corpus_dir(feed).glob("*.md"))[:20]:
        for line in path.read_text(encoding="utf-8").splitlines():
            for fig in extract_figures(line):
                assert fig.metric in METRICS
                assert line[fig.start : fig.start + len(fig.span)] == fig.span


NUMBERY = st.text(
    alphabet="0123456789.,-~%％万亿千百十两八成元美港$¥BMK约超近逾余 ，。：收入估值融资用户月活市场",
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), NUMBERY))
def test_random_text_never_raises(text):
    for fig in extract_figures(text, find_mentions(text, ["MiniMax"]), "MiniMax"):
        assert fig.metric in METRICS


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([c["text"] for c in CASES["seed_digest"]]), st.data())
def test_mutated_seed_phrases_never_raise(text, data):
    cut = data.draw(st.integers(0, len(text)))
    insert = data.draw(NUMBERY)
    extract_figures(text[:cut] + insert + text[cut:], find_mentions(text, SEED_COMPANIES), "X")


def test_fx_table_covers_every_currency():
    rates = load_fx_rates((ROOT / "data" / "fx.csv").read_text(encoding="utf-8-sig"))
    assert rates["USD"] == 1.0
    assert {"CNY", "HKD", "EUR", "GBP", "JPY"} <= rates.keys()
    assert 0.12 < rates["CNY"] < 0.16


@pytest.mark.parametrize(
    ("value", "currency", "want"),
    [(100.0, "USD", 100.0), (1e9, "CNY", 1.4e8), (5.0, None, None), (5.0, "XYZ", None)],
)
def test_to_usd(value, currency, want):
    assert to_usd(value, currency, {"USD": 1.0, "CNY": 0.14}) == want
