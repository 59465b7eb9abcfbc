"""Keep uploaded digest files safely: allowed suffixes, size caps, stored by content hash.

An uploaded file's name is never used as a path: the original is stored as
``<sha256 prefix>__<sanitised last name component>`` under the upload folder
(the name may carry the digest's date), so the database can always be rebuilt
from the folder, and a hostile name (``../../etc/passwd``) goes nowhere.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

ALLOWED_SUFFIXES = (".md", ".markdown", ".txt")
MAX_FILE_MB = float(os.environ.get("DIGEST_MAX_FILE_MB", "20"))
MAX_BATCH_MB = float(os.environ.get("DIGEST_MAX_BATCH_MB", "100"))
MAX_NAME_BYTES = 120
MAX_SUFFIX = 12
_SAFE_NAME = re.compile(r"[^\w.\- ]+")


@dataclass(frozen=True)
class Upload:
    """One offered file: ``stored`` is where it was kept, or None with a ``reason``."""

    name: str
    stored: Path | None
    reason: str | None = None


def display_name(name: str) -> str:
    """The last path component with odd characters removed, for messages only.

    >>> display_name("../../etc/passwd")
    'passwd'
    >>> display_name("2025-12-22.md")
    '2025-12-22.md'
    >>> display_name("速" * 200 + ".md").endswith("速.md")
    True
    """
    clean = _SAFE_NAME.sub("_", re.split(r"[\\\\/]", name)[-1]) or "unnamed"
    suffix = Path(clean).suffix if len(Path(clean).suffix) <= MAX_SUFFIX else ""
    stem = clean[: len(clean) - len(suffix)]
    # Cut by UTF-8 bytes (file systems cap a name at 255 bytes), keeping the suffix.
    budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    stem = stem.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    return stem + suffix if stem or suffix else "unnamed"


def check_upload(name: str, size: int) -> str | None:
    """Why a file may not be uploaded, or None when it may.

    >>> check_upload("a.exe", 10)
    'only .md, .markdown, .txt files are accepted'
    >>> check_upload("a.md", 30 * 1024 * 1024)
    'file is 31.5 MB, over the 20 MB cap per file'
    """
    if Path(display_name(name)).suffix.lower() not in ALLOWED_SUFFIXES:
        return "only " + ", ".join(ALLOWED_SUFFIXES) + " files are accepted"
    if size > MAX_FILE_MB * 1024 * 1024:
        return f"file is {size / 1e6:.1f} MB, over the {MAX_FILE_MB:g} MB cap per file"
    return None


def save_uploads(files: list[tuple[str, bytes]], folder: Path) -> list[Upload]:
    """Store the acceptable files under ``folder`` by content hash; refuse the rest."""
    folder.mkdir(parents=True, exist_ok=True)
    total = sum(len(data) for _, data in files)
    if total > MAX_BATCH_MB * 1024 * 1024:
        reason = f"batch is {total / 1e6:.1f} MB, over the {MAX_BATCH_MB:g} MB cap per upload"
        return [Upload(display_name(n), None, reason) for n, _ in files]
    kept = []
    for name, data in files:
        reason = check_upload(name, len(data))
        if reason:
            kept.append(Upload(display_name(name), None, reason))
            continue
        digest = hashlib.sha256(data).hexdigest()[:16]
        target = folder / f"{digest}__{display_name(name)}"  # keeps a date in the name
        if not target.exists():
            tmp = folder / f".{uuid.uuid4().hex}.part"  # concurrent uploads never share it
            tmp.write_bytes(data)
            os.replace(tmp, target)
        kept.append(Upload(display_name(name), target))
    return kept
