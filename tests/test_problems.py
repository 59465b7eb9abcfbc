"""Ingest problems explained in Chinese: every reason the loaders write has an explanation."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from dashboard.problems import SEVERITY_LABELS, explain
from loaders import ingest, uploads
from tests.test_ingest import dated, query
from tests.test_ingest import messy_folder as messy_folder  # a fixture

CASES = [
    ("empty file", "空文件"),
    ("binary file (contains NUL bytes), not a text digest", "二进制文件，不是文本速递"),
    ("byte-order mark says utf-16 but the bytes are not: x", "文件开头的字节顺序标记（BOM）表明是 utf-16，但内容不符"),
    ("file is 31.5 MB, over the 20 MB cap per file", "文件 31.5 MB，超过 20 MB 上限，未读取"),
    ("same content as a/2025-12-01.md; not counted twice", "与 a/2025-12-01.md 内容相同，不重复计入"),
    ("replaces the sudi:2025-12-01 digest read from a.md", "替换此前从 a.md 读取的同一期速递（sudi:2025-12-01）"),
    ("header says cats 25, read 30", "文件头标称分类热点 25 条，实际读到 30 条"),
    ("overview says 12 articles, read 11", "概览标称 12 篇，实际读到 11 篇"),
    ("overview says 3 must-read, read 2", "概览标称 must-read 共 3 条，实际读到 2 条"),
    ("category 大模型 says 5, read 4", "分类「大模型」标称 5 条，实际读到 4 条"),
    ("item without link, outlet", "条目缺少 link, outlet"),
    ("something new", ""),
    (None, ""),
]  # fmt: skip


@pytest.mark.parametrize(("reason", "expected"), CASES)
def test_explain(reason, expected) -> None:
    assert explain(reason) == expected


def test_every_reason_a_real_ingest_writes_is_explained(messy_folder: Path, tmp_path: Path):
    drift = dated(8).replace("> **分类：**", "> **类别：**", 1).replace("- [", "- 无链接 [", 1)
    (messy_folder / "2025-12-08.md").write_text(drift + "\n这一行无法识别\n", encoding="utf-8")
    broken = dated(9).encode("utf-8").replace("核心洞察".encode(), b"\xff\xfe\xfa", 1)
    (messy_folder / "2025-12-09.md").write_bytes(broken)
    (messy_folder / "2025-12-10.md").write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")
    (messy_folder / "2025-12-01.md").write_text(dated(1) + "\n", encoding="utf-8")
    db_path = tmp_path / "d.duckdb"
    ingest.ingest_paths([messy_folder], db_path)
    reasons = [r[0] for r in query(db_path, "select distinct message from ingest_issues")]
    assert len(reasons) >= 8
    assert [r for r in reasons if not explain(r)] == []
    severities = {r[0] for r in query(db_path, "select distinct severity from ingest_issues")}
    assert severities <= set(SEVERITY_LABELS)


def test_upload_refusals_are_explained() -> None:
    assert explain(uploads.check_upload("a.exe", 1)) == "只接受 .md, .markdown, .txt 文件"
    assert explain(uploads.check_upload("a.md", 30 * 2**20)).startswith("文件 31.5 MB")
