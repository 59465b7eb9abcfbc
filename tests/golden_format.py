"""Shared checks for format parsers: golden JSON files and never-raise fuzzing."""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from types import ModuleType

from loaders.models import Digest


def digest_json(digest: Digest) -> dict:
    """A Digest as plain JSON data (dates as ISO text, tuples as lists)."""
    data = {
        "feed": digest.feed,
        "digest_date": digest.digest_date.isoformat() if digest.digest_date else None,
        "title": digest.title,
        "articles": [asdict(a) for a in digest.articles],
        "problems": [asdict(p) for p in digest.problems],
    }
    return json.loads(json.dumps(data, ensure_ascii=False))


def check_golden(fmt: ModuleType, case: Path) -> None:
    """``case.md`` parses to exactly ``case.json`` (rewritten when UPDATE_GOLDEN is set)."""
    got = digest_json(fmt.parse(case.read_text(encoding="utf-8"), case.name))
    expected_path = case.with_suffix(".json")
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert got == json.loads(expected_path.read_text(encoding="utf-8"))


def check_random_text(fmt: ModuleType, text: str) -> None:
    """Any text parses without raising, positions are 1..n, detection stays in 0..1."""
    digest = fmt.parse(text, "x.md")
    assert [a.position for a in digest.articles] == list(range(1, len(digest.articles) + 1))
    assert 0.0 <= fmt.detect(text, "x.md") <= 1.0
