"""速递看板 Digest Dashboard — the entry script: page config, shared sidebar, routing."""

import streamlit as st

from dashboard import db, filters, search, ui

st.set_page_config(page_title="速递看板 Digest Dashboard", page_icon="📰", layout="wide")

with st.spinner("正在准备数据库… Preparing the database…"):
    settings = db.ensure_database()
search.warm_up_in_background()

# url_path differs from each file's name on purpose: with a pages/ folder, the
# very first run of a server process (and every AppTest run) goes through
# Streamlit's legacy pages-folder router, which would otherwise run a page
# file directly and skip this script (no sidebar filters, no demo banner).
page = st.navigation(
    {
        "分析 Analysis": [
            st.Page(
                "pages/overview.py",
                title="总览 Overview",
                icon=":material/dashboard:",
                url_path="home",
                default=True,
            ),
            st.Page(
                "pages/categories.py",
                title="分类趋势 Categories",
                icon=":material/stacked_bar_chart:",
                url_path="category-mix",
            ),
            st.Page(
                "pages/outlets.py",
                title="来源媒体 Outlets",
                icon=":material/newspaper:",
                url_path="media",
            ),
            st.Page(
                "pages/companies.py",
                title="公司提及 Companies",
                icon=":material/apartment:",
                url_path="company-mentions",
            ),
            st.Page(
                "pages/figures.py",
                title="数据指标 Figures",
                icon=":material/payments:",
                url_path="business-figures",
            ),
            st.Page(
                "pages/search.py",
                title="文章检索 Search",
                icon=":material/search:",
                url_path="find",
            ),
            st.Page(
                "pages/weekly.py",
                title="周报 Weekly",
                icon=":material/calendar_month:",
                url_path="weekly-summary",
            ),
        ],
        "管理 Admin": [
            st.Page(
                "pages/data.py", title="数据管理 Data", icon=":material/settings:", url_path="admin"
            )
        ],
    }
)
ui.demo_banner(settings.is_demo)
filters.sidebar(db.data_version())
page.run()
