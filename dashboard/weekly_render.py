"""The weekly summary as Markdown and as one printable, self-contained HTML file.

Both come from the same section model (``make_sections``), so they say the
same thing. Digest text is untrusted: escaped for the output format, and only
http(s) links are ever clickable.

>>> md_text("**$5** [x](javascript:1) <b>")
'\\\\*\\\\*\\\\$5\\\\*\\\\* \\\\[x\\\\](javascript:1) \\\\<b\\\\>'
>>> render_inline_md(Link("标题", "javascript:alert(1)"))
'标题'
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from dashboard.fmt import NO_COMPANY, fmt_figure, fmt_number, safe_url
from dashboard.weekly import (
    BASELINE_WEEKS,
    METRIC_LABELS,
    CategoryShare,
    Counts,
    FigureItem,
    Ranked,
    WeeklySummary,
)

TITLE = "AI行业周报"
# Qualifiers written after the number (loaders/figure_rules.SUFFIX_QUALIFIERS) as prefixes.
SUFFIX_QUALIFIERS = {"余": "超", "多": "超", "以上": "超", "之多": "超", "+": "超", "左右": "约"}


@dataclass(frozen=True)
class Link:
    text: str
    url: str | None


Inline = str | Link


@dataclass(frozen=True)
class Para:
    parts: tuple[Inline, ...]


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]
    align: str  # one letter per column: l(eft), r(ight), n(o wrap, left)


Block = Para | Heading | Bullets | Table


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]
    chart: str | None = None  # key into make_charts()


# --- wording -------------------------------------------------------------------------


def week_title(s: WeeklySummary) -> str:
    w = s.week
    return f"{TITLE} · {w.year}年第{w.number}周（{w.start} 至 {w.end}）"


def pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def pp(delta: float | None) -> str:
    """A change in percentage points: +15.0 / −2.5 / 0.0."""
    if delta is None:
        return "—"
    value = round(100 * delta, 1)
    return f"+{value:.1f}" if value > 0 else f"−{-value:.1f}" if value < 0 else "0.0"


def change(now: int, before: int) -> str:
    """'+3（+25.0%）', '−2（−14.3%）', '持平', '+3（上周为0）'."""
    delta = now - before
    if delta == 0:
        return "持平"
    sign = "+" if delta > 0 else "−"
    rel = f"{sign}{abs(delta) / before:.1%}" if before else "上周为0"
    return f"{sign}{fmt_number(abs(delta))}（{rel}）"


def figure_text(f: FigureItem) -> str:
    """'约5340万美元'; a qualifier written after the number (10余万) is said before it."""
    qualifier = SUFFIX_QUALIFIERS.get(f.qualifier, f.qualifier) or ""
    return qualifier + fmt_figure(f.value, f.currency, f.unit, f.value_high)


def shown_value(f: FigureItem) -> str:
    text = figure_text(f)
    if f.period:
        text += f"（{f.period}）"
    if f.n > 1:
        text += f"，{f.n}次报道"
    return text + (" ⚠" if f.conflict else "")


# --- sections ------------------------------------------------------------------------


def make_sections(s: WeeklySummary) -> list[Section]:
    return [
        Section("1. 本周概览", overview_blocks(s)),
        Section("2. 分类变化", category_blocks(s), "categories" if s.categories else None),
        Section("3. 公司动态", company_blocks(s), "companies" if s.companies else None),
        Section("4. 关键数据", figure_blocks(s)),
        Section("5. 媒体来源", outlet_blocks(s), "outlets" if s.outlets else None),
        Section("6. 本周要闻", headline_blocks(s)),
    ]


def intro(s: WeeklySummary) -> str:
    w = s.week
    return (
        f"对比基准：上周 {w.shift(-1)}，前{BASELINE_WEEKS}周 {w.shift(-BASELINE_WEEKS)} 至 "
        f"{w.shift(-1)}。本报告由速递数据库按固定规则自动生成，未经人工编辑。"
    )


def overview_blocks(s: WeeklySummary) -> tuple[Block, ...]:
    c, p = s.counts, s.prev_counts
    if s.empty:
        lead = f"本周（{s.week}）没有速递数据。"
    else:
        lead = f"本周共 {c.digests} 期速递，专题文章 {c.features} 篇，简讯 {c.briefs} 条。"
    if not s.has_previous:
        first = "" if s.has_history else "数据库中没有更早的速递，"
        return (Para((lead + f"上周（{s.week.shift(-1)}）没有数据，{first}暂无环比。",)),)
    rows = tuple(
        (label, fmt_number(now), fmt_number(before), change(now, before))
        for label, now, before in _count_rows(c, p)
    )
    return Para((lead,)), Table(("指标", "本周", "上周", "较上周"), rows, "lrrr")


def _count_rows(c: Counts, p: Counts):
    return (
        ("速递期数", c.digests, p.digests),
        ("专题文章", c.features, p.features),
        ("简讯", c.briefs, p.briefs),
    )


def category_blocks(s: WeeklySummary) -> tuple[Block, ...]:
    if s.counts.features == 0:
        return (Para(("本周没有专题文章，没有分类数据。",)),)
    rows = tuple(
        (c.category, fmt_number(c.n), pct(c.share), pct(c.prev_share), pct(c.baseline_share),
         pp(None if c.prev_share is None else c.share - c.prev_share))
        for c in s.categories
    )  # fmt: skip
    header = (
        "分类",
        "本周篇数",
        "本周占比",
        "上周占比",
        f"前{BASELINE_WEEKS}周平均",
        "较上周（百分点）",
    )
    return Para((category_sentence(s),)), Table(header, rows, "lrrrrr")


def category_sentence(s: WeeklySummary) -> str:
    """The biggest shifts of the feature mix, in a sentence or two."""
    cats = s.categories
    if cats[0].prev_share is None and cats[0].baseline_share is None:
        return "没有更早的数据，暂无可比较的分类变化。"
    parts = []
    if cats[0].prev_share is None:
        parts.append("上周没有专题文章，无法与上周比较。")
    else:
        up = max(cats, key=lambda c: (c.share - c.prev_share, c.n))
        down = min(cats, key=lambda c: (c.share - c.prev_share, -c.n))
        if up.share - up.prev_share < 0.0005 and down.share - down.prev_share > -0.0005:
            parts.append("各分类占比与上周持平。")
        else:
            parts.append("与上周相比，占比" + _shift_text(up, down) + "。")
    if cats[0].baseline_share is not None:
        far = max(cats, key=lambda c: (abs(c.share - c.baseline_share), c.n))
        parts.append(
            f"相对前{BASELINE_WEEKS}周平均（{s.baseline_weeks}周有数据），偏离最大的是"
            f"「{far.category}」（{pct(far.baseline_share)} → {pct(far.share)}，"
            f"{pp(far.share - far.baseline_share)}个百分点）。"
        )
    return "".join(parts)


def _shift_text(up: CategoryShare, down: CategoryShare) -> str:
    def one(c: CategoryShare) -> str:
        return f"「{c.category}」（{pct(c.prev_share)} → {pct(c.share)}，{pp(c.share - c.prev_share)}个百分点）"

    texts = []
    if up.share - up.prev_share >= 0.0005:
        texts.append("上升最多的是" + one(up))
    if down.share - down.prev_share <= -0.0005:
        texts.append("下降最多的是" + one(down))
    return "，".join(texts)


def company_blocks(s: WeeklySummary) -> tuple[Block, ...]:
    if not s.companies:
        return (Para(("本周文章没有提及公司词典中的公司。",)),)
    rows = tuple(
        (r.name, fmt_number(r.n), fmt_number(r.prev_n) if s.has_previous else "—",
         change(r.n, r.prev_n) if s.has_previous else "—")
        for r in s.companies
    )  # fmt: skip
    table = Table(("公司", "本周提及文章", "上周", "较上周"), rows, "lrrr")
    return (
        Heading("提及最多"),
        table,
        Para(("升幅最大：" + riser_text(s),)),
        Para(("首次出现：" + first_seen_text(s),)),
    )


def riser_text(s: WeeklySummary) -> str:
    if not s.has_previous:
        return "上周没有数据，暂无比较。"
    if not s.risers:
        return "没有提及次数比上周增加的公司。"
    return "、".join(f"{r.name}（{r.prev_n} → {r.n}，+{r.n - r.prev_n}）" for r in s.risers) + "。"


def first_seen_text(s: WeeklySummary) -> str:
    if not s.has_history:
        return "数据库中没有更早的速递，暂不判断。"
    if not s.first_seen:
        return "本周没有首次出现的公司。"
    return "、".join(f"{r.name}（{r.n}篇）" for r in s.first_seen) + "。"


def figure_blocks(s: WeeklySummary) -> tuple[Block, ...]:
    if not s.figures:
        return (Para(("本周文章中没有识别到融资、估值、收入、用户等数据。",)),)
    blocks: list[Block] = [Para(("按指标分组，数额从大到小（不同币种按美元折算排序）。",))]
    omitted = dict(s.figures_omitted)
    for metric in dict.fromkeys(f.metric for f in s.figures):
        rows = tuple(
            (f.company or NO_COMPANY, shown_value(f), f.digest_date.strftime("%m-%d"),
             Link(f.title, f.url))
            for f in s.figures if f.metric == metric
        )  # fmt: skip
        blocks.append(Heading(METRIC_LABELS.get(metric, metric)))
        blocks.append(Table(("公司", "数值", "日期", "出处"), rows, "nrnl"))
        if omitted.get(metric):
            blocks.append(Para((f"另有 {omitted[metric]} 条较小的数据未列出。",)))
    conflicts = conflict_text(s.figures)
    if conflicts:
        blocks.append(Para((conflicts,)))
    return tuple(blocks)


def conflict_text(figures: tuple[FigureItem, ...]) -> str:
    """'⚠ 数据不一致…：公司·指标（A / B）；…' for every flagged company and metric."""
    groups: dict[tuple[str, str], list[str]] = {}
    for f in figures:
        if f.conflict:
            groups.setdefault((f.company or NO_COMPANY, f.metric), []).append(figure_text(f))
    if not groups:
        return ""
    items = [
        f"{company}·{METRIC_LABELS.get(metric, metric)}（{' / '.join(values)}）"
        for (company, metric), values in sorted(groups.items())
    ]
    return (
        "⚠ 数据不一致（同一公司同一指标本周报道了不同数字，请核对原文）：" + "；".join(items) + "。"
    )


def outlet_blocks(s: WeeklySummary) -> tuple[Block, ...]:
    if not s.outlets:
        return (Para(("本周文章没有标注来源媒体。",)),)
    rows = tuple(
        (r.name, fmt_number(r.n), fmt_number(r.prev_n) if s.has_previous else "—")
        for r in s.outlets
    )
    return (Table(("媒体", "本周引用文章", "上周"), rows, "lrr"),)


def headline_blocks(s: WeeklySummary) -> tuple[Block, ...]:
    if not s.headlines:
        return (Para(("本周没有专题文章。",)),)
    blocks: list[Block] = []
    for category in dict.fromkeys(h.category for h in s.headlines):
        items = tuple(
            (h.digest_date.strftime("%m-%d") + " ", Link(h.title, h.url))
            for h in s.headlines
            if h.category == category
        )
        blocks += [Heading(f"{category}（{len(items)}篇）"), Bullets(items)]
    return tuple(blocks)


# --- Markdown --------------------------------------------------------------------------

# Characters a Markdown reader could take for markup: emphasis, links, HTML, LaTeX, tables.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>$~|&#])")


def md_text(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def render_inline_md(part: Inline) -> str:
    if isinstance(part, str):
        return md_text(part)
    href = safe_url(part.url)
    if href is None:
        return md_text(part.text)
    return f"[{md_text(part.text)}]({href.replace('(', '%28').replace(')', '%29')})"


def _md_block(block: Block) -> str:
    line = lambda parts: "".join(render_inline_md(p) for p in parts)  # noqa: E731
    if isinstance(block, Heading):
        return f"### {md_text(block.text)}"
    if isinstance(block, Para):
        return line(block.parts)
    if isinstance(block, Bullets):
        return "\n".join(f"- {line(item)}" for item in block.items)
    rule = ["---:" if a == "r" else "---" for a in block.align]
    rows = [[md_text(h) for h in block.header], rule]
    rows += [[render_inline_md(c) for c in row] for row in block.rows]
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def section_markdown(section: Section) -> str:
    """One section's blocks as Markdown (without its title)."""
    return "\n\n".join(_md_block(b) for b in section.blocks)


def render_markdown(s: WeeklySummary) -> str:
    """The whole summary as Markdown (no charts)."""
    out = [f"# {md_text(week_title(s))}", md_text(intro(s))]
    for section in make_sections(s):
        out += [f"## {md_text(section.title)}", section_markdown(section)]
    return "\n\n".join(out) + "\n"


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
