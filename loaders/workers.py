"""Parsing and extraction for the ingest, on a process pool when a run is big enough.

Pure work on text (no database): each worker builds the company matcher and jieba
once, then parses files and makes their rows. Workers die with the ingest that
started them, so a killed ingest never leaves a process holding its lock.
"""

from __future__ import annotations

import ctypes
import os
import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from loaders import extract
from loaders.formats import pick_format
from loaders.models import Digest

WORKERS = max(1, min(os.cpu_count() or 1, 4))
REEXTRACT_CHUNK = 2000
PR_SET_PDEATHSIG = 1


def parse_text(text: str, name: str) -> Digest | None:
    """Parse with the best-fitting format, or None when no format fits."""
    fmt = pick_format(text, name)
    return fmt.parse(text, name) if fmt else None


_WORKER_CONFIG: extract.Config | None = None


def _init_worker(config: extract.Config, parent_pid: int) -> None:
    global _WORKER_CONFIG
    _WORKER_CONFIG = config
    _die_with_parent(parent_pid)


def _die_with_parent(parent_pid: int) -> None:
    """A forked worker holds the ingest's lock file open: it must not outlive a killed ingest.

    Otherwise a SIGKILLed (or OOM-killed) ingest leaves orphan workers that keep
    the write lock, and every later ingest waits for them forever.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: nothing to set
        return
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def _work(job: tuple[str, str, str]) -> tuple[Digest | None, extract.Rows | None]:
    path, sha, text = job
    return parse_and_extract(text, path, sha, _WORKER_CONFIG)


def parse_and_extract(text: str, path: str, sha: str, config: extract.Config):
    """Parse one file's text and, when it is a loadable digest, make its rows."""
    digest = parse_text(text, path)
    if not (digest and digest.digest_date and digest.articles):
        return digest, None
    return digest, extract.make_rows(digest, path, sha, config)


def _reextract_chunk(chunk: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    return extract.reextract(chunk, _WORKER_CONFIG)


class Workers:
    """Parsing and extraction, on a process pool when the run is big enough to pay for it."""

    def __init__(self, config: extract.Config, parallel: bool) -> None:
        self.config = config
        self.pool = None
        if parallel and WORKERS > 1:
            self.pool = ProcessPoolExecutor(
                WORKERS, initializer=_init_worker, initargs=(config, os.getpid())
            )

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        if self.pool:
            self.pool.shutdown(cancel_futures=True)

    def parse(self, candidates: list) -> Iterator[tuple]:
        """(candidate, digest, rows) per candidate; on the pool, work starts right away."""
        if not self.pool or len(candidates) < 2:
            return ((c, *parse_and_extract(c.text, c.path, c.sha, self.config)) for c in candidates)
        jobs = [(c.path, c.sha, c.text) for c in candidates]
        results = self.pool.map(_work, jobs, chunksize=4)
        return ((c, *r) for c, r in zip(candidates, results, strict=True))

    def reextract(self, stored: list[tuple]) -> tuple[list[tuple], list[tuple]]:
        if not self.pool:
            return extract.reextract(stored, self.config)
        chunks = [stored[i : i + REEXTRACT_CHUNK] for i in range(0, len(stored), REEXTRACT_CHUNK)]
        mentions: list[tuple] = []
        figures_: list[tuple] = []
        for m, f in self.pool.map(_reextract_chunk, chunks):
            mentions += m
            figures_ += f
        return mentions, figures_
