"""Append a detected company name to the dictionary CSV, or to the rejects CSV.

Used by the dashboard's 公司提及 page (one-click add / reject). Plain CSV appends
under a file lock, with the name validated first; the path is always passed in.
A change takes effect at the next ingest (``python -m loaders ingest``).

>>> check_name("  它石智航 ")
'它石智航'
>>> check_name("=cmd|' /C calc'!A0")
Traceback (most recent call last):
...
ValueError: a company name cannot start with '='
"""

from __future__ import annotations

import csv
import fcntl
import io
import unicodedata
from pathlib import Path

MAX_NAME_CHARS = 40
REJECT_HEADER = ("name",)
DICTIONARY_HEADER = ("company", "alias", "kind", "parent")
# A cell starting with these would run as a spreadsheet formula or be read as a comment.
_BAD_START = ("=", "+", "-", "@", "#", "'")


def check_name(name: str) -> str:
    """The name trimmed, or ValueError saying why it cannot be a company name."""
    if not isinstance(name, str):
        raise ValueError("a company name must be text")
    name = unicodedata.normalize("NFC", name).strip()
    if not name:
        raise ValueError("a company name cannot be empty")
    if len(name) > MAX_NAME_CHARS:
        raise ValueError(f"a company name has at most {MAX_NAME_CHARS} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise ValueError("a company name cannot contain control characters or line breaks")
    if name.startswith(_BAD_START):
        raise ValueError(f"a company name cannot start with {name[0]!r}")
    return name


def _fold(text: str) -> str:
    return text.casefold()


def read_column(path: Path, column: str) -> set[str]:
    """Every value of ``column`` in a CSV that may have ``#`` comment lines ('' when absent)."""
    if not path.exists():
        return set()
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    return {(row.get(column) or "").strip() for row in csv.DictReader(lines)} - {""}


def known_names(dictionary_csv: Path, rejects_csv: Path) -> set[str]:
    """Names already decided: every company and alias in the dictionary, every reject."""
    names = read_column(dictionary_csv, "company") | read_column(dictionary_csv, "alias")
    return {_fold(n) for n in names | read_column(rejects_csv, "name")}


def _append_row(path: Path, header: tuple[str, ...], row: tuple[str, ...]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8", newline="") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.seek(0)
            existing = handle.read()
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            if not existing.strip():
                writer.writerow(header)
            elif not existing.endswith("\n"):
                buffer.write("\n")
            writer.writerow(row)
            handle.write(buffer.getvalue())
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def add_company(name: str, dictionary_csv: Path) -> bool:
    """Append ``name`` as a new company (``name,name,name,``); False when already an alias."""
    name = check_name(name)
    if _fold(name) in {_fold(n) for n in read_column(dictionary_csv, "alias")}:
        return False
    _append_row(dictionary_csv, DICTIONARY_HEADER, (name, name, "name", ""))
    return True


def reject_company(name: str, rejects_csv: Path) -> bool:
    """Append ``name`` to the rejects list; False when it is already there."""
    name = check_name(name)
    if _fold(name) in {_fold(n) for n in read_column(rejects_csv, "name")}:
        return False
    _append_row(rejects_csv, REJECT_HEADER, (name,))
    return True
