"""Company dictionary (data/companies.csv) and company mentions in article text.

The CSV has columns ``company, alias, kind, parent``, one row per alias; lines
starting with ``#`` are comments. ``kind`` is one of:

- ``name``: the canonical name (alias == company), exactly one per company;
- ``subsidiary``: instead of ``name`` for a company owned by another, with
  ``parent`` set (火山引擎 -> 字节跳动, 华为云 -> 华为);
- ``alias``: another name of the same company (字节, ByteDance);
- ``product``: a product that implies its maker (豆包 -> 字节跳动).

How a mention is recorded (``Mention.company``): the company of the matched row.
A subsidiary is a company of its own, so 火山引擎 records 火山引擎 and 华为云
records 华为云 (the longest match wins, so 华为 is not recorded as well); roll up
through ``companies.parent`` when you want the group. A product records its
maker: 豆包 records 字节跳动 with alias 豆包. ``Mention.alias`` is the alias as
written in the CSV, whatever the case in the text.

Matching rules: aliases are found with one Aho-Corasick automaton. Aliases that
begin or end with a Latin letter or digit need a word boundary there (Meta is
not Metaverse, Kimi not Kimichi; a digit may follow a letter: Qwen3). Latin
case: an all-lowercase alias (a16z) matches any case; an all-caps alias (AMI,
ERNIE) must match exactly; a mixed-case alias (OpenAI) matches any case that
has a capital (OPENAI, not openai). Overlapping hits: the longest wins.

Names not in the dictionary are detected from context (``loaders.detect``) and recorded with
``in_dictionary=False``: Chinese names ending in 科技/智能/机器人/集团/资本/实验室…,
a Chinese name right before 创始人/CEO, and Latin proper names next to
初创公司/融资/估值/收购/发布… . Media outlets (量子位, 36氪) are companies too.

>>> m = make_matcher(read_dictionary(DICTIONARY_PATH.read_text(encoding="utf-8")))
>>> [(x.company, x.alias) for x in extract_mentions("字节跳动发布豆包，火山引擎跟进", m)]
[('字节跳动', '字节跳动'), ('字节跳动', '豆包'), ('火山引擎', '火山引擎')]
>>> [x.company for x in extract_mentions("Meta谈Metaverse，Kimichi不是Kimi", m)]
['Meta', '月之暗面']
>>> [(x.company, x.in_dictionary) for x in extract_mentions("它石智航发布新模型", m)]
[('它石智航', False)]
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

from loaders.detect import USER_WORDS, detect_names, is_word_char, longest_first
from loaders.models import Mention
from loaders.tokenizer import make_tokenizer, search_tokens_with

DICTIONARY_PATH = Path(__file__).resolve().parents[1] / "data" / "companies.csv"
KINDS = ("name", "alias", "product", "subsidiary")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# Text that contains an alias but is not a company (字节 as "byte", idioms).
NOT_MENTIONS = (
    "个字节", "字节数", "字节码", "字节序", "字节流", "多字节", "单字节", "双字节",
    "字节级", "千字节", "小米粥", "小米椒", "三星堆", "小马过河", "小马拉大车",
    "文心雕龙", "盘古开天", "海纳百川", "面壁者", "苹果树", "苹果汁",
)  # fmt: skip


class DictionaryError(ValueError):
    """The company CSV is malformed; the message names the line."""


@dataclass(frozen=True)
class Entry:
    """One CSV row: ``alias`` names ``company``; ``line`` is the CSV line number."""

    company: str
    alias: str
    kind: str
    parent: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Dictionary:
    """The validated rows of a company CSV."""

    entries: tuple[Entry, ...]

    @property
    def companies(self) -> tuple[str, ...]:
        return tuple(e.company for e in self.entries if e.kind in ("name", "subsidiary"))

    def aliases_of(self, company: str) -> tuple[str, ...]:
        return tuple(e.alias for e in self.entries if e.company == company)


def fold(text: str) -> str:
    """Lowercase ASCII letters only, so offsets stay the same."""
    return text.translate(_ASCII_LOWER)


def dictionary_sha(csv_text: str) -> str:
    """SHA-256 of the CSV text (line endings normalised), to tell when it changed."""
    return hashlib.sha256(csv_text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


def read_dictionary(csv_text: str) -> Dictionary:
    """Parse and validate the company CSV; raise DictionaryError naming the line."""
    numbered = [
        (n, line)
        for n, line in enumerate(csv_text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not numbered:
        raise DictionaryError("the company dictionary is empty")
    rows = list(csv.reader(line for _, line in numbered))
    header = [h.strip() for h in rows[0]]
    missing = {"company", "alias", "kind"} - set(header)
    if missing:
        raise DictionaryError(f"line {numbered[0][0]}: header lacks {sorted(missing)}")
    entries = [
        _read_row(dict(zip(header, row, strict=False)), n)
        for (n, _), row in zip(numbered[1:], rows[1:], strict=True)
    ]
    if not entries:
        raise DictionaryError("the company dictionary has no rows")
    _check_whole(entries)
    return Dictionary(tuple(entries))


def _read_row(row: dict[str, str], line: int) -> Entry:
    company, alias = (row.get("company") or "").strip(), (row.get("alias") or "").strip()
    kind, parent = (row.get("kind") or "").strip(), (row.get("parent") or "").strip()
    if not company:
        raise DictionaryError(f"line {line}: missing company")
    if not alias:
        raise DictionaryError(f"line {line}: missing alias for {company!r}")
    if kind not in KINDS:
        raise DictionaryError(f"line {line}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if kind in ("name", "subsidiary") and alias != company:
        raise DictionaryError(f"line {line}: a {kind} row must repeat the company as alias")
    if (kind == "subsidiary") != bool(parent):
        raise DictionaryError(f"line {line}: parent is required for, and only for, subsidiaries")
    return Entry(company, alias, kind, parent or None, line)


def _check_whole(entries: list[Entry]) -> None:
    seen: dict[str, Entry] = {}
    for e in entries:
        first = seen.get(fold(e.alias))
        if first and (first.alias == e.alias or first.company != e.company):
            raise DictionaryError(
                f"line {e.line}: duplicate alias {e.alias!r} "
                f"(already on line {first.line} for {first.company!r})"
            )
        seen.setdefault(fold(e.alias), e)
    named = Counter(e.company for e in entries if e.kind in ("name", "subsidiary"))
    for e in entries:
        if named[e.company] != 1:
            raise DictionaryError(
                f"line {e.line}: company {e.company!r} needs exactly one name row "
                f"(found {named[e.company]})"
            )
        if e.parent and e.parent not in named:
            raise DictionaryError(f"line {e.line}: parent {e.parent!r} is not a company")


@lru_cache(maxsize=1)
def load_dictionary(path: Path = DICTIONARY_PATH) -> Dictionary:
    """The dictionary shipped in data/companies.csv (read once per process)."""
    return read_dictionary(path.read_text(encoding="utf-8"))


# -- matching ---------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class CompanyMatcher:
    """A dictionary compiled for matching; pickles by rebuilding from the dictionary."""

    dictionary: Dictionary
    automaton: Any = field(repr=False)
    words: tuple[str, ...] = field(repr=False)
    rejects: frozenset[str] = frozenset()

    def __reduce__(self):
        return (make_matcher, (self.dictionary, self.rejects))

    @cached_property
    def tokenizer(self):
        """The jieba tokenizer with these aliases, built on first use."""
        return make_tokenizer(self.words)


def read_rejects(csv_text: str) -> frozenset[str]:
    """Detected names analysts rejected (column ``name`` of company_rejects.csv), casefolded."""
    lines = [x for x in csv_text.splitlines() if x.strip() and not x.lstrip().startswith("#")]
    return frozenset(
        name.strip().casefold() for row in csv.DictReader(lines) if (name := row.get("name"))
    )


def make_matcher(dictionary: Dictionary, rejects: Iterable[str] = ()) -> CompanyMatcher:
    """Compile ``dictionary`` into a new matcher (the old one stays untouched).

    ``rejects`` are detected names never to record (see :func:`read_rejects`).
    """
    automaton = ahocorasick.Automaton()
    keys: dict[str, list[tuple]] = {}
    for phrase in NOT_MENTIONS:
        keys.setdefault(phrase, []).append(_pattern(phrase, None))
    for e in dictionary.entries:
        keys.setdefault(fold(e.alias).lower(), []).append(_pattern(e.alias, e.company))
    for key, values in keys.items():
        automaton.add_word(key, tuple(values))
    automaton.make_automaton()
    words = tuple(sorted({e.alias for e in dictionary.entries} | set(USER_WORDS)))
    rejected = frozenset(name.casefold() for name in rejects)
    return CompanyMatcher(dictionary, automaton, words, rejected)


def _case_rule(alias: str) -> int:
    """0: any case; 1: exactly as written (all caps); 2: any case with a capital."""
    letters = [c for c in alias if c.isascii() and c.isalpha()]
    if not letters or all(c.islower() for c in letters):
        return 0
    return 1 if all(c.isupper() for c in letters) else 2


def _pattern(alias: str, company: str | None) -> tuple:
    edges = (is_word_char(alias[0]), is_word_char(alias[-1]))
    return (alias, company, len(alias), _case_rule(alias), *edges)


def _bounded(text: str, start: int, end: int, alias: str) -> bool:
    if start > 0 and is_word_char(text[start - 1]):
        return False
    if end < len(text):
        after = text[end]
        return not (is_word_char(after) and (after.isalpha() or alias[-1].isdigit()))
    return True


def _accepts(text: str, start: int, end: int, pattern: tuple) -> bool:
    alias, _, _, rule, left, right = pattern
    if (left or right) and not _bounded(
        text, start if left else 0, end if right else len(text), alias
    ):
        return False
    if rule == 1:
        return text[start:end] == alias
    return rule == 0 or any("A" <= c <= "Z" for c in text[start:end])


def _dictionary_hits(text: str, matcher: CompanyMatcher) -> list[tuple[int, int, str, str | None]]:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters (İ) lowercase to two characters
        lowered = fold(text)
    hits = []
    for last, patterns in matcher.automaton.iter(lowered):
        for pattern in patterns:
            start = last + 1 - pattern[2]
            if pattern[1] is None or _accepts(text, start, last + 1, pattern):
                hits.append((start, last + 1, pattern[0], pattern[1]))
                break
    return hits


# Aliases that are also everyday words, with the contexts where they are that word:
# 26字节, 前缀字节, 字节码 are bytes, not 字节跳动.
_COMMON_SENSE = {
    "字节": (
        re.compile(r"[0-9０-９一二三四五六七八九十百千万亿两几多个每前后缀节]\s*$"),
        re.compile(r"^(?:码|数|序|流|级|对齐|数组)"),
    ),
}


def _common_word(text: str, start: int, end: int, alias: str) -> bool:
    before, after = _COMMON_SENSE[alias]
    return bool(before.search(text, max(0, start - 3), start) or after.match(text[end : end + 3]))


def extract_mentions(text: str, matcher: CompanyMatcher) -> list[Mention]:
    """Company mentions in ``text``, in order; offsets index into ``text``.

    >>> m = default_matcher()
    >>> [x.company for x in extract_mentions("字节发布豆包；模型只有13个参数（26字节）", m)]
    ['字节跳动', '字节跳动']
    """
    hits = _dictionary_hits(text, matcher)
    hits = [h for h in hits if h[2] not in _COMMON_SENSE or not _common_word(text, *h[:3])]
    found = [
        Mention(company, alias, start, end)
        for start, end, alias, company in (longest_first(hits) if len(hits) > 1 else hits)
        if company is not None
    ]
    detected = [
        Mention(name, name, start, end, in_dictionary=False)
        for start, end, name in detect_names(
            text, matcher.tokenizer, [(m.start, m.end) for m in found]
        )
        if name.casefold() not in matcher.rejects
    ]
    return sorted(found + detected, key=lambda m: m.start) if detected else found


def count_mentions(
    texts: Iterable[str], matcher: CompanyMatcher
) -> list[tuple[str, str, int, bool]]:
    """(company, alias, n, in_dictionary) over all texts of one article, first seen first."""
    counts: Counter[tuple[str, str, bool]] = Counter()
    for text in texts:
        for m in extract_mentions(text, matcher):
            counts[(m.company, m.alias, m.in_dictionary)] += 1
    return [(company, alias, n, known) for (company, alias, known), n in counts.items()]


# -- search -------------------------------------------------------------------


def search_tokens(text: str, matcher: CompanyMatcher | None = None) -> list[str]:
    """jieba search-mode tokens (aliases kept whole), Latin lowercased.

    >>> search_tokens("字节跳动发布Seed1.8")
    ['字节', '跳动', '字节跳动', '发布', 'seed1.8']
    """
    matcher = matcher or default_matcher()
    return search_tokens_with(matcher.tokenizer, text)


def expand_query(q: str, dictionary: Dictionary) -> set[str]:
    """``q`` plus every alias of the companies having an alias that contains ``q``.

    >>> sorted(expand_query("火山", load_dictionary()))
    ['HiAgent', 'Volcano Engine', '火山', '火山引擎', '火山方舟']
    """
    needle = fold(q.strip())
    if not needle:
        return set()
    hits = {e.company for e in dictionary.entries if needle in fold(e.alias)}
    return {q.strip()} | {e.alias for e in dictionary.entries if e.company in hits}


@lru_cache(maxsize=1)
def default_matcher() -> CompanyMatcher:
    """The matcher for data/companies.csv (built once per process)."""
    return make_matcher(load_dictionary())
