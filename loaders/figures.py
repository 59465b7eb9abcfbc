"""Business figures (revenue, valuation, users ...) read from one text field.

Conventions: ``value`` is in base units; money has ``unit`` None and an ISO
``currency`` only when one is written (never guessed); counts have unit
'users' or 'customers'; percentages have unit '%' (八成 -> 80). A range keeps
its low end in ``value`` and its high end in ``value_high``. ``span`` is the
number as written (with its currency and magnitude, without qualifier or cue)
and ``start`` its offset in the text. Market-level figures have no company.

>>> [(f.metric, f.value, f.currency, f.qualifier) for f in extract_figures("营收已超200亿元")]
[('revenue', 20000000000.0, 'CNY', '超')]
>>> f = extract_figures("银河通用估值突破200亿")[0]
>>> (f.metric, f.value, f.currency, f.qualifier)
('valuation', 20000000000.0, None, '突破')
>>> [(f.metric, f.value, f.unit) for f in extract_figures("月活2760万，付费用户177万")]
[('mau', 27600000.0, 'users'), ('paying_users', 1770000.0, 'users')]
>>> extract_figures("M1模型支持100万token上下文，用户日均使用时长超70分钟")
[]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from decimal import Decimal

from loaders import figure_rules as rules
from loaders.models import Figure, Mention

METRICS = rules.METRICS


def _alternation(words) -> str:
    """A regex alternation of literal words, longest first so 净利润 beats 利润."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_MAG = _alternation(w for w in rules.MAGNITUDES if not w.isascii())
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

# Any figure needs an Arabic digit, or 万/亿/成 after a Chinese numeral.
_QUICK = re.compile(r"[0-9０-９万亿成]")

_FIGURE = re.compile(
    rf"""
    (?=[\d$¥￥€£UHRCE人零〇一二两三四五六七八九十百千])   # cheap first-character test
    (?P<pre>US\$|HK\$|[$¥￥€£]|(?:USD|RMB|CNY|HKD|EUR|人民币)\s?)?  # currency written first
    (?:
        (?P<num>{_NUM})                                  # 1,200 / 23.3 / 5340
      | (?P<cn>[零〇一二两三四五六七八九十百千]+)(?=[万亿成])   # 千亿, 两亿, 八成
    )
    (?P<approx>[余多])?                                  # 10余万, 100多万
    (?P<mag>{_MAG})?                                     # 万 / 亿 / 万亿 ...
    (?P<pct1>[%％])?                                     # 40%-80%: the low end's sign
    (?:\s?[-–~～至]\s?                                   # a range: 300-500万元 ...
        (?P<num2>{_NUM})                                 # ... its high end
        (?P<mag2>{_MAG})?                                # 1亿-2亿
        (?(pct1)[%％])                                   # 40%-80% but not 20%至100亿
    )?
    (?P<approx2>[余多](?![万亿]))?                        # 1万余
    (?:\s?(?P<emag>trillion|billion|million|thousand|bn|[BMK])(?![A-Za-z]))?  # $16M
    (?P<pct>[%％]|成(?![为本功立交员熟长都果效型品了不]))?  # 23.3%, 八成
    (?:\s?(?P<cur>美元|美金|港元|港币|欧元|英镑|日元|韩元|新台币|人民币
        |元(?![宇素件器])|(?:USD|CNY|RMB|HKD|EUR|GBP|JPY)(?![A-Za-z])))?  # currency after
    """,
    re.VERBOSE,
)

_CUE_KIND = (
    {w: ("amount", m) for w, m in rules.AMOUNT_CUES.items()}
    | {w: ("percent", m) for w, m in rules.PERCENT_CUES.items()}
    | {w: ("up", None) for w in rules.GROWTH_UP}
    | {w: ("down", None) for w in rules.GROWTH_DOWN}
    | {w: ("standalone", None) for w in rules.GROWTH_STANDALONE}
    | {w: ("yoy", None) for w in rules.YEAR_ON_YEAR}
    | {w: ("blocker", None) for w in rules.BLOCKERS}
)
# Every cue, searched in the clause before a number; the nearest one decides.
_CUE = re.compile(_alternation(_CUE_KIND))

_AFTER_AMOUNT = re.compile(
    rf"""
    \s?(?:[个名位户家])?                     # 2.12亿个人用户, 10万余家企业
    (?P<of>的)?                              # 5万亿美元的市场
    (?P<annual>年)?                          # 600亿美元年利润
    (?:[A-E]\+?|Pre-?[A-E]|天使|种子|新一)?   # 1600万美元A轮融资
    (?P<cue>{_alternation(set([*rules.AMOUNT_CUES, *rules.AFTER_ONLY_CUES, *rules.BLOCKERS]) - set(rules.BEFORE_ONLY_CUES))})
    """,
    re.VERBOSE,
)
_AFTER_PERCENT = re.compile(
    rf"""
    \s?的?                                   # 23.3%的毛利率
    (?P<cue>{_alternation([*rules.PERCENT_CUES, "增长", "增速"])})
    """,
    re.VERBOSE,
)
_TRAP = re.compile(rf"\s?(?:{_alternation(rules.TRAP_UNITS)}|个(?!人))")
_QUALIFIER = re.compile(rf"(?:{_alternation(rules.QUALIFIERS)})\s?$")
_SUFFIX_QUALIFIER = re.compile(_alternation(rules.SUFFIX_QUALIFIERS))
_GLUED_OK = re.compile(r"(?:ARR|MAU|DAU|WAU)$")
_DELTA_BEFORE = re.compile(rf"(?:{_alternation(rules.DELTA_WORDS)})了?(?:约|超|近|逾)?$")
_NOT_GROWTH_SUBJECTS = frozenset({"funding", "valuation", "cash"})
_MIN_MONEY = 10_000  # smaller sums (每赚1美元, 获赔95美元) are prices and payouts

_PERIOD = re.compile(
    r"""
    (?:
        (?:19|20)\d{2}(?:\s?[-–~至]\s?(?:19|20)?\d{2})?\s?(?:财年|年度|年)  # 2025年, 2022-2024年
        (?:前[0-9一二三四五六七八九十]+个?(?:月|季度)                  # 前9个月, 前三季度
          |第?[一二三四1-4]季度|[上下]半年|全年|Q[1-4]|H[12]|\d{1,2}月)?  # Q3, 上半年, 12月
      | FY\s?(?:19|20)?\d{2}                                         # FY2025
      | 前[一二三四1-4]季度 | 前[0-9一二三四五六七八九十]+个月           # 前三季度, 前9个月
      | 第?[一二三四]季度 | (?<![A-Za-z])Q[1-4](?![0-9]) | [上本]季度     # 第一季度, Q1
      | 今年 | 去年 | 全年 | 上半年 | 下半年                            # relative periods
    )
    (?!成立|创立|创办|上市|以来|起)                                    # 2021年成立: a date, not a period
    """,
    re.VERBOSE,
)

_CLAUSE_ENDS = re.compile(r"[，,；;。！？!?：:\n]")
_SENTENCE_ENDS = re.compile(r"[；;。！？!?\n]")
_DIGITISH = frozenset("0123456789.,%％-")
_MAX_GAP = 10  # non-digit characters allowed between a cue and its number


class _Text:
    """The field being read, with clause and sentence boundaries found on first use."""

    def __init__(self, text: str, mentions: Sequence[Mention]):
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._clauses: list[int] | None = None
        self._sentences: list[int] | None = None

    def _bounds(self, pos: int, ends: re.Pattern, cache: str) -> tuple[int, int]:
        cuts = getattr(self, cache)
        if cuts is None:
            cuts = [c.start() for c in ends.finditer(self.text)]
            setattr(self, cache, cuts)
        i = bisect.bisect_left(cuts, pos)
        lo = cuts[i - 1] + 1 if i else 0
        hi = cuts[i] if i < len(cuts) else len(self.text)
        return lo, hi

    def clause(self, pos: int) -> tuple[int, int]:
        return self._bounds(pos, _CLAUSE_ENDS, "_clauses")

    def sentence(self, pos: int) -> tuple[int, int]:
        return self._bounds(pos, _SENTENCE_ENDS, "_sentences")


def extract_figures(
    text: str, mentions: Sequence[Mention] = (), default_company: str | None = None
) -> list[Figure]:
    """Business figures in one text field (a title, an insight or one bullet)."""
    if not _QUICK.search(text):
        return []
    doc = _Text(text, mentions)
    found: list[Figure] = []
    floor = 0  # a cue already used after one number does not serve the next one
    for m in _FIGURE.finditer(text):
        if m.lastgroup == "num" and m.end() - m.start() < 4:
            continue  # a bare small number (dates, counts of things) is never a figure
        if _skip_number(m, doc):
            continue
        figure, used_to = _read(m, doc, floor, default_company)
        if figure is not None:
            found.append(figure)
            floor = max(floor, used_to)
    return found


def _skip_number(m: re.Match, doc: _Text) -> bool:
    """Numbers glued to a word (Qwen3, M2, v1.2.3) or inside a company name (360)."""
    start = m.start()
    prev = doc.text[start - 1] if start else ""
    if prev == "." or prev.isdigit() or prev in rules.VAGUE_OR_PER:
        return True
    if "每" in doc.text[max(0, start - 3) : start]:
        return True
    if prev.isascii() and prev.isalpha() and not m["pre"]:
        return not _GLUED_OK.search(doc.text, max(0, start - 3), start)
    return any(x.start <= start < x.end for x in doc.mentions)


def _read(m: re.Match, doc: _Text, floor: int, default: str | None):
    """The figure a matched number stands for (or None), and where its cue ended."""
    text, start = doc.text, m.start()
    currency = rules.CURRENCIES.get((m["pre"] or "").strip()) or rules.CURRENCIES.get(m["cur"])
    suffix = _SUFFIX_QUALIFIER.match(text, m.end())
    end = suffix.end() if suffix else m.end()
    clause = doc.clause(start)
    lo = max(clause[0], floor)
    pct = m["pct"] or m["pct1"]
    if pct:
        if pct == "成" and (m["mag"] or m["emag"] or currency):
            return None, 0
        metric, cue_end, sign = _percent_metric(text, start, end, lo)
        unit, annual = "%", False
    else:
        if _DELTA_BEFORE.search(text, max(0, start - 6), start):
            return None, 0
        metric, cue_end, annual = _amount_metric(text, start, end, lo)
        if metric is None or not _fits(metric, m, currency):
            return None, 0
        unit, sign = rules.COUNT_UNITS.get(metric), 1
    if metric is None or _TARGET.match(text, end):
        return None, 0
    value, high = _values(m, scale=10 if pct == "成" else 1)
    span = m[0].rstrip()
    if _negative(text, start):
        sign, start, span = -sign, start - 1, text[start - 1] + span
    sentence = doc.sentence(m.start())
    qualifier = _qualifier(text, m.start()) or m["approx"] or m["approx2"]
    return Figure(
        metric=metric,
        value=sign * value,
        span=span,
        sentence=text[sentence[0] : sentence[1]].strip(),
        start=start,
        currency=currency,
        unit=unit,
        qualifier=qualifier or (suffix[0] if suffix else None),
        period=_period(text, m.start(), clause, sentence) or ("年" if annual else None),
        company=None if metric == "market_size" else _company(doc, m, clause, sentence, default),
        value_high=None if high is None else sign * high,
    ), (cue_end or 0)


# 未达10亿目标, 10亿美元的营收目标: a goal, not a reported figure.
_TARGET = re.compile(r"\s*的?[^\s，。；,;]{0,4}目标")


def _fits(metric: str, m: re.Match, currency: str | None) -> bool:
    """Money needs a currency or a magnitude; counts must not be money."""
    scaled = bool(m["mag"] or m["emag"])
    if metric in rules.MONEY_METRICS:
        return bool(currency or scaled) and _values(m)[0] >= _MIN_MONEY
    if currency:
        return False
    return scaled or float(m["num"].replace(",", "") if m["num"] else 0) >= 1000


def _amount_metric(text: str, start: int, end: int, lo: int):
    """(metric, end of a cue after the number, 'annual' flag) for money and counts."""
    after = _AFTER_AMOUNT.match(text, end)
    if after:
        metric = _CUE_KIND[after["cue"]][1] if after["cue"] in _CUE_KIND else None
        metric = metric or rules.AFTER_ONLY_CUES.get(after["cue"])
        if after["cue"] in rules.BLOCKERS or (after["annual"] and metric in rules.COUNT_UNITS):
            return None, None, False  # 2025年用户规模: a year
        return metric, after.end(), bool(after["annual"])
    if _TRAP.match(text, end):
        return None, None, False
    for cue, _cue_start, _cue_end in _cues_before(text, lo, start):
        kind, metric = _CUE_KIND[cue]
        if kind == "amount":
            return metric, None, False
        if kind in ("blocker", "percent"):
            break
    return None, None, False


def _percent_metric(text: str, start: int, end: int, lo: int):
    """(metric, end of a cue after the number, sign) for a percentage."""
    after = _AFTER_PERCENT.match(text, end)
    if after:
        cue = after["cue"]
        return rules.PERCENT_CUES.get(cue, "growth_rate"), after.end(), 1
    cues = list(_cues_before(text, lo, start))
    if not cues:
        return None, None, 1
    cue, _, cue_end = cues[0]
    kind, metric = _CUE_KIND[cue]
    if kind == "percent":
        return metric, None, 1
    if kind not in ("up", "down", "standalone"):
        return None, None, 1
    level = text[cue_end : cue_end + 1] in ("至", "到")
    subject, yoy = None, False
    for other, _, _ in cues[1:]:
        other_kind, other_metric = _CUE_KIND[other]
        if other_kind == "yoy":
            yoy = True
            continue
        subject = (other_kind, other_metric)
        break
    if level:  # 利润率提升至70%: a level, not a change
        return (subject[1], None, 1) if subject and subject[0] == "percent" else (None, None, 1)
    if subject and subject[0] in ("blocker", "up", "down", "standalone"):
        return None, None, 1
    if subject and subject[1] in _NOT_GROWTH_SUBJECTS:  # 融资55亿美元首日暴涨108%: the stock
        return None, None, 1
    if subject is None and not yoy and kind != "standalone":
        return None, None, 1
    return "growth_rate", None, (-1 if kind == "down" else 1)


def _cues_before(text: str, lo: int, start: int):
    """Cue words in text[lo:start], nearest first, while close enough to the number."""
    lo = max(lo, start - 40)
    found = [(c[0], c.start(), c.end()) for c in _CUE.finditer(text, lo, start)]
    limit = start
    for cue, cue_start, cue_end in reversed(found):
        gap = sum(1 for ch in text[cue_end:limit] if ch not in _DIGITISH)
        if gap > _MAX_GAP:
            return
        yield cue, cue_start, cue_end
        limit = cue_start


def _values(m: re.Match, scale: int = 1) -> tuple[float, float | None]:
    """The number (and a range's high end) in base units; ``scale`` 10 reads 八成 as 80."""
    emag = (rules.MAGNITUDES[m["emag"]] if m["emag"] else 1) * scale
    mag2 = rules.MAGNITUDES[m["mag2"]] if m["mag2"] else None
    mag = rules.MAGNITUDES[m["mag"]] if m["mag"] else (mag2 or 1)
    low = Decimal(m["num"].replace(",", "")) if m["num"] else Decimal(_cn_int(m["cn"]))
    value = float(low * mag * emag)
    if not m["num2"]:
        return value, None
    high = float(Decimal(m["num2"].replace(",", "")) * (mag2 or mag) * emag)
    return (value, high) if high > value else (value, None)


def _cn_int(numeral: str) -> int:
    """A Chinese numeral below 万: 千 -> 1000, 两 -> 2, 三千五百 -> 3500."""
    total, digit = 0, 0
    for ch in numeral:
        if ch in rules.CN_DIGITS:
            digit = rules.CN_DIGITS[ch]
        else:
            total += (digit or 1) * rules.CN_UNITS[ch]
            digit = 0
    return total + digit


def _negative(text: str, start: int) -> bool:
    """A minus sign written right before the number (毛利率为-24.7%), not a range dash."""
    if start < 1 or text[start - 1] not in "-−负":
        return False
    before = text[start - 2] if start >= 2 else " "
    return not (before.isascii() and before.isalnum())


def _qualifier(text: str, start: int) -> str | None:
    q = _QUALIFIER.search(text, max(0, start - 4), start)
    return q[0].strip() if q else None


def _period(text: str, start: int, clause, sentence) -> str | None:
    """The nearest period before the number in its clause, else one heading its sentence."""
    hits = list(_PERIOD.finditer(text, clause[0], start))
    if hits:
        return hits[-1][0]
    for hit in reversed(list(_PERIOD.finditer(text, sentence[0], clause[0]))):
        if _CUE.match(text, hit.end()) or _CUE.match(text, hit.end() + 1):
            return hit[0]
    return None


def _company(doc: _Text, m: re.Match, clause, sentence, default: str | None) -> str | None:
    """Who a figure is about: the nearest company named before the number in its clause;
    else, for an industry total (行业总收入), no one; else, unless the clause opens with
    其 (then the article's subject is meant), the nearest company earlier in the
    sentence; else the article's main company; else one named just after the number
    in its clause."""
    text, start, end = doc.text, m.start(), m.end()
    mentions = [x for x in doc.mentions if not is_bystander(text, x)]
    before = [x for x in mentions if clause[0] <= x.start and x.end <= start]
    if before:
        nearest = max(before, key=lambda x: x.end)
        if any(_JOINT.fullmatch(text, x.end, nearest.start) for x in before if x is not nearest):
            return None  # Anthropic与OpenAI…创造300亿美元营收: a joint figure
        return nearest.company
    if _AGGREGATE.search(text, clause[0], start):
        return None
    earlier = [x for x in mentions if sentence[0] <= x.start and x.end <= clause[0]]
    if earlier and not _PRONOUN.match(text, clause[0]):
        return max(earlier, key=lambda x: x.end).company
    if default is not None:
        return default
    after = [x for x in mentions if x.start >= end and x.end <= clause[1]]
    return after[0].company if after else None


# 整个AI行业总收入, 顶级AI初创公司总收入: a total over many companies.
_AGGREGATE = re.compile(r"行业|整个|全行业|总收入|总营收|合计")
_JOINT = re.compile(r"\s*(?:与|和|及|、|以及)\s*")
_PRONOUN = re.compile(r"\s*(?:其|该公司|公司)")
# 宣战英伟达 (a rival), 拿下亚马逊订单 / 获OpenAI大单 (a customer or investor), 前Anthropic
# 团队 (an origin), 卡车界特斯拉 (a figure of speech): not who the figure is about.
_ROLE_BEFORE = re.compile(
    r"(?:界的?|宣战|挑战|对标|叫板|击败|超越|比肩|媲美|取代|拿下|赢得|获得?|前)\s*$"
)
_BYSTANDER = re.compile(
    r"(?:\s*[、，,和及与]\s*[^，。；、,]{1,12}?)*"  # 亚马逊、英伟达和软银领投: a list of investors
    r"\s*(?:联合领投|领投|跟投|参投|投资的|旗下的?|孵化的|支持的|高管|前高管|员工|出身|系)"
)


def is_bystander(text: str, mention: Mention) -> bool:
    """A company named only as investor or origin of the subject (X领投, X投资的Y, 前X高管),
    as its rival (宣战英伟达) or as a figure of speech (卡车界特斯拉: the Tesla of trucks).

    >>> is_bystander("Factory获红杉领投的融资", Mention("红杉", "红杉", 8, 10))
    True
    >>> is_bystander("“卡车界特斯拉”再获融资", Mention("特斯拉", "特斯拉", 4, 7))
    True
    """
    if _ROLE_BEFORE.search(text, max(0, mention.start - 3), mention.start):
        return True
    return bool(_BYSTANDER.match(text, mention.end))
