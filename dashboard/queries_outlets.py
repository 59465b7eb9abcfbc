"""Cached queries for the 来源媒体 Outlets page: frequency, heatmaps, co-coverage."""

from __future__ import annotations

import pandas as pd

from dashboard.queries import cached
from dashboard.sql import Filters, fetch_df, grain_sql
from dashboard.sql import make_scope_cte as scope

# Outlets cited by the articles in scope, one row per (article, outlet).
_CITED = """
    cited as materialized (
      select distinct s.article_id, s.outlet, fa.digest_date, fa.category
      from article_sources s
      join fa using (article_id)
    )
"""

# The ``$top`` most cited of those outlets.
_TOP_OUTLETS = """
    top_outlets as (
      select outlet from cited group by outlet order by count(*) desc, outlet limit $top
    )
"""


@cached
def outlet_counts(version: str, f: Filters) -> pd.DataFrame:
    """Articles citing each outlet, with the share of all articles that cite any outlet."""
    cte, params = scope(f)
    return fetch_df(
        f"""
        with {cte}, {_CITED}
        select outlet, count(*) as n,
               count(*) / (select count(distinct article_id) from cited) as share
        from cited
        group by outlet
        order by n desc, outlet
        """,
        params,
    )


@cached
def outlet_by_period(version: str, f: Filters, grain: str, top: int = 20) -> pd.DataFrame:
    """Articles per period and outlet, for the ``top`` outlets."""
    cte, params = scope(f)
    return fetch_df(
        f"""
        with {cte}, {_CITED}, {_TOP_OUTLETS}
        select {grain_sql(grain, "digest_date")} as period, outlet, count(*) as n
        from cited
        semi join top_outlets using (outlet)
        group by all
        """,
        {**params, "top": top},
    )


@cached
def outlet_by_category(version: str, f: Filters, top: int = 20) -> pd.DataFrame:
    """Articles per category and outlet, for the ``top`` outlets."""
    cte, params = scope(f)
    return fetch_df(
        f"""
        with {cte}, {_CITED}, {_TOP_OUTLETS}
        select category, outlet, count(*) as n
        from cited
        semi join top_outlets using (outlet)
        group by all
        """,
        {**params, "top": top},
    )


@cached
def outlet_pairs(version: str, f: Filters, top: int = 30) -> pd.DataFrame:
    """Pairs of outlets cited together on the same article, most frequent first."""
    cte, params = scope(f)
    return fetch_df(
        f"""
        with {cte}, {_CITED}
        select a.outlet as outlet_a, b.outlet as outlet_b, count(*) as n
        from cited a
        join cited b on a.article_id = b.article_id and a.outlet < b.outlet
        group by all
        order by n desc, outlet_a, outlet_b
        limit $top
        """,
        {**params, "top": top},
    )


@cached
def outlet_exclusives(version: str, f: Filters) -> pd.DataFrame:
    """Per outlet: articles citing it, and how many cite it as their only source."""
    cte, params = scope(f)
    return fetch_df(
        f"""
        with {cte}, {_CITED},
        per_article as (
          select article_id, count(*) as n_outlets from cited group by article_id
        )
        select c.outlet,
               count(*) as n,
               count(*) filter (where p.n_outlets = 1) as exclusive,
               count(*) filter (where p.n_outlets = 1) / count(*) as exclusive_share
        from cited c
        join per_article p using (article_id)
        group by c.outlet
        order by exclusive desc, n desc, c.outlet
        """,
        params,
    )
