"""Parse "AI Daily Harvest" digests (``# AI Daily Harvest — 2026-02-27``) into a Digest.

Each item is ``### [title](url) — 93/100`` under a tier heading (Must Read, Worth
Reading, Neutral), then ``**Outlet** · category · level``, a ``>`` one-line summary,
a paragraph, ``-`` bullets and, from 2026-02-24 on, a ``**Why it matters:**`` line
(and often a 主张/论据/启示 paragraph). The Overview repeats the top items as
``- **91** [title](url) — outlet`` lines; those are checked against the body, not
counted.

``insight`` is the ``>`` summary (every layout has it); ``bullets`` are the
paragraph(s), the ``-`` bullets and the Why-it-matters line, in file order.
``category`` is the item's own category (``AI/Tech``, ``AI 使用`` …), not its tier.
"""

from __future__ import annotations

import re
from datetime import date

from loaders.models import FEATURE, WARNING, Article, Digest, Problem, Source

FEED = "ai-daily-harvest"

_H1 = re.compile(r"^#\s+AI Daily Harvest\b", re.MULTILINE)
_SCORED_HEADING = re.compile(r"^###\s+\[.+\]\(\S+\)\s*[—–-]+\s*\d+(?:\.\d+)?\s*/\s*100\s*$", re.M)
_ITEM = re.compile(
    r"""^\[(?P<title>.*)\]                          # [title] (greedy: titles may hold ])
        \(\s*(?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\s*\)  # (url), balanced (…) allowed
        (?:\s*[—–-]+\s*(?P<score>\d+(?:\.\d+)?)\s*/\s*100)?   # — 93/100
        \s*$""",
    re.VERBOSE,
)
_SCORE_ONLY = re.compile(r"\s*[—–-]+\s*(\d+(?:\.\d+)?)\s*/\s*100\s*$")  # heading without a link
_BYLINE = re.compile(r"^\*\*(?P<outlet>[^*]+)\*\*\s*(?:[·|•]\s*(?P<rest>.*))?$")
_BYLINE_PLAIN = re.compile(r"^(?P<outlet>[^>*#\-\s][^·]*?)\s+·\s+(?P<rest>[^·]+·.*)$")  # a · b · c
_WHY = re.compile(r"^\*\*\s*(?:Why it matters|为什么重要)\s*[:：]?\s*\*\*\s*[:：]?\s*", re.I)
_OVERVIEW_LINK = re.compile(r"\]\(\s*([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\s*\)")
_TOTALS = re.compile(r"^>?\s*(\d+)\s+articles?\s*:(.*)$", re.IGNORECASE)
_TIER_COUNT = re.compile(r"\*\*(\d+)\*\*\s*([A-Za-z][A-Za-z ]*[A-Za-z])")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_MARKUP = re.compile(r"\*\*|__")


def detect(text: str, name: str) -> float:
    """How sure we are that ``text`` is an AI Daily Harvest digest (0…1)."""
    score = 0.0
    if _H1.search(text[:2000]):
        score += 0.6
    if _SCORED_HEADING.search(text):
        score += 0.3
    if "## Overview" in text:
        score += 0.05
    if "## Worth Reading" in text or "## Must Read" in text or "## Neutral" in text:
        score += 0.05
    return min(score, 1.0)


def parse(text: str, name: str) -> Digest:
    """Read one digest; problems are reported, never raised."""
    lines = text.splitlines()
    title = next((ln[2:].strip() for ln in lines[:50] if ln.startswith("# ")), name)
    problems: list[Problem] = []
    blocks, overview = _split(lines)
    articles = [
        _make_article(pos, no, body, problems) for pos, (_, no, body) in enumerate(blocks, 1)
    ]
    problems.extend(_check_overview(overview, articles, [b[0] for b in blocks]))
    return Digest(
        feed=FEED,
        digest_date=_find_date(title, name, problems),
        title=title,
        articles=tuple(articles),
        problems=tuple(problems),
    )


def _split(lines: list[str]) -> tuple[list[tuple[str, int, list[str]]], list[str]]:
    """Items as (tier, heading line number, lines from the heading on), and the Overview lines."""
    blocks: list[tuple[str, int, list[str]]] = []
    overview: list[str] = []
    tier = ""
    body: list[str] | None = None
    for no, line in enumerate(lines, 1):
        if line.startswith("## "):
            tier, body = line[3:].strip(), None
        elif line.startswith(("### ", "#### ")) and not _is_overview(tier):
            body = [line.lstrip("#").strip()]
            blocks.append((tier, no, body))
        elif body is not None:
            body.append(line)
        elif _is_overview(tier):
            overview.append(line)
    return blocks, overview


def _is_overview(tier: str) -> bool:
    return "overview" in tier.lower() or "概览" in tier


def _make_article(position: int, no: int, body: list[str], problems: list[Problem]) -> Article:
    """One item: heading, byline, summary and the rest of its lines."""
    title, url, score = _read_heading(body[0])
    outlet = category = insight = None
    rest: list[str] = []
    for raw in body[1:]:
        line = raw.strip()
        if not line or line.startswith(("---", "***")):
            continue
        first = outlet is None and not rest and insight is None
        byline = (_BYLINE.match(line) or _BYLINE_PLAIN.match(line)) if first else None
        if byline and not _WHY.match(line):
            outlet, category = byline["outlet"].strip(), _category(byline["rest"])
        elif line.startswith(">") and not rest:
            insight = _join(insight, _clean(line.lstrip("> ")))
        else:
            rest.append(_body_line(line))
    fields = {"title": title, "link": url, "outlet": outlet, "summary": insight}
    missing = [name for name, value in fields.items() if not value]
    if missing:
        problems.append(Problem(WARNING, no, f"item without {', '.join(missing)}"))
    return Article(
        kind=FEATURE,
        position=position,
        title=title,
        line=no,
        category=category,
        insight=insight,
        bullets=tuple(b for b in rest if b),
        url=url,
        sources=(Source(outlet, url),) if outlet else (),
        score=score,
    )


def _read_heading(text: str) -> tuple[str, str | None, float | None]:
    """'[title](url) — 93/100' -> (title, url, 93.0); a bare title keeps what it can."""
    found = _ITEM.match(text)
    if found:
        score = float(found["score"]) if found["score"] else None
        return found["title"].strip(), found["url"] or None, score
    scored = _SCORE_ONLY.search(text)
    if scored:
        return _clean(text[: scored.start()]), None, float(scored[1])
    return _clean(text), None, None


def _category(rest: str | None) -> str | None:
    """'AI/Tech · 精读' -> 'AI/Tech' (the last field is the reading level)."""
    if not rest:
        return None
    fields = [f.strip() for f in re.split(r"\s+[·|•]\s+|\s*·\s*", rest) if f.strip()]
    return fields[0] if fields else None


def _body_line(line: str) -> str:
    """A body line as plain text: no list marker, no bold, 'Why it matters: …' kept readable."""
    why = _WHY.match(line)
    if why:
        return "Why it matters: " + _clean(line[why.end() :])
    if line[:2] in ("- ", "* ", "+ "):
        line = line[2:]
    return _clean(line)


def _join(first: str | None, more: str) -> str:
    return f"{first} {more}".strip() if first else more


def _clean(text: str) -> str:
    return _MARKUP.sub("", text).strip()


def _check_overview(
    overview: list[str], articles: list[Article], tiers: list[str]
) -> list[Problem]:
    """Warnings where the Overview's links or counts disagree with the items read."""
    problems = []
    urls = {a.url for a in articles if a.url}
    for line in overview:
        if line.lstrip().startswith("- "):
            found = _OVERVIEW_LINK.search(line)
            if found and found[1] not in urls:
                problems.append(Problem(WARNING, None, f"overview item not in body: {found[1]}"))
            continue
        totals = _TOTALS.match(line.strip())
        if totals:
            problems.extend(_check_totals(int(totals[1]), totals[2], articles, tiers))
    return problems


def _check_totals(
    total: int, tiers_text: str, articles: list[Article], tiers: list[str]
) -> list[Problem]:
    """'59 articles: **11** must read · **22** worth reading' against the tiers read.

    A tier with no section in the body (e.g. ``**1** noise``) was left out on purpose.
    """
    problems = []
    read = [t.lower() for t in tiers]
    for stated, tier in _TIER_COUNT.findall(tiers_text):
        found = read.count(tier.lower())
        if not found:
            total -= int(stated)
        elif int(stated) != found:
            problems.append(Problem(WARNING, None, f"overview says {stated} {tier}, read {found}"))
    if total != len(articles):
        problems.append(
            Problem(WARNING, None, f"overview says {total} articles, read {len(articles)}")
        )
    return problems


def _find_date(title: str, name: str, problems: list[Problem]) -> date | None:
    """The issue date from the H1, else the file name."""
    for text in (title, name):
        found = _DATE.search(text)
        if found:
            try:
                return date(int(found[1]), int(found[2]), int(found[3]))
            except ValueError:
                problems.append(Problem(WARNING, None, f"not a date: {found[0]}"))
    return None
