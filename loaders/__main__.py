"""Command line: ``python -m loaders ingest PATH [PATH ...] [--db FILE]``.

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


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if args.command == "ingest":
        return run_ingest(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
