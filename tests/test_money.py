"""Money extraction: case tables per language, the seed article, parsers, properties.

Cases live in tests/cases/money/<lang>.jsonl, one object a line:
{"id", "origin": "news" | "bug" | "not_money", "text", "expected": [{"text", "value",
"currency", "qualifier", "per", "min"?, "max"?, "negative"?}], "xfail"?: reason}.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import pycountry
import pytest
from conftest import CORPUS, read_cases
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import lexicon, money
from pipeline.money import extract_money
from pipeline.numbers import find_word_numbers, parse_number, words_to_number
from pipeline.types import LANGUAGES, MoneyMention, Per, Qualifier

# The acceptance article; the lead copies it into corpus/ later.
SEED_DIR = Path(__file__).resolve().parent.parent / "corpus" / "fr"
SEED_TEXT = SEED_DIR / "stability_ai_fr.txt"
SEED_EXPECTED = SEED_DIR / "stability_ai_fr.expected.json"
ORIGINS = ("news", "bug", "not_money")


def _case_params() -> list[Any]:
    params = []
    for lang in LANGUAGES:
        for case in read_cases("money", lang):
            marks = []
            if case.get("xfail"):
                marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
            params.append(pytest.param(lang, case, id=case["id"], marks=marks))
    return params


def _number(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _as_expected(mention: MoneyMention, keys: set[str]) -> dict[str, Any]:
    got: dict[str, Any] = {
        "text": mention.text,
        "value": mention.value,
        "currency": mention.currency,
        "qualifier": mention.qualifier,
        "per": mention.per,
        "min": mention.min,
        "max": mention.max,
        "negative": mention.negative,
    }
    return {k: v for k, v in got.items() if k in keys}


def _normalise(item: dict[str, Any]) -> dict[str, Any]:
    out = dict(item)
    for key in ("value", "min", "max"):
        if key in out:
            out[key] = _number(out[key])
    out.setdefault("negative", False)
    out.setdefault("min", None)
    out.setdefault("max", None)
    return out


@pytest.mark.parametrize(("lang", "case"), _case_params())
def test_money_cases(lang: str, case: dict[str, Any]) -> None:
    expected = [_normalise(item) for item in case["expected"]]
    keys = {"text", "value", "currency", "qualifier", "per", "min", "max", "negative"}
    got = [_as_expected(m, keys) for m in extract_money(case["text"], lang)]
    assert got == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_money_case_tables_are_well_formed(lang: str) -> None:
    cases = read_cases("money", lang)
    assert len(cases) >= 40
    assert {c["origin"] for c in cases} <= set(ORIGINS)
    assert any(c["origin"] == "not_money" for c in cases)
    for case in cases:
        assert (case["origin"] == "not_money") == (case["expected"] == [])
        for item in case["expected"]:
            assert item["text"] in case["text"]


def test_money_seed_article_gives_exactly_the_expected_amounts() -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))["money"]
    got = extract_money(text, "fr")
    assert [m.text for m in got] == [e["text"] for e in expected]
    for mention, item in zip(got, expected, strict=True):
        assert mention.value == Decimal(str(item["value"]))
        assert mention.currency == item["currency"]
        assert mention.qualifier == item["qualifier"]
        assert mention.per == item["per"]
        assert text[mention.start : mention.end] == mention.text


# ISO 4217 codes withdrawn since the euro, still named in news archives.
HISTORIC_CURRENCIES = frozenset({"BEF", "BGN", "DEM", "ESP", "FIM", "ITL", "NLG"})


@pytest.mark.parametrize("lang", ["common", *LANGUAGES])
def test_money_lexicon_codes_and_labels_are_valid(lang: str) -> None:
    data = lexicon.load("money", lang)
    assert data, f"pipeline/data/money/{lang}.json is missing"
    aliases = data.get("iso_aliases", {})
    codes = [aliases.get(c, c) for c in data.get("iso_codes", [])]
    for key in ("currencies", "subunits", "symbols", "suffix_only"):
        codes += list(data.get(key, {}).values())
    for code in filter(None, codes):
        known = pycountry.currencies.get(alpha_3=code) is not None
        assert known or code in HISTORIC_CURRENCIES, code
    for key in ("qualifiers", "qualifiers_after"):
        assert set(data.get(key, {}).values()) <= set(get_args(Qualifier))
    for key in ("per", "per_before", "per_adjectives", "per_adjectives_after"):
        assert set(data.get(key, {}).values()) <= set(get_args(Per))
    for code in data.get("glued_subunits", {}).values():
        assert code is None or pycountry.currencies.get(alpha_3=code) is not None, code
    for key in ("scales", "scale_abbreviations", "coins", "fraction_prefixes"):
        for value in data.get(key, {}).values():
            assert Decimal(value) > 0


def _corpus_articles() -> list[Path]:
    return sorted(CORPUS.glob("*/*.expected.json"))


@pytest.mark.parametrize("expected_path", _corpus_articles(), ids=lambda p: p.name)
def test_money_corpus_articles_give_their_expected_amounts(expected_path: Path) -> None:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    text_path = expected_path.with_name(expected_path.name.replace(".expected.json", ".txt"))
    text = text_path.read_text(encoding="utf-8")
    lang = expected.get("language") or expected_path.parent.name

    def key(item: dict[str, Any]) -> tuple[Any, ...]:
        return (
            item["text"],
            _number(item["value"]),
            item.get("currency"),
            item.get("qualifier"),
            item.get("per"),
        )

    got = sorted((key(m.to_dict()) for m in extract_money(text, lang)), key=str)
    assert got == sorted((key(item) for item in expected["money"]), key=str)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("1.200,50", "de", "1200.50"),
        ("1 200,50", "fr", "1200.50"),
        ("1\u00a0200,50", "fr", "1200.50"),
        ("1\u202f200,50", "fr", "1200.50"),
        ("1,200.50", "en", "1200.50"),
        ("1'200.50", "de", "1200.50"),
        ("1’200.50", "fr", "1200.50"),
        ("2,5", "fr", "2.5"),
        ("2.5", "en", "2.5"),
        ("1,200", "en", "1200"),
        ("1,200", "fr", "1.200"),
        ("1.200", "de", "1200"),
        ("1.200", "en", "1.200"),
        ("1.200.000", "en", "1200000"),
        ("1,200,000", "fr", "1200000"),
        ("12,34,567.89", "en", "1234567.89"),
        ("-3,5", "fr", "-3.5"),
        ("48.000", "es", "48000"),
        ("0,5", "nl", "0.5"),
    ],
)
def test_numbers_parse_number_reads_locale_formats(text: str, lang: str, value: str) -> None:
    assert parse_number(text, lang) == Decimal(value)


@pytest.mark.parametrize(
    "text", ["", "abc", "1,2,3.4,5", "1 20", "12 34 567", "1.2.3", "--5", "1,,2"]
)
def test_numbers_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text, "fr") is None


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("deux millions", "fr", 2000000),
        ("un milliard et demi", "fr", 1500000000),
        ("quatre-vingt-dix", "fr", 90),
        ("zwei Milliarden", "de", 2000000000),
        ("achtundsiebzig", "de", 78),
        ("tres mil millones", "es", 3000000000),
        ("cuarenta y cinco", "es", 45),
        ("um bilhão e meio", "pt", 1500000000),
        ("quarantacinque", "it", 45),
        ("vijfenveertig", "nl", 45),
        ("forty-five", "en", 45),
        ("three thousand", "en", 3000),
    ],
)
def test_numbers_words_to_number_reads_words(text: str, lang: str, value: int) -> None:
    assert words_to_number(text, lang) == Decimal(value)


@pytest.mark.parametrize("text", ["", "bonjour", "et et", "millions de"])
def test_numbers_words_to_number_rejects_other_words(text: str) -> None:
    assert words_to_number(text, "fr") is None


def test_numbers_find_word_numbers_gives_offsets() -> None:
    text = "Il a reçu cinq millions, puis vingt-deux."
    found = find_word_numbers(text, "fr")
    assert [(text[s:e], v) for s, e, v in found] == [
        ("cinq", Decimal(5)),
        ("vingt-deux", Decimal(22)),
    ]


@pytest.mark.parametrize("lang", ["xx", "ja", "", "FR"])
def test_money_unknown_language_uses_neutral_rules(lang: str) -> None:
    got = extract_money("It cost $3.5 million and €20.", lang)
    assert [(m.text, m.value, m.currency) for m in got] == [
        ("$3.5 million", Decimal(3500000), "USD"),
        ("€20", Decimal(20), "EUR"),
    ]


def test_money_mentions_serialise_to_json_numbers() -> None:
    (mention,) = extract_money("entre 10 et 12,5 millions d'euros", "fr")
    assert mention.to_dict()["min"] == 10000000
    assert mention.to_dict()["max"] == 12500000
    assert mention.to_dict()["qualifier"] == "range"


_MONEY_TOKENS = [
    *"0123456789 ,.'-–$€£¥%/\u00a0\u202f",
    *["M€", "Md", "millions", "de", "dollars", "Mio.", "euro", "bis", "entre", "et", "US$"],
    *["environ", "par an", "cents", "k", "bn", "deux", "un", "et demi", "-"],
    *["p", "von", "auf", "from", "to", "rose", "passé", "übersteigen", "minus", "annual", "of"],
]
_MONEYISH = st.lists(st.sampled_from(_MONEY_TOKENS), max_size=25).map("".join)


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(st.text(max_size=80), _MONEYISH), lang=st.sampled_from(LANGUAGES))
def test_money_never_raises_and_offsets_index_the_text(text: str, lang: str) -> None:
    mentions = extract_money(text, lang)
    last_end = 0
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= last_end
        assert mention.value >= 0
        last_end = mention.end


_BEFORE_TOKENS = [
    *_MONEY_TOKENS, "\n", "\t", "\u2009", "−", ":", "(", "CHF", "EUR", "MEUR", "usd", "R$",
    "US $", "Dollar", "livres sterling", "dollars américains", "francs suisses", "Fr.", "é",
]


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=60), st.lists(st.sampled_from(_BEFORE_TOKENS), max_size=20).map("".join)
    ),
    lang=st.sampled_from(LANGUAGES),
    data=st.data(),
)
def test_money_currency_before_search_from_a_later_start_finds_the_same_match(
    text: str, lang: str, data: st.DataObject
) -> None:
    """The currency written before a number is searched from `_before_start` on, not from
    the start of its window: the search must find the very same match."""
    lex = money._lexicon(lang)
    end = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(0, end))
    later = money._before_start(text, start, end, lex)
    assert start <= later <= end
    whole = lex.currency_before.search(text, start, end)
    cut = lex.currency_before.search(text, later, end)
    assert (whole and (whole.span(), whole.groupdict())) == (cut and (cut.span(), cut.groupdict()))


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=30), lang=st.sampled_from(LANGUAGES))
def test_numbers_parsers_never_raise(text: str, lang: str) -> None:
    parse_number(text, lang)
    words_to_number(text, lang)
    for start, end, _ in find_word_numbers(text, lang):
        assert 0 <= start < end <= len(text)
