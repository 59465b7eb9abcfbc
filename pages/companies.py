"""公司提及 Companies: top companies, trends, risers/fallers, co-mentions, new names."""

import streamlit as st

from dashboard import charts, db, filters, shell, ui
from dashboard import queries_companies as qc
from dashboard.dictionary import decide_names, undecided
from dashboard.fmt import md_escape
from dashboard.sql import GRAIN_LABELS, Drill

shell.frame()

version = db.data_version()
f = filters.current()
st.title("公司提及 Companies")
st.caption(filters.describe(f))

top = qc.top_companies(version, f)
if top.empty:
    ui.empty("当前筛选下没有提到词典中的公司。")
else:
    left, right = st.columns([3, 2])
    with left:
        st.subheader("提及最多 Top companies")
        event = st.plotly_chart(
            charts.make_ranked_bars(top.head(25), "company"),
            key="companies_rank",
            on_select="rerun",
            selection_mode="points",
        )
    with right:
        picked = charts.selected_custom(event)
        company = picked[0] if picked else None
        st.subheader("提及文章 Mentions" + (f" · {md_escape(company)}" if company else ""))
        if company is None:
            st.caption("点击左侧柱状图中的公司，查看提及它的文章（高亮提及）· Click a bar.")
        else:
            st.button(
                f"＋ 加入筛选 Add “{company}” to filters",
                key="companies_add_filter",
                on_click=filters.add_company,
                args=(company,),
            )
            arts = qc.company_articles(version, f, company)
            with st.container(height=420, key="companies_mentions"):
                ui.highlighted_articles(arts, lambda r: [company, *list(r["aliases"])])

    st.subheader("趋势 Trend")
    c1, c2 = st.columns([3, 2])
    chosen = c1.multiselect(
        "选择公司 Companies",
        top["company"].tolist(),
        default=top["company"].head(5).tolist(),
        key="companies_trend_pick",
        max_selections=10,
    )
    grain = c2.segmented_control(
        "粒度 Grain",
        list(GRAIN_LABELS),
        default="week",
        format_func=GRAIN_LABELS.get,
        key="companies_grain",
        required=True,
    )
    if chosen:
        trend = qc.company_trend(version, f, tuple(chosen), grain)
        st.plotly_chart(charts.make_lines(trend, "company"), key="companies_trend")

    st.subheader(f"升降 Risers & fallers（对比前 {f.days} 天 vs the previous {f.days} days）")
    movers = qc.company_movers(version, f)
    movers = movers.rename(
        columns={"company": "公司", "n": "本期", "prev_n": "上期", "change": "变化"}
    )
    if movers.empty or movers["上期"].sum() == 0:
        st.info(
            f"前 {f.days} 天没有数据，无法比较升降；请选择更短的时间范围。"
            "No data in the previous period to compare with."
        )
    else:
        rise, fall = st.columns(2)
        with rise:
            st.markdown("**上升 Risers**")
            ui.table(movers[movers["变化"] > 0].head(15), "companies_risers", "公司上升", f)
        with fall:
            st.markdown("**下降 Fallers**")
            ui.table(movers[movers["变化"] < 0].head(15), "companies_fallers", "公司下降", f)

    st.subheader("共同提及 Co-mentions")
    pairs = qc.company_pairs(version, f)
    pair_columns = {"company_a": "公司 A", "company_b": "公司 B", "n": "共同文章"}
    st.dataframe(
        pairs.rename(columns=pair_columns),
        hide_index=True,
        key="companies:pairs",
        on_select=ui.row_callback(
            "companies:pairs",
            pairs,
            lambda r: (
                f"{r.company_a} + {r.company_b}",
                Drill(company=r.company_a, company2=r.company_b),
            ),
        ),
        selection_mode="single-row",
    )
    ui.download(
        lambda: qc.company_pairs_export(f).rename(columns=pair_columns),
        "公司共同提及",
        f,
        key="companies_pairs_csv",
    )
    ui.drill_section(version, f, "companies", "选中一行查看同时提到两家公司的文章。")

st.subheader("词典外的新名称 Names not in the dictionary")
names = undecided(qc.undictionary_names(version, f))
if names.empty:
    ui.empty("没有待处理的新名称。")
else:
    st.caption(
        "选中若干行，加入公司词典或拒绝（写入 CSV，下次导入生效）· Select rows, then add or reject."
    )
    name_columns = {
        "name": "名称 name",
        "n": "文章数",
        "first_seen": "首次",
        "last_seen": "最近",
        "example": "示例标题",
    }
    sel = st.dataframe(
        names.rename(columns=name_columns),
        hide_index=True,
        key="companies_new",
        on_select="rerun",
        selection_mode="multi-row",
        column_config={
            c: st.column_config.DateColumn(c, format="YYYY-MM-DD") for c in ("首次", "最近")
        },
    )
    rows = names.iloc[sel.selection.rows]["name"].tolist() if sel.selection.rows else []
    a, b, _ = st.columns([1, 1, 3])
    a.button(
        "✓ 加入词典 Add",
        key="companies_add",
        disabled=not rows,
        on_click=decide_names,
        args=(rows, True),
    )
    b.button(
        "✗ 拒绝 Reject",
        key="companies_reject",
        disabled=not rows,
        on_click=decide_names,
        args=(rows, False),
    )
    ui.download(
        lambda: undecided(qc.undictionary_names_export(f)).rename(columns=name_columns),
        "词典外名称",
        f,
        key="companies_new_csv",
    )
for message in st.session_state.pop("companies_decided", []):
    st.toast(message)
