"""The `newsmetrics` command: a thin layer over the library.

Every library error becomes one message on standard error here, in one place
(`_Group.invoke`); `--debug` shows the traceback instead.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import click

from pipeline import db as dbmod
from pipeline.errors import InputError, NewsmetricsError
from pipeline.ingest import DEFAULT_MAX_BYTES, DEFAULT_TIME_BUDGET
from pipeline.query import FORMATS, Result, format_result, plain, run_query

__all__ = ["main"]

EXIT_REJECTED = 1
EXIT_ERROR = 2


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsmetricsError as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            click.echo("Interrupted: every batch written so far is kept; run again to finish.",
                       err=True)
            ctx.exit(130)


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


db_option = click.option(
    "--db", "db", default=dbmod.DEFAULT_DB, show_default=True,
    type=click.Path(dir_okay=False), help="The DuckDB database file.",
)


def format_option(choices: tuple[str, ...], default: str) -> Callable[[Any], Any]:
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
        help="Output format.",
    )


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(package_name="newsmetrics")
def cli(debug: bool) -> None:
    """Turn folders of news articles into queryable financial facts.

    \b
    Example:
        newsmetrics run corpus/ --db news.duckdb
        newsmetrics query --db news.duckdb "SELECT entity, metric, value FROM facts"
        newsmetrics profile --db news.duckdb "Stability AI" --format md
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--reference-date", callback=_iso_date, metavar="YYYY-MM-DD",
              help="Publication date for articles that state none (no date line, no .meta.json).")
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1, 10_000),
              help="Articles per spaCy batch and per database transaction.")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True,
              type=click.IntRange(1), help="Files larger than this are rejected.")
@click.option("--time-budget", default=DEFAULT_TIME_BUDGET, show_default=True,
              type=click.FloatRange(0), help="Seconds of extraction allowed per article; "
              "an article over it is rejected (0: no limit).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Extraction processes on this machine.")
@click.option("--wait", default=0.0, show_default=True, type=click.FloatRange(0),
              help="Seconds to wait for another run that holds the database.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Where extraction runs: this process (and --workers), "
              "or a Dask cluster (needs the [dask] extra).")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: join this scheduler (e.g. tcp://host:8786) instead of "
              "starting a local cluster of --workers processes.")
@click.option("--staging", type=click.Path(file_okay=False, path_type=Path),
              help="With --engine dask: folder for the shards' Parquet files (shared by the "
              "workers and this machine on a real cluster).")
@click.option("--prune", is_flag=True,
              help="Delete the rows of files that disappeared from the given folders.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@format_option(FORMATS, "table")
def run(
    paths: tuple[Path, ...], db: str, reference_date: date | None, batch_size: int,
    max_bytes: int, time_budget: float, workers: int, wait: float, engine: str,
    scheduler: str | None, staging: Path | None, prune: bool, quiet: bool, fmt: str,
) -> None:
    """Ingest PATHS (folders are searched for *.txt), extract, reconcile into --db.

    Re-running is safe: unchanged files are skipped, changed ones replaced. The exit
    status is 1 when any file was rejected (see the `rejected` table), else 0.

    \b
    Example:
        newsmetrics run corpus/ --db news.duckdb
    """
    bar = _progress(quiet)
    options: dict[str, Any] = {
        "reference_date": reference_date, "max_bytes": max_bytes,
        "time_budget": time_budget or None, "workers": workers, "prune": prune, "wait": wait,
        "progress": bar,
    }
    try:
        if engine == "dask":
            from pipeline.engine_dask import run_dask

            summary = run_dask(list(paths), db, address=scheduler, shard_size=batch_size,
                               staging=staging, **options)
        else:
            from pipeline.runner import run as run_pipeline

            summary = run_pipeline(list(paths), db, batch_size=batch_size, **options)
    finally:
        close = getattr(bar, "close", None)
        if close is not None:
            close()
    for path, reason in summary.rejections:
        click.echo(f"rejected: {path}: {reason}", err=True)
    if not quiet:
        data = summary.to_dict()
        data.pop("rejections")
        if fmt == "table":
            click.echo(format_result(Result(["item", "count"], list(data.items())), "table"))
        else:
            click.echo(format_result(Result(list(data), [list(data.values())]), fmt))
    if summary.interrupted:
        click.echo("Interrupted: the batches written so far are kept; run again to finish.",
                   err=True)
        sys.exit(130)
    if summary.rejected:
        sys.exit(EXIT_REJECTED)


class _Bar:
    """tqdm on a terminal: articles/second and ETA; nothing when piped."""

    def __init__(self) -> None:
        from tqdm import tqdm

        self._bar = tqdm(total=0, unit="file", file=sys.stderr, dynamic_ncols=True)

    def __call__(self, done: int, total: int) -> None:
        if self._bar.total != total:
            self._bar.total = total
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        self._bar.close()


def _progress(quiet: bool) -> Callable[[int, int], None] | None:
    if quiet or not sys.stderr.isatty():
        return None
    return _Bar()


@cli.command()
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 10_000))
def extract(batch_size: int) -> None:
    """Read JSON Lines on stdin, write one line of mentions per input line. No database.

    Each input line: {"id": ..., "text": ..., "lang": optional, "reference_date": optional}.
    Each output line: {"id", "lang", "money", "dates", "durations", "entities", "roles",
    "facts"}; a malformed line gives {"id", "error"} and the exit status 1.

    \b
    Example:
        echo '{"id": "a", "text": "Revenue rose to $2.3bn in 2024."}' | newsmetrics extract
    """
    from pipeline.analyse import Failure, analyse_many

    failures = 0
    items = _read_items(sys.stdin)
    pending: list[tuple[Any, Any]] = []

    def flush() -> None:
        nonlocal failures
        good = [(str(i), t, lang, ref) for i, (t, lang, ref) in
                ((p[0], p[1]) for p in pending if not isinstance(p[1], str))]
        results = iter(analyse_many(good, batch_size=batch_size))
        for ident, payload in pending:
            if isinstance(payload, str):
                _emit({"id": ident, "error": payload})
                continue
            result = next(results)
            if isinstance(result, Failure):
                failures += 1
                click.echo(f"{ident}: {result.reason}", err=True)
                _emit({"id": ident, "error": result.reason})
            else:
                _emit({**result.to_dict(), "id": ident})
        pending.clear()

    for ident, payload in items:
        if isinstance(payload, str):
            failures += 1
            click.echo(payload, err=True)
        pending.append((ident, payload))
        if len(pending) >= batch_size:
            flush()
    if pending:
        flush()
    if failures:
        sys.exit(EXIT_REJECTED)


def _emit(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _read_items(stream: TextIO) -> Iterator[tuple[Any, Any]]:
    """(id, (text, lang, reference_date)) per line, or (id, error message)."""
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        ident: Any = None
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise InputError("a line must be a JSON object")
            ident = obj.get("id", number)
            text = obj.get("text")
            if not isinstance(text, str):
                raise InputError('"text" must be a string')
            lang = obj.get("lang") or None
            if lang is not None and not isinstance(lang, str):
                raise InputError('"lang" must be a string')
            ref = obj.get("reference_date")
            reference = date.fromisoformat(ref[:10]) if ref else None
        except (ValueError, TypeError, InputError) as exc:
            yield ident, f"line {number}: {exc}"
            continue
        yield ident, (text, lang, reference)


@cli.command()
@db_option
@click.argument("sql")
@format_option(FORMATS, "table")
def query(db: str, sql: str, fmt: str) -> None:
    """Run one read-only SQL statement over the tables.

    \b
    Example:
        newsmetrics query --db news.duckdb "SELECT entity, metric, value, period_start FROM facts"
        newsmetrics query --db news.duckdb --format csv "SELECT * FROM checks"
    """
    click.echo(format_result(run_query(db, sql), fmt))


@cli.command()
@db_option
@click.argument("company", required=False)
@format_option(("json", "md"), "json")
def profile(db: str, company: str | None, fmt: str) -> None:
    """The reconciled financial profile of COMPANY (or of every company).

    \b
    Example:
        newsmetrics profile --db news.duckdb "Stability AI" --format md
    """
    from pipeline.profile import build_profile, profile_markdown

    conn = dbmod.connect(db, read_only=True)
    try:
        profile_rows = _dicts(conn, "SELECT * FROM profile ORDER BY entity, metric, period_start")
        check_rows = _dicts(conn, 'SELECT * FROM checks ORDER BY entity, "check", period_start')
    finally:
        conn.close()
    for rows, column in ((profile_rows, "sources"), (check_rows, "inputs")):
        for row in rows:
            if isinstance(row[column], str):
                row[column] = json.loads(row[column])
    document = build_profile(profile_rows, check_rows, company)
    if fmt == "md":
        click.echo(profile_markdown(document))
    else:
        click.echo(json.dumps(plain(document), ensure_ascii=False, indent=2))


@cli.command()
@click.argument("fixtures", type=click.Path(exists=True, path_type=Path))
@click.option("--update", is_flag=True,
              help="Show the differences, then write the current output as the expectation.")
@click.option("--verbose", "-v", is_flag=True, help="List every difference, not the first 10.")
def check(fixtures: Path, update: bool, verbose: bool) -> None:
    """Score the extraction of fixture articles against their expected files.

    FIXTURES is a folder (searched recursively) or one .txt file; each NAME.txt with a
    NAME.expected.json beside it is checked. Prints precision/recall per kind and every
    difference (missed, wrong, extra); exits 1 on any difference.

    \b
    Example:
        newsmetrics check corpus/
        newsmetrics check corpus/fr/stability_ai_fr.txt --update
    """
    from pipeline.evaluate import KINDS, Report
    from pipeline.fixtures import as_expected, check_fixture, find_fixtures

    total = Report()
    found = list(find_fixtures(fixtures))
    if not found:
        raise InputError(f"no NAME.txt with NAME.expected.json under {fixtures}")
    limit = None if verbose else 10
    for fixture in found:
        report, result, text, expected = check_fixture(fixture)
        total.add(report)
        status = "ok" if report.perfect else "DIFF"
        click.echo(f"{status:4}  {fixture.text_path}")
        for kind in KINDS:
            score = report.scores[kind]
            lines = ([f"missed {m}" for m in score.missed] + [f"wrong  {w}" for w in score.wrong]
                     + [f"extra  {x}" for x in score.extra])
            for line in lines[:limit]:
                click.echo(f"      {kind:8} {line}")
        if update and not report.perfect:
            fixture.expected_path.write_text(
                json.dumps(as_expected(result, text, expected), ensure_ascii=False, indent=1)
                + "\n", encoding="utf-8",
            )
            click.echo(f"      updated {fixture.expected_path}")
    rows = [
        [kind, s.tp, s.fp, s.fn, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]
        for kind, s in total.scores.items()
    ]
    click.echo("")
    click.echo(format_result(Result(["kind", "tp", "fp", "fn", "precision", "recall", "f1"],
                                    rows), "table"))
    if not total.perfect and not update:
        sys.exit(EXIT_REJECTED)


@cli.command()
@db_option
@click.option("--to", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write one file per table into (created if missing).")
@format_option(("parquet", "csv", "jsonl"), "parquet")
@click.option("--table", "tables", multiple=True, help="Only these tables (repeatable).")
def export(db: str, out_dir: Path, fmt: str, tables: tuple[str, ...]) -> None:
    """Write every table to DIR as Parquet, CSV or JSON Lines, one file per table.

    \b
    Example:
        newsmetrics export --db news.duckdb --to out/ --format parquet
    """
    from pipeline.export import export_tables

    for path in export_tables(db, out_dir, fmt, list(tables) or None):
        click.echo(str(path))


@cli.command()
@db_option
@click.argument("company", required=False)
@click.option("--out", "out", default="report.html", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The HTML file to write.")
def report(db: str, company: str | None, out: Path) -> None:
    """One self-contained HTML page: metrics, sources, conflicts and charts per company.

    \b
    Example:
        newsmetrics report --db news.duckdb "Stability AI" --out stability.html
    """
    from pipeline.report import render_report

    out.write_text(render_report(db, company), encoding="utf-8")
    click.echo(str(out))


def _dicts(conn: Any, sql: str) -> list[dict[str, Any]]:
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def main() -> None:
    cli(prog_name="newsmetrics")
