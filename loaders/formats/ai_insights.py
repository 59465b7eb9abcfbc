"""Parse the "AI每日热点" Hugo digests (ContentForge AI) into a Digest.

Three layouts are known, told apart by what they contain rather than by date:

* 2026-01-13 ("AI Daily"): ``## 🔍 本期热点`` with ``### 📈 行业动态`` categories,
  un-numbered ``#### title`` items, an HTML ``<span>Outlet</span>`` badge, a plain
  summary paragraph and ``🔗 **[阅读原文](url)**``; no scores, no 编辑精选.
* 2026-01-22 … 02-19: ``## ⭐ 编辑精选`` then ``## 🔍 分类热点``; the picks repeat
  category items (same link, reworded title) and the header says ``**精选**: 30条``.
* 2026-02-20 on: same headings, but the picks are stories of their own and the
  header says ``**精选**: 35条（5条编辑精选 + 30条分类热点）``.

A pick whose link also appears in a category is dropped (the category copy is kept);
a pick of its own gets category ``编辑精选``. ``insight`` is the ``**核心内容**`` /
``**摘要**`` line (or the plain paragraph in the oldest layout); ``bullets`` are any
other body lines. The tag line (``> 🔑 **关键信息**``) and vote counts are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from loaders.models import FEATURE, WARNING, Article, Digest, Problem, Source

FEED = "ai-insights"
PICKS = "编辑精选"

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_NUMBER = re.compile(r"^\d{1,3}\s*[.、．)]\s*")  # "1. " before an item title
_COUNT = re.compile(r"\s*[(（]\s*(\d+)\s*[条個个]\s*[)）]\s*$")  # "(5条)" after a category
_LEADING_SYMBOLS = re.compile(r"^[^\w\[]+")  # emoji before a category name
_OUTLET = re.compile(r"📰\s*\*\*(.+?)\*\*")  # > 📰 **The Decoder**
_BADGE = re.compile(r"<span\b[^>]*>\s*([^<]+?)\s*</span>")  # oldest layout's outlet badge
_SCORE = re.compile(r"重要性\**\s*[:：]\s*\**\s*(\d+(?:\.\d+)?)(?:\s*/\s*100)?")
_LINK = re.compile(
    r"""\[(?P<label>[^\]]*)\]          # [原文链接]
        \(\s*(?P<url>[^()\s]*          # (https://… with no spaces
        (?:\([^()\s]*\)[^()\s]*)*)     #  allowing balanced (…) inside
        \s*\)""",
    re.VERBOSE,
)
_SUMMARY = re.compile(r"^\*\*(核心内容|摘要|内容摘要|简介|概要)\s*[:：]?\s*\*\*\s*[:：]?\s*(.*)$")
_LEAD = re.compile(r"^(?:>\s*)*(?P<item>[-*+]\s+|\d{1,2}[.)]\s+)?")  # quote marks, list marker
_SKIP = ("---", "***", "🔑", "> 🔑", "🏷", "> 🏷", "<div", "</div")  # rules, tag lines, html
_TOTAL = re.compile(
    r"""\*\*精选\*\*\s*[:：]\s*(?P<total>\d+)\s*条          # **精选**: 35条
        (?:\s*[（(]\s*(?P<picks>\d+)\s*条编辑精选         # （5条编辑精选
        \s*\+\s*(?P<cats>\d+)\s*条分类热点)?""",  #  + 30条分类热点）
    re.VERBOSE,
)
_TOTAL_OLD = re.compile(r"本期精选\s*(\d+)\s*个")  # **本期精选 20 个前沿动态 …**
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_URL_NOISE = re.compile(r"^https?://(?:www\.)?|#.*$|/+(?=$|#)")  # ignored when matching links
_MARKUP = re.compile(r"\*\*|__")


@dataclass
class _Item:
    """An item being read: its heading and the body lines under it."""

    title: str
    line: int
    category: str | None
    in_picks: bool
    tentative: bool = False
    body: list[str] = field(default_factory=list)


@dataclass
class _Counts:
    """What the file says about itself, to check the parse against."""

    header: re.Match[str] | None = None
    header_old: int | None = None
    categories: list[tuple[int, str, int]] = field(default_factory=list)  # line, name, n


def detect(text: str, name: str) -> float:
    """How sure we are that ``text`` is an ai-insights digest (0…1)."""
    head = text[:4000]
    score = 0.0
    if head.startswith("---") and "\ntitle:" in head:
        score += 0.2
    if "编辑精选" in text or "## 🔍 本期热点" in text:
        score += 0.25
    if "> 📰 **" in text or "<span style=" in text:
        score += 0.25
    if "重要性**" in text or "阅读原文" in text:
        score += 0.15
    if "ContentForge" in text or "AI每日热点" in head or "AI Daily ·" in head:
        score += 0.15
    return min(score, 1.0)


def parse(text: str, name: str) -> Digest:
    """Read one digest; problems are reported, never raised."""
    lines = text.splitlines()
    front, start = _read_front_matter(lines)
    problems: list[Problem] = []
    counts = _Counts()
    items = [i for i in _read_items(lines, start, counts) if not i.tentative or _cites(i)]
    articles = _make_articles(items, problems)
    problems.extend(_check_counts(counts, items, articles))
    title = front.get("title") or _first_h1(lines) or name
    return Digest(
        feed=FEED,
        digest_date=_find_date(front.get("date", ""), title, name, problems),
        title=title,
        articles=tuple(articles),
        problems=tuple(problems),
    )


def _read_front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """The ``key: value`` pairs between the opening ``---`` lines, and where the body starts."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    front: dict[str, str] = {}
    for i in range(1, min(len(lines), 200)):
        line = lines[i]
        if line.strip() == "---":
            return front, i + 1
        key, sep, value = line.partition(":")
        if sep and key.strip().isidentifier():
            front[key.strip()] = value.strip().strip("'\"")
    return {}, 0


def _read_items(lines: list[str], start: int, counts: _Counts) -> list[_Item]:
    """Walk the lines once, cutting them into items under their section and category."""
    items: list[_Item] = []
    section = ""
    category: str | None = None
    current: _Item | None = None
    for no, line in enumerate(lines[start:], start + 1):
        if line.startswith("#"):
            match = _HEADING.match(line)
            if match:
                level, text = len(match[1]), match[2]
                current = None
                if level <= 2:
                    section, category = _section_kind(text), None
                elif section == "picks" or (section == "cats" and level >= 4):
                    current = _Item(_item_title(text), no, category, section == "picks")
                    items.append(current)
                elif section == "cats" and level == 3:
                    category = _category_name(text, no, counts)
                else:  # a section we don't know: an item only if it names an outlet
                    current = _Item(_item_title(text), no, category, False, tentative=True)
                    items.append(current)
                    category = _category_name(text, no, counts) if level == 3 else category
                continue
        if current is not None:
            current.body.append(line)
        elif "精选" in line and counts.header is None and counts.header_old is None:
            _read_header(line, counts)
    return items


def _cites(item: _Item) -> bool:
    """Whether an item's body has an outlet line (so a heading there is really an item)."""
    return any(_OUTLET.search(ln) or _BADGE.search(ln) or "🔗" in ln for ln in item.body)


def _read_header(line: str, counts: _Counts) -> None:
    counts.header = _TOTAL.search(line)
    found = _TOTAL_OLD.search(line)
    counts.header_old = int(found[1]) if found else None


def _section_kind(heading: str) -> str:
    """'picks', 'cats' (category sections) or '' for everything else."""
    if PICKS in heading or "推荐" in heading or "Editor" in heading or "Picks" in heading:
        return "picks"
    if "热点" in heading or "热门资讯" in heading:
        return "cats"
    return ""


def _item_title(text: str) -> str:
    return _NUMBER.sub("", text, count=1).strip()


def _category_name(text: str, no: int, counts: _Counts) -> str:
    """'📚 学术前沿 (5条)' -> '学术前沿', noting the stated count."""
    found = _COUNT.search(text)
    if found:
        text = text[: found.start()]
    name = _LEADING_SYMBOLS.sub("", text).strip() or text.strip()
    if found:
        counts.categories.append((no, name, int(found[1])))
    return name


def _make_articles(items: list[_Item], problems: list[Problem]) -> list[Article]:
    """Articles in file order, dropping picks that repeat a category item's link."""
    read = [(item, _read_body(item, problems)) for item in items]
    in_categories = {_key(a.url, a.title) for item, a in read if not item.in_picks}
    kept = [a for item, a in read if not (item.in_picks and _key(a.url, a.title) in in_categories)]
    return [replace(a, position=i) for i, a in enumerate(kept, 1)]


def _read_body(item: _Item, problems: list[Problem]) -> Article:
    """One item's outlet, score, link, summary and remaining lines."""
    body = _Body()
    for raw in item.body:
        body.feed(raw.strip())
    if body.insight is None and body.rest:
        body.insight = body.rest.pop(0)
    title, url = _title_link(item.title, body.url)
    fields = {"title": title, "outlet": body.outlet, "link": url, "summary": body.insight}
    _note_missing(item.line, problems, **fields)
    return Article(
        kind=FEATURE,
        position=0,
        title=title,
        line=item.line,
        category=PICKS if item.in_picks else item.category,
        insight=body.insight,
        bullets=tuple(b for b in body.rest if b),
        url=url,
        sources=(Source(body.outlet, url),) if body.outlet else (),
        score=body.score,
    )


@dataclass
class _Body:
    """The fields of one item, filled line by line; a wrapped line joins its paragraph."""

    outlet: str | None = None
    url: str | None = None
    score: float | None = None
    insight: str | None = None
    rest: list[str] = field(default_factory=list)
    joining: str = ""  # "insight" or "rest" while a paragraph runs on

    def feed(self, line: str) -> None:
        if not line or line.startswith(_SKIP):
            self.joining = ""
        elif _SUMMARY.match(line):
            self._read_text(line)
        elif _OUTLET.search(line) or _BADGE.search(line) or "🔗" in line or _SCORE.search(line):
            self._read_meta(line)
            self.joining = ""
        else:
            self._read_text(line)

    def _read_meta(self, line: str) -> None:
        found = _OUTLET.search(line) or _BADGE.search(line)
        self.outlet = self.outlet or (found[1].strip() if found else None)
        self.url = self.url or _first_url(line)
        scored = _SCORE.search(line)
        self.score = self.score if scored is None else float(scored[1])

    def _read_text(self, line: str) -> None:
        lead = _LEAD.match(line)
        is_item, line = bool(lead and lead["item"]), line[lead.end() :] if lead else line
        summary = _SUMMARY.match(line)
        text = _clean(summary[2] if summary else line)
        if summary:
            self.insight, self.joining = text, "insight"
        elif self.joining == "insight" and not is_item:
            self.insight = _join(self.insight, text)
        elif self.joining == "rest" and not is_item:
            self.rest[-1] = _join(self.rest[-1], text)
        else:
            self.rest.append(text)
            self.joining = "rest"


def _join(first: str | None, more: str) -> str:
    """Two wrapped lines as one: no space between Chinese characters."""
    if not first:
        return more
    wide = first[-1] >= "\u2e80" and more[:1] >= "\u2e80"
    return f"{first}{more}" if wide else f"{first} {more}"


def _first_url(line: str) -> str | None:
    found = _LINK.search(line)
    return found["url"].strip("<>") or None if found else None


def _title_link(title: str, url: str | None) -> tuple[str, str | None]:
    """A heading written as ``[title](url)`` gives its link when the body has none."""
    found = _LINK.fullmatch(title)
    if found:
        return found["label"].strip(), url or found["url"] or None
    return _clean(title), url


def _note_missing(line: int, problems: list[Problem], **fields: str | None) -> None:
    missing = [name for name, value in fields.items() if not value]
    if missing:
        problems.append(Problem(WARNING, line, f"item without {', '.join(missing)}"))


def _clean(text: str) -> str:
    return _MARKUP.sub("", text).strip()


def _key(url: str | None, title: str) -> str:
    """What makes two items the same story: the link without scheme, www, #part or end slash."""
    return _URL_NOISE.sub("", url) if url else f"title:{title}"


def _check_counts(counts: _Counts, items: list[_Item], articles: list[Article]) -> list[Problem]:
    """Warnings where the file's own counts disagree with what was read."""
    problems = []
    for no, name, stated in counts.categories:
        found = sum(1 for item in items if item.category == name and not item.in_picks)
        if found != stated:
            problems.append(Problem(WARNING, no, f"category {name} says {stated}, read {found}"))
    picks = sum(1 for a in articles if a.category == PICKS)
    header = counts.header
    expected = [("total", header["total"], len(articles))] if header else []
    if header and header["picks"]:
        expected += [
            ("picks", header["picks"], picks),
            ("cats", header["cats"], len(articles) - picks),
        ]
    if counts.header_old is not None:
        expected.append(("total", str(counts.header_old), len(articles)))
    problems.extend(
        Problem(WARNING, None, f"header says {what} {stated}, read {found}")
        for what, stated, found in expected
        if int(stated) != found
    )
    return problems


def _first_h1(lines: list[str]) -> str | None:
    return next((line[2:].strip() for line in lines[:50] if line.startswith("# ")), None)


def _find_date(front_date: str, title: str, name: str, problems: list[Problem]) -> date | None:
    """The issue date from front matter, else the title, else the file name."""
    for text in (front_date, title, name):
        found = _DATE.search(text)
        if found:
            try:
                return date(int(found[1]), int(found[2]), int(found[3]))
            except ValueError:
                problems.append(Problem(WARNING, None, f"not a date: {found[0]}"))
    return None
