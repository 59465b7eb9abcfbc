"""Numbers for a Chinese reader (万/亿, currencies) and safe text for Markdown.

>>> fmt_money(53_400_000, "USD")
'5340万美元'
>>> fmt_money(186_000_000, "USD")
'1.86亿美元'
>>> fmt_number(27_600_000)
'2760万'
>>> md_escape("$5 和 $6，20~25亿")
'\\\\$5 和 \\\\$6，20\\\\~25亿'
"""

from __future__ import annotations

import math
import re
from urllib.parse import quote, urlsplit

# Display names of ISO currency codes; an unknown code is shown as written.
CURRENCY_NAMES = {
    "USD": "美元",
    "CNY": "元",
    "RMB": "元",
    "HKD": "港元",
    "EUR": "欧元",
    "JPY": "日元",
    "GBP": "英镑",
    "KRW": "韩元",
    "TWD": "新台币",
    "SGD": "新加坡元",
}
NO_CURRENCY = "未注明币种"
NO_COMPANY = "（未识别公司）"
MARKET_WIDE = "（市场整体）"
# The company filter's option for figures about no one company.
NO_COMPANY_OPTION = "（无公司：市场整体或未识别）"
NO_CATEGORY = "（未分类）"

# Units whose value is not money; the label follows the number ('' = none needed).
UNIT_LABELS = {
    "users": "",
    "customers": "家",
    "people": "人",
    "percent": "%",
    "%": "%",
    "units": "台",
    "tokens": " tokens",
    "times": "倍",
}

# The figure metrics (loaders/figure_rules.METRICS) in display order, Chinese and English.
METRIC_NAMES = {
    "funding": ("融资", "funding"),
    "valuation": ("估值", "valuation"),
    "revenue": ("收入", "revenue"),
    "profit": ("利润", "profit"),
    "net_loss": ("净亏损", "net loss"),
    "cash": ("现金储备", "cash"),
    "market_size": ("市场规模", "market size"),
    "users": ("用户数", "users"),
    "mau": ("月活用户", "MAU"),
    "dau": ("日活用户", "DAU"),
    "paying_users": ("付费用户", "paying users"),
    "customers": ("客户数", "customers"),
    "growth_rate": ("增长率", "growth"),
    "margin": ("利润率", "margin"),
    "other": ("其他", "other"),
}
METRIC_ZH = {metric: zh for metric, (zh, _) in METRIC_NAMES.items()}
METRIC_LABELS = {metric: f"{zh} {en}" for metric, (zh, en) in METRIC_NAMES.items()}

_STEPS = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))
_EN_STEPS = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def text_or_none(x: object) -> str | None:
    """A non-empty string, or None for None/NaN/'' (pandas gives NaN for missing text)."""
    return x if isinstance(x, str) and x.strip() else None


def _num(x: object) -> float | None:
    """A number, or None for None/NaN."""
    if x is None or isinstance(x, str):
        return None
    try:
        value = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def _trim(x: float) -> str:
    """Up to 4 significant digits, no trailing zeros: 5340, 1.86, 10.5, 123.5."""
    digits = 0 if abs(x) >= 1000 else 1 if abs(x) >= 100 else 2
    text = f"{x:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# Negative numbers are written with the minus sign U+2212: a text cell starting with
# '-' is a formula to a spreadsheet and would need a visible quote in a CSV export.
MINUS = "\u2212"


def _signed(text: str) -> str:
    return MINUS + text[1:] if text.startswith("-") else text


def fmt_number(value: float | int | None) -> str:
    """A count or amount in 万/亿: 27600000 → '2760万', 9532 → '9,532', -1.86e8 → '−1.86亿'."""
    if _num(value) is None:
        return "—"
    value = _num(value)
    for step, name in _STEPS:
        if abs(value) >= step:
            return _signed(_trim(value / step) + name)
    if value.is_integer():
        return _signed(f"{int(value):,}")
    return _signed(_trim(float(value)))


def fmt_english(value: float | None, currency: str | None = None) -> str:
    """The English short form: 186000000, 'USD' → '186M USD'."""
    value, currency = _num(value), text_or_none(currency)
    if value is None:
        return ""
    text = f"{value:,.0f}"
    for step, name in _EN_STEPS:
        if abs(value) >= step:
            text = _trim(value / step) + name
            break
    return _signed(f"{text} {currency}" if currency else text)


def fmt_money(value: float | None, currency: str | None, high: float | None = None) -> str:
    """An amount with its currency always visible; a range as '300–500万元'.

    >>> fmt_money(3_000_000, "CNY", 5_000_000)
    '300万–500万元'
    >>> fmt_money(1_000_000, None)
    '100万（未注明币种）'
    """
    text = fmt_number(value)
    currency = text_or_none(currency)
    if _num(high) is not None:
        text = f"{text}–{fmt_number(high)}"
    if not currency:
        return f"{text}（{NO_CURRENCY}）"
    return text + CURRENCY_NAMES.get(currency.upper(), f" {currency}")


def fmt_figure(
    value: float | None,
    currency: str | None,
    unit: str | None,
    high: float | None = None,
) -> str:
    """A figure as written for a reader: money with its currency, else with its unit.

    >>> fmt_figure(27_600_000, None, "users")
    '2760万'
    >>> fmt_figure(23.3, None, "percent")
    '23.3%'
    """
    currency, unit = text_or_none(currency), text_or_none(unit)
    if currency or unit in (None, "money", "currency"):
        return fmt_money(value, currency, high)
    text = fmt_number(value)
    if _num(high) is not None:
        text = f"{text}–{fmt_number(high)}"
    return text + UNIT_LABELS.get(unit, f" {unit}")


def fmt_share(part: float, whole: float) -> str:
    """A share as a percentage with one decimal: (1, 3) → '33.3%'."""
    return f"{100 * part / whole:.1f}%" if whole else "—"


# Characters Streamlit's Markdown would interpret: CommonMark punctuation plus
# $ (LaTeX) and ~ (strikethrough) and : (emoji/colour directives).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$<>:&])")


def md_escape(text: str | None) -> str:
    """Untrusted text made literal for st.markdown (no LaTeX, links, strikethrough, HTML)."""
    if not text:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s) with a host, else None (javascript:, data:, relative…).

    >>> safe_url("javascript:alert(1)") is None
    True
    >>> safe_url("https://example.com/a b")
    'https://example.com/a%20b'
    """
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#[]@!$&'*+,;=%~")


def md_link(text: str | None, url: str | None) -> str:
    """A Markdown link with escaped text; plain escaped text when the URL is unsafe."""
    label = md_escape(text) or "链接"
    href = safe_url(url)
    if href is None:
        return label
    href = href.replace("(", "%28").replace(")", "%29")
    return f"[{label}]({href})"


def md_highlight(text: str | None, words: list[str] | tuple[str, ...], limit: int = 0) -> str:
    """Escaped Markdown with every case-insensitive occurrence of ``words`` highlighted.

    With ``limit``, a long text is cut to a window around the first match.

    >>> md_highlight("字节跳动月活$5", ["字节"])
    ':orange-background[字节]跳动月活\\\\$5'
    """
    if not text:
        return ""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return md_escape(text[:limit] if limit else text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    if limit and len(text) > limit:
        first = pattern.search(text)
        begin = max(0, (first.start() if first else 0) - limit // 3)
        text = ("…" if begin else "") + text[begin : begin + limit] + "…"
    out, pos = [], 0
    for match in pattern.finditer(text):
        out.append(md_escape(text[pos : match.start()]))
        out.append(f":orange-background[{md_escape(match.group())}]")
        pos = match.end()
    out.append(md_escape(text[pos:]))
    return "".join(out)


def company_label(company: str | None, metric: str) -> str:
    """The company a figure is about, or what a missing one means for that metric.

    >>> company_label(None, "market_size"), company_label(None, "valuation")
    ('（市场整体）', '（未识别公司）')
    """
    if company:
        return company
    return MARKET_WIDE if metric == "market_size" else NO_COMPANY
