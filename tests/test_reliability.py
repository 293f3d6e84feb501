"""Failure modes: hostile files, kills at any point, Ctrl-C, concurrent use, limits."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.runner import run
from tests.conftest import CORPUS, ROOT, db_snapshot


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight real articles from the corpus, two languages or more, plus one bad file."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted(CORPUS.rglob("*.txt"))[:8]:
        shutil.copy(path, folder / path.name)
        meta = path.with_suffix(".meta.json")
        if meta.exists():
            shutil.copy(meta, folder / meta.name)
    (folder / "zz_empty.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def clean_snapshot(small_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    run([small_corpus], db, batch_size=2)
    return db_snapshot(db)


# Instrumented runs in a child process: the child kills itself at a chosen point.
KILL_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {root!r})
    from pipeline import db as dbmod, runner
    point, n = sys.argv[1], int(sys.argv[2])
    calls = {{"n": 0}}

    def hit(sig=signal.SIGKILL):
        calls["n"] += 1
        if calls["n"] == n:
            os.kill(os.getpid(), sig)

    if point == "mid_transaction":
        original = dbmod.insert_rows
        def insert_rows(conn, table, rows):
            out = original(conn, table, rows)
            if table == "money":
                hit()
            return out
        dbmod.insert_rows = insert_rows
    elif point == "after_commit":
        original_write = runner.write_tables
        def write_tables(conn, tables):
            original_write(conn, tables)
            hit()
        runner.write_tables = write_tables
    elif point == "reconcile":
        original_reconcile = runner.reconcile
        def reconcile(*args, **kwargs):
            out = original_reconcile(*args, **kwargs)
            hit()
            return out
        runner.reconcile = reconcile
    elif point == "interrupt":
        original_write = runner.write_tables
        def write_tables(conn, tables):
            original_write(conn, tables)
            if tables.get("articles"):
                hit(signal.SIGINT)
        runner.write_tables = write_tables
    from pipeline.cli import main
    sys.argv = ["newsmetrics", "run", sys.argv[3], "--db", sys.argv[4], "--batch-size", "2",
                "--quiet"]
    main()
""")


def run_child(tmp_path: Path, point: str, n: int, folder: Path, db: Path) -> int:
    script = tmp_path / "child.py"
    script.write_text(KILL_SCRIPT.format(root=str(ROOT)), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), point, str(n), str(folder), str(db)],
        capture_output=True, text=True, timeout=300,
    )
    return done.returncode


KILL_POINTS = [("mid_transaction", 1), ("mid_transaction", 3), ("after_commit", 2),
               ("reconcile", 1)]


@pytest.mark.parametrize("point,n", KILL_POINTS, ids=[f"{p}-{n}" for p, n in KILL_POINTS])
def test_reliability_sigkill_then_rerun_equals_clean_run(
    tmp_path: Path, small_corpus: Path, clean_snapshot: Any, point: str, n: int
) -> None:
    db = tmp_path / "killed.duckdb"
    code = run_child(tmp_path, point, n, small_corpus, db)
    assert code == -signal.SIGKILL
    run([small_corpus], db, batch_size=2)
    assert db_snapshot(db) == clean_snapshot


def test_reliability_ctrl_c_stops_after_the_batch(
    tmp_path: Path, small_corpus: Path, clean_snapshot: Any
) -> None:
    db = tmp_path / "interrupted.duckdb"
    code = run_child(tmp_path, "interrupt", 1, small_corpus, db)
    assert code == 130
    conn = duckdb.connect(str(db), read_only=True)
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()
    conn.close()
    assert stored == (2,)  # exactly the one batch in progress
    run([small_corpus], db, batch_size=2)
    assert db_snapshot(db) == clean_snapshot


def test_reliability_hostile_files(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    body = "Titre\nAcme a levé 3 millions d'euros en 2023, selon Les Échos.\n"
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "nul.txt").write_bytes(b"Titre\x00\x00\x00 texte")
    (folder / "bad_utf8_middle.txt").write_bytes(body.encode() + b"\x81\x8d garbage")
    (folder / "utf16.txt").write_bytes(body.replace("3", "5").encode("utf-16"))
    (folder / "cp1252_crlf.txt").write_bytes(body.replace("\n", "\r\n").encode("cp1252"))
    (folder / "huge.txt").write_bytes(b"a " * (15 * 1024 * 1024))  # 30 MB
    os.symlink(folder / "nowhere", folder / "dangling.txt")
    (folder / "dir.txt").mkdir()
    locked = folder / "locked.txt"
    locked.write_text("Title\nRevenue was $4 million.\n", encoding="utf-8")
    locked.chmod(0)
    db = tmp_path / "h.duckdb"
    result = CliRunner().invoke(cli, ["run", str(folder), "--db", str(db), "--quiet"])
    locked.chmod(0o644)
    assert result.exit_code == 1  # something was rejected
    assert "Traceback" not in result.output
    conn = duckdb.connect(str(db), read_only=True)
    rejected = dict(conn.execute(
        "SELECT regexp_extract(path, '[^/]+$'), code FROM rejected").fetchall())
    stored = dict(conn.execute(
        "SELECT regexp_extract(path, '[^/]+$'), encoding FROM articles").fetchall())
    conn.close()
    assert rejected == {
        "empty.txt": "empty", "binary.txt": "binary", "nul.txt": "binary",
        "bad_utf8_middle.txt": "undecodable", "huge.txt": "too_large",
        "dangling.txt": "vanished", "dir.txt": "not_a_file",
        **({} if os.geteuid() == 0 else {"locked.txt": "unreadable"}),
    }
    # root reads files whatever their mode: then the locked file is simply stored
    assert stored == {
        "utf16.txt": "utf-16", "cp1252_crlf.txt": "cp1252",
        **({"locked.txt": "utf-8"} if os.geteuid() == 0 else {}),
    }


def test_reliability_file_vanishing_during_run(tmp_path: Path, monkeypatch: Any) -> None:
    from pipeline import runner

    folder = tmp_path / "v"
    folder.mkdir()
    (folder / "a.txt").write_text("Title\nRevenue was $4 million.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Title\nRevenue was $5 million.\n", encoding="utf-8")
    listed = list(runner.discover([folder]))
    monkeypatch.setattr(runner, "discover", lambda paths: iter(listed))
    (folder / "b.txt").unlink()
    summary = run([folder], tmp_path / "v.duckdb")
    assert summary.new == 1 and summary.rejected == 1
    assert "disappeared" in summary.rejections[0][1]


def test_reliability_removed_file_kept_unless_prune(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "a.txt").write_text("Title\nRevenue was $4 million.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Title\nRevenue was $5 million.\n", encoding="utf-8")
    db = tmp_path / "p.duckdb"
    run([folder], db)
    (folder / "b.txt").unlink()
    kept = run([folder], db)
    assert kept.removed == 1
    assert len(db_snapshot(db)["articles"]) == 2
    pruned = run([folder], db, prune=True)
    assert pruned.removed == 1
    assert len(db_snapshot(db)["articles"]) == 1


def test_reliability_second_writer_gets_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Title\nRevenue was $4 million.\n", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    run([folder], db)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('ok', flush=True); "
         "time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        runner = CliRunner()
        for args in (["run", str(folder), "--db", str(db), "--wait", "0.5"],
                     ["query", "--db", str(db), "SELECT 1"],
                     ["profile", "--db", str(db)]):
            result = runner.invoke(cli, args)
            assert result.exit_code == 2, args
            assert "in use by another newsmetrics process" in result.output
    finally:
        holder.kill()
        holder.wait()
    assert len(db_snapshot(db)["articles"]) == 1


def test_reliability_time_budget_rejects_slow_article(tmp_path: Path, monkeypatch: Any) -> None:
    import time

    from pipeline import analyse

    slow_text = "Title\nSlow article: revenue was $9 million.\n"
    real = analyse.money_mod.extract_money

    def slow(text: str, lang: str) -> Any:
        if "Slow article" in text:
            time.sleep(3)
        return real(text, lang)

    monkeypatch.setattr(analyse.money_mod, "extract_money", slow)
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "slow.txt").write_text(slow_text, encoding="utf-8")
    (folder / "fast.txt").write_text("Title\nRevenue was $4 million.\n", encoding="utf-8")
    summary = run([folder], tmp_path / "t.duckdb", time_budget=0.5)
    assert summary.new == 1 and summary.rejected == 1
    assert "longer than 0.5" in summary.rejections[0][1]


def test_reliability_overflowing_amount_is_recorded(tmp_path: Path) -> None:
    folder = tmp_path / "o"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Title\nThe fine was $4 million, not $9" + "9" * 40 + " billion.\n", encoding="utf-8"
    )
    summary = run([folder], tmp_path / "o.duckdb")
    conn = duckdb.connect(str(tmp_path / "o.duckdb"), read_only=True)
    money = conn.execute("SELECT text, value FROM money").fetchall()
    rejected = conn.execute("SELECT code, reason FROM rejected").fetchall()
    conn.close()
    assert summary.new == 1
    assert [(t, int(v)) for t, v in money] == [("$4 million", 4000000)]
    assert [code for code, _ in rejected] == ["overflow"]
    assert "$9999" in rejected[0][1]
