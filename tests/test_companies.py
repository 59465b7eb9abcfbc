"""Tests for loaders.companies: dictionary CSV, matching, detection, golden P/R."""

from __future__ import annotations

import importlib
import json
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import companies
from loaders.companies import (
    DICTIONARY_PATH,
    DictionaryError,
    count_mentions,
    dictionary_sha,
    expand_query,
    extract_mentions,
    make_matcher,
    read_dictionary,
    read_rejects,
    search_tokens,
)
from tests.conftest import corpus_dir

CASES = json.loads((Path(__file__).parent / "cases" / "mentions.json").read_text("utf-8"))
GOLDEN = json.loads((Path(__file__).parent / "cases" / "mentions_seed.json").read_text("utf-8"))
HEADER = "company,alias,kind,parent\n"


@pytest.fixture(scope="module")
def matcher():
    return make_matcher(read_dictionary(DICTIONARY_PATH.read_text(encoding="utf-8")))


def _found(text, matcher):
    return [[m.company, m.alias, m.in_dictionary] for m in extract_mentions(text, matcher)]


def _ids(cases):
    return [c["text"][:24] for c in cases]


@pytest.mark.parametrize("case", CASES["caught_bugs"], ids=_ids(CASES["caught_bugs"]))
def test_caught_bugs(case, matcher):
    assert _found(case["text"], matcher) == case["expected"]


@pytest.mark.parametrize("case", CASES["no_match_traps"], ids=_ids(CASES["no_match_traps"]))
def test_no_match_traps(case, matcher):
    assert _found(case["text"], matcher) == case["expected"]


@pytest.mark.xfail(strict=True)
@pytest.mark.parametrize("case", CASES["known_misses"], ids=_ids(CASES["known_misses"]))
def test_known_misses(case, matcher):
    assert _found(case["text"], matcher) == case["expected"]


def test_offsets_point_at_the_alias(matcher):
    text = "据报道，ByteDance旗下豆包与OPENAI合作"
    for m in extract_mentions(text, matcher):
        assert text[m.start : m.end].lower() == m.alias.lower()


def test_count_mentions_aggregates_per_article(matcher):
    rows = count_mentions(["豆包发布", "豆包与字节跳动", "它石智航"], matcher)
    assert rows == [
        ("字节跳动", "豆包", 2, True),
        ("字节跳动", "字节跳动", 1, True),
        ("它石智航", "它石智航", 1, False),
    ]


def test_rejected_detected_names_are_dropped():
    dictionary = read_dictionary(HEADER + "华为,华为,name,\n")
    rejects = read_rejects("# comment\nname\n它石智航\n")
    assert [m.company for m in extract_mentions("它石智航与华为", make_matcher(dictionary))] == [
        "它石智航",
        "华为",
    ]
    assert [
        m.company for m in extract_mentions("它石智航与华为", make_matcher(dictionary, rejects))
    ] == ["华为"]


def test_matcher_pickles_and_rebuilds(matcher):
    clone = pickle.loads(pickle.dumps(matcher))
    assert clone is not matcher
    assert _found("火山引擎与大晓机器人", clone) == _found("火山引擎与大晓机器人", matcher)


def test_new_dictionary_builds_a_new_matcher(matcher):
    small = make_matcher(
        read_dictionary(HEADER + "青禾科技,青禾科技,name,\n青禾科技,青禾,alias,\n")
    )
    assert _found("青禾与豆包", small) == [["青禾科技", "青禾", True]]
    assert _found("青禾与豆包", matcher) == [["字节跳动", "豆包", True]]


@pytest.mark.parametrize(
    ("csv_text", "message"),
    [
        ("company,alias,kind,parent\n", "no rows"),
        ("# only a comment\n", "empty"),
        ("company,alias\nA,A\n", "header lacks"),
        (HEADER + ",豆包,product,\n", "line 2: missing company"),
        (HEADER + "A,,alias,\n", "line 2: missing alias"),
        (HEADER + "A,A,brand,\n", "kind 'brand'"),
        (HEADER + "A,A,name,\nA,A,alias,\n", "line 3: duplicate alias 'A'"),
        (HEADER + "A,A,name,\nB,B,name,\nB,a,alias,\n", "line 4: duplicate alias 'a'"),
        (HEADER + "A,A,name,\nA,Kimi,product,\nA,KIMI,alias,\n", None),
        (HEADER + "A,Alpha,alias,\n", "company 'A' needs exactly one name row"),
        (HEADER + "A,A,subsidiary,\n", "parent is required"),
        (HEADER + "A,A,subsidiary,B\n", "parent 'B' is not a company"),
        (HEADER + "A,B,name,\n", "must repeat the company"),
    ],
)
def test_csv_validation(csv_text, message):
    if message is None:
        assert len(read_dictionary(csv_text).entries) == 3
        return
    with pytest.raises(DictionaryError, match=message):
        read_dictionary(csv_text)


def test_shipped_dictionary_is_valid_and_large():
    text = DICTIONARY_PATH.read_text(encoding="utf-8")
    dictionary = read_dictionary(text)
    assert len(dictionary.entries) >= 300
    assert {"字节跳动", "火山引擎", "OpenAI", "宇树科技"} <= set(dictionary.companies)
    assert dictionary_sha(text) == dictionary_sha(text.replace("\n", "\r\n"))
    assert dictionary_sha(text) != dictionary_sha(text + "X,X,name,\n")


def test_expand_query():
    dictionary = companies.load_dictionary()
    assert {"字节", "字节跳动", "ByteDance", "豆包"} <= expand_query("字节", dictionary)
    assert "月之暗面" in expand_query("kimi", dictionary)
    assert expand_query("没有这家", dictionary) == {"没有这家"}


def test_search_tokens_keep_aliases_whole():
    tokens = search_tokens("它石智航与火山引擎发布Seed1.8")
    assert "火山引擎" in tokens and "seed1.8" in tokens and "与" in tokens


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("字节跳动智能科技集团机器人公司获融资 AMIKmetaOpenAI.-1"))
    )
    | st.text()
)
def test_random_text_never_raises(text):
    matcher = companies.default_matcher()
    for m in extract_mentions(text, matcher):
        assert 0 <= m.start < m.end <= len(text)


@pytest.mark.corpus
def test_golden_precision_recall(matcher):
    """Per-article company sets against hand annotation: P >= 0.9, R >= 0.85."""
    tp = fp = fn = 0
    for digest in GOLDEN["digests"]:
        path = corpus_dir(digest["source"].split("/")[0]) / digest["source"].split("/")[1]
        fmt = importlib.import_module(f"loaders.formats.{digest['format']}")
        articles = {a.title: a for a in fmt.parse(path.read_text("utf-8"), path.name).articles}
        for title, expected in digest["articles"].items():
            got = {row[0] for row in count_mentions(articles[title].text_fields, matcher)}
            tp += len(got & set(expected))
            fp += len(got - set(expected))
            fn += len(set(expected) - got)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.9 and recall >= 0.85, (precision, recall)
