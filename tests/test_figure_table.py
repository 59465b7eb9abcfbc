"""The figures table as shown: a missing company says why, blanks stay blank, values in 万/亿."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.figure_table import COLUMNS, label_figures
from tests.test_dashboard_pages import corpus_db as corpus_db  # session fixture
from tests.test_dashboard_pages import env as env  # fixture


def make_row(company, metric, value, currency, unit=None, qualifier=None, period=None) -> dict:
    return {
        "company": company, "metric": metric, "value": value, "value_high": None,
        "currency": currency, "unit": unit, "value_usd": value if currency == "USD" else None,
        "qualifier": qualifier, "period": period, "digest_date": date(2026, 5, 27),
        "sentence": "s", "title": "t", "url": "https://example.com/a",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("row", "company", "shown", "usd"),
    [
        (make_row("OpenRouter", "funding", 113e6, "USD"), "OpenRouter", "1.13亿美元", "1.13亿美元"),
        (make_row(None, "market_size", 5e12, "USD"), "（市场整体）", "5万亿美元", "5万亿美元"),
        (make_row(None, "valuation", 1.3e9, "USD"), "（未识别公司）", "13亿美元", "13亿美元"),
        (make_row("银河通用", "valuation", 2e10, None), "银河通用", "200亿（未注明币种）", "—"),
        (make_row("MiniMax", "mau", 27.6e6, None, unit="users"), "MiniMax", "2760万", "—"),
    ],
)
def test_figure_rows_read_as_written(row, company, shown, usd) -> None:
    out = label_figures(pd.DataFrame([row])).iloc[0]
    assert out[COLUMNS["company"]] == company
    assert out[COLUMNS["shown"]] == shown
    assert out[COLUMNS["usd"]] == usd
    assert out[COLUMNS["qualifier"]] == "" and out[COLUMNS["period"]] == ""


def test_qualifier_and_period_kept() -> None:
    row = make_row("火山引擎", "revenue", 2e10, "CNY", qualifier="超", period="2025年")
    out = label_figures(pd.DataFrame([row])).iloc[0]
    assert (out[COLUMNS["qualifier"]], out[COLUMNS["period"]]) == ("超", "2025年")


def test_tables_show_missing_text_blank_and_keep_links_and_numbers() -> None:
    from dashboard.ui import blank_missing_text

    df = pd.DataFrame(
        {
            "母公司 parent": [None, "字节跳动"],
            "链接 link": [None, "https://example.com"],
            "行 line": pd.array([None, 3], dtype="Int64"),
        }
    )
    shown = blank_missing_text(df)
    assert shown["母公司 parent"].tolist() == ["", "字节跳动"]
    assert shown["链接 link"].isna().tolist() == [True, False]
    assert shown["行 line"].isna().tolist() == [True, False]
    assert df["母公司 parent"].isna().tolist() == [True, False]  # the CSV keeps NULLs


def test_negative_figures_export_without_a_formula_quote() -> None:
    from dashboard.export import to_csv_bytes

    rows = [make_row("Linq", "growth_rate", -122.0, None, unit="%"),
            make_row("MiniMax", "net_loss", -1.86e8, "USD")]  # fmt: skip
    out = label_figures(pd.DataFrame(rows))
    assert out[COLUMNS["shown"]].tolist() == ["\u2212122%", "\u22121.86亿美元"]
    assert out[COLUMNS["english"]].tolist() == ["\u2212122%", "\u2212186M USD"]
    text = to_csv_bytes(out).decode("utf-8-sig")
    assert "'\u2212" not in text and "'-" not in text  # nothing for Excel to show as a quote


def test_timeline_plots_amounts_with_chinese_names_and_leaves_percentages_to_the_table():
    from dashboard.charts import make_figure_timeline

    rows = [make_row("Linq", "growth_rate", -122.0, None, unit="%"),
            make_row("Linq", "funding", 2e7, "USD"), make_row("Linq", "users", 1.3e7, None,
                                                                 unit="users")]  # fmt: skip
    df = pd.DataFrame(rows).assign(shown=["a", "b", "c"])
    names = sorted(trace.name for trace in make_figure_timeline(df).data)
    assert names == ["用户数 users", "融资 funding"]


def test_figures_timeline_follows_the_company_picked_on_the_page(env):
    from tests.test_dashboard_pages import open_page

    at = open_page("pages/figures.py", range="全部 all")
    options = at.selectbox(key="figures_timeline_company:").options
    at.multiselect(key="figures_company").set_value([options[-1]]).run()
    assert at.selectbox(key=f"figures_timeline_company:{options[-1]}").value == options[-1]
