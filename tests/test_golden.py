"""Whole articles: the seed exactly as the analyst expects it, and every corpus article's
full extraction and the corpus profile frozen as golden files (regenerate deliberately
with `pytest --update-golden` and review the diff)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.evaluate import KINDS
from pipeline.fixtures import Fixture, check_fixture, find_fixtures
from tests.conftest import CORPUS, SEED, SEED_EXPECTED

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = list(find_fixtures(CORPUS))


def _golden(path: Path, actual: Any, update: bool) -> None:
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if not update:
            pytest.fail(f"{path} did not exist; written now: review and commit it")
    assert actual == json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", KINDS)
def test_golden_seed_matches_analyst(kind: str) -> None:
    report, _, _, _ = check_fixture(Fixture(SEED, SEED_EXPECTED))
    score = report.scores[kind]
    assert (score.missed, score.wrong, score.extra) == ([], [], [])
    assert score.fp == score.fn == 0


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_golden_article_extraction(fixture: Fixture, update_golden: bool) -> None:
    _, result, _, _ = check_fixture(fixture)
    relative = fixture.text_path.relative_to(CORPUS).with_suffix(".json")
    _golden(GOLDEN / "articles" / relative, result.to_dict(), update_golden)
