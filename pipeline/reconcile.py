"""Reconciliation: stored facts become one profile row per company, metric and period.

`reconcile` takes rows of the DuckDB `facts` table (plus `article_id`) and returns
the rows of the `profile` and `checks` tables.

Merging: facts group by (company key, metric, period, per, status). Within a group
the figures agree when one interval holds them all: a written figure stands for the
interval of its rounding ("1,2 milliard" is 1.15e9..1.25e9, "1 200 millions" is
1.1995e9..1.2005e9), "about" adds 10 %, a bound ("more than 50M") is half open. An
agreeing group keeps the most precise figure ("agree", or "single" for one source);
otherwise the group is a "conflict": no value, `min`/`max` the spread, every source
kept. Figures are never averaged. Two currencies never merge unless `rates` gives
their value in a common unit (`rates[c]` is what one unit of `c` is worth): then
they are converted to the group's first currency.

Checks (status ok / warning / conflict / info, with a sentence and the inputs):
operating_result (revenue - operating expenses; a bound stays a bound), runway
(latest cash / monthly spend), funding_shortfall (target - raised), spend_rate
(spend / duration), period_sum (quarters or months against the year or quarter),
growth (a period against the same period a year before) and contradiction (every
conflict).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from pipeline.types import jsonable

__all__ = ["default_key", "reconcile"]

_APPROX = Decimal("0.10")
_MONTHS = {"year": 12, "quarter": 3, "month": 1}
_SPEND = ("operating_expenses", "infrastructure_spend", "project_spend")
# What burns cash, by preference: a stated net burn ("other" with a rate), then costs.
_BURN = ("other", "operating_expenses", "infrastructure_spend")
_SEVERAL = frozenset({"other", "project_spend", "funding_raised", "funding_promised"})


def default_key(name: str) -> str:
    """The grouping key of an entity name when none is given: casefolded, trimmed."""
    return " ".join(name.split()).casefold()


# -- value helpers ------------------------------------------------------------------


def _dec(value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        try:
            loaded = json.loads(value)
        except ValueError:
            return [value]
        return loaded if isinstance(loaded, list) else [loaded]
    return list(value)


def _norm(value: Decimal) -> Decimal:
    """A tidy Decimal: no exponent, no trailing zeros after the point."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _precision(row: Mapping[str, Any], value: Decimal) -> Decimal:
    """The unit of the last written digit of the amount ("1,2 milliard": 1e8)."""
    text = _amount_text(row)
    number = re.search(r"\d+(?:[\s\u00a0\u202f.,'’]\d+)*", text or "")
    if not number or value == 0:
        return Decimal(1)
    groups = re.split(r"[\s\u00a0\u202f.,'’]", number.group())
    decimals = 0
    if len(groups) > 1 and len(groups[-1]) != 3:
        decimals = len(groups[-1])
    digits = Decimal("".join(groups)) / (Decimal(10) ** decimals)
    if digits == 0:
        return Decimal(1)
    scale = abs(value) / digits
    unit = scale / (Decimal(10) ** decimals)
    # "1 milliard" is not "anything from 0.5 to 1.5 billion": at most 10 % either way.
    return max(min(unit, abs(value) * _APPROX), Decimal(1))


def _amount_text(row: Mapping[str, Any]) -> str | None:
    evidence, ev_start = row.get("evidence"), row.get("evidence_start")
    start, end = row.get("start"), row.get("end")
    if not isinstance(evidence, str) or ev_start is None or start is None or end is None:
        return None
    lo, hi = int(start) - int(ev_start), int(end) - int(ev_start)
    if 0 <= lo < hi <= len(evidence):
        return evidence[lo:hi]
    return None


@dataclass(frozen=True, slots=True)
class _Bounds:
    """An interval of possible values; None is unbounded; strict for more/less than."""

    lo: Decimal | None
    hi: Decimal | None
    lo_strict: bool = False
    hi_strict: bool = False
    approx: bool = False

    def minus(self, other: _Bounds) -> _Bounds:
        return _Bounds(
            None if self.lo is None or other.hi is None else self.lo - other.hi,
            None if self.hi is None or other.lo is None else self.hi - other.lo,
            self.lo_strict or other.hi_strict,
            self.hi_strict or other.lo_strict,
            self.approx or other.approx,
        )

    def divided(self, other: _Bounds) -> _Bounds:
        """For positive quantities only (cash over spend)."""
        lo = None
        if self.lo is not None and other.hi is not None and other.hi > 0:
            lo = self.lo / other.hi
        hi = None
        if self.hi is not None and other.lo is not None and other.lo > 0:
            hi = self.hi / other.lo
        return _Bounds(
            lo,
            hi,
            self.lo_strict or other.hi_strict,
            self.hi_strict or other.lo_strict,
            self.approx or other.approx,
        )

    def scaled(self, factor: Decimal) -> _Bounds:
        lo = None if self.lo is None else self.lo * factor
        hi = None if self.hi is None else self.hi * factor
        return _Bounds(lo, hi, self.lo_strict, self.hi_strict, self.approx)

    def figure(self, places: Decimal | None = None) -> tuple[Decimal | None, str | None]:
        """The (value, qualifier) that states these bounds."""

        def rounded(x: Decimal) -> Decimal:
            return _norm(x.quantize(places) if places is not None else x)

        if self.lo is not None and self.hi is not None:
            if self.lo == self.hi:
                return rounded(self.lo), ("approx" if self.approx else None)
            return rounded(self.lo), "range"
        if self.lo is not None:
            return rounded(self.lo), ("more_than" if self.lo_strict else "min")
        if self.hi is not None:
            return rounded(self.hi), ("less_than" if self.hi_strict else "max")
        return None, None


def _bounds(value: Decimal | None, qualifier: str | None, low: Any, high: Any) -> _Bounds:
    lo_, hi_ = _dec(low), _dec(high)
    if qualifier == "range":
        return _Bounds(lo_ if lo_ is not None else value, hi_ if hi_ is not None else value)
    if value is None:
        return _Bounds(None, None)
    if qualifier == "more_than":
        return _Bounds(value, None, lo_strict=True)
    if qualifier == "min":
        return _Bounds(value, None)
    if qualifier == "less_than":
        return _Bounds(None, value, hi_strict=True)
    if qualifier == "max":
        return _Bounds(None, value)
    return _Bounds(value, value, approx=qualifier == "approx")


# -- merging ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Source:
    row: Mapping[str, Any]
    value: Decimal
    currency: str | None
    qualifier: str | None
    low: Decimal | None
    high: Decimal | None
    precision: Decimal

    def tolerance(self) -> tuple[Decimal | None, Decimal | None]:
        """The interval of values this source admits."""
        half = self.precision / 2
        q = self.qualifier
        if q in ("more_than", "min"):
            return self.value - half, None
        if q in ("less_than", "max"):
            return None, self.value + half
        if q == "range":
            return (self.low or self.value) - half, (self.high or self.value) + half
        spread = half + (abs(self.value) * _APPROX if q == "approx" else Decimal(0))
        return self.value - spread, self.value + spread


def _source(row: Mapping[str, Any], rate: Decimal) -> _Source:
    value = _dec(row.get("value")) or Decimal(0)
    low, high = _dec(row.get("min")), _dec(row.get("max"))
    return _Source(
        row=row,
        value=value * rate,
        currency=row.get("currency"),
        qualifier=row.get("qualifier"),
        low=None if low is None else low * rate,
        high=None if high is None else high * rate,
        precision=_precision(row, value) * rate,
    )


def _source_json(row: Mapping[str, Any]) -> dict[str, Any]:
    keys = (
        "article_id",
        "start",
        "end",
        "value",
        "currency",
        "qualifier",
        "min",
        "max",
        "evidence",
        "evidence_start",
        "evidence_end",
        "duration_months",
    )
    out = {k: jsonable(row.get(k)) for k in keys}
    out["counterparties"] = [str(c) for c in _list(row.get("counterparties"))]
    return out


def _merge(rows: list[Mapping[str, Any]], rates: Mapping[str, Decimal] | None) -> dict[str, Any]:
    # A figure without a currency is not a figure in the others' currency.
    currencies = [r.get("currency") for r in rows]
    currency = currencies[0] if currencies else None
    convertible = all(
        c == currency or (rates is not None and c in rates and currency in rates)
        for c in currencies
    )
    out: dict[str, Any] = {"currency": currency, "n_sources": len(rows)}
    out["sources"] = [_source_json(r) for r in rows]
    if not convertible:
        return {
            **out,
            "value": None,
            "qualifier": None,
            "min": None,
            "max": None,
            "agreement": "conflict",
        }

    def rate(row: Mapping[str, Any]) -> Decimal:
        c = row.get("currency")
        if rates is None or not c or c == currency or currency is None:
            return Decimal(1)
        return Decimal(rates[c]) / Decimal(rates[currency])

    sources = [_source(r, rate(r)) for r in rows]
    los = [t[0] for t in map(_Source.tolerance, sources) if t[0] is not None]
    his = [t[1] for t in map(_Source.tolerance, sources) if t[1] is not None]
    agree = not los or not his or max(los) <= min(his)
    if not agree:
        figures = [x for s in sources for x in (s.value, s.low, s.high) if x is not None]
        return {
            **out,
            "value": None,
            "qualifier": None,
            "min": _norm(min(figures)),
            "max": _norm(max(figures)),
            "agreement": "conflict",
        }
    agreement = "single" if len(rows) == 1 else "agree"
    exact = [s for s in sources if s.qualifier is None] or [
        s for s in sources if s.qualifier == "approx"
    ]
    if exact:
        counts = Counter(s.value for s in exact)
        best = min(exact, key=lambda s: (s.precision, -counts[s.value]))
        return {
            **out,
            "value": _norm(best.value),
            "qualifier": best.qualifier,
            "min": None,
            "max": None,
            "agreement": agreement,
        }
    bounds = [_bounds(s.value, s.qualifier, s.low, s.high) for s in sources]
    lo_b = max(
        (b for b in bounds if b.lo is not None), key=lambda b: (b.lo, b.lo_strict), default=None
    )
    hi_b = min(
        (b for b in bounds if b.hi is not None), key=lambda b: (b.hi, not b.hi_strict), default=None
    )
    merged = _Bounds(
        lo_b.lo if lo_b else None,
        hi_b.hi if hi_b else None,
        lo_b.lo_strict if lo_b else False,
        hi_b.hi_strict if hi_b else False,
    )
    value, qualifier = merged.figure()
    low = _norm(merged.lo) if qualifier == "range" and merged.lo is not None else None
    high = _norm(merged.hi) if qualifier == "range" and merged.hi is not None else None
    return {
        **out,
        "value": value,
        "qualifier": qualifier,
        "min": low,
        "max": high,
        "agreement": agreement,
    }


def _clusters(
    metric: str, rows: list[Mapping[str, Any]], rates: Mapping[str, Decimal] | None
) -> list[list[Mapping[str, Any]]]:
    """The rows to merge together. Metrics a company can have several of at once (deals,
    projects, rounds, pledges: "other", "project_spend"...) keep disagreeing figures
    apart, as different things; for the others a disagreement is a conflict.

    A row joins the first cluster that `_merge` would still call agreeing with it. Each
    cluster keeps the intersection of its sources' tolerances, so the test costs one
    comparison per cluster instead of a merge of the whole cluster (linear, not quadratic,
    in the rows of a group; the outcome is the same)."""
    if metric not in _SEVERAL:
        return [rows]
    clusters: list[_Cluster] = []
    for row in rows:
        for cluster in clusters:
            if cluster.admit(row, rates):
                break
        else:
            clusters.append(_Cluster(row))
    return [cluster.rows for cluster in clusters]


class _Cluster:
    """Rows that `_merge` calls agreeing, with the running bounds of their tolerances
    (in the currency of the first row, as `_merge` converts them)."""

    __slots__ = ("currency", "hi", "lo", "rows")

    def __init__(self, row: Mapping[str, Any]) -> None:
        self.currency: str | None = row.get("currency")
        self.rows: list[Mapping[str, Any]] = [row]
        self.lo, self.hi = _source(row, Decimal(1)).tolerance()

    def admit(self, row: Mapping[str, Any], rates: Mapping[str, Decimal] | None) -> bool:
        """Add `row` when the cluster with it still agrees; say whether it was added."""
        c, currency = row.get("currency"), self.currency
        if not (c == currency or (rates is not None and c in rates and currency in rates)):
            return False
        rate = Decimal(1)
        if rates is not None and c and c != currency and currency is not None:
            rate = Decimal(rates[c]) / Decimal(rates[currency])
        lo, hi = _source(row, rate).tolerance()
        new_lo = lo if self.lo is None else self.lo if lo is None else max(self.lo, lo)
        new_hi = hi if self.hi is None else self.hi if hi is None else min(self.hi, hi)
        if new_lo is not None and new_hi is not None and new_lo > new_hi:
            return False
        self.rows.append(row)
        self.lo, self.hi = new_lo, new_hi
        return True


def _group_rows(
    facts: Iterable[Mapping[str, Any]], key: Callable[[str], str]
) -> dict[tuple[Any, ...], list[Mapping[str, Any]]]:
    groups: dict[tuple[Any, ...], list[Mapping[str, Any]]] = defaultdict(list)
    for row in facts:
        entity = row.get("entity")
        if not entity or row.get("value") is None:
            continue
        group = (
            key(str(entity)),
            row.get("metric") or "other",
            _day(row.get("period_start")),
            _day(row.get("period_end")),
            row.get("per"),
            row.get("status") or "reported",
        )
        groups[group].append(row)
    return groups


def _order(value: date | None) -> date:
    return value or date.min


def reconcile(
    facts: Iterable[Mapping[str, Any]],
    key: Callable[[str], str] = default_key,
    rates: Mapping[str, Decimal] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Profile rows and checks rows (columns of the `profile` and `checks` tables)."""
    groups = _group_rows(facts, key)
    spelling: dict[str, Counter[str]] = defaultdict(Counter)
    for (k, *_), rows in groups.items():
        spelling[k].update(str(r["entity"]) for r in rows)
    profile: list[dict[str, Any]] = []
    for (k, metric, p_start, p_end, per, status), rows in groups.items():
        rows.sort(key=lambda r: (str(r.get("article_id") or ""), int(r.get("start") or 0)))
        names = spelling[k]
        entity = max(names, key=lambda n: names[n])
        for cluster in _clusters(metric, rows, rates):
            merged = _merge(cluster, rates)
            profile.append(
                {
                    "entity": entity,
                    "metric": metric,
                    "period_start": p_start,
                    "period_end": p_end,
                    "per": per,
                    "status": status,
                    "value": merged["value"],
                    "currency": merged["currency"],
                    "qualifier": merged["qualifier"],
                    "min": merged["min"],
                    "max": merged["max"],
                    "agreement": merged["agreement"],
                    "n_sources": merged["n_sources"],
                    "sources": merged["sources"],
                }
            )
    profile.sort(
        key=lambda r: (
            key(r["entity"]),
            r["metric"],
            _order(r["period_start"]),
            _order(r["period_end"]),
            r["per"] or "",
            r["status"],
        )
    )
    return profile, _checks(profile)


# -- checks -------------------------------------------------------------------------


def _row_bounds(row: Mapping[str, Any]) -> _Bounds | None:
    if row["agreement"] == "conflict" or (row["value"] is None and row["qualifier"] != "range"):
        return None
    return _bounds(_dec(row["value"]), row["qualifier"], row["min"], row["max"])


def _input(row: Mapping[str, Any]) -> dict[str, Any]:
    keys = (
        "metric",
        "period_start",
        "period_end",
        "per",
        "status",
        "value",
        "currency",
        "qualifier",
        "min",
        "max",
        "agreement",
    )
    out = {k: jsonable(row.get(k)) for k in keys}
    out["sources"] = [
        {k: s.get(k) for k in ("article_id", "start", "end", "evidence")} for s in row["sources"]
    ]
    return out


def _money(value: Decimal | None, currency: str | None, qualifier: str | None) -> str:
    words = {
        "more_than": "more than ",
        "min": "at least ",
        "less_than": "less than ",
        "max": "at most ",
        "approx": "about ",
        "range": "from ",
    }
    if value is None:
        return "unknown"
    return f"{words.get(qualifier or '', '')}{value:,} {currency or ''}".strip()


def _period(row: Mapping[str, Any]) -> str:
    start, end = row.get("period_start"), row.get("period_end")
    if start and end:
        return f" for {start.isoformat()}..{end.isoformat()}"
    if end:
        return f" up to {end.isoformat()}"
    return ""


def _check(
    entity: str,
    name: str,
    source: Mapping[str, Any],
    bounds: _Bounds,
    unit: str,
    status: str,
    detail: str,
    inputs: Sequence[Mapping[str, Any]],
    places: Decimal | None = None,
) -> dict[str, Any]:
    value, qualifier = bounds.figure(places)
    return {
        "entity": entity,
        "check": name,
        "period_start": source.get("period_start"),
        "period_end": source.get("period_end"),
        "value": value,
        "currency": source.get("currency") if unit != "months" and unit != "ratio" else None,
        "unit": unit,
        "qualifier": qualifier,
        "status": status,
        "detail": detail,
        "inputs": [_input(r) for r in inputs],
    }


def _same_currency(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return bool(a.get("currency") == b.get("currency"))


def _same_period_pairs(
    rows: list[dict[str, Any]], first: str, second: str, status: str | None = None
) -> Iterator[tuple[dict[str, Any], dict[str, Any], _Bounds, _Bounds]]:
    """Rows of two metrics over the same period and per, in one currency, with their bounds."""

    def of(metric: str) -> list[dict[str, Any]]:
        return [r for r in rows if r["metric"] == metric and status in (None, r["status"])]

    for a in of(first):
        for b in of(second):
            if (a["period_start"], a["period_end"], a["per"]) != (
                b["period_start"], b["period_end"], b["per"]
            ):
                continue
            ab, bb = _row_bounds(a), _row_bounds(b)
            if ab is None or bb is None or not _same_currency(a, b):
                continue
            yield a, b, ab, bb


def _operating_results(entity: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for rev, opex, rb, ob in _same_period_pairs(rows, "revenue", "operating_expenses"):
        result = rb.minus(ob)
        value, qualifier = result.figure()
        if value is None:
            continue
        loss = (result.hi is not None and result.hi < 0) or value < 0
        detail = (
            f"Revenue {_money(rev['value'], rev['currency'], rev['qualifier'])} minus "
            f"operating expenses {_money(opex['value'], opex['currency'], opex['qualifier'])}"
            f"{_period(rev)}: an operating result of "
            f"{_money(value, rev['currency'] or opex['currency'], qualifier)}"
            f"{' (a loss)' if loss else ''}"
        )
        status = "warning" if loss else "ok"
        inputs = [rev, opex]
        stated = [
            r
            for r in rows
            if r["metric"] == "operating_income"
            and (r["period_start"], r["period_end"], r["per"])
            == (rev["period_start"], rev["period_end"], rev["per"])
            and _same_currency(r, rev)
            and _row_bounds(r) is not None
        ]
        if stated:
            said = _row_bounds(stated[0])
            assert said is not None
            fits = _overlap(result, said)
            status = "ok" if fits else "conflict"
            detail += (
                f"; the reported operating result "
                f"{_money(stated[0]['value'], stated[0]['currency'], stated[0]['qualifier'])}"
                f" {'agrees' if fits else 'disagrees'}"
            )
            inputs.append(stated[0])
        out.append(
            _check(
                entity,
                "operating_result",
                rev,
                result,
                "currency",
                status,
                detail + ".",
                inputs,
            )
        )
    return out


def _overlap(a: _Bounds, b: _Bounds) -> bool:
    """Whether two intervals share a value (unbounded ends always reach)."""
    lo = max((x for x in (a.lo, b.lo) if x is not None), default=None)
    hi = min((x for x in (a.hi, b.hi) if x is not None), default=None)
    return lo is None or hi is None or lo <= hi


def _monthly(row: Mapping[str, Any]) -> tuple[_Bounds, str] | None:
    bounds = _row_bounds(row)
    if bounds is None:
        return None
    if row["per"] in _MONTHS:
        return bounds.scaled(Decimal(1) / _MONTHS[row["per"]]), f"per {row['per']}"
    if row["per"] == "week":
        return bounds.scaled(Decimal(52) / 12), "per week"
    if row["per"] == "day":
        return bounds.scaled(Decimal(365) / 12), "per day"
    durations = {_dec(s.get("duration_months")) for s in row["sources"]}
    if len(durations) == 1:
        months = durations.pop()
        if months is not None and months > 0:
            return bounds.scaled(Decimal(1) / months), f"over {_norm(months)} months"
    return None


def _runway(entity: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cash = [
        r
        for r in rows
        if r["metric"] == "cash_reserves"
        and _row_bounds(r) is not None
        and r["status"] == "reported"
    ]
    if not cash:
        return []
    latest = max(cash, key=lambda r: (_order(r["period_end"]), _order(r["period_start"])))
    spends = []
    for row in rows:
        rated = row["metric"] != "other" or row["per"] is not None
        monthly = _monthly(row) if row["metric"] in _BURN and rated else None
        if monthly is None or not _same_currency(row, latest):
            continue
        gap = abs((_order(row["period_end"]) - _order(latest["period_end"])).days)
        spends.append((gap, _BURN.index(row["metric"]), row, monthly))
    if not spends:
        return []
    _, _, spend, (burn, how) = min(spends, key=lambda s: (s[0], s[1]))
    cash_bounds = _row_bounds(latest)
    assert cash_bounds is not None
    runway = cash_bounds.divided(burn)
    value, qualifier = runway.figure(Decimal("0.01"))
    if value is None:
        return []
    detail = (
        f"Cash {_money(latest['value'], latest['currency'], latest['qualifier'])}"
        f"{_period(latest)} against "
        f"{'net burn' if spend['metric'] == 'other' else spend['metric'].replace('_', ' ')} of "
        f"{_money(spend['value'], spend['currency'], spend['qualifier'])} {how}: "
        f"a runway of {_money(value, 'months', qualifier)}."
    )
    status = "warning" if value < 12 else "ok"
    return [
        _check(
            entity,
            "runway",
            latest,
            runway,
            "months",
            status,
            detail,
            [latest, spend],
            Decimal("0.01"),
        )
    ]


def _shortfall(entity: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    raised = [r for r in rows if r["metric"] == "funding_raised" and _row_bounds(r) is not None]
    for target in (r for r in rows if r["metric"] == "funding_target"):
        tb = _row_bounds(target)
        matches = [r for r in raised if _same_currency(r, target)]
        if tb is None or not matches:
            continue
        got = min(
            matches,
            key=lambda r: (
                (r["period_start"], r["period_end"])
                != (target["period_start"], target["period_end"]),
                -_order(r["period_end"]).toordinal(),
            ),
        )
        gb = _row_bounds(got)
        assert gb is not None
        gap = tb.minus(gb)
        value, qualifier = gap.figure()
        if value is None:
            continue
        detail = (
            f"Funding target {_money(target['value'], target['currency'], target['qualifier'])}"
            f" against {_money(got['value'], got['currency'], got['qualifier'])} raised: "
            f"a shortfall of {_money(value, target['currency'], qualifier)}."
        )
        out.append(
            _check(
                entity,
                "funding_shortfall",
                target,
                gap,
                "currency",
                "warning" if value > 0 else "ok",
                detail,
                [target, got],
            )
        )
    return out


def _spend_rates(entity: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        if row["metric"] not in (*_SPEND, "other") or row["per"] is not None:
            continue
        monthly = _monthly(row)
        if monthly is None:
            continue
        rate, how = monthly
        value, qualifier = rate.figure(Decimal("0.01"))
        detail = (
            f"{row['metric'].replace('_', ' ').capitalize()} of "
            f"{_money(row['value'], row['currency'], row['qualifier'])} {how}: "
            f"{_money(value, row['currency'], qualifier)} per month."
        )
        out.append(
            _check(
                entity,
                "spend_rate",
                row,
                rate,
                "currency_per_month",
                "info",
                detail,
                [row],
                Decimal("0.01"),
            )
        )
    return out


def _months_between(start: date, end: date) -> int | None:
    """The number of whole calendar months of [start, end], or None."""
    if start.day != 1 or (end + timedelta(days=1)).day != 1:
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _period_sums(entity: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    exact = [
        r
        for r in rows
        if r["per"] is None
        and r["agreement"] != "conflict"
        and r["qualifier"] in (None, "approx")
        and r["period_start"]
        and r["period_end"]
    ]
    for parent in exact:
        size = _months_between(parent["period_start"], parent["period_end"])
        if size not in (12, 3):
            continue
        for part in (3, 1):
            if part >= size:
                continue
            children = sorted(
                (
                    r
                    for r in exact
                    if r["metric"] == parent["metric"]
                    and r["status"] == parent["status"]
                    and _same_currency(r, parent)
                    and _months_between(r["period_start"], r["period_end"]) == part
                    and parent["period_start"] <= r["period_start"]
                    and r["period_end"] <= parent["period_end"]
                ),
                key=lambda r: r["period_start"],
            )
            covered = len({r["period_start"] for r in children}) == size // part
            if not covered or len(children) != size // part:
                continue
            total = sum((_dec(r["value"]) or Decimal(0) for r in children), Decimal(0))
            expected = _dec(parent["value"]) or Decimal(0)
            tolerance = max(abs(expected) * Decimal("0.01"), Decimal(1))
            ok = abs(total - expected) <= tolerance
            detail = (
                f"{parent['metric'].replace('_', ' ').capitalize()}: the {size // part} parts "
                f"sum to {_money(_norm(total), parent['currency'], None)} against "
                f"{_money(parent['value'], parent['currency'], parent['qualifier'])}"
                f"{_period(parent)}."
            )
            out.append(
                _check(
                    entity,
                    "period_sum",
                    parent,
                    _Bounds(total, total),
                    "currency",
                    "ok" if ok else "conflict",
                    detail,
                    [parent, *children],
                )
            )
    return out


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _percent(ratio: _Bounds) -> str:
    def pct(x: Decimal) -> str:
        return f"{x * 100:+.1f} %"

    if ratio.lo is not None and ratio.hi is not None and ratio.lo != ratio.hi:
        return f"{pct(ratio.lo)} to {pct(ratio.hi)}"
    if ratio.lo is not None and ratio.hi is None:
        return f"more than {pct(ratio.lo)}"
    if ratio.hi is not None and ratio.lo is None:
        return f"less than {pct(ratio.hi)}"
    point = ratio.lo if ratio.lo is not None else ratio.hi
    return pct(point) if point is not None else "unknown"


def _growth(entity: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A period against the same period a year before (a reported, positive base);
    a bound or a range forecast gives a bound or a range of growth."""
    out = []
    dated = [
        r
        for r in rows
        if r["metric"] != "other"
        and r["agreement"] != "conflict"
        and r["period_start"]
        and r["period_end"]
        and _row_bounds(r) is not None
    ]
    for row in dated:
        before = [
            r
            for r in dated
            if r["metric"] == row["metric"]
            and r["per"] == row["per"]
            and r["status"] == "reported"
            and r["qualifier"] in (None, "approx")
            and _same_currency(r, row)
            and r["period_start"] == _year_before(row["period_start"])
            and _months_between(r["period_start"], r["period_end"])
            == _months_between(row["period_start"], row["period_end"])
        ]
        old = _dec(before[0]["value"]) if before else None
        new = _row_bounds(row)
        if old is None or old <= 0 or new is None:
            continue
        if (new.lo is not None and new.lo < 0) or (new.hi is not None and new.hi < 0):
            continue
        base = _Bounds(old, old, approx=before[0]["qualifier"] == "approx")
        one = _Bounds(Decimal(1), Decimal(1))
        ratio = new.scaled(Decimal(1) / base.lo).minus(one) if base.lo else None
        if ratio is None:
            continue
        value, _ = ratio.figure(Decimal("0.0001"))
        if value is None:
            continue
        detail = (
            f"{row['metric'].replace('_', ' ').capitalize()}{_period(row)} ({row['status']}): "
            f"{_money(row['value'], row['currency'], row['qualifier'])} against "
            f"{_money(before[0]['value'], row['currency'], None)} a year before: "
            f"{_percent(ratio)}."
        )
        out.append(
            _check(
                entity,
                "growth",
                row,
                ratio,
                "ratio",
                "info",
                detail,
                [before[0], row],
                Decimal("0.0001"),
            )
        )
    return out


def _contradictions(entity: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in (r for r in rows if r["agreement"] == "conflict"):
        said = "; ".join(
            f"{_money(_dec(s.get('value')), s.get('currency'), s.get('qualifier'))}"
            f" (article {str(s.get('article_id'))[:12]})"
            for s in row["sources"]
        )
        detail = (
            f"{row['metric'].replace('_', ' ').capitalize()}{_period(row)} "
            f"({row['status']}): the sources disagree: {said}."
        )
        out.append(
            {
                "entity": entity,
                "check": "contradiction",
                "period_start": row["period_start"],
                "period_end": row["period_end"],
                "value": None,
                "currency": row["currency"],
                "unit": "currency",
                "qualifier": None,
                "status": "conflict",
                "detail": detail,
                "inputs": [_input(row)],
            }
        )
    return out


def _margins(entity: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Net income over revenue for the same period (reported figures)."""
    out = []
    for income, rev, ib, rb in _same_period_pairs(rows, "net_income", "revenue", "reported"):
        if rb.lo is None or rb.hi is None or rb.lo <= 0 or rb.lo != rb.hi:
            continue
        ratio = ib.scaled(Decimal(1) / rb.lo)
        value, _ = ratio.figure(Decimal("0.0001"))
        if value is None:
            continue
        detail = (
            f"Net income {_money(income['value'], income['currency'], income['qualifier'])}"
            f" on revenue {_money(rev['value'], rev['currency'], None)}{_period(rev)}: "
            f"a net margin of {_percent(ratio)}."
        )
        out.append(
            _check(
                entity,
                "net_margin",
                rev,
                ratio,
                "ratio",
                "info",
                detail,
                [income, rev],
                Decimal("0.0001"),
            )
        )
    return out


def _row_text(row: Mapping[str, Any]) -> str:
    if row["qualifier"] == "range" and row["min"] is not None and row["max"] is not None:
        return f"{row['min']:,}–{row['max']:,} {row['currency'] or ''}".strip()
    return _money(row["value"], row["currency"], row["qualifier"])


def _revisions(entity: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A forecast and a target (or reported figure) of one period that cannot both
    hold: the outlook was revised. Flagged, never averaged."""
    out = []
    forecasts = [
        r for r in rows if r["status"] == "forecast" and r["period_end"] and r["metric"] != "other"
    ]
    for fc in forecasts:
        for other in rows:
            if (
                other is fc
                or other["status"] == "forecast"
                or other["metric"] != fc["metric"]
                or (other["period_start"], other["period_end"], other["per"])
                != (fc["period_start"], fc["period_end"], fc["per"])
                or not _same_currency(other, fc)
            ):
                continue
            fb, ob = _row_bounds(fc), _row_bounds(other)
            if fb is None or ob is None or _overlap(fb, ob):
                continue
            detail = (
                f"{fc['metric'].replace('_', ' ').capitalize()}{_period(fc)}: the forecast "
                f"{_row_text(fc)} does not meet the {other['status']} {_row_text(other)}"
                f": a revision."
            )
            out.append(
                {
                    "entity": entity,
                    "check": "revision",
                    "period_start": fc["period_start"],
                    "period_end": fc["period_end"],
                    "value": None,
                    "currency": fc["currency"],
                    "unit": "currency",
                    "qualifier": None,
                    "status": "warning",
                    "detail": detail,
                    "inputs": [_input(other), _input(fc)],
                }
            )
    return out


_CHECKS = (
    _operating_results,
    _runway,
    _shortfall,
    _spend_rates,
    _period_sums,
    _growth,
    _margins,
    _revisions,
    _contradictions,
)


def _checks(profile: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_entity: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in profile:
        by_entity[row["entity"]].append(row)
    out: list[dict[str, Any]] = []
    for entity, rows in by_entity.items():
        for check in _CHECKS:
            out.extend(check(entity, rows))
    return out
