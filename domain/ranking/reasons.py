"""The one line that explains a score, rendered from an explanation dict in any language.

Every sentence is an English catalogue msgid with named placeholders (see ``i18n``); numbers
are written in the reader's locale by Babel (1.5 → "1,5" in German). The counts are read from
the explanation's ✓/✗ lists themselves, so the line and the lists cannot disagree.
"""
from __future__ import annotations

from babel import Locale
from babel.numbers import format_compact_currency, format_decimal

from i18n import N_, Translator

CV_HINT = N_("send your CV to rank jobs by your skills and experience")

STRENGTHS = ((75, N_("Strong match")), (55, N_("Good match")), (35, N_("Partial match")), (0, N_("Weak match")))
_TITLE = {
    ("cv", "fits"): N_("title fits your background"),
    ("cv", "partly"): N_("title partly fits your background"),
    ("cv", "outside"): N_("title is outside your field"),
    ("search", "fits"): N_("title matches your search"),
    ("search", "partly"): N_("title partly matches your search"),
    ("search", "related"): N_("related to your search"),
    ("search", "little"): N_("little in common with your search"),
}
# One sentence per level: a translation may need another case or article for each.
_FITS = {
    "student": N_("{years} fits a student role"), "junior": N_("{years} fits a junior role"),
    "mid-level": N_("{years} fits a mid-level role"), "senior": N_("{years} fits a senior role"),
    "lead": N_("{years} fits a lead role"), None: N_("{years} fits the role"),
}
_ABOVE = {
    "student": N_("{years} is more than a student role needs"),
    "junior": N_("{years} is more than a junior role needs"),
    "mid-level": N_("{years} is more than a mid-level role needs"),
    "senior": N_("{years} is more than a senior role needs"),
    "lead": N_("{years} is more than a lead role needs"), None: N_("{years} is more than the role needs"),
}
_BELOW = N_("{years} is below the {asked} this role asks for")
_PLACE = {
    "here": N_("in {place}"), "unknown": N_("in {place}"), "remote": N_("remote"),
    "near": N_("in {place}, near {home} ({km} km)"), "remote_elsewhere": N_("remote, {countries} only"),
    "same_country": N_("in {place}, same country"), "away": N_("in {place}, away from {home}"),
}
_PASSED = {
    "too_senior": N_("you passed on jobs that were too senior"),
    "wrong_place": N_("you passed on jobs in that place"),
    "agency": N_("you passed on agency jobs"),
    "not_my_field": N_("you passed on jobs outside your field"),
}
_PREFERENCE = {
    "salary_unknown": N_("salary not stated"),
    "seniority": N_("above the level you asked for"),
}
ADJUSTMENT_REASONS = {"passed": tuple(_PASSED), "preference": tuple(_PREFERENCE)}
# Short English names where the CLDR one is long ("United States" in a one-line reason).
_SHORT_NAMES = {"US": "USA", "GB": "UK", "AE": "UAE"}


def reason_text(explanation: dict, t: Translator) -> str:
    """The reason line of an explanation (``domain.ranking.explain``) in ``t``'s language, e.g.
    "Strong match: 5 of 6 skills the posting asks for; title fits your background; 8 years fits a
    senior role; in Berlin; ranked lower: you passed on agency jobs."."""
    mode = explanation.get("mode")
    if mode == "unranked":
        strength, parts = t("Unranked"), [t("no CV and no search words yet"), t(CV_HINT)]
    else:
        strength = t(next(words for floor, words in STRENGTHS if int(explanation.get("score") or 0) >= floor))
        parts = [_skills_words(explanation.get("skills") or {}, t) if mode == "cv" else "",
                 _title_words(explanation.get("title"), t),
                 _years_words(explanation.get("seniority"), t),
                 _place_words(explanation.get("place"), t)]
    parts += [adjustment_words(a, t) for a in explanation.get("adjustments") or []]
    # The parts are joined by the catalogue's "; " (French puts a narrow no-break space before it).
    return t("{strength}: {details}.", strength=strength, details=t("; ").join(p for p in parts if p))


def adjustment_words(adjustment: dict, t: Translator) -> str:
    """"ranked lower: you passed on agency jobs"; "" when it moved the score by nothing. A kind or
    reason this version does not know (a newer one's) still says which way the job moved."""
    kind, reason, params = adjustment.get("kind"), adjustment.get("reason"), adjustment.get("params") or {}
    if kind == "passed" and reason in _PASSED:
        why = t("you passed on jobs in {place}", place=params["place"]) \
            if reason == "wrong_place" and params.get("place") else t(_PASSED[reason])
    elif kind == "preference" and reason in _PREFERENCE:
        why = t(_PREFERENCE[reason])
        amount = _amount(params, t)
        if reason == "salary_unknown" and amount:
            why = t("salary not stated; you asked for at least {amount}", amount=amount)
    else:
        why = t("by your feedback") if kind == "passed" else t("by your preferences")
    points = int(adjustment.get("points") or 0)
    if points < 0:
        return t("ranked lower: {why}", why=why)
    return t("ranked higher: {why}", why=why) if points > 0 else ""  # moved nothing: nothing to say


def _skills_words(skills: dict, t: Translator) -> str:
    matched, missing = list(skills.get("matched") or []), list(skills.get("missing") or [])
    total = len(matched) + len(missing)
    if not total:
        return t("the posting names no specific skills")
    required = set(skills.get("required") or ()) & set(matched + missing)
    if required and len(required) < total:
        return t.ngettext(
            "{matched} of {n} skill the posting names, {required_matched} of {required_total} required",
            "{matched} of {n} skills the posting names, {required_matched} of {required_total} required",
            total, matched=len(matched), required_matched=len(required & set(matched)), required_total=len(required))
    if required:  # all of them required (or no requirements part: all counted as such)
        return t.ngettext("{matched} of {n} skill the posting asks for", "{matched} of {n} skills the posting asks for",
                          total, matched=len(matched))
    return t.ngettext("{matched} of {n} skill the posting names", "{matched} of {n} skills the posting names",
                      total, matched=len(matched))


def _title_words(title: dict | None, t: Translator) -> str:
    words = _TITLE.get((title.get("against"), title.get("verdict"))) if title else None
    return t(words) if words else ""


def _years_words(seniority: dict | None, t: Translator) -> str:
    if not seniority or seniority.get("years") is None:
        return ""
    figure = float(seniority["years"])
    # Plural by the whole figure; a half ("1.5") reads as plural in our four languages' usage.
    years = t.ngettext("{years} year", "{years} years", int(figure) if figure.is_integer() else 2,
                       years=_number(figure, t))
    verdict, level = seniority.get("verdict"), seniority.get("level")
    if verdict == "below":
        return t(_BELOW, years=years, asked=_number(seniority.get("asked") or 0, t))
    table = _ABOVE if verdict == "above" else _FITS
    return t(table.get(level, table[None]), years=years)


def _place_words(place: dict | None, t: Translator) -> str:
    if not place or place.get("verdict") not in _PLACE:
        return ""
    verdict, label, home = place["verdict"], place.get("place") or "", place.get("home") or ""
    if verdict == "remote_elsewhere":
        countries = _countries(place.get("open_to") or [], t)
        return t(_PLACE[verdict], countries=countries) if countries else t(_PLACE["remote"])
    if verdict == "remote":
        return t(_PLACE[verdict])
    if not label:
        return ""
    if verdict in ("near", "away") and not home:
        verdict = "here"
    return t(_PLACE[verdict], place=label, home=home, km=_number(place.get("km") or 0, t))


def _number(value: float, t: Translator) -> str:
    """A figure in the reader's locale; small whole numbers are written the same in all four
    languages, and skipping Babel for them halves the time to explain a warm ranking."""
    if float(value).is_integer() and abs(value) < 1000:
        return str(int(value))
    return format_decimal(value, locale=t.language)


def _countries(codes: list[str], t: Translator) -> str:
    """"USA", "UK and Germany" (in the reader's language), or "12 countries"."""
    if len(codes) > 2:
        return t.ngettext("{n} country", "{n} countries", len(codes))
    territories = Locale.parse(t.language).territories
    names = [_SHORT_NAMES.get(code) if t.language == "en" and code in _SHORT_NAMES else territories.get(code, code)
             for code in codes]
    return t.list(names)


def _amount(params: dict, t: Translator) -> str:
    """A minimum salary as the caller wrote it (``amount``) or from ``min_salary`` and ``currency``."""
    if params.get("amount"):
        return str(params["amount"])
    if params.get("min_salary") and params.get("currency"):
        # "€60K" / "60.000 €": a chat line wants the round figure the person typed, not "€60,000.00".
        return format_compact_currency(params["min_salary"], params["currency"], locale=t.language,
                                       fraction_digits=1)
    return ""
