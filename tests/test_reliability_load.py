"""A 5-second smoke run of the load test (bench/load.py) against a real ``streamlit run``."""

from __future__ import annotations

import json
from pathlib import Path

from bench import load
from bench.startup import free_port
from loaders.ingest import ingest_paths

ROOT = Path(__file__).resolve().parents[1]


def test_load_smoke(tmp_path: Path) -> None:
    db_path = tmp_path / "load.duckdb"
    ingest_paths([ROOT / "tests/golden/hostile", ROOT / "tests/golden/sudi/base.md"], db_path)
    out = tmp_path / "load.json"
    args = ["--db", str(db_path), "--sessions", "3", "--seconds", "5"]
    status = load.main([*args, "--port", str(free_port()), "--json", str(out)])
    result = json.loads(out.read_text(encoding="utf-8"))
    assert status == 0 and result["errors"] == 0, result["failures"]
    assert result["renders"] >= 3 and result["rss_samples"]
    assert set(result["per_page"]) <= set(load.PAGES)
