"""速递看板 Digest Dashboard — the entry script: page config, shared sidebar, routing."""

import streamlit as st

from dashboard import db, filters, ui

st.set_page_config(page_title="速递看板 Digest Dashboard", page_icon="📰", layout="wide")

with st.spinner("正在准备数据库… Preparing the database…"):
    settings = db.ensure_database()

page = st.navigation(
    {
        "分析 Analysis": [
            st.Page("pages/overview.py", title="总览 Overview", icon="📊", default=True),
            st.Page("pages/categories.py", title="分类趋势 Categories", icon="🗂️"),
            st.Page("pages/outlets.py", title="来源媒体 Outlets", icon="📰"),
            st.Page("pages/companies.py", title="公司提及 Companies", icon="🏢"),
            st.Page("pages/figures.py", title="数据指标 Figures", icon="💰"),
            st.Page("pages/search.py", title="文章检索 Search", icon="🔎"),
        ],
        "管理 Admin": [st.Page("pages/data.py", title="数据管理 Data", icon="🛠️")],
    }
)
ui.demo_banner(settings.is_demo)
filters.sidebar(db.data_version())
page.run()
