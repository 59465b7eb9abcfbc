"""CSV export: UTF-8 with BOM, formula cells neutralised, numbers kept as numbers (round trip)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.export import BOM, neutralise, to_csv_bytes

DANGEROUS = [
    "=1+1",
    '=HYPERLINK("http://evil.example","点我")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "-12%",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "=",
    "-",
]
SAFE = ["ok", "字节跳动", " =1+1", "a=b", "1-2", "", "'quoted", "5340万美元", "$5 和 $6", "20~25亿"]


def read_back(data: bytes) -> pd.DataFrame:
    assert data.startswith(BOM) and not data.startswith(BOM + BOM)
    return pd.read_csv(
        io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False, dtype={"text": str}
    )


@pytest.mark.parametrize("cell", DANGEROUS)
def test_formula_cells_get_a_leading_quote(cell: str) -> None:
    back = read_back(to_csv_bytes(pd.DataFrame({"text": [cell]})))
    assert back["text"].tolist() == ["'" + cell]


@pytest.mark.parametrize("cell", SAFE)
def test_ordinary_text_is_unchanged(cell: str) -> None:
    back = read_back(to_csv_bytes(pd.DataFrame({"text": [cell]})))
    assert back["text"].tolist() == [cell]


def test_real_numbers_stay_numbers() -> None:
    df = pd.DataFrame(
        {
            "text": ["-5", "x", "y"],
            "int": [-5, 0, 3],
            "float": [-1.5, 2.25, 0.0],
            "big": [-186_000_000.0, 53_400_000.0, 1e15],
            "flag": [True, False, True],
        }
    )
    back = read_back(to_csv_bytes(df))
    assert back["text"].tolist() == ["'-5", "x", "y"]
    assert back["int"].tolist() == [-5, 0, 3] and pd.api.types.is_integer_dtype(back["int"])
    assert back["float"].tolist() == [-1.5, 2.25, 0.0]
    assert back["big"].tolist() == [-186_000_000.0, 53_400_000.0, 1e15]
    assert back["flag"].tolist() == [True, False, True]
    raw = to_csv_bytes(df).decode("utf-8-sig").splitlines()[1]
    assert raw.split(",")[1] == "-5"  # unquoted: a spreadsheet reads a number


def test_nullable_and_mixed_columns() -> None:
    df = pd.DataFrame(
        {
            "text": pd.array(["=1", None, "ok"], dtype="string"),
            "mixed": ["=x", -3, None],
            "nullable": pd.array([-1, None, 2], dtype="Int64"),
        }
    )
    back = read_back(to_csv_bytes(df))
    assert back["text"].tolist() == ["'=1", "", "ok"]
    assert back["mixed"].astype(str).tolist() == ["'=x", "-3", ""]
    assert back["nullable"].astype(str).tolist() == ["-1", "", "2"]


def test_headers_are_neutralised_too() -> None:
    back = read_back(to_csv_bytes(pd.DataFrame({"=evil()": ["a"], "text": ["b"]})))
    assert list(back.columns) == ["'=evil()", "text"]


def test_embedded_newlines_quotes_and_commas_round_trip() -> None:
    cells = ['a,"b"\nc', "第一行\r\n第二行", "x\r", "逗号，中文", " ", ""]
    back = read_back(to_csv_bytes(pd.DataFrame({"text": cells})))
    assert back["text"].tolist() == cells


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=30).filter(lambda t: "\r" not in t), min_size=1, max_size=8))
def test_any_text_round_trips_neutralised(cells: list[str]) -> None:
    back = read_back(to_csv_bytes(pd.DataFrame({"text": cells})))
    expected = [neutralise(c) for c in cells]
    assert back["text"].tolist() == expected
    for value in back["text"]:
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    rows = list(csv.reader(io.StringIO(to_csv_bytes(pd.DataFrame({"text": cells})).decode())))
    assert len(rows) == len(cells) + 1
