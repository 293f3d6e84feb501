"""The command line end to end: run, query, profile, extract, check, on real fixtures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.conftest import CORPUS, ROOT, SEED

GOLDEN = Path(__file__).parent / "golden"


def invoke(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("db") / "corpus.duckdb"
    result = invoke("run", str(CORPUS), "--db", str(db))
    assert result.exit_code == 0, result.output
    return db


def query_json(db: Path, sql: str) -> list[dict[str, Any]]:
    result = invoke("query", "--db", str(db), "--format", "json", sql)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.output)
    return rows


def test_cli_run_stores_seed_facts(corpus_db: Path, seed_expected: dict[str, Any]) -> None:
    rows = query_json(
        corpus_db,
        "SELECT f.entity, f.metric, f.value, f.currency, f.qualifier, f.period_start, "
        "f.period_end, f.per FROM facts f JOIN articles a USING (article_id) "
        "WHERE a.path LIKE '%stability_ai_fr.txt' ORDER BY f.start",
    )
    keys = ("entity", "metric", "value", "currency", "qualifier", "period_start",
            "period_end", "per")
    expected = [{k: m.get(k) for k in keys} for m in seed_expected["metrics"]]
    assert rows == expected


def test_cli_run_records_reference_date_and_layout(corpus_db: Path) -> None:
    rows = query_json(
        corpus_db,
        "SELECT language, encoding, reference_date, reference_date_source, source, credit "
        "FROM articles WHERE path LIKE '%stability_ai_fr.txt'",
    )
    assert rows == [{
        "language": "fr", "encoding": "utf-8", "reference_date": "2024-04-02",
        "reference_date_source": "meta", "source": "The Register",
        "credit": "Mathieu Stern/Unsplash",
    }]


def test_cli_profile_validates_and_has_seed_checks(corpus_db: Path) -> None:
    result = invoke("profile", "--db", str(corpus_db), "Stability AI", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    schema = json.loads((ROOT / "schemas" / "profile.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    markdown = invoke("profile", "--db", str(corpus_db), "Stability AI", "--format", "md")
    assert markdown.exit_code == 0 and "Stability AI" in markdown.output


def test_cli_rerun_is_idempotent(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    db = str(tmp_path / "x.duckdb")
    counts = "SELECT (SELECT count(*) FROM articles) a, (SELECT count(*) FROM money) m, " \
             "(SELECT count(*) FROM facts) f, (SELECT count(*) FROM profile) p"
    assert invoke("run", str(folder), "--db", db).exit_code == 0
    first = query_json(Path(db), counts)
    assert invoke("run", str(folder), "--db", db).exit_code == 0
    assert query_json(Path(db), counts) == first
    shutil.copy(SEED, folder / "copy.txt")  # the same text twice is one article
    assert invoke("run", str(folder), "--db", db).exit_code == 0
    assert query_json(Path(db), counts) == first


def test_cli_changed_file_replaces_rows(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Titre\nAcme a levé 3 millions d'euros en 2023.\n", encoding="utf-8")
    db = str(tmp_path / "x.duckdb")
    assert invoke("run", str(tmp_path), "--db", db).exit_code == 0
    path.write_text("Titre\nAcme a levé 7 millions d'euros en 2023.\n", encoding="utf-8")
    assert invoke("run", str(tmp_path), "--db", db).exit_code == 0
    rows = query_json(Path(db), "SELECT value FROM money")
    assert rows == [{"value": 7000000}]
    assert query_json(Path(db), "SELECT count(*) n FROM articles") == [{"n": 1}]


def test_cli_rejected_files_recorded_and_exit_status(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    shutil.copy(SEED, tmp_path / "good.txt")
    db = str(tmp_path / "x.duckdb")
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "--db", db])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    rows = query_json(Path(db), "SELECT code FROM rejected ORDER BY code")
    assert rows == [{"code": "binary"}, {"code": "empty"}]
    assert query_json(Path(db), "SELECT count(*) n FROM articles") == [{"n": 1}]
    CliRunner().invoke(cli, ["run", str(tmp_path), "--db", db])
    assert len(query_json(Path(db), "SELECT * FROM rejected")) == 2


def test_cli_extract_seed(seed_text: str, seed_expected: dict[str, Any]) -> None:
    line = json.dumps({"id": "s", "text": seed_text, "reference_date": "2024-04-02"})
    result = invoke("extract", input=line + "\n")
    assert result.exit_code == 0
    out = json.loads(result.output)
    assert out["id"] == "s" and out["lang"] == "fr"
    assert [m["text"] for m in out["money"]] == [m["text"] for m in seed_expected["money"]]
    assert [(d["start_date"], d["end_date"]) for d in out["dates"]] == [
        (d["start"], d["end"]) for d in seed_expected["dates"]
    ]
    for mention in out["money"]:
        assert seed_text[mention["start"]:mention["end"]] == mention["text"]


def test_cli_extract_bad_lines_reported_and_run_goes_on() -> None:
    lines = "\n".join([
        "not json",
        json.dumps({"id": 1, "text": 5}),
        json.dumps({"id": 2, "text": "Revenue was $5 million.", "lang": "en"}),
        json.dumps({"id": 3, "text": "x", "reference_date": "yesterday"}),
    ])
    result = CliRunner().invoke(cli, ["extract"], input=lines + "\n")
    assert result.exit_code == 1
    outputs = [json.loads(x) for x in result.stdout.splitlines()]
    assert [("error" in o) for o in outputs] == [True, True, False, True]
    assert outputs[2]["money"][0]["value"] == 5000000


def test_cli_check_seed_passes() -> None:
    result = invoke("check", str(SEED))
    assert result.exit_code == 0, result.output


def test_cli_check_detects_regression(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "s.txt")
    expected = json.loads(SEED.with_name("stability_ai_fr.expected.json").read_text("utf-8"))
    expected["money"][0]["value"] = 5000000
    (tmp_path / "s.expected.json").write_text(json.dumps(expected), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "4 millions de dollars" in result.output
    updated = CliRunner().invoke(cli, ["check", str(tmp_path), "--update"])
    assert updated.exit_code == 0
    assert invoke("check", str(tmp_path)).exit_code == 0


def test_cli_errors_are_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "--db", str(tmp_path / "none.duckdb"), "SELECT 1"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: ") and "Traceback" not in result.output


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_cli_help_has_example(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_cli_every_command_and_option_documented_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = []
    for name, command in cli.commands.items():
        if f"newsmetrics {name}" not in readme:
            missing.append(name)
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt not in ("--help",) and opt not in readme:
                    missing.append(f"{name} {opt}")
    assert missing == []


def test_cli_corpus_profile_golden(corpus_db: Path, update_golden: bool) -> None:
    """The reconciled profile of the whole corpus (restatements, conflicts, checks)."""
    from tests.test_golden import _golden

    result = invoke("profile", "--db", str(corpus_db), "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    _golden(GOLDEN / "profile.json", document, update_golden)
