"""`run`: files -> articles -> extraction -> DuckDB, then reconciliation. Idempotent.

Each batch of articles is written in one transaction (its articles, every row extracted
from them, and their `files` entries), so a run killed at any point and run again ends
with the rows of one uninterrupted run. Unchanged files are skipped by their hash
before any NLP work.
"""

from __future__ import annotations

import dataclasses
import gc
import itertools
import json
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
# Characters of article text per batch at most, whatever --batch-size says: the batch's
# rows pass through the DuckDB writer's capped buffer pool (db.writer_memory_limit) at once.
BATCH_CHARS = 4_000_000

__all__ = [
    "RunSummary", "mark_changed", "reconcile_changed", "reconcile_db", "reconcile_if_needed",
    "run",
]

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


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _fields(obj: Any) -> dict[str, Any]:
    names = _FIELD_NAMES.get(type(obj))
    if names is None:
        names = _FIELD_NAMES[type(obj)] = tuple(f.name for f in dataclasses.fields(obj))
    return {name: getattr(obj, name) for name in names}


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
    replaced = [r["article_id"] for r in tables.get("_replaces", [])]
    conn.execute("BEGIN TRANSACTION")
    try:
        names = _fact_names(conn, dbmod.stored_ids(conn, [*replaced, *ids]))
        names.update(r["entity"] for r in tables.get("facts", []) if r.get("entity"))
        dbmod.delete_articles(conn, replaced)
        dbmod.delete_articles(conn, ids)
        conn.execute("DELETE FROM files WHERE path IN (SELECT unnest(?))", [paths])
        conn.execute("DELETE FROM rejected WHERE path IN (SELECT unnest(?))", [paths])
        for table in WRITE_ORDER:
            dbmod.insert_rows(conn, table, tables.get(table, []))
        mark_changed(conn, names)
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


def _batches(
    works: Iterator[_Work], size: int, max_chars: int = BATCH_CHARS
) -> Iterator[list[_Work]]:
    """Batches of `size` articles, cut sooner when their texts pass `max_chars`, so a
    batch of long articles holds as little memory as one of short ones."""
    batch: list[_Work] = []
    chars = 0
    for work in works:
        batch.append(work)
        chars += len(work.article.text)
        if len(batch) >= size or chars >= max_chars:
            yield batch
            batch = []
            chars = 0
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
    conn = dbmod.connect(db, wait=wait, largest_text=max_bytes)
    interrupted = threading.Event()
    restore = _on_interrupt(interrupted)
    done = 0

    def settled(n: int) -> None:
        """Count files whose outcome is stored, for the progress bar."""
        nonlocal done
        done += n
        if progress is not None:
            progress(done, len(files))

    thresholds = gc.get_threshold()
    caller_froze = gc.get_freeze_count() > 0  # a caller's own freeze is left as it is
    gc.set_threshold(_GC_YOUNG, *thresholds[1:])
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
            del tables, results
            _settle_heap()
            if interrupted.is_set():
                summary.interrupted = True
                break
        if not summary.interrupted:
            summary.removed = _removed(conn, paths, files, prune=prune)
        summary.conflicts = reconcile_if_needed(conn)
    finally:
        gc.set_threshold(*thresholds)
        if not caller_froze:
            gc.unfreeze()
        restore()
        conn.close()
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


# Allocations between two collections of the young generation during a run (Python's
# default is 700): an article allocates tens of thousands of short-lived objects.
_GC_YOUNG = 20_000


def _settle_heap() -> None:
    """Exempt every object alive after a batch from later collections (`gc.freeze`, a
    constant-time move): the models, word lists and caches loaded so far are millions of
    objects that each full collection would otherwise walk again. A batch leaves no
    cyclic garbage once the word lists are loaded (measured), and what dies later is
    still freed by reference counting; `run` unfreezes on return."""
    gc.freeze()


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
            names = _fact_names(conn, orphans)
            dbmod.delete_articles(conn, orphans)
            mark_changed(conn, names)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(gone)


# Linking compares names pairwise: past this many companies, keys alone decide.
_LINK_LIMIT = 2000
# Facts read per query: whole companies up to about this many facts (a larger company is
# read alone), so reconciliation holds a bounded slice of the corpus, never all of it.
_FACTS_PER_QUERY = 5_000


def _corpus_key(counts: dict[str, int]) -> Callable[[str], str]:
    """One key per company across articles: "Stabilité AI" in one article and "Stability
    AI" in another are one company; so are "Acme SA" and "ACME"."""
    mapping: dict[str, str] = {}
    if len(counts) <= _LINK_LIMIT:
        mapping = link([Surface(name, "ORG", count=n) for name, n in sorted(counts.items())])
    return lambda name: canonical_key(mapping.get(name, name))


# `state` rows: "dirty:<name>" for each entity name whose facts changed since the last
# reconciliation, and the company key of every name at the last reconciliation.
_DIRTY = "dirty:"
_KEYS = "company_keys"


def mark_dirty(conn: duckdb.DuckDBPyConnection) -> None:
    """Record, inside the caller's transaction, that the whole profile must be rebuilt."""
    conn.execute("UPDATE state SET value = 'false' WHERE key = 'reconciled'")


def mark_changed(conn: duckdb.DuckDBPyConnection, names: set[str]) -> None:
    """Record, inside the caller's transaction, the entity names whose facts changed: the
    next reconciliation redoes their companies only (unless a full rebuild is owed)."""
    row = conn.execute("SELECT value FROM state WHERE key = 'reconciled'").fetchone()
    if row is None or row[0] not in ("true", "partial"):
        mark_dirty(conn)
        return
    if names:
        conn.execute(
            "INSERT INTO state SELECT ? || name, '' FROM unnest(?) AS t(name) "
            "ON CONFLICT DO NOTHING", [_DIRTY, sorted(names)],
        )
    conn.execute("UPDATE state SET value = 'partial' WHERE key = 'reconciled'")


def _fact_names(conn: duckdb.DuckDBPyConnection, article_ids: list[str]) -> set[str]:
    """The entity names of the stored facts of these articles."""
    if not article_ids:
        return set()
    return {r[0] for r in conn.execute(
        "SELECT DISTINCT entity FROM facts WHERE entity IS NOT NULL "
        "AND article_id IN (SELECT unnest(?))", [article_ids],
    ).fetchall()}


def reconcile_if_needed(conn: duckdb.DuckDBPyConnection) -> int:
    """Reconcile what changed since the last reconciliation (nothing when nothing was
    written); return the number of conflicts in the profile."""
    row = conn.execute("SELECT value FROM state WHERE key = 'reconciled'").fetchone()
    state = row[0] if row is not None else "false"
    if state == "partial":
        return reconcile_changed(conn)
    if state != "true":
        return reconcile_db(conn)
    return _conflicts(conn)


def _conflicts(conn: duckdb.DuckDBPyConnection) -> int:
    found = conn.execute("SELECT count(*) FROM profile WHERE agreement = 'conflict'").fetchone()
    return int(found[0]) if found else 0


def _company_chunks(
    names_by_key: dict[str, list[str]], counts: dict[str, int]
) -> Iterator[list[str]]:
    """The entity names of whole companies, a slice of about `_FACTS_PER_QUERY` facts at a
    time, in key order."""
    names: list[str] = []
    size = 0
    for k in sorted(names_by_key):
        n = sum(counts[name] for name in names_by_key[k])
        if names and size + n > _FACTS_PER_QUERY:
            yield names
            names, size = [], 0
        names.extend(names_by_key[k])
        size += n
    if names:
        yield names


def _companies(
    conn: duckdb.DuckDBPyConnection,
) -> tuple[dict[str, int], Callable[[str], str], dict[str, str]]:
    """Facts per entity name, the corpus key function, and each name's key."""
    counts = dict(conn.execute(
        "SELECT entity, count(*) FROM facts WHERE entity IS NOT NULL GROUP BY entity"
    ).fetchall())
    key = _corpus_key(counts)
    return counts, key, {name: key(name) for name in sorted(counts)}


def _rebuild(
    conn: duckdb.DuckDBPyConnection,
    counts: dict[str, int],
    key: Callable[[str], str],
    keys: dict[str, str],
    redo: set[str] | None,
) -> None:
    """Inside the caller's transaction: profile and checks rows of the companies whose
    key is in `redo` (all when None), a slice of companies at a time, then the
    `entity_index` and the state of a finished reconciliation."""
    names_by_key: dict[str, list[str]] = {}
    for name, k in keys.items():
        if redo is None or k in redo:
            names_by_key.setdefault(k, []).append(name)
    for names in _company_chunks(names_by_key, counts):
        cursor = conn.execute(
            "SELECT * FROM facts WHERE entity IN (SELECT unnest(?)) "
            "ORDER BY article_id, start", [names],
        )
        fields = [d[0] for d in cursor.description]
        facts = [dict(zip(fields, row, strict=True)) for row in cursor.fetchall()]
        profile, checks = reconcile(facts, key=key)
        del facts
        dbmod.insert_rows(conn, "profile", profile)
        dbmod.insert_rows(conn, "checks", checks)
    conn.execute("DELETE FROM entity_index")
    conn.execute(
        """
        INSERT INTO entity_index
        SELECT entity_id, mode(canonical), mode(label),
               list_sort(list_distinct(list(text))), count(*), count(DISTINCT article_id)
        FROM entities GROUP BY entity_id
        """
    )
    # Past the linking limit a name's key is its own canonical key: nothing to remember.
    stored = json.dumps(keys, ensure_ascii=False) if len(keys) <= _LINK_LIMIT else "null"
    conn.execute("DELETE FROM state WHERE starts_with(key, ?)", [_DIRTY])
    conn.execute(
        "INSERT INTO state VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value",
        [_KEYS, stored],
    )
    conn.execute("UPDATE state SET value = 'true' WHERE key = 'reconciled'")


def reconcile_db(conn: duckdb.DuckDBPyConnection) -> int:
    """Rebuild `profile`, `checks` and `entity_index` from the stored rows; return conflicts.

    Companies are reconciled a slice at a time (all the facts of one company together),
    so memory is bounded by the largest company, not the corpus.
    """
    counts, key, keys = _companies(conn)
    return _reconcile(conn, counts, key, keys, None, None)


def _reconcile(
    conn: duckdb.DuckDBPyConnection,
    counts: dict[str, int],
    key: Callable[[str], str],
    keys: dict[str, str],
    stale: set[str] | None,
    redo: set[str] | None,
) -> int:
    """One transaction: clear the profile and checks rows of the `stale` names (all when
    None), rebuild those of the companies in `redo` (all when None); return conflicts."""
    conn.execute("BEGIN TRANSACTION")
    try:
        for table in ("profile", "checks"):
            if stale is None:
                conn.execute(f"DELETE FROM {table}")
            else:
                conn.execute(
                    f"DELETE FROM {table} WHERE entity IN (SELECT unnest(?))", [sorted(stale)]
                )
        _rebuild(conn, counts, key, keys, redo)
        conflicts = _conflicts(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return conflicts


def _affected(
    old: dict[str, str] | None, new: dict[str, str], dirty: set[str]
) -> tuple[set[str], set[str]]:
    """(names whose stored profile rows are out of date, company keys to reconcile again).

    A company is redone when one of its names has changed facts or changed company, and
    so is every company that shares a name with a redone one, before or after (a new
    name can join two companies; a name can leave one)."""
    names = set(new) | dirty | (set(old) if old is not None else set())

    def before(name: str) -> str | None:
        if old is None:
            return canonical_key(name)
        return old.get(name)

    moved = {n for n in names if n in dirty or before(n) != new.get(n)}
    old_keys = {k for n in moved if (k := before(n)) is not None}
    new_keys = {new[n] for n in moved if n in new}
    grown = True
    while grown:
        grown = False
        for name in names:
            was, now = before(name), new.get(name)
            if was in old_keys and now is not None and now not in new_keys:
                new_keys.add(now)
                grown = True
            if now in new_keys and was is not None and was not in old_keys:
                old_keys.add(was)
                grown = True
    # The names of a redone company lose their rows too (a new name's, left by nothing
    # before, is harmless to clear).
    stale = {n for n in names if before(n) in old_keys or new.get(n) in new_keys}
    return stale, new_keys


def reconcile_changed(conn: duckdb.DuckDBPyConnection) -> int:
    """Reconcile again only the companies whose facts changed since the last
    reconciliation (recorded by `mark_changed`); the rest of the profile stays. The
    result is the one `reconcile_db` gives. Returns the conflicts of the whole profile."""
    found = conn.execute("SELECT value FROM state WHERE key = ?", [_KEYS]).fetchone()
    if found is None:
        return reconcile_db(conn)
    old = json.loads(found[0])
    dirty = {r[0][len(_DIRTY):] for r in conn.execute(
        "SELECT key FROM state WHERE starts_with(key, ?)", [_DIRTY]
    ).fetchall()}
    counts, key, keys = _companies(conn)
    stale, redo = _affected(old, keys, dirty)
    return _reconcile(conn, counts, key, keys, stale, redo)
