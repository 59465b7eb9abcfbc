"""The weekly summary: golden Markdown from a three-week fixture corpus, edge weeks, safety, CLI.

The fixture (tests/golden/weekly/corpus, companies invented) is ingested through
the real ingest path. To accept a deliberate change of the summary, run
``UPDATE_GOLDEN=1 pytest tests/test_weekly.py`` and read the diff of expected.md.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dashboard import weekly
from dashboard.weekly import Headline, Week, default_week, make_summary, parse_week
from dashboard.weekly_figures import FigureItem, disagree
from dashboard.weekly_html import make_charts, render_html
from dashboard.weekly_render import render_markdown
from loaders import __main__ as cli
from loaders import db as store
from loaders.ingest import ingest_paths

GOLDEN = Path(__file__).resolve().parent / "golden" / "weekly"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory) -> Path:
    db_path = tmp_path_factory.mktemp("weekly") / "weekly.duckdb"
    ingest_paths([GOLDEN / "corpus"], db_path, dictionary_path=GOLDEN / "companies.csv")
    return db_path


@pytest.fixture
def con(fixture_db):
    connection = store.connect_read(store.current_snapshot(fixture_db))
    yield connection
    connection.close()


def test_golden_markdown_for_the_last_week(con):
    text = render_markdown(make_summary(con, parse_week("2025-W52")))
    expected = GOLDEN / "expected.md"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")


# --- weeks -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "week"),
    [
        ("2025-W52", Week(2025, 52)),
        ("2025w01", Week(2025, 1)),
        (" 2026-W53 ", Week(2026, 53)),  # 2026 has 53 ISO weeks
    ],
)
def test_parse_week(text, week):
    assert parse_week(text) == week


@pytest.mark.parametrize("text", ["2025-W53", "2025-W00", "2025-52", "W52", "2025-12-22", ""])
def test_parse_week_rejects(text):
    with pytest.raises(ValueError):
        parse_week(text)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 12, 26), "2025-W51"),  # W52 has data up to Thursday and is not over yet
        (date(2025, 12, 29), "2025-W52"),  # W52 is over
        (date(2026, 6, 1), "2025-W52"),  # long after: still the last week with data
    ],
)
def test_default_week_is_the_last_complete_week_with_data(con, today, expected):
    assert str(default_week(con, today)) == expected


def test_week_choices_run_from_the_newest_to_the_first_week_with_data(con):
    assert [str(w) for w in weekly.week_choices(con)] == ["2025-W52", "2025-W51", "2025-W50"]


# --- edge weeks --------------------------------------------------------------------------


def test_a_week_without_data_reads_sensibly(con):
    text = render_markdown(make_summary(con, parse_week("2026-W02")))
    assert "本周（2026-W02）没有速递数据。上周（2026-W01）没有数据，暂无环比。" in text
    assert "本周没有专题文章" in text
    assert "—" not in text.split("## 2.")[1]  # no empty tables


def test_the_week_after_the_data_compares_with_the_last_week(con):
    text = render_markdown(make_summary(con, parse_week("2026-W01")))
    assert "| 速递期数 | 0 | 3 | −3（−100.0%） |" in text


def test_the_first_week_has_no_previous_week_and_no_first_seen(con):
    summary = make_summary(con, parse_week("2025-W50"))
    text = render_markdown(summary)
    assert not summary.has_history and summary.first_seen == ()
    assert "数据库中没有更早的速递，暂无环比。" in text
    assert "首次出现：数据库中没有更早的速递，暂不判断。" in text
    assert "没有更早的数据，暂无可比较的分类变化。" in text


def test_figures_of_other_weeks_stay_out(con):
    summary = make_summary(con, parse_week("2025-W52"))
    assert {f.company for f in summary.figures} == {"青柚科技", "Lumora AI"}
    assert [f.value for f in summary.figures if f.conflict] == [2e10, 1.8e10]


# --- conflicts ---------------------------------------------------------------------------

YI = 1e8


def fig(value, currency="CNY", value_usd=None, high=None, period=None, unit=None):
    return FigureItem("valuation", "青柚科技", value, high, currency, unit, None, value_usd,
                      period, date(2025, 12, 22), "t", None)  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        (fig(200 * YI), fig(180 * YI), True),
        (fig(200 * YI), fig(197 * YI), False),  # within 2%: rounding, not a conflict
        (fig(3e6, high=5e6), fig(4e6), False),  # a range and a value inside it
        (fig(3e6, high=5e6), fig(8e6), True),
        (fig(1 * YI, "USD", 1 * YI), fig(7.1 * YI, "CNY", 1 * YI), False),  # same in USD
        (fig(1 * YI, "USD", 1 * YI), fig(10 * YI, "CNY", 1.4 * YI), True),
        (fig(1 * YI, "USD"), fig(2 * YI, "CNY"), False),  # no common currency: not compared
        (fig(200 * YI, period="2024年"), fig(180 * YI, period="2025年"), False),
        (fig(200 * YI, period="2024年"), fig(180 * YI), False),
        (fig(2.7e7, None, unit="users"), fig(3.5e7, None, unit="users"), True),
    ],
)
def test_disagree(a, b, conflict):
    assert disagree(a, b) is conflict
    assert disagree(b, a) is conflict


# --- untrusted text ----------------------------------------------------------------------

EVIL = "<img src=x onerror=alert(1)> **粗体** $x$ ~删~ [点我](javascript:alert(1)) a|b"


@pytest.fixture
def evil_summary(con):
    summary = make_summary(con, parse_week("2025-W52"))
    return replace(
        summary,
        headlines=(
            Headline(EVIL, date(2025, 12, 22), EVIL, "javascript:alert(1)"),
            Headline("市场动态", date(2025, 12, 22), "正常标题", "https://example.com/ok"),
        ),
    )


def test_markdown_escapes_titles_and_drops_unsafe_links(evil_summary):
    text = render_markdown(evil_summary)
    assert not re.search(r"(?<!\\)[<>]", text)  # every < and > escaped
    assert not re.search(r"(?<!\\)\]\(javascript", text)  # never a link target
    assert "\\*\\*粗体\\*\\* \\$x\\$ \\~删\\~ \\[点我\\]" in text
    assert "a\\|b" in text
    assert "[正常标题](https://example.com/ok)" in text


def test_html_escapes_titles_and_links_only_http(evil_summary):
    page = render_html(evil_summary)
    assert "<img src=x" not in page and 'href="javascript' not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert '<a href="https://example.com/ok" rel="noopener noreferrer">正常标题</a>' in page


# --- HTML export -------------------------------------------------------------------------


def test_html_is_self_contained_printable_and_deterministic(con):
    summary = make_summary(con, parse_week("2025-W52"))
    page = render_html(summary)
    assert page == render_html(summary)
    assert external_resources(page) == []
    assert "Plotly.newPlot" in page
    assert "@media print" in page and "@page" in page
    for key in ("categories", "companies", "outlets"):
        assert f'id="chart-{key}"' in page
    assert set(make_charts(summary)) == {"categories", "companies", "outlets"}


def test_html_for_an_empty_week_has_no_charts_and_no_plotly(con):
    page = render_html(make_summary(con, parse_week("2026-W02")))
    assert "Plotly" not in page and "没有速递数据" in page


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and tag != "a" or tag == "link":
                self.found.append((tag, str(value)))


def external_resources(page: str) -> list[tuple[str, str]]:
    """Every tag that would load something (scripts with src, links, images …)."""
    parser = _Resources()
    parser.feed(page)
    return parser.found


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed")
def test_html_charts_render_in_headless_chromium(con, tmp_path):
    path = tmp_path / "weekly.html"
    path.write_text(render_html(make_summary(con, parse_week("2025-W52"))), encoding="utf-8")
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--virtual-time-budget=10000", "--dump-dom",
         path.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    assert dom.count('class="main-svg"') >= 3  # plotly drew every chart offline
    assert "市场动态" in dom


# --- CLI ---------------------------------------------------------------------------------


def test_cli_writes_the_golden_markdown(fixture_db, tmp_path, capsys):
    out = tmp_path / "out" / "weekly.md"
    args = ["weekly", "--week", "2025-W52", "--db", str(fixture_db), "--out", str(out)]
    assert cli.main(args) == 0
    assert out.read_text(encoding="utf-8") == (GOLDEN / "expected.md").read_text(encoding="utf-8")
    assert "2025-W52: 3 digests" in capsys.readouterr().out


def test_cli_writes_html_for_the_default_week(fixture_db, tmp_path):
    out = tmp_path / "weekly.HTML"
    assert cli.main(["weekly", "--db", str(fixture_db), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("extra", "status"),
    [
        (["--week", "2025-W99"], 2),
        (["--week", "last"], 2),
        (["--out-format-typo"], None),  # argparse itself exits 2
    ],
)
def test_cli_rejects_bad_arguments(fixture_db, tmp_path, extra, status):
    args = ["weekly", "--db", str(fixture_db), "--out", str(tmp_path / "w.md"), *extra]
    if status is None:
        with pytest.raises(SystemExit) as exit_:
            cli.main(args)
        assert exit_.value.code == 2
    else:
        assert cli.main(args) == status
    assert not (tmp_path / "w.md").exists()


def test_cli_rejects_an_unknown_output_format(fixture_db, tmp_path):
    args = ["weekly", "--db", str(fixture_db), "--out", str(tmp_path / "w.pdf")]
    assert cli.main(args) == 2


def test_cli_fails_when_the_database_does_not_exist(tmp_path, capsys):
    args = ["weekly", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "w.md")]
    assert cli.main(args) == 1
    assert "no database" in capsys.readouterr().err
    assert not (tmp_path / "none.duckdb").exists()


def test_unchanged_mix_reads_as_unchanged():
    from dashboard.weekly import CategoryShare
    from dashboard.weekly_render import category_sentence

    same = CategoryShare("市场动态", 5, 0.5, 0.5, 0.5)
    other = CategoryShare("技术前沿解读", 5, 0.5, 0.5, 0.5)
    summary = type("S", (), {"categories": (same, other), "baseline_weeks": 4})()
    text = category_sentence(summary)
    assert "持平" in text and "没有变化" in text and "偏离最大" not in text


def test_headlines_render_coverage_and_the_categories_left_out(con):
    from dashboard.weekly import HEADLINE_CATEGORIES

    summary = make_summary(con, parse_week("2025-W52"))
    many = tuple(
        Headline(f"分类{i:02d}", date(2025, 12, 22), f"标题{i}", None, coverage=3 if i == 0 else 1,
                 total=20 - i)
        for i in range(HEADLINE_CATEGORIES + 2)
    )  # fmt: skip
    text = render_markdown(replace(summary, headlines=many))
    assert "标题0（3篇报道）" in text
    assert "### 分类00（20篇）" in text and "另有 19 篇未列出。" in text
    assert f"其余分类：分类{HEADLINE_CATEGORIES:02d}" in text
    assert f"### 分类{HEADLINE_CATEGORIES:02d}" not in text
