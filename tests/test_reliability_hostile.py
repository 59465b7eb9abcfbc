"""Hostile digest content: every page renders it as inert text, and only http(s) links click.

The fixture ``tests/golden/hostile/2025-12-20.md`` puts script tags, event
handlers, ``javascript:``/``data:`` links, Markdown image tricks, LaTeX and
strikethrough markers into every field the sudi format has. Each page is run
from ``app.py`` and every element checked: Markdown bodies carry no unescaped
HTML tag, no non-http(s) link target, no unescaped ``$``/``~``; link columns
hold only http(s) URLs or None; titles appear verbatim.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.export import to_csv_bytes
from dashboard.fmt import md_escape, md_highlight, md_link, safe_url
from loaders.ingest import ingest_paths

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "golden" / "hostile" / "2025-12-20.md"
PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
TITLE_PART = "$5 和 $6之间，融资20~25亿元"

# An HTML tag or autolink the Markdown renderer would see (not preceded by a backslash).
RAW_TAG = re.compile(r"(?<!\\)<\s*/?\s*(script|img|iframe|a|svg|object|embed|style)\b", re.I)
AUTOLINK = re.compile(r"(?<!\\)<\s*[a-z][a-z0-9+.\-]*:", re.I)
# A Markdown link or image whose target is not http(s).
BAD_TARGET = re.compile(r"(?<!\\)\]\(\s*<?\s*(?!https?://)[a-z][a-z0-9+.\-]*:", re.I)
RAW_MATH = re.compile(r"(?<!\\)[$~]")
ACTIVE_HTML = re.compile(r"<\s*script|onerror\s*=|javascript:|data:text/html", re.I)
DIRECTIVE = re.compile(r":orange-background\[(.*?)\]")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    db_path = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    summary = ingest_paths([HOSTILE], db_path)
    assert summary.digests == 1 and summary.articles == 6
    return db_path


@pytest.fixture
def app(hostile_db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("DIGEST_DB", str(hostile_db))
    monkeypatch.delenv("DIGEST_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def walk(node) -> Iterator:
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from walk(child)


def markdown_texts(at: AppTest) -> list[tuple[str, str, bool]]:
    """(element type, text, allows HTML) for every field Streamlit renders as Markdown."""
    found = []
    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or type(proto).__name__ in ("PlotlyChart", "Dataframe", "Arrow"):
            continue
        for field in ("body", "label", "help"):
            value = getattr(proto, field, None)
            if isinstance(value, str) and value:
                found.append((type(node).__name__, value, bool(getattr(proto, "allow_html", 0))))
    return found


def link_cells(at: AppTest) -> list[object]:
    """Every value shown in a dataframe column configured as a link."""
    cells = []
    for frame in at.dataframe:
        config = json.loads(frame.proto.columns or "{}")
        links = [
            name
            for name, spec in config.items()
            if (spec.get("type_config") or {}).get("type") == "link"
        ]
        df = frame.value
        for name in links:
            if name in df:
                cells += df[name].tolist()
    return cells


def assert_inert(at: AppTest, where: str) -> None:
    assert not at.exception, (where, [e.value for e in at.exception])
    for kind, text, allow_html in markdown_texts(at):
        assert not RAW_TAG.search(text), (where, kind, text)
        assert not AUTOLINK.search(text), (where, kind, text)
        assert not BAD_TARGET.search(text), (where, kind, text)
        assert not RAW_MATH.search(text), (where, kind, text)
        if allow_html:
            assert not ACTIVE_HTML.search(text), (where, kind, text)
    for cell in link_cells(at):
        assert cell is None or pd.isna(cell) or safe_url(cell) == cell, (where, cell)


def rendered(text: str) -> str:
    """What the reader sees of an escaped Markdown body (directives and escapes removed)."""
    return re.sub(r"\\(.)", r"\1", DIRECTIVE.sub(r"\1", text))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_hostile_text_inert(app: AppTest, page: str) -> None:
    app.switch_page(f"pages/{page}").run()
    assert_inert(app, page)


@pytest.mark.parametrize(
    "query",
    [
        "星火",
        "$5",
        "20~25亿",
        "<script>",
        "javascript:",
        "简讯",
        "<img src=x onerror=alert(1)> 不存在",  # no match: the query is echoed back
        "$1 和 $2 ~~没有~~",
        "[x](javascript:alert(1))",
    ],
)
def test_search_results_are_inert_and_verbatim(app: AppTest, query: str) -> None:
    app.switch_page("pages/search.py").run()
    app.text_input(key="q").set_value(query).run()
    assert_inert(app, f"search {query}")
    shown = " ".join(rendered(t) for _, t, _ in markdown_texts(app))
    if query in ("星火", "$5", "20~25亿"):
        assert TITLE_PART in shown


def test_overview_shows_titles_verbatim(app: AppTest) -> None:
    app.switch_page("pages/overview.py").run()
    shown = [rendered(t) for _, t, _ in markdown_texts(app)]
    assert any(TITLE_PART in s and "<script>alert(1)</script>" in s for s in shown)


def test_article_table_keeps_titles_and_drops_unsafe_links(app: AppTest) -> None:
    app.switch_page("pages/search.py").run()  # no query: every article in a table
    titles = [t for frame in app.dataframe for t in frame.value.get("标题 title", [])]
    assert any(TITLE_PART in t for t in titles)
    assert any("$5 和 $6 与 20~25亿" in t for t in titles)
    cells = [c for c in link_cells(app) if c is not None and not pd.isna(c)]
    assert cells and all(c.startswith("https://example.com/") for c in cells)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "/relative/path",
        "https:/no-host",
        "http://[broken",
        "",
        None,
    ],
)
def test_unsafe_urls_never_become_links(url) -> None:
    assert safe_url(url) is None
    assert "](" not in md_link("x", url)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "![x](javascript:alert(1))",
        "[点我](javascript:alert(1))",
        "<javascript:alert(1)>",
        "$5 和 $6",
        "20~25亿",
        "**bold** ~~strike~~ :red[红字] $$\\int$$",
        "&lt;script&gt; &#x3C;img&#x3E;",
    ],
)
def test_md_escape_and_highlight_leave_nothing_active(text: str) -> None:
    for out in (md_escape(text), md_highlight(text, ["script", "5"])):
        assert not RAW_TAG.search(out) and not AUTOLINK.search(out)
        assert not BAD_TARGET.search(out) and not RAW_MATH.search(out)
        assert not re.search(r"(?<!\\)&", out), out  # entities stay literal text
        assert rendered(out) == text


def test_hostile_csv_is_neutralised() -> None:
    data = to_csv_bytes(pd.DataFrame({"t": ['=HYPERLINK("javascript:alert(1)")']}))
    assert b"'=HYPERLINK" in data
