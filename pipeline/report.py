"""One self-contained HTML page per database: each company's metrics, sources, checks, charts.

The page needs no network: styles are inline and every chart is an inline `<svg>` drawn by
matplotlib (Agg backend, never a window). The rows come from plain SQL over the `profile`
and `checks` tables, read through a read-only connection.

Choices that keep the page deterministic and valid when many charts share it:

- SVG text is kept as `<text>` (`svg.fonttype = "none"`): small, selectable, searchable;
  the browser draws it with a local sans-serif font.
- `svg.hashsalt` is fixed and the SVG metadata (creation date, creator) is dropped, so the
  same database always gives the same bytes.
- matplotlib names its elements `figure_1`, `patch_1`, ...: every `id` and every reference
  to it is prefixed per chart, so ids stay unique across inline SVGs.
- Mathtext is off, so a `$` in a label is a dollar sign, not a formula.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import duckdb
import matplotlib
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from pipeline import db as dbmod
from pipeline.errors import QueryError

# Charts are drawn on Figure objects (no pyplot state); Agg also keeps any pyplot use
# in this process off the display.
matplotlib.use("Agg")

__all__ = [
    "chart_svg",
    "format_amount",
    "format_bounds",
    "format_period",
    "parse_sources",
    "render_report",
]

# The SPEC's order of metric names; any other name follows, alphabetically.
METRIC_ORDER = (
    "revenue", "operating_expenses", "operating_income", "net_income", "cash_reserves",
    "debt", "unpaid_bills", "funding_raised", "funding_target", "funding_promised",
    "valuation", "infrastructure_spend", "project_spend", "other",
)
_SIGNS = {"approx": "≈", "min": "≥", "max": "≤", "more_than": ">", "less_than": "<"}
_LOWER = frozenset({"min", "more_than"})
_UPPER = frozenset({"max", "less_than"})
_STATUS_COLOURS = {"reported": "#2f6db5", "forecast": "#e08a1e"}
_OTHER_COLOUR = "#7f7f7f"
_CONFLICT_COLOUR = "#c0392b"
_SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}

_PROFILE_SQL = (
    "SELECT entity, metric, period_start, period_end, per, status, value, currency, "
    "qualifier, min, max, agreement, n_sources, CAST(sources AS VARCHAR) AS sources "
    "FROM profile"
)
_CHECKS_SQL = (
    'SELECT entity, "check", period_start, period_end, value, currency, unit, qualifier, '
    "status, detail FROM checks"
)


@dataclass(frozen=True)
class Source:
    article_id: str
    start: int | None
    end: int | None
    value: Decimal | None
    qualifier: str | None
    evidence: str


@dataclass(frozen=True)
class MetricRow:
    entity: str
    metric: str
    period_start: date | None
    period_end: date | None
    per: str | None
    status: str
    value: Decimal | None
    currency: str | None
    qualifier: str | None
    min: Decimal | None
    max: Decimal | None
    agreement: str
    n_sources: int
    sources: tuple[Source, ...]

    @property
    def dated(self) -> bool:
        return self.period_start is not None or self.period_end is not None

    @property
    def plotted(self) -> Decimal | None:
        """The height drawn in a chart: the value, else the middle or the one bound known."""
        if self.value is not None:
            return self.value
        if self.min is not None and self.max is not None:
            return (self.min + self.max) / 2
        return self.min if self.min is not None else self.max


@dataclass(frozen=True)
class CheckRow:
    entity: str
    check: str
    period_start: date | None
    period_end: date | None
    value: Decimal | None
    currency: str | None
    unit: str | None
    qualifier: str | None
    status: str
    detail: str


# --- reading -----------------------------------------------------------------------------


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def parse_sources(text: str | None) -> tuple[Source, ...]:
    """The `sources` JSON of a profile row; anything malformed is dropped, never raised."""
    try:
        items = json.loads(text) if text else []
    except (TypeError, ValueError):
        return ()
    if not isinstance(items, list):
        return ()
    sources = []
    for item in items:
        if not isinstance(item, dict):
            continue
        qualifier = item.get("qualifier")
        sources.append(Source(
            article_id=str(item.get("article_id") or ""),
            start=_int(item.get("start")),
            end=_int(item.get("end")),
            value=_decimal(item.get("value")),
            qualifier=qualifier if isinstance(qualifier, str) else None,
            evidence=str(item.get("evidence") or ""),
        ))
    return tuple(sources)


def _fetch(conn: duckdb.DuckDBPyConnection, sql: str, table: str) -> list[tuple[Any, ...]]:
    try:
        return conn.execute(sql).fetchall()
    except duckdb.Error as exc:
        raise QueryError(
            f"cannot read the {table} table: {str(exc).splitlines()[0]} "
            "(is this a newsmetrics database?)"
        ) from None


def _load(db: str | Path) -> tuple[list[MetricRow], list[CheckRow]]:
    conn = dbmod.connect(db, read_only=True)
    try:
        profile = [
            MetricRow(
                entity=str(r[0]), metric=str(r[1]), period_start=r[2], period_end=r[3],
                per=r[4], status=str(r[5]), value=_decimal(r[6]), currency=r[7],
                qualifier=r[8], min=_decimal(r[9]), max=_decimal(r[10]),
                agreement=str(r[11]), n_sources=int(r[12]), sources=parse_sources(r[13]),
            )
            for r in _fetch(conn, _PROFILE_SQL, "profile")
        ]
        checks = [
            CheckRow(
                entity=str(r[0]), check=str(r[1]), period_start=r[2], period_end=r[3],
                value=_decimal(r[4]), currency=r[5], unit=r[6], qualifier=r[7],
                status=str(r[8]), detail=str(r[9]),
            )
            for r in _fetch(conn, _CHECKS_SQL, "checks")
        ]
    finally:
        conn.close()
    return profile, checks


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _metric_rank(metric: str) -> tuple[int, str]:
    if metric in METRIC_ORDER:
        return (METRIC_ORDER.index(metric), metric)
    return (len(METRIC_ORDER), metric)


def _period_key(start: date | None, end: date | None) -> tuple[int, date, date]:
    # Undated rows last; then by the period's first known day, then its last.
    first = start or end
    if first is None:
        return (1, date.min, date.min)
    return (0, first, end or first)


def _row_order(row: MetricRow) -> tuple[Any, ...]:
    return (
        _metric_rank(row.metric), _period_key(row.period_start, row.period_end),
        row.status, row.per or "", row.currency or "",
    )


# --- formatting --------------------------------------------------------------------------


def format_amount(value: Decimal | None) -> str:
    """`Decimal("2500000.000000")` -> "2,500,000"; `Decimal("0.480000")` -> "0.48"."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):,f}"
    return f"{value.normalize():,f}"


def format_period(start: date | None, end: date | None) -> str:
    """A readable period: "2024", "2024-Q1", "2023-10", "until 2023-10-31", or a span."""
    if start is None and end is None:
        return "undated"
    if start is None:
        return f"until {end.isoformat()}" if end else "undated"
    if end is None:
        return f"from {start.isoformat()}"
    month_end = (date(end.year, end.month, 28) + timedelta(days=4)).replace(day=1) - timedelta(1)
    whole_months = start.day == 1 and end == month_end
    if whole_months:
        whole_years = start.month == 1 and end.month == 12
        if start.year == end.year:
            if whole_years:
                return str(start.year)
            if start.month == end.month:
                return f"{start.year}-{start.month:02d}"
            if start.month % 3 == 1 and end.month == start.month + 2:
                return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        if whole_years:
            return f"{start.year} – {end.year}"
        return f"{start.year}-{start.month:02d} – {end.year}-{end.month:02d}"
    if start == end:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"


def format_bounds(
    value: Decimal | None, qualifier: str | None, low: Decimal | None, high: Decimal | None
) -> str:
    """The value with its qualifier as a sign: "≥ 2,500,000", "10,000 – 12,000"."""
    if low is not None and high is not None and (qualifier == "range" or value is None):
        return f"{format_amount(low)} – {format_amount(high)}"
    if value is None:
        value = low if low is not None else high
    if value is None:
        return "—"
    sign = _SIGNS.get(qualifier or "")
    return f"{sign} {format_amount(value)}" if sign else format_amount(value)


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _check_value(row: CheckRow) -> str:
    text = format_bounds(row.value, row.qualifier, None, None)
    if row.value is None:
        return text
    unit = row.unit or ""
    currency = row.currency or ""
    if unit == "currency":
        return f"{text} {currency}".strip()
    if unit == "months":
        return f"{text} months"
    if unit == "currency_per_month":
        return f"{text} {currency}/month".strip()
    if unit == "ratio" or not unit:
        return text
    return f"{text} {unit}"


# --- charts ------------------------------------------------------------------------------


def _axis_amount(value: float, _position: float | None = None) -> str:
    size = abs(value)
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if size >= scale:
            return f"{value / scale:g}{suffix}"
    return f"{value:g}"


def _set_value_limits(
    ax: Any, heights: Sequence[float], rows: Sequence[MetricRow], extra: Sequence[float]
) -> None:
    """Room above (and below) the bars and bounds; zero always shown, bars rest on it."""
    values = [*heights, *extra, 0.0]
    values += [float(b) for r in rows for b in (r.min, r.max) if b is not None]
    low, high = min(values), max(values)
    if high == low:
        ax.set_ylim(-1.0, 1.0)
        return
    pad = 0.12 * (high - low)
    ax.set_ylim(low - pad if low < 0 else 0.0, high + pad if high > 0 else pad / 3)


def _x_label(row: MetricRow, with_currency: bool) -> str:
    label = format_period(row.period_start, row.period_end)
    if with_currency and row.currency:
        label += f" {row.currency}"
    if row.per:
        label += f" /{row.per}"
    if row.status != "reported":
        label += f"\n{row.status}"
    return label


_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|href="#)([^")]+)')


def _inline_svg(svg: str, prefix: str, label: str) -> str:
    """The <svg> element alone, its ids made unique on the page, labelled for readers."""
    svg = svg[svg.index("<svg"):].strip()
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    return svg.replace("<svg ", f'<svg class="chart-svg" role="img" aria-label="{_e(label)}" ', 1)


def chart_svg(metric: str, rows: Sequence[MetricRow], prefix: str = "chart") -> str:
    """One bar chart of a metric over its periods, as an inline <svg>; "" if nothing to draw.

    Bars are coloured by status (reported, forecast), conflicts have a red outline, ranges
    are error bars, and one-sided bounds are markers: ▲ "at least", ▼ "at most".
    """
    points = [r for r in rows if r.dated and r.plotted is not None]
    if not points:
        return ""
    points.sort(key=_row_order)
    heights = [float(r.plotted or 0) for r in points]
    xs = list(range(len(points)))
    colours = [_STATUS_COLOURS.get(r.status, _OTHER_COLOUR) for r in points]
    conflict = [r.agreement == "conflict" for r in points]
    with matplotlib.rc_context({
        "svg.hashsalt": "newsmetrics-report",
        "svg.fonttype": "none",
        "text.parse_math": False,
        "font.family": "sans-serif",
        "font.size": 9,
    }):
        fig = Figure(figsize=(min(11.0, 3.2 + 0.9 * len(points)), 3.4), layout="constrained")
        ax = fig.add_subplot()
        bars = ax.bar(
            xs, heights, width=0.6, color=colours,
            edgecolor=[_CONFLICT_COLOUR if c else "#333333" for c in conflict],
            linewidth=[2.2 if c else 0.4 for c in conflict],
        )
        for bar, row in zip(bars, points, strict=True):
            if row.qualifier == "approx":
                bar.set_hatch("//")
        # A fixed slot per bar: one bar alone is not stretched across the whole axes.
        ax.set_xlim(-0.5 - 0.3 * max(0, 3 - len(points)), len(points) - 0.5
                    + 0.3 * max(0, 3 - len(points)))
        handles: list[Any] = [
            Patch(facecolor=colour, label=status)
            for status, colour in _STATUS_COLOURS.items()
            if any(r.status == status for r in points)
        ]
        if any(r.status not in _STATUS_COLOURS for r in points):
            handles.append(Patch(facecolor=_OTHER_COLOUR, label="other status"))
        ranged = [
            (x, h, r) for x, h, r in zip(xs, heights, points, strict=True)
            if r.min is not None and r.max is not None
        ]
        if ranged:
            ax.errorbar(
                [x for x, _, _ in ranged], [h for _, h, _ in ranged],
                yerr=[
                    [max(0.0, h - float(r.min or 0)) for _, h, r in ranged],
                    [max(0.0, float(r.max or 0) - h) for _, h, r in ranged],
                ],
                fmt="none", ecolor="#111111", capsize=4, linewidth=1.2,
            )
            handles.append(Line2D([], [], color="#111111", marker="_", markersize=8,
                                  linewidth=1.2, label="range (min–max)"))
        for qualifiers, marker, label in ((_LOWER, "^", "at least"), (_UPPER, "v", "at most")):
            marked = [(x, h) for x, h, r in zip(xs, heights, points, strict=True)
                      if r.qualifier in qualifiers]
            if marked:
                ax.plot([x for x, _ in marked], [h for _, h in marked], linestyle="none",
                        marker=marker, markersize=8, color="#111111")
                handles.append(Line2D([], [], linestyle="none", marker=marker,
                                      color="#111111", label=label))
        disputed = [(x, float(source.value)) for x, r in zip(xs, points, strict=True)
                    if r.agreement == "conflict" for source in r.sources
                    if source.value is not None]
        if disputed:
            ax.plot([x for x, _ in disputed], [v for _, v in disputed], linestyle="none",
                    marker="x", markersize=7, color=_CONFLICT_COLOUR)
            handles.append(Line2D([], [], linestyle="none", marker="x",
                                  color=_CONFLICT_COLOUR, label="values of the sources"))
        if any(r.qualifier == "approx" for r in points):
            handles.append(Patch(facecolor="white", edgecolor="#333333", hatch="//",
                                 label="approximate"))
        if any(conflict):
            handles.append(Patch(facecolor="white", edgecolor=_CONFLICT_COLOUR, linewidth=2,
                                 label="conflict"))
        ax.axhline(0, color="#333333", linewidth=0.6)
        currencies = sorted({r.currency for r in points if r.currency})
        ax.set_xticks(xs, [_x_label(r, len(currencies) > 1) for r in points],
                      rotation=30 if len(points) > 5 else 0,
                      ha="right" if len(points) > 5 else "center")
        ax.yaxis.set_major_formatter(FuncFormatter(_axis_amount))
        ax.set_ylabel(", ".join(currencies) if currencies else "value")
        ax.set_title(metric.replace("_", " "))
        ax.spines[["top", "right"]].set_visible(False)
        _set_value_limits(ax, heights, points, [v for _, v in disputed])
        fig.legend(handles=handles, loc="outside right upper", frameon=False, fontsize=8)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata=_SVG_METADATA)
    return _inline_svg(buffer.getvalue(), prefix, f"{metric} by period")


# --- HTML --------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #1d1d1f; }
h1 { margin-bottom: .2rem; }
.subtitle, .note { color: #555; }
nav.toc { background: #f5f5f7; padding: .6rem 1rem; border-radius: 6px; }
section.company { border-top: 2px solid #ddd; margin-top: 2rem; padding-top: .5rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #d0d0d5; padding: .3rem .45rem; text-align: left;
         vertical-align: top; }
th { background: #eef0f4; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.conflict { background: #fde4e1; }
tr.conflict td:first-child { border-left: 5px solid #c0392b; }
.badge { display: inline-block; padding: 0 .35rem; border-radius: 3px; font-size: .8rem; }
.badge.conflict { background: #c0392b; color: #fff; font-weight: bold; }
.badge.agree { background: #dff3e3; }
.badge.single { background: #eee; }
tr.status-warning { background: #fff6d6; }
.qualifier { color: #666; font-size: .8rem; }
ul.sources { margin: 0; padding-left: 1rem; }
ul.sources li { margin-bottom: .25rem; }
.origin { color: #666; font-size: .78rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
figure.chart { margin: 0; border: 1px solid #e2e2e6; border-radius: 6px; padding: .4rem; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: .85rem; color: #444; text-align: center; }
"""


def _metrics_table(rows: Sequence[MetricRow]) -> str:
    head = (
        "<tr><th>metric</th><th>period</th><th>value</th><th>currency</th><th>status</th>"
        "<th>agreement</th><th>sources</th><th>evidence</th></tr>"
    )
    body = []
    for row in rows:
        classes = ["metric-row"] + (["conflict"] if row.agreement == "conflict" else [])
        value = _e(format_bounds(row.value, row.qualifier, row.min, row.max))
        if row.qualifier:
            value += f' <span class="qualifier">({_e(row.qualifier)})</span>'
        if row.per:
            value += f' <span class="qualifier">per {_e(row.per)}</span>'
        body.append(
            f'<tr class="{" ".join(classes)}" data-metric="{_e(row.metric)}">'
            f"<td>{_e(row.metric)}</td>"
            f"<td>{_e(format_period(row.period_start, row.period_end))}</td>"
            f'<td class="num">{value}</td>'
            f"<td>{_e(row.currency or '')}</td>"
            f"<td>{_e(row.status)}</td>"
            f'<td><span class="badge {_e(row.agreement)}">{_e(row.agreement)}</span></td>'
            f'<td class="num">{row.n_sources}</td>'
            f"<td>{_sources_list(row.sources)}</td></tr>"
        )
    return f'<table class="metrics">\n<thead>{head}</thead>\n<tbody>\n' + "\n".join(
        body) + "\n</tbody></table>"


def _sources_list(sources: Iterable[Source]) -> str:
    items = []
    for source in sources:
        origin = [f"article {source.article_id[:12]}" if source.article_id else "article ?"]
        if source.start is not None and source.end is not None:
            origin.append(f"chars {source.start}–{source.end}")
        if source.value is not None:
            origin.append(format_bounds(source.value, source.qualifier, None, None))
        items.append(
            f"<li><q>{_e(source.evidence)}</q> "
            f'<span class="origin">{_e(" · ".join(origin))}</span></li>'
        )
    return f'<ul class="sources">{"".join(items)}</ul>' if items else ""


def _checks_table(rows: Sequence[CheckRow]) -> str:
    if not rows:
        return '<p class="note">No checks for this company.</p>'
    head = (
        "<tr><th>check</th><th>period</th><th>value</th><th>status</th><th>detail</th></tr>"
    )
    body = []
    for row in rows:
        classes = [f"status-{row.status}"] + (["conflict"] if row.status == "conflict" else [])
        body.append(
            f'<tr class="{_e(" ".join(classes))}"><td>{_e(row.check)}</td>'
            f"<td>{_e(format_period(row.period_start, row.period_end))}</td>"
            f'<td class="num">{_e(_check_value(row))}</td>'
            f'<td><span class="badge {_e(row.status)}">{_e(row.status)}</span></td>'
            f"<td>{_e(row.detail)}</td></tr>"
        )
    return f'<table class="checks">\n<thead>{head}</thead>\n<tbody>\n' + "\n".join(
        body) + "\n</tbody></table>"


def _company_section(
    index: int, name: str, rows: Sequence[MetricRow], checks: Sequence[CheckRow]
) -> str:
    conflicts = sum(1 for r in rows if r.agreement == "conflict")
    parts = [
        f'<section class="company" id="company-{index}" data-company="{_e(name)}">',
        f"<h2>{_e(name)}</h2>",
        f'<p class="note">{len(rows)} metric rows, {conflicts} in conflict, '
        f"{len(checks)} checks.</p>",
        "<h3>Metrics</h3>",
        _metrics_table(rows) if rows else '<p class="note">No metrics.</p>',
        "<h3>Checks</h3>",
        _checks_table(checks),
    ]
    by_metric: dict[str, list[MetricRow]] = {}
    for row in rows:
        by_metric.setdefault(row.metric, []).append(row)
    figures = []
    for number, (metric, metric_rows) in enumerate(by_metric.items(), start=1):
        svg = chart_svg(metric, metric_rows, prefix=f"c{index}m{number}")
        if svg:
            currencies = sorted({r.currency for r in metric_rows if r.currency})
            caption = metric + (f" ({', '.join(currencies)})" if currencies else "")
            figures.append(
                f'<figure class="chart" data-metric="{_e(metric)}">{svg}'
                f"<figcaption>{_e(caption)}</figcaption></figure>"
            )
    parts.append("<h3>Charts</h3>")
    parts.append(
        f'<div class="charts">{"".join(figures)}</div>' if figures
        else '<p class="note">No dated values to chart.</p>'
    )
    parts.append("</section>")
    return "\n".join(parts)


def _page(title: str, body: Sequence[str]) -> str:
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
        "",
    ])


def render_report(db: str | Path, company: str | None = None) -> str:
    """The HTML report of every company in `profile`, or of `company` (case-insensitive).

    Raises QueryError when `company` is given and the profile has no such company.

    Example: `Path("report.html").write_text(render_report("news.duckdb", "Stability AI"))`.
    """
    profile, checks = _load(db)
    names: dict[str, str] = {}
    for row in sorted(profile, key=lambda r: (_key(r.entity), r.entity)):
        names.setdefault(_key(row.entity), row.entity)
    if company is not None:
        wanted = _key(company)
        if wanted not in names:
            known = ", ".join(sorted(names.values(), key=_key)[:10]) or "none"
            raise QueryError(
                f"no company {company!r} in the profile of {Path(str(db)).name} "
                f"(companies: {known})"
            )
        names = {wanted: names[wanted]}
    title = f"newsmetrics report: {names[_key(company)]}" if company else "newsmetrics report"
    body = [
        f"<h1>{_e(title)}</h1>",
        f'<p class="subtitle">Database {_e(Path(str(db)).name)} · {len(names)} '
        f"compan{'y' if len(names) == 1 else 'ies'}. Rows with conflicting sources are "
        'highlighted <span class="badge conflict">conflict</span>.</p>',
    ]
    if not names:
        body.append('<p class="note">The profile table is empty: run '
                    "<code>newsmetrics run</code> first.</p>")
        return _page(title, body)
    ordered = sorted(names.items())
    if company is None:
        links = "".join(
            f'<li><a href="#company-{i}">{_e(name)}</a></li>'
            for i, (_, name) in enumerate(ordered, start=1)
        )
        body.append(f'<nav class="toc"><strong>Companies</strong><ul>{links}</ul></nav>')
    for index, (key, name) in enumerate(ordered, start=1):
        rows = sorted((r for r in profile if _key(r.entity) == key), key=_row_order)
        company_checks = sorted(
            (c for c in checks if _key(c.entity) == key),
            key=lambda c: (c.check, _period_key(c.period_start, c.period_end)),
        )
        body.append(_company_section(index, name, rows, company_checks))
    return _page(title, body)
