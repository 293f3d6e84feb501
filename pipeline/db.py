"""The one owner of the DuckDB connection: schema, bulk writes, read-only access.

Schema changes are SQL files in `schemas/` applied in order and recorded in
`schema_migrations`. Writes go through Arrow tables (`INSERT ... SELECT` from a
registered Arrow table: the fastest path measured) inside one transaction per batch of
articles, so a killed run leaves whole articles or none.
"""

from __future__ import annotations

import decimal
import json
import time
import weakref
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.errors import DatabaseError
from pipeline.types import jsonable

__all__ = [
    "ARTICLE_TABLES",
    "DEFAULT_DB",
    "apply_schema",
    "connect",
    "insert_rows",
    "stored_ids",
    "table_columns",
    "to_arrow",
]

DEFAULT_DB = "newsmetrics.duckdb"
# Tables whose rows belong to one article (deleted with it when it changes).
ARTICLE_TABLES = ("money", "dates", "durations", "entities", "roles", "facts")
DECIMAL = pa.decimal128(38, 6)
_QUANTUM = Decimal("0.000001")
_CONTEXT = decimal.Context(prec=38)  # DECIMAL(38, 6): the default 28 digits are too few
# A writer's buffer pool otherwise grows towards 80% of the machine's memory as the
# file grows; a run streams small batches and needs little of it (DuckDB spills to disk
# past the limit). Readers keep DuckDB's default for users' own queries.
_WRITER_MB = 64
_MIB = 1 << 20


def writer_memory_limit(largest_text: int = 0) -> str:
    """The writer's buffer pool: 64 MB, or room for the largest article allowed (its
    text passes through the pool in one block, with copies): `--max-bytes` 100 MB needs
    more than a run of 5 MB articles."""
    return f"{max(_WRITER_MB, 3 * (largest_text // _MIB) + 32)}MB"


def _schema_files() -> list[tuple[str, str]]:
    folder = resources.files("pipeline") / "schemas"
    files = sorted(
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    )
    if not files:
        raise DatabaseError("no schema files found in pipeline/schemas")
    return files


def connect(
    path: str | Path, *, read_only: bool = False, wait: float = 0.0, largest_text: int = 0
) -> duckdb.DuckDBPyConnection:
    """Open the database; a writer applies pending schema files first.

    DuckDB lets one process write a file, and no other process read it meanwhile: when
    the file is locked, retry for up to `wait` seconds, then fail with a clear message.
    """
    target = str(path)
    if read_only and target != ":memory:" and not Path(target).exists():
        raise DatabaseError(f"no database at {target}: run `newsmetrics run` first")
    deadline = time.monotonic() + wait
    while True:
        try:
            conn = duckdb.connect(
                target,
                read_only=read_only,
                config={} if read_only else {"memory_limit": writer_memory_limit(largest_text)},
            )
            break
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" not in message.lower():
                raise DatabaseError(f"cannot open {target}: {message}") from None
            if time.monotonic() >= deadline:
                raise DatabaseError(
                    f"{target} is in use by another newsmetrics process (DuckDB allows one "
                    "writer and no readers beside it); wait for it to finish, or pass --wait "
                    "SECONDS"
                ) from None
            time.sleep(0.25)
        except duckdb.Error as exc:
            raise DatabaseError(f"cannot open {target}: {exc}") from None
    if not read_only:
        apply_schema(conn)
    return conn


def apply_schema(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the schema files not applied yet, in order; return their names."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    _COLUMNS.pop(conn, None)  # the schema may change below
    done = {row[0] for row in conn.execute("SELECT name FROM schema_migrations").fetchall()}
    applied = []
    for name, sql in _schema_files():
        if name in done:
            continue
        conn.execute("BEGIN TRANSACTION")
        try:
            conn.execute(sql)
            conn.execute("INSERT INTO schema_migrations (name) VALUES (?)", [name])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


def table_columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of each column of `table`, in order."""
    rows = conn.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]


def _arrow_type(duck_type: str) -> pa.DataType:
    t = duck_type.upper()
    if t.startswith("DECIMAL"):
        return DECIMAL
    if t.endswith("[]"):
        return pa.list_(_arrow_type(t[:-2]))
    return {
        "VARCHAR": pa.string(),
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"),
        "JSON": pa.string(),
    }.get(t, pa.string())


def _cell(value: Any, duck_type: str) -> Any:
    if value is None:
        return None
    upper = duck_type.upper()
    if upper.startswith("DECIMAL"):
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        return number.quantize(_QUANTUM, context=_CONTEXT)
    if upper == "JSON":
        return json.dumps(jsonable(value), ensure_ascii=False, sort_keys=True)
    if upper.endswith("[]"):
        return [_cell(v, upper[:-2]) for v in value]
    return value


def _converts(duck_type: str) -> bool:
    """Whether values of this column type need `_cell` before Arrow takes them."""
    upper = duck_type.upper()
    return upper.startswith("DECIMAL") or upper == "JSON" or (
        upper.endswith("[]") and _converts(upper[:-2])
    )


def to_arrow(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[tuple[str, str]]
) -> pa.Table:
    """Dict rows as an Arrow table typed like the DuckDB columns the rows use."""
    present: set[str] = set()
    for r in rows:
        present.update(r)
    return pa.table({
        name: pa.array(
            [_cell(r.get(name), dtype) for r in rows] if _converts(dtype)
            else [r.get(name) for r in rows],
            type=_arrow_type(dtype),
        )
        for name, dtype in columns if name in present
    })


# Column lists per connection and table: a run writes the same tables batch after batch.
_COLUMNS: weakref.WeakKeyDictionary[
    duckdb.DuckDBPyConnection, dict[str, list[tuple[str, str]]]
] = weakref.WeakKeyDictionary()


def _columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    known = _COLUMNS.setdefault(conn, {})
    columns = known.get(table)
    if columns is None:
        columns = table_columns(conn, table)
        if columns:
            known[table] = columns
    return columns


def insert_rows(
    conn: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Mapping[str, Any]]
) -> int:
    """Insert dict rows into `table` in one Arrow batch; missing keys take NULL/defaults."""
    if not rows:
        return 0
    batch = to_arrow(rows, _columns(conn, table))
    names = ", ".join(f'"{name}"' for name in batch.column_names)
    conn.register("_newsmetrics_batch", batch)
    try:
        conn.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM _newsmetrics_batch')
    finally:
        conn.unregister("_newsmetrics_batch")
    return len(rows)


def stored_ids(conn: duckdb.DuckDBPyConnection, article_ids: Iterable[str]) -> list[str]:
    """Those of `article_ids` that `articles` holds (one probe of its key column)."""
    wanted = list(article_ids)
    if not wanted:
        return []
    return [r[0] for r in conn.execute(
        "SELECT article_id FROM articles WHERE list_contains(?, article_id)", [wanted]
    ).fetchall()]


def delete_articles(conn: duckdb.DuckDBPyConnection, article_ids: Iterable[str]) -> None:
    """Remove every row of these articles (their text and everything extracted from it).

    An article's rows are written with it in one transaction, so only ids present in
    `articles` have rows anywhere: the others cost one probe, not a scan of every table.
    """
    ids = stored_ids(conn, article_ids)
    if not ids:
        return
    for table in (*ARTICLE_TABLES, "articles"):
        conn.execute(f'DELETE FROM "{table}" WHERE article_id IN (SELECT unnest(?))', [ids])
