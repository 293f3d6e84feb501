"""Money extraction against the Recognizers-Text currency specs (issue 3).

Runs `pipeline.money.extract_money` (or, with `--cli`, `python -m pipeline extract`)
over `money.<lang>.jsonl` of the converted Recognizers-Text suite (verified cases
only) and prints, per language: cases, precision, recall, F1, cases per second.

A predicted amount matches an expected one when the spans overlap, the values are
equal and, where the spec names a currency, the currencies are equal. Where the spec
gives no span, the expected text is located case-insensitively in the input.

Two readings of the spec, so that it measures what a MoneyMention can say:
- a bare currency word without a number ("dollar", value null) is not an amount and
  is left out of the expected set;
- the spec counts subunits and coins in themselves ("50 cents" has value 50, unit
  "Cent"; "een kwartje" value 1); a MoneyMention counts in units of the currency
  (0.50; 0.25), so those expected values are multiplied by the unit's worth
  (`UNIT_WORTH`).

Speed: direct calls are timed after one warm-up call per language (the patterns are
compiled once per language); `--cli` times the whole `python -m pipeline extract`
process, model loading and all extractors included.

Usage: python benchmarks/money_recognizers.py [--cli] [--suite DIR] [--lang fr ...]
       [--failures N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

# The peer suites live in the workplace's shared folder beside the checkout; override with
# NEWSMETRICS_SUITES=/path/to/recognizers.
SUITE = Path(os.environ.get(
    "NEWSMETRICS_SUITES",
    Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "recognizers",
))
LANGS = ("fr", "en", "de", "es", "it", "pt", "nl")
# What one spec unit is worth in units of its currency: the spec counts subunits and
# coins in themselves ("50 cents" is 50 Cent), a MoneyMention in the currency (0.50).
HUNDREDTH = Decimal("0.01")
UNIT_WORTH = {
    **dict.fromkeys(
        ("Cent", "Centavo", "Centimes", "Pence", "Penny", "Penique", "Pêni", "Penni", "Pesewa"),
        HUNDREDTH,
    ),
    "Kwartje": Decimal("0.25"),
    "Dubbeltje": Decimal("0.10"),
    "Stuiver": Decimal("0.05"),
    "Tientje": Decimal("10"),
}
TOLERANCE = Decimal("0.000001")


@dataclass(frozen=True, slots=True)
class Expected:
    start: int
    end: int
    value: Decimal
    currency: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Predicted:
    start: int
    end: int
    value: Decimal
    currency: str | None
    text: str


def load_cases(suite: Path, lang: str) -> list[dict[str, Any]]:
    path = suite / f"money.{lang}.jsonl"
    cases = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("verified"):
                cases.append(record)
    return cases


def expected_of(case: dict[str, Any]) -> list[Expected]:
    text: str = case["text"]
    out = []
    for item in case["expected"]:
        if item.get("value") is None:
            continue
        span = item.get("span")
        if span is None:
            at = text.lower().find(item["text"].lower())
            if at < 0:
                continue
            span = [at, at + len(item["text"])]
        value = Decimal(str(item["value"]))
        value *= UNIT_WORTH.get(item.get("unit") or "", Decimal(1))
        out.append(Expected(span[0], span[1], value, item.get("currency"), item["text"]))
    return out


def matches(pred: Predicted, exp: Expected) -> bool:
    if pred.end <= exp.start or exp.end <= pred.start:
        return False
    if abs(pred.value - exp.value) > TOLERANCE:
        return False
    return exp.currency is None or pred.currency == exp.currency


def score(
    preds: list[Predicted], exps: list[Expected]
) -> tuple[int, list[Predicted], list[Expected]]:
    """True positives, unmatched predictions, unmatched expectations (one-to-one)."""
    free = list(exps)
    extra = []
    hits = 0
    for pred in preds:
        for exp in free:
            if matches(pred, exp):
                free.remove(exp)
                hits += 1
                break
        else:
            extra.append(pred)
    return hits, extra, free


def predict_direct(cases: list[dict[str, Any]]) -> tuple[list[list[Predicted]], float]:
    from pipeline.money import extract_money

    for lang in {c["lang"] for c in cases}:
        extract_money("1", lang)  # patterns compile once per language, outside the timing
    started = time.perf_counter()
    results = []
    for case in cases:
        mentions = extract_money(case["text"], case["lang"])
        results.append(
            [
                Predicted(m.start, m.end, -m.value if m.negative else m.value, m.currency, m.text)
                for m in mentions
            ]
        )
    return results, time.perf_counter() - started


def predict_cli(cases: list[dict[str, Any]]) -> tuple[list[list[Predicted]], float]:
    lines = "".join(
        json.dumps({"id": str(i), "text": c["text"], "lang": c["lang"]}, ensure_ascii=False) + "\n"
        for i, c in enumerate(cases)
    )
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract"],
        input=lines,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"pipeline extract failed ({proc.returncode}): {proc.stderr[-2000:]}")
    by_id: dict[str, list[Predicted]] = {}
    for line in proc.stdout.splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        by_id[str(record["id"])] = [
            Predicted(
                m["start"],
                m["end"],
                (-1 if m.get("negative") else 1) * Decimal(str(m["value"])),
                m.get("currency"),
                m["text"],
            )
            for m in record.get("money", [])
        ]
    return [by_id.get(str(i), []) for i in range(len(cases))], elapsed


def run(
    suite: Path,
    langs: Iterable[str],
    predict: Callable[[list[dict[str, Any]]], tuple[list[list[Predicted]], float]],
    failures: int,
) -> list[dict[str, Any]]:
    rows = []
    for lang in langs:
        cases = load_cases(suite, lang)
        predictions, elapsed = predict(cases)
        tp = fp = fn = 0
        shown = 0
        for case, preds in zip(cases, predictions, strict=True):
            exps = expected_of(case)
            hits, extra, missed = score(preds, exps)
            tp += hits
            fp += len(extra)
            fn += len(missed)
            if (extra or missed) and shown < failures:
                shown += 1
                print(f"[{lang}] {case['source']}: {case['text'][:160]!r}")
                for p in extra:
                    print(f"    extra  {p.text!r} {p.value} {p.currency}")
                for e in missed:
                    print(f"    missed {e.text!r} {e.value} {e.currency}")
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append(
            {
                "lang": lang,
                "cases": len(cases),
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "per_second": len(cases) / elapsed if elapsed > 0 else float("inf"),
            }
        )
    return rows


def print_table(rows: list[dict[str, Any]]) -> None:
    print(f"{'lang':<5} {'cases':>6} {'precision':>10} {'recall':>8} {'F1':>7} {'cases/s':>10}")
    for row in rows:
        print(
            f"{row['lang']:<5} {row['cases']:>6} {row['precision']:>10.3f} {row['recall']:>8.3f}"
            f" {row['f1']:>7.3f} {row['per_second']:>10.0f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cli", action="store_true", help="go through `python -m pipeline extract`"
    )
    parser.add_argument("--suite", type=Path, default=SUITE, help="folder of money.<lang>.jsonl")
    parser.add_argument("--lang", nargs="*", default=list(LANGS), help="languages to run")
    parser.add_argument("--failures", type=int, default=0, help="print up to N failing cases")
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    predict = predict_cli if args.cli else predict_direct
    print_table(run(args.suite, args.lang, predict, args.failures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
