"""export_tables: every table of a small, realistic database, in each format, read back."""

from __future__ import annotations

import csv
import hashlib
import importlib
import json
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import db
from pipeline.errors import DatabaseError, InputError
from pipeline.export import FORMATS, export_tables

A1 = hashlib.sha256(b"article one").hexdigest()
A2 = hashlib.sha256(b"article two").hexdigest()
TEXT1 = "Nordwind Energie AG steigerte 2023 den Umsatz auf 150 Millionen Euro."
TEXT2 = "Acme Corp raised more than $20 million in March 2024, CEO Jane Roe said."

# One or more rows for every table of the schema; NULLs where the schema allows them.
ROWS: dict[str, list[dict[str, Any]]] = {
    "articles": [
        {"article_id": A1, "path": "de/nordwind.txt", "text": TEXT1, "language": "de",
         "language_confidence": 0.99, "title": "Nordwind", "source": None, "credit": None,
         "encoding": "utf-8", "reference_date": date(2024, 2, 1),
         "reference_date_source": "option"},
        {"article_id": A2, "path": "en/acme.txt", "text": TEXT2, "language": "en",
         "language_confidence": 0.97, "title": "Acme", "source": "Wire", "credit": None,
         "encoding": "windows-1252", "reference_date": None, "reference_date_source": "none"},
    ],
    "files": [
        {"path": "de/nordwind.txt", "article_id": A1, "size": 71, "mtime": 1700000000.5},
        {"path": "en/acme.txt", "article_id": A2, "size": 74, "mtime": None},
    ],
    "money": [
        {"article_id": A1, "start": 49, "end": 69, "text": "150 Millionen Euro",
         "value": Decimal("150000000"), "currency": "EUR", "qualifier": None, "min": None,
         "max": None, "per": None, "negative": False},
        {"article_id": A2, "start": 17, "end": 39, "text": "more than $20 million",
         "value": Decimal("20000000.5"), "currency": "USD", "qualifier": "more_than",
         "min": None, "max": None, "per": None, "negative": False},
    ],
    "dates": [
        {"article_id": A1, "start": 30, "end": 34, "text": "2023",
         "start_date": date(2023, 1, 1), "end_date": date(2023, 12, 31), "grain": "year",
         "inferred": False},
    ],
    "durations": [
        {"article_id": A2, "start": 0, "end": 12, "text": "four months",
         "value": Decimal("4"), "unit": "month"},
    ],
    "entities": [
        {"article_id": A1, "start": 0, "end": 19, "text": "Nordwind Energie AG",
         "label": "ORG", "canonical": "Nordwind Energie AG", "entity_id": "org-nordwind"},
        {"article_id": A2, "start": 0, "end": 9, "text": "Acme Corp", "label": "ORG",
         "canonical": "Acme Corp", "entity_id": "org-acme"},
    ],
    "entity_index": [
        {"entity_id": "org-nordwind", "canonical": "Nordwind Energie AG", "label": "ORG",
         "aliases": ["Nordwind Energie AG", "Nordwind"], "mentions": 3, "articles": 1},
        {"entity_id": "org-acme", "canonical": "Acme Corp", "label": "ORG",
         "aliases": [], "mentions": 1, "articles": 1},
    ],
    "roles": [
        {"article_id": A2, "person": "Jane Roe", "role": "CEO", "organisation": None,
         "former": False, "start": 59, "end": 67, "text": "CEO Jane Roe"},
    ],
    "facts": [
        {"article_id": A1, "entity": "Nordwind Energie AG", "metric": "revenue",
         "value": Decimal("150000000"), "currency": "EUR", "qualifier": None, "min": None,
         "max": None, "period_start": date(2023, 1, 1), "period_end": date(2023, 12, 31),
         "per": None, "status": "reported", "evidence": TEXT1, "evidence_start": 0,
         "evidence_end": len(TEXT1), "start": 49, "end": 69, "duration_months": None,
         "counterparties": []},
        {"article_id": A2, "entity": None, "metric": "funding_raised",
         "value": Decimal("-0.000001"), "currency": "USD", "qualifier": "range",
         "min": Decimal("1"), "max": Decimal("1234567890123456789012.123456"),
         "period_start": None, "period_end": None, "per": None, "status": "forecast",
         "evidence": TEXT2, "evidence_start": 0, "evidence_end": len(TEXT2), "start": 17,
         "end": 39, "duration_months": Decimal("4"), "counterparties": ["Big Bank", "VC, Inc."]},
    ],
    "profile": [
        {"entity": "Nordwind Energie AG", "metric": "revenue", "period_start": date(2023, 1, 1),
         "period_end": date(2023, 12, 31), "per": None, "status": "reported",
         "value": Decimal("150000000"), "currency": "EUR", "qualifier": None, "min": None,
         "max": None, "agreement": "conflict", "n_sources": 2,
         "sources": [{"article_id": A1, "start": 49, "end": 69, "value": 150000000,
                      "qualifier": None, "evidence": TEXT1},
                     {"article_id": A2, "start": 1, "end": 5, "value": 140000000,
                      "qualifier": None, "evidence": "Umsatz: \"140\" Mio. €"}]},
    ],
    "checks": [
        {"entity": "Acme Corp", "check": "runway", "period_start": None, "period_end": None,
         "value": Decimal("0.48"), "currency": None, "unit": "months", "qualifier": "approx",
         "status": "warning", "detail": "less than one month of cash",
         "inputs": [{"metric": "cash_reserves", "value": 4000000}]},
    ],
    "rejected": [
        {"path": "bad/blob.txt", "reason": "binary file", "code": "binary", "detail": None},
    ],
}
TABLES = sorted(ROWS)
EXTENSION = {"parquet": ".parquet", "csv": ".csv", "jsonl": ".jsonl"}


def _build(path: Path) -> Path:
    conn = db.connect(path)
    for table, rows in ROWS.items():
        db.insert_rows(conn, table, rows)
    conn.close()
    return path


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("export_db") / "news.duckdb")


@pytest.fixture(scope="module")
def exported(
    sample_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, Path]]:
    """fmt -> table -> path, written once for the whole module."""
    out: dict[str, dict[str, Path]] = {}
    for fmt in FORMATS:
        paths = export_tables(sample_db, tmp_path_factory.mktemp(f"out_{fmt}"), fmt)
        out[fmt] = {p.stem: p for p in paths}
    return out


@pytest.fixture
def conn(sample_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(sample_db), read_only=True)
    yield connection
    connection.close()


def _columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str, bool]]:
    rows = conn.execute(
        "SELECT column_name, data_type, is_nullable = 'YES' FROM information_schema.columns "
        "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
    return [(str(r[0]), str(r[1]), bool(r[2])) for r in rows]


def _as_text_select(conn: duckdb.DuckDBPyConnection, table: str) -> str:
    cols = [f'CAST("{n}" AS VARCHAR) AS "{n}"' if t == "JSON" else f'"{n}"'
            for n, t, _ in _columns(conn, table)]
    return f'SELECT {", ".join(cols)} FROM "{table}"'


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_writes_every_table(exported: dict[str, dict[str, Path]], fmt: str) -> None:
    paths = exported[fmt]
    assert sorted(paths) == TABLES
    for table, path in paths.items():
        assert path.name == table + EXTENSION[fmt]
        assert path.is_file() and path.stat().st_size > 0
        assert not list(path.parent.glob(".*")), "no partial file may be left behind"


@pytest.mark.parametrize("table", TABLES)
def test_export_parquet_reads_back_in_duckdb(
    exported: dict[str, dict[str, Path]], conn: duckdb.DuckDBPyConnection, table: str
) -> None:
    path = str(exported["parquet"][table])
    back = conn.execute("SELECT * FROM read_parquet(?)", [path]).fetchall()
    assert back == conn.execute(_as_text_select(conn, table)).fetchall()
    assert len(back) == len(ROWS[table])


@pytest.mark.parametrize("table", TABLES)
def test_export_parquet_types_in_pyarrow(
    exported: dict[str, dict[str, Path]], conn: duckdb.DuckDBPyConnection, table: str
) -> None:
    arrow = pq.read_table(exported["parquet"][table])
    assert arrow.num_rows == len(ROWS[table])
    columns = _columns(conn, table)
    assert arrow.column_names == [name for name, _, _ in columns]
    for name, dtype, nullable in columns:
        field = arrow.schema.field(name)
        if dtype.startswith("DECIMAL"):
            assert field.type == pa.decimal128(38, 6), name
        elif dtype == "JSON":
            # Plain text, not the Arrow JSON extension type some readers reject.
            assert field.type == pa.string(), name
        elif dtype.endswith("[]"):
            assert field.type == pa.list_(pa.string()), name
        # The file schema follows the table's declaration, not the data that happens to be
        # in it; JSON text is always optional.
        assert field.nullable == (nullable or dtype == "JSON"), name


def test_export_parquet_values_in_pyarrow(exported: dict[str, dict[str, Path]]) -> None:
    facts = pq.read_table(exported["parquet"]["facts"]).to_pylist()
    assert facts[1]["value"] == Decimal("-0.000001")
    assert facts[1]["max"] == Decimal("1234567890123456789012.123456")
    assert facts[1]["counterparties"] == ["Big Bank", "VC, Inc."]
    assert facts[0]["counterparties"] == []
    assert facts[1]["period_start"] is None
    profile = pq.read_table(exported["parquet"]["profile"]).to_pylist()
    assert [s["value"] for s in json.loads(profile[0]["sources"])] == [150000000, 140000000]
    articles = pq.read_table(exported["parquet"]["articles"]).to_pylist()
    assert isinstance(articles[0]["ingested_at"], datetime)
    assert articles[0]["reference_date"] == date(2024, 2, 1)


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_export_parquet_reads_in_dataframe_libraries(
    exported: dict[str, dict[str, Path]], library: str
) -> None:
    module = importlib.import_module(library)  # both are test dependencies
    for table, path in exported["parquet"].items():
        frame = module.read_parquet(path)
        assert len(frame) == len(ROWS[table]), table


@pytest.mark.parametrize("table", TABLES)
def test_export_csv_reads_back(
    exported: dict[str, dict[str, Path]], conn: duckdb.DuckDBPyConnection, table: str
) -> None:
    with exported["csv"][table].open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    assert records[0] == [name for name, _, _ in _columns(conn, table)]
    assert len(records) - 1 == len(ROWS[table])


def test_export_csv_keeps_json_and_decimals_exact(exported: dict[str, dict[str, Path]]) -> None:
    with exported["csv"]["profile"].open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert json.loads(row["sources"])[1]["evidence"] == 'Umsatz: "140" Mio. €'
    assert Decimal(row["value"]) == Decimal("150000000")
    with exported["csv"]["facts"].open(encoding="utf-8", newline="") as handle:
        facts = list(csv.DictReader(handle))
    assert Decimal(facts[1]["max"]) == Decimal("1234567890123456789012.123456")
    assert facts[1]["period_start"] == ""


@pytest.mark.parametrize("table", TABLES)
def test_export_jsonl_reads_back(exported: dict[str, dict[str, Path]], table: str) -> None:
    lines = exported["jsonl"][table].read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len(ROWS[table])
    for record, row in zip(records, ROWS[table], strict=True):
        assert set(row) <= set(record)


def test_export_jsonl_keeps_json_nested(exported: dict[str, dict[str, Path]]) -> None:
    profile = json.loads(exported["jsonl"]["profile"].read_text(encoding="utf-8"))
    assert isinstance(profile["sources"], list)
    assert profile["sources"][1]["value"] == 140000000
    checks = json.loads(exported["jsonl"]["checks"].read_text(encoding="utf-8"))
    assert checks["inputs"] == [{"metric": "cash_reserves", "value": 4000000}]
    index = [json.loads(x) for x in
             exported["jsonl"]["entity_index"].read_text(encoding="utf-8").splitlines()]
    assert index[0]["aliases"] == ["Nordwind Energie AG", "Nordwind"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_overwrites_existing_files(sample_db: Path, tmp_path: Path, fmt: str) -> None:
    stale = tmp_path / f"profile{EXTENSION[fmt]}"
    stale.write_text("stale content that is no valid file of any format\n" * 100)
    [path] = export_tables(sample_db, tmp_path, fmt, ["profile"])
    assert path == stale
    assert "stale content" not in path.read_bytes().decode("utf-8", "replace")
    with duckdb.connect() as reader:
        count = reader.execute(
            {"parquet": "SELECT count(*) FROM read_parquet(?)",
             "csv": "SELECT count(*) FROM read_csv(?, header = true)",
             "jsonl": "SELECT count(*) FROM read_json(?)"}[fmt], [str(path)]).fetchone()
    assert count == (len(ROWS["profile"]),)


@pytest.mark.parametrize(
    ("tables", "expected"),
    [(["profile"], ["profile"]), (["checks", "profile", "checks"], ["checks", "profile"])],
)
def test_export_only_the_tables_asked(
    sample_db: Path, tmp_path: Path, tables: list[str], expected: list[str]
) -> None:
    paths = export_tables(sample_db, tmp_path, "csv", tables)
    assert [p.stem for p in paths] == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{t}.csv" for t in expected)


def test_export_one_table_name_as_a_string(sample_db: Path, tmp_path: Path) -> None:
    assert export_tables(sample_db, tmp_path, "csv", "checks") == [tmp_path / "checks.csv"]


def test_export_folder_that_is_a_file_is_a_clear_error(sample_db: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder")
    with pytest.raises(InputError, match="export folder"):
        export_tables(sample_db, blocker, "csv")


def test_export_includes_new_tables_with_awkward_names(tmp_path: Path) -> None:
    path = _build(tmp_path / "grown.duckdb")
    with duckdb.connect(str(path)) as conn:
        conn.execute('CREATE TABLE "odd ""name"" table" ("end" INTEGER, "select" VARCHAR)')
        conn.execute('INSERT INTO "odd ""name"" table" VALUES (1, \'x\'), (NULL, NULL)')
        conn.execute("CREATE VIEW big_money AS SELECT * FROM money WHERE value > 1e6")
    paths = export_tables(path, tmp_path / "out", "parquet")
    names = sorted(p.name for p in paths)
    assert names == sorted([*(f"{t}.parquet" for t in TABLES), 'odd "name" table.parquet',
                            "big_money.parquet"])
    assert pq.read_table(tmp_path / "out" / "big_money.parquet").num_rows == 2
    assert "schema_migrations.parquet" not in names
    odd = pq.read_table(tmp_path / "out" / 'odd "name" table.parquet')
    assert odd.to_pylist() == [{"end": 1, "select": "x"}, {"end": None, "select": None}]


def test_export_empty_tables_keep_their_schema(tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    db.connect(empty).close()
    [path] = export_tables(empty, tmp_path / "out", "parquet", ["facts"])
    schema = pq.read_schema(path)
    assert schema.field("value").type == pa.decimal128(38, 6)
    assert schema.field("entity").nullable and not schema.field("metric").nullable
    assert pq.read_table(path).num_rows == 0


def test_export_leaves_the_database_untouched(sample_db: Path, tmp_path: Path) -> None:
    before = hashlib.sha256(sample_db.read_bytes()).hexdigest()
    export_tables(sample_db, tmp_path, "jsonl")
    assert hashlib.sha256(sample_db.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    ("fmt", "tables", "error", "message"),
    [
        ("xlsx", None, InputError, "unknown export format"),
        ("csv", ["profile", "nope"], InputError, "no table named 'nope'"),
        ("csv", ["schema_migrations"], InputError, "no table named"),
    ],
)
def test_export_refuses_bad_options(
    sample_db: Path, tmp_path: Path, fmt: str, tables: list[str] | None,
    error: type[Exception], message: str,
) -> None:
    with pytest.raises(error, match=message):
        export_tables(sample_db, tmp_path / "out", fmt, tables)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_export_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no database"):
        export_tables(tmp_path / "missing.duckdb", tmp_path / "out")
