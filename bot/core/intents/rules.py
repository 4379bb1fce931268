"""The deterministic intent parser: lexicon phrases, numbers and places to an ``Intent``.

Rules are tried in a fixed order, most specific first; each names the words it needs and the
words it tolerates beside them (fillers, politeness, greetings). What no earlier rule claims
is read as a search or a refinement; what is left then is "unclear", with one suggestion built
from the words that were understood. Every rule is a plain function of a ``Reading``.
"""
from __future__ import annotations

import dataclasses

from bot.core.intents.follow import (
    alert_rule,
    alerts_rule,
    tracker_move_rule,
    tracker_rule,
)
from bot.core.intents.reading import NEUTRAL, Reading, read
from bot.core.intents.refine import neg_before, read_refinement
from bot.core.intents.role import names_role, readable
from bot.core.intents.suggest import suggestion_for
from bot.core.intents.types import CHAT_LANGUAGES, LETTER_LANGUAGES, Intent
from domain.jobs.preferences import Refinement

# Words that are never part of the role being searched for.
_NOT_QUERY = NEUTRAL | {"search_cue", "job_noun", "place_prep", "only", "job_cue", "show", "connector", "more", "neg",
                        "clause", "again"}  # "but", "weil", "pero" end the role: "enfermera pero hoy no sé"
_BRIDGES = frozenset({"connector", "filler", "job_cue"})  # may sit inside a role: "chef de projet"
MAX_QUERY_WORDS = 6  # more is a sentence about something else, not a role
MAX_BARE_ROLE_WORDS = 3  # "Buchhalter", "python developer": a search without "jobs" or "find"
MAX_REQUEST_WORDS = 30  # a request is a sentence; more is a pasted text (a CV, a posting)


def understand_rules(text: str) -> Intent:
    """The intent of plain chat words; never raises. See ``bot.core.intents.understand``."""
    reading = read(text)
    lang = reading.written_in()
    words = sum(t.is_word for t in reading.tokens)
    if not words or words > MAX_REQUEST_WORDS:
        return Intent("unclear", written_in=lang, suggestion=suggestion_for(reading, None, None))
    for rule in _RULES:
        intent = rule(reading)
        if intent is not None:
            return dataclasses.replace(intent, written_in=lang)
    return _search_or_refine(reading, lang)


def _forget(r: Reading) -> Intent | None:
    if r.has("forget") or (r.has("delete") and r.has("data") and not r.has("prefs")):
        return Intent("forget")
    return None


def _prefs(r: Reading) -> Intent | None:
    if r.has("prefs") and r.has("reset"):
        return Intent("prefs_reset")
    if r.has("prefs") and r.only(NEUTRAL | {"prefs", "show"}):
        return Intent("prefs")
    return None


def _privacy(r: Reading) -> Intent | None:
    if r.has("privacy") or (r.has("data") and r.has("data_use")):
        return Intent("privacy")
    return None


def _not_for_me(r: Reading) -> Intent | None:
    job, said = r.job()
    # "3 is too senior", "el 2 es demasiado senior": a job and a reason say it without "not for me".
    by_reason = job is not None and r.has("reason") and r.only(
        NEUTRAL | {"reason", "job_cue", "ordinal", "cardinal", "connector", "job_noun"}, extra=said)
    if not (r.has("not_for_me") or by_reason):
        bare = bare_reason(r)  # "too senior", "es una agencia": the answer to "what makes it not for you?"
        return Intent("not_for_me", reason=bare) if bare else None
    inside = r.covered({"not_for_me"})
    reasons = [m.value for m in r.of("reason") if m.start not in inside or m.end - m.start > 1]
    return Intent("not_for_me", job=job, reason=reasons[-1] if reasons else None)


# One-word reasons that are also a level or a place word ("senior", "location", "Ort"): alone, they are a
# refinement or a search, not an answer. "agency" alone is an answer: no preference is named by it alone.
_AMBIGUOUS_ALONE = frozenset({"too_senior", "wrong_place"})


def bare_reason(r: Reading) -> str | None:
    """The reason a message gives when it is nothing but one ("not my field", "too senior", "it's an
    agency", "zu senior", "pas mon domaine", "demasiado senior"), else None. Words asking for jobs, a
    level or a limit ("jobs", "only", "less") make it a request instead."""
    reasons = r.of("reason")
    if not reasons or not r.only(NEUTRAL | {"reason", "reason_frame"}):
        return None
    last = max(reasons, key=lambda m: (m.end, -m.start))  # "falscher Ort", not its "Ort"
    if last.end - last.start == 1 and last.value in _AMBIGUOUS_ALONE and not _framed(r, last):
        return None  # "senior": a level; "location": no reason without "wrong"/"too"/"it's"
    return last.value


def _framed(r: Reading, reason) -> bool:
    """True when words around a one-word reason make it an answer: "it's senior", "too senior"."""
    return any(m.end == reason.start for m in r.of("reason_frame"))


# A job number no list has ("details for 0", "letter for 0"): the core would have to answer an Intent with
# no job as "which one?"; the rules answer at once with the command for the first job, which the person
# can edit. An Intent's job stays 1..MAX_JOB (``types``), so every consumer can trust it.
_FIRST_DETAILS = "/details 1"
_FIRST_LETTER = "/apply 1"


def _no_such_job(r: Reading, allowed: set[str]) -> bool:
    """True when the message points at a list number no list has and says nothing else."""
    wrong = r.out_of_range()
    if not wrong or r.job()[0] is not None or not r.only(allowed, extra=wrong):
        return False
    said = any(m.category in allowed - NEUTRAL for m in r.matches)  # "60" alone may be a salary, "0" is not
    return said or all(r.numbers[i] == 0 for i in wrong)


def _letter(r: Reading) -> Intent | None:
    job, _ = r.job()
    if r.has("letter") and _no_such_job(r, NEUTRAL | {"letter", "write", "job_cue", "job_noun", "connector"}):
        return Intent("unclear", suggestion=_FIRST_LETTER)
    if not (r.has("letter") or (r.has("write") and job is not None)):
        return None
    languages = [m.value for m in r.of("language_name") if m.value in LETTER_LANGUAGES]
    words = [t for t in r.tokens if t.is_word]
    if not languages and len(words) >= 2 and words[-1].key in LETTER_LANGUAGES and words[-2].is_number:
        languages = [words[-1].key]  # "letter 3 de", as /apply takes it
    return Intent("letter", job=job, language=languages[-1] if languages else None)


def _language(r: Reading) -> Intent | None:
    names = r.of("language_name")
    if not names or not r.only(NEUTRAL | {"language_switch", "language_name"}):
        return None
    if names[-1].value not in CHAT_LANGUAGES:
        return Intent("unclear", suggestion="/language")
    return Intent("language", language=names[-1].value)


def _details(r: Reading) -> Intent | None:
    job, said = r.job()
    if _no_such_job(r, NEUTRAL | {"job_cue", "details", "job_noun", "connector", "show"}):
        return Intent("unclear", suggestion=_FIRST_DETAILS)
    if job is None or (r.has("more") and not r.has("details")):  # "the next 5", "5 more": a page
        return None
    allowed = NEUTRAL | {"job_cue", "details", "job_noun", "ordinal", "cardinal", "connector", "more"}
    if r.tokens[-1].key == "?":  # "is 2 remote?", "Teilzeit, die 3?": a question about that job
        allowed |= {"remote", "agency", "job_type", "seniority", "field", "reason"}
    if r.only(allowed, extra=said):
        return Intent("details", job=job)
    return None


def _more(r: Reading) -> Intent | None:
    _, said = r.job()
    again = r.covered({"again"})
    pages = [m for m in r.of("more") if not (r.has("thanks") and all(i in again for i in range(m.start, m.end)))]
    if pages and r.only(NEUTRAL | {"more", "job_noun", "show", "connector", "job_cue", "again"}, extra=said):
        return Intent("more")  # not "merci encore", "thanks again": thanks said twice
    return None


def _alone(kind: str, *allowed: str):
    def rule(r: Reading) -> Intent | None:
        if r.has(kind) and r.only(NEUTRAL | {kind, *allowed}):
            return Intent(kind)
        return None
    return rule


# Alerts and the tracker come before the list's rules: "I applied to 2" is no letter, "alert me about
# python jobs" no search.
_RULES = (_forget, _prefs, _privacy, alerts_rule, tracker_rule, tracker_move_rule,
          alert_rule(lambda text: understand_rules(text)), _not_for_me, _letter, _language, _details, _more,
          _alone("capabilities", "show", "search_cue"), _alone("profile", "show", "data"),
          _alone("status", "search_cue", "job_noun", "show"))


def _search_or_refine(r: Reading, lang: str | None) -> Intent:
    """A search (role words, place, and any refinement said with them), a refinement alone, thanks or
    a greeting, else "unclear"."""
    found = read_refinement(r)
    location = r.span(*found.location) if found.location else None
    query, refinement, trouble = _role_words(r, found)
    if trouble:
        return Intent("unclear", written_in=lang, suggestion=trouble)
    cue = _cue(r)
    if r.left_behind and refinement.empty and not (query and names_role(query)):
        # A story of a past job and no role wished for ("…tired of it, something in an office, maybe around
        # Manchester"): what is left is no search; suggest the place, never the job left behind.
        return Intent("unclear", written_in=lang, suggestion=suggestion_for(r, None, _first_place(r, found.location)))
    bare_role = bool(query) and len(query.split()) <= MAX_BARE_ROLE_WORDS and names_role(query)  # "Buchhalter"
    if query and (cue or location or not refinement.empty or bare_role):
        return Intent("search", query=query, location=location, refinement=_or_none(refinement), written_in=lang)
    if query:  # words no rule explains and nothing saying they are a search
        return Intent("unclear", written_in=lang, suggestion=suggestion_for(r, query, location))
    if location and cue:
        return Intent("search", location=location, refinement=_or_none(refinement), written_in=lang)
    if location:  # "in Berlin", "what about Munich?" after a list
        refinement = dataclasses.replace(refinement, places=(*refinement.places, location))
    if not refinement.empty:
        return Intent("refine", refinement=refinement, written_in=lang)
    for kind in ("thanks", "greeting"):
        if r.has(kind):
            return Intent(kind, written_in=lang)
    if cue:
        return Intent("search", written_in=lang)
    return Intent("unclear", written_in=lang, suggestion=suggestion_for(r, None, None))


def _role_words(r: Reading, found) -> tuple[str | None, Refinement, str | None]:
    """(query, refinement, trouble): the role words no rule explained, as typed; the refinement, with a
    level when the only such words are one ("junior roles only"); trouble: the suggestion to make
    when those words cannot be a search (negated, unreadable, a sentence)."""
    refinement = found.refinement
    content = {i for i, t in enumerate(r.tokens) if t.is_word and not t.is_number} - r.covered(_NOT_QUERY) - found.used
    content -= r.left_behind  # "i used to work in retail": not the role wanted
    span = _query_span(r, content)
    if span and neg_before(r, span[0]) is not None:
        return None, refinement, "/prefs"  # "no consulting firms": an exclusion no preference holds
    seniority = {i for m in r.of("seniority") for i in range(m.start, m.end)}
    if content and content <= seniority:
        level = [m.value for m in r.of("seniority") if m.start in content][-1]
        return None, dataclasses.replace(refinement, seniority=level), None
    query = _without_job_suffix(r.span(*span)) if span else None
    if query and (not readable(query) or len(query.split()) > MAX_QUERY_WORDS):
        location = r.span(*found.location) if found.location else None
        return None, refinement, suggestion_for(r, None, location)  # a link, digits, a sentence
    role = bool(query) and names_role(query)
    cue = _cue(r) or found.location is not None
    if query and not (cue or role) and not refinement.empty:
        return None, refinement, None  # "que sea en remoto": a refinement and a stray word, not a search
    return query, refinement, None


def _cue(r: Reading) -> bool:
    """A word saying the message is a search ("find", "jobs"), outside a story of the past ("i used to work")."""
    return any(m.category in ("search_cue", "job_noun") and m.start not in r.left_behind for m in r.matches)


_AND_OR = frozenset(["or", "and", "oder", "und", "ou", "et", "o", "y", ","])


def _first_place(r: Reading, span: tuple[int, int] | None) -> str | None:
    """The first of the places a span names ("manchester or leeds" -> "manchester"): one for a command."""
    if span is None:
        return None
    end = next((i for i in range(*span) if r.tokens[i].key in _AND_OR), span[1])
    return r.span(span[0], end) if end > span[0] else None


def _query_span(r: Reading, content: set[int]) -> tuple[int, int] | None:
    """The run of words that names the role, bridged by "de"/"of"/"als" ("chef de projet"): the longest
    run naming an occupation, skill or field, else the longest run before any "but"/"weil"/"pero"."""
    runs = _runs(r, content)
    roles = [run for run in runs if names_role(r.span(*run))]
    if roles:
        return max(roles, key=lambda run: run[1] - run[0])
    clauses = [m.start for m in r.of("clause")]
    plain = [run for run in runs if not any(at < run[0] for at in clauses)]  # "…, weil ich umziehe": no role
    return max(plain, key=lambda run: run[1] - run[0]) if plain else None


def _runs(r: Reading, content: set[int]) -> list[tuple[int, int]]:
    """Token spans of consecutive content words, a bridge word between two of them allowed."""
    bridges = r.covered(_BRIDGES)
    runs, at = [], 0
    while at < len(r.tokens):
        if at not in content:
            at += 1
            continue
        start = end = at
        while end + 1 < len(r.tokens):
            if end + 1 in content:
                end += 1
            elif end + 2 < len(r.tokens) and end + 1 in bridges and end + 2 in content and r.tokens[end + 1].is_word:
                end += 2
            else:
                break
        runs.append((start, end + 1))
        at = end + 1
    return runs


_JOB_SUFFIXES = ("jobs", "job", "stellen", "stelle")
# A German compound's linking "s" after these endings ("Vertriebsjobs" -> "Vertrieb").
_LINKING_S_AFTER = ("ung", "ion", "heit", "keit", "tät", "ieb", "auf", "schaft", "ät")


def _without_job_suffix(query: str) -> str:
    """"Vertriebsjobs" -> "Vertrieb", "Pflegestellen" -> "Pflege": the role inside a German compound."""
    head, _, last = query.rpartition(" ")
    lower = last.lower()
    for suffix in _JOB_SUFFIXES:
        if lower.endswith(suffix) and len(last) - len(suffix) >= 4:
            stem = last[:-len(suffix)]
            if stem.endswith("s") and stem[:-1].lower().endswith(_LINKING_S_AFTER):
                stem = stem[:-1]
            return f"{head} {stem}".strip()
    return query


def _or_none(refinement: Refinement) -> Refinement | None:
    return None if refinement.empty else refinement
