"""The benchmark runs end to end at a small scale and reports every figure (no speed asserts)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench import report
from bench.baseline import read_frame, sample_paths
from bench.floor import measure_floor
from bench.reader import call_plans, percentile
from loaders import demo

ROOT = Path(__file__).resolve().parents[1]
KEYS = (
    "days",
    "corpus_mb",
    "floor_mb_per_s",
    "ingest_mb_per_s",
    "ingest_peak_rss_mb",
    "reingest_unchanged_s",
    "one_new_digest_s",
    "query_p95_ms",
    "page_render_s",
    "baseline_mb_per_s",
)


@pytest.fixture(scope="module")
def result(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("bench")
    args = ["--days", "30", "--repeat", "2", "--baseline-files", "3", "--out", str(out / "work")]
    subprocess.run(
        [sys.executable, "-m", "bench", *args, "--json", str(out / "bench.json")],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return json.loads((out / "bench.json").read_text("utf-8"))


@pytest.mark.slow
def test_json_has_every_key_with_a_sane_value(result):
    assert result["days"] == 30
    assert 0.7 < result["corpus_mb"] < 1.5
    for key in KEYS[2:]:
        assert isinstance(result[key], float) and result[key] > 0, key
    assert result["ingest_peak_rss_mb"] < 100_000


@pytest.mark.slow
def test_every_stage_ran(result):
    raw = result["raw"]
    assert all(run["returncode"] == 0 for run in raw["ingest"].values())
    assert "30 files read" in raw["ingest"]["full"]["summary"]
    assert "31 files read, 30 skipped" in raw["ingest"]["one_new"]["summary"]
    assert {q["filters"] for q in raw["reader"]["queries"]["queries"]} >= {"default", "narrow"}
    assert set(raw["reader"]["pages"]["pages"]) == {p.stem for p in (ROOT / "pages").glob("*.py")}
    assert set(result["targets"]) == {key for key, *_ in report.TARGETS}


def test_floor_counts_every_section(tmp_path):
    paths = demo.write_demo_corpus(tmp_path, days=2)
    measured = measure_floor(paths)
    texts = [p.read_text("utf-8") for p in paths]
    assert measured["sections"] == sum(t.count("\n## ") + 1 for t in texts)
    assert measured["mb"] == pytest.approx(sum(p.stat().st_size for p in paths) / 1e6)


def test_baseline_frame_has_one_row_per_article(tmp_path):
    paths = demo.write_demo_corpus(tmp_path, days=2)
    df = read_frame(paths)
    texts = "".join(p.read_text("utf-8") for p in paths)
    assert len(df) == texts.count("\n> **分类：**") + texts.count("\n- [")
    assert sample_paths(paths, 1) == paths[:1]


@pytest.mark.parametrize(
    ("signature", "expected"),
    [
        ("version", ["-"]),
        ("version, f", ["default", "narrow"]),
        ("version, f, grain", ["default/day", "default/week", "narrow/day", "narrow/week"]),
        ("version, f, top=5", ["default", "narrow"]),
        ("version, f, company", ["default", "narrow"]),
    ],
)
def test_call_plans_cover_filters_and_grains(signature, expected, monkeypatch):
    monkeypatch.setattr("bench.reader.GRAINS", ("day", "week"))
    func = eval(f"lambda {signature}: None")  # noqa: S307 - a signature under test
    plans = call_plans(func, "v1", {"default": "F1", "narrow": "F2"}, {"company": "青禾科技"})
    assert [label for label, _ in plans] == expected


def test_call_plans_explain_an_unknown_parameter():
    assert "mystery" in call_plans(lambda version, mystery: None, "v1", {}, {})


def test_percentile_by_nearest_rank():
    assert percentile(list(range(1, 101)), 95) == 95
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
