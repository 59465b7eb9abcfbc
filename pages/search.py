"""文章检索 Search & export: ranked Chinese full-text search within the sidebar filters."""

import streamlit as st

from dashboard import db, filters, search, shell, ui
from dashboard.fmt import md_escape

shell.frame()

SHOWN = 50

version = db.data_version()
f = filters.current()
st.title("文章检索 Search & export")
st.caption(filters.describe(f))

q = st.text_input(
    "关键词 Keywords（空格分隔，全部命中 · all terms must match）",
    key="q",
    bind="query-params",
    placeholder="例如 e.g.：字节 月活 · Kimi 估值 · openai",
    max_chars=200,
)
terms = search.split_terms(q or "")
if not terms:
    st.caption("在标题、核心洞察和要点中检索；公司名自动扩展到别名。留空则列出全部文章。")
    ui.article_table(version, f, None, key="search_all", what="文章")
    st.stop()

groups = search.alias_groups(version)
alternatives = tuple(tuple(a) for a in search.expand_terms(terms, groups))
results = search.search_articles(version, f, alternatives)
if results.empty and len(terms) == 1:
    pieces = search.fallback_terms(terms[0])
    if len(pieces) > 1:
        alternatives = tuple(tuple(a) for a in search.expand_terms(pieces, groups))
        results = search.search_articles(version, f, alternatives)
        st.caption(f"未找到整词，已拆分为：{md_escape(' + '.join(pieces))}")

expanded = [f"{a[0]} → {'、'.join(a[1:])}" for a in alternatives if len(a) > 1]
if expanded:
    st.caption("别名扩展 Aliases: " + md_escape("；".join(expanded)))
total = int(results["total"].iloc[0]) if len(results) else 0
if total == 0:
    ui.empty(f"没有找到包含「{md_escape(q)}」的文章。试试更短的词，或放宽筛选条件。")
    st.stop()

words = [w for alts in alternatives for w in alts]
st.caption(
    f"共 {total:,} 篇，按相关度排序（标题 > 洞察 > 正文）· 显示前 {min(SHOWN, len(results))} 篇"
)
ui.download(
    lambda: ui.label_articles(search.search_export(f, alternatives)),
    f"检索_{'_'.join(terms)}",
    f,
    key="search_csv",
)
ui.highlighted_articles(results.head(SHOWN), lambda _row: words)
