"""ai-insights parser: golden files per layout, never-raise fuzzing, the real archive."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.formats import ai_daily_harvest, ai_insights, pick_format, sudi
from loaders.models import Digest
from tests.conftest import corpus_dir
from tests.golden_format import check_golden, check_random_text

GOLDEN = Path(__file__).parent / "golden" / "ai-insights"
CASES = sorted(GOLDEN.glob("*.md"))

# Files that disagree with themselves; each must stay exactly this odd (strict).
KNOWN_ODD = {
    # header says "30条（5条编辑精选 + 25条分类热点）" but its categories hold 5+5+5+5+5+5
    "2026-02-20-index.md": {"header says total 30, read 35", "header says cats 25, read 30"},
}


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case: Path) -> None:
    check_golden(ai_insights, case)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_detected(case: Path) -> None:
    text = case.read_text(encoding="utf-8")
    assert pick_format(text, case.name) is ai_insights


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_random_text_never_raises(text: str) -> None:
    check_random_text(ai_insights, text)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CASES), st.integers(0, 5000), st.text(max_size=20))
def test_truncated_text_never_raises(case: Path, cut: int, tail: str) -> None:
    text = case.read_text(encoding="utf-8")[:cut] + tail
    ai_insights.parse(text, case.name)


# --- the real archive (skipped when ../shared/corpus is absent) ---------------------

_CATEGORY_COUNT = re.compile(r"^###\s+(.*?)\s*\((\d+)条\)\s*$", re.M)
_HEADER = re.compile(r"\*\*精选\*\*:\s*(\d+)条(?:（(\d+)条编辑精选 \+ (\d+)条分类热点）)?")
_HEADER_OLD = re.compile(r"本期精选\s*(\d+)\s*个[^|]*\|(.*)\*\*")
_ITEM_LINK = re.compile(r"(?:📰.*🔗|阅读原文).*?\]\((\S+?)\)(?:\*\*)?\s*$", re.M)


@pytest.fixture(scope="module")
def archive() -> dict[str, tuple[str, Digest]]:
    folder = corpus_dir("ai-insights")
    files = sorted(folder.glob("*.md"))
    assert files
    return {
        f.name: (t := f.read_text(encoding="utf-8"), ai_insights.parse(t, f.name)) for f in files
    }


@pytest.mark.corpus
def test_archive_categories_match_their_counts(archive) -> None:
    for name, (text, digest) in archive.items():
        stated = {re.sub(r"^\W+", "", c): int(n) for c, n in _CATEGORY_COUNT.findall(text)}
        read = Counter(a.category for a in digest.articles if a.category != ai_insights.PICKS)
        assert {c: read[c] for c in stated} == stated, name
        assert set(read) <= set(stated) or not stated, name


@pytest.mark.corpus
def test_archive_header_totals(archive) -> None:
    odd = {}
    for name, (text, digest) in archive.items():
        picks = sum(1 for a in digest.articles if a.category == ai_insights.PICKS)
        header = _HEADER.search(text)
        if header and header[2]:  # picks are stories of their own
            if (int(header[1]), int(header[2])) != (len(digest.articles), picks):
                odd[name] = header[0]
        elif header:  # picks repeat category items: none survive
            assert (int(header[1]), picks) == (len(digest.articles), 0), name
        else:
            old = _HEADER_OLD.search(text)
            assert old and int(old[1]) == len(digest.articles), name
            per_category = {c: int(n) for c, n in re.findall(r"\s(\w[\w/]*)\s+(\d+)个", old[2])}
            assert per_category == Counter(a.category for a in digest.articles), name
    assert set(odd) == set(KNOWN_ODD)


@pytest.mark.corpus
def test_archive_every_link_once_and_complete(archive) -> None:
    for name, (text, digest) in archive.items():
        urls = [a.url for a in digest.articles]
        assert len(urls) == len(set(urls)), f"{name}: an item counted twice"
        assert set(urls) == set(_ITEM_LINK.findall(text)), f"{name}: items missed or extra"
        for a in digest.articles:
            assert a.title and a.url and a.insight, (name, a.line)
            assert a.sources and a.sources[0].outlet and a.sources[0].url == a.url, (name, a.line)
            assert a.score is None or 0 <= a.score <= 100
        assert digest.digest_date and digest.digest_date.isoformat() == name[:10]


@pytest.mark.corpus
def test_archive_problems_only_where_known(archive) -> None:
    found = {
        name: {p.message for p in digest.problems}
        for name, (_, digest) in archive.items()
        if digest.problems
    }
    assert found == KNOWN_ODD


@pytest.mark.corpus
def test_archive_detected_as_ai_insights(archive, sudi_text: str) -> None:
    for name, (text, _) in archive.items():
        assert pick_format(text, name) is ai_insights, name
        assert ai_daily_harvest.detect(text, name) < 0.3, name
        assert sudi.detect(text, name) < ai_insights.detect(text, name), name
    assert ai_insights.detect(sudi_text, "2025-12-22.md") < 0.3
