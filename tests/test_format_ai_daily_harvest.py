"""ai-daily-harvest parser: golden files per layout, never-raise fuzzing, the real archive."""

from __future__ import annotations

import re
from bisect import bisect
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.formats import ai_daily_harvest, ai_insights, pick_format, sudi
from loaders.models import Digest
from tests.conftest import corpus_dir
from tests.golden_format import check_golden, check_random_text

GOLDEN = Path(__file__).parent / "golden" / "ai-daily-harvest"
CASES = sorted(GOLDEN.glob("*.md"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case: Path) -> None:
    check_golden(ai_daily_harvest, case)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_detected(case: Path) -> None:
    text = case.read_text(encoding="utf-8")
    assert pick_format(text, case.name) is ai_daily_harvest


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_random_text_never_raises(text: str) -> None:
    check_random_text(ai_daily_harvest, text)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CASES), st.integers(0, 4000), st.text(max_size=20))
def test_truncated_text_never_raises(case: Path, cut: int, tail: str) -> None:
    text = case.read_text(encoding="utf-8")[:cut] + tail
    ai_daily_harvest.parse(text, case.name)


@pytest.mark.parametrize(
    "heading, expected",
    [
        ("[标题](https://a.example/x) — 93/100", ("标题", "https://a.example/x", 93.0)),
        (
            "[[AINews] Loop](https://a.example/y) — 60/100",
            ("[AINews] Loop", "https://a.example/y", 60.0),
        ),
        ("[F (x)](https://w.example/F_(x)) - 51/100", ("F (x)", "https://w.example/F_(x)", 51.0)),
        ("[无分数](https://a.example/z)", ("无分数", "https://a.example/z", None)),
        ("无链接 — 70/100", ("无链接", None, 70.0)),
    ],
)
def test_read_heading(heading: str, expected: tuple) -> None:
    assert ai_daily_harvest._read_heading(heading) == expected


# --- the real archive (skipped when ../shared/corpus is absent) ---------------------

_TOTALS = re.compile(r"^> (\d+) articles: (.*)$", re.M)
_TIER = re.compile(r"\*\*(\d+)\*\* ([a-z]+(?: [a-z]+)*)")
_HEADING_LINK = re.compile(r"^### \[.*\]\((\S+)\) — \d+/100$", re.M)
_OVERVIEW_LINK = re.compile(r"^- \*\*\d+\*\* \[.*\]\((\S+)\) — ", re.M)


@pytest.fixture(scope="module")
def archive() -> dict[str, tuple[str, Digest]]:
    folder = corpus_dir("ai-daily-harvest")
    files = sorted(folder.glob("*.md"))
    assert files
    return {
        f.name: (t := f.read_text(encoding="utf-8"), ai_daily_harvest.parse(t, f.name))
        for f in files
    }


def _tiers_of(text: str, digest: Digest) -> Counter:
    """How many items fall under each ``## `` tier heading, found by line number."""
    lines = text.splitlines()
    starts = [i for i, ln in enumerate(lines, 1) if ln.startswith("## ")]
    names = [lines[i - 1][3:].strip().lower() for i in starts]
    return Counter(names[bisect(starts, a.line) - 1] for a in digest.articles)


@pytest.mark.corpus
def test_archive_counts_match_the_overview(archive) -> None:
    for name, (text, digest) in archive.items():
        total, tiers_text = _TOTALS.search(text).groups()
        stated = {tier: int(n) for n, tier in _TIER.findall(tiers_text)}
        read = _tiers_of(text, digest)
        published = {t: n for t, n in stated.items() if t in read or n == 0}
        assert {t: read[t] for t in published} == published, name
        assert set(read) <= set(stated), name
        unpublished = set(stated) - set(published)  # e.g. "**1** noise", never given a section
        assert unpublished <= {"noise"}, name
        assert int(total) - sum(stated[t] for t in unpublished) == len(digest.articles), name


@pytest.mark.corpus
def test_archive_every_item_once_and_complete(archive) -> None:
    for name, (text, digest) in archive.items():
        urls = [a.url for a in digest.articles]
        assert len(urls) == len(set(urls)), f"{name}: an item counted twice"
        assert urls == _HEADING_LINK.findall(text), f"{name}: items missed or extra"
        assert set(_OVERVIEW_LINK.findall(text)) <= set(urls), name
        for a in digest.articles:
            assert a.title and a.url and a.insight and a.category, (name, a.line)
            assert a.sources and a.sources[0].outlet and a.sources[0].url == a.url, (name, a.line)
            assert a.score is not None and 0 <= a.score <= 100, (name, a.line)
        assert digest.digest_date and digest.digest_date.isoformat() == name[:10]
        assert digest.problems == (), name


@pytest.mark.corpus
def test_archive_why_it_matters_kept_as_last_bullet(archive) -> None:
    for name, (text, digest) in archive.items():
        stated = text.count("**Why it matters:**")
        kept = sum(1 for a in digest.articles if a.bullets and a.bullets[-1].startswith("Why"))
        assert kept == stated, name


@pytest.mark.corpus
def test_archive_detected_as_ai_daily_harvest(archive, sudi_text: str) -> None:
    for name, (text, _) in archive.items():
        assert pick_format(text, name) is ai_daily_harvest, name
        assert ai_insights.detect(text, name) < 0.3, name
        assert sudi.detect(text, name) < ai_daily_harvest.detect(text, name), name
    assert ai_daily_harvest.detect(sudi_text, "2025-12-22.md") < 0.3
