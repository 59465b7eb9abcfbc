"""Read digest files and load them into the database: incremental, idempotent, atomic.

A file is identified by the hash of its normalised text, a digest by
``<feed>:<date>``. Unchanged files are skipped, a byte-identical copy under
another name is recorded as a duplicate, and a changed file (or a new file for
the same feed and date) replaces the earlier digest. Everything a run writes
happens in one transaction; a new read-only snapshot is published after it.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from loaders import db, extract, stories
from loaders.decode import content_sha256, decode_bytes
from loaders.models import ERROR, WARNING, Problem
from loaders.workers import Workers, parse_and_extract, parse_text  # noqa: F401 (public here)

DATA_DIR = db.DATA_DIR
DIGEST_SUFFIXES = (".md", ".markdown", ".txt")
BATCH_FILES = 256
DEMO_DICTIONARY = DATA_DIR / "demo_companies.csv"
REEXTRACT_DIGESTS = 500
NO_FORMAT = "not a digest in any known format (no 分类/来源 sections, no known layout)"
COUNTED = ("skipped", "digests", "articles", "problems")
TABLES = (
    ("digests", "digests"),
    ("articles", "articles"),
    ("article_sources", "sources"),
    ("mentions", "mentions"),
    ("figures", "figures"),
)
MAX_FILE_BYTES = int(os.environ.get("DIGEST_MAX_FILE_MB", "20")) * 1024 * 1024
PARALLEL_MIN_FILES = 16
NOT_REGULAR = "not a regular file (a pipe, device or socket), not read"
Progress = Callable[[int, int, str], None]


@dataclass
class Summary:
    """What one ingest run did (printed by the CLI, shown on the Data page)."""

    files_read: int = 0
    skipped: int = 0
    digests: int = 0
    articles: int = 0
    problems: int = 0
    errors: int = 0
    ingest_id: int | None = None
    db_path: str = ""

    def line(self) -> str:
        return (
            f"{self.files_read} files read, {self.skipped} skipped as unchanged, "
            f"{self.digests} digests and {self.articles} articles loaded, "
            f"{self.problems} problems ({self.errors} errors) -> {self.db_path}"
        )


@dataclass
class _Candidate:
    path: str
    sha: str
    text: str | None
    problems: list[Problem] = field(default_factory=list)
    stamp: tuple[int, int] | None = None  # (size, mtime_ns) of the file as read


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files to read: given files as they are, folders searched recursively for digests."""
    found: set[Path] = set()
    for path in (p.resolve() for p in paths):
        if path.is_dir():
            found.update(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DIGEST_SUFFIXES
            )
        else:
            found.add(path)
    return sorted(found)


def ingest_paths(
    paths: Sequence[Path | str],
    db_path: Path | str | None = None,
    progress: Progress | None = None,
    dictionary_path: Path | None = None,
    demo: bool = False,
) -> Summary:
    """Ingest files and folders into the database at ``db_path`` and publish a snapshot.

    ``demo`` marks the database as built from the generated demo corpus; a demo
    database keeps using the demo dictionary unless ``dictionary_path`` is given.
    """
    db_file = Path(db_path) if db_path else db.default_db_path()
    files = collect_files(Path(p) for p in paths)
    with db.write_lock(db_file):
        con = db.connect_write(db_file)
        try:
            if dictionary_path is None and (demo or db.read_meta(con, "mode") == "demo"):
                dictionary_path = DEMO_DICTIONARY
            config = load_config(dictionary_path)
            con.execute("begin transaction")
            try:
                summary = _Run(con, config, progress).run(files)
                if demo:
                    con.execute("insert or replace into db_meta values ('mode', 'demo')")
                con.execute("commit")
            except BaseException:
                con.execute("rollback")
                raise
            con.execute("checkpoint")
        finally:
            con.close()
        db.publish_snapshot(db_file)
    summary.db_path = str(db_file)
    return summary


def load_config(dictionary_path: Path | None = None) -> extract.Config:
    """Read the company dictionary and FX table that extraction uses."""
    path = dictionary_path or Path(os.environ.get("DIGEST_COMPANIES") or DATA_DIR / "companies.csv")
    dictionary = path.read_text(encoding="utf-8-sig")
    fx = (DATA_DIR / "fx.csv").read_text(encoding="utf-8-sig")
    rejects_file = path.with_name("company_rejects.csv")
    rejects = rejects_file.read_text(encoding="utf-8-sig") if rejects_file.exists() else ""
    parts = (dictionary, fx, rejects, extract.rules_version())
    sha = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
    return extract.Config(dictionary, fx, sha, rejects)


def warm_up(config: extract.Config) -> None:
    """Load what extraction needs once per process: the matcher, jieba, the POS table.

    Done lazily on first use otherwise; the dashboard and the CLI's one-new-digest
    path call it at start-up so the first digest does not pay for it.
    """
    import pyarrow  # noqa: F401  (bulk inserts; importing it costs ~0.3 s once)

    extract.warm_up(config)


class _Run:
    """One ingest run inside an open transaction."""

    def __init__(self, con, config: extract.Config, progress: Progress | None) -> None:
        self.con, self.config, self.progress = con, config, progress
        self.summary = Summary()
        self.ingest_id = db.start_run(con, config.dictionary_sha)
        self.known_files = {
            path: (sha, (size, mtime) if size is not None else None)
            for path, sha, size, mtime in con.execute(
                "select source_path, content_sha256, file_size, file_mtime_ns from source_files"
            ).fetchall()
        }
        self.known_shas = dict(
            con.execute("select content_sha256, source_path from digests").fetchall()
        )
        self.digest_paths = dict(
            con.execute("select digest_id, source_path from digests").fetchall()
        )
        self.path_digest = {path: did for did, path in self.digest_paths.items()}
        self.loaded_now: set[str] = set()
        self.replaced_paths: list[str] = []  # files whose digest a later file replaced
        self.restamped: list[tuple[str, int, int]] = []
        self.new_dates: set = set()

    def run(self, files: list[Path]) -> Summary:
        self.summary.files_read = len(files)
        dictionary_changed = db.last_dictionary_sha(self.con) != self.config.dictionary_sha
        with Workers(self.config, len(files) >= PARALLEL_MIN_FILES or dictionary_changed) as work:
            pending = None  # read batch n+1 while the workers parse batch n
            for start in range(0, len(files), BATCH_FILES):
                batch = self._read_batch(
                    work, files[start : start + BATCH_FILES], start, len(files)
                )
                if pending:
                    self._consume(*pending)
                pending = batch
            if pending:
                self._consume(*pending)
            if dictionary_changed:
                self._reextract_all(work)
        if self.new_dates:
            self._assign_stories()
        db.restamp_files(self.con, self.restamped)
        counts = {k: getattr(self.summary, k) for k in COUNTED}
        counts["files_read"] = self.summary.files_read
        db.finish_run(self.con, self.ingest_id, counts)
        self.con.execute(
            "update digests set ingest_id = ? where ingest_id is null", [self.ingest_id]
        )
        self.summary.ingest_id = self.ingest_id
        return self.summary

    def _read_batch(self, work: Workers, files: list[Path], offset: int, total: int):
        """Read and classify files; new ones are handed to the workers at once."""
        fresh: list[_Candidate] = []
        files_rows: list[tuple] = []
        issues: list[tuple[str, Problem]] = []
        for index, path in enumerate(files, start=offset + 1):
            if self.progress:
                self.progress(index, total, path.name)
            known_sha, known_stamp = self.known_files.get(str(path), (None, None))
            if known_stamp is not None and known_stamp == _stamp(path):
                self.summary.skipped += 1  # same size and mtime: not even read
                continue
            candidate = _read(path)
            if candidate.sha and known_sha == candidate.sha:
                self.summary.skipped += 1
                if candidate.stamp != known_stamp:  # touched, not changed: remember the stamp
                    self.restamped.append((candidate.path, *candidate.stamp))
                continue
            self.known_files[candidate.path] = (candidate.sha, candidate.stamp)
            issues += [(candidate.path, p) for p in candidate.problems]
            twin = self.known_shas.get(candidate.sha)
            if twin and twin != candidate.path:
                files_rows.append(
                    self._file_row(candidate, "duplicate", self.path_digest.get(twin))
                )
                issues.append((candidate.path, Problem(
                    WARNING, None, f"same content as {twin}; not counted twice")))  # fmt: skip
            elif candidate.text is None:
                files_rows.append(self._file_row(candidate, "rejected", None))
            else:
                self.known_shas[candidate.sha] = candidate.path
                fresh.append(candidate)
        return files_rows, issues, work.parse(fresh)

    def _consume(self, files_rows: list[tuple], issues: list, parsed) -> None:
        """Take the parsed digests of one batch and write the batch."""
        loaded: dict[str, extract.Rows] = {}  # a later file for the same day replaces
        replaced: list[str] = []
        for candidate, digest, digest_rows in parsed:
            issues += [(candidate.path, p) for p in digest.problems] if digest else []
            if digest_rows is None:
                if digest is None:
                    issues.append((candidate.path, Problem(ERROR, 1, NO_FORMAT)))
                files_rows.append(self._file_row(candidate, "rejected", None))
                continue
            digest_id = digest_rows.digests[0][0]
            replaced += self._replacing(candidate.path, digest_id, issues)
            files_rows.append(self._file_row(candidate, "loaded", digest_id))
            loaded[digest_id] = digest_rows
        rows = extract.Rows()
        for digest_rows in loaded.values():
            rows.extend(digest_rows)
        self._write(files_rows, issues, replaced, rows)

    def _replacing(self, path: str, digest_id: str, issues: list) -> list[str]:
        """Digest ids this file's digest replaces (its own earlier version, a same-day file)."""
        gone = [digest_id]
        previous_path = self.digest_paths.get(digest_id)
        if previous_path and previous_path != path:
            issues.append((path, Problem(
                WARNING, None, f"replaces the {digest_id} digest read from {previous_path}")))  # fmt: skip
            self.known_shas = {s: p for s, p in self.known_shas.items() if p != previous_path}
            self.replaced_paths.append(previous_path)
        old = self.path_digest.get(path)
        if old and old != digest_id:
            gone.append(old)
            self.digest_paths.pop(old, None)
        self.digest_paths[digest_id] = path
        self.path_digest[path] = digest_id
        self.loaded_now.add(digest_id)
        self.summary.digests = len(self.loaded_now)
        return gone

    def _file_row(self, candidate: _Candidate, status: str, digest_id: str | None) -> tuple:
        size = len(candidate.text.encode("utf-8")) if candidate.text else None
        file_size, mtime = candidate.stamp or (None, None)
        return (
            candidate.path, candidate.sha, status, digest_id, size, self.ingest_id,
            file_size, mtime,
        )  # fmt: skip

    def _write(self, files_rows, issues, replaced, rows: extract.Rows) -> None:
        con = self.con
        paths = [r[0] for r in files_rows]
        db.delete_by_path(con, "source_files", paths)
        db.delete_by_path(con, "ingest_issues", paths)
        db.insert_rows(con, "source_files", files_rows)
        db.mark_replaced(con, self.replaced_paths)
        self.replaced_paths = []
        issue_rows = [(p, i.severity, i.line, i.message, self.ingest_id) for p, i in issues]
        db.insert_rows(con, "ingest_issues", issue_rows)
        db.delete_digests(con, sorted(set(replaced)))
        for table, attr in TABLES:
            db.insert_rows(con, table, getattr(rows, attr))
        self.new_dates.update(r[2] for r in rows.digests)
        self.summary.articles += len(rows.articles)
        self.summary.problems += len(issue_rows)
        self.summary.errors += sum(1 for _, i in issues if i.severity == ERROR)

    def _assign_stories(self) -> None:
        """Give new articles (and their neighbours in time) a shared story_id."""
        margin = timedelta(days=3 * stories.WINDOW_DAYS)
        nearby = self.con.execute(
            "select article_id, digest_date, url, title from articles "
            "where digest_date between ? and ?",
            [min(self.new_dates) - margin, max(self.new_dates) + margin],
        ).fetchall()
        db.update_story_ids(self.con, sorted(stories.assign_stories(nearby).items()))

    def _reextract_all(self, work: Workers) -> None:
        """The dictionary or FX table changed: redo mentions and figures from stored text.

        Digests loaded in this run already used the new dictionary; the rest are
        re-extracted a digest range at a time so memory stays bounded.
        """
        self.con.execute("delete from companies")
        db.insert_rows(self.con, "companies", extract.dictionary_rows(self.config))
        self.con.execute(
            "create or replace temp table _fresh as select unnest(?::varchar[]) as digest_id",
            [sorted(self.loaded_now)],
        )
        stale_digests = [
            d
            for (d,) in self.con.execute(
                "select digest_id from digests anti join _fresh using (digest_id) order by 1"
            ).fetchall()
        ]
        for start in range(0, len(stale_digests), REEXTRACT_DIGESTS):
            self._reextract(work, stale_digests[start : start + REEXTRACT_DIGESTS])

    def _reextract(self, work: Workers, digest_ids: list[str]) -> None:
        stored = self.con.execute(
            """select article_id, digest_id, digest_date, feed, kind, position, title,
                      insight, body
            from articles
            where digest_id in (select unnest(?::varchar[]))""",
            [digest_ids],
        ).fetchall()
        mentions, figures_ = work.reextract(stored)
        for table in ("mentions", "figures"):
            self.con.execute(
                f"""delete from {table} where article_id in (
                    select article_id from articles where digest_id in (select unnest(?::varchar[])))""",
                [digest_ids],
            )
        db.insert_rows(self.con, "mentions", mentions)
        db.insert_rows(self.con, "figures", figures_)


def _stamp(path: Path) -> tuple[int, int] | None:
    """(size, mtime_ns) of a file, or None when it cannot be stat'ed."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _read(path: Path) -> _Candidate:
    name = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            return _Candidate(name, "", None, [Problem(ERROR, None, NOT_REGULAR)])
        if info.st_size > MAX_FILE_BYTES:
            return _too_big(name, info.st_size)
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # bounded even if it grew since stat
        if len(data) > MAX_FILE_BYTES:
            return _too_big(name, len(data))
    except OSError as err:
        return _Candidate(name, "", None, [Problem(ERROR, None, f"cannot read file: {err}")])
    decoded = decode_bytes(data)
    if decoded.text is None:
        sha = "bytes:" + hashlib.sha256(data).hexdigest()
        return _Candidate(name, sha, None, [Problem(ERROR, 1, decoded.reason or "unreadable")])
    problems = [Problem(WARNING, decoded.warning_line, decoded.warning)] if decoded.warning else []
    stamp = (info.st_size, info.st_mtime_ns)
    return _Candidate(name, content_sha256(decoded.text), decoded.text, problems, stamp)


def _too_big(name: str, size: int) -> _Candidate:
    reason = f"file is {size / 1e6:.1f} MB, over the {MAX_FILE_BYTES / 2**20:g} MB cap"
    return _Candidate(name, f"size:{size}", None, [Problem(ERROR, None, reason)])
