"""Tests of pipeline.entities and pipeline.aliases: data-driven cases per language,
the seed acceptance article, identity keys, alias linking, and text properties."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import lexicon
from pipeline.aliases import Surface, canonical_key, entity_id, link
from pipeline.entities import (
    _acronym_fits,
    _nominative,
    _occurrences,
    extract_entities,
    extract_roles,
    main_organisation,
)
from pipeline.types import LANGUAGES

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases" / "entities"
# The acceptance article, as the project keeps it (a copy of shared/seed).
SEED_DIR = HERE.parent / "corpus" / "fr"
SEED_TEXT = SEED_DIR / "stability_ai_fr.txt"
SEED_EXPECTED = SEED_DIR / "stability_ai_fr.expected.json"


def _load_cases() -> list[Any]:
    params = []
    for lang in LANGUAGES:
        path = CASES / f"{lang}.jsonl"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            case = json.loads(line)
            case["lang"] = lang
            marks = []
            if case.get("xfail"):
                marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
            params.append(pytest.param(case, id=f"{lang}:{number}:{case['id']}", marks=marks))
    return params


ALL_CASES = _load_cases()


@pytest.mark.parametrize("case", ALL_CASES)
def test_entities_case_mentions(case: dict[str, Any]) -> None:
    text, lang = case["text"], case["lang"]
    mentions = extract_entities(text, lang)
    found = {(m.text, m.label, m.canonical) for m in mentions}
    expected = {tuple(e) for e in case["entities"]}
    assert found == expected


@pytest.mark.parametrize("case", [c for c in ALL_CASES if "roles" in c.values[0]])
def test_entities_case_roles(case: dict[str, Any]) -> None:
    text, lang = case["text"], case["lang"]
    mentions = extract_entities(text, lang)
    roles = extract_roles(text, lang, mentions)
    found = {(r.person, r.role, r.organisation, r.former) for r in roles}
    assert found == {tuple(r) for r in case["roles"]}
    for r in roles:
        assert text[r.start:r.end] == r.text


def test_entities_cases_cover_every_language() -> None:
    langs = {c.values[0]["lang"] for c in ALL_CASES}
    assert langs == set(LANGUAGES)


# --- the seed article (acceptance) -------------------------------------------


@pytest.fixture(scope="module")
def seed() -> tuple[str, list[Any]]:
    from pipeline.nlp import get_nlp

    text = SEED_TEXT.read_text(encoding="utf-8")
    return text, extract_entities(text, "fr", get_nlp("fr")(text))


def _seed_gold() -> list[tuple[str, str, str]]:
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    rows = []
    for ent in expected["entities"]:
        for surface in ent["mentions"]:
            rows.append((surface, ent["label"], ent["text"]))
    rows += [(p, "MISC", p) for p in expected.get("products", [])]
    return rows


@pytest.mark.parametrize("surface,label,canonical", _seed_gold())
def test_entities_seed_mention(seed: tuple[str, list[Any]], surface: str, label: str,
                               canonical: str) -> None:
    _, mentions = seed
    hits = [m for m in mentions if m.text == surface]
    assert hits, f"{surface!r} not found"
    assert all(m.label == label and m.canonical == canonical for m in hits)


def test_entities_seed_no_spurious_mention(seed: tuple[str, list[Any]]) -> None:
    _, mentions = seed
    allowed = {s for s, _, _ in _seed_gold()}
    assert {m.text for m in mentions} <= allowed


def test_entities_seed_role(seed: tuple[str, list[Any]]) -> None:
    text, mentions = seed
    roles = extract_roles(text, "fr", mentions)
    assert [(r.person, r.role, r.organisation, r.former) for r in roles] == [
        ("Emad Mostaque", "CEO", "Stability AI", True)
    ]


# --- identity keys and linking -----------------------------------------------


@pytest.mark.parametrize(
    "a,b",
    [
        ("Acme SA", "ACME"),
        ("Acmé S.A.", "acme"),
        ("Volkswagen AG", "Volkswagen"),
        ("Siemens Energy GmbH", "Siemens Energy"),
        ("Intesa Sanpaolo S.p.A.", "Intesa Sanpaolo"),
        ("Philips N.V.", "PHILIPS"),
        ("Heijmans B.V.", "Heijmans"),
        ("Corvane Inc.", "Corvane"),
        ("Brindle Ltd", "Brindle"),
        ("Pagaluz, S.L.", "Pagaluz"),
    ],
)
def test_entities_canonical_key_shared(a: str, b: str) -> None:
    assert canonical_key(a) == canonical_key(b)


@pytest.mark.parametrize(
    "a,b",
    [("Google", "Google Cloud"), ("Deutsche Bank", "Deutsche Bahn"), ("SA", "AG")],
)
def test_entities_canonical_key_distinct(a: str, b: str) -> None:
    assert canonical_key(a) != canonical_key(b)


def test_entities_entity_id_stable_and_label_sensitive() -> None:
    assert entity_id("ORG", "Acme SA") == entity_id("ORG", "ACME")
    assert entity_id("ORG", "Acme") != entity_id("PER", "Acme")
    assert len(entity_id("ORG", "Acme")) == 16


@pytest.mark.parametrize(
    "forms,merged,apart",
    [
        ([("Stability AI", "ORG", 3), ("Stabilité AI", "ORG", 1)],
         [("Stabilité AI", "Stability AI")], []),
        ([("Emad Mostaque", "PER", 1), ("Mostak", "PER", 1)], [("Mostak", "Emad Mostaque")], []),
        ([("Amazon Web Services", "ORG", 1), ("AWS", "ORG", 2)],
         [("AWS", "Amazon Web Services")], []),
        ([("Acme SA", "ORG", 1), ("Acme", "ORG", 2)], [("Acme SA", "Acme")], []),
        ([("Google", "ORG", 2), ("Google Cloud", "ORG", 1)], [], [("Google", "Google Cloud")]),
        ([("Deutsche Bank", "ORG", 1), ("Deutsche Bahn", "ORG", 1)], [],
         [("Deutsche Bank", "Deutsche Bahn")]),
        ([("Anna Keller", "PER", 1), ("Tom Keller", "PER", 1), ("Keller", "PER", 1)], [],
         [("Anna Keller", "Tom Keller"), ("Keller", "Anna Keller")]),
        ([("Royaume-Uni", "LOC", 1), ("Royaume", "ORG", 1)], [], [("Royaume-Uni", "Royaume")]),
        # an acronym of the leading words, then the same name
        ([("Unión Deportiva Marisma", "ORG", 1), ("UD Marisma", "ORG", 2)],
         [("UD Marisma", "Unión Deportiva Marisma")], []),
        ([("Unión Deportiva Marisma", "ORG", 1), ("UD Salinas", "ORG", 1)], [],
         [("UD Salinas", "Unión Deportiva Marisma")]),
        # a first name alone is the one person of that first name
        ([("Hélène Garnier", "PER", 1), ("Hélène", "PER", 1)], [("Hélène", "Hélène Garnier")], []),
        ([("Marc Dubois", "PER", 1), ("Marc Lefort", "PER", 1), ("Marc", "PER", 1)], [],
         [("Marc", "Marc Dubois"), ("Marc", "Marc Lefort")]),
    ],
)
def test_entities_alias_link(forms: list[tuple[str, str, int]], merged: list[tuple[str, str]],
                             apart: list[tuple[str, str]]) -> None:
    surfaces = [Surface(t, lab, n, i) for i, (t, lab, n) in enumerate(forms)]
    canonical = link(surfaces)
    for form, name in merged:
        assert canonical[form] == name
        assert canonical[name] == name
    for a, b in apart:
        assert canonical[a] != canonical[b]


@pytest.mark.parametrize(
    "forms,pairs,merged",
    [
        # an acronym the text introduced in brackets, even where the initials differ
        ([("Hanseatische Verkehrsgesellschaft", "ORG", 1), ("HVG", "ORG", 2)],
         [("Hanseatische Verkehrsgesellschaft", "HVG")],
         [("HVG", "Hanseatische Verkehrsgesellschaft")]),
        # a short name that is also a place, tied by the text to the full name
        ([("Rivas Supermercados", "ORG", 1), ("Rivas", "LOC", 2)],
         [("Rivas", "Rivas Supermercados")], [("Rivas", "Rivas Supermercados")]),
        # a pair naming a form that is not in the article changes nothing
        ([("Orvana Telecom", "ORG", 1)], [("Orvana", "Orvana Telecom")], []),
    ],
)
def test_entities_alias_link_pairs(forms: list[tuple[str, str, int]],
                                   pairs: list[tuple[str, str]],
                                   merged: list[tuple[str, str]]) -> None:
    surfaces = [Surface(t, lab, n, i) for i, (t, lab, n) in enumerate(forms)]
    canonical = link(surfaces, pairs=pairs)
    assert set(canonical) == {t for t, _, _ in forms}
    for form, name in merged:
        assert canonical[form] == canonical[name] == name


@pytest.mark.parametrize(
    "letters,words,fits",
    [
        ("CIS", ["Compañía", "Ibérica", "de", "Seguros"], True),
        ("HVG", ["Hanseatische", "Verkehrsgesellschaft"], True),
        ("LBBW", ["Landesbank", "Baden", "Württemberg"], True),
        ("BDE", ["Banco", "de", "España"], True),
        ("NSM", ["Nederlandse", "Spoorwegmaatschappij"], True),
        ("CMA", ["Competition", "and", "Markets", "Authority"], True),
        ("NSC", ["Shipping", "Company"], False),
        ("XYZ", ["Compañía", "Ibérica"], False),
        ("AB", ["Alpha", "Beta", "Gamma"], False),
    ],
)
def test_entities_acronym_fits(letters: str, words: list[str], fits: bool) -> None:
    connectors = frozenset({"de", "and", "of", "del"})
    assert _acronym_fits(letters, words, connectors) is fits


@pytest.mark.parametrize(
    "lang,text,main",
    [
        # the dateline agency and the credit line never count
        ("it", "MILANO (ANSA) - Orvana Telecom ha perso clienti. Orvana taglia i costi, "
               "secondo ANSA e Mediobanca.\nFoto: Anna Neri/ANSA", "Orvana Telecom"),
        # short names and the acronym count for the full name
        ("es", "La Compañía Ibérica de Seguros (CIS) ganó más. Según la CIS, Banco Tormes y "
               "Banco Tormes compiten. La CIS crece.", "Compañía Ibérica de Seguros"),
        # a mention in the title counts twice: ties go to the title's company
        ("en", "Kestrel Foods Cuts Forecast\nKestrel Foods said Brindle Ltd and Brindle Ltd "
               "were rivals.", "Kestrel Foods"),
        ("fr", "Les ventes ont progressé de 4 % en mars.", None),
    ],
)
def test_entities_main_organisation(lang: str, text: str, main: str | None) -> None:
    assert main_organisation(text, lang, extract_entities(text, lang)) == main


# --- data files ----------------------------------------------------------------

REQUIRED_KEYS = ("titles", "roles", "former", "company_cues", "product_cues", "connectors",
                 "stop", "months", "days")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_entities_data_file_complete(lang: str) -> None:
    data = lexicon.load("entities", lang)
    for key in REQUIRED_KEYS:
        assert data.get(key), f"{lang}.json lacks {key}"


PLACE_KEYS = ("place_prepositions", "place_blockers", "unit_nouns", "family_nouns",
              "sector_nouns", "initial_particles", "conjunction_tails")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_entities_data_file_place_and_name_keys(lang: str) -> None:
    data = lexicon.load("entities", lang)
    for key in PLACE_KEYS:
        assert isinstance(data.get(key), list), f"{lang}.json lacks {key}"
    # a preposition of place never blocks itself
    assert not {w.casefold() for w in data["place_prepositions"]} & {
        w.casefold() for w in data["place_blockers"]
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_entities_countries_from_babel_are_places(lang: str) -> None:
    from babel import Locale

    names = Locale.parse(lang).territories
    for code in ("FR", "DE", "ES", "IT", "PT", "NL", "GB", "US", "CN", "JP"):
        name = names[code]
        text = f"Acme vend ses produits: {name}."
        found = [m for m in extract_entities(text, lang) if m.text == name]
        assert found and found[0].label == "LOC", (lang, name)


# --- properties of arbitrary text ------------------------------------------------

_ALPHABET = st.sampled_from(
    [*"abcdeéèàüöñçAÉBCDÜÖXYZ  .,;:'’-&/()\n0123456789$€", "M. ", "Dr ", "de ", "von "]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.lists(_ALPHABET, max_size=80).map("".join), lang=st.sampled_from(LANGUAGES))
def test_entities_property_offsets_index_text(text: str, lang: str) -> None:
    mentions = extract_entities(text, lang)
    assert mentions == sorted(mentions, key=lambda m: m.start)
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.label in ("ORG", "PER", "LOC", "MISC")
        assert m.canonical
    roles = extract_roles(text, lang, mentions)
    for r in roles:
        assert text[r.start:r.end] == r.text


@settings(max_examples=40, deadline=None)
@given(words=st.lists(st.sampled_from(["Acme", "Jean", "Dupont", "SA", "Paris", "de", "la",
                                       "Bank", "AI", "Mr.", "CEO", "Ltd", "&", "van", "der"]),
                      max_size=12), lang=st.sampled_from(LANGUAGES))
def test_entities_property_name_like_text(words: list[str], lang: str) -> None:
    text = " ".join(words)
    mentions = extract_entities(text, lang)
    for m in mentions:
        assert text[m.start:m.end] == m.text
    by_text: dict[str, set[str]] = {}
    for m in mentions:
        by_text.setdefault(m.text, set()).add(m.canonical)
    assert all(len(c) == 1 for c in by_text.values())


def test_entities_common_words_cache_is_identical(tmp_path: Path, monkeypatch: Any) -> None:
    """The compact word cache gives the very lists read from spaCy's lemma tables."""
    from pipeline import entities

    monkeypatch.setenv("NEWSMETRICS_CACHE", str(tmp_path))
    entities._table_words.cache_clear()
    try:
        from_tables = entities._table_words("en")
        assert list(tmp_path.glob("words-en-*.txt"))
        entities._table_words.cache_clear()
        from_cache = entities._table_words("en")
    finally:
        entities._table_words.cache_clear()
    assert from_cache == from_tables
    assert "revenue" in from_tables[0]


_NEEDLE_TEXT = st.lists(st.sampled_from([*"ab-'’_. é", "ab", "a.b", "'s"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(text=_NEEDLE_TEXT.map("".join), needle=st.sampled_from(["ab", "a.b", "b a", "é", "a-b"]))
def test_entities_property_occurrences_match_word_regex(text: str, needle: str) -> None:
    import re

    pattern = re.compile(rf"(?<![\w-]){re.escape(needle)}(?![\w-]|['’]\w\w)")
    assert list(_occurrences(text, needle)) == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("name,expected", [
    ("Deutschen Bank", "Deutsche Bank"),
    ("Mitteldeutschen Kreditbank", "Mitteldeutsche Kreditbank"),
    ("Europäischen Zentralbank", "Europäische Zentralbank"),
    ("Frankfurter Allgemeinen Zeitung", "Frankfurter Allgemeine Zeitung"),
    ("Brenner Antriebe", "Brenner Antriebe"),
    ("Deutschen", "Deutschen"),
])
def test_entities_nominative_of_inflected_name(name: str, expected: str) -> None:
    assert _nominative(name) == expected
