"""The only owner of the schema, of writing, and of the read-only snapshots.

Design for ingest-while-serving (DuckDB allows one writer process or many
readers, never both): the ingest writes the *master* file (``DIGEST_DB``) under
an exclusive file lock, in one transaction. After it commits, it copies the
master to a new snapshot file with a new name under ``<db>.snapshots/`` and
atomically repoints ``<db>.current`` at it. The dashboard only ever opens
snapshots, read-only, so it never holds a lock on the master; a new snapshot
path per version sidesteps DuckDB's per-path instance cache.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
SCHEMA = Path(__file__).with_name("schema.sql")
KEEP_SNAPSHOTS = 3
# DuckDB's default is 80% of RAM; a large ingest spills to disk instead (peak-memory target).
WRITE_MEMORY_LIMIT = os.environ.get("DIGEST_INGEST_MEMORY", "512MB")


def default_db_path() -> Path:
    """``$DIGEST_DB`` if set, else ``data/digests.duckdb``."""
    return Path(os.environ.get("DIGEST_DB") or DATA_DIR / "digests.duckdb")


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def pointer_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".current")


def snapshot_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".snapshots")


@contextlib.contextmanager
def write_lock(db_path: Path, wait: bool = True) -> Iterator[bool]:
    """Hold the exclusive writer lock (other ingests wait; readers are unaffected).

    With ``wait=False`` it yields False at once when another process holds it.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path(db_path), "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def connect_write(db_path: Path) -> duckdb.DuckDBPyConnection:
    """Open the master read-write and make sure the schema exists."""
    con = duckdb.connect(str(db_path), config={"memory_limit": WRITE_MEMORY_LIMIT})
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    return con


def publish_snapshot(db_path: Path) -> Path:
    """Copy the (closed, checkpointed) master to a new snapshot and point at it.

    Call with the write lock held and no open write connection.
    """
    folder = snapshot_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{int(time.time() * 1000)}-{uuid.uuid4().hex[:8]}.duckdb"
    tmp = folder / (name + ".tmp")
    shutil.copyfile(db_path, tmp)
    os.replace(tmp, folder / name)
    _write_pointer(db_path, name)
    _prune_snapshots(folder, keep=name)
    return folder / name


def _write_pointer(db_path: Path, name: str) -> None:
    stat = db_path.stat()
    record = {"snapshot": name, "master_mtime_ns": stat.st_mtime_ns, "master_size": stat.st_size}
    tmp = pointer_path(db_path).with_suffix(".tmp")
    tmp.write_text(json.dumps(record), encoding="utf-8")
    os.replace(tmp, pointer_path(db_path))


def _prune_snapshots(folder: Path, keep: str) -> None:
    """Remove all but the newest few snapshots (open readers keep their inode)."""
    snaps = sorted(folder.glob("*.duckdb"), key=lambda p: p.name, reverse=True)
    for old in snaps[KEEP_SNAPSHOTS:]:
        if old.name != keep:
            old.unlink(missing_ok=True)
    for stale in folder.glob("*.tmp"):
        if time.time() - stale.stat().st_mtime > 3600:
            stale.unlink(missing_ok=True)


def read_pointer(db_path: Path) -> dict | None:
    try:
        return json.loads(pointer_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def current_snapshot(db_path: Path) -> Path | None:
    """The snapshot to read, publishing one first if the master changed behind our back.

    The master can change without a new snapshot when it was built elsewhere or
    edited by hand; a stat call tells, so this stays cheap on every rerun.
    """
    if not db_path.exists():
        return None
    pointer = read_pointer(db_path)
    if pointer and _pointer_fresh(db_path, pointer):
        return snapshot_dir(db_path) / pointer["snapshot"]
    served = _published(db_path, pointer)
    # A reader never waits for an ingest (it can run for minutes): while the
    # writer holds the lock, keep serving the last published snapshot.
    with write_lock(db_path, wait=served is None) as locked:
        if not locked:
            return served
        pointer = read_pointer(db_path)
        if pointer and _pointer_fresh(db_path, pointer):
            return snapshot_dir(db_path) / pointer["snapshot"]
        if served and db_path.with_name(db_path.name + ".wal").exists():
            # Committed changes still in the log (a killed ingest): a copy of the file
            # alone would miss them; keep the old snapshot until the next ingest.
            return served
        return publish_snapshot(db_path)


def _published(db_path: Path, pointer: dict | None) -> Path | None:
    """The snapshot the pointer names, when it is still there."""
    snap = snapshot_dir(db_path) / str(pointer.get("snapshot")) if pointer else None
    return snap if snap is not None and snap.is_file() else None


def _pointer_fresh(db_path: Path, pointer: dict) -> bool:
    stat = db_path.stat()
    snap = snapshot_dir(db_path) / str(pointer.get("snapshot"))
    return (
        pointer.get("master_mtime_ns") == stat.st_mtime_ns
        and pointer.get("master_size") == stat.st_size
        and snap.exists()
    )


def connect_read(snapshot: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to one snapshot file."""
    return duckdb.connect(str(snapshot), read_only=True)


# --- writing (always inside the ingest's one transaction) -------------------------

TABLE_COLUMNS = {
    "digests": "digest_id, feed, digest_date, source_path, content_sha256, title, "
    "n_features, n_briefs",
    "articles": "article_id, digest_id, digest_date, feed, kind, position, title, category, "
    "insight, body, url, score, line",
    "article_sources": "article_id, position, outlet, url",
    "mentions": "article_id, company, alias, n, in_dictionary",
    "figures": "figure_id, article_id, digest_date, company, metric, value, value_high, "
    "currency, unit, value_usd, qualifier, period, span, sentence",
    "ingest_issues": "source_path, severity, line, message, ingest_id",
    "source_files": "source_path, content_sha256, status, digest_id, size_bytes, ingest_id, "
    "file_size, file_mtime_ns",
    "companies": "company, alias, kind, parent",
}


def run_with_rows(
    con: duckdb.DuckDBPyConnection, columns: list[str], rows: list[tuple], sql: str
) -> None:
    """Run ``sql`` with the tuples ``rows`` visible as the table ``_rows(columns…)``.

    The tuples go to DuckDB as one Arrow table, the fast path for bulk writes.
    """
    if not rows:
        return
    import pyarrow as pa

    by_column = zip(columns, zip(*rows, strict=True), strict=True)
    con.register("_rows", pa.table({name: list(values) for name, values in by_column}))
    try:
        con.execute(sql)
    finally:
        con.unregister("_rows")


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    """Bulk-insert tuples in the column order of ``TABLE_COLUMNS[table]``."""
    columns = [c.strip() for c in TABLE_COLUMNS[table].split(",")]
    sql = f"insert into {table} ({TABLE_COLUMNS[table]}) select * from _rows"
    run_with_rows(con, columns, rows, sql)


def delete_digests(con: duckdb.DuckDBPyConnection, digest_ids: list[str]) -> None:
    """Remove digests and every row that hangs off their articles."""
    if not digest_ids:
        return
    con.execute("create or replace temp table _gone as select unnest(?::varchar[]) as digest_id",
                [digest_ids])  # fmt: skip
    for table in ("figures", "mentions", "article_sources"):
        con.execute(
            f"""delete from {table}
            where article_id in (
                select article_id from articles where digest_id in (select digest_id from _gone))"""
        )
    con.execute("delete from articles where digest_id in (select digest_id from _gone)")
    con.execute("delete from digests where digest_id in (select digest_id from _gone)")


def delete_by_path(con: duckdb.DuckDBPyConnection, table: str, paths: list[str]) -> None:
    """Forget what earlier runs recorded for files read again in this run."""
    if paths:
        assert table in ("source_files", "ingest_issues")
        con.execute(
            f"delete from {table} where source_path in (select unnest(?::varchar[]))", [paths]
        )


def mark_replaced(con: duckdb.DuckDBPyConnection, paths: list[str]) -> None:
    """Files whose digest a later file for the same feed and day replaced."""
    if paths:
        con.execute(
            "update source_files set status = 'replaced' "
            "where status = 'loaded' and source_path in (select unnest(?::varchar[]))",
            [paths],
        )


def start_run(con: duckdb.DuckDBPyConnection, dictionary_sha: str) -> int:
    ingest_id = first_row(con, "select nextval('ingest_id_seq')")[0]
    con.execute(
        "insert into ingest_runs (ingest_id, started_at, dictionary_sha) values (?, ?, ?)",
        [ingest_id, datetime.now(), dictionary_sha],
    )
    return ingest_id


def finish_run(con: duckdb.DuckDBPyConnection, ingest_id: int, counts: dict[str, int]) -> None:
    con.execute(
        """update ingest_runs
        set finished_at = $now, files_read = $files_read,
            files_skipped = $skipped, digests = $digests, articles = $articles,
            problems = $problems
        where ingest_id = $ingest_id""",
        {**counts, "ingest_id": ingest_id, "now": datetime.now()},
    )


def last_dictionary_sha(con: duckdb.DuckDBPyConnection) -> str | None:
    row = first_row(
        con,
        "select dictionary_sha from ingest_runs where finished_at is not null "
        "order by ingest_id desc limit 1",
    )
    return row[0] if row else None


def first_row(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    """The first row or None, with the result read to the end.

    DuckDB refuses to register a table on a connection with an unfinished result,
    so a lone ``fetchone()`` would break the next bulk insert.
    """
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def update_story_ids(con: duckdb.DuckDBPyConnection, pairs: list[tuple[str, str]]) -> None:
    """Set ``articles.story_id`` from (article_id, story_id) pairs."""
    run_with_rows(
        con,
        ["article_id", "story_id"],
        pairs,
        """update articles set story_id = s.story_id
        from _rows s
        where articles.article_id = s.article_id""",
    )


def read_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """A value from ``db_meta`` (None when unset)."""
    row = first_row(con, "select value from db_meta where key = ?", [key])
    return row[0] if row else None


def restamp_files(con: duckdb.DuckDBPyConnection, stamps: list[tuple[str, int, int]]) -> None:
    """Record new (size, mtime) for files that were touched but whose text is unchanged."""
    run_with_rows(
        con,
        ["source_path", "file_size", "file_mtime_ns"],
        stamps,
        """update source_files set file_size = s.file_size, file_mtime_ns = s.file_mtime_ns
        from _rows s
        where source_files.source_path = s.source_path""",
    )
