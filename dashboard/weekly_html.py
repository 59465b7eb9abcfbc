"""The weekly summary as one printable, self-contained HTML file, charts included.

Built from the same sections as the Markdown (``weekly_render.make_sections``);
plotly.js is inlined so the file opens with no network. Digest text is escaped
and only http(s) links are clickable.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from dashboard.fmt import safe_url
from dashboard.weekly import BASELINE_WEEKS, Ranked, WeeklySummary
from dashboard.weekly_render import (
    Block,
    Bullets,
    Heading,
    Inline,
    Para,
    intro,
    make_sections,
    week_title,
)

# --- charts ----------------------------------------------------------------------------

CHART_WIDTH = 760  # fits an A4 page in print as well as a screen
# This week dark, the comparisons light (series names as in make_charts).
SERIES_COLOURS = {"本周": "#1f4e9c", "上周": "#9bb7e0"}
BASELINE_COLOUR = "#bdbdbd"


def _label(text: str) -> str:
    """Plotly draws a few HTML tags in labels; entities show the text as written."""
    return html.escape(text, quote=False)


def _bars(names: list[str], series: dict[str, list[float]], percent: bool) -> go.Figure:
    """Grouped horizontal bars: first name on top, first series on top within a group."""
    fig = go.Figure()
    labels = [_label(n) for n in names][::-1]
    for name, values in reversed(series.items()):
        colour = SERIES_COLOURS.get(name, BASELINE_COLOUR)
        fig.add_bar(y=labels, x=values[::-1], name=name, orientation="h", marker_color=colour)
    fig.update_layout(
        width=CHART_WIDTH,
        height=max(220, 60 + len(names) * 18 * max(1, len(series))),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        template="plotly_white",
        barmode="group",
        legend={"orientation": "h", "y": -0.12, "traceorder": "reversed"},
        showlegend=len(series) > 1,
    )
    fig.update_yaxes(type="category", automargin=True)
    top = max((v for values in series.values() for v in values), default=0)
    if percent:
        fig.update_xaxes(tickformat=".0%", automargin=True)
    else:
        fig.update_xaxes(tickformat=",d", dtick=1 if top <= 10 else None, automargin=True)
    return fig


def make_charts(s: WeeklySummary) -> dict[str, go.Figure]:
    """The summary's charts by key (categories, companies, outlets), only those with data."""
    charts: dict[str, go.Figure] = {}
    if s.categories and s.counts.features:
        cats = s.categories
        series = {"本周": [c.share for c in cats]}
        if s.has_previous:
            series["上周"] = [c.prev_share or 0.0 for c in cats]
        if cats[0].baseline_share is not None:
            series[f"前{BASELINE_WEEKS}周平均"] = [c.baseline_share for c in cats]
        charts["categories"] = _bars([c.category for c in cats], series, percent=True)
    for key, ranked in (("companies", s.companies), ("outlets", s.outlets)):
        if ranked:
            charts[key] = _bars(*_ranked_series(ranked, s.has_previous), percent=False)
    return charts


def _ranked_series(ranked: tuple[Ranked, ...], with_previous: bool):
    series = {"本周": [r.n for r in ranked]}
    if with_previous:
        series["上周"] = [r.prev_n for r in ranked]
    return [r.name for r in ranked], series


# --- HTML --------------------------------------------------------------------------------

PRINT_CSS = """
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       max-width: 800px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.6; }
h1 { font-size: 1.6em; border-bottom: 2px solid #333; padding-bottom: .3em; }
h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05em; margin: 1em 0 .3em; }
.intro { color: #555; font-size: .9em; }
table { border-collapse: collapse; width: 100%; font-size: .9em; margin: .5em 0; }
th, td { border: 1px solid #ddd; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.r, th.r { text-align: right; white-space: nowrap; }
td.n { white-space: nowrap; }
ul { padding-left: 1.4em; margin: .3em 0; }
a { color: #1a5fb4; text-decoration: none; }
.chart { margin: .8em 0; }
@page { size: A4; margin: 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  a { color: inherit; }
  h2, h3 { break-after: avoid; }
  tr, li, .chart { break-inside: avoid; }
}
"""


def render_inline_html(part: Inline) -> str:
    if isinstance(part, str):
        return html.escape(part)
    href = safe_url(part.url)
    if href is None:
        return html.escape(part.text)
    return f'<a href="{html.escape(href)}" rel="noopener noreferrer">{html.escape(part.text)}</a>'


def _html_block(block: Block) -> str:
    line = lambda parts: "".join(render_inline_html(p) for p in parts)  # noqa: E731
    if isinstance(block, Heading):
        return f"<h3>{html.escape(block.text)}</h3>"
    if isinstance(block, Para):
        return f"<p>{line(block.parts)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{line(item)}</li>" for item in block.items) + "</ul>"
    cls = [f' class="{a}"' if a in "rn" else "" for a in block.align]
    head = "".join(f"<th{c}>{html.escape(h)}</th>" for c, h in zip(cls, block.header, strict=True))
    body = "".join(
        "<tr>"
        + "".join(f"<td{c}>{render_inline_html(v)}</td>" for c, v in zip(cls, row, strict=True))
        + "</tr>"
        for row in block.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _chart_html(key: str, fig: go.Figure) -> str:
    div = pio.to_html(
        fig,
        full_html=False,
        include_plotlyjs=False,
        div_id=f"chart-{key}",
        config={"staticPlot": True, "responsive": False},
    )
    return f'<div class="chart">{div}</div>'


def render_html(s: WeeklySummary) -> str:
    """A self-contained page: text, tables, charts and plotly.js inline; prints on A4."""
    charts = make_charts(s)
    title = html.escape(week_title(s))
    body = [f"<h1>{title}</h1>", f'<p class="intro">{html.escape(intro(s))}</p>']
    for section in make_sections(s):
        body.append(f"<section><h2>{html.escape(section.title)}</h2>")
        body += [_html_block(b) for b in section.blocks]
        if section.chart in charts:
            body.append(_chart_html(section.chart, charts[section.chart]))
        body.append("</section>")
    script = f'<script charset="utf-8">{get_plotlyjs()}</script>' if charts else ""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{PRINT_CSS}</style>\n{script}\n</head>\n"
        "<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )
