"""Calendar arithmetic for the date extractor: month ends, shifts, calendar units,
two-digit years and holidays (fixed, Easter-based or n-th weekday rules). Pure functions."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import cast

from pipeline.types import Grain

__all__ = [
    "add_months",
    "apply_mod",
    "holiday",
    "holiday_near",
    "month_end",
    "nth_week",
    "shift",
    "shift_years",
    "unit_interval",
    "valid",
    "year2",
]


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def add_months(d: date, n: int) -> date:
    total = d.year * 12 + d.month - 1 + n
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def shift_years(d: date, k: int) -> date:
    """The same day `k` years later (earlier when negative); a month's last day stays one."""
    if d == month_end(d.year, d.month):
        return month_end(d.year + k, d.month)
    return add_months(d, 12 * k)


def shift(d: date, n: float, unit: str) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit in ("week", "workweek"):
        return d + timedelta(weeks=n)
    if unit == "fortnight":
        return d + timedelta(weeks=2 * n)
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120}.get(unit, 1)
    return add_months(d, round(n * months))


def unit_interval(ref: date, unit: str, offset: int) -> tuple[date, date, Grain] | None:
    """The calendar unit containing `ref`, moved by `offset` units."""
    if unit == "year":
        y = ref.year + offset
        return date(y, 1, 1), date(y, 12, 31), "year"
    if unit in ("month", "quarter", "half"):
        size = {"month": 1, "quarter": 3, "half": 6}[unit]
        first = date(ref.year, (ref.month - 1) // size * size + 1, 1)
        start = add_months(first, offset * size)
        end = add_months(start, size) - timedelta(days=1)
        # a half-year is built of quarters (the corpus grain for halves)
        return start, end, cast(Grain, "month" if unit == "month" else "quarter")
    if unit == "week":
        start = ref - timedelta(days=ref.weekday()) + timedelta(weeks=offset)
        return start, start + timedelta(days=6), "week"
    if unit == "fortnight":  # "next fortnight": the two weeks from next Monday
        start = ref - timedelta(days=ref.weekday()) + timedelta(weeks=2 * offset)
        return start, start + timedelta(days=13), "week"
    if unit == "workweek":  # "next workweek", "deze werkweek": Monday to Friday
        start = ref - timedelta(days=ref.weekday()) + timedelta(weeks=offset)
        return start, start + timedelta(days=4), "week"
    if unit == "day":
        day = ref + timedelta(days=offset)
        return day, day, "day"
    if unit == "decade":  # "this decade": 2020-2029, "the last decade": 2010-2019
        y = ref.year // 10 * 10 + 10 * offset
        return date(y, 1, 1), date(y + 9, 12, 31), "year"
    return None


def valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def year2(y: str) -> int:
    y = y.lstrip("'\u2019")
    return int(y) if len(y) == 4 else 2000 + int(y) if int(y) < 40 else 1900 + int(y)


def _easter(y: int) -> date:
    """Easter Sunday of year `y` (Gregorian calendar, anonymous algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month, day = divmod(h + ll - 7 * m + 114, 31)
    return date(y, month, day + 1)


def holiday(rule: str, y: int) -> date | None:
    """The day of a holiday rule in year `y`: "MM-DD", "E+n" (n days from Easter) or
    "M/n/wd[/shift]" (the n-th weekday `wd` of month M, -1 the last, moved by shift days)."""
    try:
        if rule.startswith("E"):
            return _easter(y) + timedelta(days=int(rule[1:] or 0))
        if "/" in rule:
            parts = [int(p) for p in rule.split("/")]
            m, n, wd = parts[:3]
            if n == -1:
                last = month_end(y, m)
                day = last - timedelta(days=(last.weekday() - wd) % 7)
            else:
                first = date(y, m, 1)
                day = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
            return day + timedelta(days=parts[3] if len(parts) > 3 else 0)
        m, d = (int(p) for p in rule.split("-"))
        return date(y, m, d)
    except ValueError:
        return None


def apply_mod(start: date, end: date, mod: str | None, relative: bool = False) -> tuple[date, date]:
    """The first, middle or last part of a period (`close`: its closing day): thirds of a
    month named by its name ("fin mars": 21-31), of a quarter or half, of a year named by
    its number ("fin 2024": September to December) and of a decade ("the early 2030s":
    2030-2033); a month or year named relatively ("fin du mois", "late last month", "early
    next year") splits in halves (its middle stays the middle third)."""
    if mod is None:
        return start, end
    if mod == "close":  # "al cierre de junio": the closing day
        return end, end
    if start.day == 1 and end == month_end(end.year, end.month):
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 1:
            if relative and mod != "mid":
                cuts = {"begin": (1, 15), "end": (16, end.day)}[mod]
            else:
                cuts = {"begin": (1, 10), "mid": (10, 20), "end": (21, end.day)}[mod]
            return start.replace(day=cuts[0]), start.replace(day=cuts[1])
        if months == 12:
            if relative and mod != "mid":
                first, size = {"begin": (0, 6), "end": (6, 6)}[mod]
            else:
                first, size = {"begin": (0, 4), "mid": (4, 4), "end": (8, 4)}[mod]
            s = add_months(start, first)
            return s, add_months(s, size) - timedelta(days=1)
        if months in (3, 6):  # a quarter or a half: its first, middle or last third
            third = months // 3
            first = {"begin": 0, "mid": third, "end": 2 * third}[mod]
            s = add_months(start, first)
            return s, add_months(s, third) - timedelta(days=1)
        if months == 120:  # a decade: "the early 2030s" 2030-2033, mid 2034-2036, late 2037-2039
            first_year, years = {"begin": (0, 4), "mid": (4, 3), "end": (7, 3)}[mod]
            y = start.year + first_year
            return date(y, 1, 1), date(y + years - 1, 12, 31)
    return start, end


def relative_part(start: date, end: date, mod: str, ref: date | None) -> tuple[date, date] | None:
    """ "earlier this month", "later this week": the first or second part of a period
    (Monday-Wednesday / Thursday-Sunday of a week, the halves of a month or a year), cut
    at the reference date when the period holds it: what is earlier ends the day before,
    what is later starts on it. None when nothing of the part is left."""
    first = mod == "earlier"
    if (end - start).days == 6:
        s, e = (start, start + timedelta(days=2)) if first else (start + timedelta(days=3), end)
    elif start.day == 1 and end == month_end(end.year, end.month):
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 1:
            cut = start.replace(day=15)
        elif months % 2 == 0:
            cut = add_months(start, months // 2) - timedelta(days=1)
        else:  # a quarter: its first or last third, as "early" and "late" read it
            cut = add_months(start, 1 if first else 2) - timedelta(days=1)
        s, e = (start, cut) if first else (cut + timedelta(days=1), end)
    else:
        return None
    if ref is not None and start <= ref <= end:
        if mod == "earlier":
            e = min(e, ref - timedelta(days=1))
        else:
            s = max(s, ref)
    return (s, e) if s <= e else None


def nth_week(start: date, end: date, nth: int) -> tuple[date, date]:
    """Week `nth` of a period: weeks run Monday to Sunday, the first holds day 4."""
    if nth == -1:
        thursday = end - timedelta(days=(end.weekday() - 3) % 7)
        monday = thursday - timedelta(days=3)
    else:
        fourth = start + timedelta(days=3)
        monday = fourth - timedelta(days=fourth.weekday()) + timedelta(weeks=nth - 1)
    return monday, monday + timedelta(days=6)


def holiday_near(
    rule: str, y: int | None, ref: date | None, future: bool = False, this_year: bool = False
) -> date | None:
    """A holiday of year `y`; without one, of the reference year (`this_year`), the
    latest not after `ref`, or the next one after it (`future`)."""
    if y is not None:
        return holiday(rule, y)
    if ref is None:
        return None
    day = holiday(rule, ref.year)
    if this_year or day is None:
        return day
    if future and day <= ref:
        return holiday(rule, ref.year + 1)
    if not future and day > ref:
        return holiday(rule, ref.year - 1)
    return day
