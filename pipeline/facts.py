"""Attribution: every amount gets its company, metric, period, status and qualifier.

`extract_facts` reads the mentions the extractors found (money, dates, durations,
entities) and the spaCy `Doc` of the text, and turns each amount into a `Fact`.
Everything language-specific is a cue list in `pipeline/data/facts/<lang>.json`;
the rules below are the same for the seven languages:

- Sentences are the Doc's, also cut at line ends and after a year that ends a
  sentence, and glued back where a boundary falls inside a mention ("52 Mio.
  Franken") or before a lower-case word. Clauses are cut at connectives ("alors
  que", "while", "mais", ", and"...).
- company: the grammatical subject where a dependency parse exists (French), else
  the nearest ORG of the clause (the one before the amount first), else the main
  company when the clause names it generically ("l'entreprise", "it") or through a
  person (a CEO does not own the money), else the nearest ORG of the sentence, else
  the main company (most mentioned ORG, a title mention counting twice, ties by first
  mention). An ORG right after a counterparty cue ("auprès d'Intel", "from AWS and
  Google Cloud") is a counterparty; so is the investor in "X invested 10M in Y".
  ORG mentions that are metric words or generic references are ignored; with no
  company among the ORGs, MISC mentions are tried.
- metric: the nearest metric cue of the clause, before or after the amount; a cue
  after the amount must be attached to it by little words ("de revenus", "in sales"),
  and a cue beyond another amount counts only when nothing else fits; on equal
  distance the more specific cue wins. A spending word takes its kind from the clause
  (a project; infrastructure when it is a rate or dated, else a one-off project),
  else it is operating expenses; an investment is a project, or funding when the
  clause speaks of a round or names a counterparty. Loss words make the value
  negative. No cue: "other".
- period: the nearest date of the clause that is not beyond another amount (a
  result prefers a period, a stock a day); a nearer duration sets `duration_months`
  and no period; with neither, the nearest date of an earlier clause of the sentence
  is inherited (with its forecast status), except that a look-back clause ("après
  avoir dépensé", "after spending") only gets the end of that date. A result (revenue,
  income, expenses) still without a period takes the last year named earlier in its
  paragraph, else in the article.
- status: "target" for targets near the amount ("espérait", "sought to": a target
  raise becomes funding_target), "forecast" on forecast cues of the clause, else
  "reported".

- periods, generalised: a day or month closing a span cue ("the three months to
  September 30", "semestre clos le 30 juin", "the year to June 2026") is that span;
  a year-less half the date extractor left ("the first half") is the last one before
  publication; "X of Y" dates ("même trimestre de l'année précédente") take Y; a
  result after a prior-year or same-period cue ("in the year-earlier quarter", "del
  mismo periodo del año anterior") is the sentence's period a year before; a result
  of a paragraph with no date takes the period of the latest results reported; a
  stock "at the end of the quarter" is the last day of the period reported; a
  full-year forecast with no year is the publication year.
- metric, generalised: research, licensing upfront and milestone payments are
  "other"; capital expenditure is infrastructure spending; a share of a total ("of
  which", "dont", "davon") and a product's or unit's sales ("its Vireo headphones")
  are "other"; a price paid "in cash" is not a cash stock.
- company, generalised: an ORG after a possessive ("its unit X") is a product or a
  subsidiary, not the owner; the buyer in "X is being bought by Y" owns the price.
- qualifiers: "at or below" is max; "rose to" ("creció hasta", "steeg tot") is not
  an upper bound.

- periods in discourse: the period of the title or lead (first three lines) is the
  article's current period, the default of a result that states none after the
  paragraph's and the latest reported; a relative date ("a year earlier", "im
  Vorjahr", "el mismo periodo del año anterior") is the period named before it in
  the paragraph (else the current one) a year back; a weekday or "yesterday" next to
  the publication date is when the news was told, never a period; "hasta
  septiembre", "à fin septembre", "até junho" run from January; year-less quarters
  the date extractor left ("third-quarter", "T3", "3T") are the last ones reported;
  a financial year that ends in another month than December (from "the year to 30
  June", "Geschäftsjahr 2024/25, das Ende September endete", "exercice clos fin juin
  2025") turns "2024/25", "2025-2026", "fiscal 2026", "el ejercicio en curso" and
  "its fiscal fourth quarter" into those twelve (or three) months; guidance with no
  date is for the financial year that contains the publication date; a stock is at a
  day: "fin juin", "Ende 2024", "ended June", a quarter or a year reported become
  their last day, and a stock with no date is at the end of the reported period; a
  spend "by 2028" ("entro il 2028", "bis Ende 2026") has only an end; a loan keeps
  the past month it was signed.
- metric in discourse: loss words before a neutral cue keep the sign ("der operative
  Verlust (Ebit)"), as does a minus word ("min € 38 miljoen"); restructuring,
  savings, buybacks and writedowns are "other"; EBITDA and a unit's sales ("die
  Sparte") are "other" over the period reported; money raised from banks is debt; an
  earlier goal ("visait", "ging uit van", "indicati a marzo") after a forecast is that
  forecast's metric and period, status "target".
- company in discourse: sector nouns ("the carrier", "le laitier", "die Reederei")
  are the reporting company; the ORG after a loan amount ("um empréstimo de 150
  milhões do Banco X") is the lender; with no company tagged at all, the name that
  opens the title and is written again is the company.

- amounts that are no company's: a market, a sector, a government or a public fund
  as the subject ("Le marché mondial ... devrait peser", "Het kabinet trekt ... uit",
  "son fonds, doté de") gives no fact; an ORG quoted as a source ("selon", "segundo as
  contas enviadas à") owns nothing; a founding year ("fondé en 2017") is no period.
- other companies: "son rival X" is X, not a unit; a takeover verb's object may follow
  capitalised adjectives ("neemt het Belgische X over"), and its price "including
  debt" is a price; a sentence opening with a generic noun and a town ("La firma de
  Oporto", "het bedrijf uit Kiel") is about the company bought just before; an
  investor that "participe au tour" holds a share of the company's round ("other");
  a shareholder that "sagte zu" a capital increase promised it to the company.
- metric across clauses and sentences: the cue of an earlier clause with no amount is
  the subject ("Le résultat net, qui avait atteint 50 M, a chuté à 20 M"); a pronoun
  ("die", "celle-ci", "esta cifra") after a stock of the previous sentence is that
  stock; a bare "profit" after an operating result compares the same result; "negativo"
  makes a result negative; a segment noun opening the sentence ("La division X", "Die
  Sparte") makes its result "other"; backlog, deposits and loan books are balances at
  a day; a forecast word after "and" belongs to the next predicate.

- conventions of the annotated sets, generalised: savings plans, cost cuts and
  buybacks not dated in the past are goals ("target"); restructuring and one-off costs
  are "other", forecast until booked, with no period borrowed from the sentence; money
  still to be raised (an IPO's capital increase) is a funding target, an offer's price
  range and the valuation it gives are targets; a bond issue is debt, and a date after
  a maturity word ("due 2027", "in scadenza a marzo") is no period; a loan is a deal
  done ("reported") unless dated to come; a stock a plan acts on ("will cut its £620m
  debt") is reported, the level the plan aims at ("reducirla por debajo de 500
  millones antes de 2026") is a target with only an end; "vise", "punta a", "mikt op"
  make a result a target; an investor sought ("sucht einen Investor, der 25 Mio.
  einbringt") is a funding target; a result before tax is "other"; generic costs
  ("kost het bedrijf") are "other", not operating expenses.
- amounts that are no facts: under a million with no metric word, no dividend or
  per-share word in the sentence (a product's or a commodity's price, a deposit-guarantee
  ceiling; a small firm's "levée de 800 000 euros" stays); the
  demand for an offering ("com demanda de R$ 4 bilhões").
- periods, more: a stock stated in the present with no period is at the day of the news
  (a weekday or "yesterday" near publication, else the publication date); results listed
  with "and" share the period named after the last ("revenue of A and net income of B
  for fiscal 2025"); a year compared with ("tegen € 6,1 miljoen in 2024") does not
  anchor a later "een jaar eerder"; a market value on the exchange is at the day.
- company, more: a named subsidiary ("sa filiale Vermeil Maroc") owns its figures; a
  town in apposition ("Saúde Cerrado, de Goiânia,") is no company; an ORG in a relative
  clause after the amount ("che andrà alla holding X") is where it goes, not its owner;
  the name opening the title, missed by the tagger but written again inside sentences,
  is a company; the group a merger creates ("si chiamerà X") owns the combined figures;
  a clause opened by a generic subject keeps it when an ORG follows behind a "from" word
  ("El grupo obtuvo de CaixaBank un préstamo"); a capitalised compound common noun
  before a name ("Autobauer Kessler Motoren", `descriptor_heads`) is dropped when the
  text names the company without it and the entities did not link the two forms
  (a linked "Zuivelcoöperatie Wadland" keeps its full name).
- periods, more still: a sub-year period with no year of its own that has not ended at
  publication, in a sentence with a result and no forecast, plan or deadline word, is
  last year's ("ingresó 210 millones entre enero y junio" in March); a result with no
  date after "closed the financial year" is the last financial year closed; an undated
  result does not take the month of another event of its paragraph when the article
  reports a longer period; a half named with its year ("eerste semester van 2024") the
  date extractor read as the year alone is that half; a title figure that the body
  states more precisely ("perdita di 6 milioni" / "6,2 milioni") is one fact.
- round 9 (attribution first): when a financial investor (`financial_buyer_cues`) is the
  main company and the title or lead names the company it buys, the bought company owns
  every figure but the price (`deal_value_cues`, payment forms, the title figure); an ORG
  behind a "with" word after an amount (a creditor), inside a relative clause closed
  before the amount, inside a descriptive apposition of the company, after a later
  amount, or named as a grant's giver after it is not the owner; an acronym defined
  after lower-case words ("(JCP)"), a capitalised phrase ending with a metric word, a
  name in apposition after a role, and (German, `capitalised_nouns`) a one-off
  sentence-opening noun are no companies; ARR (`run_rate_cues`) is `other` per year
  with no start; a future date after a payment word is no period; "positive" net debt
  is cash; a flow of a period far from over is a forecast; unit prices under 100,000,
  daily rates and results per share are no facts.
- round 11 (generalisation): a company a relative clause describes owns the amount in
  that clause when it states its own result or stock, and the amount of the predicate
  after the clause ("X, dat in 2021 naar de beurs ging, zag zijn omzet ..."); a date
  inside such a clause is the company's history, not the amount's period; verb-second
  order (`verb_second`, nl/de): after a fronted time (`fronted_cues`, a year) a buying
  verb is followed by the buyer, then the company bought; an agency in a wire dateline
  ("AMSTERDAM (ANP) -") owns nothing; a generic subject before the amount beats a name
  after it ("..., inclusief X") or behind a "with" word ("praat met ING over een
  lening"); "respectively" pairs amounts in order with as many companies before them or
  as many joined dates (`respectively_cues`); licence payments (`licence_payment_cues`)
  are the article company's `other`, without period; a listing's offer size
  (`offer_size_cues`) and a selling shareholder's sale (`share_sale_cues`) are `other`
  targets; a result goal "promised" earlier is a superseded target, not a funding
  pledge; a cash rate per period with a burn word is `other` as of the cash's day.
- round 13 (weakest languages): a part of a period's result or costs told with a past
  earning or costing verb (`earned_cues`: "aportó", "è costato alla compagnia", "kostten",
  "einbrachte") is `other` over the period reported; an other-flow cue reaches its amount
  across a relative clause ("Adjusted operating profit, which excludes the charge, was");
  a stock after a deal cue (`post_deal_cues`: "Après cette levée", "Tras la ronda") is at
  the publication date.
- round 16 (periods): the older figure of a stock "from X to Y in nine months" is the
  stock at the month end that many months before Y's day; a sub-yearly rate stated as of
  a day or a month's end ("burning £2m a month" next to cash "at the end of March") has
  `period_end` only; a sentence opening on the total before (`total_back_cues`: "Of that
  total", "De esa cifra", "Daarvan") gives its undated parts the total's period.

Negative values flip one-sided qualifiers: "a loss of more than 5M" is
value -5000000 with qualifier "less_than" (the value is below -5M).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from pipeline import lexicon
from pipeline.date_calendar import shift_years
from pipeline.dates import fiscal_close
from pipeline.types import (
    DateMention,
    DurationMention,
    EntityMention,
    Fact,
    Grain,
    MoneyMention,
    Per,
    Qualifier,
    Status,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_facts", "split_clauses"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "csubj", "nsubjpass"})
# Little words that may join two names of one list ("AWS, de Google Cloud et ...")
# or two dates of one period ("juillet et août 2023").
_GLUE = _words(
    "et and und y e en o or ou oder of de d du des from von vom da do dos das van la le "
    "les the el los di del della der die het bij aan à a as well"
)
# Little words that attach a cue after an amount to it ("11 M$ de revenus").
_ATTACH = _words(
    "new fresh additional senior nouvelle nouveau neue neuen nuevo nueva nuovo nuova novo nova "
    "nieuwe "
    "of in its their de d du des la le les l the el los las lo il i gli di del della dei "
    "degli delle dal dalla da do dos das a à au aux dans sa son ses leur leurs em no na "
    "nos nas der die das dem den des im am an aus sein seine seiner ihr ihre van het aan "
    "zijn hun su sus sua suo seu"
)
# "of" in the seven languages, between a date and the one that places it.
_OF = _words("of de d du des del dell della dello des der van do da dos das")
# "in" in the seven languages, for a market after a revenue word.
_IN = _words("in en im em au aux na no nel nella negli nei nelle nos nas dans")
_CROSSING_PENALTY = 10_000
_TARGET_REACH = 60
# A forecast word after the amount speaks of it only when near ("100 M attendus").
_FORECAST_AFTER = 40
# A date this far after the amount is about something else ("fined £4.5m by ... for
# sharing prices between 2019 and 2022").
_DATE_AFTER = 90
# Line ends, and a year closing a sentence ("im Jahr 2023. Die ..."), which a
# sentencizer can take for an ordinal.
# After an amount: the full stop (maybe inside the mention: "52 Mio.") and blanks before
# a capitalised word that opens a new sentence.
_AFTER_AMOUNT = re.compile(r"\.?[^\S\n]+(?=[A-ZÀ-ÖØ-Þ][^\W\d_]*[^\S\n]+[^\W\d])")
_HARD_BREAK = re.compile(r"\n+|(?<=\b(?:19|20)\d\d\.)\s+(?=[A-ZÀ-ÖØ-Þ])")
# Results over a period (not stocks at a day, not deals): they inherit the paragraph's period.
_FLOWS = frozenset({"revenue", "net_income", "operating_income", "operating_expenses"})
_STOCKS = frozenset({"cash_reserves", "debt", "unpaid_bills"})
# "Vorig jaar investeerde X € 486 miljoen. Dit jaar moet dat oplopen tot € 560 miljoen":
# spending told again by a pronoun or the next amount of the sentence
_SPENDS = frozenset({"project_spend", "infrastructure_spend"})
_DETACHED_PENALTY = 40
# Between a counterparty cue and its ORG: blanks, an article, a lower-case word or two
# ("auprès du fonds Gravelle", "from the investor Acme").
_GAP = re.compile(r"[\s'’]*(?:[^\W\d]{1,5}[\s'’]+)?(?:[^\W\d_A-Z][^\W\d]*\s+){0,2}")


_WIDE_GAP = re.compile(r"[\s'’]*(?:[^\W\d]{1,5}[\s'’]+)?(?:[^\W\d][^\W\d]*\s+){0,3}")


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    label: str
    sign: int = 1


@dataclass(frozen=True, slots=True)
class _Lexicon:
    metrics: tuple[tuple[re.Pattern[str], str, int], ...]
    spend: tuple[re.Pattern[str], ...]
    invest: tuple[re.Pattern[str], ...]
    invest_targets: frozenset[str]
    # "Sales to China", "Exporte nach China", "verkoop naar Duitsland": sales to one market
    market_prepositions: frozenset[str]
    # "3,5 Prozent mehr als": a share said in words ("%" in every language)
    percent: re.Pattern[str]
    kinds: tuple[tuple[re.Pattern[str], str], ...]
    target: tuple[re.Pattern[str], ...]
    forecast: tuple[re.Pattern[str], ...]
    lookback: tuple[re.Pattern[str], ...]
    # "momenteel", "currently": a rate stated as of the news day
    now: tuple[re.Pattern[str], ...]
    # "ruim twee keer zo veel als in het eerste halfjaar van 2024": a date compared with
    compared_dates: tuple[re.Pattern[str], ...]
    # "per effetto dei dazi introdotti in aprile": a date of the cause, after the amount
    causes: tuple[re.Pattern[str], ...]
    # "De nettoschuld, inclusief huurverplichtingen, ...": a cue inside is no metric
    inclusions: tuple[re.Pattern[str], ...]
    breaks: tuple[re.Pattern[str], ...]
    generic: tuple[re.Pattern[str], ...]
    pronouns: tuple[re.Pattern[str], ...]
    counterparty: tuple[re.Pattern[str], ...]
    roles: tuple[re.Pattern[str], ...]
    per: tuple[tuple[re.Pattern[str], str], ...]
    not_companies: frozenset[str]
    intent: tuple[re.Pattern[str], ...] = ()
    comparison: tuple[re.Pattern[str], ...] = ()
    full_year: tuple[re.Pattern[str], ...] = ()
    until: tuple[re.Pattern[str], ...] = ()
    clause_counterparty: tuple[re.Pattern[str], ...] = ()
    imposers: tuple[re.Pattern[str], ...] = ()
    investors: tuple[re.Pattern[str], ...] = ()
    other_flows: tuple[re.Pattern[str], ...] = ()
    earned: tuple[re.Pattern[str], ...] = ()  # "aportó", "brought in", "è costato"
    # costs of the period reported: "die Energiekosten", "the fuel bill", "a write-down"
    period_costs: tuple[re.Pattern[str], ...] = ()
    post_deal: tuple[re.Pattern[str], ...] = ()  # "après cette levée", "tras la ronda"
    loans: tuple[re.Pattern[str], ...] = ()
    net_burn: tuple[re.Pattern[str], ...] = ()
    provisions: tuple[re.Pattern[str], ...] = ()
    # "three months to", "year ended": (pattern, months) for a span ending at a date
    period_spans: tuple[tuple[re.Pattern[str], int], ...] = ()
    prior_year: tuple[re.Pattern[str], ...] = ()
    max_cues: tuple[re.Pattern[str], ...] = ()
    possessives: tuple[re.Pattern[str], ...] = ()
    parts: tuple[re.Pattern[str], ...] = ()
    # "Of that total", "De esa cifra", "Davon": a sentence opening on the total before
    total_back: tuple[re.Pattern[str], ...] = ()
    # "Das sind 3,5 Prozent mehr als ...", "That is 8% more than ...": a sentence opening
    # that restates the result just named against its base
    restated_base: tuple[re.Pattern[str], ...] = ()
    passive_buyers: tuple[re.Pattern[str], ...] = ()
    # "X, rachetée en juin pour", "X, the lender it agreed to buy ... for": a participle or
    # relative after the company bought, whose price follows
    bought_objects: tuple[re.Pattern[str], ...] = ()
    # "for", "pour", "per", "für": the preposition that introduces a price
    price_prepositions: tuple[re.Pattern[str], ...] = ()
    # "assemblée", "Hauptversammlung": the shareholders' meeting a dividend is proposed to
    meetings: tuple[re.Pattern[str], ...] = ()
    # "to", "al", "an": the word before the party a payment goes to ("paid £9m to X")
    payees: tuple[re.Pattern[str], ...] = ()
    payment_forms: tuple[re.Pattern[str], ...] = ()
    period_end: tuple[re.Pattern[str], ...] = ()
    placements: tuple[re.Pattern[str], ...] = ()  # "a placé", "ha collocato": a bond issued
    # "a remporté lundi", "said on Tuesday it had raised": a deal done that day
    deal_days: tuple[re.Pattern[str], ...] = ()
    from_words: tuple[re.Pattern[str], ...] = ()  # it "da", es "desde": "a 9 da 21 milioni"
    said_when: tuple[re.Pattern[str], ...] = ()  # "annoncée en juillet": when, not what for
    # de "von" ... "auf": (a from-word ending the text before an amount, a to-word alone
    # between it and the next amount)
    from_to: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    present: tuple[re.Pattern[str], ...] = ()  # "the current quarter", "il trimestre in corso"
    halves: tuple[tuple[re.Pattern[str], str], ...] = ()
    same_period: tuple[re.Pattern[str], ...] = ()
    changes: tuple[re.Pattern[str], ...] = ()
    levels: tuple[re.Pattern[str], ...] = ()  # "reached", "kwam uit op": a figure's level
    # "fin", "end of", "Ende": a stock dated by such a month or year is at its last day
    ends: tuple[re.Pattern[str], ...] = ()
    # year-less quarters the date extractor may leave ("third-quarter"): (pattern, 1..4)
    quarters: tuple[tuple[re.Pattern[str], int], ...] = ()
    # "the quarter", "over the period", "im Quartal": the period the article reports
    current: tuple[re.Pattern[str], ...] = ()
    # capital expenditure words ("capex", "Investitionen"): spent over the period reported
    capex: tuple[re.Pattern[str], ...] = ()
    # "a year earlier", "im Vorjahr", "the same period": the period just named, a year before
    relative: tuple[re.Pattern[str], ...] = ()
    # "in the same period", "no mesmo período" said alone: the period just named, itself
    same_bare: re.Pattern[str] | None = None
    # "subsidiary", "filiale", "Tochter": the ORG after one is a unit, not the owner
    subsidiaries: tuple[re.Pattern[str], ...] = ()
    # "hasta septiembre", "à fin septembre": from January to the end of that month
    ytd: tuple[re.Pattern[str], ...] = ()
    # "fiscal", "exercice", "Geschäftsjahr" and the words that close one ("ended", "clos")
    fiscal: tuple[re.Pattern[str], ...] = ()
    fiscal_end: tuple[re.Pattern[str], ...] = ()
    # restructuring, savings, buybacks, writedowns: "other" whatever the verb
    overrides: tuple[re.Pattern[str], ...] = ()
    # "min € 38 miljoen", "ein Minus von": the amount is negative
    minus: tuple[re.Pattern[str], ...] = ()
    # "by 2028", "d'ici à 2027", "bis Ende 2026": a deadline, not a period
    deadlines: tuple[re.Pattern[str], ...] = ()
    # "banks", "Bankenkonsortium": money raised from them is a loan
    lenders: tuple[re.Pattern[str], ...] = ()
    # "Ministerio", "Ministry", "Regione": a public body's name opens with it
    public_bodies: tuple[re.Pattern[str], ...] = ()
    # "aportará", "will contribute", "apportera": a body puts money into a company's plan
    contributions: tuple[re.Pattern[str], ...] = ()
    # "previously", "visait", "ging uit van": an earlier goal, now superseded
    superseded: tuple[re.Pattern[str], ...] = ()
    # "le marché", "the government", "doté de": amounts of a market, a state or a fund
    outsiders: tuple[re.Pattern[str], ...] = ()
    # "selon", "according to", "laut": the ORG after one is a source, not an owner
    sources: tuple[re.Pattern[str], ...] = ()
    # "rival", "concurrent", "Wettbewerber": "son rival X" is another company, no unit
    rivals: tuple[re.Pattern[str], ...] = ()
    # "the seller", "l'établissement", "a vendedora": a noun for the other company of a
    # deal just named
    counterparts: tuple[re.Pattern[str], ...] = ()
    # "bought", "comprou": a purchase verb; "from", "da": the seller's preposition after it
    purchases: tuple[re.Pattern[str], ...] = ()
    sellers: tuple[re.Pattern[str], ...] = ()
    # "celle-ci", "die", "it": the stock of the previous sentence ("Na de overname loopt
    # die op tot € 1,4 miljard")
    stock_pronouns: tuple[re.Pattern[str], ...] = ()
    # "winst", "a profit", "Verlust": a bare result word, the kind of result named before
    plain_results: tuple[re.Pattern[str], ...] = ()
    # "risultato operativo negativo per 38 milioni": a result below zero
    negatives: tuple[re.Pattern[str], ...] = ()
    # "la division X", "die Sparte", "the unit": a sentence about a part of the group
    segment_subjects: tuple[re.Pattern[str], ...] = ()
    # "fondé à Nantes en 2017", "founded in 2012": a company's birth, no period of a figure
    founded: tuple[re.Pattern[str], ...] = ()
    # order backlog, deposits, loan book: "other", but a balance at a day like a stock
    stock_others: tuple[re.Pattern[str], ...] = ()
    # "X participe au tour à hauteur de 10 M": one investor's share of the round
    participations: tuple[re.Pattern[str], ...] = ()
    # "aux côtés de X", "alongside X": a co-investor of the company's round
    alongside: tuple[re.Pattern[str], ...] = ()
    # "valorada por la tasadora X", "valued by X": an appraiser, not the owner
    appraisers: tuple[re.Pattern[str], ...] = ()
    # "analysts expected", "stimati dagli analisti": an analysts' estimate, no fact
    analysts: tuple[re.Pattern[str], ...] = ()
    # "irão para", "will go to", "an ... gehen": who receives an amount
    recipients: tuple[re.Pattern[str], ...] = ()
    # "margen de intereses", "Zinsüberschuss", "gross margin": a margin line, no revenue
    margins: tuple[re.Pattern[str], ...] = ()
    # "covenant", "bankconvenanten": a limit the lenders set, no balance at a day
    covenants: tuple[re.Pattern[str], ...] = ()
    # "garantito", "guaranteed": a loan backed by a third party
    guarantees: tuple[re.Pattern[str], ...] = ()
    # "granted", "verleende", "concedió": the subject lends, it does not borrow
    lending: tuple[re.Pattern[str], ...] = ()
    # "dotó", "booked a provision": a provision charged over the period reported
    provision_charges: tuple[re.Pattern[str], ...] = ()
    # "Die Kosten dafür", "le coût de ce plan": the cost of a measure named before
    measure_costs: tuple[re.Pattern[str], ...] = ()

    # savings plans, cost cuts, buybacks: goals ("target") unless dated in the past
    goal_measures: tuple[re.Pattern[str], ...] = ()
    # restructuring, reorganisation: a one-off cost, "forecast" until it is booked
    one_off_costs: tuple[re.Pattern[str], ...] = ()
    # "horquilla de precios", "price range": an offer's price and the valuation it gives
    price_ranges: tuple[re.Pattern[str], ...] = ()
    # "dividend", "per share", "je Aktie": a small amount near one is a per-share figure
    share_context: tuple[re.Pattern[str], ...] = ()
    # "filiale", "Tochter", "subsidiary": a subsidiary named after one is a company of its
    # own that owns its figures (a "division" or "Sparte" stays a unit of the group)
    named_subsidiaries: tuple[re.Pattern[str], ...] = ()
    # "before tax", "vor Steuern": a pre-tax result, "other"
    pretax: tuple[re.Pattern[str], ...] = ()
    # "sucht einen Investor", "busca un inversor": money sought from one, a funding target
    investor_search: tuple[re.Pattern[str], ...] = ()
    # "annual", "jährliche": a yearly rate written before the amount ("annual savings of")
    annual: tuple[re.Pattern[str], ...] = ()
    # "bonds", "debêntures", "Anleihe": money raised by issuing them is debt
    bonds: tuple[re.Pattern[str], ...] = ()
    # "na bolsa", "Börse": a valuation on the exchange is a market value at a day
    exchanges: tuple[re.Pattern[str], ...] = ()
    # "cut", "quitar", "senken": a plan that acts on an existing stock ("will cut its
    # £620m debt": the debt is reported), or sets its goal ("reduzir ... para X": target)
    reduce: tuple[re.Pattern[str], ...] = ()
    level_words: frozenset[str] = frozenset()
    # "due 2027", "in scadenza a marzo", "que vence em julho": a maturity, no period
    maturities: tuple[re.Pattern[str], ...] = ()
    # "demand of", "la domanda ha superato": orders for an offering, not money raised
    demand: tuple[re.Pattern[str], ...] = ()
    # "si chiamerà", "will be called": the name of the group a merger creates
    merged_names: tuple[re.Pattern[str], ...] = ()
    # "aggregati", "combined", "il nuovo gruppo": a figure of that merged group
    combined: tuple[re.Pattern[str], ...] = ()
    # "vise", "punta a", "mikt op": a result or level aimed at, a target
    aims: tuple[re.Pattern[str], ...] = ()
    # "Zuivelcoöperatie", "Autobauer", "Chipmaker": a compound common noun that may open
    # a sentence capitalised before the name, by its last part
    descriptor: re.Pattern[str] | None = None
    # "die coöperatie", "cette société", "that company": a demonstrative before a company
    # noun (`demonstratives` before a `descriptor_heads` word or a generic noun's head)
    demonstrative: re.Pattern[str] | None = None
    # "under the ticker", "onder het symbool", "Börsenkürzel": the name after it is a code
    tickers: tuple[re.Pattern[str], ...] = ()
    # "en hausse de", "up by" before, "meer dan een jaar eerder" after: a change's size
    change_by: tuple[re.Pattern[str], ...] = ()
    change_after: tuple[re.Pattern[str], ...] = ()
    # the head nouns of the generic references ("grupo", "Konzern", "bedrijf")
    company_heads: frozenset[str] = frozenset()
    # "Elle", "Sie", "It": a subject pronoun opening a sentence
    subject_pronouns: frozenset[str] = frozenset()
    # "listed on", "quotata a", "notiert an": the name after it is an exchange
    listings: tuple[re.Pattern[str], ...] = ()
    # "Finanzinvestor", "private-equity firm", "fonds d'investissement": a buyer that
    # reports no figures of its own in a buyout article
    financial_buyers: tuple[re.Pattern[str], ...] = ()
    # "Unternehmenswert", "purchase price", "prix": the price of a deal, the buyer's
    deal_values: tuple[re.Pattern[str], ...] = ()
    # "annual recurring revenue", "ingresos recurrentes anuales": a yearly run-rate stated
    # at a day, not the revenue of a period
    run_rates: tuple[re.Pattern[str], ...] = ()
    # German: every common noun is capitalised, so a sentence may open with one the
    # tagger takes for a name ("Treiber waren ...")
    capitalised_nouns: bool = False
    # "respectively", "respectivamente": amounts paired in order with names or dates
    respectively: tuple[re.Pattern[str], ...] = ()
    respectively_words: frozenset[str] = frozenset()
    # "upfront", "milestone payments", "Lizenz": a licence deal's payments
    licences: tuple[re.Pattern[str], ...] = ()
    # "the size of the offer", "Platzierungsvolumen": a listing's total offer
    offer_sizes: tuple[re.Pattern[str], ...] = ()
    # "will sell shares worth": a selling shareholder's part of a listing
    share_sales: tuple[re.Pattern[str], ...] = ()
    # "bestellt ... beim Hersteller X", "el encargo de un ferry a X": an order placed
    orders: tuple[re.Pattern[str], ...] = ()
    # verb-second order (nl, de): a fronted time or place puts the subject after the verb
    verb_second: bool = False
    # words that open a fronted time or place ("Vorig jaar", "Im Vorjahr", "Eind maart")
    fronted: tuple[re.Pattern[str], ...] = ()
    # "payables en 2028", "pago em dezembro": a payment date still ahead, no period
    payment_dates: tuple[re.Pattern[str], ...] = ()
    # "im Frühjahr 2031 in Betrieb gehen", "due to open in mid-2030": a start-up ahead
    startups: tuple[re.Pattern[str], ...] = ()
    # "la posizione finanziaria netta era positiva": net cash, not net debt
    positives: tuple[re.Pattern[str], ...] = ()
    # "worth", "waard", "vale": a value word that is a valuation only when a company is
    # worth it; `contracts` ("order", "opdracht", "commessa") name what else may be
    worth: tuple[re.Pattern[str], ...] = ()
    # "financiados pelo", "financed by": a part of the sum another party pays
    financed_by: tuple[re.Pattern[str], ...] = ()
    # "would add £95m to its sales", "ajoutera 5 M€ à ses ventes": a change, not a level
    add_verbs: tuple[re.Pattern[str], ...] = ()
    add_to: re.Pattern[str] | None = None
    # "partner", "client", "Kunde": after a possessive, another company, not a unit
    partners: tuple[re.Pattern[str], ...] = ()
    # "por tienda", "per vessel", "pro Filiale" after an amount; "een kraan kost": an amount
    # for one unit of something, no company's figure
    unit_per: re.Pattern[str] | None = None
    unit_cost: re.Pattern[str] | None = None
    contracts: tuple[re.Pattern[str], ...] = ()

    # metric cues, spending and investment words: (pattern, metric, sign, weight)
    labelled: tuple[tuple[re.Pattern[str], str, int, int], ...] = ()


# The lower-case literal each cue pattern needs ("affaires" for "chiffre d'affaires"): a
# pattern is only run on a stretch of text that contains it.
_KEYS: dict[re.Pattern[str], str] = {}


def _literal(core: str) -> str:
    runs = re.findall(r"[^\W\d_]+", core.lower())
    return max(runs, key=len) if runs else ""


def _cue_pattern(cue: str) -> re.Pattern[str]:
    pattern = _compile_cue(cue)
    _KEYS[pattern] = _literal(cue.split(" ... ", 1)[0].strip("*"))
    return pattern


# "Mio.", "Mrd.": a dot that does not end the sentence a split verb spans
_ABBREVIATION_DOT = r"(?<=Mio)\.|(?<=Mrd)\.|(?<=Bio)\.|(?<=Tsd)\.|(?<=Md)\.|(?<=Mln)\.|(?<=mln)\."


def _compile_cue(cue: str) -> re.Pattern[str]:
    """A cue as a regex: whole words, `*` for an open end, any apostrophe or spacing.

    "A ... B" is a split verb ("setzte ... um"): A matches when B follows later in the
    same sentence (within 80 characters) as a whole word before punctuation.
    """
    if " ... " in cue:
        head, tail = cue.split(" ... ", 1)
        first = _compile_cue(head)
        last = re.escape(tail.strip())
        return re.compile(
            first.pattern
            + rf"(?=(?:[^.;!?\n]|{_ABBREVIATION_DOT}){{1,80}}?\s{last}"
            r"(?=\s*(?:[.,;!?]|(?:en|und|and|et|y|e|ed|maar|aber|but|mais|ma|mas)\s)))",
            first.flags,
        )
    head_open = cue.startswith("*")
    tail_open = cue.endswith("*")
    core = cue.strip("*")
    body = "".join(r"['’]" if ch in "'’" else r"\s+" if ch == " " else re.escape(ch) for ch in core)
    left = r"\w*" if head_open else (r"(?<!\w)" if core[:1].isalnum() else "")
    right = r"\w*" if tail_open else (r"(?!\w)" if core[-1:].isalnum() else "")
    # Short all-capital cues ("CA", "EBIT") are acronyms: case matters.
    acronym = core.isupper() and core.replace(" ", "").isalpha() and len(core) <= 6
    flags = 0 if acronym else re.IGNORECASE
    return re.compile(left + body + right, flags)


def _weight(pattern: re.Pattern[str]) -> int:
    """How specific a cue is: the length of its literal part ("bedrijfsverlies" > "verlies")."""
    return len(re.sub(r"\\w\*|\(\?<?!\\w\)", "", pattern.pattern))


def _suffixes(words: Sequence[str]) -> re.Pattern[str] | None:
    """A compound word that ends with one of `words` ("zuivelcoöperatie": "coöperatie")."""
    if not words:
        return None
    alternatives = "|".join(sorted((re.escape(w.casefold()) for w in words), key=len, reverse=True))
    return re.compile(rf"[^\W\d_]{{3,}}(?:{alternatives})", re.IGNORECASE)


def _demonstratives(words: Sequence[str], heads: Sequence[str]) -> re.Pattern[str] | None:
    """A demonstrative before a company noun, maybe a compound of it ("die coöperatie",
    "dieser Autobauer", "quell'azienda")."""
    if not words or not heads:
        return None
    spaced = "|".join(re.escape(w) for w in words if not w.endswith(("'", "’")))
    elided = "|".join(re.escape(w) for w in words if w.endswith(("'", "’")))
    opening = f"(?:{spaced})[^\\S\\n]+" + (f"|(?:{elided})[^\\S\\n]*" if elided else "")
    tails = {re.split(r"['’]", h)[-1].casefold() for h in heads}
    alternatives = "|".join(sorted((re.escape(t) for t in tails if t), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{opening})[^\W\d_]*(?:{alternatives})(?!\w)", re.IGNORECASE)


def _ending(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """Any of `phrases` closing the searched text ("... the same period")."""
    if not phrases:
        return None
    alt = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?i)(?<![^\W\d_])(?:{alt})\W*$")


def _patterns(cues: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(_cue_pattern(c) for c in cues if c.strip("*"))


@cache
def _lexicon(lang: str) -> _Lexicon:
    data: dict[str, Any] = lexicon.load("facts", lang) or lexicon.load("facts", "en")
    metrics: list[tuple[re.Pattern[str], str, int]] = []
    for metric, cues in data.get("metric_cues", {}).items():
        metrics.extend((p, metric, 1) for p in _patterns(cues))
    for metric, cues in data.get("loss_cues", {}).items():
        metrics.extend((p, metric, -1) for p in _patterns(cues))
    # the head nouns of the generic references ("grupo", "Konzern", "bedrijf", "société")
    company_heads = frozenset(
        re.split(r"['’]", g.split()[-1])[-1].casefold() for g in data["generic_company"]
    )
    kinds = [
        (p, metric) for metric, cues in data.get("spend_kinds", {}).items() for p in _patterns(cues)
    ]
    per = [(p, unit) for unit, cues in data.get("per_cues", {}).items() for p in _patterns(cues)]
    return _Lexicon(
        metrics=tuple(metrics),
        spend=_patterns(data.get("spend_cues", [])),
        invest=_patterns(data.get("invest_cues", [])),
        invest_targets=frozenset(w.casefold() for w in data.get("invest_targets", [])),
        market_prepositions=frozenset(
            w.casefold() for w in data.get("market_prepositions", [])
        ),
        percent=re.compile(
            "|".join(["%", *(rf"\b{re.escape(w)}\b" for w in data.get("percent_words", []))]),
            re.IGNORECASE,
        ),
        kinds=tuple(kinds),
        target=_patterns(data.get("target_cues", [])),
        forecast=_patterns(data.get("forecast_cues", [])),
        lookback=_patterns(data.get("lookback_cues", [])),
        now=_patterns(data.get("now_cues", [])),
        compared_dates=_patterns(data.get("compared_date_cues", [])),
        causes=_patterns(data.get("cause_cues", [])),
        inclusions=_patterns(data.get("inclusion_cues", [])),
        breaks=_patterns(data.get("clause_breaks", [])),
        generic=_patterns(data.get("generic_company", [])),
        pronouns=_patterns(data.get("pronouns", [])),
        counterparty=_patterns(data.get("counterparty_cues", [])),
        roles=_patterns(data.get("person_roles", [])),
        per=tuple(per),
        not_companies=frozenset(w.casefold() for w in data.get("not_companies", [])),
        intent=_patterns(data.get("intent_cues", [])),
        comparison=_patterns(data.get("comparison_cues", [])),
        full_year=_patterns(data.get("full_year_cues", [])),
        until=_patterns(data.get("until_cues", [])),
        clause_counterparty=_patterns(data.get("clause_counterparty_cues", [])),
        imposers=_patterns(data.get("imposer_cues", [])),
        investors=_patterns(data.get("investor_cues", [])),
        other_flows=_patterns(data.get("other_flow_cues", [])),
        earned=_patterns(data.get("earned_cues", [])),
        period_costs=_patterns(data.get("period_cost_cues", [])),
        post_deal=_patterns(data.get("post_deal_cues", [])),
        loans=_patterns(data.get("loan_cues", [])),
        net_burn=_patterns(data.get("net_burn_cues", [])),
        provisions=_patterns(data.get("provision_cues", [])),
        period_spans=tuple(
            (p, int(months))
            for months, cues in data.get("period_span_cues", {}).items()
            for p in _patterns(cues)
        ),
        prior_year=_patterns(data.get("prior_year_cues", [])),
        max_cues=_patterns(data.get("max_cues", [])),
        possessives=_patterns(data.get("possessives", [])),
        parts=_patterns(data.get("part_cues", [])),
        total_back=_patterns(data.get("total_back_cues", [])),
        restated_base=_patterns(data.get("restated_base_cues", [])),
        passive_buyers=_patterns(data.get("passive_buyer_cues", [])),
        bought_objects=_patterns(data.get("bought_object_cues", [])),
        price_prepositions=_patterns(data.get("price_preposition_cues", [])),
        meetings=_patterns(data.get("meeting_cues", [])),
        payees=_patterns(data.get("payee_cues", [])),
        payment_forms=_patterns(data.get("payment_form_cues", [])),
        period_end=_patterns(data.get("period_end_cues", [])),
        placements=_patterns(data.get("placement_cues", [])),
        deal_days=_patterns(data.get("deal_day_cues", [])),
        from_words=_patterns(data.get("from_after_amount_cues", [])),
        said_when=_patterns(data.get("said_when_cues", [])),
        from_to=_from_to(data.get("from_to_cues", {})),
        present=_patterns(data.get("present_period_cues", [])),
        halves=tuple(
            (p, which) for which, cues in data.get("half_cues", {}).items() for p in _patterns(cues)
        ),
        same_period=_patterns(data.get("same_period_cues", [])),
        changes=_patterns(data.get("change_cues", [])),
        levels=_patterns(data.get("level_cues", [])),
        ends=_patterns(data.get("end_cues", [])),
        quarters=tuple(
            (p, int(n)) for n, cues in data.get("quarter_cues", {}).items() for p in _patterns(cues)
        ),
        current=_patterns(data.get("current_period_cues", [])),
        relative=_patterns(data.get("relative_cues", [])),
        same_bare=_ending(data.get("same_period_bare", [])),
        subsidiaries=_patterns(data.get("subsidiary_cues", [])),
        ytd=_patterns(data.get("ytd_cues", [])),
        fiscal=_patterns(data.get("fiscal_cues", [])),
        fiscal_end=_patterns(data.get("fiscal_end_cues", [])),
        overrides=_patterns(data.get("other_override_cues", [])),
        minus=_patterns(data.get("minus_cues", [])),
        deadlines=_patterns(data.get("deadline_cues", [])),
        lenders=_patterns(data.get("lender_cues", [])),
        public_bodies=_patterns(data.get("public_body_cues", [])),
        contributions=_patterns(data.get("contribution_cues", [])),
        superseded=_patterns(data.get("superseded_cues", [])),
        outsiders=_patterns(data.get("outsider_cues", [])),
        sources=_patterns(data.get("source_cues", [])),
        rivals=_patterns(data.get("rival_cues", [])),
        counterparts=_patterns(data.get("counterpart_nouns", [])),
        purchases=_patterns(data.get("purchase_verbs", [])),
        sellers=_patterns(data.get("seller_prepositions", [])),
        stock_pronouns=_patterns(data.get("stock_pronouns", [])),
        plain_results=_patterns(data.get("plain_result_cues", [])),
        negatives=_patterns(data.get("negative_cues", [])),
        segment_subjects=_patterns(data.get("segment_subject_cues", [])),
        founded=_patterns(data.get("founded_cues", [])),
        stock_others=_patterns(data.get("stock_other_cues", [])),
        participations=_patterns(data.get("participation_cues", [])),
        alongside=_patterns(data.get("alongside_cues", [])),
        appraisers=_patterns(data.get("appraiser_cues", [])),
        analysts=_patterns(data.get("analyst_cues", [])),
        recipients=_patterns(data.get("recipient_cues", [])),
        margins=_patterns(data.get("margin_cues", [])),
        covenants=_patterns(data.get("covenant_cues", [])),
        guarantees=_patterns(data.get("guarantee_cues", [])),
        lending=_patterns(data.get("lending_cues", [])),
        provision_charges=_patterns(data.get("provision_charge_cues", [])),
        measure_costs=_patterns(data.get("measure_cost_cues", [])),
        goal_measures=_patterns(data.get("goal_measure_cues", [])),
        one_off_costs=_patterns(data.get("one_off_cost_cues", [])),
        price_ranges=_patterns(data.get("price_range_cues", [])),
        share_context=_patterns(data.get("share_context_cues", [])),
        named_subsidiaries=_patterns(data.get("named_subsidiary_cues", [])),
        pretax=_patterns(data.get("pretax_cues", [])),
        investor_search=_patterns(data.get("investor_search_cues", [])),
        annual=_patterns(data.get("annual_cues", [])),
        bonds=_patterns(data.get("bond_cues", [])),
        exchanges=_patterns(data.get("exchange_cues", [])),
        reduce=_patterns(data.get("reduce_cues", [])),
        level_words=frozenset(w.casefold() for w in data.get("level_words", [])),
        maturities=_patterns(data.get("maturity_cues", [])),
        demand=_patterns(data.get("offer_demand_cues", [])),
        merged_names=_patterns(data.get("merged_name_cues", [])),
        combined=_patterns(data.get("combined_cues", [])),
        aims=_patterns(data.get("aim_cues", [])),
        descriptor=_suffixes(data.get("descriptor_heads", [])),
        tickers=_patterns(data.get("ticker_cues", [])),
        change_by=_patterns(data.get("change_by_cues", [])),
        subject_pronouns=frozenset(w.casefold() for w in data.get("subject_pronouns", [])),
        change_after=_patterns(data.get("change_after_cues", [])),
        company_heads=company_heads,
        listings=_patterns(data.get("listing_cues", [])),
        demonstrative=_demonstratives(
            data.get("demonstratives", []), [*data.get("descriptor_heads", []), *company_heads]
        ),
        financial_buyers=_patterns(data.get("financial_buyer_cues", [])),
        deal_values=_patterns(data.get("deal_value_cues", [])),
        run_rates=_patterns(data.get("run_rate_cues", [])),
        capitalised_nouns=bool(data.get("capitalised_nouns", False)),
        verb_second=bool(data.get("verb_second", False)),
        respectively=_patterns(data.get("respectively_cues", [])),
        licences=_patterns(data.get("licence_payment_cues", [])),
        offer_sizes=_patterns(data.get("offer_size_cues", [])),
        share_sales=_patterns(data.get("share_sale_cues", [])),
        orders=_patterns(data.get("order_placed_cues", [])),
        respectively_words=frozenset(
            w.casefold() for w in data.get("respectively_cues", []) if " " not in w
        ),
        fronted=_patterns(data.get("fronted_cues", [])),
        payment_dates=_patterns(data.get("payment_date_cues", [])),
        startups=_patterns(data.get("startup_cues", [])),
        positives=_patterns(data.get("positive_cues", [])),
        worth=_patterns(data.get("worth_cues", [])),
        partners=_patterns(data.get("partner_cues", [])),
        financed_by=_patterns(data.get("financed_by_cues", [])),
        add_verbs=_patterns(data.get("add_verbs", [])),
        add_to=re.compile(
            r"[^\S\n]+(?:" + "|".join(re.escape(w) for w in data["add_to_words"]) + r")\b",
            re.IGNORECASE,
        )
        if data.get("add_to_words")
        else None,
        unit_per=_unit_per(data),
        unit_cost=_unit_cost(data),
        contracts=_patterns(data.get("contract_nouns", [])),
        capex=_patterns(data.get("metric_cues", {}).get("infrastructure_spend", [])),
        labelled=tuple(
            (p, metric, sign, _weight(p))
            for p, metric, sign in (
                *metrics,
                *((p, "spend", 1) for p in _patterns(data.get("spend_cues", []))),
                *((p, "invest", 1) for p in _patterns(data.get("invest_cues", []))),
            )
        ),
    )


def _unit_per(data: dict[str, Any]) -> re.Pattern[str] | None:
    """A distributive word and a bare lower-case noun closing the clause right after an
    amount ("por tienda.", "par magasin,", "per winkel"), not a time unit, a share or a
    percent word."""
    words = data.get("unit_per_words", [])
    if not words:
        return None
    skip = [
        *data.get("unit_per_exceptions", []),
        *(w.split()[-1] for unit in data.get("per_cues", {}).values() for w in unit),
        *data.get("percent_words", []),
    ]
    spaced = "|".join(re.escape(w) for w in words)
    avoid = "|".join(re.escape(w.strip("*")) for w in skip if w.strip("*"))
    return re.compile(
        rf"[^\S\n]+(?:{spaced})[^\S\n]+(?!(?:{avoid})\w*\b)(?-i:[a-zà-ÿ])[^\W\d_]+(?=[^\S\n]*(?:[.,;:)]|$))",
        re.IGNORECASE,
    )


def _unit_cost(data: dict[str, Any]) -> re.Pattern[str] | None:
    """An indefinite article, one noun and a cost verb right before an amount ("een kraan
    kost", "a vessel costs", "un bus coûte")."""
    articles, verbs = data.get("unit_articles", []), data.get("unit_cost_verbs", [])
    if not articles or not verbs:
        return None
    a = "|".join(re.escape(w) for w in articles)
    v = "|".join(re.escape(w) for w in verbs)
    return re.compile(
        rf"(?i)(?<!\w)(?:{a})[^\S\n]+[^\W\d_]+[^\S\n]+(?:{v})(?:[^\S\n]+(?:[^\W\d_]+))?[^\S\n]*$"
    )


def _unit_amount(text: str, lex: _Lexicon, amount: MoneyMention, sentence: tuple[int, int]) -> bool:
    """An amount for one unit ("una inversión de 3 millones por tienda", "een kraan kost
    zo'n € 40 miljoen"): no fact of a company."""
    if amount.per is not None:
        return False
    if lex.unit_per is not None and lex.unit_per.match(text, amount.end, sentence[1]):
        return True
    lo = max(sentence[0], amount.start - 40)
    return lex.unit_cost is not None and lex.unit_cost.search(text, lo, amount.start) is not None


# The (literal, pattern) pairs of a tuple of cue patterns, by the tuple's id (the tuple
# is kept, so its id is not reused): no dictionary look-up per pattern and call.
_KEYED: dict[int, tuple[object, tuple[tuple[str, re.Pattern[str]], ...]]] = {}


def _keyed(patterns: Iterable[re.Pattern[str]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    entry = _KEYED.get(id(patterns))
    if entry is not None and entry[0] is patterns:
        return entry[1]
    pairs = tuple((_KEYS.get(p, ""), p) for p in patterns)
    if isinstance(patterns, tuple):
        if len(_KEYED) > 4096:
            _KEYED.clear()
        _KEYED[id(patterns)] = (patterns, pairs)
    return pairs


# The last text lowered whole (None when lowering changes its length): a window of it is
# the pre-filter of the cue patterns, without lowering the same text again and again.
_LOWERED: tuple[str, str | None] = ("", "")


def _window(text: str, start: int, end: int) -> str:
    global _LOWERED
    cached = _LOWERED
    if cached[0] is not text:
        whole = text.lower()
        cached = _LOWERED = (text, whole if len(whole) == len(text) else None)
    low = cached[1]
    return low[start:end] if low is not None else text[start:end].lower()


def _find(patterns: Iterable[re.Pattern[str]], text: str, start: int, end: int) -> list[_Hit]:
    hits = []
    window = _window(text, max(0, start), end)
    for key, pattern in _keyed(patterns):
        if key not in window:
            continue
        for m in pattern.finditer(text, start, end):
            if m.end() > m.start():
                hits.append(_Hit(m.start(), m.end(), ""))
    return hits


def _any(patterns: Iterable[re.Pattern[str]], text: str, start: int, end: int) -> bool:
    window = _window(text, max(0, start), end)
    return any(key in window and p.search(text, start, end) for key, p in _keyed(patterns))


# -- sentences and clauses ----------------------------------------------------------


def _sentences(
    text: str,
    doc: Doc | None,
    mentions: Sequence[tuple[int, int]] = (),
    amount_ends: Sequence[int] = (),
) -> list[tuple[int, int]]:
    """Sentence spans covering the text, also cut at line ends (titles, captions).

    A boundary inside a mention ("52 Mio. Franken") or before a lower-case word
    ("CHF 286,4 Mio. erzielt") is an abbreviation, not the end of a sentence.
    """
    spans: list[tuple[int, int]] = []
    raw: list[tuple[int, int]] = []
    if doc is not None:
        try:
            raw = [(s.start_char, s.end_char) for s in doc.sents]
        except (ValueError, AttributeError):
            raw = []
    if not raw:
        raw = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]*", text)]
    bounds: list[tuple[int, int]] = []
    for start, end in raw:
        if bounds and _glued(text, bounds[-1][1], start, mentions):
            bounds[-1] = (bounds[-1][0], end)
        else:
            bounds.append((start, end))
    # An amount closing a sentence ("... fell to £96m. Revenue was ..."): the tokenizer
    # may read "m." as an abbreviation.
    cuts = sorted(
        m.end()
        for e in amount_ends
        if (m := _AFTER_AMOUNT.match(text, e)) is not None
        and (text[e - 1 : e] == "." or text[e : e + 1] == ".")
    )
    for start, end in bounds:
        pos = start
        breaks = [
            (start + m.start(), start + m.end()) for m in _HARD_BREAK.finditer(text[start:end])
        ]
        breaks += [(c, c) for c in cuts if start < c < end]
        for b_start, b_end in sorted(breaks):
            if b_start > pos:
                spans.append((pos, b_start))
            pos = max(pos, b_end)
        if end > pos:
            spans.append((pos, end))
    return spans


def _glued(text: str, prev_end: int, start: int, mentions: Sequence[tuple[int, int]]) -> bool:
    if "\n" in text[prev_end - 1 : start + 1]:
        return False
    if any(s < prev_end and start < e for s, e in mentions):
        return True
    nxt = text[start:].lstrip()
    return bool(nxt) and (nxt[0].islower() or nxt[0].isdigit())


def split_clauses(text: str, lang: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of `text[start:end]`: cut before each connective of the language."""
    cuts = {start, end}
    for hit in _find(_lexicon(lang).breaks, text, start, end):
        if hit.start > start:
            cuts.add(hit.start)
    edges = sorted(cuts)
    return [(a, b) for a, b in itertools.pairwise(edges) if b > a]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A clause without its surrounding blanks and dangling commas."""
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


# -- attribution helpers ------------------------------------------------------------


def _distance(a_start: int, a_end: int, h_start: int, h_end: int) -> int:
    if h_end <= a_start:
        return a_start - h_end
    if h_start >= a_end:
        return h_start - a_end
    return 0


def _attached(gap: str) -> bool:
    """A cue after the amount names it only when little words join them
    ("11 millions de dollars de revenus", "$5m in sales"), not across a verb or comma."""
    words = re.findall(r"[^\W\d_]+|[^\w\s'’]", gap)
    return len(words) <= 3 and all(w.casefold() in _ATTACH for w in words)


_OF_AMOUNT = _OF | _words("di von vom")


def _names_next(gap: str) -> bool:
    """A cue right before an amount, joined by "of" at most, names that amount
    ("revenue of $188m", "Umsatz von 240 Mio.", "ricavi di 240 milioni")."""
    return len(gap) <= 6 and all(w.casefold() in _OF_AMOUNT for w in re.findall(r"[^\s'’]+", gap))


def _little_gap(gap: str) -> bool:
    """Only "in"/"of" words between a cue and a date ("annoncée en juillet", "fissati a
    maggio")."""
    return len(gap) <= 8 and all(w.casefold() in _IN | _OF_AMOUNT | _AT for w in gap.split())


_AT = _words("a à at op")


def _between(lo: int, hi: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(lo <= s and e <= hi for s, e in spans)


def _counterparties(
    text: str,
    lex: _Lexicon,
    orgs: Sequence[EntityMention],
    amounts: Sequence[MoneyMention],
    clauses: Sequence[tuple[int, int]],
) -> set[int]:
    """Indexes (into `orgs`) of the ORG mentions that are counterparties of an amount."""
    found: set[int] = set()
    for c_start, c_end in clauses:
        firsts = [a.start for a in amounts if c_start <= a.start < c_end]
        if not firsts:
            continue
        cues = _find(lex.counterparty, text, min(firsts), c_end)
        # Cues that name the other party wherever it stands: "l'acquisizione di X per
        # 95 milioni", "fornirà a X 36 milioni", "a loan led by X".
        cues += _find(lex.clause_counterparty, text, c_start, c_end)
        in_clause = [i for i, o in enumerate(orgs) if c_start <= o.start and o.end <= c_end]
        # "Ashby Tools is being bought by Fenmore Group": the buyer owns the price paid,
        # the company bought is the other party.
        buyers: set[int] = set()
        for hit in _find(lex.passive_buyers, text, c_start, c_end):
            after = [i for i in in_clause if hit.end <= orgs[i].start]
            if after and _GAP.fullmatch(text[hit.end : orgs[after[0]].start]):
                buyers.add(after[0])
                found.update(i for i in in_clause if orgs[i].end <= hit.start)
        if lex.verb_second:
            buyers |= _inverted_buyers(text, lex, orgs, in_clause, (c_start, c_end), found)
        if in_clause and lex.imposers:
            # "Das Bundeskartellamt verhängte ... eine Strafe": the authority is not the
            # owner. It is the last ORG before the verb, not the first of the clause
            # ("(Agence) - VILLE - L'autorité a infligé ...": a wire credit comes first).
            for hit in _find(lex.imposers, text, c_start, c_end):
                before = [i for i in in_clause if orgs[i].end <= hit.start]
                if before and hit.end <= orgs[before[-1]].end + 40:
                    found.add(before[-1])
                    # "a infligé une amende de 2 M€ à X": the ORG it is imposed on (or
                    # lent to) owns the amount, whatever the preposition
                    after = [i for i in in_clause if orgs[i].start >= hit.end]
                    buyers.update(after[:1])
                    break
        for i in in_clause:
            org = orgs[i]
            if i in buyers:
                continue
            for cue in cues:
                gap = text[cue.end : org.start]
                if cue.end <= org.start and _GAP.fullmatch(gap):
                    found.add(i)
                    break
            else:
                # "neemt het Belgische X over", "übernimmt den Münchner Hersteller X": a
                # verb's object may follow capitalised adjectives (no other ORG between)
                for cue in _find(lex.clause_counterparty, text, c_start, c_end):
                    gap = text[cue.end : org.start]
                    if (
                        cue.end <= org.start
                        and _WIDE_GAP.fullmatch(gap)
                        and not any(cue.end <= o.start < org.start for o in orgs)
                    ):
                        found.add(i)
                        break
        found.update(_stake_and_seller(text, lex, orgs, in_clause, min(firsts), (c_start, c_end)))
        # A list after a counterparty cue: "auprès d'AWS, de Google Cloud et de ..."
        for i, j in itertools.pairwise(in_clause):
            if i in found and j not in found:
                gap = text[orgs[i].end : orgs[j].start]
                words = re.findall(r"\w+", gap)
                if len(gap) <= 15 and all(w.casefold() in _GLUE for w in words):
                    found.add(j)
    return found


# "comprou 40% do X", "bought a 25% stake in X": the company whose stake is bought
_STAKE_GAP = re.compile(
    r"(?i)[^\S\n]+(?:[^\W\d_]+[^\S\n]+){0,2}\d+(?:[.,]\d+)?[^\S\n]*(?:%|[^\W\d_]*cent[oa]?"
    r"|procent|Prozent)[^\S\n]+(?:[^\W\d_]+[^\S\n]+){0,3}"
)


def _stake_and_seller(
    text: str,
    lex: _Lexicon,
    orgs: Sequence[EntityMention],
    in_clause: Sequence[int],
    first_amount: int,
    clause: tuple[int, int],
) -> set[int]:
    """After a purchase verb, before the price, the company whose stake is bought ("a X
    comprou 40% do Y") and the seller behind a "from" word ("... da Z por R$ 620
    milhões", "... from Z for £40m"): other parties, when a buyer is named before."""
    found: set[int] = set()
    for hit in _find(lex.purchases, text, *clause):
        if not any(orgs[i].end <= hit.start for i in in_clause):
            continue
        for i in in_clause:
            org = orgs[i]
            if not hit.end <= org.start < first_amount:
                continue
            gap = text[hit.end : org.start]
            lead = text[max(hit.end, org.start - 14) : org.start]
            if _STAKE_GAP.fullmatch(gap) or any(
                not lead[h.end - max(hit.end, org.start - 14) :].strip(" '’")
                for h in _find(lex.sellers, text, max(hit.end, org.start - 14), org.start)
            ):
                found.add(i)
    return found


_COORDINATION = re.compile(r"(?i)[,;()]|(?<!\w)(?:en|und|oder|of|sowie)(?!\w)")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _inverted_buyers(
    text: str,
    lex: _Lexicon,
    orgs: Sequence[EntityMention],
    in_clause: Sequence[int],
    clause: tuple[int, int],
    found: set[int],
) -> set[int]:
    """Verb-second order: "Vorig jaar nam X nog Y over voor € 150 miljoen", "Im Vorjahr
    kaufte X die Y für 150 Mio. Euro". A buying verb after a fronted time, with no company
    before it, is followed by its subject and then its object: the first ORG buys (it is
    returned), the second is the other party (added to `found`)."""
    buyers: set[int] = set()
    c_start = clause[0]
    for cue in _find(lex.clause_counterparty, text, *clause):
        after = [i for i in in_clause if orgs[i].start >= cue.end]
        if len(after) < 2 or any(orgs[i].end <= cue.start for i in in_clause):
            break
        subject, target = orgs[after[0]], orgs[after[1]]
        lead = c_start + _leading_blank(text, c_start)
        if lead >= cue.start or _any(lex.generic, text, lead, cue.start):
            break
        if not (
            _YEAR.search(text, lead, cue.start)
            or any(hit.start == lead for hit in _find(lex.fronted, text, lead, cue.start))
        ):
            break  # "Ein Bankenkonsortium unter Führung der X": a subject, not a time
        if not _GAP.fullmatch(text[cue.end : subject.start]):
            break
        gap = text[subject.end : target.start]
        if len(gap) > 40 or _COORDINATION.search(gap) or re.search(r"\d", gap):
            break
        buyers.add(after[0])
        found.add(after[1])
        break
    return buyers


_FROM = _words(
    "of de d du des del dell della dello der van do da dos das from by von vom bij door dal "
    "dalla dai dagli par auprès pelo pela"
)
_ARTICLES = _words("the le la les l el los las il lo i gli o a os as der die das den dem de het")


def _after_round(ctx: _Context, amount: MoneyMention, earlier: Fact | None) -> bool:
    """A round raised just before ("captou US$ 85 milhões ... Inicialmente, a Cajá
    buscava US$ 100 milhões"): the earlier fact, or a funding word in the paragraph."""
    if earlier is not None and earlier.metric in ("funding_raised", "funding_target"):
        return earlier.currency == amount.currency
    lo = max(ctx.text.rfind("\n", 0, amount.start) + 1, amount.start - 400)
    rounds = tuple(p for p, metric, _, _ in ctx.lex.labelled if metric == "funding_raised")
    return _any(rounds, ctx.text, lo, amount.start)


def _lent_by(ctx: _Context, amount: MoneyMention, clause: tuple[int, int]) -> EntityMention | None:
    """The ORG right after the amount behind a counterparty word ("de R$ 300 milhões do
    BNDES", "of €40m from Rabobank"): who lent it."""
    for org in ctx.orgs:
        if amount.end <= org.start < clause[1] and org.start - amount.end <= 25:
            words = re.findall(r"[^\W\d]+", ctx.text[amount.end : org.start].casefold())
            if 1 <= len(words) <= 3 and words[0] in _FROM and set(words[1:]) <= _ARTICLES:
                return org
    return None


def _lent_after(ctx: _Context, amount: MoneyMention, clause: tuple[int, int]) -> bool:
    """A lending verb right after the amount, verb-final ("dat veertien banken samen € 2,9
    miljard lenen", "die 40 Millionen Euro leihen")."""
    hi = min(clause[1], amount.end + 20)
    return any(
        not ctx.text[amount.end : h.start].strip()
        for h in _find(ctx.lex.lending, ctx.text, amount.end, hi)
    )


# "da", "of", "über", "de", "van": what joins a lender's name to the amount of its loan
_LOAN_SIZE = _words("da di of de del do van von über ueber for")
_LOAN_FROM = _FROM | _words("di della dello")


# "numa linha de enchimento", "in a new line": a place the money goes, not a loan
_INTO = _IN | _words("into numa num nella nello nell sur en op auf")


def _loan_named(
    ctx: _Context, amount: MoneyMention, clause: tuple[int, int], others: Sequence[tuple[int, int]]
) -> bool:
    """A loan noun that names the amount: before it behind a size word ("un prestito da
    25 milioni", "a loan of £30m"), or after it behind at most three words and no comma
    ("25 Mio. Euro leiht die Sparkasse X dazu", "a £30m loan")."""
    text = ctx.text
    for hit in _find(ctx.lex.loans, text, clause[0], clause[1]):
        if hit.end <= amount.start:
            gap = text[hit.end : amount.start]
            if len(gap) <= 6 and all(w.casefold() in _LOAN_SIZE for w in gap.split()):
                return True
        elif hit.start >= amount.end:
            gap = text[amount.end : hit.start]
            if (
                len(gap.split()) <= 3
                and not re.search(r"[,;()]", gap)
                and not any(w.casefold() in _INTO for w in gap.split())
                and not _between(amount.end, hit.start, others)
            ):
                return True
    return False


def _lender_between(
    ctx: _Context, name: str, amount: MoneyMention, clause: tuple[int, int]
) -> bool:
    """`name` is an ORG between a loan word and the loan's amount ("un prestito di Banca
    X da 20 milioni", "un prêt de la Banque X de 20 millions", "a loan from X of £20m"):
    the lender."""
    for org in ctx.orgs:
        if org.canonical != name or not (clause[0] <= org.start and org.end <= amount.start):
            continue
        # (a short form in brackets after the name: "der Landesbank X (LBX) über")
        gap = re.sub(r"^[^\S\n]*\([^()\n]{1,12}\)", " ", ctx.text[org.end : amount.start])
        after = re.findall(r"[^\W\d]+", gap.casefold())
        if len(after) != 1 or after[0] not in _LOAN_SIZE:
            continue
        for hit in _find(ctx.lex.loans, ctx.text, max(clause[0], org.start - 30), org.start):
            words = re.findall(r"[^\W\d]+", ctx.text[hit.end : org.start].casefold())
            if 1 <= len(words) <= 3 and words[0] in _LOAN_FROM and set(words[1:]) <= _ARTICLES:
                return True
    return False


def _public_giver(
    ctx: _Context, name: str, amount: MoneyMention, clause: tuple[int, int]
) -> bool:
    """`name` is a public body ("Ministerio de X", "the Ministry of Y") that opens the
    clause and contributes the amount ("aportará", "will contribute")."""
    text, lex = ctx.text, ctx.lex
    for org in ctx.orgs:
        if org.canonical != name or not (clause[0] <= org.start and org.end <= amount.start):
            continue
        if len(text[clause[0] : org.start].split()) > 2 or amount.start - org.end > 50:
            continue
        heads = _find(lex.public_bodies, text, org.start, org.end)
        if not any(h.start == org.start for h in heads):
            continue
        if _any(lex.contributions, text, org.end, amount.start):
            return True
    return False


def _given_by(ctx: _Context, name: str, amount: MoneyMention, clause: tuple[int, int]) -> bool:
    """`name` is an ORG before the amount behind a counterparty word ("ottenuto dalla
    SACE una garanzia su un finanziamento"): the lender or guarantor, not the borrower."""
    for org in ctx.orgs:
        if org.canonical == name and clause[0] <= org.start and org.end <= amount.start:
            hits = _find(ctx.lex.counterparty, ctx.text, max(clause[0], org.start - 12), org.start)
            if any(not ctx.text[h.end : org.start].strip(" '’") for h in hits):
                return True
    return False


_WORDS_OF: dict[int, tuple[_Lexicon, tuple[tuple[str, re.Pattern[str]], ...]]] = {}


def _company_words(lex: _Lexicon) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Metric, spending and generic words: an ORG inside one is no company name."""
    entry = _WORDS_OF.get(id(lex))
    if entry is None or entry[0] is not lex:
        words = (*(p for p, _, _ in lex.metrics), *lex.spend, *lex.generic)
        entry = _WORDS_OF[id(lex)] = (lex, tuple((_KEYS.get(p, ""), p) for p in words))
    return entry[1]


def _is_company(
    text: str, lex: _Lexicon, org: EntityMention, amounts: Sequence[MoneyMention]
) -> bool:
    """False for an ORG that is an amount, a metric word or a generic reference."""
    if any(a.start < org.end and org.start < a.end for a in amounts):
        return False
    if org.text.strip().casefold() in lex.not_companies or not org.text.strip():
        return False
    if _possessed(text, lex, org):
        return False  # "its Vireo headphones", "sa filiale X": a product or unit, not the owner
    if re.match(r"-[^\W\d_A-Z]", text[org.end : org.end + 2]):
        return False  # "the Felixstowe-based haulier": a place used as an adjective
    if _defined_term(text, org) or _common_phrase(lex, org) or _role_apposition(text, lex, org):
        return False
    if _listed_in_brackets(text, org) or _common_noun(text, org):
        return False
    if any(
        re.fullmatch(r"[^\S\n]*[:'\"«“‘(]?[^\S\n]*", text[h.end : org.start])
        for h in _find(lex.tickers, text, max(0, org.start - 30), org.start)
    ):
        return False  # "onder de ticker HLDR", "(Nasdaq: KLRT)": a stock code, no company
    if any(
        h.end == org.end
        and (h.start == org.start or _AT_PLACE.search(text, max(0, org.start - 12), org.start))
        for h in _find(lex.exchanges, text, org.start, org.end)
    ) or any(
        not text[h.end : org.start].strip()
        for h in _find(lex.listings, text, max(0, org.start - 25), org.start)
    ):
        return False  # "quotata a Piazza Affari", "genoteerd aan het Damrak": an exchange
    lo, hi = max(0, org.start - 20), min(len(text), org.end + 20)
    window = _window(text, lo, hi)
    for key, pattern in _company_words(lex):
        if key not in window:
            continue
        for m in pattern.finditer(text, lo, hi):
            word = m.group(0).casefold()
            # (not a name that only starts like a cue word: "Costavela" is no "cost*")
            tail = len(word) - word.rfind(key) - len(key) if key in word else 0
            if m.start() <= org.start and org.end <= m.end() and tail < 4:
                return False
    return True


def _common_noun(text: str, org: EntityMention) -> bool:
    """A one-word ORG the text also writes in lower case ("Caffè, X alza i listini ...
    il caffè verde"): a common noun capitalised at the start of a title, no company."""
    word = org.text.strip()
    if " " in word or not word[:1].isupper() or word.isupper() or len(word) < 3:
        return False
    lower = word[0].lower() + word[1:]
    return re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", text) is not None


# "an der Frankfurter Börse", "alla Borsa di Milano", "on the London Stock Exchange"
_AT_PLACE = re.compile(
    r"(?i)(?<!\w)(?:an|auf|in)[^\S\n]+der[^\S\n]+$|(?<!\w)(?:à|en|sur)[^\S\n]+la[^\S\n]+$"
    r"|(?<!\w)(?:alla|nella|sulla|na|aan|op|on|at)[^\S\n]+(?:de[^\S\n]+|het[^\S\n]+|the[^\S\n]+)?$"
)


def _listed_in_brackets(text: str, org: EntityMention) -> bool:
    """A name in a bracketed list of common nouns ("L'activité estivale (VTT, luge,
    randonnée)"): an activity or product, no company."""
    open_ = text.rfind("(", max(0, org.start - 40), org.start)
    close = text.find(")", org.end, org.end + 60)
    if open_ < 0 or close < 0 or ")" in text[open_ : org.start] or "\n" in text[open_:close]:
        return False
    inside = text[open_ + 1 : close]
    items = [i.strip() for i in re.split(r",|\b(?:et|and|und|y|e|en|ed)\b", inside)]
    return len(items) >= 3 and sum(1 for i in items if i[:1].islower()) >= 2


def _defined_term(text: str, org: EntityMention) -> bool:
    """An acronym defined in brackets after lower-case words ("provisões para devedores
    duvidosos (PDD)", "juros sobre capital próprio (JCP)"): a financial term, no company."""
    name = org.text.strip()
    if " " in name or not name.isupper():
        return False
    pattern = rf"(?<!\w)[^\W\d_A-ZÀ-Þ][^\W\d]*[^\S\n]*\({re.escape(name)}\)"
    return re.search(pattern, text) is not None


def _common_phrase(lex: _Lexicon, org: EntityMention) -> bool:
    """A capitalised phrase of common words ending with a metric word ("Annual recurring
    revenue" opening a sentence): a metric, no company."""
    words = org.text.split()
    if len(words) < 2 or not all(w[:1].islower() for w in words[1:]):
        return False
    end = len(org.text)
    hits = (m for p, _, _ in lex.metrics for m in p.finditer(org.text))
    return any(m.end() == end and m.start() > 0 for m in hits)


def _role_apposition(text: str, lex: _Lexicon, org: EntityMention) -> bool:
    """A name in apposition after a person's role ("o advogado da empresa, Henrique
    Vasconcellos,", "its chief executive, Jane Roe,"): a person, no company."""
    if text[org.end : org.end + 1] != ",":
        return False
    lo = max(0, org.start - 40)
    return any(
        re.fullmatch(r"(?:[^\S\n]+[^\W\d_]+){0,3},[^\S\n]+", text[hit.end : org.start])
        for hit in _find(lex.roles, text, lo, org.start)
    )


def _sentence_opener(
    text: str, org: EntityMention, title_end: int, others: Sequence[EntityMention]
) -> bool:
    """A single capitalised word opening a sentence, named nowhere else, before a
    lower-case word ("Treiber waren ...", "Hinzu kommen ..."), in a text that names
    another company at least twice: a common word."""
    name = org.text.strip()
    names = Counter(o.canonical for o in others if o.canonical != org.canonical)
    if not names or max(names.values()) < 2:
        return False
    if " " in name or org.start <= title_end or not name[:1].isupper() or name.isupper():
        return False
    before = text[max(0, org.start - 2) : org.start]
    if not (before.endswith("\n") or re.fullmatch(r"[.!?:][^\S\n]", before)):
        return False
    if re.match(r"[^\S\n]+[^\W\d_A-Z]", text[org.end : org.end + 3]) is None:
        return False
    return len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text)) == 1


def _described_as_own(text: str, lex: _Lexicon, e: EntityMention) -> bool:
    """A name followed by a possessive apposition ("Ledgerly, its cloud bookkeeping
    platform,"): a product or unit of the company, not a company."""
    m = re.match(r",[^\S\n]+", text[e.end : e.end + 3])
    if m is None:
        return False
    lo = e.end + m.end()
    if not any(hit.start == lo for hit in _find(lex.possessives, text, lo, lo + 8)):
        return False
    # ("X, its German subsidiary, lost €5m": a company of its own)
    return not _any(lex.named_subsidiaries, text, lo, min(len(text), lo + 40))


def _possessed(text: str, lex: _Lexicon, org: EntityMention) -> bool:
    """An ORG right after a possessive, maybe with a common noun between ("its unit X")."""
    lo = max(0, org.start - 30)
    for m in _find(lex.possessives, text, lo, org.start):
        gap = text[m.end : org.start]
        if re.fullmatch(r"[^\S\n]+(?:[^\W\d_]+[^\S\n]+){0,3}", gap):
            # "son rival lyonnais X", "its competitor X": another company; "its German
            # subsidiary X GmbH": a company of its own, with its own figures
            return not (
                _any(lex.rivals, text, m.end, org.start)
                or _any(lex.partners, text, m.end, org.start)
                or _any(lex.named_subsidiaries, text, m.end, org.start)
            )
    # "la division X", "die Sparte X", "the unit X": a unit of the group
    for m in _find(lex.subsidiaries, text, lo, org.start):
        if re.fullmatch(r"[\s,'’]*(?:[^\W\d_]{1,4}[\s'’]+)?", text[m.end : org.start]):
            return not _any(lex.named_subsidiaries, text, m.start, m.end)
    return False


def _companies(
    text: str,
    lex: _Lexicon,
    entities: Sequence[EntityMention],
    amounts: Sequence[MoneyMention],
    labels: tuple[str, ...],
) -> tuple[EntityMention, ...]:
    title_end = _title_end(text)
    found = [
        e
        for e in entities
        if e.label in labels
        and _is_company(text, lex, e, amounts)
        and not _heading_label(text, e, title_end, [o for o in entities if o.label in labels])
        and not _compound_descriptor(text, e, [o for o in entities if o.label in labels])
        and not (
            lex.capitalised_nouns
            and _sentence_opener(text, e, title_end, [o for o in entities if o.label in labels])
        )
    ]
    ends = {e.end for e in found}
    return tuple(
        sorted(
            (
                e
                for e in found
                if not _origin(text, e, ends)
                and not (" " not in e.text and _ADVERB.search(e.text) and len(e.text) > 8)
            ),
            key=lambda e: e.start,
        )
    )


def _heading_label(
    text: str, org: EntityMention, title_end: int, others: Sequence[EntityMention]
) -> bool:
    """A topic label opening the title before a colon and another company's name (or a
    word of one named in the body: "Dienstwagen-Leasing: Acme senkt ...") that the body
    never writes again: a rubric, no company."""
    if not title_end or org.start > 3 or org.end > title_end:
        return False
    if not text[org.end : title_end].lstrip().startswith(":"):
        return False
    after = re.match(r"[^\S\n]*:[^\S\n]*([^\W\d_][\w'’-]*)", text[org.end : title_end])
    word = after.group(1) if after else ""
    if not any(
        (org.end < o.start and o.end <= title_end)
        or (o.start > title_end and word in o.text.split())
        for o in others
    ):
        return False  # "Laiterie Morvan : chiffre d'affaires en hausse": the company
    pattern = rf"(?<![\w-]){re.escape(org.text.strip())}(?![\w-])"
    return re.search(pattern, text[title_end:]) is None


def _compound_descriptor(text: str, org: EntityMention, others: Sequence[EntityMention]) -> bool:
    """A one-word ORG that is the first part of a hyphenated compound right before
    another company's name ("Der Dienstrad-Anbieter Velowerk"): a descriptor of that
    company, no company itself."""
    if " " in org.text.strip():
        return False
    m = re.match(r"-[^\W\d_][^\W\d_]*[^\S\n]+", text[org.end : org.end + 40])
    if m is None:
        return False
    at = org.end + m.end()
    return any(o.start == at for o in others)


# "Contestualmente", "Finalmente": a sentence-opening adverb the tagger took for a name
_ADVERB = re.compile(r"(?<=[a-zà-ÿ])mente$")
_ORIGIN = re.compile(r",[^\S\n]+(?:de|da|do|di|du|from|aus|van|uit|in)[^\S\n]+$")


def _origin(text: str, org: EntityMention, ends: set[int]) -> bool:
    """A town in apposition after a company ("Saúde Cerrado, de Goiânia,", "Tidewell,
    from Raleigh,"): a place, not a second company."""
    m = _ORIGIN.search(text, max(0, org.start - 8), org.start)
    if m is None or m.start() not in ends:
        return False
    return text[org.end : org.end + 1] in (",", ".", ";")


_SOURCE_LINE = re.compile(
    r"^[^\S\n]*(?:Sources?|Quelle|Fuente|Fonte|Bron|Credit|Crédit|Foto|Photo|Fotó)[^\S\n]*:.*$"
    r"|\((?:AFP|Reuters|dpa|ANP|EFE|ANSA|Lusa|AP|Bloomberg|Belga|APA)\)"
    # a wire dateline: "MADRID, 14 oct (Agencia) -", "BRUSSEL (Belga) -"
    r"|^[^\S\n]*(?-i:[A-ZÀ-Þ][A-ZÀ-Þ' .-]+)\b,?[^\n(]{0,25}\([^()\n]{1,40}\)[^\S\n]*[-–—]"
    # a credit line of its own: "Marie Dupont/AFP", "Jan Jansen / ANP"
    r"|^[^\S\n]*[^\W\d_][^\n/\d.]{1,40}/[^\S\n]*[^\W\d_][^\n/\d.]{1,40}[^\S\n]*$",
    re.MULTILINE | re.IGNORECASE,
)


def _excluded(text: str) -> tuple[tuple[int, int], ...]:
    """Source and credit lines ("Source : Les Echos", "(AFP)") in any of the seven
    languages: their ORGs are no topic of the article."""
    return tuple(m.span() for m in _SOURCE_LINE.finditer(text))


def _main_company(
    orgs: Sequence[EntityMention],
    counterparties: set[int],
    title_end: int = 0,
    excluded: Sequence[tuple[int, int]] = (),
) -> str | None:
    """The most mentioned ORG, ties by first mention. A name inside a longer one
    ("Almenara Hoteles", "Grupo Almenara Hoteles") counts for both; a mention in the
    title (the first line) counts twice; one in a source or credit line not at all. The
    name that opens the title and the first one of the body (the subject of the lead:
    "Acme cede ... agli americani di Beta / Farmaceutici Acme ha ceduto alla
    statunitense Beta ...") count once more each."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    lead_seen = False
    for i, org in enumerate(orgs):
        if i in counterparties or any(a <= org.start < b for a, b in excluded):
            continue
        counts[org.canonical] += 2 if org.end <= title_end else 1
        if title_end and org.start <= 3:
            counts[org.canonical] += 1
        if title_end and org.start > title_end and not lead_seen:
            counts[org.canonical] += 1
            lead_seen = True
        first.setdefault(org.canonical, org.start)
    if not counts:
        return None
    words = {name: name.casefold().split() for name in counts}
    score = Counter(counts)
    for a, wa in words.items():
        for b, wb in words.items():
            if a != b and len(wa) < len(wb) and _contains(wb, wa):
                score[a] += counts[b]
                score[b] += counts[a]
    return min(score, key=lambda name: (-score[name], first[name]))


_QUOTE_MARKS = "'\"«»‘’“”„"


def _in_quotes(text: str, org: EntityMention) -> bool:
    """A name written between quotes ("editor del diario 'La Voz del Norte'"): the title of
    a publication or product, never the article's main company."""
    return (
        org.start > 0
        and org.end < len(text)
        and text[org.start - 1] in _QUOTE_MARKS
        and text[org.end] in _QUOTE_MARKS
    )


def _introduced_company(text: str, lex: _Lexicon, org: EntityMention) -> bool:
    """A quoted name right after a company noun ("Softwarebedrijf 'Tegelwerk'", "la
    start-up « Kalma »"): a company written in quotes, not a publication's title."""
    lo = max(0, org.start - 40)
    before = text[lo : org.start].rstrip(_QUOTE_MARKS + " \u00a0")
    if any(h.end == lo + len(before) for h in _find(lex.generic, text, lo, lo + len(before))):
        return True
    words = re.findall(r"[^\W\d_]+$", before)
    return bool(words) and lex.descriptor is not None and bool(lex.descriptor.fullmatch(words[0]))


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _title_end(text: str) -> int:
    """The end of the first line when the text has several lines (a title), else 0."""
    first = text.find("\n")
    return first if 0 < first < len(text.rstrip()) else 0


def _nearest(
    mentions: Sequence[EntityMention], lo: int, hi: int, amount: MoneyMention
) -> EntityMention | None:
    inside = [m for m in mentions if lo <= m.start and m.end <= hi]
    before = [m for m in inside if m.end <= amount.start]
    if before:
        return max(before, key=lambda m: m.end)
    after = [m for m in inside if m.start >= amount.end]
    return min(after, key=lambda m: m.start) if after else None


def _parse_subject(
    doc: Doc | None, amount: MoneyMention, lo: int, hi: int
) -> tuple[int, int] | None:
    """The character span of the subject governing the amount, from the dependency parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(amount.start, amount.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(12):
        subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            subject = subjects[0]
            start = subject.left_edge.idx
            end = subject.right_edge.idx + len(subject.right_edge.text)
            return max(start, lo), min(end, hi)
        if token.head.i == token.i:
            return None
        token = token.head
    return None


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    lang: str
    lex: _Lexicon
    orgs: tuple[EntityMention, ...]  # without counterparties
    persons: tuple[EntityMention, ...]
    places: tuple[EntityMention, ...]
    open_spans: frozenset[tuple[int, int]]  # "depuis 2021": up to the reference date
    main: str | None
    reference: date | None = None
    # (sentence start, company) for each sentence that opens with a company name
    topics: tuple[tuple[int, str], ...] = ()
    # products and units named after a possessive ("its Vireo headphones")
    units: tuple[tuple[int, int], ...] = ()
    # the period the article reports on (title or lead)
    current: tuple[date, date] | None = None
    # comparison dates ("a year earlier"): never the period a paragraph is about
    relatives: frozenset[tuple[int, int]] = frozenset()
    # the month the company's financial year ends in, when the article says so
    fy_end: int | None = None
    # the day the news happened ("filed on Monday", "ayer"), else the publication date: the
    # day of a stock stated in the present with no period ("has debts of €96m")
    news_day: date | None = None
    # the days told as news ("a placé mardi", "ha collocato ieri"): a bond's placement day
    told_days: tuple[DateMention, ...] = ()
    # the name of the group a merger creates ("Il nuovo gruppo si chiamerà X")
    merged: str | None = None
    # the company a financial investor (the main company) buys: it owns the figures
    bought: str | None = None
    # every amount of the text, as (start, end)
    amount_spans: tuple[tuple[int, int], ...] = ()
    memo: dict[Any, Any] = field(default_factory=dict)  # per-text cache of cue searches
    # every company mention, counterparties too ("de overname van X, dat ... had")
    every_org: tuple[EntityMention, ...] = ()
    # the line starts of roundup headings: a company name alone on its line, in capitals
    headings: tuple[int, ...] = ()

    def owner(self, pos: int) -> str | None:
        """The company a generic reference at `pos` means ("l'azienda", "it"): the last
        company that opened a sentence earlier in the paragraph, else the main one. A
        roundup heading on the line above opens the paragraph."""
        paragraph = self.text.rfind("\n", 0, pos) + 1
        above = self.text.rfind("\n", 0, max(0, paragraph - 1)) + 1
        if paragraph and above in self.headings:
            paragraph = above
        found = [name for start, name in self.topics if paragraph <= start < pos]
        return found[-1] if found else self.main

    def referent(self, sentence_start: int) -> str | None:
        """The company a generic reference ("het bedrijf", "the company") in a sentence
        means: the company that opens this very sentence, else `owner`."""
        here = [name for start, name in self.topics if start == sentence_start]
        return here[0] if here else self.owner(sentence_start)


def _closes(
    ctx: _Context, dates: Sequence[DateMention], cue_end: int, clause: tuple[int, int]
) -> bool:
    """The cue ending at `cue_end` closes the clause before `clause`: only punctuation
    between them, or a date naming the cue's year behind at most two short words ("the
    capex budget for 2028, which ...", "il piano di spesa per il 2028, che ...")."""
    if clause[0] - cue_end <= 3:
        return True
    inside = [d for d in dates if cue_end < d.start and d.end <= clause[0]]
    if len(inside) != 1:
        return False
    head = ctx.text[cue_end : inside[0].start].split()
    tail = ctx.text[inside[0].end : clause[0]].strip()
    return len(head) <= 2 and all(len(w) <= 6 for w in head) and tail in ("", ",")


_RELATIVE_OPEN = re.compile(
    r"(?i)[\s,]*(?:qui|que|which|die|der|dat|che|la quale|il quale|cuja|cujo)\s"
)
_RELATIVE = re.compile(r"(?i)[,\s](?:che|qui|que|which|who|die|dat|welche|welcher|cuyo|cujo)\s")


def _company(
    ctx: _Context,
    amount: MoneyMention,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    subject: tuple[int, int] | None,
) -> str | None:
    text, lex = ctx.text, ctx.lex
    candidates = tuple(
        o
        for o in ctx.orgs
        if not (
            sentence[0] <= o.start < sentence[1]
            and (
                _creditor(text, o, ctx.amount_spans, sentence)
                or _in_relative(text, o, amount, sentence)
                or _in_apposition(text, o, ctx.orgs, amount, sentence)
            )
        )
    )
    antecedent = _antecedent(ctx, amount, sentence)
    if antecedent is not None:
        return antecedent.canonical
    referent = _demonstrative_referent(ctx, amount, sentence) or _pronoun_referent(
        ctx, amount, sentence
    )
    if referent is not None:
        return referent
    headed = _head_noun_referent(ctx, amount, sentence)
    if headed is not None:
        return headed
    if subject is not None and subject[1] > subject[0]:
        s_lo, s_hi = subject
        orgs = [
            o
            for o in candidates
            if o.start < s_hi and o.end > s_lo and not _with_complement(text, s_lo, o)
        ]
        if orgs:
            return orgs[0].canonical
        named = next(
            (
                o
                for o in candidates
                if s_hi <= o.start < amount.start and not text[s_hi : o.start].strip(" ,")
            ),
            None,
        )
        if named is not None and (
            _any(lex.rivals, text, s_lo, s_hi) or _any(lex.generic, text, s_lo, s_hi)
        ):
            # "Son concurrent | Fromageries Aubrac a réalisé ...": the parse left the name
            # out of a subject that announces it
            return named.canonical
        persons = any(p.start < s_hi and p.end > s_lo for p in ctx.persons)
        if persons or _any(lex.roles, text, s_lo, s_hi):
            return ctx.main  # an executive speaks for the company of the article
        if _any(lex.generic, text, s_lo, s_hi) or _any(lex.pronouns, text, s_lo, s_hi):
            return ctx.referent(sentence[0])
    org = _nearest(candidates, clause[0], clause[1], amount)
    if (
        org is not None
        and org.start >= amount.end
        and any(amount.end <= a < org.start for a, _ in ctx.amount_spans)
    ):
        # "investir 12 M ..., com um apoio de 2,5 M do PRR": a name after a later amount
        # goes with that one
        org = None
    if (
        org is not None
        and org.start >= amount.end
        and ctx.main is not None
        and (
            _any(lex.causes, text, amount.end, org.start)
            or any(
                re.fullmatch(r"[^\S\n]*(?:[^\W\d_]{1,3}[^\S\n]+)?", text[h.end : org.start])
                for h in _find(lex.inclusions, text, amount.end, org.start)
            )
        )
    ):
        # "a faturação caiu para 96 milhões, devido a atrasos nos pagamentos do Estado",
        # "un chiffre d'affaires d'environ 1,85 milliard, hors Verdanel": a name in the cause
        # or left out after the amount is not its owner
        return ctx.owner(sentence[0])
    if (
        org is not None
        and org.start >= amount.end
        and ctx.main is not None
        and _GIVER.fullmatch(text, amount.end, org.start)
        and _any(_promised(lex), text, max(clause[0], amount.start - 40), amount.start)
    ):
        # "com um apoio de até 2,5 milhões de euros do PRR", "una ayuda de hasta 12
        # millones de la Junta": the public body gives, the company receives
        return ctx.owner(sentence[0])
    if (
        org is not None
        and org.start >= amount.end
        and ctx.main is not None
        and org.start - amount.end <= 80
        and any(
            not text[h.end : org.start].strip()
            or text[h.end : org.start].strip().casefold() in _ARTICLES
            for h in _find(lex.recipients, text, max(amount.end, org.start - 14), org.start)
        )
    ):
        # "R$ 95 milhões em JCP, dos quais 60% irão para o Tesouro": who receives it, not
        # who pays it
        return ctx.owner(sentence[0])
    if (
        org is not None
        and org.start >= amount.end
        and ctx.main is not None
        and org.start - amount.end <= 40
        and _any(lex.spend, text, max(clause[0], amount.start - 30), amount.start)
        and any(
            not text[h.end : org.start].strip()
            for h in _find(lex.payees, text, max(amount.end, org.start - 6), org.start)
        )
    ):
        # "el club pagó 15 millones de euros al Club X", "paid £9m to X": the party paid
        # is not the payer
        return ctx.referent(sentence[0])
    if (
        org is not None
        and org.start >= amount.end
        and _RELATIVE.search(text, amount.end, org.start)
        and ctx.main is not None
    ):
        # "9 milioni di euro che andrà ... alla holding di famiglia, X": a relative
        # clause after the amount names where it goes, not who owns it
        return ctx.owner(sentence[0])
    if (
        org is not None
        and org.start >= amount.end
        and ctx.main is not None
        and _any(lex.generic, text, clause[0], amount.start)
    ):
        # "In 2025 verwacht de groep een omzet van € 3,2 miljard, inclusief X": the
        # generic subject before the amount owns it, not a name after it
        return ctx.owner(sentence[0])
    if org is not None and org.end <= amount.start and _lender_from(ctx, clause, org, amount):
        # "Corvalle ha ottenuto da Banca Y un prestito da 25 milioni": the bank behind
        # "from" lent it; the name or generic noun before it borrowed it
        earlier = [o for o in candidates if clause[0] <= o.start and o.end <= org.start]
        return earlier[-1].canonical if earlier else ctx.referent(sentence[0])
    if org is not None:
        if (
            ctx.main is not None
            and org.end <= amount.start
            and _any(lex.generic, text, org.end, amount.start)
        ):
            # "la ronda, liderada por ACP, valora la compañía"; "X - La società ha
            # registrato ricavi ...": the company opening the sentence, if any
            return ctx.referent(sentence[0])
        if (
            ctx.main is not None
            and org.end <= amount.start
            and _generic_then_from(ctx, clause, org)
        ):
            return ctx.owner(sentence[0])  # "De groep haalde bij ABN Amro een lening op"
        if (
            ctx.main is not None
            and org.end <= amount.start
            and _with_complement(text, clause[0], org)
            and not _any(lex.clause_counterparty, text, clause[0], org.start)
        ):
            return ctx.owner(sentence[0])  # "Le prestazioni in convenzione con il Servizio"
        return org.canonical
    lo = clause[0]
    named_before = _nearest(candidates, sentence[0], lo, amount)
    opening = _find(lex.pronouns, text, lo, min(amount.start, lo + 8))
    if named_before is not None and any(
        _relative_after(text, named_before, h) and "," in text[h.end : amount.start]
        for h in opening
    ):
        return named_before.canonical  # (the relative clause closed before the amount)
    if _any(lex.generic, text, lo, amount.start) or _any(lex.pronouns, text, lo, amount.start):
        if named_before is not None and _rival_opener(ctx, named_before, sentence):
            # "Son concurrent X, dont l'exercice suit l'année civile, a vu ses ventes
            # reculer à ...": the rival opening the sentence owns the later clause
            return named_before.canonical
        return ctx.referent(sentence[0])
    if any(lo <= p.start and p.end <= amount.start for p in ctx.persons):
        return ctx.main
    # In another clause only an ORG before the amount can be its owner; one after it
    # ("..., after repaying a loan from the EIB") is about something else.
    org = _nearest(candidates, sentence[0], amount.start, amount)
    return org.canonical if org is not None else ctx.owner(sentence[0])


_HEAD_NOUN = re.compile(
    r"(?i)(?:la|le|les|l['’]|el|los|las|il|lo|gli|the|die|der|das|de|het|a|o|os|as)"
    r"[^\S\n]*([^\W\d_]{4,})"
)


def _head_noun_referent(
    ctx: _Context, amount: MoneyMention, sentence: tuple[int, int]
) -> str | None:
    """A sentence opened by the common noun that heads another company's name ("...
    rachetée Cidrerie X. La cidrerie avait réalisé 31 millions", "Astilleros X ...
    Los astilleros facturaron"): that company, when it is the only one so named, it is
    not the article's own and no name comes between the noun and the amount."""
    text = ctx.text
    lo = sentence[0] + _leading_blank(text, sentence[0])
    m = _HEAD_NOUN.match(text, lo)
    if m is None or any(
        lo <= o.start < amount.start and not _parenthetical(text, m.end(), o, amount)
        for o in ctx.every_org
    ):
        return None
    role = next((h for h in _find(ctx.lex.counterparts, text, lo, m.end() + 1)), None)
    if role is not None and role.start <= m.start(1) and role.end >= m.end(1):
        # "... da X por R$ 350 milhões. A vendedora faturou ...": the seller (the
        # target, the licensee) just named, not the article's company
        before = [o for o in ctx.every_org if lo - 400 <= o.start and o.end <= lo]
        if before and before[-1].canonical != ctx.main:
            return before[-1].canonical
    word = m.group(1).casefold()
    named = {
        o.canonical
        for o in ctx.every_org
        if o.end <= lo
        and len(o.canonical.split()) >= 2
        and o.canonical.split()[0].casefold() == word
    }
    if len(named) != 1:
        return None
    name = named.pop()
    return name if name != ctx.main else None


def _parenthetical(text: str, lo: int, org: EntityMention, amount: MoneyMention) -> bool:
    """`org` sits in an aside between commas after the opening noun and before the amount
    ("A escola, que pertence à Fundação X, faturou ..."): it is not the
    subject."""
    opened = text.rfind(",", lo, org.start)
    closed = text.find(",", org.end, amount.start)
    return opened >= 0 and closed >= 0 and not text[lo:opened].strip(" \u00a0")


def _rival_opener(ctx: _Context, org: EntityMention, sentence: tuple[int, int]) -> bool:
    """A company introduced as the rival at the opening of its sentence ("Son concurrent
    X, ...", "Its rival X, ...", "Anche la concorrente torinese X ha ..."): the subject
    of the whole sentence, whatever the clauses after it."""
    text = ctx.text
    lo = sentence[0] + _leading_blank(text, sentence[0])
    if not lo <= org.start <= lo + 60 or any(lo <= o.start < org.start for o in ctx.every_org):
        return False
    return any(
        re.fullmatch(r"[^\S\n]*(?:[^\W\d_]+[^\S\n]+){0,2}", text[h.end : org.start]) is not None
        for h in _find(ctx.lex.rivals, text, lo, org.start)
    )


def _relative_after(text: str, org: EntityMention, hit: _Hit) -> bool:
    """A relative pronoun right after a company and a comma ("Concurrent X uit Zwolle,
    dat een kalenderjaar aanhoudt, meldde ...", "X, which is listed in Frankfurt,
    posted"): it points back to that company, not to the article's."""
    gap = text[org.end : hit.start]
    return gap.rstrip().endswith(",") and len(gap) <= 40 and not re.search(r"[.;:!?]", gap)


_DEMONSTRATIVE_REACH = 40  # a demonstrative subject opens its sentence
_REFERENT_REACH = 400  # the company it points back to is named just before


def _demonstrative_referent(
    ctx: _Context, amount: MoneyMention, sentence: tuple[int, int]
) -> str | None:
    """The company a demonstrative subject points back to ("Concurrent X betaalde niets.
    Die coöperatie leed een verlies van € 9 miljoen", "Cette société a perdu ..."): the
    last company named before the sentence, when no other name comes between the
    demonstrative and the amount."""
    pattern = ctx.lex.demonstrative
    if pattern is None:
        return None
    lo = sentence[0]
    m = pattern.search(ctx.text, lo, min(amount.start, lo + _DEMONSTRATIVE_REACH + 30))
    if m is None or m.start() - lo > _DEMONSTRATIVE_REACH:
        return None
    if any(m.end() <= o.start < amount.start for o in ctx.every_org):
        return None
    earlier = [o for o in ctx.every_org if lo - _REFERENT_REACH <= o.start and o.end <= lo]
    return max(earlier, key=lambda o: o.start).canonical if earlier else None


_NEXT_LETTER = re.compile(r"[^\S\n]+([^\W\d_])")


def _pronoun_referent(
    ctx: _Context, amount: MoneyMention, sentence: tuple[int, int]
) -> str | None:
    """The company a subject pronoun opening the sentence points back to, when the
    sentence before (same paragraph) has a company in apposition as its subject ("Une
    autre pépite du secteur, Lumiq Quantique, a annoncé ... Elle cherchait 25 millions"
    , "Its rival Penfold ... It lost"). A company opening that sentence is left to the
    topics of the paragraph."""
    text, lex = ctx.text, ctx.lex
    lo = sentence[0] + _leading_blank(text, sentence[0])
    m = re.match(r"[^\W\d_]+", text[lo : lo + 12])
    if m is None or m.group(0).casefold() not in lex.subject_pronouns:
        return None
    if any(lo <= o.start < amount.start for o in ctx.every_org):
        return None
    paragraph = text.rfind("\n", 0, lo) + 1
    stops = list(_FULL_STOP.finditer(text, paragraph, max(paragraph, lo - 1)))
    prev = stops[-1].end() if stops else paragraph
    for o in ctx.every_org:
        if not prev <= o.start < lo or o.start - prev > 80:
            continue
        before = text[prev : o.start]
        if re.search(r",[^\S\n]*$", before) and "," not in before[:-2].rstrip(", "):
            return o.canonical  # "Une autre pépite du secteur, X, a ..."
        if _any(lex.rivals, text, prev, o.start) and re.fullmatch(
            r"(?:[^\W\d]+[^\S\n]+){1,3}", before
        ):
            return o.canonical  # "Son concurrent X a ..."
        if any(
            not text[h.end : o.start].strip() for h in _find(lex.rivals, text, prev, o.start)
        ) and not any(o.end <= p.start < lo for p in ctx.every_org):
            # "Anders als X schliesst die Bieler Nachbarin Y ihr Geschäftsjahr im Dezember
            # ab. Sie hatte ...": the rival named last, right after its rival noun
            return o.canonical
    named = {o.canonical for o in ctx.every_org if prev <= o.start < lo}
    verb = _NEXT_LETTER.match(text, lo + m.end())
    if (
        len(named) == 1
        and ctx.main not in named
        and verb is not None
        and verb.group(1).islower()  # "Sie hatte", not the article of "Der Vertrag"
        and not _find(lex.generic, text, prev, lo)
    ):
        # "Bisheriger Betreiber ist die X, die die Strecken seit 2013 bedient. Sie hatte
        # ... einen Verlust": the one company of the sentence before
        return named.pop()
    return None


# "... do PRR", "... de la Junta de X", "... from the EU": the giver named after a grant
_GIVER = re.compile(
    r"(?i)[^\S\n]+(?:do|da|dos|das|de|del|de[^\S\n]+la|dal|dalla|dallo|from|von|vom|van|"
    r"du|de[^\S\n]+l['’])(?:[^\S\n]+(?:the|la|le|il|o|a|el|der|dem|het|de))?[^\S\n]*"
)
_GIVER_END = re.compile(_GIVER.pattern + "$")
_PROMISED: dict[int, tuple[_Lexicon, tuple[re.Pattern[str], ...]]] = {}


def _lender_from(
    ctx: _Context, clause: tuple[int, int], org: EntityMention, amount: MoneyMention
) -> bool:
    """An ORG behind a "from" word, a loan noun after it before the amount, and a
    company, generic noun or pronoun before it in the clause: the lender ("Il gruppo ha
    ottenuto da Banca Y un finanziamento da 25 milioni", "obtained from Bank Y a loan")."""
    text, lex = ctx.text, ctx.lex
    lo = clause[0]
    before = _GIVER_END.search(text, lo, org.start)
    if before is None or not _any(lex.loans, text, org.end, amount.start):
        return False
    head = before.start()
    return (
        any(lo <= o.start and o.end <= head for o in ctx.orgs)
        or _any(lex.generic, text, lo, head)
        or _any(lex.pronouns, text, lo, head)
    )


def _promised(lex: _Lexicon) -> tuple[re.Pattern[str], ...]:
    """The funding_promised cues ("subvención", "um apoio"): a grant."""
    entry = _PROMISED.get(id(lex))
    if entry is None or entry[0] is not lex:
        cues = tuple(p for p, metric, _ in lex.metrics if metric == "funding_promised")
        entry = _PROMISED[id(lex)] = (lex, cues)
    return entry[1]


# "com", "bei": the other party of a debt or deal ("dívidas de R$ 540 milhões com bancos
# como X", "ein Darlehen über 500 Mio. bei der X")
_WITH = re.compile(r"(?i)(?<!\w)(?:with|com|con|avec|auprès|mit|bei|bij|met|presso)(?!\w)")


def _creditor(
    text: str, org: EntityMention, spans: Sequence[tuple[int, int]], sentence: tuple[int, int]
) -> bool:
    """An ORG named after an amount behind a "with" word: the creditor or the other
    party of that amount ("R$ 540 milhões com bancos, entre eles X, Y e Z")."""
    ends = [end for _, end in spans if sentence[0] <= end <= org.start]
    if not ends:
        return False
    gap = text[max(ends) : org.start]
    return len(gap) <= 80 and not re.search(r"\d", gap) and _WITH.search(gap) is not None


# ", die grotendeels wordt bepaald door ...": a relative clause (a lower-case word after
# the pronoun: ", die Bank" is an article and a noun)
_RELATIVE_CLAUSE = re.compile(
    r"(?i),[^\S\n]+(?:che|qui|que|which|who|whose|die|der|das|dat|welche|welcher|cuyo|cuya|"
    r"cujo|cuja|quien|il quale|la quale|el cual|la cual)"
    r"[^\S\n]+(?-i:[a-zà-ÿ0-9])"
)


def _in_relative(
    text: str, org: EntityMention, amount: MoneyMention, sentence: tuple[int, int]
) -> bool:
    """An ORG inside a relative clause closed before the amount ("De omzet, die ... de
    tarieven die de ACM vaststelt, steeg tot € 742 miljoen"): not the owner."""
    if org.end > amount.start:
        return False
    comma = text.rfind(",", sentence[0], org.start)
    if comma < 0 or _RELATIVE_CLAUSE.match(text, comma) is None:
        return False
    return "," in text[org.end : amount.start]


# ", Chile y Arabia Saudí,": the next names of a list, then its last one after "and"
_LIST_GOES_ON = re.compile(
    r",[^\S\n]+(?:[A-ZÀ-Þ][\w-]*[^\S\n]+){1,3}(?:y|e|and|et|und|en|ed|i|o|or|ou|oder|of)"
    r"[^\S\n]+[A-ZÀ-Þ][^,.;\n]*,"
)


def _aside(ctx: _Context, sentence: tuple[int, int], amount: MoneyMention) -> int:
    """The length of the relative clauses closed just before the amount, which a cue's
    reach skips ("Adjusted operating profit, which excludes the charge, was £45m")."""
    return sum(
        hi - lo
        for lo, hi in _relatives(ctx, sentence)
        if hi <= amount.start and amount.start - hi <= 20
    )


def _relatives(ctx: _Context, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """The relative clauses of a sentence as (opening comma, closing comma or sentence
    end): "X, dat in 2023 werd overgenomen, droeg ..."."""
    key = ("relatives", sentence)
    if key not in ctx.memo:
        found = []
        for m in _RELATIVE_CLAUSE.finditer(ctx.text, sentence[0], sentence[1]):
            close = ctx.text.find(",", m.end(), sentence[1])
            while close >= 0 and _LIST_GOES_ON.match(ctx.text, close):
                # "que gestiona depuradoras en España, Chile y Arabia Saudí, obtuvo": a
                # list of names, the clause closes after it
                close = ctx.text.find(",", close + 1, sentence[1])
            found.append((m.start(), close if close >= 0 else sentence[1]))
        ctx.memo[key] = found
    return ctx.memo[key]  # type: ignore[no-any-return]


def _company_relative(
    ctx: _Context, d: DateMention, amount: MoneyMention, sentence: tuple[int, int]
) -> bool:
    """A date inside a relative clause about a company, closed before the amount
    ("X, dat in 2023 werd overgenomen, droeg € 90 miljoen bij"): the company's history,
    not the amount's period."""
    for comma, close in _relatives(ctx, sentence):
        if comma < d.start and d.end <= close < amount.start:
            return any(o.end == comma for o in ctx.orgs)
    return False


# "X zelf, dat ...", "X selbst, die ...", "X itself, which ...": the name still opens the clause
_SELF = [
    [w]
    for w in (
        *("zelf", "selbst", "itself", "lui-même", "elle-même", "mismo", "misma"),
        *("stessa", "stesso", "mesmo", "mesma"),
    )
]


def _antecedent(
    ctx: _Context, amount: MoneyMention, sentence: tuple[int, int]
) -> EntityMention | None:
    """The company a relative clause describes when the amount is in it or in the
    predicate after that clause: "Noordzee Shipping, dat vorige week cijfers publiceerde,
    zag zijn omzet dalen tot € 180 miljoen", "Nordwerk, der im Vorjahr an die Börse ging, steigerte
    seinen Umsatz auf ...". Not when another company or a generic noun opens a new
    clause before the amount, nor for an investor's share ("..., put in $20m")."""
    text = ctx.text
    for comma, close in _relatives(ctx, sentence):
        if comma > amount.start:
            break
        inside = close >= amount.start
        org = next(
            (
                o
                for o in (ctx.every_org if inside else ctx.orgs)
                if o.end == comma or (o.end < comma and text[o.end : comma].split() in _SELF)
            ),
            None,
        )
        if org is None:
            continue
        if _with_complement(text, sentence[0], org):
            # "L'accord avec la région, signé hier, apportera 8 millions par an": the
            # clause describes the subject, not the party behind "with"
            continue
        if inside:
            # the amount inside the clause: "Transportbedrijf Hoek, dat in 2024 een omzet
            # van € 60 miljoen had": the antecedent's own result or stock, not a share
            # it puts in ("Skagen Ventures, dat twintig miljoen euro inbrengt")
            own_result = any(
                metric in _FLOWS or metric in _STOCKS
                for pattern, metric, _ in ctx.lex.metrics
                if pattern.search(text, comma, close)
            )
            if (
                own_result
                and not any(comma < o.start < amount.start for o in ctx.orgs)
                and not _any(ctx.lex.generic, text, comma, amount.start)
                and not _any(ctx.lex.investors, text, comma, close)
                and not _any(ctx.lex.clause_counterparty, text, comma, close)
            ):
                return org
            return None
        if (
            any(close < o.start < amount.start for o in ctx.orgs)
            or _any(ctx.lex.generic, text, close, amount.start)
            or text.find(",", close + 1, amount.start) >= 0
            or _any(ctx.lex.investors, text, close, min(sentence[1], amount.end + 30))
        ):
            return None
        return org
    return None


def _in_apposition(
    text: str,
    org: EntityMention,
    orgs: Sequence[EntityMention],
    amount: MoneyMention,
    sentence: tuple[int, int],
) -> bool:
    """An ORG inside a descriptive apposition after the company ("A X, empresa ...
    produtora de vinhos do Douro, fechou ..."): a place or a brand, not the owner."""
    if org.end > amount.start or "," not in text[org.end : amount.start]:
        return False
    return any(
        sentence[0] <= o.start
        and o.end < org.start
        and re.fullmatch(r",[^\S\n]+[a-zà-ÿ][^,;.\n]*", text[o.end : org.start]) is not None
        for o in orgs
    )


_WITH_WORDS = _words("with met mit con avec com presso")


def _with_complement(text: str, lo: int, org: EntityMention) -> bool:
    """An ORG behind a "with" word inside the subject ("Le prestazioni in convenzione con
    il Servizio sanitario valgono ..."): a complement of the subject, not its owner."""
    words = re.findall(r"[^\W\d]+", text[max(lo, org.start - 20) : org.start].casefold())
    while words and words[-1] in _ARTICLES:
        words.pop()
    return bool(words) and words[-1] in _WITH_WORDS


def _generic_then_from(ctx: _Context, clause: tuple[int, int], org: EntityMention) -> bool:
    """A clause opened by a generic subject, the ORG after it behind a "from" word ("Il
    gruppo ha ottenuto da UniCredit un finanziamento", "El grupo obtuvo de CaixaBank"):
    the ORG is the other party, the generic subject the company."""
    text = ctx.text
    lo = clause[0] + _leading_blank(text, clause[0])
    hits = [h for h in _find(ctx.lex.generic, text, lo, org.start) if h.start - lo <= 12]
    if not hits or not text[hits[0].end : org.start].strip(" ,'’"):
        return False  # "La société Mistral AI": the generic noun introduces the name
    words = re.findall(r"[^\W\d]+", text[hits[0].end : org.start].casefold())
    while words and words[-1] in _ARTICLES and words[-1] not in _FROM:
        words.pop()
    # ("Het bedrijf praat met ING over een lening", "The company is in talks with HSBC")
    return len(words) >= 2 and (words[-1] in _FROM or words[-1] in _WITH_WORDS)


_APPOSITION = re.compile(
    r"(?i),[^\S\n]+(?:the|an?|les?|la|l['’]|une?|el|los|las|una|il|lo|gli|uno|os?|as?|uma?"
    r"|der|die|das|eine?|de|het|een)[^\S\n]+[^,;.\n\d]{1,60}?,"
)


def _metric(
    ctx: _Context,
    amount: MoneyMention,
    clause: tuple[int, int],
    others: Sequence[tuple[int, int]],
    one_off: bool,
    counterparty: bool = False,
    before: tuple[int, int] | None = None,
) -> tuple[str, int]:
    """The metric and sign of an amount. Spending takes its kind from the clause (else
    from `before`, the previous sentence: "Ein Rechenzentrum soll entstehen. Die
    Kosten beziffert X auf 150 Mio."): a project; infrastructure when it is a rate or
    dated, else (a one-off build) a project; an investment with no kind is a project;
    other spending is opex."""
    text, lex = ctx.text, ctx.lex
    lo, hi = clause
    candidates: list[tuple[int, int, int, str, int, int]] = []
    cues = _clause_cues(ctx, lo, hi)
    # "Los pasivos por arrendamiento, que recogen los alquileres comprometidos ...,
    # sumaban 702 millones": a cue inside a relative aside closed before the amount
    # describes the noun before it, which is the cue (in the clause before, when the
    # aside opens this one)
    asides = [
        (a, b)
        for a, b in _relatives(ctx, clause)
        if b <= amount.start and (a == lo or any(c[1] <= a for c in cues))
    ] + [
        # "Core profit, the measure the group prefers, rose to": an
        # apposition after the cue
        m.span()
        for m in _APPOSITION.finditer(text, lo, amount.start)
        if any(c[1] <= m.start() for c in cues)
    ]
    for m_start, m_end, metric, sign, weight in cues:
        if m_start < amount.end and m_end > amount.start:
            continue
        if any(a <= m_start and m_end <= b for a, b in asides):
            continue
        if any(o.start <= m_start and m_end <= o.end for o in ctx.every_org):
            continue  # "De Europese Investeringsbank neemt ...": a name, not an investment
        if (
            sign < 0
            and m_end <= amount.start
            and not text[m_end : amount.start].strip()
            and _any(lex.minus, text, m_start, amount.start)
        ):
            continue  # "lag bei minus 4,2 Mio.": a minus sign, not the word "Minus" (a loss)
        if m_end <= amount.start and _any(lex.inclusions, text, max(lo, m_start - 16), m_start):
            continue  # "De nettoschuld, inclusief huurverplichtingen, stond op ...": a part
        change = _PERCENT_NEXT.match(text, m_end) if sign < 0 else None
        if change is not None and lex.percent.match(text, change.end()):
            continue  # "a perdu 3 %", "lost 4 percent": a change in percent, not a loss
        if m_start >= amount.end and any(
            m_end <= o[0] and _names_next(text[m_end : o[0]]) for o in others
        ):
            continue  # "against $29.5m a year earlier, on revenue of $188m": the next one's
        dist = _distance(amount.start, amount.end, m_start, m_end)
        if m_end <= amount.start and _names_next(text[m_end : amount.start]):
            dist = 0  # "o lucro de R$ 1,3 bilhão obtido": the noun joined by "of" names it
        span = (m_end, amount.start) if m_end <= amount.start else (amount.end, m_start)
        if _between(span[0], span[1], others):
            dist += _CROSSING_PENALTY
        if m_start >= amount.end and not _attached(text[amount.end : m_start]):
            dist += _DETACHED_PENALTY
        candidates.append((dist, -(m_end - m_start), -weight, metric, sign, m_start))
    if not candidates:
        return "", 1  # no cue at all (the caller may borrow a sibling's metric)
    *_, metric, sign, cue_start = min(candidates)
    if metric in ("valuation", "funding_raised") and _contract_value(
        ctx, amount, cue_start, metric
    ):
        metric = "other"
    if sign > 0 and any(
        m == metric
        and sg < 0
        and m_end <= amount.start
        and amount.start - m_end <= 60
        and not _between(m_end, amount.start, others)
        for _, m_end, m, sg, _ in _clause_cues(ctx, lo, hi)
    ):
        sign = -1  # "der operative Verlust (Ebit) belief sich auf 77 Mio.": still a loss
    if metric == "invest":
        found = {c[3] for c in candidates if c[0] < _CROSSING_PENALTY}
        promised = [
            m
            for p in _promised(lex)
            for m in p.finditer(text, max(lo, amount.start - _TARGET_REACH), amount.start)
        ]
        third_party = bool(promised) and any(
            lo <= o.start < promised[0].start() and o.canonical != ctx.main for o in ctx.every_org
        )
        if promised and (counterparty or third_party):
            # "O Banco X, parceiro local, comprometeu-se a investir até US$ 8 milhões na
            # filial": another party's promise to put money into the company; the
            # company's own commitment ("La concesionaria se ha comprometido a invertir
            # 410 millones hasta 2031") is its project spending
            return "funding_promised", 1
        # "La firma invertirá 7 millones ..., con un crédito de Banca X": the company
        # of the article invests itself (a generic noun, a pronoun or no name before
        # the verb, and no investor word)
        itself = (
            _any(lex.generic, text, lo, cue_start)
            or _any(lex.pronouns, text, lo, cue_start)
            or not (
                any(lo <= o.start and o.end <= cue_start for o in ctx.every_org)
                or _any(lex.investors, text, lo, hi)
            )
        )
        if (counterparty and not itself) or "funding_raised" in found:
            # Money invested *in* the company ("ACP invested 15M in the round") is funding.
            return "funding_raised", 1
    if metric in ("spend", "invest"):
        window = _window(text, lo, hi)
        kinds = [
            (_distance(amount.start, amount.end, m.start(), m.end()), kind)
            for pattern, kind in lex.kinds
            if _KEYS.get(pattern, "") in window
            for m in pattern.finditer(text, lo, hi)
        ]
        if not kinds and before is not None and metric == "spend":
            window = _window(text, *before)
            kinds = [
                (_distance(amount.start, amount.end, m.start(), m.end()), kind)
                for pattern, kind in lex.kinds
                if _KEYS.get(pattern, "") in window
                for m in pattern.finditer(text, *before)
            ]
        kind = min(kinds)[1] if kinds else None
        if kind == "infrastructure_spend" and one_off:
            kind = "project_spend"
        default = "project_spend" if metric == "invest" else "other"
        metric = kind or default
    return metric, sign


_PERCENT_NEXT = re.compile(r"[^\S\n]+(?:[^\W\d_]+[^\S\n]+)?\d+(?:[.,]\d+)?[^\S\n]*")


def _financed_by(ctx: _Context, amount: MoneyMention, clause: tuple[int, int]) -> bool:
    """A passive financing verb after the amount and a name that is no lender behind it
    ("até dois milhões pagos pelo Programa X", "of which £5m will be funded
    by the Council"): money that party gives."""
    text, lex = ctx.text, ctx.lex
    if not lex.financed_by:
        return False
    for hit in _find(lex.financed_by, text, amount.end, min(clause[1], amount.end + 40)):
        if _between(amount.end, hit.start, ctx.amount_spans):
            return False
        named = [o for o in ctx.every_org if hit.end <= o.start <= hit.end + 6]
        if named and not _any(lex.lenders, text, named[0].start, named[0].end):
            return True
    return False


def _contract_value(ctx: _Context, amount: MoneyMention, cue_start: int, metric: str) -> bool:
    """The value of an order or a contract, not a company's worth or money it raised:
    a value word ("worth", "waard", "vale") after an order noun earlier in the sentence
    or the one before
    ("a share of the contract worth £40m", "Voor X is de order € 50 miljoen waard"), or
    an order noun naming the amount ("een order van € 80 miljoen binnengehaald")."""
    text, lex = ctx.text, ctx.lex
    if not lex.contracts:
        return False
    here = text.rfind(". ", 0, amount.start)
    start = max(text.rfind(". ", 0, max(0, here)) + 2, text.rfind("\n", 0, amount.start) + 1)
    if metric == "valuation":
        return any(
            h.start == cue_start for h in _find(lex.worth, text, cue_start, cue_start + 12)
        ) and any(
            h.end <= min(cue_start, amount.start)
            for h in _find(lex.contracts, text, start, amount.start)
        )
    return any(
        len(text[h.end : amount.start]) <= 8
        and all(w.casefold() in _OF_AMOUNT | _LOAN_SIZE for w in text[h.end : amount.start].split())
        for h in _find(lex.contracts, text, max(start, amount.start - 30), amount.start)
    )


_LABELLED: dict[int, tuple[_Lexicon, tuple[tuple[str, re.Pattern[str], str, int, int], ...]]] = {}


def _labelled(lex: _Lexicon) -> tuple[tuple[str, re.Pattern[str], str, int, int], ...]:
    entry = _LABELLED.get(id(lex))
    if entry is None or entry[0] is not lex:
        rows = tuple((_KEYS.get(p, ""), p, m, s, w) for p, m, s, w in lex.labelled)
        entry = _LABELLED[id(lex)] = (lex, rows)
    return entry[1]


_COMPOUND_HEAD = 4  # letters after a cue that make it the first part of a compound


def _modifier(word: str, key: str) -> int:
    """A penalty for a cue that is only the first part of a compound word: the head
    comes last ("Kaufkredit", "aankoopkrediet" are loans, not purchases), so the cue
    of the last part wins when both match the same word."""
    at = word.casefold().rfind(key) if key else -1
    if at < 0 or len(word) - (at + len(key)) < _COMPOUND_HEAD or " " in word:
        return 0
    return 1000


def _clause_cues(ctx: _Context, lo: int, hi: int) -> list[tuple[int, int, str, int, int]]:
    """Every metric, spending and investment cue of a clause (computed once per clause):
    (start, end, metric, sign, weight)."""
    key = ("cues", lo, hi)
    found = ctx.memo.get(key)
    if found is None:
        window = _window(ctx.text, lo, hi)
        found = [
            (m.start(), m.end(), metric, sign, weight - _modifier(m.group(0), key))
            for key, pattern, metric, sign, weight in _labelled(ctx.lex)
            if key in window
            for m in pattern.finditer(ctx.text, lo, hi)
            if m.end() > m.start()
        ]
        ctx.memo[key] = found
    return found


def _own_cue(
    patterns: Iterable[re.Pattern[str]],
    text: str,
    clause: tuple[int, int],
    amount: MoneyMention,
    others: Sequence[tuple[int, int]],
    reach: int | None = None,
    after: int | None = None,
    memo: dict[Any, Any] | None = None,
) -> bool:
    """A cue of the clause that is not on the far side of another amount (and, with
    `reach`, at most that many characters before it, half as many after it: "sought
    to raise X", "the X the company had sought"). `memo` keeps the clause's cue
    spans for the next amount of the clause."""
    key = (id(patterns), clause)
    spans = memo.get(key) if memo is not None else None
    if spans is None:
        window = _window(text, *clause)
        spans = [
            (m.start(), m.end())
            for key, p in _keyed(patterns)
            if key in window
            for m in p.finditer(text, *clause)
        ]
        if memo is not None:
            memo[key] = spans
    for m_start, m_end in spans:
        before = m_end <= amount.start
        lo, hi = (m_end, amount.start) if before else (amount.end, m_start)
        limit = None if reach is None else (reach if before else reach // 2)
        if not before and after is not None:
            limit = after if limit is None else min(limit, after)
        if not _between(lo, hi, others) and (limit is None or hi - lo <= limit):
            return True
    return False


def _cue_before(
    patterns: Iterable[re.Pattern[str]],
    text: str,
    clause: tuple[int, int],
    amount: MoneyMention,
    others: Sequence[tuple[int, int]],
) -> bool:
    """A cue of the clause before the amount (not beyond another amount), or right
    after it joined by little words ("1,2 Mrd. Euro Jahresumsatz")."""
    for hit in _find(patterns, text, clause[0], clause[1]):
        if hit.end <= amount.start and not _between(hit.end, amount.start, others):
            return True
        if hit.start >= amount.end and _attached(text[amount.end : hit.start]):
            return True
    return False


_WHERE = re.compile(r"(?i)\b(?:où|where|wo|donde|dove|onde|waar)\s+(?:[^\W\d_]+\s+){0,2}$")


def _segment(ctx: _Context, amount: MoneyMention, clause: tuple[int, int]) -> bool:
    """A place named right after the revenue word: the sales of one market; or just
    before it, as the antecedent of "where" ("plombé par la Chine, où les ventes ont
    chuté à 97 millions")."""
    revenue = [p for p, metric, _ in ctx.lex.metrics if metric == "revenue"]
    for hit in _find(revenue, ctx.text, max(0, clause[0] - 40), amount.start):
        where = _WHERE.search(ctx.text, max(0, hit.start - 30), hit.start)
        if where is not None and any(
            0 <= where.start() - p.end <= 3 for p in ctx.places
        ):
            return True
    for hit in _find(revenue, ctx.text, clause[0], amount.start):
        for place in ctx.places:
            gap = ctx.text[hit.end : place.start]
            if hit.end <= place.start < amount.start and len(gap) <= 25:
                words = re.findall(r"[^\W\d_]+", gap.casefold())
                if len(words) > 1 and words[-1] in _ARTICLES:
                    words.pop()  # "le vendite verso la Cina", "les ventes vers la Chine"
                lex = ctx.lex
                if words and words[-1] in lex.invest_targets | _IN | lex.market_prepositions:
                    return True
            if _fronted_place(ctx.text, place, hit) or _place_opener(ctx, place, hit, clause):
                return True
    return False


def _place_opener(ctx: _Context, place: EntityMention, hit: _Hit, clause: tuple[int, int]) -> bool:
    """A place that opens the sentence as its subject, the revenue word soon after it
    with no company between ("L'Asia si conferma il primo mercato, con vendite per 90
    milioni", "Europe remained the largest market, with sales of €90m"): that market's
    sales."""
    text = ctx.text
    if not place.end <= hit.start <= place.end + 60 or place.text.isupper():
        return False  # ("LONDON (Reuters) - Revenue rose": a dateline)
    if re.search(r"[()\[\]–—-]", text[place.end : hit.start]):
        return False
    line = max(text.rfind("\n", 0, place.start), *(text.rfind(c, 0, place.start) for c in ".;:"))
    opening = r"[^\S\n]*(?:[^\W\d_]{1,3}[^\S\n]*['’]?[^\S\n]*)?"
    if line < clause[0] - 200 or re.fullmatch(opening, text[line + 1 : place.start]) is None:
        return False
    return not any(place.end <= o.start < hit.start for o in ctx.every_org)


def _thing_earned(ctx: _Context, amount: MoneyMention, clause: tuple[int, int]) -> bool:
    """An earning verb (`earned_cues`) right before the amount whose subject, opening the
    clause, is a thing, not the company: no name, generic noun, pronoun, person or bare
    revenue word in it ("Charges paid by airlines brought in £118m")."""
    text, lex = ctx.text, ctx.lex
    lo = _trim(text, *clause)[0]
    hits = [
        h
        for h in _find(lex.earned, text, lo, amount.start)
        if amount.start - h.end <= 30 and not re.search(r"[,;:]", text[h.end : amount.start])
    ]
    if not hits:
        return False
    hi = hits[0].start
    words = re.findall(r"[^\W\d_]+", text[lo:hi].casefold())
    if len(words) < 2 or re.search(r"\d", text[lo:hi]):
        return False
    # the subject may also follow the verb ("Allein im Quartal erlöste der Konzern 330 Mio.")
    if any(lo <= o.start < amount.start for o in (*ctx.every_org, *ctx.persons)):
        return False
    if _any(lex.generic, text, lo, amount.start) or _any(lex.pronouns, text, lo, hi):
        return False
    if lex.company_heads & set(re.findall(r"[^\W\d_]+", text[lo : amount.start].casefold())):
        return False
    revenue = [p for p, metric, _ in lex.metrics if metric == "revenue"]
    rest = [w for w in words if w not in _ARTICLES]
    return not any(
        len(re.findall(r"[^\W\d_]+", text[h.start : h.end])) >= len(rest)
        for h in _find(revenue, text, lo, hi)
    )


def _fronted_place(text: str, place: EntityMention, hit: _Hit) -> bool:
    """A place fronted with "in" right before the revenue word ("Em Angola, a faturação
    caiu", "In Deutschland sank der Umsatz"): the sales of that market."""
    if not place.end <= hit.start <= place.end + 25:
        return False
    line = max(text.rfind("\n", 0, place.start), *(text.rfind(c, 0, place.start) for c in ".;:"))
    opening = re.findall(r"[^\W\d_]+", text[line + 1 : place.start].casefold())
    if len(opening) != 1 or opening[0] not in _IN:
        return False
    words = re.findall(r"[^\W\d_]+", text[place.end : hit.start].casefold())
    return len(words) <= 2 and all(w in _ARTICLES or w in _PLACE_VERBS for w in words)


# verb-second after a fronted place: "In Deutschland sank der Umsatz", "In Spanje daalde de omzet"
_PLACE_VERBS = _words("sank stieg fiel wuchs ging daalde steeg groeide zakte kromp rose fell grew")


def _place_subject(
    ctx: _Context, amount: MoneyMention, clause: tuple[int, int], others: Sequence[tuple[int, int]]
) -> bool:
    """A place opening the clause, before the amount ("Le Americhe sono cresciute a 498
    milioni", "while Europe rose to €521m"): the subject is a market."""
    lo = _trim(ctx.text, *clause)[0]
    for place in ctx.places:
        if not lo <= place.start < amount.start or _between(place.end, amount.start, others):
            continue
        head = ctx.text[lo : place.start]
        words = re.findall(r"[^\W\d_]+", head.casefold())
        if len(head) <= 20 and all(w in _PLACE_HEAD for w in words):
            return True
    return False


# Little words that may open a clause before its subject ("mentre l'Europa", "while").
_PLACE_HEAD = _words(
    "while whereas mentre mientras tandis que während wohingegen terwijl enquanto and et und "
    "y e en ed but mais ma aber maar mas pero the le la les l el los las il lo i gli o a os as "
    "der die das de het"
)


def _placement_day(
    ctx: _Context,
    sentence: tuple[int, int],
    amount: MoneyMention,
    others: Sequence[tuple[int, int]],
    verbs: tuple[re.Pattern[str], ...] | None = None,
) -> date | None:
    """The day told next to a placement verb (or one of `verbs`) before the bond amount
    ("a placé mardi", "ha collocato ieri", "on Tuesday sold"), with no other amount
    between."""
    for d in ctx.told_days:
        if not sentence[0] <= d.start < amount.start or _between(d.end, amount.start, others):
            continue
        lo, hi = max(sentence[0], d.start - 25), min(amount.start, d.end + 25)
        if any(
            hit.end <= d.start or hit.start >= d.end
            for hit in _find(ctx.lex.placements if verbs is None else verbs, ctx.text, lo, hi)
        ):
            return d.start_date
    return None


def _invested_in(
    ctx: _Context, amount: MoneyMention, clause: tuple[int, int]
) -> EntityMention | None:
    """The ORG right after "in"/"dans"/"em"... following an invested amount."""
    for org in ctx.orgs:
        if amount.end <= org.start < clause[1]:
            gap = ctx.text[amount.end : org.start]
            words = re.findall(r"[^\W\d_]+", gap.casefold())
            # "in Vega", "dans la société Vega", "in de start-up Vega": "in" comes first.
            if words and len(words) <= 4 and words[0] in ctx.lex.invest_targets:
                return org
    return None


def _status(ctx: _Context, lo: int, hi: int) -> Status:
    if _any(ctx.lex.forecast, ctx.text, lo, hi):
        return "forecast"
    return "reported"


def _date_distance(
    text: str,
    amount: MoneyMention,
    d: DateMention,
    flow: bool | None = None,
    others: Sequence[tuple[int, int]] = (),
    closing: Collection[tuple[int, int]] = (),
) -> int:
    """Characters between a date and an amount; a comma between them puts the date
    farther ("2023 ... 7 Mio., 2022 waren es 5 Mio."). A result over a period (`flow`)
    prefers a period to a day ("im Geschäftsjahr 2024/25, das am 31. März endete"),
    a stock prefers a day, or the end of a period (`closing`: "at the end of last year")."""
    lo, hi = (d.end, amount.start) if d.end <= amount.start else (amount.end, d.start)
    dist = hi - lo
    dist += 50 * text.count(",", lo, hi)
    one_day = d.start_date == d.end_date or (d.start, d.end) in closing
    if flow and d.grain == "month" and (d.end_date - d.start_date).days < 20:
        # "over het boekjaar 2024/25, dat eind juni afliep": the end of a month is a
        # point in time, no period of a result
        one_day = True
    if flow is not None and one_day == flow:
        dist += 200
    heads = 0 <= amount.start - d.end <= 6 and _heads(text[d.end : amount.start])
    if not heads and d.end <= amount.start and any(_owns(text, o, d) for o in others):
        dist += 100  # "€270 million in the first quarter to €290 million in Q2"
    if d.start >= amount.end and any(
        0 <= o[0] - d.end <= 6 and _heads(text[d.end : o[0]]) for o in others
    ):
        # "in september € 61,2 miljoen, in oktober € 58,4 miljoen en in november € 66,9
        # miljoen": a date right before the next amount heads that one
        dist += 100
    return dist


# Little words between a month and the amount it heads ("im Oktober bei 38,4 Mio.",
# "en octubre de 38,4 millones", "a ottobre 38,4 milioni"): no conjunction.
_LEAD = _words("bei de d di à a op auf of von van da do")


def _heads(gap: str) -> bool:
    """True when a date right before an amount names its period ("in oktober € 58,4")."""
    words = re.findall(r"[^\W\d_]+", gap)
    return (
        len(gap) <= 6
        and not re.search(r"[^\w\s:]", gap)
        and all(w.casefold() in _LEAD for w in words)
    )


def _owns(text: str, other: tuple[int, int], d: DateMention) -> bool:
    """True when a date comes right after another amount, joined by little words."""
    if other[1] > d.start:
        return False
    gap = text[other[1] : d.start]
    if re.search(r"[.!?;:]", gap):
        return False  # "... 12,4 miljoen euro. Eind juni had ...": a new sentence
    words = re.findall(r"\w+", gap)
    return len(gap) <= 14 and all(w.casefold() in _GLUE | _IN | _OF | _DURING for w in words)


# "during" words that tie a period to the amount before it ("7 M lors de l'exercice")
_DURING = _words("lors pendant during durante während tijdens over für for")


def _compared(
    ctx: _Context,
    d: DateMention,
    others: Sequence[tuple[int, int]],
    sentence: tuple[int, int],
) -> bool:
    """The date of another amount that is compared with ("face a 12,5 milhões no
    primeiro semestre de 2025", "against $29.5m a year earlier"): no later amount's."""
    return any(
        _owns(ctx.text, o, d)
        and (
            (d.start, d.end) in ctx.relatives
            or _any(ctx.lex.comparison, ctx.text, max(sentence[0], o[0] - 20), o[0])
        )
        for o in others
    )


def _heads_compared(
    ctx: _Context, amount: MoneyMention, d: DateMention, others: Sequence[tuple[int, int]]
) -> bool:
    """A year-back word after the amount that heads another amount ("(Vorjahr: 64
    Mio.)", "(año anterior: 12 millones)"): the date of the figure compared with."""
    return (
        d.start >= amount.end
        and (d.start, d.end) in ctx.relatives
        and any(0 <= o[0] - d.end <= 6 and _heads(ctx.text[d.end : o[0]]) for o in others)
    )


def _headed_by_year_back(ctx: _Context, amount: MoneyMention, dates: Sequence[DateMention]) -> bool:
    """A year-back word right before the amount, in brackets after another amount
    ("auf 71 Mio. Euro (Vorjahr: 64 Mio.)"): the figure compared with."""
    return any(
        (d.start, d.end) in ctx.relatives
        and 0 <= amount.start - d.end <= 6
        and _heads(ctx.text[d.end : amount.start])
        and "(" in ctx.text[max(0, d.start - 3) : d.start]
        for d in dates
    )


def _shared_date(
    ctx: _Context,
    amount: MoneyMention,
    dates: Sequence[DateMention],
    clause: tuple[int, int],
    period: tuple[date | None, date | None],
) -> bool:
    """The amount's period is a date right after another amount of its clause, the one
    it is compared with ("210 million for the quarter, down from 262 million", "5 M en
    2025, frente a 4 M"): that date is the other's, the figure compared with is older."""
    for d in dates:
        if (d.start_date, d.end_date) != period or not 0 <= amount.start - d.end <= 20:
            continue
        if re.search(r"[.;:!?()]", ctx.text[d.end : amount.start]):
            continue
        if any(
            clause[0] <= lo and hi <= d.start and d.start - hi <= 30 and lo != amount.start
            for lo, hi in ctx.amount_spans
        ):
            return True
    return False


def _crosses(d: DateMention, amount: MoneyMention, others: Sequence[tuple[int, int]]) -> bool:
    if d.end <= amount.start:
        return _between(d.end, amount.start, others)
    return _between(amount.end, d.start, others)


def _near_date(
    dates: Sequence[DateMention],
    lo: int,
    hi: int,
    amount: MoneyMention,
    text: str,
    others: Sequence[tuple[int, int]] = (),
    flow: bool | None = None,
    closing: Collection[tuple[int, int]] = (),
) -> tuple[date, date] | None:
    """The period of the nearest date of [lo, hi), not one beyond another amount
    (that date is the other amount's: "1,50 Franken im Vorjahr")."""
    inside = [
        d
        for d in dates
        if lo <= d.start
        and d.end <= hi
        and (d.end <= amount.start or amount.end <= d.start <= amount.end + _DATE_AFTER)
        and not _crosses(d, amount, others)
    ]
    if not inside:
        return None
    best = min(inside, key=lambda d: _date_distance(text, amount, d, flow, others, closing))
    ordered = sorted(inside, key=lambda d: d.start)
    i = ordered.index(best)
    while i + 1 < len(ordered) and _refines(text, ordered[i], ordered[i + 1]):
        # "au même trimestre de l'année précédente", "the same quarter of last year":
        # the second date says which one.
        i += 1
        best = ordered[i]
    start, end = best.start_date, best.end_date
    # Dates joined by a conjunction are one period: "juillet et août 2023".
    for step in (-1, 1):
        j = i
        while 0 <= j + step < len(ordered):
            a, b = sorted((ordered[j], ordered[j + step]), key=lambda d: d.start)
            words = re.findall(r"\w+", text[a.end : b.start])
            if len(text[a.end : b.start]) > 12 or not all(w.casefold() in _GLUE for w in words):
                break
            if _refines(text, a, b):
                break
            j += step
            start = min(start, ordered[j].start_date)
            end = max(end, ordered[j].end_date)
    return start, end


def _startup(ctx: _Context, d: DateMention, sentence: tuple[int, int]) -> bool:
    """A date still ahead, next to a start-up or delivery word of its sentence ("im
    Frühjahr 2031 in Betrieb gehen", "due to open in mid-2030", "Entro l'autunno aprirà"),
    with no amount between them."""
    if not sentence[0] <= d.start < sentence[1]:
        return False
    if ctx.reference is None or d.end_date <= ctx.reference:
        return False
    spans = ctx.amount_spans
    after = [
        h
        for h in _find(ctx.lex.startups, ctx.text, d.end, min(sentence[1], d.end + 30))
        if not _between(d.end, h.start, spans)
    ]
    before = [
        h
        for h in _find(ctx.lex.startups, ctx.text, max(sentence[0], d.start - 25), d.start)
        if not _between(h.end, d.start, spans)
    ]
    return bool(after or before)


def _percent_compared(
    ctx: _Context, amount: MoneyMention, d: DateMention, clause: tuple[int, int]
) -> bool:
    """A date after the amount, right after a comparison word and a percentage
    ("..., against 3.4% a year earlier", "tegen 3,4 procent een jaar eerder")."""
    if not amount.end <= d.start <= clause[1]:
        return False
    lo = max(amount.end, d.start - 40)
    pct = list(ctx.lex.percent.finditer(ctx.text, lo, d.start))
    # ("frente al 7,3% de un año antes", "contro il 7,3% di un anno prima")
    if not pct or not _LINK_TO_DATE.fullmatch(ctx.text, pct[-1].end(), d.start):
        return False
    number = re.search(r"(\d[\d.,]*)\s*$", ctx.text[lo : pct[-1].start()])
    if number is None:
        return False
    at = lo + number.start()
    return _any(ctx.lex.comparison, ctx.text, max(lo, at - 16), at)


def _change_base(
    ctx: _Context, amount: MoneyMention, d: DateMention, clause: tuple[int, int]
) -> bool:
    """A year-back date after the amount with a percentage between them ("R$ 95
    milhões, 8% acima do registrado um ano antes"): the base of the change."""
    if (d.start, d.end) not in ctx.relatives or not amount.end <= d.start <= clause[1]:
        return False
    if d.start - amount.end > 60 or any(amount.end <= a < d.start for a, _ in ctx.amount_spans):
        return False
    return ctx.lex.percent.search(ctx.text, amount.end, d.start) is not None


# between a percentage and its date: a comma, an "of" word ("7,3% de un año antes")
_LINK_TO_DATE = re.compile(r"[\s,]*(?:(?:de|di|del|of|van)\s+)?")


def _closed_period(
    dates: Sequence[DateMention], lo: int, hi: int, point: tuple[date, date]
) -> tuple[date, date] | None:
    """The last period of [lo, hi) of two months or more, longer than `point`, that ends
    inside it (or opens in it: "l'exercice 2027, ouvert le 1er avril")."""
    closed = [
        d
        for d in dates
        if lo <= d.start
        and d.end <= hi
        and (d.end_date - d.start_date).days >= max(58, (point[1] - point[0]).days + 1)
        and (point[0] <= d.end_date <= point[1] or point[0] <= d.start_date <= point[1])
    ]
    return (closed[-1].start_date, closed[-1].end_date) if closed else None


def _refines(text: str, a: DateMention, b: DateMention) -> bool:
    """`b` follows `a` through a preposition only ("trimestre de l'année précédente")
    and names another period of the same length: it places `a`."""
    gap = text[a.end : b.start]
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", gap)]
    return (
        0 < len(gap) <= 8
        and bool(words)
        and all(w in _OF for w in words)
        and (a.end_date - a.start_date) == (b.end_date - b.start_date)
        and (a.start_date, a.end_date) != (b.start_date, b.end_date)
    )


def _tied(
    text: str, amount: MoneyMention, start: int, end: int, others: Sequence[tuple[int, int]]
) -> bool:
    """A duration belongs to the amount when nothing (a comma, another amount, a long
    stretch) stands between them: "2,5 M$ en quatre mois", "Über drei Jahre ... 60 Mio."
    but not "3 M€ al mes, lo que le daba margen para unos 15 meses"."""
    lo, hi = (end, amount.start) if end <= amount.start else (amount.end, start)
    return hi - lo <= 60 and "," not in text[lo:hi] and not _between(lo, hi, others)


def _near_date_mention(
    dates: Sequence[DateMention],
    clause: tuple[int, int],
    amount: MoneyMention,
    others: Sequence[tuple[int, int]],
) -> DateMention | None:
    inside = [
        d
        for d in dates
        if clause[0] <= d.start
        and d.end <= clause[1]
        and (d.end <= amount.start or d.start >= amount.end)
    ]
    return min(
        inside, key=lambda d: _distance(amount.start, amount.end, d.start, d.end), default=None
    )


def _rate_compared(
    ctx: _Context,
    dates: Sequence[DateMention],
    clause: tuple[int, int],
    amount: MoneyMention,
    others: Sequence[tuple[int, int]],
) -> bool:
    """The date nearest a rate is a year-back word after it ("paie 400 000 euros de plus
    par semaine que l'an dernier", "costs £1m a week more than last year"): the base
    the running rate is compared with, not when it runs."""
    near = _near_date_mention(dates, clause, amount, others)
    return (
        near is not None
        and near.start >= amount.end
        and (
            (near.start, near.end) in ctx.relatives
            or _any(ctx.lex.prior_year, ctx.text, near.start, near.end)
        )
    )


def _paragraph_date(
    text: str, dates: Sequence[DateMention], before: int, article: bool = True
) -> tuple[date, date] | None:
    """The last year (else the last month or longer) named earlier in the paragraph;
    with none, the last year named earlier in the article (the results' year)."""
    start = text.rfind("\n", 0, before) + 1
    spans = [
        d
        for d in dates
        if start <= d.start and d.end <= before and (d.end_date - d.start_date).days >= 27
    ]
    if not spans and article:
        spans = [d for d in dates if d.end <= before and (d.end_date - d.start_date).days >= 360]
    if not spans:
        return None
    years = [d for d in spans if (d.end_date - d.start_date).days >= 360]
    if years:
        # The year the paragraph is about: the most named, ties by first.
        counts = Counter((d.start_date, d.end_date) for d in years)
        first = min(years, key=lambda d: (-counts[(d.start_date, d.end_date)], d.start))
        return first.start_date, first.end_date
    last = max(spans, key=lambda d: d.end)
    return last.start_date, last.end_date


def _per(ctx: _Context, amount: MoneyMention, dates: Sequence[DateMention] = ()) -> Per | None:
    """The rate unit right after the amount ("par an", "a month"), not a date there
    ("a year earlier", "im Jahr 2023")."""
    if amount.per is not None:
        return amount.per
    for pattern, unit in ctx.lex.per:
        m = pattern.match(ctx.text, amount.end + _leading_blank(ctx.text, amount.end))
        if m is None:
            continue
        if re.match(r"\s*\d", ctx.text[m.end() : m.end() + 4]):
            continue
        if any(d.start < m.end() and m.start() < d.end for d in dates):
            continue
        return unit  # type: ignore[return-value]
    return None


def _leading_blank(text: str, pos: int) -> int:
    n = 0
    while pos + n < len(text) and n < 3 and text[pos + n] in " \u00a0":
        n += 1
    return n


_Signed = tuple[Decimal, Qualifier | None, Decimal | None, Decimal | None]


# "hasta", "tot", "jusqu'à" right before an amount that a change verb reached
_RISE_TO = re.compile(r"(?i)\b(?:hasta|tot|jusqu'à|jusqu’à|fino a|até|bis auf)\s*$")
_RISE_TO_OPEN = re.compile(r"(?i)(?:hasta|tot|jusqu'à|jusqu’à|fino a|até|bis auf)\s")


def _signed(amount: MoneyMention, sign: int) -> _Signed:
    if amount.negative:
        sign = -1
    value, low, high, qualifier = amount.value, amount.min, amount.max, amount.qualifier
    if sign > 0:
        return value, qualifier, low, high
    if qualifier == "range" and low is not None and high is not None:
        return -high, qualifier, -high, -low
    # "ein Fehlbetrag von höchstens 2 Mio. Euro", "a loss of more than $5m": the
    # bound is on the size of the loss, so the words keep their qualifier
    flipped = qualifier
    low_out = -high if high is not None else None
    high_out = -low if low is not None else None
    return -value, flipped, low_out, high_out


def _future_date(ctx: _Context, dates: Sequence[DateMention], lo: int, hi: int) -> bool:
    """A date of [lo, hi) that starts after the publication date."""
    ref = ctx.reference
    return ref is not None and any(
        lo <= d.start and d.end <= hi and d.start_date > ref for d in dates
    )


def _quarter_end_before(day: date) -> date:
    """The last day of the last quarter that ended before `day`."""
    first_month = (day.month - 1) // 3 * 3 + 1
    return date(day.year, first_month, 1) - timedelta(days=1)


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _from_to(cues: dict[str, list[str]]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The two patterns of `_Lexicon.from_to`, from {"from": [...], "to": [...]}."""
    if not cues.get("from") or not cues.get("to"):
        return None
    froms, tos = (
        "|".join(re.escape(w) for w in sorted(cues[key], key=len, reverse=True))
        for key in ("from", "to")
    )
    return (
        re.compile(rf"(?<!\w)(?:{froms})\s*(?:[€$£]\s*)?$", re.IGNORECASE),
        re.compile(rf"\s+(?:{tos})\s+", re.IGNORECASE),
    )


def _comparison(ctx: _Context, amount: MoneyMention) -> bool:
    """A comparison word right before the amount: "from £640m", "nach 340 Mio.",
    "frente a los 1.180 millones", "tegen € 44,1 miljoen"."""
    lo = max(0, amount.start - 30)
    for hit in _find(ctx.lex.comparison, ctx.text, lo, amount.start):
        gap = ctx.text[hit.end : amount.start]
        words = re.findall(r"[^\W\d_]+", gap)
        little = all(w.casefold() in _ATTACH | _GLUE for w in words)
        if len(words) <= 2 and little and not re.search(r"[,.;]", gap):
            return True
    # "si è ridotta a 9,4 milioni di euro da 21 milioni", "bajó a 3 millones desde 5":
    # a from-word right after another amount
    # (after a comma too: "hasta 840 millones de euros, desde 910 millones")
    if any(
        0 < amount.start - end <= 14
        and _any(ctx.lex.from_words, ctx.text, end, amount.start)
        and not re.search(r"[^\w\s]", ctx.text[end : amount.start].removeprefix(","))
        for _, end in ctx.amount_spans
    ):
        return True
    return _from_base(ctx, amount)


def _from_base(ctx: _Context, amount: MoneyMention) -> bool:
    """"stieg von 31,2 auf 36,8 Mio. €", "rose from €40m to €52m", "passant de 5,9 à 6,2
    milliards": the amount between a from-word and a to-word is the older figure."""
    before = ctx.text[max(0, amount.start - 8) : amount.start]
    return ctx.lex.from_to is not None and bool(
        ctx.lex.from_to[0].search(before)
        and any(
            0 < start - amount.end <= 6
            and ctx.lex.from_to[1].fullmatch(ctx.text, amount.end, start)
            for start, _ in ctx.amount_spans
        )
    )


def _cue_within(
    patterns: Iterable[re.Pattern[str]],
    text: str,
    clause: tuple[int, int],
    amount: MoneyMention,
    others: Sequence[tuple[int, int]],
    reach: int,
) -> bool:
    """A cue of the clause at most `reach` characters before the amount, not beyond
    another amount."""
    lo = max(clause[0], amount.start - reach)
    return any(
        not _between(hit.end, amount.start, others)
        for hit in _find(patterns, text, lo, amount.start)
    )


def _cue_after(
    patterns: Iterable[re.Pattern[str]],
    text: str,
    clause: tuple[int, int],
    amount: MoneyMention,
    others: Sequence[tuple[int, int]],
    reach: int,
) -> bool:
    """A cue of the clause at most `reach` characters after the amount, not beyond
    another amount."""
    hi = min(clause[1], amount.end + reach)
    return any(
        not _between(amount.end, hit.start, others) for hit in _find(patterns, text, amount.end, hi)
    )


def _part_of(
    ctx: _Context,
    sentence: tuple[int, int],
    amount: MoneyMention,
    others: Sequence[tuple[int, int]],
) -> bool:
    """A share of a total stated just before: "€320m, of which X contributed €75m",
    "320 Mio. Euro, davon ...", "320 millions, dont 75 millions"."""
    lo = max(sentence[0], amount.start - 60)
    for hit in _find(ctx.lex.parts, ctx.text, lo, amount.start):
        if _between(hit.end, amount.start, others):
            continue
        if any(sentence[0] <= s and e <= hit.start for s, e in others):
            return True
    return False


def _part_of_balance(ctx: _Context, amount: MoneyMention, sentence: tuple[int, int]) -> bool:
    """A part ("davon", "dont", "of which") of a balance named before it in the sentence
    (`stock_other_cues`: a loan book, deposits, an order book): a part of that balance."""
    for hit in _find(ctx.lex.parts, ctx.text, max(sentence[0], amount.start - 25), amount.start):
        gap = ctx.text[hit.end : amount.start]
        if re.fullmatch(r"[^\W\d]*(?:[^\S\n]+[^\W\d]+){0,2}[^\S\n]*", gap):
            return _any(ctx.lex.stock_others, ctx.text, sentence[0], hit.start)
    return False


def _part_period(
    dates: Sequence[DateMention], amount: MoneyMention, others: Sequence[tuple[int, int]]
) -> bool:
    """The share goes to a shorter period right after it ("davon entfielen 1,48 Mrd.
    Euro auf das dritte Quartal", "dont 310 millions au quatrième trimestre"): the same
    metric over that period, not a segment."""
    return any(
        amount.end <= d.start <= amount.end + 25
        and (d.end_date - d.start_date).days < 100
        and not _between(amount.end, d.start, others)
        for d in dates
    )


def _at_most(ctx: _Context, amount: MoneyMention) -> bool:
    """An upper bound that may be reached, around the amount: "at or below €90m",
    "€90m or less", "inférieur ou égal à 90 M€"."""
    lo, hi = max(0, amount.start - 25), min(len(ctx.text), amount.end + 12)
    for hit in _find(ctx.lex.max_cues, ctx.text, lo, hi):
        if hit.start < amount.end and hit.end >= amount.start - 3:
            return True
        if hit.start >= amount.end and not ctx.text[amount.end : hit.start].strip():
            return True
    return False


def _prior_year(
    ctx: _Context,
    dates: Sequence[DateMention],
    clause: tuple[int, int],
    amount: MoneyMention,
    others: Sequence[tuple[int, int]],
) -> bool:
    """A prior-year cue right after the amount, not beyond another amount and not a
    date of its own ("$22m in the year-earlier quarter", "701 Mio. im Vorjahresquartal")."""
    hi = min(clause[1], amount.end + 60)
    for hit in _find(ctx.lex.prior_year, ctx.text, amount.end, hi):
        if _between(amount.end, hit.start, others):
            continue
        if any(amount.end <= d.start < hit.end for d in dates):
            continue
        return True
    return False


def _parallel_day(
    ctx: _Context,
    dates: Sequence[DateMention],
    clause: tuple[int, int],
    amount: MoneyMention,
    others: Sequence[tuple[int, int]],
) -> tuple[date, date] | None:
    """The day named after a list of stocks in the clause, across the other amounts of
    the list but not across a comparison ("..., contre 400 M fin 2023")."""
    after = [
        d
        for d in dates
        if amount.end <= d.start
        and d.end <= clause[1]
        and d.start_date == d.end_date
        and _between(amount.end, d.start, others)
    ]
    if not after:
        return None
    best = min(after, key=lambda d: d.start)
    if _any(ctx.lex.comparison, ctx.text, amount.end, best.start):
        return None
    return best.start_date, best.end_date


def _opening_period(
    ctx: _Context, dates: Sequence[DateMention], sentence: tuple[int, int], amount: MoneyMention
) -> tuple[date, date] | None:
    """The date that opens the sentence ("Im ersten Halbjahr 2025 ...", "En 2024, ..."),
    when no other date stands between it and the amount."""
    lo = _leading_blank(ctx.text, sentence[0]) + sentence[0]
    inside = [d for d in dates if sentence[0] <= d.start < amount.start]
    if not inside or (inside[0].start, inside[0].end) in ctx.relatives or len(inside) > 1:
        return None
    head = ctx.text[lo : inside[0].start]
    if len(head) > 12 or re.search(r"[\d,;:]", head):
        return None  # only a preposition or two before it ("Im", "En el", "In the")
    return inside[0].start_date, inside[0].end_date


_AND = _words("and et und y e en ed i")


def _spanning(
    dates: Sequence[DateMention], sentence: tuple[int, int], duration: DurationMention
) -> tuple[date, date] | None:
    """A range of whole years in the sentence as long as the duration ("2026-2030" for
    "en cinco años")."""
    if duration.unit != "year":
        return None
    for d in dates:
        years = d.end_date.year - d.start_date.year + 1
        if (
            sentence[0] <= d.start < sentence[1]
            and years > 1
            and Decimal(years * 12) == duration.months
            and (d.start_date.month, d.start_date.day, d.end_date.month, d.end_date.day)
            == (1, 1, 12, 31)
        ):
            return d.start_date, d.end_date
    return None


def _listed_period(
    ctx: _Context, sibling: Fact | None, amount: MoneyMention, amounts: Sequence[MoneyMention]
) -> tuple[date, date] | None:
    """The period of the result before the amount in its sentence, when that one is
    the sentence's own result (not a comparison, not a rate) and this one is no
    comparison either."""
    if (
        sibling is None
        or sibling.period_start is None
        or sibling.period_end is None
        or sibling.per is not None
        or sibling.status != "reported"
        or sibling.metric in _STOCKS
        or (sibling.period_end - sibling.period_start).days < 27  # a day is a stock's
        or _comparison(ctx, amount)
    ):
        return None
    before = next((a for a in amounts if a.start == sibling.start), None)
    if before is None or _comparison(ctx, before):
        return None
    if any(before.end <= lo < amount.start for lo, _ in ctx.relatives):
        return None  # "27,1 milioni (24,3 milioni un anno prima), mentre il mol ...": a comparison
    return sibling.period_start, sibling.period_end


def _parallel_period(
    ctx: _Context,
    dates: Sequence[DateMention],
    span: tuple[int, int],
    amount: MoneyMention,
    others: Sequence[tuple[int, int]],
) -> tuple[date, date] | None:
    """The period named right after the next amount of a list of results joined by
    "and" ("revenue of A and net income of B in 2024"), not across a comparison."""
    nxt = min((o for o in others if o[0] >= amount.end and o[1] <= span[1]), default=None)
    if nxt is None or nxt[0] - amount.end > 60:
        return None
    words = re.findall(r"[^\W\d_]+|[,;:]", ctx.text[amount.end : nxt[0]].casefold())
    if not words or words[0] not in _AND or any(w in ",;:" for w in words):
        return None
    after = [
        d
        for d in dates
        if nxt[1] <= d.start <= nxt[1] + 25
        and d.end <= span[1]
        and (d.start, d.end) not in ctx.relatives
        and not _between(nxt[1], d.start, others)
    ]
    if not after or _any(ctx.lex.comparison, ctx.text, amount.end, after[0].start):
        return None
    best = min(after, key=lambda d: d.start)
    return best.start_date, best.end_date


def _until_start(
    ctx: _Context,
    dates: Sequence[DateMention],
    clause: tuple[int, int],
    start: date,
    end: date,
) -> date:
    """A rate "until 2027" runs from the year of publication: "jährlich ... bis 2027",
    "par an jusqu'en 2027"."""
    ref = ctx.reference
    if ref is None or ref >= start or (end - start).days > 366:
        return start
    for d in dates:
        if (d.start_date, d.end_date) != (start, end) or not clause[0] <= d.start < clause[1]:
            continue
        lo = max(clause[0], d.start - 15)
        if any(h.start <= d.start + 1 for h in _find(ctx.lex.until, ctx.text, lo, d.end)):
            return date(ref.year, 1, 1)
    return start



def _sibling_period(
    metric: str,
    period_end: date | None,
    duration: Any,
    per: str | None,
    sibling: Fact | None,
    amount: MoneyMention,
) -> tuple[date, date] | None:
    """The period of the `other` figure just before an undated `other` figure in the same
    currency, which a listed part or a running total may share."""
    if metric != "other" or period_end is not None or duration is not None or per is not None:
        return None
    if sibling is None or sibling.metric != "other" or sibling.currency != amount.currency:
        return None
    if sibling.period_start is None or sibling.period_end is None:
        return None
    return sibling.period_start, sibling.period_end


def _fact(
    ctx: _Context,
    doc: Doc | None,
    amount: MoneyMention,
    sentence: tuple[int, int],
    clauses: Sequence[tuple[int, int]],
    dates: Sequence[DateMention],
    durations: Sequence[DurationMention],
    amounts: Sequence[MoneyMention],
    all_orgs: Sequence[EntityMention],
    counterparty_ids: set[int],
    sibling: Fact | None = None,
    flow_period: tuple[date, date] | None = None,
    previous: tuple[int, int] | None = None,
    prior_fact: Fact | None = None,
    article_period: tuple[date, date] | None = None,
    latest_period: tuple[date, date] | None = None,
) -> Fact:
    """`sibling` is the fact of the previous amount of the sentence; `flow_period` the
    period of the last result stated in the paragraph (not a comparison)."""
    text, lex = ctx.text, ctx.lex
    index = next(i for i, c in enumerate(clauses) if c[0] <= amount.start < c[1])
    clause = clauses[index]
    others = [(a.start, a.end) for a in amounts if a is not amount]

    def own(patterns: tuple[re.Pattern[str], ...], **limits: int) -> bool:
        return _own_cue(patterns, text, clause, amount, others, memo=ctx.memo, **limits)

    subject = _parse_subject(doc, amount, *clause)
    entity = _company(ctx, amount, clause, sentence, subject)
    buyer = _bought_price(ctx, amount, sentence)
    if buyer is not None:
        entity = buyer  # "X, rachetée en mars pour 12 millions": the buyer pays the price
    bought = _acquired(ctx, sentence, previous, all_orgs, counterparty_ids)
    if bought is not None and (
        entity == ctx.main or bought[1] <= _org_start(ctx, entity, sentence)
    ):
        entity = bought[0]  # (an ORG inside "la firma de Oporto" is the town)
    if ctx.merged is not None and entity != ctx.merged and own(lex.combined, reach=80):
        entity = ctx.merged  # "ricavi aggregati di circa 1,9 miliardi", "the combined group"
    elif (
        ctx.merged is not None
        and _any(lex.combined, text, sentence[0], min(sentence[0] + 40, amount.start))
        and not any(sentence[0] <= o.start < sentence[1] for o in ctx.orgs)
    ):
        entity = ctx.merged  # "I due gruppi contano su sinergie di costo per 35 milioni"
    if lex.payment_dates:
        # "dont 12 millions payables en 2028": when the money will be paid, not the
        # period it is for
        dates = [
            d
            for d in dates
            if not (
                (ctx.reference is None or d.start_date > ctx.reference)
                and amount.end <= d.start < clause[1]
                and _any(lex.payment_dates, text, amount.end, d.start)
            )
        ]
    if "dividend" in text[clause[0] : clause[1]].casefold() and _PER_SHARE_RESULT.match(
        text, amount.end
    ):
        # "proporrà all'assemblea di marzo un dividendo di 0,30 euro per azione", "le
        # premier depuis 2018": the meeting ahead and a span since are no period of the
        # dividend, which is for the year reported (a payment month is: "pagará en enero")
        dates = [
            d
            for d in dates
            if not (
                clause[0] <= d.start < clause[1]
                and (
                    (d.start, d.end) in ctx.open_spans
                    or (
                        d.grain in ("month", "day")
                        and _any(lex.meetings, text, max(clause[0], d.start - 25), d.start)
                    )
                )
            )
        ]
    if lex.said_when:
        # "contre une fourchette de 2,15 à 2,25 milliards annoncée en juillet": when the
        # figure was said, not the period it is for
        dates = [
            d
            for d in dates
            if not (
                # (nor a later figure's: "i 95 milioni fissati a maggio, e un Ebitda di
                # 12 milioni")
                sentence[0] <= d.start < sentence[1]
                and any(
                    _little_gap(text[hit.end : d.start])
                    for hit in _find(
                        lex.said_when,
                        text,
                        max(amount.end if d.start > amount.end else sentence[0], d.start - 30),
                        d.start,
                    )
                )
            )
        ]
        # ("As contas ... só serão apresentadas em outubro, mas a SAD antecipou receitas":
        # when the accounts are presented, before the amount too)
    per = _per(ctx, amount, dates)
    first_guess, _ = _metric(ctx, amount, clause, others, one_off=False)
    if (
        not first_guess
        and sibling is not None
        and sibling.metric in _FLOWS
        and sibling.currency == amount.currency
    ):
        first_guess = sibling.metric
    flow = first_guess in _FLOWS if first_guess in (*_FLOWS, *_STOCKS) else None
    if lex.startups and first_guess not in _FLOWS:
        # "eine Anlage, die 28 Mio. Euro kostet und im Frühjahr 2027 in Betrieb gehen
        # soll", "un investimento da 20 milioni ... entro l'autunno aprirà": when a plant
        # or ship starts up or is delivered, not the period of its cost
        dates = [d for d in dates if not _startup(ctx, d, sentence)]
    # A result is not "since 2021 up to today": open intervals are no period for it.
    usable = [d for d in dates if (d.start, d.end) not in ctx.open_spans] if flow else dates
    # "€ 48 miljoen opzij, ruim twee keer zo veel als in het eerste halfjaar van 2024":
    # a date after the amount that is compared with is not the amount's own
    usable = [
        d
        for d in usable
        if not (
            amount.end <= d.start <= clause[1]
            and (
                _any(lex.compared_dates, text, max(amount.end, d.start - 16), d.start)
                or _any(lex.causes, text, amount.end, d.start)
            )
        )
    ]
    # "$64.2m, against $29.5m a year earlier, on revenue of $188m": a comparison date
    # right after another amount is that amount's, not one of a later amount
    # "face a 12,5 milhões no primeiro semestre de 2025, e o EBITDA fixou-se em 71,4
    # milhões": nor is the period of a figure compared with
    usable = [
        d for d in usable if not (d.end <= amount.start and _compared(ctx, d, others, sentence))
    ]
    usable = [d for d in usable if not _company_relative(ctx, d, amount, sentence)]
    # "kwam uit op € 40 miljoen, 2,2 procent van de omzet, tegen 3,4 procent een jaar
    # eerder": the date of a percentage compared with is the percentage's
    usable = [d for d in usable if not _percent_compared(ctx, amount, d, clause)]
    # "R$ 95 milhões, 8% acima do registrado um ano antes", "up 12% on a year
    # earlier": the year-back word after a change in percent is the base of the change
    usable = [d for d in usable if not _change_base(ctx, amount, d, clause)]
    # "stiegen auf 71 Mio. Euro (Vorjahr: 64 Mio.)": a year-back word heading the next
    # amount dates that amount, the one compared with, not this one
    usable = [d for d in usable if not _heads_compared(ctx, amount, d, others)]
    # "a réalisé en 2025 un chiffre d'affaires de 2,08 milliards, stable par rapport à 2024,
    # mais a essuyé une perte de 212 millions": the year an earlier amount is compared
    # with is no period of a later one
    usable = [d for d in usable if not _compared_before(ctx, d, amount, others, sentence)]
    # A stock "at the end of last year" is at that year's closing day: as good as a day.
    closing = (
        [
            (d.start, d.end)
            for d in usable
            if clause[0] <= d.start
            and d.end <= clause[1]
            and d.start_date != d.end_date
            and _any(lex.ends, text, max(clause[0], d.start - 15), d.end)
        ]
        if flow is False
        else []
    )
    period = _near_date(usable, clause[0], clause[1], amount, text, others, flow, closing)
    if (
        flow
        and period is not None
        and (
            (period[1] - period[0]).days < 20
            or (index > 0 and _RELATIVE_OPEN.match(text, clause[0]) is not None)
        )
    ):
        # "over het boekjaar 2024/25, dat eind juni afliep, een nettoverlies", "nell'
        # esercizio 2025/26, che si è chiuso a fine giugno, ricavi per": when a period
        # named before closed is no period of a result; that period is
        period = _closed_period(usable, sentence[0], amount.start, period) or period
    if period is None and flow:
        # "revenue of $3.1bn and net income of $412m for fiscal 2025": results listed
        # together share the period named after the last of them
        period = _parallel_period(ctx, usable, sentence, amount, others)
    if period is None and flow is not None and not _comparison(ctx, amount):
        # "Im ersten Halbjahr 2025 fiel ein Minus von 19,5 Mio. an, bei Erlösen von 58
        # Mio.": a date opening the sentence frames all of its results (not the figure
        # compared with: "..., up from €290m")
        period = _opening_period(ctx, usable, sentence, amount)
    cps = tuple(
        dict.fromkeys(
            all_orgs[i].canonical
            for i in sorted(counterparty_ids)
            if clause[0] <= all_orgs[i].start and all_orgs[i].end <= clause[1]
        )
    )
    metric, sign = _metric(
        ctx,
        amount,
        clause,
        others,
        # "investirà 600 milioni entro il 2028": a build with a deadline is still one-off
        one_off=per is None
        and (
            period is None
            or (
                ctx.reference is not None
                and period[1] > ctx.reference
                and _deadline(ctx, dates, clause, period)
            )
        ),
        counterparty=bool(cps),
        # "la nuova linea, che costerà 40 milioni": a relative clause spends on the noun
        # of the clause before it
        before=previous
        if index == 0
        else clauses[index - 1]
        if _RELATIVE_OPEN.match(text, clause[0])
        else None,
    )
    if not metric and index > 0 and _RELATIVE_OPEN.match(text, clause[0]):
        # "et par la trésorerie, qui s'élevait à 87 M à fin septembre": the relative
        # clause is about the noun that closes the clause before it
        lo = max(clauses[index - 1][0], clause[0] - 40)
        cues = _clause_cues(ctx, lo, clause[0])
        ends = [c for c in cues if _closes(ctx, dates, c[1], clause)]
        if ends and ends[-1][2] not in ("spend", "invest"):
            metric, sign = ends[-1][2], ends[-1][3]
        elif ends and ends[-1][2] == "invest":
            # "le budget d'investissement pour 2028, qui devrait atteindre 90 M": the
            # spending the relative clause sizes
            metric, sign = "project_spend", 1
    uncued = False
    subject_cue = (
        None
        if metric or own(lex.investors) or own(lex.clause_counterparty)
        else _subject_cue(ctx, clauses, index, amounts)
    )  # ("..., joined by X, which put in $20m": one investor's share, not the round)
    if subject_cue is not None:
        # "Le résultat net, qui avait atteint 50 M en 2023, a chuté à 20 M": the cue
        # is the subject, in an earlier clause of the sentence that has no amount.
        metric, sign = subject_cue
    elif not metric:
        # No cue in the clause: "facturó 38 M en 2024, y espera superar los 60 M" is
        # still revenue, a result named by the previous amount of the sentence.
        borrowed = (
            sibling is not None
            and sibling.metric in (*_FLOWS, *_SPENDS)
            and amount.currency in (None, sibling.currency)
            and amount.start - sibling.end <= 120
        )
        metric = sibling.metric if sibling is not None and borrowed else "other"
        if (
            sibling is None
            and prior_fact is not None
            and prior_fact.metric in _FLOWS
            and prior_fact.entity == entity
            and prior_fact.value > 0
            and amount.currency in (None, prior_fact.currency)
            and 0 < amount.start - prior_fact.end <= 120
            and (
                (
                    amount.value > prior_fact.value
                    and any(own(cues, reach=40) for cues in (lex.aims, lex.forecast, lex.target))
                )
                or any(
                    d.start - clause[0] <= 12 and d.end <= amount.start
                    for d in dates
                    if clause[0] <= d.start
                )
            )
        ):
            # "Sales reached £1.1bn in nine months. The group aims for over £1.5bn this
            # year": the total aimed at after a part of the year is the same result;
            # "Over het halfjaar € 900 miljoen omzet; het tweede kwartaal leverde € 480
            # miljoen op": a period as the subject, the same result for that period
            metric = prior_fact.metric
        sign = 1
        uncued = metric == "other"
    if (
        metric not in _FLOWS
        and sibling is not None
        and (sibling.metric in _FLOWS or sibling.metric == "valuation" != metric)
        and amount.currency in (None, sibling.currency)
        and 0 < amount.start - sibling.end <= 80
        and not re.search(r"[.;:]", text[sibling.end : amount.start])
        and not any(sibling.end <= c[0] < amount.start for c in _clause_cues(ctx, *sentence))
        and _comparison(ctx, amount)
    ):
        # "revenue rose to £1.12bn from £1.05bn a year earlier, helped by price rises",
        # "avalia a empresa em 260 milhões, bem abaixo dos 410 milhões da ronda anterior":
        # the figure compared with is the same result or value, whatever cue follows it
        metric, sign = sibling.metric, (-1 if sibling.value < 0 else 1)
    if (
        metric not in _FLOWS
        and prior_fact is not None
        and previous is not None
        and previous[0] <= prior_fact.start < previous[1]
        and prior_fact.metric in _FLOWS
        and prior_fact.status == "reported"
        and amount.currency in (None, prior_fact.currency)
        and any(
            not text[sentence[0] : h.start].strip()
            for h in _find(
                lex.restated_base, text, sentence[0], min(amount.start, sentence[0] + 24)
            )
        )
        and lex.percent.search(text, sentence[0], amount.start) is not None
        and not any(c[0] < amount.start for c in _clause_cues(ctx, *sentence))
    ):
        # "Umsatz von CHF 412,6 Mio. Das sind 3,5 Prozent mehr als im Vorjahr (CHF 398,6
        # Mio.)": the base the result of the sentence before is measured against
        metric, sign = prior_fact.metric, (-1 if prior_fact.value < 0 else 1)
    if metric == "other" and _stock_pronoun(ctx, amount, clause, previous, prior_fact):
        # "De nettoschuld bedroeg € 1,1 miljard. Na de overname loopt die op tot
        # € 1,4 miljard": the pronoun is the stock just named.
        metric, sign = prior_fact.metric if prior_fact is not None else metric, 1
        entity = prior_fact.entity if prior_fact is not None else entity
    if (
        metric in ("cash_reserves", "debt")
        and (own(lex.clause_counterparty) or own(lex.passive_buyers))
        and any(
            not text[amount.end : hit.start].strip(" ,")
            for hit in _find(lex.payment_forms, text, amount.end, min(clause[1], amount.end + 25))
        )
    ):
        # "bought ... for about £210m in cash", "overgenomen voor € 340 miljoen, inclusief
        # schulden": a price, not a stock
        metric = "other"
    if buyer is not None and (metric in _FLOWS or metric in _STOCKS):
        metric, sign = "other", 1  # "l'intégration de X, rachetée pour 12 millions": a price
    if metric in ("operating_expenses", "project_spend", "infrastructure_spend", "net_income") and (
        _cue_within(lex.overrides, text, clause, amount, others, 60)
        or _attached_cue(lex.overrides, text, clause, amount)
    ):
        # "restructuring will cost €60m", "savings of €85m a year", "writing down ... by $390m"
        metric, sign = "other", 1
    if sign > 0 and any(
        not text[hit.end : amount.start].strip()
        for hit in _find(lex.minus, text, max(0, amount.start - 12), amount.start)
    ):
        sign = -1  # "kwam uit op min € 38 miljoen"
    if (
        metric == "net_income"
        and sibling is not None
        and sibling.metric == "operating_income"
        and amount.currency in (None, sibling.currency)
        and _cue_within(lex.plain_results, text, clause, amount, others, 40)
        and (
            _cue_within(lex.comparison, text, clause, amount, others, 60)
            or _cue_after(lex.prior_year, text, clause, amount, others, 60)
            or _cue_after(lex.relative, text, clause, amount, others, 60)
        )
    ):
        # "Het bedrijfsresultaat kwam uit op min € 38 miljoen, na een winst van € 12
        # miljoen een jaar eerder": the comparison is of the same kind of result.
        metric = sibling.metric
    if (
        metric == "net_income"
        and sibling is not None
        and sibling.metric == "other"
        and amount.currency in (None, sibling.currency)
        and _cue_within(lex.pretax, text, sentence, amount, (), 200)
        and (
            _cue_within(lex.comparison, text, clause, amount, others, 60)
            or _cue_after(lex.prior_year, text, clause, amount, others, 60)
            or _cue_after(lex.relative, text, clause, amount, others, 60)
        )
    ):
        metric = "other"  # "lost £58.6m before tax ..., compared with a loss of £31.2m"
    if (
        sign > 0
        and metric in ("net_income", "operating_income")
        and _cue_within(lex.negatives, text, clause, amount, others, 25)
    ):
        sign = -1  # "un resultado de explotación negativo de 38 millones"
    if metric in ("operating_expenses", "project_spend", "infrastructure_spend") and own(
        lex.goal_measures, reach=40
    ):
        metric, sign = "other", 1  # "uma redução de custos de 8 milhões": a saving
    if metric in ("net_income", "operating_income") and own(lex.pretax, reach=40):
        metric = "other"  # "lost £58.6m before tax": a pre-tax result
    if metric in ("operating_expenses", "project_spend") and own(lex.one_off_costs, reach=60):
        metric, sign = "other", 1  # "einmalige Kosten von etwa 90 Mio.": a one-off charge
    if _cue_within(lex.investor_search, text, sentence, amount, others, 160):
        # "sucht einen Investor, der mindestens 25 Mio. Euro Eigenkapital einbringt"
        metric, sign = "funding_target", 1
    if (
        per is None
        and metric in ("other", "operating_expenses")
        and _cue_within(lex.annual, text, clause, amount, others, 40)
        # (not "sa prévision d'Ebitda annuel": the result of the whole year)
        and not _cue_within(lex.other_flows, text, clause, amount, others, 60)
    ):
        per = "year"  # "annual cost savings of $120m to $140m"
    if metric == "operating_expenses" and _cue_within(
        lex.measure_costs, text, clause, amount, others, 60
    ):
        metric = "other"  # "Die Kosten dafür beziffert X auf 55 Mio.": the cost of a measure
    if metric == "debt" and own(lex.positives, reach=30):
        metric = "cash_reserves"  # "la posizione finanziaria netta era positiva per 1,2 mld"
    if metric == "debt" and own(lex.provisions, reach=40):
        metric = "other"  # "a provision charge of £90m for bad loans"
    segment = False  # a unit's or market's result: "other", over the period reported
    relative = index > 0 and _RELATIVE_OPEN.match(text, clause[0]) is not None
    if metric == "revenue" and (
        _cue_within(
            lex.margins,
            text,
            (clauses[index - 1][0], clause[1]) if relative else clause,
            amount,
            (),
            120,
        )
        or (
            sibling is not None
            and sibling.metric == "other"
            and _cue_within(lex.margins, text, sentence, amount, (), 200)
            and _cue_within(lex.comparison, text, clause, amount, others, 40)
        )
    ):
        # "El margen de intereses, su principal fuente de ingresos, alcanzó 2.870
        # millones, frente a 2.790 millones un año antes": a margin line, over the period
        metric, segment = "other", True
    if metric == "revenue" and _between(clause[0], amount.start, ctx.units):
        metric, segment = "other", True  # "its Vireo headphones generated sales of €50m"
    if metric in _FLOWS and _segment_subject(ctx, amount, clause, sentence, previous):
        metric, segment = "other", True  # "La division Revêtements a vu ses ventes ..."
    if (
        metric in _FLOWS
        and _part_of(ctx, sentence, amount, others)
        and not _part_period(dates, amount, others)
    ):
        metric, segment = "other", True  # "of which its streaming arm contributed €75m"
    if (
        metric in _FLOWS
        and prior_fact is not None
        and prior_fact.metric == metric
        and any(
            not text[amount.end : h.start].strip()
            for h in _find(lex.total_back, text, amount.end, min(len(text), amount.end + 30))
        )
    ):
        # "Revenue grew to £148.4m. Advertising brought in £31.2m of that.": a share of
        # the result just named, told after the amount
        metric, segment = "other", True
    if uncued and metric == "other" and _place_subject(ctx, amount, clause, others):
        segment = True  # "Il Giappone ha contribuito per 209 milioni": one market's sales
    invested = metric in ("project_spend", "funding_raised") and own(lex.invest)
    spends = ("project_spend", "infrastructure_spend")
    if (
        metric in spends
        and sibling is not None
        and sibling.metric in spends
        and sibling.metric != metric
        and _comparison(ctx, amount)
    ):
        metric = sibling.metric  # "950 M al año a sus infraestructuras, frente a los 610 M"
    if (
        metric == "operating_expenses" or (metric == "cash_reserves" and per is not None)
    ) and own(lex.net_burn, reach=60):
        # "spends €3m a month more than it takes in", "un consumo di cassa di circa 9
        # milioni a trimestre": a net cash burn (a rate of cash is no stock)
        metric = "other"
    if metric == "revenue" and _segment(ctx, amount, clause):
        metric, segment = (
            "other",
            True,
        )  # sales of one market ("les ventes en France") are not the group's
    elif metric == "revenue" and _thing_earned(ctx, amount, clause):
        # "Charges paid by airlines brought in £118m", "La vente de forfaits a rapporté
        # 298 millions": a source of sales earned, part of the revenue
        metric, segment = "other", True
    if metric in ("funding_raised", "funding_target") and _cue_within(
        _promises(lex), text, sentence, amount, others, 80
    ):
        # "Der Hauptaktionär sagte zu, eine Kapitalerhöhung von bis zu 150 Mio. Euro zu
        # zeichnen": a promise to fund, by the party that promised
        metric = "funding_promised"
    target = _invested_in(ctx, amount, clause) if invested else None
    if target is not None and target.canonical != entity:
        # "Orion invested €10M in Vega": Vega raised it, Orion is the counterparty.
        if entity is not None:
            cps = (*cps, entity)
        entity, metric = target.canonical, "funding_raised"
    elif (
        metric in ("funding_raised", "funding_promised")
        and entity not in (None, ctx.main)
        and (invested or metric == "funding_promised" or own(lex.investors))
    ):
        # "ACP had invested 15M in the previous round", "the fund has subscribed 8M",
        # "the region pledges up to 90M": the giver is the counterparty.
        investor = _nearest(ctx.orgs, clause[0], amount.start, amount) or _nearest(
            ctx.orgs, sentence[0], amount.start, amount
        )
        owner = ctx.owner(sentence[0])
        if investor is not None and investor.canonical == entity and owner not in (None, entity):
            cps = (*cps, entity)
            entity = owner
    if own(lex.participations, reach=_TARGET_REACH) and entity not in (None, ctx.main):
        # "Bpifrance participe au tour à hauteur de 10 millions": the investor's share of
        # the company's round, not a second round
        owner = ctx.owner(sentence[0])
        if owner not in (None, entity):
            cps, entity, metric, sign = (*cps, entity), owner, "other", 1
    if metric == "valuation" and own(lex.stock_others, reach=60):
        metric = "other"  # "La cartera de inmuebles fue valorada en 4.350 millones": assets
    if entity not in (None, ctx.main) and any(
        o.canonical == entity
        and clause[0] <= o.start
        and _any(lex.appraisers, text, max(clause[0], o.start - 30), o.start)
        for o in ctx.orgs
    ):
        # "fue valorada por la tasadora CBRE en 4.350 millones": the appraiser
        owner = ctx.owner(sentence[0])
        if owner not in (None, entity):
            cps, entity = (*cps, entity), owner
    if (
        metric == "funding_raised" or (metric == "other" and _after_round(ctx, amount, None))
    ) and entity not in (None, ctx.main):
        named = _nearest(ctx.orgs, clause[0], amount.start, amount)
        if (
            named is not None
            and named.canonical == entity
            and _any(lex.alongside, text, max(clause[0], named.start - 30), named.start)
        ):
            # "aux côtés de Bpifrance et du Conseil européen de l'innovation, pour 15 et
            # 10 millions d'euros": co-investors' shares of the company's round
            owner = ctx.owner(sentence[0])
            if owner not in (None, entity):
                cps, entity = (*cps, entity), owner
    if metric.startswith("funding") and _PER_SHARE_RESULT.match(text, amount.end):
        metric = "other"  # "hatten die Aktionäre 0,45 Euro je Aktie erhalten": a dividend
    if metric == "cash_reserves" and own(lex.bonds, reach=25):
        metric = "debt"  # "paid for from cash flow and a new bond of up to £400m"
    if metric in ("funding_raised", "funding_target") and own(lex.bonds, reach=60):
        # "captou R$ 1,5 bilhão em debêntures", "a placé 500 M€ d'obligations": a bond
        # issue is borrowed money
        metric = "debt"
    if metric in ("funding_raised", "funding_target") and own(lex.lenders):
        metric = "debt"  # "un finanziamento da 300 milioni con un pool di banche"
    if (
        metric in ("funding_raised", "funding_target")
        and own(lex.loans, reach=30)
        and _any(lex.lending, text, clause[0], amount.start)
    ):
        metric = "debt"  # "O BNDES aprovou um financiamento de R$ 650 milhões": a loan
    elif (
        uncued
        and metric == "other"
        and (
            _any(lex.lending, text, max(clause[0], amount.start - 30), amount.start)
            or _lent_after(ctx, amount, clause)
        )
    ):
        metric = "debt"  # "veertien banken samen € 2,9 miljard lenen": lent, so borrowed
    if (
        metric in ("funding_raised", "funding_target", "funding_promised")
        and not own(lex.investors)
        and _loan_named(ctx, amount, clause, others)
    ):
        metric = "debt"  # "ha ottenuto un prestito da 25 milioni", "a £30m loan"
    lender_after = _lent_by(ctx, amount, clause)
    lent: EntityMention | bool | None = None  # a loan (and its lender, when named after it)
    if metric == "debt" and _lent_after(ctx, amount, clause):
        lent = True
    if (
        metric in ("funding_raised", "funding_target")
        and not own(lex.investors)
        and (
            _any(lex.guarantees, text, clause[0], clause[1])
            or (own(lex.loans, reach=30) and lender_after is not None)
        )
    ):
        lent = lender_after or True
        # "uma linha de R$ 300 milhões do BNDES", "un finanziamento garantito da X": a
        # loan (the bank or the guarantor is the other party), not money raised
        metric = "debt"
    if metric == "debt" and entity is not None:
        giver = _any(lex.guarantees, text, clause[0], clause[1]) and _given_by(
            ctx, entity, amount, clause
        )
        lent = lent or giver
        if not giver and (
            _any(lex.lending, text, clause[0], amount.start)
            or (lex.verb_second and _any(lex.lending, text, amount.end, clause[1]))
        ):
            # "ING en BNP Paribas Fortis verlengden een kredietlijn van 100 miljoen euro":
            # the banks lent it, the company of the article borrowed it
            giver = any(
                o.canonical == entity and clause[0] <= o.start and o.end <= amount.start
                for o in ctx.orgs
            )
        if not giver and _lent_after(ctx, amount, clause):
            # "dat veertien banken samen € 2,9 miljard lenen voor het park X": the banks
            # lend, the company of the article (not its project) borrows
            owner = ctx.owner(sentence[0])
            if owner not in (None, entity):
                entity = owner
        owner = ctx.owner(sentence[0])
        if giver and owner not in (None, entity):
            # "ha ottenuto dalla SACE una garanzia su un finanziamento": the borrower
            cps, entity = (*cps, entity), owner
        elif owner not in (None, entity) and _lender_between(ctx, entity, amount, clause):
            # "un prestito di Banca X da 20 milioni", "a loan from Bank X of £20m": the
            # bank named between the loan and its amount lent it
            cps, entity = (*cps, entity), owner
    if metric in ("other", "funding_raised") and entity is not None:
        owner = ctx.owner(sentence[0])
        if owner not in (None, entity) and _public_giver(ctx, entity, amount, clause):
            # "La Consejería de X aportará 2 millones del total": a grant the
            # company of the paragraph receives
            cps, entity, metric = (*cps, entity), owner, "funding_promised"
    if metric in ("debt", "funding_raised", "funding_promised") and entity is not None:
        lender = _nearest(ctx.orgs, clause[0], clause[1], amount)
        if (
            lender is not None
            and lender.canonical == entity
            and lender.start >= amount.end
            and (not _any(lex.generic, text, clause[0], amount.start) or lent is lender)
        ):
            # "um empréstimo de 150 milhões do Banco X": the ORG after the amount lent it
            owner = ctx.owner(sentence[0])
            if owner not in (None, entity):
                cps, entity = (*cps, entity), owner
    status: Status = "reported"
    if (
        own(lex.forecast, after=_FORECAST_AFTER)
        and not _later_predicate(ctx, lex.forecast, clause, amount, others)
        and not _calendar_verb(ctx, lex.forecast, clause, amount)
    ):
        status = "forecast"
    if own(lex.intent, reach=_TARGET_REACH) and not _calendar_verb(ctx, lex.intent, clause, amount):
        # "plans to spend", "will ... investieren": a plan is a forecast, a planned
        # raise a funding target.
        if metric == "funding_raised":
            metric = "funding_target"
        else:
            status = "forecast"
    if own(lex.target, reach=_TARGET_REACH):
        if metric == "funding_raised":
            metric = "funding_target"
        elif metric not in ("other", "funding_target"):
            status = "target"
    if metric in (*_FLOWS, *_STOCKS, "valuation") and own(lex.aims, reach=_TARGET_REACH):
        status = "target"  # "La banque vise un PNB supérieur à 2,3 milliards en 2028"
    if (
        status == "reported"
        and metric in ("project_spend", "infrastructure_spend")
        and period is None
        and _future_date(ctx, dates, (previous or sentence)[0], sentence[1])
    ):
        # "De investering bedraagt € 750 miljoen; de bouw begint in 2025": a project
        # that is still to come is a plan.
        status = "forecast"
    if (
        metric == "other"
        and own(lex.target, reach=_TARGET_REACH)
        and _after_round(ctx, amount, sibling or prior_fact)
    ):
        metric = "funding_target"  # "concluiu uma rodada de R$ 250 M. A Pagaí buscava R$ 400 M"
    if metric == "funding_raised" and status == "forecast":
        # "La operación combinará una ampliación de capital de 300 millones", "will raise
        # €300m in its listing": money still to be raised is sought, a target.
        metric = "funding_target"
    if metric == "funding_raised" and amount.qualifier == "max":
        # "a capital increase of up to 25M": the most that is sought.
        metric = "funding_target"
    if (
        metric in _FLOWS
        and lex.add_to is not None
        and lex.add_to.match(text, amount.end)
        and any(
            not _between(h.end, amount.start, others)
            for h in _find(lex.add_verbs, text, max(clause[0], amount.start - 25), amount.start)
        )
    ):
        metric, sign = "other", 1  # "would add about £20m to yearly turnover": a change
    if metric not in ("debt", "funding_promised") and _financed_by(ctx, amount, clause):
        # "14 milhões, dos quais cinco pagos pelo Programa X": the
        # part another party pays, promised to the company
        metric, sign = "funding_promised", 1
    if metric == "funding_promised":
        status = "reported"  # "the bondholders will inject £75m": the promise is the fact
    if metric == "funding_target":
        status = "target"
        period = None  # a target round has no period (its date is when it was sought)
    duration = min(
        (
            d
            for d in durations
            if clause[0] <= d.start
            and d.end <= clause[1]
            and (d.end <= amount.start or d.start >= amount.end)
            and _tied(text, amount, d.start, d.end, others)
        ),
        key=lambda d: _distance(amount.start, amount.end, d.start, d.end),
        default=None,
    )
    if duration is not None and period is not None and metric != "debt":
        # (a loan's term is not its date: "in July it signed a seven-year loan")
        # "Über drei Jahre ... 60 Mio. ..., wo ab 2027": the nearer of the two wins.
        near = _near_date_mention(dates, clause, amount, others)
        if (
            near is None
            or _distance(amount.start, amount.end, duration.start, duration.end)
            < _distance(amount.start, amount.end, near.start, near.end)
            # "läuft zehn Jahre ab Juni 2028 und hat ein Volumen von 800 Mio.": the
            # date that opens the length is its start, the length is the contract's
            or (
                0 <= near.start - duration.end <= 15
                and not re.search(r"[\d,;.]", text[duration.end : near.start])
            )
        ):
            period = None
    own_date = period is not None
    if period is None and duration is None and metric in _STOCKS:
        # "Son endettement atteignait 380 M et sa trésorerie 210 M au 31 décembre":
        # stocks listed together share the day named after the last of them.
        period = _parallel_day(ctx, dates, clause, amount, others)
    period_start = period[0] if period else None
    period_end = period[1] if period else None
    if period is None and duration is not None:
        # "su plan para el periodo 2026-2030, con inversiones de 4.800 millones en cinco
        # años": the span of the sentence that lasts as long is the one meant
        span = _spanning(dates, sentence, duration)
        if span is not None:
            period_start, period_end = span
    if period is None and duration is None and per is not None:
        # "had €45M in cash at 31 December and burned €3M a month": a rate is stated
        # as of the clause's date even when another amount stands between them.
        beyond = _near_date(dates, clause[0], clause[1], amount, text)
        # (not a start still ahead: "le contrat, qui prendra effet en mars, rapportera
        # 4 millions par an" is a yearly sum to come, no period)
        if beyond is not None and (ctx.reference is None or beyond[0] <= ctx.reference):
            period_end = beyond[1]
    if period is None and period_end is None and duration is None:
        absolute_dates = [
            d
            for d in dates
            if (d.start, d.end) not in ctx.relatives
            and not _compared(ctx, d, others, sentence)
            and not _compared_before(ctx, d, amount, others, sentence)
        ]
        for donor in reversed(clauses[:index]):
            # the donor's own period, not its comparison ("... from €980m a year earlier")
            inherited = _near_date(absolute_dates, donor[0], donor[1], amount, text)
            if inherited is None:
                continue
            if per is not None or _any(lex.lookback, text, clause[0], amount.start):
                # Spending up to then, or a rate as of then: only the end.
                period_end = inherited[1]
            else:
                period_start, period_end = inherited
                if status == "reported" and _status(ctx, *donor) == "forecast":
                    status = "forecast"
            break
    today = ctx.news_day or ctx.reference
    if (
        per is not None
        and status == "forecast"
        and ctx.reference is not None
        and period_start is not None
        and period_end is not None
        and period_start > ctx.reference
        and (period_end - period_start).days < 32
    ):
        # "l'accord, qui démarrera en mars, rapportera 6 millions par an": the month a
        # yearly sum starts is no period of it
        period_start = period_end = None
    if (
        per in ("month", "week", "day")
        and duration is None
        and today is not None
        and (
            period_end is None
            or own(lex.now, reach=40)
            or _rate_compared(ctx, dates, clause, amount, others)
        )
    ):
        # "De start-up verbrandt momenteel zo'n € 2 miljoen per maand", "o gasóleo custa
        # cerca de 1,8 milhões de euros por mês": a running rate, as of the news day
        period_start, period_end = None, today
    absolute = [d for d in dates if (d.start, d.end) not in ctx.relatives]
    if (
        period_end is None
        and duration is None
        and per is None
        and metric in ("project_spend", "infrastructure_spend", "operating_expenses")
        and sibling is not None
        and sibling.status == "forecast"
        and sibling.period_end is not None
    ):
        # "prevé unas ventas de más de 2.300 millones y una inversión de unos 150
        # millones": the plan of the same sentence, for the same year
        period_start, period_end, status = sibling.period_start, sibling.period_end, "forecast"
    period_flow = (
        metric in _FLOWS
        or segment
        or (
            metric == "other"
            and (
                own(lex.other_flows, reach=40)
                or _own_cue(
                    lex.other_flows,
                    text,
                    sentence,
                    amount,
                    others,
                    reach=40 + _aside(ctx, sentence, amount),
                    memo=ctx.memo,
                )
            )
        )
        # "Esta última aportó 71 millones", "il cherosene è costato alla compagnia 212
        # milioni": a part of the period's result or costs, told in the past
        or (metric == "other" and status == "reported" and own(lex.earned, reach=40))
        # "Die Energiekosten summierten sich auf 7,4 Mio. Euro", "took a £12m charge": a
        # cost line of the period reported
        or (metric == "other" and status == "reported" and own(lex.period_costs, reach=40))
        # "La facture énergétique s'est élevée à 118 millions, contre 131 millions un an
        # plus tôt": a line compared with a year before is one of the period's
        or (uncued and status == "reported" and _year_on_year(ctx, amount, sentence))
        # "La raccolta è salita a 3,1 miliardi", "Die Zinskosten stiegen auf 41 Mio.": a
        # line that rose or fell over the period reported (not a stock: "the order book")
        or (
            metric == "other"
            and status == "reported"
            and (own(lex.changes, reach=60) or own(lex.levels, reach=40))
            and not own(lex.stock_others, reach=80)
            and not _any(lex.stock_others, text, *sentence)
        )
        # "Zakelijke klanten waren goed voor € 700 miljoen daarvan": a part of a result before
        or (
            metric == "other"
            and status == "reported"
            and _cue_after(lex.total_back, text, clause, amount, others, 20)
        )
        # "capital expenditure totalled $180m": spent over the period reported
        or (metric == "infrastructure_spend" and status == "reported" and own(lex.capex))
        # "invirtió 410 millones durante el ejercicio", "spent £22m over the period"
        or (
            metric not in _STOCKS
            and metric != "funding_target"
            and status == "reported"
            and own(lex.current, reach=40)
        )
    )
    inherited = _sibling_period(metric, period_end, duration, per, sibling, amount)
    if (
        uncued
        and inherited is not None
        and sibling is not None
        and 0 <= amount.start - sibling.end <= 80
        and not re.search(r"[;:]", text[sibling.end : amount.start])
    ):
        # "L'Europa, con 96 milioni di euro, è il primo mercato, davanti all'Italia con 74
        # milioni": a figure listed after a part of the period's results is another part
        period_start, period_end = inherited
    inherited = _sibling_period(metric, period_end, duration, per, sibling, amount)
    if (
        inherited is not None
        and sibling is not None
        and 0 < sibling.value < _PER_SHARE_SIZE
        and amount.value < _PER_SHARE_SIZE
        and "dividend" in text[sentence[0] : amount.start].casefold()
    ):
        # "a final dividend of 8.5p a share, taking the total for the year to 12.5p": the
        # total per share is for the dividend's year
        period_start, period_end = inherited
    if (
        period_end is None
        and duration is None
        and per is None
        and sibling is not None
        and sibling.metric == metric
        and sibling.period_start is not None
        and sibling.period_end is not None
        and sibling.period_start != sibling.period_end
        and 0 <= amount.start - sibling.end <= 24
        and (_comparison(ctx, amount) or _headed_by_year_back(ctx, amount, dates))
    ):
        # "Underlying EBITDA fell to £55m from £61m": the figure compared with is of the
        # first one's period (a year before, below)
        period_start, period_end = sibling.period_start, sibling.period_end
    undated = period_end is None and duration is None and per is None
    flow_forecast = (
        metric == "other"
        and undated
        # (a dividend proposed is the last year's: "dividend", "Dividende", "dividendo")
        and "dividend" not in text[clause[0] : clause[1]].casefold()
        and _cue_within(lex.other_flows, text, sentence, amount, others, 100)
        and _cue_within(lex.forecast, text, sentence, amount, others, 100)
        and not _comparison(ctx, amount)
    )
    if flow_forecast and status == "reported":
        # "reviu em baixa a previsão de EBITDA para o conjunto do ano, que passa a
        # situar-se entre 95 e 105 milhões": the forecast is in the clause before
        status = "forecast"
    # a loan or bond (or a debt given a maturity: "verlengd tot eind 2030"): no stock
    deal = own(lex.loans, reach=40) or own(lex.bonds, reach=40) or own(lex.maturities, reach=80)
    guidance = (
        metric in _FLOWS
        or (metric == "other" and own(lex.pretax, reach=60))
        or flow_forecast  # "relève sa prévision d'Ebitda annuel, désormais attendu entre"
        # "Para a safra inteira, o diretor financeiro projeta investimentos entre ...":
        # spending planned for the whole (fiscal) year
        or (
            metric in ("project_spend", "infrastructure_spend")
            and _cue_within(lex.full_year, text, sentence, amount, others, 120)
        )
        # "les droits de douane lui coûteraient environ 40 millions d'euros sur l'année":
        # a cost foreseen over the whole year is the current financial year's
        or (metric == "other" and _cue_after(lex.full_year, text, clause, amount, others, 30))
    )
    if undated and guidance and status == "forecast" and ctx.reference is not None:
        # "expects revenue of about £850m": guidance is for the current financial year
        # (in a roundup, a fiscal calendar named only further on is another company's)
        fiscal = any(
            d.start < amount.start
            and (d.end_date - d.start_date).days >= 360
            and d.end_date.month == ctx.fy_end
            for d in dates
        )
        period_start, period_end = _fiscal_year(ctx.fy_end if fiscal else None, ctx.reference)
        merging = ctx.merged is not None or (
            len({o.canonical for o in all_orgs if sentence[0] <= o.start < sentence[1]}) >= 2
        )
        if merging and own(lex.combined, reach=80):
            # "darà vita a una società con ricavi aggregati di 1,9 miliardi": the two
            # companies' figures of the last year added up, not a forecast
            period_start, period_end = _year_before(period_start), _year_before(period_end)
            status = "reported"
    elif undated and period_flow:
        # A result with no date of its own belongs to the period the paragraph is
        # about: that of the last result stated, else the paragraph's year, else
        # the period of the title or lead.
        # (not the year of a figure compared with: "è salita a 158 milioni dai 101
        # milioni del 2024. Le coperture hanno generato una perdita di 6,8 milioni")
        own_years = [
            d for d in absolute if not _compared(ctx, d, others, (max(0, d.start - 60), d.end))
        ]
        in_paragraph = (
            None if flow_period else _paragraph_date(text, own_years, sentence[0], article=False)
        )
        if (
            in_paragraph is not None
            and (in_paragraph[1] - in_paragraph[0]).days < 58
            and latest_period is not None
            and (latest_period[1] - latest_period[0]).days >= 58
        ):
            # "haalde in januari 150 miljoen op. Het bedrijfsresultaat bedroeg 52
            # miljoen": the month of an event is no period of the year's results
            in_paragraph = None
        earlier = (
            flow_period
            or in_paragraph
            # "Net income was $96m." in the paragraph after the quarter's revenue
            or latest_period
            or ctx.current
            or _paragraph_date(text, absolute, sentence[0])
        )
        # ("El margen de intereses alcanzó 41,7 millones" after the quarter's profit, "Die
        # Energiekosten ...": a line of the paragraph's period, not a dividend)
        line = "dividend" not in text[clause[0] : clause[1]].casefold() and (
            own(lex.other_flows, reach=40) or own(lex.period_costs, reach=40)
        )
        if metric not in _FLOWS and not segment:
            # a dividend is for the year reported first, not the paragraph's quarter; a
            # line, for the latest period reported (not a year said in a quote)
            earlier = (
                (flow_period or latest_period or earlier)
                if line
                else (article_period or flow_period or earlier)
            )
        listed = _listed_period(ctx, sibling, amount, amounts)
        if listed is not None:
            # "1,81 milliard d'euros de ventes et un Ebitda de 162 millions d'euros":
            # results listed in one sentence share the period of the first of them
            earlier = listed
        if (
            earlier is None
            and status == "reported"
            and ctx.reference is not None
            and _cue_within(lex.fiscal, text, sentence, amount, others, 120)
        ):
            # "cerró el ejercicio con una facturación de 74 millones", "sloot het boekjaar
            # af met": with no year anywhere, the last financial year closed
            start, end = _fiscal_year(ctx.fy_end, ctx.reference)
            earlier = _year_before(start), _year_before(end)
        if earlier is not None:
            period_start, period_end = earlier
    elif (
        undated
        and metric in _STOCKS
        and status == "reported"
        and not _quoted(text, sentence, amount)
    ):
        # "Die Nettoliquidität beträgt 52 Mio.": at the end of the reported period; with
        # no period reported ("Das Unternehmen hat Verbindlichkeiten von 96 Mio."), on
        # the day of the news.
        earlier = (
            flow_period
            or latest_period
            or ctx.current
            or _paragraph_date(text, absolute, sentence[0])
        )
        if flow_period is None and entity not in (None, ctx.main) and ctx.news_day is not None:
            # "Su rival, que cede las tiendas, debe ya más de 20 millones": another
            # company's stock, with no result of its own yet, is as the news tells it
            # (not at the close of the main company's period)
            earlier = None
        if ctx.reference is not None and _any(lex.post_deal, text, sentence[0], amount.start):
            # "Après cette levée, la société dispose d'une trésorerie de 140 millions",
            # "Tras la ronda, dispone de una caja de 52 millones": as the article is written
            earlier = ctx.reference, ctx.reference
        if earlier is not None and metric != "unpaid_bills":
            period_start = period_end = earlier[1]
        elif ctx.news_day is not None and not deal:
            period_start = period_end = ctx.news_day
    elif period_end is None and duration is None and per is None and own(lex.provisions):
        # "Rückstellungen ..., für den X 40 Mio. zurückgelegt hat": set aside as of the
        # balance-sheet date of the results reported.
        earlier = flow_period or article_period or _paragraph_date(text, absolute, sentence[0])
        if earlier is not None:
            period_end = earlier[1]
            if _any(lex.provision_charges, text, sentence[0], sentence[1]):
                # "La entidad dotó 310 millones en provisiones": a charge of the period
                period_start = earlier[0]
    shifted = False  # already a year before
    reported_period = flow_period or latest_period
    future = ctx.reference is not None and period_start is not None and period_start > ctx.reference
    if (
        metric in _STOCKS
        and status == "reported"
        and (reported_period is not None or future)
        and (period_start is None or future)
        and own(lex.period_end, reach=60)
    ):
        # "net debt of €2.1bn at the end of the quarter": the last day of the period
        # reported (else of the last quarter before publication), not one to come.
        if reported_period is not None:
            period_start = period_end = reported_period[1]
        elif ctx.reference is not None:
            period_start = period_end = _quarter_end_before(ctx.reference)
    if (
        metric in _FLOWS
        and sibling is not None
        # (not "raised €20m last month and said its revenue rose to €11m last year")
        and sibling.metric in _FLOWS
        and sibling.period_start is not None
        and sibling.period_end is not None
        and (
            _cue_after(lex.same_period, text, clause, amount, others, 60)
            or (
                # "a profit of €5m a year earlier" read as the whole previous year
                period_start is not None
                and period_end is not None
                and (period_end - period_start).days >= 360
                and (sibling.period_end - sibling.period_start).days < 360
                and _cue_after(lex.prior_year, text, clause, amount, others, 60)
            )
        )
    ):
        # "1.140 millones del mismo periodo del año anterior": the period just named, a
        # year before.
        shifted = True
        period_start = _year_before(sibling.period_start)
        period_end = _year_before(sibling.period_end)
    if (
        (
            not own_date
            or _from_base(ctx, amount)
            # "EBIT of 210 million for the quarter, down from 262 million": the first's date
            or _shared_date(ctx, amount, dates, clause, (period_start, period_end))
        )
        and not shifted
        and period_start is not None
        and period_end is not None
        and (
            (
                # (a line of the period too: "Underlying EBITDA fell to £55m from £60m")
                (
                    metric in _FLOWS
                    or segment
                    or (metric == "other" and status == "reported" and period_start != period_end)
                )
                and _comparison(ctx, amount)
            )
            # "(Vorjahr: 64 Mio.)", "(año anterior: 12 millones)": headed by a year-back word
            or (metric != "funding_target" and _headed_by_year_back(ctx, amount, dates))
        )
    ):
        # "Revenue slipped to £612m from £640m": the older figure is a year earlier; so is
        # the first of "stieg im ersten Halbjahr von 31,2 auf 36,8 Mio.".
        period_start, period_end = _year_before(period_start), _year_before(period_end)
    span_end = period_end
    if (
        not own_date
        and sibling is not None
        and sibling.metric == metric
        and sibling.period_end is not None
        and sibling.period_start == sibling.period_end
    ):
        span_end = sibling.period_end  # "... at 30 September, and so rose from X to Y"
    opening = (
        _opening_day(durations, clause, amount, span_end)
        if metric in _STOCKS and period_start == period_end and span_end is not None
        else None
    )
    if opening is not None and _from_base(ctx, amount):
        # "net debt of €6.2bn at 30 September, up from 5.9 to 6.2 billion in nine
        # months": the older figure is the stock at the start of the span
        period_start = period_end = opening
    fiscal_close = (
        _closing_month(ctx, dates, sentence, amount, (period_start, period_end))
        if metric in _FLOWS and period_start is not None and period_end is not None
        else None
    )
    if fiscal_close is not None:
        # "For the full year, which ends in March, the group expects revenue of about
        # £400m": the financial year that closes that month, not the month
        period_start, period_end = fiscal_close
    elif (
        (metric in _FLOWS or (metric == "other" and per is None))
        and period_end is not None
        and period_start is not None
        and (period_end - period_start).days < 360
        and _cue_before(lex.full_year, text, clause, amount, others)
    ):
        # "bringing full-year revenue to €1.2 billion", "cerrar el ejercicio con ...",
        # "Para el conjunto del año, espera un ebitda de 30 millones".
        period_start, period_end = date(period_end.year, 1, 1), date(period_end.year, 12, 31)
    if (
        per == "year"
        and metric == "other"
        and period_start is not None
        and period_end is not None
        and ctx.reference is not None
        and period_end > ctx.reference
        and _deadline(ctx, dates, clause, (period_start, period_end))
    ):
        # "des économies de 75 millions d'euros par an d'ici à 2027": the yearly rate
        # reached that year (spending "jährlich bis 2027" runs until then)
        period_start = date(period_end.year, 1, 1)
    elif per is not None and period_start is not None and period_end is not None:
        period_start = _until_start(ctx, dates, clause, period_start, period_end)
    elif (
        own_date
        and period_start is not None
        and period_end is not None
        # (a result aimed at by a date: "a target of sales of at least £250m by fiscal 2029")
        and (metric not in _FLOWS or (status == "target" and per is None))
        and metric not in _STOCKS
        and ctx.reference is not None
        and period_end > ctx.reference
        and (
            _deadline(ctx, dates, clause, (period_start, period_end))
            # "investeert tot 2029 € 40 miljoen": a total spent until then, by then
            or (per is None and _deadline(ctx, dates, clause, (period_start, period_end), True))
        )
    ):
        period_start = None  # "investirà 600 milioni entro il 2028": by then, not during
    if metric == "funding_target" or (
        metric == "debt"
        and (own(lex.loans, reach=40) or lent or own(lex.maturities, reach=40))
        and not (
            own_date
            and ctx.reference is not None
            and period_end is not None
            and period_end <= ctx.reference
            and period_start != period_end
            and not any(sentence[0] <= o[0] < amount.start for o in others)
        )
    ):
        # A round sought, a loan taken or repaid: deals, not amounts over a period
        # (but "in July it signed a €500m loan" keeps the month it was signed).
        period_start = period_end = None
    if metric == "debt" and period_end is None and own(lex.bonds, reach=60):
        # "a placé mardi une émission obligataire de 600 M€": a bond is at its placement day
        placed = _placement_day(ctx, sentence, amount, others)
        if placed is not None:
            period_start = period_end = placed
    if (
        metric == "other"
        and period_start is None
        and period_end is None
        and per is None
        and duration is None
        and (status == "reported" or _order_won(ctx, dates, amount, sentence, others))
    ):
        # "a remporté lundi trois lots ..., pour un montant total de 150 millions": a
        # price agreed on the day told (a round raised "on Tuesday" stays undated: the
        # development sets disagree)
        done = _placement_day(ctx, sentence, amount, others, ctx.lex.deal_days)
        day = ctx.news_day or ctx.reference
        if day is not None and _order_won(ctx, dates, amount, sentence, others):
            # "has secured a £90m order", "de order is € 40 miljoen waard": the value of
            # an order received, on the month of the news
            done = None
            period_start, period_end = date(day.year, day.month, 1), _month_end(day.year, day.month)
        elif done is None and own(lex.deal_days, reach=120):
            # "ha acordado comprar tres hoteles por 9 millones, según comunicó este lunes",
            # "concluiu esta semana a aquisição de uma usina por R$ 80 milhões": a deal told
            # that day (or week), named elsewhere in the sentence
            told = next((d for d in ctx.told_days if sentence[0] <= d.start < sentence[1]), None)
            if told is not None:
                period_start, period_end = told.start_date, told.end_date
        if done is not None:
            period_start = period_end = done
    if (
        metric in _FLOWS
        and period_end is None
        and status == "forecast"
        and ctx.reference is not None
        and _cue_before(lex.full_year, text, clause, amount, others)
    ):
        # "now expects full-year revenue of about £1.7bn": the current year.
        period_start, period_end = date(ctx.reference.year, 1, 1), date(ctx.reference.year, 12, 31)
    if amount.qualifier == "max" and _cue_within(lex.changes, text, clause, amount, others, 40):
        # "creció un 12 % hasta 88 millones", "steeg tot € 415 miljoen": rose to, not up to.
        amount = replace(amount, qualifier=None)
    if amount.qualifier in (None, "less_than") and _at_most(ctx, amount):
        amount = replace(amount, qualifier="max")  # "at or below €90m": the value may be reached
    if (
        own_date
        and not shifted
        and (metric in _FLOWS or metric in _STOCKS)
        and period_start is not None
        and period_end is not None
        and _prior_year(ctx, dates, clause, amount, others)
    ):
        # "compared with a loss of $22m in the year-earlier quarter": the same period a
        # year before (a prior period the date extractor resolved is a date of its own).
        period_start, period_end = _year_before(period_start), _year_before(period_end)
    if (
        metric in ("cash_reserves", "debt")
        and per is None
        and period_start is not None
        and period_end is not None
        and period_start != period_end
        and (
            (period_end - period_start).days >= 85
            or _end_day(text, lex, dates, (period_start, period_end))
            or _as_of_day(period_start, period_end)  # ("a year earlier" after "end of June")
        )
    ):
        # A stock is at a day: "fin juin", "Ende 2024", a quarter reported: its last day.
        period_start = period_end
    if metric == "debt" and (
        own(lex.stock_others, reach=40) or _part_of_balance(ctx, amount, sentence)
    ):
        # "son encours de prêts ... à 96 milliards", "Das Kreditbuch umfasste 21,4 Mrd.,
        # davon 6 Mrd. Immobilienkredite": a bank's loans are assets
        metric = "other"
    if metric in _SPENDS and per is None and own(lex.stock_others, reach=30):
        metric = "other"  # "Its investment portfolio stood at £3.1bn": a balance, no spending
    # "eine Bilanzsumme von 4,9 Milliarden Euro, die Raiffeisenbank X auf 1,9 Milliarden
    # Euro": the same balance of the next company of the list
    listed_balance = (uncued or _comparison(ctx, amount)) and _cue_within(
        lex.stock_others, text, sentence, amount, (), 100
    )
    if (
        metric == "other"
        and per is None
        and (own(lex.stock_others, reach=60) or listed_balance)
        # ("Der Auftragseingang erreichte im dritten Quartal 1,15 Mrd., der
        # Auftragsbestand ...": the flow named before the amount, over its quarter)
        and not _cue_before(lex.other_flows, text, clause, amount, others)
    ):
        # "Der Auftragsbestand erreichte Ende Juni 4,6 Mrd.", "cerró el trimestre con
        # unos depósitos de 61.200 millones": a balance at the period's last day
        if period_start is not None and period_end is not None:
            if (
                (period_end - period_start).days >= 85
                or _end_day(text, lex, dates, (period_start, period_end))
                # "up from £1.08 billion a year earlier" after "at the end of June"
                or _as_of_day(period_start, period_end)
            ):
                period_start = period_end
        elif period_end is None and duration is None and status == "reported":
            earlier = flow_period or latest_period or ctx.current
            if ctx.reference is not None and own(lex.now, reach=40):
                # "Su cartera de pedidos supera ya los 900 millones": as it stands on
                # the day of publication
                period_start = period_end = ctx.reference
            elif earlier is not None:
                period_start = period_end = earlier[1]
            elif ctx.news_day is not None:
                period_start = period_end = ctx.news_day  # "Die Auftragsbücher sind ... gefüllt"
    if (
        prior_fact is not None
        and prior_fact.status in ("forecast", "target")
        # ("abaixo dos 210 milhões apontados em abril": the old goal, no currency word)
        and amount.currency in (None, prior_fact.currency)
        and (
            metric in ("other", prior_fact.metric)
            # "hatte ... sogar mindestens 46 Milliarden Euro versprochen": a result goal
            # promised earlier, not a funding pledge, when no funder is named
            or (
                metric == "funding_promised"
                and prior_fact.metric in _FLOWS
                and not any(sentence[0] <= o.start < sentence[1] for o in ctx.orgs)
            )
        )
        and (
            (
                prior_fact.metric in _FLOWS
                and (
                    own(lex.superseded, reach=60)
                    or own(lex.target, reach=_TARGET_REACH)
                    or (metric == "funding_promised" and own(_promised(lex), reach=60))
                )
            )
            # "pre-tax profit of £48m-£52m, down from previous guidance of about £65m"
            or (prior_fact.metric == "other" and own(lex.superseded, reach=40))
            # "désormais attendu entre 540 et 560 millions, contre 510 à 530 millions
            # annoncés en juillet": the figure compared with, said before, is the old goal
            or (
                prior_fact.status == "forecast"
                and prior_fact.period_end is not None
                # ("frente al rango de 70 a 75 millones que anunció en abril")
                and (
                    _comparison(ctx, amount)
                    or _cue_within(lex.comparison, text, clause, amount, others, 40)
                )
                and _cue_after(lex.said_when, text, clause, amount, others, 30)
            )
        )
    ):
        # "table désormais sur 2,3 à 2,4 Md€. En février, elle visait plus de 2,5 Md€":
        # the prior_fact goal for the same period, superseded (a later period of its own
        # is a further goal: "Elle vise 600 M à l'horizon de l'exercice 2027-2028").
        metric, status = prior_fact.metric, "target"
        per = prior_fact.per  # ("cuando presentó sus cuentas anuales": no yearly rate)
        later = (
            own_date
            and period_end is not None
            and prior_fact.period_end is not None
            and period_end > prior_fact.period_end
        )
        if not later:
            period_start, period_end = prior_fact.period_start, prior_fact.period_end
        sign = -1 if prior_fact.value < 0 else 1
    if metric == "other" and not own_date and own(lex.one_off_costs, reach=60):
        # "einmalige Kosten von etwa 90 Mio.", "costi di integrazione una tantum": a
        # one-off charge is a total, no period borrowed from the sentence
        period_start = period_end = None
    past = period_end is not None and (ctx.reference is None or period_end <= ctx.reference)
    stock_before = sibling or prior_fact
    if (
        status == "forecast"
        and metric == "debt"
        and (own(lex.loans, reach=40) or own(lex.bonds, reach=40))
        and not (own_date and period_start is not None and not past)
    ):
        # "será financiada por um empréstimo de 150 milhões", "a green loan of €250m
        # granted by": a loan is a deal done, unless dated to come ("colocará en marzo")
        status = "reported"
    if (
        status == "reported"
        and own_date
        and ctx.reference is not None
        and period_start is not None
        and period_start > ctx.reference
        and metric not in _STOCKS
    ):
        status = "forecast"  # "investimenti per 1,2 miliardi nel triennio 2026-2028"
    if metric in _STOCKS and status == "forecast" and _level(ctx, clause, amount, others) is None:
        if (own_date and past) or _acted_on(ctx, clause, amount, others):
            # "a dívida líquida, de R$ 1,4 bilhão em 30 de setembro", "will sharply cut
            # its £620m debt": the stock as it stands, whatever the plan
            status = "reported"
            if period_end is None and duration is None and not deal:
                period_start = period_end = ctx.news_day
    elif (
        metric in ("other", *_STOCKS)
        and status in ("reported", "forecast")
        and (lead := _level(ctx, clause, amount, others)) is not None
        and (metric != "other" or (stock_before is not None and stock_before.metric in _STOCKS))
    ):
        # "pretende reduzir a dívida ... para menos de um bilhão até o fim de 2026",
        # "quiere reducirla por debajo de 500 millones": the level aimed at
        if metric == "other" and stock_before is not None:
            metric, entity = stock_before.metric, stock_before.entity
        status = "target"
        deadline = [d for d in dates if amount.end <= d.start < clause[1]]
        if deadline:
            period_start, period_end = None, deadline[0].end_date  # "... até o fim de 2026"
        elif period_end is not None and (period_start != period_end or not own_date):
            period_start = None
        if amount.qualifier is None and lead in ("below", "less"):
            amount = replace(amount, qualifier="less_than")
    if (
        metric == "valuation"
        and period_end is None
        and status == "reported"
        and ctx.news_day is not None
        and _any(lex.exchanges, text, sentence[0], sentence[1])
    ):
        period_start = period_end = ctx.news_day  # "a companhia vale R$ 7 bilhões na bolsa"
    if metric == "other" and status != "target" and not past and own(lex.goal_measures, reach=60):
        # "un plan d'économies de 75 M par an d'ici à 2027", "kauft ... für bis zu 1 Mrd.
        # Euro zurück", "rekent op een besparing van € 20 miljoen": a goal, not a result
        status = "target"
    elif (
        metric == "other"
        and status == "reported"
        and not past
        and (own(lex.one_off_costs, reach=60) or own(lex.measure_costs, reach=60))
    ):
        # "De reorganisatie kost eenmalig € 8 miljoen": a cost still to be booked
        status = "forecast"
    if (
        metric in ("other", "valuation")
        and status == "reported"
        and not past
        and _any(lex.price_ranges, text, sentence[0], sentence[1])
    ):
        # "fija una horquilla de precios de entre 14 y 16 euros por acción, lo que supone
        # valorar el grupo entre 1.840 y 2.100 millones": an offer's terms, not a result
        status = "target"
    value, qualifier, low, high = _signed(amount, sign)
    if (
        qualifier in ("max", "less_than")
        and (
            _RISE_TO.search(text, max(clause[0], amount.start - 12), amount.start)
            or _RISE_TO_OPEN.match(amount.text)
        )
        and (
            _cue_within(lex.changes, text, clause, amount, others, 80)
            or "%" in text[max(clause[0], amount.start - 30) : amount.start]
        )
    ):
        # "elevó su cifra de negocio un 12%, hasta 96 millones", "steeg tot € 40
        # miljoen": the level reached, not a ceiling
        qualifier, low, high = None, None, None
    if metric in _STOCKS and _any(lex.covenants, text, sentence[0], sentence[1]):
        # "De bankconvenanten verplichten de groep de nettoschuld onder 250 miljoen euro
        # te houden": a ceiling (a floor for cash) the lenders set, no balance at a day
        status, period_start, period_end = "target", None, None
        if qualifier is None:
            qualifier = "min" if metric == "cash_reserves" else "max"
    if (
        status == "reported"
        and period_end is not None
        and ctx.reference is not None
        and (
            (period_end - ctx.reference).days > 90
            or (period_start is not None and period_start > ctx.reference)
        )
        and metric in (*_FLOWS, *_SPENDS)
        and per is None
    ):
        # "Dit jaar moet dat oplopen tot € 560 miljoen", "ventas entre 50 y 52 millones
        # para el ejercicio 2026/2027": a result of a period far from over is expected
        # (near its end, "facturó 318 millones en 2025" in November may be a result)
        status = "forecast"
    if metric in ("other", "revenue") and _cue_within(
        lex.run_rates, text, sentence, amount, (), 120
    ):
        # "ARR reached $1.71bn as of April 30": a yearly run-rate at a day, no period
        metric, per, period_start = "other", "year", None
    if (
        metric == "other"
        and per is not None
        and prior_fact is not None
        and prior_fact.metric == "cash_reserves"
        and prior_fact.period_end is not None
        and own(lex.net_burn, reach=60)
        # "burned through £5m a month since May": a span of its own up to the news, begun
        # before the cash's day, stays (not the runway's "fino a metà del 2027")
        and not (
            own_date
            and period_end == ctx.reference
            and period_start is not None
            and period_start < prior_fact.period_end
        )
    ):
        # "In cassa 60 milioni a fine giugno. Con un consumo di cassa di 9 milioni a
        # trimestre, ... fino a metà del 2027": a burn rate as of the cash's day, not the
        # runway's end
        period_start, period_end = None, prior_fact.period_end
    if (
        metric == "other"
        and per is not None
        and per != "year"
        and period_start is not None
        and period_end is not None
        and _as_of_day(period_start, period_end)
    ):
        # "had £30m of cash at the end of March and was burning £2m a month": a rate
        # stated as of a day (or a month's end), not over a span
        period_start = None
    if (
        period_start is None
        and period_end is None
        and not own_date
        and per is None
        and prior_fact is not None
        and (
            None in (amount.currency, prior_fact.currency) or amount.currency == prior_fact.currency
        )
        and (prior_fact.period_start is not None or prior_fact.period_end is not None)
        and _any(lex.total_back, text, sentence[0], min(amount.start, sentence[0] + 25))
    ):
        # "Revenue was £640m in 2025. Of that total, £210m came from exports": the
        # parts of a total told in the next sentence share its period
        period_start, period_end = prior_fact.period_start, prior_fact.period_end
    if ctx.bought is not None and entity == ctx.main and not _deal_price(ctx, amount, sentence):
        # "Finanzinvestor X übernimmt Y": the results, debts and plans the article states
        # are the bought company's; the buyer only owns the price it pays
        entity = ctx.bought
        cps = tuple(c for c in cps if c != ctx.bought)
    ev_start, ev_end = _trim(text, *clause)
    if ev_end - ev_start < 20:
        ev_start, ev_end = _trim(text, *sentence)
    return Fact(
        entity=entity,
        metric=metric,
        value=value,
        currency=amount.currency,
        qualifier=qualifier,
        min=low,
        max=high,
        period_start=period_start,
        period_end=period_end,
        per=per,
        status=status,
        evidence=text[ev_start:ev_end],
        evidence_start=ev_start,
        evidence_end=ev_end,
        start=amount.start,
        end=amount.end,
        duration_months=duration.months if duration is not None and period is None else None,
        counterparties=cps,
    )


def extract_facts(
    text: str,
    lang: str,
    *,
    money: Sequence[MoneyMention],
    dates: Sequence[DateMention],
    durations: Sequence[DurationMention],
    entities: Sequence[EntityMention],
    doc: Doc | None = None,
    reference_date: date | None = None,
) -> list[Fact]:
    """One `Fact` per amount: its company, metric, period, status and signed value.

    Pure and total: an amount that cannot be placed is skipped, never an exception.
    Dates arrive resolved; `reference_date` only tells open intervals ("depuis
    2021", which end at it) from periods.
    """
    if not text or not money:
        return []
    if doc is None:
        try:
            from pipeline.nlp import get_nlp

            doc = get_nlp(lang)(text)
        except Exception:  # no pipeline at all: sentences from punctuation
            doc = None
    try:
        facts = _extract(text, lang, money, dates, durations, entities, doc, reference_date)
        return _plain_names(_full_names(facts, entities, text), _lexicon(lang), entities, text)
    except Exception:  # malformed mentions (offsets outside the text...): nothing to say
        return []


def _ordered_in(short: list[str], longer: list[str]) -> bool:
    """The words of `short` appear in `longer` in order, the first and the last of them at
    its first or last word ("Kellmatt" in "Uhrenmanufaktur Kellmatt", "Gralheira SAD"
    in "Gralheira Futebol SAD")."""
    if len(short) >= len(longer) or (short[0] != longer[0] and short[-1] != longer[-1]):
        return False
    rest = iter(longer)
    return all(word in rest for word in short)


def _full_names(facts: list[Fact], entities: Sequence[EntityMention], text: str) -> list[Fact]:
    """A company named in full once and then by a part of its name ("Die Uhrenmanufaktur
    Kellmatt ... Kellmatt rechnet", "la Tenuta Roccalta ... la Tenuta") that the entity
    extractor kept apart: its facts take the full name, when exactly one longer company
    name of the article holds the short one (the longest of a chain: "SAD" and "Gralheira
    SAD" both go to "Gralheira Futebol SAD") and the body names it in full first. A
    longer name first met after the short one is another company ("Wendmayr ...
    Wendmayr Slovensko": a subsidiary)."""
    title_end = _title_end(text)
    first: dict[str, int] = {}
    for e in sorted(entities, key=lambda e: e.start):
        if e.label == "ORG" and e.start > title_end:
            first.setdefault(e.canonical, e.start)
    names = set(first)
    words = {n: n.casefold().split() for n in names}
    fixed: dict[str, str] = {}
    for name in {f.entity for f in facts if f.entity}:
        short = name.casefold().split()
        if not short:
            continue
        longer = [
            n
            for n in names
            if n != name and _ordered_in(short, words[n]) and first[n] < first.get(name, len(text))
        ]
        widest = [n for n in longer if not any(_ordered_in(words[n], words[m]) for m in longer)]
        if len(widest) == 1:
            fixed[name] = widest[0]
    if not fixed:
        return facts
    return [replace(f, entity=fixed[f.entity]) if f.entity in fixed else f for f in facts]


def _plain_names(
    facts: list[Fact], lex: _Lexicon, entities: Sequence[EntityMention], text: str = ""
) -> list[Fact]:
    """A name read with the metric word before it ("Omzet Van Hool Bussen stijgt" in a
    title) is the name without it, when the text also names the company so; so is one
    read with a capitalised compound common noun before it at the start of a sentence
    ("Autobauer Kessler Motoren") when the entity extractor did not link the short form
    to the long one: a linked "Zuivelcoöperatie Wadland" / "Wadland" keeps the name
    the article's entities share."""
    texts = {e.text for e in entities if e.label == "ORG"}
    linked = {e.text for e in entities if e.label == "ORG" and e.canonical != e.text}
    fixed: dict[str, str] = {}
    for name in {f.entity for f in facts if f.entity}:
        head, _, rest = name.partition(" ")
        if not rest[:1].isupper():
            continue
        short = [t for t in (rest, rest.partition(" ")[2]) if t in texts]
        if (rest in texts and _any(_metric_words(lex), head, 0, len(head))) or (
            lex.descriptor is not None
            and head[1:].islower()
            and lex.descriptor.fullmatch(head)
            and short
            and not all(t in linked for t in short)
        ):
            fixed[name] = rest
    if not fixed:
        return facts
    return [replace(f, entity=fixed[f.entity]) if f.entity in fixed else f for f in facts]


def _metric_words(lex: _Lexicon) -> tuple[re.Pattern[str], ...]:
    entry = _METRIC_WORDS.get(id(lex))
    if entry is None or entry[0] is not lex:
        entry = _METRIC_WORDS[id(lex)] = (lex, tuple(p for p, _, _, _ in lex.labelled))
    return entry[1]


_METRIC_WORDS: dict[int, tuple[_Lexicon, tuple[re.Pattern[str], ...]]] = {}


def _extract(
    text: str,
    lang: str,
    money: Sequence[MoneyMention],
    dates: Sequence[DateMention],
    durations: Sequence[DurationMention],
    entities: Sequence[EntityMention],
    doc: Doc | None,
    reference_date: date | None,
) -> list[Fact]:
    lex = _lexicon(lang)
    dates = [_span_date(text, lex, d) for d in dates if 0 <= d.start < d.end <= len(text)]
    halves = _halves(text, lex, dates, reference_date)
    dates = sorted(
        [
            *(d for d in dates if not any(h.start <= d.start and d.end <= h.end for h in halves)),
            *halves,
        ],
        key=lambda d: d.start,
    )
    dates = sorted([*dates, *_quarters(text, lex, dates, reference_date)], key=lambda d: d.start)
    dates = _drop_split_years(text, dates)
    dates = [d for d in dates if not _founding(text, lex, d) and not _maturity(text, lex, d)]
    told = [
        d.end_date
        for d in dates
        if _announcement_day(d, reference_date)
        and reference_date is not None
        and d.start_date == d.end_date
        and d.end_date <= reference_date
    ]
    news_day = max(told, default=reference_date)
    told_days = tuple(
        d
        for d in dates
        if _announcement_day(d, reference_date)
        and reference_date is not None
        and d.start_date == d.end_date
        and d.end_date <= reference_date
    )
    dates = [
        _year_to_date(text, lex, d, reference_date)
        for d in dates
        if not _announcement_day(d, reference_date)
    ]
    durations = [d for d in durations if 0 <= d.start < d.end <= len(text)]
    entities = [e for e in entities if 0 <= e.start < e.end <= len(text)]
    # (a one-word "person" may be the company the tagger did not know: "Jardimarché")
    titled = _title_company(text, lex, [e for e in entities if e.label != "PER" or " " in e.text])
    if titled:
        entities = [
            e for e in entities if not any(e.start < t.end and t.start < e.end for t in titled)
        ]
        entities = sorted([*entities, *titled], key=lambda e: e.start)
    entities = sorted([*entities, *_short_forms(text, lex, entities)], key=lambda e: e.start)
    amounts = sorted((m for m in money if 0 <= m.start < m.end <= len(text)), key=lambda m: m.start)
    # "im Oktober 38,4 Mio. Euro" read as October 2038: a date inside an amount is none
    dates = [d for d in dates if not any(m.start < d.end and d.start < m.end for m in amounts)]
    sentences = _sentences(
        text,
        doc,
        [(m.start, m.end) for m in amounts] + [(d.start, d.end) for d in dates],
        [m.end for m in amounts],
    )
    clauses_of = {s: split_clauses(text, lang, *s) for s in sentences}

    def counterparties_of(orgs: Sequence[EntityMention]) -> set[int]:
        found: set[int] = set()
        for sentence, clauses in clauses_of.items():
            inside = [a for a in amounts if sentence[0] <= a.start < sentence[1]]
            if inside:
                found |= _counterparties(text, lex, orgs, inside, clauses)
        return found

    all_orgs = _companies(text, lex, entities, amounts, ("ORG",))
    counterparty_ids = counterparties_of(all_orgs)
    if _main_company(all_orgs, counterparty_ids) is None:
        # No company but counterparties: the tagger may have filed it under MISC.
        all_orgs = _companies(text, lex, entities, amounts, ("ORG", "MISC"))
        counterparty_ids = counterparties_of(all_orgs)
    open_spans = frozenset(
        (d.start, d.end)
        for d in dates
        if reference_date is not None
        and d.end_date == reference_date
        and (d.end_date - d.start_date).days > 31
    )
    spelled, hint = _fiscal_apposition(text, lex, dates)
    hint = hint or fiscal_close(text, lang)  # "whose financial year ends in June"
    placed = {(d.start, d.end): d for d, e in zip(spelled, dates, strict=True) if d != e}
    dates, fy_end = _fiscal_years(text, lex, dates, reference_date, hint)
    dates = [placed.get((d.start, d.end), d) for d in dates]
    dates = _fiscal_parts(text, lex, dates)
    current = _current_period(text, lex, dates, reference_date, open_spans)
    dates = _reanchor(text, lex, dates, current, reference_date, open_spans)
    dates = [_told_past(text, lex, d, reference_date) for d in dates]
    relatives = frozenset((d.start, d.end) for d in dates if _relative(lex, text, d))
    sourced = _sources(text, lex, all_orgs)
    excluded = _excluded(text)
    if all(i in sourced or i in counterparty_ids for i in range(len(all_orgs))):
        sourced = frozenset()  # "..., según Grupo Valdés": the company speaks of itself
    sourced = sourced - _self_source(text, all_orgs, sourced, excluded, sentences, amounts)
    in_quotes = frozenset(
        i
        for i, o in enumerate(all_orgs)
        if _in_quotes(text, o) and not _introduced_company(text, lex, o)
    )
    if len(in_quotes) == len(all_orgs) or all(
        i in sourced or i in counterparty_ids or i in in_quotes for i in range(len(all_orgs))
    ):
        # only titles named, or besides them only sources and other parties ("'Fietsfabriek
        # Hazelaar' haalde € 40 miljoen op bij X. Volgens Hazelaar ..."): a quoted name
        # is all there is
        in_quotes = frozenset()
    ctx = _Context(
        text=text,
        lang=lang,
        lex=lex,
        # (not an agency of a wire dateline or a source line: "AMSTERDAM (ANP) - De omzet")
        orgs=tuple(
            o
            for i, o in enumerate(all_orgs)
            if i not in counterparty_ids
            and i not in sourced
            and not any(a <= o.start < b for a, b in excluded)
        ),
        persons=tuple(e for e in entities if e.label == "PER"),
        places=tuple(e for e in entities if e.label == "LOC"),
        open_spans=open_spans,
        current=current,
        relatives=relatives,
        fy_end=fy_end,
        main=_main_company(
            all_orgs, counterparty_ids | sourced | in_quotes, _title_end(text), excluded
        )
        or _title_name(text),
        reference=reference_date,
        news_day=news_day,
        told_days=told_days,
        merged=_merged_name(text, lex),
        amount_spans=tuple((a.start, a.end) for a in amounts),
        bought=_financial_buyer(
            text,
            lex,
            all_orgs,
            counterparty_ids,
            _main_company(
                all_orgs, counterparty_ids | sourced | in_quotes, _title_end(text), _excluded(text)
            ),
        ),
        topics=_topics(text, lex, sentences, all_orgs, counterparty_ids),
        headings=tuple(
            o.start
            for o in all_orgs
            if _heading(text, o) and not text[o.end : text.find("\n", o.end)].strip()
        ),
        every_org=tuple(o for o in all_orgs if not any(a <= o.start < b for a, b in excluded)),
        units=tuple(
            (e.start, e.end)
            for e in entities
            if e.label in ("ORG", "MISC")
            and (_possessed(text, lex, e) or _described_as_own(text, lex, e))
        ),
    )
    facts: list[Fact] = []
    title_end = _title_end(text)
    flow_periods: dict[int, tuple[date, date]] = {}  # paragraph start -> its results' period
    for amount in amounts:
        if amount.end <= title_end and any(
            a.start > title_end
            and (amount.value in (a.value, a.max) or _rounded(amount.value, a.value))
            and amount.currency in (None, a.currency)  # "capta 45 millones": no currency
            for a in amounts
        ):
            continue  # a figure in the title is told again in the body: one fact
        if _conversion(text, amount, amounts):
            continue  # "450 million Swedish crowns ($43 million)": the same figure converted
        paragraph = text.rfind("\n", 0, amount.start) + 1
        sentence = next((s for s in sentences if s[0] <= amount.start < s[1]), None)
        if sentence is None:
            sentence = (0, len(text))
            clauses = [sentence]
        else:
            clauses = clauses_of[sentence]
        clause = next((c for c in clauses if c[0] <= amount.start < c[1]), sentence)
        grant = _public_grant(ctx, amount, clause)
        if (
            (_outsider(ctx, amount, sentence, clause) and not grant)
            or _analysts(ctx, amount, sentence)
            or _demand(text, lex, amount, clause)
            or _change_by(text, lex, amount)
        ):
            continue  # a market's size, a state's fund, a price per tonne: no company's fact
        try:
            facts.append(
                _fact(
                    ctx,
                    doc,
                    amount,
                    sentence,
                    clauses,
                    dates,
                    durations,
                    amounts,
                    all_orgs,
                    counterparty_ids,
                    sibling=_sibling(facts, sentence),
                    prior_fact=facts[-1] if facts and facts[-1].start >= paragraph else None,
                    flow_period=flow_periods.get(paragraph),
                    previous=_previous(sentences, sentence, paragraph),
                    article_period=next(iter(flow_periods.values()), None),
                    latest_period=next(reversed(flow_periods.values()), None),
                )
            )
        except Exception:  # one odd amount must not cost the others
            continue
        fact = facts[-1]
        if grant and fact.metric != "debt":
            # "Das Land bezuschusst den Kauf mit 9 Mio. Euro": a grant to whoever
            # spends on the thing funded (the last project spend of the paragraph), else
            # to the company of the paragraph
            spender = next(
                (
                    f.entity
                    for f in reversed(facts[:-1])
                    if f.metric == "project_spend" and f.start >= paragraph
                ),
                None,
            )
            fact = facts[-1] = replace(
                fact,
                entity=spender or ctx.owner(sentence[0]) or fact.entity,
                metric="funding_promised",
            )
        if (
            lex.licences
            and ctx.main is not None
            and fact.entity != ctx.main
            and fact.metric in ("revenue", "other", "funding_raised", "funding_promised")
            and _any(lex.licences, text, *sentence)
        ):
            # "Marbury verserà subito 25 milioni di dollari e fino a 340 milioni in
            # pagamenti legati a obiettivi": a licensee's upfront and milestone payments
            # are the licensor's (the company of the article), not the payer's revenue;
            # a contract's amounts have no period
            fact = facts[-1] = replace(
                fact, entity=ctx.main, metric="other", period_start=None, period_end=None
            )
        if lex.offer_sizes and _offer_size(ctx, amount, clause):
            # "taking the total size of the offer to roughly £600m": the listing
            # company's offer, new and old shares together: sought, no period
            fact = facts[-1] = replace(
                fact,
                entity=ctx.main or fact.entity,
                metric="other",
                status="target",
                period_start=None,
                period_end=None,
            )
        elif lex.share_sales and _any(lex.share_sales, text, clause[0], amount.start):
            # "Holloway Partners ... will sell shares worth about £350m": a selling
            # shareholder's proceeds, not money the company raises nor its value
            fact = facts[-1] = replace(
                fact, metric="other", status="target", period_start=None, period_end=None
            )
        if lex.orders and fact.entity is not None:
            order = _orderer(ctx, fact.entity, amount, clause, sentence)
            if order is not None and fact.metric in ("other", "revenue", "project_spend"):
                # "bestellt X 28 Züge beim Hersteller Y für 290 Mio.": the buyer's project
                # spend, the supplier the other party; no period (delivery is no period)
                fact = facts[-1] = replace(
                    fact,
                    entity=order[0],
                    metric="project_spend",
                    period_start=None,
                    period_end=None,
                    counterparties=tuple(
                        dict.fromkeys(c for c in (*fact.counterparties, order[1]) if c != order[0])
                    ),
                )
            elif (
                order is None
                and ctx.main is not None
                and fact.entity is not None
                and fact.entity != ctx.main
                and fact.metric in ("other", "revenue", "project_spend")
                and _orders_from_main(ctx, fact.entity, amount, clause)
            ):
                # "Die Stadtwerke X kaufen 25 Straßenbahnen für 90 Mio. Euro" in an article
                # about the maker: the maker's order (other), the buyer's project spend
                buyer = fact.entity
                facts[-1] = replace(fact, entity=ctx.main, metric="other", counterparties=(buyer,))
                facts.append(
                    replace(
                        fact,
                        metric="project_spend",
                        period_start=None,
                        period_end=None,
                        counterparties=(ctx.main,),
                    )
                )
                fact = facts[-1]
        if not fact.metric.startswith("funding") and _unit_amount(text, lex, amount, sentence):
            facts.pop()  # "3 millones por tienda", "een kraan kost € 40 miljoen": one unit's
            continue
        if fact.metric == "other" and _small_price(text, lex, amount, sentence):
            facts.pop()  # a price per bottle or a guarantee ceiling, not a small firm's sales
            continue
        if (
            amount.value < _TINY
            and (amount.max is None or amount.max < _TINY)
            and not fact.metric.startswith("funding")
            and _small_price(text, lex, amount, sentence)
        ):
            # "ab etwa 52.000 Euro kostet", "se paga a unos 4,20 euros por kilo": a unit
            # price, far below any company figure, whatever word is near it
            facts.pop()
            continue
        if fact.metric in _FLOWS and (
            (fact.per == "day" and amount.value < _SMALL)
            or _PER_SHARE_RESULT.match(text, amount.end) is not None
        ):
            # "earned an average of $21,400 a day", "a net loss of $18.4m, or 12 cents a
            # share": a daily rate, a result per share, no fact of their own
            facts.pop()
            continue
        if (
            fact.metric in _FLOWS
            and fact.period_start is not None
            and fact.period_end is not None
            and fact.per is None
            and fact.status == "reported"
            and not _comparison(ctx, amount)
        ):
            # The first result stated sets the paragraph's period ("Allein im vierten
            # Quartal ..." afterwards is a part of it, not the new topic).
            flow_periods.setdefault(paragraph, (fact.period_start, fact.period_end))
    if lex.respectively:
        facts = _respectively(ctx, facts, sentences, dates)
    return facts


# "beim Hersteller X", "a Astilleros X", "from X", "auprès du chantier X": the supplier
_SUPPLIER = re.compile(
    r"(?i)(?<!\w)(?:bei|beim|bij|a|al|à|au|auprès[^\S\n]+d[eu']?|presso|da|dal|ao|from|with)"
    r"(?:[^\S\n]+[^\W\d]+){0,2}[^\S\n]+$"
)


def _orderer(
    ctx: _Context,
    entity: str,
    amount: MoneyMention,
    clause: tuple[int, int],
    sentence: tuple[int, int],
) -> tuple[str, str] | None:
    """(buyer, supplier) of an order placed, when a supplier is named after the order
    word and before the amount ("bestellt X 28 Züge beim Hersteller Y für 290 Mio.", "el
    encargo de un ferry a Astilleros Y por 95 millones"). The buyer is the fact's company
    unless that is the supplier, then an ORG before the supplier in the clause, else the
    company of the paragraph. None when the supplier is the article's company (an order
    it received) or no order word precedes it."""
    cues = _find(ctx.lex.orders, ctx.text, clause[0], amount.start)
    named = [
        o
        for o in ctx.every_org
        if clause[0] <= o.start < amount.start
        and any(h.end <= o.start <= h.end + 120 for h in cues)
        and _SUPPLIER.search(ctx.text, max(clause[0], o.start - 40), o.start) is not None
    ]
    if not named or named[0].canonical == ctx.main:
        return None
    supplier = named[0].canonical
    if entity != supplier:
        return entity, supplier
    before = [
        o for o in ctx.orgs if clause[0] <= o.start < named[0].start and o.canonical != supplier
    ]
    buyer = before[0].canonical if before else ctx.owner(sentence[0])
    return (buyer, supplier) if buyer not in (None, supplier) else None


def _orders_from_main(
    ctx: _Context, buyer: str, amount: MoneyMention, clause: tuple[int, int]
) -> bool:
    """An order placed by another company, named before the order word of the clause,
    with no supplier named between that word and the amount: in an article about a
    maker, the order goes to the maker."""
    text = ctx.text
    cues = _find(ctx.lex.orders, text, clause[0], amount.start)
    if not cues:
        return False
    cue = cues[0]
    named = [o for o in ctx.every_org if clause[0] <= o.start and o.end <= cue.start]
    if not named or named[-1].canonical != buyer:
        return False
    # the maker and an order noun in this sentence or the one before
    lo = max(text.rfind(". ", 0, max(0, clause[0] - 2)) + 2, text.rfind("\n", 0, clause[0]) + 1)
    if not any(
        lo <= o.start < amount.start and o.canonical == ctx.main for o in ctx.every_org
    ) or not _any(ctx.lex.contracts, text, lo, amount.start):
        return False
    return not any(
        cue.end <= o.start < amount.start and o.canonical != ctx.main for o in ctx.every_org
    )


def _order_won(
    ctx: _Context,
    dates: Sequence[DateMention],
    amount: MoneyMention,
    sentence: tuple[int, int],
    others: Sequence[tuple[int, int]],
) -> bool:
    """An order or contract noun next to the amount (within 40 characters, no other
    amount between), or an order verb before it, in a sentence that names no date of
    its own ("a £90m order", "een order van € 80 miljoen", "de order is € 40 miljoen
    waard", "bestellt zwölf Züge für 70 Mio. Euro")."""
    lex, text = ctx.lex, ctx.text
    if not lex.contracts or any(sentence[0] <= d.start < sentence[1] for d in dates):
        return False
    if _any(lex.stock_others, text, sentence[0], sentence[1]):
        return False  # "its order book now stands at £2bn": a stock, not an order won
    if _any(lex.orders, text, sentence[0], amount.start):
        return True
    lo, hi = max(sentence[0], amount.start - 40), min(sentence[1], amount.end + 40)
    if any(
        not _between(min(h.end, amount.end), max(h.start, amount.start), others)
        for h in _find(lex.contracts, text, lo, hi)
    ):
        return True
    # "X will take £60m of the contract, while its partner works under a share worth
    # £25m": a later share of the order split in the same sentence (not a rival's bid
    # for the order: "hatte sich um den Auftrag beworben, mit einem Angebot von 50 Mio.")
    return any(sentence[0] <= o[0] < amount.start for o in others) and _any(
        lex.contracts, text, sentence[0], lo
    )


def _offer_size(ctx: _Context, amount: MoneyMention, clause: tuple[int, int]) -> bool:
    """An offer-size word right before the amount in its clause ("the total size of the
    offer to roughly £600m", "ein Platzierungsvolumen von 600 Mio. Euro")."""
    lo = max(clause[0], amount.start - 60)
    return _any(ctx.lex.offer_sizes, ctx.text, lo, amount.start)


def _coordinated(
    text: str, spans: Sequence[tuple[int, int]], glue: frozenset[str] = frozenset()
) -> list[list[int]]:
    """Runs of spans (indexes) joined by a comma or an "and" word only ("9,1 y 4,3
    millones", "2024 and 2023"), or by one of the `glue` words ("nel 2024 e nel 2023")."""
    runs: list[list[int]] = []
    words_ok = _AND | glue
    for i, (start, _) in enumerate(spans):
        if runs and i - 1 == runs[-1][-1]:
            gap = text[spans[i - 1][1] : start]
            words = re.findall(r"[^\W\d_]+", gap)
            if len(gap) <= 20 and all(w.casefold() in words_ok for w in words):
                runs[-1].append(i)
                continue
        runs.append([i])
    return runs


def _respectively(
    ctx: _Context,
    facts: list[Fact],
    sentences: Sequence[tuple[int, int]],
    dates: Sequence[DateMention],
) -> list[Fact]:
    """"Acme facturó 300 M y Beta 200 M, con beneficios de 8 y 5 millones,
    respectivamente", "revenue of €5m and €4m in 2024 and 2023 respectively", "een
    nettowinst van respectievelijk € 9,1 miljoen en € 4,3 miljoen": the amounts next to a
    "respectively" word go, in order, with as many companies named before them, or with
    as many dates of the sentence joined like them."""
    text = ctx.text
    out = list(facts)
    glue = ctx.lex.respectively_words
    for hit in _find(ctx.lex.respectively, text, 0, len(text)):
        sentence = next((s for s in sentences if s[0] <= hit.start < s[1]), None)
        if sentence is None:
            continue
        idx = [i for i, f in enumerate(out) if sentence[0] <= f.start < sentence[1]]
        runs = [
            [idx[j] for j in r]
            for r in _coordinated(text, [(out[i].start, out[i].end) for i in idx], glue)
        ]
        run = next(
            (
                r
                for r in runs
                if len(r) >= 2
                and (
                    out[r[0]].start <= hit.start < out[r[-1]].end  # "9,1 respektive 4,3"
                    or 0 <= out[r[0]].start - hit.end <= 6  # "respectievelijk € 9,1 ..."
                    or (
                        0 <= hit.start - out[r[-1]].end <= 40
                        and text.count(",", out[r[-1]].end, hit.start) <= 1
                        and not any(out[r[-1]].end <= f.start < hit.start for f in out)
                    )
                )
            ),
            None,
        )
        if run is None:
            continue
        k = len(run)
        first, last = out[run[0]].start, out[run[-1]].end
        names = list(
            dict.fromkeys(
                o.canonical for o in ctx.every_org if sentence[0] <= o.start and o.end <= first
            )
        )
        shares = all(
            out[i].metric in ("funding_raised", "funding_target") for i in run
        ) and _any(ctx.lex.investors, text, sentence[0], first)
        if len(names) == k and not shares:
            # (not investors' shares of the company's round: "le fonds X, qui apporte
            # 30 millions, aux côtés de Y et de Z, pour 15 et 10 millions respectivement")
            for i, name in zip(run, names, strict=True):
                out[i] = replace(out[i], entity=name)
        inside = sorted(
            (
                d
                for d in dates
                if sentence[0] <= d.start
                and d.end <= sentence[1]
                and not first <= d.start < last
            ),
            key=lambda d: d.start,
        )
        spans = [(d.start, d.end) for d in inside]
        for date_run in _coordinated(text, spans, glue | _IN | _OF):
            periods = [(inside[j].start_date, inside[j].end_date) for j in date_run]
            if len(periods) == k and len(set(periods)) == k:
                for i, (lo, hi) in zip(run, periods, strict=True):
                    out[i] = replace(out[i], period_start=lo, period_end=hi)
                break
    return out


def _deal_price(ctx: _Context, amount: MoneyMention, sentence: tuple[int, int]) -> bool:
    """The price of a deal: a title figure, or a sentence naming the price ("Der
    Unternehmenswert einschließlich Schulden liegt bei ...", "bought by X for")."""
    text, lex = ctx.text, ctx.lex
    if amount.end <= _title_end(text):
        return True
    return any(
        _any(patterns, text, *sentence)
        for patterns in (lex.deal_values, lex.payment_forms, lex.passive_buyers)
    )


def _financial_buyer(
    text: str,
    lex: _Lexicon,
    orgs: Sequence[EntityMention],
    counterparty_ids: set[int],
    main: str | None,
) -> str | None:
    """The company a financial investor buys, when the investor is the main company and
    the title or the lead names the company bought as the other party: "Finanzinvestor
    Brandauer übernimmt X", "the private-equity firm Y agreed to buy X"."""
    if main is None or not lex.financial_buyers:
        return None
    title_end = _title_end(text)
    lead_end = text.find("\n", title_end + 1)
    lead_end = len(text) if lead_end < 0 else lead_end
    while lead_end < len(text) and len(text[title_end:lead_end].strip()) < 80:
        nxt = text.find("\n", lead_end + 1)  # past a credit line ("Anna Seidel/dpa")
        lead_end = len(text) if nxt < 0 else nxt
    main_words = main.casefold().split()
    financial = False
    for org in orgs:
        if org.start >= lead_end:
            break
        if org.canonical != main and not _contains(main_words, org.canonical.casefold().split()):
            continue
        for hit in _find(lex.financial_buyers, text, max(0, org.start - 40), org.start):
            if re.fullmatch(r"[^\S\n]+(?:[^\W\d][\w-]*[^\S\n]+){0,2}", text[hit.end : org.start]):
                financial = True
    if not financial:
        return None
    bought = [
        org.canonical
        for i, org in enumerate(orgs)
        if org.start < lead_end
        and org.canonical != main
        and not _contains(main_words, org.canonical.casefold().split())
        and (
            i in counterparty_ids
            or any(  # "koopt Melkerij X" in a title with no amount
                _WIDE_GAP.fullmatch(text[hit.end : org.start])
                for hit in _find(lex.clause_counterparty, text, max(0, org.start - 40), org.start)
            )
        )
    ]
    return bought[0] if bought else None


# a per-share amount (a dividend, a share price) is below this
_PER_SHARE_SIZE = 1000

_PER_SHARE_RESULT = re.compile(
    r"(?i)[^\S\n]+(?:a|per|each|je|pro|par|por|per)[^\S\n]+"
    r"(?:share|aktie|action|acción|ação|acção|azione|aandeel)\b"
)
_FULL_STOP = re.compile(r"(?:[.!?][^\S\n]+|\n)(?=[A-ZÀ-Þ«\"])")
_FROM_PLACE = re.compile(
    r"[^\S\n]+(?:de|di|da|do|du|del|della|van|uit|aus|from|of|in)[^\S\n]+[A-ZÀ-Þ]"
)


def _rounded(short: Decimal, full: Decimal) -> bool:
    """`short` is `full` rounded to the last non-zero digit of `short` ("perdita di 6
    milioni" in the title, "6,2 milioni" in the text), within a tenth of it."""
    if short <= 0 or full <= 0 or short == full or abs(full - short) * 10 > full:
        return False
    step = Decimal(1)
    while short % (step * 10) == 0 and step < short:
        step *= 10
    if step < 1000:
        return False
    return (full / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step == short


def _acquired(
    ctx: _Context,
    sentence: tuple[int, int],
    previous: tuple[int, int] | None,
    all_orgs: Sequence[EntityMention],
    counterparty_ids: set[int],
) -> tuple[str, int] | None:
    """The company bought in the previous sentence (its counterparty) and where the
    place starts, when the sentence opens with a generic noun and a place: "El grupo
    compró X. La firma de Oporto facturó 120 millones", "het bedrijf uit Luik"."""
    if previous is None:
        return None
    text = ctx.text
    head = _trim(text, *sentence)[0]
    hits = [h for h in _find(ctx.lex.generic, text, head, min(sentence[1], head + 40))]
    place = next(
        (m for h in hits if h.start == head and (m := _FROM_PLACE.match(text, h.end))), None
    )
    if place is None:
        return None
    bought = [
        all_orgs[i].canonical
        for i in sorted(counterparty_ids)
        if previous[0] <= all_orgs[i].start < previous[1] and all_orgs[i].canonical != ctx.main
    ]
    return (bought[-1], place.end() - 1) if bought else None


def _bought_price(ctx: _Context, amount: MoneyMention, sentence: tuple[int, int]) -> str | None:
    """The buyer that pays `amount` for the company named just before it: "X, the van
    lender it agreed to buy in May for £85m", "la Distillerie X, rachetée en mars pour
    12 millions", "ha rilevato la Liquoreria X, attiva nei liquori, per 21 milioni". The
    buyer is the company named earlier in the sentence, else the one the sentence is about.
    """
    text, lex = ctx.text, ctx.lex
    if not lex.price_prepositions:
        return None
    lo = max(sentence[0], amount.start - 30)
    if not any(
        _PRICE_GAP.fullmatch(text, h.end, amount.start)
        for h in _find(lex.price_prepositions, text, lo, amount.start)
    ):
        return None
    before = [o for o in ctx.every_org if sentence[0] <= o.start and o.end <= amount.start]
    if not before or _between(before[-1].end, amount.start, ctx.amount_spans):
        return None
    bought = before[-1]
    if _any(lex.passive_buyers, text, bought.end, amount.start):
        return None  # "rachetée par Y pour ...": the buyer is named after it
    if _RELATIVE.search(text, bought.end, amount.start) or _any(
        _metric_words(lex), text, bought.end, amount.start
    ):
        return None  # "X, qui a réalisé un chiffre d'affaires de ...": a figure of X
    after = any(
        h.start - bought.end <= 40 and "," in text[bought.end : h.start + 1]
        for h in _find(lex.bought_objects, text, bought.end, amount.start)
    )
    governed = any(
        # ("a repris en avril le négociant bordelais X pour ...": a date and a described
        # name between the verb and the company bought)
        bought.start - h.end <= 45 and not re.search(r"[,;:]", text[h.end : bought.start])
        for h in _find(
            lex.clause_counterparty, text, max(sentence[0], bought.start - 75), bought.start
        )
    )
    if not (after or governed):
        return None
    buyer = next(
        (
            o.canonical
            for o in ctx.orgs
            if sentence[0] <= o.start < bought.start and o.canonical != bought.canonical
        ),
        None,
    ) or ctx.referent(sentence[0])
    return buyer if buyer != bought.canonical else None


# "for ", "for about ", "pour environ ": the gap between a price preposition and the price
_PRICE_GAP = re.compile(r"[^\S\n]+(?:[^\W\d_]+[^\S\n]+)?")


def _org_start(ctx: _Context, name: str | None, sentence: tuple[int, int]) -> int:
    """Where the company's first mention in the sentence starts, -1 for none."""
    inside = (o.start for o in ctx.orgs if o.canonical == name and sentence[0] <= o.start)
    return next((start for start in inside if start < sentence[1]), -1)


def _segment_subject(
    ctx: _Context,
    amount: MoneyMention,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    previous: tuple[int, int] | None = None,
) -> bool:
    """A segment noun opening the clause or the sentence ("La division Revêtements, la
    plus exposée à l'automobile, a vu ses ventes...", "Die Sparte setzte ... um") with
    no company named between it and the amount: the result of a unit."""
    text = ctx.text
    starts = [_trim(text, *clause)[0], _trim(text, *sentence)[0]]
    colon = text.rfind(":", sentence[0], amount.start)
    if colon >= 0:
        starts.append(_trim(text, colon + 1, amount.start)[0])  # "... bricht weg: Die Sparte"
    if previous is not None and text[sentence[0] : sentence[1]].lstrip()[:1] in (",", ";"):
        # a parse that cut the subject off: from the last full stop or line end
        line = text.rfind("\n", 0, sentence[0]) + 1
        stops = list(_FULL_STOP.finditer(text, max(line - 1, 0), sentence[0]))
        starts.append(stops[-1].end() if stops else line)
    for lo in dict.fromkeys(starts):
        for hit in _find(ctx.lex.segment_subjects, text, lo, min(amount.start, lo + 30)):
            if text[lo : hit.start].strip(" ,:;«»\"'") or hit.end > amount.start:
                continue
            if any(hit.end < o.start and o.end <= amount.start for o in ctx.orgs):
                continue  # "la division, selon Ferral, ..." names the group: not sure
            return True
    return False


def _maturity(text: str, lex: _Lexicon, d: DateMention) -> bool:
    """A date right after a maturity word ("notes due 2027", "un bond in scadenza a marzo
    2026"): when a debt falls due, not the period of a figure."""
    lo = max(0, d.start - 25)
    return (
        any(
            re.fullmatch(r"[\s'’]*(?:[^\W\d_]{1,3}[\s'’]+)?", text[hit.end : d.start])
            for hit in _find(lex.maturities, text, lo, d.start)
        )
        or any(  # "eine 2031 fällige Anleihe"
            not text[d.end : hit.start].strip()
            for hit in _find(lex.maturities, text, d.end, min(len(text), d.end + 20))
        )
    )


def _founding(text: str, lex: _Lexicon, d: DateMention) -> bool:
    """A year a company was founded ("fondé à Nantes en 2017", "opgericht in 2012")."""
    lo = max(0, d.start - 25)
    if any(
        not re.search(r"[.;,]", text[hit.end : d.start])
        for hit in _find(lex.founded, text, lo, d.start)
    ):
        return True
    # "in 2019 opgericht", "2016 gegründet": the word after the year
    return any(
        not text[d.end : hit.start].strip() for hit in _find(lex.founded, text, d.end, d.end + 15)
    )


def _self_source(
    text: str,
    orgs: Sequence[EntityMention],
    sourced: frozenset[int],
    excluded: Sequence[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
    amounts: Sequence[MoneyMention],
) -> frozenset[int]:
    """The source that opens the article's body alone in a sentence with an amount
    ("Volgens Kortland Logistiek steeg de omzet vorig jaar tot € 780 miljoen"): the
    company speaking of itself, still its main company."""
    title_end = _title_end(text)
    body = [
        i
        for i, o in enumerate(orgs)
        if o.start > title_end and not any(a <= o.start < b for a, b in excluded)
    ]
    if not body or body[0] not in sourced:
        return frozenset()
    first = orgs[body[0]]
    sentence = next((s for s in sentences if s[0] <= first.start < s[1]), None)
    if sentence is None or not any(sentence[0] <= a.start < sentence[1] for a in amounts):
        return frozenset()
    if any(
        sentence[0] <= o.start < sentence[1] and o.canonical != first.canonical for o in orgs
    ):
        return frozenset()  # "Volgens het FD heeft X ...": a newspaper about X
    return frozenset(i for i in sourced if orgs[i].canonical == first.canonical)


def _sources(text: str, lex: _Lexicon, orgs: Sequence[EntityMention]) -> frozenset[int]:
    """Indexes of the ORGs quoted as a source ("segundo as contas enviadas à CMVM",
    "according to consultancy X", "laut Statistischem Bundesamt"), with the acronym
    in brackets after one: not owners of an amount."""
    found: set[int] = set()
    for i, org in enumerate(orgs):
        lo = max(0, org.start - 40)
        if any(
            not re.search(r"[.;,:]", text[hit.end : org.start])
            for hit in _find(lex.sources, text, lo, org.start)
        ) or (i - 1 in found and not text[orgs[i - 1].end : org.start].strip(" (")):
            found.add(i)
    return frozenset(found)


def _subject_cue(
    ctx: _Context,
    clauses: Sequence[tuple[int, int]],
    index: int,
    amounts: Sequence[MoneyMention],
) -> tuple[str, int] | None:
    """The metric cue of the nearest earlier clause of the sentence that has one, when
    that clause has no amount of its own (it is the subject: "Vellor's revenue, which
    had reached £50m in 2023, fell to £42m")."""
    for lo, hi in reversed(clauses[:index]):
        cues = [c for c in _clause_cues(ctx, lo, hi) if c[2] not in ("spend", "invest")]
        if not cues:
            continue
        if any(lo <= a.start < hi for a in amounts):
            return None  # that clause's amount has the cue
        _, _, metric, sign, _ = max(cues, key=lambda c: (c[1], c[4]))
        return metric, sign
    return None


@cache
def _promises(lex: _Lexicon) -> tuple[re.Pattern[str], ...]:
    """The cues of a promised funding ("zugesagt", "pledged", "s'est engagé")."""
    return tuple(p for p, metric, _ in lex.metrics if metric == "funding_promised")


# "que vai de outubro a setembro", "qui va d'avril à mars", "runs from July to June": a
# verb that spans a calendar, not one that tells the future
_CALENDAR_SPAN = re.compile(
    r"(?i)[^\S\n]+(?:de|d['’]|from|von|van|da|dal|del|du)[^\S\n]*[^\W\d_]{3,}[^\S\n]+"
    r"(?:a|à|al|to|bis|tot|till|until)[^\S\n]+[^\W\d_]{3,}"
)


def _calendar_verb(
    ctx: _Context,
    patterns: tuple[re.Pattern[str], ...],
    clause: tuple[int, int],
    amount: MoneyMention,
) -> bool:
    """Every cue of `patterns` before the amount in its clause opens a span of months
    ("o exercício, que vai de abril a março, rendeu"): no future meant."""
    hits = _find(patterns, ctx.text, clause[0], amount.start)
    return bool(hits) and all(_CALENDAR_SPAN.match(ctx.text, h.end) is not None for h in hits)


def _later_predicate(
    ctx: _Context,
    patterns: tuple[re.Pattern[str], ...],
    clause: tuple[int, int],
    amount: MoneyMention,
    others: Sequence[tuple[int, int]],
) -> bool:
    """The clause's only cues come after the amount past "and" ("cerró con una caja de
    412 millones y propondrá un dividendo"): they belong to the next predicate."""
    text = ctx.text
    before = [h for h in _find(patterns, text, clause[0], amount.start)]
    if any(not _between(h.end, amount.start, others) for h in before):
        return False
    after = _find(patterns, text, amount.end, min(clause[1], amount.end + _FORECAST_AFTER))
    return bool(after) and all(
        any(w.casefold() in _AND for w in re.findall(r"[^\W\d_]+", text[amount.end : h.start]))
        for h in after
    )


def _stock_pronoun(
    ctx: _Context,
    amount: MoneyMention,
    clause: tuple[int, int],
    previous: tuple[int, int] | None,
    prior_fact: Fact | None,
) -> bool:
    """A pronoun ("die", "celle-ci", "it") after the clause's last cue and before the
    amount, the previous sentence's last fact being a stock in the same currency."""
    if (
        prior_fact is None
        or prior_fact.metric not in (*_STOCKS, *_SPENDS)
        or previous is None
        or not previous[0] <= prior_fact.start < previous[1]
        or prior_fact.currency != amount.currency
    ):
        return False
    if _clause_cues(ctx, amount.end, clause[1]):
        return False  # "It plans to return up to £50m ... through a share buyback": cued
    cues = [c[1] for c in _clause_cues(ctx, clause[0], amount.start)]
    after = max(cues, default=clause[0])
    return any(
        not any(hit.end <= o.start < amount.start for o in ctx.orgs)
        for hit in _find(ctx.lex.stock_pronouns, ctx.text, after, amount.start)
    )


# "analysts at X", "gli analisti di X", "analysts polled by X": the analysts' firm
_ANALYST_FIRM = re.compile(r"[^\S\n]+(?:[^\W\d]{1,8}[^\S\n]+){1,2}")


def _analysts(ctx: _Context, amount: MoneyMention, sentence: tuple[int, int]) -> bool:
    """Analysts' figure: they open the sentence ("Analysts polled by LSEG had expected
    £571 million", "Gli analisti di Equita stimano che ... valga circa 1,2 euro") or stand
    right before the amount ("costi stimati dagli analisti in oltre 400 milioni"), with
    no company, generic reference or pronoun as the subject between: an estimate or a
    consensus, no company's fact."""
    text, lex = ctx.text, ctx.lex
    if not lex.analysts:
        return False
    lead = sentence[0] + _leading_blank(text, sentence[0])
    for hit in _find(lex.analysts, text, sentence[0], amount.start):
        if amount.start - hit.end <= 25 and not re.search(r"[,;]", text[hit.end : amount.start]):
            # (but "su filial, valorada por los analistas en 1.200 millones": the value of
            # a company named before, a valuation)
            valued = tuple(p for p, metric, _ in lex.metrics if metric == "valuation")
            return not _any(valued, text, max(sentence[0], hit.start - 30), hit.start)
        if hit.start - lead > 12 or re.search(r"[:;]", text[hit.end : amount.start]):
            continue
        named = [o for o in ctx.orgs if hit.end <= o.start and o.end <= amount.start]
        if any(not _ANALYST_FIRM.fullmatch(text, hit.end, o.start) for o in named):
            continue  # "Analysts expect that X, ..., will ...": a company of its own
        if _any(lex.generic, text, hit.end, amount.start):
            continue
        return True
    return False


def _outsider(
    ctx: _Context, amount: MoneyMention, sentence: tuple[int, int], clause: tuple[int, int]
) -> bool:
    """An amount of a market, a sector, a government or a public fund, not of a company:
    "Le marché mondial ... devrait peser 190 milliards", "Het kabinet trekt jaarlijks
    € 1 miljard uit", "son fonds, doté de 1 milliard". The cue opens the clause or the
    sentence (it is the subject) or stands right before the amount, and no company,
    generic reference or pronoun stands between it and the amount."""
    text, lex = ctx.text, ctx.lex
    if not lex.outsiders:
        return False
    lo = min(clause[0], sentence[0])
    for hit in _find(lex.outsiders, text, lo, amount.start):
        if any(
            c < hit.start and hit.end <= close <= amount.start
            for c, close in _relatives(ctx, sentence)
        ):
            continue  # "La compañía, que cotiza en el mercado continuo, cerró ...": an aside
        subject = any(hit.start - start <= 40 for start in (clause[0], sentence[0]))
        gap = text[hit.end : amount.start]
        if not subject and len(gap.strip()) > 0:
            continue
        between = [o for o in ctx.orgs if hit.end <= o.start and o.end <= amount.start]
        quoted = {
            o.canonical
            for o in between
            if _any(lex.sources, text, max(hit.end, o.start - 30), o.start)
        }
        if any(o.canonical not in quoted for o in between):
            continue  # "le gouvernement a accordé à X": X's money
        if _any(lex.generic, text, hit.end, amount.start):
            continue
        if any(m_start < hit.start for m_start, *_ in _clause_cues(ctx, clause[0], hit.start)):
            continue  # "le chiffre d'affaires sur le marché français": the company's
        if any(
            _GAP.fullmatch(text[h.end : hit.start])
            for h in _find(lex.clause_counterparty, text, max(lo, hit.start - 30), hit.start)
        ):
            continue  # "les aides versées par l'État": the payer, not the subject
        return True
    return False


def _public_grant(ctx: _Context, amount: MoneyMention, clause: tuple[int, int]) -> bool:
    """A government or public body opening the clause that funds a thing with the amount
    ("Das Land bezuschusst den Kauf mit 9 Mio. Euro", "the government subsidises the
    line with £9m"): a grant, not the state's own money, when a grant word stands
    between the body and the amount and no company is named there."""
    text, lex = ctx.text, ctx.lex
    lo = clause[0] + _leading_blank(text, clause[0])
    bodies = [
        h
        for h in _find((*lex.outsiders, *lex.public_bodies), text, lo, amount.start)
        if h.start - lo <= 12
    ]
    if not bodies:
        return False
    head = bodies[0].end
    if any(head <= o.start and o.end <= amount.start for o in ctx.orgs):
        return False
    if any(head <= a and b <= amount.start for a, b in ctx.amount_spans):
        return False  # "Die Stadt gibt 5 Mio. als Zuschuss, 12 Mio. ...": the grant before
    return _any(_promised(lex), text, head, amount.start)


def _acted_on(
    ctx: _Context,
    clause: tuple[int, int],
    amount: MoneyMention,
    others: Sequence[tuple[int, int]],
) -> bool:
    """A cut, repay or refinance word just before the amount: "cut its £620m debt",
    "quitar um empréstimo de R$ 800 milhões"."""
    return _cue_within(ctx.lex.reduce, ctx.text, clause, amount, others, 40)


_BELOW = re.compile(
    r"(?i)(?:below|under|less than|moins de|dessous|unter|debajo|menos de|sotto|meno di|"
    r"abaixo|onder)\W*$"
)


def _level(
    ctx: _Context,
    clause: tuple[int, int],
    amount: MoneyMention,
    others: Sequence[tuple[int, int]],
) -> str | None:
    """"less" or "to" when the amount is the level a cut aims at: a reduce word earlier
    in the clause, then a level word right before the amount ("reducirla por debajo de
    500 millones", "verlagen naar € 200 miljoen"); None otherwise."""
    lo = max(clause[0], amount.start - 120)
    cues = _find(ctx.lex.reduce, ctx.text, lo, amount.start)
    if not cues:
        return None  # (an amount between is the stock as it stands: "de 90 M ... para 60 M")
    gap = ctx.text[cues[-1].end : amount.start]
    if amount.qualifier in ("less_than", "max") and len(gap) <= 25:
        return "less"  # "reducirla por debajo de 200 millones" (the bound is in the amount)
    words = re.findall(r"[^\W\d_]+", ctx.text[max(cues[-1].end, amount.start - 25) : amount.start])
    tail = " ".join(words[-3:]).casefold()
    if not any(tail.endswith(w) for w in ctx.lex.level_words):
        return None
    return "less" if _BELOW.search(gap) else "to"


def _change_by(text: str, lex: _Lexicon, amount: MoneyMention) -> bool:
    """The size of a change, not a level: right after "en hausse de", "up by", "um"
    (`change_by_cues`), or right before "more than a year earlier" (`change_after_cues`):
    "La dette nette atteignait 890 millions, en hausse de 60 millions", "€ 6 miljoen
    minder dan een jaar eerder"."""
    before = any(
        not text[h.end : amount.start].strip()
        for h in _find(lex.change_by, text, max(0, amount.start - 30), amount.start)
    )
    return before or any(
        not text[amount.end : h.start].strip(" ,")
        for h in _find(lex.change_after, text, amount.end, min(len(text), amount.end + 40))
    )


def _demand(text: str, lex: _Lexicon, amount: MoneyMention, clause: tuple[int, int]) -> bool:
    """Orders for an offering ("com demanda de R$ 4 bilhões", "La domanda ha superato i 2
    miliardi"): the cue, then at most a verb and little words before the amount."""
    lo = max(clause[0], amount.start - 30)
    for hit in _find(lex.demand, text, lo, amount.start):
        words = re.findall(r"[^\W\d_]+", text[hit.end : amount.start])
        if len(words) <= 4 and not _order_backlog(text, lex, hit, clause):
            return True
    return False


def _order_backlog(text: str, lex: _Lexicon, hit: _Hit, clause: tuple[int, int]) -> bool:
    """An order-book word that is a company's backlog ("its order book stood at £2.3bn
    at the end of September"), with no bond, listing or placement word in its clause."""
    offering = (*lex.bonds, *lex.listings, *lex.placements, *lex.offer_sizes, *lex.share_sales)
    return _any(lex.stock_others, text, hit.start, hit.end + 1) and not _any(
        offering, text, *clause
    )


# Below this, an amount is a price (of a product, a tonne of copper, a share) or a
# ceiling, not a company's result or balance, unless it is a per-share figure.
_SMALL = Decimal(1_000_000)
_TINY = Decimal(100_000)


def _small_price(text: str, lex: _Lexicon, amount: MoneyMention, sentence: tuple[int, int]) -> bool:
    """An amount under a million with no dividend or share word in its sentence ("Een
    driezitsbank kost gemiddeld € 899", "1,05 dólares por libra", "cubre hasta 100.000
    euros"): no fact of a company, unless a metric word names it (the caller keeps "a levé
    800 000 euros", a small firm's round)."""
    if amount.value >= _SMALL or (amount.max is not None and amount.max >= _SMALL):
        return False
    return not _any(lex.share_context, text, sentence[0], sentence[1])


_YEAR_AFTER = re.compile(r"[^\S\n]*(?:(?:of|de|del|van|di|do|des|von)[^\S\n]+)?((?:19|20)\d\d)\b")


def _halves(
    text: str, lex: _Lexicon, dates: Sequence[DateMention], reference: date | None
) -> list[DateMention]:
    """Year-less halves the date extractor left ("in the first half", "the half"): the
    last one that ended before the publication date ("last" is the latest of both)."""
    if reference is None or not lex.halves:
        return []
    found: list[DateMention] = []
    lowered = text.lower()
    for pattern, which in lex.halves:
        if _KEYS.get(pattern, "") not in lowered:
            continue
        for m in pattern.finditer(text):
            if any(d.start < m.end() and m.start() < d.end for d in (*dates, *found)):
                continue
            follows = _YEAR_AFTER.match(text, m.end())
            if follows is not None:
                # "the first half of 2025" is the date extractor's, unless it only read
                # the year ("het eerste semester van 2024")
                if which != "first" or not any(
                    d.start == follows.start(1) and d.grain == "year" for d in dates
                ):
                    continue
                y = int(follows.group(1))
                found.append(
                    DateMention(
                        start=m.start(),
                        end=follows.end(),
                        text=text[m.start() : follows.end()],
                        start_date=date(y, 1, 1),
                        end_date=date(y, 6, 30),
                        grain="quarter",
                    )
                )
                continue
            year = reference.year
            first = (date(year, 1, 1), date(year, 6, 30))
            earlier = (date(year - 1, 1, 1), date(year - 1, 6, 30))
            second = (date(year - 1, 7, 1), date(year - 1, 12, 31))
            span = first if first[1] < reference else earlier if which == "first" else second
            found.append(
                DateMention(
                    start=m.start(),
                    end=m.end(),
                    text=m.group(0),
                    start_date=span[0],
                    end_date=span[1],
                    grain="quarter",
                    inferred=True,
                )
            )
    return found


def _span_date(text: str, lex: _Lexicon, d: DateMention) -> DateMention:
    """A day or month closing a span ("the three months to September 30", "le semestre
    clos le 30 juin", "the year to June 2026") stands for the span that ends then."""
    days = (d.end_date - d.start_date).days
    if (
        360 <= days <= 366
        and d.start_date.day != 1
        and (d.end_date + timedelta(days=1)).day == 1
    ):
        # "the year to 28 February 2025" read as 2024-02-29..2025-02-28: the twelve
        # months that end with February, from 1 March
        total = d.end_date.year * 12 + d.end_date.month - 12
        return replace(d, start_date=date(total // 12, total % 12 + 1, 1))
    if d.grain not in ("day", "month") or not lex.period_spans:
        return d
    lo = max(0, d.start - 40)
    for pattern, months in lex.period_spans:
        for m in pattern.finditer(text, lo, d.start):
            gap = text[m.end() : d.start]
            if len(gap) > 8 or not re.fullmatch(r"[\s'’]*(?:[^\W\d]{1,4}[\s'’]+)?", gap):
                continue
            end = d.end_date
            total = end.year * 12 + end.month - months  # the month before the span
            start = date(total // 12, total % 12 + 1, 1)
            if d.grain == "day" and (end + timedelta(days=1)).day != 1:
                # not a month end ("52 weeks to 27 September"): from the day after
                total = end.year * 12 + end.month - 1 - months
                start = date(total // 12, total % 12 + 1, min(end.day, 28) + 1)
            grain: Grain = "year" if months >= 12 else "quarter" if months in (3, 6) else "month"
            return replace(d, start_date=start, end_date=end, grain=grain)
    return d


_DESCRIBED_OF = _words("van of de di von der des du da do del")


def _described_lead(lex: _Lexicon, gap: str) -> bool:
    """A sentence that opens with a company noun before the name ("Dakpannenfabrikant
    X sluit", "Producent van dakpannen X leed", "Tile maker X lost"): X is its subject.
    At most an article and one word before the noun, at most "of" and a lower-case
    word after it."""
    if lex.descriptor is None or not gap.endswith((" ", "\u00a0")):
        return False
    words = gap.split()
    if len(words) >= 3 and words[-2].casefold() in _DESCRIBED_OF and words[-1].islower():
        words = words[:-2]  # "Producent van dakpannen"
    # "Motor and home insurer X", "Warehouse-robot maker X": a fourth word only when all
    # but the first are lower-case, hyphenated compounds are words
    if not 1 <= len(words) <= (4 if all(w.islower() for w in words[1:]) else 3):
        return False
    if not all(w.replace("-", "").isalpha() for w in words):
        return False
    head = words[-1]
    return bool(lex.descriptor.fullmatch(head) or lex.descriptor.fullmatch("xxx" + head))


def _topics(
    text: str,
    lex: _Lexicon,
    sentences: Sequence[tuple[int, int]],
    orgs: Sequence[EntityMention],
    counterparties: set[int],
) -> tuple[tuple[int, str], ...]:
    """Sentences that open with a company named more than once in the article
    ("Scootalia, fondata nel 2019, ..."): not a lead investor named in passing."""
    mentions = Counter(o.canonical for i, o in enumerate(orgs) if i not in counterparties)
    found: list[tuple[int, str]] = []
    for start, end in sentences:
        lead = start + len(text[start:end]) - len(text[start:end].lstrip())
        first = next(
            (i for i, o in enumerate(orgs) if lead <= o.start < end and o.end <= end), None
        )
        # "Scootalia, fondata ...", "A Solaris Energia anunciou ...": at most an article first
        # (or a connective of a roundup: "Por su parte, X registró", "Meanwhile, X lost")
        if (
            first is not None
            and first not in counterparties
            and (
                (
                    (
                        re.fullmatch(r"(?:[^\W\d_]{1,3}\s+)?", text[lead : orgs[first].start])
                        or _CONNECTIVE.fullmatch(text, lead, orgs[first].start)
                        or _described_lead(lex, text[lead : orgs[first].start])
                        or _generic_lead(lex, text, lead, orgs[first].start)
                    )
                    and (mentions[orgs[first].canonical] >= 2 or _heading(text, orgs[first]))
                )
                or _rival_lead(lex, text, lead, orgs[first].start)
            )
        ):
            found.append((start, orgs[first].canonical))
    return tuple(found)


def _generic_lead(lex: _Lexicon, text: str, lead: int, start: int) -> bool:
    """A sentence opened by a generic company noun, maybe one lower-case adjective, and
    the name ("Le transporteur X a vu", "El fabricante gallego X ganó"): X is its
    subject."""
    hits = [h for h in _find(lex.generic, text, lead, start) if h.start == lead]
    if not hits:
        return False
    gap = text[max(h.end for h in hits) : start]
    return re.fullmatch(r"[^\S\n]+(?:[a-zà-ÿ][^\W\d_]*[^\S\n]+)?", gap) is not None


# a connective of one to three words and a comma before the name opening a sentence
_CONNECTIVE = re.compile(r"(?:[^\W\d_]+[^\S\n]+){0,2}[^\W\d_]+,[^\S\n]+(?:[^\W\d_]{1,3}[^\S\n]+)?")


def _rival_lead(lex: _Lexicon, text: str, lead: int, start: int) -> bool:
    """A sentence opened by a rival noun and the rival's name ("A concorrente X, do
    Recife, teve ...", "Its rival X lost ..."): the rival is the paragraph's topic from
    there on, even when named only once."""
    gap = text[lead:start]
    return (
        len(gap) <= 40
        and re.fullmatch(r"(?:[^\W\d]+[^\S\n]+){1,4}", gap) is not None
        and _any(lex.rivals, text, lead, start)
    )


# after a roundup heading: the end of the line, or a dash or colon before the text
_HEADING_END = re.compile(r"[^\S\n]*(?:\n|[-–—:][^\S\n]+\S)")


def _heading(text: str, org: EntityMention) -> bool:
    """A company name in capitals opening a line of a roundup, alone on it or before a
    dash ("HOLBROOK CASTINGS" / "FERRIERE OSSOLANE - La società ..."): the company
    the paragraph is about, even if it is named only there."""
    letters = [ch for ch in org.text if ch.isalpha()]
    return (
        len(letters) >= 4
        and all(ch.isupper() for ch in letters)
        and (org.start == 0 or text[org.start - 1] == "\n")
        and _HEADING_END.match(text, org.end) is not None
    )


def _previous(
    sentences: Sequence[tuple[int, int]], sentence: tuple[int, int], paragraph: int
) -> tuple[int, int] | None:
    """The sentence before `sentence` in its paragraph."""
    earlier = [s for s in sentences if paragraph <= s[0] and s[1] <= sentence[0]]
    return earlier[-1] if earlier else None


def _sibling(facts: Sequence[Fact], sentence: tuple[int, int]) -> Fact | None:
    """The fact of the previous amount when it is in the same sentence."""
    if facts and sentence[0] <= facts[-1].start < sentence[1]:
        return facts[-1]
    return None


def _quarters(
    text: str, lex: _Lexicon, dates: Sequence[DateMention], reference: date | None
) -> list[DateMention]:
    """Year-less quarters the date extractor left ("third-quarter revenue", "Q3-Umsatz"):
    the last such quarter that ended before the publication date."""
    if reference is None or not lex.quarters:
        return []
    found: list[DateMention] = []
    lowered = text.lower()
    for pattern, n in lex.quarters:
        if _KEYS.get(pattern, "") not in lowered:
            continue
        for m in pattern.finditer(text):
            if any(d.start < m.end() and m.start() < d.end for d in (*dates, *found)):
                continue
            if re.match(
                r"\s*(?:of\s+|de\s+|del\s+|van\s+)?(?:19|20)\d\d", text[m.end() : m.end() + 12]
            ):
                continue  # "the third quarter of 2025" is the date extractor's
            year = reference.year
            end = _month_end(year, 3 * n)
            if end >= reference:
                year -= 1
                end = _month_end(year, 3 * n)
            found.append(
                DateMention(
                    start=m.start(),
                    end=m.end(),
                    text=m.group(0),
                    start_date=date(year, 3 * n - 2, 1),
                    end_date=end,
                    grain="quarter",
                    inferred=True,
                )
            )
    return found


def _opening_day(
    durations: Sequence[DurationMention],
    clause: tuple[int, int],
    amount: MoneyMention,
    closing: date,
) -> date | None:
    """The month end a whole number of months before `closing`, a month end, for a
    span of months after the amount in its clause ("in nine months", "over a year")."""
    if closing != _month_end(closing.year, closing.month):
        return None
    for d in durations:
        months = d.months
        if (
            amount.end <= d.start
            and d.end <= clause[1]
            and d.unit in ("month", "quarter", "year")
            and months == int(months)
            and 0 < months <= 36
        ):
            back = closing.year * 12 + closing.month - 1 - int(months)
            return _month_end(back // 12, back % 12 + 1)
    return None


def _as_of_day(start: date, end: date) -> bool:
    """A single day, or the last third of a month ("the end of March")."""
    return start == end or (
        start.day == 21
        and (start.year, start.month) == (end.year, end.month)
        and end == _month_end(end.year, end.month)
    )


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _relative(lex: _Lexicon, text: str, d: DateMention) -> bool:
    """A date that only says "a year before" ("a year earlier", "im Vorjahr", "el
    mismo periodo del año anterior"): it means the period just named, shifted. "In the
    same period" said alone is that period itself, as the dates stage read it."""
    if not d.inferred:
        return False
    if lex.same_bare is not None and lex.same_bare.search(text, d.start, d.end):
        return False
    return _any(lex.relative, text, d.start, d.end)


def _current_period(
    text: str,
    lex: _Lexicon,
    dates: Sequence[DateMention],
    reference: date | None,
    open_spans: frozenset[tuple[int, int]],
) -> tuple[date, date] | None:
    """The period the article reports on: the first quarter, half, nine months or
    year named in the title or the lead (the first three lines), not a comparison,
    not one still to come."""
    found = list(re.finditer(r"[^\n]*\S[^\n]*(?:\n|$)", text))
    lines = [m.end() for m in found]
    lead_end = lines[min(2, len(lines) - 1)] if lines else len(text)
    # a date line and a photo credit before the lead ("Published ...", "Photo: ..."): the
    # lead is the first long line after the title
    short = next((i for i in range(1, min(5, len(found))) if len(found[i].group(0)) >= 100), 2)
    if short > 2:
        lead_end = lines[short]
    for d in dates:
        if d.start >= lead_end:
            break
        if (d.end_date - d.start_date).days < 58 or (d.start, d.end) in open_spans:
            continue
        if _relative(lex, text, d) or (reference is not None and d.end_date > reference):
            continue
        return d.start_date, d.end_date
    return None


def _reanchor(
    text: str,
    lex: _Lexicon,
    dates: Sequence[DateMention],
    current: tuple[date, date] | None,
    reference: date | None,
    open_spans: frozenset[tuple[int, int]],
) -> list[DateMention]:
    """Relative prior-year dates as the period named before them, a year earlier:
    "revenue of €1.1bn in the first half, against €1bn a year earlier" is H1 of the
    year before, not the whole year."""
    out: list[DateMention] = []
    anchor = current
    paragraph = -1
    named: DateMention | None = None  # the year that names a relative period just before
    point: DateMention | None = None  # a day (or a month's end) named since the anchor
    anchor_date: DateMention | None = None  # the date that set the anchor
    for i, d in enumerate(dates):
        start = text.rfind("\n", 0, d.start) + 1
        if start != paragraph:
            paragraph, anchor, anchor_date = start, current, None
        if d is named and out:
            out.append(replace(d, start_date=out[-1].start_date, end_date=out[-1].end_date))
            continue
        if _relative(lex, text, d):
            nxt = dates[i + 1] if i + 1 < len(dates) else None
            if (
                anchor is not None
                and nxt is not None
                and nxt.grain == "year"
                and nxt.start_date.year == nxt.end_date.year
                and _any(lex.same_period, text, d.start, d.end)
                and re.fullmatch(r"\s+(?:of|de|del|di|van|von|do|da)\s+", text[d.end : nxt.start])
            ):
                # "in the same quarter of 2025", "au même trimestre de 2025": the months
                # of the period named before, in that year
                shift = nxt.start_date.year - anchor[1].year
                span = (shift_years(anchor[0], shift), shift_years(anchor[1], shift))
                d, named = replace(d, start_date=span[0], end_date=span[1]), nxt
                out.append(d)
                continue
            if (
                d.grain == "day"
                and point is not None
                and not re.search(r"[.!?\n]", text[point.end : d.start])
            ):
                # "De voorraad bedroeg op 31 maart € 141 miljoen, tegen € 188 miljoen een
                # jaar eerder": a year before the day named before it in the sentence, as
                # the date was read
                pass
            elif anchor is not None:
                d = replace(d, start_date=_year_before(anchor[0]), end_date=_year_before(anchor[1]))
        elif (
            (d.end_date - d.start_date).days >= 58
            and (d.start, d.end) not in open_spans
            and (reference is None or d.start_date <= reference)
            # "omzet van € 14,8 miljoen, tegen € 6,1 miljoen in 2024", "(2024: € 698
            # miljoen)": the year compared with is no new topic of the paragraph
            and not _any(lex.comparison, text, max(start, d.start - 35), d.start)
            and not (text[:d.start].rstrip().endswith("(") and text[d.end :].lstrip()[:1] == ":")
            # "rispetto ai 402 milioni dello stesso periodo del 2025": a comparison too
            and not _any(lex.same_period, text, d.start, d.end)
            # "« Nos coûts restent au-dessus de leur niveau de 2021 »": a quote's year
            and not _quoted_at(text, start, d.start)
            # "het boekjaar 2024/25, dat eind maart afliep": the close of the year just
            # named, read as the months up to it, is no new period of the paragraph
            and not _closing_of(text, d, anchor_date)
        ):
            anchor = (d.start_date, d.end_date)
            anchor_date = d
            point = None
        if (d.end_date - d.start_date).days < 20 and not _relative(lex, text, d):
            point = d
        elif (d.end_date - d.start_date).days >= 58:
            point = None
        out.append(d)
    return out


def _closing_of(text: str, d: DateMention, before: DateMention | None) -> bool:
    """`d` is a shorter span ending the same day as the date just before it in the
    sentence ("its 2024/25 year, which closed at the end of March")."""
    return (
        before is not None
        and d.end_date == before.end_date
        and d.start_date > before.start_date
        and 0 <= d.start - before.end <= 60
        and not re.search(r"[.!?\n]", text[before.end : d.start])
    )


def _compared_before(
    ctx: _Context,
    d: DateMention,
    amount: MoneyMention,
    others: Sequence[tuple[int, int]],
    sentence: tuple[int, int],
) -> bool:
    """A date before the amount that an earlier amount is compared with ("2,08 milliards,
    stable par rapport à 2024, mais ... une perte de 212 millions"): not a relative one,
    which a figure in brackets may follow ("als in der Vorjahresperiode (771,5 Mio.)")."""
    return (
        d.end <= amount.start
        and (d.start, d.end) not in ctx.relatives
        and any(sentence[0] <= o[1] <= d.start for o in others)
        and any(
            _little_gap(ctx.text[hit.end : d.start])
            for hit in _find(
                ctx.lex.compared_dates, ctx.text, max(sentence[0], d.start - 20), d.start
            )
        )
    )


def _year_on_year(ctx: _Context, amount: MoneyMention, sentence: tuple[int, int]) -> bool:
    """A comparison word after the amount, then a relative year-back date ("..., contro
    71 milioni un anno prima"), within the sentence."""
    hi = min(sentence[1], amount.end + 60)
    return any(
        any(hit.end <= lo < sentence[1] for lo, _ in ctx.relatives)
        for hit in _find(ctx.lex.comparison, ctx.text, amount.end, hi)
    )


def _quoted_at(text: str, line: int, pos: int) -> bool:
    """`pos` is inside quoted speech opened earlier on its line."""
    before = text[line:pos]
    opened = before.count("\u201c") + before.count("\u00ab") + before.count("\u201e")
    closed = before.count("\u201d") + before.count("\u00bb")
    return opened > closed or before.count('"') % 2 == 1


_SENTENCE_EDGE = re.compile(r"[.!?;\n]")


def _told_past(text: str, lex: _Lexicon, d: DateMention, reference: date | None) -> DateMention:
    """A period with no year of its own that would start after the publication date, in
    a sentence with no forecast word, is last year's ("ingresó 210 millones entre enero
    y junio" in March; "in de tweede helft van het jaar bedroeg de omzet" in February)."""
    if reference is None or not d.inferred or d.end_date <= reference:
        return d
    if any(ch.isdigit() for ch in d.text) or _any(lex.present, text, d.start, d.end):
        return d  # "the current quarter" is the one under way, as the date extractor said
    start, end = _year_before(d.start_date), _year_before(d.end_date)
    days = (end - start).days
    if end > reference or not 58 <= days < 300:
        return d  # (a month named alone is often a date still to come: "set for November")
    lo = max((m.end() for m in _SENTENCE_EDGE.finditer(text, max(0, d.start - 300), d.start)),
             default=max(0, d.start - 300))
    m = _SENTENCE_EDGE.search(text, d.end)
    hi = m.start() if m else len(text)
    blocking = (lex.forecast, lex.target, lex.aims, lex.ytd, lex.intent, lex.deadlines, lex.until)
    if any(_any(cues, text, lo, hi) for cues in blocking):
        return d
    if not any(p.search(text, lo, hi) for p, _, _ in lex.metrics):
        return d  # only a result told in the past ("bedroeg de omzet") is last year's
    return replace(d, start_date=start, end_date=end)


def _fiscal_year(fy_end: int | None, reference: date) -> tuple[date, date]:
    """The financial year that contains the publication date: the calendar year, or
    the twelve months ending in the month the company's financial year ends."""
    end_month = fy_end or 12
    end = _month_end(reference.year, end_month)
    if end < reference:
        end = _month_end(reference.year + 1, end_month)
    return _month_end(end.year - 1, end_month) + timedelta(days=1), end


def _end_day(
    text: str, lex: _Lexicon, dates: Sequence[DateMention], period: tuple[date, date]
) -> bool:
    """The stock's date is an "end of" month or year ("fin juin", "Ende 2024", "al
    cierre de junio")."""
    for d in dates:
        if (d.start_date, d.end_date) != period:
            continue
        if _any(lex.ends, text, max(0, d.start - 15), d.end):
            return True
    return False


def _quoted(text: str, sentence: tuple[int, int], amount: MoneyMention) -> bool:
    """The amount is inside quoted speech: someone's rounding, not a dated statement."""
    before = text[text.rfind("\n", 0, sentence[0]) + 1 : amount.start]
    opened = before.count("\u201c") + before.count("\u00ab") + before.count("\u201e")
    closed = before.count("\u201d") + before.count("\u00bb")
    return opened > closed or before.count('"') % 2 == 1


def _year_to_date(text: str, lex: _Lexicon, d: DateMention, reference: date | None) -> DateMention:
    """A month after a year-to-date cue ("hasta septiembre", "à fin septembre", "até
    junho") is the span from January to the end of that month; a year-less one is the
    latest such span that ended before publication."""
    if d.grain not in ("month", "day") or not lex.ytd:
        return d
    if d.grain == "day" and (d.end_date + timedelta(days=1)).day != 1:
        return d
    for hit in _find(lex.ytd, text, max(0, d.start - 14), min(d.end, d.start + 6)):
        if hit.start >= d.start or hit.end > d.start + 5:
            continue
        if hit.end < d.start and not re.fullmatch(
            r"[\s'’]*(?:[^\W\d]{1,3}[\s'’]+)?", text[hit.end : d.start]
        ):
            continue
        end = _month_end(d.end_date.year, d.end_date.month)
        if d.inferred and reference is not None and end > reference:
            end = _month_end(end.year - 1, end.month)
        return replace(d, start_date=date(end.year, 1, 1), end_date=end, grain="month")
    return d


def _announcement_day(d: DateMention, reference: date | None) -> bool:
    """A weekday or "yesterday" next to the publication date ("a annoncé mercredi",
    "said on Tuesday", "ayer"): when the news was told, not the period of a figure."""
    return (
        reference is not None
        and d.inferred
        and d.grain in ("day", "week")
        and abs((d.start_date - reference).days) <= 7
    )


_SPLIT_YEAR = re.compile(r"((?:19|20)\d\d)\s*[/-]\s*(?:(?:19|20)?(\d\d))\b")


def _closing_month(
    ctx: _Context,
    dates: Sequence[DateMention],
    sentence: tuple[int, int],
    amount: MoneyMention,
    period: tuple[date | None, date | None],
) -> tuple[date, date] | None:
    """A whole-year word, then a month the year ends in, before the amount ("For the full
    year, which ends in March, ...", "Sur l'ensemble de l'exercice, qui se termine en
    juin, ..."): the financial year closing that month."""
    for d in dates:
        if (
            (d.start_date, d.end_date) != period
            or not sentence[0] <= d.start < amount.start
            or d.start_date.day != 1
            or d.end_date != _month_end(d.end_date.year, d.end_date.month)
            or d.start_date.month != d.end_date.month
        ):
            continue
        lo = max(sentence[0], d.start - 14)
        if _any(ctx.lex.fiscal_end, ctx.text, lo, d.start) and _any(
            ctx.lex.full_year, ctx.text, sentence[0], d.start
        ):
            return _fy_span(d.end_date.year, d.end_date.month)
    return None


def _fy_span(end_year: int, end_month: int) -> tuple[date, date]:
    end = _month_end(end_year, end_month)
    return _month_end(end_year - 1, end_month) + timedelta(days=1), end


def _months(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _fiscal_half(first: bool, fy_end: int, reference: date) -> tuple[date, date]:
    """The latest first (or second) half of a financial year ending in month `fy_end`
    that was over by the reference date."""
    year_end = _month_end(reference.year + 1, fy_end)
    while True:
        end = year_end
        if first:
            end = _month_end(year_end.year - (year_end.month <= 6), (year_end.month - 7) % 12 + 1)
        if end <= reference:
            back = end.year * 12 + end.month - 6  # the month before the half
            return date(back // 12, back % 12 + 1, 1), end
        year_end = _month_end(year_end.year - 1, year_end.month)


def _fiscal_apposition(
    text: str, lex: _Lexicon, dates: Sequence[DateMention]
) -> tuple[list[DateMention], int | None]:
    """A year-less half or quarter of the financial year spelled out by the months right
    after it ("el primer semestre de su ejercicio fiscal, entre abril y septiembre",
    "het eerste kwartaal van zijn boekjaar, de maanden oktober tot en met december"):
    those months, and the month the financial year ends in."""
    out = list(dates)
    fy_end: int | None = None
    for i, (d, e) in enumerate(itertools.pairwise(dates)):
        if (
            d.grain != "quarter"
            or re.search(r"\d", d.text)
            or e.grain not in ("month", "quarter")
            or not 0 < e.start - d.end <= 45
            or re.search(r"[.;:!?\n]", text[d.end : e.start])
            or not _any(lex.fiscal, text, d.end, e.start)
            or _months(e.start_date, e.end_date) != _months(d.start_date, d.end_date)
            or e.start_date.day != 1
            or e.end_date != _month_end(e.end_date.year, e.end_date.month)
        ):
            continue
        out[i] = replace(d, start_date=e.start_date, end_date=e.end_date)
        # the part's place in the year: a first half or quarter opens it
        first = e.start_date.month - (d.start_date.month - 1)
        fy_end = fy_end or (first - 2) % 12 + 1
    return out, fy_end


def _fiscal_years(
    text: str,
    lex: _Lexicon,
    dates: Sequence[DateMention],
    reference: date | None,
    hint: int | None = None,
) -> tuple[list[DateMention], int | None]:
    """Financial years that are not calendar years. The month they end in comes from a
    twelve-month span ("the year to 30 June") or a fiscal word closed by a date
    ("Geschäftsjahr 2024/25, das Ende September endete", "exercice clos fin juin
    2025", "fiscal 2026 ending in March"); with it, "2024/25", "2025-2026" and
    "fiscal 2024" are the twelve months ending in that month (of the later year)."""
    out = list(dates)
    fy_end: int | None = None
    closing: dict[int, tuple[date, date]] = {}  # index of a closing date -> its year
    for i, d in enumerate(out):
        days = (d.end_date - d.start_date).days
        if 360 <= days <= 366 and d.start_date.day == 1 and d.end_date.month != 12:
            if not _SPLIT_YEAR.search(d.text):  # ("2025/26" alone says not when it ends)
                fy_end = fy_end or d.end_date.month
            continue
        if d.grain not in ("month", "day") or not lex.fiscal:
            continue
        if _months(d.start_date, d.end_date) > 1:
            continue  # "the nine months to March 31": a span of its own, not a year's end
        line = text.rfind("\n", 0, d.start) + 1
        lo = max(line, d.start - 60)
        if not _any(lex.fiscal, text, lo, d.start):
            continue
        after = min(len(text), d.end + 15)
        if not (
            _any(lex.fiscal_end, text, lo, d.start) or _any(lex.fiscal_end, text, d.end, after)
        ):
            continue
        if d.grain == "day" and (d.end_date + timedelta(days=1)).day != 1:
            continue
        if _any((p for p, _ in (*lex.quarters, *lex.halves)), text, lo, d.start) or any(
            e.grain == "quarter" and lo <= e.start < d.start for e in out
        ):
            continue  # "primeiro trimestre da safra, encerrado em 30 de junho": a quarter
        fy_end = fy_end or d.end_date.month
        # "fiscal 2026 ending in March": the label names the year; else the date does
        # ("boekjaar 2025/26, dat eind september afloopt": the later year)
        label = next(
            (
                int(m.group(1)) + 1 if m.group(1) else int(m.group(0)[-4:])
                for e in out[:i]
                if lo <= e.start and e.grain == "year"
                for m in [re.search(r"(?:((?:19|20)\d\d)\s*[/-]\s*\d\d|(?:19|20)\d\d)$", e.text)]
                if m is not None
            ),
            None,
        )
        closing[i] = _fy_span(
            label if label is not None and d.inferred else d.end_date.year, d.end_date.month
        )
    fy_end = fy_end or hint  # ("its first half, from April to September")
    if fy_end is None or fy_end == 12:
        return out, fy_end
    offset = _label_offset(text, lex, out, closing)
    for i, d in enumerate(out):
        if i in closing:
            start, end = closing[i]
            out[i] = replace(d, start_date=start, end_date=end, grain="year")
            continue
        if d.grain == "quarter" and reference is not None:
            # "su cuarto trimestre fiscal", "its fiscal second quarter": the latest such
            # quarter over by the reference date. A half or nine months (grain quarter
            # too) the date extractor has placed in the fiscal year already.
            three_months = 85 <= (d.end_date - d.start_date).days <= 95
            # a quarter of a named fiscal year ("premier trimestre de son exercice
            # 2025/26") was placed in that year by the date extractor
            if three_months and not re.search(r"\d", d.text) and _any(
                lex.fiscal, text, max(0, d.start - 10), min(len(text), d.end + 10)
            ):
                n = (d.end_date.month - 1) // 3 + 1
                year_end = _month_end(reference.year + 1, fy_end)
                while True:
                    end = year_end
                    for _ in range(4 - n):
                        end = _month_end(end.year - (end.month <= 3), (end.month - 4) % 12 + 1)
                    if end <= reference:
                        break
                    year_end = _month_end(year_end.year - 1, year_end.month)
                first = _month_end(end.year - (end.month <= 3), (end.month - 4) % 12 + 1)
                out[i] = replace(d, start_date=first + timedelta(days=1), end_date=end)
            elif (
                _months(d.start_date, d.end_date) == 6
                and d.start_date.month in (1, 7)
                and d.inferred
                and not re.search(r"\d", d.text)
                and _any(lex.fiscal, text, max(0, d.start - 10), min(len(text), d.end + 12))
            ):
                # "su primer semestre fiscal": the latest such half of the financial
                # year over by the reference date
                start, end = _fiscal_half(d.start_date.month == 1, fy_end, reference)
                out[i] = replace(d, start_date=start, end_date=end)
            continue
        if d.grain != "year":
            continue
        if d.inferred and reference is not None and not re.search(r"\d", d.text):
            # "el ejercicio en curso", "das laufende Geschäftsjahr", "last financial year"
            # (one the date extractor placed in the fiscal calendar already stays)
            placed = d.end_date.month == fy_end and _months(d.start_date, d.end_date) == 12
            if _any(lex.fiscal, text, d.start, d.end) and not placed:
                start, end = _fiscal_year(fy_end, reference)
                shift = d.start_date.year - reference.year
                out[i] = replace(
                    d,
                    start_date=date(start.year + shift, start.month, 1),
                    end_date=_month_end(end.year + shift, end.month),
                )
            continue
        split = _SPLIT_YEAR.search(d.text)
        if split is not None:
            start, end = _fy_span(int(split.group(1)) + 1, fy_end)
        elif _any(lex.fiscal, text, max(0, d.start - 25), d.end):
            year = re.search(r"(?:19|20)\d\d", d.text)
            if year is None:
                continue
            # "ejercicio fiscal 2025, cerrado el 31 de enero de 2026": the date closing it
            near = [j for j in closing if d.end <= out[j].start <= d.end + 45]
            if near:
                start, end = closing[near[0]]
            else:
                start, end = _fy_span(int(year.group(0)) + offset, fy_end)
        else:
            continue
        out[i] = replace(d, start_date=start, end_date=end)
    return out, fy_end


def _label_offset(
    text: str, lex: _Lexicon, dates: Sequence[DateMention], closing: dict[int, tuple[date, date]]
) -> int:
    """How a fiscal year's number relates to the year it ends in, as a labelled year
    closed by a date shows it: "ejercicio 2024, cerrado el 31 de enero de 2025" names
    its years by the year they start in (1), so "ejercicio 2026" ends in January 2027."""
    for d in dates:
        year = re.search(r"(?:19|20)\d\d", d.text)
        if d.grain != "year" or year is None or _SPLIT_YEAR.search(d.text):
            continue
        if not _any(lex.fiscal, text, max(0, d.start - 25), d.end):
            continue
        near = [j for j in closing if d.end <= dates[j].start <= d.end + 45]
        if near:
            offset = closing[near[0]][1].year - int(year.group(0))
            return offset if offset in (0, 1) else 0
    return 0


def _fiscal_parts(text: str, lex: _Lexicon, dates: Sequence[DateMention]) -> list[DateMention]:
    """A half or quarter of a named fiscal year ("el primer semestre de su ejercicio
    2025-2026", "the second quarter of fiscal 2026"): the same months of that year, and
    the year's label names the part too."""
    out = list(dates)
    for i, (d, e) in enumerate(itertools.pairwise(dates)):
        if (
            d.grain != "quarter"
            or e.grain != "year"
            or re.search(r"\d", d.text)
            or not 0 <= e.start - d.end <= 30
            or re.search(r"[.;!?\n]\s", text[d.end : e.start])  # (another sentence's year)
            or e.start_date.month == 1
            # "the first quarter of its 2025/26 financial year": the word may follow
            or not _any(lex.fiscal, text, d.end, min(len(text), e.end + 20))
        ):
            continue
        if e.start_date <= d.start_date and d.end_date <= e.end_date:
            # "primeiro trimestre da safra 2025/26": the date extractor placed the part
            # in that fiscal year already (April to June); shifting it again is wrong
            start, end = d.start_date, d.end_date
        else:
            offset = d.start_date.month - 1
            months = (d.end_date.year - d.start_date.year) * 12 + d.end_date.month - offset
            first = e.start_date.month - 1 + offset
            start = date(e.start_date.year + first // 12, first % 12 + 1, 1)
            last = first + months - 1
            end = _month_end(e.start_date.year + last // 12, last % 12 + 1)
        # the year's label only places the part: both mentions name the part
        out[i] = replace(d, start_date=start, end_date=end)
        out[i + 1] = replace(e, start_date=start, end_date=end, grain=d.grain)
    return out


def _deadline(
    ctx: _Context,
    dates: Sequence[DateMention],
    clause: tuple[int, int],
    period: tuple[date, date],
    until: bool = False,
) -> bool:
    """The clause's date of `period` comes right after "by", "d'ici à", "bis", "entro"
    (with `until`, after "until", "tot", "jusqu'en")."""
    cues = ctx.lex.until if until else ctx.lex.deadlines
    for d in dates:
        if (d.start_date, d.end_date) != period or not clause[0] <= d.start < clause[1]:
            continue
        opening = len(re.findall(r"\w+", ctx.text[clause[0] : d.start])) <= 2
        if until and opening and ctx.text[d.end : d.end + 1] == ",":
            continue  # "Para 2025, X prevé invertir": a frame opening the sentence
        for hit in _find(cues, ctx.text, max(clause[0], d.start - 15), d.start + 4):
            gap = ctx.text[hit.end : d.start]
            # (an until-word right before a year: not "para el conjunto del ejercicio")
            little = r"[\s'’]*" if until else r"[\s'’]*(?:[^\W\d]{1,4}[\s'’]+)?"
            year_next = not until or d.text[:1].isdigit()
            if hit.start <= d.start and re.fullmatch(little, gap) and year_next:
                return True
    return False


def _attached_cue(
    patterns: Iterable[re.Pattern[str]], text: str, clause: tuple[int, int], amount: MoneyMention
) -> bool:
    """A cue right after the amount, joined by little words ("€85m in savings")."""
    return any(
        _attached(text[amount.end : hit.start])
        for hit in _find(patterns, text, amount.end, clause[1])
    )


def _drop_split_years(text: str, dates: Sequence[DateMention]) -> list[DateMention]:
    """A year written right after a shorter period it belongs to ("den ersten neun
    Monaten 2025" read as two dates): the period already says it."""
    out: list[DateMention] = []
    for d in dates:
        prev = out[-1] if out else None
        if (
            prev is not None
            and d.grain == "year"
            and prev.grain != "year"
            and prev.end <= d.start
            and re.fullmatch(
                r"[\s,]*(?:(?:de|del|of|van|do|da|di|des)\s+)?", text[prev.end : d.start]
            )
            and prev.start_date.year == d.start_date.year == prev.end_date.year
        ):
            continue
        out.append(d)
    return out


_NAME = re.compile(
    r"[A-ZÀ-ÖØ-Þ][\w'’&.-]*(?:[^\S\n]+(?:(?:de|del|der|van|von|di|da|do|dos|das|du|la|le|y|e|&|"
    r"und|et|en)[^\S\n]+)?[A-ZÀ-ÖØ-Þ][\w'’&.-]*)*"
)
_CONNECTORS = _words("de del der van von di da do dos das du la le y e & und et en")


def _title_name(text: str) -> str | None:
    """With no company among the tagged names, the name that opens the title (or the
    first line after it) and is written again in the text: "Aceites del Sur dispara
    su beneficio" -> "Aceites del Sur"."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:3]
    for line in lines:
        m = _NAME.match(line)
        if m is None:
            continue
        words = m.group(0).rstrip(".").split()
        while words and words[-1].casefold() in _CONNECTORS:
            words.pop()
        name = " ".join(words)
        if len(name) >= 3 and text.count(name) >= 2 and not any(ch.isdigit() for ch in name):
            return name
    return None


_CONVERSION_GAP = re.compile(r"[^\S\n]*\([^\S\n]*(?:[^\W\d_]{1,8}\.?[^\S\n]+)?")


def _conversion(text: str, amount: MoneyMention, amounts: Sequence[MoneyMention]) -> bool:
    """An amount in brackets right after another one in another currency ("450 million
    crowns ($43 million)", "£25m (€29m)"): a conversion of it, no second fact."""
    if text[amount.end : amount.end + 1] != ")":
        return False
    return any(
        a.end <= amount.start
        and a.currency is not None
        and amount.currency is not None
        and a.currency != amount.currency
        and _CONVERSION_GAP.fullmatch(text, a.end, amount.start) is not None
        for a in amounts
    )


def _short_forms(
    text: str, lex: _Lexicon, entities: Sequence[EntityMention]
) -> list[EntityMention]:
    """A company named in full, then by the first or last word of its name the entity
    extractor did not tag ("Semences Valfleury ... Valfleury selbst setzte
    2025 ... um"): an ORG mention of the full name at each such word. Only a
    distinctive word: capitalised, four letters or more, never written in lower case,
    no company noun, in no other name of the article."""
    orgs = [e for e in entities if e.label == "ORG"]
    names = {o.canonical for o in orgs if len(o.canonical.split()) >= 2}
    words_of = Counter(w for n in {o.canonical for o in orgs} for w in set(n.split()))
    found: list[EntityMention] = []
    for name in sorted(names):
        first = min(o.end for o in orgs if o.canonical == name)
        parts = name.split()
        for word in dict.fromkeys((parts[0], parts[-1])):
            if (
                len(word) < 4
                or not word[:1].isupper()
                or word.isupper()
                or not word.isalpha()
                or words_of[word] > 1
                or word.casefold() in _CONNECTORS
                or _any(lex.generic, word, 0, len(word))
                or (lex.descriptor is not None and lex.descriptor.fullmatch(word) is not None)
                or re.search(rf"(?<![\w-]){re.escape(word.casefold())}(?![\w-])", text)
            ):
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
                if m.start() >= first and not any(
                    e.start < m.end() and m.start() < e.end for e in entities
                ):
                    found.append(EntityMention(m.start(), m.end(), word, "ORG", name))
    return found


def _merged_name(text: str, lex: _Lexicon) -> str | None:
    """The name a merger gives the new group: "Il nuovo gruppo si chiamerà Valbrona
    Lariana", "the combined company will be called Harlow Kestrel"."""
    for hit in _find(lex.merged_names, text, 0, len(text)):
        m = _NAME.match(text, hit.end + _leading_blank(text, hit.end))
        if m is not None:
            words = re.split(r"[.,;:](?:\s|$)", m.group(0))[0].rstrip(".,").split()
            while words and words[-1].casefold() in _CONNECTORS:
                words.pop()
            if words and len(" ".join(words)) >= 3:
                return " ".join(words)
    return None


def _title_company(
    text: str, lex: _Lexicon, entities: Sequence[EntityMention]
) -> list[EntityMention]:
    """The name that opens the title, when the tagger missed it everywhere but the text
    writes it again, capitalised, inside a sentence ("Jardimarché : ventes en repli ...
    Le distributeur de jardinerie Jardimarché a publié ..."): an ORG at each mention."""
    first = text.split("\n", 1)[0]
    m = _NAME.match(first.strip())
    if m is None:
        return []
    words = m.group(0).rstrip(".:").split()
    while words and words[-1].casefold() in _CONNECTORS:
        words.pop()
    name = " ".join(words)
    if len(name) < 4 or any(ch.isdigit() for ch in name) or name.casefold() in lex.not_companies:
        return []
    if _any(_metric_words(lex), name, 0, len(name)) or _any(lex.generic, name, 0, len(name)):
        return []
    spans = [
        (hit.start(), hit.end())
        for hit in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
    ]
    if len(spans) < 3 or any(
        e.start < end and start < e.end and not (e.label == "MISC" and e.text == name)
        for e in entities
        for start, end in spans
    ):
        # (a name the tagger filed under MISC at every mention is still the company:
        # "Voyages Dupont renoue ... Le voyagiste Voyages Dupont a annoncé")
        return []
    inside = [s for s, _ in spans if re.search(r"[^\W\d_][^\S\n]+$", text[max(0, s - 3) : s])]
    if not inside:
        return []  # only ever at the start of a line or sentence: maybe a common word
    return [EntityMention(start, end, name, "ORG", name) for start, end in spans]

