"""Cached queries for the 公司提及 Companies and 数据指标 Figures pages."""

from __future__ import annotations

import pandas as pd

from dashboard.queries import LIST_LIMIT, cached
from dashboard.sql import Filters, fetch_df, grain_sql
from dashboard.sql import make_scope_cte as scope

_MENTIONED = """
    mentioned as materialized (
      select distinct m.article_id, m.company, fa.digest_date
      from mentions m
      join fa using (article_id)
      where m.in_dictionary
    )
"""


@cached
def top_companies(version: str, f: Filters, top: int = 30) -> pd.DataFrame:
    """Companies by the number of articles mentioning them, with the share of articles."""
    cte, params = scope(f)
    return fetch_df(
        f"""
        with {cte}, {_MENTIONED}
        select company, count(*) as n, count(*) / (select count(*) from fa) as share
        from mentioned
        group by company
        order by n desc, company
        limit $top
        """,
        {**params, "top": top},
    )


@cached
def company_trend(version: str, f: Filters, companies: tuple[str, ...], grain: str) -> pd.DataFrame:
    """Articles mentioning each chosen company per period."""
    cte, params = scope(f)
    return fetch_df(
        f"""
        with {cte}, {_MENTIONED}
        select {grain_sql(grain, "digest_date")} as period, company, count(*) as n
        from mentioned
        where list_contains($chosen, company)
        group by all
        order by period, company
        """,
        {**params, "chosen": list(companies)},
    )


@cached
def company_movers(version: str, f: Filters, top: int = 15) -> pd.DataFrame:
    """Article counts now vs the previous period of the same length, biggest changes."""
    cur_cte, cur_params = scope(f)
    prev_cte, prev_params = scope(f.previous(), name="prev")
    return fetch_df(
        f"""
        with {cur_cte}, {prev_cte},
        now_n as (
          select company, count(distinct article_id) as n from mentions
          semi join fa using (article_id) where in_dictionary group by company
        ),
        prev_n as (
          select company, count(distinct article_id) as n from mentions
          semi join prev using (article_id) where in_dictionary group by company
        )
        select company, coalesce(now_n.n, 0) as n, coalesce(prev_n.n, 0) as prev_n,
               coalesce(now_n.n, 0) - coalesce(prev_n.n, 0) as change
        from now_n
        full join prev_n using (company)
        order by abs(change) desc, n desc, company
        limit $top
        """,
        {**cur_params, **prev_params, "top": top * 2},
    )


_PAIRS = """
    with {cte}, {mentioned}
    select a.company as company_a, b.company as company_b, count(*) as n
    from mentioned a
    join mentioned b on a.article_id = b.article_id and a.company < b.company
    group by all
    order by n desc, company_a, company_b
    limit $top
"""


def _pairs(f: Filters, top: int | None) -> pd.DataFrame:
    cte, params = scope(f)
    return fetch_df(_PAIRS.format(cte=cte, mentioned=_MENTIONED), {**params, "top": top})


@cached
def company_pairs(version: str, f: Filters, top: int = 30) -> pd.DataFrame:
    """Pairs of companies mentioned in the same article, the most frequent first."""
    return _pairs(f, top)


def company_pairs_export(f: Filters) -> pd.DataFrame:
    """Every pair, for the CSV download (uncached, runs on click)."""
    return _pairs(f, None)


_UNDICTIONARY = """
    with {cte}
    select m.company as name, count(distinct m.article_id) as n,
           min(fa.digest_date) as first_seen, max(fa.digest_date) as last_seen,
           arg_max(fa.title, fa.digest_date) as example
    from mentions m
    join fa using (article_id)
    where not m.in_dictionary
    group by m.company
    order by n desc, name
    limit $top
"""


def _undictionary(f: Filters, top: int | None) -> pd.DataFrame:
    cte, params = scope(f)
    return fetch_df(_UNDICTIONARY.format(cte=cte), {**params, "top": top})


@cached
def undictionary_names(version: str, f: Filters, top: int = 100) -> pd.DataFrame:
    """Detected names not in the dictionary, by articles, with an example title."""
    return _undictionary(f, top)


def undictionary_names_export(f: Filters) -> pd.DataFrame:
    """Every detected name, for the CSV download (uncached, runs on click)."""
    return _undictionary(f, None)


@cached
def company_articles(version: str, f: Filters, company: str) -> pd.DataFrame:
    """The newest articles mentioning ``company``, with the aliases written in each."""
    cte, params = scope(f)
    return fetch_df(
        f"""
        with {cte},
        hits as (
          select article_id, list(distinct alias) as aliases
          from mentions
          where company = $company
          group by article_id
        )
        select fa.digest_date, fa.feed, fa.kind, fa.category, fa.title, fa.insight, fa.body,
               fa.url, hits.aliases
        from fa
        join hits using (article_id)
        order by fa.digest_date desc, fa.feed, fa.kind desc, fa.position
        limit {LIST_LIMIT}
        """,
        {**params, "company": company},
    )


_FIGURES = """
    with {cte}
    select g.company, g.metric, g.value, g.value_high, g.currency, g.unit, g.value_usd,
           g.qualifier, g.period, g.digest_date, g.span, g.sentence, fa.title, fa.url,
           g.figure_id
    from figures g
    join fa using (article_id)
    where (len($f_companies) = 0 or list_contains($f_companies, coalesce(g.company, '')))
      and (len($f_metrics) = 0 or list_contains($f_metrics, g.metric))
    order by g.digest_date desc, g.figure_id
    {limit}
"""


def _figure_params(f: Filters, companies: tuple, metrics: tuple) -> tuple[str, dict]:
    cte, params = scope(f)
    return cte, {**params, "f_companies": list(companies), "f_metrics": list(metrics)}


@cached
def figure_options(version: str, f: Filters) -> dict[str, list[str]]:
    """Companies ('' = market-wide) and metrics that have figures in scope."""
    cte, params = scope(f)
    df = fetch_df(
        f"""
        with {cte}
        select coalesce(g.company, '') as company, g.metric, count(*) as n
        from figures g
        semi join fa using (article_id)
        group by all
        """,
        params,
    )
    order = lambda col: df.groupby(col)["n"].sum().sort_values(ascending=False).index.tolist()  # noqa: E731
    return {"companies": order("company"), "metrics": order("metric")}


@cached
def figure_rows(version: str, f: Filters, companies: tuple, metrics: tuple) -> pd.DataFrame:
    """The newest figures in scope (display cap), narrowed to companies and metrics."""
    cte, params = _figure_params(f, companies, metrics)
    return fetch_df(_FIGURES.format(cte=cte, limit=f"limit {LIST_LIMIT * 2}"), params)


@cached
def figure_count(version: str, f: Filters, companies: tuple, metrics: tuple) -> int:
    """How many figures the page's table covers."""
    cte, params = _figure_params(f, companies, metrics)
    sql = _FIGURES.format(cte=cte, limit="")
    return int(fetch_df(f"select count(*) as n from ({sql})", params)["n"].iloc[0])


def figure_export(f: Filters, companies: tuple, metrics: tuple) -> pd.DataFrame:
    """Every figure in scope, for the CSV download (uncached)."""
    cte, params = _figure_params(f, companies, metrics)
    return fetch_df(_FIGURES.format(cte=cte, limit=""), params)


@cached
def latest_figures(version: str, f: Filters, companies: tuple, metrics: tuple) -> pd.DataFrame:
    """The latest value per company and metric in scope."""
    cte, params = _figure_params(f, companies, metrics)
    sql = _FIGURES.format(cte=cte, limit="")
    return fetch_df(
        f"""
        select * from ({sql})
        qualify row_number() over (
          partition by coalesce(company, ''), metric order by digest_date desc, figure_id desc
        ) = 1
        order by company nulls last, metric
        """,
        params,
    )
