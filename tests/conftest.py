"""Shared fixtures: paths to the real sample corpora (skipped cleanly when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# The test command runs the property tests on a fixed seed, so a run on a clean clone
# checks exactly the examples checked here. HYPOTHESIS_PROFILE=explore draws new ones.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

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
