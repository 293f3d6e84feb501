"""Date and duration extraction: case tables per language, the seed article, properties.

Cases live in tests/cases/dates/<lang>.jsonl, one object a line:
{"id", "origin": "news" | "bug" | "not_date", "text", "reference_date": ISO date or null,
"expected": [{"text", "start_date", "end_date", "grain", "inferred"}],
"durations": [{"text", "value", "unit"}], "xfail"?: reason}.
Every case is compared whole: the exact list of dates, then the exact list of durations.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import read_cases
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import dates as dates_module
from pipeline.dates import extract_dates, extract_durations
from pipeline.types import LANGUAGES, AnyDate, DateMention

# The acceptance article; the lead copies it into corpus/ later.
SEED_DIR = Path(__file__).resolve().parent.parent / "corpus" / "fr"
SEED_TEXT = SEED_DIR / "stability_ai_fr.txt"
SEED_EXPECTED = SEED_DIR / "stability_ai_fr.expected.json"
ORIGINS = ("news", "bug", "not_date")


def _case_params(with_xfail: bool = True) -> list[Any]:
    params = []
    for lang in LANGUAGES:
        for case in read_cases("dates", lang):
            marks = []
            if case.get("xfail") and with_xfail:
                marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
            params.append(pytest.param(lang, case, id=case["id"], marks=marks))
    return params


def _ref(case: dict[str, Any]) -> date | None:
    value = case.get("reference_date")
    return date.fromisoformat(value) if value else None


def _as_dict(m: AnyDate) -> dict[str, Any]:
    return {
        "text": m.text,
        "start_date": m.start_date.isoformat() if m.start_date else None,
        "end_date": m.end_date.isoformat() if m.end_date else None,
        "grain": m.grain,
        "inferred": m.inferred,
    }


CASES = _case_params()
# the durations and the pre-filter hold on every case, known date failures included
ALL_CASES = _case_params(with_xfail=False)


@pytest.mark.parametrize(("lang", "case"), CASES)
def test_dates_case_table(lang: str, case: dict[str, Any]) -> None:
    got = [_as_dict(m) for m in extract_dates(case["text"], lang, _ref(case))]
    assert got == case["expected"]


@pytest.mark.parametrize(("lang", "case"), ALL_CASES)
def test_dates_durations_case_table(lang: str, case: dict[str, Any]) -> None:
    got = [
        {"text": d.text, "value": d.value, "unit": d.unit}
        for d in extract_durations(case["text"], lang)
    ]
    expected = [{**d, "value": Decimal(str(d["value"]))} for d in case.get("durations", [])]
    assert got == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dates_case_tables_are_well_formed(lang: str) -> None:
    cases = read_cases("dates", lang)
    assert len(cases) >= 40
    assert len({c["id"] for c in cases}) == len(cases)
    assert any(c["origin"] == "not_date" for c in cases)
    for case in cases:
        assert case["origin"] in ORIGINS
        assert "reference_date" in case
        for item in case["expected"]:
            assert item["text"] in case["text"]
            assert item["start_date"] or item["end_date"]  # open on one side at most
            if item["start_date"] and item["end_date"]:
                assert item["start_date"] <= item["end_date"]


def _seed_expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    return data


def test_dates_seed_article_exact_dates() -> None:
    expected = _seed_expected()
    text = SEED_TEXT.read_text(encoding="utf-8")
    ref = date.fromisoformat(expected["reference_date"])
    got = extract_dates(text, "fr", ref)
    assert [m.text for m in got] == [d["text"] for d in expected["dates"]]
    for mention, want in zip(got, expected["dates"], strict=True):
        assert mention.start_date.isoformat() == want["start"]
        assert mention.end_date.isoformat() == want["end"]
        assert mention.grain == want["grain"]
        assert mention.inferred == bool(want.get("inferred_year", False))
        assert text[mention.start : mention.end] == mention.text


def test_dates_seed_article_not_dates() -> None:
    expected = _seed_expected()
    text = SEED_TEXT.read_text(encoding="utf-8")
    got = extract_dates(text, "fr", date.fromisoformat(expected["reference_date"]))
    for wrong in expected["not_dates"]:
        assert all(wrong not in m.text for m in got)


def test_dates_seed_article_duration() -> None:
    expected = _seed_expected()
    text = SEED_TEXT.read_text(encoding="utf-8")
    got = extract_durations(text, "fr")
    assert [(d.text, d.months) for d in got] == [
        (d["text"], Decimal(d["months"])) for d in expected["durations"]
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Le groupe est passé en décembre à un abonnement."),
        ("en", "Last year the firm raised money."),
        ("de", "Vor zwei Jahren wurde die Firma gegründet."),
        ("es", "La empresa cayó la semana pasada."),
    ],
)
def test_dates_relative_without_reference_dropped(lang: str, text: str) -> None:
    assert extract_dates(text, lang, None) == []


@pytest.mark.parametrize(
    ("ref", "start", "end"),
    [
        ("2024-04-02", "2023-12-01", "2023-12-31"),
        ("2024-12-15", "2024-12-01", "2024-12-31"),
        ("2025-01-01", "2024-12-01", "2024-12-31"),
    ],
)
def test_dates_yearless_month_is_latest_not_after_reference(ref: str, start: str, end: str) -> None:
    (m,) = extract_dates("Les ventes ont chuté en décembre.", "fr", date.fromisoformat(ref))
    assert (m.start_date.isoformat(), m.end_date.isoformat(), m.inferred) == (start, end, True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dates_unknown_or_empty_input_yields_nothing(lang: str) -> None:
    assert extract_dates("", lang, date(2024, 4, 2)) == []
    assert extract_durations("", lang) == []
    assert extract_dates("12345 678 9,6 % 2,5", lang, date(2024, 4, 2)) == []


def test_dates_unknown_language_falls_back() -> None:
    got = extract_dates("In October 2023 sales fell.", "xx", date(2024, 4, 2))
    assert [m.text for m in got] == ["October 2023"]


_ALPHABET = st.sampled_from(
    [
        *"0123456789 ,.-/'’:%€$",
        "mars",
        "juillet",
        "et",
        "août",
        "2023",
        "fin",
        "du",
        "mois",
        "de",
        "la",
        "mi-",
        "Q3",
        "T2",
        "entre",
        "depuis",
        "l'an",
        "dernier",
        "last",
        "year",
        "vor",
        "zwei",
        "Jahren",
        "hace",
        "años",
        "en",
        "quatre",
        "months",
        "week",
        "KW",
        "FY",
        "H1",
        "semaine",
        "May",
        "lundi",
        "Friday",
        "0",
        "29",
        "février",
        "Vorjahr",
        "premiers",
        "neuf",
        "week-end",
        "the year to",
        "2024/25",
        "clos",
        "a year earlier",
    ]
)
_TEXTS = st.lists(_ALPHABET, max_size=30).map(" ".join) | st.text(max_size=80)


@settings(max_examples=150, deadline=None)
@given(text=_TEXTS, lang=st.sampled_from(LANGUAGES))
def test_dates_property_offsets_index_text(text: str, lang: str) -> None:
    mentions = dates_module._extract(text, lang, date(2024, 4, 2))  # raises if a rule breaks
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)
    for m in mentions:
        assert text[m.start : m.end] == m.text
        if isinstance(m, DateMention):
            assert m.start_date <= m.end_date
        else:  # an open interval: one bound
            assert (m.start_date is None) != (m.end_date is None)


@settings(max_examples=150, deadline=None)
@given(text=_TEXTS, lang=st.sampled_from(LANGUAGES))
def test_dates_property_durations_never_raise(text: str, lang: str) -> None:
    for d in dates_module._durations(text, lang):  # raises if a rule breaks
        assert text[d.start : d.end] == d.text
        assert d.value > 0


@pytest.mark.parametrize(("lang", "case"), ALL_CASES)
def test_dates_prefilter_hides_nothing(lang: str, case: dict[str, Any]) -> None:
    # the cheap pre-filter only skips texts that no rule could match
    ref = _ref(case) or date(2024, 4, 2)
    fast = dates_module._extract(case["text"], lang, ref)
    assert fast == dates_module._extract(case["text"], lang, ref, prefilter=False)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dates_data_files_share_keys(lang: str) -> None:
    # every language file carries the same kinds of words, so no rule silently
    # goes missing in one language
    from pipeline import lexicon

    reference = set(lexicon.load("dates", "en"))
    assert set(lexicon.load("dates", lang)) == reference
    months = {v for v in lexicon.load("dates", lang)["months"].values()}
    assert months == set(range(1, 13))
    assert sorted(set(lexicon.load("dates", lang)["weekdays"].values())) == list(range(7))


_ARTICLES = sorted((Path(__file__).resolve().parent.parent / "corpus").rglob("*.txt"))


@pytest.mark.parametrize("path", _ARTICLES, ids=[p.stem for p in _ARTICLES])
def test_dates_durations_reuse_the_dates_of_any_reference(path: Path) -> None:
    """The run passes its dates to extract_durations to spare a pass: only their spans
    matter, and they must not depend on the reference date."""
    lang = path.parent.name
    text = path.read_text(encoding="utf-8")
    alone = extract_durations(text, lang)
    for reference in (date(2019, 1, 15), date(2024, 4, 2), date(2026, 11, 27)):
        given_dates = extract_dates(text, lang, reference)
        assert extract_durations(text, lang, given_dates) == alone


@pytest.mark.parametrize(("lang", "case"), ALL_CASES)
def test_dates_scan_order_does_not_change_results(lang: str, case: dict[str, Any]) -> None:
    """Without a reference date only the explicit patterns run (inferring the publication
    date); a later read with one adds the relative matches to the cached scan. The result
    must be the one of a fresh scan, whichever read comes first."""
    text, ref = case["text"], _ref(case) or date(2024, 4, 2)
    dates_module._SCANS.clear()
    fresh = dates_module._extract(text, lang, ref)
    fresh_none = dates_module._extract(text, lang, None)
    dates_module._SCANS.clear()
    assert dates_module._extract(text, lang, None) == fresh_none
    assert dates_module._extract(text, lang, ref) == fresh
