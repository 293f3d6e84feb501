"""The runner's corpus-level steps: identities across articles in the profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.runner import run
from tests.conftest import db_snapshot

ARTICLES = {
    "fr.txt": "Stabilité AI lève des fonds\n"
              "Stabilité AI a levé 30 millions d'euros en 2023 auprès de ses investisseurs.\n",
    "en.txt": "Stability AI raises money\n"
              "Stability AI raised €30 million in 2023 from its investors.\n",
}


def _run_articles(tmp_path: Path, articles: dict[str, str]) -> duckdb.DuckDBPyConnection:
    """Run over a folder holding `articles` (name -> text); a read-only connection after."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "x.duckdb"
    run([folder], db, reference_date=None)
    return duckdb.connect(str(db), read_only=True)


def test_runner_profile_links_translated_company_names(tmp_path: Path) -> None:
    conn = _run_articles(tmp_path, ARTICLES)
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


def test_runner_restores_the_garbage_collector(tmp_path: Path, monkeypatch: Any) -> None:
    """A run freezes the heap after each batch and collects the young generation less
    often; the caller gets the collector back as it was, even when the run fails."""
    import gc

    from pipeline import runner

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    before = gc.get_threshold()
    frozen: list[int] = []
    real = runner.write_tables

    def spy(conn: Any, tables: Any) -> None:
        frozen.append(gc.get_freeze_count())
        real(conn, tables)

    monkeypatch.setattr(runner, "write_tables", spy)
    run([folder], tmp_path / "x.duckdb", batch_size=1)
    assert frozen[-1] > 0  # the second batch ran with the first one's heap frozen
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == before

    def fail(conn: Any, tables: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(runner, "write_tables", fail)
    with pytest.raises(RuntimeError):
        run([folder], tmp_path / "y.duckdb")
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == before


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


# Incremental reconciliation: after a change, only the companies whose facts changed are
# reconciled again, and the tables end as a fresh run over the changed folder leaves them.
COMPANIES = {
    "orvella.txt": "Orvella Systems raises money\n"
                   "Orvella Systems raised €30 million in 2023 from its investors.\n",
    "brindle.txt": "Brindle Foods reports sales\n"
                   "Brindle Foods reported revenue of $120 million in 2023.\n",
    "kestrel.txt": "Kestrel Mining SA publie ses comptes\n"
                   "Kestrel Mining SA a réalisé un chiffre d'affaires de 45 millions d'euros "
                   "en 2023.\n",
}
CHANGES: list[Any] = [
    pytest.param(
        {"brindle.txt": COMPANIES["brindle.txt"].replace("120", "125")}, {"Brindle Foods"},
        id="changed-article",
    ),
    pytest.param(
        {"kestrel_en.txt": "Kestrel Mining posts results\n"
                           "Kestrel Mining reported revenue of €46 million in 2023.\n"},
        {"Kestrel Mining", "Kestrel Mining SA"},
        id="new-name-joins-a-company",
    ),
    pytest.param({"orvella.txt": None}, set(), id="removed-article-pruned"),
    pytest.param({"note.txt": "A note\nNothing to report this week.\n"}, set(), id="no-facts"),
]


def _write(folder: Path, files: dict[str, str | None]) -> None:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        if text is None:
            (folder / name).unlink()
        else:
            (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("change", "redone"), CHANGES)
def test_runner_reconciles_only_changed_companies(
    tmp_path: Path, monkeypatch: Any, change: dict[str, str | None], redone: set[str]
) -> None:
    from pipeline import runner

    folder = tmp_path / "in"
    _write(folder, COMPANIES)
    db = tmp_path / "x.duckdb"
    run([folder], db)
    seen: set[str] = set()
    real = runner.reconcile

    def spy(facts: Any, *args: Any, **kwargs: Any) -> Any:
        facts = list(facts)
        seen.update(str(f["entity"]) for f in facts)
        return real(facts, *args, **kwargs)

    monkeypatch.setattr(runner, "reconcile", spy)
    _write(folder, change)
    again = run([folder], db, prune=True)
    assert seen == redone
    monkeypatch.setattr(runner, "reconcile", real)
    fresh = tmp_path / "fresh.duckdb"
    once = run([folder], fresh)
    assert again.conflicts == once.conflicts
    assert db_snapshot(db) == db_snapshot(fresh)


_NAMES = st.sampled_from(["a", "b", "c", "d", "e"])
_MAPS = st.dictionaries(_NAMES, st.sampled_from(["k1", "k2", "k3"]), max_size=5)


@settings(max_examples=200, deadline=None)
@given(old=_MAPS, new=_MAPS, dirty=st.sets(_NAMES))
def test_runner_affected_keeps_only_untouched_companies(
    old: dict[str, str], new: dict[str, str], dirty: set[str]
) -> None:
    from pipeline.runner import _affected

    dirty = dirty | (set(old) ^ set(new))  # a name gains or loses facts only by a change
    stale, redo = _affected(old, new, dirty)
    for k in set(new.values()) - redo:  # a company kept as stored ...
        members = {n for n, v in new.items() if v == k}
        assert not members & dirty  # ... has no changed facts,
        assert members == {n for n, v in old.items() if v == k}  # the same names as before,
        assert not members & stale  # and its stored rows stay
    for k in redo:  # a company redone loses its stored rows first
        assert {n for n, v in new.items() if v == k and n in old} <= stale
    assert {n for n in old if n in dirty} <= stale



def test_runner_stores_open_intervals_and_forward_lengths(tmp_path: Path) -> None:
    """ "after 2026" and "before 2010" land with a NULL bound; "the next three years" is a
    date and a duration, and the fact of its sentence keeps the duration, not a period."""
    text = (
        "Acme Corp said on 3 June 2025 that it will pay no dividend after 2026. Sales had "
        "already peaked before 2010. Acme will invest $20 million over the next three "
        "years.\n"
    )
    conn = _run_articles(tmp_path, {"acme_en.txt": text})
    dates = conn.execute(
        "SELECT text, start_date::VARCHAR, end_date::VARCHAR FROM dates ORDER BY start"
    ).fetchall()
    facts = conn.execute(
        "SELECT metric, period_start, period_end, duration_months FROM facts"
    ).fetchall()
    conn.close()
    assert dates == [
        ("3 June 2025", "2025-06-03", "2025-06-03"),
        ("after 2026", "2027-01-01", None),
        ("before 2010", None, "2009-12-31"),
        ("the next three years", "2025-06-04", "2028-06-03"),
    ]
    assert [(m, s, e, int(d)) for m, s, e, d in facts] == [("project_spend", None, None, 36)]
