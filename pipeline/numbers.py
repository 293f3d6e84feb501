"""Numbers as news writes them: locale digit formats and numbers in words.

`parse_number` reads a digit string in any of the European conventions
("1.200,50", "1 200,50" with a space, NBSP or narrow NBSP, "1,200.50", "1'200.50");
where a lone separator is ambiguous ("1,200") the language's decimal separator
decides. `words_to_number` reads numbers written in words with text2num and a few
rules around it (a half or a quarter of a scale, "un milliard et demi").
`find_word_numbers` locates such numbers in running text, with offsets.

The per-language word lists live in `pipeline/data/money/<lang>.json` (keys
`number_words`, `number_word_connectors`, `compound_numbers`, `fraction_suffixes`).
Every function here is pure and never raises: bad input gives None or nothing.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from text_to_num import text2num

from pipeline import lexicon

__all__ = [
    "GROUP_SPACES",
    "contains_number_words",
    "decimal_separator",
    "find_word_numbers",
    "parse_number",
    "word_number_regex",
    "words_to_number",
]

# Spaces that may group thousands: space, NBSP, narrow NBSP, thin space.
GROUP_SPACES = " \u00a0\u202f\u2009"
_APOSTROPHES = "'’"
_MINUSES = "-−–"
_TEXT2NUM_LANGS = frozenset({"fr", "en", "es", "pt", "de", "nl", "it"})
_DIGITS_ONLY = re.compile(r"[+\-−–]?\d[\d.,'’ \u00a0\u202f\u2009]*")
_WORD = re.compile(r"[^\s-]+")
# No number in words in the news runs longer ("trois cent quarante-cinq millions ...").
_MAX_WORDS = 12
# Large enough for any amount in the news, small enough that Decimal maths stays cheap.
_MAX_DIGITS = 30


def _data(lang: str) -> dict[str, Any]:
    data = lexicon.load("money", lang)
    return data if data else lexicon.load("money", "en")


def decimal_separator(lang: str) -> str:
    """The separator `lang` writes before decimals: "," or "."."""
    sep = _data(lang).get("decimal_separator", ".")
    return sep if sep in {",", "."} else "."


def parse_number(text: str, lang: str) -> Decimal | None:
    """The value of a digit string such as "1.200,50" or "2,5", or None.

    A separator used twice, or followed by other than three digits, is read by its
    position; a single "," or "." followed by exactly three digits is a group
    separator unless it is `lang`'s decimal separator.
    """
    if not isinstance(text, str):
        return None
    raw = text.strip()
    if not raw or not _DIGITS_ONLY.fullmatch(raw) or len(raw) > 4 * _MAX_DIGITS:
        return None
    negative = raw[0] in _MINUSES
    if raw[0] in _MINUSES or raw[0] == "+":
        raw = raw[1:]
    for space in GROUP_SPACES + _APOSTROPHES:
        if space in raw:
            if not _valid_groups(raw.split(space)):
                return None
            raw = raw.replace(space, "")
    number = _resolve_separators(raw, decimal_separator(lang))
    if number is None:
        return None
    try:
        value = Decimal(number)
    except (InvalidOperation, ValueError):
        return None
    return -value if negative else value


def _valid_groups(parts: list[str]) -> bool:
    # Around a space or apostrophe group separator: one to three digits first, then
    # three digits a group (the last may carry decimals: "1 200,50").
    head = re.fullmatch(r"\d{1,3}", parts[0])
    return head is not None and all(re.match(r"\d{3}(?!\d)", part) for part in parts[1:])


def _resolve_separators(raw: str, decimal: str) -> str | None:
    commas, dots = raw.count(","), raw.count(".")
    if commas and dots:
        last = max(raw.rfind(","), raw.rfind("."))
        dec, group = raw[last], "." if raw[last] == "," else ","
        if raw.count(dec) > 1:
            return None
        intpart, frac = raw[:last], raw[last + 1 :]
        if not _grouped(intpart, group):
            return None
        return intpart.replace(group, "") + "." + frac
    sep = "," if commas else "." if dots else ""
    if not sep:
        return raw if raw.isdigit() else None
    parts = raw.split(sep)
    if any(not p.isdigit() for p in parts):
        return None
    if len(parts) > 2:
        return "".join(parts) if _grouped(raw, sep) else None
    head, tail = parts
    if len(tail) == 3 and sep != decimal and 1 <= len(head) <= 3:
        return head + tail
    return head + "." + tail


def _grouped(intpart: str, sep: str) -> bool:
    parts = intpart.split(sep)
    if not 1 <= len(parts[0]) <= 3:
        return False
    if all(len(p) == 3 for p in parts[1:]):
        return True
    # Indian grouping: "12,34,567" (lakh and crore).
    return len(parts) > 2 and len(parts[-1]) == 3 and all(len(p) == 2 for p in parts[1:-1])


@cache
def _word_pattern(lang: str) -> re.Pattern[str] | None:
    data = _data(lang)
    words = sorted(set(data.get("number_words", [])), key=len, reverse=True)
    if not words:
        return None
    morph = "|".join(re.escape(w) for w in words)
    conns = "|".join(re.escape(c) for c in data.get("number_word_connectors", []))
    conn = f"(?:(?:{conns})(?=[\\s-]))?" if conns else ""
    if data.get("compound_numbers"):
        # Possessive: "achtundsiebzig" splits one way, and a long run of morphemes
        # cannot make the engine try every split.
        token = f"(?:{morph})++"
    else:
        token = (
            f"(?:{morph})(?:-(?:(?:{conns})-)?(?:{morph}))*"
            if conns
            else (f"(?:{morph})(?:-(?:{morph}))*")
        )
    sep = r"(?:[ \t\u00a0\u202f]+|[ \t\u00a0\u202f]*-[ \t\u00a0\u202f]*)"
    run = f"(?<!\\w){token}(?:{sep}{conn}[ \\t\\u00a0\\u202f-]*{token})*(?!\\w)"
    return re.compile(run, re.IGNORECASE)


def contains_number_words(text: str, lang: str) -> bool:
    """A cheap test: does `text` hold a number word of `lang` at all?"""
    pattern = _word_pattern(lang)
    return pattern is not None and pattern.search(text) is not None


def word_number_regex(lang: str) -> str | None:
    """The regular expression (source) of a run of number words in `lang`."""
    pattern = _word_pattern(lang)
    return None if pattern is None else pattern.pattern


def _text2num(text: str, lang: str) -> Decimal | None:
    if lang not in _TEXT2NUM_LANGS:
        lang = "en"
    try:
        return Decimal(text2num(text.lower(), lang))
    except (ValueError, TypeError, IndexError, KeyError, AttributeError):
        return None


def words_to_number(text: str, lang: str) -> Decimal | None:
    """The value of a number written in words ("deux millions", "zwei Milliarden",
    "un milliard et demi", "tres mil millones"), or None."""
    if not isinstance(text, str):
        return None
    cleaned = " ".join(text.split())
    if not cleaned or len(cleaned) > 200:
        return None
    half = Decimal(0)
    lowered = cleaned.lower()
    for suffix, fraction in _data(lang).get("fraction_suffixes", {}).items():
        if lowered.endswith(" " + suffix):
            cleaned = cleaned[: -len(suffix) - 1].rstrip()
            half = Decimal(fraction)
            break
    value = _text2num(cleaned, lang)
    if value is None:
        return None
    # "un milliard et demi": half of the leading unit.
    return value + half * leading_unit(value)


def leading_unit(value: Decimal) -> Decimal:
    """The largest power of 1000 not above `value` (1 below 1000): the unit that
    "et demi", "and a half", "e mezzo" take half of."""
    unit = Decimal(1)
    while unit * 1000 <= value:
        unit *= 1000
    return unit


def _article_value(word: str, lang: str) -> Decimal | None:
    # "einen", "une": the indefinite article counts one ("einen Euro").
    articles = {a.lower() for a in _data(lang).get("articles", [])}
    return Decimal(1) if word.lower() in articles else None


def find_word_numbers(text: str, lang: str) -> list[tuple[int, int, Decimal]]:
    """Numbers written in words in `text`: (start, end, value), left to right.

    A run of number words that text2num cannot read as one number is shortened
    from the right until it can ("deux trois" gives "deux").
    """
    pattern = _word_pattern(lang)
    if pattern is None or not isinstance(text, str):
        return []
    found: list[tuple[int, int, Decimal]] = []
    for match in pattern.finditer(text):
        words = [
            (match.start() + m.start(), match.start() + m.end())
            for m in _WORD.finditer(match.group())
        ]
        while words:
            number = _longest_number(text, words[:_MAX_WORDS], lang)
            if number is None:
                words = words[1:]
                continue
            found.append(number)
            words = [w for w in words if w[0] >= number[1]]
    return found


def _longest_number(
    text: str, words: list[tuple[int, int]], lang: str
) -> tuple[int, int, Decimal] | None:
    """The longest prefix of `words` that reads as one number."""
    start = words[0][0]
    for count in range(len(words), 0, -1):
        end = words[count - 1][1]
        value = _text2num(text[start:end], lang)
        if value is None and count == 1:
            value = _article_value(text[start:end], lang)
        if value is not None:
            return start, end, value
    return None
