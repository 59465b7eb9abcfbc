"""Page pieces several pages share: the demo banner, tables with CSV download, article lists."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import db, queries
from dashboard.export import make_file_name, to_csv_bytes
from dashboard.fmt import md_escape, md_highlight, md_link, safe_url, text_or_none
from dashboard.sql import KIND_LABELS, Drill, Filters

ARTICLE_COLUMNS = {
    "digest_date": "日期 date",
    "feed": "速递 feed",
    "kind": "类型 kind",
    "category": "分类 category",
    "title": "标题 title",
    "insight": "核心洞察 insight",
    "outlets": "来源媒体 outlets",
    "body": "要点 bullets",
    "url": "链接 link",
    "score": "相关度 score",
    "article_id": "编号 id",
}


def demo_banner(is_demo: bool) -> None:
    """A clear notice on every page when the app shows generated demo data."""
    if is_demo:
        st.warning(
            "**演示数据 DEMO** — 当前显示的是自动生成的虚构公司示例数据。"
            "要查看真实速递：设置环境变量 `DIGEST_DIR`（速递文件夹）或 `DIGEST_DB`（数据库文件）"
            "后重启，或在「数据管理 Data」页上传文件 / 重新扫描文件夹。",
            icon="🧪",
        )


def empty(message: str = "当前筛选条件下没有数据。请放宽日期范围或清除部分筛选。") -> None:
    """The friendly message shown instead of an empty chart or table."""
    st.info(message, icon="🔍")


def link_config(label: str = "链接 link") -> st.column_config.LinkColumn:
    return st.column_config.LinkColumn(label, display_text="打开 ↗", width="small")


def clean_links(df: pd.DataFrame, cols: tuple[str, ...] = ("url",)) -> pd.DataFrame:
    """Only http(s) links stay; anything else (javascript:, data:, relative) becomes None."""
    df = df.copy()
    for col in cols:
        if col in df:
            df[col] = df[col].map(safe_url).astype(object)
    return df


def label_articles(df: pd.DataFrame) -> pd.DataFrame:
    """An article frame with readable kinds, safe links and Chinese/English headers."""
    df = clean_links(df)
    if "kind" in df:
        df["kind"] = df["kind"].map(lambda k: KIND_LABELS.get(k, k))
    return df.rename(columns=ARTICLE_COLUMNS)


def download(
    make_frame: Callable[[], pd.DataFrame], what: str, f: Filters | None, key: str
) -> None:
    """A CSV download of every filtered row; the frame is built only when clicked."""
    name = make_file_name(what, f.start if f else None, f.end if f else None)
    if db.is_demo():
        name = "演示数据_" + name  # a demo export never passes for real data
    st.download_button(
        "⬇ 下载 CSV（全部筛选结果）",
        data=lambda: to_csv_bytes(make_frame()),
        file_name=name,
        mime="text/csv",
        key=key,
        on_click="ignore",
        help=f"UTF-8 (BOM) · {name}",
    )


def table(
    df: pd.DataFrame,
    key: str,
    what: str,
    f: Filters | None,
    make_frame: Callable[[], pd.DataFrame] | None = None,
    config: dict | None = None,
    height: int | str = "auto",
) -> None:
    """A dataframe with its CSV download (of ``make_frame()`` when given, else of ``df``)."""
    if df.empty:
        empty()
        return
    config = {
        **{c: link_config(c) for c in df.columns if "链接" in str(c)},
        **{
            c: st.column_config.DateColumn(c, format="YYYY-MM-DD")
            for c in df.columns
            if "日期" in str(c)
        },
        **(config or {}),
    }
    shown = blank_missing_text(df)
    st.dataframe(shown, hide_index=True, column_config=config, key=f"{key}_df", height=height)
    download(make_frame or (lambda: df), what, f, key=f"{key}_csv")


def blank_missing_text(df: pd.DataFrame) -> pd.DataFrame:
    """Missing text cells shown blank rather than as "None" (links and numbers untouched)."""
    text = [
        c
        for c in df.columns
        if "链接" not in str(c)
        and (pd.api.types.is_object_dtype(df[c]) or pd.api.types.is_string_dtype(df[c]))
        and df[c].isna().any()
    ]
    return df.assign(**{str(c): df[c].fillna("") for c in text}) if text else df


def article_table(version: str, f: Filters, drill: Drill | None, key: str, what: str) -> None:
    """The articles in scope (newest first), a count, and a CSV download of all of them."""
    total = queries.article_count(version, f, drill)
    if total == 0:
        empty()
        return
    df = queries.article_list(version, f, drill)
    shown = f"（显示最新 {len(df)} 条）" if total > len(df) else ""
    st.caption(f"共 {total:,} 篇文章 {shown}")
    view = label_articles(df.drop(columns=["insight", "article_id"]))
    st.dataframe(view, hide_index=True, key=f"{key}_df", column_config=_article_config())
    download(lambda: label_articles(queries.article_export(f, drill)), what, f, key=f"{key}_csv")


def _article_config() -> dict:
    return {
        ARTICLE_COLUMNS["url"]: link_config(),
        ARTICLE_COLUMNS["title"]: st.column_config.TextColumn(width="large"),
        ARTICLE_COLUMNS["digest_date"]: st.column_config.DateColumn(format="YYYY-MM-DD"),
    }


def pick_callback(chart_key: str, make: Callable[[list], tuple[str, Drill] | None]):
    """An on_select callback storing ``make(customdata)`` as the page's drill-down.

    Several charts on one page share one drill-down: the last click wins.
    """

    def remember() -> None:
        from dashboard.charts import selected_custom

        custom = selected_custom(st.session_state.get(chart_key))
        st.session_state[f"{chart_key.split(':')[0]}:drill"] = make(custom) if custom else None

    return remember


def row_callback(table_key: str, df: pd.DataFrame, make: Callable[[pd.Series], tuple[str, Drill]]):
    """An on_select callback for a dataframe: the selected row becomes the drill-down."""

    def remember() -> None:
        rows = st.session_state[table_key].selection.rows
        drill = make(df.iloc[rows[0]]) if rows else None
        st.session_state[f"{table_key.split(':')[0]}:drill"] = drill

    return remember


def drill_section(version: str, f: Filters, page: str, hint: str) -> None:
    """The articles behind the last click on this page (``page:drill`` in session state)."""
    picked = st.session_state.get(f"{page}:drill")
    if not picked:
        st.caption(hint)
        return
    label, drill = picked
    head, clear = st.columns([5, 1])
    head.subheader(f"文章 Articles · {md_escape(label)}")
    clear.button(
        "清除 Clear", key=f"{page}_clear", on_click=st.session_state.pop, args=(f"{page}:drill",)
    )
    article_table(version, f, drill, key=f"{page}_articles", what=f"文章_{label}")


def _snippet_field(row: pd.Series, words: list[str]) -> str:
    """The insight, or the body when only the body holds a matched word."""
    insight = text_or_none(row.get("insight")) or ""  # NaN is missing, never "nan"
    body = text_or_none(row.get("body")) or ""

    def has(text: str) -> bool:
        return any(w.casefold() in text.casefold() for w in words)

    return body if body and has(body) and not has(insight) else insight or body


def highlighted_articles(df: pd.DataFrame, words_of: Callable[[pd.Series], list[str]]) -> None:
    """Articles as an escaped Markdown list with the matched words highlighted."""
    for _, row in df.iterrows():
        words = words_of(row)
        st.markdown(f"**{md_highlight(row['title'], words)}** {md_link('↗ 原文', row['url'])}")
        kind = KIND_LABELS.get(row["kind"], row["kind"])
        day = pd.Timestamp(row["digest_date"]).date()
        meta = f"{day} · {row['feed']} · {kind} · {row['category']}"
        st.caption(md_escape(meta))
        snippet = md_highlight(_snippet_field(row, words), words, limit=160)
        if snippet:
            st.markdown(snippet)
