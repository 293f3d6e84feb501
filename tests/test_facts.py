"""Attribution of amounts (pipeline.facts).

Three kinds of tests, all data-driven:
- case tables `tests/cases/facts/<lang>.jsonl`: text in, facts out, through the real
  extractors (money, dates, entities), so they fail while one of those is missing;
- rule tables below, with hand-made mentions, that pin each attribution rule
  without depending on the other extractors;
- the acceptance article (the seed), both with hand-made mentions from its expected
  file and through the real extractors, plus hypothesis properties.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import lexicon
from pipeline.facts import extract_facts, split_clauses
from pipeline.types import (
    LANGUAGES,
    METRICS,
    DateMention,
    DurationMention,
    EntityMention,
    Fact,
    Label,
    MoneyMention,
)

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases" / "facts"
SEED_TEXT = ROOT / "corpus" / "fr" / "stability_ai_fr.txt"
SEED_EXPECTED = ROOT / "corpus" / "fr" / "stability_ai_fr.expected.json"
SEED_REFERENCE = date(2024, 4, 2)
CHECKED = (
    "entity",
    "metric",
    "value",
    "currency",
    "qualifier",
    "period_start",
    "period_end",
    "per",
    "status",
    "counterparties",
    "duration_months",
)


# -- helpers ------------------------------------------------------------------------


def _real_facts(text: str, lang: str, reference: date | None) -> list[Fact]:
    """Facts through the real extractors, as a run computes them."""
    from pipeline.analyse import analyse

    return list(analyse(text, lang, reference_date=reference).facts)


def _view(fact: Fact) -> dict[str, Any]:
    data = fact.to_dict()
    data["counterparties"] = list(fact.counterparties)
    return data


def _differences(expected: dict[str, Any], fact: Fact) -> list[str]:
    got = _view(fact)
    out = []
    for key in CHECKED:
        if key not in expected:
            continue
        want, have = expected[key], got[key]
        if key == "entity":
            want = want.casefold() if want else want
            have = have.casefold() if have else have
        elif key == "counterparties":
            want = sorted(c.casefold() for c in want)
            have = sorted(c.casefold() for c in have)
        elif key in ("value", "duration_months") and want is not None and have is not None:
            want, have = Decimal(str(want)), Decimal(str(have))
        if want != have:
            out.append(f"{key}: expected {want!r}, got {have!r}")
    return out


def _assert_facts(expected: list[dict[str, Any]], facts: list[Fact]) -> None:
    problems = []
    for want in expected:
        same_value = [f for f in facts if Decimal(str(want["value"])) == f.value]
        if not same_value:
            problems.append(f"no fact of value {want['value']} in {[_view(f) for f in facts]}")
            continue
        diffs = min((_differences(want, f) for f in same_value), key=len)
        if diffs:
            problems.append(f"value {want['value']}: " + "; ".join(diffs))
    assert not problems, "\n".join(problems)


def _load(path: Path) -> list[Any]:
    params = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        marks = []
        if case.get("xfail"):
            marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


CASE_PARAMS = [p for lang in LANGUAGES for p in _load(CASES / f"{lang}.jsonl")]


# -- case tables (real extractors) --------------------------------------------------


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_facts_case_table(case: dict[str, Any]) -> None:
    reference = date.fromisoformat(case["reference_date"]) if case.get("reference_date") else None
    facts = _real_facts(case["text"], case["lang"], reference)
    _assert_facts(case["facts"], facts)
    # "not_facts": amounts of a market, a state or a fund, which are no company's facts
    for value in case.get("not_facts", []):
        assert all(f.value != Decimal(str(value)) for f in facts), f"{value} is not a fact"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_facts_case_tables_are_complete(lang: str) -> None:
    cases = [json.loads(x) for x in (CASES / f"{lang}.jsonl").read_text("utf-8").splitlines() if x]
    assert len(cases) >= 15
    assert len({c["id"] for c in cases}) == len(cases)
    for case in cases:
        # a case states facts, or amounts that are none ("not_facts")
        assert case["lang"] == lang and (case["facts"] or case.get("not_facts"))
        assert all(f["metric"] in METRICS for f in case["facts"])


# -- rule tables (hand-made mentions) -----------------------------------------------

# Each rule: text, the mentions by their text (money: [text, value, currency, qualifier,
# per]; dates: [text, start, end]; durations: [text, months]; orgs / persons: [text,
# canonical]) and the expected fact of the first money mention (or of `amount`).
RULES: list[dict[str, Any]] = [
    {
        "id": "cue-after-amount",
        "lang": "en",
        "text": "Acme Robotics booked $11 million in revenue in 2024.",
        "money": [["$11 million", 11000000, "USD", None, None]],
        "dates": [["2024", "2024-01-01", "2024-12-31"]],
        "orgs": [["Acme Robotics", "Acme Robotics"]],
        "expect": {
            "entity": "Acme Robotics",
            "metric": "revenue",
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
            "status": "reported",
        },
    },
    {
        "id": "loss-keeps-qualifier",
        "lang": "en",
        "text": "Birchwood Ltd posted a net loss of more than $5 million.",
        "money": [["more than $5 million", 5000000, "USD", "more_than", None]],
        "orgs": [["Birchwood Ltd", "Birchwood"]],
        "expect": {
            "entity": "Birchwood",
            "metric": "net_income",
            "value": -5000000,
            # the bound is on the size of the loss ("a loss of up to £3m" is max)
            "qualifier": "more_than",
        },
    },
    {
        "id": "nearest-cue-not-across-amount",
        "lang": "en",
        "text": "Corvid Inc had revenue of $8 million and net income of $2 million.",
        "money": [
            ["$8 million", 8000000, "USD", None, None],
            ["$2 million", 2000000, "USD", None, None],
        ],
        "orgs": [["Corvid Inc", "Corvid"]],
        "amount": 1,
        "expect": {"entity": "Corvid", "metric": "net_income", "value": 2000000},
    },
    {
        "id": "counterparty-list",
        "lang": "en",
        "text": "Delta Motors raised $30 million from Orion Capital, Vega Partners and others.",
        "money": [["$30 million", 30000000, "USD", None, None]],
        "orgs": [
            ["Delta Motors", "Delta Motors"],
            ["Orion Capital", "Orion Capital"],
            ["Vega Partners", "Vega Partners"],
        ],
        "expect": {
            "entity": "Delta Motors",
            "metric": "funding_raised",
            "counterparties": ["Orion Capital", "Vega Partners"],
        },
    },
    {
        "id": "counterparty-is-not-the-company",
        "lang": "fr",
        "text": "Le groupe Ember a obtenu 12 millions d'euros auprès de Nova Invest.",
        "money": [["12 millions d'euros", 12000000, "EUR", None, None]],
        "orgs": [["Ember", "Ember"], ["Nova Invest", "Nova Invest"]],
        "expect": {
            "entity": "Ember",
            "metric": "funding_raised",
            "counterparties": ["Nova Invest"],
        },
    },
    {
        "id": "generic-reference-main-company",
        "lang": "de",
        "text": "Falke Systems wächst. Das Unternehmen meldete einen Umsatz von 9 Millionen Euro.",
        "money": [["9 Millionen Euro", 9000000, "EUR", None, None]],
        "orgs": [["Falke Systems", "Falke Systems"]],
        "expect": {"entity": "Falke Systems", "metric": "revenue"},
    },
    {
        "id": "person-subject-main-company",
        "lang": "es",
        "text": "Grupo Halcón sufre. Su presidenta Ana Ruiz esperaba recaudar "
        "40 millones de euros.",
        "money": [["40 millones de euros", 40000000, "EUR", None, None]],
        "orgs": [["Grupo Halcón", "Grupo Halcón"]],
        "persons": [["Ana Ruiz", "Ana Ruiz"]],
        "expect": {"entity": "Grupo Halcón", "metric": "funding_target"},
    },
    {
        "id": "metric-word-tagged-org-ignored",
        "lang": "de",
        "text": "Gamma Werke steigerte den Umsatz auf 7 Millionen Euro.",
        "money": [["7 Millionen Euro", 7000000, "EUR", None, None]],
        "orgs": [["Gamma Werke", "Gamma Werke"], ["Umsatz", "Umsatz"]],
        "expect": {"entity": "Gamma Werke", "metric": "revenue"},
    },
    {
        "id": "lookback-gets-period-end",
        "lang": "en",
        "text": "In May 2023, Helix Corp had $3 million left after spending $40 million a year "
        "on servers.",
        "money": [
            ["$3 million", 3000000, "USD", None, None],
            ["$40 million a year", 40000000, "USD", None, "year"],
        ],
        "dates": [["May 2023", "2023-05-01", "2023-05-31"]],
        "orgs": [["Helix Corp", "Helix"]],
        "amount": 1,
        "expect": {
            "entity": "Helix",
            "metric": "infrastructure_spend",
            "period_start": None,
            "period_end": "2023-05-31",
            "per": "year",
        },
    },
    {
        "id": "clause-inherits-period-and-forecast",
        "lang": "it",
        "text": "Iris Spa dovrebbe fatturare 6 milioni di euro nel 2025, mentre le spese operative "
        "superano 9 milioni di euro.",
        "money": [
            ["6 milioni di euro", 6000000, "EUR", None, None],
            ["superano 9 milioni di euro", 9000000, "EUR", "more_than", None],
        ],
        "dates": [["2025", "2025-01-01", "2025-12-31"]],
        "orgs": [["Iris Spa", "Iris"]],
        "amount": 1,
        "expect": {
            "entity": "Iris",
            "metric": "operating_expenses",
            "qualifier": "more_than",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "status": "forecast",
        },
    },
    {
        "id": "duration-no-period",
        "lang": "pt",
        "text": "Um projeto da Jaguar Tech custou 2 milhões de euros em seis meses de 2022.",
        "money": [["2 milhões de euros", 2000000, "EUR", None, None]],
        "durations": [["seis meses", 6]],
        "orgs": [["Jaguar Tech", "Jaguar Tech"]],
        "expect": {
            "entity": "Jaguar Tech",
            "metric": "project_spend",
            "duration_months": 6,
            "period_start": None,
        },
    },
    {
        "id": "dates-joined-by-conjunction",
        "lang": "nl",
        "text": "Kiwi Logistics had 5 miljoen euro aan onbetaalde rekeningen "
        "voor mei en juni 2023.",
        "money": [["5 miljoen euro", 5000000, "EUR", None, None]],
        "dates": [["mei", "2023-05-01", "2023-05-31"], ["juni 2023", "2023-06-01", "2023-06-30"]],
        "orgs": [["Kiwi Logistics", "Kiwi Logistics"]],
        "expect": {
            "metric": "unpaid_bills",
            "period_start": "2023-05-01",
            "period_end": "2023-06-30",
        },
    },
    {
        "id": "no-cue-is-other",
        "lang": "fr",
        "text": "Lumo cède son usine de Dole pour 300 millions d'euros.",
        "money": [["300 millions d'euros", 300000000, "EUR", None, None]],
        "orgs": [["Lumo", "Lumo"]],
        "expect": {"entity": "Lumo", "metric": "other", "status": "reported"},
    },
    {
        "id": "target-status",
        "lang": "en",
        "text": "Mako Foods set a revenue target of $20 million for 2026.",
        "money": [["$20 million", 20000000, "USD", None, None]],
        "dates": [["2026", "2026-01-01", "2026-12-31"]],
        "orgs": [["Mako Foods", "Mako Foods"]],
        "expect": {"metric": "revenue", "status": "target"},
    },
    {
        "id": "invested-in-names-the-company",
        "lang": "en",
        "text": "Orion Capital invested $10 million in Vega Robotics last week.",
        "money": [["$10 million", 10000000, "USD", None, None]],
        "orgs": [["Orion Capital", "Orion Capital"], ["Vega Robotics", "Vega Robotics"]],
        "expect": {
            "entity": "Vega Robotics",
            "metric": "funding_raised",
            "counterparties": ["Orion Capital"],
        },
    },
    {
        "id": "cue-after-amount-across-a-verb-loses",
        "lang": "fr",
        "text": "Son endettement net atteignait 380 millions d'euros et sa trésorerie "
        "210 millions d'euros.",
        "money": [
            ["380 millions d'euros", 380000000, "EUR", None, None],
            ["210 millions d'euros", 210000000, "EUR", None, None],
        ],
        "orgs": [],
        "expect": {"metric": "debt"},
    },
    {
        "id": "adverb-is-not-a-clause-break",
        "lang": "de",
        "text": "Der Reingewinn von Medi AG halbierte sich jedoch auf 11,8 Millionen Franken.",
        "money": [["11,8 Millionen Franken", 11800000, "CHF", None, None]],
        "orgs": [["Medi AG", "Medi"]],
        "expect": {"entity": "Medi", "metric": "net_income"},
    },
    {
        "id": "year-ends-a-sentence",
        "lang": "de",
        "text": "Die Erlöse von Volt AG stiegen 2024 auf 410 Millionen Euro, nach 340 Mio. Euro "
        "im Jahr 2023. Die Aufwendungen wuchsen auf 460 Millionen Euro.",
        "money": [
            ["410 Millionen Euro", 410000000, "EUR", None, None],
            ["340 Mio. Euro", 340000000, "EUR", None, None],
            ["460 Millionen Euro", 460000000, "EUR", None, None],
        ],
        "dates": [["2024", "2024-01-01", "2024-12-31"], ["2023", "2023-01-01", "2023-12-31"]],
        "orgs": [["Volt AG", "Volt"]],
        "amount": 1,
        "expect": {"metric": "revenue", "period_start": "2023-01-01"},
    },
    {
        "id": "result-inherits-paragraph-year",
        "lang": "it",
        "text": "Nel 2024 Orsa Spa ha registrato ricavi per 90 milioni di euro. "
        "L'utile netto è salito a 12 milioni di euro.",
        "money": [
            ["90 milioni di euro", 90000000, "EUR", None, None],
            ["12 milioni di euro", 12000000, "EUR", None, None],
        ],
        "dates": [["2024", "2024-01-01", "2024-12-31"]],
        "orgs": [["Orsa Spa", "Orsa"]],
        "amount": 1,
        "expect": {
            "entity": "Orsa",
            "metric": "net_income",
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
        },
    },
    {
        "id": "market-sales-are-not-group-revenue",
        "lang": "fr",
        "text": "Les ventes de Casa Nova en France ont atteint 310 millions d'euros en 2024.",
        "money": [["310 millions d'euros", 310000000, "EUR", None, None]],
        "dates": [["2024", "2024-01-01", "2024-12-31"]],
        "orgs": [["Casa Nova", "Casa Nova"]],
        "places": [["France", "France"]],
        "expect": {"entity": "Casa Nova", "metric": "other"},
    },
    {
        "id": "generic-reference-after-investor",
        "lang": "es",
        "text": "Pagora crece. La ronda, liderada por Brisa Capital, valora la compañía en "
        "500 millones de euros.",
        "money": [["500 millones de euros", 500000000, "EUR", None, None]],
        "orgs": [["Pagora", "Pagora"], ["Brisa Capital", "Brisa Capital"]],
        "expect": {"entity": "Pagora", "metric": "valuation"},
    },
    {
        "id": "investor-in-a-round-is-a-counterparty",
        "lang": "en",
        "text": "Pagora closed its round. Brisa Capital had invested €15 million in the "
        "previous round.",
        "money": [["€15 million", 15000000, "EUR", None, None]],
        "orgs": [["Pagora", "Pagora"], ["Brisa Capital", "Brisa Capital"]],
        "expect": {
            "entity": "Pagora",
            "metric": "funding_raised",
            "counterparties": ["Brisa Capital"],
        },
    },
    {
        "id": "no-company-at-all",
        "lang": "en",
        "text": "The stadium cost $40 million.",
        "money": [["$40 million", 40000000, "USD", None, None]],
        "expect": {"entity": None},
    },
]


def _spans(text: str, needle: str, taken: set[int]) -> tuple[int, int]:
    for m in re.finditer(re.escape(needle), text):
        if m.start() not in taken:
            taken.add(m.start())
            return m.start(), m.end()
    raise AssertionError(f"{needle!r} not in {text!r}")


def _mentions(rule: dict[str, Any]) -> dict[str, Any]:
    text: str = rule["text"]
    taken: set[int] = set()
    money = []
    for raw, value, currency, qualifier, per in rule.get("money", []):
        s, e = _spans(text, raw, taken)
        money.append(MoneyMention(s, e, raw, Decimal(value), currency, qualifier, per=per))
    dates = []
    for raw, start, end in rule.get("dates", []):
        s, e = _spans(text, raw, taken)
        dates.append(
            DateMention(s, e, raw, date.fromisoformat(start), date.fromisoformat(end), "month")
        )
    durations = []
    for raw, months in rule.get("durations", []):
        s, e = _spans(text, raw, taken)
        durations.append(DurationMention(s, e, raw, Decimal(months), "month"))
    entities = []
    labels: tuple[tuple[Label, str], ...] = (("ORG", "orgs"), ("PER", "persons"), ("LOC", "places"))
    for label, key in labels:
        for raw, canonical in rule.get(key, []):
            for m in re.finditer(re.escape(raw), text):
                entities.append(EntityMention(m.start(), m.end(), raw, label, canonical))
    return {"money": money, "dates": dates, "durations": durations, "entities": entities}


@pytest.mark.parametrize("rule", RULES, ids=[r["id"] for r in RULES])
def test_facts_attribution_rule(rule: dict[str, Any]) -> None:
    mentions = _mentions(rule)
    facts = extract_facts(rule["text"], rule["lang"], **mentions)
    assert len(facts) == len(mentions["money"])
    amount = mentions["money"][rule.get("amount", 0)]
    fact = next(f for f in facts if f.start == amount.start)
    diffs = _differences(rule["expect"], fact)
    assert not diffs, diffs


# -- the acceptance article ---------------------------------------------------------


def _seed() -> tuple[str, dict[str, Any]]:
    text = SEED_TEXT.read_text(encoding="utf-8")
    return text, json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))


def _seed_hand_mentions(text: str, expected: dict[str, Any]) -> dict[str, Any]:
    """Mentions built from the expected file, each placed at its occurrence in the text."""

    def place(raw: str, occurrence: int = 1) -> int:
        pos = -1
        for _ in range(occurrence):
            pos = text.index(raw, pos + 1)
        return pos

    money = []
    for m in expected["money"]:
        s = place(m["text"], m.get("occurrence", 1))
        money.append(
            MoneyMention(
                s,
                s + len(m["text"]),
                m["text"],
                Decimal(str(m["value"])),
                m["currency"],
                m["qualifier"],
                per=m["per"],
            )
        )
    dates = []
    for d in expected["dates"]:
        s = place(d["text"])
        dates.append(
            DateMention(
                s,
                s + len(d["text"]),
                d["text"],
                date.fromisoformat(d["start"]),
                date.fromisoformat(d["end"]),
                d["grain"],
            )
        )
    durations = []
    for d in expected["durations"]:
        s = place(d["text"])
        durations.append(
            DurationMention(s, s + len(d["text"]), d["text"], Decimal(str(d["months"])), "month")
        )
    entities: list[EntityMention] = []
    for e in expected["entities"]:
        for raw in e["mentions"]:
            for m in re.finditer(re.escape(raw), text):
                if not any(x.start <= m.start() < x.end for x in entities):
                    entities.append(EntityMention(m.start(), m.end(), raw, e["label"], e["text"]))
    return {"money": money, "dates": dates, "durations": durations, "entities": entities}


def _seed_expected_facts(expected: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for metric in expected["metrics"]:
        want = {k: metric[k] for k in CHECKED if k in metric}
        want.setdefault("counterparties", [])
        want.setdefault("duration_months", None)
        out.append(want)
    return out


SEED_METRICS = _seed_expected_facts(_seed()[1])


@pytest.mark.parametrize("want", SEED_METRICS, ids=[m["metric"] for m in SEED_METRICS])
def test_facts_seed_with_hand_mentions(want: dict[str, Any]) -> None:
    text, expected = _seed()
    facts = extract_facts(
        text, "fr", **_seed_hand_mentions(text, expected), reference_date=SEED_REFERENCE
    )
    assert len(facts) == len(expected["metrics"])
    _assert_facts([want], facts)


def test_facts_seed_acceptance() -> None:
    """The acceptance test: exactly the seed's facts through the real extractors."""
    text, expected = _seed()
    facts = _real_facts(text, "fr", SEED_REFERENCE)
    assert len(facts) == len(expected["metrics"]), [_view(f) for f in facts]
    _assert_facts(_seed_expected_facts(expected), facts)


# -- lexicons and properties --------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_facts_lexicon_is_well_formed(lang: str) -> None:
    data = lexicon.load("facts", lang)
    reference = lexicon.load("facts", "fr")
    assert set(data) == set(reference)
    assert set(data["metric_cues"]) <= set(METRICS)
    assert set(data["loss_cues"]) <= {"net_income", "operating_income", "other"}
    assert set(data["spend_kinds"]) <= set(METRICS)
    assert set(data["per_cues"]) <= {"year", "quarter", "month", "week", "day"}
    for key, value in data.items():
        if isinstance(value, list):
            assert all(isinstance(c, str) and c.strip("*") for c in value), key


@pytest.mark.parametrize(
    ("lang", "text", "clauses"),
    [
        ("fr", "Elle a levé 5 millions, alors que ses pertes dépassent 2 millions.", 2),
        ("en", "Sales rose, but costs rose faster; margins fell.", 3),
        ("de", "Der Umsatz stieg, während der Gewinn sank.", 2),
        ("nl", "De omzet steeg terwijl de winst daalde.", 2),
    ],
)
def test_facts_split_clauses(lang: str, text: str, clauses: int) -> None:
    spans = split_clauses(text, lang, 0, len(text))
    assert len(spans) == clauses
    assert "".join(text[s:e] for s, e in spans) == text


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(min_size=1, max_size=120),
    lang=st.sampled_from(LANGUAGES),
    cuts=st.lists(st.tuples(st.integers(0, 119), st.integers(1, 12)), max_size=4),
    orgs=st.lists(st.tuples(st.integers(0, 119), st.integers(1, 12)), max_size=3),
)
def test_facts_never_raises_and_offsets_index_text(
    text: str, lang: str, cuts: list[tuple[int, int]], orgs: list[tuple[int, int]]
) -> None:
    money = [
        MoneyMention(s, min(s + n, len(text)), text[s : s + n], Decimal(n), "EUR")
        for s, n in cuts
        if s < len(text)
    ]
    entities = [
        EntityMention(s, min(s + n, len(text)), text[s : s + n], "ORG", text[s : s + n] or "x")
        for s, n in orgs
        if s < len(text)
    ]
    facts = extract_facts(text, lang, money=money, dates=[], durations=[], entities=entities)
    assert len(facts) <= len(money)
    for fact in facts:
        assert text[fact.evidence_start : fact.evidence_end] == fact.evidence
        assert any((m.start, m.end) == (fact.start, fact.end) for m in money)
        assert fact.metric in METRICS


@pytest.mark.parametrize(
    ("lang", "text", "in_title"),
    [
        # the headline figure is told again in the body: one fact, the body's
        ("en", "Carrow Home raises £12m\nCarrow Home raised £12 million from investors.", False),
        ("fr", "Belmar lève 8 M€\nLa société Belmar SA a levé 8 millions d'euros.", False),
        # the headline rounds the body's figure: still one fact, the body's
        ("it", "Lanificio Valsesia, perdita di 6 milioni\nIl Lanificio Valsesia ha chiuso il 2024 "
         "con una perdita netta di 6,2 milioni di euro.", False),
        ("nl", "Tentoria verliest 6 miljoen\nTentoria leed in 2024 een nettoverlies van 6,2 "
         "miljoen euro.", False),
        ("es", "Hoteles Albatros gana 1.200 millones\nHoteles Albatros ganó 1.180 millones de "
         "euros en 2024.", False),
        ("de", "Kranz Möbelwerke verdient 6 Millionen\nDie Kranz Möbelwerke GmbH verdiente 2024 "
         "netto 6,2 Millionen Euro.", False),
        ("fr", "Meubles Durand perd 6 millions\nMeubles Durand a perdu 6,2 millions d'euros en "
         "2024.", False),
        ("pt", "Móveis Tavares perde 6 milhões\nA Móveis Tavares perdeu 6,2 milhões de euros em "
         "2024.", False),
        ("en", "Harlow Furniture loses £6m\nHarlow Furniture lost £6.2m in 2024.", False),
        # a figure only in the headline is still a fact
        ("en", "Carrow Home raises £12m\nThe retailer did not comment on the round.", True),
    ],
)
def test_facts_title_figure_told_again_is_one_fact(lang: str, text: str, in_title: bool) -> None:
    facts = _real_facts(text, lang, date(2025, 6, 1))
    assert len(facts) == 1
    assert (facts[0].start < text.index("\n")) == in_title
