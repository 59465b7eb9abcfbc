"""来源媒体 Outlets: frequency, outlet × time and × category, co-coverage. Click → articles."""

from datetime import date

import streamlit as st

from dashboard import charts, db, filters, queries_outlets, shell, ui
from dashboard.fmt import fmt_share
from dashboard.sql import GRAIN_LABELS, Drill, period_end

shell.frame()

version = db.data_version()
f = filters.current()
st.title("来源媒体 Outlets")
st.caption(filters.describe(f))

counts = queries_outlets.outlet_counts(version, f)
if counts.empty:
    ui.empty("当前筛选下没有引用来源媒体的文章（简讯通常不标注来源）。")
    st.stop()

left, right = st.columns([3, 2])
with left:
    st.subheader("媒体引用频次 Outlet frequency")
    st.plotly_chart(
        charts.make_ranked_bars(counts.head(25), "outlet"),
        key="outlets:rank",
        on_select=ui.pick_callback("outlets:rank", lambda c: (c[0], Drill(outlet=c[0]))),
        selection_mode="points",
    )
with right:
    st.subheader("频次表 Table")
    table = counts.assign(share=counts["share"].map(lambda s: fmt_share(s, 1)))
    ui.table(
        table.rename(
            columns={"outlet": "媒体 outlet", "n": "文章数 articles", "share": "占比 share"}
        ),
        key="outlets_table",
        what="来源媒体",
        f=f,
        height=420,
    )

grain = st.segmented_control(
    "热力图时间粒度 Heatmap grain",
    list(GRAIN_LABELS),
    default="month",
    format_func=GRAIN_LABELS.get,
    key="outlets_grain",
    required=True,
)
tab_time, tab_cat, tab_pairs = st.tabs(["媒体 × 时间", "媒体 × 分类", "共同报道 Co-coverage"])
with tab_time:
    by_time = queries_outlets.outlet_by_period(version, f, grain)
    st.plotly_chart(
        charts.make_heatmap(
            by_time,
            "period",
            "outlet",
            x_title=GRAIN_LABELS[grain],
            x_label=lambda p: charts.period_label(p, grain),
        ),
        key=f"outlets:time_{grain}",
        on_select=ui.pick_callback(
            f"outlets:time_{grain}",
            lambda c: (
                f"{c[1]} · {c[0]}",
                Drill(
                    outlet=c[1],
                    start=date.fromisoformat(c[0][:10]),
                    end=period_end(date.fromisoformat(c[0][:10]), grain),
                ),
            ),
        ),
        selection_mode="points",
    )
with tab_cat:
    by_cat = queries_outlets.outlet_by_category(version, f)
    st.plotly_chart(
        charts.make_heatmap(by_cat, "category", "outlet", x_title="分类 category"),
        key="outlets:cat",
        on_select=ui.pick_callback(
            "outlets:cat", lambda c: (f"{c[1]} · {c[0]}", Drill(outlet=c[1], category=c[0]))
        ),
        selection_mode="points",
    )
with tab_pairs:
    pairs = queries_outlets.outlet_pairs(version, f)
    excl = queries_outlets.outlet_exclusives(version, f)
    a, b = st.columns(2)
    a.markdown("**同一文章共同引用 Cited together** · 选中一行查看文章")
    if pairs.empty:
        with a:
            ui.empty("没有被共同引用的媒体对。")
    else:
        a.dataframe(
            pairs.rename(columns={"outlet_a": "媒体 A", "outlet_b": "媒体 B", "n": "共同文章"}),
            hide_index=True,
            key="outlets:pairs",
            on_select=ui.row_callback(
                "outlets:pairs",
                pairs,
                lambda r: (
                    f"{r.outlet_a} + {r.outlet_b}",
                    Drill(outlet=r.outlet_a, outlet2=r.outlet_b),
                ),
            ),
            selection_mode="single-row",
        )
        with a:
            ui.download(lambda: pairs, "共同引用媒体", f, key="outlets_pairs_csv")
    b.markdown("**独家来源 Exclusive sources**（文章只引用这一家）· 选中一行查看文章")
    b.dataframe(
        excl.rename(
            columns={
                "outlet": "媒体 outlet",
                "n": "引用文章",
                "exclusive": "独家文章",
                "exclusive_share": "独家占比",
            }
        ),
        hide_index=True,
        key="outlets:excl",
        column_config={
            "独家占比": st.column_config.ProgressColumn(format="percent", min_value=0, max_value=1)
        },
        on_select=ui.row_callback(
            "outlets:excl",
            excl,
            lambda r: (f"{r.outlet} 独家", Drill(outlet=r.outlet, exclusive=True)),
        ),
        selection_mode="single-row",
    )
    with b:
        ui.download(lambda: excl, "独家来源媒体", f, key="outlets_excl_csv")

ui.drill_section(
    version,
    f,
    "outlets",
    "点击图表中的柱/格子或选中表格一行，查看对应文章 · Click to list articles.",
)
