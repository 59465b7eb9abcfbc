"""The shared sidebar filters; their state lives in the URL so a link reproduces the view.

The widgets are drawn by ``app.py`` (the entry script) on every run, bound to
query parameters (``bind="query-params"``): the URL carries them and page
switches keep them. Pages read the result with ``current()``.
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from dashboard import queries
from dashboard.fmt import md_escape
from dashboard.sql import KIND_LABELS, KINDS, Filters

PRESETS = {
    "7d": "近7天",
    "30d": "近30天",
    "90d": "近90天",
    "ytd": "今年 this year",
    "all": "全部 all",
    "custom": "自定义 custom",
}
DEFAULT_PRESET = "90d"
# Widget keys = URL parameter names.
KEYS = ("range", "dates", "cat", "outlet", "co", "kind", "feed")
_STATE = "_filters"


def preset_dates(preset: str, first: date, last: date) -> tuple[date, date]:
    """The (start, end) of a preset, relative to the latest digest date ``last``.

    >>> preset_dates("7d", date(2025, 1, 1), date(2025, 12, 22))
    (datetime.date(2025, 12, 16), datetime.date(2025, 12, 22))
    >>> preset_dates("ytd", date(2024, 1, 1), date(2025, 12, 22))[0]
    datetime.date(2025, 1, 1)
    """
    days = {"7d": 7, "30d": 30, "90d": 90}
    if preset in days:
        return max(first, last - timedelta(days=days[preset] - 1)), last
    if preset == "ytd":
        return max(first, date(last.year, 1, 1)), last
    return first, last


def _date_range(first: date, last: date) -> tuple[date, date]:
    preset = st.selectbox(
        "时间范围 Period",
        list(PRESETS),
        index=list(PRESETS).index(DEFAULT_PRESET),
        format_func=PRESETS.get,
        key="range",
        bind="query-params",
        help="相对最新一期速递的日期（数据可能不是今天的）",
    )
    start, end = preset_dates(preset or DEFAULT_PRESET, first, last)
    if preset != "custom":
        st.caption(f"{start} 至 {end}")
        return start, end
    picked = st.date_input(
        "起止日期 From – to",
        value=(max(first, last - timedelta(days=89)), last),
        min_value=first,
        max_value=last,
        key="dates",
        bind="query-params",
    )
    if isinstance(picked, tuple) and len(picked) == 2:
        return picked[0], picked[1]
    return (picked[0], picked[0]) if picked else (first, last)


def _multi(label: str, options: list[str], key: str, **kw) -> tuple[str, ...]:
    chosen = st.multiselect(
        label, options, key=key, bind="query-params", placeholder="全部 all", **kw
    )
    return tuple(chosen)


def reset() -> None:
    """Callback: clear every filter back to its default."""
    for key in KEYS:
        st.session_state.pop(key, None)
    st.session_state["range"] = DEFAULT_PRESET
    for key in ("cat", "outlet", "co", "kind", "feed"):
        st.session_state[key] = []


def add_company(name: str) -> None:
    """Callback: add one company to the company filter."""
    chosen = list(st.session_state.get("co") or [])
    if name not in chosen:
        st.session_state["co"] = [*chosen, name]


def sidebar(version: str) -> Filters:
    """Draw the filters in the sidebar and return (and remember) the selection."""
    first, last = queries.date_bounds(version)
    today = date.today()
    first, last = first or today, last or today
    options = queries.filter_options(version)
    with st.sidebar:
        st.subheader("筛选 Filters")
        start, end = _date_range(first, last)
        f = Filters(
            start=start,
            end=end,
            categories=_multi("分类 Category", options["categories"], "cat"),
            outlets=_multi("来源媒体 Outlet", options["outlets"], "outlet"),
            companies=_multi("公司 Company", options["companies"], "co", accept_new_options=True),
            kinds=_multi("类型 Kind", list(KINDS), "kind", format_func=KIND_LABELS.get),
            feeds=_multi("来源速递 Feed", options["feeds"], "feed"),
        )
        st.button("重置筛选 Reset", key="reset_filters", on_click=reset, width="stretch")
    st.session_state[_STATE] = f
    return f


def current() -> Filters:
    """The filters drawn by ``sidebar`` in this run."""
    f = st.session_state.get(_STATE)
    if f is None:
        raise RuntimeError("filters.sidebar() must run first (app.py draws it)")
    return f


def describe(f: Filters) -> str:
    """A one-line summary of the active filters for captions."""
    parts = [f"{f.start} 至 {f.end}（{f.days}天）"]
    for label, values in (
        ("分类", f.categories),
        ("媒体", f.outlets),
        ("公司", f.companies),
        ("类型", tuple(KIND_LABELS.get(k, k) for k in f.kinds)),
        ("速递", f.feeds),
    ):
        if values:
            parts.append(f"{label}：{'、'.join(values)}")
    return md_escape(" · ".join(parts))
