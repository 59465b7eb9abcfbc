"""dashboard queries on the ingested sample corpora: search, drill-down, filters."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dashboard import queries, search
from dashboard import queries_companies as qc
from dashboard import queries_outlets as qo
from dashboard.sql import Drill, Filters, make_scope_cte, period_end
from tests.test_dashboard_pages import corpus_db  # noqa: F401  (session fixture)


@pytest.fixture()
def version(corpus_db, monkeypatch):  # noqa: F811
    monkeypatch.setenv("DIGEST_DB", str(corpus_db))
    from dashboard import db

    return db.data_version()


@pytest.fixture()
def everything(version) -> Filters:
    first, last = queries.date_bounds(version)
    return Filters(first, last)


def found(version, f, q) -> list[str]:
    alts = tuple(
        tuple(a) for a in search.expand_terms(search.split_terms(q), search.alias_groups(version))
    )
    df = search.search_articles(version, f, alts)
    return [f"{t} {i} {b}" for t, i, b in zip(df["title"], df["insight"], df["body"], strict=True)]


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("字节", "字节跳动"),  # a prefix finds the full name
        ("月活", "月活跃用户"),  # a short word finds the long one
        ("openai", "OpenAI"),  # an English name ignores case
        ("OPENAI", "OpenAI"),
    ],
)
def test_search_finds_what_a_reader_expects(version, everything, query, expect):
    hits = found(version, everything, query)
    assert any(expect in h for h in hits), query


def test_search_every_term_must_match_and_title_ranks_first(version, everything):
    alts = (("字节",), ("模型",))
    df = search.search_articles(version, everything, alts)
    assert len(df) > 0
    assert df["score"].is_monotonic_decreasing
    for row in df.itertuples():
        text = f"{row.title}{row.insight}{row.body}"
        assert "模型" in text


def test_search_ranks_by_best_field_then_newest(version, everything):
    """Title matches first; among them the newest, whichever feed carries a body."""
    df = search.search_articles(version, everything, (("openai",),))
    in_title = df["title"].str.contains("openai", case=False)
    assert in_title.iloc[: in_title.sum()].all()  # every title match before any other
    titled = df[in_title]
    assert titled["digest_date"].is_monotonic_decreasing
    every = search.search_export(everything, (("openai",),))
    newest = every[every["title"].str.contains("openai", case=False)]["digest_date"].max()
    assert titled["digest_date"].iloc[0] == newest  # no feed's extra fields push it down


def test_search_snippet_never_shows_nan() -> None:
    import pandas as pd

    from dashboard.ui import _snippet_field

    row = pd.Series({"insight": float("nan"), "body": None, "title": "Kimi战略转向"})
    assert _snippet_field(row, ["月活"]) == ""
    row = pd.Series({"insight": float("nan"), "body": "月活2760万"})
    assert _snippet_field(row, ["月活"]) == "月活2760万"


@pytest.mark.parametrize("trap", ["%", "_", "\\", "'; drop table articles; --", "(?i).*"])
def test_search_terms_are_literal(version, everything, trap):
    assert found(version, everything, trap) is not None  # no error, bound and escaped


def test_search_respects_filters(version, everything):
    one_day = Filters(everything.end, everything.end)
    assert len(found(version, one_day, "AI")) <= len(found(version, everything, "AI"))


def test_week_drill_covers_the_whole_week(version, everything):
    mix = queries.category_mix(version, everything, "week")
    row = mix.sort_values("n").iloc[-1]
    start = row["period"].date() if hasattr(row["period"], "date") else row["period"]
    drill = Drill(start=start, end=period_end(start, "week"), category=row["category"])
    assert queries.article_count(version, everything, drill) == row["n"]
    daily = queries.category_mix(version, everything, "day")
    in_week = daily[
        (daily["category"] == row["category"])
        & (daily["period"] >= str(start))
        & (daily["period"] < str(start + timedelta(days=7)))
    ]
    assert in_week["n"].sum() == row["n"]


def test_filters_narrow_every_aggregate(version, everything):
    top = qo.outlet_counts(version, everything)
    outlet = top["outlet"].iloc[0]
    narrowed = Filters(everything.start, everything.end, outlets=(outlet,))
    assert queries.headline_counts(version, narrowed)["features"] <= top["n"].iloc[0]
    assert (
        qc.top_companies(version, narrowed)["n"].max()
        <= qc.top_companies(version, everything)["n"].max()
    )


def test_movers_compare_with_the_previous_period(version, everything):
    f = Filters(everything.end - timedelta(days=29), everything.end)
    assert f.previous() == Filters(f.start - timedelta(days=30), f.start - timedelta(days=1))
    movers = qc.company_movers(version, f)
    assert (movers["change"] == movers["n"] - movers["prev_n"]).all()


def test_scope_sql_binds_values_and_allows_only_known_grains():
    sql, params = make_scope_cte(
        Filters(date(2025, 1, 1), date(2025, 2, 1), categories=("x' or 1=1",))
    )
    assert "x' or 1=1" not in sql and params["categories"] == ["x' or 1=1"]
    with pytest.raises(ValueError):
        queries.category_mix("v", Filters(date(2025, 1, 1), date(2025, 2, 1)), "year; drop")
