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
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
SCHEMA = Path(__file__).with_name("schema.sql")
KEEP_SNAPSHOTS = 3


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
def write_lock(db_path: Path) -> Iterator[None]:
    """Hold the exclusive writer lock (other ingests wait; readers are unaffected)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path(db_path), "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def connect_write(db_path: Path) -> duckdb.DuckDBPyConnection:
    """Open the master read-write and make sure the schema exists."""
    con = duckdb.connect(str(db_path))
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
    with write_lock(db_path):
        pointer = read_pointer(db_path)
        if pointer and _pointer_fresh(db_path, pointer):
            return snapshot_dir(db_path) / pointer["snapshot"]
        return publish_snapshot(db_path)


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
