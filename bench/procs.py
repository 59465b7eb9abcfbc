"""Run a child process and watch it: wall time and peak memory of its whole process tree."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
# RSS is cheap to read (/proc/<pid>/statm) and is polled often. PSS walks every page
# (smaps_rollup): polled that often it took a good share of a core from the run it
# watched (a 10-year ingest took 27 s watched, 23 s alone), so it is read less often.
POLL_S = 0.05
PSS_EVERY = 10


@dataclass(frozen=True)
class Watched:
    """What one watched child did: ``peak_rss_mb`` sums the tree, ``peak_pss_mb`` shares pages fairly."""

    seconds: float
    returncode: int
    stdout: str
    stderr: str
    peak_rss_mb: float
    peak_pss_mb: float
    peak_one_rss_mb: float


def _tree_memory(proc: psutil.Process, with_pss: bool) -> tuple[float, float, float]:
    rss = pss = one = 0.0
    try:
        members = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return rss, pss, one
    for member in members:
        try:
            info = member.memory_full_info() if with_pss else member.memory_info()
        except psutil.Error:
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss) if with_pss else 0.0
        one = max(one, info.rss)
    return rss / 1e6, pss / 1e6, one / 1e6


def run_watched(args: list[str], env: dict | None = None, timeout: float = 3600) -> Watched:
    """Run ``python args…`` from the repo root, polling its tree's memory until it exits."""
    peak = [0.0, 0.0, 0.0]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, stdout=out, stderr=err)
        watched = psutil.Process(child.pid)
        polls = 0
        while child.poll() is None:
            sample = _tree_memory(watched, with_pss=polls % PSS_EVERY == 0)
            peak = [max(a, b) for a, b in zip(peak, sample, strict=True)]
            polls += 1
            if time.perf_counter() - start > timeout:
                child.kill()
            time.sleep(POLL_S)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    return Watched(seconds, child.returncode, stdout, stderr, *peak)


def startup_seconds(code: str, repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs of ``python -c code`` (interpreter, imports, warm-up)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
        best = min(best, time.perf_counter() - start)
    return best
