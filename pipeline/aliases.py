"""Identity of named entities: normalised keys, stable ids, and alias linking.

`canonical_key` links one entity ACROSS articles (case, accents, punctuation and
legal suffixes removed); `link` groups the surface forms found in ONE article that
name the same entity (legal-suffix variants, translated or accented spellings,
acronyms, surname-only mentions of a full-named person) and picks the name the group
shares. Everything here is pure; the language-neutral word lists come from
`pipeline/data/entities/common.json` through `pipeline.lexicon`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from pipeline import lexicon

__all__ = [
    "Surface",
    "canonical_key",
    "entity_id",
    "is_acronym",
    "link",
    "merge_labels",
    "tokens_of",
]

_NON_WORD = re.compile(r"[^\w&]+")
_DOTS = re.compile(r"(?<=\w)\.(?=\w|$|\s)")


@dataclass(frozen=True, slots=True)
class Surface:
    """One distinct surface form of an article: its label, frequency and first offset.

    `strong` is True where the label came from decisive evidence (a gazetteer, a cue
    word, a title), so that such a form is never re-read as a surname. `generic` is True
    where the form only adds a common noun that the text capitalises because a sentence
    opens with it (nl "Uitzendgroep Kortmans" in a title over "Kortmans" in the body):
    such a form names its entity but is not the name the entity goes by.
    """

    text: str
    label: str
    count: int = 1
    first: int = 0
    strong: bool = False
    generic: bool = False


@lru_cache(maxsize=1)
def _common() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    data = lexicon.load("entities", "common")
    suffixes = frozenset(_strip_accents(s).casefold().replace(".", "") for s in
                         data.get("legal_suffixes", []))
    connectors = frozenset(data.get("name_connectors", []))
    translations: dict[str, str] = {}
    for concept, words in data.get("translations", {}).items():
        for word in words:
            translations[_strip_accents(word).casefold()] = concept
    return suffixes, connectors, translations


@lru_cache(maxsize=16384)
def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens_of(name: str) -> list[str]:
    """The lower-cased, accent-free word tokens of a name, dots of abbreviations removed."""
    return list(_tokens_of(name))


@lru_cache(maxsize=16384)
def _tokens_of(name: str) -> tuple[str, ...]:
    flat = _strip_accents(name).casefold().replace("'s ", " ").replace("’", "'")
    flat = _DOTS.sub("", flat)
    return tuple(t for t in _NON_WORD.split(flat) if t)


@lru_cache(maxsize=16384)
def canonical_key(name: str) -> str:
    """A key shared by all spellings of one entity across articles.

    Case, accents, punctuation and trailing legal suffixes are ignored, so
    "Acme SA", "ACME" and "Acmé S.A." share the key "acme".
    """
    suffixes, connectors, _ = _common()
    toks = tokens_of(name)
    while len(toks) > 1 and (toks[-1] in suffixes or toks[-1] in connectors or toks[-1] == "&"):
        toks.pop()
    return " ".join(toks)


def entity_id(label: str, canonical: str) -> str:
    """A stable short id of an entity: a hash of its label and `canonical_key`."""
    digest = hashlib.sha1(f"{label}|{canonical_key(canonical)}".encode()).hexdigest()
    return digest[:16]


def is_acronym(text: str) -> bool:
    """True for an all-capitals short form like "AWS" or "B.N.P."."""
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _initials(name: str) -> str:
    _, connectors, _ = _common()
    words = [re.split(r"['’]", w)[-1] for w in re.split(r"[\s\-]+", name) if w]
    words = [w for w in words if w]
    return "".join(w[0] for w in words if w.casefold() not in connectors and w[0].isalpha())


def _spelt_head(full: str, acronym: str, rest: str) -> bool:
    """ "CD Ribazul" names "Club Deportivo Ribazul": the acronym spells the
    leading words of the full name, and the rest of the two names is the same."""
    words, tail = full.split(), rest.split()
    lead = words[: len(words) - len(tail)]
    return (
        len(lead) >= 2 and tokens_of(" ".join(words[len(lead):])) == tokens_of(rest)
        and _initials(" ".join(lead)).upper() == acronym.replace(".", "").upper()
    )


def _similar_word(a: str, b: str) -> bool:
    """Spellings of one word across languages: a long common start, a different ending."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    prefix = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        prefix += 1
    return prefix >= max(4, int(0.6 * min(len(a), len(b)))) and Indel.normalized_similarity(
        a, b
    ) >= 0.7


def _translated(toks: Sequence[str]) -> list[str]:
    _, _, translations = _common()
    return [translations.get(t, t) for t in toks]


def _same_organisation(a: str, b: str) -> bool:
    """Translated or accented spellings of one multi-word name ("Stabilité AI")."""
    ka, kb = canonical_key(a).split(), canonical_key(b).split()
    if not ka or not kb or len(ka) != len(kb):
        return False
    ta, tb = _translated(ka), _translated(kb)
    if sorted(ta) == sorted(tb):
        return True
    if len(ta) < 2:
        return False
    exact = sum(x == y for x, y in zip(ta, tb, strict=True))
    return exact >= 1 and all(_similar_word(x, y) for x, y in zip(ta, tb, strict=True))


def _surname_match(short: str, full: str) -> bool:
    """ "Mostak" names "Emad Mostaque": the last token of a full name, up to spelling."""
    st, ft = tokens_of(short), tokens_of(full)
    if 2 <= len(st) < len(ft) and ft[-len(st):] == st:
        return True  # "Teixeira Lima", "De Vries"
    if len(st) != 1 or len(ft) < 2:
        return False
    last = ft[-1]
    word = st[0]
    if word == last:
        return True
    if word[0] != last[0] or min(len(word), len(last)) < 4:
        return False
    prefix = 0
    for x, y in zip(word, last, strict=False):
        if x != y:
            break
        prefix += 1
    return prefix >= 4 and Indel.normalized_similarity(word, last) >= 0.7


class _Sets:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _pick_canonical(members: Sequence[Surface]) -> str:
    full = [m for m in members if not is_acronym(m.text)] or list(members)
    full = [m for m in full if not m.generic] or full

    def rank(m: Surface) -> tuple[int, int, bool, int, int, int]:
        # the fullest name, then the most used, then without a legal suffix, then
        # the untranslated (plain ASCII) spelling
        n_tokens = len(canonical_key(m.text).split())
        bare = canonical_key(m.text) == " ".join(tokens_of(m.text))
        non_ascii = sum(ord(c) > 127 for c in m.text)
        return (n_tokens, m.count, bare, -non_ascii, len(m.text), -m.first)

    return max(full, key=rank).text


def _link_descriptors(
    surfaces: Sequence[Surface], sets: _Sets, descriptor: Callable[[str], bool],
    settled: frozenset[str] = frozenset(),
) -> None:
    """ "Voltwerk" = "Voltwerk Batterien", "Delaunay" = "Maroquinerie Delaunay": a
    one-word name and a longer organisation name made of it plus common words. A
    well-known name ("Google" beside "Google Cloud") is never merged this way."""
    orgs = [j for j, t in enumerate(surfaces) if t.label in ("ORG", "MISC")
            and len(t.text.split()) >= 2]
    for i, s in enumerate(surfaces):
        short = canonical_key(s.text).split()
        alone = not any(sets.find(j) == sets.find(i) for j in range(len(surfaces)) if j != i)
        # "Les cinémas Orbelle" in a title: a one-word name that only a weak vote calls a
        # person, tied to no one, is the short form of the company "Cinémas Orbelle"
        weak_person = s.label == "PER" and not s.strong and len(short) == 1 and alone
        if not short or (s.label in ("PER", "LOC") and not weak_person) or s.text in settled:
            continue  # a form the text tied to its full name already
        n = len(short)
        roots: set[int] = set()
        leading: set[int] = set()  # names the form only begins
        trailing: set[int] = set()  # two-word names the form ends
        for j in orgs:
            full = canonical_key(surfaces[j].text).split()
            other = surfaces[j].text.split()
            if len(full) <= n or len(other) != len(tokens_of(surfaces[j].text)):
                continue
            suffixed = len(tokens_of(surfaces[j].text)) > len(full)
            for at in range(len(full) - n + 1):
                if full[at:at + n] != short:
                    continue
                if (
                    (not s.strong and all(descriptor(w) for w in other[:at] + other[at + n:]))
                    # "Voltwerk" = "Voltwerk Batterien GmbH": the legal name of a
                    # company starts with its short name, in any language
                    or (suffixed and at == 0)
                ):
                    roots.add(sets.find(j))
                    break
                if at == 0 and not s.strong and alone and not weak_person:
                    leading.add(sets.find(j))
                elif (n == 1 and at == 1 and len(full) == 2 and not s.strong and alone
                      and other[0][1:].islower() and not descriptor(s.text)):
                    # "Busbau Quendt" ... "Quendt": the proper name after a coined
                    # first word is what the company goes by
                    trailing.add(sets.find(j))
        # "Quillane" = "Quillane Beauty", "la Tenuta" = "Tenuta Roccalta": else, the first
        # word of exactly one company name, in no other group ("Terrubia" beside
        # "Corporación Industrial Terrubia" and its unit "Terrubia Hidro" is the former)
        if len(roots) == 1 or (not roots and len(leading) == 1):
            sets.union(i, (roots or leading).pop())
        elif not roots and not leading and len(trailing) == 1:
            sets.union(i, trailing.pop())


def _compound_heads(surfaces: Sequence[Surface]) -> list[tuple[int, int]]:
    """nl "Bloemenveiling Aalsdonk" = "Veiling Aalsdonk", de "Kreissparkasse Ahlheim" =
    "Sparkasse Ahlheim": two organisation names with the same words after a first word
    that is a compound ending in the other's first word."""
    heads: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    for i, s in enumerate(surfaces):
        words = s.text.split()
        if s.label in ("PER", "LOC") or len(words) < 2 or not words[0][1:].islower():
            continue
        heads.setdefault(tuple(tokens_of(" ".join(words[1:]))), []).append(
            (i, _strip_accents(words[0]).casefold()))
    out: list[tuple[int, int]] = []
    for group in heads.values():
        for i, long in group:
            for j, short in group:
                if len(short) >= 4 and len(long) >= len(short) + 3 and long.endswith(short):
                    out.append((i, j))
    return out


def link(
    surfaces: Sequence[Surface],
    descriptor: Callable[[str], bool] | None = None,
    pairs: Iterable[tuple[str, str]] = (),
) -> dict[str, str]:
    """Map each surface form of one article to the canonical name of its entity.

    Forms are linked when they share a `canonical_key` (legal suffixes), when they
    are translated/accented spellings of the same multi-word name, when one is the
    acronym of exactly one multi-word organisation (or spells its leading words: "UD
    Ribazul" = "Club Deportivo Ribazul"), or when a one-word form is the (possibly
    misspelt) surname, or the first name, of exactly one full-named person. Two names that only
    share a word ("Google" and "Google Cloud") stay apart. `pairs` are forms the text
    itself ties together (an acronym in brackets after a name, a short name after the
    full one): they are always linked.
    """
    n = len(surfaces)
    sets = _Sets(n)
    keys = [canonical_key(s.text) for s in surfaces]
    by_key: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key in by_key:
            sets.union(by_key[key], i)
        else:
            by_key[key] = i
    pairs = list(pairs)
    index = {s.text: i for i, s in enumerate(surfaces)}
    for a, b in pairs:
        if a in index and b in index:
            sets.union(index[a], index[b])
    for i in range(n):
        for j in range(i + 1, n):
            si, sj = surfaces[i], surfaces[j]
            if "PER" in (si.label, sj.label) or "LOC" in (si.label, sj.label):
                continue
            if _same_organisation(si.text, sj.text):
                sets.union(i, j)
    for i, j in _compound_heads(surfaces):
        sets.union(i, j)
    for i, s in enumerate(surfaces):
        if not is_acronym(s.text) or s.label in ("PER", "LOC"):
            continue
        wanted = s.text.replace(".", "").replace("&", "").upper()
        roots = {
            sets.find(j)
            for j, t in enumerate(surfaces)
            if j != i and t.label in ("ORG", "MISC") and len(t.text.split()) >= 2
            and _initials(t.text).upper() == wanted
        }
        if len(roots) == 1:
            sets.union(i, roots.pop())
    for i, s in enumerate(surfaces):
        head, _, rest = s.text.partition(" ")
        if rest and is_acronym(head) and s.label not in ("PER", "LOC"):
            roots = {
                sets.find(j) for j, t in enumerate(surfaces)
                if j != i and t.label in ("ORG", "MISC") and _spelt_head(t.text, head, rest)
            }
            if len(roots) == 1:
                sets.union(i, roots.pop())
    people = [j for j, t in enumerate(surfaces) if t.label == "PER" and len(t.text.split()) >= 2]
    for i, s in enumerate(surfaces):
        if s.strong and s.label != "PER":
            continue
        matched = [j for j in people if j != i and _surname_match(s.text, surfaces[j].text)]
        # "Marco Bellini ... la famiglia Bellini ... Bellini": the person, not the family
        named = [j for j in matched if surfaces[j].text[:1].isupper()]
        roots = {sets.find(j) for j in (named or matched)}
        if len(roots) == 1:
            sets.union(i, roots.pop())
    for i, s in enumerate(surfaces):
        if s.label != "PER" or " " in s.text or sets.find(i) != i:
            continue
        # "sa fille Margaux" after "Margaux Vautrin": the first name of one person
        roots = {sets.find(j) for j in people if j != i and surfaces[j].text.split()[0] == s.text}
        if len(roots) == 1 and not any(sets.find(j) == i for j in range(n) if j != i):
            sets.union(i, roots.pop())
    if descriptor is not None:
        _link_descriptors(surfaces, sets, descriptor, frozenset(a for a, _ in pairs))
    places = [j for j, t in enumerate(surfaces) if t.label == "LOC" and len(t.text.split()) >= 2]
    for i, s in enumerate(surfaces):
        if s.label != "LOC" or len(s.text.split()) != 1:
            continue
        # "Frankfurt" = "Frankfurt am Main"
        roots = {sets.find(j) for j in places if surfaces[j].text.split()[0] == s.text}
        if len(roots) == 1:
            sets.union(i, roots.pop())
    groups: dict[int, list[Surface]] = {}
    for i, s in enumerate(surfaces):
        groups.setdefault(sets.find(i), []).append(s)
    result: dict[str, str] = {}
    for members in groups.values():
        name = _pick_canonical(members)
        for m in members:
            result[m.text] = name
    return result


def merge_labels(votes: Mapping[str, Mapping[str, float]], canonical: Mapping[str, str]) -> dict[
    str, str
]:
    """The label of each canonical entity: the sum of its forms' evidence, highest wins."""
    totals: dict[str, dict[str, float]] = {}
    for surface, scores in votes.items():
        bucket = totals.setdefault(canonical.get(surface, surface), {})
        for label, score in scores.items():
            bucket[label] = bucket.get(label, 0.0) + score
    order = {"ORG": 0, "PER": 1, "LOC": 2, "MISC": 3}
    return {
        name: max(scores, key=lambda lab: (scores[lab], -order.get(lab, 9)))
        for name, scores in totals.items()
        if scores
    }
