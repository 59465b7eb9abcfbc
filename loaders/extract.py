"""Turn a parsed digest into table rows: articles, outlets, mentions and figures.

Pure: no files, no database. The company matcher and FX rates are built once
per process from the configuration texts and reused for every digest.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from loaders import companies, figures, fx
from loaders.article_names import spread_names
from loaders.detect import is_confident
from loaders.models import FEATURE, Article, Digest, Figure, Mention

# The modules whose code decides mentions and figures. When one changes (an upgrade),
# the next ingest recomputes mentions and figures from the stored text, as after a
# dictionary edit.
RULES_MODULES = (
    "extract", "article_names", "companies", "detect", "given_names", "tokenizer",
    "figures", "figure_rules", "fx", "models",
)  # fmt: skip


@lru_cache(maxsize=1)
def rules_version() -> str:
    """A hash of the extraction code in use."""
    digest = hashlib.sha256()
    for name in RULES_MODULES:
        digest.update((Path(__file__).parent / f"{name}.py").read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Config:
    """What extraction depends on besides the digest text: the dictionary and FX table."""

    dictionary_csv: str
    fx_csv: str
    dictionary_sha: str
    rejects_csv: str = ""


@dataclass
class Rows:
    """Rows for one or more digests, one list of tuples per table (schema column order)."""

    digests: list[tuple] = field(default_factory=list)
    articles: list[tuple] = field(default_factory=list)
    sources: list[tuple] = field(default_factory=list)
    mentions: list[tuple] = field(default_factory=list)
    figures: list[tuple] = field(default_factory=list)

    def extend(self, other: Rows) -> None:
        for name in ("digests", "articles", "sources", "mentions", "figures"):
            getattr(self, name).extend(getattr(other, name))


def digest_id_of(digest: Digest) -> str:
    return f"{digest.feed}:{digest.digest_date.isoformat()}"


def article_id_of(digest_id: str, article: Article) -> str:
    return f"{digest_id}:{'f' if article.kind == FEATURE else 'b'}{article.position:03d}"


@lru_cache(maxsize=4)
def _tools(config: Config):
    matcher = companies.make_matcher(
        companies.read_dictionary(config.dictionary_csv), companies.read_rejects(config.rejects_csv)
    )
    return matcher, fx.load_fx_rates(config.fx_csv)


def warm_up(config: Config) -> None:
    """Build the matcher and its jieba tokenizer and tag table now rather than on first use."""
    from loaders.tokenizer import word_tags

    matcher, _ = _tools(config)
    _ = matcher.tokenizer
    word_tags()


def make_rows(digest: Digest, source_path: str, sha: str, config: Config) -> Rows:
    """All rows for one parsed, loadable digest."""
    rows = Rows()
    digest_id = digest_id_of(digest)
    rows.digests.append(
        (digest_id, digest.feed, digest.digest_date, source_path, sha, digest.title,
         len(digest.features), len(digest.briefs))
    )  # fmt: skip
    for article in digest.articles:
        article_id = article_id_of(digest_id, article)
        rows.articles.append(
            (article_id, digest_id, digest.digest_date, digest.feed, article.kind,
             article.position, article.title, article.category, article.insight,
             article.body or None, article.url, article.score, article.line)
        )  # fmt: skip
        rows.sources.extend(
            (article_id, i, s.outlet, s.url) for i, s in enumerate(article.sources, start=1)
        )
        mentions, found = article_mentions(article, config)
        rows.mentions.extend((article_id, *m) for m in mentions)
        rows.figures.extend(figure_rows(article_id, digest, found, article, config))
    return rows


def article_mentions(article: Article, config: Config) -> tuple[list[tuple], list[list[Mention]]]:
    """(company, alias, n, in_dictionary) per article, and the mentions found per text field."""
    matcher, _ = _tools(config)
    found = [
        companies.extract_mentions(text, matcher) if text else [] for text in article.text_fields
    ]
    found = spread_names(article.text_fields, found)
    counts = Counter((m.company, m.alias, m.in_dictionary) for field_ in found for m in field_)
    return [(c, a, n, d) for (c, a, d), n in counts.items()], found


def main_company(texts: tuple[str, ...], found: list[list[Mention]]) -> str | None:
    """The article's main company: most named in the title (a dictionary name before a
    confidently detected one), else the dictionary name most named in the whole text.
    Investors, rivals and figures of speech (宣战英伟达, 卡车界特斯拉) do not count."""
    found = [
        [m for m in f if not figures.is_bystander(text, m)]
        for text, f in zip(texts, found, strict=True)
    ]
    title = found[0] if found else []
    every = (m for f in found for m in f)
    return (
        _most_named(m for m in title if m.in_dictionary)
        or _most_named(m for m in title if not m.in_dictionary and is_confident(m.alias))
        or _most_named(m for m in every if m.in_dictionary)
    )


def _most_named(mentions) -> str | None:
    """The company named most often, the first named on a tie."""
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m.company] = counts.get(m.company, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def figure_rows(
    article_id: str, digest: Digest, found: list[list[Mention]], article: Article, config: Config
) -> list[tuple]:
    """One row per figure in the article's title, insight and bullets."""
    _, rates = _tools(config)
    default = main_company(article.text_fields, found)
    found_figures = [
        fig
        for text, mentions in zip(article.text_fields, found, strict=True)
        if text
        for fig in figures.extract_figures(text, mentions, default)
    ]
    return [
        _figure_row(f"{article_id}:{n}", article_id, digest, fig, rates)
        for n, fig in enumerate(distinct_figures(found_figures), start=1)
    ]


def distinct_figures(found: list[Figure]) -> list[Figure]:
    """One figure per (company, metric, value, currency) in an article.

    A title often repeats a bullet's figure; the most specific version is kept
    (the one stating a qualifier and a period, or a currency), in the order first seen.
    """
    best: dict[tuple, Figure] = {}
    for fig in found:
        key = (fig.company, fig.metric, fig.value, fig.value_high, fig.currency)
        kept = best.get(key)
        if kept is None or _detail(fig) > _detail(kept):
            best[key] = fig
    # A headline's 估值破13亿 is the body's 13亿美元 with the currency left out: one
    # figure, keeping the qualifier or period only the headline states.
    stated = {key[:4]: key for key in reversed(best) if key[4] is not None}
    for key, fig in list(best.items()):
        twin = stated.get(key[:4]) if key[4] is None else None
        if twin is not None:
            del best[key]
            kept = best[twin]
            best[twin] = replace(
                kept, qualifier=kept.qualifier or fig.qualifier, period=kept.period or fig.period
            )
    return list(best.values())


def _detail(fig: Figure) -> int:
    return (fig.qualifier is not None) + (fig.period is not None)


def _figure_row(figure_id: str, article_id: str, digest: Digest, fig: Figure, rates) -> tuple:
    return (
        figure_id, article_id, digest.digest_date, fig.company, fig.metric, fig.value,
        fig.value_high, fig.currency, fig.unit, fx.to_usd(fig.value, fig.currency, rates),
        fig.qualifier, fig.period, fig.span, fig.sentence,
    )  # fmt: skip


def article_from_row(kind: str, position: int, title: str, insight, body) -> Article:
    """Rebuild the text fields of a stored article (to re-extract after a dictionary edit)."""
    bullets = tuple(body.split("\n")) if body else ()
    return Article(kind, position, title, 0, insight=insight, bullets=bullets)


def dictionary_rows(config: Config) -> list[tuple]:
    """Rows of the ``companies`` table: the dictionary in use."""
    dictionary = companies.read_dictionary(config.dictionary_csv)
    return [(e.company, e.alias, e.kind, e.parent) for e in dictionary.entries]


def reextract(stored: list[tuple], config: Config) -> tuple[list[tuple], list[tuple]]:
    """Mentions and figures for stored articles.

    ``stored`` rows are (article_id, digest_id, digest_date, feed, kind, position,
    title, insight, body).
    """
    mentions: list[tuple] = []
    figures_: list[tuple] = []
    for article_id, _, digest_date, feed, kind, position, title, insight, body in stored:
        article = article_from_row(kind, position, title, insight, body)
        digest = Digest(feed, digest_date, "")
        counted, found = article_mentions(article, config)
        mentions.extend((article_id, *m) for m in counted)
        figures_.extend(figure_rows(article_id, digest, found, article, config))
    return mentions, figures_
