"""The annotated sets themselves: every quoted string is in its article, spans do not
overlap, and every fact's amount is one of the article's money mentions.

A gold file that drifts from its text scores the extractors against nothing, so these
checks run over corpus/ and every set under tests/annotated/.
"""

from __future__ import annotations

import json
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from pipeline.evaluate import _locate
from pipeline.ingest import read_article

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted(
    path
    for folder in (ROOT / "corpus", ROOT / "tests" / "annotated")
    for path in folder.rglob("*.expected.json")
)


def _article(path: Path) -> tuple[str, dict[str, Any]]:
    expected = json.loads(path.read_text(encoding="utf-8"))
    text_path = path.with_name(path.name.replace(".expected.json", ".txt"))
    return read_article(text_path).text, expected


def _spans(text: str, items: list[Any]) -> list[tuple[int, int, str]]:
    spans = []
    for item in items:
        needle = item["text"] if isinstance(item, dict) else item
        occurrence = item.get("occurrence", 1) if isinstance(item, dict) else 1
        where = _locate(text, needle, occurrence)
        assert where is not None, f"{needle!r} (occurrence {occurrence}) is not in the text"
        spans.append((*where, needle))
    return spans


def _no_overlap(spans: list[tuple[int, int, str]]) -> None:
    ordered = sorted(spans)
    for (_, a_end, a), (b_start, _, b) in pairwise(ordered):
        assert b_start >= a_end, f"{a!r} and {b!r} overlap"


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


@pytest.mark.parametrize("path", GOLD, ids=_ids(GOLD))
def test_annotations_quote_their_article(path: Path) -> None:
    text, expected = _article(path)
    money = _spans(text, expected.get("money", []))
    dates = _spans(text, expected.get("dates", []))
    _no_overlap(money)
    _no_overlap(dates)
    _spans(text, expected.get("durations", []))
    _spans(text, expected.get("not_money", []))
    _spans(text, expected.get("not_dates", []))
    for entity in expected.get("entities", []):
        # The canonical name may be written out ("Provincie Groningen"); the mentions are quotes.
        _spans(text, entity.get("mentions") or [entity["text"]])
    for metric in expected.get("metrics", []):
        if metric.get("evidence"):
            _spans(text, [metric["evidence"]])


@pytest.mark.parametrize("path", GOLD, ids=_ids(GOLD))
def test_annotations_facts_use_listed_amounts(path: Path) -> None:
    _, expected = _article(path)
    amounts = {
        (abs(Decimal(str(m["value"]))), m.get("currency"))
        for m in expected.get("money", [])
        if m.get("value") is not None
    }
    for metric in expected.get("metrics", []):
        if metric.get("value") is None:
            continue
        # A loss is a negative fact over a positive amount.
        key = (abs(Decimal(str(metric["value"]))), metric.get("currency"))
        assert key in amounts, f"{metric['metric']} {key} is not among the money mentions"
