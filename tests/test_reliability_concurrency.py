"""Ingest while serving, and ingests killed at random moments.

A seed database holds one sudi digest (the *old* state); an ingest of the whole
shared corpus moves it to the *new* state. Whatever happens meanwhile, a reader
sees the old totals or the new ones, never anything in between, and never goes
back once it has seen the new ones.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import db as dash_db
from loaders import db as store
from loaders.ingest import ingest_paths
from tests.conftest import SHARED_CORPUS, corpus_dir

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))
_RANDOM = random.Random(20251220)  # fixed: the same moments on every run
KILL_DELAYS = sorted(round(_RANDOM.uniform(0.2, 3.0), 2) for _ in range(5))
COUNT_SQL = "select (select count(*) from digests), (select count(*) from articles)"


def count(con) -> tuple[int, int]:
    return tuple(con.execute(COUNT_SQL).fetchone())


def snapshot_count(snapshot: Path) -> tuple[int, int]:
    con = store.connect_read(snapshot)
    try:
        return count(con)
    finally:
        con.close()


def dashboard_count() -> tuple[int, int]:
    cur = dash_db.cursor()
    try:
        return count(cur)
    finally:
        cur.close()


@pytest.fixture(scope="module")
def states(tmp_path_factory) -> dict:
    """The seed database (old state) and the totals of old and new state."""
    for name in ("sudi", "ai-insights", "ai-daily-harvest"):
        corpus_dir(name)
    folder = tmp_path_factory.mktemp("states")
    seed = folder / "seed" / "digests.duckdb"
    ingest_paths([SHARED_CORPUS / "sudi"], seed)
    reference = folder / "reference" / "digests.duckdb"
    ingest_paths([SHARED_CORPUS], reference)
    old = snapshot_count(store.current_snapshot(seed))
    new = snapshot_count(store.current_snapshot(reference))
    assert old[1] < new[1]
    return {"seed": seed, "old": old, "new": new}


def copy_db(seed: Path, folder: Path) -> Path:
    """The master, its pointer and snapshots, copied with their mtimes (pointer stays fresh)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in seed.parent.iterdir():
        if path.is_dir():
            shutil.copytree(path, folder / path.name, copy_function=shutil.copy2)
        else:
            shutil.copy2(path, folder / path.name)
    return folder / seed.name


def start_ingest(db_path: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DIGEST_DB", None)
    return subprocess.Popen(
        [sys.executable, "-m", "loaders", "ingest", str(SHARED_CORPUS), "--db", str(db_path)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch):
    def point_at(db_path: Path) -> None:
        monkeypatch.setenv("DIGEST_DB", str(db_path))
        monkeypatch.delenv("DIGEST_DIR", raising=False)

    return point_at


def test_pages_and_readers_during_an_ingest(states: dict, tmp_path: Path, serve) -> None:
    db_path = copy_db(states["seed"], tmp_path / "live")
    serve(db_path)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    stop = threading.Event()
    seen: list[list[tuple[int, int]]] = [[] for _ in range(3)]
    errors: list[BaseException] = []

    def reader(out: list) -> None:
        while not stop.is_set():
            try:
                out.append(dashboard_count())
            except BaseException as err:  # noqa: BLE001 - collected and asserted below
                errors.append(err)
                return

    threads = [threading.Thread(target=reader, args=(s,), daemon=True) for s in seen]
    for t in threads:
        t.start()
    proc = start_ingest(db_path)
    renders, rounds_after = 0, 0
    deadline = time.monotonic() + 180
    try:
        while rounds_after < 2 and time.monotonic() < deadline:
            done = proc.poll() is not None
            for page in PAGES:
                at.switch_page(page).run()
                assert not at.exception, (page, [e.value for e in at.exception])
                renders += 1
            rounds_after += done
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)
        if proc.poll() is None:
            proc.kill()
    assert proc.wait() == 0, proc.stderr.read().decode()
    assert not errors, errors
    assert renders >= 2 * len(PAGES)
    allowed = {states["old"], states["new"]}
    for observed in seen:
        assert observed and set(observed) <= allowed, set(observed) - allowed
        assert observed == sorted(observed)  # old, then new: never back, never between
        assert observed[0] == states["old"] and observed[-1] == states["new"]


def test_a_reader_never_waits_for_the_writer(states: dict, tmp_path: Path) -> None:
    db_path = copy_db(states["seed"], tmp_path / "locked")
    served = store.current_snapshot(db_path)
    result: list[Path | None] = []
    with store.write_lock(db_path):
        os.utime(db_path)  # the writer has touched the master: the pointer is stale
        reader = threading.Thread(target=lambda: result.append(store.current_snapshot(db_path)))
        reader.start()
        reader.join(timeout=30)
        finished = not reader.is_alive()
    reader.join()
    assert finished, "current_snapshot() waited for the writer's lock"
    assert result == [served]
    fresh = store.current_snapshot(db_path)  # lock free: the changed master is published
    assert fresh != served and snapshot_count(fresh) == states["old"]


@pytest.mark.parametrize("delay", KILL_DELAYS)
def test_killed_ingest_leaves_old_or_new_state(
    states: dict, tmp_path: Path, serve, delay: float
) -> None:
    db_path = copy_db(states["seed"], tmp_path / "crash")
    allowed = {states["old"], states["new"]}
    proc = start_ingest(db_path)
    time.sleep(delay)
    workers = psutil.Process(proc.pid).children(recursive=True) if proc.poll() is None else []
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _, alive = psutil.wait_procs(workers, timeout=15)
    for orphan in alive:
        orphan.kill()
    assert not alive, "ingest workers outlived the killed ingest (they hold its lock)"

    pointer = store.read_pointer(db_path)
    snapshot = store.snapshot_dir(db_path) / pointer["snapshot"]
    assert snapshot.is_file() and snapshot_count(snapshot) in allowed
    serve(db_path)
    assert dashboard_count() in allowed
    con = store.connect_write(db_path)  # the master itself recovers to a whole state
    try:
        assert count(con) in allowed
    finally:
        con.close()

    summary = ingest_paths([SHARED_CORPUS], db_path)
    assert summary.errors == 0
    assert snapshot_count(store.current_snapshot(db_path)) == states["new"]
    assert dashboard_count() == states["new"]
