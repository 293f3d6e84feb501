"""Accuracy of the whole extraction on the annotated articles (corpus/ and tests/annotated/).

For every NAME.txt with a NAME.expected.json, scores money, dates, entities (mention
span + label) and facts with the same comparison as `newsmetrics check`, and prints
precision / recall / F1 per language and kind, then seconds per article for
`extract` (library, models warm) and for `newsmetrics run` (a fresh process, model
loading included, into a new database).

Usage: python benchmarks/accuracy.py [FOLDER ...]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.analyse import warm  # noqa: E402
from pipeline.evaluate import KINDS, Report  # noqa: E402
from pipeline.fixtures import check_fixture, find_fixtures  # noqa: E402
from pipeline.types import LANGUAGES  # noqa: E402


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:]] or [ROOT / "corpus"]
    per_lang: dict[str, Report] = {}
    total = Report()
    fixtures = [f for folder in folders for f in find_fixtures(folder)]
    started = time.perf_counter()
    warm(LANGUAGES)  # models and word lists, once: reported apart from the per-article cost
    warm_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for fixture in fixtures:
        report, result, _, expected = check_fixture(fixture)
        lang = str(expected.get("language") or result.lang)
        per_lang.setdefault(lang, Report()).add(report)
        total.add(report)
    extract_seconds = (time.perf_counter() - started) / max(len(fixtures), 1)
    print(f"{len(fixtures)} annotated articles\n")
    print("lang | kind | tp | fp | fn | precision | recall | F1")
    print("--- | --- | --- | --- | --- | --- | --- | ---")
    for lang, report in [*sorted(per_lang.items()), ("all", total)]:
        for kind in KINDS:
            s = report.scores[kind]
            print(f"{lang} | {kind} | {s.tp} | {s.fp} | {s.fn} | {s.precision:.3f} | "
                  f"{s.recall:.3f} | {s.f1:.3f}")
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pipeline", "run", *map(str, folders), "--db",
             str(Path(tmp) / "acc.duckdb"), "--quiet"],
            check=False, cwd=ROOT,
        )
        run_seconds = time.perf_counter() - started
    print(f"\nstart-up: {warm_seconds:.1f} s to load models and word lists (7 languages)")
    print(f"extract: {extract_seconds:.3f} s/article (after start-up)")
    print(f"run:     {run_seconds / max(len(fixtures), 1):.3f} s/article "
          f"({run_seconds:.1f} s for {len(fixtures)} articles, cold process)")


if __name__ == "__main__":
    main()
