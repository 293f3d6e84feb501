"""The Dask engine lands exactly the rows of a local run (on a local cluster)."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.runner import run
from tests.conftest import CORPUS, db_snapshot


def test_engine_dask_equals_local_run(tmp_path: Path) -> None:
    from pipeline.engine_dask import run_dask

    folder = tmp_path / "in"
    shutil.copytree(CORPUS, folder)
    texts = sorted(folder.rglob("*.txt"))
    shutil.copy(texts[0], folder / "zz_duplicate.txt")  # the same text twice: one article
    (folder / "empty.txt").write_bytes(b"")  # rejected
    local = run([folder], tmp_path / "local.duckdb")
    dask = run_dask([folder], tmp_path / "dask.duckdb", workers=2, shard_size=3)
    assert (dask.new, dask.duplicates, dask.rejected) == (local.new, local.duplicates,
                                                          local.rejected)
    assert db_snapshot(tmp_path / "dask.duckdb") == db_snapshot(tmp_path / "local.duckdb")
    again = run_dask([folder], tmp_path / "dask.duckdb", workers=1, shard_size=50)
    assert again.new == 0 and again.unchanged == local.new + local.duplicates
    assert db_snapshot(tmp_path / "dask.duckdb") == db_snapshot(tmp_path / "local.duckdb")
