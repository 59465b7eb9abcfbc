"""Fuzzing: real digest text, mutated, never makes a parser or the figure extractor raise.

Over 10,000 inputs in all: every format's parser (directly and through
``parse_and_extract``, which also runs extraction), the decoder on raw bytes,
and ``extract_figures`` on single fields. Seeds are the golden digests of every
format plus the hostile fixture; mutations splice in the tokens the parsers key
on (headings, labels, links, scores, numbers with units). Derandomised, so a
run is repeatable.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import ingest
from loaders.decode import decode_bytes
from loaders.figures import extract_figures
from loaders.formats import FORMATS

GOLDEN = Path(__file__).parent / "golden"
SEEDS = [
    p.read_text(encoding="utf-8")
    for folder in ("sudi", "ai-insights", "ai-daily-harvest", "hostile")
    for p in sorted((GOLDEN / folder).glob("*.md"))
]
SENTENCES = [line for seed in SEEDS for line in seed.splitlines() if len(line) > 20]
TOKENS = [
    "\n", "\n\n", "\r\n", "# ", "## ", "### ", "> ", "**", "- ", "---", "\t", "  ",
    "**分类：**", "**来源：**", "**核心洞察：**", "**内容简介：**", "## 其他相关资讯",
    "### 1. ", "📰 **", "| ⭐ **重要性**: ", "/100", "🔗 [原文](", "**Why it matters:**",
    "[", "]", "(", ")", "](https://example.com/x)", "](javascript:alert(1))", "|", "｜",
    "—", "·", "、", "，", "：", ":", "+++", "date: ", "2025-12-22", "2025年12月22日",
    "12月", "1.5亿美元", "5340万", "约", "超", "同比增长175%", "-24.7%", "300-500万元",
    "20~25亿", "$5", "99999999999999999999999", "0.000", "亿亿", "万万", "%%",
    "\x00", "\ufeff", "\u200b", "\u202e", "😀", "\ud7ff", "字节跳动", "OpenAI",
]  # fmt: skip
CONFIG = ingest.load_config()
FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def mutated(draw, seeds: list[str] = SEEDS, max_edits: int = 8) -> str:
    """A seed text with a few random edits: insert, delete, duplicate, replace, truncate."""
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, max_edits))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 300)))
        piece = draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=12)))
        op = draw(st.sampled_from(("insert", "delete", "duplicate", "replace", "truncate")))
        if op == "insert":
            text = text[:i] + piece + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "replace":
            text = text[:i] + piece + text[j:]
        else:
            text = text[:j]
    return text


NAMES = st.sampled_from(["2025-12-22.md", "digest.md", "2025-02-30.md", "x/2026-01-26.markdown"])


@settings(FUZZ, max_examples=3000)
@given(mutated(), NAMES)
def test_mutated_digests_never_raise(text: str, name: str) -> None:
    digest, rows = ingest.parse_and_extract(text, name, "sha", CONFIG)
    if rows is not None:
        assert rows.digests and all(r[0].startswith(f"{digest.feed}:") for r in rows.digests)


@settings(FUZZ, max_examples=1500)
@given(mutated(), NAMES)
def test_every_format_parser_takes_any_text(text: str, name: str) -> None:
    for fmt in FORMATS:
        score = fmt.detect(text, name)
        assert 0 <= score <= 1
        fmt.parse(text, name)


@settings(FUZZ, max_examples=1000)
@given(st.text(max_size=3000), NAMES)
def test_random_text_never_raises(text: str, name: str) -> None:
    ingest.parse_and_extract(text, name, "sha", CONFIG)


@settings(FUZZ, max_examples=1000)
@given(mutated(), st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig"]), st.binary())
def test_mutated_bytes_never_raise(text: str, encoding: str, junk: bytes) -> None:
    data = text.encode(encoding, errors="replace")
    cut = len(data) // 2
    decoded = decode_bytes(data[:cut] + junk + data[cut:])
    if decoded.text is not None:
        ingest.parse_and_extract(decoded.text, "2025-12-22.md", "sha", CONFIG)


@settings(FUZZ, max_examples=4000)
@given(st.one_of(mutated(SENTENCES, max_edits=4), st.text(max_size=300)))
def test_figure_extractor_never_raises(text: str) -> None:
    for figure in extract_figures(text):
        assert figure.span and figure.span in text
