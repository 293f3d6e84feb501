"""Amounts of money in news text, in seven languages.

`extract_money(text, lang)` finds every amount with its offsets, exact value
(`Decimal`, in units of the currency: "2,5 millions" is 2500000), ISO 4217 currency
(None where the text does not say which), qualifier (approx, min, max, more_than,
less_than, range) and period (`per`: "par an" gives "year").

How it reads a text, each step a small helper:
1. number atoms: digit strings (`pipeline.numbers.parse_number`) and numbers in
   words (`pipeline.numbers.find_word_numbers`);
2. each atom grows into a candidate: a scale after it ("millions", "Mio.", "bn"),
   a currency after it ("de dollars", "€", "USD", pence glued: "9.5p") or before it
   ("$", "US$", "EUR"; with a minus, or the brackets of accounts: "$(12.4) million"
   is negative), cents after the currency ("15 dollars et 15 cents");
3. neighbouring candidates joined by a range connector become one range
   ("entre 10 et 12 millions d'euros", "$10-12 million", two close prices: "310p to
   350p"): scale and currency distribute over both ends; the old value of a change
   borrows the new value's scale and currency but stays a mention of its own ("von
   31,2 auf 36,8 Mio. €": "31,2" is 31.2 million euros);
4. a candidate is money when it has a currency, or a scale and a money cue just
   before it ("chiffre d'affaires de 3 millions"), or a scale after another amount
   of its sentence, compared with it or at a rate ("..., unos 500 millones al año"),
   or a scale close after an amount of its size in the same paragraph, nothing counted
   ("scese a 612 milioni di euro. Le Americhe sono cresciute a 498 milioni"); a bare
   value listed before an amount takes its unit ("9,1 y 4,3 millones de euros");
5. the qualifier words before it join the span, and so do those after it
   ("1,7 Mrd. € übersteigen"); the period phrase after it only sets `per`, and so
   does a rate adjective before its noun ("annual cost savings of").

All words are data: `pipeline/data/money/common.json` (symbols, ISO codes, scale
abbreviations) and one file per language, read through `pipeline.lexicon`, with keys:
- numbers: `decimal_separator`, `number_words`, `number_word_connectors`,
  `compound_numbers`, `articles` (count one only before a scale or a currency name),
  `article_blockers` ("un dollar fort" is no amount);
- scales: `scales` (words), `scale_abbreviations` (case-sensitive), `fraction_suffixes`
  ("et demi"), `fraction_prefixes` ("half", "anderthalb");
- currencies: `currencies` (name -> ISO code or null), `subunits` (cents), `coins`
  (a coin and its worth), `currency_links` ("de", "of"), `subunit_connectors`,
  `currency_families` (a name several currencies share, "crowns": the one named last
  among them);
- context: `qualifiers`, `qualifier_articles` (an article after a qualifier: "oltre
  gli"), `qualifier_adverbs` (an adverb after a qualifier's first word: "supera ya
  los"), `qualifier_blockers` (words before a qualifier that cancel it, "<Noun>" for a
  capitalised word), `compared_phrases` (a qualifier with a definite article that, after
  another amount of its sentence, names the figure compared with: "41 millones, por
  debajo de los 55 que esperaba"), `change_verbs` ("passé de 10 à 12" is no range), `range_starts`,
  `range_ands`, `range_tos`, `range_froms`, `per`, `per_unit_links` ("$14 per bed a
  month"), `per_before`, `per_blockers`, `money_cues` and `cue_followers` (when a bare scaled
  number is money), `money_nouns` after a link or `noun_links` word (a bare scaled number
  of these is money: "49 milliards de prêts", "80 miljoen aan schulden"), `counted_nouns`
  (things counted in millions: no bare amount continues in their clause), `percent_words`,
  `counted_after_link` (true where a noun counted in millions follows a link: a bare
  word after "145 millones" is then a verb, not what is counted);
- changes and after-words: `change_froms`/`change_tos` (words of a change only: "von ...
  auf", "van ... naar", "de ... para"), `qualifiers_after` ("übersteigen", "or more"),
  `negations` ("must not exceed" is at most), `minus_words` ("minus 4,2 Millionen"
  is negative), `per_adjectives`, `per_adjective_links`, `per_adjective_blockers`
  ("annual cost savings of" is a rate, "annual revenue of" is not), `per_nouns` (a
  noun that is a rate by itself: "mensualidades de"), `glued_subunits`
  (letters glued to the number: "9.5p").
Patterns are compiled once per language. Nothing here raises on any string.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal, localcontext
from functools import cache
from typing import Any

from pipeline import lexicon
from pipeline.date_rules import grouped_alternation
from pipeline.numbers import (
    contains_number_words,
    find_word_numbers,
    leading_unit,
    parse_number,
    word_number_regex,
)
from pipeline.types import MoneyMention, Per, Qualifier

__all__ = ["extract_money"]

_FALLBACK_LANG = "en"
_SP = "[ \\t\\u00a0\\u202f\\u2009]"  # horizontal space, never a line break
_SP_CHARS = " \t\u00a0\u202f\u2009"
_SP_RUN = re.compile(f"{_SP}+")
_MINUS = "-−"
_ONE = Decimal(1)
_HUNDRED = Decimal(100)
_HUNDREDTH = Decimal("0.01")
_MILLION = Decimal(1_000_000)
# the word right after an amount (or after its link word)
_FOLLOWER = re.compile(r"[ \t\u00a0]*([^\W\d_]+['’]?)")
_YEAR_LIKE = re.compile(r"(?:1[89]|20)\d\d")
# Digit numbers: grouped by one separator ("1.200.000,5", "1 200", "1'200") or plain.
_DIGITS = re.compile(
    r"(?<![\d.,])(?<![\d][.,])(?:"
    r"\d{1,3}(?:,\d\d)+,\d{3}(?![\d,])(?:\.\d+)?"  # Indian grouping: 12,34,567.89
    r"|\d{1,3}(?:(?P<g>[.,'’ \u00a0\u202f\u2009])\d{3}(?!\d))(?:(?P=g)\d{3}(?!\d))*"
    r"(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)"
)
_PERCENT_AFTER = re.compile(r"[ \u00a0\u202f]*(?:%|‰|pct\b)")
_WINDOW = 60
# how far after an amount a bare scaled amount may continue its account (characters)
_CONTINUATION_REACH = 200
_CONTEXT_WINDOW = 120
_VERB_REACH = 6  # words back from a qualifier where a verb may cancel it
_LETTER_BOUNDARY = "(?<![^\\W\\d_])"  # no letter just before
_NO_LETTER = "(?![^\\W\\d_])"  # no letter just after
# The last word of a window, and whether a sentence ends just before it.
# The word before a qualifier, past a short parenthesis: "Darlehen der Bank (LBBW) über".
_WORD_BEFORE = re.compile(
    r"(?:(?P<stop>^|[.!?:;]\s+)|(?<=\s))?(?P<word>[^\W\d_]+)"
    r"(?:[ \t\u00a0]+\([^()\n]{1,40}\))?[ \t\u00a0]+$"
)
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
# A change in percent between a verb and its qualifier, with its short preposition:
# "met 18 procent", "un 14%,", "by 9%".
_CHANGE_TAIL = re.compile(
    r"(?:(?<![^\W\d_])[^\W\d_]{1,3}[ \u00a0])?\d+(?:[.,]\d+)?[ \u00a0]?"
    r"(?:%|[^\W\d_]*(?:pro[cz]ent|percent|per ?cent|por ?cento|por ciento|pct)\b)"
    r"[ \u00a0]*,?[ \u00a0]*$",
    re.IGNORECASE,
)
# A verb after the amount qualifies it where it ends the clause: "soll 1,7 Mrd. €
# übersteigen.", not "5 Mio. Euro übersteigen das Budget".
_CLAUSE_END = f'(?={_SP}*(?:[.,;:!?)»“”"]|$))'
# What may stand between a number and its currency: spaces, or a hyphen ("one-yen").
_GAP = re.compile(f"{_SP}*-?{_SP}*")
# A number straight after a currency symbol or code, which then leads that number.
_NUMBER_NEXT = re.compile(r"[ \u00a0\u202f]\d")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """One language's compiled patterns and tables."""

    lang: str
    scale_words: re.Pattern[str] | None
    scale_abbrevs: re.Pattern[str] | None
    scales: dict[str, Decimal]
    fraction_suffix: re.Pattern[str] | None
    fractions: dict[str, Decimal]
    fraction_prefix: re.Pattern[str] | None
    # "two and a half million": the words between a number and its fraction prefix
    fraction_join: re.Pattern[str] | None
    prefixes: dict[str, Decimal]
    # a collective numeral, an approximate count: "une trentaine", "una decina"
    collective: re.Pattern[str] | None
    collectives: dict[str, Decimal]
    link: re.Pattern[str] | None
    currency_after: re.Pattern[str]
    currency_before: re.Pattern[str]
    # the last character before a number that no currency written before it can contain
    before_break: re.Pattern[str]
    # the most runs of spaces a currency written before a number holds, with the spaces
    # between it and the number (None: some currency starts or ends with a space)
    before_runs: int | None
    currency_codes: dict[str, str | None]
    currency_families: dict[str, frozenset[str]]  # "crowns": the codes it can be
    subunits: dict[str, str | None]
    coins: dict[str, Decimal]
    subunit_tail: re.Pattern[str] | None
    articles: frozenset[str]
    article_blockers: frozenset[str]
    qualifier: re.Pattern[str] | None
    qualifiers: dict[str, Qualifier]
    qualifier_blockers: dict[str, frozenset[str]]
    # "por debajo de los", "abaixo dos": a qualifier with a definite article, which after
    # another amount of its sentence names the figure compared with
    compared_phrases: frozenset[str]
    change_verbs: frozenset[str]
    per_before: re.Pattern[str] | None
    pers_before: dict[str, Per]
    range_start: re.Pattern[str] | None
    range_and: re.Pattern[str] | None
    range_to: re.Pattern[str] | None
    range_from: re.Pattern[str] | None
    # "von 31,2 auf 36,8 Mio. €": words that only ever lead to a changed value, and
    # the words before the old value
    change_to: re.Pattern[str] | None
    change_from: re.Pattern[str] | None
    per: re.Pattern[str] | None
    pers: dict[str, Per]
    per_blocker: re.Pattern[str] | None
    # "annual cost savings of": a rate adjective a few words before the amount
    per_adjective: re.Pattern[str] | None
    per_adjectives: dict[str, Per]
    # "the average daily rental rate rose to £48.60": a rate adjective on the price noun
    # the clause is about
    per_subject: re.Pattern[str] | None
    per_noun: re.Pattern[str] | None
    per_nouns: dict[str, Per]
    cue: re.Pattern[str] | None
    context: re.Pattern[str] | None
    # what is counted in millions ("subscribers", "Fluggäste"): no money continues there
    counted: re.Pattern[str] | None
    comparison: re.Pattern[str] | None
    cue_followers: frozenset[str]
    links: frozenset[str]  # "de", "of": a counted noun may follow one
    counted_after_link: bool  # nouns counted in millions only follow a link ("de")
    money_nouns: re.Pattern[str] | None
    percent_after: re.Pattern[str] | None
    # a qualifier written after the amount: "1,7 Mrd. € übersteigen", "$5m or more"
    qualifier_after: re.Pattern[str] | None
    qualifiers_after: dict[str, Qualifier]
    # subunit letters glued to the number: "9.5p" (pence)
    glued_subunits: dict[str, str | None]
    minus: re.Pattern[str] | None  # "minus", "min" just before an amount
    negations: frozenset[str]  # "pas", "not": "must not exceed" is at most
    capitalised_nouns: bool  # every noun has a capital (German): a capital names nothing


@dataclass(slots=True)
class _Candidate:
    """A number atom grown into a possible amount (mutable while it is built)."""

    start: int
    end: int
    number: Decimal
    value: Decimal
    scaled: bool = False
    currency: str | None = None
    has_currency: bool = False
    prefix_currency: bool = False
    needs_scale: bool = False
    negative: bool = False
    worth: Decimal = _ONE  # what one written unit is worth: 0.01 for "cents"
    flags: set[str] = field(default_factory=set)


# -- lexicon ---------------------------------------------------------------------------


def _norm(key: str) -> str:
    return " ".join(key.lower().replace("’", "'").split())


def _alternation(phrases: Any) -> str:
    """A regex alternation of `phrases`, longest first; any run of spaces matches a
    space, and either apostrophe matches an apostrophe."""
    out = []
    ordered = sorted({p for p in phrases if p}, key=len, reverse=True)
    for phrase in ordered:
        escaped = re.escape(phrase).replace(r"\ ", f"{_SP}+")
        out.append(re.sub("['’]", "['’]", escaped))
    if len(out) >= 4 and all(p[0].isalnum() for p in ordered):
        grouped = grouped_alternation(tuple((p[0], r) for p, r in zip(ordered, out, strict=True)))
        if grouped is not None:
            return grouped
    return "|".join(out)


def _words_re(phrases: Any, template: str, flags: int = re.IGNORECASE) -> re.Pattern[str] | None:
    alt = _alternation(phrases)
    return re.compile(template.format(alt=alt), flags) if alt else None


@cache
def _lexicon(lang: str) -> _Lexicon:
    common = lexicon.load("money", "common")
    data = lexicon.load("money", lang) or lexicon.load("money", _FALLBACK_LANG)
    abbrevs = {**common.get("scale_abbreviations", {}), **data.get("scale_abbreviations", {})}
    scales = {_norm(k): Decimal(v) for k, v in data.get("scales", {}).items()}
    scales.update({k: Decimal(v) for k, v in abbrevs.items()})
    qualifiers = _with_adverbs(_table(data, "qualifiers"), _words(data, "qualifier_adverbs"))
    pers = _table(data, "per")
    pers_before = _table(data, "per_before")
    prefixes = {k: Decimal(v) for k, v in _table(data, "fraction_prefixes").items()}
    subunits = _table(data, "subunits")
    coins = {k: Decimal(v) for k, v in _table(data, "coins").items()}
    after, before, codes = _currency_patterns(
        common, data, subunits, coins, list(data.get("glued_subunits", {}))
    )
    abbrev_alt = "|".join(re.escape(a) for a in sorted(abbrevs, key=len, reverse=True))
    links = data.get("currency_links", [])
    return _Lexicon(
        lang=lang,
        scale_words=_words_re(data.get("scales", {}), f"{_SP}*-?(?P<w>{{alt}}){_NO_LETTER}"),
        scale_abbrevs=re.compile(f"{_SP}*(?P<w>{abbrev_alt})") if abbrev_alt else None,
        scales=scales,
        fraction_suffix=_words_re(
            data.get("fraction_suffixes", {}), f"{_SP}+(?P<w>{{alt}})(?!\\w)"
        ),
        fractions={k: Decimal(v) for k, v in _table(data, "fraction_suffixes").items()},
        fraction_prefix=_fraction_prefix_pattern(data, prefixes),
        fraction_join=_words_re(data.get("fraction_connectors", []), f"{_SP}+(?:{{alt}}){_SP}+"),
        prefixes=prefixes,
        collective=_words_re(
            data.get("collective_numbers", {}), f"{_LETTER_BOUNDARY}(?P<w>{{alt}}){_NO_LETTER}"
        ),
        collectives={_norm(k): Decimal(v) for k, v in _table(data, "collective_numbers").items()},
        link=_words_re(links, f"{_SP}*(?:{{alt}}){_SP}*"),
        currency_after=after,
        currency_before=before,
        before_break=_before_break(common, data),
        before_runs=_before_runs(common, data),
        currency_codes=codes,
        currency_families={
            _norm(k): frozenset(v) for k, v in data.get("currency_families", {}).items()
        },
        subunits=subunits,
        coins=coins,
        subunit_tail=_subunit_tail_pattern(data, lang, subunits),
        articles=_words(data, "articles"),
        article_blockers=_words(data, "article_blockers"),
        qualifier=_words_re(
            qualifiers, f"{_LETTER_BOUNDARY}(?P<w>{{alt}}){_qualifier_article(data)}{_SP}*$"
        ),
        qualifiers=qualifiers,
        qualifier_blockers={
            _norm(k): frozenset(_norm(w) for w in v)
            for k, v in data.get("qualifier_blockers", {}).items()
        },
        compared_phrases=_words(data, "compared_phrases"),
        change_verbs=_words(data, "change_verbs"),
        per_before=_words_re(pers_before, f"{_LETTER_BOUNDARY}(?P<w>{{alt}}){_SP}+$"),
        pers_before=pers_before,
        range_start=_words_re(
            data.get("range_starts", []), f"{_LETTER_BOUNDARY}(?:{{alt}}){_SP}+$"
        ),
        range_and=_words_re(data.get("range_ands", []), f"{_SP}+(?:{{alt}}){_SP}+"),
        range_to=_words_re(data.get("range_tos", []), f"{_SP}*(?:{{alt}}){_SP}*"),
        range_from=_words_re(data.get("range_froms", []), f"{_LETTER_BOUNDARY}(?:{{alt}}){_SP}+$"),
        change_to=_words_re(data.get("change_tos", []), f"{_SP}+(?:{{alt}}){_SP}+"),
        change_from=_words_re(
            data.get("change_froms", data.get("range_froms", [])),
            f"{_LETTER_BOUNDARY}(?:{{alt}}){_SP}+$",
        ),
        per=_words_re(
            pers,
            _per_lead([*links, *data.get("per_unit_links", [])]) + f"(?P<w>{{alt}}){_NO_LETTER}",
        ),
        pers=pers,
        per_blocker=_words_re(data.get("per_blockers", []), f"{_SP}*(?:{{alt}})(?!\\w)"),
        per_adjective=_per_adjective_pattern(data, links),
        per_subject=_per_subject_pattern(data),
        per_noun=_words_re(
            data.get("per_nouns", {}),
            f"{_LETTER_BOUNDARY}(?P<w>{{alt}}){_NO_LETTER}[^.;:!?\\n\\d]{{{{0,70}}}}$",
        ),
        per_nouns=_table(data, "per_nouns"),
        per_adjectives={**_table(data, "per_adjectives"), **_table(data, "per_adjectives_after")},
        cue=_cue_pattern(data),
        context=_context_pattern(data),
        counted=_counted_pattern(data),
        comparison=_words_re(
            data.get("comparison_cues", []), f"{_LETTER_BOUNDARY}(?:{{alt}}){_SP}*$"
        ),
        cue_followers=_words(data, "cue_followers"),
        links=frozenset(_norm(w) for w in links),
        counted_after_link=bool(data.get("counted_after_link")),
        money_nouns=_money_nouns(data),
        percent_after=_words_re(data.get("percent_words", []), f"{_SP}*(?:{{alt}})(?!\\w)"),
        qualifier_after=_words_re(
            data.get("qualifiers_after", {}),
            f"{_SP}+(?P<w>{{alt}}){_NO_LETTER}"
            + (_CLAUSE_END if data.get("qualifiers_after_end_clause") else ""),
        ),
        qualifiers_after=_table(data, "qualifiers_after"),
        glued_subunits=dict(data.get("glued_subunits", {})),
        negations=_words(data, "negations"),
        capitalised_nouns=bool(data.get("capitalised_nouns")),
        minus=_words_re(data.get("minus_words", []), f"{_LETTER_BOUNDARY}(?:{{alt}}){_SP}+$"),
    )


def _fraction_prefix_pattern(
    data: dict[str, Any], prefixes: dict[str, Decimal]
) -> re.Pattern[str] | None:
    """Fractions before a scale ("half a", "anderthalb"), and a definite article that
    counts one before a scale word ("franchir le milliard d'euros", "superare il
    miliardo"): group `w` or group `art`."""
    parts = []
    alt = _alternation(prefixes)
    if alt:
        parts.append(f"(?P<w>{alt})(?=[\\s-])")
    articles = _alternation(data.get("scale_articles", []))
    scales = _alternation(data.get("scales", {}))
    if articles and scales:
        parts.append(f"(?P<art>{articles})(?={_SP}+(?:{scales}){_NO_LETTER})")
    if not parts:
        return None
    return re.compile(f"{_LETTER_BOUNDARY}(?:{'|'.join(parts)})", re.IGNORECASE)


def _qualifier_article(data: dict[str, Any]) -> str:
    """An article between a qualifier and its number ("oltre gli 800 milioni", where the
    language puts one there routinely), as a regex part of a `_words_re` template."""
    alt = _alternation(data.get("qualifier_articles", []))
    if not alt:
        return ""
    return f"(?:{_SP}+(?:{alt}))?".replace("{", "{{").replace("}", "}}")


def _with_adverbs(
    qualifiers: dict[str, Qualifier], adverbs: frozenset[str]
) -> dict[str, Qualifier]:
    """`qualifiers` and each of them with an adverb after its first word, which a verb
    takes there ("supera ya los", "dépasse déjà les", "übersteigt bereits")."""
    out = dict(qualifiers)
    for phrase, qualifier in qualifiers.items():
        first, _, rest = phrase.partition(" ")
        for adverb in adverbs:
            out.setdefault(f"{first} {adverb} {rest}".rstrip(), qualifier)
    return out


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    return {_norm(k): v for k, v in data.get(key, {}).items()}


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(_norm(w) for w in data.get(key, []))


def _currency_patterns(
    common: dict[str, Any],
    data: dict[str, Any],
    subunits: dict[str, str | None],
    coins: dict[str, Decimal],
    glued: list[str],
) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str | None]]:
    """The currency read after a number, the one read before it, and the ISO code of
    every symbol, code and name."""
    names = _table(data, "currencies")
    symbols: dict[str, str | None] = common.get("symbols", {})
    suffix_only: dict[str, str | None] = common.get("suffix_only", {})
    prefix_only = set(common.get("prefix_only", []))
    isos: list[str] = common.get("iso_codes", [])
    aliases = common.get("iso_aliases", {})
    codes: dict[str, str | None] = {code: aliases.get(code, code) for code in isos}
    codes.update({_symbol_key(sym): iso for sym, iso in {**symbols, **suffix_only}.items()})
    codes.update(names)
    iso_upper = "|".join(sorted(isos, key=len, reverse=True))
    iso_lower = "|".join(
        sorted((c.lower() for c in common.get("iso_codes_any_case", [])), key=len, reverse=True)
    )
    # "M" before a code is a million: "30 MUSD", "MEUR 120".
    iso = f"|{_LETTER_BOUNDARY}(?P<m>M)?(?P<iso>{iso_upper})"
    if iso_lower:
        iso += f"|{_LETTER_BOUNDARY}(?P<isol>{iso_lower})"
    if glued:
        # "9.5p", never "5 p" nor "5p.m.": glued to a digit, case as written
        alt = "|".join(re.escape(g) for g in sorted(glued, key=len, reverse=True))
        iso += f"|(?<=\\d)(?P<gsub>{alt})(?![.][^\\W\\d_])"
    sym_after = _symbol_alt([s for s in symbols if s not in prefix_only] + list(suffix_only))
    name_after = _alternation([*names, *subunits, *coins])
    name_before = _alternation(names)
    after = re.compile(
        f"(?:(?P<sym>{sym_after}){iso}|{_LETTER_BOUNDARY}(?i:(?P<name>{name_after}))){_NO_LETTER}"
    )
    before = re.compile(
        f"(?:(?P<sym>{_symbol_alt(list(symbols))}){iso}"
        f"|{_LETTER_BOUNDARY}(?i:(?P<name>{name_before}))){_SP}*(?P<sign>[{_MINUS}]|\\()?$"
    )
    return after, before, codes


def _before_break(common: dict[str, Any], data: dict[str, Any]) -> re.Pattern[str]:
    """Matches a window up to its last ASCII character that is no letter and appears in
    no currency symbol, code or name read before a number, nor in the spaces and minus
    signs that may follow one (a digit, a comma, a line break...). A currency before a
    number ends where the number starts, so it starts after that character: the search
    for it can start there too (same match, a shorter window). Only ASCII characters are
    ruled out, so that no case-insensitive equivalence can let one through."""
    allowed = set("".join(_written_before(common, data))) | set(_SP_CHARS + "'’(" + _MINUS)
    breaks = "".join(
        re.escape(ch) for ch in map(chr, range(128)) if not ch.isalpha() and ch not in allowed
    )
    return re.compile(f"(?s:.*)[{breaks}]")


def _written_before(common: dict[str, Any], data: dict[str, Any]) -> list[str]:
    """Every symbol, code and name that `currency_before` reads."""
    return [
        *common.get("symbols", {}),
        *common.get("iso_codes", []),
        *common.get("iso_codes_any_case", []),
        *_table(data, "currencies"),
    ]


def _before_runs(common: dict[str, Any], data: dict[str, Any]) -> int | None:
    """The most runs of spaces in a match of `currency_before`: those inside the longest
    currency (each space of a name or symbol matches a run, or none), and the run between
    it and the number. None when a currency starts or ends with a space."""
    most = 0
    for phrase in _written_before(common, data):
        if not phrase or phrase[0] in _SP_CHARS or phrase[-1] in _SP_CHARS:
            return None
        most = max(most, len(_SP_RUN.findall(phrase)))
    return most + 1


def _subunit_tail_pattern(
    data: dict[str, Any], lang: str, subunits: dict[str, str | None]
) -> re.Pattern[str] | None:
    """Cents after the unit: an optional connector, a number under 100, a subunit."""
    subunit_alt = _alternation(subunits)
    if not subunit_alt:
        return None
    conn_alt = _alternation(data.get("subunit_connectors", []))
    conn = f"(?:(?P<conn>{conn_alt}){_SP}+)?" if conn_alt else ""
    word_run = word_number_regex(lang)
    words = f"|(?i:{word_run})" if word_run else ""
    return re.compile(
        f"{_SP}*{conn}(?P<num>\\d{{1,2}}(?!\\d)(?![.,]\\d){words})"
        f"(?:{_SP}+(?P<sub>(?i:{subunit_alt})))?{_NO_LETTER}"
    )


def _cue_pattern(data: dict[str, Any]) -> re.Pattern[str] | None:
    """Money cues just before an amount. A cue that ends in a linking word ("utile
    netto di") also matches with up to two words before the link ("utile netto
    ordinario di", "chiffre d'affaires annuel de")."""
    cues = data.get("money_cues", [])
    links = data.get("cue_links", [])
    exact = _alternation(cues)
    if not exact:
        return None
    heads = [c[: -len(link)].rstrip() for c in cues for link in links if c.endswith(" " + link)]
    loose = ""
    if heads:
        loose = (
            f"|(?:{_alternation(heads)})(?:{_SP}+[^\\W\\d_]+['’]?){{1,2}}{_SP}+"
            f"(?:{_alternation(links)})"
        )
    # "vende 27 tiendas por 310 millones", "cede la Tenuta al fondo per 145 milioni": a
    # sale or purchase verb, a few words, and the price link
    price = data.get("price_cues") or {}
    if price.get("verbs") and price.get("links"):
        loose += (
            f"|(?:{_alternation(price['verbs'])})(?:{_SP}+[^\\s.;:!?]+){{1,5}}{_SP}+"
            f"(?:{_alternation(price['links'])})"
        )
    return re.compile(f"{_LETTER_BOUNDARY}(?:{exact}{loose}){_SP}*$", re.IGNORECASE)


def _noun_pattern(data: dict[str, Any], key: str) -> re.Pattern[str] | None:
    """The nouns of `data[key]` as whole words; where the language builds compounds, a
    noun may end one ("Konzernumsatz", "Neukunden")."""
    alt = _alternation(data.get(key, []))
    if not alt:
        return None
    lead = "[^\\W\\d_]*" if data.get("money_context_compounds") else ""
    return re.compile(f"{_LETTER_BOUNDARY}{lead}(?:{alt}){_NO_LETTER}", re.IGNORECASE)


def _context_pattern(data: dict[str, Any]) -> re.Pattern[str] | None:
    """Financial nouns ("résultat net", "Ebitda", "deuda") earlier in the sentence, which
    make a bare scaled amount money with no currency: "un résultat net de 19 millions"."""
    return _noun_pattern(data, "money_context")


def _counted_pattern(data: dict[str, Any]) -> re.Pattern[str] | None:
    """Nouns of things counted in millions (`counted_nouns`: "passengers", "abonnés")."""
    return _noun_pattern(data, "counted_nouns")


def _money_nouns(data: dict[str, Any]) -> re.Pattern[str] | None:
    """A link word and a financial noun right after a bare scaled number: "49 milliards
    de prêts", "200 million of debt", "90 milioni di debiti"."""
    links = _alternation(
        data.get("currency_links", []) + data.get("cue_links", []) + data.get("noun_links", [])
    )
    if not links:
        return None
    return _words_re(
        data.get("money_nouns", []),
        f"[ \\t\\u00a0]*(?:{links})(?:(?<=['’])|{_SP}+)(?:{{alt}}){_NO_LETTER}",
    )


def _per_adjective_pattern(data: dict[str, Any], links: list[str]) -> re.Pattern[str] | None:
    """A rate adjective in the amount's noun phrase: before the noun ("annual cost
    savings of", "jährliche Einsparungen von") or after it ("économies annuelles de",
    "ahorro anual de"). No noun that makes the figure a period's result may stand in
    the phrase ("annual revenue of", "chiffre d'affaires annuel de" are no rates)."""
    lead = _alternation(data.get("per_adjective_links", links))
    blockers = _alternation(data.get("per_adjective_blockers", []))
    skip = f"(?!(?:{blockers}){_NO_LETTER})" if blockers else ""
    if not lead:
        return None
    return _rate_adjectives(
        data,
        lambda w: f"(?P<w>{w})(?:{_SP}+{skip}[^\\W\\d_]+){{1,3}}{_SP}+(?:{lead}){_SP}+$",
        lambda w: f"{skip}[^\\W\\d_]+{_SP}+(?P<w2>{w}){_SP}+(?:{lead}){_SP}*$",
    )


def _rate_adjectives(
    data: dict[str, Any], before: Callable[[str], str], after: Callable[[str], str]
) -> re.Pattern[str] | None:
    """A pattern for the rate adjectives of the language: those written before their
    noun (`per_adjectives`, group `w`) and after it (`per_adjectives_after`, group `w2`),
    each placed by its template."""
    parts = []
    ahead = _alternation(data.get("per_adjectives", {}))
    if ahead:
        parts.append(before(ahead))
    behind = _alternation(data.get("per_adjectives_after", {}))
    if behind:
        parts.append(after(behind))
    if not parts:
        return None
    return re.compile(f"{_LETTER_BOUNDARY}(?:{'|'.join(parts)})", re.IGNORECASE)


def _per_subject_pattern(data: dict[str, Any]) -> re.Pattern[str] | None:
    """A rate adjective on a price noun earlier in the sentence, no figure between it and
    the amount: "the average daily rental rate in the first half rose to", "la cuota
    media mensual se situó en", "a fatura média mensal de uma família ronda os"."""
    nouns = _alternation(data.get("price_nouns", []))
    if not nouns:
        return None
    word = f"(?:{_SP}+[^\\W\\d_]+){{0,2}}?{_SP}+"
    tail = "(?![^\\W\\d_])[^.;:!?\\n\\d]{0,70}$"
    return _rate_adjectives(
        data,
        lambda w: f"(?P<w>{w}){word}(?:{nouns}){tail}",
        lambda w: f"(?:{nouns}){word}(?P<w2>{w}){tail}",
    )


def _per_lead(links: list[str]) -> str:
    """What may stand between an amount and its period: a link and a noun ("d'économies
    par an"), or the unit priced ("$14 per bed a month", "31,50 euros por metro cuadrado
    al mes": `per_unit_links`), a noun and at most one word after it."""
    alt = _alternation(links)
    word = "[^\\W\\d_]+"
    complement = f"(?:(?i:{alt}){_SP}*{word}(?:{_SP}+{word})?{_SP}+)?" if alt else ""
    return f"[ \\t\\u00a0\\u202f,]*{complement}".replace("{", "{{").replace("}", "}}")


def _symbol_key(symbol: str) -> str:
    return "".join(symbol.lower().split())


def _symbol_alt(symbols: list[str]) -> str:
    parts = []
    ordered = sorted(set(symbols), key=lambda s: len(s.replace(" ", "")), reverse=True)
    for sym in ordered:
        escaped = "".join(f"{_SP}*" if ch == " " else re.escape(ch) for ch in sym)
        if sym[0].isalpha():
            escaped = "(?<![^\\W\\d_])" + escaped
        parts.append(f"(?i:{escaped})")
    if len(parts) >= 4 and all(sym and not sym[0].isspace() for sym in ordered):
        grouped = grouped_alternation(
            tuple((sym[0], r) for sym, r in zip(ordered, parts, strict=True)), ignore_case=True
        )
        if grouped is not None:
            return grouped
    return "|".join(parts)


# -- step 1: number atoms --------------------------------------------------------------


def _atoms(text: str, lex: _Lexicon) -> list[_Candidate]:
    atoms: list[_Candidate] = []
    for match in _DIGITS.finditer(text):
        value = parse_number(match.group(), lex.lang)
        if value is not None:
            atoms.append(_Candidate(match.start(), match.end(), value, value))
    for start, end, value in find_word_numbers(text, lex.lang):
        words = _norm(text[start:end])
        atom = _Candidate(start, end, value, value, needs_scale=words in lex.articles)
        atom.flags.add("words")
        atoms.append(atom)
    if lex.fraction_prefix is not None:
        for match in lex.fraction_prefix.finditer(text):
            groups = match.groupdict()
            value = _ONE if groups.get("art") else lex.prefixes.get(_norm(groups.get("w") or ""))
            if value is not None:
                atom = _Candidate(match.start(), match.end(), value, value, needs_scale=True)
                atom.flags.add("fraction")
                atoms.append(atom)
    if lex.collective is not None:
        for match in lex.collective.finditer(text):
            value = lex.collectives[_norm(match.group("w"))]
            atom = _Candidate(match.start(), match.end(), value, value)
            atom.flags.add("collective")
            atoms.append(atom)
    atoms.sort(key=lambda a: (a.start, -a.end))
    kept: list[_Candidate] = []
    for atom in atoms:
        if kept and atom.start < kept[-1].end:
            continue
        if kept and "fraction" in atom.flags and _fraction_joins(text, kept[-1], atom, lex):
            # "two and a half million": one number, which needs its scale
            whole = kept[-1]
            value = whole.number + atom.number
            kept[-1] = _Candidate(whole.start, atom.end, value, value, needs_scale=True)
            continue
        kept.append(atom)
    return kept


def _fraction_joins(text: str, whole: _Candidate, fraction: _Candidate, lex: _Lexicon) -> bool:
    """True where `fraction` ("a half") completes the whole number before it ("two and")."""
    if lex.fraction_join is None or "fraction" in whole.flags or fraction.number >= 1:
        return False
    return whole.number == whole.number.to_integral_value() and bool(
        lex.fraction_join.fullmatch(text, whole.end, fraction.start)
    )


# -- step 2: grow an atom into a candidate ---------------------------------------------


def _grow(text: str, atom: _Candidate, lex: _Lexicon, floor: int) -> _Candidate | None:
    if _PERCENT_AFTER.match(text, atom.end) or (
        lex.percent_after is not None and lex.percent_after.match(text, atom.end)
    ):
        return None
    if text[atom.end : atom.end + 1] == "/" and text[atom.end + 1 : atom.end + 2].isdigit():
        return None  # a fraction or a date: "3/4", "12/03"
    pos = _scale(text, atom, _collective_link(text, atom, lex), lex)
    if not atom.scaled:
        pos = atom.end  # "une trentaine d'euros": the link belongs to the currency
    if atom.needs_scale and not atom.scaled:
        return _article_amount(text, atom, pos, lex)
    _currency_before(text, atom, lex, floor)
    if "paren" in atom.flags:
        pos = _scale(text, atom, atom.end + 1, lex)
    if not atom.has_currency:
        pos = _currency_after(text, atom, pos, lex)
        if atom.has_currency and not atom.scaled:
            pos = _scale(text, atom, pos, lex)
    if atom.has_currency and atom.worth == 1 and not atom.scaled:
        pos = _subunit_tail(text, atom, pos, lex)
    atom.end = pos
    if "glued" in atom.flags and not atom.prefix_currency:
        return None
    return atom


def _collective_link(text: str, atom: _Candidate, lex: _Lexicon) -> int:
    """Where a scale may start: past the link after a collective numeral ("une
    trentaine de millions"), else at the end of the number."""
    if "collective" not in atom.flags or lex.link is None:
        return atom.end
    link = lex.link.match(text, atom.end)
    return atom.end if link is None else link.end()


def _article_amount(text: str, atom: _Candidate, pos: int, lex: _Lexicon) -> _Candidate | None:
    """One unit after an article ("une livre", "einen Euro", "een cent"), unless the currency is the
    subject of a comparison ("un dollar fort", "a weaker euro")."""
    if "words" not in atom.flags:
        return None
    space = _GAP.match(text, pos)
    match = lex.currency_after.match(text, space.end() if space else pos)
    if match is None or not match.group("name"):
        return None
    after = re.match(r"[ \t\u00a0]*([^\W\d_]+)", text[match.end() : match.end() + 30])
    if after is not None and _norm(after.group(1)) in lex.article_blockers:
        return None
    end = _currency_after(text, atom, pos, lex)
    atom.end = end
    return atom


def _scale(text: str, cand: _Candidate, pos: int, lex: _Lexicon) -> int:
    """Multiply by the scale words after `pos` ("millions", "mil millones", "Mio.")."""
    factor = Decimal(1)
    fraction = Decimal(0)
    while (step := _one_scale(text, pos, lex)) is not None:
        multiplier, pos = step
        factor *= multiplier
        half = lex.fraction_suffix.match(text, pos) if lex.fraction_suffix else None
        if half is not None:
            fraction = lex.fractions.get(_norm(half.group("w")), Decimal(0))
            pos = half.end()
            break
    if factor != 1 or fraction:
        base = cand.value if cand.scaled else cand.number
        value = base * factor
        # "un milliard et demi", "mil millones y medio": half of the leading unit.
        cand.value = value + fraction * leading_unit(value)
        cand.scaled = True
    return pos


def _one_scale(text: str, pos: int, lex: _Lexicon) -> tuple[Decimal, int] | None:
    """The scale word or abbreviation at `pos` and where it ends, else None."""
    for pattern, is_abbrev in ((lex.scale_words, False), (lex.scale_abbrevs, True)):
        match = pattern.match(text, pos) if pattern is not None else None
        if match is None:
            continue
        word, end = match.group("w"), match.end("w")
        glued = text[end : end + 1].isalnum() or text[end : end + 1] == "_"
        if is_abbrev and glued and lex.currency_after.match(text, end) is None:
            continue  # "3 Mark", "5 Mois": a word, not "M" ("30 MUSD" and "3 M€" are)
        value = lex.scales[word] if is_abbrev else lex.scales.get(_norm(word), Decimal(1))
        if text[end : end + 1] == "." and _dot_belongs(text, end, lex):
            end += 1
        return value, end
    return None


def _dot_belongs(text: str, dot: int, lex: _Lexicon) -> bool:
    """True where the dot after "Mio" abbreviates it ("5 Mio. Euro", "5 Mio. wurden"),
    False where it ends the sentence ("... 5 Mio. Der")."""
    rest = text[dot + 1 : dot + 40]
    stripped = rest.lstrip(" \u00a0")
    if not stripped or stripped == rest:
        return False
    return lex.currency_after.match(stripped) is not None or stripped[0].islower()


def _currency_after(text: str, cand: _Candidate, pos: int, lex: _Lexicon) -> int:
    start = pos
    if (cand.scaled or "collective" in cand.flags) and lex.link is not None:
        link = lex.link.match(text, pos)
        if link is not None and lex.currency_after.match(text, link.end()):
            start = link.end()
    gap = _GAP.match(text, start)
    at = gap.end() if gap is not None else start
    match = lex.currency_after.match(text, at)
    if match is None:
        return pos
    if "-" in text[start:at] and not match.group("name"):
        return pos  # a hyphen joins names only: "one-yen", "siebenhundert-Euro"
    if (match.group("sym") or match.group("iso")) and _leads_next(text, cand, match.end()):
        return pos  # "1 $10", "in 2024 € 12 miljoen": the symbol belongs to the number after it
    if match.groupdict().get("gsub") and re.fullmatch(r"\d{4,}", text[cand.start : pos]):
        return pos  # "1080p" is a screen; pence from a thousand on are grouped: "1,080p"
    iso, worth = _currency_of(match, lex)
    if worth != 1:
        # Cents, pence, or a coin named by its worth ("een kwartje").
        cand.value *= worth
        cand.worth = worth
    if match.group("m") and not cand.scaled:
        cand.value *= Decimal(1_000_000)
        cand.scaled = True
    cand.currency = iso
    cand.has_currency = True
    return match.end()


def _leads_next(text: str, cand: _Candidate, end: int) -> bool:
    """True where a symbol or code after a number leads the number after it instead:
    glued to it ("1 $10"), or after a year ("in 2024 € 12 miljoen"). "15 USD 50" is
    15.50 USD and "10 $ 30 $" two amounts, so a space alone does not decide."""
    if text[end : end + 1].isdigit():
        return True
    return _is_year(cand, text) and _NUMBER_NEXT.match(text, end) is not None


def _currency_of(match: re.Match[str], lex: _Lexicon) -> tuple[str | None, Decimal]:
    """The ISO code a currency match names, and what one of it is worth in that
    currency (1; 0.01 for cents; 0.25 for "een kwartje")."""
    groups = match.groupdict()
    if groups.get("sym"):
        return lex.currency_codes.get(_symbol_key(groups["sym"])), _ONE
    if groups.get("iso"):
        return lex.currency_codes.get(groups["iso"]), _ONE
    if groups.get("isol"):
        return lex.currency_codes.get(groups["isol"].upper()), _ONE
    if groups.get("gsub"):
        return lex.glued_subunits.get(groups["gsub"]), _HUNDREDTH
    name = _norm(groups.get("name") or "")
    if name in lex.subunits:
        return lex.subunits[name], _HUNDREDTH
    if name in lex.coins:
        return None, lex.coins[name]
    return lex.currency_codes.get(name), _ONE


def _before_start(text: str, start: int, end: int, lex: _Lexicon) -> int:
    """Where a match of `currency_before` in text[start:end] can start at the earliest:
    the search from there finds the same match in a shorter window. It ends at `end`,
    so it starts after the window's last character that no currency before a number
    contains, and after the run of spaces one further back than the runs it may hold."""
    # "$" also matches before a final line break, which the currency does not contain
    stop = end - 1 if end > start and text[end - 1] == "\n" else end
    cut = lex.before_break.match(text, start, stop)
    if cut is not None:
        start = cut.end()
    if lex.before_runs is not None:
        runs = [m.end() for m in _SP_RUN.finditer(text, start, stop)]
        if len(runs) > lex.before_runs:
            start = runs[-1 - lex.before_runs]
    return start


def _currency_before(text: str, cand: _Candidate, lex: _Lexicon, floor: int) -> None:
    window_start = _before_start(text, max(floor, cand.start - _WINDOW), cand.start, lex)
    match = lex.currency_before.search(text, window_start, cand.start)
    if match is None:
        if cand.start > 0 and text[cand.start - 1].isalpha():
            cand.flags.add("glued")
        return
    if match.group("name") and not _may_follow_name(text, cand):
        return
    if match.group("sign") == "(":
        if text[cand.end : cand.end + 1] != ")":
            return
        cand.flags.add("paren")  # "$(12.4) million": accounts write a loss in brackets
    iso, _ = _currency_of(match, lex)
    if match.group("m") and not cand.scaled:
        cand.value *= Decimal(1_000_000)
        cand.scaled = True
    cand.currency = iso
    cand.has_currency = True
    cand.prefix_currency = True
    if match.group("sign"):
        cand.negative = True
    cand.start = match.start()


def _may_follow_name(text: str, cand: _Candidate) -> bool:
    """A currency name before a number ("dólares 22,5 millones", "dollari 996") is
    rare and easily something else: "Euro 6" is an emission standard, "Euro 2024" a
    tournament. Digits only, and a year or a single digit only with a scale."""
    if "words" in cand.flags:
        return False
    if cand.scaled:
        return True
    return cand.number >= 10 and not _YEAR_LIKE.fullmatch(text[cand.start : cand.end])


def _subunit_tail(text: str, cand: _Candidate, pos: int, lex: _Lexicon) -> int:
    """Cents after the main unit: "15 dollars et 15 cents", "5 euro 50"."""
    if lex.subunit_tail is None or cand.value != cand.value.to_integral_value():
        return pos
    match = lex.subunit_tail.match(text, pos)
    if match is None:
        return pos
    raw = match.group("num")
    end = match.end()
    subunit = match.group("sub")
    if raw[0].isdigit():
        cents = parse_number(raw, lex.lang)
    else:
        # In French "cents" is also a number word: "quarante-cinq cents" is 45 cents.
        last = re.search(r"[^\W\d_]+$", raw)
        if subunit is None and last is not None and _norm(last.group()) in lex.subunits:
            raw, subunit = raw[: last.start()].rstrip(" -"), last.group()
        found = find_word_numbers(raw, lex.lang)
        cents = None
        if found and found[0][0] == 0 and (subunit is None or found[0][1] == len(raw)):
            cents = found[0][2]
            if subunit is None:
                end = match.start("num") + found[0][1]
    if cents is None or not 0 < cents < _HUNDRED:
        return pos
    if cand.prefix_currency and not (match.group("conn") and (subunit or raw[0].isalpha())):
        return pos  # "$ 100 and fifty", but not "$5 20"
    if subunit is None:
        # A bare number after the unit is cents only when nothing else claims it:
        # not "50 dollar 50 dollar", "500 USD,100 times", "10 $ 30 $".
        rest = text[end : end + 40]
        nxt = rest.lstrip(" \t\u00a0")
        if nxt[:1].isdigit() or lex.currency_after.match(nxt) or _one_scale(nxt, 0, lex):
            return pos
        if nxt[:1].isalpha() and not match.group("conn"):
            return pos
        if rest[:1] in ",." and rest[1:2].isdigit():
            return pos
    cand.value += cents / _HUNDRED
    return end


# -- steps 3-5 --------------------------------------------------------------------------


def _is_year(cand: _Candidate, text: str) -> bool:
    return not cand.scaled and bool(_YEAR_LIKE.fullmatch(text[cand.start : cand.end]))


def _join_range(text: str, a: _Candidate, b: _Candidate, lex: _Lexicon) -> int | None:
    """The start of the range `a`..`b` if the text between them joins them, else None."""
    between = text[a.end : b.start]
    if b.prefix_currency and a.has_currency and not a.prefix_currency:
        return None  # "10 € 12 $": two amounts
    if a.has_currency and b.has_currency and a.currency != b.currency:
        return None
    start = a.start
    if lex.range_and is not None and lex.range_and.fullmatch(between):
        before = (
            lex.range_start.search(text, max(0, a.start - _WINDOW), a.start)
            if (lex.range_start is not None)
            else None
        )
        if before is None:
            return None
        start = before.start()
    elif re.fullmatch(f"{_SP}*[-–—]{_SP}*", between):
        pass
    elif lex.range_to is not None and lex.range_to.fullmatch(between):
        # "10 à 12 millions" is a range; "de 10 millions à 12 millions" a change, and so
        # is "perso 1,20 euro a 14,30 euro": two whole amounts joined by "to" are a
        # range only when both carry a scale ("$10 million to $12 million").
        complete = a.scaled or (a.has_currency and not a.prefix_currency)
        came_from = lex.range_from is not None and lex.range_from.search(
            text, max(0, a.start - _WINDOW), a.start
        )
        whole = (a.scaled and b.scaled) or _close_prices(text, a, b, lex)
        if complete and (came_from or not whole):
            return None
        if came_from and _changed(text, came_from, lex):
            return None  # "pasaron de 10 a 12 millones": a change, not a range
    else:
        return None
    if _is_year(a, text) and not a.has_currency:
        return None
    return start


def _close_prices(text: str, a: _Candidate, b: _Candidate, lex: _Lexicon) -> bool:
    """True where two unscaled amounts, each with its currency written after it, make
    a price range: "310p to 350p", "14 euros à 16 euros". The ends of a price range lie
    close together (the upper at most twice the lower) and no change verb leads them:
    "perso 1,20 euro a 14,30 euro" is a loss and a price."""
    if a.scaled or b.scaled or not (a.has_currency and b.has_currency) or b.prefix_currency:
        return False
    if a.currency != b.currency or a.worth != b.worth:
        return False
    if not 0 < a.value < b.value <= 2 * a.value:
        return False
    return not _blocked(text, a.start, lex.change_verbs)


def _changed(text: str, came_from: re.Match[str], lex: _Lexicon) -> bool:
    """True where a change verb leads the "from" word: "pasaron de", "rose from"
    (also when the from-phrase itself holds the verb: "passé de")."""
    if _blocked(text, came_from.start(), lex.change_verbs):
        return True
    return any(_norm(w) in lex.change_verbs for w in came_from.group().split())


def _is_change(text: str, a: _Candidate, b: _Candidate, lex: _Lexicon) -> bool:
    """True where `a` is the old value and `b` the new one: "von 31,2 auf 36,8 Mio. €",
    "rose from 3.1 to 3.4 billion dollars", "passou de 4 para 5 milhões"."""
    between = text[a.end : b.start]
    floor = max(0, a.start - _WINDOW)
    if lex.change_to is not None and lex.change_to.fullmatch(between):
        return lex.change_from is not None and bool(lex.change_from.search(text, floor, a.start))
    if lex.range_to is None or not lex.range_to.fullmatch(between) or lex.range_from is None:
        return False
    came_from = lex.range_from.search(text, floor, a.start)
    return came_from is not None and _changed(text, came_from, lex)


def _borrows_unit(
    text: str, a: _Candidate, b: _Candidate, lex: _Lexicon, unit: _Candidate | None = None
) -> bool:
    """True where the old value of a change takes the scale and currency of the new one,
    which it then carries: "von 31,2 auf 36,8 Mio. €" makes "31,2" 31.2 million euros.
    Not a year ("von 2023 auf 2024"), not an amount complete in itself ("von 12 Euro
    auf 15 Euro"), and both values of one size. When the new value is a range ("von
    2,9 auf 2,6 bis 2,7 Mrd. Euro"), `unit` is the range's upper end, which has the unit."""
    if unit is None:
        unit = b
    elif b.scaled or b.has_currency:
        return False
    if a.scaled or not (unit.scaled or unit.has_currency):
        return False
    if a.has_currency and (not a.prefix_currency or a.currency != unit.currency):
        return False
    if _is_year(a, text) and not a.has_currency:
        return False
    if 0 < a.number <= 20 * b.number and b.number <= 20 * a.number and unit.number > 0:
        factor = unit.value / unit.number if unit.scaled else unit.worth
    elif unit is b and b.scaled and b.has_currency and b.value <= 20 * a.number <= 400 * b.value:
        factor = _ONE  # "von 800.000 auf 1,2 Mio. Euro": the currency only
    else:
        return False
    if not (_is_change(text, a, b, lex) or _listed(text, a, b, lex)):
        return False
    a.value = a.number * factor
    a.scaled = a.scaled or factor != 1
    a.currency = unit.currency
    a.has_currency = unit.has_currency
    return True


def _listed(text: str, a: _Candidate, b: _Candidate, lex: _Lexicon) -> bool:
    """True where two values are listed with "and", the second with the unit of both:
    "beneficios de 9,1 y 4,3 millones de euros, respectivamente" (no "entre" before them,
    which would make them a range)."""
    return (
        b.has_currency
        and "words" not in a.flags
        and lex.range_and is not None
        and lex.range_and.fullmatch(text, a.end, b.start) is not None
    )


def _make_range(a: _Candidate, b: _Candidate, start: int) -> _Candidate | None:
    low = a.value
    # "$10-12 million", "entre 1.300 y 1.350 millones": the scale of the upper end
    # distributes when the bare lower end is no larger than the upper end's number.
    if not a.scaled and b.scaled and 0 < a.number <= b.number:
        low = a.number * (b.value / b.number)
    if not a.has_currency:
        low *= b.worth  # "10 à 50 centimes"
    # A range's ends are of one size: "1.1990 a 1.015 francos" is a date and a price.
    if not low < b.value or b.value > 20 * low:
        return None
    # The upper bound travels in `number`.
    joined = _Candidate(start, b.end, b.value, low, scaled=True, negative=a.negative)
    joined.currency = b.currency if b.has_currency else a.currency
    joined.has_currency = a.has_currency or b.has_currency
    joined.flags = {"range"}
    return joined


def _is_money(text: str, cand: _Candidate, lex: _Lexicon) -> bool:
    if cand.has_currency:
        return True
    if not cand.scaled or lex.cue is None:
        return False
    if lex.money_nouns is not None and lex.money_nouns.match(text, cand.end) is not None:
        return True  # "49 milliards de prêts": what is counted is money
    start = cand.start
    if lex.qualifier is not None:
        qual = lex.qualifier.search(text, max(0, start - _WINDOW), start)
        if qual is not None:
            start = qual.start()
    if lex.cue.search(text, max(0, start - _WINDOW), start) is None and not _in_context(
        text, start, lex
    ):
        return False
    return _nothing_counted(text, cand, lex)


def _headlines(text: str, cand: _Candidate, cands: list[_Candidate], lex: _Lexicon) -> bool:
    """True where a bare scaled amount in the title line is an amount of money the body
    gives, rounded as the title writes it: "cierra dos fábricas tras perder 37 millones"
    over "una pérdida de 36,8 millones de euros". Its currency stays unknown."""
    title_end = text.find("\n")
    if cand.has_currency or not cand.scaled or not 0 <= cand.end <= title_end:
        return False
    exponent = cand.number.as_tuple().exponent
    if not isinstance(exponent, int) or not cand.number:
        return False
    half_unit = Decimal(5).scaleb(exponent - 1) * (cand.value / cand.number)
    restated = any(
        other.has_currency
        and other.start > title_end
        and abs(other.value - cand.value) <= half_unit
        for other in cands
    )
    return restated and _nothing_counted(text, cand, lex)


def _in_context(text: str, start: int, lex: _Lexicon) -> bool:
    """True where a financial noun comes earlier in the same sentence, close enough,
    and no counted noun after it: not "les ventes ont atteint 900 millions d'euros, et
    le nombre d'abonnés a grimpé à 2 millions"."""
    if lex.context is None:
        return False
    floor = max(0, start - _CONTEXT_WINDOW)
    ends = list(_SENTENCE_END.finditer(text, floor, start))
    if ends:
        floor = ends[-1].end()
    nouns = list(lex.context.finditer(text, floor, start))
    if not nouns:
        return False
    return not _counted_before(text, nouns[-1].end(), start, lex)


_CLAUSE_BREAK = re.compile(r"[,;:.!?()\n]")


def _counted_before(text: str, floor: int, start: int, lex: _Lexicon) -> bool:
    """True where a counted noun stands in the clause before `start` (from `floor` on):
    "subscribers grew to 3 million", "le nombre d'abonnés a grimpé à 2 millions"."""
    if lex.counted is None:
        return False
    breaks = list(_CLAUSE_BREAK.finditer(text, floor, start))
    if breaks:
        floor = breaks[-1].end()
    return lex.counted.search(text, floor, start) is not None


def _nothing_counted(text: str, cand: _Candidate, lex: _Lexicon) -> bool:
    """True unless a noun follows the number: "3 millions en 2023" may be money,
    "3 millions d'utilisateurs", "25 millones de acciones" and "3 million users" are
    not."""
    end = cand.end
    if lex.per is not None and lex.per.match(text, end) is not None:
        return True
    if lex.money_nouns is not None and lex.money_nouns.match(text, end) is not None:
        return True  # "2,1 millones de beneficio": what is counted is money
    follower = _FOLLOWER.match(text, end, end + 40)
    if follower is None:
        return True
    word = _norm(follower.group(1))
    if word in lex.links:
        after = _FOLLOWER.match(text, follower.end(), follower.end() + 40)
        if word in lex.cue_followers:
            # "millones de este año", but "millones de acciones": the noun after the link
            return after is None or _norm(after.group(1)) in lex.cue_followers or _named(after, lex)
        if after is not None and (
            _norm(word + after.group(1)) in lex.cue_followers or _named(after, lex)
        ):
            return True  # "1,2 milliard d'ici à 2029", "20 millions de BNP Paribas"
    elif word in lex.cue_followers:
        return True
    # Where what is counted in millions follows a link ("3 millions d'habitants"), a
    # bare word after millions is no such noun: "unos 145 millones corresponden a".
    big = cand.number > 0 and cand.value >= _MILLION * cand.number
    return lex.counted_after_link and big and word not in lex.links


def _named(word: re.Match[str], lex: _Lexicon) -> bool:
    """True where the word after a link is a name, which lends or pays rather than is
    counted ("un prestito di 20 milioni di Intesa Sanpaolo"); not in a language that
    capitalises every noun ("2 Millionen von Kunden")."""
    return not lex.capitalised_nouns and word.group(1)[0].isupper()


def _qualify(
    text: str, cand: _Candidate, lex: _Lexicon, floor: int
) -> tuple[int, Qualifier | None]:
    if "range" in cand.flags:
        return cand.start, "range"
    if lex.qualifier is None:
        return cand.start, None
    match = lex.qualifier.search(text, max(floor, cand.start - _WINDOW), cand.start)
    if match is None:
        return cand.start, None
    phrase = _norm(match.group("w"))
    if _blocked(text, match.start(), lex.qualifier_blockers.get(phrase)):
        return cand.start, None
    if _compared(text, match, lex):
        return cand.start, None
    qualifier = lex.qualifiers.get(phrase)
    if qualifier in _NEGATED and _negated(text, match.start(), lex):
        qualifier = _NEGATED[qualifier]  # "ne devra pas dépasser 600 millions": at most
    return match.start(), qualifier


_NEGATED: dict[str | None, Qualifier] = {"more_than": "max", "less_than": "min"}
# a number before, in the same sentence (a year is no amount: "las ventas de 2025")
_AMOUNT_IN_SENTENCE = re.compile(
    r"(?<![\d.,])(?!(?:19|20)\d\d(?![\d.,]))\d(?:[^.;!?\n]|\.(?=\d))*\Z"
)


def _compared(text: str, match: re.Match[str], lex: _Lexicon) -> bool:
    """ "ventas de 41 millones, por debajo de los 55 millones que esperaba": a comparing
    phrase after another amount of its sentence names the figure compared with, which is
    itself exact ("unas ventas superiores a los 430 millones" alone is a bound)."""
    if _norm(match.group("w")) not in lex.compared_phrases:
        return False
    return _AMOUNT_IN_SENTENCE.search(text, max(0, match.start() - 120), match.start()) is not None


def _negated(text: str, at: int, lex: _Lexicon) -> bool:
    """True where a negation stands among the three words before `at`, in its clause."""
    if not lex.negations:
        return False
    clause = re.split(r"[,;:.!?()]", text[max(0, at - 40) : at])[-1]
    return any(_norm(w) in lex.negations for w in clause.split()[-3:])


def _blocked(text: str, at: int, blockers: frozenset[str] | None) -> bool:
    """True where the word before `at` cancels the qualifier after it.

    "se redujo hasta 860 millones" is "fell to", not "up to"; with "<Noun>" a
    capitalised word blocks it ("Finanzierungsrunde über 150 Millionen" is a round
    of 150 million, not more than 150 million).
    """
    if not blockers:
        return False
    window = text[max(0, at - _WINDOW) : at]
    change = _CHANGE_TAIL.search(window)
    if change is not None:  # "steeg met 18 procent tot", "creció un 14%, hasta"
        window = window[: change.start()]
    before = _WORD_BEFORE.search(window[-40:])
    if before is not None and "<noun>" in blockers and before.group("word")[0].isupper():
        return before.group("stop") is None  # a capital after a full stop is no noun
    # The verb may stand a few words back: "steeg vorig jaar met 18 procent tot", and a
    # year may stand between them: "steeg in 2025 tot".
    parts = re.split(r"[,;:.!?()]", window)
    clause = parts[-1]
    if len(parts) > 1 and all(len(w) <= 3 for w in clause.split()):
        clause = f"{parts[-2]} {clause}"  # "De omzet steeg wel, met 6 procent tot"
    return any(_norm(w) in blockers for w in clause.split()[-_VERB_REACH:])


# how far before an amount a clause's subject may give its rate ("la cuota media mensual
# se situó en 705 euros", "pagará en mensualidades de 1,5 millones")
_SUBJECT_REACH = 110


def _rate_before(
    pattern: re.Pattern[str] | None, rates: dict[str, Per], text: str, lo: int, start: int
) -> Per | None:
    """The rate `pattern` finds in text[lo:start], looked up in `rates` by its word (group
    `w`, or `w2` for an adjective after its noun): "jährlich 300 Millionen" (`per_before`),
    "annual cost savings of $120m" (`per_adjective`), "la cuota media mensual se situó
    en" (`per_subject`), "en mensualidades de" (`per_noun`)."""
    if pattern is None:
        return None
    match = pattern.search(text, lo, start)
    if match is None:
        return None
    groups = match.groupdict()
    return rates.get(_norm(groups.get("w") or groups.get("w2") or ""))


def _period(text: str, end: int, lex: _Lexicon) -> Per | None:
    if lex.per is None:
        return None
    match = lex.per.match(text, end)
    if match is None:
        return None
    if lex.per_blocker is not None and lex.per_blocker.match(text, match.end()):
        return None
    if re.match(f"{_SP}*\\d", text[match.end() : match.end() + 4]):
        return None  # "im Jahr 2023", "l'an 2000": a date, not a rate
    return lex.pers.get(_norm(match.group("w")))


def _negative(text: str, cand: _Candidate) -> int | None:
    """The offset of an explicit minus sign written on the amount, else None."""
    at = cand.start - 1
    if at >= 0 and text[at] in _MINUS and (at == 0 or text[at - 1] in " \t\n\u00a0("):
        return at
    return None


def _minus_word(text: str, start: int, lex: _Lexicon) -> bool:
    """A minus written as a word just before the amount ("minus 4,2 Millionen Euro",
    "min € 4,2 miljoen"): the amount is negative, the word stays outside its text."""
    return lex.minus is not None and lex.minus.search(text, max(0, start - 20), start) is not None


def _mention(text: str, cand: _Candidate, lex: _Lexicon, floor: int) -> MoneyMention:
    sign = _negative(text, cand)
    if sign is not None:
        cand.start = sign
    start, qualifier = _qualify(text, cand, lex, floor)
    if qualifier is None and "collective" in cand.flags:
        qualifier = "approx"  # "une trentaine de millions": about thirty million
    end = cand.end
    if qualifier is None and lex.qualifier_after is not None:
        after = lex.qualifier_after.match(text, end)
        if after is not None:
            qualifier = lex.qualifiers_after.get(_norm(after.group("w")))
            end = after.end()
    is_range = qualifier == "range"
    near, clause = max(floor, start - _WINDOW), max(floor, start - _SUBJECT_REACH)
    return MoneyMention(
        start=start,
        end=end,
        text=text[start:end],
        value=_exact(cand.value),
        currency=cand.currency,
        qualifier=qualifier,
        min=_exact(cand.value) if is_range else None,
        max=_exact(cand.number) if is_range else None,
        per=(
            _period(text, cand.end, lex)
            or _rate_before(lex.per_before, lex.pers_before, text, near, start)
            or _rate_before(lex.per_adjective, lex.per_adjectives, text, near, start)
            or _rate_before(lex.per_subject, lex.per_adjectives, text, clause, start)
            or _rate_before(lex.per_noun, lex.per_nouns, text, clause, start)
        ),
        negative=cand.negative or sign is not None or _minus_word(text, start, lex),
    )


def _exact(value: Decimal) -> Decimal:
    """`value` without trailing zeros and never in exponent form ("2.5E+6")."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _candidates(text: str, lex: _Lexicon) -> list[_Candidate]:
    grown: list[_Candidate] = []
    for atom in _atoms(text, lex):
        if grown and atom.start < grown[-1].end:
            continue
        cand = _grow(text, atom, lex, grown[-1].end if grown else 0)
        if cand is not None:
            grown.append(cand)
    return grown


def _extract(text: str, lang: str) -> list[MoneyMention]:
    lex = _lexicon(lang)
    cands = _candidates(text, lex)
    mentions: list[MoneyMention] = []
    i = 0
    while i < len(cands):
        cand = cands[i]
        floor = mentions[-1].end if mentions else 0
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt is not None and (cand.has_currency or _is_money(text, nxt, lex)):
            joined = _range(text, cand, nxt, lex)
            if joined is not None:
                mentions.append(_mention(text, joined, lex, floor))
                i += 2
                continue
            if _shares_currency(text, cand, nxt, lex):
                cand.currency, cand.has_currency = nxt.currency, True
            elif _borrows_unit(text, cand, nxt, lex):
                mentions.append(_mention(text, cand, lex, floor))
                i += 1
                continue
        elif nxt is not None and i + 2 < len(cands) and _is_money(text, cands[i + 2], lex):
            upper = cands[i + 2]
            if _range(text, nxt, upper, lex) is not None and _borrows_unit(
                text, cand, nxt, lex, upper
            ):
                mentions.append(_mention(text, cand, lex, floor))
                i += 1
                continue
        elif nxt is not None and mentions:
            # "visait une fourchette de 65 à 70 millions": a bare range that goes on
            # from the amount before it
            joined = _range(text, cand, nxt, lex)
            if joined is not None and _follows(text, joined, mentions[-1], lex):
                mentions.append(_mention(text, joined, lex, floor))
                i += 2
                continue
        compared = bool(mentions) and _follows(text, cand, mentions[-1], lex)
        if compared or _is_money(text, cand, lex) or _headlines(text, cand, cands, lex):
            _append_at_same_rate(text, mentions, _mention(text, cand, lex, floor), lex)
        i += 1
    return _name_families(mentions, lex)


def _name_families(mentions: list[MoneyMention], lex: _Lexicon) -> list[MoneyMention]:
    """A currency name shared by several currencies takes the one the text named last
    among them: "450 million Swedish crowns ... 380 million crowns" is SEK twice."""
    if not lex.currency_families:
        return mentions
    out: list[MoneyMention] = []
    for mention in mentions:
        family = (
            lex.currency_families.get(_norm(mention.text.rsplit(None, 1)[-1]))
            if mention.currency is None
            else None
        )
        if family:
            named = next((m.currency for m in reversed(out) if m.currency in family), None)
            if named is not None:
                mention = replace(mention, currency=named)
        out.append(mention)
    return out


def _append_at_same_rate(
    text: str, mentions: list[MoneyMention], mention: MoneyMention, lex: _Lexicon
) -> None:
    """Append `mention`; the two values of a change are at one rate: "annual interest
    costs from £41m to about £14m", "from £41m to £14m a year" (both a year)."""
    previous = mentions[-1] if mentions else None
    if previous is not None and (previous.per is None) != (mention.per is None):
        between = text[previous.end : mention.start]
        joins = (lex.range_to, lex.change_to)
        if any(p is not None and p.fullmatch(between) for p in joins):
            if mention.per is None:
                mention = replace(mention, per=previous.per)
            else:
                mentions[-1] = replace(previous, per=mention.per)
        elif mention.per is None and _compared_at_once(between, lex):
            # "rose to £48.60 a day, from £46.10": the base at the same rate
            mention = replace(mention, per=previous.per)
    mentions.append(mention)


def _compared_at_once(between: str, lex: _Lexicon) -> bool:
    """The words between two amounts are only a comparison word: ", from ", " contre "."""
    if lex.comparison is None or len(between) > 30 or _SENTENCE_END.search(between):
        return False
    return lex.comparison.search(between.rstrip()) is not None and not re.search(r"\d", between)


def _follows(text: str, cand: _Candidate, previous: MoneyMention, lex: _Lexicon) -> bool:
    """True where a bare scaled amount goes on from the amount before it: compared with
    it, or continuing its account in the same paragraph."""
    return _compared_with(text, cand, previous, lex) or _continues(text, cand, previous, lex)


def _continues(text: str, cand: _Candidate, previous: MoneyMention, lex: _Lexicon) -> bool:
    """ "le vendite sono scese a 612 milioni di euro (...). Le Americhe sono cresciute a
    498 milioni": a bare scaled amount close after an amount of its size, in the same
    paragraph, with nothing counted after it, continues the account of that amount
    ("dont 12 millions payables", "do que os 45,8 milhões"). Its currency stays unknown."""
    if cand.has_currency or not cand.scaled or previous.value <= 0 or cand.value <= 0:
        return False
    if cand.start - previous.end > _CONTINUATION_REACH:
        return False
    if not (previous.value <= 20 * cand.value and cand.value <= 20 * previous.value):
        return False
    if "\n" in text[previous.end : cand.start]:
        return False
    if text[max(0, cand.start - 1) : cand.start] in ("+", *_MINUS):
        return False  # "40 milioni di euro, -5 milioni rispetto al previsto": a change
    if _counted_before(text, previous.end, cand.start, lex):
        return False  # "Revenue was $2.1bn; subscribers grew to 3 million"
    return _nothing_counted(text, cand, lex)


def _compared_with(text: str, cand: _Candidate, previous: MoneyMention, lex: _Lexicon) -> bool:
    """ "23 milliards de dollars, contre 36 milliards un an plus tôt": a scaled amount
    compared with the amount just before it, in the same sentence, is money too. Its
    currency stays unknown unless written: the analysts never infer one."""
    if cand.has_currency or not cand.scaled or lex.comparison is None:
        return False
    if _SENTENCE_END.search(text, previous.end, cand.start):
        return False
    # "invertir 2.000 millones hasta 2028, unos 500 millones al año": the same money
    # as a rate needs no comparison word
    rate = _period(text, cand.end, lex) is not None
    if not rate and lex.comparison.search(text, previous.end, cand.start) is None:
        return False
    return _nothing_counted(text, cand, lex)


def _range(text: str, a: _Candidate, b: _Candidate, lex: _Lexicon) -> _Candidate | None:
    start = _join_range(text, a, b, lex)
    return None if start is None else _make_range(a, b, start)


def _shares_currency(text: str, a: _Candidate, b: _Candidate, lex: _Lexicon) -> bool:
    """True where the first amount takes the second's currency.

    "de 10 millions à 12 millions d'euros", "von 2,3 Mrd. auf 2,1 Mrd. Euro": the first
    amount is in euros too.
    """
    if a.has_currency or not a.scaled or not b.has_currency:
        return False
    between = text[a.end : b.start]
    return any(
        pattern is not None and pattern.fullmatch(between)
        for pattern in (lex.range_to, lex.range_and, lex.change_to)
    )


_PREFILTER = re.compile(r"\d")


def extract_money(text: str, lang: str) -> list[MoneyMention]:
    """Every amount of money in `text`, sorted by start and non-overlapping.

    `lang` is an ISO 639-1 code; a language without data reads with the
    language-neutral rules and English words. Never raises; no amount gives [].
    """
    if not isinstance(text, str) or not text:
        return []
    if not isinstance(lang, str):
        lang = _FALLBACK_LANG
    lang = lang.lower()[:2]
    if not lexicon.load("money", lang):
        lang = _FALLBACK_LANG
    lex = _lexicon(lang)
    if (
        _PREFILTER.search(text) is None
        and not contains_number_words(text, lang)
        and (lex.fraction_prefix is None or lex.fraction_prefix.search(text) is None)
    ):
        return []
    try:
        # Exact arithmetic for any number a text can hold: 28 digits (the default
        # context) would make one huge figure cost the whole text its amounts.
        with localcontext() as context:
            context.prec = 120
            context.Emax = 10_000
            return _extract(text, lang)
    except (ArithmeticError, ValueError, IndexError, KeyError):  # pragma: no cover - guard
        return []
