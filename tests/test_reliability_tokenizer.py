"""jieba in a server: private tokenizers, cached in the app's folder, never shared or mutated."""

from __future__ import annotations

import threading
from pathlib import Path

import jieba

from loaders import tokenizer as tok
from loaders.companies import extract_mentions, make_matcher, read_dictionary, search_tokens

ROOT = Path(__file__).resolve().parents[1]
HEADER = "company,alias,kind,parent\n"
# Invented names jieba's own dictionary cannot know, so a whole token proves the user word.
ONE = read_dictionary(HEADER + "星火智联,星火智联,name,\n")
TWO = read_dictionary(HEADER + "云图数科,云图数科,name,\n")
TEXT = "星火智联与云图数科签署合作协议，共同研发大模型。"


def tokens(tokenizer, text: str = TEXT) -> list[str]:
    return list(tokenizer.cut(text, HMM=False))


def test_cache_lives_in_the_app_folder() -> None:
    t = tok.make_tokenizer(("星火智联",))
    assert Path(t.tmp_dir) == ROOT / "data" / ".jieba_cache" == tok.CACHE_DIR
    assert t.cache_file == "jieba.cache" and (tok.CACHE_DIR / "jieba.cache").is_file()


def test_built_once_per_word_set() -> None:
    assert tok.make_tokenizer(("星火智联",)) is tok.make_tokenizer(("星火智联",))
    assert tok.make_tokenizer(("星火智联",)) is not tok.make_tokenizer(("云图数科",))


def test_matchers_from_different_dictionaries_do_not_affect_each_other() -> None:
    one, two = make_matcher(ONE), make_matcher(TWO)
    assert one.tokenizer is not two.tokenizer and one.tokenizer.FREQ is not two.tokenizer.FREQ
    assert "星火智联" in tokens(one.tokenizer) and "云图数科" not in tokens(one.tokenizer)
    assert "云图数科" in tokens(two.tokenizer) and "星火智联" not in tokens(two.tokenizer)
    assert {m.company for m in extract_mentions(TEXT, one)} >= {"星火智联"}
    assert "云图数科" not in {m.company for m in extract_mentions(TEXT, one) if m.in_dictionary}
    assert "星火智联" in tokens(make_matcher(ONE).tokenizer)  # a rebuilt matcher sees the same


def test_the_global_jieba_dictionary_is_untouched() -> None:
    was_initialised = jieba.dt.initialized
    make_matcher(ONE).tokenizer.cut(TEXT)
    search_tokens(TEXT, make_matcher(TWO))
    assert jieba.dt.initialized == was_initialised
    assert "星火智联" not in jieba.dt.FREQ and "云图数科" not in jieba.dt.FREQ


def test_serving_never_mutates_a_tokenizer() -> None:
    matcher = make_matcher(ONE)
    size, total = len(matcher.tokenizer.FREQ), matcher.tokenizer.total
    queries = (TEXT, TEXT + "字节跳动月活", "Kimi 估值")
    expected = {q: search_tokens(q, matcher) for q in queries}
    results: list[tuple[str, list[str]]] = []

    def search() -> None:
        for _ in range(50):
            results.extend((q, search_tokens(q, matcher)) for q in queries)

    threads = [threading.Thread(target=search) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8 * 50 * len(queries)
    assert all(found == expected[q] for q, found in results)
    assert (len(matcher.tokenizer.FREQ), matcher.tokenizer.total) == (size, total)
