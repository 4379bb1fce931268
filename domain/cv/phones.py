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

from domain.cv.textlang import guess_language

_LANGUAGE_REGIONS = {"de": ("DE", "AT", "CH"), "fr": ("FR", "BE", "CH"), "es": ("ES", "MX", "AR", "CO"),
                     "pt": ("PT", "BR"), "it": ("IT", "CH"), "nl": ("NL", "BE"), "en": ("US", "GB")}
_FALLBACK_REGIONS = ("US", "GB", "DE", "FR", "ES", "PT", "IT", "NL", "BR", "CH", "AT", "BE", "IE", "CA")
_TLD_REGIONS = {"uk": "GB"}
_YEAR_SPAN_RE = re.compile(r"(?:19|20)\d\d\s*(?:[-–—/]|\s)\s*(?:(?:19|20)\d\d|\d\d)\b")
_GLUE_RE = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\+\d)")
_DATE_RE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./](?:19|20)?\d\d\b|\b(?:0?[1-9]|1[0-2])/(?:19|20)\d\d\b")


def regions_for(text: str, *, country: str | None, email: str | None) -> list[str]:
    """Regions (ISO 3166-1 alpha-2) to read national numbers with, most likely first."""
    regions: list[str] = [country] if country else []
    if email and "." in email:
        tld = email.rsplit(".", 1)[-1].lower()
        if len(tld) == 2:
            regions.append(_TLD_REGIONS.get(tld, tld.upper()))
    language = guess_language(text)
    regions += _LANGUAGE_REGIONS.get(language or "", ())
    regions += _FALLBACK_REGIONS
    known = phonenumbers.SUPPORTED_REGIONS
    return list(dict.fromkeys(r for r in regions if r in known))


def _acceptable(raw: str) -> bool:
    return not (_YEAR_SPAN_RE.search(raw) or _DATE_RE.search(raw))


def _first_number(text: str, regions: list[str]) -> str | None:
    # The matcher refuses a number touching a letter; text layers glue "…4567anna@…" and "123456Envelope".
    text = _GLUE_RE.sub(" ", text)
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(text, region):
            raw = match.raw_string.strip()
            if _acceptable(raw):
                return raw
    return None


def extract_phone(text: str, *, header: str = "", country: str | None = None,
                  email: str | None = None) -> str | None:
    """The phone number as printed in the CV (trimmed), or None.

    ``header``: the lines before the first section heading, searched first.
    ``country``: ISO code of the candidate's location, when known.
    """
    regions = regions_for(text, country=country, email=email)
    for scope in (header, text):
        if scope:
            found = _first_number(scope, regions)
            if found:
                return found
    return None
