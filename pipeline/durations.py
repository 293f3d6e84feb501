"""Lengths of time ("en quatre mois", "over three years"): a number and a unit.

`find_durations` reads the number and unit words of `pipeline/data/dates/<lang>.json`;
`pipeline.dates.extract_durations` is the public entry point, which first removes the
spans that are dates ("il y a deux ans", "les 12 derniers mois").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Literal, cast

from pipeline.date_rules import Rules, norm, rules_for
from pipeline.types import DurationMention

__all__ = ["find_durations", "length_of"]

Unit = Literal["day", "week", "month", "quarter", "year"]


def _decimal(word: str, rules: Rules) -> Decimal | None:
    if word[:1].isdigit():
        try:
            return Decimal(word.replace(",", "."))
        except InvalidOperation:
            return None
    value = rules.numbers.get(norm(word))
    return Decimal(str(value)).normalize() if value is not None else None


def find_durations(
    text: str, lang: str, taken: list[tuple[int, int]] | None = None
) -> list[DurationMention]:
    """Every number + time unit of `text` outside the `taken` spans, sorted by start.

    An article used as "one" ("a year", "un an") counts only after a word that
    introduces a duration ("over a year", "en un an"): "$99m a year" is a rate.
    """
    rules = rules_for(lang)
    taken = taken or []
    one = {norm(w) for w in rules.data.get("articles_as_one", [])}
    out: list[DurationMention] = []
    for mt in rules.duration.finditer(text):
        s, e = mt.span()
        if any(s < te and e > ts for ts, te in taken):
            continue
        if re.search(r"[\d.,]\s?\Z", text[max(0, s - 2) : s]):
            continue  # the tail of a bigger number
        word = mt.group("n")
        if norm(word) in one and not rules.duration_intro.search(text[max(0, s - 25) : s]):
            continue
        length = length_of(rules, word, mt.group("u"))
        if length is not None:
            out.append(DurationMention(s, e, text[s:e], *length))
    return out


def length_of(rules: Rules, number: str, unit_word: str) -> tuple[Decimal, Unit] | None:
    """A number and a unit as words ("trois", "années") as a length: (3, "year"); a half
    is 6 months, a fortnight 2 weeks, a decade 10 years; None for anything else."""
    value = _decimal(number, rules)
    unit = rules.units.get(norm(unit_word))
    if value is None or unit is None or value <= 0:
        return None
    if unit == "half":
        value, unit = value * 6, "month"
    elif unit == "fortnight":
        value, unit = value * 2, "week"
    elif unit == "decade":
        value, unit = value * 10, "year"
    if unit not in ("day", "week", "month", "quarter", "year"):
        return None
    return value, cast(Unit, unit)
