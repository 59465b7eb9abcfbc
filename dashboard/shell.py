"""The app shell: page config, database, navigation, demo banner and sidebar filters.

``app.py`` calls :func:`run`. Every file in ``pages/`` starts with :func:`frame`, because
Streamlit runs a page file directly on the first run of a server process (and in every
AppTest run) when a ``pages/`` folder exists: its legacy folder router picks the file
named in the URL before ``app.py`` can call ``st.navigation``. Each page's URL is its
file name, so that router finds the page (no "Page not found" notice for the first
visitor's deep link), and :func:`frame` then draws the shell around it.
"""

from __future__ import annotations

import threading

import streamlit as st

from dashboard import db, filters, search, ui

_state = threading.local()

# (file in pages/, title, icon); the first is the default page at "/".
ANALYSIS_PAGES = [
    ("overview", "总览 Overview", ":material/dashboard:"),
    ("categories", "分类趋势 Categories", ":material/stacked_bar_chart:"),
    ("outlets", "来源媒体 Outlets", ":material/newspaper:"),
    ("companies", "公司提及 Companies", ":material/apartment:"),
    ("figures", "数据指标 Figures", ":material/payments:"),
    ("search", "文章检索 Search", ":material/search:"),
    ("weekly", "周报 Weekly", ":material/calendar_month:"),
]
ADMIN_PAGES = [("data", "数据管理 Data", ":material/settings:")]


def make_page(name: str, title: str, icon: str, default: bool = False) -> st.Page:
    """One page, with its file name as its URL path (``/outlets``)."""
    return st.Page(f"pages/{name}.py", title=title, icon=icon, url_path=name, default=default)


def make_navigation() -> dict[str, list[st.Page]]:
    analysis = [make_page(*spec, default=i == 0) for i, spec in enumerate(ANALYSIS_PAGES)]
    return {"分析 Analysis": analysis, "管理 Admin": [make_page(*s) for s in ADMIN_PAGES]}


def run() -> None:
    """Draw the shell and run the page the URL asks for."""
    st.set_page_config(page_title="速递看板 Digest Dashboard", page_icon="📰", layout="wide")
    with st.spinner("正在准备数据库… Preparing the database…"):
        settings = db.ensure_database()
    search.warm_up_in_background()
    page = st.navigation(make_navigation())
    ui.demo_banner(settings.is_demo)
    filters.sidebar(db.data_version())
    _state.inside = True
    try:
        page.run()
    finally:
        _state.inside = False


def frame() -> None:
    """At the top of every page: when Streamlit ran this file without the shell, run the
    shell (which runs this page inside it) and stop, so the page is drawn once."""
    if getattr(_state, "inside", False):
        return
    run()
    st.stop()
