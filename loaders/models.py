"""Plain records shared by every format parser and extractor (no I/O here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

FEATURE = "feature"
BRIEF = "brief"
ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Source:
    """One outlet cited by an article; ``url`` is None when written as a plain name."""

    outlet: str
    url: str | None = None


@dataclass(frozen=True)
class Problem:
    """Something met while reading a file: ``severity`` is 'error' or 'warning'."""

    severity: str
    line: int | None
    message: str


@dataclass(frozen=True)
class Article:
    """A feature article or a one-line brief, as written in the digest."""

    kind: str
    position: int
    title: str
    line: int
    category: str | None = None
    insight: str | None = None
    bullets: tuple[str, ...] = ()
    url: str | None = None
    sources: tuple[Source, ...] = ()
    score: float | None = None

    @property
    def body(self) -> str:
        """The bullets joined one per line (the ``articles.body`` column)."""
        return "\n".join(self.bullets)

    @property
    def text_fields(self) -> tuple[str, ...]:
        """The text mentions and figures are read from: title, insight, bullets."""
        return (self.title, self.insight or "", *self.bullets)


@dataclass(frozen=True)
class Digest:
    """One parsed daily digest file; ``digest_date`` is None only when no date was found."""

    feed: str
    digest_date: date | None
    title: str
    articles: tuple[Article, ...] = ()
    problems: tuple[Problem, ...] = field(default=())

    @property
    def features(self) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if a.kind == FEATURE)

    @property
    def briefs(self) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if a.kind == BRIEF)


@dataclass(frozen=True)
class Mention:
    """A company named in a text; ``start``/``end`` index into that text."""

    company: str
    alias: str
    start: int
    end: int
    in_dictionary: bool = True


@dataclass(frozen=True)
class Figure:
    """A business figure read from one sentence; ``span`` is the exact text matched.

    ``value`` is in base units (5340万美元 -> 53_400_000). A range such as
    300-500万元 gives ``value`` = low and ``value_high`` = high.
    """

    metric: str
    value: float
    span: str
    sentence: str
    start: int = 0
    currency: str | None = None
    unit: str | None = None
    qualifier: str | None = None
    period: str | None = None
    company: str | None = None
    value_high: float | None = None
