"""数据指标 Figures: extracted business figures, the latest per company and metric, a timeline."""

import streamlit as st

from dashboard import charts, db, filters, shell, ui
from dashboard import queries_companies as qc
from dashboard.figure_table import label_figures
from dashboard.fmt import METRIC_LABELS, NO_COMPANY_OPTION

shell.frame()

version = db.data_version()
f = filters.current()
st.title("数据指标 Figures")
st.caption(filters.describe(f) + " · 数值不做补全：未写币种即显示「未注明币种」")

options = qc.figure_options(version, f)
if not options["metrics"]:
    ui.empty("当前筛选下没有抽取到数据指标。")
    st.stop()

c1, c2 = st.columns(2)
companies = tuple(
    c1.multiselect(
        "公司 Company",
        options["companies"],
        key="figures_company",
        format_func=lambda c: c or NO_COMPANY_OPTION,
        placeholder="全部 all",
    )
)
metrics = tuple(
    c2.multiselect(
        "指标 Metric",
        options["metrics"],
        key="figures_metric",
        format_func=lambda m: METRIC_LABELS.get(m, m),
        placeholder="全部 all",
    )
)

tab_all, tab_latest, tab_time = st.tabs(["全部指标 All", "最新值 Latest", "时间线 Timeline"])
with tab_all:
    total = qc.figure_count(version, f, companies, metrics)
    rows = qc.figure_rows(version, f, companies, metrics)
    st.caption(f"共 {total:,} 条" + (f"（显示最新 {len(rows)} 条）" if total > len(rows) else ""))
    ui.table(
        label_figures(rows),
        "figures_all",
        "数据指标",
        f,
        make_frame=lambda: label_figures(qc.figure_export(f, companies, metrics)),
    )
with tab_latest:
    latest = qc.latest_figures(version, f, companies, metrics)
    ui.table(label_figures(latest), "figures_latest", "数据指标_最新值", f)
with tab_time:
    named = [c for c in options["companies"] if c]
    if not named:
        ui.empty("没有注明公司的数据指标。")
    else:
        picked = [c for c in companies if c in named]  # the company chosen above, if any
        who = st.selectbox(
            "公司 Company",
            named,
            index=named.index(picked[0]) if picked else 0,
            key=f"figures_timeline_company:{picked[0] if picked else ''}",  # follows the pick
        )
        points = qc.figure_export(f, (who,), metrics)
        points = points.assign(shown=label_figures(points)["数值 value"].values)
        st.plotly_chart(charts.make_figure_timeline(points), key="figures_timeline")
        ui.table(label_figures(points), "figures_timeline_table", f"数据指标_{who}", f)
