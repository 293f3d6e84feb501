"""Shared fixtures and options. Extractor case tables live in tests/cases/<kind>/<lang>.jsonl."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = CORPUS / "fr" / "stability_ai_fr.txt"
SEED_EXPECTED = CORPUS / "fr" / "stability_ai_fr.expected.json"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", help="also run tests marked slow")
    parser.addoption(
        "--update-golden", action="store_true",
        help="rewrite tests/golden/ from the current output (review the diff before committing)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    marker = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(marker)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def fresh_db() -> Iterator[Any]:
    """An in-memory database with the schema applied."""
    from pipeline import db

    conn = db.connect(":memory:")
    yield conn
    conn.close()


def read_cases(kind: str, lang: str) -> list[dict[str, Any]]:
    path = ROOT / "tests" / "cases" / kind / f"{lang}.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# Every table a run fills, and the columns that differ between two identical runs.
TABLES = ("articles", "files", "money", "dates", "durations", "entities", "entity_index",
          "roles", "facts", "profile", "checks", "rejected")
VOLATILE = {"ingested_at", "rejected_at"}


def db_snapshot(db: Path) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table (sorted, volatile columns left out), for comparing runs."""
    import duckdb

    conn = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in TABLES:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cursor.description]
            keep = [i for i, n in enumerate(names) if n not in VOLATILE]
            out[table] = sorted(tuple(repr(row[i]) for i in keep) for row in cursor.fetchall())
        return out
    finally:
        conn.close()
