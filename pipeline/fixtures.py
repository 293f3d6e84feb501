"""Regression checks on fixture articles: `<name>.txt` beside `<name>.expected.json`.

The expected format is the analyst's one (see corpus/fr/stability_ai_fr.expected.json):
money, dates, entities (with their mentions) and metrics. `check` scores the current
extraction against it; `as_expected` writes the current extraction in that format
(for `newsmetrics check --update`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.analyse import analyse
from pipeline.evaluate import Report, compare
from pipeline.ingest import read_article, sidecar_date
from pipeline.types import Extraction, jsonable

__all__ = ["Fixture", "as_expected", "check_fixture", "find_fixtures"]


@dataclass(frozen=True)
class Fixture:
    text_path: Path
    expected_path: Path

    @property
    def name(self) -> str:
        return self.text_path.name


def find_fixtures(folder: Path) -> Iterator[Fixture]:
    """Every `*.txt` under `folder` (recursive, sorted) that has an `.expected.json`."""
    for path in sorted(folder.rglob("*.txt")) if folder.is_dir() else [folder]:
        expected = path.with_name(path.name[: -len(".txt")] + ".expected.json")
        if expected.is_file():
            yield Fixture(path, expected)


def _reference(expected: dict[str, Any], path: Path) -> date | None:
    if expected.get("reference_date"):
        return date.fromisoformat(str(expected["reference_date"])[:10])
    return sidecar_date(path)


def check_fixture(fixture: Fixture) -> tuple[Report, Extraction, str, dict[str, Any]]:
    """(score, extraction, stored text, expected content) for one fixture."""
    expected: dict[str, Any] = json.loads(fixture.expected_path.read_text(encoding="utf-8"))
    article = read_article(fixture.text_path)
    result = analyse(
        article.text,
        expected.get("language"),
        reference_date=_reference(expected, fixture.text_path),
        id=fixture.name,
    )
    return compare(expected, article.text, result), result, article.text, expected


def as_expected(result: Extraction, text: str, previous: dict[str, Any]) -> dict[str, Any]:
    """The extraction in the expected-file format, keeping the file's own metadata keys."""
    def occurrence(mention: Any) -> dict[str, Any]:
        count = text.count(mention.text, 0, mention.start) + 1
        return {"occurrence": count} if count > 1 else {}

    money = [
        {"text": m.text, "value": jsonable(m.value), "currency": m.currency,
         "qualifier": m.qualifier, "per": m.per,
         **({"min": jsonable(m.min), "max": jsonable(m.max)} if m.qualifier == "range" else {}),
         **occurrence(m)}
        for m in result.money
    ]
    dates = [
        {"text": d.text, "start": jsonable(d.start_date), "end": jsonable(d.end_date),
         "grain": d.grain, **({"inferred_year": True} if d.inferred else {}), **occurrence(d)}
        for d in result.dates
    ]
    groups: dict[tuple[str, str], list[str]] = {}
    for e in result.entities:
        forms = groups.setdefault((e.canonical, e.label), [])
        if e.text not in forms:
            forms.append(e.text)
    entities = [
        {"text": canonical, "label": label, "mentions": forms}
        for (canonical, label), forms in groups.items()
        if label != "MISC"
    ]
    products = [canonical for (canonical, label) in groups if label == "MISC"]
    metrics = [
        {k: jsonable(v) for k, v in f.to_dict().items()
         if k in {"entity", "metric", "value", "currency", "qualifier", "period_start",
                  "period_end", "per", "status", "evidence"}}
        for f in result.facts
    ]
    keep = {k: v for k, v in previous.items()
            if k not in {"money", "dates", "entities", "products", "metrics"}}
    return {**keep, "money": money, "dates": dates, "entities": entities,
            "products": products, "metrics": metrics}
