"""Read-only SQL over a newsmetrics database, and the output formats shared by commands."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from pipeline import db as dbmod
from pipeline.errors import QueryError
from pipeline.types import jsonable as plain

__all__ = ["FORMATS", "Result", "format_result", "plain", "run_query"]

FORMATS = ("table", "csv", "json")
_ALLOWED = {"SELECT", "EXPLAIN", "PRAGMA"}


class Result:
    def __init__(self, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        self.columns = list(columns)
        self.rows = [list(r) for r in rows]


def run_query(db: str | Path, sql: str) -> Result:
    """Run one read-only statement; refuse anything that writes data or files."""
    conn = dbmod.connect(db, read_only=True)
    try:
        try:
            statements = conn.extract_statements(sql)
        except duckdb.Error as exc:
            raise QueryError(f"cannot parse the query: {exc}") from None
        if len(statements) != 1:
            raise QueryError("give exactly one SQL statement")
        kind = statements[0].type.name
        if kind not in _ALLOWED:
            raise QueryError(
                f"{kind} statements are refused: `query` is read-only "
                "(SELECT, EXPLAIN and PRAGMA only; no COPY, ATTACH, INSTALL/LOAD or writes)"
            )
        # No file or network access from a query: COPY ... TO and friends stay closed
        # even inside a SELECT (e.g. through table functions that write).
        conn.execute("SET enable_external_access = false")
        conn.execute("SET lock_configuration = true")
        try:
            cursor = conn.execute(sql)
            columns = [d[0] for d in cursor.description or []]
            return Result(columns, cursor.fetchall())
        except duckdb.Error as exc:
            raise QueryError(str(exc).splitlines()[0]) from None
    finally:
        conn.close()


def _text(value: Any) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def format_result(result: Result, fmt: str = "table", *, max_width: int = 60) -> str:
    """The rows as an aligned text table, CSV, or a JSON list of objects."""
    if fmt == "json":
        return json.dumps(
            [dict(zip(result.columns, map(plain, row), strict=True)) for row in result.rows],
            ensure_ascii=False, indent=2,
        )
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([_text(v) for v in row] for row in result.rows)
        return buffer.getvalue().rstrip("\n")
    cells = [[_cut(_text(v), max_width) for v in row] for row in result.rows]
    widths = [len(c) for c in result.columns]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    line = "  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join([line.rstrip(), rule, *(b.rstrip() for b in body)])


def _cut(text: str, width: int) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"
