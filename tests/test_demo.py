"""The demo corpus generator: deterministic, digest-shaped, and free of real names."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest

from loaders import demo
from loaders.formats import sudi

ROOT = Path(__file__).resolve().parents[1]
END = date(2021, 6, 30)
TITLE = re.compile(r"^# 🤖 AI行业速递（演示数据 DEMO） - (\d{4})年(\d{1,2})月(\d{1,2})日$")
REAL_NAMES = (
    "OpenAI", "Anthropic", "MiniMax", "DeepSeek", "Google", "谷歌", "Meta", "微软", "Microsoft",
    "英伟达", "NVIDIA", "字节跳动", "腾讯", "阿里", "百度", "华为", "小米", "智谱", "月之暗面",
    "商汤", "科大讯飞", "宇树", "苹果", "亚马逊", "特斯拉", "星链", "豆包", "Kimi", "通义",
)  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return demo.write_demo_corpus(tmp_path_factory.mktemp("demo"), days=20, end=END)


@pytest.fixture(scope="module")
def texts(corpus) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in corpus}


def test_one_file_per_day_ending_on_end(corpus):
    assert [p.name for p in corpus][-2:] == ["2021-06-29.md", "2021-06-30.md"]
    assert len(corpus) == 20


def test_same_arguments_give_identical_bytes(corpus, tmp_path):
    again = demo.write_demo_corpus(tmp_path, days=20, end=END)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in corpus]


def test_a_day_does_not_depend_on_the_range(corpus, tmp_path):
    (short,) = demo.write_demo_corpus(tmp_path, days=1, end=END)
    assert short.read_bytes() == corpus[-1].read_bytes()


def test_the_seed_changes_the_text():
    day = date(2021, 6, 30)
    assert demo.make_digest_text(day, demo.day_rng(day, 1)) != demo.make_digest_text(
        day, demo.day_rng(day, 2)
    )


def test_files_are_about_the_size_of_the_real_sample(corpus):
    sizes = [p.stat().st_size for p in corpus]
    assert 30_000 < sum(sizes) / len(sizes) < 40_000
    assert min(sizes) > 20_000 and max(sizes) < 55_000


def test_title_carries_the_demo_marker_and_the_date(texts):
    for name, text in texts.items():
        y, m, d = TITLE.match(text.splitlines()[0]).groups()
        assert date(int(y), int(m), int(d)).isoformat() + ".md" == name


def test_every_feature_has_the_full_structure(texts):
    for text in texts.values():
        sections = text.split("\n## ")[1:]
        assert sections[-1].startswith("其他相关资讯")
        assert 8 <= len(sections) - 1 <= 12
        for section in sections[:-1]:
            category = re.search(r"^> \*\*分类：\*\* (\S+)$", section, re.M).group(1)
            assert category in demo.CATEGORIES
            sources = re.search(r"^> \*\*来源：\*\* (.+)$", section, re.M).group(1)
            assert 1 <= len(re.findall(r"\[[^\]]+\]\(https://[^)]+\)", sources)) <= 3
            assert "\n**核心洞察：** " in section and "\n**内容简介：**\n\n- " in section
            assert 5 <= len(re.findall(r"^- [^：\n]+：", section, re.M)) <= 8
            assert section.rstrip().endswith("---")
        assert 50 <= len(re.findall(r"^- \[.+\]\(https://.+\)$", sections[-1], re.M)) <= 66


def test_the_real_parser_reads_every_file_without_problems(texts):
    for name, text in texts.items():
        digest = sudi.parse(text, name)
        assert digest.problems == ()
        assert digest.digest_date.isoformat() + ".md" == name
        assert len(digest.features) >= 8 and len(digest.briefs) >= 50


def test_figures_are_written_as_digests_write_them(texts):
    joined = "".join(texts.values())
    for pattern in (r"收入约[\d.]+[万亿]+(美)?元", r"估值突破[\d.]+[万亿]", r"完成[\d.]+[万亿]+(美)?元\S*?轮?融资", r"毛利率从上年同期的-?[\d.]+%提升至-?[\d.]+%"):  # fmt: skip
        assert re.search(pattern, joined), pattern


@pytest.mark.parametrize("name", REAL_NAMES)
def test_no_real_company_appears(texts, name):
    assert all(name not in text for text in texts.values())
    assert name not in (ROOT / "data" / "demo_companies.csv").read_text(encoding="utf-8")


def test_demo_dictionary_file_is_in_sync_with_the_generator(tmp_path):
    written = demo.write_demo_dictionary(tmp_path / "demo_companies.csv").read_text("utf-8")
    assert (ROOT / "data" / "demo_companies.csv").read_text(encoding="utf-8") == written


def test_demo_dictionary_has_one_canonical_row_per_company():
    lines = (ROOT / "data" / "demo_companies.csv").read_text(encoding="utf-8").splitlines()
    rows = list(csv.DictReader(io.StringIO("\n".join(x for x in lines if not x.startswith("#")))))
    canonical = [r["company"] for r in rows if r["kind"] in ("name", "subsidiary")]
    assert sorted(canonical) == sorted({r["company"] for r in rows})
    assert len(canonical) == len(demo.COMPANIES) >= 60
    assert {r["parent"] for r in rows if r["kind"] == "subsidiary"} <= set(canonical)
    assert {r["kind"] for r in rows} == {"name", "alias", "product", "subsidiary"}
    aliases = [r["alias"] for r in rows]
    assert len(aliases) == len(set(aliases))


def test_category_shares_drift_over_the_years():
    names = list(demo.CATEGORIES)
    share = {}
    for year in (2016, 2025):
        weights = demo.category_weights(date(year, 6, 1))
        share[year] = {n: w / sum(weights) for n, w in zip(names, weights, strict=True)}
    assert share[2025]["政策监管"] > 1.5 * share[2016]["政策监管"]
    assert all(w > 0 for w in share[2016].values())
