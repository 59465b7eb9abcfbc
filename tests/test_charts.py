"""Charts: labels a reader understands, values the drill-down can parse."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.charts import make_heatmap, period_label


@pytest.mark.parametrize(
    ("period", "grain", "label"),
    [
        ("2026-02-23", "week", "2026-W09"),
        ("2025-12-29", "week", "2026-W01"),  # ISO week of the next year
        ("2026-03-01", "month", "2026-03"),
        ("2026-03-08", "day", "03-08"),
    ],
)
def test_period_label(period, grain, label) -> None:
    assert period_label(period, grain) == label


def test_heatmap_labels_periods_but_keeps_iso_dates_for_the_drill_down() -> None:
    df = pd.DataFrame(
        {"period": ["2026-02-23", "2026-03-02"], "outlet": ["机器之心", "量子位"], "n": [3, 5]}
    )
    fig = make_heatmap(df, "period", "outlet", x_label=lambda p: period_label(p, "week"))
    assert list(fig.layout.xaxis.ticktext) == ["2026-W09", "2026-W10"]
    assert [c[0] for c in fig.data[0].customdata] == ["2026-02-23", "2026-03-02"]
