"""Every dashboard page through AppTest from app.py, on a database built by the real ingest."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard.export import BOM

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = [
    "pages/overview.py",
    "pages/categories.py",
    "pages/outlets.py",
    "pages/companies.py",
    "pages/figures.py",
    "pages/search.py",
    "pages/data.py",
]
TIMEOUT = 60


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory, sudi_dir) -> Path:
    """The three sample corpora ingested through loaders.ingest into a fresh database."""
    from loaders.ingest import ingest_paths

    folder = tmp_path_factory.mktemp("dashdb")
    db_path = folder / "digests.duckdb"
    corpora = [sudi_dir.parent / name for name in ("sudi", "ai-insights", "ai-daily-harvest")]
    summary = ingest_paths([p for p in corpora if p.is_dir()], db_path)
    assert summary.articles > 200
    return db_path


@pytest.fixture()
def env(corpus_db, tmp_path, monkeypatch) -> Path:
    """Point the app at the corpus database (and an empty digest folder)."""
    monkeypatch.setenv("DIGEST_DB", str(corpus_db))
    monkeypatch.setenv("DIGEST_DIR", str(tmp_path / "digests"))
    monkeypatch.setenv("DIGEST_COMPANIES", str(tmp_path / "companies.csv"))
    return corpus_db


def make_app(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query)
    return at.run()


def open_page(page: str, **query) -> AppTest:
    at = make_app(**query)
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", PAGES)
def test_page_renders(env, page):
    at = open_page(page, range="全部 all")
    assert len(at.title) == 1, "every page has its title, drawn once inside the shell"
    assert at.sidebar.selectbox(key="range").value == "all"
    assert not at.error


@pytest.mark.parametrize("page", PAGES[:-1])
def test_empty_result_shows_a_friendly_message(env, page):
    at = open_page(page, co="没有这家公司")
    assert at.info, "an st.info explains that nothing matched"
    assert not at.error


def test_filters_change_the_numbers(env):
    at = open_page("pages/overview.py", range="全部 all")
    everything = metrics(at)
    at.sidebar.multiselect(key="feed").set_value(["ai-daily-harvest"]).run()
    one_feed = metrics(at)
    assert one_feed != everything
    assert int(one_feed["速递期数 digests"].replace(",", "")) < int(
        everything["速递期数 digests"].replace(",", "")
    )
    at.sidebar.selectbox(key="range").set_value("7d").run()
    assert metrics(at) != one_feed


def test_filter_state_lives_in_the_url_and_survives_page_switches(env):
    at = open_page("pages/overview.py", range="全部 all", feed="sudi")
    at.switch_page("pages/outlets.py").run()
    assert at.sidebar.selectbox(key="range").value == "all"
    assert at.sidebar.multiselect(key="feed").value == ["sudi"]
    assert at.query_params.get("feed") == "sudi"


@pytest.fixture()
def downloads(monkeypatch) -> dict:
    """Deferred download callables by file name, as registered by st.download_button."""
    found: dict = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        found[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return found


def read_csv(data: bytes) -> pd.DataFrame:
    assert data.startswith(BOM), "UTF-8 BOM for Excel"
    return pd.read_csv(io.BytesIO(data[len(BOM) :]), encoding="utf-8")


def test_csv_download_has_bom_and_every_filtered_row(env, downloads):
    at = open_page("pages/categories.py", range="全部 all", feed="ai-insights")
    name = next(n for n in downloads if n.startswith("文章_"))
    assert name.endswith(".csv") and "_20" in name, "file name says what and which dates"
    df = read_csv(downloads[name]())
    shown = next(c.value for c in at.caption if c.value.startswith("共 "))
    total = int(shown.split()[1].replace(",", ""))
    assert total > 200, "more rows than the visible page"
    assert len(df) == total
    assert set(df["速递 feed"]) == {"ai-insights"}
    assert df["链接 link"].dropna().str.match(r"https?://").all()


def test_search_highlights_and_expands(env, downloads):
    at = open_page("pages/search.py", range="全部 all", q="openai")
    text = " ".join(m.value for m in at.markdown)
    assert ":orange-background[OpenAI]" in text, "case-insensitive, highlighted"
    df = read_csv(next(v for k, v in downloads.items() if k.startswith("检索_openai"))())
    assert len(df) > 0


def test_companies_add_name_to_dictionary(env, tmp_path):
    at = open_page("pages/companies.py", range="全部 all")
    table = at.dataframe(key="companies_new") if "companies_new" in _keys(at) else None
    if table is None:
        pytest.skip("no undetected names in the corpus")
    name = table.value.iloc[0, 0]
    from dashboard.dictionary import decide_names

    decide_names([name], add=True)
    csv_text = Path(os.environ["DIGEST_COMPANIES"]).read_text(encoding="utf-8")
    assert f"{name},{name},name," in csv_text


def _keys(at: AppTest) -> set[str]:
    return {getattr(d, "key", None) for d in at.dataframe}


def test_data_page_uploads_and_ingests(tmp_path, monkeypatch, sudi_dir):
    monkeypatch.setenv("DIGEST_DB", str(tmp_path / "up.duckdb"))
    monkeypatch.setenv("DIGEST_DIR", str(tmp_path / "digests"))
    (tmp_path / "digests").mkdir()
    from loaders.ingest import ingest_paths

    ingest_paths([], tmp_path / "up.duckdb")
    at = make_app()
    at.switch_page("pages/data.py").run()
    text = (sudi_dir / "2025-12-22.md").read_bytes()
    uploader = at.file_uploader(key="data_upload")
    assert set(uploader.allowed_type) == {".md", ".markdown", ".txt"}
    no_date = text.replace("2025年12月22日".encode(), b"")
    uploader.set_value(
        [
            ("2025-12-22.md", text, "text/markdown"),
            ("notes.md", no_date, "text/markdown"),
        ]
    )
    at.run()
    at.button(key="data_ingest").click().run()
    assert not at.exception, [e.value for e in at.exception]
    reports = [w.value for w in at.warning]
    assert any("导入 1 期" in r and "1 条为错误" in r for r in reports), reports
    assert not at.error
    assert any("本次导入发现" in w.value for w in at.warning)
    (table,) = [d.value for d in at.dataframe if "说明" in d.value.columns]
    assert table.iloc[0]["说明"] == "标题行和文件名中都没有日期"
    assert table.iloc[0]["级别 severity"] == "错误 error"
    assert at.sidebar.selectbox(key="range").value  # the shell is drawn after the rerun


def test_categories_split_by_feed_and_count_stories(env):
    at = open_page("pages/categories.py", range="全部 all")
    at.toggle(key="cat_by_feed").set_value(True).run()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["ai-daily-harvest", "ai-insights", "sudi"]
    at.segmented_control(key="cat_unit").set_value("story").run()
    assert not at.exception


def test_story_counts_never_exceed_article_counts(env):
    from datetime import date

    from dashboard import queries
    from dashboard.sql import Filters

    f = Filters(start=date(2025, 1, 1), end=date(2026, 12, 31))
    articles = queries.category_mix.__wrapped__("v", f, "month", "article")
    stories = queries.category_mix.__wrapped__("v", f, "month", "story")
    assert 0 < stories["n"].sum() <= articles["n"].sum()
    merged = stories.merge(articles, on=["period", "category"], suffixes=("_s", "_a"))
    assert (merged["n_s"] <= merged["n_a"]).all()


def test_companies_exports_hold_every_row_and_movers_need_a_previous_period(env, downloads):
    at = open_page("pages/companies.py", range="全部 all")
    assert any("无法比较升降" in i.value for i in at.info)  # nothing before the first digest
    name = next(n for n in downloads if n.startswith("词典外名称_"))
    exported = read_csv(downloads[name]())
    assert list(exported.columns)[:2] == ["名称 name", "文章数"]
    shown = next(d.value for d in at.dataframe if "名称 name" in d.value.columns)
    assert len(exported) > len(shown) == 100
    pairs = read_csv(downloads[next(n for n in downloads if n.startswith("公司共同提及_"))]())
    assert list(pairs.columns) == ["公司 A", "公司 B", "共同文章"] and len(pairs) > 30
