"""Turn a file's bytes into normalised text, or refuse it with a clear reason.

Order: byte-order mark → strict UTF-8 → strict GB18030 → refuse. Valid UTF-8 is
never read as GB18030 because UTF-8 is always tried first, and text that is
mostly UTF-8 with a few broken bytes is kept as UTF-8 (with a warning) rather
than re-read as GB18030 mojibake. Newlines are normalised to ``\\n`` so the
same text in any of these encodings has the same content hash.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass

MAX_BROKEN_UTF8_SHARE = 0.01  # above this share of bad sequences it is not UTF-8

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Decoded:
    """The outcome of decoding: ``text`` is None when the bytes were refused."""

    text: str | None
    encoding: str | None
    reason: str | None = None
    warning: str | None = None
    warning_line: int | None = None


def normalise_newlines(text: str) -> str:
    r"""CRLF and lone CR become LF.

    >>> normalise_newlines("a\r\nb\rc\n")
    'a\nb\nc\n'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def content_sha256(text: str) -> str:
    """Hash of the normalised text, so encoding and line endings do not matter."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode_bytes(data: bytes) -> Decoded:
    """Decode digest bytes, refusing binary and undecodable input.

    >>> decode_bytes("速递".encode("gb18030")).encoding
    'gb18030'
    >>> decode_bytes(b"\\x00\\x01\\x02binary").reason
    'binary file (contains NUL bytes), not a text digest'
    """
    if not data.strip():
        return Decoded(None, None, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding)
    if b"\x00" in data:
        return Decoded(None, None, "binary file (contains NUL bytes), not a text digest")
    try:
        return Decoded(normalise_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as err:
        first_bad = err.start
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        line = data.count(b"\n", 0, first_bad) + 1
        return Decoded(
            mostly_utf8, "utf-8", warning="invalid UTF-8 bytes replaced with �", warning_line=line
        )
    try:
        return Decoded(normalise_newlines(data.decode("gb18030")), "gb18030")
    except UnicodeDecodeError:
        return Decoded(None, None, "not valid UTF-8 or GB18030 text; save the file as UTF-8")


def _strict(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(normalise_newlines(data.decode(encoding)), encoding)
    except UnicodeDecodeError as err:
        return Decoded(None, None, f"byte-order mark says {encoding} but the bytes are not: {err}")


def _mostly_utf8(data: bytes) -> str | None:
    """The text if only a tiny share of multi-byte sequences is broken, else None."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    wide = sum(1 for ch in text if ord(ch) > 0x7F)
    if wide and broken / wide <= MAX_BROKEN_UTF8_SHARE:
        return normalise_newlines(text)
    return None
