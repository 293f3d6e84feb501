"""Reconciliation (pipeline.reconcile) and the profile document (pipeline.profile).

Facts are rows as DuckDB returns them (Decimal, date, list). The tables below give
the facts of one group and the profile row expected from them; the seed's facts
(from its expected file) give the derived checks.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.profile import build_profile, profile_markdown
from pipeline.reconcile import reconcile

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "profile.schema.json"
SEED_EXPECTED = ROOT / "corpus" / "fr" / "stability_ai_fr.expected.json"
PROFILE_COLUMNS = {
    "entity",
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
    "n_sources",
    "sources",
}
CHECK_COLUMNS = {
    "entity",
    "check",
    "period_start",
    "period_end",
    "value",
    "currency",
    "unit",
    "qualifier",
    "status",
    "detail",
    "inputs",
}


def fact(**kw: Any) -> dict[str, Any]:
    """A `facts` row; `amount` is the written figure, placed inside the evidence."""
    amount = kw.pop("amount", None)
    value = Decimal(str(kw.pop("value")))
    evidence = kw.pop("evidence", None) or f"The figure was {amount or value}."
    start = evidence.index(amount) if amount else 0
    row = {
        "article_id": kw.pop("article_id", "a1"),
        "entity": "Acme",
        "metric": "revenue",
        "value": value,
        "currency": "EUR",
        "qualifier": None,
        "min": None,
        "max": None,
        "period_start": date(2024, 1, 1),
        "period_end": date(2024, 12, 31),
        "per": None,
        "status": "reported",
        "evidence": evidence,
        "evidence_start": 100,
        "evidence_end": 100 + len(evidence),
        "start": 100 + start,
        "end": 100 + start + len(amount or ""),
        "duration_months": None,
        "counterparties": [],
    }
    for key in ("min", "max", "duration_months"):
        if kw.get(key) is not None:
            kw[key] = Decimal(str(kw[key]))
    row.update(kw)
    return row


# -- merging ------------------------------------------------------------------------

MERGES: list[Any] = [
    pytest.param([fact(value=5)], {"value": 5, "agreement": "single", "n_sources": 1}, id="single"),
    pytest.param(
        [fact(value=7, article_id="a"), fact(value=7, article_id="b")],
        {"value": 7, "agreement": "agree", "n_sources": 2},
        id="same-value",
    ),
    pytest.param(
        [
            fact(value=1200000000, amount="1,2 milliard d'euros", article_id="a"),
            fact(value=1200000000, amount="1 200 millions d'euros", article_id="b"),
        ],
        {"value": 1200000000, "agreement": "agree"},
        id="restated-in-other-units",
    ),
    pytest.param(
        [
            fact(value=1200000000, amount="€1.2 billion", article_id="a"),
            fact(value=1230000000, amount="1 230 millions d'euros", article_id="b"),
        ],
        {"value": 1230000000, "agreement": "agree", "qualifier": None},
        id="rounding-keeps-the-precise-figure",
    ),
    pytest.param(
        [
            fact(value=1000000000, amount="1 milliard d'euros", article_id="a"),
            fact(value=1200000000, amount="1,2 Mrd. Euro", article_id="b"),
        ],
        {"value": None, "agreement": "conflict"},
        id="a-round-figure-is-not-that-vague",
    ),
    pytest.param(
        [
            fact(value=50000000, amount="50 millions", article_id="a"),
            fact(value=52000000, amount="52 millions", article_id="b"),
        ],
        {"value": None, "agreement": "conflict", "min": 50000000, "max": 52000000, "n_sources": 2},
        id="different-values-conflict",
    ),
    pytest.param(
        [
            fact(value=50000000, qualifier="more_than", article_id="a"),
            fact(value=52000000, article_id="b"),
        ],
        {"value": 52000000, "qualifier": None, "agreement": "agree"},
        id="bound-agrees-with-value",
    ),
    pytest.param(
        [
            fact(value=50000000, qualifier="more_than", article_id="a"),
            fact(value=40000000, qualifier="max", article_id="b"),
        ],
        {"value": None, "agreement": "conflict"},
        id="disjoint-bounds-conflict",
    ),
    pytest.param(
        [
            fact(value=50000000, qualifier="min", article_id="a"),
            fact(value=60000000, qualifier="more_than", article_id="b"),
        ],
        {"value": 60000000, "qualifier": "more_than", "agreement": "agree"},
        id="tighter-bound-wins",
    ),
    pytest.param(
        [
            fact(value=100000000, qualifier="approx", article_id="a"),
            fact(value=97000000, article_id="b"),
        ],
        {"value": 97000000, "qualifier": None, "agreement": "agree"},
        id="approx-agrees-within-10pc",
    ),
    pytest.param(
        [
            fact(value=340000000, qualifier="range", min=340000000, max=360000000, article_id="a"),
            fact(value=340000000, qualifier="range", min=340000000, max=360000000, article_id="b"),
        ],
        {
            "value": 340000000,
            "qualifier": "range",
            "min": 340000000,
            "max": 360000000,
            "agreement": "agree",
        },
        id="same-range",
    ),
    pytest.param(
        [
            fact(value=10, currency="EUR", article_id="a"),
            fact(value=10, currency="USD", article_id="b"),
        ],
        {"value": None, "agreement": "conflict", "currency": "EUR"},
        id="currencies-never-merge",
    ),
    pytest.param(
        [fact(value=-45000000, article_id="a"), fact(value=-48000000, article_id="b")],
        {"value": None, "agreement": "conflict", "min": -48000000, "max": -45000000},
        id="losses-conflict-keeps-spread",
    ),
]


@pytest.mark.parametrize(("rows", "expected"), MERGES)
def test_reconcile_merges_one_group(rows: list[dict[str, Any]], expected: dict[str, Any]) -> None:
    profile, _ = reconcile(rows)
    assert len(profile) == 1
    row = profile[0]
    assert set(row) == PROFILE_COLUMNS
    for key, want in expected.items():
        have = row[key]
        if isinstance(want, int) and have is not None and key != "n_sources":
            assert Decimal(have) == Decimal(want), key
        else:
            assert have == want, key
    assert len(row["sources"]) == row["n_sources"]


def test_reconcile_rates_convert_to_first_currency() -> None:
    rows = [
        fact(value=100, currency="EUR", article_id="a"),
        fact(value=110, currency="USD", article_id="b"),
    ]
    profile, _ = reconcile(rows, rates={"EUR": Decimal("1.10"), "USD": Decimal("1")})
    assert profile[0]["agreement"] == "agree"
    assert profile[0]["currency"] == "EUR"
    assert Decimal(profile[0]["value"]) == 100


GROUPINGS: list[Any] = [
    pytest.param(
        [
            fact(value=1, entity="ACME", article_id="a"),
            fact(value=1, entity="Acme", article_id="b"),
            fact(value=1, entity="Acme", article_id="c"),
        ],
        [("Acme", "revenue", 3)],
        id="entity-key-and-most-frequent-spelling",
    ),
    pytest.param(
        [
            fact(value=1),
            fact(value=2, period_start=date(2023, 1, 1), period_end=date(2023, 12, 31)),
        ],
        [("Acme", "revenue", 1), ("Acme", "revenue", 1)],
        id="periods-apart",
    ),
    pytest.param(
        [fact(value=1), fact(value=2, status="forecast")],
        [("Acme", "revenue", 1), ("Acme", "revenue", 1)],
        id="status-apart",
    ),
    pytest.param([fact(value=1, entity=None)], [], id="no-entity-left-out"),
    pytest.param(
        [fact(value=1, metric="debt"), fact(value=2, metric="cash_reserves")],
        [("Acme", "cash_reserves", 1), ("Acme", "debt", 1)],
        id="metrics-apart",
    ),
]


@pytest.mark.parametrize(("rows", "expected"), GROUPINGS)
def test_reconcile_groups_facts(
    rows: list[dict[str, Any]], expected: list[tuple[str, str, int]]
) -> None:
    profile, _ = reconcile(rows)
    assert [(r["entity"], r["metric"], r["n_sources"]) for r in profile] == expected


def test_reconcile_custom_key_groups_spellings() -> None:
    rows = [
        fact(value=1, entity="Nuvélia SAS", article_id="a"),
        fact(value=1, entity="Nuvelia", article_id="b"),
    ]
    profile, _ = reconcile(rows, key=lambda name: name.casefold().replace("é", "e").split()[0])
    assert len(profile) == 1 and profile[0]["n_sources"] == 2


# -- checks -------------------------------------------------------------------------


def _seed_rows() -> list[dict[str, Any]]:
    """The seed's analyst facts as `facts` rows."""
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    rows = []
    for i, m in enumerate(expected["metrics"]):
        rows.append(
            fact(
                article_id="seed",
                entity=m["entity"],
                metric=m["metric"],
                value=m["value"],
                currency=m["currency"],
                qualifier=m["qualifier"],
                per=m["per"],
                period_start=date.fromisoformat(m["period_start"]) if m["period_start"] else None,
                period_end=date.fromisoformat(m["period_end"]) if m["period_end"] else None,
                status=m.get("status", "reported"),
                evidence=m["evidence"],
                duration_months=m.get("duration_months"),
                counterparties=m.get("counterparties", []),
                start=i,
                end=i + 1,
            )
        )
    return rows


SEED_CHECKS = [
    pytest.param(
        "operating_result",
        Decimal(-39000000),
        "less_than",
        "currency",
        "warning",
        id="operating-result-bound",
    ),
    pytest.param("runway", Decimal("0.48"), "approx", "months", "warning", id="runway"),
    pytest.param(
        "funding_shortfall", Decimal(75000000), None, "currency", "warning", id="funding-shortfall"
    ),
    pytest.param(
        "spend_rate", Decimal(625000), "min", "currency_per_month", "info", id="spend-rate"
    ),
]


@pytest.mark.parametrize(("check", "value", "qualifier", "unit", "status"), SEED_CHECKS)
def test_reconcile_seed_checks(
    check: str, value: Decimal, qualifier: str | None, unit: str, status: str
) -> None:
    _, checks = reconcile(_seed_rows())
    found = [c for c in checks if c["check"] == check]
    assert len(found) == 1, [c["check"] for c in checks]
    row = found[0]
    assert set(row) == CHECK_COLUMNS
    assert (Decimal(row["value"]), row["qualifier"], row["unit"], row["status"]) == (
        value,
        qualifier,
        unit,
        status,
    )
    assert row["detail"] and row["inputs"]
    assert row["entity"] == "Stability AI"


def _quarters(values: list[int], year_value: int) -> list[dict[str, Any]]:
    rows = [fact(value=year_value, article_id="y")]
    for q, v in enumerate(values):
        start = date(2024, 3 * q + 1, 1)
        end = date(2024, 12, 31) if q == 3 else date(2024, 3 * q + 4, 1).replace(day=1)
        if q < 3:
            end = date.fromordinal(end.toordinal() - 1)
        rows.append(fact(value=v, period_start=start, period_end=end, article_id=f"q{q}"))
    return rows


@pytest.mark.parametrize(
    ("rows", "status"),
    [
        pytest.param(_quarters([270, 290, 310, 330], 1200), "ok", id="quarters-add-up"),
        pytest.param(_quarters([270, 290, 310, 330], 1300), "conflict", id="quarters-disagree"),
    ],
)
def test_reconcile_period_sum(rows: list[dict[str, Any]], status: str) -> None:
    _, checks = reconcile(rows)
    sums = [c for c in checks if c["check"] == "period_sum"]
    assert [c["status"] for c in sums] == [status]


def test_reconcile_growth_year_over_year() -> None:
    rows = [
        fact(value=1200),
        fact(value=1000, period_start=date(2023, 1, 1), period_end=date(2023, 12, 31)),
    ]
    _, checks = reconcile(rows)
    growth = [c for c in checks if c["check"] == "growth"]
    assert len(growth) == 1
    assert Decimal(growth[0]["value"]) == Decimal("0.2") and growth[0]["unit"] == "ratio"


def test_reconcile_contradiction_check() -> None:
    rows = [
        fact(value=50, qualifier="more_than", article_id="a"),
        fact(value=40, qualifier="max", article_id="b"),
    ]
    _, checks = reconcile(rows)
    assert [c["status"] for c in checks if c["check"] == "contradiction"] == ["conflict"]


SEVERAL: list[Any] = [
    pytest.param(
        [
            fact(metric="other", value=4500000, article_id="a"),
            fact(metric="other", value=52000000, article_id="b"),
        ],
        [("single", 4500000), ("single", 52000000)],
        id="other-figures-are-different-things",
    ),
    pytest.param(
        [
            fact(metric="project_spend", value=150000000, qualifier="approx", article_id="a"),
            fact(metric="project_spend", value=150000000, qualifier="max", article_id="b"),
            fact(metric="project_spend", value=8000000, article_id="c"),
        ],
        [("agree", 150000000), ("single", 8000000)],
        id="projects-agree-or-stay-apart",
    ),
    pytest.param(
        [
            fact(metric="funding_raised", value=62000000, article_id="a"),
            fact(metric="funding_raised", value=15000000, currency=None, article_id="b"),
        ],
        [("single", 15000000), ("single", 62000000)],
        id="no-currency-never-merges",
    ),
    pytest.param(
        [
            fact(metric="valuation", value=500000000, article_id="a"),
            fact(metric="valuation", value=550000000, article_id="b"),
        ],
        [("conflict", None)],
        id="one-valuation-conflicts",
    ),
]


@pytest.mark.parametrize(("rows", "expected"), SEVERAL)
def test_reconcile_keeps_several_things_apart(
    rows: list[dict[str, Any]], expected: list[tuple[str, int | None]]
) -> None:
    profile, _ = reconcile(rows)
    got = sorted(
        ((r["agreement"], None if r["value"] is None else int(r["value"])) for r in profile),
        key=lambda x: x[1] or 0,
    )
    assert got == sorted(expected, key=lambda x: x[1] or 0)


@pytest.mark.parametrize(
    ("reported", "status"),
    [
        pytest.param(-50000000, "ok", id="matches-reported"),
        pytest.param(-20000000, "conflict", id="contradicts-reported"),
    ],
)
def test_reconcile_operating_result_against_reported(reported: int, status: str) -> None:
    rows = [
        fact(value=410000000),
        fact(metric="operating_expenses", value=460000000),
        fact(metric="operating_income", value=reported),
    ]
    _, checks = reconcile(rows)
    found = [c for c in checks if c["check"] == "operating_result"]
    assert [(int(c["value"]), c["status"]) for c in found] == [(-50000000, status)]


def test_reconcile_runway_prefers_stated_net_burn() -> None:
    day = {"period_start": date(2024, 12, 31), "period_end": date(2024, 12, 31)}
    rows = [
        fact(metric="cash_reserves", value=45000000, **day),
        fact(
            metric="other",
            value=3000000,
            qualifier="approx",
            per="month",
            period_start=None,
            period_end=date(2024, 12, 31),
        ),
        fact(metric="operating_expenses", value=120000000, per="year"),
    ]
    _, checks = reconcile(rows)
    runway = [c for c in checks if c["check"] == "runway"]
    assert [(Decimal(c["value"]), c["qualifier"]) for c in runway] == [(Decimal(15), "approx")]


def test_reconcile_growth_of_a_range_forecast() -> None:
    rows = [
        fact(value=410000000),
        fact(
            value=480000000,
            qualifier="range",
            min=480000000,
            max=520000000,
            status="forecast",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
        ),
    ]
    _, checks = reconcile(rows)
    growth = [c for c in checks if c["check"] == "growth"]
    assert [(c["qualifier"], Decimal(c["value"])) for c in growth] == [("range", Decimal("0.1707"))]
    assert "+17.1 % to +26.8 %" in growth[0]["detail"]


def test_reconcile_net_margin() -> None:
    rows = [fact(value=2350000000), fact(metric="net_income", value=212000000)]
    _, checks = reconcile(rows)
    margin = [c for c in checks if c["check"] == "net_margin"]
    assert [(Decimal(c["value"]), c["unit"]) for c in margin] == [(Decimal("0.0902"), "ratio")]


@pytest.mark.parametrize(
    ("target", "flagged"),
    [
        pytest.param(105000000, 1, id="target-out-of-reach"),
        pytest.param(98000000, 0, id="target-within-forecast"),
    ],
)
def test_reconcile_revision_of_a_target(target: int, flagged: int) -> None:
    year = {"period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31)}
    rows = [
        fact(
            value=95000000,
            qualifier="range",
            min=95000000,
            max=100000000,
            status="forecast",
            article_id="a",
            **year,
        ),
        fact(value=target, qualifier="more_than", status="target", article_id="b", **year),
    ]
    _, checks = reconcile(rows)
    assert len([c for c in checks if c["check"] == "revision"]) == flagged


# -- profile document ---------------------------------------------------------------


@pytest.mark.parametrize("company", [None, "Stability AI", "stability ai", "Nobody"])
def test_profile_validates_against_schema(company: str | None) -> None:
    profile, checks = reconcile(_seed_rows())
    doc = build_profile(profile, checks, company)
    jsonschema.validate(doc, json.loads(SCHEMA.read_text(encoding="utf-8")))
    json.dumps(doc)
    expected_companies = 0 if company == "Nobody" else 1
    assert len(doc["companies"]) == expected_companies


def test_profile_reads_rows_as_stored() -> None:
    """Rows read back from DuckDB carry `sources` / `inputs` as JSON text."""
    profile, checks = reconcile(_seed_rows())
    stored_p = [{**r, "sources": json.dumps(r["sources"])} for r in profile]
    stored_c = [{**c, "inputs": json.dumps(c["inputs"])} for c in checks]
    assert build_profile(stored_p, stored_c) == build_profile(profile, checks)


def test_profile_markdown_report() -> None:
    profile, checks = reconcile(_seed_rows())
    text = profile_markdown(build_profile(profile, checks))
    assert text.startswith("# Financial profile")
    assert "## Stability AI" in text and "### Checks" in text
    assert "runway" in text and "cash reserves" in text
    assert profile_markdown(build_profile([], [])).count("No figures found") == 1


# -- properties ---------------------------------------------------------------------

_rows = st.builds(
    lambda entity, metric, value, qualifier, currency, year, art: fact(
        entity=entity,
        metric=metric,
        value=value,
        qualifier=qualifier,
        currency=currency,
        period_start=date(year, 1, 1) if year else None,
        period_end=date(year, 12, 31) if year else None,
        article_id=art,
        min=value if qualifier == "range" else None,
        max=value + 10 if qualifier == "range" else None,
    ),
    st.sampled_from(["Acme", "ACME", "Beta", None]),
    st.sampled_from(
        [
            "revenue",
            "operating_expenses",
            "cash_reserves",
            "funding_raised",
            "funding_target",
            "infrastructure_spend",
        ]
    ),
    st.integers(-(10**9), 10**9),
    st.sampled_from([None, "approx", "min", "max", "more_than", "less_than", "range"]),
    st.sampled_from(["EUR", "USD", None]),
    st.sampled_from([None, 2023, 2024]),
    st.sampled_from(["a", "b", "c"]),
)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(_rows, max_size=8))
def test_reconcile_never_raises_and_keeps_every_source(rows: list[dict[str, Any]]) -> None:
    profile, checks = reconcile(rows)
    assert sum(r["n_sources"] for r in profile) == sum(1 for r in rows if r["entity"])
    for row in profile:
        assert row["agreement"] in ("single", "agree", "conflict")
        if row["n_sources"] > 1:
            assert row["agreement"] != "single"
        else:
            assert row["agreement"] == "single"
        if row["agreement"] == "conflict":
            assert row["value"] is None
    for check in checks:
        assert check["status"] in ("ok", "warning", "conflict", "info")
    build_profile(profile, checks)


_SEVERAL_ROWS = st.builds(
    lambda metric, value, qualifier, currency, art: fact(
        metric=metric,
        value=value,
        qualifier=qualifier,
        currency=currency,
        article_id=art,
        min=value if qualifier == "range" else None,
        max=value + 10**6 if qualifier == "range" else None,
    ),
    st.sampled_from(["other", "project_spend", "funding_raised"]),
    st.sampled_from([10**6, 2 * 10**6, 2 * 10**6 + 1, 3 * 10**6, 5 * 10**7, -(10**6)]),
    st.sampled_from([None, "approx", "min", "max", "more_than", "less_than", "range"]),
    st.sampled_from(["EUR", "USD", "GBP", None]),
    st.sampled_from(["a", "b", "c"]),
)


def _clusters_by_definition(rows: list[Any], rates: Any) -> list[list[Any]]:
    """The definition the clustering must keep: a row joins the first cluster that a
    merge with it does not call a conflict (a full merge per try: quadratic)."""
    from pipeline.reconcile import _merge

    clusters: list[list[Any]] = []
    for row in rows:
        for cluster in clusters:
            if _merge([*cluster, row], rates)["agreement"] != "conflict":
                cluster.append(row)
                break
        else:
            clusters.append([row])
    return clusters


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(_SEVERAL_ROWS, max_size=12),
    rates=st.sampled_from([None, {"EUR": Decimal("1.1"), "USD": Decimal(1)},
                           {"EUR": Decimal("1.08"), "USD": Decimal(1), "GBP": Decimal("1.27")}]),
)
def test_reconcile_clusters_match_pairwise_merging(rows: list[Any], rates: Any) -> None:
    from pipeline.reconcile import _clusters

    metric = "other"
    assert _clusters(metric, rows, rates) == _clusters_by_definition(rows, rates)
    profile, _ = reconcile(rows, rates=rates)
    assert sum(r["n_sources"] for r in profile) == len(rows)
