"""Filters and search take user input as bound values: hostile text finds nothing, breaks nothing.

Runs on a small database of local fixtures (the hostile digest and the sudi
golden digest), through the query functions and through the pages.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import db as dash_db
from dashboard import filters, queries, search
from dashboard import queries_companies as qc
from dashboard import queries_outlets as qo
from dashboard.sql import Drill, Filters
from loaders.ingest import ingest_paths

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = [ROOT / "tests/golden/hostile/2025-12-20.md", ROOT / "tests/golden/sudi/base.md"]
EVERYTHING = Filters(date(2000, 1, 1), date(2100, 1, 1))
HOSTILE = [
    "'; drop table articles; --",
    "%_\\",
    "%",
    "_",
    "\\",
    "' or '1'='1",
    '" or ""="',
    "$1",
    "?",
    ":name",
    "(?i).*",
    ".*",
    "[",
    "a)|(b",
    "\x00",
    "\u202e",
    "𝕏" * 3,
    "x" * 20_000,
]


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Path:
    db_path = tmp_path_factory.mktemp("search") / "search.duckdb"
    ingest_paths(FIXTURES, db_path)
    return db_path


@pytest.fixture
def served(small_db: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DIGEST_DB", str(small_db))
    monkeypatch.delenv("DIGEST_DIR", raising=False)
    return dash_db.data_version()


def totals() -> tuple:
    cur = dash_db.cursor()
    try:
        return cur.execute(
            "select (select count(*) from articles), (select count(*) from digests)"
        ).fetchone()
    finally:
        cur.close()


def found(version: str, query: str) -> int:
    terms = search.split_terms(query)
    if not terms:
        return 0
    alternatives = tuple(tuple(a) for a in search.expand_terms(terms, {}))
    count = len(search.search_export(EVERYTHING, alternatives))
    shown = search.search_articles(version, EVERYTHING, alternatives)
    assert len(shown) == min(count, queries.LIST_LIMIT)
    return count


def literal_matches(query: str) -> int:
    """Articles holding every term as a plain case-insensitive substring (the reference)."""
    cur = dash_db.cursor()
    try:
        rows = cur.execute("select title, insight, body from articles").fetchall()
    finally:
        cur.close()
    terms = [t.casefold() for t in search.split_terms(query)]
    texts = [" ".join(x or "" for x in row).casefold() for row in rows]
    return sum(all(t in text for t in terms) for text in texts) if terms else 0


def test_the_classic_injections_find_nothing(served: str) -> None:
    assert found(served, "'; drop table articles; --") == 0
    assert found(served, "%_\\") == 0


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_search_terms_match_only_literally(served: str, query: str) -> None:
    before = totals()
    assert found(served, query) == literal_matches(query)
    search.fallback_terms(query)  # the no-space fallback must not raise either
    assert totals() == before


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("alert(1)", 1),  # parentheses and dots are literal, not regex
        ("<script>", 2),
        ("$5", 2),
        ("20~25亿", 3),
        ("ALERT(17)", 1),  # Latin terms are case-insensitive
        ("alert.1", 0),
    ],
)
def test_special_characters_match_literally(served: str, query: str, expected: int) -> None:
    assert found(served, query) == expected


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_filter_values_select_nothing(served: str, value: str) -> None:
    before = totals()
    for field in ("categories", "outlets", "companies", "kinds", "feeds"):
        f = Filters(EVERYTHING.start, EVERYTHING.end, **{field: (value,)})
        assert queries.article_count(served, f) == 0
        assert queries.article_list(served, f).empty
        assert queries.headline_counts(served, f)["digests"] == 0
        assert qc.figure_count(served, f, (value,), (value,)) == 0
        assert qo.outlet_counts(served, f).empty
    drill = Drill(category=value, outlet=value, company=value)
    assert queries.article_count(served, EVERYTHING, drill) == 0
    assert qc.company_articles(served, EVERYTHING, value).empty
    assert totals() == before


def search_page(small_db: Path, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/search.py").run()
    return at


@pytest.mark.parametrize("query", HOSTILE[:12])
def test_search_page_with_hostile_query(served: str, small_db: Path, query: str) -> None:
    at = search_page(small_db)
    at.text_input(key="q").set_value(query).run()
    assert not at.exception
    at.text_input(key="q").set_value("星火").run()  # the database still answers
    assert not at.exception
    assert any("星火" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    "params",
    [
        {"range": "bogus"},
        {"range": ["7d", "30d"]},
        {"range": "custom", "dates": "2025-13-45"},
        {"range": "custom", "dates": ["2025-12-20", "garbage"]},
        {"range": "custom", "dates": ["2025-12-20", "2025-12-01"]},
        {"range": "custom", "dates": ["0001-01-01", "9999-12-31"]},
        {"range": "custom", "dates": "x" * 100_000},
        {"cat": ["不存在 unknown", "<script>alert(1)</script>"]},
        {"outlet": ["%_\\"]},
        {"co": ["'; drop table articles; --"]},
        {"kind": ["evil", "feature"]},
        {"feed": "x" * 100_000},
        {"q": "'; drop table articles; --"},
        {"q": "x" * 100_000},
    ],
    ids=lambda p: ",".join(f"{k}={str(v)[:20]}" for k, v in p.items()),
)
def test_hostile_url_parameters_are_ignored_gracefully(
    served: str, small_db: Path, params: dict
) -> None:
    before = totals()
    at = search_page(small_db, **params)
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="range").value in filters.PRESETS
    assert at.title and at.title[0].value.startswith("文章检索")
    assert totals() == before
