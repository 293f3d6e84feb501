"""Throughput and memory of `newsmetrics run` against the bare spaCy pass it is built on.

Builds a corpus of N distinct articles in several languages (variations of the fixture
articles in corpus/: figures, years and names changed, so no two texts share a hash),
then, each in a fresh process so that peak memory is measured alone:

  bare   language detection + the same spaCy pipelines over the texts, nothing else
  run    `newsmetrics run` (ingest to DuckDB, reconciliation included), single process
  rerun  `newsmetrics run` again over the unchanged corpus

With --stages, one more `run` per size with a timer around each stage prints where the
time of an article goes (CPU ms per article, so that other work on a shared machine barely
moves it; the extractors are timed inside `analyse`, spaCy is the rest of the batch
analysis).

Usage: python benchmarks/throughput.py [--sizes 300 3000 10000] [--batch-size 64] [--stages]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_corpus(folder: Path, n: int, seed: int = 7) -> int:
    """Write n distinct articles under folder; return the number of words."""
    sources = sorted((ROOT / "corpus").rglob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    rng = random.Random(seed)
    words = 0
    for i in range(n):
        base = texts[i % len(texts)]

        def bump(match: re.Match[str]) -> str:
            digits = match.group(0)
            return str(int(digits) + rng.randint(1, 9)) if len(digits) < 4 else digits

        text = re.sub(r"\b\d{1,3}\b", bump, base)
        text = f"{text}\n(ref {i})\n"
        sub = folder / f"{i % 50:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"article_{i:05d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """CPU time of this process (all its threads): unlike wall time, barely moved by other
    work on a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# (label, module, function): the stages of a run, timed where the runner calls them.
STAGES = (
    ("read + hash", "pipeline.runner", "read_article"),
    ("langdetect", "pipeline.runner", "detect_language"),
    ("reference date", "pipeline.runner", "_reference"),
    ("analyse batch", "pipeline.runner", "analyse_batch"),
    ("extractors", "pipeline.analyse", "analyse"),
    ("  money", "pipeline.money", "extract_money"),
    ("  dates", "pipeline.dates", "extract_dates"),
    ("  durations", "pipeline.dates", "extract_durations"),
    ("  entities", "pipeline.entities", "extract_entities"),
    ("  roles", "pipeline.entities", "extract_roles"),
    ("  facts", "pipeline.facts", "extract_facts"),
    ("row building", "pipeline.runner", "batch_tables"),
    ("DuckDB writes", "pipeline.runner", "write_tables"),
    ("reconciliation", "pipeline.runner", "reconcile_if_needed"),
)


def _timers(totals: dict[str, float]) -> None:
    """Wrap each stage's function with a timer; extractor time counts inside `analyse` only
    (dates also read the publication date, which is the reference-date stage)."""
    import importlib

    inside = {"analyse": False}

    def wrap(label: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            nested = label.startswith("  ")
            if nested and not inside["analyse"]:
                return original(*args, **kwargs)
            outer = label == "extractors"
            inside["analyse"] = inside["analyse"] or outer
            started = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                totals[label] += time.process_time() - started
                if outer:
                    inside["analyse"] = False
        return timed

    for label, module_name, name in STAGES:
        module = importlib.import_module(module_name)
        setattr(module, name, wrap(label, getattr(module, name)))


def child(mode: str, folder: str, db: str, batch_size: int) -> None:
    """One measurement in this process; prints a JSON line."""
    from pipeline.ingest import discover, read_article
    from pipeline.language import detect_language
    from pipeline.nlp import get_nlp
    from pipeline.runner import run

    for lang in ("fr", "en", "de"):  # load models before timing: both modes pay it once
        get_nlp(lang)
    detect_language("warm up the language profiles")
    started = time.perf_counter()
    cpu = _cpu_seconds()
    if mode == "bare":
        batch: dict[str, list[str]] = {}

        def flush() -> None:
            for lang, texts in batch.items():
                for _ in get_nlp(lang if lang in {"fr", "en", "de", "es", "it", "pt", "nl"}
                                 else "en").pipe(texts, batch_size=batch_size):
                    pass
            batch.clear()

        for count, path in enumerate(discover([folder]), 1):
            text = read_article(path).text
            lang, _ = detect_language(text)
            batch.setdefault(lang, []).append(text)
            if count % batch_size == 0:
                flush()
        flush()
    elif mode == "stages":
        totals: dict[str, float] = defaultdict(float)
        _timers(totals)
        started = time.process_time()
        run([folder], db, batch_size=batch_size)
        totals["total"] = time.process_time() - started
        print(json.dumps({"mode": mode, "stages": totals}))
        return
    else:
        run([folder], db, batch_size=batch_size)
    seconds = time.perf_counter() - started
    print(json.dumps({"mode": mode, "seconds": seconds, "cpu": _cpu_seconds() - cpu,
                      "peak_rss_mb": _peak_rss_mb()}))


def measure(mode: str, folder: Path, db: Path, batch_size: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(folder), str(db), str(batch_size)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3000, 10000])
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--stages", action="store_true", help="also time each stage")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, folder, db, batch = args.child
        child(mode, folder, db, int(batch))
        return
    header = ("N", "words", "bare s", "run s", "speed vs bare", "art/s", "words/s",
              "bare cpu s", "run cpu s", "cpu ratio", "peak MB", "rerun s", "rerun %")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    stages: dict[int, dict[str, float]] = {}
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            folder.mkdir()
            words = build_corpus(folder, n)
            db = Path(tmp) / "bench.duckdb"
            bare = measure("bare", folder, db, args.batch_size)
            first = measure("run", folder, db, args.batch_size)
            again = measure("rerun", folder, db, args.batch_size)
            ratio = bare["seconds"] / first["seconds"]
            print(" | ".join([
                str(n), str(words), f"{bare['seconds']:.1f}", f"{first['seconds']:.1f}",
                f"{ratio:.2f}", f"{n / first['seconds']:.1f}", f"{words / first['seconds']:.0f}",
                f"{bare['cpu']:.1f}", f"{first['cpu']:.1f}", f"{bare['cpu'] / first['cpu']:.2f}",
                f"{first['peak_rss_mb']:.0f}", f"{again['seconds']:.2f}",
                f"{100 * again['seconds'] / first['seconds']:.1f}",
            ]), flush=True)
            if args.stages:
                stages[n] = measure("stages", folder, Path(tmp) / "stages.duckdb",
                                    args.batch_size)["stages"]
    if stages:
        print_stages(stages)


def print_stages(stages: dict[int, dict[str, float]]) -> None:
    """CPU ms per article of each stage, per size (spaCy: the batch analysis minus
    extractors)."""
    sizes = sorted(stages)
    print()
    print(" | ".join(["stage (CPU ms/article)", *(f"N={n}" for n in sizes)]))
    print(" | ".join("---" for _ in range(len(sizes) + 1)))
    labels = [label for label, _, _ in STAGES if label != "analyse batch"]
    labels.insert(labels.index("extractors"), "spaCy")
    for label in [*labels, "other", "total"]:
        cells = []
        for n in sizes:
            t = stages[n]
            if label == "spaCy":
                value = t.get("analyse batch", 0.0) - t.get("extractors", 0.0)
            elif label == "other":
                top = [x for x, _, _ in STAGES if not x.startswith("  ")
                       and x not in ("extractors",)]
                value = t["total"] - sum(t.get(x, 0.0) for x in top)
            else:
                value = t.get(label, 0.0)
            cells.append(f"{1000 * value / n:.2f}")
        print(" | ".join([label, *cells]), flush=True)


if __name__ == "__main__":
    main()
