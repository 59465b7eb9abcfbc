"""The primary format, 《AI行业速递》: feature sections, then 其他相关资讯 briefs.

A digest looks like::

    # 🤖 AI行业速递 - 2025年12月22日
    ## <feature title>
    > **分类：** 市场动态
    > **来源：** [机器之心](https://…) 、 [赛博禅心](https://…)
    **核心洞察：** <paragraph>
    **内容简介：**
    - <label>：<text>
    ---
    ## 其他相关资讯
    - [<brief title>](<url>)

Drift tolerated: half-width colons, extra spaces and bold markers, emoji or
wording variants of the briefs heading, missing 核心洞察 or 内容简介, plain
outlet names separated by 、，, (kept with a NULL url), the date only in the
file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from loaders.models import BRIEF, ERROR, FEATURE, WARNING, Article, Digest, Problem, Source

FEED = "sudi"

_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)")
_COMPACT_DATE = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)")

_FIELD = re.compile(
    r"""^\s*>?\s*           # optional quote marker
    \**\s*                  # optional bold opening
    (分类|类别|来源|出处)    # the field name
    \s*\**\s*[:：]\s*\**    # colon (full- or half-width), bold closing either side
    \s*(?P<value>.*?)\s*$""",
    re.VERBOSE,
)
_LABELLED = re.compile(
    r"""^\s*\**\s*
    (?P<label>核心洞察|内容简介|内容摘要|核心观点)
    \s*\**\s*[:：]\s*\**\s*     # colon and stray bold markers
    (?P<value>.*?)\s*$""",
    re.VERBOSE,
)
_LINK = re.compile(  # [text](url "title"), the url may hold one level of (parentheses)
    r"\[(?P<text>[^\]]*)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))*)[^)]*\)"
)
_BULLET = re.compile(r"^\s*(?:[-*+•·]|\d+[.、)])\s+(?P<text>.*?)\s*$")
_PLAIN_SEP = re.compile(r"\s*[、，,;；|/]\s*")
_COUNT_NOTE = re.compile(r"[（(【\[]?\s*(?:共\s*)?\d+\s*[条篇则项]?\s*[）)】\]]?")  # （56条）
_BRIEFS_WORDS = re.compile(r"(资讯|新闻|快讯|简讯|速览|动态|要闻)")
_NOT_WORD = re.compile(r"[^\w]+")
_WORD = re.compile(r"\w")
_BOLD = re.compile(r"\*\*|__")
_BOLD_LABEL = re.compile(  # "- **label：** text" -> "label：text"
    r"^\*\*\s*(?P<label>[^*：:]{1,24}?)\s*[:：]\s*\*\*\s*|^\*\*\s*(?P<label2>[^*：:]{1,24}?)\s*\*\*\s*[:：]\s*"
)
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_INSIGHT_LABELS = ("核心洞察", "核心观点")


def detect(text: str, name: str) -> float:
    """How sure we are this is a 速递 digest (0–1)."""
    head = text[:20000]
    score = 0.0
    if re.search(r"^>?\s*\**\s*分类\s*\**\s*[:：]", head, re.M):
        score += 0.45
    if re.search(r"^>?\s*\**\s*来源\s*\**\s*[:：]", head, re.M):
        score += 0.25
    if "核心洞察" in head or "内容简介" in head:
        score += 0.15
    if "速递" in head[:300]:
        score += 0.15
    if score == 0.0 and re.search(r"^##\s", head, re.M) and find_date(text, name):
        score = 0.3  # a bare digest with sections and a date: ours by default
    return min(score, 1.0)


def find_date(text: str, name: str) -> date | None:
    """The digest date: from the title line, else the first lines, else the file name.

    >>> find_date("# 🤖 AI行业速递 - 2025年12月22日", "x.md")
    datetime.date(2025, 12, 22)
    >>> find_date("# 速递", "daily/2025-12-23.md")
    datetime.date(2025, 12, 23)
    """
    lines = text.split("\n", 40)[:40]
    title = next((ln for ln in lines if ln.startswith("# ")), "")
    for candidate in (title, "\n".join(lines)):
        found = _first_date(candidate, (_CJK_DATE, _ISO_DATE))
        if found:
            return found
    return _first_date(name.rsplit("/", 1)[-1], (_ISO_DATE, _COMPACT_DATE, _CJK_DATE))


def _first_date(text: str, patterns: tuple[re.Pattern[str], ...]) -> date | None:
    for pattern in patterns:
        for match in pattern.finditer(text):
            try:
                return date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
    return None


def is_briefs_heading(heading: str) -> bool:
    """True for 其他相关资讯 and its variants (emoji, 其它, 更多资讯 …).

    >>> is_briefs_heading("📰 其它相关资讯")
    True
    >>> is_briefs_heading("其他相关资讯（56条）")
    True
    >>> is_briefs_heading("MiniMax冲刺港股：全模态AI独角兽的资讯战略与全球化")
    False
    """
    core = _NOT_WORD.sub("", _COUNT_NOTE.sub("", heading))
    return len(core) <= 8 and bool(_BRIEFS_WORDS.search(core))


def split_sources(value: str) -> tuple[Source, ...]:
    """Outlets from a 来源 value: markdown links, or plain names separated by 、，,.

    >>> split_sources("[量子位](https://a) 、 [36氪](https://b)")
    (Source(outlet='量子位', url='https://a'), Source(outlet='36氪', url='https://b'))
    >>> split_sources("量子位、机器之心")
    (Source(outlet='量子位', url=None), Source(outlet='机器之心', url=None))
    """
    links = [
        Source(m["text"].strip(), m["url"].strip() or None)
        for m in _LINK.finditer(value)
        if m["text"].strip()
    ]
    rest = _LINK.sub("、", value)
    plain = [
        Source(name.strip(" *"), None)
        for name in _PLAIN_SEP.split(rest)
        if _WORD.search(name.strip(" *、"))
    ]
    return tuple(links + plain) if links else tuple(plain)


@dataclass
class _Section:
    heading: str
    line: int
    body: list[tuple[int, str]] = field(default_factory=list)


def parse(text: str, name: str) -> Digest:
    """Parse a 速递 digest. Never raises; problems are returned on the Digest."""
    problems: list[Problem] = []
    digest_date = find_date(text, name)
    if digest_date is None:
        problems.append(Problem(ERROR, 1, "no date in the title line or the file name"))
    title, sections = _split_sections(text)
    articles: list[Article] = []
    features = briefs = 0
    in_briefs = False
    for section in sections:
        if is_briefs_heading(section.heading):
            in_briefs = True
            for brief in _parse_briefs(section, problems):
                briefs += 1
                articles.append(_numbered(brief, briefs))
        elif in_briefs and not section.body:
            continue
        else:
            in_briefs = False
            features += 1
            articles.append(_parse_feature(section, features, problems))
    if not articles:
        problems.append(Problem(ERROR, 1, "no feature articles or briefs found: not a digest"))
    elif not briefs and not any(a.category or a.sources for a in articles):
        problems.append(Problem(ERROR, 1, "no 分类 or 来源 lines and no briefs: not a digest"))
        articles = []
    return Digest(FEED, digest_date, title, tuple(articles), tuple(problems))


def _numbered(article: Article, position: int) -> Article:
    return Article(**{**article.__dict__, "position": position})


def _split_sections(text: str) -> tuple[str, list[_Section]]:
    title = ""
    sections: list[_Section] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if line.startswith("# ") and not title and not sections:
            title = line[2:].strip()
        elif line.startswith("## "):
            sections.append(_Section(_clean(line[3:]), number))
        elif line.startswith("### ") and is_briefs_heading(line[4:]):  # a demoted heading
            sections.append(_Section(_clean(line[4:]), number))
        elif sections and line and not _RULE.match(line):
            sections[-1].body.append((number, line))
    return title, sections


def _clean(text: str) -> str:
    return _BOLD.sub("", text).strip()


def _parse_feature(section: _Section, position: int, problems: list[Problem]) -> Article:
    category = None
    sources: tuple[Source, ...] = ()
    insight: list[str] = []
    bullets: list[str] = []
    mode = None  # None | 'insight' | 'bullets'
    for number, line in section.body:
        field_match = _FIELD.match(line)
        labelled = _LABELLED.match(line)
        bullet = _BULLET.match(line)
        if field_match:
            value = field_match["value"]
            if field_match[1] in ("分类", "类别"):
                category = _clean(value).strip("[]【】 ") or None
            else:
                sources = split_sources(value)
        elif labelled:
            mode = "insight" if labelled["label"] in _INSIGHT_LABELS else "bullets"
            value = _clean(labelled["value"])
            if value:
                (insight if mode == "insight" else bullets).append(value)
        elif bullet:
            mode = "bullets"
            bullets.append(_clean(_BOLD_LABEL.sub(_label, bullet["text"])))
        elif mode == "insight" or (mode is None and not line.startswith(">")):
            mode = mode or "insight"
            insight.append(_clean(line))
        elif mode == "bullets" and bullets:
            bullets[-1] += _clean(line)
        else:
            problems.append(Problem(WARNING, number, f"unrecognised line ignored: {line[:60]}"))
    link = _LINK.fullmatch(section.heading)
    title = link["text"].strip() if link else section.heading
    if category is None:
        problems.append(Problem(WARNING, section.line, f"feature has no 分类: {title[:40]}"))
    if not sources:
        problems.append(Problem(WARNING, section.line, f"feature has no 来源: {title[:40]}"))
    url = link["url"] if link else next((s.url for s in sources if s.url), None)
    return Article(
        kind=FEATURE,
        position=position,
        title=title,
        line=section.line,
        category=category,
        insight="".join(insight) or None,
        bullets=tuple(b for b in bullets if b),
        url=url,
        sources=sources,
    )


def _label(match: re.Match[str]) -> str:
    return (match["label"] or match["label2"]) + "："


def _parse_briefs(section: _Section, problems: list[Problem]) -> list[Article]:
    briefs = []
    for number, line in section.body:
        bullet = _BULLET.match(line)
        text = bullet["text"] if bullet else line
        link = _LINK.search(text)
        if link and link["text"].strip():
            briefs.append(Article(BRIEF, 0, _clean(link["text"]), number, url=link["url"] or None))
        elif bullet and text:
            briefs.append(Article(BRIEF, 0, _clean(text), number))
            problems.append(Problem(WARNING, number, "brief without a link"))
        else:
            problems.append(Problem(WARNING, number, f"unrecognised line ignored: {line[:60]}"))
    return briefs
