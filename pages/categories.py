"""分类趋势 Categories: the category mix over time; click a bar segment for its articles."""

from dataclasses import replace
from datetime import date

import streamlit as st

from dashboard import charts, db, filters, queries, shell, ui
from dashboard.fmt import md_escape
from dashboard.sql import GRAIN_LABELS, KIND_LABELS, KINDS, Drill, period_end

shell.frame()

version = db.data_version()
f = filters.current()
st.title("分类趋势 Category mix")
st.caption(filters.describe(f))

c1, c2 = st.columns(2)  # two controls a row: their labels fit on a laptop screen
grain = c1.segmented_control(
    "时间粒度 Grain",
    list(GRAIN_LABELS),
    default="week",
    format_func=GRAIN_LABELS.get,
    key="cat_grain",
    required=True,
)
measure = c2.segmented_control(
    "数值 Measure",
    ["count", "share"],
    default="count",
    key="cat_measure",
    required=True,
    format_func={"count": "篇数 count", "share": "占比 share"}.get,
)

c3, c4 = st.columns(2)
kinds = c3.segmented_control(
    "文章类型 Kind",
    ["both", *KINDS],
    default="both",
    key="cat_kind",
    required=True,
    format_func={"both": "全部 both", **KIND_LABELS}.get,
)
unit = c4.segmented_control(
    "计数 Count by",
    ["article", "story"],
    default="article",
    key="cat_unit",
    required=True,
    format_func={"article": "文章 articles", "story": "故事 stories"}.get,
    help="故事：多个速递或媒体报道的同一事件只算一次（相同链接或标题，3天内）。"
    "A story reported by several feeds counts once.",
)
by_feed = st.toggle(
    "按速递分开显示各自的分类 Split by feed", key="cat_by_feed",
    help="每个速递有自己的分类体系 · Each feed has its own categories.",
)  # fmt: skip
if kinds != "both":
    f = replace(f, kinds=(kinds,))

mix = queries.category_mix(version, f, grain, unit, by_feed)
if mix.empty:
    ui.empty()
    st.stop()


def show_mix(mix, f, key: str) -> None:
    """One stacked chart; a click on a segment lists the articles behind it."""
    fig = charts.make_stacked_bars(
        mix, share=measure == "share", unit="篇" if unit == "article" else "个故事"
    )
    event = st.plotly_chart(fig, on_select="rerun", selection_mode="points", key=f"{key}_{grain}")
    picked = charts.selected_custom(event)
    if picked:
        start = date.fromisoformat(picked[0][:10])
        drill = Drill(start=start, end=period_end(start, grain), category=picked[1])
        st.subheader(f"{md_escape(picked[1])} · {GRAIN_LABELS[grain]} {start} 起")
        ui.article_table(version, f, drill, key=f"{key}_articles", what=f"分类_{picked[1]}_{start}")
    else:
        st.caption("点击柱状图中的一段查看这些文章 · Click a bar segment to list its articles.")
        with st.expander("当前筛选下的全部文章 All articles in scope"):
            ui.article_table(version, f, None, key=f"{key}_all", what="文章")


if by_feed:
    feeds = sorted(mix["feed"].unique())
    for feed, tab in zip(feeds, st.tabs(feeds), strict=True):
        with tab:
            part = mix[mix["feed"] == feed].drop(columns="feed")
            show_mix(part, replace(f, feeds=(feed,)), key=f"cat_chart_{feed}")
else:
    show_mix(mix, f, key="cat_chart")
