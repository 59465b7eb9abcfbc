"""周报 Weekly summary: one ISO week on one page, with Markdown and printable HTML downloads."""

import streamlit as st

from dashboard import db, shell, ui, weekly, weekly_html, weekly_render

shell.frame()

cached = st.cache_data(max_entries=64, ttl=3600, show_spinner=False)


@cached
def load_weeks(version: str) -> tuple[list[str], str | None, set[str]]:
    """(every week newest first, the default week, the weeks with data)."""
    cur = db.cursor()
    try:
        weeks = [str(w) for w in weekly.week_choices(cur)]
        with_data = {str(w) for w in weekly.weeks_with_data(cur)}
        default = str(weekly.default_week(cur)) if weeks else None
    finally:
        cur.close()
    return weeks, default, with_data


@cached
def load_summary(version: str, week: str) -> weekly.WeeklySummary:
    cur = db.cursor()
    try:
        return weekly.make_summary(cur, weekly.parse_week(week))
    finally:
        cur.close()


version = db.data_version()
st.title("周报 Weekly summary")
weeks, default, with_data = load_weeks(version)
if not weeks:
    ui.empty("数据库里还没有速递。请到「数据管理 Data」页上传或扫描速递文件。")
    st.stop()


def week_label(text: str) -> str:
    w = weekly.parse_week(text)
    empty = "" if text in with_data else " · 无数据"
    return f"{text}（{w.start:%m-%d} 至 {w.end:%m-%d}）{empty}"


choice = st.selectbox(
    "选择周 ISO week",
    weeks,
    index=weeks.index(default),
    format_func=week_label,
    key="weekly_week",
    help="默认：最近一个完整且有数据的周。周报基于全库数据，不受侧边栏筛选影响。",
)
summary = load_summary(version, choice)
name = weekly_render.file_stem(summary)
left, right = st.columns(2)
left.download_button(
    "⬇ 下载 Markdown",
    data=weekly_render.render_markdown(summary).encode("utf-8"),
    file_name=f"{name}.md",
    mime="text/markdown",
    key="weekly_md",
    on_click="ignore",
)
right.download_button(
    "⬇ 下载 HTML（可打印，含图表）",
    data=lambda: weekly_html.render_html(summary).encode("utf-8"),
    file_name=f"{name}.html",
    mime="text/html",
    key="weekly_html",
    on_click="ignore",
    help="单个文件，离线可打开；浏览器中打印即可得到 A4 版式。",
)

st.subheader(weekly_render.md_text(weekly_render.week_title(summary)))
st.caption(weekly_render.md_text(weekly_render.intro(summary)))
charts = weekly_html.make_charts(summary)
for section in weekly_render.make_sections(summary):
    st.markdown(f"#### {section.title}")
    st.markdown(weekly_render.section_markdown(section))
    if section.chart in charts:
        st.plotly_chart(charts[section.chart], key=f"weekly_chart_{section.chart}")
