"""Turn the raw measurements into the headline figures, the target checks and a table."""

from __future__ import annotations

# key, label, unit, target test, target text (targets are for a 2-core machine).
TARGETS = (
    ("ingest_mb_per_s", "full ingest", "MB/s", lambda v, r: v >= 2, "≥ 2 MB/s"),
    ("ingest_vs_floor", "floor ÷ ingest", "×", lambda v, r: v <= 60, "≤ 60×"),
    ("reingest_unchanged_s", "re-ingest, unchanged", "s", lambda v, r: v < 5, "< 5 s (10 y)"),
    ("one_new_digest_s", "one new digest (after start-up)", "s", lambda v, r: v < 1, "< 1 s"),
    ("query_p95_ms", "worst query p95", "ms", lambda v, r: v < 100, "< 100 ms"),
    ("page_render_s", "worst page render (cold)", "s", lambda v, r: v < 1.5, "< 1.5 s"),
    ("ingest_peak_rss_mb", "ingest peak RSS (tree)", "MB", lambda v, r: v < 1500, "< 1.5 GB"),
    ("startup_s", "dashboard start-up (HTTP)", "s", lambda v, r: v < 3, "< 3 s"),
)
INFO = (
    ("days", "digests (days)", ""),
    ("corpus_mb", "corpus size", "MB"),
    ("generate_s", "corpus generation", "s"),
    ("floor_mb_per_s", "raw floor (read + regex split)", "MB/s"),
    ("ingest_s", "full ingest wall time", "s"),
    ("ingest_digests_per_s", "full ingest", "digests/s"),
    ("ingest_peak_pss_mb", "ingest peak PSS (tree)", "MB"),
    ("cli_startup_s", "CLI start-up (imports + jieba)", "s"),
    ("one_new_digest_wall_s", "one new digest, wall", "s"),
    ("one_new_file_s", "one new file given alone (after start-up)", "s"),
    ("db_mb", "database file", "MB"),
    ("query_p95_all_ms", "worst query p95, whole range", "ms"),
    ("page_warm_s", "worst page render (warm)", "s"),
    ("baseline_mb_per_s", "pandas + jieba.posseg baseline", "MB/s"),
    ("baseline_full_s", "baseline, extrapolated to corpus", "s"),
)


def check_targets(figures: dict) -> dict[str, bool | None]:
    """key -> met (None when the figure could not be measured)."""
    return {
        key: (None if figures.get(key) is None else bool(test(figures[key], figures)))
        for key, _, _, test, _ in TARGETS
    }


def _fmt(value) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:,.3f}" if value < 10 else f"{value:,.1f}"
    return str(value)


def format_table(figures: dict, targets: dict[str, bool | None]) -> str:
    """The headline figures as a fixed-width text table."""
    lines = [f"{'measure':<44} {'value':>12}  {'unit':<10} {'target':<14} met"]
    lines.append("-" * len(lines[0]))
    for key, label, unit, _, text in TARGETS:
        met = {True: "yes", False: "NO", None: "-"}[targets[key]]
        lines.append(f"{label:<44} {_fmt(figures.get(key)):>12}  {unit:<10} {text:<14} {met}")
    lines.append("")
    for key, label, unit in INFO:
        lines.append(f"{label:<44} {_fmt(figures.get(key)):>12}  {unit}")
    return "\n".join(lines)


def format_queries(queries: list[dict]) -> str:
    """One line per query and filter set, slowest first."""
    rows = sorted(queries, key=lambda q: -q["p95_ms"])
    lines = [f"{'query':<28} {'filters':<14} {'p50 ms':>8} {'p95 ms':>8}"]
    lines += [
        f"{q['query']:<28} {q['filters']:<14} {q['p50_ms']:>8.1f} {q['p95_ms']:>8.1f}" for q in rows
    ]
    return "\n".join(lines)


def format_pages(pages: dict) -> str:
    lines = [f"{'page':<14} {'cold s':>8} {'warm s':>8}  errors"]
    for name, p in pages.items():
        lines.append(f"{name:<14} {p['cold_s']:>8.3f} {p['warm_s']:>8.3f}  {len(p['errors'])}")
    return "\n".join(lines)
