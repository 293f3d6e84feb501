"""Fact attribution against the annotated corpus: precision, recall and F1 per language.

Run: `.venv/bin/python benchmarks/facts_bench.py [--corpus corpus] [--misses]`

Every `corpus/<lang>/*.expected.json` with a "metrics" list is an article. Its text
goes through the real extractors (money, dates, entities) and `extract_facts`. A true
positive is a predicted fact with the same entity (by `canonical_key`), metric, value,
currency, qualifier and period (start and end) as an expected one, matched one to
one. A second table counts, for the expected facts that were missed but whose amount
was found, which field was wrong; `--misses` lists them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.aliases import canonical_key  # noqa: E402
from pipeline.types import LANGUAGES, Fact  # noqa: E402

FIELDS = ("entity", "metric", "value", "currency", "qualifier", "period_start", "period_end")


def _key(fact: dict[str, Any], with_entity: bool = True) -> tuple[Any, ...]:
    entity = fact.get("entity") if with_entity else None
    value = fact.get("value")
    return (
        canonical_key(entity) if isinstance(entity, str) else None,
        fact.get("metric"),
        Decimal(str(value)) if value is not None else None,
        fact.get("currency"),
        fact.get("qualifier"),
        fact.get("period_start"),
        fact.get("period_end"),
    )


def _predict(path: Path, lang: str, reference: date | None) -> tuple[str, list[Fact]]:
    from pipeline.analyse import analyse
    from pipeline.ingest import read_article

    text = read_article(path).text
    return text, list(analyse(text, lang, reference_date=reference).facts)


def _match(
    expected: list[dict[str, Any]], predicted: list[dict[str, Any]], with_entity: bool = True
) -> int:
    pool = Counter(_key(p, with_entity) for p in predicted)
    tp = 0
    for want in expected:
        k = _key(want, with_entity)
        if pool[k] > 0:
            pool[k] -= 1
            tp += 1
    return tp


def _wrong_fields(want: dict[str, Any], predicted: list[dict[str, Any]]) -> list[str] | None:
    """The fields of the closest prediction with the same amount, or None if none has it."""
    same = [
        p for p in predicted if abs(Decimal(str(p["value"]))) == abs(Decimal(str(want["value"])))
    ]
    if not same:
        return None
    best = min(
        ([f for f in FIELDS if _key({f: p[f]}) != _key({f: want.get(f)})] for p in same), key=len
    )
    return best


def _f1(tp: int, n_pred: int, n_exp: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_exp if n_exp else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument(
        "--misses", action="store_true", help="list every missed fact and every extra amount"
    )
    args = parser.parse_args()
    corpus = Path(args.corpus)
    rows = []
    loose: list[tuple[str, int, float, float, float]] = []
    wrong: Counter[str] = Counter()
    totals = [0, 0, 0, 0, 0.0]
    for lang in LANGUAGES:
        n_art = n_exp = n_pred = tp = tp_loose = 0
        seconds = 0.0
        for gold_path in sorted((corpus / lang).glob("*.expected.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            expected = gold.get("metrics") or []
            text_path = gold_path.with_name(gold_path.name.replace(".expected.json", ".txt"))
            if not text_path.exists():
                continue
            ref = date.fromisoformat(gold["reference_date"]) if gold.get("reference_date") else None
            started = time.perf_counter()
            try:
                _, facts = _predict(text_path, lang, ref)
            except ImportError as exc:
                print(f"cannot run the extractors: {exc}", file=sys.stderr)
                raise SystemExit(2) from exc
            seconds += time.perf_counter() - started
            predicted = [f.to_dict() for f in facts]
            n_art += 1
            n_exp += len(expected)
            n_pred += len(predicted)
            matched = _match(expected, predicted)
            tp += matched
            tp_loose += _match(expected, predicted, with_entity=False)
            pool = list(predicted)
            for want in expected:
                k = _key(want)
                hit = next((p for p in pool if _key(p) == k), None)
                if hit is not None:
                    pool.remove(hit)
                    continue
                fields = _wrong_fields(want, predicted)
                for f in fields or ["amount not found"]:
                    wrong[f] += 1
                if args.misses:
                    print(
                        f"MISS {gold_path.name}: {want.get('metric')} {want.get('value')} "
                        f"{want.get('currency')} [{want.get('evidence', '')[:70]}] "
                        f"wrong: {fields or 'amount not found'}"
                    )
                    same = [
                        fact
                        for fact in predicted
                        if abs(Decimal(str(fact["value"]))) == abs(Decimal(str(want["value"])))
                    ]
                    for fact in same[:1]:
                        print("      got", {k: fact[k] for k in FIELDS})
                        print("     want", {k: want.get(k) for k in fields})
            if args.misses:
                # predictions whose amount no expected fact has: amounts that are no facts
                amounts = {abs(Decimal(str(w["value"]))) for w in expected}
                for fact in pool:
                    if abs(Decimal(str(fact["value"]))) not in amounts:
                        print(
                            f"EXTRA {gold_path.name}: {fact['metric']} {fact['value']} "
                            f"{fact['currency']} [{fact.get('evidence', '')[:70]}] "
                            f"entity {fact['entity']}"
                        )
        prec, rec, f1 = _f1(tp, n_pred, n_exp)
        rows.append((lang, n_art, n_exp, n_pred, tp, prec, rec, f1, seconds))
        loose.append((lang, tp_loose, *_f1(tp_loose, n_pred, n_exp)))
        for i, v in enumerate((n_art, n_exp, n_pred, tp)):
            totals[i] += v
        totals[4] += seconds
    print(
        f"{'lang':<6}{'articles':>9}{'expected':>9}{'predicted':>10}{'TP':>5}"
        f"{'P':>7}{'R':>7}{'F1':>7}{'s':>7}"
    )
    for row in rows:
        name, arts, exps, preds, hits, prec, rec, f1, secs = row
        print(
            f"{name:<6}{arts:>9}{exps:>9}{preds:>10}{hits:>5}{prec:>7.2f}{rec:>7.2f}{f1:>7.2f}"
            f"{secs:>7.2f}"
        )
    all_art, all_exp, all_pred, all_tp, all_secs = totals
    prec, rec, f1 = _f1(int(all_tp), int(all_pred), int(all_exp))
    print(
        f"{'all':<6}{int(all_art):>9}{int(all_exp):>9}{int(all_pred):>10}{int(all_tp):>5}"
        f"{prec:>7.2f}{rec:>7.2f}{f1:>7.2f}{all_secs:>7.2f}"
    )
    print()
    print("the same without the entity (attribution of metric, value, qualifier, period):")
    print(f"{'lang':<6}{'TP':>5}{'P':>7}{'R':>7}{'F1':>7}")
    for name, hits, prec, rec, f1 in loose:
        print(f"{name:<6}{hits:>5}{prec:>7.2f}{rec:>7.2f}{f1:>7.2f}")
    loose_tp = sum(x[1] for x in loose)
    prec, rec, f1 = _f1(loose_tp, int(totals[2]), int(totals[1]))
    print(f"{'all':<6}{loose_tp:>5}{prec:>7.2f}{rec:>7.2f}{f1:>7.2f}")
    print()
    print("missed expected facts, by wrong field (a miss can count several fields):")
    for field, count in wrong.most_common():
        print(f"  {field:<18}{count:>4}")


if __name__ == "__main__":
    main()
