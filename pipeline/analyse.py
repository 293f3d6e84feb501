"""One text in, everything the extractors find out: the step shared by `run`, `extract`
and the Python API. Pure apart from the cached spaCy pipelines."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from pipeline import dates as dates_mod
from pipeline import entities as entities_mod
from pipeline import facts as facts_mod
from pipeline import money as money_mod
from pipeline.language import UNKNOWN, detect_language
from pipeline.nlp import get_nlp
from pipeline.types import Extraction

__all__ = ["analyse", "analyse_many", "infer_reference_date", "parse_date_line"]

FALLBACK_LANG = "en"


def _nlp_lang(lang: str) -> str:
    return FALLBACK_LANG if lang == UNKNOWN else lang


def analyse(
    text: str,
    lang: str | None = None,
    *,
    reference_date: date | None = None,
    doc: Any = None,
    id: str = "",
    lang_confidence: float | None = None,
) -> Extraction:
    """Money, dates, durations, entities, roles and facts of one text."""
    if lang is None:
        lang, lang_confidence = detect_language(text)
    rules_lang = _nlp_lang(lang)
    if doc is None:
        doc = get_nlp(rules_lang)(text)
    money = money_mod.extract_money(text, rules_lang)
    dates = dates_mod.extract_dates(text, rules_lang, reference_date)
    durations = dates_mod.extract_durations(text, rules_lang)
    entities = entities_mod.extract_entities(text, rules_lang, doc)
    roles = entities_mod.extract_roles(text, rules_lang, entities, doc)
    facts = facts_mod.extract_facts(
        text,
        rules_lang,
        money=money,
        dates=dates,
        durations=durations,
        entities=entities,
        doc=doc,
        reference_date=reference_date,
    )
    return Extraction(
        id=id,
        lang=lang,
        lang_confidence=1.0 if lang_confidence is None else lang_confidence,
        money=tuple(money),
        dates=tuple(dates),
        durations=tuple(durations),
        entities=tuple(entities),
        roles=tuple(roles),
        facts=tuple(facts),
    )


def analyse_many(
    items: Iterable[tuple[str, str, str | None, date | None]], *, batch_size: int = 32
) -> Iterator[Extraction]:
    """Stream (id, text, lang or None, reference date) through spaCy's `pipe`, in order.

    Items are buffered `batch_size` at a time, grouped by language so that each
    pipeline runs over a batch, and yielded in input order.
    """
    buffer: list[tuple[str, str, str | None, date | None]] = []
    for item in items:
        buffer.append(item)
        if len(buffer) >= batch_size:
            yield from _analyse_batch(buffer)
            buffer = []
    if buffer:
        yield from _analyse_batch(buffer)


def _analyse_batch(batch: list[tuple[str, str, str | None, date | None]]) -> Iterator[Extraction]:
    detected: list[tuple[str, float]] = []
    for _, text, lang, _ in batch:
        detected.append((lang, 1.0) if lang else detect_language(text))
    by_lang: dict[str, list[int]] = {}
    for index, (lang, _) in enumerate(detected):
        by_lang.setdefault(_nlp_lang(lang), []).append(index)
    docs: dict[int, Any] = {}
    for lang, indexes in by_lang.items():
        nlp = get_nlp(lang)
        for index, doc in zip(indexes, nlp.pipe(batch[i][1] for i in indexes), strict=True):
            docs[index] = doc
    for index, (id_, text, _, reference) in enumerate(batch):
        lang, confidence = detected[index]
        yield analyse(
            text, lang, reference_date=reference, doc=docs[index], id=id_,
            lang_confidence=confidence,
        )


def parse_date_line(line: str, lang: str) -> date | None:
    """The day a publication-date line names ("Publié le 2 avril 2024"), if any."""
    for mention in dates_mod.extract_dates(line, _nlp_lang(lang), None):
        if mention.grain == "day" and not mention.inferred:
            return mention.start_date
    return None


def infer_reference_date(text: str, lang: str) -> date | None:
    """A stand-in publication date from the text alone: the latest date it states.

    The latest end of an explicit day or month mention, or the start of the latest
    explicit year, whichever is later. Stored with source "inferred".
    """
    latest: date | None = None
    for mention in dates_mod.extract_dates(text, _nlp_lang(lang), None):
        if mention.inferred:
            continue
        candidate = mention.start_date if mention.grain == "year" else mention.end_date
        if latest is None or candidate > latest:
            latest = candidate
    return latest
