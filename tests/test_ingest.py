"""The ingest path end to end: drift, duplicates, garbage, idempotence, atomicity, CLI."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import extract, ingest
from loaders.decode import content_sha256, decode_bytes

ROOT = Path(__file__).resolve().parents[1]
BASE = (Path(__file__).parent / "golden" / "sudi" / "base.md").read_text(encoding="utf-8")


def dated(day: int) -> str:
    return BASE.replace("2025年12月23日", f"2025年12月{day:02d}日")


def counts(db_path: Path) -> dict[str, int]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        tables = ("digests", "articles", "article_sources", "mentions", "figures", "ingest_issues")
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
    finally:
        con.close()


def query(db_path: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture
def messy_folder(tmp_path: Path) -> Path:
    """Good digests in every tolerated encoding, beside a duplicate and garbage."""
    folder = tmp_path / "digests"
    (folder / "nested").mkdir(parents=True)
    (folder / "2025-12-01.md").write_text(dated(1), encoding="utf-8")
    (folder / "2025-12-02.md").write_bytes(codecs.BOM_UTF8 + dated(2).encode("utf-8"))
    (folder / "2025-12-03.md").write_bytes(dated(3).encode("gb18030"))
    (folder / "2025-12-04.md").write_bytes(codecs.BOM_UTF16_LE + dated(4).encode("utf-16-le"))
    (folder / "nested" / "2025-12-05.md").write_bytes(dated(5).replace("\n", "\r\n").encode())
    no_title_date = dated(6).replace("# 🤖 AI行业速递 - 2025年12月06日", "# AI行业速递")
    (folder / "2025-12-06.md").write_text(no_title_date, encoding="utf-8")
    (folder / "copy of 2025-12-01.md").write_text(dated(1), encoding="utf-8")
    (folder / "2025-12-01-gbk-copy.md").write_bytes(dated(1).encode("gb18030"))
    (folder / "garbage.md").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.md").write_bytes(b"")
    (folder / "nodate.md").write_text(dated(7).replace("2025年12月07日", ""), encoding="utf-8")
    (folder / "notes.txt").write_text("会议纪要，没有结构。", encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG not a digest")
    return folder


def test_messy_folder_loads_every_good_file(messy_folder: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "d.duckdb"
    summary = ingest.ingest_paths([messy_folder], db_path)
    assert summary.files_read == 12  # the .png is not a digest suffix
    assert (
        query(db_path, "select count(*), min(digest_date), max(digest_date) from digests")[0][0]
        == 6
    )
    assert counts(db_path)["articles"] == 6 * 5
    statuses = dict(query(db_path, "select source_path, status from source_files"))
    names = {Path(p).name: s for p, s in statuses.items()}
    trio = ("2025-12-01.md", "copy of 2025-12-01.md", "2025-12-01-gbk-copy.md")
    assert sorted(names[n] for n in trio) == ["duplicate", "duplicate", "loaded"]
    for bad in ("garbage.md", "empty.md", "nodate.md", "notes.txt"):
        assert names[bad] == "rejected"
    errors = {Path(p).name: m for p, m in query(
        db_path, "select source_path, message from ingest_issues where severity = 'error'")}  # fmt: skip
    assert "binary" in errors["garbage.md"]
    assert "empty" in errors["empty.md"]
    assert "no date" in errors["nodate.md"]


def test_second_ingest_changes_nothing(messy_folder: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "d.duckdb"
    ingest.ingest_paths([messy_folder], db_path)
    before = counts(db_path)
    again = ingest.ingest_paths([messy_folder], db_path)
    assert counts(db_path) == before
    assert again.skipped == again.files_read and again.digests == 0 and again.problems == 0


def test_changed_file_replaces_its_digest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "2025-12-01.md"
    path.write_text(dated(1), encoding="utf-8")
    db_path = tmp_path / "d.duckdb"
    ingest.ingest_paths([folder], db_path)
    path.write_text(dated(1).replace("青云科技完成新一轮融资", "青云科技再融资"), encoding="utf-8")
    ingest.ingest_paths([folder], db_path)
    titles = [t for (t,) in query(db_path, "select title from articles where kind = 'feature'")]
    assert sorted(titles) == ["星火公司发布新模型：推理成本下降一半", "青云科技再融资"]
    assert counts(db_path)["digests"] == 1


def test_same_day_file_under_new_name_replaces_and_warns(tmp_path: Path) -> None:
    db_path = tmp_path / "d.duckdb"
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text(dated(1), encoding="utf-8")
    second.write_text(dated(1).replace("简讯三：行业周报", "简讯三：更正"), encoding="utf-8")
    ingest.ingest_paths([first], db_path)
    ingest.ingest_paths([second], db_path)
    assert counts(db_path)["digests"] == 1
    assert query(db_path, "select count(*) from articles where title = '简讯三：更正'")[0][0] == 1
    warnings = [m for (m,) in query(db_path, "select message from ingest_issues")]
    assert any("replaces" in m and "a.md" in m for m in warnings)
    statuses = query(db_path, "select source_path, status from source_files order by 1")
    assert statuses == [(str(first), "replaced"), (str(second), "loaded")]


@pytest.mark.parametrize("batch", [256, 1], ids=["same-batch", "next-batch"])
def test_two_files_for_one_day_in_one_run(tmp_path: Path, monkeypatch, batch: int) -> None:
    """Two different files for the same day in one folder: the later in path order wins,
    the other is marked replaced with a warning, and nothing else is lost."""
    monkeypatch.setattr(ingest, "BATCH_FILES", batch)
    folder = tmp_path / "digests"
    folder.mkdir()
    (folder / "2025-12-01.md").write_text(dated(1), encoding="utf-8")
    fixed = dated(1).replace("简讯三：行业周报", "简讯三：更正")
    (folder / "2025-12-01（更正）.md").write_text(fixed, encoding="utf-8")
    for day in range(2, 22):  # enough files for the process pool
        other = dated(1).replace("2025年12月01日", f"2025年11月{day:02d}日")
        (folder / f"2025-11-{day:02d}.md").write_text(other, encoding="utf-8")
    db_path = tmp_path / "d.duckdb"
    summary = ingest.ingest_paths([folder], db_path)
    assert summary.digests == counts(db_path)["digests"] == 21
    titles = query(db_path, "select title from articles where digest_id = 'sudi:2025-12-01'")
    assert ("简讯三：更正",) in titles and ("简讯三：行业周报",) not in titles
    statuses = dict(query(db_path, "select source_path, status from source_files"))
    assert statuses[str(folder / "2025-12-01.md")] == "replaced"
    assert statuses[str(folder / "2025-12-01（更正）.md")] == "loaded"
    before = counts(db_path)
    assert ingest.ingest_paths([folder], db_path).skipped == 22
    assert counts(db_path) == before


def test_failed_ingest_leaves_database_unchanged(
    messy_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = tmp_path / "d.duckdb"
    ingest.ingest_paths([messy_folder / "2025-12-01.md"], db_path)
    before = counts(db_path)
    real = extract.make_rows
    calls = Counter()

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        return real(*args, **kwargs)

    monkeypatch.setattr(extract, "make_rows", failing)
    with pytest.raises(RuntimeError):
        ingest.ingest_paths([messy_folder], db_path)
    assert counts(db_path) == before
    monkeypatch.setattr(extract, "make_rows", real)
    ingest.ingest_paths([messy_folder], db_path)
    assert counts(db_path)["digests"] == 6


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("gb18030"),
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r").encode("utf-8"),
    ],
)
def test_same_text_same_hash_in_every_encoding(encode) -> None:
    decoded = decode_bytes(encode(BASE))
    assert content_sha256(decoded.text) == content_sha256(BASE)


def test_utf8_is_never_read_as_gb18030() -> None:
    broken = BASE.encode("utf-8")[:-1] + b"\xff" + b"\n"
    decoded = decode_bytes(broken)
    assert decoded.encoding == "utf-8" and "星火公司" in decoded.text and decoded.warning


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(data: bytes) -> None:
    decoded = decode_bytes(data)
    if decoded.text is not None:
        ingest.parse_and_extract(decoded.text, "2025-01-01.md", "x", ingest.load_config())


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(BASE)), st.text(max_size=50))
def test_truncated_or_mutated_digests_never_raise(cut: int, junk: str) -> None:
    text = BASE[:cut] + junk + BASE[cut : cut + 200]
    digest, rows = ingest.parse_and_extract(text, "2025-01-01.md", "x", ingest.load_config())
    if rows is not None:
        assert rows.digests[0][0].startswith("sudi:")


def run_cli(*args: str, env_db: Path | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    if env_db:
        env["DIGEST_DB"] = str(env_db)
    return subprocess.run(
        [sys.executable, "-m", "loaders", *args],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def test_cli_summary_and_exit_codes(messy_folder: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "cli.duckdb"
    done = run_cli("ingest", str(messy_folder), env_db=db_path)
    assert done.returncode == 0, done.stderr
    assert "12 files read, 0 skipped as unchanged, 6 digests" in done.stdout
    again = run_cli("ingest", str(messy_folder), "--db", str(db_path))
    assert "12 skipped as unchanged" in again.stdout and again.returncode == 0
    assert run_cli("ingest", str(tmp_path / "missing")).returncode == 2
    assert run_cli("bogus").returncode == 2
    unwritable = run_cli("ingest", str(messy_folder), "--db", "/proc/nope/x.duckdb")
    assert unwritable.returncode == 1 and "error" in unwritable.stderr


def test_seed_corpus_counts(sudi_dir: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "seed.duckdb"
    ingest.ingest_paths([sudi_dir], db_path)
    assert query(db_path, "select kind, count(*) from articles group by 1 order by 1") == [
        ("brief", 56),
        ("feature", 10),
    ]
    assert query(db_path, "select count(*) from article_sources")[0][0] == 19
    assert query(db_path, "select distinct digest_date::varchar from articles") == [("2025-12-22",)]
    assert query(db_path, "select feed from digests") == [("sudi",)]


def test_demo_database_keeps_the_demo_dictionary(tmp_path: Path) -> None:
    from datetime import date

    from loaders import demo

    corpus = tmp_path / "demo"
    demo.write_demo_corpus(corpus, days=3, end=date(2025, 12, 28))
    db_path = tmp_path / "demo.duckdb"
    ingest.ingest_paths([corpus], db_path, demo=True)
    before = query(db_path, "select count(*), count(distinct company) from companies")
    demo.write_demo_corpus(corpus, days=1, end=date(2025, 12, 29))
    later = ingest.ingest_paths([corpus], db_path)  # no dictionary given: stays on the demo one
    assert later.digests == 1 and later.skipped == 3
    assert query(db_path, "select count(*), count(distinct company) from companies") == before
    assert query(db_path, "select count(*) from mentions where in_dictionary")[0][0] > 0
    assert query(db_path, "select value from db_meta where key = 'mode'") == [("demo",)]


def test_unchanged_files_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "2025-12-01.md"
    path.write_text(dated(1), encoding="utf-8")
    db_path = tmp_path / "d.duckdb"
    ingest.ingest_paths([folder], db_path)
    reads = Counter()
    real_read = ingest._read
    monkeypatch.setattr(ingest, "_read", lambda p: reads.update([p.name]) or real_read(p))
    assert ingest.ingest_paths([folder], db_path).skipped == 1
    assert reads == {}  # same size and mtime: skipped on stat alone
    os.utime(path, ns=(1, 1))  # touched, text unchanged: read once, then trusted again
    assert ingest.ingest_paths([folder], db_path).skipped == 1
    assert ingest.ingest_paths([folder], db_path).skipped == 1
    assert reads == {"2025-12-01.md": 1}
    path.write_text(dated(1).replace("简讯三", "简讯叁"), encoding="utf-8")  # same size, new text
    changed = ingest.ingest_paths([folder], db_path)
    assert changed.digests == 1 and changed.skipped == 0
