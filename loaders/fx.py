"""US-dollar equivalents of figures, from the rates in data/fx.csv (each row dated)."""

from __future__ import annotations

import csv


def load_fx_rates(text: str) -> dict[str, float]:
    """USD per unit of each currency, from the text of data/fx.csv.

    >>> load_fx_rates("currency,usd_per_unit,as_of\\nUSD,1,2025-12-22\\nCNY,0.14,2025-12-22\\n")
    {'USD': 1.0, 'CNY': 0.14}
    """
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {row["currency"].strip(): float(row["usd_per_unit"]) for row in csv.DictReader(lines)}


def to_usd(value: float, currency: str | None, rates: dict[str, float]) -> float | None:
    """The value in US dollars, or None when the currency is unknown or not written.

    >>> to_usd(20_000_000_000, "CNY", {"CNY": 0.14})
    2800000000.0
    """
    if currency is None or currency not in rates:
        return None
    return round(value * rates[currency], 2)
