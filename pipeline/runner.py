"""`run`: files -> articles -> extraction -> DuckDB, then reconciliation. Idempotent.

Each batch of articles is written in one transaction (its articles, every row extracted
from them, and their `files` entries), so a run killed at any point and run again ends
with the rows of one uninterrupted run. Unchanged files are skipped by their hash
before any NLP work.
"""

from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from pipeline import db as dbmod
from pipeline.aliases import Surface, link
from pipeline.analyse import (
    Failure,
    Item,
    analyse_batch,
    infer_reference_date,
    parse_date_line,
    warm,
)
from pipeline.entities import canonical_key, entity_id
from pipeline.errors import IngestError
from pipeline.ingest import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIME_BUDGET,
    Article,
    discover,
    read_article,
    sidecar_date,
)
from pipeline.language import detect_language
from pipeline.reconcile import reconcile
from pipeline.types import LANGUAGES, Extraction, Fact, MoneyMention

# DECIMAL(38, 6) holds 32 digits before the point.
_LARGEST = 10**32

__all__ = ["RunSummary", "reconcile_db", "reconcile_if_needed", "run"]

Progress = Callable[[int, int], None]


@dataclass
class RunSummary:
    files: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    duplicates: int = 0
    rejected: int = 0
    removed: int = 0
    money: int = 0
    dates: int = 0
    entities: int = 0
    facts: int = 0
    conflicts: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    rejections: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class _Work:
    """A file whose text is new to the database: to extract and store."""

    article: Article
    lang: str
    confidence: float
    reference_date: date | None
    reference_source: str
    before: str | None  # the article id this path held before (a changed file)
    replaces: str | None  # that id, when no other path still holds it


@dataclass(frozen=True, slots=True)
class _Seen:
    """A file whose text is stored already (unchanged, or the same text at another path)."""

    path: str
    article_id: str
    size: int
    mtime: float
    unchanged: bool


@dataclass(frozen=True, slots=True)
class _Refused:
    path: str
    error: IngestError


class _Ledger:
    """What the database holds, as planning needs it: path -> article id, stored ids."""

    def __init__(self, known: dict[str, str], stored: set[str]) -> None:
        self.known = known
        self.holders = Counter(known.values())
        self.stored = stored
        self.queued: set[str] = set()

    @classmethod
    def load(cls, conn: duckdb.DuckDBPyConnection) -> _Ledger:
        known = dict(conn.execute("SELECT path, article_id FROM files").fetchall())
        stored = {r[0] for r in conn.execute("SELECT article_id FROM articles").fetchall()}
        return cls(known, stored)


def _prepare(
    path: Path, ledger: _Ledger, *, reference_date: date | None, max_bytes: int
) -> _Work | _Seen | _Refused:
    """Read one file and decide what it needs (no database access)."""
    try:
        article = read_article(path, max_bytes=max_bytes)
    except IngestError as error:
        return _Refused(str(path), error)
    before = ledger.known.get(article.path)
    aid = article.article_id
    if before == aid or aid in ledger.stored or aid in ledger.queued:
        return _Seen(article.path, aid, article.size, article.mtime, unchanged=before == aid)
    ledger.queued.add(aid)
    shared = before is not None and ledger.holders[before] > 1
    lang, confidence = detect_language(article.text)
    reference, source = _reference(article, lang, reference_date)
    return _Work(
        article, lang, confidence, reference, source, before, None if shared else before
    )


def _fields(obj: Any) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def _reference(article: Article, lang: str, option: date | None) -> tuple[date | None, str]:
    if article.layout.date_line is not None:
        start, end = article.layout.date_line
        found = parse_date_line(article.text[start:end], lang)
        if found is not None:
            return found, "text"
    found = sidecar_date(Path(article.path))
    if found is not None:
        return found, "meta"
    if option is not None:
        return option, "option"
    found = infer_reference_date(article.text, lang)
    return (found, "inferred") if found is not None else (None, "none")


def _fits(obj: Any) -> bool:
    return all(
        getattr(obj, name, None) is None or abs(getattr(obj, name)) < _LARGEST
        for name in ("value", "min", "max")
    )


def _rows(work: _Work, result: Extraction | Failure) -> dict[str, list[dict[str, Any]]]:
    """Every row one file adds: its article, mentions and `files` entry, or its rejection."""
    a = work.article
    if isinstance(result, Failure):
        return {"rejected": [{"path": a.path, "code": result.code, "reason": result.reason}]}
    aid = a.article_id
    amounts: list[MoneyMention | Fact] = [*result.money, *result.facts]
    too_large = [m for m in amounts if not _fits(m)]
    if too_large:
        result = dataclasses.replace(
            result,
            money=tuple(m for m in result.money if _fits(m)),
            facts=tuple(f for f in result.facts if _fits(f)),
        )
    return {
        "articles": [{
            "article_id": aid, "path": a.path, "text": a.text, "language": work.lang,
            "language_confidence": work.confidence, "title": a.layout.title,
            "source": a.layout.source, "credit": a.layout.credit, "encoding": a.encoding,
            "reference_date": work.reference_date, "reference_date_source": work.reference_source,
        }],
        "money": [{"article_id": aid, **_fields(m)} for m in result.money],
        "dates": [{"article_id": aid, **_fields(d)} for d in result.dates],
        "durations": [{"article_id": aid, **_fields(d)} for d in result.durations],
        "entities": [
            {"article_id": aid, **_fields(e), "entity_id": entity_id(e.label, e.canonical)}
            for e in result.entities
        ],
        "roles": [{"article_id": aid, **_fields(r)} for r in result.roles],
        "facts": [
            {"article_id": aid, **_fields(f), "counterparties": list(f.counterparties)}
            for f in result.facts
        ],
        "files": [{"path": a.path, "article_id": aid, "size": a.size, "mtime": a.mtime}],
        "rejected": [
            {"path": a.path, "code": "overflow",
             "reason": f"amount too large to store (over 10^32): {text!r}"}
            for text in dict.fromkeys(a.text[m.start:m.end] for m in too_large)
        ],
    }


Tables = dict[str, list[dict[str, Any]]]
# Tables in the order a batch is written; "_replaces" lists article ids to delete first.
WRITE_ORDER = ("articles", *dbmod.ARTICLE_TABLES, "files", "rejected")


def batch_tables(works: Sequence[_Work], results: Sequence[Extraction | Failure]) -> Tables:
    """The rows of one batch of extracted files, table by table."""
    tables: Tables = {"_replaces": []}
    for work, result in zip(works, results, strict=True):
        for table, rows in _rows(work, result).items():
            tables.setdefault(table, []).extend(rows)
        if work.replaces and not isinstance(result, Failure):
            tables["_replaces"].append({"article_id": work.replaces})
    return tables


def seen_tables(items: Sequence[_Seen | _Refused]) -> Tables:
    """Rows for files needing no extraction: a `files` entry, or a rejection."""
    tables: Tables = {"files": [], "rejected": []}
    for item in items:
        if isinstance(item, _Refused):
            tables["rejected"].append(
                {"path": item.path, "code": item.error.code, "reason": str(item.error)}
            )
        elif not item.unchanged:
            tables["files"].append({"path": item.path, "article_id": item.article_id,
                                    "size": item.size, "mtime": item.mtime})
    return tables


def write_tables(conn: duckdb.DuckDBPyConnection, tables: Tables) -> None:
    """Store a batch in one transaction: replaced articles out, the new rows in.

    The `files` and `rejected` rows of the batch's paths replace earlier ones, so
    writing the same batch twice leaves the rows of writing it once.
    """
    paths = sorted({r["path"] for t in ("files", "rejected") for r in tables.get(t, [])})
    ids = [r["article_id"] for r in tables.get("articles", [])]
    conn.execute("BEGIN TRANSACTION")
    try:
        dbmod.delete_articles(conn, [r["article_id"] for r in tables.get("_replaces", [])])
        dbmod.delete_articles(conn, ids)
        conn.execute("DELETE FROM files WHERE path IN (SELECT unnest(?))", [paths])
        conn.execute("DELETE FROM rejected WHERE path IN (SELECT unnest(?))", [paths])
        for table in WRITE_ORDER:
            dbmod.insert_rows(conn, table, tables.get(table, []))
        mark_dirty(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def count(summary: RunSummary, tables: Tables) -> None:
    """Add a written batch to the summary."""
    for name in ("money", "dates", "entities", "facts"):
        setattr(summary, name, getattr(summary, name) + len(tables.get(name, [])))
    for row in tables.get("rejected", []):
        summary.rejected += 1
        summary.rejections.append((row["path"], row["reason"]))


def tally(summary: RunSummary, item: _Work | _Seen) -> None:
    """Count a file as new, changed, unchanged or a duplicate."""
    if isinstance(item, _Seen):
        if item.unchanged:
            summary.unchanged += 1
        else:
            summary.duplicates += 1
    elif item.before is None:
        summary.new += 1
    else:
        summary.changed += 1


def _plan(
    conn: duckdb.DuckDBPyConnection,
    files: Sequence[Path],
    summary: RunSummary,
    *,
    reference_date: date | None,
    max_bytes: int,
    settled: Callable[[int], None],
) -> Iterator[_Work]:
    """The files that need extraction; the others are settled here, as they come."""
    ledger = _Ledger.load(conn)
    for path in files:
        item = _prepare(path, ledger, reference_date=reference_date, max_bytes=max_bytes)
        if isinstance(item, _Work):
            yield item
            continue
        settled(1)
        if isinstance(item, _Seen):
            tally(summary, item)
        if isinstance(item, _Refused) or not item.unchanged:
            tables = seen_tables([item])
            write_tables(conn, tables)
            count(summary, tables)


def _batches(works: Iterator[_Work], size: int) -> Iterator[list[_Work]]:
    batch: list[_Work] = []
    for work in works:
        batch.append(work)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _items(batch: list[_Work]) -> list[Item]:
    return [(w.article.article_id, w.article.text, w.lang, w.reference_date) for w in batch]


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _extracted(
    batches: Iterator[list[_Work]], *, workers: int, time_budget: float | None
) -> Iterator[tuple[list[_Work], list[Extraction | Failure]]]:
    """Each batch with its extraction, in order; `workers` > 1 forks worker processes.

    At most two batches per worker are in flight, so memory stays bounded by the batch
    size whatever the corpus size. Models are loaded in the parent before the fork and
    shared copy-on-write.
    """
    if workers <= 1:
        for batch in batches:
            yield batch, analyse_batch(_items(batch), time_budget=time_budget)
        return
    first = next(batches, None)
    if first is None:
        return
    # Everything loaded before the fork is shared copy-on-write by the workers.
    warm(LANGUAGES)
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_ignore_sigint) as pool:
        window: deque[tuple[list[_Work], Any]] = deque()
        for batch in itertools.chain([first], batches):
            window.append((batch, pool.apply_async(
                analyse_batch, (_items(batch),), {"time_budget": time_budget}
            )))
            if len(window) >= 2 * workers:
                done, pending = window.popleft()
                yield done, pending.get()
        while window:
            done, pending = window.popleft()
            yield done, pending.get()


def run(
    paths: Sequence[str | Path],
    db: str | Path = dbmod.DEFAULT_DB,
    *,
    reference_date: date | None = None,
    batch_size: int = 64,
    max_bytes: int = DEFAULT_MAX_BYTES,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    workers: int = 1,
    prune: bool = False,
    wait: float = 0.0,
    progress: Progress | None = None,
) -> RunSummary:
    """Ingest, extract and reconcile `paths` into the DuckDB file `db`.

    A first Ctrl-C stops after the batch being written (everything written is kept and
    the profile is rebuilt from it); a second one stops at once.
    """
    started = time.perf_counter()
    summary = RunSummary()
    files = list(discover(paths))
    summary.files = len(files)
    conn = dbmod.connect(db, wait=wait)
    interrupted = threading.Event()
    restore = _on_interrupt(interrupted)
    done = 0

    def settled(n: int) -> None:
        """Count files whose outcome is stored, for the progress bar."""
        nonlocal done
        done += n
        if progress is not None:
            progress(done, len(files))

    try:
        works = _plan(
            conn, files, summary,
            reference_date=reference_date, max_bytes=max_bytes, settled=settled,
        )
        for batch, results in _extracted(
            _batches(works, batch_size), workers=workers, time_budget=time_budget
        ):
            for work, result in zip(batch, results, strict=True):
                if not isinstance(result, Failure):
                    tally(summary, work)
            tables = batch_tables(batch, results)
            write_tables(conn, tables)
            count(summary, tables)
            settled(len(batch))
            if interrupted.is_set():
                summary.interrupted = True
                break
        if not summary.interrupted:
            summary.removed = _removed(conn, paths, files, prune=prune)
        summary.conflicts = reconcile_if_needed(conn)
    finally:
        restore()
        conn.close()
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _on_interrupt(flag: threading.Event) -> Callable[[], None]:
    """First SIGINT sets `flag`; the second raises KeyboardInterrupt. Returns a restorer."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def handler(signum: int, frame: Any) -> None:
        if flag.is_set():
            raise KeyboardInterrupt
        flag.set()

    previous = signal.signal(signal.SIGINT, handler)

    def restore() -> None:
        signal.signal(signal.SIGINT, previous)

    return restore


def _removed(
    conn: duckdb.DuckDBPyConnection, roots: Sequence[str | Path], seen: Sequence[Path],
    *, prune: bool,
) -> int:
    """Files stored before under the given folders that are gone now; pruned on request."""
    seen_paths = {str(p) for p in seen}
    folders = [str(Path(r)) for r in roots if Path(r).is_dir()]
    gone = [
        path for (path,) in conn.execute("SELECT path FROM files").fetchall()
        if path not in seen_paths and any(
            path == f or path.startswith(f.rstrip("/") + "/") for f in folders
        )
    ]
    if gone and prune:
        conn.execute("BEGIN TRANSACTION")
        try:
            conn.execute("DELETE FROM files WHERE path IN (SELECT unnest(?))", [gone])
            orphans = [r[0] for r in conn.execute(
                "SELECT article_id FROM articles WHERE article_id NOT IN "
                "(SELECT article_id FROM files)"
            ).fetchall()]
            dbmod.delete_articles(conn, orphans)
            mark_dirty(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(gone)


# Linking compares names pairwise: past this many companies, keys alone decide.
_LINK_LIMIT = 2000
# Companies reconciled per query: memory is bounded by this many companies' facts.
_COMPANIES_PER_QUERY = 500


def _corpus_key(counts: dict[str, int]) -> Callable[[str], str]:
    """One key per company across articles: "Stabilité AI" in one article and "Stability
    AI" in another are one company; so are "Acme SA" and "ACME"."""
    mapping: dict[str, str] = {}
    if len(counts) <= _LINK_LIMIT:
        mapping = link([Surface(name, "ORG", count=n) for name, n in sorted(counts.items())])
    return lambda name: canonical_key(mapping.get(name, name))


def mark_dirty(conn: duckdb.DuckDBPyConnection) -> None:
    """Record, inside the caller's transaction, that the profile is out of date."""
    conn.execute("UPDATE state SET value = 'false' WHERE key = 'reconciled'")


def reconcile_if_needed(conn: duckdb.DuckDBPyConnection) -> int:
    """Reconcile unless nothing was written since the last reconciliation; return conflicts."""
    row = conn.execute("SELECT value FROM state WHERE key = 'reconciled'").fetchone()
    if row is not None and row[0] == "true":
        found = conn.execute(
            "SELECT count(*) FROM profile WHERE agreement = 'conflict'"
        ).fetchone()
        return int(found[0]) if found else 0
    return reconcile_db(conn)


def reconcile_db(conn: duckdb.DuckDBPyConnection) -> int:
    """Rebuild `profile`, `checks` and `entity_index` from the stored rows; return conflicts.

    Companies are reconciled a few hundred at a time (all the facts of one company
    together), so memory does not grow with the corpus.
    """
    counts = dict(conn.execute(
        "SELECT entity, count(*) FROM facts WHERE entity IS NOT NULL GROUP BY entity"
    ).fetchall())
    key = _corpus_key(counts)
    names_by_key: dict[str, list[str]] = {}
    for name in sorted(counts):
        names_by_key.setdefault(key(name), []).append(name)
    keys = sorted(names_by_key)
    conflicts = 0
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute("DELETE FROM profile")
        conn.execute("DELETE FROM checks")
        conn.execute("DELETE FROM entity_index")
        for first in range(0, len(keys), _COMPANIES_PER_QUERY):
            names = [n for k in keys[first:first + _COMPANIES_PER_QUERY] for n in names_by_key[k]]
            cursor = conn.execute(
                "SELECT * FROM facts WHERE entity IN (SELECT unnest(?)) "
                "ORDER BY article_id, start", [names],
            )
            columns = [d[0] for d in cursor.description]
            facts = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
            profile, checks = reconcile(facts, key=key)
            dbmod.insert_rows(conn, "profile", profile)
            dbmod.insert_rows(conn, "checks", checks)
            conflicts += sum(1 for row in profile if row.get("agreement") == "conflict")
        conn.execute(
            """
            INSERT INTO entity_index
            SELECT entity_id, mode(canonical), mode(label),
                   list_sort(list_distinct(list(text))), count(*), count(DISTINCT article_id)
            FROM entities GROUP BY entity_id
            """
        )
        conn.execute("UPDATE state SET value = 'true' WHERE key = 'reconciled'")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return conflicts
