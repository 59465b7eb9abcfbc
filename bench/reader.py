"""The read side, timed: every dashboard query and every page render.

Run as ``python -m bench.reader --out FILE`` with ``DIGEST_DB`` pointing at the
bench database (a separate process so the environment is set before import).
Query functions are discovered in ``dashboard.queries`` by introspection and
called unwrapped (``__wrapped__``), so Streamlit's cache never answers for them.
"""

from __future__ import annotations

import argparse
import inspect
import json
import math
import sys
import time
import traceback
from datetime import timedelta
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
GRAINS = ("day", "week", "month")
# Values for plain parameters a query may grow, by parameter name.
SCALARS = {
    "limit": 200,
    "n": 20,
    "top": 20,
    "top_n": 20,
    "k": 20,
    "text": "融资",
    "query": "融资",
    "q": "融资",
}


def percentile(values: list[float], pct: float) -> float:
    """The ``pct`` percentile by nearest rank.

    >>> percentile([1, 2, 3, 4, 100], 95), percentile([5.0], 50)
    (100, 5.0)
    """
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(pct / 100 * len(ordered)))) - 1]


SEARCH_QUERIES = ("search_articles", "search_export")


def discover(module: ModuleType) -> dict[str, object]:
    """Public functions defined in ``module`` (cached ones unwrapped)."""
    found = {}
    for name, obj in vars(module).items():
        func = getattr(obj, "__wrapped__", obj)
        if name.startswith("_") or not inspect.isfunction(func):
            continue
        if func.__module__ == module.__name__:
            found[name] = func
    return found


def query_modules() -> list[ModuleType]:
    """``dashboard.queries``, every ``dashboard/queries_*.py`` beside it, and the search."""
    import importlib

    names = sorted(p.stem for p in (ROOT / "dashboard").glob("queries*.py"))
    return [importlib.import_module(f"dashboard.{name}") for name in [*names, "search"]]


def picks(options: dict[str, list[str]]) -> dict[str, object]:
    """Values for selection parameters, taken from the most frequent options."""
    return {
        "company": options["companies"][0],
        "companies": tuple(options["companies"][:3]),
        "category": options["categories"][0],
        "categories": tuple(options["categories"][:3]),
        "outlet": options["outlets"][0],
        "outlets": tuple(options["outlets"][:3]),
        "metrics": (),
        # a search for the top company and a common word, as the search page builds it
        "alternatives": ((options["companies"][0],), ("融资",)),
    }


def filter_sets(queries: ModuleType, sql: ModuleType, version: str) -> dict[str, object]:
    """The dashboard's default filters, a narrow selection, and the whole range."""
    from dashboard import filters

    first, last = queries.date_bounds.__wrapped__(version)
    options = queries.filter_options.__wrapped__(version)
    start, end = filters.preset_dates(filters.DEFAULT_PRESET, first, last)
    narrow = sql.Filters(
        max(first, last - timedelta(days=29)),
        last,
        categories=tuple(options["categories"][:1]),
        companies=tuple(options["companies"][:1]),
    )
    return {"default": sql.Filters(start, end), "narrow": narrow, "all": sql.Filters(first, last)}


def call_plans(func, version: str, fsets: dict, values: dict) -> list[tuple[str, dict]] | str:
    """(label, kwargs) for every way to call ``func``, or why it cannot be called."""
    plans: list[tuple[str, dict]] = [("-", {})]
    values = {**SCALARS, **values}
    for p in inspect.signature(func).parameters.values():
        note = str(p.annotation)
        if p.name == "version":
            plans = [(label, {**kw, "version": version}) for label, kw in plans]
        elif "Filters" in note or p.name == "f":
            plans = [(fl, {**kw, p.name: f}) for label, kw in plans for fl, f in fsets.items()]
        elif p.name == "grain":
            plans = [(f"{label}/{g}", {**kw, "grain": g}) for label, kw in plans for g in GRAINS]
        elif p.name in values and p.default is inspect.Parameter.empty:
            plans = [(label, {**kw, p.name: values[p.name]}) for label, kw in plans]
        elif p.default is inspect.Parameter.empty:
            return f"no value known for parameter {p.name!r} ({note})"
    return plans


def time_call(func, kwargs: dict, repeat: int) -> list[float]:
    func(**kwargs)  # warm-up: first connection, DuckDB's plan caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func(**kwargs)
        times.append((time.perf_counter() - start) * 1000)
    return times


def measure_queries(repeat: int) -> dict:
    """p50/p95 in ms per query and filter set (the set is the label before any '/')."""
    from dashboard import db, queries, sql

    version = db.data_version()
    fsets = filter_sets(queries, sql, version)
    values = picks(queries.filter_options.__wrapped__(version))
    functions = {n: f for module in query_modules() for n, f in discover(module).items()}
    # the search module also holds SQL builders and helpers: time only what the page runs
    functions = {n: f for n, f in functions.items() if f.__module__ != "dashboard.search"
                 or n in SEARCH_QUERIES}  # fmt: skip
    results, skipped = [], {}
    for name, func in functions.items():
        plans = call_plans(func, version, fsets, values)
        if isinstance(plans, str):
            skipped[name] = plans
            continue
        for label, kwargs in plans:
            try:
                times = time_call(func, kwargs, repeat)
            except Exception as err:  # report and go on: one broken query must not hide the rest
                skipped[f"{name}[{label}]"] = f"error: {err!r}"[:300]
                continue
            results.append(
                {
                    "query": name,
                    "filters": label,
                    "p50_ms": percentile(times, 50),
                    "p95_ms": percentile(times, 95),
                    "max_ms": max(times),
                }
            )
    return {"queries": results, "skipped": skipped, "repeat": repeat}


def measure_pages() -> dict:
    """Seconds per page via AppTest: cold (caches cleared) and warm (rerun)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    pages = {}
    for page in sorted((ROOT / "pages").glob("*.py")):
        st.cache_data.clear()
        at.switch_page(f"pages/{page.name}")
        start = time.perf_counter()
        at.run()
        cold = time.perf_counter() - start
        start = time.perf_counter()
        at.run()
        warm = time.perf_counter() - start
        errors = [str(e.message)[:300] for e in at.exception]
        title = at.title[0].value if len(at.title) else None
        pages[page.stem] = {"cold_s": cold, "warm_s": warm, "errors": errors, "title": title}
    return {"first_run_s": first, "pages": pages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reader")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    report: dict = {}
    for key, step in (("queries", lambda: measure_queries(args.repeat)), ("pages", measure_pages)):
        try:
            report[key] = step()
        except Exception:
            report[key] = {"error": traceback.format_exc()[-2000:]}
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
