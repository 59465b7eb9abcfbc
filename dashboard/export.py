"""Safe CSV downloads: UTF-8 with BOM for Excel, formula cells neutralised.

>>> to_csv_bytes(pd.DataFrame({"t": ["=1+1", "ok"], "n": [-5, 3]}))[:3] == BOM
True
"""

from __future__ import annotations

import csv
import re
from datetime import date

import pandas as pd

BOM = b"\xef\xbb\xbf"
# A spreadsheet treats a text cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NAME_UNSAFE = re.compile(r"[^\w\-]+")


def neutralise(cell: object) -> object:
    """A text cell that a spreadsheet would run as a formula gets a leading quote.

    >>> neutralise("=HYPERLINK(1)"), neutralise("-12%"), neutralise(-12), neutralise("ok")
    ("'=HYPERLINK(1)", "'-12%", -12, 'ok')
    """
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def make_safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text column (and the header) neutralised; numbers stay numbers."""
    out = df.copy()
    out.columns = [neutralise(c) for c in out.columns]  # a header is a cell too
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """The frame as CSV bytes, UTF-8 with BOM, formula-safe, without the index.

    Text is always quoted and numbers never are: a spreadsheet still reads numbers as
    numbers, and a row whose only cell is blank (" ") is not dropped as an empty line.
    """
    text = make_safe_frame(df).to_csv(
        index=False, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC
    )
    return BOM + text.encode("utf-8")


def make_file_name(what: str, start: date | None = None, end: date | None = None) -> str:
    """A file name saying what and which dates: '文章_2025-01-01_2025-03-31.csv'.

    >>> make_file_name("来源/媒体", date(2025, 1, 1), date(2025, 3, 31))
    '来源_媒体_2025-01-01_2025-03-31.csv'
    """
    parts = [_NAME_UNSAFE.sub("_", what).strip("_") or "export"]
    if start is not None:
        parts.append(start.isoformat())
    if end is not None:
        parts.append(end.isoformat())
    return "_".join(parts) + ".csv"
