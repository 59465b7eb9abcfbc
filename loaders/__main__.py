"""Command line: ``python -m loaders ingest PATH [PATH ...] [--db FILE]``.

``python -m loaders weekly [--week 2025-W52] [--db FILE] --out FILE.md|FILE.html``
writes the weekly summary (for scheduled runs, e.g. from cron every Monday).

Exit status 0 when the run completed (even if some files had problems, which
are recorded in ``ingest_issues``), 2 for bad arguments, 1 when it could not run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders import db, ingest


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m loaders", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("ingest", help="load digest files or folders into the database")
    load.add_argument("paths", nargs="+", type=Path, help="digest files or folders (recursive)")
    load.add_argument("--db", type=Path, help="database file (default: $DIGEST_DB or data/)")
    load.add_argument("--companies", type=Path, help="company dictionary CSV to use")
    load.add_argument("--quiet", action="store_true", help="no progress bar")
    week = commands.add_parser("weekly", help="write the weekly summary as Markdown or HTML")
    week.add_argument("--week", help="ISO week like 2025-W52 (default: last complete week)")
    week.add_argument("--db", type=Path, help="database file (default: $DIGEST_DB or data/)")
    week.add_argument("--out", type=Path, required=True, help="output file: .md or .html")
    return parser


def terminal_progress(done: int, total: int, label: str) -> None:
    """A one-line progress bar on stderr."""
    width = 30
    filled = width * done // max(total, 1)
    bar = "#" * filled + "-" * (width - filled)
    end = "\n" if done >= total else ""
    sys.stderr.write(f"\r[{bar}] {done}/{total} {label[:40]:<40}{end}")
    sys.stderr.flush()


def run_ingest(args: argparse.Namespace) -> int:
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    db_path = args.db or db.default_db_path()
    show = sys.stderr.isatty() and not args.quiet
    try:
        summary = ingest.ingest_paths(
            args.paths, db_path, terminal_progress if show else None, args.companies
        )
    except (OSError, ValueError, RuntimeError) as err:
        print(f"error: ingest into {db_path} failed, database unchanged: {err}", file=sys.stderr)
        return 1
    except Exception as err:  # duckdb.Error and friends: report, do not trace
        print(f"error: ingest into {db_path} failed, database unchanged: {err}", file=sys.stderr)
        return 1
    print(summary.line())
    return 0


# Output suffix -> (module in dashboard/, renderer).
WEEKLY_FORMATS = {".md": ("weekly_render", "render_markdown"),
                  ".markdown": ("weekly_render", "render_markdown"),
                  ".html": ("weekly_html", "render_html"),
                  ".htm": ("weekly_html", "render_html")}  # fmt: skip


def run_weekly(args: argparse.Namespace) -> int:
    import importlib

    from dashboard import weekly

    try:
        week = weekly.parse_week(args.week) if args.week else None
    except ValueError as err:
        print(f"error: --week: {err}", file=sys.stderr)
        return 2
    render = WEEKLY_FORMATS.get(args.out.suffix.lower())
    if render is None:
        print(f"error: --out must end in .md or .html: {args.out}", file=sys.stderr)
        return 2
    db_path = args.db or db.default_db_path()
    snapshot = db.current_snapshot(db_path)
    if snapshot is None:
        print(f"error: no database at {db_path}", file=sys.stderr)
        return 1
    con = db.connect_read(snapshot)
    try:
        summary = weekly.make_summary(con, week or weekly.default_week(con))
    finally:
        con.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    module, function = render
    renderer = getattr(importlib.import_module(f"dashboard.{module}"), function)
    args.out.write_text(renderer(summary), encoding="utf-8")
    print(f"{summary.week}: {summary.counts.digests} digests -> {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if args.command == "ingest":
        return run_ingest(args)
    if args.command == "weekly":
        return run_weekly(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
