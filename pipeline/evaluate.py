"""Compare an extraction with an analyst's expected file (the seed's `.expected.json` format).

Used by `newsmetrics check`, the golden tests and the benchmarks, so that every figure
the project reports is computed one way. Expected items carry text, not offsets: each
is located in the article (its n-th occurrence where "occurrence" says so).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from pipeline.aliases import canonical_key
from pipeline.types import Extraction

__all__ = ["KINDS", "KindScore", "Report", "compare"]

KINDS = ("money", "dates", "entities", "facts")


@dataclass
class KindScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: KindScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.missed += other.missed
        self.extra += other.extra
        self.wrong += other.wrong


@dataclass
class Report:
    scores: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})

    def add(self, other: Report) -> None:
        for kind in KINDS:
            self.scores[kind].add(other.scores[kind])

    @property
    def perfect(self) -> bool:
        return all(s.fp == 0 and s.fn == 0 for s in self.scores.values())


def _locate(text: str, needle: str, occurrence: int = 1) -> tuple[int, int] | None:
    start = -1
    for _ in range(max(occurrence, 1)):
        start = text.find(needle, start + 1)
        if start < 0:
            return None
    return start, start + len(needle)


def _all(text: str, needle: str) -> Iterable[tuple[int, int]]:
    start = text.find(needle)
    while start >= 0 and needle:
        yield start, start + len(needle)
        start = text.find(needle, start + 1)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _num(value: Any) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).normalize()


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def _match_spans(
    text: str,
    expected: Sequence[Mapping[str, Any]],
    predicted: Sequence[Any],
    same: Any,
    describe: Any,
) -> KindScore:
    """Greedy one-to-one matching of located expected items with overlapping predictions."""
    score = KindScore()
    used: set[int] = set()
    for item in expected:
        span = _locate(text, item["text"], int(item.get("occurrence", 1)))
        best = None
        for index, mention in enumerate(predicted):
            if index in used or span is None or not _overlap(span, (mention.start, mention.end)):
                continue
            if same(item, mention):
                best = index
                break
            if best is None:
                best = -index - 1  # overlapping but different: remember as "wrong"
        if best is not None and best >= 0:
            used.add(best)
            score.tp += 1
        else:
            score.fn += 1
            if best is not None:
                wrong = predicted[-best - 1]
                score.wrong.append(f"{item['text']!r}: expected {describe(item)}, got {wrong}")
            else:
                score.missed.append(f"{item['text']!r} {describe(item)}")
    for index, mention in enumerate(predicted):
        if index not in used:
            score.fp += 1
            score.extra.append(f"{mention.text!r} ({mention.start}-{mention.end})")
    return score


def _same_money(item: Mapping[str, Any], m: Any) -> bool:
    return (
        _num(item.get("value")) == _num(m.value)
        and item.get("currency") == m.currency
        and item.get("qualifier") == m.qualifier
        and item.get("per") == m.per
        and _num(item.get("min")) == _num(m.min if item.get("min") is not None else None)
        and _num(item.get("max")) == _num(m.max if item.get("max") is not None else None)
    )


def _same_date(item: Mapping[str, Any], d: Any) -> bool:
    return (
        _iso(item.get("start")) == _iso(d.start_date)
        and _iso(item.get("end")) == _iso(d.end_date)
        and item.get("grain", d.grain) == d.grain
    )


def _entity_gold(expected: Mapping[str, Any], text: str) -> list[tuple[int, int, str, str]]:
    """Every occurrence of every surface form: (start, end, label, canonical)."""
    gold: dict[tuple[int, int], tuple[str, str]] = {}
    items = list(expected.get("entities", []))
    items += [{"text": p, "label": "MISC", "mentions": [p]} for p in expected.get("products", [])]
    # the longest surface first, whatever its entity ("Bourse de Paris" before "Paris"), and
    # whole words only ("Augsburg" is not in "Augsburger")
    surfaces = sorted(
        ((surface, item) for item in items for surface in item.get("mentions", [item["text"]])),
        key=lambda pair: -len(pair[0]),
    )
    for surface, item in surfaces:
        for span in _all(text, surface):
            if _inside_word(text, span) or any(_overlap(span, other) for other in gold):
                continue
            gold[span] = (item["label"], item["text"])
    return sorted((s, e, lab, can) for (s, e), (lab, can) in gold.items())


def _inside_word(text: str, span: tuple[int, int]) -> bool:
    """The span starts or ends inside a word of `text`."""
    start, end = span
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    return bool(
        (before.isalnum() and text[start : start + 1].isalnum())
        or (after.isalnum() and text[end - 1 : end].isalnum())
    )


def _compare_entities(expected: Mapping[str, Any], text: str, result: Extraction) -> KindScore:
    score = KindScore()
    gold = _entity_gold(expected, text)
    predicted = {(e.start, e.end): e for e in result.entities}
    for start, end, label, _ in gold:
        mention = predicted.pop((start, end), None)
        if mention is not None and mention.label == label:
            score.tp += 1
        elif mention is not None:
            score.fn += 1
            score.fp += 1
            score.wrong.append(f"{mention.text!r}: expected {label}, got {mention.label}")
        else:
            score.fn += 1
            score.missed.append(f"{text[start:end]!r} {label}")
    for mention in predicted.values():
        score.fp += 1
        score.extra.append(f"{mention.text!r} {mention.label}")
    # Aliases: every mention of one gold entity must share one predicted canonical name.
    by_gold: dict[str, set[str]] = {}
    for start, end, _, canonical in gold:
        for e in result.entities:
            if (e.start, e.end) == (start, end):
                by_gold.setdefault(canonical, set()).add(e.canonical)
    for canonical, names in by_gold.items():
        if len(names) > 1:
            score.wrong.append(f"{canonical!r} split into {sorted(names)}")
    return score


def _fact_key(item: Mapping[str, Any]) -> tuple[Any, ...]:
    # Companies are one identity by their canonical key (case, accents and legal
    # suffixes aside), as everywhere else in the product.
    return (
        canonical_key(str(item.get("entity") or "")),
        item.get("metric"),
        _num(item.get("value")),
        item.get("currency"),
        item.get("qualifier"),
        _iso(item.get("period_start")),
        _iso(item.get("period_end")),
        item.get("per"),
    )


def _compare_facts(expected: Mapping[str, Any], result: Extraction) -> KindScore:
    score = KindScore()
    remaining = [f.to_dict() for f in result.facts]
    for item in expected.get("metrics", []):
        key = _fact_key(item)
        hit = next((f for f in remaining if _fact_key(f) == key), None)
        if hit is not None and (item.get("status") in (None, hit.get("status"))):
            remaining.remove(hit)
            score.tp += 1
        else:
            score.fn += 1
            score.missed.append(
                f"{item.get('metric')} {item.get('value')} {item.get('currency')} "
                f"{item.get('qualifier')} {item.get('period_start')}..{item.get('period_end')}: "
                f"{item.get('evidence', '')[:70]!r}"
            )
    for fact in remaining:
        score.fp += 1
        score.extra.append(
            f"{fact['entity']} {fact['metric']} {fact['value']} {fact['currency']} "
            f"{fact['qualifier']} {fact['period_start']}..{fact['period_end']}"
        )
    return score


def compare(expected: Mapping[str, Any], text: str, result: Extraction) -> Report:
    """Score `result` (an extraction of `text`) against an expected file's content."""
    report = Report()
    report.scores["money"] = _match_spans(
        text, expected.get("money", []), result.money, _same_money,
        lambda i: f"{i.get('value')} {i.get('currency')} {i.get('qualifier')} per={i.get('per')}",
    )
    report.scores["dates"] = _match_spans(
        text, expected.get("dates", []), result.dates, _same_date,
        lambda i: f"{i.get('start')}..{i.get('end')} {i.get('grain')}",
    )
    report.scores["entities"] = _compare_entities(expected, text, result)
    report.scores["facts"] = _compare_facts(expected, result)
    return report
