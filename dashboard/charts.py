"""DataFrame -> plotly Figure. No queries here; colours follow the Streamlit theme.

Clickable charts put what a click means into ``customdata`` (period start,
category, outlet …) so pages read a selection without guessing from positions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard.fmt import METRIC_LABELS, fmt_number

# 48 distinct colours so that no two categories share one (digests use 20–30).
PALETTE = px.colors.qualitative.Dark24 + px.colors.qualitative.Light24
_LAYOUT = {
    "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
    "legend": {"orientation": "h", "y": -0.15},
    "hoverlabel": {"namelength": -1},
    "clickmode": "event+select",
}


_DAY_MS = 86_400_000
# Date ticks as a Chinese reader writes them: 3月8日 when ticks are days or weeks apart,
# 2026年3月 when they are months apart.
_DATE_TICKS = [
    {"dtickrange": [None, 28 * _DAY_MS], "value": "%-m月%-d日"},
    {"dtickrange": [28 * _DAY_MS, None], "value": "%Y年%-m月"},
]


def _layout(fig: go.Figure, height: int = 380, dates: bool = False, **kw) -> go.Figure:
    fig.update_layout(height=height, **{**_LAYOUT, **kw})
    if dates:
        fig.update_xaxes(tickformatstops=_DATE_TICKS, hoverformat="%Y-%m-%d")
    return fig


def make_trend_chart(df: pd.DataFrame, labels: dict[str, str]) -> go.Figure:
    """A small stacked bar of articles per day, one trace per kind."""
    fig = go.Figure()
    for kind, part in df.groupby("kind", sort=False):
        fig.add_bar(x=part["period"], y=part["n"], name=labels.get(kind, kind))
    return _layout(fig, height=220, dates=True, barmode="stack", yaxis_title="篇 articles")


def make_stacked_bars(df: pd.DataFrame, share: bool, unit: str = "篇") -> go.Figure:
    """Stacked bars per period and category; ``customdata`` = [period ISO, category]."""
    df = df.copy()
    totals = df.groupby("period")["n"].transform("sum")
    df["share"] = df["n"] / totals
    y = "share" if share else "n"
    fig = go.Figure()
    for i, (category, part) in enumerate(df.groupby("category", sort=True)):
        custom = list(zip(part["period"].astype(str), part["category"], part["n"], strict=True))
        fig.add_bar(
            x=part["period"],
            y=part[y],
            name=str(category),
            marker_color=PALETTE[i % len(PALETTE)],
            customdata=custom,
            hovertemplate="%{customdata[0]} · %{customdata[1]}<br>"
            "%{customdata[2]} " + unit + (" (%{y:.1%})" if share else "") + "<extra></extra>",
        )
    fig.update_yaxes(
        tickformat=".0%" if share else ",d",
        title="占比 share" if share else ("篇数 articles" if unit == "篇" else "故事数 stories"),
    )
    # The x axis shows each period's first day (hover says so); no axis title,
    # which would collide with the legend below the chart.
    return _layout(fig, height=420, dates=True, barmode="stack")


def make_ranked_bars(df: pd.DataFrame, label: str, value: str = "n") -> go.Figure:
    """Horizontal bars, largest on top; ``customdata`` = [label, share]."""
    df = df.iloc[::-1]
    share = df["share"] if "share" in df else df[value] / max(df[value].sum(), 1)
    fig = go.Figure(
        go.Bar(
            x=df[value],
            y=df[label],
            orientation="h",
            customdata=list(zip(df[label], share, strict=True)),
            text=[f"{fmt_number(v)} · {s:.1%}" for v, s in zip(df[value], share, strict=True)],
            textposition="auto",
            hovertemplate="%{customdata[0]}: %{x} (%{customdata[1]:.1%})<extra></extra>",
        )
    )
    fig.update_yaxes(type="category")
    return _layout(fig, height=max(260, 24 * len(df) + 60), showlegend=False)


def period_label(period: str, grain: str) -> str:
    """A period's first day as a reader names the period: 2026-W09, 2026-03, 03-08.

    >>> period_label("2026-02-23", "week"), period_label("2026-03-01", "month")
    ('2026-W09', '2026-03')
    """
    day = date.fromisoformat(period[:10])
    if grain == "month":
        return day.strftime("%Y-%m")
    if grain == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.strftime("%m-%d")


def make_heatmap(
    df: pd.DataFrame,
    x: str,
    y: str,
    z: str = "n",
    x_title: str = "",
    x_label: Callable[[str], str] | None = None,
) -> go.Figure:
    """A clickable heatmap of ``z`` over ``x`` × ``y``: square markers coloured by ``z``.

    Plotly's Heatmap trace cannot be selected, so cells are scatter points;
    ``customdata`` = [x, y, z] per cell. Rows are ordered by their total.
    """
    df = df[df[z] > 0].copy()
    df[x], df[y] = df[x].astype(str), df[y].astype(str)
    rows = df.groupby(y)[z].sum().sort_values().index.tolist()
    cols = sorted(df[x].unique())
    size = max(6, min(28, int(900 / max(len(cols), 1))))
    fig = go.Figure(
        go.Scatter(
            x=df[x],
            y=df[y],
            mode="markers",
            marker={
                "symbol": "square",
                "size": size,
                "color": df[z],
                "colorscale": "Blues",
                "showscale": True,
                "line": {"width": 0},
            },
            customdata=list(zip(df[x], df[y], df[z], strict=True)),
            hovertemplate="%{customdata[1]} · %{customdata[0]}: %{customdata[2]} 篇<extra></extra>",
        )
    )
    fig.update_xaxes(title=x_title, type="category", categoryorder="array", categoryarray=cols)
    if x_label:  # the labels change, the values (and the drill-down) stay ISO dates
        fig.update_xaxes(tickvals=cols, ticktext=[x_label(c) for c in cols])
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=rows)
    return _layout(fig, height=max(300, 24 * len(rows) + 140), showlegend=False)


def make_lines(df: pd.DataFrame, series: str, y: str = "n", y_title: str = "篇") -> go.Figure:
    """One line per value of ``series`` over ``period``; ``customdata`` = [period, series]."""
    fig = go.Figure()
    for name, part in df.groupby(series, sort=False):
        fig.add_scatter(
            x=part["period"],
            y=part[y],
            name=str(name),
            mode="lines+markers",
            customdata=list(zip(part["period"].astype(str), part[series], strict=True)),
            hovertemplate="%{customdata[1]} · %{customdata[0]}: %{y}<extra></extra>",
        )
    fig.update_yaxes(title=y_title)
    return _layout(fig, height=360, dates=True)


def make_figure_timeline(df: pd.DataFrame) -> go.Figure:
    """A chosen company's amounts and counts over time, one series per metric (Chinese
    names), on a log axis. Percentages and negative values, which a log axis cannot
    show, stay in the table below the chart."""
    fig = go.Figure()
    plotted = df[(df["unit"].fillna("") != "%") & (df["value"] > 0)]
    for metric, part in plotted.groupby("metric", sort=True):
        name = METRIC_LABELS.get(str(metric), str(metric))
        fig.add_scatter(
            x=part["digest_date"],
            y=part["value_usd"].where(part["value_usd"].notna(), part["value"]),
            name=name,
            mode="lines+markers",
            text=part["shown"],
            hovertemplate="%{x|%Y-%m-%d} · " + name + ": %{text}<extra></extra>",
        )
    fig.update_yaxes(type="log", title="数值（有美元换算时为美元）value (USD where known)")
    return _layout(fig, height=360, dates=True)


def selected_custom(event: object) -> list | None:
    """The ``customdata`` of the first clicked point of a plotly_chart selection, or None."""
    try:
        points = event.selection.points  # type: ignore[attr-defined]
    except AttributeError:
        return None
    for point in points or ():
        custom = point.get("customdata")
        if custom is not None:
            return list(custom) if isinstance(custom, list | tuple) else [custom]
    return None
