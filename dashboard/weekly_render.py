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

import re
from dataclasses import dataclass

from dashboard.fmt import METRIC_ZH, company_label, fmt_figure, fmt_number, safe_url
from dashboard.weekly import (
    BASELINE_WEEKS,
    HEADLINE_CATEGORIES,
    CategoryShare,
    Counts,
    WeeklySummary,
)
from dashboard.weekly_figures import FigureItem

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


DEMO_LABEL = "【演示数据 DEMO】"


def week_title(s: WeeklySummary) -> str:
    w = s.week
    label = DEMO_LABEL if s.is_demo else ""
    return f"{label}{TITLE} · {w.year}年第{w.number}周（{w.start} 至 {w.end}）"


def file_stem(s: WeeklySummary) -> str:
    """The download's name: 周报_2025-W52, or 演示数据_周报_2025-W52 for the demo."""
    return ("演示数据_" if s.is_demo else "") + f"周报_{s.week}"


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
        + ("注意：这是用虚构公司生成的演示数据，不是真实资讯。" if s.is_demo else "")
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
        if abs(far.share - far.baseline_share) < 0.0005:
            parts.append(f"与前{BASELINE_WEEKS}周平均相比，各分类占比也没有变化。")
            return "".join(parts)
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
            (company_label(f.company, f.metric), shown_value(f), f.digest_date.strftime("%m-%d"),
             Link(f.title, f.url))
            for f in s.figures if f.metric == metric
        )  # fmt: skip
        blocks.append(Heading(METRIC_ZH.get(metric, metric)))
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
            groups.setdefault((company_label(f.company, f.metric), f.metric), []).append(
                figure_text(f)
            )
    if not groups:
        return ""
    items = [
        f"{company}·{METRIC_ZH.get(metric, metric)}（{' / '.join(values)}）"
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
    totals = {h.category: h.total for h in s.headlines}
    for category in list(totals)[:HEADLINE_CATEGORIES]:
        items = tuple(
            (h.digest_date.strftime("%m-%d") + " ", Link(h.title, h.url),
             f"（{h.coverage}篇报道）" if h.coverage > 1 else "")
            for h in s.headlines
            if h.category == category
        )  # fmt: skip
        blocks += [Heading(f"{category}（{totals[category]}篇）"), Bullets(items)]
        if totals[category] > len(items):
            blocks.append(Para((f"另有 {totals[category] - len(items)} 篇未列出。",)))
    rest = list(totals)[HEADLINE_CATEGORIES:]
    if rest:
        names = "、".join(f"{c}（{totals[c]}篇）" for c in rest)
        blocks.append(Para((f"其余分类：{names}。",)))
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
