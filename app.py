"""速递看板 Digest Dashboard — the entry script: page config, shared sidebar, routing."""

import streamlit as st

from dashboard import db, filters, search, shell, ui

st.set_page_config(page_title="速递看板 Digest Dashboard", page_icon="📰", layout="wide")

with st.spinner("正在准备数据库… Preparing the database…"):
    settings = db.ensure_database()
search.warm_up_in_background()

# Each page's URL is its file name (/outlets). Every page file starts with
# shell.frame(), which runs this script when Streamlit runs a page directly.
page = st.navigation(
    {
        "分析 Analysis": [
            st.Page("pages/overview.py", title="总览 Overview", icon=":material/dashboard:",
                    default=True),
            st.Page("pages/categories.py", title="分类趋势 Categories",
                    icon=":material/stacked_bar_chart:"),
            st.Page("pages/outlets.py", title="来源媒体 Outlets", icon=":material/newspaper:"),
            st.Page("pages/companies.py", title="公司提及 Companies",
                    icon=":material/apartment:"),
            st.Page("pages/figures.py", title="数据指标 Figures", icon=":material/payments:"),
            st.Page("pages/search.py", title="文章检索 Search", icon=":material/search:"),
            st.Page("pages/weekly.py", title="周报 Weekly", icon=":material/calendar_month:"),
        ],
        "管理 Admin": [
            st.Page("pages/data.py", title="数据管理 Data", icon=":material/settings:"),
        ],
    }
)  # fmt: skip
ui.demo_banner(settings.is_demo)
filters.sidebar(db.data_version())
shell.run_page(page)
