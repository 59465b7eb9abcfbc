"""The weekly summary's numbers: one ISO week against the week before and the 4 before that.

Pure queries on a DuckDB connection or cursor (no streamlit), values bound,
every ordering ending in a name so the same database gives the same summary.

>>> parse_week("2025-W52").start, parse_week("2025-W52").end
(datetime.date(2025, 12, 22), datetime.date(2025, 12, 28))
>>> str(week_of(date(2026, 1, 1)))
'2026-W01'
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from dashboard.fmt import NO_CATEGORY
from dashboard.weekly_figures import FigureItem, pick_figures
from loaders.db import read_meta

TOP_COMPANIES = 10
TOP_RISERS = 5
TOP_OUTLETS = 10
HEADLINES_PER_CATEGORY = 5
HEADLINE_CATEGORIES = 8
MAX_FIRST_SEEN = 20
BASELINE_WEEKS = 4
_WEEK_TEXT = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Week:
    """An ISO week; ``str(week)`` is '2025-W52'."""

    year: int
    number: int

    @property
    def start(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> date:
        """The Sunday (inclusive)."""
        return self.start + timedelta(days=6)

    def shift(self, weeks: int) -> Week:
        return week_of(self.start + timedelta(weeks=weeks))

    def __str__(self) -> str:
        return f"{self.year}-W{self.number:02d}"


def week_of(day: date) -> Week:
    iso = day.isocalendar()
    return Week(iso.year, iso.week)


def parse_week(text: str) -> Week:
    """'2025-W52' (or '2025W52') -> Week; ValueError for anything else or a week that isn't."""
    m = _WEEK_TEXT.match(text.strip())
    if not m:
        raise ValueError(f"not an ISO week like 2025-W52: {text!r}")
    year, number = int(m[1]), int(m[2])
    try:
        date.fromisocalendar(year, number, 1)
    except ValueError:
        raise ValueError(f"{year} has no week {number}") from None
    return Week(year, number)


@dataclass(frozen=True)
class Counts:
    digests: int = 0
    features: int = 0
    briefs: int = 0


@dataclass(frozen=True)
class CategoryShare:
    """Share of this week's features in one category; None where there is nothing to compare."""

    category: str
    n: int
    share: float
    prev_share: float | None
    baseline_share: float | None


@dataclass(frozen=True)
class Ranked:
    """A company or outlet: articles this week, last week, and when it was first seen."""

    name: str
    n: int
    prev_n: int
    first_date: date | None = None


@dataclass(frozen=True)
class Headline:
    """One story of the week; ``coverage`` = how many feature articles reported it and
    ``total`` = how many features its category had (the same on every headline of it)."""

    category: str
    digest_date: date
    title: str
    url: str | None
    coverage: int = 1
    total: int = 1


@dataclass(frozen=True)
class WeeklySummary:
    """Everything the weekly report shows, for one ISO week."""

    week: Week
    counts: Counts
    prev_counts: Counts
    has_history: bool  # any digest before this week
    baseline_weeks: int  # how many of the 4 weeks before had features
    categories: tuple[CategoryShare, ...]
    companies: tuple[Ranked, ...]
    risers: tuple[Ranked, ...]
    first_seen: tuple[Ranked, ...]
    figures: tuple[FigureItem, ...]
    figures_omitted: tuple[tuple[str, int], ...]  # (metric, how many not listed)
    outlets: tuple[Ranked, ...]
    headlines: tuple[Headline, ...]
    is_demo: bool = False  # built from the generated demo corpus (db_meta mode = 'demo')

    @property
    def empty(self) -> bool:
        return self.counts.digests == 0

    @property
    def has_previous(self) -> bool:
        return self.prev_counts.digests > 0


def _rows(con, sql: str, params: dict) -> list[tuple]:
    """Run ``sql`` with the parameters it names (DuckDB rejects unused ones)."""
    used = {k: v for k, v in params.items() if re.search(rf"\${k}\b", sql)}
    return con.execute(sql, used).fetchall()


def weeks_with_data(con) -> list[Week]:
    """Every ISO week that has a digest, newest first."""
    rows = _rows(con, "select distinct digest_date from digests order by 1 desc", {})
    return list(dict.fromkeys(week_of(r[0]) for r in rows))


def week_choices(con) -> list[Week]:
    """Every ISO week from the first with data to the newest, newest first (gaps included)."""
    weeks = weeks_with_data(con)
    if not weeks:
        return []
    count = (weeks[0].start - weeks[-1].start).days // 7 + 1
    return [weeks[0].shift(-i) for i in range(count)]


def default_week(con, today: date | None = None) -> Week:
    """The last complete week with data.

    A week is complete once its Sunday is before ``today`` or the data reaches its
    Sunday. Falls back to the newest week with data, then to last week.
    """
    today = today or date.today()
    weeks = weeks_with_data(con)
    if not weeks:
        return week_of(today).shift(-1)
    last = _rows(con, "select max(digest_date) from digests", {})[0][0]
    done = [w for w in weeks if w.end < today or w.end <= last]
    return done[0] if done else weeks[0]


def make_summary(con, week: Week) -> WeeklySummary:
    """The summary of ``week`` from the database behind ``con``."""
    p = {"start": week.start, "end": week.end + timedelta(days=1)}
    p["prev"] = week.start - timedelta(weeks=1)
    counts = count_articles(con, week)
    has_history = bool(_rows(con, "select count(*) from digests where digest_date < $start",
                             {"start": week.start})[0][0])  # fmt: skip
    categories, baseline_weeks = category_shares(con, week)
    companies, risers, first_seen = company_rankings(con, p, has_history)
    figures, omitted = week_figures(con, p)
    return WeeklySummary(
        week=week,
        counts=counts,
        prev_counts=count_articles(con, week.shift(-1)),
        has_history=has_history,
        baseline_weeks=baseline_weeks,
        categories=categories,
        companies=companies,
        risers=risers,
        first_seen=first_seen,
        figures=figures,
        figures_omitted=omitted,
        outlets=top_outlets(con, p),
        headlines=headlines(con, p),
        is_demo=read_meta(con, "mode") == "demo",
    )


def count_articles(con, week: Week) -> Counts:
    """Digests, features and briefs dated in ``week``."""
    row = _rows(
        con,
        """
        select
          (select count(*) from digests where digest_date between $start and $end),
          count(*) filter (where kind = 'feature'),
          count(*) filter (where kind = 'brief')
        from articles
        where digest_date between $start and $end
        """,
        {"start": week.start, "end": week.end},
    )[0]
    return Counts(*(int(v or 0) for v in row))


def category_shares(con, week: Week) -> tuple[tuple[CategoryShare, ...], int]:
    """This week's feature categories by share, with last week's and the 4-week baseline."""
    first = week.shift(-BASELINE_WEEKS)
    rows = _rows(
        con,
        """
        select date_trunc('week', digest_date)::date as week_start,
               coalesce(category, $none) as category,
               count(*) as n
        from articles
        where kind = 'feature'
          and digest_date between $first and $end
        group by all
        """,
        {"first": first.start, "end": week.end, "none": NO_CATEGORY},
    )
    per_week: dict[date, dict[str, int]] = defaultdict(dict)
    for start, category, n in rows:
        per_week[start][category] = n
    shares = {start: {c: n / sum(cats.values()) for c, n in cats.items()}
              for start, cats in per_week.items()}  # fmt: skip
    this = per_week.get(week.start, {})
    prev = shares.get(week.shift(-1).start)
    base = [shares[s] for s in sorted(shares) if s < week.start]
    # Categories of this week and last week: one that vanished is a shift too.
    names = set(this) | set(prev or ())
    out = [
        CategoryShare(
            category=c,
            n=this.get(c, 0),
            share=shares[week.start].get(c, 0.0) if this else 0.0,
            prev_share=prev.get(c, 0.0) if prev is not None else None,
            baseline_share=sum(b.get(c, 0.0) for b in base) / len(base) if base else None,
        )
        for c in names
    ]
    out.sort(key=lambda x: (-x.n, -(x.prev_share or 0.0), x.category))
    return tuple(out), len(base)


def company_rankings(con, p: dict, has_history: bool):
    """(most mentioned, biggest risers, first seen) among dictionary companies."""
    rows = _rows(
        con,
        """
        with m as (
          select distinct m.company, a.article_id, a.digest_date
          from mentions m
          join articles a using (article_id)
          where m.in_dictionary
            and a.digest_date < $end
        )
        select company,
               count(*) filter (where digest_date >= $start) as n,
               count(*) filter (where digest_date >= $prev and digest_date < $start) as prev_n,
               min(digest_date) as first_date
        from m
        group by company
        having n > 0
        order by n desc, company
        """,
        p,
    )
    ranked = [Ranked(*r) for r in rows]
    new = [r for r in ranked if r.first_date >= p["start"]] if has_history else []
    seen_before = [r for r in ranked if r.first_date < p["start"] and r.n > r.prev_n]
    risers = sorted(seen_before, key=lambda r: (r.prev_n - r.n, -r.n, r.name))
    return tuple(ranked[:TOP_COMPANIES]), tuple(risers[:TOP_RISERS]), tuple(new[:MAX_FIRST_SEEN])


_FIRST_URL = """
    left join (
      select article_id, arg_min(url, position) as source_url
      from article_sources
      where url is not null
      group by article_id
    ) s using (article_id)
"""


def week_figures(con, p: dict) -> tuple[tuple[FigureItem, ...], tuple[tuple[str, int], ...]]:
    """This week's figures: identical reports merged, metric order, largest first, flagged."""
    rows = _rows(
        con,
        f"""
        select f.metric, f.company, f.value, f.value_high, f.currency, f.unit, f.qualifier,
               f.value_usd, f.period, f.digest_date, a.title, coalesce(a.url, s.source_url) as url,
               f.article_id
        from figures f
        join articles a using (article_id)
        {_FIRST_URL}
        where f.digest_date >= $start
          and f.digest_date < $end
        order by f.digest_date, a.feed, a.kind, a.position, f.figure_id
        """,
        p,
    )
    return pick_figures(rows)


def top_outlets(con, p: dict) -> tuple[Ranked, ...]:
    """The outlets cited by most articles this week, with last week's count."""
    rows = _rows(
        con,
        """
        select s.outlet,
               count(distinct s.article_id) filter (where a.digest_date >= $start) as n,
               count(distinct s.article_id) filter (where a.digest_date < $start) as prev_n
        from article_sources s
        join articles a using (article_id)
        where a.digest_date >= $prev
          and a.digest_date < $end
        group by s.outlet
        having n > 0
        order by n desc, s.outlet
        limit $limit
        """,
        {**p, "limit": TOP_OUTLETS},
    )
    return tuple(Ranked(*r) for r in rows)


def headlines(con, p: dict) -> tuple[Headline, ...]:
    """The week's main stories by category (largest first): one title per story, at most
    HEADLINES_PER_CATEGORY, chosen by how many articles reported it, whether it carries
    a figure and the feed's own score; shown in date order."""
    rows = _rows(
        con,
        f"""
        with week as (
          select a.article_id, coalesce(a.category, $none) as category, a.digest_date,
                 a.title, coalesce(a.url, s.source_url) as url, a.feed, a.position,
                 coalesce(a.story_id, a.article_id) as story, a.score
          from articles a
          {_FIRST_URL}
          where a.kind = 'feature'
            and a.digest_date >= $start
            and a.digest_date < $end
        ),
        ranked as (
          select *,
                 count(*) over (partition by story) as coverage,
                 count(*) over (partition by category) as total,
                 row_number() over (partition by story
                                    order by digest_date, feed, position) as nth,
                 exists (select 1 from figures f where f.article_id = week.article_id) as has_figure
          from week
        ),
        picked as (
          select *,
                 row_number() over (partition by category
                                    order by coverage desc, has_figure desc,
                                             score desc nulls last, digest_date desc,
                                             feed, position) as pick
          from ranked
          where nth = 1
        )
        select category, digest_date, title, url, coverage, total
        from picked
        where pick <= $per_category
        order by total desc, category, digest_date, feed, position
        """,
        {**p, "none": NO_CATEGORY, "per_category": HEADLINES_PER_CATEGORY},
    )
    return tuple(Headline(*r) for r in rows)
