"""The database layer: the capped buffer pool fits the largest article; migrations keep rows."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from pipeline import db


def _article_row(conn: duckdb.DuckDBPyConnection, text: str) -> dict[str, object]:
    row: dict[str, object] = {name: None for name, _ in db.table_columns(conn, "articles")}
    row.update(
        article_id="a" * 64, path="long.txt", text=text, language="fr",
        language_confidence=1.0, encoding="utf-8", reference_date_source="none",
        ingested_at=datetime(2026, 1, 1),
    )
    return row


def test_db_writer_pool_fits_the_largest_article_allowed(tmp_path: Path) -> None:
    """A 60 MB article under `--max-bytes` 64 MB is stored, not an out-of-memory error;
    the default pool (for 5 MiB articles) is too small for it, so the sizing matters."""
    text = "Le chiffre d'affaires a été publié. " * (60_000_000 // 36)
    conn = db.connect(tmp_path / "big.duckdb", largest_text=64_000_000)
    db.insert_rows(conn, "articles", [_article_row(conn, text)])
    assert conn.execute("SELECT length(text) FROM articles").fetchone() == (len(text),)
    conn.close()
    small = db.connect(tmp_path / "small.duckdb")
    with pytest.raises(duckdb.OutOfMemoryException):
        db.insert_rows(small, "articles", [_article_row(small, text)])
    small.close()


def test_db_open_interval_migration_keeps_rows(tmp_path: Path) -> None:
    """A database made before open intervals (dates bounds NOT NULL) is migrated in
    place: its rows stay, and a date with one NULL bound is then accepted."""
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    files = dict(db._schema_files())
    old.execute(
        "CREATE TABLE schema_migrations ("
        " name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    for name in ("001_init.sql", "002_state.sql"):
        old.execute(files[name])
        old.execute("INSERT INTO schema_migrations (name) VALUES (?)", [name])
    db.insert_rows(old, "articles", [_article_row(old, "Sales peaked before 2010.")])
    with pytest.raises(duckdb.ConstraintException):
        old.execute("INSERT INTO dates VALUES (?, 0, 11, 'before 2010', NULL, DATE '2009-12-31',"
                    " 'year', false)", ["a" * 64])
    old.close()
    conn = db.connect(path)
    conn.execute("INSERT INTO dates VALUES (?, 0, 11, 'before 2010', NULL, DATE '2009-12-31',"
                 " 'year', false)", ["a" * 64])
    assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    assert conn.execute("SELECT end_date FROM dates WHERE start_date IS NULL").fetchone() == (
        datetime(2009, 12, 31).date(),
    )
    conn.close()
