"""总览 Overview: headline counts, daily trend, the latest digest and data freshness."""

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import charts, db, filters, queries, shell, ui
from dashboard.fmt import fmt_number, md_escape, md_link
from dashboard.sql import KIND_LABELS

shell.frame()

version = db.data_version()
f = filters.current()
st.title("总览 Overview")
st.caption(filters.describe(f))

fresh = queries.freshness(version)
if not fresh["digests"]:
    ui.empty("数据库里还没有速递。请到「数据管理 Data」页上传或扫描速递文件。")
    st.stop()

counts = queries.headline_counts(version, f)
labels = {
    "digests": "速递期数 digests",
    "features": "专题文章 features",
    "briefs": "简讯 briefs",
    "outlets": "来源媒体 outlets",
    "companies": "公司 companies",
    "figures": "数据指标 figures",
}
for col, (key, label) in zip(st.columns(len(labels)), labels.items(), strict=True):
    col.metric(label, fmt_number(counts[key]), help=f"{counts[key]:,}")

left, right = st.columns([3, 2])
with left:
    st.subheader("每日文章数 Articles per day")
    trend = queries.articles_per_day(version, f)
    if trend.empty:
        ui.empty()
    else:
        st.plotly_chart(charts.make_trend_chart(trend, KIND_LABELS), key="overview_trend")
with right:
    st.subheader("数据新鲜度 Freshness")
    last = fresh["last_digest"]
    age = (date.today() - last).days if last else None
    st.markdown(f"最新一期速递 last digest：**{last}**（{age} 天前 days ago）")
    ingested = fresh["last_ingest"]
    st.markdown(
        f"最近一次导入 last ingest：**{f'{ingested:%Y-%m-%d %H:%M}' if ingested else '—'}**"
    )
    st.markdown(
        f"全库 whole database：{fmt_number(fresh['digests'])} 期 · "
        f"{fmt_number(fresh['articles'])} 篇"
    )

latest = queries.latest_digest_features(version, f)
st.subheader("最新一期专题 Latest digest's features")
if latest.empty:
    ui.empty()
else:
    day = pd.Timestamp(latest["digest_date"].iloc[0]).date()
    st.caption(f"{day} · 筛选范围内最新一期 latest in the filtered period")
    for row in latest.itertuples():
        st.markdown(f"- {md_link(row.title, row.url)} · _{md_escape(row.category)}_ · `{row.feed}`")
