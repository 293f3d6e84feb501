from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.language import UNKNOWN, detect_language

SENTENCES = [
    ("fr", "L'entreprise a réalisé un chiffre d'affaires de 3 millions d'euros l'an dernier."),
    ("en", "The company reported revenue of $3 million last year, up from the year before."),
    ("de", "Das Unternehmen meldete im vergangenen Jahr einen Umsatz von drei Millionen Euro."),
    ("es", "La empresa registró unos ingresos de tres millones de euros el año pasado."),
    ("it", "L'azienda ha registrato un fatturato di tre milioni di euro lo scorso anno."),
    ("pt", "A empresa registou uma receita de três milhões de euros no ano passado."),
    ("nl", "Het bedrijf boekte vorig jaar een omzet van drie miljoen euro, meer dan verwacht."),
]


@pytest.mark.parametrize("lang,text", SENTENCES, ids=[s[0] for s in SENTENCES])
def test_language_detects_supported_languages(lang: str, text: str) -> None:
    found, confidence = detect_language(text)
    assert found == lang
    assert 0.5 < confidence <= 1.0


@pytest.mark.parametrize("text", ["", "   ", "1234 5678", "€ 3,5 %", "a"])
def test_language_unknown_without_words(text: str) -> None:
    assert detect_language(text) == (UNKNOWN, 0.0)


@pytest.mark.parametrize("lang,text", SENTENCES[:3], ids=[s[0] for s in SENTENCES[:3]])
def test_language_is_deterministic(lang: str, text: str) -> None:
    assert len({detect_language(text) for _ in range(5)}) == 1


@given(st.text(max_size=200))
def test_language_never_raises(text: str) -> None:
    lang, confidence = detect_language(text)
    assert isinstance(lang, str) and 0.0 <= confidence <= 1.0
