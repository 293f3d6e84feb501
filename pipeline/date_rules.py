"""Compiled per-language date patterns, built once from `pipeline/data/dates/<lang>.json`.

The patterns only find candidate spans and capture their parts; `pipeline.dates`
turns captures into intervals. Every word list is data: a new language is a new
JSON file. Patterns are compiled case-insensitively except the abbreviations
("Q3", "T2", "H1", "FY") that are ordinary words in lower case.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from pipeline import lexicon

__all__ = ["Rules", "alt", "grouped_alternation", "norm", "rules_for"]

_APOS = "['\u2019]"
B = r"(?<![\w])"  # left word boundary that also works before non-word starts
E = r"(?![\w])"


_TO_UNITS = ("week", "month", "quarter", "half", "year")  # "the five weeks to", "six months to"


def _fold(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0]
    return base if base.isalpha() and len(base) == 1 else ch


class _FoldTable(dict[int, str]):
    """`str.translate` table folding each character as `_fold` does, filled as met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold(chr(code))
        return folded


_FOLDS = _FoldTable()


@lru_cache(maxsize=4096)
def norm(word: str) -> str:
    """Lower case, accents and the typographic apostrophe folded: the look-up key.

    News text and user input drop accents ("aout", "derniere", "jusqu'a"), so words
    match with or without them.
    """
    folded = word.replace("\u2019", "'").lower().translate(_FOLDS)
    if not any(ch.isalnum() for ch in folded):
        return folded.strip()
    return " ".join(folded.replace("-", " ").split()).replace(" '", "'")


def _word(w: str) -> str:
    """Regex for one lexicon entry: a space or hyphen matches either, ' matches ’,
    an accented letter matches itself or its bare letter."""
    if not any(ch.isalnum() for ch in w):
        return re.escape(w)
    out = []
    for ch in w:
        if ch == " ":
            out.append(r"[\s\-]+")
        elif ch == "-":
            out.append(r"[\-\s]?")
        elif ch == "'":
            out.append(_APOS)
        elif _fold(ch) != ch:
            out.append(f"[{re.escape(ch)}{re.escape(_fold(ch))}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def alt(words: Any, glue: bool = False) -> str:
    """Alternation of words, longest first; `glue` lets apostrophe words touch the next."""
    items = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not items:
        return r"(?!x)x"
    return _grouped(tuple(items)) or "(?:" + "|".join(_word(w) for w in items) + ")"


# every character that might fold onto a letter of the lexicons (Latin, Greek, Cyrillic,
# letter-like signs, currency signs, ligatures)
_UNIVERSE = "".join(
    chr(c)
    for lo, hi in ((0, 0x590), (0x1E00, 0x1F00), (0x20A0, 0x2150), (0xFB00, 0xFB07))
    for c in range(lo, hi)
)


@lru_cache(maxsize=1024)
def _grouped(items: tuple[str, ...]) -> str | None:
    """`alt` of `items` (already longest first) grouped by first letter, or None."""
    if len(items) < 4 or any(not w[0].isalnum() for w in items):
        return None
    return grouped_alternation(tuple((w[0] + _fold(w[0]), _word(w)) for w in items))


@lru_cache(maxsize=1024)
def grouped_alternation(
    items: tuple[tuple[str, str], ...], ignore_case: bool = False
) -> str | None:
    """The alternation of the regexes of `items` ((first characters, regex) pairs, in
    order) with the alternatives grouped by their first character, each group behind a
    one-character look-ahead; None when that is not safe. Same matches, faster.

    The regex engine tries the alternatives of a case-insensitive alternation one by one
    at every position; the look-ahead skips a whole group at once. Alternatives of
    different groups cannot match the same character (checked), so at any position the
    alternatives that can match are tried in the same order as in the plain alternation.
    Each regex must match exactly one of its first characters first (case aside);
    `ignore_case` when the regexes ignore case by themselves ("(?i:...)").
    """
    groups: dict[str, list[str]] = {}
    chars: dict[str, set[str]] = {}
    for firsts, regex in items:
        key = _fold(firsts[0]).casefold()
        groups.setdefault(key, []).append(regex)
        chars.setdefault(key, set()).update(firsts)
    if len(groups) < 2:
        return None
    classes = {k: "[" + "".join(re.escape(c) for c in sorted(v)) + "]" for k, v in chars.items()}
    ahead = "(?=(?i:{}))" if ignore_case else "(?={})"
    seen: set[str] = set()
    for cls in classes.values():  # the groups' first characters must not meet
        hit = {m.group() for m in re.finditer(cls, _UNIVERSE, re.IGNORECASE)}
        if hit & seen:
            return None
        seen |= hit
    return (
        "(?:"
        + "|".join(
            ahead.format(classes[k]) + "(?:" + "|".join(regexes) + ")"
            for k, regexes in groups.items()
        )
        + ")"
    )


def _join(word_alt: str) -> str:
    """A word followed by its separator: none after an apostrophe, else spaces."""
    return rf"{word_alt}(?:(?<=['\u2019])|\s+)"


@dataclass(frozen=True)
class Rules:
    lang: str
    data: dict[str, Any]
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    ordinals: dict[str, int]
    units: dict[str, str]
    rel_before: dict[str, int]
    rel_after: dict[str, int]
    fixed_days: dict[str, int]
    day_words: dict[str, int]
    holidays: dict[str, str]
    part_words: frozenset[str]
    upcoming: frozenset[str]
    recent_past: frozenset[str]
    seasons: dict[str, str]
    ambiguous_months: frozenset[str]
    month_cues: re.Pattern[str]
    month_follow: re.Pattern[str]
    weekday_tail: re.Pattern[str]
    dm_pair: re.Pattern[str]
    dm_pair_before: re.Pattern[str]
    dash_pair: re.Pattern[str]
    days_after: re.Pattern[str]
    dash_pair_before: re.Pattern[str]
    of_follow: re.Pattern[str]
    of_next: re.Pattern[str]
    day_cues: re.Pattern[str]
    before_blockers: re.Pattern[str]
    after_blockers: re.Pattern[str]
    modifier: re.Pattern[str]
    week_of: re.Pattern[str]
    month_of: re.Pattern[str]
    day_of: re.Pattern[str]
    offset: re.Pattern[str]
    offset_tail: re.Pattern[str]
    year_to: re.Pattern[str]
    months_to: re.Pattern[str]
    # "the September quarter", "the December half": the months that end in the month
    month_period: re.Pattern[str]
    future_cue: re.Pattern[str]
    same_period: re.Pattern[str]  # "el mismo periodo de" before a year
    of_this_year: re.Pattern[str]
    spelled_words: frozenset[str]
    number_word_after: re.Pattern[str]
    nth_bare: re.Pattern[str]
    compound_before: re.Pattern[str]
    compound_after: re.Pattern[str]
    nth_weekday: re.Pattern[str]
    week_of_day: re.Pattern[str]
    since: re.Pattern[str]
    unread_head: re.Pattern[str]
    quantity_bound: re.Pattern[str]
    holiday_tail: re.Pattern[str]
    rest: re.Pattern[str]
    of_date: re.Pattern[str]
    open_bound: re.Pattern[str]
    negation: re.Pattern[str]
    any_bound: re.Pattern[str]
    part_n: re.Pattern[str]
    mod_after: re.Pattern[str]
    year_piece: re.Pattern[str]
    wd_glue: re.Pattern[str]
    units_before_wd: re.Pattern[str]
    stretch: re.Pattern[str]
    range_open: re.Pattern[str]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    duration: re.Pattern[str]
    duration_intro: re.Pattern[str]
    connectors: dict[str, str]
    pairs: dict[str, frozenset[str]]
    prefilter: re.Pattern[str]
    # per pattern, words one of which every match holds: no such word, no need to scan
    gates: tuple[re.Pattern[str] | None, ...] = ()
    # per pattern, substrings of the lower-cased text one of which every match holds
    gate_keys: tuple[tuple[str, ...] | None, ...] = ()
    # a word every year written in words starts with ("thousand", "tweeduizend", "mil"),
    # a whole word where the data says so; None: years in words are not read
    year_words_gate: re.Pattern[str] | None = None
    # what may follow a bare day ("on the 18th."): an end, a time, a conjunction
    bare_day_after: re.Pattern[str] = re.compile(r"(?!x)x")


def _keys(words: list[str] | None) -> tuple[str, ...] | None:
    """The longest ASCII run of each word, lower case: a substring any spelling of the
    word holds (accents and apostrophes aside); None when a word has no such run."""
    if not words:
        return None
    keys = []
    for w in words:
        runs = re.findall(r"[a-z]+", w.lower())
        if not runs:
            return None
        keys.append(max(runs, key=len))
    return tuple(sorted(set(keys)))


def _d(data: dict[str, Any], key: str) -> Any:
    return data.get(key) or []


def _m(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


@cache
def rules_for(lang: str) -> Rules:
    """The compiled rules of `lang` (English words fill in a language without a file)."""
    data = lexicon.load("dates", lang) or lexicon.load("dates", "en")
    raw_months = _m(data, "months")
    raw_numbers = _m(data, "numbers")
    raw_ordinals = _m(data, "ordinals")
    raw_units = _m(data, "units")
    raw_rel_before = _m(data, "rel_before")
    raw_rel_after = _m(data, "rel_after")
    raw_fixed_days = _m(data, "fixed_days")
    raw_seasons = _m(data, "seasons")
    raw_weekdays = _m(data, "weekdays")
    months = {norm(k): v for k, v in raw_months.items()}
    weekdays = {norm(k): v for k, v in raw_weekdays.items()}
    numbers = {norm(k): float(v) for k, v in raw_numbers.items()}
    ordinals = {norm(k): v for k, v in raw_ordinals.items()}
    units = {norm(k): v for k, v in raw_units.items()}
    rel_before = {norm(k): v for k, v in raw_rel_before.items()}
    rel_after = {norm(k): v for k, v in raw_rel_after.items()}
    fixed = {norm(k): v for k, v in raw_fixed_days.items()}
    seasons = {norm(k): v for k, v in raw_seasons.items()}
    mods: dict[str, list[str]] = _m(data, "modifiers")
    # days in words ("vingt-neuf", "twenty-second"); "un", "one", "een" stay articles
    not_days = {norm(w) for w in _d(data, "articles") + _d(data, "articles_as_one")}
    day_words = {
        norm(k): int(v)
        for k, v in _m(data, "day_words").items()
        if norm(k) not in not_days and (int(v) != 1 or norm(k) in ordinals) and 1 <= int(v) <= 31
    }
    day_words.pop("1", None)

    month = alt(raw_months) + r"\.?"
    # an abbreviation with a dot ("janv.") must not eat a sentence-final dot of a full name
    ambiguous_wd = {norm(w) for w in _d(data, "ambiguous_weekdays")}
    weekday_words = [w for w in raw_weekdays if norm(w) not in ambiguous_wd]
    weekday = alt(weekday_words)
    suffix = alt(_d(data, "day_suffix"))
    of = alt(_d(data, "of_words"))
    art = alt(_d(data, "articles"))
    # articles that are no demonstrative: "Thursday the 6th", not "Thursday that 6 airports"
    shown = {norm(w) for w in _d(data, "demonstratives")}
    art_plain = alt(w for w in _d(data, "articles") if norm(w) not in shown)
    distal = {norm(w) for w in _d(data, "distal_words")}
    art_near = alt(w for w in _d(data, "articles") if norm(w) not in distal)
    day = rf"(?<!\d[.,])(?P<d>[0-3]?\d)(?:{suffix})?(?!\d)"
    year = r"(?P<y>(?:19|20)\d\d)(?![\d])"
    year_sep = rf"\s*,?\s*(?:{of}\s+)?{year}"
    year_tail = rf"(?:{year_sep})?"
    qwords = alt(_d(data, "quarter_words"))
    hwords = alt(_d(data, "half_words"))
    ords = alt(raw_ordinals)
    compound_ords = alt(_m(data, "compound_ordinals")) if _m(data, "compound_ordinals") else "(?!)"
    qab = alt(_d(data, "quarter_abbr"))
    hab = alt(_d(data, "half_abbr"))
    year_prefix = alt(_d(data, "year_prefix") + _d(data, "fiscal_words"))
    fiscal = alt(_d(data, "fiscal_words"))
    unit_words = alt(raw_units)
    rel_targets = alt(
        _d(data, "rel_units") + list(raw_weekdays) + list(raw_seasons) + list(raw_months)
    )
    dconn = alt(
        [c for _, c in _d(data, "range_pairs")] + _d(data, "range_infix") + _d(data, "coord")
    )
    opens_alt = alt([o for o, _ in _d(data, "range_pairs")])
    closes_alt = alt([c for _, c in _d(data, "range_pairs")] + _d(data, "coord"))
    weeknum_words = alt(_d(data, "week_number_words"))
    ago_after = alt(_d(data, "ago_after"))
    after_n = alt(_d(data, "last_n_after_unit") + _d(data, "next_n_after_unit"))
    between_n = alt(
        _d(data, "last_n_after_unit")
        + _d(data, "next_n_after_unit")
        + _d(data, "last_n_between")
        + _d(data, "next_n_between")
    )
    number = rf"(?P<n>\d{{1,3}}|{alt(raw_numbers)})"
    sep = r"[/.\-]"

    week_words = alt(_d(data, "week_words"))
    year_units = alt(w for w in _d(data, "rel_units") if raw_units.get(w) == "year")
    # number words that are not also articles ("un", "a", "ein"): "quatre octobre", "May twenty"
    as_one = {norm(w) for w in _d(data, "articles_as_one")}
    spelled_list = [
        w
        for w in list(raw_numbers)
        + [o for o, v in raw_ordinals.items() if v > 0]
        + list(_m(data, "day_words"))
        + _d(data, "spelled_year_words")
        if norm(w) not in as_one and w.replace("-", "").replace(" ", "").isalpha()
    ]
    spelled = alt(spelled_list)
    dwords = alt(k for k in _m(data, "day_words") if norm(k) in day_words)
    coord_alt = alt(_d(data, "coord"))
    num_alt = alt(raw_numbers)
    wd_abbr = alt(w for w in _d(data, "weekday_abbr") if len(w) > 2)  # not "ma", "do"
    # "2016.05", "2016 . 05" (as "11 . 2016"): a year and a month where a decimal point
    # cannot be (decimal comma)
    dot_ym = (
        r"(?:\.(?!\d\d\d)|\s\.\s(?=(?:0[1-9]|1[0-2])(?!\d)))"
        if data.get("decimal_comma")
        else r"(?!x)x"
    )
    pats: list[tuple[str, str]] = [
        # 2024-03-15, 2024/03/15, 2015.5.13
        (
            "ymd",
            rf"{B}(?P<y>(?:19|20)\d\d)(?P<s>[-/. ])(?P<m>[01]?\d)(?P=s)(?P<d>[0-3]?\d){E}"
            rf"(?![.,]\d)",
        ),
        # 15/03/2024, 15.03.24, 3-7-2017 (order decided by the language)
        (
            "dmy",
            rf"{B}(?<![\d.,/])(?P<a>[0-3]?\d)(?P<s>[/.\- ])(?P<b>[0-3]?\d)"
            rf"(?:(?P=s)(?P<y>(?:19|20)\d\d|\d\d)|(?<=/\d\d),(?P<yc>(?:19|20)\d\d))"
            rf"(?![\d%]|[.,]\d|(?P=s)\d)",
        ),
        # 9 de 8 de 1971: day and month number joined by of-words, with the year
        (
            "dmy_of",
            rf"{B}(?<![\d.,/])(?P<a>[0-3]?\d)\s+{of}\s+(?P<b>[01]?\d)\s+{of}\s+"
            rf"(?P<y>(?:19|20)\d\d)(?![\d%]|[.,]\d)",
        ),
        # "el 17 del 11": a day and a month number joined by a word of the data, after a
        # day cue, before no number or noun
        (
            "dm_of",
            rf"{B}(?<![\d.,/])(?P<a>[0-3]?\d)\s+(?:{alt(_d(data, 'day_month_number_words'))})"
            rf"\s+(?P<b>[01]?\d)"
            rf"(?=\s*(?:[.,;:!?)]|\Z)|\s+(?:{alt(_d(data, 'bare_day_after'))}|{of})\s)",
        ),
        # 23/Sep/2020, 05-aug-2016, 2019-aug-1
        (
            "dMy",
            rf"{B}(?P<d>[0-3]?\d){sep}(?P<m>{alt(raw_months)}){sep}(?P<y>(?:19|20)\d\d|\d\d){E}",
        ),
        ("yMd", rf"{B}(?P<y>(?:19|20)\d\d){sep}(?P<m>{alt(raw_months)}){sep}(?P<d>[0-3]?\d){E}"),
        # Sep-23-2020, 2020/23/Sep, 23-2020-September: a month name, a day and a year in
        # any order, joined by one separator
        (
            "mixed",
            rf"{B}(?<![\d/.\-])(?P<p1>[^\W\d_]{{3,12}}|(?:19|20)\d\d|[0-3]?\d)(?P<s>[-/.])"
            rf"(?P<p2>[^\W\d_]{{3,12}}|(?:19|20)\d\d|[0-3]?\d)(?P=s)"
            rf"(?P<p3>[^\W\d_]{{3,12}}|(?:19|20)\d\d|[0-3]?\d){E}(?![-/.]\w)",
        ),
        # 28.10. (German-style, the trailing dot makes it a date)
        ("dm_dot", rf"{B}(?<![\d.,])(?P<d>[0-3]?\d)\.(?P<sp> )?(?P<m>[01]?\d)\.(?![\d])"),
        # le 22/04, on 4/22: day and month need a cue word before
        ("dm_slash", rf"{B}(?<![\d.,/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?![\d/%]|[.,]\d)"),
        # van 1-10 tot 7-11: a dash day-month, only as both ends of a range
        ("dm_dash", rf"{B}(?<![\d.,/\-])(?P<a>[0-3]?\d)-(?P<b>[0-3]?\d)(?![\d/%\-]|[.,]\d)"),
        # 11/2016, 2016/11, 11-2016, 05.2016 (month and year; a dot only after two digits,
        # "1.2015" being a rate)
        (
            "my_num",
            rf"{B}(?<![\d.,/])(?P<m>[01]?\d\s*[/\-~]|[01]\d\s*\.)\s*(?P<y>(?:19|20)\d\d)"
            rf"(?![\d%]|[.,]\d)",
        ),
        (
            "ym_num",
            rf"{B}(?<![\d.,/])(?P<y>(?:19|20)\d\d)"
            rf"(?:\s*[/\-]\s*|{dot_ym})(?P<m>[01]?\d)(?![\d%/]|[.,]\d)",
        ),
        # lundi 12 janvier 2016, 15. Juni 2016, 3 de enero del 2019, 1er mars
        (
            "dM",
            rf"{B}(?:(?P<wd>{weekday})\.?,?\s+(?:(?:{art})\s+)?)?"
            rf"(?:(?P<do>{ords})|(?P<dw>{dwords}){E}|{day})"
            rf"(?:\s+(?:{alt(_d(data, 'day_nouns'))})(?=\s+(?:{of})\s))?"
            rf"\s*(?:{of}\s*)?(?P<m>{month})"
            rf"(?:{year_sep}|\s+(?:{of}\s+|['\u2019])?(?P<y2e>\d\d)(?=\s*(?:[.,;:!?)](?!\d)|\Z)))?{E}",
        ),
        # du 4 au 22 janvier 1995, entre le 3 et le 12 septembre
        (
            "drange",
            rf"{B}(?:(?P<o>{opens_alt})\s+)?(?:(?:{art})\s+)?(?P<d1>[0-3]?\d)(?:{suffix})?\s*{dconn}\s*"
            rf"(?:(?:{art})\s+)?(?P<d2>[0-3]?\d)(?:{suffix})?\s*(?:{of}\s*)?(?P<m>{month}){year_tail}{E}",
        ),
        # November 19-20, 2016
        (
            "Mdrange",
            rf"{B}(?P<m>{month})\s+(?P<d1>[0-3]?\d)(?:{suffix})?\s*{dconn}\s*(?P<d2>[0-3]?\d)"
            rf"(?:{suffix})?(?![\d]|[.,]\d){year_tail}{E}",
        ),
        # from 4 to January 22, 1995: the month written with the second day only
        (
            "dMdrange",
            rf"{B}(?P<o>{opens_alt})\s+(?:(?:{art})\s+)?(?P<d1>[0-3]?\d)(?:{suffix})?\s*{dconn}\s*"
            rf"(?P<m>{month})\s+(?P<d2>[0-3]?\d)(?:{suffix})?(?![\d]|[.,]\d){year_tail}{E}",
        ),
        # 3/jan, 2-okt (day and month name, no year)
        (
            "dM_sep",
            rf"{B}(?<![\d.,/])(?P<d>[0-3]?\d)[/\-](?P<m>{alt(raw_months)})\.?(?![/\-]?\d){E}",
        ),
        # June 15, 2016; Novembre 19; Oct. 2
        (
            "Md",
            rf"{B}(?:(?P<wd>{weekday}),?\s+)?(?P<m>{month})(?:\s*[-/,]\s*|\s*(?:the\s+)?)"
            rf"(?:(?P<d>[0-3]?\d)(?:{suffix})?(?![\d]|[.,]\d)|(?<=\s)(?<!,\s)(?P<dw>{dwords}){E})"
            rf"{year_tail}{E}",
        ),
        # Q3 2024, T3 2024, H1 2024, 3Q24, 2024 Q1
        (
            "qabbr",
            rf"{B}(?P<qa>{qab}|{hab})(?P<q>[1-4])(?:\s*[-/]?\s*(?:{of}\s+)?(?:(?-i:FY)\s*)?"
            rf"(?P<y>(?:19|20)\d\d|['\u2019]?\d\d))?{E}",
        ),
        (
            "qabbr_post",
            rf"{B}(?P<q>[1-4])\s?(?-i:(?P<qa>{qab}|{hab}))(?:\s?(?P<y>(?:19|20)\d\d|\d\d))?{E}",
        ),
        ("yqabbr", rf"{B}(?P<y>(?:19|20)\d\d)\s*[-/]?\s*(?P<qa>{qab}|{hab})(?P<q>[1-4]){E}"),
        # troisième trimestre 2024, im dritten Quartal, first half of 2024
        (
            "qword",
            # "Auftaktquartal", "Schlussquartal": an ordinal glued to the period word
            rf"{B}(?:(?P<o>{ords})(?:\s+|-)|(?P<oc>{compound_ords}))"
            rf"(?:(?P<qw>{qwords})|(?P<hw>{hwords}))"
            # not "ersten Halbjahr 2026" out of "ersten Halbjahr 2026/27" (a fiscal year)
            rf"(?:\s*[-,]?\s*(?:{of}\s+)?(?:(?:{year_prefix})\s+)?{year}(?![/\-]\d\d(?!\d)))?{E}",
        ),
        # FY2024, FY 2023/24, exercice 2023/24, Geschäftsjahr 2023
        (
            "fiscal",
            rf"{B}(?:(?-i:FY)\s?|(?:{fiscal})\s+(?:{of}\s+)?)(?P<y>(?:19|20)\d\d|\d\d)"
            rf"(?:\s*[/\-]\s*(?P<y2>(?:19|20)\d\d|\d\d))?{E}",
        ),
        # "its 2027 financial year", "the 2025-26 fiscal year": the year said first
        *(
            [
                (
                    "fiscal_after",
                    rf"{B}(?P<y>(?:19|20)\d\d)(?:\s*[/\-]\s*(?P<y2>(?:19|20)\d\d|\d\d))?"
                    rf"\s+(?:{alt(_d(data, 'fiscal_words_after_year'))}){E}",
                )
            ]
            if _d(data, "fiscal_words_after_year")
            else []
        ),
        (
            "split_year",
            rf"{B}(?<![\d.,/])(?P<y>(?:19|20)\d\d)(?P<s>[/\-])(?P<y2>\d\d)(?![\d%]|[.,]\d)",
        ),
        # week 31, KW 12, semaine 12 de 2024
        (
            "weeknum",
            rf"{B}(?:{weeknum_words})\s*(?P<w>[0-5]?\d){E}(?:\s+(?:{of}\s+)?{year})?",
        ),
        # les années 90, the 1990s, 90er Jahre
        (
            "decade",
            rf"{B}(?:(?P<pre>{alt(_d(data, 'decades_before'))})\s+)?['\u2019]?(?P<dd>(?:19|20)?\d0)"
            rf"(?P<suf>{alt(_d(data, 'decade_after'))})?{E}",
        ),
        # the seventies, les années quatre-vingt-dix, die Neunzigerjahre
        (
            "decade_word",
            rf"{B}(?P<pre>{alt(_d(data, 'decade_word_before'))})\s+"
            rf"(?:(?P<cent>{alt(_m(data, 'decade_centuries'))})[\s\-]+)?"
            rf"(?P<dw>{alt(_m(data, 'decade_words'))})(?:{alt(_d(data, 'decade_word_after'))})?{E}",
        ),
        # été 2023, summer of 2023
        # Christmas, Pâques 2018, Ostermontag: a holiday, with or without its year
        (
            "holiday",
            rf"{B}(?:(?:{art})(?:(?<=['\u2019])|\s+))?(?:(?P<rb>{alt(raw_rel_before)})\s+)?"
            rf"(?P<hol>{alt(_m(data, 'holidays'))})"
            rf"(?:\s*,?\s*(?:{of}\s+)?{year})?{E}",
        ),
        ("season", rf"{B}(?P<se>{alt(raw_seasons)})\s*(?:{of}\s+)?{year}{E}"),
        # "in the quarter", "no semestre", "im Halbjahr": the period of that size named before
        (
            "told",
            rf"{B}(?:{alt(_d(data, 'told_intro'))})(?:(?<=['\u2019])|\s+)"
            rf"(?:(?P<tq>{alt(_m(data, 'told_units').get('quarter', []))})"
            rf"|(?P<th>{alt(_m(data, 'told_units').get('half', []))})"
            rf"|(?P<ty>{alt(_m(data, 'told_units').get('year', []))})"
            # "nel periodo", "over the period": the period reported on, of any size
            rf"|(?P<tp>{alt(_m(data, 'told_units').get('period', []))})"
            rf"|(?P<tn>\d{{1,2}}|{alt(raw_numbers)})\s+"
            rf"(?P<tm>{alt(w for w, u in raw_units.items() if u == 'month')})){E}"
            rf"(?!\s*(?:(?:{of})(?:(?<=['\u2019])|\s+))?(?:(?:19|20)\d\d(?![\d,.])|\d{{1,2}}[./])"
            rf"|\s+(?:{of})(?:(?<=['\u2019])|\s)"
            rf"|,?\s+(?:{alt(_d(data, 'fiscal_close_words') + _d(data, 'fiscal_end_words'))})"
            # "au cours de l'exercice précédent": a year named relatively, read as such
            rf"|\s+(?:{alt(raw_rel_after) if raw_rel_after else '(?!)'}){E})",
        ),
        # "over the summer", "im Herbst", "depuis le printemps": the season alone
        (
            "season_bare",
            rf"{B}(?:{alt(_d(data, 'season_intro'))})(?:(?<=['\u2019])|\s+)"
            rf"(?:(?P<ar>{art})(?:(?<=['\u2019])|\s+))?(?P<se>{alt(raw_seasons)}){E}"
            rf"(?!\s+(?:{of}|in|en|(?-i:[A-ZÄÖÜ]))|[-\u2013])",
        ),
        # les neuf premiers mois de l'année, the first nine months of 2024
        (
            "first_n",
            rf"{B}(?:(?P<pre>{alt(_d(data, 'first_n_before'))})\s+)?(?P<n>\d{{1,2}}|{num_alt})\s+"
            rf"(?:(?P<post>{alt(_d(data, 'first_n_after'))})\s+)?(?P<u>{unit_words})"
            rf"(?:\s+{of}(?:(?<=['\u2019])|\s+)(?:(?:{art})(?:(?<=['\u2019])|\s+))?"
            rf"(?:(?:{year_prefix}\s+)?(?P<y>(?:19|20)\d\d)(?!\d)|(?P<yu>{year_units}))"
            rf"|\s+(?P<yd>(?:19|20)\d\d)(?![\d%]|[.,]\d))?{E}",
        ),
        # a year earlier, im Vorjahr, un año antes: the period just named, one year back
        ("prev_period", rf"{B}(?P<pp>{alt(_d(data, 'previous_period'))}){E}"),
        # l'an dernier, last quarter, letztes Jahr, el año pasado, le mois prochain, ce mois-ci
        (
            "rel",
            rf"{B}(?:(?P<art>{art})(?:(?<=['\u2019])|\s+))?(?:(?P<rb>{alt(raw_rel_before)})(?:(?<=['\u2019])|\s+))?"
            rf"(?P<u>{rel_targets})(?:(?:\s+|(?=-))(?P<ra>{alt(raw_rel_after)}))?{E}",
        ),
        # the week after next, la semana después de la próxima, het weekend na het volgende
        (
            "after_next",
            rf"{B}(?:(?P<art>{art})\s+)?"
            rf"(?P<u>{alt(list(_m(data, 'units')) + _d(data, 'weekend_words'))})"
            rf"\s+(?P<an>{alt(_d(data, 'after_next'))}){E}",
        ),
        # le week-end dernier, this weekend, am Wochenende
        (
            "weekend",
            rf"{B}(?:(?P<art>{art})(?:(?<=['\u2019])|\s+))?(?:(?P<rb>{alt(raw_rel_before)})\s+)?"
            rf"(?P<we>{alt(_d(data, 'weekend_words'))})(?:\s+(?P<ra>{alt(raw_rel_after)}))?{E}",
        ),
        # aujourd'hui, yesterday, gestern
        ("fixed", rf"{B}(?P<f>{alt(raw_fixed_days)}){E}"),
        # "on the 18th", "op de 15e", "el día 21", "il 27.", "Mon 13th": a day of a month
        # left unsaid; digit first (fast), the words before are read by `pipeline.dates`
        (
            "bare_day",
            rf"\d\d?(?:(?P<suf>{alt(_d(data, 'bare_day_suffix'))})(?![\w%\u00ba\u00b0])"
            rf"|(?P<end>(?=\s*(?:[.!?](?!\w)|\Z))))"
            rf"|{B}(?P<dn>{alt(_d(data, 'bare_day_nouns'))})\s+(?P<d1>\d\d?)(?![\w%\u00ba\u00b0])",
        ),
        # year-end, fine anno, Jahresende: the closing day of a year (a balance-sheet date)
        ("year_end", rf"{B}(?P<ye>{alt(_d(data, 'year_end_words'))}){E}"),
        # year to date, depuis le début de l'année, seit Jahresbeginn
        ("ytd", rf"{B}(?P<ytd>{alt(_d(data, 'year_to_date'))}){E}"),
        # Jahresbeginn, Jahresmitte: a part of the current year said in one word
        ("year_part", rf"{B}(?P<yp>{alt(_m(data, 'year_part_words'))}){E}(?![\s-]*(?:19|20)\d\d)"),
        # the full year, l'ensemble de l'exercice, das Gesamtjahr (not "full-year 2024")
        (
            "whole_year",
            rf"{B}(?P<wy>{alt(_d(data, 'whole_year_words'))}){E}(?![\s-]*(?:19|20)\d\d)"
            # nor "l'ensemble de l'exercice clos le 31 janvier": that year, read by its close
            # ("the full year, which ends in March" is read here, the month setting the close)
            rf"(?!,?\s+(?:{alt(_d(data, 'fiscal_close_words') + _d(data, 'fiscal_end_words'))})"
            rf"[^.;\n]{{0,24}}\d)",
        ),
        # "between May and now", "from March to date": the reference day, only as a range end
        ("now", rf"{B}(?P<now>{alt(_d(data, 'now_words'))}){E}"),
        # a year named by one word
        (
            "fixed_year",
            rf"{B}(?:(?:{art})\s+)?(?P<fy>{alt(_m(data, 'fixed_years'))}){E}",
        ),
        # il y a deux ans, two years ago, vor zwei Jahren, hace dos años, due anni fa
        (
            "ago",
            rf"{B}(?:(?P<pre>{alt(_d(data, 'ago_before'))})\s+{number}\s+(?P<u>{unit_words})"
            rf"|(?P<nn>\d{{1,3}}|{alt(raw_numbers)})\s+(?P<u2>{unit_words})\s+(?P<post>{ago_after}))"
            rf"{E}",
        ),
        # les 12 derniers mois, the past three years, in den letzten 3 Jahren
        (
            "lastn",
            rf"{B}(?:(?P<lb>{alt(_d(data, 'last_n_before'))})\s+{number}\s+(?P<u>{unit_words})"
            rf"(?:\s+(?P<la>{alt(_d(data, 'last_n_after_unit'))}))?"
            rf"|(?P<nb>{alt(_d(data, 'next_n_before'))})\s+(?P<n2>\d{{1,3}}|{alt(raw_numbers)})\s+"
            rf"(?P<u2>{unit_words})(?:\s+(?P<na>{alt(_d(data, 'next_n_after_unit'))}))?"
            rf"|(?:(?:{art})\s+)?(?P<n3>\d{{1,3}}|{alt(raw_numbers)})\s+(?P<x>{between_n})"
            rf"\s+(?P<u3>{unit_words})"
            rf"|(?P<n4>\d{{1,3}}|{alt(raw_numbers)})\s+(?P<u4>{unit_words})\s+(?P<x4>{after_n})){E}",
        ),
        # "in two weeks", "within 9 months", "within the next 10 months": from the news on
        (
            "inn",
            rf"{B}(?:(?P<ib>{alt(_d(data, 'in_n_before'))})\s+"
            rf"|(?P<wb>{alt(_d(data, 'within_n_before'))})"
            rf"\s+(?:(?:{art})\s+)?(?:(?:{alt(_d(data, 'next_n_before'))})\s+)?)"
            rf"(?P<n>\d{{1,3}}|{alt(raw_numbers)})\s+(?P<u>{unit_words})"
            rf"(?:(?P<tm>{alt(_d(data, 'in_n_after'))}))?{E}",
        ),
        # octobre 2023, mois de septembre, junio de 2023, 2016 November, December
        (
            "my",
            rf"{B}(?:(?P<mp>{alt(_d(data, 'month_prefix'))})(?:(?<=['\u2019])|\s+))?(?P<m>{month})"
            # a full month name closing a sentence ("final de junho. Em 30") takes no year
            rf"(?:(?<![^\W\d_]{{5}}\.)(?:\s*[,/\-]?\s*(?:{of}\s+)?(?P<y>(?:19|20)\d\d)(?!\d)"
            rf"|\s+(?:{of}\s+|['\u2019])(?P<y2d>\d\d)(?![\d%]|[.,]\d)"
            rf"|\s+(?P<y2e>\d\d)(?=\s*(?:[.,;:!?)](?!\d)|\Z))))?{E}",
        ),
        ("ym", rf"{B}(?P<y>(?:19|20)\d\d)\s*[,/\-]?\s*(?P<m>{month}){E}"),
        # 2014-2018, 1990–1995
        ("yrange", rf"{B}(?P<y>(?:19|20)\d\d)\s*[-\u2013~]\s*(?P<y2>(?:19|20)\d\d){E}"),
        # vendredi 31, Friday 12th: the latest such day
        (
            "wd_day",
            rf"{B}(?P<wd>{weekday}),?\s+(?:(?:{art_plain})\s+)?"
            rf"(?:(?:{alt(_d(data, 'day_nouns'))})\s+)?"
            rf"(?:(?P<d>[0-3]?\d)(?:{suffix})?|(?P<dw>{dwords}))"
            # not a figure after a weekday ("stieg am Mittwoch 2,7 Prozent", "woensdag 2%")
            rf"(?![\d]|[/.,\-]\d|\s?%|\s*(?:{of}\s+)?{alt(raw_months)}){E}",
        ),
        # a weekday on its own: the latest one; abbreviated ("Tue to Thur", "da mar a gio")
        # only beside another weekday
        (
            "weekday",
            # "Mittwochabend", "woensdagavond": a weekday with a part of the day glued on
            rf"{B}(?:(?P<wd>{weekday})(?:{alt(_d(data, 'weekday_suffixes'))})?|(?P<wa>{wd_abbr})"
            rf"(?:\.(?=\s+[a-z\d]))?){E}",
        ),
        # "na sexta", "na terça (12)": a weekday that is also an ordinal, after its cue and
        # before nothing a noun could be
        (
            "weekday_cued",
            rf"{B}(?:{alt(_d(data, 'ambiguous_weekday_cues'))})\s+"
            rf"(?P<wd>{alt(_d(data, 'ambiguous_weekdays'))})"
            rf"(?=\s*(?:[.,;:!?)(]|\Z|\d|(?:{alt(_d(data, 'ambiguous_weekday_after'))}){E}))",
        ),
        # the 21st century, le XXIe siècle, das 21. Jahrhundert, el siglo XXI
        (
            "century",
            rf"{B}(?:(?P<cn>[12]?\d|[IVX]{{1,5}})(?:{alt(_d(data, 'century_suffix'))})?\.?\s+"
            rf"(?:{alt(_d(data, 'century_words'))})"
            rf"|(?:{alt(_d(data, 'century_words'))})\s+(?P<cr>[IVX]{{1,5}})){E}",
        ),
        # a founding year before 1900: "founded in 1887", "fundada em 1887"
        (
            "old_year",
            rf"{B}(?:(?:{alt(_d(data, 'founding_words'))})\s+(?P<y>1[0-8]\d\d)(?![\d]|[.,]\d|\s?%)"
            rf"|(?<![\d.,])(?P<y2>1[0-8]\d\d)\s+(?:{alt(_d(data, 'founding_after'))}){E})",
        ),
        # a year on its own: 2024, l'année 2024, im Jahr 2024
        (
            "year",
            rf"{B}(?:(?P<yp>{year_prefix})\s+)?(?<![\d.,/\u00a0\u202f])(?P<y>(?:19|20)\d\d|2100)(?![\d]|[.,]\d|\s?%)",
        ),
    ]
    # "am siebten vierten", "Donnerstag 7. vierter", "am dritter/11.": day and month as
    # ordinals, one of them in words (the ordinal forms of `day_words`, by their endings)
    ord_ends = tuple(norm(x) for x in _d(data, "ordinal_date_suffixes"))
    ord_words = {k: v for k, v in _m(data, "day_words").items() if norm(k).endswith(ord_ends)}
    if ord_ends and ord_words:
        dw_alt = alt(ord_words)
        mw_alt = alt(k for k, v in ord_words.items() if v <= 12)
        pats.append(
            (
                "ord_dm",
                rf"{B}(?:(?P<wd>{weekday}),?\s+(?:(?:{art})\s+)?)?"
                rf"(?:(?P<dn>[0-3]?\d)\.|(?P<dw>{dw_alt}))\s*/?\s*"
                rf"(?:(?P<mn>[01]?\d)\.|(?P<mw>{mw_alt}))(?!\w)"
                rf"(?:\s+(?P<y>(?:19|20)\d\d)(?!\d))?(?!\s+(?-i:[A-Z\u00c4\u00d6\u00dc]))",
            )
        )
    unsaid = {
        "dm_of": not _d(data, "day_month_number_words"),
        "inn": not _d(data, "in_n_before") + _d(data, "within_n_before"),
        "old_year": not _d(data, "founding_words") + _d(data, "founding_after"),
    }
    pats = [(name, p) for name, p in pats if not unsaid.get(name)]  # no words for them
    flags = re.IGNORECASE
    patterns = tuple((name, re.compile(p, flags)) for name, p in pats)
    # rare words a pattern cannot match without (its other words are in every article),
    # each time at the start of a word: after B, an apostrophe or a space
    gate_words = {
        "holiday": list(_m(data, "holidays")),
        "weekend": _d(data, "weekend_words"),
        "after_next": _d(data, "after_next"),
        "decade_word": list(_m(data, "decade_words")),
        "weekday_cued": _d(data, "ambiguous_weekday_cues"),
        "century": _d(data, "century_words"),
        "old_year": _d(data, "founding_words") + _d(data, "founding_after"),
    }
    # a month name, a day and a year glued by one separator ("Sep-23-2020"): a letter and
    # a digit on either side of a separator
    custom_gates = {"mixed": re.compile(r"[-/.](?:(?<=\d.)(?=[^\W\d_])|(?<=[^\W\d_].)(?=\d))")}
    gates = tuple(
        custom_gates.get(name)
        or (re.compile(B + alt(gate_words[name]), flags) if gate_words.get(name) else None)
        for name, _ in pats
    )
    # cheaper still: a substring every match holds (the longest ASCII run of each word,
    # lower case), tested on the lower-cased text before any regex runs
    key_words = {
        **gate_words,
        "ago": _d(data, "ago_before") + _d(data, "ago_after"),
        "lastn": _d(data, "last_n_before")
        + _d(data, "next_n_before")
        + _d(data, "last_n_after_unit")
        + _d(data, "next_n_after_unit")
        + _d(data, "last_n_between")
        + _d(data, "next_n_between"),
        "inn": _d(data, "in_n_before") + _d(data, "within_n_before"),
        "prev_period": _d(data, "previous_period"),
        "year_end": _d(data, "year_end_words"),
        "ytd": _d(data, "year_to_date"),
        "year_part": list(_m(data, "year_part_words")),
        "whole_year": _d(data, "whole_year_words"),
        "now": _d(data, "now_words"),
        "fixed_year": list(_m(data, "fixed_years")),
        "fixed": list(_m(data, "fixed_days")),
        "season": list(_m(data, "seasons")),
        "season_bare": list(_m(data, "seasons")),
        "told": [w for ws in _m(data, "told_units").values() for w in ws]
        + [w for w, u in raw_units.items() if u == "month"],
        "qword": _d(data, "quarter_words") + _d(data, "half_words"),
    }
    gate_keys = tuple(_keys(key_words.get(name)) for name, _ in pats)

    mod_alts: list[str] = []
    for kind in ("begin", "mid", "end", "earlier", "later"):
        words = sorted(mods.get(kind, []), key=len, reverse=True)
        glued = [_word(w) for w in words if w.endswith("-")]
        spaced = [_word(w) for w in words if not w.endswith("-")]
        parts = []
        if glued:
            parts.append("(?:" + "|".join(glued) + ")")
        if spaced:
            parts.append("(?:" + "|".join(spaced) + r")(?:(?<=['\u2019])|\s+|-)")
        if parts:
            mod_alts.append(rf"(?P<{kind}>" + "|".join(parts) + ")")
    mod_re = (
        rf"{B}(?:{'|'.join(mod_alts)})(?:{of}(?:(?<=['\u2019])|\s+))?(?:(?:{art})(?:(?<=['\u2019])|\s+))?\Z"
        if mod_alts
        else r"(?!x)x"
    )

    duration = (
        rf"{B}(?P<n>\d+(?:[.,]\d+)?|{alt(raw_numbers)})(?:\s+|\s*-\s*|(?<=\d))"
        rf"(?P<u>{unit_words}){E}"
    )
    intro = rf"{B}(?:{alt(_d(data, 'duration_intro'))})(?:(?<=['\u2019])|\s+)\Z"

    conn: dict[str, str] = {}
    for _, c in _d(data, "range_pairs"):
        conn.setdefault(norm(c), "close")
    for w in ["~", *_d(data, "range_infix")]:
        conn[norm(w)] = "infix"
    for w in _d(data, "coord"):
        conn[norm(w)] = "coord"
    opens = [o for o, _ in _d(data, "range_pairs")]
    coords = {norm(w) for w in _d(data, "coord")}
    cues = (
        [w for w in _d(data, "month_cues") if norm(w) not in coords]
        + _d(data, "of_words")
        + opens
        + [w for w in conn if w not in coords]
        + _d(data, "since")
        + list(raw_rel_before)
    )
    pre_words = (
        list(raw_months)
        + list(raw_weekdays)
        + list(raw_units)
        + list(raw_fixed_days)
        + list(raw_seasons)
        + _d(data, "fiscal_words")
        + _d(data, "week_number_words")
        + _d(data, "weekend_words")
        + list(_m(data, "fixed_years"))
        + _d(data, "quarter_words")
        + _d(data, "half_words")
        + list(_m(data, "holidays"))
        + _d(data, "year_to_date")
        + _d(data, "year_end_words")
        + _d(data, "century_words")
        + list(_m(data, "decade_words"))
    )
    prefilter = re.compile(rf"\d|{alt(pre_words)}", flags)
    return Rules(
        lang=lang,
        data=data,
        months=months,
        weekdays=weekdays,
        numbers=numbers,
        ordinals=ordinals,
        units=units,
        rel_before=rel_before,
        rel_after=rel_after,
        fixed_days=fixed,
        day_words=day_words,
        upcoming=frozenset(norm(w) for w in _d(data, "upcoming_words")),
        recent_past=frozenset(norm(w) for w in _d(data, "recent_past_words")),
        part_words=frozenset(
            norm(w) for w in list(raw_units) + _d(data, "quarter_words") + _d(data, "half_words")
        ),
        holidays={norm(k): v for k, v in _m(data, "holidays").items()},
        seasons=seasons,
        ambiguous_months=frozenset(norm(w) for w in _d(data, "ambiguous_months")),
        of_next=re.compile(rf"\s+{of}(?:(?<=['\u2019])|\s+)", flags),
        of_follow=re.compile(
            rf"\s+{of}(?:(?<=['\u2019])|\s+)(?:(?:{art})\s+)?(?:{month}|(?:19|20)\d\d)", flags
        ),
        dm_pair=re.compile(rf"\s*(?:{dconn})\s*[0-3]?\d/[0-3]?\d(?!\d)", flags),
        dm_pair_before=re.compile(rf"(?<![\d/])[0-3]?\d/[0-3]?\d\s*(?:{dconn})\s*\Z", flags),
        # "next month from the 4th to the 23rd", "deze maand van 4 tot 22"
        days_after=re.compile(
            rf"\s+(?:(?:{opens_alt})\s+)?(?:(?:{art})\s+)?(?P<d1>[0-3]?\d)(?:{suffix})?\s*"
            rf"(?:{dconn})\s*(?:(?:{art})\s+)?(?P<d2>[0-3]?\d)(?:{suffix})?(?![\d/]|[.,]\d)",
            flags,
        ),
        dash_pair=re.compile(
            rf"\s+(?:{closes_alt})\s+[0-3]?\d-[0-3]?\d(?![\d\-])",
            flags,
        ),
        dash_pair_before=re.compile(
            rf"{B}(?:{opens_alt})\s+[0-3]?\d-[0-3]?\d\s+(?:{closes_alt})\s+\Z",
            flags,
        ),
        # "vendredi 12/5": a date we did not read; "woensdag 2,7%": a figure after a weekday
        weekday_tail=re.compile(rf"\s*,?\s*(?:(?:{art_plain})\s+)?\d(?!\d*(?:[,.]\d|\s?%))", flags),
        month_follow=re.compile(rf"\s*(?:{alt(_d(data, 'range_infix'))})\s*{month}", flags),
        month_cues=re.compile(rf"{B}{alt(cues)}(?:(?<=['\u2019])|\s+|-)\Z", flags),
        day_cues=re.compile(rf"{B}(?:{alt(_d(data, 'day_cues'))}|{weekday},?)\s+\Z", flags),
        before_blockers=re.compile(rf"(?:{alt(_d(data, 'number_before_blockers'))})\s*\Z", flags),
        after_blockers=re.compile(rf"\s*(?:{alt(_d(data, 'number_blockers'))})(?!\w)", flags),
        modifier=re.compile(mod_re, flags),
        week_of_day=re.compile(
            rf"{B}(?:{alt(_d(data, 'week_of_day'))})(?:(?<=['\u2019])|\s+)(?:(?:{art})\s+)?\Z",
            flags,
        ),
        nth_weekday=re.compile(
            rf"{B}(?:(?:{art})(?:(?<=['\u2019])|\s+))?(?P<o>{ords})\s+"
            rf"(?P<wd>{alt(raw_weekdays)})\s+"  # after an ordinal, "sexta" is a weekday
            rf"(?:{of}(?:(?<=['\u2019])|\s+))?(?:(?:{art})(?:(?<=['\u2019])|\s+))?\Z",
            flags,
        ),
        compound_before=re.compile(
            rf"(?:\d{{1,3}}|{num_alt})\s+(?:{unit_words})\s*(?:,|{coord_alt})?\s*\Z",
            flags,
        ),
        compound_after=re.compile(
            rf"\s*(?:,|{coord_alt})?\s*(?:\d{{1,3}}|{num_alt})\s+(?:{unit_words}){E}",
            flags,
        ),
        year_to=re.compile(
            rf"{B}(?:{alt(_d(data, 'year_to_words'))})(?:(?<=['\u2019])|\s+)(?:(?:{art})\s+)?\Z",
            flags,
        ),
        months_to=re.compile(
            rf"{B}(?:(?:{art})\s+)?(?:(?P<n>\d{{1,2}}|{num_alt})\s+)?"
            rf"(?P<u>{alt(w for w, u in raw_units.items() if u in _TO_UNITS)})"
            rf"\s+(?:{alt(_d(data, 'months_to_words'))})(?:(?<=['\u2019])|\s+)(?:(?:{art})\s+)?\Z",
            flags,
        ),
        month_period=re.compile(rf"\s+(?P<w>{alt(_m(data, 'month_period_nouns'))}){E}", flags),
        same_period=re.compile(
            rf"{B}(?:{alt(_d(data, 'same_period_words'))})\s+\Z",
            flags,
        ),
        future_cue=re.compile(
            rf"{B}(?:{alt(_d(data, 'future_cues'))})(?:(?<=['\u2019])|\s+)(?:(?:{art})\s+)?\Z",
            flags,
        ),
        spelled_words=frozenset(norm(w) for w in spelled_list),
        number_word_after=re.compile(
            rf"[\s,]+(?:(?:{of}|{art})\s+)?"
            rf"(?:(?:{spelled}){E}|{alt(_d(data, 'spelled_year_words'))})",
            flags,
        ),
        # "Natale Rossi", "Christmas sales": a name or an adjective, not the day
        holiday_tail=re.compile(
            rf"\s+(?:{'(?!x)x' if data.get('nouns_capitalized') else '(?-i:[A-ZÀ-Þ][a-zß-ÿ]+)'}"
            rf"|(?:{alt(_d(data, 'holiday_blockers_after'))}){E})",
            flags,
        ),
        quantity_bound=re.compile(
            rf"{B}(?:{alt(_d(data, 'quantity_bounds'))})(?:(?<=['\u2019])|\s+)\Z", flags
        ),
        nth_bare=re.compile(rf"{B}(?P<o>{ords})\s+\Z", flags),
        of_this_year=re.compile(
            # not "de ese año", "of that year": the year named before
            rf"\s+{of}(?:(?<=['\u2019])|\s+)(?:(?:{art_near})(?:(?<=['\u2019])|\s+))?"
            rf"(?:{alt(w for w in _d(data, 'rel_units') if raw_units.get(w) == 'year')}){E}"
            # not "do ano passado", "del año anterior": that year is named relatively
            rf"(?!\s+(?:{alt(raw_rel_after) if raw_rel_after else '(?!)'}){E})",
            flags,
        ),
        offset_tail=re.compile(
            rf"\s+(?:{alt(_d(data, 'offset_after') + _d(data, 'offset_before'))}){E}", flags
        ),
        offset=re.compile(
            rf"{B}(?P<n>\d{{1,3}}|{alt(raw_numbers)})\s+(?P<u>{unit_words})\s+"
            rf"(?:(?P<af>{alt(_d(data, 'offset_after'))})|(?P<bf>{alt(_d(data, 'offset_before'))}))"
            rf"(?:(?<=['\u2019])|\s+)(?:(?:{art})\s+)?\Z",
            flags,
        ),
        day_of=re.compile(
            rf"{B}(?:(?:{opens_alt})\s+)?(?:(?:{art})\s+)?"
            rf"(?:(?P<d1>[0-3]?\d)(?:{suffix})?\s*{dconn}\s*(?:(?:{art})\s+)?)?"
            rf"(?P<d>[0-3]?\d)(?:{suffix})?\s+(?:(?:{alt(_d(data, 'day_nouns'))})\s+(?={of}))?"
            rf"(?:{of}(?:(?<=['\u2019])|\s+))?(?:(?:{art})(?:(?<=['\u2019])|\s+))?\Z",
            flags,
        ),
        month_of=re.compile(
            rf"{B}(?:(?:{art})(?:(?<=['\u2019])|\s+))?(?P<o>{ords})\s+"
            rf"(?:{alt(w for w, u in raw_units.items() if u == 'month')})\s+"
            rf"{of}(?:(?<=['\u2019])|\s+)(?:(?:{art})(?:(?<=['\u2019])|\s+))?\Z",
            flags,
        ),
        week_of=re.compile(
            rf"{B}(?:(?:{art})(?:(?<=['\u2019])|\s+))?(?P<o>{ords})\s+(?:{week_words})\s+"
            rf"(?:{of}(?:(?<=['\u2019])|\s+))?(?:(?:{art})(?:(?<=['\u2019])|\s+))?\Z",
            flags,
        ),
        # "since March", "sinds de zomer van 2025": an article may stand between
        since=re.compile(
            rf"{B}(?P<s>{alt(_d(data, 'since'))})(?:(?<=['\u2019])|\s+)"
            rf"(?:(?:{art})(?:(?<=['\u2019])|\s+))?\Z",
            flags,
        ),
        rest=re.compile(rf"{B}(?:{alt(_d(data, 'rest_words'))})(?:(?<=['\u2019])|\s+)\Z", flags),
        unread_head=re.compile(
            rf"{B}(?:{ords}|{alt(_d(data, 'unread_ordinals'))}|{num_alt}|{dwords}"
            rf"|\d{{1,3}}(?:{suffix}|[ªº°a])?)\s+"
            rf"(?:{alt(w for w, u in raw_units.items() if u != 'year')}|{qwords}|{hwords}"
            rf"|{alt(_d(data, 'unread_head_nouns'))})\s*"
            rf"(?:{of})(?:(?<=['\u2019])|\s+)(?:(?:{art})(?:(?<=['\u2019])|\s+))?\Z",
            flags,
        ),
        of_date=re.compile(
            rf"\s+{of}(?:(?<=['\u2019])|\s+)(?:(?:{art})(?:(?<=['\u2019])|\s+))?"
            rf"(?:{month}|(?:19|20)\d\d|{alt(raw_rel_before)}|{rel_targets}){E}",
            flags,
        ),
        open_bound=re.compile(
            rf"{B}(?:(?P<ob>{alt(_d(data, 'after_bounds'))})"
            rf"|(?P<bb>{alt(_d(data, 'before_bounds'))})"
            rf"|(?P<mb>{alt(_d(data, 'before_bounds_modified'))}))"
            rf"(?:(?<=['\u2019])|\s+)"
            rf"(?:(?:{art})(?:(?<=['\u2019])|\s+))?\Z",
            flags,
        ),
        negation=re.compile(rf"{B}(?:{alt(_d(data, 'negations'))})\s+\Z", flags),
        # "2016, nov", "2016 . 05", "1990 s": a year that is a piece of something unread
        year_piece=re.compile(rf"\s*,\s*{month}{E}|\s+[./]\s+\d|\s+s{E}", flags),
        # "dieses Jahr später": a part named after its period
        mod_after=re.compile(
            rf"\s+(?:(?P<earlier>{alt(_m(data, 'modifiers_after').get('earlier', []))})"
            rf"|(?P<later>{alt(_m(data, 'modifiers_after').get('later', []))})){E}",
            flags,
        ),
        # "the first 2 weeks of 2021", "les 10 premiers jours de janvier": a part of a period
        part_n=re.compile(
            rf"{B}(?:(?P<fl>{alt(_d(data, 'first_words') + _d(data, 'last_words'))})\s+"
            rf"(?P<n>\d+|{alt(raw_numbers)})|(?P<n2>\d+|{alt(raw_numbers)})\s+"
            rf"(?P<fl2>{alt(_d(data, 'first_words') + _d(data, 'last_words'))}))\s+"
            rf"(?P<u>{unit_words})\s+(?:(?:{of})(?:(?<=['\u2019])|\s+))?"
            rf"(?:(?:{art})(?:(?<=['\u2019])|\s+))?\Z",
            flags,
        ),
        # "the first week of October on Friday": a weekday glued to another date
        wd_glue=re.compile(rf"\s+(?:{alt(_d(data, 'weekday_glue'))})\s+\Z", flags),
        units_before_wd=re.compile(
            rf"{B}(?:\d+|{alt(raw_numbers)})\s+(?:{unit_words})\s+"
            rf"(?:(?:{alt(_d(data, 'weekday_glue'))})\s+)?\Z",
            flags,
        ),
        # "no later than May 1", "as early as tomorrow": an open interval, whatever the grain
        any_bound=re.compile(
            rf"{B}(?:{alt(_d(data, 'any_bounds'))})(?:(?<=['\u2019])|\s+)"
            rf"(?:(?:{art})(?:(?<=['\u2019])|\s+))?\Z",
            flags,
        ),
        # "for 3 days starting Monday", "for 1 week, from 20th dec": a stretch from that day
        stretch=re.compile(
            rf"{B}(?:{alt(_d(data, 'stretch_intro'))})\s+"
            rf"(?P<n>\d+|{alt(raw_numbers)})\s+(?P<u>{unit_words})\s*,?\s+"
            rf"(?:{alt(_d(data, 'stretch_from'))})(?:(?<=['\u2019])|\s+)"
            rf"(?:(?:{art})(?:(?<=['\u2019])|\s+))?\Z",
            flags,
        ),
        range_open=re.compile(rf"{B}(?P<o>{alt(opens)})(?:(?<=['\u2019])|\s+)\Z", flags),
        patterns=patterns,
        duration=re.compile(duration, flags),
        duration_intro=re.compile(intro, flags),
        connectors=conn,
        pairs={
            norm(o): frozenset(
                norm(c).split()[0] for oo, c in _d(data, "range_pairs") if norm(oo) == norm(o)
            )
            for o, _ in _d(data, "range_pairs")
        },
        prefilter=prefilter,
        bare_day_after=re.compile(
            rf"\s*(?:[.,;:!?)\]]|\Z)|\s+(?:{alt(_d(data, 'bare_day_after'))}){E}", flags
        ),
        year_words_gate=(
            re.compile(
                rf"(?<![^\W\d_])(?:{alt(_d(data, 'year_words'))})"
                + (r"(?![^\W\d_])" if data.get("year_words_whole") else ""),
                re.IGNORECASE,
            )
            if _d(data, "year_words")
            else None
        ),
        gates=gates,
        gate_keys=gate_keys,
    )
