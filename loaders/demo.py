"""Synthetic digests in the primary (《AI行业速递》) format, for demos and the benchmark.

Every company, product, person and outlet below is invented; the title line of each
file carries the marker 「演示数据 DEMO」 so a demo digest can never pass for a real one.
The output is deterministic: each day's text depends only on ``seed`` and the date.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from loaders.demo_data import (
    B2B_BRIEFS,
    B2B_FIGURES,
    BRIEFS,
    CATEGORIES,
    COMPANIES,
    CONSUMER,
    FIGURE_SHARE,
    FIGURES,
    GIVEN,
    INSIGHTS,
    LABELS,
    OUTLETS,
    REGIONS,
    ROUNDS,
    SECTORS,
    SENTENCES,
    SURNAMES,
    TITLES,
    DemoCompany,
)

DEMO_MARKER = "演示数据 DEMO"
DEFAULT_END = date(2025, 12, 28)  # a Sunday: the demo ends on a complete week
DICTIONARY_HEADER = (
    "# Demo-only company dictionary: every company here is invented (written by\n"
    "# loaders/demo.write_demo_dictionary; same columns as data/companies.csv).\n"
)
URL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def years_since(day: date, year: int) -> float:
    """Years from 1 January of ``year`` to ``day`` (never below 0.1)."""
    return max((day - date(year, 1, 1)).days / 365.25, 0.1)


def category_weights(day: date) -> list[float]:
    """Today's category weights: base × slow trend × a cycle, so shares drift over time."""
    t = years_since(day, 2016)
    return [
        base * math.exp(trend * t) * (1 + amp * math.sin(2 * math.pi * t / period + phase))
        for base, trend, amp, period, phase in CATEGORIES.values()
    ]


def fmt_amount(value: float, unit: str = "") -> str:
    """5340万美元 / 1.86亿元 / 177万 — the way the digests write numbers.

    >>> fmt_amount(53_400_000, "美元"), fmt_amount(186_000_000, "元"), fmt_amount(1_770_000)
    ('5340万美元', '1.86亿元', '177万')
    >>> fmt_amount(20_000_000_000, "元"), fmt_amount(45_000, "元")
    ('200亿元', '4.5万元')
    """
    if value >= 1e8:
        return f"{value / 1e8:.2f}".rstrip("0").rstrip(".") + "亿" + unit
    if value >= 1e4:
        wan = value / 1e4
        return (f"{wan:.1f}".rstrip("0").rstrip(".") if wan < 100 else f"{wan:.0f}") + "万" + unit
    return f"{value:.0f}{unit}"


@dataclass(frozen=True)
class Metrics:
    """A company's figures on one day; smooth in time, with a little daily noise."""

    revenue: float
    net_loss: float
    gross_margin: float
    mau: float
    paid: float
    valuation: float
    clients: float
    growth: float
    funding_round: str
    currency: str


def metrics_for(co: DemoCompany, day: date, rng: random.Random) -> Metrics:
    """The company's figures on ``day``: revenue and users grow, margins improve."""
    t = years_since(day, co.founded)
    size = 2e7 * 5 ** (co.scale - 1) * (0.14 if co.usd else 1.0)
    ramp = 1 / (1 + math.exp(-(t - 3) / 1.2))
    noise = rng.uniform(0.95, 1.05)
    revenue = size * ramp * math.exp(0.05 * t) * noise
    users = 3e5 * 5 ** (co.scale - 1) * ramp * math.exp(0.06 * t) * noise
    stage = min(int(t * 1.4), len(ROUNDS) - 1)
    return Metrics(
        revenue=revenue,
        net_loss=revenue * max(0.12, 1.5 * math.exp(-t / 4)) * rng.uniform(0.9, 1.1),
        gross_margin=round(55 - 80 * math.exp(-t / 3) + rng.uniform(-2, 2), 1),
        mau=users,
        paid=users * (0.03 + 0.04 * (1 - math.exp(-t / 5))),
        valuation=size * 3 * (0.15 + ramp) * math.exp(0.05 * t) * rng.uniform(0.9, 1.1),
        clients=30 * 4**co.scale * ramp + 20,
        growth=round(40 + 300 * math.exp(-t / 2) + rng.uniform(-10, 10)),
        funding_round=ROUNDS[stage],
        currency="美元" if co.usd else "元",
    )


def _sig(value: float, digits: int = 3) -> float:
    """``value`` rounded to a few significant digits, as reporters round."""
    return float(f"{value:.{digits}g}")


def _period(day: date) -> tuple[str, float]:
    """The latest reporting period before ``day`` and its share of a year."""
    quarter = (day.month - 1) // 3
    if quarter == 0:
        return f"{day.year - 1}年全年", 1.0
    if quarter == 2:
        return f"{day.year}年上半年", 0.5
    return f"{day.year}年前{3 * quarter}个月", quarter / 4


def _alive(day: date) -> tuple[list[DemoCompany], list[float]]:
    """Companies founded by ``day`` and how often each is written about."""
    cos = [c for c in COMPANIES if c.founded <= day.year]
    return cos, [c.scale**1.5 for c in cos]


def _slots(day: date, rng: random.Random, co: DemoCompany, co2: DemoCompany) -> dict[str, str]:
    """Every value a template may ask for, for one article about ``co``."""
    m = metrics_for(co, day, rng)
    sec, topics = SECTORS[co.sector]
    topic, topic2 = rng.sample(topics, 2)
    period, share = _period(day)
    cur = m.currency
    valuation = _sig(m.valuation, 2)
    name = co.name if not co.aliases or rng.random() < 0.8 else co.aliases[0]
    clients = int(_sig(m.clients, 2))
    return {
        "co": name,
        "co2": co2.name,
        "prod": rng.choice(co.products) if co.products else f"{co.name}{topic}平台",
        "sec": sec,
        "topic": topic,
        "topic2": topic2,
        "person": rng.choice(SURNAMES) + rng.choice(GIVEN),
        "region": rng.choice(REGIONS),
        "year": str(day.year - 1 if day.month < 4 else day.year),
        "n": str(rng.randint(3, 30)),
        "k": str(rng.choice((120, 300, 850, 1200, 5000, 12000))),
        "pct": str(rng.randint(15, 85)),
        "period": period,
        "revenue": fmt_amount(_sig(m.revenue * share), cur),
        "growth": str(m.growth),
        "gm": f"{m.gross_margin:.1f}",
        "gm_prev": f"{m.gross_margin - rng.uniform(3, 12):.1f}",
        "mau": fmt_amount(_sig(m.mau)),
        "paid": fmt_amount(_sig(m.paid)),
        "loss": fmt_amount(_sig(m.net_loss * share), cur),
        "valuation": fmt_amount(valuation, cur),
        "amount": fmt_amount(_sig(valuation * rng.uniform(0.06, 0.15), 2), cur),
        "round": m.funding_round,
        "cash": fmt_amount(_sig(m.revenue * rng.uniform(0.8, 2.5)), cur),
        "months": str(rng.choice((12, 18, 24, 36))),
        "clients": str(clients),
        "paid_clients": str(int(_sig(clients * rng.uniform(0.05, 0.3), 2))),
    }


def _url(rng: random.Random) -> str:
    return "https://news.demo.invalid/s/" + "".join(rng.choices(URL_CHARS, k=22))


def _sources(rng: random.Random) -> str:
    names = [name for name, _ in OUTLETS]
    weights = [w for _, w in OUTLETS]
    picked: list[str] = []
    for _ in range(rng.choices((1, 2, 3), (40, 40, 20))[0]):
        name = rng.choices(names, weights)[0]
        if name not in picked:
            picked.append(name)
    return " 、 ".join(f"[{name}]({_url(rng)})" for name in picked)


def _bullets(category: str, co: DemoCompany, slots: dict[str, str], rng: random.Random) -> str:
    """5–8 ``- label：text`` lines, some opening with a business figure."""
    labels = rng.sample(LABELS[category], rng.randint(5, len(LABELS[category])))
    sentences = rng.sample(SENTENCES, 2 * len(labels))
    figures = rng.sample(FIGURES if co.sector in CONSUMER else B2B_FIGURES, len(labels) // 2 + 1)
    share = FIGURE_SHARE.get(category, 0.2)
    lines = []
    for i, label in enumerate(labels):
        first = figures.pop() if figures and rng.random() < share else sentences[2 * i + 1]
        lines.append(f"- {label}：{first}。{sentences[2 * i]}。".format_map(slots))
    return "\n".join(lines)


def make_feature(day: date, rng: random.Random, category: str) -> str:
    """One ``## `` feature section: title, category, sources, insight and bullets."""
    cos, weights = _alive(day)
    co, co2 = rng.choices(cos, weights, k=2)
    slots = _slots(day, rng, co, co2)
    insight = "".join(rng.sample(INSIGHTS, rng.randint(5, 8))).format_map(slots)
    bullets = _bullets(category, co, slots, rng)
    return (
        f"## {rng.choice(TITLES[category]).format_map(slots)}\n\n"
        f"> **分类：** {category}\n"
        f"> **来源：** {_sources(rng)}\n\n"
        f"**核心洞察：** {insight}\n"
        f"**内容简介：**\n\n{bullets}\n\n---\n"
    )


def make_brief(day: date, rng: random.Random) -> str:
    """One ``- [title](url)`` line of 其他相关资讯."""
    cos, weights = _alive(day)
    co, co2 = rng.choices(cos, weights, k=2)
    briefs = BRIEFS if co.sector in CONSUMER else B2B_BRIEFS
    title = rng.choice(briefs).format_map(_slots(day, rng, co, co2))
    return f"- [{title}]({_url(rng)})"


def make_digest_text(day: date, rng: random.Random) -> str:
    """The full text of one demo digest for ``day`` (pure: depends only on ``rng``)."""
    categories = rng.choices(list(CATEGORIES), category_weights(day), k=rng.randint(8, 12))
    features = "\n".join(make_feature(day, rng, c) for c in categories)
    briefs = "\n".join(make_brief(day, rng) for _ in range(rng.randint(50, 66)))
    title = f"# 🤖 AI行业速递（{DEMO_MARKER}） - {day.year}年{day.month}月{day.day}日"
    return f"{title}\n\n{features}\n## 其他相关资讯\n\n{briefs}\n"


def day_rng(day: date, seed: int = 7) -> random.Random:
    """The random source for one day: a file depends only on its date and the seed."""
    return random.Random(f"sudi-demo:{seed}:{day.isoformat()}")


def write_demo_corpus(
    folder: Path, days: int = 180, end: date = DEFAULT_END, seed: int = 7
) -> list[Path]:
    """Write ``days`` digests ending on ``end`` as ``folder/YYYY-MM-DD.md``; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for offset in range(days - 1, -1, -1):
        day = end - timedelta(days=offset)
        path = folder / f"{day.isoformat()}.md"
        path.write_text(make_digest_text(day, day_rng(day, seed)), encoding="utf-8")
        paths.append(path)
    return paths


def make_dictionary_rows() -> list[dict[str, str]]:
    """Rows of data/demo_companies.csv: the canonical name, then aliases and products."""
    rows = []
    for co in COMPANIES:
        kind = "subsidiary" if co.parent else "name"
        rows.append({"company": co.name, "alias": co.name, "kind": kind, "parent": co.parent or ""})
        rows += [
            {"company": co.name, "alias": a, "kind": "alias", "parent": ""} for a in co.aliases
        ]
        rows += [
            {"company": co.name, "alias": p, "kind": "product", "parent": ""} for p in co.products
        ]
    return rows


def write_demo_dictionary(path: Path) -> Path:
    """Write the demo company dictionary (same columns as data/companies.csv)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(DICTIONARY_HEADER)
        writer = csv.DictWriter(f, fieldnames=["company", "alias", "kind", "parent"])
        writer.writeheader()
        writer.writerows(make_dictionary_rows())
    return path
