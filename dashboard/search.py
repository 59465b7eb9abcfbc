"""Chinese full-text search over titles, insights and bullets, ranked by weighted hits.

A query is split on spaces into terms; every term must match (title, insight or
body), each as a case-insensitive substring, so 字节 finds 字节跳动 and 月活
finds 月活跃用户. A term that names a company in the dictionary (the
``companies`` table) also matches the company's other names (Kimi → 月之暗面).
Score: 3 per term in the title, 2 in the insight, 1 in the body; newest first
among equals. Terms are bound parameters, matched literally (see ``match_sql``).

>>> split_terms("  字节  OpenAI，月活 ")
['字节', 'OpenAI', '月活']
"""

from __future__ import annotations

import re
import threading

import pandas as pd

from dashboard.queries import LIST_LIMIT, cached
from dashboard.sql import Filters, fetch_df
from dashboard.sql import make_scope_cte as scope
from loaders.companies import search_tokens

MAX_TERMS = 6
MAX_ALTERNATIVES = 12
_SPLIT = re.compile(r"[\s,，;；、。]+")
WEIGHTS = (("fa.title", 3), ("fa.insight", 2), ("fa.body", 1))


def split_terms(q: str) -> list[str]:
    """The distinct non-empty terms of a query, in order (at most ``MAX_TERMS``)."""
    seen: list[str] = []
    for term in _SPLIT.split(q or ""):
        if term and term.casefold() not in {t.casefold() for t in seen}:
            seen.append(term[:50])
    return seen[:MAX_TERMS]


@cached
def alias_groups(version: str) -> dict[str, list[str]]:
    """casefolded name or alias → every name of that company (name first)."""
    df = fetch_df("select company, alias from companies order by company, alias")
    names: dict[str, list[str]] = {}
    for company, part in df.groupby("company", sort=False):
        names[company] = [company, *[a for a in part["alias"] if a != company]]
    return {key.casefold(): group for company, group in names.items() for key in {company, *group}}


def expand_terms(terms: list[str], groups: dict[str, list[str]]) -> list[list[str]]:
    """Each term with the other names of the company it names (the term itself first).

    >>> expand_terms(["kimi", "月活"], {"kimi": ["月之暗面", "Kimi"]})
    [['kimi', '月之暗面'], ['月活']]
    """
    expanded = []
    for term in terms:
        alts = [term]
        for name in groups.get(term.casefold(), []):
            if name.casefold() not in {a.casefold() for a in alts}:
                alts.append(name)
        expanded.append(alts[:MAX_ALTERNATIVES])
    return expanded


_warm_lock = threading.Lock()
_warm_started = False


def warm_up_in_background() -> None:
    """Load jieba and the company tokenizer once per server process, off the request path."""
    global _warm_started
    with _warm_lock:
        if _warm_started:
            return
        _warm_started = True
    threading.Thread(
        target=lambda: search_tokens("预热"), name="jieba-warm-up", daemon=True
    ).start()


def fallback_terms(q: str) -> list[str]:
    """Word pieces of a query with no spaces (字节跳动月活 → 字节跳动, 月活), longest kept."""
    tokens = sorted({t for t in search_tokens(q) if len(t) > 1}, key=len, reverse=True)
    kept: list[str] = []
    for token in tokens:
        if not any(token.casefold() in k.casefold() for k in kept):
            kept.append(token)
    return kept[:MAX_TERMS]


_RE2_SPECIAL = re.compile(r"([\\.+*?()|\[\]{}^$#&~-])")


def latin_regex(terms: list[str]) -> str:
    """One case-insensitive RE2 alternation matching any of ``terms`` literally.

    >>> latin_regex(["OpenAI", "GPT-4.1"])
    '(?i)(?:OpenAI|GPT\\\\-4\\\\.1)'
    """
    escaped = (_RE2_SPECIAL.sub(r"\\\1", t) for t in terms)
    return "(?i)(?:" + "|".join(escaped) + ")"


def match_sql(column: str, name: str, alts: list[str]) -> tuple[str, dict]:
    """SQL testing one column for any of a term's alternatives, and its parameters.

    Alternatives without letter case (Chinese, digits) are plain ``contains``
    tests, fast on any text (ILIKE on Chinese text is ~30x slower); the ones
    with Latin letters share one case-insensitive regular expression. All are
    literal substring tests with the values bound.
    """
    caseless = [a for a in alts if a.lower() == a.upper()]
    cased = [a for a in alts if a.lower() != a.upper()]
    tests = [f"contains({column}, ${name}_{k})" for k in range(len(caseless))]
    params = {f"{name}_{k}": a for k, a in enumerate(caseless)}
    if cased:
        tests.append(f"regexp_matches({column}, ${name}_rx)")
        params[f"{name}_rx"] = latin_regex(cased)
    return " or ".join(tests), params


def make_search_sql(f: Filters, alternatives: list[list[str]], limit: str) -> tuple[str, dict]:
    """The ranked search query over the filtered articles, and its parameters."""
    cte, params = scope(f)
    scores = []
    for i, alts in enumerate(alternatives):
        per_column = []
        for c, (column, weight) in enumerate(WEIGHTS):
            test, values = match_sql(column, f"t{i}c{c}", alts)
            params.update(values)
            per_column.append(f"(case when {test} then {weight} else 0 end)")
        # The best field counts, not how many fields repeat the word: a feed whose items
        # carry a body must not outrank the others, and equal matches go newest first.
        scores.append(f"greatest({', '.join(per_column)}) as s{i}")
    total = " + ".join(f"s{i}" for i in range(len(alternatives)))
    every = " and ".join(f"s{i} > 0" for i in range(len(alternatives)))
    sql = f"""
        with {cte},
        scored as (
          select fa.*, {", ".join(scores)}
          from fa
        )
        select digest_date, feed, kind, category, title, insight, body, url, article_id,
               {total} as score, count(*) over () as total
        from scored
        where {every}
        order by score desc, digest_date desc, article_id
        {limit}
    """
    return sql, params


@cached
def search_articles(version: str, f: Filters, alternatives: tuple) -> pd.DataFrame:
    """The best ``LIST_LIMIT`` matches, ranked; column ``total`` counts every match."""
    sql, params = make_search_sql(f, [list(a) for a in alternatives], f"limit {LIST_LIMIT}")
    return fetch_df(sql, params)


def search_export(f: Filters, alternatives: tuple) -> pd.DataFrame:
    """Every match, ranked, for the CSV download (uncached)."""
    sql, params = make_search_sql(f, [list(a) for a in alternatives], "")
    return fetch_df(sql, params).drop(columns=["total"])
