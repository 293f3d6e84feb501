"""Dates and durations in news text, in seven languages, with offsets.

`extract_dates` finds date expressions and the INCLUSIVE interval each denotes;
`extract_durations` finds lengths of time ("en quatre mois"). Both are pure: the
per-language words come from `pipeline/data/dates/<lang>.json` through
`pipeline.lexicon`, compiled once per language (`pipeline.date_rules`).

How it works, in three passes over candidate spans (never a whole-text date search):
1. atoms: each compiled pattern yields a *partial* date (a year, month, day,
   quarter... any of which may be missing) or an already resolved relative interval
   ("l'an dernier"); overlapping atoms keep the longest.
2. modifiers ("début", "mid-", "la fin du mois de") widen an atom to the left and
   narrow its interval to the first, middle or last part.
3. pairs: "de A à B", "between A and B", "A-B" become one range; "juillet et août
   2023" (coordinated, contiguous) one mention; a year written once is shared by
   both sides; "depuis A" runs from A to the reference date.

Year-less expressions resolve to their latest occurrence not after the reference
date (news reports the past) and are marked `inferred`; without a reference date
they are dropped. Conventions (those of the corpus analysts):
- a year-less quarter or half is the latest one already over ("au premier trimestre");
  after "d'ici à", "by", "bis"... a year-less month is the next one;
- a half-year has the grain "quarter"; "fin 2024" is its last third, September to
  December (grain year; "début"/"mi-" January-April/May-August), a year named relatively
  ("fin de l'année", "late last year", "early next year") its second/first half; "fin
  mars" days 21 to 31 (grain month), "début"/"mi-" the first/middle thirds;
- "depuis 2019" runs to the reference date; "un an plus tôt", "im Vorjahr" are the
  period named just before, one year back;
- "il y a deux ans" and "les 12 derniers mois" are dates; "the next three years",
  "within two years", and in a sentence about the future "in 18 months", "dans trois
  ans" are dates read forward from the reference date AND durations (facts take the
  duration); in a past sentence, with a vague number or after an amount they are only
  durations;
- a split fiscal year ("2024/25", "exercice 2025-2026") is ONE fiscal year: the twelve
  months to the closing day or month its sentence gives ("clos le 31 mars", "das Ende
  September endete"), else to the article's fiscal month, else April to March (the corpus
  convention: see round 5 below);
- a period after an after-word ("after 2016", "später als 2028", "after mid-May") is
  an open interval from its end on (`OpenDateMention`, end None); a period after a
  before-word is a deadline when it is still ahead ("before 2027" = 2027, "before the end
  of this year") and an open interval up to its start (start None) once it has begun
  ("before 2010", "antes del año 2019", nl "van voor 2010", "voor begin maart" but "de
  prognose voor 2024" = for 2024); a day stays either way ("after 1 May");
- "last Wednesday" is the Wednesday of the previous week where the language data
  says so (en, es, nl); "this past Wednesday", "mardi dernier" elsewhere: the latest;
- "earlier/later this week/month/year": Monday-Wednesday/Thursday-Sunday or the first
  or second half, cut at the reference date when the period holds it (grain day then);
  "the last 2 quarters", "the last two decades": whole ones already over; "the first 2
  weeks of 2021": whole weeks, the first holding January 4th; "for 3 days starting
  Monday": those days; "the same year": that of the date named before in the sentence;
  "no later than May 1" (an open bound on a day): no date;
- "year to date", "seit Jahresbeginn" run from January 1st to the reference date,
  "the rest of the year" from the reference date to December 31st; "now" only
  counts as a range end ("between March 2022 and now");
- holidays (data: "MM-DD", Easter-based "E+n", n-th weekday "M/n/wd") resolve like
  any year-less day, but not before a name or a season noun ("Christmas sales",
  "Christmas Jones"); days in words ("vingt-neuf mai") read as digits.
- round 4: years in words are read where a date puts a year (after a month, a day, a
  year noun, "the third quarter of", an intro word: "March 3, two thousand and twenty",
  "nel millenovecentonovantasei", "negentienhonderd zesennegentig"); they are written over
  as digits before the scan (same offsets), and a year whose month or day we did not read
  yields nothing; decades in words ("the nineties", "anni settanta", "die Neunzigerjahre");
  a bare day ("on the 18th", "op de 15e", "el día 21", "il 27.") is the latest such day;
  "Tuesday the 11th" / "Mon 13th" the latest such day, or the next one when it comes within
  a month and sooner; "the week after next", "X from now", compound lengths ("1 month and
  21 days ago"), holiday weekends ("Labor Day weekend": Saturday to Monday), "next
  workweek" (Monday to Friday), "the nine months to 30 September" (those months), "fiscal
  2026 ending in March" / "l'exercice clos fin juin 2025" (the twelve months to that end),
  "Sep-23-2020"-style dates, day ranges with day words ("April ninth through seventeenth").
- round 5 (news periods): the article has one fiscal calendar: a fiscal year given with
  its close ("the year ended 30 June", "ejercicio fiscal 2025, cerrado el 31 de enero de
  2026", "fiscal 2026 ending in March", "the year to June") sets the month in which every
  other fiscal year of the article ends ("fiscal 2024", "exercice 2025-2026"), the fiscal
  years around the reference date ("el ejercicio en curso", "l'exercice écoulé") and the
  fiscal quarters and halves ("cuarto trimestre fiscal", "das erste Halbjahr des laufenden
  Geschäftsjahres"); "a year earlier", "Vorjahreszeitraum", "the same period last year"
  refer to the period named before them in the sentence (a decimal point is no sentence
  end; a restated closing day and a news day like "Tuesday" are skipped), else to what the
  last such comparison referred to, else to the last period already over; "el mismo
  periodo de 2024" is that period in 2024; tense: "hasta/até/bis/tot/fino a/by" read
  forward only when the sentence is not in the past ("las ventas crecieron hasta
  septiembre" is the latest September), a year-less month or day in a future-tense clause
  ("repartirá en enero") is the next one, and "the end of the quarter" in a past-tense
  sentence is the end of the last quarter over; "third-quarter", "full-year 2024", "au T3",
  "del 3T", "nos nove primeiros meses do ano", "den ersten neun Monaten 2025"; a full month
  name closing a sentence takes no year from the next one ("final de junho. Em 30 dias").
- round 5 (precision, recall): "05.2025" (a dot only after a two-digit month: "1.2015"
  is a rate), "11 . 2016", "3~2015", "2016.05" (where the decimal mark is a comma); an ISO
  day glued in a file name ("report-2025-03-14.pdf"); "Friday 7-6", "op maandag 12-5",
  "op 22-4" (a dash day-month after a weekday, or after a day cue when one number can only
  be a day); "the 15th day of
  June", "the third week of the month"; "the past/next fortnight" (two calendar weeks);
  abbreviated weekdays joined to another weekday ("this week from Tue to Thu", "da lun a
  mar": then "mar" is no month); "na primeira sexta de julho" (after an ordinal, "sexta" is
  Friday); a capital month name after a cue word ("en Febrero", not "en Mayo Clinic"); es
  "el 17 del 11"; de "am 27. 11.", "am siebten vierten", "Donnerstag 7. vierter 2016" (day
  and month as ordinals after a cue or a weekday; "zum dritten vierten Mal" is none).
- round 8 (news periods): "the five weeks to 3 January" (a trading period; "a year earlier"
  is the same weeks, 52 back); a fiscal year said to run "de abril a março" / "van maart tot
  en met februari" sets the article's fiscal calendar (the months are no date); "la fin de
  l'exercice", "the end of its fiscal year", "no fecho do exercício" are the closing day of
  that calendar; "al cierre de diciembre" is the month's end; a period after a comparison
  word ("contre 96 millions en 2024", "(2024: € 698 miljoen)") is a base, never what "un an
  plus tôt" refers to; scheduled and maturing things ("prévue au 1er janvier", "set for
  November", "vence em julho") and verbs after the date ("im November will der Vorstand")
  read forward; a year-less quarter in a future clause ("the fourth quarter would be
  weaker") is the one nearest the news; a figure after a weekday ("woensdag 2,7%") is no day.
Precision first: a piece of an expression we do not read ("the third month of 2021",
"from 5/1-5/7, 2020", "this Friday 5/12") yields no date rather than a wrong one.
"""

from __future__ import annotations

import calendar
import contextlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache, wraps
from itertools import pairwise
from typing import Any, Literal, TypeVar, cast

from text_to_num import text2num

from pipeline.date_calendar import (
    add_months,
    apply_mod,
    holiday_near,
    month_end,
    nth_week,
    relative_part,
    shift,
    shift_years,
    unit_interval,
    valid,
    year2,
)
from pipeline.date_rules import Rules, alt, norm, rules_for
from pipeline.durations import Unit, find_durations, length_of
from pipeline.types import AnyDate, DateMention, DurationMention, Grain, OpenDateMention

__all__ = ["extract_dates", "extract_durations", "fiscal_close"]

_T = TypeVar("_T")


def _per_language(build: Callable[[Rules], _T]) -> Callable[[Rules], _T]:
    """`build(rules)` made once per language: its patterns compile once."""
    made: dict[int, tuple[Rules, _T]] = {}

    @wraps(build)
    def once(rules: Rules) -> _T:
        hit = made.get(id(rules))
        if hit is None or hit[0] is not rules:
            hit = made[id(rules)] = (rules, build(rules))
        return hit[1]

    return once


_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
# "Q3" alone is a quarter in every language; "T2", "H1", "S1" need their year
_BARE_QUARTER = "Q"
_SENTENCE_START = re.compile(r"(?:\A|[.!?:;\n\"«(]\s*)\s*\Z")
_WORD_AFTER = re.compile(r"\s*([^\W\d_]+\.?)")
_NEXT_WORD = re.compile(r"(?<![\w])([^\W\d_]+)\s+\Z")
_UNREAD_YEAR = re.compile(r"\s+\d{2,4}(?=\s*(?:[.,;:!?)](?!\d)|\Z))")  # not "38,4"
_DIGIT = re.compile(r"\d")
_DIGIT_NEXT = re.compile(r"\s+\d")
_DAY_BEFORE = re.compile(r"\d\.?\s*\Z")
_DIGIT_BEFORE = re.compile(r"\d[\s.,]*\Z")
_AMOUNT_BEFORE = re.compile(r"[$\u20ac\u00a3\u00a5]\s*\d[\d.,]*\s*\Z")
_PIECE_BEFORE_YEAR = re.compile(
    r"(?:\b\d{1,2}[-/.]\d{1,2},|(?<![\d.])\d{1,2}\s?\.(?:\s+(?-i:[a-z\u00e0-\u00ff]+))?)\s*\Z"
)
_UNIT_GRAIN = {"decade": "year", "half": "quarter", "fortnight": "week"}
_MOD_KINDS = ("begin", "mid", "end", "earlier", "later")
_GRAIN_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}


@dataclass(frozen=True, slots=True)
class _Atom:
    """A candidate: either a partial calendar date or a resolved interval (`fixed`)."""

    start: int
    end: int
    grain: Grain
    y: int | None = None
    m: int | None = None
    d: int | None = None
    q: int | None = None
    h: int | None = None
    season: str | None = None
    week: int | None = None
    y_end: int | None = None  # last year of a multi-year span (decade, split year)
    fixed: tuple[date, date] | None = None
    inferred: bool = False
    mod: str | None = None
    wd: int | None = None  # a bare weekday
    nth_week: int | None = None  # "la troisième semaine de ...": 1..4, -1 for the last
    nth_month: int | None = None  # "the third month of 2021": 1..12 of a year
    ranged: bool = False  # already a range ("du 4 au 22 de ce mois"): no "depuis" wrapper
    shift: tuple[float, str] | None = None  # "3 days after Monday": moved by 3 days
    nth_wd: tuple[int, int] | None = None  # "le premier vendredi de juillet": (1, 4)
    future: bool = False  # "d'ici à juin": a year-less date read forward, not back
    # a day in a clause of no tense ("the subscription period runs from June 15"): one
    # a few weeks ahead is that coming day, not the same day most of a year back
    untensed: bool = False
    near: bool = False  # "the fourth quarter would be weaker": the quarter nearest the news
    year_to: bool = False  # "the year to 31 March 2025": the twelve months ending that day
    months_to: int | None = None  # "the nine months to 30 September": 9 months ending then
    weeks_to: int | None = None  # "the five weeks to 3 January": 35 days ending then
    this_year: bool = False  # "the second half of the year": of the reference year
    anaphoric: bool = False  # "un an plus tôt": the period named before, a year back
    first_n: int | None = None  # "les neuf premiers mois": January to September
    fiscal: bool = False  # "Geschäftsjahr 2024/25", "fiscal 2024": a fiscal year
    hol: str | None = None  # a holiday rule: "12-25", "E+1" (Easter Monday), "11/4/3" (4th Thu)
    now: bool = False  # "now", "to date": the reference day, kept only as a range end
    year_end: bool = False  # "year-end", "la fin de l'exercice": a closing day (Dec 31)
    local: bool = False  # an anaphor ("up from X a year ago") whose referent is in its sentence
    whole: bool = False  # "the full year", "l'ensemble de l'exercice": a whole (fiscal) year
    void: bool = False  # a span read and found to be no date: it hides the words inside
    same: bool = False  # "the same year": the unit of the date named before
    stretch: tuple[float, str] | None = None  # "for 3 days starting Monday": 3 days
    part_n: tuple[int, int, str] | None = None  # "the last 3 weeks of": (-1, 3, week)
    told: int | None = None  # "in the quarter": the period of that many months named before

    @property
    def first_month(self) -> int:
        if self.m is not None:
            return self.m
        if self.q is not None:
            return 3 * self.q - 2
        if self.h is not None:
            return 6 * self.h - 5
        if self.season is not None:
            return _SEASON_START[self.season]
        return 1

    @property
    def key(self) -> tuple[int, int]:
        return (self.first_month, self.d or 1)


# ---------------------------------------------------------------- years in words

_WORD_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_TOKEN_GAP = re.compile(r"[\s\-]{1,3}\Z")
_DAY_TOKEN = re.compile(r"(?<!\d)\d{1,2}(?:[^\W\d_]{1,3}|[.\u00ba\u00aa])?\Z")
_YEAR_WORDS_MIN, _YEAR_WORDS_MAX = 1100, 2099


@lru_cache(maxsize=8192)
def _word_value(lang: str, word: str) -> int | None:
    """The value of a number written in words ("duemiladiciotto", "twenty one"), or None."""
    try:
        value = text2num(word, lang)
    except (ValueError, IndexError, KeyError, AssertionError):
        return None
    return value if isinstance(value, int) else None


def _year_value(rules: Rules, words: list[str]) -> int | None:
    """A year written in words: "two thousand and twenty", "mil novecientos noventa y dos",
    or two pairs of digits "nineteen ninety six", "negentien zevenentachtig"."""
    glue = _wordset(rules, "year_word_glue")
    if not words or norm(words[0]) in glue or norm(words[-1]) in glue:
        return None
    whole = _word_value(rules.lang, " ".join(words))
    if whole is not None:
        return whole if _YEAR_WORDS_MIN <= whole <= _YEAR_WORDS_MAX else None
    if len(words) < 2:
        return None
    century = _word_value(rules.lang, words[0])
    if century is None or not 11 <= century <= 20:
        return None
    rest = words[1:]
    zero = norm(rest[0]) in _wordset(rules, "year_word_zero")
    tail = _word_value(rules.lang, " ".join(rest[1:] if zero else rest))
    if tail is None or not (0 < tail < 10 if zero else 10 <= tail <= 99):
        return None
    return century * 100 + tail


def _year_context(rules: Rules, text: str, start: int, day_before: bool) -> str | None:
    """Is the place before `start` one where a year is written? "joined" after a month or
    a day (the year only counts with them: "September 10, nineteen zero one"), "alone"
    after a year noun ("the year", "anno") or a period and an of-word ("the third quarter
    of"); None elsewhere."""
    before = text[max(0, start - 40) : start]
    tokens = re.findall(r"[^\s,]+", before)
    if not tokens:
        return None
    months = rules.months
    nouns = _wordset(rules, "year_nouns")
    last = norm(tokens[-1]).rstrip(".")
    if last in nouns:
        return "alone"
    if last in months or (not day_before and _DAY_TOKEN.search(tokens[-1])):
        return "joined"
    if day_before:
        return None
    near = [norm(t).rstrip(".") for t in tokens[-4:-1]]
    if (last in rules.ordinals or last in rules.day_words) and any(t in months for t in near):
        return "joined"  # "January first two thousand...", "januari de eerste tweeduizend..."
    if last in _wordset(rules, "of_words") and len(tokens) > 1:
        prev = norm(tokens[-2]).rstrip(".")
        if prev in months or _DAY_TOKEN.search(tokens[-2]):
            return "joined"
        if prev in nouns or prev in rules.units or prev in rules.ordinals:
            return "alone"
    return None


@_per_language
def _year_word_keys(rules: Rules) -> tuple[str, ...]:
    """Substrings one of which a text holding a year in words holds."""
    ends = (" ", ".", ",", "-", ")") if rules.data.get("year_words_whole") else ("",)
    words = [w.lower() for w in rules.data.get("year_words") or []]
    return tuple(w + end for w in words for end in ends)


def _spelled_years(rules: Rules, text: str) -> list[tuple[int, int, int, bool]]:
    """(start, end, year, alone) of the years written in words where a date puts a year;
    `alone`: the year may stand as a date by itself (else only inside a longer one)."""
    gate = rules.year_words_gate
    if gate is None:
        return []
    low = text.lower()
    if not any(key in low for key in _year_word_keys(rules)):
        return []  # a plain substring test first: most texts hold no year in words
    # only the words near one of the gate's words are read (each read costs a parse)
    windows: list[tuple[int, int]] = []
    for g in gate.finditer(text):
        lo, hi = max(0, g.start() - 60), g.end() + 60
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    if not windows:
        return []
    runs: list[list[re.Match[str]]] = []
    glue = _wordset(rules, "year_word_glue") | _wordset(rules, "year_word_zero")
    tokens = (mt for lo, hi in windows for mt in _WORD_TOKEN.finditer(text, lo, hi))
    for mt in tokens:
        word = mt.group().lower()
        if norm(word) not in glue and _word_value(rules.lang, word) is None:
            continue
        last = runs[-1][-1] if runs else None
        if last is not None and _TOKEN_GAP.match(text[last.end() : mt.start()]):
            runs[-1].append(mt)
        else:
            runs.append([mt])
    found: list[tuple[int, int, int, bool]] = []
    intro = _wordset(rules, "year_word_intro")
    for run in runs:
        while run and norm(run[-1].group()) in glue:
            run = run[:-1]  # "October two thousand and returned"
        words = [mt.group().lower() for mt in run]
        for i in range(len(run)):
            year = _year_value(rules, words[i:])
            if year is None:
                continue
            s, e = run[i].start(), run[-1].end()
            if e - s < 4:
                break
            day = _word_value(rules.lang, " ".join(words[:i])) if i else None
            if i and (day is None or not 1 <= day <= 31):
                break  # "three two thousand...": not a day and a year
            context = _year_context(rules, text, run[0].start(), day_before=bool(i))
            ok = context is not None
            if not ok and not i:
                prev = re.findall(r"[^\W\d_]+", text[max(0, s - 20) : s])
                nxt = re.match(r"\s*([^\W\d_]*)", text[e:])
                ok = bool(
                    prev
                    and norm(prev[-1]) in intro
                    and (nxt is None or not nxt.group(1) or norm(nxt.group(1)) in intro | glue)
                )
            if ok:
                found.append((s, e, year, context != "joined" and not i))
            break
    return found


# ---------------------------------------------------------------- calendar helpers


# ---------------------------------------------------------------- atoms


_WORDSETS: dict[tuple[int, str], tuple[Rules, frozenset[str]]] = {}


_WORD_RES: dict[tuple[int, str], tuple[Rules, re.Pattern[str]]] = {}


def _word_re(rules: Rules, key: str) -> re.Pattern[str]:
    """Any word of a list of the language data, as whole words, built once per language
    (a list that is empty or missing matches nothing)."""
    hit = _WORD_RES.get((id(rules), key))
    if hit is not None and hit[0] is rules:
        return hit[1]
    words = rules.data.get(key) or []
    pattern = re.compile(rf"(?<![\w])(?:{alt(words)})(?![\w])", re.IGNORECASE)
    _WORD_RES[(id(rules), key)] = (rules, pattern)
    return pattern


def _wordset(rules: Rules, key: str) -> frozenset[str]:
    """The normalised words of a list of the language data, built once per language."""
    hit = _WORDSETS.get((id(rules), key))
    if hit is not None and hit[0] is rules:
        return hit[1]
    words = frozenset(norm(w) for w in rules.data.get(key, []))
    _WORDSETS[(id(rules), key)] = (rules, words)
    return words


def _number(rules: Rules, word: str) -> float | None:
    if word.isdigit():
        return float(word)
    return rules.numbers.get(norm(word))


def _month_of(rules: Rules, word: str) -> int | None:
    return rules.months.get(norm(word).rstrip("."))


def _is_abbrev(rules: Rules, word: str) -> bool:
    w = norm(word).rstrip(".")
    value = rules.months.get(w)
    return any(k != w and k.startswith(w) and v == value for k, v in rules.months.items())


def _month_ok(rules: Rules, text: str, mstart: int, word: str, cued: bool) -> bool:
    """An ambiguous month word ("may", "mars", "sept") needs a cue or a capital."""
    w = norm(word).rstrip(".")
    if (
        not cued
        and rules.data.get("months_lowercase")
        and word[:1].isupper()
        and not _SENTENCE_START.search(text, max(0, mstart - 4), mstart)
        and not rules.since.search(text, max(0, mstart - 12), mstart)
        and not _cued_capital(rules, text, mstart, word)
    ):
        return False  # "la société Mai Holdings": a capital month mid-sentence is a name
    if _is_weekday(rules, w) and _beside_weekday(rules, text, mstart, mstart + len(word)):
        return False  # "de lunes a mar", "da mar a gio": a weekday beside weekdays
    if w not in rules.ambiguous_months or cued or _month_dash_before(rules, text, mstart):
        return True
    if rules.month_follow.match(text, mstart + len(word)):
        return True  # "Jan-Feb 2017"
    if rules.data.get("months_capitalized") and not word[:1].isupper():
        return False
    return bool(rules.month_cues.search(text, max(0, mstart - 30), mstart)) or bool(
        rules.modifier.search(text[max(0, mstart - 40) : mstart])
    )


_DASH_BEFORE = re.compile(r"([^\W\d_]+)\.?\s*[-\u2013]\s*\Z")


def _month_dash_before(rules: Rules, text: str, mstart: int) -> bool:
    """The second end of a range of months ("January-March", "Jan.\u2013May")."""
    mt = _DASH_BEFORE.search(text, max(0, mstart - 16), mstart)
    return mt is not None and norm(mt.group(1)) in rules.months


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?,?\s+\Z")


def _weekday_before(rules: Rules, text: str, start: int) -> bool:
    """A weekday written right before `start` ("Friday 7-6", "lun. 12-4")."""
    mt = _WORD_BEFORE.search(text, max(0, start - 16), start)
    return mt is not None and _is_weekday(rules, norm(mt.group(1)))


_CAPITAL_NEXT = re.compile(r"[\s,]+(?:[A-Z\u00c0-\u00de]|\d)")


def _cued_capital(rules: Rules, text: str, mstart: int, word: str) -> bool:
    """ "en Febrero": a capital month name in full right after a month cue word (not
    after a number word), not an ambiguous one and not followed by a capital or a number
    (a name: "en Mayo Clinic")."""
    w = norm(word).rstrip(".")
    if w in rules.ambiguous_months or _is_abbrev(rules, word):
        return False
    cue = rules.month_cues.search(text, max(0, mstart - 30), mstart)
    if cue is None:
        return False
    before = _WORD_BEFORE.search(text, max(0, cue.start() - 20), cue.start())
    word_before = norm(before.group(1)) if before is not None else ""
    if word_before and (
        _number(rules, word_before) is not None
        or word_before in rules.ordinals
        or word_before in rules.day_words
    ):
        return False  # "vigésimo segundo de Junho": the day before it is unread
    return not _CAPITAL_NEXT.match(text, mstart + len(word))


_WORD_PAIR_BEFORE = re.compile(r"([^\W\d_]+)\.?\s+([^\W\d_]+)\s+\Z")
_WORD_PAIR_AFTER = re.compile(r"\s+([^\W\d_]+)\s+([^\W\d_]+)")


def _beside_weekday(rules: Rules, text: str, start: int, end: int) -> bool:
    """A word that is both a month and a weekday abbreviation ("mar": marzo / martedì)
    joined by a range word to a weekday ("lun a mar", "mar a gio")."""
    before = _WORD_PAIR_BEFORE.search(text, max(0, start - 25), start)
    after = _WORD_PAIR_AFTER.match(text, end, min(len(text), end + 25))
    for first, second in ((before, 1), (after, 2)):
        if first is None:
            continue
        conn, wd = (first.group(2), first.group(1)) if second == 1 else first.groups()
        if norm(conn) in rules.connectors and _is_weekday(rules, norm(wd)):
            return True
    return False


def _is_weekday(rules: Rules, w: str) -> bool:
    """A normalised word naming a weekday in full or abbreviated ("mar", "jue.")."""
    w = w.rstrip(".")
    return w in rules.weekdays or w in _wordset(rules, "weekday_abbr")


def _counted_after(rules: Rules, text: str, end: int) -> bool:
    """ "encomendou em julho seis navios", "in July six ships": a number word that counts
    the noun after it, not a day or a year in words."""
    mt = rules.number_word_after.match(text, end)
    if mt is None:
        return False
    nxt = re.match(r"\s+([^\W\d_]+)", text[mt.end() : mt.end() + 30])
    if nxt is None:
        return False
    word = nxt.group(1)
    return (
        word.islower()
        and norm(word) not in rules.day_words
        and norm(word) not in rules.ordinals
        and norm(word) not in _wordset(rules, "spelled_year_words")
        # nor a conjunction, "of" or range word ("april ninth through seventeenth")
        and not any(
            norm(word) in _wordset(rules, key)
            for key in ("coord", "of_words", "range_infix", "articles")
        )
    )


def _homonym_after(rules: Rules, text: str, end: int) -> bool:
    """ "dezembro, segundo as contas": after a comma, a number word that is also a
    preposition of the language ("segundo" = according to) is not a day."""
    mt = re.match(r"\s*,\s*([^\W\d_]+)", text[end : end + 30])
    return mt is not None and norm(mt.group(1)) in _wordset(rules, "number_homonyms")


def _bare_quarter_ok(rules: Rules, text: str, s: int, e: int, g: dict[str, str | None]) -> bool:
    """ "au T3", "del 3T", "no 3T": a year-less quarter abbreviation after a cue word of the
    data (a preposition or determiner of a period), written as one token."""
    qa = g.get("qa") or ""
    if not qa.isupper() or qa not in (rules.data.get("quarter_abbr") or []):
        return False
    if re.search(r"\s", text[s:e]):
        return False
    prev = _NEXT_WORD.search(text, max(0, s - 20), s)
    return prev is not None and norm(prev.group(1)) in _wordset(rules, "bare_quarter_cues")


_WORD_NEXT = re.compile(r"\s+([^\W\d_]{3,})")


_NUMBER_AT = re.compile(r"[\s,]*\d+(?:[.,]\d+)?")


def _figure_after(rules: Rules, text: str, end: int) -> bool:
    """The number after `end` is a figure ("donderdag 11 procent", "Monday 5 million"),
    not the rest of a date."""
    number = _NUMBER_AT.match(text, end)
    return number is not None and rules.after_blockers.match(text, number.end()) is not None


def _counts_noun(rules: Rules, text: str, end: int) -> bool:
    """A noun follows the number word ending at `end` ("lundi trois parcs"): it counts
    that noun; not a month, a number or an ordinal word ("lundi quatre mai", "the twenty
    second")."""
    after = _WORD_NEXT.match(text, end)
    if after is None:
        return False
    word = norm(after.group(1))
    return not (
        word in rules.months
        or word in rules.numbers
        or word in rules.ordinals
        or word in rules.day_words
        or word in _wordset(rules, "of_words")
    )


_FIGURE_SOON = re.compile(r"[^.;\n\d]{0,16}\d")
_SYMBOL_THEN_NUMBER = re.compile(r"\s*[$€£¥]\s?\d")


def _blocked(rules: Rules, text: str, start: int, end: int) -> bool:
    """A number that is an amount, a count or a page, not a date."""
    blocker = rules.after_blockers.match(text, end)
    if blocker is not None and not _SYMBOL_THEN_NUMBER.match(text, end):
        return True  # (but "vanaf 2028 € 40 miljoen": the sign is the next amount's)
    before = text[max(0, start - 12) : start]
    if rules.before_blockers.search(before):
        return True
    return bool(re.search(r"\d[\s\u00a0\u202f.,]\Z|[$€£¥]\s*\Z", before))


def _year_in_words(rules: Rules, text: str, end: int) -> bool:
    """A year spelled out after a day ("2 de octubre de dos mil veinte"); a number word
    after a comma is the next clause ("al 31 dicembre, prima del pagamento", "a 30 de
    junio, nueve millones más")."""
    mt = rules.number_word_after.match(text, end)
    if mt is None:
        return False
    said = mt.group(0)
    next_clause = norm(said.split()[-1]) in rules.ordinals or bool(
        rules.after_blockers.match(text, mt.end())
    )
    return not (said.lstrip().startswith(",") and next_clause)


def _spelled_before(rules: Rules, text: str, start: int) -> bool:
    """A number in words right before `start` ("quatre octobre", "vigésimo segundo")."""
    if start == 0 or text[start - 1] not in " -\t\n\u00a0":
        return False
    words = norm(text[max(0, start - 30) : start]).split()
    return any(" ".join(words[-k:]) in rules.spelled_words for k in (1, 2, 3) if len(words) >= k)


def _dm_order(rules: Rules, a: int, b: int) -> tuple[int, int] | None:
    """(day, month) of two numbers, the language's order first, swapped if impossible."""
    month_first = rules.lang == "en"
    d, m = (b, a) if month_first else (a, b)
    if m > 12 and d <= 12:
        d, m = m, d
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return d, m


def _roman(numeral: str) -> int:
    """XXI -> 21 (centuries only: I, V, X); 0 when not a well-formed numeral."""
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(numeral):
        v = values.get(ch, 0)
        if v == 0:
            return 0
        total += -v if i + 1 < len(numeral) and values.get(numeral[i + 1], 0) > v else v
    return total


def _atom(rules: Rules, name: str, mt: re.Match[str], text: str) -> _Atom | None:
    g = mt.groupdict()
    s, e = mt.span()
    y: int | None
    m: int | None
    if name == "ymd":
        if g["s"] == " " and (len(g["m"]) != 2 or len(g["d"]) != 2):
            return None  # "2016 10 16" only with two-digit month and day
        y, m, d = int(g["y"]), int(g["m"]), int(g["d"])
        return _Atom(s, e, "day", y=y, m=m, d=d) if valid(y, m, d) else None
    if (
        name == "dm_dash"
        and not (
            (rules.range_open.search(text, max(0, s - 15), s) and rules.dash_pair.match(text, e))
            or rules.dash_pair_before.search(text, max(0, s - 30), s)
            or _weekday_before(rules, text, s)  # "maandag 12-4", "Friday 7-6"
            or (  # "op 22-4", "on 4-22": a day cue and a number only a day can be
                max(int(g["a"]), int(g["b"])) > 12
                and rules.day_cues.search(text, max(0, s - 15), s)
                and not rules.range_open.search(text, max(0, s - 15), s)
                and not re.match(r"\s*[.,]?\d", text[e:])
            )
        )
    ):
        return None
    if name == "dmy" and g.get("yc"):  # "12/08,2015": the year after a comma
        g = {**g, "y": g["yc"]}
    if (
        name == "dmy"
        and g["s"] == " "
        and (
            len(g["y"]) != 4
            or _DIGIT_BEFORE.search(text, 0, s)
            or not (
                (g["a"][0] == "0" and g["b"][0] == "0")
                or rules.day_cues.search(text, max(0, s - 15), s)
                or re.match(r"\s*(?:[.,;:!?)]|\Z)", text[e:])
            )
        )
    ):
        return None  # "le 18 8 1978", "02 04 2009": a four-digit year and a cue, not a count
    if name == "ord_dm":
        if not (g.get("dw") or g.get("mw")) or _DIGIT_BEFORE.search(text, max(0, s - 3), s):
            return None  # "am 7.4." is read by its own pattern
        if not g.get("wd") and not rules.day_cues.search(text, max(0, s - 15), s):
            return None  # "7. vierter" needs its cue ("am") or its weekday
        d = int(g["dn"]) if g.get("dn") else rules.day_words.get(norm(g["dw"]), 0)
        m = int(g["mn"]) if g.get("mn") else rules.day_words.get(norm(g["mw"]), 0)
        y = int(g["y"]) if g.get("y") else None
        return _Atom(s, e, "day", y=y, m=m, d=d) if valid(y or 2000, m, d) else None
    if name == "dm_of" and not rules.day_cues.search(text, max(0, s - 15), s):
        return None  # "el 17 del 11" needs its cue
    if name in ("dmy", "dm_slash", "dm_dash", "dmy_of", "dm_of"):
        if name == "dm_slash" and not (
            rules.day_cues.search(text, max(0, s - 15), s)
            or rules.range_open.search(text, max(0, s - 15), s)
            or rules.dm_pair.match(text, e)
            or rules.dm_pair_before.search(text, max(0, s - 12), s)
            or ((g["a"][0] == "0" or g["b"][0] == "0") and not _DIGIT_BEFORE.search(text, 0, s))
        ):
            return None  # "22/04", "08/12" written with a leading zero are dates
        dm = _dm_order(rules, int(g["a"]), int(g["b"]))
        if dm is None:
            return None
        y = year2(g["y"]) if g.get("y") else None
        if y is not None and not valid(y, dm[1], dm[0]):
            return None
        return _Atom(s, e, "day", y=y, m=dm[1], d=dm[0])
    if name == "dM_sep":
        m, d = _month_of(rules, g["m"]), int(g["d"])
        return _Atom(s, e, "day", m=m, d=d) if m and valid(2000, m, d) else None
    if name == "mixed":
        parts = [g["p1"], g["p2"], g["p3"]]
        months = [p for p in parts if not p.isdigit()]
        years = [p for p in parts if p.isdigit() and len(p) == 4]
        days = [p for p in parts if p.isdigit() and len(p) <= 2]
        if len(months) != 1 or len(years) != 1 or len(days) != 1:
            return None
        m, y, d = _month_of(rules, months[0]), int(years[0]), int(days[0])
        return _Atom(s, e, "day", y=y, m=m, d=d) if m and valid(y, m, d) else None
    if name in ("dMy", "yMd"):
        y, m, d = year2(g["y"]), _month_of(rules, g["m"]), int(g["d"])
        return _Atom(s, e, "day", y=y, m=m, d=d) if m and valid(y, m, d) else None
    if name == "dm_dot":
        padded = len(g["d"]) == 2 and len(g["m"]) == 2  # "28.10.": written out, a date
        day_cue = rules.day_cues.search(text, max(0, s - 15), s)
        if (not padded or g.get("sp")) and day_cue is None:
            return None  # "am 27. 11." needs its cue
        d, m = int(g["d"]), int(g["m"])
        return _Atom(s, e, "day", m=m, d=d) if valid(2000, m, d) else None
    if name in ("my_num", "ym_num"):
        y, m = int(g["y"]), int(g["m"].rstrip("/-~. \t"))
        if not 1 <= m <= 12 or (name == "ym_num" and (y + 1) % 100 == m):
            return None
        return _Atom(s, e, "month", y=y, m=m)
    if name in ("dM", "Md"):
        m = _month_of(rules, g["m"])
        if m is None:
            return None
        if g.get("y2e"):  # "1er avril 78", "23 de novembro de 82"
            if _blocked(rules, text, e - 2, e) or _blocked(rules, text, s, s):
                return None  # "$12 December 27": an amount, then a day
            g = {**g, "y": str(year2(g["y2e"]))}
        if g.get("do"):
            d = rules.ordinals.get(norm(g["do"]), 0)
        elif g.get("dw"):
            d = rules.day_words.get(norm(g["dw"]), 0)
            following = re.split(r"[\s\-]+", text[mt.end("dw") : mt.end("dw") + 24].strip())
            if following and norm(following[0].strip(".,;:")) in rules.part_words:
                return None  # "in March first-quarter sales": an ordinal of something else
            if (
                name == "Md"
                and following
                and following[0][:1].isalpha()
                and following[0][:1].islower()
            ):
                return None  # "encomendou em julho seis navios": a count after the month
        else:
            d = int(g["d"])
        y = int(g["y"]) if g.get("y") else None
        if not (1 <= d <= 31) or not valid(y or 2000, m, d):
            return None
        if not _month_ok(rules, text, mt.start("m"), g["m"], cued=True):
            return None
        if name == "Md" and y is None and g.get("d") and _blocked(rules, text, mt.start("d"), e):
            return None
        if (
            name == "Md"
            and _DAY_BEFORE.search(text, max(0, s - 4), s)
            and not _AMOUNT_BEFORE.search(text, max(0, s - 16), s)
        ):
            return None  # "13 Sept nineteen...": the day came before the month
        if name == "dM" and y is None and g.get("d") and _blocked(rules, text, s, s):
            return None  # "$12 December": an amount
        if _spelled_before(rules, text, s) or (y is None and _year_in_words(rules, text, e)):
            return None  # "vigésimo segundo de junio", "2 de octubre de dos mil veinte"
        if y is None and _UNREAD_YEAR.match(text, e):
            return None  # "5 Dicembre 1391": a year we do not read, so no date
        if y is None and text[e - 1] == "." and not _is_abbrev(rules, g["m"]):
            e -= 1
        return _Atom(s, e, "day", y=y, m=m, d=d)
    if name in ("drange", "Mdrange", "dMdrange"):
        m = _month_of(rules, g["m"])
        d1, d2 = int(g["d1"]), int(g["d2"])
        y = int(g["y"]) if g.get("y") else None
        if m is None or not (1 <= d1 < d2) or not valid(y or 2000, m, d2):
            return None
        follow = re.match(r"\s+([^\W\d_]+)", text[e : e + 30])
        if y is None and follow is not None and norm(follow.group(1)) in rules.units:
            return None  # "May 3 and 7 days later": a count of days, not a day
        if not _month_ok(rules, text, mt.start("m"), g["m"], cued=True):
            return None
        if y is None and rules.number_word_after.match(text, e):
            return None  # "from 2 to 7 Feb, two thousand and eighteen": a year we do not read
        if y is None and text[e - 1] == "." and not _is_abbrev(rules, g["m"]):
            e -= 1
        # the day range is kept as the day atom of d1 plus the span of d2 days
        return _Atom(s, e, "day", y=y, m=m, d=d1, week=d2)
    if name in ("qabbr", "qabbr_post", "yqabbr"):
        q = int(g["q"])
        half = g["qa"].upper() in {w.upper() for w in rules.data.get("half_abbr", [])}
        if g["qa"].upper() in {w.upper() for w in rules.data.get("quarter_abbr", [])}:
            half = False
        y = year2(g["y"]) if g.get("y") else None
        if y is None and g["qa"] != _BARE_QUARTER and not _bare_quarter_ok(rules, text, s, e, g):
            return None  # "T2" is a flat, "q3" a typo: only "Q3" stands alone ("au T3": a quarter)
        if not (y or g["qa"].isupper()):
            return None
        if half:  # a half-year is two quarters: its grain is the quarter
            return _Atom(s, e, "quarter", y=y, h=q) if q <= 2 else None
        return _Atom(s, e, "quarter", y=y, q=q)
    if name == "qword":
        if g.get("oc"):
            glued = {norm(k): int(v) for k, v in rules.data["compound_ordinals"].items()}
            o = glued.get(norm(g["oc"]), 0)
        else:
            o = rules.ordinals.get(norm(g["o"]), 0)
        y = int(g["y"]) if g.get("y") else None
        if o == -1:
            if y is None:
                return None
            o = 4 if g.get("qw") else 2
        if g.get("hw"):
            if o not in (1, 2):
                return None
            this_year = rules.of_this_year.match(text, e) if y is None else None
            if this_year is not None and _YEAR_AHEAD.match(text, this_year.end()):
                this_year = None  # "secondo semestre dell'esercizio 2024/2025": that year's
            if this_year is not None:  # "the second half of the year"
                return _Atom(s, this_year.end(), "quarter", h=o, this_year=True)
            amb = _wordset(rules, "ambiguous_half_words")
            hyphen = bool(g.get("o")) and text[mt.end("o") : mt.start("hw")] == "-"  # "second-half"
            if (
                y is None
                and norm(g["hw"]) in amb
                and not hyphen
                and not _of_relative_year_re(rules).match(text, e)
            ):
                return None  # "la mitad de", "de helft": no half-year without a year
            return _Atom(s, e, "quarter", y=y, h=o)
        return _Atom(s, e, "quarter", y=y, q=o) if 1 <= o <= 4 else None
    if name in ("fiscal", "fiscal_after", "split_year"):
        y = year2(g["y"])
        said_fiscal = name != "split_year"
        if not g.get("y2"):
            return _Atom(s, e, "year", y=y, fiscal=said_fiscal)
        y2 = year2(g["y2"]) if len(g["y2"]) == 4 else y // 100 * 100 + int(g["y2"])
        if name == "split_year" and g.get("s") == "/" and y2 != y + 1:
            return None
        if not y < y2 <= y + 10:
            return None
        # "Geschäftsjahr 2024/25", "exercice 2025-2026", "2024/25": ONE fiscal year
        one = y2 == y + 1 and (said_fiscal or g.get("s") == "/")
        return _Atom(s, e, "year", y=y, y_end=y2, fiscal=one)
    if name == "weeknum":
        w = int(g["w"])
        if not 1 <= w <= 53 or _blocked(rules, text, mt.start("w"), e):
            return None
        y = int(g["y"]) if g.get("y") else None
        if y is None and rules.number_word_after.match(text, e):
            return None  # "semana 3 de dois mil e vinte e sete": a year we do not read
        return _Atom(s, e, "week", y=y, week=w)
    if name == "decade":
        has_suffix_rule = bool(rules.data.get("decade_after"))
        if (has_suffix_rule and not g.get("suf")) or (not has_suffix_rule and not g.get("pre")):
            return None
        dd = g["dd"]
        if len(dd) == 2:
            return _Atom(s, e, "year", y=-int(dd), y_end=-int(dd))  # century from the reference
        y = int(dd)
        return None if _blocked(rules, text, s, e) else _Atom(s, e, "year", y=y, y_end=y + 9)
    if name == "decade_word":
        words = {norm(k): int(v) for k, v in (rules.data.get("decade_words") or {}).items()}
        cents = {norm(k): int(v) for k, v in (rules.data.get("decade_centuries") or {}).items()}
        value = words.get(norm(g["dw"]))
        if value is None or _spelled_before(rules, text, s) or _DAY_BEFORE.search(text, 0, s):
            return None  # "tre anni trenta dipendenti": a count of years, then a number
        if value >= 100:  # "the noughties", "die Zweitausender": a decade named whole
            return _Atom(s, e, "year", y=value, y_end=value + 9)
        if g.get("cent"):
            y = cents.get(norm(g["cent"]), 0) + value
            return _Atom(s, e, "year", y=y, y_end=y + 9) if y >= 1000 else None
        return _Atom(s, e, "year", y=-value, y_end=-value) if value else None
    if name == "holiday":
        rule = rules.holidays.get(norm(g["hol"]))
        if rule is None:
            return None
        tail = rules.holiday_tail.match(text, e) if not g.get("y") else None
        is_weekend = tail is not None and norm(tail.group().strip()) in _wordset(
            rules, "weekend_words"
        )
        if tail is not None and _month_of(rules, tail.group().strip()) is None and not is_weekend:
            # "Natale Rossi", "Christmas sales": no date, nor one for the words inside
            return _Atom(s, tail.end(), "day", void=True)
        y = int(g["y"]) if g.get("y") else None
        off = rules.rel_before.get(norm(g["rb"])) if g.get("rb") else None
        # "next Easter": the coming one; "this Christmas": of the reference year
        return _Atom(s, e, "day", y=y, hol=rule, future=off == 1, this_year=off == 0)
    if name == "season":
        return _Atom(s, e, "month", y=int(g["y"]), season=rules.seasons[norm(g["se"])])
    if name == "told":  # resolved against the mentions before it, in `_combine`
        kind = next(k for k in ("tq", "th", "ty", "tp", "tn") if g.get(k))
        if rules.modifier.search(text[max(0, s - 40) : mt.start(kind)]):
            return None  # "at the end of the quarter": the current one, read as a unit
        head = text[max(0, s - 20) : s].split()
        if head and norm(head[-1].strip(",")) in rules.units:
            return None  # "het derde kwartaal van het boekjaar": a part of it, read there
        soon = _FIGURE_SOON.match(text, e) if kind in ("ty", "tp", "tn") else None
        if soon is not None and kind == "tp":  # "the period to 30 June", not "period, 5 stores"
            said = {norm(w) for w in re.findall(r"[^\W\d_]+", soon.group())}
            soon = soon if said & _wordset(rules, "fiscal_close_words") else None
        if soon is not None:
            # "het boekjaar per 30 juni 2025", "nei nove mesi chiusi al 30 settembre": a
            # period read by its close
            return None
        if kind == "tn":  # "in den neun Monaten": the nine months named before
            n = _number(rules, g["tn"])
            if n is None or n != int(n) or not 1 < n < 12:
                return None
            return _Atom(s, e, "month", told=int(n))
        if kind == "tp":  # any size: 0
            same = _word_re(rules, "same_words").search(text, s, e)
            clause = _clause_start(text, s)
            base = _after_comparison(rules, text, s) or bool(
                _word_re(rules, "change_from_words").search(text, clause, s)
            )
            if same and base:
                return None  # "from £2m in the same period": a comparison base, a year back
            return _Atom(s, e, "quarter", told=0)
        size = {"tq": 3, "th": 6}.get(kind, 12)
        return _Atom(s, e, "year" if kind == "ty" else "quarter", told=size)
    if name == "season_bare":  # the year is the latest such season's, or the next one's
        at = mt.start("ar") if g.get("ar") else mt.start("se")
        return _Atom(at, e, "month", season=rules.seasons[norm(g["se"])])
    if name == "my":
        m = _month_of(rules, g["m"])
        if m is None:
            return None
        y = int(g["y"]) if g.get("y") else None
        if g.get("y2e") and int(g["y2e"]) <= 31:
            return None  # "Feb 30": a day that does not exist, not the year 2030
        if g.get("y2d") or g.get("y2e"):
            two = g.get("y2d") or g["y2e"]
            if _blocked(rules, text, e - len(two), e):
                return None
            y = year2(two)  # "juillet 98", "April of '87"
        if y is None and _UNREAD_YEAR.match(text, e):
            return None
        if y is None and (
            _spelled_before(rules, text, s)
            or (
                rules.number_word_after.match(text, e)
                and not _homonym_after(rules, text, e)
                and not _counted_after(rules, text, e)
                and not text[s:e].endswith(".")  # "depuis janvier. Plusieurs analystes"
            )
        ):
            return None  # "quatre octobre", "June twenty-two": a day in words we do not read
        if re.search(r"\d\.\s*\Z", text[max(0, s - 4) : s]):
            return _Atom(s, e, "month", void=True)  # "16. Nov. 2016", its day unread: none
        nxt = text[e : e + 24].split()
        # "the March quarter": a capital month names the quarter that ends with it
        period = y is None and g["m"][:1].isupper() and bool(rules.month_period.match(text, e))
        if y is None and nxt and norm(nxt[0].strip(".,;:")) in rules.part_words and not period:
            return None  # "des sept mois": the number "sept", not September
        cued = bool(g.get("mp")) or y is not None or period
        if not _month_ok(rules, text, mt.start("m"), g["m"], cued=cued):
            return None
        if y is None and text[e - 1] == "." and not _is_abbrev(rules, g["m"]):
            e -= 1
        return _Atom(s, e, "month", y=y, m=m)
    if name == "ym":
        m = _month_of(rules, g["m"])
        # "2018 May": a capital month right after its year is cued where months take one
        capital = bool(rules.data.get("months_capitalized")) and g["m"][:1].isupper()
        if m is None or not _month_ok(rules, text, mt.start("m"), g["m"], cued=capital):
            return None
        if text[e - 1] == "." and not _is_abbrev(rules, g["m"]):
            e -= 1  # "2021 May.": the sentence's full stop
        return _Atom(s, e, "month", y=int(g["y"]), m=m)
    if name == "first_n":
        # "les neuf premiers mois": the first months of a year, never a length of time
        pre, post = g.get("pre"), g.get("post")
        n = _number(rules, g["n"])
        unit = rules.units.get(norm(g["u"]))
        if unit == "quarter" and n is not None and 1 < n < 4:
            n, unit = n * 3, "months of quarters"  # "in den ersten drei Quartalen": nine months
        if unit not in ("month", "months of quarters") or n is None or not 1 < n < 12:
            return None
        articles = _wordset(rules, "articles")
        article_only = pre is not None and norm(pre) in articles
        if not post and (pre is None or article_only):
            return None
        y = int(g.get("y") or g.get("yd") or 0) or None
        grain: Grain = "quarter" if unit == "months of quarters" else "month"
        return _Atom(s, e, grain, y=y, m=1, first_n=int(n), this_year=bool(g.get("yu")))
    if name == "yrange":
        y, y2 = int(g["y"]), int(g["y2"])
        if (
            not y < y2
            or re.search(r"\d\s?-\s?\Z", text[max(0, s - 4) : s])
            or re.match(r"\s?-\s?\d", text[e:])
        ):
            return None
        return _Atom(s, e, "year", y=y, y_end=y2)
    if name == "century":
        raw = g.get("cn") or g.get("cr") or ""
        c = int(raw) if raw.isdigit() else _roman(raw) if raw.isupper() else 0
        if not 2 <= c <= 21:
            return None
        return _Atom(s, e, "year", y=(c - 1) * 100, y_end=(c - 1) * 100 + 99)
    if name == "old_year":  # the year alone is the mention, as "2024" after "en"
        grp = "y" if g.get("y") else "y2"
        return _Atom(mt.start(grp), mt.end(grp), "year", y=int(g[grp] or 0))
    if name == "year":
        ys = mt.start("y")
        if re.search(r"\d\s?-\s?\Z", text[max(0, s - 4) : s]) or re.match(r"\s?-\s?\d", text[e:]):
            return None
        if _blocked(rules, text, ys, e) or rules.year_piece.match(text, e):
            return None
        if _PIECE_BEFORE_YEAR.search(text, max(0, s - 24), s):
            # "12-08, 2015", "05.  2016", "7. vierter 2016": the rest of a date unread
            return None
        if _OLD_YEAR_BEFORE.search(text, max(0, s - 24), s):
            return None  # "desde 1840 hasta 2000": a range from a year we do not read
        return _Atom(s, e, "year", y=int(g["y"]))
    return None


def _weekday_dom(ref: date, wd: int, dom: int) -> date | None:
    """ "Tuesday the 11th": the latest such day, or the next one when it comes within a
    month and sooner ("Tuesday the 11th" written on Monday the 10th)."""
    first = ref.replace(day=1)
    latest: date | None = None
    coming: date | None = None
    for step in range(-60, 3):
        month_start = add_months(first, step)
        if dom <= calendar.monthrange(month_start.year, month_start.month)[1]:
            day = month_start.replace(day=dom)
            if day.weekday() == wd and day <= ref:
                latest = day
            elif day.weekday() == wd and coming is None:
                coming = day
    best = latest
    wait = (coming - ref).days if coming is not None else 99
    if wait <= 31 and (latest is None or wait < (ref - latest).days):
        best = coming
    return best


_UNIT_ORDER = {"decade": 0, "year": 1, "half": 2, "quarter": 3, "month": 4, "fortnight": 5}


def _length(rules: Rules, words: str) -> tuple[float, str] | None:
    """ "21 days", "a month", "twee weken": (number, unit), or None."""
    tokens = [t for t in re.split(r"[\s,]+", words.strip()) if t]
    for k in (2, 1):
        if len(tokens) > k:
            unit = rules.units.get(norm(" ".join(tokens[-k:])))
            n = _number(rules, " ".join(tokens[:-k]))
            if unit is not None and n is not None and n == int(n) and n > 0:
                return n, unit
    return None


@_per_language
def _bare_day_res(rules: Rules) -> tuple[re.Pattern[str], ...]:
    """(weekday abbreviation, article, bare-day article, day cue) just before a day
    number, and a month just after it, for the language."""
    data = rules.data
    art = alt(data.get("articles") or [])
    abbr = alt(data.get("weekday_abbr") or [])
    bare = alt(data.get("bare_day_articles") or [])
    of = alt(data.get("of_words") or [])
    flags = re.IGNORECASE
    return (
        re.compile(rf"(?<![\w])(?:{abbr})\.?,?\s+(?:(?:{art})\s+)?\Z", flags),
        re.compile(rf"(?<![\w])(?:{art})\s+\Z", flags),
        re.compile(rf"(?<![\w])(?:{bare})\s+\Z", flags),
        re.compile(rf"\s*(?:(?:{of})\s+)?(?P<w>[^\W\d_]+)", flags),
    )


def _bare_day(
    rules: Rules, g: dict[str, str | None], s: int, e: int, text: str, ref: date
) -> _Atom | None:
    """ "on the 18th", "op de 15e", "el día 21", "il 27.": the latest such day not after
    the reference date; "Mon 13th": the nearest Monday the 13th; "september de 16e": that
    month's day."""
    if g.get("dn"):
        d = int(g["d1"] or 0)
    else:
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in ".,/"):
            return None  # the tail of a bigger number
        d = int(text[s : s + 2] if text[s + 1 : s + 2].isdigit() else text[s])
    abbr, art, bare, word_after = _bare_day_res(rules)
    follow = word_after.match(text, e)
    if not 1 <= d <= 31 or (follow is not None and _month_of(rules, follow.group("w"))):
        return None  # "22e jan": a whole date, read by its own pattern
    window = max(0, s - 24)
    if g.get("suf"):
        wa = abbr.search(text, window, s)
        if wa is not None:  # "Mon 13th"
            word = norm(wa.group().split()[0]).rstrip(".,")
            days = {v for k, v in rules.weekdays.items() if k.startswith(word)}
            best = _weekday_dom(ref, days.pop(), d) if len(days) == 1 else None
            return _Atom(wa.start(), e, "day", fixed=(best, best), inferred=True) if best else None
        lead = art.search(text, window, s)
        if lead is None and not rules.day_cues.search(text, max(0, s - 15), s):
            return None
        s = lead.start() if lead is not None else s
    elif g.get("end") is not None:
        lead = bare.search(text, window, s)
        if lead is None:
            return None
        after = e + 1 if text[e : e + 1] == "." else e
        if _DIGIT_NEXT.match(text, after) or rules.number_word_after.match(text, after):
            return None  # "am 7. vierter", "am 27. 11.": a month we did not read
        s = lead.start()
    if g.get("dn"):
        lead = art.search(text, window, s)
        s = lead.start() if lead is not None else s  # "el día 3"
    if not rules.bare_day_after.match(text, e):
        return None
    if _blocked(rules, text, s, e) or rules.of_next.match(text, e):
        return None
    named = re.search(r"([^\W\d_]+\.?)[\s,]+\Z", text[max(0, s - 16) : s])
    m = _month_of(rules, named.group(1)) if named is not None else None
    if named is not None and m is not None:  # "september de 16e": that month's day
        begin = max(0, s - 16) + named.start()
        return _Atom(begin, e, "day", m=m, d=d) if valid(2000, m, d) else None
    month = ref.replace(day=1)
    for _ in range(3):
        if d <= calendar.monthrange(month.year, month.month)[1] and month.replace(day=d) <= ref:
            return _Atom(s, e, "day", y=month.year, m=month.month, d=d, inferred=True)
        month = add_months(month, -1)
    return None


def _compound_part(rules: Rules, phrase: str, coord: frozenset[str]) -> tuple[float, str] | None:
    """One length of a compound ("21 days" in "1 month and 21 days"), its "and" dropped."""
    words = [w for w in phrase.replace(",", " ").split() if norm(w) not in coord]
    return _length(rules, " ".join(words))


def _ago(
    rules: Rules, g: dict[str, str | None], s: int, e: int, text: str, ref: date
) -> _Atom | None:
    """ "3 days ago", "il y a deux ans", "1 month and 21 days ago": the day that far back,
    a compound length added up."""
    n = _number(rules, g.get("n") or g.get("nn") or "")
    unit = rules.units.get(norm(g.get("u") or g.get("u2") or ""))
    if n is None or unit is None or n != int(n):
        return None
    parts = [(n, unit)]
    coord = _wordset(rules, "coord")
    while g.get("post"):  # "1 month, 21 days ago": the lengths before the first one
        cb = rules.compound_before.search(text, max(0, s - 30), s)
        if cb is None:
            break
        head = norm(text[max(0, cb.start() - 16) : cb.start()])
        if any(head.endswith(w) for w in _wordset(rules, "last_n_before")):
            break  # "the last 3 months and 2 days ago": two expressions
        part = _compound_part(rules, cb.group(), coord)
        if part is None:
            return None
        parts.append(part)
        s = cb.start()
    while not g.get("post"):  # "hace 2 años y 3 días": the lengths after it
        ca = rules.compound_after.match(text, e)
        if ca is None:
            break
        part = _compound_part(rules, ca.group(), coord)
        if part is None:
            return None
        parts.append(part)
        e = ca.end()
    day = ref
    for count, u in sorted(parts, key=lambda p: _UNIT_ORDER.get(p[1], 9)):
        day = shift(day, -count, u)
    # "up from $6.9m a year ago", "frente a 6,9 millones hace un año": the period the
    # sentence names, a year back (the day a year back when it names none)
    if parts == [(1, "year")] and _after_comparison(rules, text, s):
        return _Atom(s, e, "day", fixed=(day, day), inferred=True, anaphoric=True, local=True)
    return _Atom(s, e, "day", fixed=(day, day), inferred=True)


def _one_before(rules: Rules, text: str, at: int) -> bool:
    """The word before `at` is an article read as one ("een", "a")."""
    words = text[max(0, at - 12) : at].split()
    return bool(words) and norm(words[-1]) in _wordset(rules, "articles_as_one")


def _ahead(
    rules: Rules, g: dict[str, str | None], s: int, e: int, text: str, ref: date
) -> _Atom | None:
    """ "in two weeks": the day that far ahead; "within 9 months": the days from the news
    to then, in a sentence that speaks of the future ("will", "is expected to"). Both are
    lengths too (see `extract_durations`); elsewhere only a length ("sold out in two
    weeks", "up 50% in two years")."""
    n = _number(rules, g.get("n") or "")
    unit = rules.units.get(norm(g.get("u") or ""))
    if n is None or unit is None or n != int(n) or n <= 0:
        return None
    if rules.compound_after.match(text, e) or rules.offset_tail.match(text, e):
        return None  # "within 5 years 1 month", "in two days from today": read otherwise
    if norm(g.get("n") or "") in _wordset(rules, "vague_numbers"):
        return None  # "within a few months": no day to name
    past, future = _tense(rules, text, _clause_start(text, s), _clause_end(text, e))
    if not g.get("tm") and (
        (past and not future) or not _tense(rules, text, *_sentence_span(text, s, e))[1]
    ):
        # a length only ("sold out in two weeks", "up 50% in two years"); but "said the
        # deal would add to earnings within two years" is reported future
        return None
    if not g.get("wb") and not _leads(text, s):
        return None  # "invertir 60 millones en tres años": spent over them, not that day
    lead = " " + norm(text[max(0, s - 25) : s]).rstrip()
    if any(lead.endswith(" " + w) for w in _wordset(rules, "record_before_in_n")):
        return None  # "o primeiro em três anos", "its lowest in a decade": the time since
    end = shift(ref, n, unit)
    if g.get("wb"):
        grain = cast(Grain, unit if unit in _GRAIN_RANK else _UNIT_GRAIN.get(unit, "month"))
        return _Atom(s, e, grain, fixed=(ref, end - timedelta(days=1)), inferred=True)
    return _Atom(s, e, "day", fixed=(end, end), inferred=True)


def _from_news(rules: Rules, g: dict[str, str | None]) -> bool:
    """A next-word before the number that counts from the news ("the next", "komende"),
    not from an event told ("the following two quarters", "de volgende twee jaar")."""
    said = g.get("nb")
    return bool(said) and norm(said or "") not in _wordset(rules, "next_n_after_event")


def _leads(text: str, s: int) -> bool:
    """No figure stands before `s` in its clause: a length there leads what it spans
    ("belooft de komende vier jaar € 20 miljoen"), where one after an amount spans the
    amount only ("ha promesso di spendere 8 milioni nei prossimi tre anni")."""
    return _DIGIT.search(text, _clause_start(text, s), s) is None


def _relative(rules: Rules, name: str, mt: re.Match[str], text: str, ref: date) -> _Atom | None:
    """Expressions that only mean something against the reference date."""
    g = mt.groupdict()
    s, e = mt.span()
    if name == "ago":
        return _ago(rules, g, s, e, text, ref)
    if name == "lastn" and (
        rules.compound_before.search(text, max(0, s - 30), s) or rules.compound_after.match(text, e)
    ):
        return None  # "the last 3 months and 2 weeks": a compound length we do not add up
    if name == "wd_day":
        if rules.after_blockers.match(text, e):
            return None  # "verloor donderdag 11 procent": a figure, read as the weekday alone
        wd = rules.weekdays[norm(g["wd"])]
        dom = int(g["d"]) if g.get("d") else rules.day_words.get(norm(g.get("dw") or ""), 0)
        if rules.number_word_after.match(text, e) or _DIGIT_NEXT.match(text, e):
            return None  # "Friday the twenty" + "second", "Donnerstag 7. vierter": unread
        following = text[e : e + 20].split()
        if following and norm(following[0].strip(".,;:")) in rules.units:
            return None  # "Sunday 3 weeks after...": a count of units, not a day
        gap = norm(text[mt.end("wd") : mt.start("dw")]) if g.get("dw") else ""
        cardinal = g.get("dw") and norm(g["dw"]) in rules.numbers and not gap.strip(" ,")
        if cardinal and not rules.data.get("weekday_cardinal_days"):
            return None  # "Monday two analysts said": a count, not "Monday the second"
        if cardinal and _counts_noun(rules, text, e):
            return None  # "a remporté lundi trois parcs": a count of what follows
        if not 1 <= dom <= 31:
            return None
        best = _weekday_dom(ref, wd, dom)
        return _Atom(s, e, "day", fixed=(best, best), inferred=True) if best else None
    if name == "weekday_cued":  # "na sexta": the weekday, its cue left out as a preposition
        cued = _relative(rules, "weekday", mt, text, ref)
        return replace(cued, start=mt.start("wd")) if cued is not None else None
    if name == "weekday":
        if rules.weekday_tail.match(text, e) and not _figure_after(rules, text, e):
            return None  # "vendredi 12/5": a date whose other parts we did not read
        if g.get("wa"):  # "Tue to Thur": an abbreviation, only beside another weekday
            word = norm(g["wa"])
            named = {v for k, v in rules.weekdays.items() if k.startswith(word)}
            if len(named) != 1 or not _beside_weekday(rules, text, s, e):
                return None
            wd = named.pop()
        else:
            wd = rules.weekdays[norm(g["wd"])]
        nth = rules.nth_bare.search(text, max(0, s - 20), s)
        o = rules.ordinals.get(norm(nth.group("o")), 0) if nth is not None else 0
        if nth is not None and o > 0 and not rules.of_next.match(text, e):
            # "le troisième mardi": of the reference month
            first = ref.replace(day=1)
            day = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (o - 1))
            if o > 5 or day.month != ref.month:
                return _Atom(nth.start(), e, "day", void=True)  # "the fifth Sunday": none
            return _Atom(nth.start(), e, "day", fixed=(day, day), inferred=True)
        nxt = re.findall(r"[^\W\d_]+", text[e : e + 24])[:2]
        counted = len(nxt) == 2 and norm(nxt[1]) in rules.units  # "Monday two weeks from now"
        spelled = rules.number_word_after.match(text, e)
        glued = spelled is not None and text[spelled.end() : spelled.end() + 1] == "-"
        if spelled is not None and _counts_noun(rules, text, spelled.end()):
            counted = True  # "a remporté lundi trois parcs": the weekday, then a count
        if (
            spelled
            and not counted
            and not glued  # "said on Tuesday that first-half revenue": no day in words
            and not rules.after_blockers.match(text, spelled.end())
        ):
            return None  # "Friday the twenty" + "second": unread (not "Donnerstag elf Prozent")
        if rules.units_before_wd.search(text, max(0, s - 30), s):
            return None  # "in 3 days on Friday", "two Mondays later": unread
        day = ref - timedelta(days=(ref.weekday() - wd) % 7)
        past, future = _tense(rules, text, _clause_start(text, s), s)
        near = text[max(0, s - 25) : s].lower().split()[-1:]
        dated = any(w[:1].isdigit() or norm(w) in _wordset(rules, "day_words") for w in near)
        lead = [norm(w) for w in text[max(0, s - 30) : s].split()[-2:]]
        if lead and lead[-1] in _wordset(rules, "articles"):
            lead = lead[:-1]
        booked = bool(lead) and lead[-1] in _wordset(rules, "weekday_ahead_cues")
        if ((future and not past) or booked) and not dated:
            # "presentará los resultados el martes", "convocou assembleia para
            # quinta-feira": the coming one (but "le 25 mardi": the day number says which)
            day = ref + timedelta(days=(wd - ref.weekday()) % 7)
        return _Atom(s, e, "day", fixed=(day, day), inferred=True, wd=wd)
    if name == "weekend":
        rb = g.get("rb") or (g.get("art") if norm(g.get("art") or "") in rules.rel_before else None)
        off = (
            rules.rel_after[norm(g["ra"])]
            if g.get("ra")
            else rules.rel_before.get(norm(rb or ""), 0)
        )
        if rules.of_next.match(text, e):
            return None  # "the weekend of Halloween": a holiday we do not read
        saturday = ref - timedelta(days=ref.weekday()) + timedelta(days=5 + 7 * off)
        return _Atom(s, e, "day", fixed=(saturday, saturday + timedelta(days=1)), inferred=True)
    if name == "after_next":  # "the week after next": two units ahead
        word = norm(g["u"])
        follow = re.match(r"\s+([^\W\d_]+)", text[e : e + 30])
        if follow is not None and (
            norm(follow.group(1)) in rules.weekdays
            or norm(follow.group(1)) in rules.units
            or _month_of(rules, follow.group(1)) is not None
        ):
            return None  # "two months after next Friday": after the day that follows
        if _DAY_BEFORE.search(text, max(0, s - 4), s) or _spelled_before(rules, text, s):
            return None
        if word in _wordset(rules, "weekend_words"):
            saturday = ref - timedelta(days=ref.weekday()) + timedelta(days=5 + 14)
            return _Atom(s, e, "day", fixed=(saturday, saturday + timedelta(days=1)), inferred=True)
        unit = rules.units.get(word)
        res = unit_interval(ref, unit, 2) if unit else None
        return _Atom(s, e, res[2], fixed=(res[0], res[1]), inferred=True) if res else None
    if name == "prev_period":  # resolved against the mention before it, in `_combine`
        units = {norm(k): v for k, v in (rules.data.get("prev_unit_words") or {}).items()}
        unit = units.get(norm(text[s:e]))
        res = unit_interval(ref, unit, -1) if unit else None
        if res is not None:  # "Vorquartal": the quarter before the news, unless one is named
            return _Atom(s, e, res[2], fixed=(res[0], res[1]), inferred=True)
        y = ref.year - 1
        fallback = (date(y, 1, 1), date(y, 12, 31))
        return _Atom(s, e, "year", fixed=fallback, inferred=True, anaphoric=True)
    if name == "fixed_year":
        table = rules.data.get("fixed_years") or {}
        year_off: int | None = next(
            (int(v) for k, v in table.items() if norm(k) == norm(g["fy"])), None
        )
        if year_off is None:
            return None
        y = ref.year + year_off
        return _Atom(s, e, "year", fixed=(date(y, 1, 1), date(y, 12, 31)), inferred=True)
    if name == "year_end":
        # "la fin de l'exercice 2025": that year's close
        year_after = re.match(r"\s+(?:(?:19|20)\d\d)(?![\d/-])", text[e : e + 6])
        if year_after is not None:
            day = date(int(year_after.group().strip()), 12, 31)
            return _Atom(s, e + year_after.end(), "day", fixed=(day, day), year_end=True)
        # the last closed year-end; after "by", "entro", "bis": the coming one
        cue = rules.future_cue.search(text, max(0, s - 40), s)
        ahead = cue is not None
        if cue is not None and any(
            norm(cue.group(0).strip()).startswith(w) for w in _wordset(rules, "weak_future_cues")
        ):  # "bis zum Jahresende stieg ...": so far, the last closed one
            past, future = _tense(rules, text, *_sentence_span(text, s, e))
            ahead = future or not past
        y = ref.year if ahead or (ref.month, ref.day) == (12, 31) else ref.year - 1
        day = date(y, 12, 31)
        return _Atom(s, e, "day", fixed=(day, day), inferred=True, year_end=True, future=ahead)
    if name == "whole_year":
        # "raised its full-year forecast": the year under way; "crecieron un 4,1% en el
        # conjunto del año" in a past sentence of the results season (the four months after
        # a year closes): the one just over; a fiscal calendar moves both
        past, future = _tense(rules, text, *_sentence_span(text, s, e))
        over = past and not future
        y = ref.year - 1 if over and ref.month <= _RESULTS_SEASON else ref.year
        span = (date(y, 1, 1), date(y, 12, 31))
        return _Atom(s, e, "year", fixed=span, inferred=True, whole=True, future=not over)
    if name == "year_part":  # "zu Jahresbeginn": the current year's first half (relative)
        kinds = {norm(k): v for k, v in (rules.data.get("year_part_words") or {}).items()}
        kind = kinds.get(norm(g["yp"]))
        year = (date(ref.year, 1, 1), date(ref.year, 12, 31))
        if kind not in ("begin", "mid", "end"):
            return None
        return _Atom(s, e, "year", fixed=apply_mod(*year, kind, relative=True), inferred=True)
    if name == "ytd":  # January 1st to the reference date, as "depuis 2021" runs to it
        return _Atom(s, e, "year", fixed=(date(ref.year, 1, 1), ref), inferred=True, ranged=True)
    if name == "now":
        return _Atom(s, e, "day", fixed=(ref, ref), inferred=True, now=True)
    if name == "fixed":
        word = norm(g["f"])
        table = rules.data.get("fixed_day_blockers") or {}
        blockers: list[str] = next((v for k, v in table.items() if norm(k) == word), [])
        before = norm(text[max(0, s - 20) : s])
        if any(before.endswith(norm(b)) for b in blockers):
            return None
        of = rules.of_next.match(text, e)
        if of is not None and not text[of.end() : of.end() + 1].isupper():
            # "la veille de l'assemblée": the eve of an event we do not date (but "ayer en
            # Valladolid", "hoy en Bolsa": a place after it)
            return None
        day = ref + timedelta(days=rules.fixed_days[word])
        return _Atom(s, e, "day", fixed=(day, day), inferred=True)
    if name == "bare_day":
        return _bare_day(rules, g, s, e, text, ref)
    if name == "inn":
        return _ahead(rules, g, s, e, text, ref)
    if name == "lastn":
        if g.get("lb"):
            n, unit, last = _number(rules, g["n"]), rules.units.get(norm(g["u"])), True
        elif g.get("nb"):
            n, unit, last = _number(rules, g["n2"]), rules.units.get(norm(g["u2"])), False
        else:
            n3, u3, x = (g["n3"], g["u3"], g["x"]) if g.get("n3") else (g["n4"], g["u4"], g["x4"])
            between = _wordset(rules, "last_n_between") | _wordset(rules, "next_n_between")
            if g.get("n3") and norm(x) in between and mt.start("n3") == s:
                return None  # "the 3 next weeks", but not "4 to 23 next month"
            n, unit = _number(rules, n3), rules.units.get(norm(u3))
            last = norm(x) in _wordset(rules, "last_n_after_unit") | _wordset(
                rules, "last_n_between"
            )
        if rules.of_date.match(text, e):
            return None  # "the last 3 weeks of this year": weeks of a period we do not count
        if n is None or unit is None or n != int(n) or n <= 0:
            return None
        said = g.get("n") or g.get("n2") or g.get("n3") or g.get("n4") or ""
        past, future = _tense(rules, text, _clause_start(text, s), _clause_end(text, e))
        if not last and (
            norm(said) in _wordset(rules, "vague_numbers")
            or (past and not future and not (_from_news(rules, g) and _leads(text, s)))
        ):
            # "the next few years": a length, no days to name; "crecieron en los 3 meses
            # siguientes": the months after something past, not after the news (but "has
            # pledged to give over the next three years X a year", "said it would invest
            # over the next three years": from the news, a past verb or not)
            return None
        grain = cast(Grain, unit if unit in _GRAIN_RANK else _UNIT_GRAIN.get(unit, "month"))
        if unit in ("quarter", "decade"):
            # "the last 2 quarters", "the next two decades": whole ones, before or after
            # the one under way
            size = 3 if unit == "quarter" else 120
            current = (
                date(ref.year, (ref.month - 1) // 3 * 3 + 1, 1)
                if unit == "quarter"
                else date(ref.year // 10 * 10, 1, 1)
            )
            first = add_months(current, -size * int(n) if last else size)
            span = (first, add_months(first, size * int(n)) - timedelta(days=1))
            return _Atom(s, e, grain, fixed=span, inferred=True)
        if last:
            return _Atom(
                s, e, grain, fixed=(shift(ref, -n, unit), ref - timedelta(days=1)), inferred=True
            )
        # "the next three years": the days after the news (its length is a duration too)
        return _Atom(
            s, e, grain, fixed=(ref + timedelta(days=1), shift(ref, n, unit)), inferred=True
        )
    if name == "rel":
        rb = g.get("rb") or (g.get("art") if norm(g.get("art") or "") in rules.rel_before else None)
        if not rb and not g.get("ra"):
            # "fin du mois", "end of month", "the third week of the month": a bare unit
            # after a modifier or a week number is the current one
            mod = rules.modifier.search(text[max(0, s - 40) : s])
            if mod is not None and _one_before(rules, text, max(0, s - 40) + mod.start()):
                mod = None  # "binnen een half jaar": half a year, a length
            if norm(g["u"]) not in rules.units or not (
                mod is not None
                or rules.rest.search(text, max(0, s - 30), s)
                or rules.week_of.search(text[max(0, s - 40) : s])
            ):
                return None
            rb = ""
        off = (
            rules.rel_after[norm(g["ra"])]
            if g.get("ra")
            else rules.rel_before.get(norm(rb or ""), 0)
        )
        word = norm(g["u"])
        if word in rules.weekdays:
            if rules.weekday_tail.match(text, e):
                return None  # "this Friday 5/12": the date that follows says which Friday
            wd = rules.weekdays[word]
            monday = ref - timedelta(days=ref.weekday())
            said = norm(" ".join(w for w in (g.get("art"), g.get("rb")) if w))
            if norm(rb or "") in rules.upcoming or said in rules.upcoming:
                # "this coming Friday", "este próximo viernes": the next one
                day = ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
                return _Atom(s, e, "day", fixed=(day, day), inferred=True, wd=wd)
            # "last Wednesday": of the previous week where the language says so; "this
            # past Wednesday", "afgelopen woensdag", "este miércoles pasado": the latest
            this = g.get("art") and rules.rel_before.get(norm(g["art"])) == 0
            recent = this or norm(rb or "") in rules.recent_past or said in rules.recent_past
            if off == -1 and rules.data.get("last_weekday_previous_week") and not recent:
                day = monday - timedelta(days=7 - wd)
            elif off == -1:
                back = (ref.weekday() - wd) % 7 or 7
                day = ref - timedelta(days=back)
            else:
                day = monday + timedelta(days=wd + 7 * off)
            return _Atom(s, e, "day", fixed=(day, day), inferred=True, wd=wd)
        if word in rules.months and word not in rules.units:
            m = rules.months[word]
            # "this May" needs its capital; "questo Settembre" is cued by "questo"
            capitals = bool(rules.data.get("months_capitalized"))
            if not _month_ok(rules, text, mt.start("u"), g["u"], cued=not capitals):
                return None
            y = ref.year + (off if off > 0 and m <= ref.month else 0)
            if off < 0:
                y = ref.year if m < ref.month else ref.year - 1
            return _Atom(s, e, "month", fixed=(date(y, m, 1), month_end(y, m)), inferred=True)
        if word in rules.seasons:
            sm = _SEASON_START[rules.seasons[word]]
            y = ref.year + off
            if off > 0:  # "im kommenden Herbst" in March: this autumn, not yet begun
                y = next(c for c in (ref.year - 1, ref.year, ref.year + 1) if date(c, sm, 1) > ref)
            elif off < 0:  # "im vergangenen Sommer": the latest one over
                y = next(
                    c
                    for c in (ref.year, ref.year - 1, ref.year - 2)
                    if add_months(date(c, sm, 1), 3) <= ref
                )
            start = date(y, sm, 1)
            return _Atom(
                s,
                e,
                "month",
                fixed=(start, add_months(start, 3) - timedelta(days=1)),
                inferred=True,
            )
        unit = rules.units.get(word)
        of_day = rules.of_date.match(text, e)
        target = norm(of_day.group().split()[-1]) if of_day is not None else ""
        if unit in ("week", "month") and of_day is not None and target not in rules.weekdays:
            # "la dernière semaine de juillet", "el pasado mes de marzo": read by the month
            return None
        if unit == "year" and _YEAR_NEXT.match(text, e):
            return None  # "das laufende Geschäftsjahr 2026/27": the year said is read
        res = unit_interval(ref, unit, off) if unit else None
        if res is None:
            return None
        days = rules.days_after.match(text, e) if unit == "month" else None
        if days is not None:  # "next month from the 4th to the 23rd": those days
            d1, d2 = int(days.group("d1")), int(days.group("d2"))
            if 1 <= d1 < d2 <= res[1].day:
                span = (res[0].replace(day=d1), res[0].replace(day=d2))
                return _Atom(s, days.end(), "day", fixed=span, inferred=True, ranged=True)
        same = norm(rb or "") in _wordset(rules, "same_words")
        return _Atom(s, e, res[2], fixed=(res[0], res[1]), inferred=True, same=same)
    return None


_RESULTS_SEASON = 4  # months after a year closes in which its results are news
_YEAR_NEXT = re.compile(r"\s+(?:19|20)\d\d(?!\d)")


_RELATIVE = frozenset(
    {
        "fixed",
        "bare_day",
        "now",
        "ytd",
        "year_part",
        "whole_year",
        "year_end",
        "ago",
        "lastn",
        "inn",
        "rel",
        "weekday",
        "weekday_cued",
        "wd_day",
        "weekend",
        "after_next",
        "fixed_year",
        "prev_period",
    }
)


# (order, atom) of the non-relative matches; (order, name, match) of the relative ones
_Fixed = tuple[tuple[int, _Atom], ...]
_Match = tuple[int, str, re.Match[str]]
_Relatives = tuple[_Match, ...]
# (rules, fixed, relatives or None while no reference date has asked for them)
_SCANS: dict[tuple[str, str], tuple[Rules, _Fixed, _Relatives | None]] = {}
_SCAN_CACHE_SIZE = 256  # `run` infers the reference dates a batch (64) ahead


def _scan(rules: Rules, text: str, relative: bool) -> tuple[_Fixed, _Relatives]:
    """Every pattern over `text`, once: the same text is read with several reference
    dates (the dates, the durations, the inferred publication date).

    The relative patterns run only when a reference date needs them: without one
    (inferring the publication date) they would be read for nothing."""
    key = (rules.lang, text)
    hit = _SCANS.get(key)
    if hit is not None and hit[0] is rules:
        fixed, relatives = hit[1], hit[2]
        if relatives is not None or not relative:
            return fixed, relatives or ()
        relatives = _scan_relatives(rules, text)
        _SCANS[key] = (rules, fixed, relatives)
        return fixed, relatives
    fixed = _scan_fixed(rules, text)
    relatives = _scan_relatives(rules, text) if relative else None
    if len(_SCANS) >= _SCAN_CACHE_SIZE:
        # the oldest goes (unless another thread emptied or resized the cache meanwhile)
        with contextlib.suppress(StopIteration, RuntimeError):
            _SCANS.pop(next(iter(_SCANS)), None)
    _SCANS[key] = (rules, fixed, relatives)
    return fixed, relatives or ()


def _scan_fixed(rules: Rules, text: str) -> _Fixed:
    """The atoms of the patterns that need no reference date."""
    fixed: list[tuple[int, _Atom]] = []
    for order, name, mt in _matches(rules, text, relative=False):
        atom = _atom(rules, name, mt, text)
        if atom is not None:
            fixed.append((order, atom))
    return tuple(fixed)


def _scan_relatives(rules: Rules, text: str) -> _Relatives:
    """The matches of the patterns read against a reference date."""
    return tuple(_matches(rules, text, relative=True))


_Plan = tuple[tuple[int, str, re.Pattern[str], tuple[str, ...] | None, re.Pattern[str] | None], ...]
_PLANS: dict[tuple[int, bool], tuple[Rules, _Plan]] = {}


def _plan(rules: Rules, relative: bool) -> _Plan:
    """The patterns of one kind (relative or not) with their gates (the substrings one of
    which every match holds, tested on the lower-cased text, and a regex gate): built once
    per language, so that a text meets no pattern of the other kind."""
    hit = _PLANS.get((id(rules), relative))
    if hit is not None and hit[0] is rules:
        return hit[1]
    plan = []
    for order, (name, pattern) in enumerate(rules.patterns):
        if (name in _RELATIVE) is not relative:
            continue
        keys = rules.gate_keys[order] if order < len(rules.gate_keys) else None
        gate = rules.gates[order] if order < len(rules.gates) else None
        plan.append((order, name, pattern, keys or None, gate))
    _PLANS[(id(rules), relative)] = (rules, tuple(plan))
    return tuple(plan)


# Where a word that opens with a digit starts: the only places a digit-led pattern can
# match (see `_digit_led`).
_DIGIT_START = re.compile(r"(?<!\w)\d")
_DIGIT_LED: dict[re.Pattern[str], bool] = {}


# The last pattern parsed and its tree: `_never`, `_digit_led` and `_quick` read the same
# pattern one after the other the first time a text meets it (parsing once, not thrice).
_PARSED: list[tuple[Any, Any]] = [(None, None)]


def _parsed(pattern: re.Pattern[str]) -> Any:
    hit = _PARSED[0]  # (one tuple, replaced whole: safe between threads)
    if hit[0] is not pattern:
        from re import _parser  # type: ignore[attr-defined]

        hit = _PARSED[0] = (pattern, _parser.parse(pattern.pattern, pattern.flags))
    return hit[1]


def _first_chars(items: Any) -> tuple[list[Any], bool] | None:
    """The character sets one of which the first character of a match of `items` (parsed
    regex items) is in, and whether the items can match nothing; None when not worked out."""
    from re import _constants as sre  # type: ignore[attr-defined]

    sets: list[Any] = []
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: it only narrows where a match starts
        if op in (sre.IN, sre.LITERAL):
            sets.append((op, av))
            return sets, False
        if op is sre.SUBPATTERN:
            inner = [_first_chars(av[3])]
        elif op is sre.BRANCH:
            inner = [_first_chars(alt) for alt in av[1]]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            inner = [_first_chars(av[2])]
        else:
            return None
        empty = op is not sre.SUBPATTERN and op is not sre.BRANCH and av[0] == 0
        for part in inner:
            if part is None:
                return None
            sets += part[0]
            empty = empty or part[1]
        if not empty:
            return sets, False
    return sets, True


def _is_digit_set(op: Any, av: Any) -> bool:
    from re import _constants as sre  # type: ignore[attr-defined]

    if op is sre.LITERAL:
        return 48 <= av <= 57
    return op is sre.IN and all(
        (o is sre.CATEGORY and a is sre.CATEGORY_DIGIT)
        or (o is sre.RANGE and 48 <= a[0] <= a[1] <= 57)
        or (o is sre.LITERAL and 48 <= a <= 57)
        for o, a in av
    )


def _digit_led(pattern: re.Pattern[str]) -> bool:
    """Whether every match of `pattern` starts with a digit that opens a word: the pattern
    opens with "no word character before" and its first character is always a digit. Such
    a pattern is tried only where `_DIGIT_START` matches (a few places in a text) instead
    of at every character, with the same matches."""
    known = _DIGIT_LED.get(pattern)
    if known is not None:
        return known

    found = None
    if pattern.pattern.startswith("(?<![\\w])") and not pattern.flags & re.ASCII:
        try:
            found = _first_chars(_parsed(pattern))
        except Exception:  # an internal of `re` we do not know: scan as before
            found = None
    led = found is not None and not found[1] and all(_is_digit_set(*f) for f in found[0])
    _DIGIT_LED[pattern] = led
    return led


def _char_class(sets: list[Any]) -> str | None:
    """The parsed character sets from `_first_chars` as one regex class; None for a kind
    this does not write (a negated set, a category other than digit, word or space)."""
    from re import _constants as sre  # type: ignore[attr-defined]

    categories = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_SPACE: r"\s"}
    parts: set[str] = set()
    for op, av in sets:
        for o, a in [(op, av)] if op is sre.LITERAL else av:
            if o is sre.LITERAL:
                parts.add(re.escape(chr(a)))
            elif o is sre.RANGE:
                parts.add(f"{re.escape(chr(a[0]))}-{re.escape(chr(a[1]))}")
            elif o is sre.CATEGORY and a in categories:
                parts.add(categories[a])
            else:
                return None
    return f"[{''.join(sorted(parts))}]" if parts else None


_LEAD = "(?<![\\w])"
_QUICK: dict[re.Pattern[str], re.Pattern[str]] = {}


def _quick(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` with a look-ahead of the characters its matches can start with, right
    after its opening "(?<![\\w])": at a character none of its forms starts with it fails
    there and then, instead of walking its optional openings; the same matches."""
    quick = _QUICK.get(pattern)
    if quick is None:
        quick = pattern
        # (case-blind as a whole, so the class also covers a part that reads case)
        if pattern.pattern.startswith(_LEAD) and pattern.flags & re.IGNORECASE:
            try:
                found = _first_chars(_parsed(pattern))
                chars = _char_class(found[0]) if found is not None and not found[1] else None
                if chars is not None:
                    rest = pattern.pattern[len(_LEAD) :]
                    quick = re.compile(f"{_LEAD}(?={chars}){rest}", pattern.flags)
            except Exception:  # an internal of `re` we do not know: the pattern as it is
                quick = pattern
        _QUICK[pattern] = quick
    return quick


def _never_items(items: Any) -> bool:
    """Whether parsed regex items can match no text: they hold "(?!x)x" (what an empty word
    list becomes), in a group, in every branch or in a part that must occur."""
    from re import _constants as sre  # type: ignore[attr-defined]

    items = list(items)
    for at, (op, av) in enumerate(items):
        if (
            op is sre.ASSERT_NOT
            and av[0] == 1
            and len(av[1]) == 1
            and av[1][0][0] is sre.LITERAL
            and items[at + 1 : at + 2] == [av[1][0]]
        ):
            return True
        if op is sre.SUBPATTERN and _never_items(av[3]):
            return True
        if op is sre.BRANCH and all(_never_items(alt) for alt in av[1]):
            return True
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1 and _never_items(av[2]):
            return True
    return False


_NEVER: dict[re.Pattern[str], bool] = {}


def _never(pattern: re.Pattern[str]) -> bool:
    """Whether `pattern` can match nothing (a form whose words a language lacks): it is not
    run at all."""
    known = _NEVER.get(pattern)
    if known is None:
        try:
            known = _never_items(_parsed(pattern))
        except Exception:  # an internal of `re` we do not know: run it as before
            known = False
        _NEVER[pattern] = known
    return known


def _matches(rules: Rules, text: str, *, relative: bool) -> Iterator[_Match]:
    low = text.lower()
    starts: list[int] | None = None
    for order, name, pattern, keys, gate in _plan(rules, relative):
        if _never(pattern):
            continue
        if keys is not None:
            for key in keys:
                if key in low:
                    break
            else:
                continue
        if gate is not None and gate.search(text) is None:
            continue
        if _digit_led(pattern):
            # what `finditer` finds, trying only the starts it could find a match at
            if starts is None:
                starts = [m.start() for m in _DIGIT_START.finditer(text)]
            end = 0
            for at in starts:
                if at >= end and (mt := pattern.match(text, at)) is not None:
                    end = mt.end()
                    yield order, name, mt
            continue
        for mt in _quick(pattern).finditer(text):
            if mt.end() > mt.start():
                yield order, name, mt


@_per_language
def _season_of_re(rules: Rules) -> re.Pattern[str]:
    """A season word and "of" right before a year said relatively ("the summer of")."""
    data = rules.data
    of, art = alt(data.get("of_words") or []), alt(data.get("articles") or [])
    return re.compile(
        rf"(?<![\w])(?P<se>{alt(list(data.get('seasons') or {}))})\s+"
        rf"(?:{of})(?:(?<=['\u2019])|\s+)(?:(?:{art})(?:(?<=['\u2019])|\s+))?\Z",
        re.IGNORECASE,
    )


@_per_language
def _of_relative_year_re(rules: Rules) -> re.Pattern[str]:
    """ "del próximo año", "van volgend jaar", "dell'anno scorso": a year said relatively,
    after a half word that needs one ("la segunda mitad del próximo año")."""
    data = rules.data
    before = alt(list(data.get("rel_before") or {}) or ["(?!)"])
    after = alt(list(data.get("rel_after") or {}) or ["(?!)"])
    units = data.get("units") or {}
    years = alt([w for w in data.get("rel_units") or [] if units.get(w) == "year"] or ["(?!)"])
    art = alt(data.get("articles") or ["(?!)"])
    gap = r"(?:(?<=['\u2019])|\s+)"
    return re.compile(
        rf"\s+(?:{alt(data.get('of_words') or ['(?!)'])}){gap}(?:(?:{art}){gap})?"
        rf"(?:(?:{before}){gap}(?:{years})|(?:{years})\s+(?:{after}))(?![\w])",
        re.IGNORECASE,
    )


def _season_of(rules: Rules, text: str, atom: _Atom) -> _Atom:
    """ "de koude winter van vorig jaar", "the summer of last year": that season of the year
    named relatively."""
    fx = atom.fixed
    if not rules.seasons or atom.grain != "year" or fx is None or fx[0].year != fx[1].year:
        return atom
    mt = _season_of_re(rules).search(text, max(0, atom.start - 30), atom.start)
    if mt is None:
        return atom
    first = date(fx[0].year, _SEASON_START[rules.seasons[norm(mt.group("se"))]], 1)
    span = (first, add_months(first, 3) - timedelta(days=1))
    return replace(atom, start=mt.start(), grain="month", fixed=span)


def _atoms(rules: Rules, text: str, ref: date | None) -> list[_Atom]:
    fixed, relatives = _scan(rules, text, ref is not None)
    found = [(-(atom.end - atom.start), atom.start, order, atom) for order, atom in fixed]
    if ref is not None:
        for order, name, mt in relatives:
            atom = _relative(rules, name, mt, text, ref)
            if atom is not None and name == "rel":
                atom = _season_of(rules, text, atom)
            if atom is not None:
                found.append((-(atom.end - atom.start), atom.start, order, atom))
    found.sort(key=lambda t: t[:3])
    chosen: list[_Atom] = []
    for *_, atom in found:
        if all(atom.end <= c.start or atom.start >= c.end for c in chosen):
            chosen.append(atom)
    chosen.sort(key=lambda a: a.start)
    return chosen


# ---------------------------------------------------------------- resolution


def _length_before(
    rules: Rules, pattern: re.Pattern[str], text: str, atom: _Atom, floor: int, reach: int
) -> tuple[int, re.Match[str], float, str] | None:
    """A length ("trois jours", "for 3 days") that `pattern` finds in the `reach`
    characters before a day: where it starts, the match, its number and its unit."""
    window_start = max(floor, atom.start - reach)
    mt = pattern.search(text[window_start : atom.start])
    if mt is None:
        return None
    n, unit = _number(rules, mt.group("n")), rules.units.get(norm(mt.group("u")))
    if n is None or unit is None:
        return None
    return window_start + mt.start(), mt, n, unit


def _with_offset(rules: Rules, text: str, atom: _Atom, floor: int) -> _Atom:
    """ "trois jours après le 12 janvier", "two weeks from tomorrow": a day moved."""
    if atom.grain != "day":
        return atom
    found = _length_before(rules, rules.offset, text, atom, floor, 40)
    if found is None:
        return atom
    start, mt, n, unit = found
    shift = (n if mt.group("af") else -n, unit)
    return replace(atom, start=start, shift=shift, ranged=True)


def _with_stretch(rules: Rules, text: str, atom: _Atom, floor: int) -> _Atom:
    """ "for 3 days starting Monday", "for a week from tomorrow": N units from that day."""
    if atom.grain != "day" or atom.week:
        return atom
    found = _length_before(rules, rules.stretch, text, atom, floor, 50)
    if found is None:
        return atom
    start, _, n, unit = found
    if n <= 0 or n != int(n):
        return atom
    return replace(atom, start=start, stretch=(n, unit), ranged=True)


def _with_part(rules: Rules, text: str, atom: _Atom, floor: int) -> _Atom:
    """ "the first 2 weeks of 2021", "los últimos cuatro meses de 2021": N units of a period."""
    if atom.grain not in ("month", "quarter", "year") or atom.mod is not None:
        return atom
    window_start = max(floor, atom.start - 50)
    mt = rules.part_n.search(text[window_start : atom.start])
    if mt is None:
        return atom
    n = _number(rules, mt.group("n") or mt.group("n2"))
    unit = rules.units.get(norm(mt.group("u")))
    word = norm(mt.group("fl") or mt.group("fl2"))
    sign = 1 if word in _wordset(rules, "first_words") else -1
    if n is None or n != int(n) or n < 1 or unit not in ("day", "week", "month"):
        return atom
    if _GRAIN_RANK[unit] >= _GRAIN_RANK[atom.grain]:
        return atom
    grain = cast(Grain, unit)
    return replace(atom, start=window_start + mt.start(), part_n=(sign, int(n), unit), grain=grain)


@_per_language
def _fiscal_end_re(rules: Rules) -> re.Pattern[str]:
    """ "fiscal 2026 ending in", "l'exercice clos fin" before a month."""
    data = rules.data
    mods = (data.get("modifiers") or {}).get("end") or []
    return re.compile(
        rf"(?<![\w])(?:(?:{alt(data.get('articles') or [])})\s*)?"
        rf"(?:{alt(data.get('fiscal_words') or [])})(?:\s+(?P<y>(?:19|20)\d\d))?\s+"
        rf"(?:{alt(data.get('fiscal_end_words') or [])})\s+(?:(?:{alt(mods)})\s+)?\Z",
        re.IGNORECASE,
    )


@_per_language
def _fiscal_run_re(rules: Rules) -> re.Pattern[str]:
    """A fiscal word and the run of months its year goes over."""
    data = rules.data
    pairs = data.get("range_pairs") or []
    art = alt(data.get("articles") or [])
    month = alt(data.get("months") or {})
    # "d'avril à mars": an opener elided before a vowel
    elided = alt([o[0] for o, _ in pairs if len(o) == 2])
    opens = rf"{alt([o for o, _ in pairs])}(?:\s+)|(?:{elided})['\u2019]"
    return re.compile(
        rf"(?<![\w])(?:{alt(data.get('fiscal_words') or [])})(?![\w])"
        rf"(?:[^\w.;:!?\n]+[\w'\u2019-]+){{0,6}}?[^\w.;:!?\n]+"
        rf"(?P<run>(?:{opens})(?:(?:{art})\s+)?(?P<m1>{month})\s+"
        rf"(?:{alt([c for _, c in pairs])})\s+(?:(?:{art})\s+)?(?P<m2>{month}))(?![\w])",
        re.IGNORECASE,
    )


def _fiscal_run(rules: Rules, text: str) -> tuple[int, int, int] | None:
    """ "ano fiscal de abril a março", "boekjaar, dat loopt van maart tot en met februari",
    "a fiscal year running from July to June": (start, end, last month) of the months a
    fiscal year runs over, the article's fiscal calendar; the months are no date."""
    mt = _fiscal_run_re(rules).search(text)
    if mt is None:
        return _fiscal_bound_said(rules, text)
    last = rules.months.get(norm(mt.group("m2")))
    first = rules.months.get(norm(mt.group("m1")))
    if last is None or first is None or first != last % 12 + 1:
        return None  # twelve months in a row, or it is no fiscal year
    return mt.start("run"), mt.end("run"), last


def fiscal_close(text: str, lang: str) -> int | None:
    """The month the article's fiscal years end in where a clause gives its fiscal calendar
    ("whose financial year ends in June", "cuyo ejercicio va de octubre a septiembre"):
    those words name no period, so they are no date, but the facts read the fiscal year
    from them. None where the article gives no such clause."""
    if not isinstance(text, str) or not isinstance(lang, str):
        return None
    run = _fiscal_run(rules_for(lang), text)
    return run[2] if run is not None else None


@_per_language
def _fiscal_bound_re(rules: Rules) -> re.Pattern[str] | None:
    """A fiscal word and the verb and month that end (or start) its year."""
    data = rules.data
    ends, starts = data.get("fiscal_ends_in") or [], data.get("fiscal_starts_in") or []
    if not ends and not starts:
        return None
    art = alt(data.get("articles") or [])
    month = alt(data.get("months") or {})
    verbs = "|".join(f"(?P<{k}>{alt(ws)})" for k, ws in (("end", ends), ("start", starts)) if ws)
    # "dessen Geschäftsjahr im Juli beginnt": the verb after the month
    ends_after = data.get("fiscal_ends_after") or []
    starts_after = data.get("fiscal_starts_after") or []
    late = "|".join(
        f"(?P<{k}>{alt(ws)})" for k, ws in (("end2", ends_after), ("start2", starts_after)) if ws
    )
    preps = alt(data.get("fiscal_month_preps") or [])
    tail = (
        # "dessen Geschäftsjahr am 30. September endete": its closing day too
        rf"|(?:{preps})\s+(?:(?P<d2>\d{{1,2}})\.?\s+)?(?P<m2>{month})\s+(?:{late})"
        if late and data.get("fiscal_month_preps")
        else ""
    )
    return re.compile(
        rf"(?<![\w])(?:{alt(data.get('fiscal_words') or [])})(?![\w])"
        rf"(?:[^\w\d.;:!?\n]+[^\W\d][\w'\u2019-]*){{0,3}}?[^\w\d.;:!?\n]+"
        # "il cui esercizio si chiude il 30 settembre": its closing day
        rf"(?P<run>(?:{verbs})\s+(?:(?:{art})\s+)?(?:(?P<d>\d{{1,2}})\.?\s+)?(?P<m>{month}){tail})"
        rf"(?![\w])",
        re.IGNORECASE,
    )


def _fiscal_bound_said(rules: Rules, text: str) -> tuple[int, int, int] | None:
    """ "cuyo año fiscal termina en noviembre", "das Geschäftsjahr beginnt im April", "whose
    fiscal year ends in March": (start, end, last month) of the words that give the
    article's fiscal calendar, which are no date (an empty span where they name a closing
    day: "dessen Geschäftsjahr am 30. September endete")."""
    pattern = _fiscal_bound_re(rules)
    mt = pattern.search(text) if pattern is not None else None
    named = (mt.group("m") or mt.groupdict().get("m2")) if mt is not None else None
    said = rules.months.get(norm(named)) if named else None
    if mt is None or said is None:
        return None
    ends = mt.groupdict().get("end") or mt.groupdict().get("end2")
    last = said if ends else (said - 2) % 12 + 1
    if mt.group("d") or mt.groupdict().get("d2"):  # "am 30. September endete": a date
        return mt.start("run"), mt.start("run"), last
    # "whose fiscal year ends in March" names no period (dev6, dev7): the month is no date
    return mt.start("run"), mt.end("run"), last


_SENTENCE_END = re.compile(r"[!?\n]|\.(?=\s+\S)")


@_per_language
def _tense_res(rules: Rules) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """(past, future) verb forms of the language data."""
    res = [
        re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE) if pats else None
        for pats in (rules.data.get("past_tense"), rules.data.get("future_tense"))
    ]
    return res[0], res[1]


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end] (at most 300 characters either side)."""
    lo = max(0, start - 300)
    # the full stop right before a sentence-initial `start` needs to see its next word
    ahead = min(len(text), start + 1)
    breaks = [m.end() for m in _SENTENCE_END.finditer(text, lo, ahead) if m.end() <= start]
    first = breaks[-1] if breaks else lo
    nxt = _SENTENCE_END.search(text, end, min(len(text), end + 300))
    return first, nxt.start() if nxt is not None else min(len(text), end + 300)


def _clause_start(text: str, start: int) -> int:
    """Where the clause of `start` begins: the sentence start or the last ", " or ";"."""
    first = _sentence_span(text, start, start)[0]
    cut = max(text.rfind(p, first, start) for p in (", ", ";", ": ", " \u2013 ", " - "))
    return cut + 1 if cut >= 0 else first


def _away(atom: _Atom, year: int, ref: date) -> int:
    """Days between the reference date and the quarter or half `atom` names in `year`."""
    first = date(year, atom.first_month, 1)
    last = add_months(first, 3 if atom.h is None else 6) - timedelta(days=1)
    return max((first - ref).days, (ref - last).days, 0)


def _clause_tense(rules: Rules, text: str, atom: _Atom) -> tuple[bool, bool]:
    """(past, future) verbs of the atom's clause, verbs after it included ("im November
    will der Vorstand"); in reported speech, of the clause after "que"/"that"/"dass" ("a
    indiqué que son résultat du premier semestre serait": future)."""
    start = _clause_start(text, atom.start)
    found = _tense_from(rules, text, start, atom)
    sentence = _sentence_span(text, atom.start, atom.end)[0]
    if found == (False, False) and sentence < start and _verbless(rules, text, start, atom):
        # a phrase with no verb (", a maggio, del brevetto"): the verbs of its sentence
        return _tense_from(rules, text, sentence, atom)
    return found


def _verbless(rules: Rules, text: str, start: int, atom: _Atom) -> bool:
    """The atom's clause is a short phrase set off by a comma (", a maggio,"), not a
    clause of its own: at most one word before the atom, not a relative or a conjunction
    (", als März"), not after a colon; and no word before the atom says its direction
    (", pasado octubre", ", since January"). A longer phrase may hold a participle that
    dates it (", annoncé en juillet,", ", contre une fourchette annoncée en juillet")."""
    if text[start - 1 : start] != "," or len(text[start : atom.start].split()) > 1:
        return False
    first = re.match(r"\s*([^\W\d_]+['\u2019]?)", text[start : atom.start])
    if first is not None and norm(first.group(1)) in _wordset(rules, "clause_openers"):
        return False
    if rules.since.search(text, max(0, atom.start - 20), atom.start) is not None:
        return False
    words = text[max(0, atom.start - 30) : atom.start].split()
    return not any(
        rules.rel_before.get(norm(" ".join(words[-n:]))) for n in (1, 2) if len(words) >= n
    )


def _tense_from(rules: Rules, text: str, start: int, atom: _Atom) -> tuple[bool, bool]:
    """(past, future) of text[start:] up to the end of the atom's clause, read from the
    last complementizer where the verbs after it have a tense."""
    said = _word_re(rules, "complementizers").finditer(text, start, atom.start)
    last = max(said, key=lambda m: m.start(), default=None)
    if last is not None:
        past, future = _tense(rules, text, last.end(), _clause_end(text, atom.end))
        if past or future:
            return _nearest_tense(rules, text, last.end(), atom.start, past, future)
    past, future = _tense(rules, text, start, _clause_end(text, atom.end))
    return _nearest_tense(rules, text, start, atom.start, past, future)


def _nearest_tense(
    rules: Rules, text: str, start: int, at: int, past: bool, future: bool
) -> tuple[bool, bool]:
    """Both tenses in a clause ("transportó ... y prevé recibir ... en el segundo
    semestre"): the verb nearest before `at` decides; with none before it, both stay."""
    if not (past and future):
        return past, future
    past_re, future_re = _tense_res(rules)
    assert past_re is not None and future_re is not None
    ahead = [m.span() for m in future_re.finditer(text, start, at)]
    behind = [
        m.span()
        for m in past_re.finditer(text, start, at)
        if not any(a < m.end() and m.start() < b for a, b in ahead)
    ]
    last_future = max((b for _, b in ahead), default=-1)
    last_past = max((b for _, b in behind), default=-1)
    if last_future < 0 and last_past < 0:
        return past, future
    return last_past > last_future, last_future > last_past


def _clause_end(text: str, end: int) -> int:
    """Where the clause of `end` ends: the sentence end or the next ", " or ";"."""
    last = _sentence_span(text, end, end)[1]
    cuts = [i for i in (text.find(p, end, last) for p in (", ", ";", ": ", " \u2013 ")) if i >= 0]
    return min(cuts, default=last)


def _in_range(rules: Rules, text: str, atom: _Atom) -> bool:
    """ "between August and October", "de mayo a marzo": a range end (its pair resolves it)."""
    pairs = rules.data.get("range_pairs") or []
    before = _NEXT_WORD.search(text, max(0, atom.start - 20), atom.start)
    after = re.match(r"\s*([^\W\d_]+(?=\s)|[-\u2013])", text[atom.end : atom.end + 20])
    opens = {norm(o) for o, _ in pairs}
    conns = {norm(c) for _, c in pairs} | {"-", "\u2013"}
    if after is not None and norm(after.group(1)) in conns:
        # the first end: "between August and October", "May to July"; not "julho e para"
        words = re.findall(r"[^\W_]+", text[atom.end + after.end() : atom.end + after.end() + 30])
        if any(_day_or_year(w) or norm(w) in rules.months for w in words[:2]):
            return True
        # "desde los 690 millones de finales de marzo hasta unos 380": the day of a span's
        # first amount; not "subirá a partir de julio hasta 118 euros"
        lead = re.findall(r"[^\W_]+", text[_clause_start(text, atom.start) : atom.start])
        firsts = {o.split()[0] for o in opens}
        return any(w[0].isdigit() for w in words[:2]) and any(
            norm(w) in firsts and any(x[0].isdigit() for x in lead[i + 1 :])
            for i, w in enumerate(lead)
        )
    if before is None or norm(before.group(1)) not in conns | opens:
        return False
    # the second end: "and October" after an opener a few words back
    back = text[max(0, atom.start - 40) : before.start(1)].lower().split()
    return norm(before.group(1)) in conns and any(norm(w) in opens for w in back[-4:])


def _day_or_year(word: str) -> bool:
    """A number that can be a day or a year ("hasta 15", "to 2027"), not an amount
    ("hasta 118 euros")."""
    digits = re.match(r"\d+", word)
    return digits is not None and (int(digits[0]) <= 31 or 1900 <= int(digits[0]) <= 2100)


def _tense(rules: Rules, text: str, start: int, end: int) -> tuple[bool, bool]:
    """(a past-tense verb, a future-tense verb) in text[start:end], by the language data.
    A word both lists match is future ("serait" is a conditional, not an imperfect)."""
    past, future = _tense_res(rules)
    if past is None or past.search(text, start, end) is None:
        return False, future is not None and future.search(text, start, end) is not None
    ahead = [m.span() for m in future.finditer(text, start, end)] if future is not None else []
    before = any(
        not any(a < m.end() and m.start() < b for a, b in ahead)
        for m in past.finditer(text, start, end)
    )
    return before, bool(ahead)


def _fiscal_keys(rules: Rules) -> list[str]:
    return [w.lower() for w in rules.data.get("fiscal_words") or []]


def _with_context(rules: Rules, text: str, atom: _Atom, floor: int) -> _Atom:
    """Words before an atom that change how it resolves, not what it covers."""
    window_start = max(floor, atom.start - 40)
    fiscal = atom.grain == "month" and atom.m is not None and atom.fixed is None
    before = text[max(0, atom.start - 60) : atom.start].lower() if fiscal else ""
    if fiscal and not atom.first_n and any(w in before for w in _fiscal_keys(rules)):
        # the fiscal year before it may be an atom already read: it is taken in
        fe = _fiscal_end_re(rules).search(text, max(0, atom.start - 60), atom.start)
        if fe is not None:  # "fiscal 2026 ending in March": the twelve months to its end
            y = int(fe.group("y")) if fe.group("y") else atom.y
            return replace(atom, start=fe.start(), y=y, months_to=12, grain="year")
    day = atom.grain == "day" and atom.d is not None and not atom.week
    month = atom.grain == "month" and atom.m is not None and atom.d is None and not atom.first_n
    if month and atom.fixed is None and atom.mod is None and atom.y is None:
        named = rules.month_period.match(text, atom.end)
        if named is not None:  # "the September quarter": July to September
            nouns = {norm(k): int(v) for k, v in rules.data["month_period_nouns"].items()}
            size = nouns.get(norm(named.group("w")))
            if size:
                return replace(atom, end=named.end(), months_to=size, grain="quarter")
    if (day or month) and atom.fixed is None and atom.mod is None:
        yt = rules.year_to.search(text[window_start : atom.start])
        if yt is not None and day:
            return replace(atom, start=window_start + yt.start(), year_to=True, grain="year")
        if yt is not None:  # "the year to June": the twelve months to its end
            return replace(atom, start=window_start + yt.start(), months_to=12, grain="year")
    if (day or month) and atom.fixed is None and atom.mod is None:
        mt = rules.months_to.search(text[window_start : atom.start])
        unit = rules.units.get(norm(mt.group("u"))) if mt is not None else None
        n = _number(rules, mt.group("n")) if mt is not None and mt.group("n") else 1
        weeks = unit == "week" and day and n is not None and n == int(n) and 0 < n <= 53
        if mt is not None and weeks and n is not None:
            # "the five weeks to 3 January": a retailer's trading period, to that day
            start = window_start + mt.start()
            return replace(atom, start=start, weeks_to=int(n), grain="week")
        size = {"month": 1, "quarter": 3, "half": 6, "year": 12}.get(unit or "", 0)
        top = 120 if unit == "year" else 12  # "the five years to March 2030"
        if mt is not None and n is not None and n == int(n) and 0 < n * size <= top:
            # "the nine months to 30 September", "le semestre clos le 30 juin"
            # (three or six months are a quarter or a half: grain "quarter", as said)
            grain: Grain = "month" if unit == "month" and n * size not in (3, 6) else "quarter"
            if unit == "year":
                grain = "year"
            start = window_start + mt.start()
            return replace(atom, start=start, months_to=int(n) * size, grain=grain)
    if atom.fixed is None and atom.y is None:
        cue = rules.future_cue.search(text[window_start : atom.start])
        if cue is not None:
            # "hasta septiembre", "até setembro", "bis März" in a past-tense sentence: so far
            said = norm(cue.group(0).strip())
            weak = any(said.startswith(w) for w in _wordset(rules, "weak_future_cues"))
            # the tense of its own clause, else of its sentence ("Hasta septiembre, crecieron")
            past, future = _tense(rules, text, _clause_start(text, atom.start), atom.start)
            if not past and not future:
                past, future = _tense(rules, text, *_sentence_span(text, atom.start, atom.end))
            if not (weak and past and not future):
                return replace(atom, future=True)
        elif (atom.q is not None or atom.h is not None) and atom.m is None and not atom.fiscal:
            # "the fourth quarter would be weaker": the quarter nearest the news, under way
            # or coming; "will report third-quarter results" in October: the one just over
            past, future = _clause_tense(rules, text, atom)
            if not past and not future:
                past, future = _tense(rules, text, *_sentence_span(text, atom.start, atom.end))
            if future and not past:
                return replace(atom, near=True)
            if not past and not future:
                atom = replace(atom, untensed=True)  # (one under way is the one meant)
        elif (
            atom.grain in ("day", "month")
            and atom.wd is None
            and atom.hol is None
            and not atom.first_n
            and atom.months_to is None
            and not atom.year_to
        ):
            past, future = _clause_tense(rules, text, atom)
            if future and not past and not _in_range(rules, text, atom):
                return replace(atom, future=True)  # "repartirá en enero": the next January
            if not past and not future and atom.grain == "day" and atom.d is not None:
                atom = replace(atom, untensed=True)  # (what follows may still place it)
    nxt = _NEXT_WORD.search(text, window_start, atom.start)
    if (
        nxt is not None
        and atom.fixed is None
        and atom.y is None
        and atom.d is not None
        and atom.hol is None
        and rules.rel_before.get(norm(nxt.group(1))) == 1
        and norm(text[atom.start : atom.end].split()[0]) not in rules.weekdays
    ):
        return replace(atom, start=nxt.start(1), future=True)  # "next 6th of April"
    return atom


@_per_language
def _day_range_res(rules: Rules) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(the second day after a day: "through seventeenth", the first day before one:
    "between the ninth and") of the language."""
    data = rules.data
    art = alt(data.get("articles") or [])
    opens = alt([o for o, _ in data.get("range_pairs") or []])
    conns = alt(
        [c for _, c in data.get("range_pairs") or []]
        + (data.get("range_infix") or [])
        + (data.get("coord") or [])
    )
    suffix = alt(data.get("day_suffix") or [])
    day = rf"(?:\d\d?(?:{suffix})?|{alt(data.get('day_words') or {})})"
    flags = re.IGNORECASE
    hit = (
        re.compile(
            rf"\s*(?P<c>{conns})\s+(?:(?:{art})\s+)?(?P<d>{day})(?![\w%])(?!\s*\d)",
            flags,
        ),
        re.compile(
            rf"(?<![\w])(?:(?P<o>{opens})\s+)?(?:(?:{art})\s+)?(?P<d>{day})\s+(?P<c>{conns})"
            rf"\s+(?:(?:{art})\s+)?\Z",
            flags,
        ),
    )
    return hit


def _day_value(rules: Rules, word: str) -> int:
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else rules.day_words.get(norm(word), 0)


def _day_ranges(rules: Rules, text: str, atoms: list[_Atom]) -> list[_Atom]:
    """ "April ninth through seventeenth", "between the ninth and the seventeenth of April":
    a range of days of one month whose other end is a day alone."""
    after, before = _day_range_res(rules)
    out: list[_Atom] = []
    for i, a in enumerate(atoms):
        if out and a.start < out[-1].end:
            continue  # inside the range just read
        plain = a.fixed is None and a.mod is None and not a.week and a.hol is None
        if a.grain != "day" or a.m is None or a.d is None or not plain:
            out.append(a)
            continue
        nxt = atoms[i + 1].start if i + 1 < len(atoms) else len(text)
        mt = after.match(text, a.end)
        follow = _WORD_AFTER.match(text, mt.end()) if mt is not None else None
        if follow is not None and norm(follow.group(1)) in _wordset(rules, "of_words"):
            follow = _WORD_AFTER.match(text, follow.end())
        if follow is not None and _month_of(rules, follow.group(1)):
            mt = None  # "from May 9 to 17 June": a whole date, read by its own pattern
        if mt is not None and rules.number_word_after.match(text, mt.end()):
            out.append(replace(a, void=True))  # "quatre octobre à dix neuf soixante douze":
            continue  # a year we do not read, so no date
        conn = norm(mt.group("c")).split()[0] if mt is not None else ""
        opener = rules.range_open.search(text, max(0, a.start - 20), a.start)
        paired = opener is not None and conn in rules.pairs.get(norm(opener.group("o")), ())
        unit = re.match(r"\s+([^\W\d_]+)", text[mt.end() : mt.end() + 30]) if mt else None
        counted = unit is not None and norm(unit.group(1)) in rules.units  # "and 7 days later"
        if (
            mt is not None
            and mt.end() <= nxt
            and not counted
            and (rules.connectors.get(conn) == "infix" or paired)
        ):
            d2 = _day_value(rules, mt.group("d"))
            if (a.d or 32) < d2 and valid(a.y or 2000, a.m, d2):
                a = replace(a, end=mt.end(), week=d2, ranged=True)
        else:
            floor = out[-1].end if out else 0
            mb = before.search(text, max(floor, a.start - 50), a.start)
            words = norm(mb.group("c")).split() if mb is not None else []
            conn = words[0] if words else ""
            kind = rules.connectors.get(norm(mb.group("c"))) if mb is not None else None
            pair = (
                mb is not None
                and bool(mb.group("o"))
                and conn in rules.pairs.get(norm(mb.group("o")), ())
            )
            if mb is not None and (kind == "infix" or pair):
                d1 = _day_value(rules, mb.group("d"))
                if 1 <= d1 < (a.d or 0):
                    a = replace(a, start=mb.start(), d=d1, week=a.d, ranged=True)
        out.append(a)
    return out


def _month_days(rules: Rules, text: str, atoms: list[_Atom]) -> list[_Atom]:
    """ "November between 19 and 20", "im Mai zwischen dem 3. und dem 7.": those days."""
    out: list[_Atom] = []
    for a in atoms:
        if out and a.start < out[-1].end:
            continue  # inside the days just read
        plain = a.mod is None and a.first_n is None and a.nth_week is None and a.nth_wd is None
        if a.grain == "month" and a.m is not None and a.d is None and a.fixed is None and plain:
            dm = rules.days_after.match(text, a.end)
            if dm is not None and not rules.after_blockers.match(text, dm.end()):
                d1, d2 = int(dm.group("d1")), int(dm.group("d2"))
                if 1 <= d1 < d2 and valid(a.y or 2000, a.m, d2):
                    a = replace(a, end=dm.end(), grain="day", d=d1, week=d2, ranged=True)
        out.append(a)
    return out


def _fiscal_span(y_end: int, m: int, d: int | None = None) -> tuple[date, date] | None:
    """The twelve months ending on day `d` (default: the last) of month `m` of `y_end`."""
    if not (d is None or valid(y_end, m, d)):
        return None
    if d is None or date(y_end, m, d) == month_end(y_end, m):  # "the year to 28 February
        return add_months(date(y_end, m, 1), -11), month_end(y_end, m)  # 2025": from 1 March
    end = date(y_end, m, d)
    return add_months(end, -12) + timedelta(days=1), end


def _whole_year_close(rules: Rules, text: str, atoms: list[_Atom]) -> tuple[int, int] | None:
    """ "the full year, which ends in March", "el conjunto del ejercicio, que cerrará el 31
    de marzo de 2027": (the index of the closing atom, its month)."""
    for i, a in enumerate(atoms[:-1]):
        b = atoms[i + 1]
        if not a.whole or b.m is None or b.fixed:
            continue
        if len(text[a.end : b.start]) <= 30 and _closes(rules, text, a.end, b.start):
            return i + 1, b.m
    return None


def _verb_near(rules: Rules, text: str, start: int, end: int, key: str) -> bool:
    """A word of the data list `key` between `start` and just after `end`."""
    words = {norm(w) for w in re.findall(r"[^\W\d_]+", text[start : end + 16])}
    return bool(words & _wordset(rules, key))


def _opens(rules: Rules, text: str, start: int, end: int) -> bool:
    """An opening verb ("iniziato", "started", "begonnen") between a fiscal year and a day."""
    return _verb_near(rules, text, start, end, "fiscal_open_words")


def _closes(rules: Rules, text: str, start: int, end: int) -> bool:
    """A closing verb ("endete", "cerrado", "clos", "ended") between or just after."""
    return _verb_near(rules, text, start, end, "fiscal_close_words")


def _closed_on_before(rules: Rules, text: str, day: _Atom, year: _Atom) -> bool:
    """ "a clôturé au 30 juin son exercice 2025-2026", "closed on 30 June its 2025/26
    year": a closing verb among the two words before a day, then only an article or a
    possessive before the fiscal year."""
    glue = _wordset(rules, "articles") | _wordset(rules, "fiscal_possessives")
    between = [norm(w) for w in re.findall(r"[^\W\d_]+", text[day.end : year.start])]
    if any(w not in glue for w in between):
        return False
    lo = max(_clause_start(text, day.start), day.start - 30)
    words = {norm(w) for w in re.findall(r"[^\W\d_]+", text[lo : day.start])[-2:]}
    return bool(words & _wordset(rules, "fiscal_close_words"))


def _closes_before(rules: Rules, text: str, atom: _Atom) -> bool:
    """A closing verb among the three words before a fiscal year, in its clause ("cerró su
    ejercicio 2025", "closed its fiscal 2025")."""
    lo = max(_clause_start(text, atom.start), atom.start - 40)
    words = {norm(w) for w in re.findall(r"[^\W\d_]+", text[lo : atom.start])[-3:]}
    return bool(words & _wordset(rules, "fiscal_close_words"))


@_per_language
def _fiscal_part_re(rules: Rules) -> re.Pattern[str]:
    """What follows a quarter or half of a fiscal year ("of the fiscal year", "de son
    exercice 2025/26")."""
    data = rules.data
    rel = list((data.get("rel_after") or {}).keys()) + list(data.get("rel_before") or {})
    return re.compile(
        rf"\s+(?:(?:{alt(data.get('of_words') or [])})(?:(?<=['\u2019])|\s+))?"
        # "of the fiscal year", "of its fiscal year", "de son exercice"
        rf"(?:(?:{alt((data.get('articles') or []) + (data.get('fiscal_possessives') or []))})"
        rf"(?:(?<=['\u2019])|\s+))?"
        rf"(?:(?P<rel>{alt(rel)})\s+)?"
        rf"(?:{alt((data.get('fiscal_words') or []) + (data.get('fiscal_adjectives') or []))})"
        # "premier trimestre de son exercice 2025/26": a part of a named fiscal year
        rf"(?:\s+(?P<rel2>{alt(rel)}))?(?![\w])(?!\s*(?:19|20)\d\d|\s*\d\d/\d\d)",
        re.IGNORECASE,
    )


def _fiscal_part(rules: Rules, text: str, a: _Atom, month: int, ref: date) -> _Atom | None:
    """ "cuarto trimestre fiscal", "das erste Halbjahr des laufenden Geschäftsjahres": a
    quarter or half of the article's fiscal year (ending in `month`): of the fiscal year
    the relative word names, else the latest one over (the next one when read forward)."""
    if (a.q is None and a.h is None) or a.m is not None:
        return None
    mt = _fiscal_part_re(rules).match(text, a.end)
    said = norm(text[a.start : a.end])
    # "im dritten Geschäftsquartal": a fiscal quarter said in one word; "le premier semestre
    # de l'exercice": the fiscal year's words read with the half
    own = a.this_year and any(k in said for k in map(norm, _fiscal_keys(rules)))
    if (
        mt is None
        and not own
        and not any(norm(w) in said for w in rules.data.get("fiscal_part_words") or [])
    ):
        return None
    word = (mt.group("rel") or mt.group("rel2")) if mt is not None else None
    offset = None
    if word is not None:
        offset = rules.rel_after.get(norm(word), rules.rel_before.get(norm(word)))
    size = 3 if a.q is not None else 6
    first = size * ((a.q or a.h or 1) - 1)

    def part_of(fy_end_year: int) -> tuple[date, date]:
        start = add_months(date(fy_end_year, month, 1), -11 + first)
        return start, add_months(start, size) - timedelta(days=1)

    holding = ref.year + (ref.month > month)  # the fiscal year holding the reference date
    if offset is not None:
        span = part_of(holding + offset)
    elif a.near:  # "im dritten Geschäftsquartal dürfte ...": the one under way or coming
        span = next(p for p in (part_of(y) for y in range(holding - 1, holding + 2)) if p[1] >= ref)
    else:
        years = range(holding - 1, holding + 2) if a.future else range(holding + 1, holding - 2, -1)
        fits = [part_of(y) for y in years]
        span = next(
            (p for p in fits if (p[0] > ref if a.future else p[1] <= ref)), part_of(holding)
        )
    return replace(a, end=mt.end() if mt is not None else a.end, fixed=span, inferred=True)


def _fiscal_ends(rules: Rules, text: str, atoms: list[_Atom], ref: date | None) -> list[_Atom]:
    """Fiscal years. "l'exercice 2024/25, clos le 31 mars", "Geschäftsjahr 2024/25, das Ende
    September endete", "ejercicio fiscal 2025, cerrado el 31 de enero de 2026": the twelve
    months to the closing day or month the sentence gives. A fiscal year whose sentence gives
    no close ends in the month of the article's other fiscal year ("fiscal 2024" beside "the
    year ended 30 June"; "exercice 2025-2026" beside "l'exercice clos fin juin 2025"); a split
    year ("2024/25") with no close anywhere runs April to March (the corpus convention); a
    one-year fiscal year with none is the calendar year. "el ejercicio en curso", "l'exercice
    écoulé" are the article's fiscal years around the reference date. A fiscal year said to
    run "de abril a março" ends in March when nothing closes it otherwise."""
    run = _fiscal_run(rules, text)
    out = [a for a in atoms if run is None or not (run[0] <= a.start and a.end <= run[1] > run[0])]
    for i, a in enumerate(out):
        if a.fixed is not None or a.y is None or not (a.fiscal or a.y_end == a.y + 1):
            continue
        if i and _part_before(rules, text, out[i - 1], a):
            continue  # "first quarter of its 2025/26 year, which ended on June 30": the quarter's
        before = out[i - 1] if i else None
        if (
            before is not None
            and before.m is not None
            and before.q is None
            and before.fixed is None
            and len(text[before.end : a.start]) <= 40
            and not _sentence_break(text, before.end, a.start)
            and (
                _closes(rules, text, before.end, before.end)
                or _closed_on_before(rules, text, before, a)
            )
        ):
            # "im Ende September beendeten Geschäftsjahr 2025/26", "in dem am 30. September
            # beendeten Geschäftsjahr": the close said first
            closing = before.d if before.grain == "day" else None
            said_first = _fiscal_span(before.y or a.y_end or a.y, before.m, closing)
            if said_first is not None:
                out[i] = replace(a, fixed=said_first, fiscal=True)
                continue
        for b in out[i + 1 : i + 3]:
            gap = text[a.end : b.start]
            if len(gap) > 80 or _sentence_break(text, a.end, b.start):
                break
            if b.fixed is not None or b.m is None or b.q is not None or b.first_n:
                continue
            day = b.d is not None and b.grain == "day"
            if not day and not (b.grain == "month" and b.months_to is None):
                continue
            # "cerró su ejercicio 2024 el 1 de febrero de 2025": the closing verb before it
            closed_before = day and len(gap.split()) <= 1 and _closes_before(rules, text, a)
            if (
                (not day or not a.y_end)
                and not closed_before
                and not _closes(rules, text, a.end, b.end)
            ):
                continue  # "im Geschäftsjahr 2023 und im März": no close
            span: tuple[date, date] | None
            if day and _opens(rules, text, a.end, b.end) and valid(b.y or a.y, b.m, b.d or 0):
                # "esercizio 2025/26, iniziato il 1° luglio": twelve months from that day
                first = date(b.y or a.y, b.m, b.d or 0)
                span = first, add_months(first, 12) - timedelta(days=1)
            else:
                span = _fiscal_span(b.y or a.y_end or a.y, b.m, b.d if day else None)
            if span is not None:
                out[i] = replace(a, fixed=span, fiscal=True)
                restated = _interval(replace(b, y=span[1].year), ref) if b.y is None else None
                if restated is not None and restated[1] == span[1]:
                    # "boekjaar 2025/26, dat eind september afloopt": that September
                    out[out.index(b)] = replace(b, fixed=restated[:2], inferred=True)
            break
    # a run of months the article states ("cuyo ejercicio va de octubre a septiembre") first
    month = run[2] if run is not None and run[0] < run[1] else None
    if month is None:
        month = next((a.fixed[1].month for a in out if a.fiscal and a.fixed is not None), None)
    if month is None:
        month = next(
            (a.m for a in out if a.m and (a.year_to or a.months_to == 12) and a.fixed is None),
            None,
        )
    if month is None and ref is not None:
        closed = _whole_year_close(rules, text, out)
        if closed is not None:  # "For the full year, which ends in March, ...": that close
            j, month = closed
            holding = ref.year + (ref.month > month)  # the close of the year under way
            if out[j].d is None and out[j].y is None:
                out[j] = replace(
                    out[j],
                    fixed=(date(holding, month, 1), month_end(holding, month)),
                    inferred=True,
                )
    if month is None and run is not None:  # "cuyo año fiscal termina en noviembre"
        month = run[2]
    if month == 12:
        month = None
    # a fiscal year named by the year it starts in, as its stated close shows ("ejercicio
    # 2024, cerrado el 31 de enero de 2025"): the article's other ones are named so too
    named_ahead = any(
        a.fiscal
        and a.fixed is not None
        and a.y is not None
        and a.y_end is None
        and a.fixed[1].year == a.y + 1
        for a in out
    )
    keys = _fiscal_keys(rules)
    for i, a in enumerate(out):
        if month is not None and ref is not None and a.fixed is None and a.y is None:
            part = _fiscal_part(rules, text, a, month, ref)
            if part is not None:
                out[i] = part
                continue
        if a.fiscal and a.fixed is None and a.y is not None:
            end_month = month or (3 if a.y_end == a.y + 1 else None)
            y_end = a.y_end or a.y + (named_ahead and a.y_end is None)
            span = _fiscal_span(y_end, end_month) if end_month else None
            if span is not None:
                out[i] = replace(a, fixed=span)
        elif (
            month is not None
            and ref is not None
            and a.fixed is not None
            # "l'esercizio precedente" with no fiscal year named before it: the one before
            # the fiscal year under way
            and (
                not a.anaphoric
                or norm(text[a.start : a.end]) in _wordset(rules, "previous_fiscal_year")
            )
            and not a.whole  # "el conjunto de la campaña": below, by the tense
            and a.grain == "year"
            and (a.fixed[0].month, a.fixed[0].day, a.fixed[1].month, a.fixed[1].day)
            == (1, 1, 12, 31)
            and a.fixed[0].year == a.fixed[1].year
            and any(k in text[a.start : a.end].lower() for k in keys)
        ):
            current = ref.year + (ref.month > month)  # the fiscal year holding the reference
            span = _fiscal_span(current + a.fixed[0].year - ref.year, month)
            if span is not None:
                out[i] = replace(a, fixed=span, fiscal=True)
        elif month is not None and ref is not None and _calendar_quarter_said(text, a, ref):
            # "for the current quarter it sees revenue of": the company speaks in its own
            # quarters (fiscal year ending in `month`): the fiscal quarter as far from the
            # one holding the reference date as the calendar quarter named
            assert a.fixed is not None
            here = date(ref.year, (ref.month - 1) // 3 * 3 + 1, 1)
            shift_q = ((a.fixed[0].year - here.year) * 12 + a.fixed[0].month - here.month) // 3
            opening = month % 12 + 1  # the first month of a fiscal year
            back = (ref.month - opening) % 3
            start = add_months(date(ref.year, ref.month, 1), -back + 3 * shift_q)
            out[i] = replace(a, fixed=(start, add_months(start, 3) - timedelta(days=1)))
        elif a.whole and month is not None and ref is not None:
            # "for the full year" where the fiscal year ends in March: the fiscal year
            # under way, or the one just over in a past sentence of its results season
            holding = ref.year + (ref.month > month)
            season = (ref.month - month) % 12 <= _RESULTS_SEASON
            span = _fiscal_span(holding - 1 if not a.future and season else holding, month)
            if span is not None:
                out[i] = replace(a, fixed=span, fiscal=True)
        elif a.year_end and month is not None and ref is not None and a.fixed is not None:
            # "no fecho do exercício" where the fiscal year ends in September: the last
            # 30 September (the coming one when read forward); a named year: its close
            y = a.fixed[1].year
            if a.inferred and a.future:
                y = ref.year if month_end(ref.year, month) >= ref else ref.year + 1
            elif a.inferred:
                y = ref.year if month_end(ref.year, month) <= ref else ref.year - 1
            close = month_end(y, month)
            out[i] = replace(a, fixed=(close, close))
    # "the full year" is read as a date where the article keeps a fiscal calendar of its own,
    # which makes that year worth stating; in a calendar-year article it is the year itself
    # and the analysts leave it out
    out = [a for a in out if not a.whole or a.fiscal]
    return _parts_of_fiscal_years(rules, text, _years_named_before(text, out, month, ref), month)


def _calendar_quarter_said(text: str, a: _Atom, ref: date) -> bool:
    """ "the current quarter", "last quarter": a quarter named relatively (no number, no
    year), resolved on the calendar."""
    if a.fixed is None or a.grain != "quarter" or not a.inferred or a.q is not None:
        return False
    if a.h is not None or a.anaphoric or any(ch.isdigit() for ch in text[a.start : a.end]):
        return False
    s, e = a.fixed
    return s.day == 1 and s.month % 3 == 1 and e == add_months(s, 3) - timedelta(days=1)


def _years_named_before(
    text: str, atoms: list[_Atom], month: int | None, ref: date | None
) -> list[_Atom]:
    """ "sales of $30m in the fourth quarter of 2024, lifting full-year revenue", "facturó
    318 millones en 2025 y su deuda bajó al cierre del año": a full year or a year-end said
    without its year is that of the period named before it in the sentence."""
    out = list(atoms)
    for i, a in enumerate(out):
        if not (a.whole or a.year_end) or not a.inferred or ref is None:
            continue
        for b in reversed(out[:i]):
            if _sentence_break(text, b.end, a.start):
                break
            if b.void or b.now or b.anaphoric or b.whole or b.year_end:
                continue
            named = b.fixed[1] if b.fixed is not None else None
            if named is None and b.y is not None and b.y > 0 and not b.fiscal:
                named = date(b.y_end or b.y, 12, 31)
            if named is None or b.inferred:
                continue
            if a.year_end:
                close = month_end(named.year, month or 12)
                out[i] = replace(a, fixed=(close, close))
            else:
                end_year = named.year + (month is not None and named.month > month)
                span = _fiscal_span(end_year, month) if month else None
                y = named.year
                out[i] = replace(a, fixed=span or (date(y, 1, 1), date(y, 12, 31)))
            break
    return out


def _part_before(rules: Rules, text: str, a: _Atom, b: _Atom) -> bool:
    """A year-less quarter or half `a` joined to the year `b` after it by "of", an
    article, a possessive or a fiscal word: "ersten Quartal des Geschäftsjahres"."""
    if (a.q is None and a.h is None) or a.y is not None or a.m is not None or a.fixed:
        return False
    words = [norm(w) for w in re.findall(r"[^\W\d_]+['\u2019]?", text[a.end : b.start])]
    glue = _wordset(rules, "of_words") | _wordset(rules, "articles")
    glue |= _wordset(rules, "fiscal_possessives")
    return (
        len(words) <= 5
        and not re.search(r"[.;:!?\n]", text[a.end : b.start])
        and all(
            w in glue or w.rstrip("'") in glue or w.startswith(_fiscal_heads(rules)) for w in words
        )
    )


def _fiscal_heads(rules: Rules) -> tuple[str, ...]:
    """The first word of each fiscal phrase, to match its inflections ("Geschäftsjahres")."""
    return tuple(norm(k).split()[0] for k in _fiscal_keys(rules))


_YEAR_AHEAD = re.compile(r"\s*(?:19|20)\d\d(?!\d)")
_SPLIT_TAIL = re.compile(r"[/\-]((?:19|20)?\d\d)(?![\d%]|[.,]\d)")


def _parts_of_fiscal_years(
    rules: Rules, text: str, atoms: list[_Atom], month: int | None
) -> list[_Atom]:
    """ "le premier trimestre de l'exercice 2025/26", "the first half of its 2025/26
    financial year": that quarter or half of the fiscal year, not of the calendar year.
    A split year with no close runs to the article's fiscal month, else March."""
    out: list[_Atom | None] = list(atoms)
    for i, a in enumerate(atoms):
        if (a.q is None and a.h is None) or a.fixed is not None or a.m is not None:
            continue
        fy: tuple[date, date] | None = None
        end = a.end
        tail = _SPLIT_TAIL.match(text, a.end) if a.y is not None else None
        if tail is not None and a.y is not None and int(tail[1]) not in (a.y + 1, (a.y + 1) % 100):
            tail = None  # "2025-03": not the second year of a split one
        if a.y is not None and (a.y_end == a.y + 1 or tail is not None):
            # one atom: "premier semestre de l'exercice 2025" + "/26"
            named = norm(text[a.start : a.end]).replace("'", " ").split()
            if a.y_end == a.y + 1 or any(w.startswith(_fiscal_heads(rules)) for w in named):
                fy = _fiscal_span(a.y + 1, month or 3)
                end = tail.end() if tail is not None else end
        elif a.y is None and i + 1 < len(atoms):
            b = atoms[i + 1]
            split = b.y is not None and b.y_end == b.y + 1
            if (b.fiscal or split) and b.fixed is not None and _part_before(rules, text, a, b):
                fy, end = b.fixed, b.end
                out[i + 1] = None
        if fy is None:
            continue
        size = 3 if a.q is not None else 6
        first = add_months(fy[0], size * ((a.q or a.h or 1) - 1))
        k = size * (a.q or a.h or 1)
        closed = None if month else _part_closed(rules, text, end, atoms[i + 1 :], fy[0].year, k)
        if closed is not None:
            # "terzo trimestre dell'esercizio 2024/2025, chiuso il 31 marzo": it ends then
            first = add_months(date(closed.year, closed.month, 1), 1 - size)
        out[i] = replace(
            a, end=end, fixed=(first, add_months(first, size) - timedelta(days=1)), fiscal=True
        )
    return [a for a in out if a is not None]


def _part_closed(
    rules: Rules, text: str, end: int, after: list[_Atom], first_year: int, months: int
) -> date | None:
    """The day a fiscal quarter or half ending at `end` is said to have closed on, right
    after it in its clause (", chiuso il 31 marzo", ", ended 30 September"): a year-less
    day falls in the year that opens the fiscal year `first_year` `months` months before."""
    b = next((b for b in after if b.start >= end), None)
    if b is None or b.d is None or b.m is None or b.grain != "day" or b.start - end > 30:
        return None
    if re.search(r"[.;:!?\n]", text[end : b.start]) or not _closes(rules, text, end, b.start):
        return None
    for y in (b.y,) if b.y is not None else (first_year, first_year + 1):
        opening = add_months(date(y, b.m, 1), 1 - months)
        if valid(y, b.m, b.d) and opening.year == first_year and opening.month != 1:
            return date(y, b.m, b.d)
    return None


_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def _past_end(rules: Rules, text: str, atom: _Atom, floor: int, ref: date | None) -> _Atom:
    """ "Cash stood at $4m at the end of the quarter": the end of the current quarter, month
    or year is still to come, so in a past-tense sentence (and after no "by") it is the end
    of the previous one."""
    fx = atom.fixed
    size = _UNIT_MONTHS.get(atom.grain, 0)
    if fx is None or ref is None or atom.mod != "end" or not atom.inferred or not size:
        return atom
    if fx[1] <= ref or atom.ranged or atom.future:
        return atom
    if (fx[1].year - ref.year) * 12 + fx[1].month - ref.month >= size:
        return atom  # "until the end of next year": not the unit under way
    if rules.future_cue.search(text, max(floor, atom.start - 40), atom.start):
        return atom
    past, future = _tense(rules, text, *_sentence_span(text, atom.start, atom.end))
    if not past or future:
        return atom
    start = add_months(fx[0], -size)
    end = add_months(date(fx[1].year, fx[1].month, 1), -size)
    return replace(atom, fixed=(start, month_end(end.year, end.month)))


def _with_rest(rules: Rules, text: str, atom: _Atom, floor: int, ref: date | None) -> _Atom:
    """ "the rest of the year", "le reste du mois": from the reference date to the end."""
    fx = atom.fixed
    if fx is None or ref is None or atom.ranged or not fx[0] <= ref <= fx[1]:
        return atom
    rest = rules.rest.search(text, max(floor, atom.start - 30), atom.start)
    if rest is None:
        return atom
    # it starts on a given day, not on a calendar unit: its grain is the day
    return replace(atom, start=rest.start(), fixed=(ref, fx[1]), ranged=True, grain="day")


def _with_modifier(rules: Rules, text: str, atom: _Atom, floor: int) -> _Atom:
    if atom.grain == "day" and atom.d is not None and not atom.week:
        wk = rules.week_of_day.search(text[max(floor, atom.start - 40) : atom.start])
        if wk is not None:  # "the week of April 10th": the week holding that day
            start = max(floor, atom.start - 40) + wk.start()
            return replace(atom, start=start, nth_week=0, grain="week")
    if atom.grain == "day" or (atom.grain == "week" and atom.fixed is None):
        return atom
    window_start = max(floor, atom.start - 40)
    fw = rules.nth_weekday.search(text[window_start : atom.start])
    if fw is not None and atom.grain == "month" and atom.mod is None:
        o = rules.ordinals.get(norm(fw.group("o")), 0)
        wd = rules.weekdays.get(norm(fw.group("wd")))
        if wd is not None and (o == -1 or 1 <= o <= 5):
            start = window_start + fw.start()
            return replace(atom, start=start, nth_wd=(o, wd), grain="day")
    if atom.grain == "year" and atom.mod is None and atom.y_end is None and not atom.fiscal:
        mo = rules.month_of.search(text[window_start : atom.start])
        o = rules.ordinals.get(norm(mo.group("o")), 0) if mo is not None else 0
        if mo is not None and 1 <= o <= 12:  # "the third month of 2021", "el noveno mes del
            start = window_start + mo.start()  # próximo año": that month of the year
            return replace(atom, start=start, nth_month=o, grain="month")
    wk = rules.week_of.search(text[window_start : atom.start])
    fx = atom.fixed
    if (
        fx is not None
        and atom.grain == "month"
        and fx[0].day == 1
        and fx[1] == month_end(*fx[1].timetuple()[:2])
    ):
        dm = rules.day_of.search(text[window_start : atom.start])
        if dm is not None:  # "le 20 du mois prochain", "4 au 22 de ce mois"
            last = int(dm.group("d"))
            first = int(dm.group("d1")) if dm.group("d1") else last
            if 1 <= first <= last <= fx[1].day:
                span = (fx[0].replace(day=first), fx[0].replace(day=last))
                return replace(
                    atom, start=window_start + dm.start(), fixed=span, grain="day", ranged=True
                )
            return replace(atom, start=window_start + dm.start(), void=True)  # "31 de ce mois"
    if wk is not None and atom.grain != "week":
        o = rules.ordinals.get(norm(wk.group("o")), 0)
        if o == -1 or 1 <= o <= 5:
            return replace(atom, start=window_start + wk.start(), nth_week=o, grain="week")
    mt = rules.modifier.search(text[window_start : atom.start])
    after = rules.mod_after.match(text, atom.end) if atom.fixed is not None else None
    if mt is None and after is not None:
        kind = "earlier" if after.group("earlier") else "later"
        return replace(atom, end=after.end(), mod=kind)
    if mt is None:
        return atom
    kind = next(k for k in _MOD_KINDS if mt.groupdict().get(k))
    said = norm(mt.group(kind).strip())
    numbered_year = atom.grain == "year" and atom.y is not None and atom.y > 0
    if (
        kind == "end"
        and numbered_year
        and atom.fixed is None
        and atom.y_end is None
        and not atom.fiscal
        and said in _wordset(rules, "year_close_words")
        and atom.y is not None
    ):
        # "a cierre de 2025", "no fecho de 2025": the year's closing day, like "al cierre
        # del ejercicio"
        close = date(atom.y, 12, 31)
        start = window_start + mt.start()
        return replace(atom, start=start, fixed=(close, close), grain="day", year_end=True)
    month_named = atom.grain == "month" and atom.m is not None and atom.d is None
    if (
        kind == "end"
        and month_named
        and atom.fixed is None
        and atom.first_n is None
        and said in _wordset(rules, "year_close_words")
    ):
        # "al cierre de junio", "no fecho de junho": the month's closing day
        return replace(atom, start=window_start + mt.start(), mod="close", grain="day")
    # "fin 2024" keeps the grain of 2024: the analyst reads the precision of the text
    return replace(atom, start=window_start + mt.start(), mod=kind)


# a day said in the future tense that fell this many days before the reference date is
# that day, written before the article was dated, not the same day a year on
_LATE_DATING_DAYS = 14


def _just_past(atom: _Atom, ref: date) -> bool:
    """ "A votação será em 22/04" in an article dated 2 May: the day just past."""
    if atom.d is None or atom.m is None:
        return False
    try:
        day = date(ref.year, atom.m, atom.d)
    except ValueError:
        return False
    return 0 < (ref - day).days <= _LATE_DATING_DAYS


def _interval(atom: _Atom, ref: date | None) -> tuple[date, date, bool] | None:
    """The inclusive interval of an atom, resolving a missing year against `ref`."""
    if atom.nth_week == 0:
        res = _interval(replace(atom, nth_week=None, grain="day"), ref)
        if res is None:
            return None
        monday = res[0] - timedelta(days=res[0].weekday())
        return monday, monday + timedelta(days=6), res[2]
    if atom.nth_month is not None:
        res = _interval(replace(atom, nth_month=None, grain="year"), ref)
        if res is None:
            return None
        month_start = add_months(res[0], atom.nth_month - 1)
        return month_start, add_months(month_start, 1) - timedelta(days=1), res[2]
    if atom.nth_week is not None:
        res = _interval(replace(atom, nth_week=None, grain="month"), ref)
        if res is None:
            return None
        return (*nth_week(res[0], res[1], atom.nth_week), res[2])
    if atom.weeks_to is not None:  # "the five weeks to 3 January": 35 days to that day
        res = _interval(replace(atom, weeks_to=None, grain="day"), ref)
        if res is None:
            return None
        return res[1] - timedelta(days=7 * atom.weeks_to - 1), res[1], res[2]
    if atom.year_to or atom.months_to is not None:  # "the year to 28 February 2025"
        res = _interval(replace(atom, year_to=False, months_to=None, grain="day"), ref)
        if res is None:
            return None
        months = 12 if atom.year_to else atom.months_to or 12
        end = res[1]
        if end == month_end(end.year, end.month):  # whole months: "six months to 30 June"
            begin = add_months(date(end.year, end.month, 1), 1 - months)
        else:
            begin = add_months(end, -months) + timedelta(days=1)
        return begin, end, res[2]
    if atom.nth_wd is not None:
        res = _interval(replace(atom, nth_wd=None, grain="month"), ref)
        if res is None:
            return None
        o, wd = atom.nth_wd
        if o == -1:
            day = res[1] - timedelta(days=(res[1].weekday() - wd) % 7)
        else:
            day = res[0] + timedelta(days=(wd - res[0].weekday()) % 7 + 7 * (o - 1))
        return (day, day, res[2]) if day <= res[1] else None
    if atom.part_n is not None:
        base = replace(atom, part_n=None, grain="year" if atom.y_end else "month")
        res = _interval(base, ref)
        if res is None:
            return None
        sign, n, unit = atom.part_n
        s, e = res[0], res[1]
        if unit == "week":  # whole weeks, Monday to Sunday, the first holding day 4
            if sign > 0:
                s = nth_week(s, e, 1)[0]
                e = s + timedelta(days=7 * n - 1)
            else:
                e = nth_week(s, e, -1)[1]
                s = e - timedelta(days=7 * n - 1)
        elif sign > 0:
            e = shift(s, n, unit) - timedelta(days=1)
        else:
            s = shift(e + timedelta(days=1), -n, unit)
        return (s, e, res[2]) if s <= e and s >= res[0] - timedelta(days=6) else None
    if atom.stretch is not None:
        res = _interval(replace(atom, stretch=None), ref)
        if res is None:
            return None
        until = shift(res[0], *atom.stretch) - timedelta(days=1)
        return res[0], until, res[2]
    if atom.shift is not None:
        res = _interval(replace(atom, shift=None), ref)
        if res is None:
            return None
        day = shift(res[0], *atom.shift)
        return day, day, res[2]
    if atom.hol is not None:
        if atom.y is None and ref is None:
            return None
        hday = holiday_near(atom.hol, atom.y, ref, atom.future, atom.this_year)
        return (hday, hday, atom.inferred or atom.y is None) if hday else None
    if atom.fixed is not None:
        s, e = atom.fixed
        if atom.mod in ("earlier", "later"):
            part = relative_part(s, e, atom.mod, ref)
            return (*part, atom.inferred) if part is not None else None
        if atom.mod is not None and (e - s).days == 6:  # a week: Mon-Wed, Tue-Fri, Thu-Sun
            first, last = {"begin": (0, 2), "mid": (1, 4), "end": (3, 6)}[atom.mod]
            return s + timedelta(days=first), s + timedelta(days=last), atom.inferred
        s, e = apply_mod(s, e, atom.mod, relative=atom.y is None and not atom.fiscal)
        return s, e, atom.inferred
    y, inferred = atom.y, atom.inferred
    if y is not None and y < 0:  # two-digit decade: the latest one not after ref
        if ref is None:
            return None
        dd = -y
        y = ref.year // 100 * 100 + dd
        if y > ref.year:
            y -= 100
        s, e = date(y, 1, 1), date(y + 9, 12, 31)
        return s, e, True
    if y is None:
        if ref is None:
            return None
        inferred = True
        if atom.week is not None and atom.d is None:
            y = ref.year  # "week 31": of the current year
        elif atom.this_year:
            y = ref.year
        elif atom.near:  # the occurrence nearest the reference date: one under way is
            y = min((ref.year - 1, ref.year, ref.year + 1), key=lambda c: _away(atom, c, ref))
        elif atom.future and atom.d is None and (atom.q or atom.h or atom.season):
            size = 3 if atom.h is None else 6  # the next quarter or half, one under way included
            y = ref.year if atom.first_month + size - 1 >= ref.month else ref.year + 1
        elif atom.future:  # the next occurrence, this one included
            now = (ref.month, ref.day) if atom.d is not None else (ref.month, 1)
            y = ref.year if atom.key >= now or _just_past(atom, ref) else ref.year + 1
        elif atom.first_n is not None:  # the latest such stretch already over
            y = ref.year if (atom.first_n, 31) < (ref.month, ref.day) else ref.year - 1
        elif atom.q is not None or atom.h is not None:
            # a quarter or half named without a year is a reported one: the latest ended
            size = 3 if atom.q is not None else 6
            last_month = atom.first_month + size - 1
            y = ref.year if (last_month, 31) < (ref.month, ref.day) else ref.year - 1
            if atom.untensed and atom.first_month <= ref.month <= last_month:
                y = ref.year  # "een last, grotendeels in het vierde kwartaal" in November
        else:
            y = ref.year if atom.key <= (ref.month, ref.day) else ref.year - 1
            if atom.untensed and y < ref.year and _weeks_ahead(atom, ref):
                y = ref.year
            if atom.m == 2 and atom.d == 29:
                while not calendar.isleap(y):
                    y -= 1
    try:
        if atom.grain == "day" and atom.m is not None and atom.d is not None:
            s = date(y, atom.m, atom.d)
            e = date(y, atom.m, atom.week) if atom.week else s
        elif atom.week is not None:
            s = date.fromisocalendar(y, atom.week, 1)
            e = s + timedelta(days=6)
        elif atom.first_n is not None:
            s, e = date(y, 1, 1), month_end(y, atom.first_n)
        elif atom.m is not None:
            s, e = date(y, atom.m, 1), month_end(y, atom.m)
        elif atom.q is not None or atom.h is not None or atom.season is not None:
            size = 3 if atom.q is not None or atom.season is not None else 6
            s = date(y, atom.first_month, 1)
            e = add_months(s, size) - timedelta(days=1)
        else:
            s, e = date(y, 1, 1), date(atom.y_end or y, 12, 31)
    except ValueError:
        return None
    if atom.mod in ("earlier", "later"):
        part = relative_part(s, e, atom.mod, ref)
        return (*part, inferred) if part is not None else None
    s, e = apply_mod(s, e, atom.mod)
    return s, e, inferred


# how far ahead a day said with no tense is read as the coming one
_UNTENSED_AHEAD_DAYS = 31


def _weeks_ahead(atom: _Atom, ref: date) -> bool:
    """The day `atom` names falls this year within a month after the reference date."""
    if atom.m is None or atom.d is None or not valid(ref.year, atom.m, atom.d):
        return False
    return 0 < (date(ref.year, atom.m, atom.d) - ref).days <= _UNTENSED_AHEAD_DAYS


def _listed_run(
    rules: Rules, text: str, a: _Atom, b: _Atom, c: _Atom | None, ref: date | None
) -> tuple[date, date] | None:
    """ "novembre, décembre et janvier", "March, April and May": three year-less months (or
    quarters) listed in a row, read as one run when they follow each other."""
    if c is None or not (a.grain == b.grain == c.grain) or a.grain not in ("month", "quarter"):
        return None
    if any(x.fixed is not None or x.d is not None for x in (a, b, c)) or a.y or b.y:
        return None
    if rules.connectors.get(_connector(rules, text[b.end : c.start]) or "") != "coord":
        return None
    b, c = _share_year(b, c, ref)  # "January, February and March 2025": the year serves all
    a, b = _share_year(a, b, ref)
    first, second, third = (_interval(x, ref) for x in (a, b, c))
    if first is None or second is None or third is None:
        return None
    step = timedelta(days=1)
    if first[1] + step == second[0] and second[1] + step == third[0]:
        return first[0], third[1]
    return None


def _share_year(a: _Atom, b: _Atom, ref: date | None) -> tuple[_Atom, _Atom]:
    """A year written once ("juillet et août 2023", "de décembre à mars 2024") serves both."""
    if a.fixed is None and b.fixed is None and a.y is None and b.y is not None and b.y > 0:
        return replace(a, y=b.y if a.key <= b.key else b.y - 1), b
    if a.fixed is None and b.fixed is None and b.y is None and a.y is not None and a.y > 0:
        return a, replace(b, y=a.y if b.key >= a.key else a.y + 1)
    if a.fixed is None and b.fixed is None and a.y is None and b.y is None and ref is not None:
        res = _interval(a, ref)  # the start is the latest not after ref, the end follows it
        if res is not None:
            ay = res[0].year
            return replace(a, y=ay, inferred=True), replace(
                b, y=ay if b.key >= a.key else ay + 1, inferred=True
            )
    return a, b


def _connector(rules: Rules, gap: str) -> str | None:
    if gap.strip() and not any(ch.isalnum() for ch in gap):
        return gap.strip()
    words = norm(gap).split()
    # "1 Jan until Wed, 22 Jan": the weekday of the second end says nothing more
    days = rules.weekdays.keys() | _wordset(rules, "weekday_abbr")
    while len(words) > 1 and words[-1].rstrip(",.") in days:
        words.pop()
    articles = _wordset(rules, "articles")
    while len(words) > 1 and words[-1] in articles:
        words.pop()
    if not words:
        return None
    return " ".join(words)


def _mention(
    text: str, start: int, end: int, s: date, e: date, grain: Grain, inf: bool
) -> DateMention:
    return DateMention(start, end, text[start:end], s, e, grain, inf)


def _finer(a: Grain, b: Grain) -> Grain:
    return a if _GRAIN_RANK[a] <= _GRAIN_RANK[b] else b


def _weekday_in_week(a: _Atom, b: _Atom, text: str) -> bool:
    """ "vendredi de la semaine prochaine", "next week Monday": one day."""
    gap = text[a.end : b.start]
    if len(gap) > 8 or len(gap.split()) > 2:
        return False
    pairs = ((a, b), (b, a))
    return any(x.wd is not None and y.grain == "week" and y.fixed is not None for x, y in pairs)


def _weekdays_in_week(
    rules: Rules, text: str, a: _Atom, b: _Atom | None, c: _Atom | None
) -> tuple[date, date, int] | None:
    """ "next week between Wednesday and Friday": those days of that week (start, end,
    end offset of the mention)."""
    if b is None or c is None or a.fixed is None or a.grain != "week" or b.void or c.void:
        return None
    if b.wd is None or c.wd is None or b.wd > c.wd or len(text[a.end : b.start]) > 12:
        return None
    if (a.fixed[1] - a.fixed[0]).days != 6 or re.search(r"[.!?;\n]", text[a.end : b.start]):
        return None
    conn = _connector(rules, text[b.end : c.start])
    kind = rules.connectors.get(conn or "")
    opener = rules.range_open.search(text, a.end, b.start)
    paired = opener is not None and conn in rules.pairs.get(norm(opener.group("o")), ())
    if kind not in ("infix", "close") and not paired:
        return None
    monday = a.fixed[0]
    return monday + timedelta(days=b.wd), monday + timedelta(days=c.wd), c.end


def _shifted(rules: Rules, text: str, at: int) -> bool:
    """A verb that moves a date stands right before `at` ("l'échéance est repoussée de
    2027 à 2031", "postponed from May to July"): the two dates are the old and the new
    one, no range."""
    words = [norm(w) for w in re.findall(r"[^\W\d_]+", text[max(0, at - 30) : at])[-2:]]
    return bool(set(words) & _wordset(rules, "shift_verbs"))


def _year_of_relative(rules: Rules, a: _Atom, b: _Atom, text: str) -> bool:
    """ "juin de l'année prochaine", "Q3 this year": a partial date in a relative year."""
    if a.fixed is not None or a.y is not None or b.fixed is None or b.grain != "year":
        return False
    gap = norm(text[a.end : b.start])
    of = _wordset(rules, "of_words")
    return gap == "" or gap in of


def _year_of_explicit(rules: Rules, a: _Atom, b: _Atom, text: str) -> bool:
    """ "Heilige Drei Könige im Jahr 2020": a holiday in a year written after an of-word."""
    if a.hol is None or a.y is not None or b.fixed is not None or b.grain != "year":
        return False
    if b.y is None or b.y <= 0 or b.y_end is not None or b.mod is not None:
        return False
    gap = norm(text[a.end : b.start])
    return gap in _wordset(rules, "of_words")


def _part_after_year(rules: Rules, a: _Atom, b: _Atom, text: str) -> int | None:
    """ "2016 the third quarter", "dit jaar het derde kwartaal": the year of a partial
    date named just before it, joined by nothing but articles or of-words."""
    if b.fixed is not None or b.y is not None or b.grain not in ("quarter", "month"):
        return None
    if b.mod is not None or b.first_n is not None or b.d is not None:
        return None
    if b.q is None and b.h is None and (b.m is None or a.fixed is None):
        return None  # a month joins a relative year only ("volgend jaar juni")
    if a.grain != "year" or a.mod is not None or a.y_end is not None or a.anaphoric:
        return None
    if a.fixed is not None and a.fixed[0].year != a.fixed[1].year:
        return None
    glue = _wordset(rules, "articles") | _wordset(rules, "of_words")
    glue |= _wordset(rules, "year_part_glue")
    words = norm(text[a.end : b.start]).split()
    if (not words and (a.fixed is None or text[a.end : b.start] != " ")) or any(
        w not in glue for w in words
    ):
        return None  # "volgend jaar juni": a relative year may stand right before
    return a.fixed[0].year if a.fixed is not None else a.y


@_per_language
def _weekend_res(rules: Rules) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """("weekend of" before a holiday, "weekend" alone) of the language."""
    weekend = sorted(_wordset(rules, "weekend_words"), key=len)[::-1]
    words = "|".join(re.escape(w) for w in weekend)
    glue = _wordset(rules, "of_words") | _wordset(rules, "articles")
    of = "|".join(re.escape(w) for w in sorted(glue, key=len)[::-1])
    before = re.compile(rf"(?<!\w)(?:{words})(?:\s+(?:{of}))+\s+\Z", re.IGNORECASE)
    alone = re.compile(rf"(?:{words})(?!\w)", re.IGNORECASE)
    return before, alone


def _holiday_weekend(
    rules: Rules, text: str, a: _Atom, b: _Atom | None, c: _Atom | None, ref: date | None
) -> tuple[int, int, int, tuple[date, date]] | None:
    """ "the weekend of Halloween", "Labor Day 2021 weekend": the weekend by the holiday,
    the holiday included (Thanksgiving: Thursday to Sunday; Labor Day: Saturday to Monday).
    (start, end, atoms used, interval), or None."""
    before, alone = _weekend_res(rules)
    start, end, used, atom = a.start, a.end, 1, a
    pre = before.search(text, max(0, a.start - 30), a.start)
    if pre is not None:
        start = pre.start()
    else:
        space = re.match(r"\s+", text[a.end : a.end + 4])
        word = alone.match(text, a.end + space.end()) if space is not None else None
        if word is None:
            return None
        end = word.end()
        if b is not None and b.start < end:
            used, b = 2, c  # the weekend atom
        if (
            atom.y is None
            and b is not None
            and b.grain == "year"
            and b.fixed is None
            and b.y is not None
            and b.y > 0
            and b.y_end is None
            and re.fullmatch(r"\s*,?\s*", text[end : b.start])
        ):
            atom, end, used = replace(a, y=b.y), b.end, used + 1  # "halloween weekend 2021"
    res = _interval(atom, ref)
    if res is None:
        return None
    day = res[0]
    wd = day.weekday()
    if wd in (0, 1):
        span = (day - timedelta(days=wd + 2), day)
    elif wd in (3, 4):
        span = (day, day + timedelta(days=6 - wd))
    elif wd in (5, 6):
        span = (day - timedelta(days=wd - 5), day + timedelta(days=6 - wd))
    else:
        return None  # a Wednesday holiday has no weekend of its own
    return start, end, used, span


def _told_period(
    rules: Rules, text: str, atom: _Atom, before: list[DateMention], ref: date | None
) -> DateMention | None:
    """ "no trimestre", "in the half", "sur l'exercice": the quarter (half, fiscal year)
    named before in the article that is reported on: comparison bases aside ("a year
    earlier", "face a ... no primeiro semestre de 2025"), the latest one already over (not
    "nel secondo semestre la società registrerà"); none named, no date. "over the period",
    "nel periodo" (`told` 0) take a period of any length from a week to a year."""
    assert atom.told is not None
    sized = []
    for m in before:
        s, e = m.start_date, m.end_date
        months = (e.year - s.year) * 12 + e.month - s.month + 1
        whole = s.day == 1 and e == month_end(e.year, e.month)
        if atom.told:
            fits = whole and months == atom.told
        else:  # "the five weeks to 3 January ... over the period", not "since May" (to now)
            fits = 6 <= (e - s).days <= 366 and (ref is None or e != ref)
        if fits and not _compared(rules, text, m):
            sized.append(m)
    over = [m for m in sized if ref is None or m.end_date <= ref]
    if not atom.told and any((_months_spanned(m) or 0) >= 3 for m in over):
        # "no mesmo período" after a quarter and a month named since: the quarter
        over = [m for m in over if (_months_spanned(m) or 0) >= 3]
    # the latest period over, the one reported on ("im ersten Halbjahr 2025 ... nach X im
    # ersten Halbjahr 2024 ... im Halbjahr": 2025), else the latest named
    chosen = max(over, key=lambda m: m.end_date) if over else (sized[-1] if sized else None)
    if chosen is None:
        return None
    grain: Grain = "year" if atom.told == 12 else "quarter" if atom.told in (3, 6) else "month"
    if not atom.told:
        grain = chosen.grain
    return _mention(text, atom.start, atom.end, chosen.start_date, chosen.end_date, grain, True)


def _of_year(rules: Rules, text: str, a: _Atom, b: _Atom | None) -> int | None:
    """The year a "same" unit is placed in: "the same quarter of 2025", "el mismo
    trimestre de 2025"; None when no bare year follows it joined by an "of" word."""
    if b is None or b.grain != "year" or b.y is None or b.fixed is not None or b.y_end:
        return None
    gap = norm(text[a.end : b.start].strip())
    return b.y if gap in _wordset(rules, "of_words") else None


def _same_unit(
    rules: Rules, text: str, atom: _Atom, before: list[DateMention]
) -> DateMention | None:
    """ "in March 2019, and the same year...": the unit of the date named just before in
    the sentence; without one, the unit holding the reference date. "ese año", "nesse ano"
    (that year, data key distal_words) point back to the date named before, in any
    sentence; with none, no date."""
    assert atom.fixed is not None
    s, e = atom.fixed
    grain = atom.grain
    prev = before[-1] if before else None
    distal = norm(text[atom.start : atom.end].split()[0]) in _wordset(rules, "distal_words")
    if distal:  # the latest date named before that is as fine as the unit ("in die maand")
        rank = _GRAIN_RANK[grain]
        prev = next((m for m in reversed(before) if _GRAIN_RANK[m.grain] <= rank), None)
        if prev is None:
            return None
    if (
        prev is not None
        and (distal or not re.search(r"[.!?\n]", text[prev.end : atom.start]))
        and _GRAIN_RANK[prev.grain] <= _GRAIN_RANK[grain]
    ):
        d = prev.start_date
        if grain == "year":
            s, e = date(d.year, 1, 1), date(d.year, 12, 31)
        elif grain == "quarter":
            s = date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
            e = add_months(s, 3) - timedelta(days=1)
        elif grain == "month":
            s, e = date(d.year, d.month, 1), month_end(d.year, d.month)
        elif grain == "week":
            s = d - timedelta(days=d.weekday())
            e = s + timedelta(days=6)
        else:
            s = e = d
    return _mention(text, atom.start, atom.end, s, e, grain, True)


# "Mio.", "9." (an ordinal, of one to three digits); a year's dot ("de 2024. Le",
# "2024/25. En") ends
_ABBREV_DOT = re.compile(r"(?:\b[^\W\d_]{1,3}|(?<![\d/])\d{1,3})\.\Z")


def _sentence_break(text: str, start: int, end: int) -> bool:
    """A sentence ends between `start` and `end`: "!", "?", a line break, or a full stop
    before a word; not a decimal point ("148.2") nor the dot of an ordinal or of a short
    abbreviation ("9. Dezember", "Mio. Euro")."""
    gap = text[start:end]
    if re.search(r"[!?\n]", gap):
        return True
    for dot in re.finditer(r"\.(?=\s+\S)", gap):
        if not _ABBREV_DOT.search(text, max(0, start + dot.start() - 4), start + dot.end()):
            return True
    return False


def _is_period(m: DateMention, ref: date | None) -> bool:
    """A mention that can be what "a year earlier" refers to when its sentence names none:
    a period of a month or more already over, not a news day ("Tuesday"), a bare day, an
    open interval running to the reference date nor a coming period."""
    return m.grain != "day" and (ref is None or m.end_date < ref)  # over: no "seit Januar"


def _closing(rules: Rules, m: DateMention, prev: list[DateMention], text: str) -> bool:
    """ "l'exercice 2024/25, clos fin septembre": a date that only restates the end of the
    period named just before it in the sentence (with a closing verb) is not itself what
    is referred to."""
    return any(
        p.end_date == m.end_date
        and p.start_date < m.start_date
        and not _sentence_break(text, p.end, m.start)
        and _closes(rules, text, p.end, m.end)
        for p in prev[-3:]
    )


def _referent(
    rules: Rules,
    text: str,
    start: int,
    before: list[DateMention],
    ref: date | None,
    seen: dict[int, DateMention | None],
    local: bool = False,
    period: bool = False,
    year: bool = False,
) -> DateMention | None:
    """What "a year earlier" / "the same period of 2024" at `start` refers to: the period
    named before it in its sentence (not a restated closing day, nor a news day like
    "Tuesday"); without one, the period the last such comparison referred to; else the
    last period named. "The previous fiscal year" (`year`) refers to a year only."""
    for k in range(len(before) - 1, -1, -1):
        m = before[k]
        if _sentence_break(text, m.end, start):
            break
        if id(m) in seen or _closing(rules, m, before[:k], text) or _compared(rules, text, m):
            continue
        if year and m.grain != "year":
            continue  # "presented in October ... the previous fiscal year": not October
        if period and _months_spanned(m) is None:
            continue  # "bis Ende September ... im Vorjahreszeitraum": a period, not a close
        news_day = ref is not None and 0 <= (ref - m.start_date).days < 8
        if m.grain == "day" and m.inferred and news_day:
            continue  # "said on Tuesday that ... a year earlier": the news day is no period
        return m
    if local:
        return None  # "a year ago" with no period in its sentence: the day a year back
    earlier = next((seen[id(m)] for m in reversed(before) if seen.get(id(m)) is not None), None)
    if earlier is not None and not (year and earlier.grain != "year"):
        return earlier  # "the same period of 2024 ... a year earlier": the same comparison
    return next(
        (
            m
            for k, m in reversed(list(enumerate(before)))
            if id(m) not in seen
            and _is_period(m, ref)
            and not _compared(rules, text, m)
            and not _closing(rules, m, before[:k], text)
            and not (period and _months_spanned(m) is None)
            and not (year and m.grain != "year")
        ),
        None,
    )


def _after_comparison(rules: Rules, text: str, start: int) -> bool:
    """A comparison word ("contre", "against", "frente a", "tegen") opens the clause of
    `start` before it, or a word that does after a change ("up 11% from the June quarter",
    "rose to $612m in the quarter from $540m in the June quarter"; not "from January",
    where the date itself follows)."""
    clause = _clause_start(text, start)
    for said in _word_re(rules, "comparison_words").finditer(text, clause, start):
        # "as vendas mais do que triplicaram no semestre": a multiple, no comparison
        verb = _WORD_AFTER.match(text, said.end())
        if verb is None or norm(verb.group(1)) not in _wordset(rules, "multiple_verbs"):
            return True
    came = list(_word_re(rules, "change_from_words").finditer(text, clause, start))
    if not came or not text[came[-1].end() : start].strip():
        return False
    return _word_re(rules, "change_verbs").search(text, clause, came[-1].start()) is not None


def _compared(rules: Rules, text: str, m: DateMention) -> bool:
    """ "contre 96 millions en 2024", "tegen € 6,1 miljoen in 2024", "(2024: € 698
    miljoen)": a period in a clause opened by a comparison word, or bracketed before a colon,
    is the base of a comparison, not a period reported on."""
    if text[max(0, m.start - 1) : m.start] == "(" and text[m.end : m.end + 1] == ":":
        return True  # "(2024: € 698 miljoen)", "(Vorjahr: 12,1 Mio.)"
    return _after_comparison(rules, text, m.start)


def _anaphora(
    rules: Rules,
    text: str,
    atom: _Atom,
    before: list[DateMention],
    ref: date | None,
    seen: dict[int, DateMention | None],
    year: int | None = None,
) -> DateMention:
    """ "revenue of X in 2024 against Y a year earlier": the period referred to, one year
    back; "the same period of 2023": that period in 2023; with nothing to refer to, the year
    before the reference date (or the year named)."""
    assert atom.fixed is not None
    first = _sentence_span(text, atom.start, atom.start)[0]
    if (
        year is None
        and ref is not None
        and not any(first <= m.start < atom.start for m in before)
        and _present_said(rules, text, first, atom.start)
    ):
        # "ein Kasten kostet inzwischen 19,99 Euro, ein Jahr zuvor 18,49": now against a
        # year before the news
        day = shift_years(ref, -1)
        out = _mention(text, atom.start, atom.end, day, day, "day", True)
        seen[id(out)] = None
        return out
    atom_text = text[atom.start : atom.end]
    period = norm(atom_text) in {norm(w) for w in rules.data.get("period_anaphors") or []}
    fiscal = norm(atom_text) in _wordset(rules, "previous_fiscal_year")
    chosen = _referent(rules, text, atom.start, before, ref, seen, atom.local, period, fiscal)
    if chosen is None and ref is not None and _said_quarter(rules, atom_text):
        # "the year-ago quarter", "im Vorjahresquartal" with no quarter named before: the
        # last quarter over at the news, a year back
        last = unit_interval(ref, "quarter", -1)
        assert last is not None
        s, e = shift_years(last[0], -1), shift_years(last[1], -1)
        out = _mention(text, atom.start, atom.end, s, e, "quarter", True)
    elif chosen is None:
        s, e = atom.fixed
        out = _mention(text, atom.start, atom.end, s, e, atom.grain, True)
    else:
        k = -1 if year is None else year - chosen.start_date.year
        if chosen.grain == "week":  # trading weeks compare with the same weeks: 52 back
            s, e = (d + timedelta(weeks=52 * k) for d in (chosen.start_date, chosen.end_date))
        else:
            s, e = shift_years(chosen.start_date, k), shift_years(chosen.end_date, k)
        grain = chosen.grain
        units = {norm(w): u for w, u in (rules.data.get("prev_year_unit_words") or {}).items()}
        whole = unit_interval(e, units[norm(atom_text)], 0) if norm(atom_text) in units else None
        if whole is not None and whole[0] <= s:  # "Ende Oktober ... im Vorjahresmonat": all
            s, e, grain = whole  # of October a year back
        out = _mention(text, atom.start, atom.end, s, e, grain, year is None)
    seen[id(out)] = chosen
    return out


def _said_quarter(rules: Rules, said: str) -> bool:
    """A comparison's words name a quarter ("the year-ago quarter", "Vorjahresquartal",
    "el mismo trimestre del año anterior")."""
    quarter_words = {norm(w) for w, u in rules.units.items() if u == "quarter"}
    return any(w.endswith(tuple(quarter_words)) for w in norm(said).replace("-", " ").split())


def _present_said(rules: Rules, text: str, start: int, end: int) -> bool:
    """A word of the present ("inzwischen", "currently", "désormais") in text[start:end]."""
    words = {norm(w) for w in re.findall(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?", text[start:end])}
    said = _wordset(rules, "present_words")
    return bool(words & said) or any(" " in w and w in norm(text[start:end]) for w in said)


def _same_period(rules: Rules, text: str, atom: _Atom, floor: int) -> int | None:
    """ "el mismo periodo de 2024", "stesso periodo del 2023": where the words start."""
    if atom.grain != "year" or atom.y is None or atom.m is not None or atom.fixed is not None:
        return None
    if atom.y_end is not None or atom.mod is not None or atom.fiscal:
        return None
    mt = rules.same_period.search(text, max(floor, atom.start - 50), atom.start)
    return mt.start() if mt is not None else None


def _open_bound(
    rules: Rules, text: str, start: int, modified: bool
) -> tuple[Literal["after", "before"], int] | None:
    """ "after" or "before", and where the word starts, when a bound word stands right
    before `start`, else None.

    A period after which something happens ("after 2016", "later than mid May") is an
    open interval from its end on. A period before which something happens is an open
    interval ending before it ("before 2010", "antes del año 2019") when it has begun by
    the reference date; a period still ahead is a deadline and stays whole ("rentable
    antes de 2027", as the analysts read it), as does the end of a period not over
    ("before the end of this year"). A day stays either way ("after 1 May": a
    milestone); a negated bound ("not after 2026", "pas avant 2026") is left alone.
    Some words are bounds only before a modified period (nl "voor": "for" before "2023",
    "before" in "voor begin september")."""
    mt = rules.open_bound.search(text, max(0, start - 30), start)
    if mt is None or rules.negation.search(text, max(0, mt.start() - 12), mt.start()):
        return None
    if mt.group("mb") and not modified:
        return None
    return ("after" if mt.group("ob") else "before"), mt.start()


def _prev_with_object(rules: Rules, text: str, atom: _Atom) -> bool:
    """ "the year before the merger", "el año anterior a la fusión": a year before an event
    (its object: a determiner or preposition of the data, a number or a name)."""
    words = norm(text[atom.start : atom.end]).split()
    objects = _wordset(rules, "prev_object_words")
    if not words or words[-1] not in objects:
        return False
    nxt = re.match(r"[ \t]+([^\W_][\w'\u2019-]*)", text[atom.end : atom.end + 40])
    if nxt is None:
        return False
    word = nxt.group(1)
    starts = _wordset(rules, "prev_object_starts")
    head = re.split(r"['\u2019]", word)[0] + ("'" if re.search(r"['\u2019]", word) else "")
    return word[0].isdigit() or word[0].isupper() or norm(word) in starts or norm(head) in starts


def _combine(
    rules: Rules, text: str, atoms: list[_Atom], ref: date | None, opened: list[OpenDateMention]
) -> list[DateMention]:
    """The mentions of `atoms`; open intervals go to `opened` (never a referent)."""
    out: list[DateMention] = []
    # the "a year earlier" mentions (never a referent themselves) and what they refer to
    anaphoric: dict[int, DateMention | None] = {}
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if a.void:
            i += 1  # read, and found to be no date ("the 31st of this month" in November)
            continue
        if b is not None and b.void:
            b = None
        c = atoms[i + 2] if i + 2 < len(atoms) else None
        days = _weekdays_in_week(rules, text, a, b, c)
        if days is not None:
            out.append(_mention(text, a.start, days[2], days[0], days[1], "day", True))
            i += 3
            continue
        if (
            b is not None
            and a.wd is not None
            and b.shift is not None
            and b.grain == "day"
            and re.fullmatch(r",?\s{1,2}", text[a.end : b.start])
        ):
            res = _interval(b, ref)  # "Monday two weeks from now": that week's Monday
            if res is not None:
                day = res[0] - timedelta(days=res[0].weekday() - a.wd)
                out.append(_mention(text, a.start, b.end, day, day, "day", True))
                i += 2
                continue
        if b is not None and _weekday_in_week(a, b, text):
            wd_atom, week = (a, b) if a.wd is not None else (b, a)
            assert week.fixed is not None and wd_atom.wd is not None
            day = week.fixed[0] + timedelta(days=wd_atom.wd)
            out.append(_mention(text, a.start, b.end, day, day, "day", True))
            i += 2
            continue
        weekend = _holiday_weekend(rules, text, a, b, c, ref) if a.hol is not None else None
        if weekend is not None:
            start, end, used, (ws, we) = weekend
            out.append(_mention(text, start, end, ws, we, "day", a.y is None))
            i += used
            continue
        if b is not None and _year_of_explicit(rules, a, b, text):
            assert b.y is not None
            res = _interval(replace(a, y=b.y), ref)
            if res is not None:
                out.append(_mention(text, a.start, b.end, res[0], res[1], a.grain, False))
                i += 2
                continue
        if b is not None and _year_of_relative(rules, a, b, text):
            assert b.fixed is not None
            named_year = b.fixed[0].year
            if b.same:  # "segundo semestre de ese año": of the year named before
                that = _same_unit(rules, text, b, out)
                named_year = that.start_date.year if that is not None else named_year
            res = _interval(replace(a, y=named_year), ref)
            if res is not None:
                out.append(_mention(text, a.start, b.end, res[0], res[1], a.grain, True))
                i += 2
                continue
        year = _part_after_year(rules, a, b, text) if b is not None else None
        if b is not None and year is not None and year > 0:
            res = _interval(replace(b, y=year), ref)
            if res is not None:
                inf = a.fixed is not None or a.inferred
                out.append(_mention(text, a.start, b.end, res[0], res[1], b.grain, inf))
                i += 2
                continue
        if b is not None:
            conn = _connector(rules, text[a.end : b.start])
            kind = rules.connectors.get(conn) if conn else None
            opener = rules.range_open.search(text, max(0, a.start - 20), a.start)
            paired = opener is not None and conn in rules.pairs.get(norm(opener.group("o")), ())
            if kind == "coord" and paired:
                kind = "close"
            if not paired and kind != "infix":
                opener = None
            if opener is not None and _shifted(rules, text, opener.start()):
                kind = None  # "repoussée de 2027 à 2031": moved from one date to another
            if kind in ("infix", "close"):
                if a.now and b.fixed is None and b.y is None:
                    b = replace(b, future=True)  # "between now and May 21": the next one
                ra, rb = _share_year(a, b, ref)
                ia, ib = _interval(ra, ref), _interval(rb, ref)
                if ia and ib and a.wd is not None and b.wd is not None and ia[0] > ib[1]:
                    later = ib[0] + timedelta(days=7 * ((ia[0] - ib[0]).days // 7 + 1))
                    ib = (later, later, ib[2])  # "lundi à vendredi": the Friday after
                if ia is not None and ib is not None and ia[0] <= ib[1]:
                    start = opener.start() if opener is not None else a.start
                    out.append(
                        _mention(
                            text,
                            start,
                            b.end,
                            ia[0],
                            ib[1],
                            _finer(a.grain, b.grain),
                            ia[2] or ib[2],
                        )
                    )
                    i += 2
                    continue
            listed = _listed_run(rules, text, a, b, c, ref) if conn == "," else None
            if listed is not None:  # "novembre, décembre et janvier": one run of months
                end = c.end if c is not None else b.end
                inferred = c is None or c.y is None
                out.append(_mention(text, a.start, end, *listed, a.grain, inferred))
                i += 3
                continue
            if kind == "coord" and a.grain == b.grain and a.fixed is None and b.fixed is None:
                ra, rb = _share_year(a, b, ref)
                ia, ib = _interval(ra, ref), _interval(rb, ref)
                if ia is not None and ib is not None and ia[1] + timedelta(days=1) == ib[0]:
                    out.append(
                        _mention(text, a.start, b.end, ia[0], ib[1], a.grain, ia[2] or ib[2])
                    )
                    i += 2
                    continue
                if ia is not None and ib is not None and a.y is None and b.y is not None:
                    out.append(_mention(text, a.start, a.end, ia[0], ia[1], a.grain, ia[2]))
                    i += 1
                    continue
        if (
            b is not None
            and b.wd is not None
            and b.fixed is not None
            and a.wd is None
            and _GRAIN_RANK[a.grain] <= _GRAIN_RANK["month"]
            and rules.wd_glue.fullmatch(text, a.end, b.start)
        ):
            i += 2  # "the first week of October on Friday": a day we do not resolve
            continue
        if a.anaphoric and _prev_with_object(rules, text, a):
            i += 1  # "the year before independence": before something we do not date
            continue
        if a.now and a.shift is None:
            i += 1  # "now" alone is a moment, not a date ("two weeks from now" is one)
            continue
        if a.same:
            same = _same_unit(rules, text, a, out)
            year = _of_year(rules, text, a, b)
            if same is not None and b is not None and year is not None and same.grain != "year":
                # "the same quarter of 2025": the quarter last named (in any sentence), in
                # that year
                same = next((m for m in reversed(out) if m.grain == same.grain), same)
                k = year - same.start_date.year
                s, e = shift_years(same.start_date, k), shift_years(same.end_date, k)
                out.append(_mention(text, a.start, b.end, s, e, same.grain, False))
                i += 2
                continue
            if same is not None:
                out.append(same)
            i += 1
            continue
        if a.told is not None:
            told = _told_period(rules, text, a, [m for m in out if id(m) not in anaphoric], ref)
            if told is not None:
                out.append(told)
            i += 1
            continue
        if a.anaphoric:
            out.append(_anaphora(rules, text, a, out, ref, anaphoric))
            i += 1
            continue
        sp = _same_period(rules, text, a, out[-1].end if out else 0)
        if sp is not None and a.y is not None:
            here = replace(a, start=sp, fixed=(date(a.y, 1, 1), date(a.y, 12, 31)))
            out.append(_anaphora(rules, text, here, out, ref, anaphoric, a.y))
            i += 1
            continue
        if a.shift is not None and rules.quantity_bound.search(text, max(0, a.start - 20), a.start):
            i += 1  # "more than 2 weeks before today": an open stretch, not that day
            continue
        head = rules.unread_head.search(text, max(0, a.start - 40), a.start)
        if head is not None and not _POSSESSIVE.match(text, a.end):
            # "the third month of 2021", "la 3ª semana de 2018": a part we did not read
            # (but "a third of last year's payout" is a part of the payout)
            i += 1
            continue
        if a.grain == "day" and rules.any_bound.search(text, max(0, a.start - 30), a.start):
            # "no later than May 1", "as late as tomorrow": open intervals (a month or a
            # year there stays a deadline, as "before 2027" does for the analysts)
            i += 1
            continue
        res = _interval(a, ref)
        several = a.grain != "day" or (res is not None and res[0] != res[1])
        bound = _open_bound(rules, text, a.start, a.mod is not None) if several else None
        if res is not None and bound is not None:
            kind, at = bound
            said = at, a.end, text[at : a.end]
            if kind == "after":  # "after 2016", "later than mid May": from its end on
                day = res[1] + timedelta(days=1)
                opened.append(OpenDateMention(*said, day, None, a.grain, res[2]))
                i += 1
                continue
            if ref is not None and res[0] <= ref and not (a.mod == "end" and res[1] >= ref):
                # "before 2010", "before mid May" (begun): up to its start; "before the end
                # of this year" is a deadline
                day = res[0] - timedelta(days=1)
                opened.append(OpenDateMention(*said, None, day, a.grain, res[2]))
                i += 1
                continue
        if res is not None:
            s, e, inf = res
            grain = a.grain
            if a.mod in ("earlier", "later") and ref is not None:
                whole = _interval(replace(a, mod=None), ref)
                if whole is not None and whole[0] <= ref <= whole[1]:
                    grain = "day"  # "earlier this year": up to a given day, as "the rest of"
            since = rules.since.search(text, max(0, a.start - 20), a.start)
            if (
                since is not None
                and ref is not None
                and s <= ref
                and not a.ranged
                and (a.y_end is None or a.y is None or a.y_end - a.y == 9)
            ):
                out.append(_mention(text, since.start(), a.end, s, ref, grain, True))
            else:
                out.append(_mention(text, a.start, a.end, s, e, grain, inf))
        i += 1
    return out


def extract_dates(text: str, lang: str, reference_date: date | None = None) -> list[AnyDate]:
    """Date expressions of `text` with their inclusive intervals, sorted by start.

    >>> [(m.text, str(m.start_date)) for m in extract_dates("en octobre 2023", "fr")]
    [('octobre 2023', '2023-10-01')]
    """
    if not text or not isinstance(text, str):
        return []
    try:
        return _extract(text, lang, reference_date)
    except Exception:  # a parser of arbitrary text never raises: no date is the answer
        return []


def _extract(
    text: str, lang: str, reference_date: date | None, prefilter: bool = True
) -> list[AnyDate]:
    """`extract_dates` without the safety net (the property tests call this one)."""
    rules = rules_for(lang)
    gate = rules.year_words_gate
    if (
        prefilter
        and not _DIGIT.search(text)
        and not rules.prefilter.search(text)
        and (gate is None or not gate.search(text))
    ):
        return []
    spelled = _spelled_years(rules, text)
    if not spelled:
        return _extract_text(rules, text, reference_date)
    # a year in words is read as its digits, written over the words (same offsets)
    chars = list(text)
    for s, e, year, _ in spelled:
        chars[s:e] = list(str(year).ljust(e - s))
    out = []
    for m in _extract_text(rules, "".join(chars), reference_date):
        start, end = m.start, m.end
        for s, e, _, _ in spelled:
            if s < start < e:
                start = s
            if s < end < e:
                end = e
        if any(s == start and e == end and not alone for s, e, _, alone in spelled):
            continue  # the year of a date whose other parts we did not read
        out.append(replace(m, start=start, end=end, text=text[start:end]))
    return out


def _extract_text(rules: Rules, text: str, reference_date: date | None) -> list[AnyDate]:
    floor = 0
    widened: list[_Atom] = []
    for atom in _atoms(rules, text, reference_date):
        if atom.void:
            floor = atom.end
            continue
        atom = _with_modifier(rules, text, _with_context(rules, text, atom, floor), floor)
        atom = _with_part(rules, text, atom, floor)
        atom = _with_offset(rules, text, _with_stretch(rules, text, atom, floor), floor)
        atom = _with_rest(rules, text, atom, floor, reference_date)
        atom = _past_end(rules, text, atom, floor, reference_date)
        while widened and widened[-1].start >= atom.start:
            widened.pop()  # a bare weekday read into "le premier vendredi de juillet"
        widened.append(atom)
        # a bare weekday may still belong to the next atom's prefix
        if atom.wd is None or atom.fixed is None:
            floor = atom.end
    opened: list[OpenDateMention] = []
    mentions: list[AnyDate] = _sequential(
        rules,
        text,
        _combine(
            rules,
            text,
            _fiscal_ends(
                rules,
                text,
                _day_ranges(rules, text, _month_days(rules, text, widened)),
                reference_date,
            ),
            reference_date,
            opened,
        ),
    )
    mentions += opened
    kept = (m for m in mentions if not _glued(text, m) and not _year_left(text, m))
    return sorted(kept, key=lambda m: (m.start, m.end))


_UNIT_MONTHS = {"month": 1, "quarter": 3, "half": 6}


def _months_spanned(m: DateMention) -> int | None:
    """How many whole calendar months `m` covers, or None when it is no run of whole months."""
    if m.start_date.day != 1 or m.end_date != month_end(m.end_date.year, m.end_date.month):
        return None
    return (m.end_date.year - m.start_date.year) * 12 + m.end_date.month - m.start_date.month + 1


def _restated(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """ "im vierten Quartal, also von Juni bis August", "the fourth quarter (June to
    August)": a year-less quarter or half restated at once by its months is those months
    (a fiscal quarter the article's calendar did not say)."""
    out = list(mentions)
    for i, (q, r) in enumerate(pairwise(mentions)):
        size = _months_spanned(q)
        gap = text[q.end : r.start]
        if (
            q.grain != "quarter"
            or not q.inferred
            or size not in (3, 6)
            or r.grain != "month"
            or _months_spanned(r) != size
            or len(gap) > 16
            or len(re.findall(r"[^\W\d_]+", gap)) > 2
            or not re.search(r"[,(:\u2013\u2014]", gap)
            or _sentence_break(text, q.end, r.start)
        ):
            continue
        out[i] = replace(q, start_date=r.start_date, end_date=r.end_date)
    return out


def _sequential(rules: Rules, text: str, mentions: list[DateMention]) -> list[AnyDate]:
    """ "el beneficio se triplicó respecto del trimestre anterior", "gegenüber dem
    Vorquartal", "compared with the previous quarter": with a quarter (half, month) named
    before it in its sentence or the one before, the unit before that one, not before the
    news."""
    table = {norm(k): v for k, v in (rules.data.get("prev_unit_words") or {}).items()}
    mentions = _restated(text, mentions)
    out: list[AnyDate] = list(mentions)
    if not table:
        return out
    for i, m in enumerate(mentions):
        size = _UNIT_MONTHS.get(table.get(norm(m.text), ""), 0)
        if not size:
            continue
        first = _sentence_span(text, m.start, m.start)[0]
        floor = _sentence_span(text, first - 2, first - 2)[0] if first > 1 else first
        near = [p for p in mentions[:i] if p.start >= floor and _months_spanned(p) == size]
        if near and all(_compared(rules, text, p) for p in near):
            # only bases of comparisons close by ("contre 521 millions un an plus tôt"):
            # the unit the article reported on, further back
            near = [p for p in mentions[:i] if _months_spanned(p) == size]
        p = next((p for p in reversed(near) if not _compared(rules, text, p)), None)
        if p is None and near:
            p = near[-1]
        if p is not None:
            start = add_months(p.start_date, -size)
            end = p.start_date - timedelta(days=1)
            out[i] = replace(m, start_date=start, end_date=end, grain=p.grain, inferred=True)
    return out


_YEAR_AFTER = re.compile(r"\s*,\s*(?:19|20)\d\d(?!\d)")


def _year_left(text: str, m: AnyDate) -> bool:
    """ "from 5/1-5/7, 2020": a year-less reading with its year written after it, unread."""
    return m.inferred and bool(_DIGIT.search(m.text)) and bool(_YEAR_AFTER.match(text, m.end))


_POSSESSIVE = re.compile(r"['\u2019]s?(?![^\W\d_])")
_OLD_YEAR_BEFORE = re.compile(r"(?<![\d.,])1[0-8]\d\d\s+[^\W\d_]+\s+\Z")
_GLUED_AFTER = re.compile(r"[-/.][^\W_]")
_GLUED_BEFORE = re.compile(r"[^\W_][-/]\Z")


_ISO_DAY = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d")


def _glued(text: str, m: AnyDate) -> bool:
    """A mention glued to more digits or letters ("Sep-23-2020", "2020/23/Sep") is a
    piece of something we did not read: better no date than a wrong one. A whole ISO
    date ("report-2018-09-23.pdf") is read whole wherever it stands."""
    if _ISO_DAY.fullmatch(m.text):
        return False
    return bool(_GLUED_AFTER.match(text, m.end)) or bool(
        _GLUED_BEFORE.search(text, max(0, m.start - 2), m.start)
    )


# ---------------------------------------------------------------- durations


def extract_durations(
    text: str, lang: str, dates: Sequence[AnyDate] | None = None
) -> list[DurationMention]:
    """Lengths of time ("quatre mois", "three years"), sorted by start; never dates.

    A number and a unit that belong to a date ("il y a deux ans", "les 12 derniers
    mois") are not durations. "seit drei Jahren" / "depuis trois semaines" are.
    """
    if not text or not isinstance(text, str):
        return []
    try:
        return _durations(text, lang, dates)
    except Exception:  # never raise on arbitrary text
        return []


def _durations(
    text: str, lang: str, dates: Sequence[AnyDate] | None = None
) -> list[DurationMention]:
    """`extract_durations` without the safety net (the property tests call this one).

    `dates`, the text's dates read against a reference date, spare a second pass:
    only their spans matter here, and any reference date gives the same spans."""
    if dates is None:
        dates = _extract(text, lang, date(2000, 1, 1))
    rules = rules_for(lang)
    forms = dict(rules.patterns)
    ahead = [(m, _ahead_length(rules, forms, m.text)) for m in dates]
    found = find_durations(text, lang, [(m.start, m.end) for m, n in ahead if n is None])
    for m, length in ahead:  # "les trois prochaines années": the length its words give
        if length is not None and not any(m.start <= d.start and d.end <= m.end for d in found):
            found.append(DurationMention(m.start, m.end, m.text, *length))
    return sorted(found, key=lambda d: (d.start, d.end))


def _ahead_length(
    rules: Rules, forms: dict[str, re.Pattern[str]], text: str
) -> tuple[Decimal, Unit] | None:
    """The length of a date read forward from the news ("the next three years", "within
    9 months", "in two weeks"): its number and unit are a length as well. `forms`: the
    language's patterns by name."""
    inn = forms.get("inn")
    mt = inn.fullmatch(text) if inn is not None else None
    if mt is not None:
        return length_of(rules, mt.group("n"), mt.group("u"))
    mt = forms["lastn"].fullmatch(text)
    if mt is None:
        return None
    if mt.group("nb"):
        return length_of(rules, mt.group("n2"), mt.group("u2"))
    word = mt.group("x") or mt.group("x4")
    if word is None or norm(word) not in (
        _wordset(rules, "next_n_after_unit") | _wordset(rules, "next_n_between")
    ):
        return None
    n, u = (mt.group("n3"), mt.group("u3")) if mt.group("n3") else (mt.group("n4"), mt.group("u4"))
    return length_of(rules, n, u)
