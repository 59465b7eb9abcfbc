"""Uploads: allowed suffixes, size caps, hostile names never used as paths, kept by hash."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from loaders import uploads
from loaders.uploads import check_upload, display_name, save_uploads

ROOT = Path(__file__).resolve().parents[1]
DIGEST = "# AI行业速递 - 2025年12月22日\n\n## 标题\n> **分类：** 模型\n".encode()

HOSTILE_NAMES = [
    "../../etc/passwd.md",
    "../../../../../../tmp/evil.md",
    "/etc/cron.d/job.md",
    "/absolute/path/2025-12-22.md",
    "..\\..\\windows\\system32\\x.md",
    "C:\\Users\\x\\2025-12-22.md",
    "a\x00b.md",
    "evil.md\x00.exe",
    "..",
    ".",
    "",
    "\u202egnp.md",  # right-to-left override
    "速" * 300 + ".md",
    "a" * 5000 + ".md",
    "x." + "m" * 400,
    "con:stream.md",
    "name with spaces & $(rm -rf).md",
]


def stored_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_name_never_leaves_the_folder(name: str, tmp_path: Path) -> None:
    folder = tmp_path / "up" / "uploads"
    kept = save_uploads([(name, DIGEST)], folder)
    assert len(kept) == 1
    for path in tmp_path.rglob("*"):
        assert path.is_dir() or path.parent == folder, path
    if kept[0].stored is not None:
        assert kept[0].stored.parent == folder
        assert kept[0].stored.read_bytes() == DIGEST
        assert len(kept[0].stored.name.encode("utf-8")) <= 255
    else:
        assert kept[0].reason and not stored_files(folder)
    assert "/" not in kept[0].name and "\\" not in kept[0].name and "\x00" not in kept[0].name


@pytest.mark.parametrize(
    ("name", "accepted"),
    [
        ("2025-12-22.md", True),
        ("2025-12-22.MD", True),
        ("digest.markdown", True),
        ("digest.txt", True),
        ("速" * 300 + ".md", True),  # long names keep their suffix
        ("digest.exe", False),
        ("digest.md.exe", False),
        ("digest.html", False),
        ("digest", False),
        (".md", False),  # a hidden file, no suffix
        ("digest.md/", False),
    ],
)
def test_only_digest_suffixes_are_accepted(name: str, accepted: bool) -> None:
    assert (check_upload(name, 100) is None) == accepted


def test_originals_kept_by_content_hash(tmp_path: Path) -> None:
    kept = save_uploads([("2025-12-22.md", DIGEST), ("copy/2025-12-22.md", DIGEST)], tmp_path)
    sha = hashlib.sha256(DIGEST).hexdigest()[:16]
    assert {u.stored for u in kept} == {tmp_path / f"{sha}__2025-12-22.md"}
    assert stored_files(tmp_path) == [tmp_path / f"{sha}__2025-12-22.md"]
    other = save_uploads([("2025-12-22.md", DIGEST + b"\n")], tmp_path)[0]
    assert other.stored != kept[0].stored and len(stored_files(tmp_path)) == 2


def test_per_file_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "MAX_FILE_MB", 0.01)
    big, small = b"x" * 20_000, DIGEST
    kept = save_uploads([("big.md", big), ("2025-12-22.md", small)], tmp_path)
    assert kept[0].stored is None and "cap per file" in kept[0].reason
    assert kept[1].stored is not None and kept[1].stored.read_bytes() == small


def test_per_batch_cap_refuses_the_whole_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads, "MAX_BATCH_MB", 0.01)
    kept = save_uploads([(f"{i}.md", b"x" * 4000) for i in range(4)], tmp_path)
    assert all(u.stored is None and "cap per upload" in u.reason for u in kept)
    assert not stored_files(tmp_path)


def test_caps_come_from_the_environment() -> None:
    code = (
        "from loaders import uploads;"
        "print(uploads.MAX_FILE_MB, uploads.MAX_BATCH_MB, uploads.check_upload('a.md', 3 << 20))"
    )
    env = {"PATH": "/usr/bin:/bin", "DIGEST_MAX_FILE_MB": "2", "DIGEST_MAX_BATCH_MB": "5"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.startswith("2.0 5.0 file is 3.1 MB, over the 2 MB cap per file")


def test_concurrent_uploads_of_the_same_file(tmp_path: Path) -> None:
    errors: list[BaseException] = []

    def upload() -> None:
        try:
            for _ in range(20):
                save_uploads([("2025-12-22.md", DIGEST)], tmp_path)
        except BaseException as err:  # noqa: BLE001 - collected and asserted below
            errors.append(err)

    threads = [threading.Thread(target=upload) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert [p.name.split("__")[1] for p in stored_files(tmp_path)] == ["2025-12-22.md"]


def test_display_name_is_a_plain_short_name() -> None:
    for name in HOSTILE_NAMES:
        shown = display_name(name)
        assert shown and len(shown.encode("utf-8")) <= uploads.MAX_NAME_BYTES
        assert not set(shown) & set("/\\\x00")


def test_data_page_stores_uploads_through_save_uploads() -> None:
    source = (ROOT / "pages" / "data.py").read_text(encoding="utf-8")
    assert "uploads.save_uploads(" in source
    for writer in ("write_bytes", "write_text", "open("):
        assert writer not in source
