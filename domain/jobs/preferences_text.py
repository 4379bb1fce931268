"""A person's preferences, and what they left out of a list, in words (/prefs, result notes).

Sentences are English msgids translated through ``i18n`` (``t``); amounts use Babel's CLDR
currency formats for the reader's language ("€60,000", "60.000 €"), without cents.
"""
from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError
from babel.numbers import UnknownCurrencyError, format_currency, format_decimal

from domain.jobs.preferences import Preferences
from i18n import N_, Translator

LEVEL_CEILINGS = {"junior": N_("Up to junior level"), "mid": N_("Up to mid level"),
                  "senior": N_("Up to senior level"), "lead": N_("Up to lead level")}
JOB_TYPE_NAMES = {"full_time": N_("Full-time"), "part_time": N_("Part-time"), "contract": N_("Contract"),
                  "internship": N_("Internship"), "temporary": N_("Temporary")}


def describe(prefs: Preferences, t: Translator) -> list[str]:
    """One short line per preference set, in ``t``'s language, in the order /prefs lists them:
    ["Remote only", "At least €60,000 a year", "Up to mid level", "Only in or near Paris or
    Lyon", "Not in London", "No agencies", "Not at Amazon", "Part-time"]; [] for none."""
    lines = []
    if prefs.remote_only:
        lines.append(t("Remote only"))
    if prefs.min_salary:
        lines.append(_minimum_salary(prefs.min_salary, prefs.salary_currency, t))
    if prefs.seniority in LEVEL_CEILINGS:
        lines.append(t(LEVEL_CEILINGS[prefs.seniority]))
    if prefs.places:
        lines.append(t("Only in or near {places}", places=t.list(list(prefs.places), style="or")))
    if prefs.excluded_places:
        lines.append(t("Not in {places}", places=t.list(list(prefs.excluded_places), style="or")))
    if prefs.no_agencies:
        lines.append(t("No agencies"))
    if prefs.excluded_companies:
        lines.append(t("Not at {companies}", companies=t.list(list(prefs.excluded_companies), style="or")))
    if prefs.job_types:
        lines.append(t.list([t(JOB_TYPE_NAMES[kind]) for kind in prefs.job_types if kind in JOB_TYPE_NAMES],
                            style="or"))
    return [line for line in lines if line]


def describe_left_out(left_out: dict[str, int], t: Translator) -> str | None:
    """One sentence for what preferences and "Not for me" left out of a list (the counts of
    ``domain.jobs.refine.Refined.left_out``, plus "passed" for jobs passed on): "Not in this list:
    3 agency jobs and 1 job you passed on."; None when nothing was."""
    parts = [phrase(t, left_out[reason]) for reason, phrase in _LEFT_OUT.items() if left_out.get(reason)]
    return t("Not in this list: {jobs}.", jobs=t.list(parts)) if parts else None


# Literal ngettext calls, so that extraction makes plural entries of them.
_LEFT_OUT = {
    "passed": lambda t, n: t.ngettext("{n} job you passed on", "{n} jobs you passed on", n),
    "remote_only": lambda t, n: t.ngettext("{n} job that is not remote", "{n} jobs that are not remote", n),
    "excluded_companies": lambda t, n: t.ngettext("{n} job at a company you left out",
                                                  "{n} jobs at companies you left out", n),
    "no_agencies": lambda t, n: t.ngettext("{n} agency job", "{n} agency jobs", n),
    "excluded_places": lambda t, n: t.ngettext("{n} job in a place you left out",
                                               "{n} jobs in places you left out", n),
    "places": lambda t, n: t.ngettext("{n} job outside your places", "{n} jobs outside your places", n),
    "job_types": lambda t, n: t.ngettext("{n} job of another type", "{n} jobs of another type", n),
    "seniority": lambda t, n: t.ngettext("{n} job above your level", "{n} jobs above your level", n),
    "min_salary": lambda t, n: t.ngettext("{n} job paying less than your minimum",
                                          "{n} jobs paying less than your minimum", n),
}


def _minimum_salary(amount: int, currency: str | None, t: Translator) -> str:
    locale = _locale(t.language)
    if currency:
        try:
            # The locale's own currency pattern without its decimals: "€60,000", "60.000 €".
            pattern = re.sub(r"\.0+", "", locale.currency_formats["standard"].pattern.split(";")[0])
            money = format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False)
            return t("At least {amount} a year", amount=money)
        except UnknownCurrencyError:
            pass
    return t("At least {amount} a year, in the local currency", amount=format_decimal(amount, locale=locale))


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")
