"""Date extraction against the Recognizers-Text date specs, per language.

    .venv/bin/python benchmarks/dates_recognizers.py [--lang fr,en] [--cli] [--errors 20]

Data: ../shared/benchmarks/recognizers/date.<lang>.jsonl (see its SOURCE.md).

Scoring rules (decided here, printed with the table):
- cases: `verified: true` with a `reference` date; the reference date is passed as
  `reference_date`.
- gold: expected items of type `date` and `daterange` that carry an interval (a
  `value`, or a `start`/`end`). The spec's range `end` is EXCLUSIVE; ours is
  inclusive, so gold end = spec end - 1 day. Items without any resolved bound
  (seasons, extractor-only specs) are ignored like items of other types.
- alternatives: the spec lists a past and a future reading of year-less dates;
  matching any listed alternative counts (our rule picks the past one).
- open intervals ("since August", "before 2000"): a closed prediction need only match
  the bound the spec gives ("since August" runs to the reference date, as the issue
  asks); an open prediction (a None bound) must match both bounds, the open one too.
- range ends: the spec ends "from 2010 to 2018" at the START of 2018 (exclusive),
  we include 2018; a prediction spanning several units of its grain also matches
  when the spec's exclusive end is the first day of a day/week/month/quarter/year
  holding our end date (the unit of the range's second end, which the mention
  does not record).
- a prediction is a true positive when its span overlaps a gold item whose interval
  it matches (each gold item is matched at most once). A prediction that overlaps
  only ignored items (time, datetime, duration, set...) counts neither way; any other
  prediction is a false positive.
- fairness review (round 2): the rules above follow the issue (exact match of the
  inclusive interval, spec ends exclusive, other types ignored). No rule was added or
  relaxed in round 2; every convention difference below still counts against us.
  The range-end rule is the one lenient spot: any day-grain span of several days
  whose end is one day past the spec's last day matches (it exists for "from May 1
  to May 7", but also forgives "the rest of the week" ending on Sunday).

Deliberate differences from the spec (the corpus analysts' conventions and the
committed case tables win, as they are the product's acceptance; each one costs a
false positive and/or a miss here):
- "before 2027" / "antes de 2027" / "pas avant 2026" yield the year when it is still
  ahead of the reference date (a deadline: the analysts annotate "antes de 2027", written
  in 2025, as 2027), as does "before the end of this year"; "before 2010", "antes del año
  2019" (a period already begun) and "after 2016", "later than May", "after mid May" (a
  period after an after-word) are open intervals (round 9; nothing before it). "after 1
  May" keeps the day, and "no later than May 1" yields nothing.
  Dutch "voor" is "for" as often as "before": only "van voor", "al voor", "jaar voor"...
  and "voor" before a modified period ("voor begin september") are bounds, so "voor
  2010", "voor dec/2018" still yield the period.
- "the next 3 years", "within 9 months" are dates and durations (round 9); "in two
  weeks" is a day only in a sentence about the future, since "doubled in two years" is
  a length.
- round 5 follows the spec on years: "end of 2024" is its last third (September to
  December), "mid 2000" May to August, "early 2000" January to April, and a relative
  year splits in halves ("end of this year", "early next year", "finales de año"), and
  so does a relative month ("end of this month" 16-31, "early next month" 1-15); a month
  named by its name keeps its thirds, "fin mars" days 21-31 (the seed pins "la fin du
  mois de mars" = 21-31; the spec: halves, "end of March" 16-31). "earlier/later
  this week/month/year" follow the spec since round 3: Monday-Wednesday/Thursday-Sunday
  or the halves, cut at the reference date (earlier ends the day before it, later
  starts on it).
- "since late July", "year to date", "depuis le début de l'année" run to the
  reference date included (the spec stops the day before or leaves the end open).
- "last Friday" follows the spec (the Friday of the previous week) in en, es and nl,
  where the spec shows it ("this past Friday", "afgelopen vrijdag": the latest); in
  fr, de, it, pt, without evidence, it stays the latest Friday before the reference
  date; "lo scorso marzo" is the latest March already begun (a committed case table;
  the spec: March of the previous year); "this coming Friday" is the next Friday.
- a year-less date moved by an offset ("3 days after January 12th") or a year-less
  holiday ("Easter") is read in the past, as every year-less date in news (the spec
  reads those forward); two-digit years below 40 are 20xx, others 19xx.
- "more than 2 weeks before today", "the weekend of Halloween", a day or year in
  words we cannot read whole ("2 de octubre de dos mil veinte"): no date at all,
  where the spec has an open interval or a full reading.
- "the rest of the year" runs from the reference date to December 31st included (the
  spec stops a day earlier); its grain is the day, as it starts on a given day.
- round 3 follows the spec where the analysts say nothing: "the last 2 quarters" and
  "the last two decades" are whole ones already over, "for 3 days starting Monday" is
  those days, "the same week" the unit of the date named before in the sentence (else
  the reference date's), "next week between Wednesday and Friday" those days; "no later
  than May 1", "as late as tomorrow" (an open bound on a day) yield no date.
- round 4 kept every convention above (the corpus then pinned "eind 2024" = Q4, "la fin
  du mois de mars" = 21-31, "antes de 2027" = 2027, "in tre anni" / "the next three years"
  = durations). Where nothing conflicts it follows the spec:
  "Tuesday the 11th" is the next such day when it comes within a month and sooner than
  the last one; a bare day ("the 27th", "il 27.") the latest one; "the 21st" alone stays
  a day where the spec lists no value.
- round 5 (precision >= 0.95 in every language): the remaining false positives are
  conventions or constructions we misread, listed in the round's report; among them the
  thirds of a month ("end of this month": 21-31), "last September" (the latest, the spec:
  the previous year's), "since late July" / "year to date" (to the reference date
  included), a future deadline after "before" ("before 2019" written in 2015), Dutch
  "voor" = "for", durations ("in two weeks") and year-less holidays read in the past.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.dates import extract_dates  # noqa: E402

# The peer suites live in the workplace's shared folder beside the checkout; override with
# NEWSMETRICS_SUITES=/path/to/recognizers.
DATA = Path(
    os.environ.get(
        "NEWSMETRICS_SUITES",
        Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "recognizers",
    )
)
LANGS = ("fr", "en", "de", "es", "it", "pt", "nl")
GOLD_TYPES = {"date", "daterange"}


@dataclass
class Gold:
    span: tuple[int, int] | None
    readings: list[tuple[date | None, date | None]]
    text: str


@dataclass
class Score:
    cases: int = 0
    gold: int = 0
    tp: int = 0
    fp: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _reading(item: dict[str, Any]) -> tuple[date | None, date | None] | None:
    if item.get("type") not in GOLD_TYPES:
        return None
    if item.get("type") == "date" and item.get("value"):
        d = _day(item["value"])
        return (d, d) if d else None
    start, end = _day(item.get("start")), _day(item.get("end"))
    if start is None and end is None:
        return None
    return start, (end - timedelta(days=1)) if end else None


def _span(item: dict[str, Any], text: str) -> tuple[int, int] | None:
    if item.get("span"):
        return int(item["span"][0]), int(item["span"][1])
    at = text.lower().find(item["text"].strip().lower())
    return (at, at + len(item["text"].strip())) if at >= 0 else None


def _unit_start(d: date, grain: str) -> date:
    if grain == "year":
        return date(d.year, 1, 1)
    if grain == "quarter":
        return date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
    if grain == "month":
        return date(d.year, d.month, 1)
    if grain == "week":
        return d - timedelta(days=d.weekday())
    return d


def _matches(pred: dict[str, Any], reading: tuple[date | None, date | None]) -> bool:
    ps, pe = _day(pred["start_date"]), _day(pred["end_date"])
    gs, ge = reading
    if ps is None or pe is None:  # an open interval: the same bounds, open on the same side
        return (ps, pe) == (gs, ge)
    if gs is not None and gs != ps:
        return False
    if ge is None or ge == pe:
        return True
    # a range "from X to Y": the spec stops at the start of Y, we include Y (Y's grain
    # may be coarser than the mention's: "between May 2015 and 2018")
    multi = _unit_start(ps, pred["grain"]) != _unit_start(pe, pred["grain"])
    starts = {_unit_start(pe, g) for g in ("day", "week", "month", "quarter", "year")}
    return multi and ge + timedelta(days=1) in starts and ge + timedelta(days=1) > ps


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int]) -> bool:
    return a is None or (a[0] < b[1] and b[0] < a[1])


def score_case(case: dict[str, Any], preds: list[dict[str, Any]], score: Score) -> None:
    text = case["text"]
    gold: list[Gold] = []
    ignored: list[tuple[int, int] | None] = []
    for item in case["expected"]:
        readings = [r for r in [_reading(item)] if r]
        readings += [r for r in (_reading(a) for a in item.get("alternatives") or []) if r]
        if readings:
            gold.append(Gold(_span(item, text), readings, item["text"]))
        else:
            ignored.append(_span(item, text))
    score.gold += len(gold)
    used: set[int] = set()
    for pred in preds:
        pspan = (pred["start"], pred["end"])
        hit = False
        overlapping = [i for i, g in enumerate(gold) if _overlaps(g.span, pspan) and i not in used]
        for i in overlapping:
            if any(_matches(pred, r) for r in gold[i].readings):
                used.add(i)
                hit = True
                break
        if hit:
            score.tp += 1
        elif not overlapping and any(_overlaps(s, pspan) for s in ignored):
            continue
        else:
            score.fp += 1
            score.errors.append(
                f"FP  {text!r}  ->  {pred['text']!r} {pred['start_date']}..{pred['end_date']}"
                f"  gold={[(g.text, g.readings[0]) for g in gold]}"
            )
    for i, g in enumerate(gold):
        if i not in used:
            score.errors.append(
                f"FN  {text!r}  ->  {g.text!r} {g.readings[0]}  ref={case['reference'][:10]}"
            )


def load_cases(lang: str) -> list[dict[str, Any]]:
    cases = []
    with (DATA / f"date.{lang}.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            case = json.loads(line)
            if case.get("verified") and case.get("reference"):
                cases.append(case)
    return cases


def predict_library(cases: list[dict[str, Any]], lang: str) -> list[list[dict[str, Any]]]:
    return [
        [
            m.to_dict()
            for m in extract_dates(c["text"], lang, date.fromisoformat(c["reference"][:10]))
        ]
        for c in cases
    ]


def predict_cli(cases: list[dict[str, Any]], lang: str) -> list[list[dict[str, Any]]]:
    lines = [
        json.dumps(
            {"id": str(i), "text": c["text"], "lang": lang, "reference_date": c["reference"][:10]}
        )
        for i, c in enumerate(cases)
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    by_id = {}
    for line in proc.stdout.splitlines():
        if line.strip():
            row = json.loads(line)
            by_id[str(row["id"])] = row.get("dates", [])
    return [by_id.get(str(i), []) for i in range(len(cases))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default=",".join(LANGS))
    parser.add_argument(
        "--cli", action="store_true", help="go through `python -m pipeline extract`"
    )
    parser.add_argument("--errors", type=int, default=0, help="print N errors per language")
    args = parser.parse_args(argv)
    print(
        f"{'lang':4} {'cases':>6} {'gold':>5} {'TP':>5} {'FP':>4} "
        f"{'P':>6} {'R':>6} {'F1':>6} {'cases/s':>8}"
    )
    total = Score()
    for lang in args.lang.split(","):
        cases = load_cases(lang)
        score = Score(cases=len(cases))
        began = time.perf_counter()
        preds = predict_cli(cases, lang) if args.cli else predict_library(cases, lang)
        score.seconds = time.perf_counter() - began
        for case, pred in zip(cases, preds, strict=True):
            score_case(case, pred, score)
        rate = score.cases / score.seconds if score.seconds else 0.0
        print(
            f"{lang:4} {score.cases:6} {score.gold:5} {score.tp:5} {score.fp:4} "
            f"{score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} {rate:8.0f}"
        )
        for err in score.errors[: args.errors]:
            print("   ", err)
        total.cases += score.cases
        total.gold += score.gold
        total.tp += score.tp
        total.fp += score.fp
        total.seconds += score.seconds
    rate = total.cases / total.seconds if total.seconds else 0.0
    print(
        f"{'all':4} {total.cases:6} {total.gold:5} {total.tp:5} {total.fp:4} "
        f"{total.precision:6.3f} {total.recall:6.3f} {total.f1:6.3f} {rate:8.0f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
