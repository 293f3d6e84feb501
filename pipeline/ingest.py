"""Ingest: a file becomes an `Article` (decoded, normalised, its layout recognised) or an error.

The stored text is NFC with `\\n` line ends; every offset in every table indexes it. The
article id is the SHA-256 of that text, so the same article twice is one article.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from pipeline import lexicon
from pipeline.errors import IngestError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIME_BUDGET",
    "Article",
    "Layout",
    "article_id",
    "decode",
    "discover",
    "layout",
    "normalise",
    "read_article",
    "sidecar_date",
]

# The limits of one article: larger files are rejected unread; an article whose
# extraction runs longer than the budget (seconds) is rejected, and the run goes on.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_TIME_BUDGET = 30.0

# Control characters that never occur in prose; a share of them marks a binary file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CREDIT_LINE = re.compile(
    r"^[^\W\d_][\w.'’\- ]{1,60}/[ ]?[^\W\d_][\w.'’\- ]{1,40}$"
)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the title, source, credit and date lines are; `None` when absent."""

    title: str | None
    source: str | None
    credit: str | None
    date_line: tuple[int, int] | None  # offsets of a publication-date line


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str
    path: str
    text: str
    encoding: str
    layout: Layout
    size: int
    mtime: float


def discover(paths: Sequence[str | Path]) -> Iterator[Path]:
    """Every `*.txt` under the given folders (recursive, sorted) and the given files, once each."""
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        candidates = sorted(p for p in path.rglob("*.txt")) if path.is_dir() else [path]
        for candidate in candidates:
            key = candidate.absolute()
            if key not in seen:
                seen.add(key)
                yield candidate


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text and name the encoding used; refuse binary and empty input.

    Order: a byte-order mark decides (UTF-8, UTF-16); then strict UTF-8; then
    Windows-1252 (which maps every byte that a Latin-1 file uses in prose).
    """
    if not data.strip():
        raise IngestError("empty", "the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(data[3:].decode("utf-8", errors="strict"), "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError("undecodable", f"invalid UTF-16 ({exc.reason})") from None
    if b"\x00" in data:
        raise IngestError("binary", "the file holds NUL bytes: binary, not text")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise IngestError(
            "undecodable",
            f"neither UTF-8 (byte {utf8_error.start}: {utf8_error.reason}) nor Windows-1252",
        ) from None
    return _checked(text, "cp1252")


def _checked(text: str, encoding: str) -> tuple[str, str]:
    if len(_CONTROL.findall(text)) > max(2, len(text) // 200):
        raise IngestError("binary", "the file holds control characters: binary, not text")
    return text, encoding


def normalise(text: str) -> str:
    """NFC, `\\n` line ends, no BOM, no stray control characters."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = lexicon.load("ingest", "common")

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    source = re.compile(rf"^\s*(?:{alternation(data['source_words'])})\s*:\s*(.+?)\s*$", re.I)
    credit = re.compile(rf"^\s*(?:{alternation(data['credit_words'])})\s*:?\s*(.+?)\s*$", re.I)
    published = re.compile(rf"^\s*(?:{alternation(data['published_words'])})\b", re.I)
    return source, credit, published


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def layout(text: str) -> Layout:
    """Recognise the title (first non-empty line), a trailing source line, a photo-credit
    line near the top, and a publication-date line among the first lines."""
    source_re, credit_re, published_re = _cues()
    lines = [ln for ln in _lines(text) if ln[2].strip()]
    if not lines:
        return Layout(None, None, None, None)
    title = lines[0][2].strip()
    source = None
    match = source_re.match(lines[-1][2]) if len(lines) > 1 else None
    if match:
        # "Source : The Register : The Register" names one publication.
        parts = [p.strip() for p in re.split(r"\s+:\s+|\s*:\s*$", match.group(1)) if p.strip()]
        source = parts[0] if parts else None
    credit = None
    date_line = None
    for start, end, line in lines[1:4]:
        stripped = line.strip()
        if credit is None and (_CREDIT_LINE.match(stripped) or (
            credit_re.match(stripped) and len(stripped) < 80 and "/" in stripped
        )):
            credit = stripped
        elif date_line is None and published_re.match(stripped) and len(stripped) < 80:
            date_line = (start, end)
    return Layout(title, source, credit, date_line)


def sidecar_date(path: Path) -> date | None:
    """`published` of `<name>.meta.json` beside the article, if there is one."""
    meta = path.with_suffix(".meta.json")
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        return date.fromisoformat(str(data["published"])[:10])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def read_article(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read, decode and normalise one file; raise `IngestError` with a clear reason."""
    try:
        if path.is_symlink() and not path.exists():
            raise IngestError("vanished", "a dangling symbolic link")
        if not path.exists():
            raise IngestError("vanished", "the file disappeared before it could be read")
        if not path.is_file():
            raise IngestError("not_a_file", "not a regular file (a directory or device)")
        stat = path.stat()
        if stat.st_size > max_bytes:
            raise IngestError(
                "too_large", f"{stat.st_size} bytes, over the limit of {max_bytes} bytes"
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except IngestError:
        raise
    except PermissionError:
        raise IngestError("unreadable", "permission denied") from None
    except FileNotFoundError:
        raise IngestError("vanished", "the file disappeared before it could be read") from None
    except OSError as exc:
        raise IngestError("unreadable", exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        raise IngestError("too_large", f"over the limit of {max_bytes} bytes (it grew while read)")
    raw, encoding = decode(data)
    text = normalise(raw)
    if not text.strip():
        raise IngestError("empty", "no text once decoded")
    return Article(
        article_id=article_id(text),
        path=str(path),
        text=text,
        encoding=encoding,
        layout=layout(text),
        size=stat.st_size,
        mtime=stat.st_mtime,
    )
