"""The figures table as a reader sees it: values in 万/亿 with currency, English and USD forms."""

from __future__ import annotations

import pandas as pd

from dashboard.fmt import (
    METRIC_LABELS,
    company_label,
    fmt_english,
    fmt_figure,
    fmt_money,
    safe_url,
)

COLUMNS = {
    "company": "公司 company",
    "metric": "指标 metric",
    "shown": "数值 value",
    "english": "英文 English",
    "usd": "美元折算 USD",
    "qualifier": "限定 qualifier",
    "period": "期间 period",
    "digest_date": "日期 date",
    "sentence": "原句 sentence",
    "title": "文章 article",
    "url": "链接 link",
    "value": "原始数值 raw value",
    "value_high": "区间上限 high",
    "currency": "币种 currency",
    "unit": "单位 unit",
    "value_usd": "美元数值 value_usd",
}


def _shown(row: pd.Series) -> str:
    return fmt_figure(row["value"], row["currency"], row["unit"], row["value_high"])


def label_figures(df: pd.DataFrame) -> pd.DataFrame:
    """Readable columns first, raw numbers kept at the end (for the CSV)."""
    if df.empty:
        return pd.DataFrame(columns=list(COLUMNS.values()))
    out = df.copy()
    out["shown"] = out.apply(_shown, axis=1)
    out["english"] = [
        fmt_english(v, c) + ("%" if u == "%" else "")
        for v, c, u in zip(out["value"], out["currency"], out["unit"], strict=True)
    ]
    out["usd"] = [fmt_money(u, "USD") if pd.notna(u) else "—" for u in out["value_usd"]]
    out["company"] = [
        company_label(c if isinstance(c, str) else None, m)
        for c, m in zip(out["company"], out["metric"], strict=True)
    ]
    out["qualifier"] = out["qualifier"].fillna("")
    out["period"] = out["period"].fillna("")
    out["metric"] = out["metric"].map(lambda m: METRIC_LABELS.get(m, m))
    out["currency"] = out["currency"].fillna("")
    out["url"] = out["url"].map(safe_url).astype(object)
    return out[list(COLUMNS)].rename(columns=COLUMNS)
