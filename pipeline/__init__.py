"""newsmetrics: news articles in, financial facts out.

    >>> from pipeline import extract
    >>> result = extract("Acme SA a levé 2,5 millions d'euros en mars 2024.", lang="fr")
    >>> [(m.text, m.value, m.currency) for m in result.money]
    [("2,5 millions d'euros", Decimal('2500000'), 'EUR')]

`extract` works on one text with no database; `run` processes folders into DuckDB.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import (
    DatabaseError,
    IngestError,
    InputError,
    NewsmetricsError,
    QueryError,
)
from pipeline.types import (
    DateMention,
    DurationMention,
    EntityMention,
    Extraction,
    Fact,
    MoneyMention,
    OpenDateMention,
    Role,
)

if TYPE_CHECKING:
    from pipeline.runner import RunSummary

__all__ = [
    "DatabaseError",
    "DateMention",
    "DurationMention",
    "EntityMention",
    "Extraction",
    "Fact",
    "IngestError",
    "InputError",
    "MoneyMention",
    "NewsmetricsError",
    "OpenDateMention",
    "QueryError",
    "Role",
    "extract",
    "run",
]


def extract(
    text: str, lang: str | None = None, reference_date: date | str | None = None
) -> Extraction:
    """Every amount, date, duration, entity, role and fact of `text`.

    `lang` is detected when not given; `reference_date` (the publication date) resolves
    dates without a year ("en décembre", "last quarter").
    """
    from pipeline.analyse import analyse

    if isinstance(reference_date, str):
        reference_date = date.fromisoformat(reference_date)
    return analyse(text, lang, reference_date=reference_date)


def run(
    paths: Sequence[str | Path] | str | Path,
    db: str | Path = "newsmetrics.duckdb",
    **options: object,
) -> RunSummary:
    """Ingest, extract and reconcile the articles under `paths` into the DuckDB file `db`."""
    from pipeline.runner import run as run_pipeline

    if isinstance(paths, (str, Path)):
        paths = [paths]
    return run_pipeline(paths, db, **options)  # type: ignore[arg-type]
