"""What a message asks to change in the person's lasting preferences, read from the lexicon phrases.

"only remote" -> remote_only; "at least 60k" / "60.000 €" / "£50k" -> min_salary (+ currency);
"not in London" -> excluded_places; "only in Berlin" -> places; "no agencies" -> no_agencies;
"not Amazon" / "no jobs at Amazon" -> excluded_companies; "less senior" -> seniority_step -1;
"part-time" / "Teilzeit" / "temps partiel" / "media jornada" -> job_types; "any salary" /
"remote is fine too" -> clear. Returns the tokens it used so the rest can be the search query.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from bot.core.intents.reading import Reading
from bot.core.intents.role import names_role
from bot.core.intents.where import place_at
from domain.jobs.preferences import Refinement

NEAR = 3  # tokens between a modifier ("not", "any", "is fine") and the word it bears on
_CONJUNCTIONS = frozenset(["or", "and", "oder", "und", "ou", "et", "o", "y", "ni", "nor"])
_SKIPPABLE = frozenset({"place_prep", "company_prep", "job_noun", "filler", "connector"})
MAX_COMPANY_WORDS = 4
MAX_TRAILING_PLACE_WORDS = 3  # a lower-case place is taken without "in" only at the very end


@dataclass
class Found:
    refinement: Refinement = field(default_factory=Refinement)
    used: set[int] = field(default_factory=set)
    location: tuple[int, int] | None = None  # token span of the place a search names


def read_refinement(reading: Reading, *, skip: set[int] = frozenset()) -> Found:
    """Every refinement ``reading`` states; ``skip``: tokens already explained by something else."""
    used = set(skip)
    values: dict = {}
    _clear(reading, values, used)
    _remote(reading, values, used)
    _agencies(reading, values, used)
    _salary(reading, values, used)
    _seniority_steps(reading, values, used)
    _job_types(reading, values, used)
    location = _places(reading, values, used)
    _companies(reading, values, used)
    return Found(Refinement(**values), used - set(skip), location)


def _near(reading: Reading, category: str, start: int, end: int, *, before: bool, after: bool):
    for m in reading.of(category):
        if (before and end - NEAR <= m.end <= start) or (after and end <= m.start <= end + NEAR):
            return m
    return None


def neg_before(reading: Reading, index: int):
    """The negation that bears on the token at ``index`` ("not in", "no jobs at", "pas d'"), else None."""
    at = index
    skippable = reading.covered(_SKIPPABLE)
    for _ in range(NEAR):
        neg = next((m for m in reading.of("neg") if m.end == at), None)
        if neg:
            return neg
        if at - 1 < 0 or at - 1 not in skippable:
            return None
        at -= 1
    return None


def _mark_negation(used: set[int], neg, upto: int) -> None:
    """The negation and the words between it and what it negates ("no more jobs from recruiters")."""
    if neg is not None:
        used.update(range(neg.start, upto))


def _mark(used: set[int], *matches) -> None:
    for m in matches:
        if m is not None:
            used.update(range(m.start, m.end))


def _clear(reading, values, used) -> None:
    """Fields the message lets go of: "any salary", "Gehalt egal", "remote is fine too", "remote or not,
    doesn't matter", "remote isn't required anymore", "remote muss nicht sein". "any" alone does not
    let go of remote ("any remote work?" asks for it); words saying it no longer matters do."""
    cleared = []
    relaxing = reading.covered({"relaxed"})
    fields = [m for m in reading.of("field") if m.start not in relaxing]  # "ou pas": "ou" is no "où"
    starts = {m.start for m in fields}
    fields += [dataclasses.replace(m, value="remote_only") for m in reading.of("remote") if m.start not in starts]
    for m in fields:
        anyword = None if m.value == "remote_only" else _bound(reading, m, _near(reading, "any", m.start, m.end,
                                                                                 before=True, after=True))
        relaxed = _bound(reading, m, _near(reading, "relaxed", m.start, m.end, before=True, after=True))
        ok = [o for o in reading.of("ok") if m.end <= o.start <= m.end + NEAR and _bound(reading, m, o)]
        if anyword or relaxed or ok:
            cleared.append(m.value)
            _mark(used, m, anyword, relaxed, *ok, *_negations_inside(reading, m, relaxed))
            _mark(used, *[w for w in reading.of("anymore") if relaxed and w.start == relaxed.end])
    for m in reading.of("anywhere"):  # "anywhere": no place wanted; "anywhere in Germany": just Germany
        if not any(p.end in (m.end, m.end + 1) for p in reading.of("place_prep")):
            cleared.append("places")
        _mark(used, m)
    if cleared:
        values["clear"] = tuple(dict.fromkeys(cleared))


_SUBJECTS = frozenset({"field", "remote", "agency"})


def _bound(reading, subject, modifier):
    """``modifier`` when it bears on ``subject``: no other field stands between them ("remote only, salary
    doesn't matter" lets go of the salary, not of remote); else None."""
    if modifier is None:
        return None
    low, high = (subject.end, modifier.start) if subject.end <= modifier.start else (modifier.end, subject.start)
    between = any(m.category in _SUBJECTS and low <= m.start and m.end <= high and m.start != subject.start
                  for m in reading.matches)
    # Said after a field, it bears on that one ("salary doesn't matter, remote only"), not on the next.
    taken = modifier.end <= subject.start and any(
        m.category in _SUBJECTS and m.end <= modifier.start <= m.end + NEAR for m in reading.matches)
    return None if between or taken else modifier


def _negations_inside(reading, field_match, relaxed) -> list:
    """The "not" of "remote or not" and of "isn't required": part of the letting go, no exclusion."""
    if relaxed is None:
        return []
    low, high = min(field_match.start, relaxed.start), max(field_match.end, relaxed.end)
    return [n for n in reading.of("neg") if low <= n.start and n.end <= high]


def _remote(reading, values, used) -> None:
    for m in reading.of("remote"):
        if any(i in used for i in range(m.start, m.end)):  # "fully remote is ok too" cleared it
            continue
        values["remote_only"] = neg_before(reading, m.start) is None
        _mark_negation(used, neg_before(reading, m.start), m.start)
        _mark(used, m)
        _mark(used, *[o for o in reading.of("only") if o.end == m.start or o.start == m.end])


def _agencies(reading, values, used) -> None:
    for m in reading.of("agency"):
        if m.start in used:
            continue
        ok = _bound(reading, m, _near(reading, "ok", m.start, m.end, before=False, after=True)
                    or _near(reading, "relaxed", m.start, m.end, before=True, after=True))  # "agencies don't matter"
        neg = neg_before(reading, m.start)
        if ok or neg:
            values["no_agencies"] = ok is None
            _mark(used, m, ok, *_negations_inside(reading, m, ok))
            _mark_negation(used, neg if ok is None else None, m.start)


def _salary(reading, values, used) -> None:
    """The lowest yearly amount asked for ("between 50k and 70k" -> 50,000); a ceiling ("up to 80k")
    is read and ignored, Preferences keeping a minimum only."""
    wanted = []
    for amount in reading.amounts:
        at = [i for i, t in enumerate(reading.tokens) if amount.start <= t.start < amount.end]
        if not at or at[0] in used:
            continue
        cue = next((m for m in reading.of("salary_min") if at[0] - 1 <= m.end <= at[0]), None) \
            or next((m for m in reading.of("salary_min") if m.start == at[-1] + 1), None)  # "50k minimum"
        ceiling = next((m for m in reading.of("salary_max") if m.end == at[0]
                        and not (cue and cue.start < m.start)), None)
        if ceiling is not None and (amount.marked or amount.value >= 10):
            used.update(at)
            _mark(used, ceiling)
            continue
        if not (amount.marked or cue):
            continue
        value = amount.value * 1000 if 10 <= amount.value < 1000 and not amount.marked else amount.value
        month = next((m for m in reading.of("month") if at[-1] < m.start <= at[-1] + 2), None)
        if month is not None:
            value *= 12
        if value < 1000:
            continue
        wanted.append((int(value), amount.currency))
        used.update(at)
        _mark(used, cue, month)
        _mark(used, *[n for n in reading.of("neg") if cue and n.end == cue.start])
    if wanted:
        lowest = min(wanted, key=lambda found: found[0])
        values["min_salary"] = lowest[0]
        values["salary_currency"] = lowest[1] or next((currency for _, currency in wanted if currency), None)


def _seniority_steps(reading, values, used) -> None:
    for category, step in (("seniority_less", -1), ("seniority_more", 1)):
        for m in reading.of(category):
            values["seniority_step"] = step
            _mark(used, m)


def _job_types(reading, values, used) -> None:
    found = []
    for m in reading.of("job_type"):
        if neg_before(reading, m.start) is not None:  # "no internships": no field says "not this type"
            _mark(used, m)
            _mark_negation(used, neg_before(reading, m.start), m.start)
        elif m.start not in used:
            found.append(m.value)
            _mark(used, m, *[o for o in reading.of("only") if o.end == m.start or o.start == m.end])
    if found:
        values["job_types"] = tuple(dict.fromkeys(found))


def _places(reading, values, used) -> tuple[int, int] | None:
    """Places to exclude ("not in London") or keep ("only in Berlin") go into ``values``; the place a
    search names ("in London") is returned as a token span. A place joined to the one before by
    "or"/"and"/"," shares its role ("not in Berlin or Munich")."""
    preps = {m.end: m for m in reading.of("place_prep")}
    # A lexicon word is no place ("solo", "nur", "nice"), unless capitalised after a preposition ("à Nice").
    lexical = reading.covered({m.category for m in reading.matches} - {"place_prep"})
    blocked = used | {i for i in lexical if not (i in preps and reading.tokens[i].text[:1].isupper())}
    fences = {m.end for m in reading.matches if m.category in ("neg", "only", "polite")}
    found: dict[str, list[str]] = {"excluded": [], "kept": []}
    location, previous = None, None  # previous: (end, role) of the last place
    i = 0
    while i < len(reading.tokens):
        joined = previous is not None and _joined(reading, previous[0], i)  # "Paris, Lyon or Nice"
        after_word = i in preps or i in fences or joined
        free = blocked - {i} if joined and reading.tokens[i].text[:1].isupper() else blocked
        end = _place_end(reading, i, free, after_word=after_word) if i not in used else None
        if end is None:
            i += 1
            continue
        role = previous[1] if joined else _role(reading, i, end, used)
        if joined:
            used.update(range(previous[0], i))  # the "or" between them
        if role == "location":
            location = (location[0], end) if joined and location else (i, end)
        else:
            found[role].append(reading.span(i, end))
        previous = (end, role)
        used.update(range(i, end))
        _mark(used, preps.get(i))
        i = end
    if found["excluded"]:
        values["excluded_places"] = tuple(found["excluded"])
    if found["kept"]:
        values["places"] = tuple(found["kept"])
    return location


def _place_end(reading, i: int, blocked: set[int], *, after_word: bool) -> int | None:
    """Where a place starting at token ``i`` ends: after "in"/"not"/"only", capitalised, or (lower
    case, as chat is typed) at the very end of the message ("software developer berlin")."""
    capital = reading.tokens[i].text[:1].isupper()
    last = i >= len(reading.tokens) - MAX_TRAILING_PLACE_WORDS
    if not (after_word or capital or last):
        return None
    end = place_at(reading, i, blocked, strict=not after_word)
    if end is not None and not (after_word or capital) and end != len(reading.tokens):
        return None
    return end


_ALSO = frozenset({"also", "auch", "aussi", "tambien"})


def _role(reading, i: int, end: int, used: set[int]) -> str:
    """"excluded" after a negation, "kept" after "only"/"also" (or before "only"), else "location"."""
    neg = neg_before(reading, i)
    if neg is not None:
        _mark_negation(used, neg, i)
        return "excluded"
    only = next((m for m in reading.of("only") if m.end in (i, i - 1) or m.start == end), None)
    also = next((m for m in reading.of("polite") if m.end in (i, i - 1) and reading.tokens[m.start].key in _ALSO),
                None)
    if only is not None or also is not None:
        _mark(used, only, also)
        return "kept"
    return "location"


def _joined(reading, end: int, start: int) -> bool:
    """True when only a conjunction, comma or preposition stands between two places."""
    between = reading.tokens[end:start]
    return 0 < len(between) <= 2 and all(t.key in _CONJUNCTIONS or t.key in (",", "in", "en", "a") for t in between)


def _companies(reading, values, used) -> None:
    lexical = reading.covered({m.category for m in reading.matches} - {"company_prep"})
    companies = []
    for neg in reading.of("neg"):
        if neg.start in used and neg.end - 1 in used:
            continue
        at = neg.end
        explicit = neg.end - neg.start > 1 or reading.tokens[neg.start].key in ("exclude", "excluding", "avoid",
                                                                                 "ausschliessen", "exclure", "excluir")
        while at < len(reading.tokens) and (reading.tokens[at].key in {"jobs", "job", "stellen", "offres", "ofertas"}
                                            or any(m.start == at for m in reading.of("company_prep"))):
            explicit = True
            at += 1
        names = [(s, e) for s, e in _names_from(reading, at, lexical | used) if _could_be_company(reading.span(s, e))]
        if not names or not (explicit or reading.tokens[at].text[:1].isupper()):
            continue
        companies.extend(reading.span(s, e) for s, e in names)
        used.update(range(neg.start, names[-1][1]))
    if companies:
        values["excluded_companies"] = tuple(dict.fromkeys(companies))


# Endings of German (capitalised) common nouns: "ohne Schichtarbeit" names no company.
_NOUN_ENDINGS = ("arbeit", "ung", "heit", "keit", "schaft", "dienst", "zeit", "tion", "stelle", "stellen")


def _could_be_company(name: str) -> bool:
    """False for a role, skill or field ("no Python") and for a German common noun by its ending."""
    return not names_role(name) and not name.lower().endswith(_NOUN_ENDINGS)


def _names_from(reading, start: int, lexical: set[int]) -> list[tuple[int, int]]:
    """Token spans of names from ``start``: words up to punctuation, split at "or"/"and"/","."""
    names, begin, at = [], start, start
    while at < len(reading.tokens):
        token = reading.tokens[at]
        if token.key in _CONJUNCTIONS or token.key == ",":
            if at > begin:
                names.append((begin, at))
            begin = at + 1
        elif not token.is_word or at in lexical or at - begin >= MAX_COMPANY_WORDS:
            break
        at += 1
    if at > begin:
        names.append((begin, at))
    return names
