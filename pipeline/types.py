"""The objects every stage passes on: frozen, with offsets into the stored text.

Values are exact (`Decimal`) inside the library; `to_dict` turns them into JSON
numbers at the edge (integers stay integers). Every mention keeps `start`/`end`
(end exclusive) and `text`, with ``stored_text[start:end] == text``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

LANGUAGES: tuple[str, ...] = ("fr", "en", "de", "es", "it", "pt", "nl")

Qualifier = Literal["approx", "min", "max", "more_than", "less_than", "range"]
Per = Literal["year", "quarter", "month", "week", "day"]
Grain = Literal["day", "week", "month", "quarter", "year"]
Label = Literal["ORG", "PER", "LOC", "MISC"]
Status = Literal["reported", "forecast", "target"]

METRICS: tuple[str, ...] = (
    "revenue",
    "operating_expenses",
    "operating_income",
    "net_income",
    "cash_reserves",
    "debt",
    "unpaid_bills",
    "funding_raised",
    "funding_target",
    "funding_promised",
    "valuation",
    "infrastructure_spend",
    "project_spend",
    "other",
)


def jsonable(value: Any) -> Any:
    """A JSON-ready copy: Decimal -> int or float, date -> ISO string, tuples -> lists."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


class _Record:
    """Mixin: `to_dict()` with JSON-ready values."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class MoneyMention(_Record):
    """An amount of money as written.

    `value` is always positive (a loss or a minus sign is kept in `negative`, and the
    fact carries the sign). For a range, `qualifier` is "range", `min`/`max` are the
    bounds and `value` is the lower bound. `currency` is ISO 4217, or None where the
    text does not say which currency (never a guess).
    """

    start: int
    end: int
    text: str
    value: Decimal
    currency: str | None
    qualifier: Qualifier | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    per: Per | None = None
    negative: bool = False


@dataclass(frozen=True, slots=True)
class DateMention(_Record):
    """A date expression and the inclusive interval it denotes.

    `inferred` is True where the year (or more) came from the reference date, not
    from the text. An open interval ("depuis 2019") ends at the reference date.
    """

    start: int
    end: int
    text: str
    start_date: date
    end_date: date
    grain: Grain
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class OpenDateMention(_Record):
    """An open interval: "after 2016" has no end, "before 2010" no start (None there).

    The keys of `DateMention`. Facts never take one as their period; SQL reads the
    missing bound as NULL ("start_date IS NULL": open to the past).
    """

    start: int
    end: int
    text: str
    start_date: date | None
    end_date: date | None
    grain: Grain
    inferred: bool = False


AnyDate = DateMention | OpenDateMention


@dataclass(frozen=True, slots=True)
class DurationMention(_Record):
    """A length of time ("en quatre mois", "over three years"): not a date."""

    start: int
    end: int
    text: str
    value: Decimal
    unit: Literal["day", "week", "month", "quarter", "year"]

    @property
    def months(self) -> Decimal:
        factor = {
            "day": Decimal(12) / Decimal(365),
            "week": Decimal(12) / Decimal(52),
            "month": Decimal(1),
            "quarter": Decimal(3),
            "year": Decimal(12),
        }[self.unit]
        return self.value * factor


@dataclass(frozen=True, slots=True)
class EntityMention(_Record):
    """A named entity; `canonical` is the name all mentions of one entity share."""

    start: int
    end: int
    text: str
    label: Label
    canonical: str


@dataclass(frozen=True, slots=True)
class Role(_Record):
    """A person–organisation link stated in the text ("l'ancien PDG X")."""

    person: str
    role: str
    organisation: str | None
    former: bool
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fact(_Record):
    """One attributed figure: an amount with its company, metric, period and status."""

    entity: str | None
    metric: str
    value: Decimal
    currency: str | None
    qualifier: Qualifier | None
    min: Decimal | None
    max: Decimal | None
    period_start: date | None
    period_end: date | None
    per: Per | None
    status: Status
    evidence: str
    evidence_start: int
    evidence_end: int
    start: int
    end: int
    duration_months: Decimal | None = None
    counterparties: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the extractors found in one text (the `extract` command's line)."""

    id: str
    lang: str
    lang_confidence: float
    money: tuple[MoneyMention, ...]
    dates: tuple[AnyDate, ...]
    durations: tuple[DurationMention, ...]
    entities: tuple[EntityMention, ...]
    roles: tuple[Role, ...] = ()
    facts: tuple[Fact, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "lang": self.lang,
            "lang_confidence": self.lang_confidence,
            "money": [m.to_dict() for m in self.money],
            "dates": [d.to_dict() for d in self.dates],
            "durations": [d.to_dict() for d in self.durations],
            "entities": [e.to_dict() for e in self.entities],
            "roles": [r.to_dict() for r in self.roles],
            "facts": [f.to_dict() for f in self.facts],
        }
