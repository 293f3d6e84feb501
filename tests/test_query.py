from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import db
from pipeline.errors import DatabaseError, QueryError
from pipeline.query import format_result, run_query


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    path = tmp_path / "small.duckdb"
    conn = db.connect(path)
    db.insert_rows(conn, "rejected", [{"path": "a.txt", "reason": "empty", "code": "empty"}])
    conn.close()
    return path


REFUSED = [
    "DROP TABLE rejected",
    "INSERT INTO rejected (path, reason, code) VALUES ('x', 'y', 'z')",
    "DELETE FROM rejected",
    "COPY rejected TO 'out.csv'",
    "ATTACH 'other.duckdb'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "CREATE TABLE t (x INT)",
    "SELECT 1; DROP TABLE rejected",
    "SET threads = 1",
]


@pytest.mark.parametrize("sql", REFUSED)
def test_query_refuses_statements_that_write(small_db: Path, sql: str) -> None:
    with pytest.raises((QueryError, DatabaseError)):
        run_query(small_db, sql)
    assert run_query(small_db, "SELECT count(*) FROM rejected").rows == [[1]]


def test_query_refuses_file_writes_inside_select(small_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "leak.csv"
    with pytest.raises(QueryError):
        run_query(small_db, f"SELECT * FROM read_csv('{target}')")
    assert not target.exists()


def test_query_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no database"):
        run_query(tmp_path / "nope.duckdb", "SELECT 1")


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_formats(small_db: Path, fmt: str) -> None:
    out = format_result(run_query(small_db, "SELECT path, code FROM rejected"), fmt)
    if fmt == "json":
        assert json.loads(out) == [{"path": "a.txt", "code": "empty"}]
    elif fmt == "csv":
        assert out.splitlines() == ["path,code", "a.txt,empty"]
    else:
        assert out.splitlines()[0].split() == ["path", "code"]
        assert "a.txt" in out.splitlines()[2]


def test_query_schema_applied_once_and_recorded(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    conn = db.connect(path)
    conn.close()
    conn = db.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM schema_migrations").fetchall()]
    conn.close()
    assert names == ["001_init.sql", "002_state.sql", "003_open_dates.sql"]
