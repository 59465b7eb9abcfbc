"""The raw floor: read every file and split it into sections with one regex."""

from __future__ import annotations

import re
import time
from pathlib import Path

SECTION = re.compile(r"^## ", re.M)


def _one_pass(paths: list[Path]) -> tuple[float, int, int]:
    start = time.perf_counter()
    size = sections = 0
    for path in paths:
        data = path.read_bytes()
        size += len(data)
        sections += len(SECTION.split(data.decode("utf-8")))
    return time.perf_counter() - start, size, sections


def measure_floor(paths: list[Path], passes: int = 3) -> dict:
    """Seconds and MB/s to read and split ``paths``: the best of a few passes (the floor)."""
    seconds, size, sections = min(_one_pass(paths) for _ in range(passes))
    return {
        "seconds": seconds,
        "mb": size / 1e6,
        "mb_per_s": size / 1e6 / seconds,
        "sections": sections,
    }
