"""Write the tables of a newsmetrics database to files: Parquet, CSV or JSON Lines.

DuckDB's own `COPY ... TO` does the writing (fast, streaming, exact types). Each table
goes to `<out_dir>/<table>.<ext>` through a temporary file renamed into place, so a failed
export never leaves a half-written file under the final name.

Type mapping, chosen so that DuckDB, pyarrow, pandas and polars read the files without
options:

- DECIMAL(38, 6) stays DECIMAL in Parquet (a plain decimal logical type);
- JSON columns become plain strings in Parquet and CSV (DuckDB would otherwise tag them
  with the Arrow JSON extension type, which some readers refuse); in JSON Lines they stay
  nested JSON values, which is what a JSON reader expects;
- LIST columns (`VARCHAR[]`) are Parquet lists and JSON arrays; CSV has no lists, so
  DuckDB writes their text form (`[a, b]`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

import duckdb

from pipeline import db as dbmod
from pipeline.errors import InputError, QueryError

__all__ = ["EXTENSIONS", "FORMATS", "export_tables", "list_tables"]

FORMATS = ("parquet", "csv", "jsonl")
EXTENSIONS = {"parquet": "parquet", "csv": "csv", "jsonl": "jsonl"}
# Bookkeeping of the schema itself, not data.
# Bookkeeping, not data: applied schema files and the run state.
_EXCLUDED = frozenset({"schema_migrations", "state"})
_COPY_OPTIONS = {
    "parquet": "FORMAT parquet, COMPRESSION snappy",
    "csv": "FORMAT csv, HEADER true",
    "jsonl": "FORMAT json",
}
_JSON_TYPE = re.compile(r"\bJSON\b")


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def list_tables(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """The data tables (and views) of the main schema, sorted; schema bookkeeping excluded."""
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_catalog = current_database() AND table_schema = 'main' "
        "ORDER BY table_name"
    ).fetchall()
    return [str(r[0]) for r in rows if str(r[0]) not in _EXCLUDED]


def _columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str, bool]]:
    """(name, DuckDB type, nullable) of each column, in order."""
    rows = conn.execute(
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND table_schema = 'main' "
        "AND table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [(str(r[0]), str(r[1]), str(r[2]).upper() != "NO") for r in rows]


def _select(conn: duckdb.DuckDBPyConnection, table: str, fmt: str) -> str:
    """The SELECT that COPY writes: every column, JSON turned into text where asked."""
    parts = []
    for name, dtype, nullable in _columns(conn, table):
        expr = _quote(name)
        is_json = bool(_JSON_TYPE.search(dtype.upper()))
        if fmt != "jsonl" and is_json:
            expr = f"CAST({expr} AS {_JSON_TYPE.sub('VARCHAR', dtype.upper())})"
        if fmt == "parquet" and (nullable or is_json):
            # DuckDB marks a Parquet column REQUIRED when the scan's statistics prove it has
            # no NULL, so the file schema would change with the data (an empty table would
            # be all REQUIRED; a JSON-to-text cast keeps or loses its statistics depending
            # on string lengths). A volatile, always-true condition hides the statistics:
            # nullable and JSON columns are always OPTIONAL, the other NOT NULL ones
            # always REQUIRED.
            expr = f"CASE WHEN random() >= 0 THEN {expr} END"
        parts.append(f"{expr} AS {_quote(name)}")
    return f"SELECT {', '.join(parts) or '*'} FROM {_quote(table)}"


def _check_name(table: str) -> None:
    # The table name becomes a file name: it must not climb out of out_dir.
    if not table or table != Path(table).name or table.startswith("."):
        raise InputError(f"cannot export table {table!r}: its name is not a plain file name")


def export_tables(
    db: str | Path,
    out_dir: str | Path,
    fmt: str = "parquet",
    tables: Sequence[str] | None = None,
) -> list[Path]:
    """Write each table to `out_dir/<table>.<ext>` (overwriting); return the paths written.

    `tables=None` exports every table of the main schema except the bookkeeping ones
    (`schema_migrations`, `state`).

    Example: `export_tables("news.duckdb", "out", "parquet")` ->
    `[Path("out/articles.parquet"), Path("out/checks.parquet"), ...]`.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if isinstance(tables, str):  # one name, not a sequence of one-letter names
        tables = [tables]
    conn = dbmod.connect(db, read_only=True)
    try:
        available = list_tables(conn)
        if tables is None:
            chosen = available
        else:
            unknown = [t for t in tables if t not in available]
            if unknown:
                raise InputError(
                    f"no table named {', '.join(repr(t) for t in unknown)} in {db}; "
                    f"tables: {', '.join(available)}"
                )
            chosen = list(dict.fromkeys(tables))
        target_dir = Path(out_dir)
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot use {target_dir} as the export folder: {exc}") from None
        written = []
        for table in chosen:
            _check_name(table)
            written.append(_copy(conn, table, target_dir, fmt))
        return written
    finally:
        conn.close()


def _copy(conn: duckdb.DuckDBPyConnection, table: str, target_dir: Path, fmt: str) -> Path:
    final = target_dir / f"{table}.{EXTENSIONS[fmt]}"
    partial = target_dir / f".{table}.{EXTENSIONS[fmt]}.partial"
    sql = f"COPY ({_select(conn, table, fmt)}) TO ? ({_COPY_OPTIONS[fmt]})"
    try:
        conn.execute(sql, [str(partial)])
        os.replace(partial, final)
    except duckdb.Error as exc:
        raise QueryError(f"cannot export table {table} to {final}: {exc}") from None
    except OSError as exc:
        raise QueryError(f"cannot write {final}: {exc}") from None
    finally:
        if partial.exists():
            partial.unlink()
    return final
