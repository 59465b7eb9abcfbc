"""Registry of digest formats: each module detects its own files and parses them.

A format module exposes ``FEED`` (the name stored in ``digests.feed``),
``detect(text, name) -> float`` (0 = not mine … 1 = certainly mine) and
``parse(text, name) -> Digest``. Adding a format means writing its module and
adding it to ``FORMATS`` below; nothing else changes.
"""

from __future__ import annotations

from types import ModuleType

from loaders.formats import ai_daily_harvest, ai_insights, sudi

FORMATS: tuple[ModuleType, ...] = (sudi, ai_insights, ai_daily_harvest)
MIN_CONFIDENCE = 0.3


def pick_format(text: str, name: str) -> ModuleType | None:
    """The best-scoring format for this text, or None when none is confident enough."""
    scored = [(fmt.detect(text, name), i, fmt) for i, fmt in enumerate(FORMATS)]
    score, _, fmt = max(scored, key=lambda s: (s[0], -s[1]))
    return fmt if score >= MIN_CONFIDENCE else None
