"""Files the loader must refuse cleanly (over the cap, binary, pipes, lying BOMs) and the
encodings test_ingest.py does not cover yet; good files beside bad ones always load."""

from __future__ import annotations

import codecs
import os
import pathlib
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from loaders import ingest
from loaders.decode import content_sha256, decode_bytes

ROOT = Path(__file__).resolve().parents[1]
BASE = (ROOT / "tests" / "golden" / "sudi" / "base.md").read_text(encoding="utf-8")
CRLF = BASE.replace("\n", "\r\n")


def rows(db_path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF32_LE + BASE.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + BASE.encode("utf-32-be"),
        CRLF.encode("gb18030"),
        codecs.BOM_UTF16_LE + CRLF.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + BASE.replace("\n", "\r").encode("utf-16-be"),
        codecs.BOM_UTF8 + CRLF.encode("utf-8"),
    ],
    ids=[
        "utf32le-bom",
        "utf32be-bom",
        "gb18030-crlf",
        "utf16le-bom-crlf",
        "utf16be-cr",
        "bom-crlf",
    ],
)
def test_more_encodings_same_hash(data: bytes) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == BASE and content_sha256(decoded.text) == content_sha256(BASE)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd not utf-8", "byte-order mark says utf-8"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "byte-order mark says utf-16"),  # lone surrogate
        (b"\x81\x30\x81" * 50, "not valid UTF-8 or GB18030"),  # truncated 4-byte GB18030
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"   \n\r\n\t ", "empty file"),
    ],
)
def test_refused_with_a_reason(data: bytes, reason: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text is None and reason in decoded.reason


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every path the loader opens or reads whole."""
    seen: list[Path] = []
    real_open, real_read = pathlib.Path.open, pathlib.Path.read_bytes

    def spy_open(self, *args, **kwargs):
        seen.append(Path(self))
        return real_open(self, *args, **kwargs)

    def spy_read(self):
        seen.append(Path(self))
        return real_read(self)

    monkeypatch.setattr(pathlib.Path, "open", spy_open)
    monkeypatch.setattr(pathlib.Path, "read_bytes", spy_read)
    return seen


def test_oversized_binary_and_pipe_refused_good_files_load(tmp_path: Path, opened) -> None:
    folder = tmp_path / "digests"
    folder.mkdir()
    (folder / "2025-12-23.md").write_text(BASE, encoding="utf-8")
    (folder / "2025-12-24.md").write_bytes(BASE.replace("23日", "24日").encode("gb18030"))
    huge = folder / "2025-12-25.md"
    with huge.open("wb") as handle:  # sparse: 25 MB on stat, nothing on disk
        handle.truncate(ingest.MAX_FILE_BYTES + 5 * 1024 * 1024)
    (folder / "2025-12-26.md").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(4096))
    pipe = tmp_path / "2025-12-27.md"
    os.mkfifo(pipe)  # named explicitly: a pipe would block a naive read forever
    opened.clear()
    db_path = tmp_path / "d.duckdb"
    summary = ingest.ingest_paths([folder, pipe], db_path)

    assert summary.digests == 2
    assert huge not in opened and pipe not in opened  # refused on stat, never opened
    issues = dict(rows(db_path, "select source_path, message from ingest_issues"))
    assert "over the 20 MB cap" in issues[str(huge)]
    assert "binary file" in issues[str(folder / "2025-12-26.md")]
    assert issues[str(pipe)] == ingest.NOT_REGULAR
    status = dict(rows(db_path, "select source_path, status from source_files"))
    assert status[str(huge)] == status[str(pipe)] == "rejected"
    assert rows(db_path, "select count(*) from digests") == [(2,)]


def test_a_file_that_grows_after_stat_is_read_only_up_to_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "2025-12-23.md"
    path.write_text(BASE * 5, encoding="utf-8")
    real_stat = pathlib.Path.stat

    def small_stat(self, *args, **kwargs):
        result = real_stat(self, *args, **kwargs)
        if Path(self) == path:  # as if the file was small when stat ran
            return os.stat_result((result.st_mode, *result[1:6], 10, *result[7:]))
        return result

    monkeypatch.setattr(pathlib.Path, "stat", small_stat)
    candidate = ingest._read(path)
    assert candidate.text is None and "over the" in candidate.problems[0].message


def test_size_cap_comes_from_the_environment() -> None:
    code = "from loaders import ingest; print(ingest.MAX_FILE_BYTES)"
    env = {"PATH": "/usr/bin:/bin", "DIGEST_MAX_FILE_MB": "3"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == str(3 * 1024 * 1024)


def test_unreadable_file_is_recorded_and_the_rest_loads(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    folder = tmp_path / "digests"
    folder.mkdir()
    (folder / "2025-12-23.md").write_text(BASE, encoding="utf-8")
    locked = folder / "2025-12-24.md"
    locked.write_text(BASE.replace("23日", "24日"), encoding="utf-8")
    locked.chmod(0)
    db_path = tmp_path / "d.duckdb"
    assert ingest.ingest_paths([folder], db_path).digests == 1
    issues = dict(rows(db_path, "select source_path, message from ingest_issues"))
    assert "cannot read file" in issues[str(locked)]
