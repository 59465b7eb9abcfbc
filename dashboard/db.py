"""Read-side connections: one read-only connection per published snapshot, a cursor per caller.

The dashboard never opens the master database (so an ingest can always write
it); it reads the newest snapshot that ``loaders.db`` publishes after each
ingest. ``data_version()`` is the snapshot's name: cheap to read on every
rerun, and it changes exactly when new data lands.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb

from loaders import db as store
from loaders import ingest

DEMO_DAYS = 180
KEEP_CONNECTIONS = 3
_lock = threading.Lock()
_connections: OrderedDict[str, duckdb.DuckDBPyConnection] = OrderedDict()


@dataclass(frozen=True)
class Settings:
    """Where the data lives and whether it is the generated demo."""

    db_path: Path
    digest_dir: Path | None
    is_demo: bool


def digest_dir() -> Path:
    """``$DIGEST_DIR``, else ``data/digests`` (where uploads and re-scans look)."""
    return Path(os.environ.get("DIGEST_DIR") or store.DATA_DIR / "digests")


def ensure_database() -> Settings:
    """Serve the existing database as it is, or build one on first start.

    With ``$DIGEST_DIR`` pointing at a folder of digests, the first start ingests
    it; otherwise it generates the demo corpus (fictional companies and outlets)
    and ingests that with the demo-only company dictionary.
    """
    db_path = store.default_db_path()
    folder = digest_dir()
    if not db_path.exists():
        with _lock:
            if not db_path.exists():
                _build(db_path, folder)
    return Settings(db_path, folder, is_demo(db_path))


def _build(db_path: Path, folder: Path) -> None:
    if os.environ.get("DIGEST_DIR") and folder.is_dir():
        ingest.ingest_paths([folder], db_path)
        return
    from loaders import demo

    corpus = store.DATA_DIR / "demo_corpus"
    demo.write_demo_corpus(corpus, days=DEMO_DAYS)
    ingest.ingest_paths([corpus], db_path, demo=True)


def snapshot_path(db_path: Path | None = None) -> Path | None:
    return store.current_snapshot(db_path or store.default_db_path())


def data_version() -> str:
    """Changes when a new ingest lands; pass it to every cached query."""
    snapshot = snapshot_path()
    return snapshot.name if snapshot else "empty"


def _connection(snapshot: Path) -> duckdb.DuckDBPyConnection:
    key = str(snapshot)
    with _lock:
        con = _connections.get(key)
        if con is None:
            con = store.connect_read(snapshot)
            _connections[key] = con
            while len(_connections) > KEEP_CONNECTIONS:
                _connections.popitem(last=False)  # dropped, not closed: a reader may hold it
        return con


def cursor() -> duckdb.DuckDBPyConnection:
    """A fresh cursor on the newest snapshot; read results fully before returning."""
    snapshot = snapshot_path()
    if snapshot is None:
        raise FileNotFoundError(f"no database at {store.default_db_path()}")
    return _connection(snapshot).cursor()


def is_demo(db_path: Path | None = None) -> bool:
    """True when the database was built from the generated demo corpus."""
    snapshot = snapshot_path(db_path)
    return snapshot is not None and _snapshot_is_demo(snapshot)


@lru_cache(maxsize=KEEP_CONNECTIONS)
def _snapshot_is_demo(snapshot: Path) -> bool:
    """Asked by every download button; a snapshot never changes, so asked once each."""
    return store.read_meta(_connection(snapshot).cursor(), "mode") == "demo"
