"""render_report: one self-contained HTML page from the profile and checks tables."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import db
from pipeline.errors import DatabaseError, QueryError
from pipeline.report import (
    MetricRow,
    chart_svg,
    format_amount,
    format_bounds,
    format_period,
    parse_sources,
    render_report,
)

ACME = "<Acme & Co>"
NORD = "Nordwind Energie AG"
Y = {year: (date(year, 1, 1), date(year, 12, 31)) for year in (2022, 2023, 2024)}


def _source(article: str, evidence: str, value: int, qualifier: str | None = None) -> dict[
        str, Any]:
    return {"article_id": article * 64, "start": 5, "end": 25, "value": value,
            "qualifier": qualifier, "evidence": evidence}


def _metric(entity: str, metric: str, period: tuple[date | None, date | None], value: int | None,
            *, status: str = "reported", currency: str = "EUR", qualifier: str | None = None,
            low: int | None = None, high: int | None = None, per: str | None = None,
            sources: list[dict[str, Any]]) -> dict[str, Any]:
    values = {s["value"] for s in sources}
    return {
        "entity": entity, "metric": metric, "period_start": period[0], "period_end": period[1],
        "per": per, "status": status, "value": value, "currency": currency,
        "qualifier": qualifier, "min": low, "max": high,
        "agreement": "single" if len(sources) == 1 else ("agree" if len(values) == 1
                                                         else "conflict"),
        "n_sources": len(sources), "sources": sources,
    }


PROFILE = [
    _metric(NORD, "revenue", Y[2022], 120_000_000, sources=[
        _source("a", "Nordwind erzielte 2022 einen Umsatz von 120 Millionen Euro.", 120_000_000),
        _source("b", "Revenue reached €120m in 2022.", 120_000_000)]),
    _metric(NORD, "revenue", Y[2023], 150_000_000, sources=[
        _source("a", "Der Umsatz stieg 2023 auf 150 Millionen Euro.", 150_000_000),
        _source("c", "Sales of €140m in 2023 <script>alert(1)</script>.", 140_000_000)]),
    _metric(NORD, "revenue", Y[2024], 180_000_000, status="forecast", qualifier="range",
            low=170_000_000, high=190_000_000, sources=[
                _source("a", "Für 2024 erwartet man 170 bis 190 Millionen Euro.", 180_000_000,
                        "range")]),
    _metric(NORD, "net_income", Y[2023], -12_500_000, sources=[
        _source("a", "Der Nettoverlust betrug 12,5 Millionen Euro.", -12_500_000)]),
    _metric(NORD, "debt", (None, None), 40_000_000, qualifier="more_than", sources=[
        _source("a", "Schulden von mehr als 40 Millionen Euro.", 40_000_000, "more_than")]),
    _metric(ACME, "cash_reserves", (date(2023, 10, 1), date(2023, 10, 31)), 4_000_000,
            currency="USD", sources=[
                _source("d", f"In October 2023 {ACME} had only $4 million left.", 4_000_000)]),
    _metric(ACME, "operating_expenses", Y[2024], 50_000_000, status="forecast",
            currency="USD", qualifier="more_than", sources=[
                _source("d", "Costs will exceed $50 million in 2024.", 50_000_000, "more_than")]),
    _metric(ACME, "infrastructure_spend", (None, date(2023, 10, 31)), 99_000_000,
            currency="USD", qualifier="approx", per="year", sources=[
                _source("d", "About $99 million a year on cloud.", 99_000_000, "approx"),
                _source("e", "Roughly $100m annually for servers.", 100_000_000, "approx")]),
    _metric(ACME, "valuation", (None, None), 1_000_000_000, currency="USD", sources=[
        _source("e", "Valued at $1 billion.", 1_000_000_000)]),
]
CHECKS: list[dict[str, Any]] = [
    {"entity": NORD, "check": "operating_result", "period_start": Y[2023][0],
     "period_end": Y[2023][1], "value": Decimal("-12500000"), "currency": "EUR",
     "unit": "currency", "qualifier": None, "status": "ok",
     "detail": "revenue - operating_expenses", "inputs": []},
    {"entity": ACME, "check": "runway", "period_start": date(2023, 10, 1),
     "period_end": date(2023, 10, 31), "value": Decimal("0.484848"), "currency": None,
     "unit": "months", "qualifier": "approx", "status": "warning",
     "detail": "cash < 1 month of spend", "inputs": [{"metric": "cash_reserves"}]},
    {"entity": ACME.upper(), "check": "revenue_consistency", "period_start": None,
     "period_end": None, "value": None, "currency": None, "unit": None, "qualifier": None,
     "status": "conflict", "detail": "two sources disagree", "inputs": []},
]
# What the page must show, per company: the metrics that have a dated value get a chart.
EXPECTED: dict[str, dict[str, Any]] = {
    NORD: {"charts": {"revenue", "net_income"}, "conflicts": 1, "rows": 5, "checks": 1},
    ACME: {"charts": {"cash_reserves", "operating_expenses", "infrastructure_spend"},
           "conflicts": 1, "rows": 4, "checks": 2},
}


def build_db(path: Path, profile: list[dict[str, Any]], checks: list[dict[str, Any]]) -> Path:
    conn = db.connect(path)
    db.insert_rows(conn, "profile", profile)
    db.insert_rows(conn, "checks", checks)
    conn.close()
    return path


@pytest.fixture(scope="module")
def report_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("report") / "news.duckdb", PROFILE, CHECKS)


@pytest.fixture(scope="module")
def page(report_db: Path) -> str:
    return render_report(report_db)


class Outline(HTMLParser):
    """What a reader sees, by company: chart figures, metric rows, check rows, links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.company: str | None = None
        self.companies: list[str] = []
        self.figures: dict[str, list[str]] = {}
        self.svg_in_figure: Counter[str] = Counter()
        self.metric_rows: Counter[str] = Counter()
        self.conflict_rows: Counter[str] = Counter()
        self.conflict_metrics: dict[str, list[str]] = {}
        self.check_rows: Counter[str] = Counter()
        self.links: list[str] = []
        self.external: list[str] = []
        self.tags: Counter[str] = Counter()
        self._in_figure = False
        self._section_ids: list[str] = []
        self.section_ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags[tag] += 1
        for key in ("src", "href", "xlink:href", "action", "data"):
            if key in a and not a[key].startswith("#"):
                self.external.append(f"{tag} {key}={a[key]}")
        if tag == "a":
            self.links.append(a.get("href", ""))
        classes = a.get("class", "").split()
        if tag == "section" and "company" in classes:
            self.company = a["data-company"]
            self.companies.append(self.company)
            self.section_ids.append(a["id"])
            self.figures[self.company] = []
        company = self.company or ""
        if tag == "figure" and "chart" in classes:
            self._in_figure = True
            self.figures[company].append(a["data-metric"])
        if tag == "svg" and self._in_figure:
            self.svg_in_figure[company] += 1
        if tag == "tr" and "metric-row" in classes:
            self.metric_rows[company] += 1
            if "conflict" in classes:
                self.conflict_rows[company] += 1
                self.conflict_metrics.setdefault(company, []).append(a["data-metric"])
        if tag == "tr" and any(c.startswith("status-") for c in classes):
            self.check_rows[company] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "figure":
            self._in_figure = False


def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    parser.close()
    return parser


@pytest.mark.parametrize("company", sorted(EXPECTED))
def test_report_one_chart_per_dated_metric(page: str, company: str) -> None:
    seen = outline(page)
    assert sorted(seen.figures[company]) == sorted(EXPECTED[company]["charts"])
    assert seen.svg_in_figure[company] == len(EXPECTED[company]["charts"])


@pytest.mark.parametrize("company", sorted(EXPECTED))
def test_report_lists_every_metric_row_and_check(page: str, company: str) -> None:
    seen = outline(page)
    assert seen.metric_rows[company] == EXPECTED[company]["rows"]
    # Checks match their company case-insensitively, like the company argument.
    assert seen.check_rows[company] == EXPECTED[company]["checks"]


@pytest.mark.parametrize("company", sorted(EXPECTED))
def test_report_highlights_conflicts(page: str, company: str) -> None:
    seen = outline(page)
    assert seen.conflict_rows[company] == EXPECTED[company]["conflicts"]
    expected = [r["metric"] for r in PROFILE
                if r["entity"] == company and r["agreement"] == "conflict"]
    assert seen.conflict_metrics[company] == expected
    assert "tr.conflict" in page  # a visible style, not only a class name


def test_report_escapes_text(page: str) -> None:
    assert ACME not in page
    assert "&lt;Acme &amp; Co&gt;" in page
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert outline(page).companies == [ACME, NORD]


def test_report_needs_no_network(page: str) -> None:
    seen = outline(page)
    assert seen.external == []
    assert not re.search(r"(?i)(src|href)\s*=\s*[\"']?\s*(https?:)?//", page)
    assert not re.search(r"(?i)url\(\s*[\"']?\s*(https?:)?//|@import|<link\b|<script\b|<img\b",
                         page)
    assert seen.tags["style"] >= 1  # the page's own style sheet, inline


def test_report_table_of_contents_links_every_company(page: str) -> None:
    seen = outline(page)
    assert seen.links == [f"#{section}" for section in seen.section_ids]
    assert len(set(seen.section_ids)) == len(EXPECTED)


def test_report_element_ids_are_unique(page: str) -> None:
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert ids and len(ids) == len(set(ids))
    for target in re.findall(r'(?:href="#|url\(#)([^")]+)', page):
        assert target in ids, target


def test_report_charts_are_well_formed_svg(page: str) -> None:
    svgs = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    assert len(svgs) == sum(len(v["charts"]) for v in EXPECTED.values())
    for svg in svgs:
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page
    assert "<metadata" not in page  # no creation date: the page is reproducible


def test_report_is_deterministic(report_db: Path, page: str) -> None:
    assert render_report(report_db) == page


@pytest.mark.parametrize("asked", [NORD, NORD.lower(), f"  {NORD.upper()} ", "<acme & CO>"])
def test_report_one_company_case_insensitively(report_db: Path, asked: str) -> None:
    seen = outline(render_report(report_db, asked))
    wanted = NORD if "nord" in asked.lower() else ACME
    assert seen.companies == [wanted]
    assert seen.links == []  # no table of contents for one company
    assert sorted(seen.figures[wanted]) == sorted(EXPECTED[wanted]["charts"])


@pytest.mark.parametrize("asked", ["Nordwind", "", "Acme & Co"])
def test_report_unknown_company_is_a_query_error(report_db: Path, asked: str) -> None:
    with pytest.raises(QueryError, match="no company") as info:
        render_report(report_db, asked)
    assert NORD in str(info.value)  # the message lists the companies there are


def test_report_empty_profile_is_a_page_not_an_error(tmp_path: Path) -> None:
    empty = build_db(tmp_path / "empty.duckdb", [], [])
    page = render_report(empty)
    assert "profile table is empty" in page
    assert outline(page).companies == []
    with pytest.raises(QueryError):
        render_report(empty, "Anything")


def test_report_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no database"):
        render_report(tmp_path / "missing.duckdb")


@pytest.mark.parametrize(
    ("needle", "why"),
    [
        ("170,000,000 – 190,000,000", "a range shows its bounds"),
        ("&gt; 40,000,000", "a lower bound shows its sign (escaped)"),
        ("≈ 99,000,000", "an approximate value"),
        ("per year", "a rate shows its period"),
        ("-12,500,000", "a loss is negative"),
        ("≈ 0.484848 months", "a check shows its unit"),
        ("-12,500,000 EUR", "a currency check shows its currency"),
        ("until 2023-10-31", "an open-start period"),
        ("2023-10", "a month period"),
        ("Der Umsatz stieg 2023 auf 150 Millionen Euro.", "evidence sentences are shown"),
        ("article cccccccccccc", "each source names its article"),
        ("two sources disagree", "a check shows its detail"),
    ],
)
def test_report_shows_values_periods_and_evidence(page: str, needle: str, why: str) -> None:
    assert needle in page, why


PERIODS = [
    ((date(2024, 1, 1), date(2024, 12, 31)), "2024"),
    ((date(2023, 10, 1), date(2023, 10, 31)), "2023-10"),
    ((date(2024, 2, 1), date(2024, 2, 29)), "2024-02"),
    ((date(2024, 4, 1), date(2024, 6, 30)), "2024-Q2"),
    ((date(2024, 3, 21), date(2024, 3, 31)), "2024-03-21 – 2024-03-31"),
    ((date(2023, 7, 1), date(2023, 8, 31)), "2023-07 – 2023-08"),
    ((date(2023, 11, 1), date(2024, 2, 29)), "2023-11 – 2024-02"),
    ((date(2023, 1, 1), date(2024, 12, 31)), "2023 – 2024"),
    ((date(2023, 7, 1), date(2023, 8, 30)), "2023-07-01 – 2023-08-30"),
    ((date(2024, 12, 1), date(2024, 12, 31)), "2024-12"),
    ((date(2024, 10, 1), date(2024, 12, 31)), "2024-Q4"),
    ((date(2024, 5, 3), date(2024, 5, 3)), "2024-05-03"),
    ((None, date(2023, 10, 31)), "until 2023-10-31"),
    ((date(2023, 10, 1), None), "from 2023-10-01"),
    ((None, None), "undated"),
]


@pytest.mark.parametrize(("period", "expected"), PERIODS)
def test_report_format_period(period: tuple[date | None, date | None], expected: str) -> None:
    assert format_period(*period) == expected


BOUNDS = [
    (("2500000.000000", "min", None, None), "≥ 2,500,000"),
    (("50000000", "more_than", None, None), "> 50,000,000"),
    (("10", "less_than", None, None), "< 10"),
    (("3", "max", None, None), "≤ 3"),
    (("99000000", "approx", None, None), "≈ 99,000,000"),
    (("11", "range", "10", "12"), "10 – 12"),
    ((None, None, "10", "12"), "10 – 12"),
    ((None, "min", "7", None), "≥ 7"),
    (("0.480000", None, None, None), "0.48"),
    (("-12500000.5", None, None, None), "-12,500,000.5"),
    ((None, None, None, None), "—"),
]


@pytest.mark.parametrize(("args", "expected"), BOUNDS)
def test_report_format_bounds(args: tuple[str | None, ...], expected: str) -> None:
    value, qualifier, low, high = (Decimal(a) if a is not None and i != 1 else a
                                   for i, a in enumerate(args))
    assert format_bounds(value, qualifier, low, high) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("0"), "0"), (Decimal("1E+9"), "1,000,000,000"), (Decimal("0.000001"), "0.000001"),
     (None, "")],
)
def test_report_format_amount(value: Decimal | None, expected: str) -> None:
    assert format_amount(value) == expected


def _row(period: tuple[date | None, date | None], value: str | None) -> MetricRow:
    return MetricRow(entity="X", metric="revenue", period_start=period[0],
                     period_end=period[1], per=None, status="reported",
                     value=Decimal(value) if value is not None else None, currency="USD",
                     qualifier=None, min=None, max=None, agreement="single", n_sources=1,
                     sources=())


@pytest.mark.parametrize(
    ("rows", "drawn"),
    [
        ([_row((None, None), "5")], False),
        ([_row(Y[2023], None)], False),
        ([_row(Y[2023], "5")], True),
        ([_row((None, None), "5"), _row((None, date(2023, 1, 31)), "0")], True),
    ],
)
def test_report_chart_only_for_dated_values(rows: list[MetricRow], drawn: bool) -> None:
    svg = chart_svg("revenue", rows, prefix="t")
    assert svg.startswith("<svg ") == drawn
    assert (svg == "") != drawn


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ('[{"article_id": "x", "start": 1, "end": 2, "value": 5, "evidence": "E"}]', ["E"]),
        ('[{"evidence": null}, 3, "x"]', [""]),
        ('{"article_id": "x"}', []),
        ("not json", []),
        ("", []),
        (None, []),
    ],
)
def test_report_parse_sources_tolerates_bad_json(text: str | None, evidence: list[str]) -> None:
    assert [s.evidence for s in parse_sources(text)] == evidence


@given(st.text(max_size=200))
def test_report_parse_sources_never_raises(text: str) -> None:
    for source in parse_sources(text):
        assert isinstance(source.evidence, str)


@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["article_id", "start", "end", "value", "qualifier", "evidence", "x"]),
        inner, max_size=6),
    max_leaves=20,
))
def test_report_parse_sources_never_raises_on_any_json(data: Any) -> None:
    import json

    for source in parse_sources(json.dumps(data)):
        assert source.value is None or source.value.is_finite()
