"""`run --engine dask`: ingest and extraction as Dask tasks, one per shard of the input.

Each task reads its files, extracts them with the same functions as a local run, and
writes its rows as Parquet files (one per table) into a staging folder. The parent then
loads the shards into DuckDB in input order, one transaction per shard, and reconciles
there, so the tables end exactly as a local run leaves them.

The engine is an optional extra (`pip install "newsmetrics[dask]"`). On a real cluster,
give the scheduler's address and a staging folder that every worker can write and this
machine can read (a shared filesystem), and make the input paths readable by workers.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pipeline import db as dbmod
from pipeline.analyse import analyse_batch
from pipeline.errors import NewsmetricsError
from pipeline.ingest import DEFAULT_MAX_BYTES, DEFAULT_TIME_BUDGET, discover
from pipeline.runner import (
    WRITE_ORDER,
    Progress,
    RunSummary,
    Tables,
    _items,
    _Ledger,
    _prepare,
    _Refused,
    _removed,
    _Seen,
    _Work,
    batch_tables,
    count,
    reconcile_if_needed,
    seen_tables,
    tally,
    write_tables,
)

__all__ = ["run_dask"]

Columns = dict[str, list[tuple[str, str]]]


def _shard_task(
    paths: list[str],
    known: dict[str, str],
    stored: set[str],
    out_dir: str,
    columns: Columns,
    reference_date: date | None,
    max_bytes: int,
    time_budget: float | None,
) -> dict[str, Any]:
    """Ingest and extract one shard; write its rows as Parquet; return what the parent needs."""
    import pyarrow.parquet as pq

    ledger = _Ledger(known, stored)
    works: list[_Work] = []
    others: list[_Seen | _Refused] = []
    for path in paths:
        item = _prepare(Path(path), ledger, reference_date=reference_date, max_bytes=max_bytes)
        (works if isinstance(item, _Work) else others).append(item)  # type: ignore[arg-type]
    results = analyse_batch(_items(works), time_budget=time_budget) if works else []
    tables = batch_tables(works, results)
    for table, rows in seen_tables(others).items():
        tables.setdefault(table, []).extend(rows)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for table in WRITE_ORDER:
        rows = tables.get(table, [])
        if rows:
            pq.write_table(dbmod.to_arrow(rows, columns[table]), folder / f"{table}.parquet")
    extracted = {r["article_id"] for r in tables.get("articles", [])}
    return {
        "dir": out_dir,
        "replaces": [r["article_id"] for r in tables.get("_replaces", [])],
        # (path, article id, id held before, extracted?) per file sent to extraction
        "works": [(w.article.path, w.article.article_id, w.before, w.replaces,
                   w.article.article_id in extracted) for w in works],
        "seen": [(o.path, o.article_id, o.unchanged) for o in others if isinstance(o, _Seen)],
    }


def _load_shard(meta: dict[str, Any], inserted: set[str], summary: RunSummary) -> Tables:
    """The shard's rows, minus articles that an earlier shard stored (then a duplicate)."""
    import pyarrow.parquet as pq

    folder = Path(meta["dir"])
    tables: Tables = {}
    for table in WRITE_ORDER:
        path = folder / f"{table}.parquet"
        tables[table] = pq.read_table(path).to_pylist() if path.exists() else []
    late = {aid for _, aid, _, _, ok in meta["works"] if ok and aid in inserted}
    for table in ("articles", *dbmod.ARTICLE_TABLES):
        tables[table] = [r for r in tables[table] if r["article_id"] not in late]
    replaces = []
    for _path, aid, before, replaced, ok in meta["works"]:
        if not ok:
            continue
        if aid in late:
            summary.duplicates += 1
            continue
        inserted.add(aid)
        if replaced:
            replaces.append({"article_id": replaced})
        if before is None:
            summary.new += 1
        else:
            summary.changed += 1
    tables["_replaces"] = replaces
    for _path, _aid, unchanged in meta["seen"]:
        tally(summary, _Seen(_path, _aid, 0, 0.0, unchanged))
    return tables


def run_dask(
    paths: Sequence[str | Path],
    db: str | Path = dbmod.DEFAULT_DB,
    *,
    address: str | None = None,
    workers: int = 2,
    shard_size: int = 64,
    staging: str | Path | None = None,
    reference_date: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    prune: bool = False,
    wait: float = 0.0,
    progress: Progress | None = None,
) -> RunSummary:
    """Like `pipeline.runner.run`, with extraction on a Dask cluster (local by default)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise NewsmetricsError(
            'the Dask engine needs the optional extra: pip install "newsmetrics[dask]"'
        ) from None
    import time

    started = time.perf_counter()
    summary = RunSummary()
    files = [str(p) for p in discover(paths)]
    summary.files = len(files)
    conn = dbmod.connect(db, wait=wait, largest_text=max_bytes)
    own_staging = staging is None
    stage = Path(staging) if staging else Path(tempfile.mkdtemp(prefix="newsmetrics-dask-"))
    cluster = None
    try:
        ledger = _Ledger.load(conn)
        columns = {t: dbmod.table_columns(conn, t) for t in WRITE_ORDER}
        if address:
            client = Client(address)
        else:
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True,
                dashboard_address=None,
            )
            client = Client(cluster)
        with client:
            shards = [files[i:i + shard_size] for i in range(0, len(files), shard_size)]
            futures = [
                client.submit(
                    _shard_task, shard, ledger.known, ledger.stored,
                    str(stage / f"shard_{index:06d}"), columns, reference_date, max_bytes,
                    time_budget, pure=False,
                )
                for index, shard in enumerate(shards)
            ]
            inserted = set(ledger.stored)
            done = 0
            for future, shard in zip(futures, shards, strict=True):  # in input order
                meta = future.result()
                future.release()
                tables = _load_shard(meta, inserted, summary)
                write_tables(conn, tables)
                count(summary, tables)
                shutil.rmtree(meta["dir"], ignore_errors=True)
                done += len(shard)
                if progress is not None:
                    progress(min(done, len(files)), len(files))
        summary.removed = _removed(conn, paths, [Path(f) for f in files], prune=prune)
        summary.conflicts = reconcile_if_needed(conn)
    finally:
        conn.close()
        if cluster is not None:
            cluster.close()
        if own_staging:
            shutil.rmtree(stage, ignore_errors=True)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary
