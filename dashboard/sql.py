"""The shared SQL pieces: the filter scope, the filtered-articles CTE, time grains.

Every page's query starts from ``make_scope_cte``: one place decides which
articles the sidebar filters (and a drill-down click) select. Values are always
bound as ``$name`` parameters; the only text spliced into SQL comes from the
allow-lists in this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from dashboard.fmt import NO_CATEGORY

KINDS = ("feature", "brief")
KIND_LABELS = {"feature": "专题文章 feature", "brief": "简讯 brief"}
# Period start of a date column, per grain (the only grain SQL ever spliced in).
_GRAIN_SQL = {
    "day": "{col}",
    "week": "date_trunc('week', {col})::date",
    "month": "date_trunc('month', {col})::date",
}
GRAIN_LABELS = {"day": "按日 day", "week": "按周 week", "month": "按月 month"}
CATEGORY_SQL = f"coalesce(a.category, '{NO_CATEGORY}')"


@dataclass(frozen=True)
class Filters:
    """The sidebar's selection; empty tuples mean 'all'."""

    start: date
    end: date
    categories: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Filters:
        """The same filters over the period of the same length just before this one."""
        return Filters(
            self.start - timedelta(days=self.days),
            self.start - timedelta(days=1),
            self.categories,
            self.outlets,
            self.companies,
            self.kinds,
            self.feeds,
        )


@dataclass(frozen=True)
class Drill:
    """A click on a chart: narrows the filters to one period and/or one value."""

    start: date | None = None
    end: date | None = None  # exclusive
    category: str | None = None
    outlet: str | None = None
    outlet2: str | None = None
    company: str | None = None
    company2: str | None = None
    exclusive: bool = False  # only articles whose single source is ``outlet``


def grain_sql(grain: str, col: str = "a.digest_date") -> str:
    """The SQL for the period start of ``col`` at ``grain`` (allow-listed)."""
    if grain not in _GRAIN_SQL or col not in ("a.digest_date", "digest_date", "f.digest_date"):
        raise ValueError(f"unknown grain or column: {grain!r}, {col!r}")
    return _GRAIN_SQL[grain].format(col=col)


def period_end(start: date, grain: str) -> date:
    """The exclusive end of the period starting at ``start``.

    >>> period_end(date(2025, 12, 1), "month"), period_end(date(2025, 12, 22), "week")
    (datetime.date(2026, 1, 1), datetime.date(2025, 12, 29))
    """
    if grain == "day":
        return start + timedelta(days=1)
    if grain == "week":
        return start + timedelta(days=7)
    if grain == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    raise ValueError(f"unknown grain: {grain!r}")


def _clauses(f: Filters, drill: Drill | None) -> tuple[list[str], dict]:
    where = ["a.digest_date between $start and $end"]
    params: dict = {"start": f.start, "end": f.end}
    lists = {
        "kinds": ("a.kind", f.kinds),
        "feeds": ("a.feed", f.feeds),
        "categories": (CATEGORY_SQL, f.categories),
    }
    for name, (expr, values) in lists.items():
        if values:
            where.append(f"list_contains(${name}, {expr})")
            params[name] = list(values)
    if f.outlets:
        where.append(
            "a.article_id in (select article_id from article_sources"
            " where list_contains($outlets, outlet))"
        )
        params["outlets"] = list(f.outlets)
    if f.companies:
        where.append(
            "a.article_id in (select article_id from mentions"
            " where list_contains($companies, company))"
        )
        params["companies"] = list(f.companies)
    if drill is not None:
        _drill_clauses(drill, where, params)
    return where, params


def _drill_clauses(d: Drill, where: list[str], params: dict) -> None:
    if d.start is not None:
        where.append("a.digest_date >= $d_start")
        params["d_start"] = d.start
    if d.end is not None:
        where.append("a.digest_date < $d_end")
        params["d_end"] = d.end
    if d.category is not None:
        where.append(f"{CATEGORY_SQL} = $d_category")
        params["d_category"] = d.category
    for key in ("outlet", "outlet2"):
        if getattr(d, key) is not None:
            where.append(
                f"a.article_id in (select article_id from article_sources where outlet = $d_{key})"
            )
            params[f"d_{key}"] = getattr(d, key)
    if d.exclusive:
        where.append(
            "a.article_id in (select article_id from article_sources"
            " group by article_id having count(distinct outlet) = 1)"
        )
    for key in ("company", "company2"):
        if getattr(d, key) is not None:
            where.append(
                f"a.article_id in (select article_id from mentions where company = $d_{key})"
            )
            params[f"d_{key}"] = getattr(d, key)


def make_scope_cte(f: Filters, drill: Drill | None = None, name: str = "fa") -> tuple[str, dict]:
    """``fa as (...)``: the articles the filters (and a drill-down) select, with params.

    A second scope in the same query (``name="prev"``) gets its own parameter names.
    """
    if name not in ("fa", "prev"):
        raise ValueError(f"unknown scope name: {name!r}")
    where, params = _clauses(f, drill)
    if name != "fa":
        where = [re.sub(r"\$(\w+)", rf"${name}_\1", w) for w in where]
        params = {f"{name}_{k}": v for k, v in params.items()}
    sql = (
        f"{name} as (\n"
        "  select a.article_id, a.digest_id, a.digest_date, a.feed, a.kind, a.position,\n"
        f"         a.title, {CATEGORY_SQL} as category, a.insight, a.body, a.url,\n"
        "         coalesce(a.story_id, a.article_id) as story_id\n"
        "  from articles a\n"
        "  where " + "\n    and ".join(where) + "\n)"
    )
    return sql, params


def fetch_df(sql: str, params: dict | None = None) -> pd.DataFrame:
    """Run one query on a fresh cursor of the current snapshot and read it fully."""
    from dashboard.db import cursor

    cur = cursor()
    try:
        return cur.execute(sql, params or {}).df()
    finally:
        cur.close()


def fetch_one(sql: str, params: dict | None = None) -> tuple:
    """The first row of a query (a tuple of Nones when there is none)."""
    from dashboard.db import cursor

    cur = cursor()
    try:
        result = cur.execute(sql, params or {})
        row = result.fetchone()
        width = len(result.description or [None])
    finally:
        cur.close()
    return row if row is not None else (None,) * width
