"""The 周报 page, run from app.py: every week of the demo data renders, both downloads work."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard.db import DEMO_DAYS
from dashboard.weekly import default_week
from loaders import db as store
from loaders import demo
from loaders.db import DATA_DIR
from loaders.ingest import ingest_paths
from tests.test_dashboard_pages import downloads as downloads  # fixture

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """The demo database the app builds on first start, built here in a temp folder."""
    folder = tmp_path_factory.mktemp("weekly_demo")
    demo.write_demo_corpus(folder / "corpus", days=DEMO_DAYS)
    db_path = folder / "demo.duckdb"
    dictionary = DATA_DIR / "demo_companies.csv"
    ingest_paths([folder / "corpus"], db_path, dictionary_path=dictionary, demo=True)
    return db_path


@pytest.fixture
def media(monkeypatch) -> list[MediaFileManager]:
    """The media managers AppTest creates, to read what download buttons would serve."""
    made: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, storage) -> None:
            super().__init__(storage)
            made.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Recording)
    return made


@pytest.fixture
def page(demo_db, monkeypatch) -> AppTest:
    monkeypatch.setenv("DIGEST_DB", str(demo_db))
    monkeypatch.delenv("DIGEST_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/weekly.py").run()
    assert not at.exception
    return at


def expected_default(db_path: Path) -> str:
    con = store.connect_read(store.current_snapshot(db_path))
    try:
        return str(default_week(con))
    finally:
        con.close()


def test_page_renders_every_week_of_the_demo_data(page, demo_db):
    weeks = page.selectbox(key="weekly_week").options
    assert len(weeks) >= DEMO_DAYS // 7
    default = page.selectbox(key="weekly_week").value
    assert default == expected_default(demo_db)
    banners = [w.value for w in page.warning if "演示数据 DEMO" in w.value]
    assert len(banners) == 1, "the demo banner shows once, above the page"
    for label in weeks:
        week = label.split("（")[0]
        page.selectbox(key="weekly_week").set_value(week).run()
        assert not page.exception, week
        assert week[:4] + "年第" in page.subheader[0].value
        headings = [m.value for m in page.markdown if m.value.startswith("#### ")]
        assert len(headings) == 6, week


def test_downloads_are_produced(page, media, demo_db):
    page.run()
    manager = media[-1]
    markdown, html = page.download_button
    name = markdown.proto.url.rsplit("/", 1)[1]
    stored = manager._storage.get_file(name)
    text = stored.content.decode("utf-8")
    year, number = expected_default(demo_db).split("-W")
    # The demo's exports say so, in the title, the text and the file name.
    assert text.startswith(f"# 【演示数据 DEMO】AI行业周报 · {year}年第{int(number)}周")
    assert "演示数据，不是真实资讯" in text
    assert stored.filename == f"演示数据_周报_{year}-W{number}.md"
    url = manager.execute_deferred(html.proto.deferred_file_id)
    page_html = manager._storage.get_file(url.rsplit("/", 1)[1]).content.decode("utf-8")
    assert page_html.startswith("<!DOCTYPE html>") and 'id="chart-categories"' in page_html
    assert "<title>【演示数据 DEMO】" in page_html


def test_headlines_are_the_week_s_main_stories(demo_db):
    """本周要闻 stays one page: at most 5 stories a category, the best covered first
    picked, with the category's full count and how many were left out."""
    from collections import Counter

    from dashboard.weekly import HEADLINES_PER_CATEGORY, make_summary
    from dashboard.weekly_render import render_markdown

    con = store.connect_read(store.current_snapshot(demo_db))
    try:
        summary = make_summary(con, default_week(con))
        features = con.execute(
            "select count(*) from articles where kind = 'feature' and digest_date between ? and ?",
            [summary.week.start, summary.week.end],
        ).fetchone()[0]
    finally:
        con.close()
    per_category = Counter(h.category for h in summary.headlines)
    assert per_category and max(per_category.values()) <= HEADLINES_PER_CATEGORY
    totals = {h.category: h.total for h in summary.headlines}
    assert sum(totals.values()) == features > len(summary.headlines)
    text = render_markdown(summary)
    assert "篇未列出" in text


def test_demo_csv_exports_are_named_as_demo(demo_db, monkeypatch, downloads):
    monkeypatch.setenv("DIGEST_DB", str(demo_db))
    monkeypatch.delenv("DIGEST_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("pages/outlets.py").run()
    assert not at.exception
    csvs = [n for n in downloads if n and n.endswith(".csv")]
    assert csvs and all(n.startswith("演示数据_") for n in csvs), csvs
