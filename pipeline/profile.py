"""The profile document: reconciled figures and checks per company, as JSON or Markdown.

`build_profile` turns rows of the `profile` and `checks` tables (as `reconcile`
returns them, or as DuckDB returns them, with `sources`/`inputs` as JSON text) into
one JSON-ready document that validates against `schemas/profile.schema.json`;
`profile_markdown` renders that document as a readable report.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from pipeline.reconcile import default_key
from pipeline.types import METRICS, jsonable

__all__ = ["SCHEMA_ID", "build_profile", "profile_markdown"]

SCHEMA_ID = "newsmetrics-profile/1"

_ENTRY_KEYS = (
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
    "n_sources",
)
_CHECK_KEYS = (
    "check",
    "period_start",
    "period_end",
    "value",
    "currency",
    "unit",
    "qualifier",
    "status",
    "detail",
)


def _json_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _metric_order(metric: str) -> int:
    return METRICS.index(metric) if metric in METRICS else len(METRICS)


def _period_order(entry: Mapping[str, Any]) -> tuple[str, str, str, str]:
    return (
        entry.get("period_start") or "",
        entry.get("period_end") or "",
        entry.get("per") or "",
        entry.get("status") or "",
    )


def build_profile(
    profile_rows: Iterable[Mapping[str, Any]],
    checks_rows: Iterable[Mapping[str, Any]],
    company: str | None = None,
) -> dict[str, Any]:
    """The profile of `company` (matched ignoring case and spacing), or of every company."""
    wanted = default_key(company) if company else None
    companies: dict[str, dict[str, Any]] = {}

    def slot(entity: str) -> dict[str, Any] | None:
        key = default_key(entity)
        if wanted is not None and key != wanted:
            return None
        return companies.setdefault(key, {"entity": entity, "metrics": {}, "checks": []})

    for row in profile_rows:
        target = slot(str(row["entity"]))
        if target is None:
            continue
        entry = {k: jsonable(row.get(k)) for k in _ENTRY_KEYS}
        entry["sources"] = [jsonable(s) for s in _json_list(row.get("sources"))]
        target["metrics"].setdefault(str(row["metric"]), []).append(entry)
    for row in checks_rows:
        target = slot(str(row["entity"]))
        if target is None:
            continue
        check = {k: jsonable(row.get(k)) for k in _CHECK_KEYS}
        check["inputs"] = [jsonable(i) for i in _json_list(row.get("inputs"))]
        target["checks"].append(check)
    ordered = []
    for key in sorted(companies):
        doc = companies[key]
        doc["metrics"] = {
            m: sorted(doc["metrics"][m], key=_period_order)
            for m in sorted(doc["metrics"], key=lambda m: (_metric_order(m), m))
        }
        ordered.append(doc)
    return {"schema": SCHEMA_ID, "company": company, "companies": ordered}


def _amount(value: Any, qualifier: str | None, low: Any, high: Any, currency: Any) -> str:
    unit = f" {currency}" if currency else ""
    if qualifier == "range" and low is not None and high is not None:
        return f"{low:,}–{high:,}{unit}"
    if value is None:
        if low is not None and high is not None:
            return f"conflict: {low:,} … {high:,}{unit}"
        return "—"
    words = {
        "more_than": "> ",
        "less_than": "< ",
        "min": "≥ ",
        "max": "≤ ",
        "approx": "≈ ",
    }
    return f"{words.get(qualifier or '', '')}{value:,}{unit}"


def _period(entry: Mapping[str, Any]) -> str:
    start, end = entry.get("period_start"), entry.get("period_end")
    text = f"{start} → {end}" if start and end else f"until {end}" if end else "—"
    if entry.get("per"):
        text += f" (per {entry['per']})"
    return text


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def profile_markdown(doc: Mapping[str, Any]) -> str:
    """A Markdown report of a `build_profile` document."""
    lines = ["# Financial profile", ""]
    if not doc.get("companies"):
        lines.append("No figures found.")
    for company in doc.get("companies", []):
        lines += [f"## {company['entity']}", ""]
        metrics = company.get("metrics", {})
        if metrics:
            lines += [
                "| Metric | Period | Status | Value | Agreement | Sources |",
                "|---|---|---|---|---|---|",
            ]
            for metric, entries in metrics.items():
                for e in entries:
                    value = _amount(
                        e.get("value"),
                        e.get("qualifier"),
                        e.get("min"),
                        e.get("max"),
                        e.get("currency"),
                    )
                    lines.append(
                        f"| {metric.replace('_', ' ')} | {_period(e)} | {e.get('status')} | "
                        f"{value} | {e.get('agreement')} | {e.get('n_sources')} |"
                    )
            lines.append("")
            lines += ["### Evidence", ""]
            for metric, entries in metrics.items():
                for e in entries:
                    for s in e.get("sources", []):
                        lines.append(
                            f"- **{metric.replace('_', ' ')}**: “{_cell(s.get('evidence'))}” "
                            f"({str(s.get('article_id'))[:12]}, {s.get('start')}–{s.get('end')})"
                        )
            lines.append("")
        checks = company.get("checks", [])
        if checks:
            lines += ["### Checks", ""]
            for c in checks:
                lines.append(f"- **{c['check']}** [{c['status']}]: {_cell(c['detail'])}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
