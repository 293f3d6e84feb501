"""One text in, everything the extractors find out: the step shared by `run`, `extract`
and the Python API. Pure apart from the cached spaCy pipelines."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from pipeline import dates as dates_mod
from pipeline import entities as entities_mod
from pipeline import facts as facts_mod
from pipeline import money as money_mod
from pipeline.language import UNKNOWN, detect_language
from pipeline.nlp import get_nlp
from pipeline.types import AnyDate, DateMention, DurationMention, Extraction

__all__ = [
    "Failure",
    "analyse",
    "analyse_many",
    "infer_reference_date",
    "parse_date_line",
    "warm",
]

FALLBACK_LANG = "en"


@dataclass(frozen=True, slots=True)
class Failure:
    """An item whose extraction failed or ran over its time budget; the stream goes on."""

    id: str
    code: str  # timeout | extract_error
    reason: str


class _OverBudget(Exception):
    pass


@contextmanager
def _budget(seconds: float | None) -> Iterator[None]:
    """Raise `_OverBudget` in this block after `seconds` (main thread, POSIX only)."""
    usable = (
        seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
    # Read against a reference date, the dates give the spans durations must avoid.
    durations = dates_mod.extract_durations(
        text, rules_lang, dates if reference_date is not None else None
    )
    entities = entities_mod.extract_entities(text, rules_lang, doc)
    roles = entities_mod.extract_roles(text, rules_lang, entities, doc)
    facts = facts_mod.extract_facts(
        text,
        rules_lang,
        money=money,
        dates=_period_dates(dates, durations),
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


Item = tuple[str, str, str | None, date | None]


def analyse_many(
    items: Iterable[Item], *, batch_size: int = 32, time_budget: float | None = None
) -> Iterator[Extraction | Failure]:
    """Stream (id, text, lang or None, reference date) through spaCy's `pipe`, in order.

    Items are buffered `batch_size` at a time, grouped by language so that each
    pipeline runs over a batch, and yielded in input order. An item whose rule-based
    extraction raises or takes longer than `time_budget` seconds yields a `Failure`.
    """
    buffer: list[Item] = []
    for item in items:
        buffer.append(item)
        if len(buffer) >= batch_size:
            yield from analyse_batch(buffer, time_budget=time_budget)
            buffer = []
    if buffer:
        yield from analyse_batch(buffer, time_budget=time_budget)


def analyse_batch(
    batch: list[Item], *, time_budget: float | None = None
) -> list[Extraction | Failure]:
    """One batch of `analyse_many` (picklable work for a worker process)."""
    return list(_analyse_batch(batch, time_budget))


def _analyse_batch(batch: list[Item], time_budget: float | None) -> Iterator[Extraction | Failure]:
    detected: list[tuple[str, float]] = []
    for _, text, lang, _ in batch:
        detected.append((lang, 1.0) if lang else detect_language(text))
    by_lang: dict[str, list[int]] = {}
    for index, (lang, _) in enumerate(detected):
        by_lang.setdefault(_nlp_lang(lang), []).append(index)
    results: dict[int, Extraction | Failure] = {}
    for lang, indexes in by_lang.items():
        nlp = get_nlp(lang)
        # Strings that the batch adds to spaCy's vocabulary are freed when the zone
        # ends, so a long run does not grow; no Doc outlives it.
        with nlp.memory_zone():
            docs = nlp.pipe(batch[i][1] for i in indexes)
            for index, doc in zip(indexes, docs, strict=True):
                results[index] = _analyse_one(batch[index], detected[index], doc, time_budget)
    for index in range(len(batch)):
        yield results[index]


def _analyse_one(
    item: Item, detected: tuple[str, float], doc: Any, time_budget: float | None
) -> Extraction | Failure:
    id_, text, _, reference = item
    lang, confidence = detected
    try:
        with _budget(time_budget):
            return analyse(
                text, lang, reference_date=reference, doc=doc, id=id_,
                lang_confidence=confidence,
            )
    except _OverBudget:
        return Failure(id_, "timeout", f"extraction took longer than {time_budget} s")
    except Exception as exc:  # an extractor bug must not stop the run
        return Failure(id_, "extract_error", f"extraction failed: {type(exc).__name__}: {exc}")


def _period_dates(
    dates: Iterable[AnyDate], durations: Iterable[DurationMention]
) -> list[DateMention]:
    """The dates a fact may take as its period: closed intervals ("after 2016" is not
    one) that are not a length read forward ("the next three years": facts take the
    duration, as they always did)."""
    lengths = [(u.start, u.end) for u in durations]
    return [
        d
        for d in dates
        if isinstance(d, DateMention) and not any(d.start <= s and e <= d.end for s, e in lengths)
    ]


def warm(langs: Iterable[str]) -> None:
    """Load every model and word list the extractors use for `langs`, once.

    Worker processes forked afterwards share them instead of loading their own.
    """
    for lang in langs:
        analyse("Acme SA: 2 millions d'euros, mars 2024. M. Dupont, PDG.", lang)


def parse_date_line(line: str, lang: str) -> date | None:
    """The day a publication-date line names ("Publié le 2 avril 2024"), if any."""
    for mention in dates_mod.extract_dates(line, _nlp_lang(lang), None):
        if isinstance(mention, DateMention) and mention.grain == "day" and not mention.inferred:
            return mention.start_date
    return None


def infer_reference_date(text: str, lang: str) -> date | None:
    """A stand-in publication date from the text alone: the latest date it states.

    The latest end of an explicit day or month mention, or the start of the latest
    explicit year, whichever is later. Stored with source "inferred".
    """
    latest: date | None = None
    for mention in dates_mod.extract_dates(text, _nlp_lang(lang), None):
        if mention.inferred or not isinstance(mention, DateMention):
            continue
        candidate = mention.start_date if mention.grain == "year" else mention.end_date
        if latest is None or candidate > latest:
            latest = candidate
    return latest
