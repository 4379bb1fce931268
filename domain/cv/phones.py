"""The candidate's phone number, found with libphonenumber's matcher (``phonenumbers``).

National numbers have no country code ("503-555-0142", "0171 2345678", "06 12 34 56 78"),
so the matcher needs a region: the country of the CV's location, else of the e-mail's
top-level domain, else of the text's language; other common regions are tried after
those. The header block is searched before the whole text. A match that is a year span
or a date is refused (the matcher's VALID leniency already refuses most IDs and postcodes).
"""
from __future__ import annotations

import re

import phonenumbers

from domain.cv.gazetteer import cities_named
from domain.cv.textlang import guess_language

_LANGUAGE_REGIONS = {"de": ("DE", "AT", "CH"), "fr": ("FR", "BE", "CH"), "es": ("ES", "MX", "AR", "CO"),
                     "pt": ("PT", "BR"), "it": ("IT", "CH"), "nl": ("NL", "BE"), "en": ("US", "GB")}
_FALLBACK_REGIONS = ("US", "GB", "DE", "FR", "ES", "PT", "IT", "NL", "BR", "CH", "AT", "BE", "IE", "CA")
_TLD_REGIONS = {"uk": "GB"}
_YEAR_SPAN_RE = re.compile(r"(?:19|20)\d\d\s*(?:[-–—/]|\s)\s*(?:(?:19|20)\d\d|\d\d)\b")
_ID_LABEL_RE = re.compile(
    r"\b(?:id|nr|no|n°|nº|number|nummer|iban|bic|swift|ssn|nif|nie|dni|cpf|rg|cnpj|orcid|isbn|issn|doi|vat|"
    r"ust|steuer\w*|matrikel\w*|sozialversicherung\w*|passport|reisepass|licen[cs]e|codice fiscale|bsn|"
    r"invoice|order|ticket)\b[.:#\s-]*(?:[\w-]+[.:#\s]*)?$",
    re.IGNORECASE,
)
_PHONE_LABEL_RE = re.compile(r"\b(?:phone|tel|telefon\w*|téléphone|teléfono|telefone|telefono|mobile?|mobil|"
                             r"cell\w*|handy|gsm|portable|celular|cellulare|móvil)\b", re.IGNORECASE)
_GLUE_RE = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\+\d)")
_DATE_RE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./](?:19|20)?\d\d\b|\b(?:0?[1-9]|1[0-2])/(?:19|20)\d\d\b")


def _hinted_regions(text: str, country: str | None, email: str | None) -> list[str]:
    regions: list[str] = [country] if country else []
    if email and "." in email:
        tld = email.rsplit(".", 1)[-1].lower()
        if len(tld) == 2:
            regions.append(_TLD_REGIONS.get(tld, tld.upper()))
    regions += _LANGUAGE_REGIONS.get(guess_language(text) or "", ())
    return [r for r in dict.fromkeys(regions) if r in phonenumbers.SUPPORTED_REGIONS]


def regions_for(text: str, *, country: str | None, email: str | None) -> list[str]:
    """Regions (ISO 3166-1 alpha-2) to read national numbers with, most likely first.

    The location's country, the e-mail's country-code top-level domain, the text's language
    (``domain.cv.textlang``), then common regions.
    """
    hinted = _hinted_regions(text, country, email)
    return hinted + [r for r in _FALLBACK_REGIONS if r not in hinted]


def _acceptable(text: str, start: int, raw: str) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 30):start]
    if _ID_LABEL_RE.search(before) and not _PHONE_LABEL_RE.search(before):
        return False  # "Steuer-ID 12 345 678 901", "IBAN …", "ORCID …"; not "Phone no. …"
    return not (_YEAR_SPAN_RE.search(raw) or _DATE_RE.search(raw))


def _best_match(text: str, regions: list[str]) -> str | None:
    """The earliest number any of ``regions`` reads, the longest reading when several start there."""
    found = []
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(text, region):
            if _acceptable(text, match.start, match.raw_string):
                found.append((match.start, -len(match.raw_string), match.raw_string.strip()))
                break
    return min(found)[2] if found else None


def extract_phone(text: str, *, header: str = "", country: str | None = None,
                  email: str | None = None) -> str | None:
    """The phone number as printed in the CV (trimmed), or None.

    ``header``: the lines before the first section heading, searched first.
    ``country``: ISO code of the candidate's location, when known. Regions hinted by the CV
    are tried before the common ones; within a group the earliest, longest reading wins
    (so "(11) 98765-4321" keeps its area code).
    """
    hinted = _hinted_regions(text, country, email)
    groups = [hinted, [r for r in _FALLBACK_REGIONS if r not in hinted]]
    for scope in (header, text):
        if email:
            scope = scope.replace(email, f" {email} ")  # "…@example.es654 12 98 37": the cell after the address
        # The matcher refuses a number touching a letter; text layers glue "…4567anna@…", "123456Envelope".
        scope = _GLUE_RE.sub(" ", scope)
        split = _postcode_apart(scope)
        for regions in groups:
            # A postcode after the number, glued or not ("…562 224610121 Torino"), is no part of it.
            apart = _best_match(split, regions) if split != scope and regions else None
            found = apart if apart and _digits(apart) >= 9 else (_best_match(scope, regions) if scope and regions
                                                                 else None)
            if found:
                return found
    return None


# Digits whose last 4 or 5 may be a postcode before a town ("2246" + "10121 Torino").
_POSTCODE_TOWN_RE = re.compile(r"(?<=\d)\s?(?=(\d{4}(?=-\d{3}\s)|\d{4}|\d{5})(?:-\d{3})?\s+([A-ZÀ-Þ][^\W\d_]+(?:[ -][A-ZÀ-Þ][^\W\d_]+)?))")


def _postcode_apart(text: str) -> str:
    """``text`` with a postcode set apart (" | ") from the digits before it, when a gazetteer town
    of a country with postcodes of that length follows; else ``text`` unchanged."""
    def split(match: re.Match) -> str:
        town = cities_named(match.group(2))
        four = bool(town) and town[0].country in _FOUR_DIGIT_POSTCODES
        return " | " if town and (len(match.group(1)) == 4) == four else match.group(0)
    return _POSTCODE_TOWN_RE.sub(split, text)


def _digits(number: str) -> int:
    return sum(ch.isdigit() for ch in number)


_FOUR_DIGIT_POSTCODES = {"AT", "CH", "BE", "DK", "NO", "HU", "LU", "AU", "NZ", "ZA", "PT", "NL", "TN", "PH", "BG"}
