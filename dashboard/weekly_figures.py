"""The figures of the weekly summary: identical reports merged, ordered, capped, flagged.

Pure functions over rows already read from the ``figures`` table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from dashboard.fmt import METRIC_NAMES

FIGURES_PER_METRIC = 10
# Rates measure many different things under one metric name: never compared.
UNCOMPARED_METRICS = frozenset({"growth_rate", "margin", "other"})
# Two figures for one company and metric disagree when they differ by more than this.
CONFLICT_TOLERANCE = 0.02


@dataclass(frozen=True)
class FigureItem:
    """One figure reported this week (identical reports merged; ``n`` = in how many articles)."""

    metric: str
    company: str | None
    value: float
    value_high: float | None
    currency: str | None
    unit: str | None
    qualifier: str | None
    value_usd: float | None
    period: str | None
    digest_date: date
    title: str
    url: str | None
    n: int = 1
    conflict: bool = False


def pick_figures(rows: list[tuple]) -> tuple[tuple[FigureItem, ...], tuple[tuple[str, int], ...]]:
    """The figures to report, and how many were left out per metric.

    ``rows`` hold FigureItem's fields then an article_id. The result is in metric order,
    largest first, conflicts flagged, at most FIGURES_PER_METRIC a metric.
    """
    merged: dict[tuple, FigureItem] = {}
    articles: dict[tuple, set[str]] = defaultdict(set)
    for *row, article_id in rows:
        item = FigureItem(*row)
        key = (item.metric, item.company, item.value, item.value_high, item.currency, item.unit)
        articles[key].add(article_id)
        merged.setdefault(key, item)
    items = [replace(f, n=len(articles[k])) for k, f in merged.items()]
    items = _flag_conflicts(items)
    order = {m: i for i, m in enumerate(METRIC_NAMES)}
    items.sort(key=lambda f: (order.get(f.metric, len(order)), f.metric, -_size(f),
                              f.company or "", f.digest_date, f.title))  # fmt: skip
    kept = _cap_per_metric(items)
    omitted = defaultdict(int)
    for f in items:
        omitted[f.metric] += 1
    for f in kept:
        omitted[f.metric] -= 1
    return tuple(kept), tuple((m, n) for m, n in omitted.items() if n)


def _size(f: FigureItem) -> float:
    return f.value_usd if f.value_usd is not None else f.value


def _cap_per_metric(items: list[FigureItem]) -> list[FigureItem]:
    """At most FIGURES_PER_METRIC per metric, but conflicting figures always stay."""
    kept: dict[str, int] = defaultdict(int)
    out = []
    for f in items:
        if kept[f.metric] < FIGURES_PER_METRIC or f.conflict:
            kept[f.metric] += 1
            out.append(f)
    return out


def _flag_conflicts(items: list[FigureItem]) -> list[FigureItem]:
    """Mark figures that disagree with another for the same company and metric."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, f in enumerate(items):
        if f.company and f.metric not in UNCOMPARED_METRICS:
            groups[(f.company, f.metric)].append(i)
    flagged = set()
    for members in groups.values():
        for i in members:
            if any(disagree(items[i], items[j]) for j in members if j != i):
                flagged.add(i)
    return [replace(f, conflict=i in flagged) for i, f in enumerate(items)]


def disagree(a: FigureItem, b: FigureItem) -> bool:
    """Two figures that cannot both be right (ranges that do not overlap, with a tolerance).

    Compared in USD when both convert, else only when the currency and unit match;
    only figures for the same stated period (or both for none) are compared.
    """
    if a.period != b.period:
        return False
    if a.value_usd is not None and b.value_usd is not None and a.value and b.value:
        scale_a, scale_b = a.value_usd / a.value, b.value_usd / b.value
    elif (a.currency, a.unit) == (b.currency, b.unit):
        scale_a = scale_b = 1.0
    else:
        return False
    lo_a, hi_a = a.value * scale_a, (a.value_high or a.value) * scale_a
    lo_b, hi_b = b.value * scale_b, (b.value_high or b.value) * scale_b
    slack = CONFLICT_TOLERANCE * max(abs(hi_a), abs(hi_b))
    return lo_a > hi_b + slack or lo_b > hi_a + slack
