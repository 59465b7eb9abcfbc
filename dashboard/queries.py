"""One cached function per chart or table (overview, categories, article lists, admin).

Every function takes ``version`` (``dashboard.db.data_version()``) first, so a
new ingest shows on the next rerun; results are small aggregates. Article lists
are capped at ``limit`` rows for display; ``*_export`` functions return all rows
and are not cached (they run when a download is clicked).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.sql import CATEGORY_SQL, Drill, Filters, fetch_df, fetch_one, grain_sql
from dashboard.sql import make_scope_cte as scope

cached = st.cache_data(max_entries=128, ttl=3600, show_spinner=False)
LIST_LIMIT = 200


@cached
def date_bounds(version: str) -> tuple:
    """(first digest date, last digest date) over the whole database."""
    return fetch_one("select min(digest_date), max(digest_date) from digests")


@cached
def filter_options(version: str) -> dict[str, list[str]]:
    """The values each sidebar multiselect offers, most frequent first."""
    sql = {
        "categories": f"select {CATEGORY_SQL} as v, count(*) n from articles a group by 1",
        "outlets": "select outlet as v, count(*) n from article_sources group by 1",
        "feeds": "select feed as v, count(*) n from digests group by 1",
        "companies": "select company as v, count(distinct article_id) n from mentions"
        " where in_dictionary group by 1 order by n desc limit 2000",
    }
    return {
        key: fetch_df(f"select v from ({q}) order by n desc, v")["v"].tolist()
        for key, q in sql.items()
    }


@cached
def freshness(version: str) -> dict:
    """Last digest date, last finished ingest and whole-database totals."""
    row = fetch_one(
        "select (select max(digest_date) from digests),"
        " (select max(finished_at) from ingest_runs),"
        " (select count(*) from digests), (select count(*) from articles)"
    )
    return dict(zip(("last_digest", "last_ingest", "digests", "articles"), row, strict=True))


@cached
def headline_counts(version: str, f: Filters) -> dict:
    """Digests, features, briefs, outlets, companies and figures in the filtered scope."""
    cte, params = scope(f)
    row = fetch_one(
        f"""
        with {cte},
        ids as materialized (select article_id, digest_id, kind from fa)
        select count(distinct digest_id),
               count(*) filter (where kind = 'feature'),
               count(*) filter (where kind = 'brief'),
               (select count(distinct outlet) from article_sources semi join ids using (article_id)),
               (select count(distinct company) from mentions semi join ids using (article_id)
                 where in_dictionary),
               (select count(*) from figures semi join ids using (article_id))
        from ids
        """,
        params,
    )
    keys = ("digests", "features", "briefs", "outlets", "companies", "figures")
    return dict(zip(keys, (int(v or 0) for v in row), strict=True))


@cached
def articles_per_day(version: str, f: Filters) -> pd.DataFrame:
    """Articles per digest date and kind."""
    cte, params = scope(f)
    return fetch_df(
        f"""
        with {cte}
        select digest_date as period, kind, count(*) as n
        from fa
        group by all
        order by period
        """,
        params,
    )


@cached
def latest_digest_features(version: str, f: Filters) -> pd.DataFrame:
    """The feature articles of the latest digest date in scope (every feed that day)."""
    cte, params = scope(f)
    return fetch_df(
        f"""
        with {cte}
        select digest_date, feed, position, title, category, insight, url
        from fa
        where kind = 'feature'
          and digest_date = (select max(digest_date) from fa)
        order by feed, position
        """,
        params,
    )


@cached
def category_mix(
    version: str, f: Filters, grain: str, unit: str = "article", by_feed: bool = False
) -> pd.DataFrame:
    """Articles (or distinct stories) per period (day/week/month start) and category.

    ``unit="story"`` counts each story once however many feeds or outlets ran it;
    ``by_feed`` adds a ``feed`` column so each feed's own categories stay apart.
    """
    counted = {"article": "count(*)", "story": "count(distinct story_id)"}[unit]
    feed = "feed, " if by_feed else ""
    cte, params = scope(f)
    return fetch_df(
        f"""
        with {cte}
        select {grain_sql(grain, "digest_date")} as period, {feed}category, {counted} as n
        from fa
        group by all
        order by period, {feed}category
        """,
        params,
    )


_ARTICLE_LIST = """
    with {cte},
    page as (
      select * from fa
      order by digest_date desc, feed, kind desc, position
      {limit}
    ),
    srcs as (
      select s.article_id, string_agg(distinct s.outlet, '、' order by s.outlet) as outlets
      from article_sources s
      semi join page using (article_id)
      group by 1
    )
    select page.digest_date, page.feed, page.kind, page.category, page.title, page.insight,
           srcs.outlets, page.url, page.article_id
    from page
    left join srcs using (article_id)
    order by page.digest_date desc, page.feed, page.kind desc, page.position
"""


@cached
def article_list(version: str, f: Filters, drill: Drill | None = None) -> pd.DataFrame:
    """The newest ``LIST_LIMIT`` articles in scope (narrowed by a drill-down click)."""
    cte, params = scope(f, drill)
    return fetch_df(_ARTICLE_LIST.format(cte=cte, limit=f"limit {LIST_LIMIT}"), params)


@cached
def article_count(version: str, f: Filters, drill: Drill | None = None) -> int:
    """How many articles the filters (and drill-down) select."""
    cte, params = scope(f, drill)
    return int(fetch_one(f"with {cte} select count(*) from fa", params)[0] or 0)


def article_export(f: Filters, drill: Drill | None = None) -> pd.DataFrame:
    """Every article in scope, for the CSV download (uncached, runs on click)."""
    cte, params = scope(f, drill)
    return fetch_df(_ARTICLE_LIST.format(cte=cte, limit=""), params)


@cached
def ingest_problems(version: str) -> pd.DataFrame:
    """Every problem recorded by the latest ingest of each file."""
    return fetch_df(
        """
        select source_path as file, line, severity, message as reason, ingest_id
        from ingest_issues
        order by severity, source_path, line
        """
    )


@cached
def ingest_history(version: str) -> pd.DataFrame:
    """The ingest runs, newest first."""
    return fetch_df(
        """
        select ingest_id, started_at, finished_at, files_read, files_skipped,
               digests, articles, problems
        from ingest_runs
        order by ingest_id desc
        limit 50
        """
    )


@cached
def company_dictionary(version: str) -> pd.DataFrame:
    """The company dictionary used by the last ingest, one row per alias."""
    return fetch_df(
        """
        select company, alias, kind, parent
        from companies
        order by company, kind <> 'name', alias
        """
    )
