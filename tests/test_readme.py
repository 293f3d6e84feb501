"""The documentation is tested: README's Python examples and the package docstring run."""

from __future__ import annotations

import doctest

import pipeline
from tests.conftest import ROOT


def test_readme_python_examples_run() -> None:
    result = doctest.testfile(
        str(ROOT / "README.md"), module_relative=False,
        globs={"Decimal": __import__("decimal").Decimal},
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.attempted >= 3
    assert result.failed == 0


def test_readme_package_docstring_runs() -> None:
    result = doctest.testmod(
        pipeline, extraglobs={"Decimal": __import__("decimal").Decimal},
        optionflags=doctest.ELLIPSIS,
    )
    assert result.attempted >= 2
    assert result.failed == 0


def test_readme_shows_exactly_the_two_setup_commands_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines() if "python3 -m venv" in line]
    assert len(commands) == 2
    assert "newsmetrics run corpus/" in commands[0]
    assert commands[1] in ci
