"""Shared fixtures: paths to the real sample corpora (skipped cleanly when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_dir(name: str) -> Path:
    """A folder of ../shared/corpus, or skip the test when it is not there."""
    path = SHARED_CORPUS / name
    if not path.is_dir():
        pytest.skip(f"shared corpus {name!r} not available")
    return path


@pytest.fixture(scope="session")
def sudi_dir() -> Path:
    return corpus_dir("sudi")


@pytest.fixture(scope="session")
def sudi_text(sudi_dir: Path) -> str:
    return (sudi_dir / "2025-12-22.md").read_text(encoding="utf-8")
