"""The one loader for per-language word lists (`pipeline/data/<kind>/<lang>.json`).

Each kind of extractor keeps its knowledge as data, one JSON file per language, so a
new language is a new file, not new code. Files are read once and cached.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from pipeline.types import LANGUAGES

__all__ = ["available", "load"]


@cache
def load(kind: str, lang: str) -> dict[str, Any]:
    """The word lists of `kind` ("money", "dates", "entities", "facts") for `lang`.

    A language without a file gets an empty mapping: extractors then fall back to
    what is language-neutral (symbols, ISO codes, digits).
    """
    path = resources.files("pipeline") / "data" / kind / f"{lang}.json"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def available(kind: str) -> tuple[str, ...]:
    """The languages that have a data file for `kind`, in the project's order."""
    folder = resources.files("pipeline") / "data" / kind
    return tuple(lang for lang in LANGUAGES if (folder / f"{lang}.json").is_file())
