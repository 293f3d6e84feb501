"""Throughput and memory of `newsmetrics run` against the bare spaCy pass it is built on.

Builds a corpus of N distinct articles in several languages (variations of the fixture
articles in corpus/: figures, years and names changed, so no two texts share a hash),
then, each in a fresh process so that peak memory is measured alone:

  bare   language detection + the same spaCy pipelines over the texts, nothing else
  run    `newsmetrics run` (ingest to DuckDB, reconciliation included), single process
  rerun  `newsmetrics run` again over the unchanged corpus

Usage: python benchmarks/throughput.py [--sizes 300 3000 10000] [--batch-size 64]
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
from pathlib import Path

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
    else:
        run([folder], db, batch_size=batch_size)
    seconds = time.perf_counter() - started
    print(json.dumps({"mode": mode, "seconds": seconds, "peak_rss_mb": _peak_rss_mb()}))


def measure(mode: str, folder: Path, db: Path, batch_size: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(folder), str(db), str(batch_size)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3000, 10000])
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, folder, db, batch = args.child
        child(mode, folder, db, int(batch))
        return
    header = ("N", "words", "bare s", "run s", "speed vs bare", "art/s", "words/s",
              "peak MB", "rerun s", "rerun %")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
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
                f"{first['peak_rss_mb']:.0f}", f"{again['seconds']:.2f}",
                f"{100 * again['seconds'] / first['seconds']:.1f}",
            ]), flush=True)


if __name__ == "__main__":
    main()
