"""Organisation names the dictionary does not know, recognised from their context.

Chinese names ending in 科技/智能/机器人/集团/资本/实验室… (jieba finds where the
name starts), a word just before 创始人/CEO, and Latin proper names next to cue
words (初创公司, 获…融资, 估值, 收购, 发布, 推出). People, products, models, places
and generic words are filtered out. Text without any cue is skipped at once.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable
from typing import Any

from loaders.given_names import is_person_name
from loaders.tokenizer import cut_spans, word_tags


def is_word_char(ch: str) -> bool:
    """An ASCII letter, digit or underscore: what a Latin name must not touch."""
    return ch.isascii() and (ch.isalnum() or ch == "_")


def longest_first(hits: list[tuple[int, int, Any, Any]]) -> list[tuple[int, int, Any, Any]]:
    """Keep non-overlapping hits, longer ones first, ties to the leftmost."""
    starts: list[int] = []
    ends: list[int] = []
    kept = []
    for hit in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        i = bisect.bisect_left(starts, hit[0])
        if (i > 0 and ends[i - 1] > hit[0]) or (i < len(starts) and starts[i] < hit[1]):
            continue
        starts.insert(i, hit[0])
        ends.insert(i, hit[1])
        kept.append(hit)
    return sorted(kept)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# -- names the dictionary lacks -------------------------------------------------

# Whole words for jieba, so generic phrases never split into "name + suffix".
USER_WORDS = (
    "具身智能",
    "人形机器人",
    "空间智能",
    "端侧智能",
    "智能体",
    "人工智能",
    "智航",
    "创投",
)
_CN_SUFFIX = re.compile("科技|智能|机器人|集团|资本|实验室|智航|创投|半导体")
# A suffix followed by these is a longer word: 智能体, 智能化, 科技大学.
_SUFFIX_GLUE = {"智能": "体化型手驾家座终硬眼客穿制", "科技": "大馆园部", "实验室": "里"}
_CN_CUE = re.compile("联合创始人|创始人|首席执行官|董事长|CEO|创始团队")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
# Common words that come before 科技/智能/机器人 without naming anyone.
GENERIC_PREFIX = _words("""
    人工 具身 人形 聊天 编码 端侧 四足 双足 扫地 客服 开源 云端 专属 陪伴 算力 通用
    全栈 空间 全球 中国 国产 国内 海外 美国 欧洲 每日 今日 本期 前沿 自主 群体 协作 情感
    工业 家庭 家用 服务 医疗 手术 教育 物流 金融 法律 气候 国防 生物 农业 仿生 具身
    科技 智能 集团 资本 企业 公司 头部 龙头 明星 独角 创业 初创 投资 风险 产业 国有
    斯坦福 清华 北大 哈佛 麻省 浙大 复旦 交大 人大 中科院 伯克利 牛津 剑桥 港大 港科大 南大
    顶级 顶尖 知名 大型 小型 新兴 传统 垂直 多模 多智 超级 类人 灵巧 移动 轮式 足式 硬核
    """)  # fmt: skip
_STOP_CHARS = "家上中下个的了和与及在是将由被对向从把让等其该这那各每为以于或并也都而且就又还已所之即如若则给跟同非无不更、，。；："
_ADJ_ENDS = "状式性化型级类态"  # 锯齿状智能, 全栈式智能: descriptions, not names
_REJECT_TAGS = _words("v vn vd a ad an d p c u r m q f t s ns")
_VERBISH_TAGS = _words("v vd d ad p c u")
COMMON_WORD_FREQ = 50  # jieba frequency above which a name's head is an everyday word
_CUE_STOP = _words("""
    公司 团队 企业 品牌 项目 平台 集团 联合 初创 创业 现任 首位 前任 原 其 该 巨头 硅谷 华人 新任
    独角兽 主打 曾几何时
""")

_NAME = (
    r"[A-Z][A-Za-z0-9]*(?:[.\-&][A-Za-z0-9]+)*(?:\s[A-Z][A-Za-z0-9]*(?:[.\-&][A-Za-z0-9]+)*){0,2}"
)
_CUE_AFTER = "获|完成|宣布|融资|估值|营收|收入|收购|并购|发布|推出|斩获|拟|申请|上市|裁员|关停"
_LATIN_CUE = re.compile(
    r"(?P<before>初创公司|初创企业|初创|创企|独角兽|公司|厂商|实验室|数据中心)(?=\s?[A-Z])"
    rf"|[A-Za-z0-9]\s?(?:{_CUE_AFTER})"
)
# Any place detection could start; lines without one skip detection entirely.
_ANY_CUE = re.compile("|".join((_CN_SUFFIX.pattern, _CN_CUE.pattern, _LATIN_CUE.pattern)))
_NAME_HEAD = re.compile(rf"\s?(?P<name>{_NAME})")
_NAME_TAIL = re.compile(rf"(?<![A-Za-z0-9.\-])(?P<name>{_NAME})\Z")
_VERSION = re.compile(r"\d$|[.\-]\d")  # Seed1.8, GPT-5.2, M2: models, not companies
LATIN_STOP = _words("""
    AI AGI API APP App Agent Agents Agentic The This A An LLM LLMs GPU CPU SaaS IPO CEO CTO
    UC EMEA APAC
    Robotaxi Mac iOS OS Open Product Prompt Transformer Benchmark Bench Deep Vibe Coding
    Model Models Skills SDK MCP RAG VLA VLM TTS Gen Meta-Learning Show Ask New Pro
    LeCun Karpathy Altman Musk Hinton Sutskever Hassabis Amodei Nadella Pichai Zuckerberg
    Huang Willison Andrej Sam Elon Ilya Demis Jensen Satya Sundar Mark Dario Yann Geoffrey
    """)  # fmt: skip
# 零售商Eddie Bauer: a kind of company just before a name that reads as a person's.
_ORG_BEFORE = re.compile(r"(?:公司|企业|品牌|集团|商|银行|初创|创企|独角兽|机构)\s?$")
# "X发布：…" / "X推出。": X is what was released, not who released it.
_RELEASED = re.compile(r"\s*(?:[:：，,。!！]|$)")
# "开源库X发布", "新基准X推出": a kind of thing just before the name.
_MAKES_BEFORE = re.compile(
    r"(?:开源库|开源工具|工具|框架|基准|数据集|模型|插件|引擎|平台|系统|项目|智能体|助手|应用"
    r"|展|展会|大会|峰会)"
    r"\s?[A-Za-z0-9][\w.\- ]{0,40}$"
)
_PRODUCT_TAIL = _words(
    "Pro Max Flash Mini Ultra Code Agent App API Model Studio Plus Lite Turbo Preview Instant Thinking Enterprise Chat OS"
    " CLI SDK Bench Arena Harness Zoo Kit Toolkit Hub Engine Framework"
)


def _generic(prefix: str, tokenizer) -> bool:
    if (
        prefix in GENERIC_PREFIX
        or prefix[0] in _STOP_CHARS
        or prefix[-1] in _STOP_CHARS + _ADJ_ENDS
    ):
        return True
    return word_tags().get(prefix) in _REJECT_TAGS or tokenizer.FREQ.get(prefix, 0) >= 1000


def _left_edge(text: str, p: int, q: int, tokenizer) -> int | None:
    """Where the name ending in the suffix text[p:q] begins, from jieba's segmentation."""
    w0 = max(0, p - 8)
    spans = cut_spans(tokenizer, text[w0 : q + 2])
    rp, rq = p - w0, q - w0
    if not any(end == rq for _, end, _ in spans):
        return None  # the suffix starts a longer word
    ends = {end: start for start, end, _ in spans}
    cover = next(sp for sp in spans if sp[0] <= rp < sp[1])
    if cover[0] < rp and tokenizer.FREQ.get(cover[2]):
        return None  # a known word such as 人工智能
    start = cover[0] if cover[0] < rp else ends.get(rp)
    while start is not None and rp - start < 3:  # 它/石 + 智航, 优/理/奇 + 机器人
        before = ends.get(start)
        if before != start - 1 or text[w0 + before] in _STOP_CHARS:
            start = start if rp - start >= 2 else None
            break
        start = before
    if start is None or rp - start > 4 or not _HAN.fullmatch(text[w0 + start : p]):
        return None
    prefix = text[w0 + start : p]
    return None if _generic(prefix, tokenizer) or _common(prefix, tokenizer) else w0 + start


def _common(prefix: str, tokenizer) -> bool:
    """A name's head that is an everyday word or phrase: 语音智能, 购物机器人, 力挺深科技.

    Startup names are coined (它石, 光帆, 群核) and mostly absent from jieba's
    dictionary; a head jieba knows as a common word, or one holding a verb or
    adverb, describes rather than names.
    """
    if tokenizer.FREQ.get(prefix, 0) >= COMMON_WORD_FREQ:
        return True
    tags = word_tags()
    pieces = [w for w in tokenizer.cut(prefix, HMM=False)] if len(prefix) >= 3 else []
    return len(pieces) > 1 and any(tags.get(w) in _VERBISH_TAGS for w in pieces)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint ``spans``."""
    i = bisect.bisect_right(spans, (start, math.inf))
    return (i > 0 and spans[i - 1][1] > start) or (i < len(spans) and spans[i][0] < end)


def _chinese_names(text: str, tokenizer, taken: list) -> Iterable[tuple[int, int, str]]:
    for m in _CN_SUFFIX.finditer(text):
        p, q = m.span()
        two = text[max(0, p - 2) : p]
        if len(two) < 2 or not _HAN.fullmatch(two) or _generic(two, tokenizer):
            continue
        if (text[q : q + 1] or " ") in _SUFFIX_GLUE.get(m.group(), "") or _inside(taken, p - 2, q):
            continue
        start = _left_edge(text, p, q, tokenizer)
        if start is not None:
            yield start, q, text[start:q]
    for m in _CN_CUE.finditer(text):
        spans = cut_spans(tokenizer, text[max(0, m.start() - 8) : m.start()])
        if spans and len(spans[-1][2]) >= 2 and _HAN.fullmatch(spans[-1][2]):
            word = spans[-1][2]
            if word not in _CUE_STOP and not _generic(word, tokenizer):
                yield m.start() - len(word), m.start(), word


def _latin_ok(text: str, start: int, name: str) -> bool:
    if start > 0 and (is_word_char(text[start - 1]) or text[start - 1] in ".-"):
        return False
    words = name.split()
    if any(_VERSION.search(w) for w in words) or words[-1] in _PRODUCT_TAIL:
        return False
    if words[0] in LATIN_STOP or name in LATIN_STOP:
        return False
    if is_person_name(name) and not _ORG_BEFORE.search(text, max(0, start - 6), start):
        return False
    return not (name.isupper() and len(name) <= 3)


def _latin_names(text: str) -> Iterable[tuple[int, int, str]]:
    for m in _LATIN_CUE.finditer(text):
        if m["before"]:  # 初创公司Vercept: the name follows the cue
            found = _NAME_HEAD.match(text, m.end())
        else:  # Upwind获…: the name precedes it
            end = m.start() + 1
            found = _NAME_TAIL.search(text, max(0, end - 60), end)
            released = m[0][-2:] in ("发布", "推出")
            if released and (
                _RELEASED.match(text, m.end()) or _MAKES_BEFORE.search(text, 0, end - 1)
            ):
                continue  # "GhazalBench发布：…", "开源库AutoAgent发布": the thing released
        if found and _latin_ok(text, found.start("name"), found["name"]):
            yield found.start("name"), found.end("name"), found["name"]


_CN_SUFFIX_END = re.compile(f"(?:{_CN_SUFFIX.pattern})$")


def is_confident(name: str) -> bool:
    """A detected name safe to look for elsewhere without its cue: a Latin proper name
    or a Chinese name with an organisation ending (not a word before 创始人/CEO).

    >>> is_confident("OpenRouter"), is_confident("它石智航"), is_confident("硅谷")
    (True, True, False)
    """
    return is_word_char(name[0]) or bool(_CN_SUFFIX_END.search(name))


def glued(text: str, end: int, name: str) -> bool:
    """Whether the Chinese name ending at ``end`` runs on into a longer word (星尘智能体)."""
    suffix = _CN_SUFFIX_END.search(name)
    return bool(suffix) and (text[end : end + 1] or " ") in _SUFFIX_GLUE.get(suffix.group(), "")


def detect_names(text: str, tokenizer, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Organisation names found from context, not overlapping the ``taken`` spans."""
    if not _ANY_CUE.search(text):
        return []
    taken = sorted(taken)
    found = [*_chinese_names(text, tokenizer, taken), *_latin_names(text)]
    if not found:
        return []
    kept = [(s, e, name, None) for s, e, name in found if not _inside(taken, s, e)]
    return [(s, e, name) for s, e, name, _ in longest_first(kept)]
