"""Company names across the fields of one article (title, insight, bullets).

A name detected from its context in one field (OpenRouter获…融资 in the title) is
the same company where another field names it without a cue, and a short name
that begins a dictionary name found in the same article (Recursive, Recursive
Superintelligence) is that company. Only confident names spread: Latin proper
names and Chinese names with an organisation ending, never a word found only
before 创始人/CEO.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from loaders.detect import glued, is_confident, is_word_char
from loaders.models import Mention


def spread_names(texts: Sequence[str], found: list[list[Mention]]) -> list[list[Mention]]:
    """``found`` (mentions per field) with detected names resolved and counted everywhere.

    >>> texts = ["OpenRouter获融资", "AI聚合平台OpenRouter完成融资"]
    >>> found = [[Mention("OpenRouter", "OpenRouter", 0, 10, False)], []]
    >>> [[(m.alias, m.start) for m in f] for f in spread_names(texts, found)]
    [[('OpenRouter', 0)], [('OpenRouter', 6)]]
    """
    known = {m.alias: m.company for f in found for m in f if m.in_dictionary}
    names = {
        m.alias: dictionary_company(m.alias, known)
        for f in found
        for m in f
        if not m.in_dictionary and is_confident(m.alias)
    }
    if not names:
        return found
    order = sorted(names, key=len, reverse=True)
    return [
        _extend(text, [_resolve(m, names) for m in f], order, names) if text else f
        for text, f in zip(texts, found, strict=True)
    ]


def dictionary_company(name: str, known: dict[str, str]) -> str | None:
    """The dictionary company whose alias, found in the same article, begins with ``name``.

    >>> dictionary_company("Recursive", {"Recursive Superintelligence": "Recursive Superintelligence"})
    'Recursive Superintelligence'
    >>> dictionary_company("Open", {"OpenAI": "OpenAI"}) is None
    True
    """
    for alias, company in known.items():
        rest = alias[len(name) :]
        if alias.startswith(name) and rest and not is_word_char(rest[0]):
            return company
    return None


def _resolve(m: Mention, names: dict[str, str | None]) -> Mention:
    company = names.get(m.alias) if not m.in_dictionary else None
    return Mention(company, m.alias, m.start, m.end, True) if company else m


def _extend(text: str, mentions: list[Mention], order: list[str], names: dict) -> list[Mention]:
    taken = [(m.start, m.end) for m in mentions]
    more = []
    for name in order:
        for hit in re.finditer(re.escape(name), text):
            start, end = hit.span()
            if not _whole(text, start, end, name) or any(
                start < hi and lo < end for lo, hi in taken
            ):
                continue
            taken.append((start, end))
            company = names[name]
            more.append(Mention(company or name, name, start, end, company is not None))
    return sorted([*mentions, *more], key=lambda m: m.start) if more else mentions


def _whole(text: str, start: int, end: int, name: str) -> bool:
    """The name stands alone here: Latin edges touch no letter, digit, '_', '.' or '-';
    a Chinese name does not run on into a longer word."""
    if (
        is_word_char(name[0])
        and start
        and (is_word_char(text[start - 1]) or text[start - 1] in ".-")
    ):
        return False
    if is_word_char(name[-1]):
        return end == len(text) or not (is_word_char(text[end]) or text[end] in "-")
    return not glued(text, end, name)
