"""A private jieba tokenizer that knows the company aliases (never the global one).

Each distinct alias set gets its own ``jieba.Tokenizer``, built once per process
and never changed afterwards, so a new dictionary means a new tokenizer. The
prefix-dict cache lives in ``data/.jieba_cache/`` rather than a shared /tmp file.
"""

from __future__ import annotations

import logging
import marshal
import os
import re
import threading
from functools import lru_cache
from pathlib import Path

import jieba
import jieba.posseg

CACHE_DIR = Path(__file__).resolve().parents[1] / "data" / ".jieba_cache"
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORDLIKE = re.compile(r"\w", re.UNICODE)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


_build_lock = threading.Lock()


def make_tokenizer(words: tuple[str, ...]) -> jieba.Tokenizer:
    """The tokenizer for ``words``, built once per process even under concurrent first use."""
    with _build_lock:
        return _make_tokenizer(words)


@lru_cache(maxsize=4)
def _make_tokenizer(words: tuple[str, ...]) -> jieba.Tokenizer:
    """A fresh tokenizer with ``words`` (those containing Chinese) as user words."""
    jieba.setLogLevel(logging.WARNING)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(CACHE_DIR)
    tokenizer.cache_file = "jieba.cache"
    tokenizer.initialize()
    for word in words:
        if _HAN.search(word) and " " not in word:
            tokenizer.add_word(word)
    return tokenizer


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """Part-of-speech tag of every word in jieba's main dictionary (read once).

    Kept in the cache folder as a marshal file: parsing jieba's dict.txt for the
    tags costs about a second per process, loading the cached table a tenth of that.
    """
    source = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    cache = CACHE_DIR / f"word_tags-{source.stat().st_size}.marshal"
    try:
        return marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    # An uninitialised Tokenizer is enough: POSTokenizer only reads its dict file.
    tags = dict(jieba.posseg.POSTokenizer(jieba.Tokenizer()).word_tag_tab)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(marshal.dumps(tags))
    os.replace(tmp, cache)
    return tags


@lru_cache(maxsize=1 << 16)
def cut_spans(tokenizer: jieba.Tokenizer, text: str) -> tuple[tuple[int, int, str], ...]:
    """Tokens of ``text`` with their (start, end) offsets.

    Cached: detection cuts short windows around cue words, and the same windows
    (a company's name and the word before it) recur from day to day.
    """
    spans, pos = [], 0
    for token in tokenizer.cut(text, HMM=False):
        spans.append((pos, pos + len(token), token))
        pos += len(token)
    return tuple(spans)


def search_tokens_with(tokenizer: jieba.Tokenizer, text: str) -> list[str]:
    """Search-mode tokens, Latin lowercased, punctuation and spaces dropped."""
    return [
        token.translate(_ASCII_LOWER)
        for token in tokenizer.cut_for_search(text)
        if _WORDLIKE.search(token)
    ]
