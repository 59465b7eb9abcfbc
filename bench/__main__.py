"""``python -m bench [--days N] [--json FILE]``: generate a demo corpus and time every stage."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from bench import baseline, floor, procs, report, startup
from loaders import demo

DICTIONARY = procs.ROOT / "data" / "demo_companies.csv"
DEFAULT_DAYS = 3650


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--days", type=int, default=DEFAULT_DAYS, help="daily digests (default 10 years)"
    )
    parser.add_argument("--end", type=date.fromisoformat, default=demo.DEFAULT_END)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, help="work folder (default bench/out/<days>d)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query")
    parser.add_argument("--baseline-files", type=int, default=20, help="baseline sample size")
    parser.add_argument("--skip", nargs="*", default=[], choices=["baseline", "reader", "startup"])
    return parser


def fresh_folder(out: Path) -> tuple[Path, Path]:
    """Empty corpus folder and db path under ``out`` (earlier runs removed)."""
    corpus, db_path = out / "corpus", out / "bench.duckdb"
    shutil.rmtree(corpus, ignore_errors=True)
    for stale in out.glob("bench.duckdb*"):
        shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    corpus.mkdir(parents=True)
    return corpus, db_path


def ingest(target: Path, db_path: Path, env: dict) -> procs.Watched:
    args = ["-m", "loaders", "ingest", str(target), "--db", str(db_path)]
    return procs.run_watched([*args, "--companies", str(DICTIONARY), "--quiet"], env)


def measure_ingests(corpus: Path, db_path: Path, end: date, seed: int, env: dict) -> dict:
    """Full ingest, unchanged re-ingest, one new digest in the folder, one new file alone."""
    runs = {"full": ingest(corpus, db_path, env), "unchanged": ingest(corpus, db_path, env)}
    demo.write_demo_corpus(corpus, days=1, end=end + timedelta(days=1), seed=seed)
    runs["one_new"] = ingest(corpus, db_path, env)
    (alone,) = demo.write_demo_corpus(corpus.parent / "extra", 1, end + timedelta(days=2), seed)
    runs["one_file"] = ingest(alone, db_path, env)
    return {
        name: {
            "seconds": r.seconds,
            "returncode": r.returncode,
            "summary": r.stdout.strip()[-500:],
            "stderr": r.stderr.strip()[-2000:],
            "peak_rss_mb": r.peak_rss_mb,
            "peak_pss_mb": r.peak_pss_mb,
            "peak_one_rss_mb": r.peak_one_rss_mb,
        }
        for name, r in runs.items()
    }


def measure_reader(out: Path, repeat: int, env: dict) -> dict:
    result_file = out / "reader.json"
    result_file.unlink(missing_ok=True)
    run = procs.run_watched(
        ["-m", "bench.reader", "--out", str(result_file), "--repeat", str(repeat)], env
    )
    if not result_file.exists():
        return {"error": run.stderr[-2000:]}
    return json.loads(result_file.read_text("utf-8"))


def headline(days: int, raw: dict) -> dict:
    """The figures the issue asks for (None where a stage did not run)."""
    ing, floor_ = raw["ingest"], raw["floor"]
    ok = ing["full"]["returncode"] == 0
    mb = floor_["mb"]
    queries = raw.get("reader", {}).get("queries", {}).get("queries", [])
    bounded = [q["p95_ms"] for q in queries if not q["filters"].startswith("all")]
    pages = raw.get("reader", {}).get("pages", {}).get("pages", {})
    cli = raw["cli_startup_s"]
    return {
        "days": days,
        "corpus_mb": mb,
        "generate_s": raw["generate_s"],
        "floor_mb_per_s": floor_["mb_per_s"],
        "ingest_s": ing["full"]["seconds"] if ok else None,
        "ingest_mb_per_s": mb / ing["full"]["seconds"] if ok else None,
        "ingest_digests_per_s": days / ing["full"]["seconds"] if ok else None,
        "ingest_vs_floor": floor_["mb_per_s"] / (mb / ing["full"]["seconds"]) if ok else None,
        "ingest_peak_rss_mb": ing["full"]["peak_rss_mb"] if ok else None,
        "ingest_peak_pss_mb": ing["full"]["peak_pss_mb"] if ok else None,
        "reingest_unchanged_s": ing["unchanged"]["seconds"] if ok else None,
        "cli_startup_s": cli,
        "one_new_digest_wall_s": ing["one_new"]["seconds"] if ok else None,
        "one_new_digest_s": ing["one_new"]["seconds"] - cli if ok else None,
        "one_new_file_s": ing["one_file"]["seconds"] - cli if ok else None,
        "db_mb": raw.get("db_mb"),
        "query_p95_ms": max(bounded, default=None),
        "query_p95_all_ms": max((q["p95_ms"] for q in queries), default=None),
        "page_render_s": max((p["cold_s"] for p in pages.values()), default=None),
        "page_warm_s": max((p["warm_s"] for p in pages.values()), default=None),
        "startup_s": (raw.get("startup") or {}).get("page_s"),
        "baseline_mb_per_s": (raw.get("baseline") or {}).get("mb_per_s"),
        "baseline_full_s": (raw.get("baseline") or {}).get("extrapolated_full_s"),
    }


def run(args: argparse.Namespace) -> dict:
    out = (args.out or procs.ROOT / "bench" / "out" / f"{args.days}d").resolve()
    corpus, db_path = fresh_folder(out)
    env = {**os.environ, "DIGEST_DB": str(db_path), "PYTHONPATH": str(procs.ROOT)}
    raw: dict = {"load_before": os.getloadavg()}
    start = time.perf_counter()
    paths = demo.write_demo_corpus(corpus, args.days, args.end, args.seed)
    raw["generate_s"] = time.perf_counter() - start
    raw["floor"] = floor.measure_floor(paths)
    # Start-up = interpreter, imports and the one-off load of the matcher and jieba,
    # which the CLI pays before its first digest whatever the database size.
    raw["cli_startup_s"] = procs.startup_seconds(
        "import loaders.__main__; from loaders import ingest; "
        f"ingest.warm_up(ingest.load_config(__import__('pathlib').Path({str(DICTIONARY)!r})))"
    )
    raw["ingest"] = measure_ingests(corpus, db_path, args.end, args.seed, env)
    raw["db_mb"] = db_path.stat().st_size / 1e6 if db_path.exists() else None
    if "baseline" not in args.skip:
        raw["baseline"] = baseline.measure_baseline(paths, args.baseline_files)
    if "reader" not in args.skip:
        raw["reader"] = measure_reader(out, args.repeat, env)
    if "startup" not in args.skip:
        raw["startup"] = startup.measure_startup(env)
    figures = headline(args.days, raw)
    return {**figures, "targets": report.check_targets(figures), "machine": machine(), "raw": raw}


def git_state() -> dict:
    """The commit measured and whether code it runs had uncommitted edits."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=procs.ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    dirty = git("status", "--porcelain", "--", "loaders", "dashboard", "pages", "app.py", "data")
    return {"commit": git("rev-parse", "--short", "HEAD"), "dirty_files": len(dirty.splitlines())}


def machine() -> dict:
    import duckdb

    return {
        **git_state(),
        "load_average": os.getloadavg(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "platform": platform.platform(),
    }


def print_report(result: dict) -> None:
    print(report.format_table(result, result["targets"]))
    raw, m = result["raw"], result["machine"]
    print(
        f"\ncommit {m['commit']} ({m['dirty_files']} uncommitted files), {m['cpus']} CPUs, "
        f"load before {raw['load_before'][0]:.1f}, after {m['load_average'][0]:.1f}"
    )
    if max(raw["load_before"][0], m["load_average"][0]) > m["cpus"]:
        print("warning: the machine was busy with other work; timings are pessimistic")
    for name, run_ in raw["ingest"].items():
        if run_["returncode"] != 0:
            print(f"\ningest {name} failed ({run_['returncode']}):\n{run_['stderr']}")
    reader_ = raw.get("reader", {})
    if reader_.get("queries", {}).get("queries"):
        print("\n" + report.format_queries(reader_["queries"]["queries"]))
    for key in ("queries", "pages"):
        if isinstance(reader_.get(key), dict) and "error" in reader_[key]:
            print(f"\n{key} step skipped:\n{reader_[key]['error']}")
    for name, why in reader_.get("queries", {}).get("skipped", {}).items():
        print(f"query {name} not timed: {why}")
    if reader_.get("pages", {}).get("pages"):
        print("\n" + report.format_pages(reader_["pages"]["pages"]))
    if raw.get("baseline"):
        print(f"\nbaseline: {raw['baseline']['note']}")


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    result = run(args)
    print_report(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
