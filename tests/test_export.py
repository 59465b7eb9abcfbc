"""dashboard.export: CSV with BOM, formula cells neutralised, numbers kept as numbers."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest

from dashboard.export import BOM, make_file_name, to_csv_bytes

FORMULAS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")']


def read_back(data: bytes) -> pd.DataFrame:
    assert data.startswith(BOM)
    return pd.read_csv(io.BytesIO(data[len(BOM) :]), encoding="utf-8", keep_default_na=False)


def test_round_trip_neutralises_formulas_and_keeps_numbers():
    df = pd.DataFrame(
        {
            "text": [*FORMULAS, "字节跳动"],
            "n": [-5, 3, -1, 0, 7, 8, -186000000, 2],
            "x": [-1.5, 2.0, 0.0, -0.25, 1.0, 1.0, 1.0, 1.0],
        }
    )
    back = read_back(to_csv_bytes(df))
    assert back["text"].tolist() == [*("'" + f for f in FORMULAS), "字节跳动"]
    assert back["n"].tolist() == df["n"].tolist()  # negative numbers stay numbers
    assert back["x"].tolist() == df["x"].tolist()


def test_links_kept_whole_and_chinese_readable():
    url = "https://mp.weixin.qq.com/s?__biz=MzUxNzQ5MTExNw==&mid=2247497431&idx=1"
    data = to_csv_bytes(pd.DataFrame({"标题": ["月活2760万"], "链接": [url]}))
    assert "月活2760万".encode() in data
    assert read_back(data)["链接"].tolist() == [url]


def test_missing_values_and_dates():
    df = pd.DataFrame({"d": [date(2025, 12, 22), None], "s": [None, "-"]})
    back = read_back(to_csv_bytes(df))
    assert back["d"].tolist() == ["2025-12-22", ""]
    assert back["s"].tolist() == ["", "'-"]


@pytest.mark.parametrize(
    ("what", "start", "end", "expected"),
    [
        ("文章", date(2025, 1, 1), date(2025, 3, 31), "文章_2025-01-01_2025-03-31.csv"),
        ("../../etc/passwd", None, None, "etc_passwd.csv"),
        ("检索_Kimi 估值", date(2025, 1, 1), None, "检索_Kimi_估值_2025-01-01.csv"),
        ("", None, None, "export.csv"),
    ],
)
def test_make_file_name(what, start, end, expected):
    assert make_file_name(what, start, end) == expected
