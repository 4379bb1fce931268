"""Salaries as boards write them, read into numbers that compare across boards and countries.

``parse_salary("45.000–55.000 € pro Jahr")`` gives ``Salary(45000.0, 55000.0, "EUR", "year")``;
``annual(salary)`` puts any period on a yearly footing, and ``domain.jobs.money`` converts and
formats the result.

What is read:

- amounts with the thousand and decimal separators of EN/DE/FR/ES/PT/CH and India
  ("45,000", "45.000", "45 000", "100'000", "12,00,000", "3.500,50"); each amount's separators
  are settled by price-parser (https://github.com/scrapinghub/price-parser), which was built
  and tested on hundreds of real price strings;
- multipliers: "k"/"K", "Tsd.", "T€", "mil"/"mila", "Mio."/"M", "lakh"/"LPA", "crore"; in a
  range a multiplier written once applies to both ends ("40-60k", "45–55 k€");
- currencies: the sign or word price-parser finds ("€", "R$", "CHF", "euros"), then mapped to
  ISO 4217 through Babel's CLDR currency symbols (https://babel.pocoo.org/en/latest/api/numbers.html),
  with a few words CLDR does not list ("Euro", "Franken", "reais"). A sign several currencies
  share takes ``default_currency`` when it is one of them, else the most used one ("$" → USD,
  "kr" → SEK, "¥" → JPY);
- ranges joined by a dash or a word ("to", "bis", "à", "et", "a", "y", "e", "tot", ...), one
  amount after "from"/"ab"/"à partir de"/"desde" (minimum only) or "up to"/"bis zu"/"jusqu'à"/
  "hasta" (maximum only), or one plain amount (minimum = maximum);
- the period from words in EN/DE/FR/ES/IT/PT/NL ("a year", "p.a.", "pro Jahr", "par mois",
  "al mes", "/h", "Stunde", "par jour", "por hora", "per uur", ...). The word nearest after
  the amount wins, so "3.500 €/Monat, 40 Std./Woche" is monthly.

When no period is written, it is inferred from the size of the amount in euros (converted with
the bundled ECB table when the currency is known, so ₹ and ¥ amounts are judged fairly):
below 200 an hour, below 20,000 a month, otherwise a year. Day and week rates are never
inferred: a bare "€500" reads as a month.

``annual`` factors: hour × 2080 (40 hours × 52 weeks), day × 220 (working days a year),
week × 52, month × 12.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from price_parser import Price

from domain.jobs.money import convert

PERIODS = ("year", "month", "week", "day", "hour")

HOURS_PER_YEAR = 40 * 52
WORKING_DAYS_PER_YEAR = 220
WEEKS_PER_YEAR = 52
MONTHS_PER_YEAR = 12
ANNUAL_FACTORS = {
    "year": 1,
    "month": MONTHS_PER_YEAR,
    "week": WEEKS_PER_YEAR,
    "day": WORKING_DAYS_PER_YEAR,
    "hour": HOURS_PER_YEAR,
}

# Inference thresholds, in euros: a plain "18" is an hourly wage, "3.500" a monthly one and
# "45.000" a yearly one in every market the boards cover.
HOURLY_BELOW_EUR = 200
MONTHLY_BELOW_EUR = 20_000


@dataclass(frozen=True)
class Salary:
    min: float | None
    max: float | None
    currency: str | None  # ISO 4217: "EUR"
    period: str | None  # "year", "month", "week", "day" or "hour"


# --- amounts -----------------------------------------------------------------------------

_NUMBER = r"""
(?<![\d.,])
(?:
    \d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?                      # Indian grouping: 12,00,000
  | \d{1,3}(?:[.,'’\u00a0\u202f\u2009 ]\d{3})+(?:[.,]\d{1,2})?   # grouped thousands
  | \d+(?:[.,]\d{1,2})?                                          # plain, optional decimals
)
(?!\d)
"""
_MULTIPLIERS = (
    (r"k|K|Tsd\.?|tsd\.?|T(?=\s?€)|mila|mil", 1_000),
    (r"Mio\.?|mio\.?|millions?|millones|milh(?:ão|ões)|mln|Mn|M", 1_000_000),
    (r"lakhs?|lacs?|LPA", 100_000),
    (r"crores?|Cr", 10_000_000),
)
_AMOUNT_RE = re.compile(
    rf"(?P<number>{_NUMBER})"
    r"(?:[ \u00a0\u202f]?(?:"
    + "|".join(f"(?P<mult{i}>{pattern})" for i, (pattern, _) in enumerate(_MULTIPLIERS))
    + r")(?![^\W\d_]))?",
    re.VERBOSE,
)
# Counts that are not money: "+10% bonus", "40h/week", "38,5 Std./Woche", "13 Gehälter".
_NOT_MONEY_AFTER = re.compile(
    r"\s?(?:%|(?:h|hrs?|hours?|std\.?|stunden|heures|horas|ore|uur)\s*(?:/|per|pro|par|por|a)\s*"
    r"(?:w|wk|week|woche|semaine|semana|settimana)|gehälter|salaires|pagas|mensilità)",
    re.IGNORECASE,
)
# Austrian and German postings end round amounts with ",-" ("€ 3.200,-").
_DASH_CENTS = re.compile(r"(?<=\d),[-–—]")

# A 13th or 14th salary is a bonus, not the pay period: "+ 13e maand", "13. Monatsgehalt".
_EXTRA_SALARY = re.compile(
    r"\b1[3-5](?:th|e|ème|eme|\.|º|ª|a)?\s*(?:month(?:ly)?\s*(?:salary|pay)?|maand|mois"
    r"|monatsgehalt|gehalt|mensilità|paga|salário)\w*",
    re.IGNORECASE,
)

_RANGE_JOINERS = re.compile(
    r"^(?:-|–|—|~|to|until|and|bis|und|à|a|au|et|y|e|en|tot|til|al|do|through)$",
    re.IGNORECASE,
)
_GROSS_NET = re.compile(
    r"\b(?:gross|brutto|brut|bruto|brutos|lordo|lordi|net|netto|neto)\b", re.IGNORECASE
)
_FROM_WORDS = re.compile(
    r"(?:\bfrom|\bstarting(?:\s+(?:at|from))?|\bmin(?:imum)?\.?|\bat\s+least|\bab|\bmindestens"
    r"|\bmind\.|\bmindest\w*|à\s+partir\s+de|\bdès|\bdesde|\ba\s+partir\s+de|\bmínimo"
    r"|\ba\s+partire\s+da|^\s*da|\bvanaf|\bminimaal)\s*[:\-]?\s*$",
    re.IGNORECASE,
)
_UP_TO_WORDS = re.compile(
    r"(?:\bup\s*to|\bmax(?:imum)?\.?|\bbis(?:\s+zu)?|\bhöchstens|jusqu['’]?\s*à|\bhasta|\baté"
    r"|\bfino\s+a|\btot|\bmaximaal)\s*[:\-]?\s*$",
    re.IGNORECASE,
)
_OR_MORE = re.compile(
    r"^\s*(?:\+(?!\s*(?:\d|bonus|prime|prämie|provision|commission|benefits|equity|stock|tips|variable))"
    r"|or\s+more|and\s+(?:up|above)|und\s+mehr|et\s+plus|o\s+más|ou\s+mais|e\s+oltre)",
    re.IGNORECASE,
)


@dataclass
class _Amount:
    raw: float  # as written, before the multiplier
    mult: int
    start: int
    end: int

    @property
    def value(self) -> float:
        return self.raw * self.mult


def _number_value(token: str) -> float | None:
    price = Price.fromstring(token)
    return price.amount_float


def _amounts(text: str) -> list[_Amount]:
    found = []
    for match in _AMOUNT_RE.finditer(text):
        if _NOT_MONEY_AFTER.match(text, match.end()):
            continue
        raw = _number_value(match.group("number"))
        if raw is None:
            continue
        mult = next(
            (factor for i, (_, factor) in enumerate(_MULTIPLIERS) if match.group(f"mult{i}")), 1
        )
        found.append(_Amount(raw, mult, match.start(), match.end()))
    return found


# --- currencies ----------------------------------------------------------------------------

# Signs several currencies share: the one boards mean most often when nothing else says.
_SHARED_SIGN_DEFAULTS = {"$": "USD", "kr": "SEK", "kr.": "DKK", "¥": "JPY", "Rs": "INR", "R": "ZAR"}
# Words, codes and signs as boards write them beyond CLDR's symbols, lower-cased.
_CURRENCY_WORDS = {
    "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "dollar": "USD", "dollars": "USD", "dólares": "USD", "dollari": "USD",
    "pound": "GBP", "pounds": "GBP", "pfund": "GBP", "livres": "GBP", "sterling": "GBP",
    "fr.": "CHF", "sfr.": "CHF", "chf": "CHF", "franken": "CHF", "francs": "CHF", "franchi": "CHF",
    "reais": "BRL", "real": "BRL",
    "rs.": "INR", "rupees": "INR", "inr": "INR",
    "zł": "PLN", "złotych": "PLN", "zloty": "PLN",
    "yen": "JPY", "yuan": "CNY", "rmb": "CNY",
    "lei": "RON", "forint": "HUF", "ft": "HUF", "kč": "CZK", "korun": "CZK",
    "kronor": "SEK", "tl": "TRY", "lira": "TRY", "rand": "ZAR", "s$": "SGD",
}
_CURRENCY_WORD_RE = re.compile(
    r"(?<![^\W\d_])(?:euros?|dollars?|dólares|dollari|pounds?|pfund|livres|sterling|franken|francs"
    r"|franchi|reais|rupees|złotych|zloty|yen|yuan|rmb|lei|forint|kronor|lira|rand)(?![^\W\d_])"
    r"|(?<![A-Za-z])(?-i:[A-Z]{3})(?![A-Za-z])",
    re.IGNORECASE,
)
# CLDR locales whose symbols boards use; together they name every sign in the table above.
_SYMBOL_LOCALES = (
    "en", "en_US", "en_GB", "en_AU", "en_CA", "en_IN", "en_NZ", "en_SG", "en_HK", "en_ZA",
    "de", "de_CH", "fr", "fr_CH", "es", "es_MX", "pt", "pt_BR", "it", "nl", "pl", "sv", "da",
    "nb", "cs", "hu", "ro", "tr", "ja", "zh", "ko", "he", "th", "id", "ms", "fil", "bg",
)


@functools.lru_cache(maxsize=1)
def _symbol_index() -> dict[str, frozenset[str]]:
    """Every CLDR currency symbol of the locales above → the ISO codes that use it."""
    from babel import Locale
    from babel.numbers import list_currencies

    index: dict[str, set[str]] = {}
    codes = list_currencies()
    for name in _SYMBOL_LOCALES:
        symbols = Locale.parse(name).currency_symbols
        for code in codes:
            symbol = symbols.get(code)
            if symbol and symbol != code:
                index.setdefault(symbol, set()).add(code)
    return {symbol: frozenset(codes) for symbol, codes in index.items()}


@functools.lru_cache(maxsize=1)
def _iso_codes() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def currency_code(sign: str | None, *, default_currency: str | None = None) -> str | None:
    """The ISO 4217 code for a currency sign, code or word as written ("€", "R$", "CHF",
    "euros"), or None when it names no currency. A sign shared by several currencies ("$",
    "kr") resolves to ``default_currency`` when that is one of them."""
    if not sign:
        return None
    sign = sign.strip()
    if sign.upper() in _iso_codes() and len(sign) == 3 and sign.isalpha():
        return sign.upper()
    codes = _symbol_index().get(sign)
    if codes:
        if len(codes) == 1:
            return next(iter(codes))
        if default_currency and default_currency.upper() in codes:
            return default_currency.upper()
        return _SHARED_SIGN_DEFAULTS.get(sign, min(codes))
    word = _CURRENCY_WORDS.get(sign.lower())
    if word:
        return word
    if sign in _SHARED_SIGN_DEFAULTS:
        return _SHARED_SIGN_DEFAULTS[sign]
    return None


def _find_currency(text: str, default_currency: str | None) -> str | None:
    sign = Price.fromstring(text).currency
    code = currency_code(sign, default_currency=default_currency)
    if code:
        return code
    for match in _CURRENCY_WORD_RE.finditer(text):
        token = match.group(0)
        if len(token) == 3 and token.isupper():
            if token in _iso_codes():
                return token
            continue
        code = currency_code(token, default_currency=default_currency)
        if code:
            return code
    return default_currency.upper() if default_currency else None


def _strip_currency_signs(text: str) -> str:
    # Letters that belong to a sign: "C$", "R$", "HK$", "CN¥".
    text = re.sub(r"(?<![A-Za-z])[A-Z]{1,3}(?=[$¥])", " ", text)
    text = _CURRENCY_WORD_RE.sub(" ", text)
    return re.sub(r"[^\w\s\-–—~]", " ", text)


# --- periods -------------------------------------------------------------------------------

_L = r"(?<![^\W\d_])"  # no letter before
_R = r"(?![^\W\d_])"  # no letter after


def _words(*alternatives: str) -> str:
    return rf"{_L}(?:{'|'.join(alternatives)}){_R}"


_PERIOD_PATTERNS = {
    "year": (
        _words(
            r"years?", "yearly", "yr", "annum", r"annual(?:ly)?", r"p\.?\s?a\.?", "pa", "LPA",
            "jahr", "jährlich", r"jahres\w*", r"brutto\s*jahr\w*", r"annuel(?:le)?s?", "año",
            r"anual(?:es)?", "anuais", "ano", "anno", "annu[oi]", "annual[ei]", "RAL", "jaar",
            "jaarlijks", "jaarsalaris",
        ),
        r"(?:par|l['’]|/)\s?an\b",
        r"/\s?(?:y|a|j|jr)\b",
    ),
    "month": (
        _words(
            r"months?", "monthly", "mo", "mth", r"p\.?\s?m\.?", r"monat(?:lich)?", r"monats\w*",
            r"brutto\s*monat\w*", r"mtl\.", "mois", r"mensuel(?:le)?s?", "mes", r"mensual(?:es)?",
            "mês", "mensal", "mensais", "mese", "mensil[ei]", "maand", "maandelijks", "maandsalaris",
        ),
        r"/\s?m\b",
    ),
    "week": (
        _words(
            r"weeks?", "weekly", "wk", "woche", "wöchentlich", "semaine", "hebdomadaire",
            r"semana(?:l|les)?", r"settimana(?:le|li)?", "wekelijks",
        ),
        r"/\s?w\b",
    ),
    "day": (
        _words(
            r"days?", "daily", "diem", r"tag(?:es)?", "täglich", "tagessatz", "jour", "journalier",
            "TJM", "día", "diario", "dia", "diário", "giorno", "giornalier[oa]", "dag", "dagtarief",
        ),
        r"/\s?d\b",
    ),
    "hour": (
        _words(
            r"hours?", "hourly", "hr", "stunde", "stündlich", "stundenlohn", "stundensatz",
            r"std\.?", "heure", "horaire", "hora", "horas", "ora", "orari[oa]", "uur", "uurloon",
            r"p\.?/?h",
        ),
        r"/\s?h\b",
    ),
}
_PERIOD_RE = [
    (period, re.compile("|".join(patterns), re.IGNORECASE))
    for period, patterns in _PERIOD_PATTERNS.items()
]


def _find_period(text: str, after: int) -> str | None:
    matches = [
        (match.start(), period)
        for period, pattern in _PERIOD_RE
        for match in pattern.finditer(text)
    ]
    if not matches:
        return None
    following = [m for m in matches if m[0] >= after]
    if following:
        return min(following)[1]
    return max(matches)[1]


def infer_period(amount: float, currency: str | None) -> str:
    """The period a salary amount without one most likely has: "hour" below 200 €, "month"
    below 20,000 €, else "year" (amounts in another currency are first converted with the
    bundled ECB table; unknown currencies are judged as written)."""
    in_euros = amount
    if currency and currency != "EUR":
        converted = convert(amount, currency, "EUR")
        if converted is not None:
            in_euros = converted
    if in_euros < HOURLY_BELOW_EUR:
        return "hour"
    if in_euros < MONTHLY_BELOW_EUR:
        return "month"
    return "year"


# --- parsing -------------------------------------------------------------------------------

def _after_currency(text: str) -> str:
    """The text after an amount without the currency written right behind it ("€+" → "+")."""
    text = re.sub(r"^\s*[^\w\s+]+", "", text).lstrip()
    match = _CURRENCY_WORD_RE.match(text)
    return text[match.end():] if match else text


def _is_range(text: str, first: _Amount, second: _Amount) -> bool:
    between = _GROSS_NET.sub(" ", _strip_currency_signs(text[first.end:second.start])).strip()
    return bool(_RANGE_JOINERS.match(between))


MAX_SALARY_CHARS = 200


def parse_salary(text: str | None, *, default_currency: str | None = None) -> Salary | None:
    """Read a board's salary text into a ``Salary``.

    ``text``: the salary as written ("€45,000 - €55,000", "bis zu 60.000 € pro Jahr",
    "₹12,00,000 per annum"). ``default_currency``: the ISO code to assume when the text has no
    currency (the board's or the searched country's), and to prefer for a shared sign ("$").

    Returns None when the text holds no amount ("competitive", "DOE", "", None). Otherwise
    ``min``/``max`` in the currency's units per ``period``; "From 50,000" leaves ``max`` None,
    "up to 120,000" leaves ``min`` None, a single amount sets both. ``currency`` is None when
    neither the text nor ``default_currency`` names one. ``period`` is always set: written, or
    inferred from the size (see the module docstring). Never raises on odd input.
    """
    if not isinstance(text, str):
        return None
    # A salary line is short; the cap keeps price-parser's per-number scan from going quadratic.
    text = _DASH_CENTS.sub("", " ".join(text[:MAX_SALARY_CHARS * 2].split())[:MAX_SALARY_CHARS])
    amounts = [a for a in _amounts(text) if a.value > 0]
    if not amounts:
        return None
    first = amounts[0]
    low: float | None
    high: float | None
    if len(amounts) > 1 and _is_range(text, first, amounts[1]):
        second = amounts[1]
        if first.mult == 1 and second.mult > 1 and first.raw * second.mult <= second.value:
            first.mult = second.mult
        elif second.mult == 1 and first.mult > 1 and second.raw * first.mult >= first.value:
            second.mult = first.mult
        low, high = min(first.value, second.value), max(first.value, second.value)
    else:
        before = _strip_currency_signs(text[: first.start])
        if _UP_TO_WORDS.search(before):
            low, high = None, first.value
        elif _FROM_WORDS.search(before) or _OR_MORE.match(_after_currency(text[first.end:])):
            low, high = first.value, None
        else:
            low = high = first.value
    currency = _find_currency(text, default_currency)
    period = _find_period(_EXTRA_SALARY.sub(lambda m: " " * len(m.group(0)), text), after=first.end)
    if period is None:
        period = infer_period(high if high is not None else low, currency)
    return Salary(min=low, max=high, currency=currency, period=period)


def annual(salary: Salary | None) -> tuple[float | None, float | None]:
    """``(min, max)`` per year in the salary's currency: hour × 2080, day × 220, week × 52,
    month × 12 (see the module docstring). A salary without a period has it inferred from its
    size first. ``(None, None)`` for None; a missing end stays None."""
    if salary is None or (salary.min is None and salary.max is None):
        return None, None
    period = salary.period
    if period not in ANNUAL_FACTORS:
        reference = salary.max if salary.max is not None else salary.min
        period = infer_period(reference, salary.currency)
    factor = ANNUAL_FACTORS[period]
    return (
        None if salary.min is None else salary.min * factor,
        None if salary.max is None else salary.max * factor,
    )
