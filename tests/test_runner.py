"""The runner's corpus-level steps: identities across articles in the profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from pipeline.runner import run
from tests.conftest import db_snapshot

ARTICLES = {
    "fr.txt": "Stabilité AI lève des fonds\n"
              "Stabilité AI a levé 30 millions d'euros en 2023 auprès de ses investisseurs.\n",
    "en.txt": "Stability AI raises money\n"
              "Stability AI raised €30 million in 2023 from its investors.\n",
}


def test_runner_profile_links_translated_company_names(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "x.duckdb"
    run([folder], db, reference_date=None)
    conn = duckdb.connect(str(db), read_only=True)
    rows = conn.execute(
        "SELECT metric, value, currency, agreement, n_sources FROM profile"
    ).fetchall()
    conn.close()
    assert [(m, int(v), c, a, n) for m, v, c, a, n in rows] == [
        ("funding_raised", 30000000, "EUR", "agree", 2)
    ]


def test_runner_unchanged_rerun_skips_reconciliation(tmp_path: Path, monkeypatch: Any) -> None:
    from pipeline import runner

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "x.duckdb"
    first = run([folder], db)
    calls: list[int] = []
    real = runner.reconcile
    monkeypatch.setattr(runner, "reconcile", lambda *a, **k: calls.append(1) or real(*a, **k))
    again = run([folder], db)
    assert calls == [] and again.unchanged == 2 and again.conflicts == first.conflicts
    (folder / "en.txt").write_text(ARTICLES["en.txt"].replace("30", "31"), encoding="utf-8")
    run([folder], db)
    assert calls != []


def test_runner_workers_give_the_rows_of_one_process(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "de.txt").write_text(
        "Stability AI sammelt Geld\nStability AI hat 2023 30 Millionen Euro eingesammelt.\n",
        encoding="utf-8",
    )
    one = run([folder], tmp_path / "one.duckdb", batch_size=1)
    two = run([folder], tmp_path / "two.duckdb", batch_size=1, workers=2)
    assert (two.new, two.facts) == (one.new, one.facts) == (3, one.facts)
    assert db_snapshot(tmp_path / "two.duckdb") == db_snapshot(tmp_path / "one.duckdb")
