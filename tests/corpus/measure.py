"""Score the CV reader on the corpus: per-field accuracy against ``answers.json``.

Shared by ``bench/cv_accuracy.py`` (figures, misses, timing) and
``tests/domain/cv/test_corpus_accuracy.py`` (floors). Matching rules, per field:

- name: equal after Unicode NFC, casefold and whitespace collapse, with a leading academic title
  ("Dr.", "Prof.", "Dr.-Ing.", "Dipl.-Ing.") removed from both sides.
- email: equal after casefold.
- phone: the extracted phone, parsed by ``phonenumbers`` with the CV's country as region, has the
  expected E.164 number.
- location: the expected city occurs in the extracted location, accent- and case-insensitive.
- title: normalised (accents, case, punctuation, spaces) equal to the headline or to the current role
  (``title`` / ``title_alternatives``), or one contains the other as whole words when both have ≥ 2 words.
- years: within ±1 of the union of the experience ranges in months / 12, a closed range counting its
  end month, an open one running to the current month of ``today``.
- skills: an extracted skill matches an expected one when their keys meet; a skill's keys are its
  casefolded letters and digits (punctuation and spaces removed) and the same of its canonical form
  from ``domain.cv.skills.canonical_skill`` when the vocabulary knows it. Precision and recall are
  summed over the corpus (micro averages).
- languages (extra): recall of the spoken languages by English name.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import phonenumbers

from domain.cv.skills import canonical_skill
from domain.cv.types import CandidateProfile

CORPUS = Path(__file__).parent
FIELDS = ("name", "email", "phone", "location", "title", "years")
_TITLES = re.compile(r"^(?:(?:prof|dr|dipl)\.?(?:-ing\.?)?\s+)+", re.IGNORECASE)


def load_answers() -> dict[str, dict]:
    """``{file id: answer}`` from ``answers.json``."""
    return json.loads((CORPUS / "answers.json").read_text(encoding="utf-8"))


def pdf_path(file_id: str) -> Path:
    return CORPUS / "pdfs" / f"{file_id}.pdf"


def _fold(text: str) -> str:
    """Accents stripped, casefolded, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def _name_key(text: str) -> str:
    return _TITLES.sub("", " ".join(unicodedata.normalize("NFC", text).casefold().split()))


def name_ok(got: str | None, want: str) -> bool:
    return bool(got) and _name_key(got) == _name_key(want)


def email_ok(got: str | None, want: str) -> bool:
    return bool(got) and got.strip().casefold() == want.casefold()


def phone_ok(got: str | None, want_e164: str, country: str) -> bool:
    if not got:
        return False
    try:
        number = phonenumbers.parse(got, country)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == want_e164


def location_ok(got: str | None, city: str) -> bool:
    return bool(got) and _fold(city) in _fold(got)


def _title_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", _fold(text)).split())


def title_ok(got: str | None, wants: list[str]) -> bool:
    if not got:
        return False
    g = _title_key(got)
    for want in wants:
        w = _title_key(want)
        if g == w:
            return True
        if len(g.split()) >= 2 and len(w.split()) >= 2 and (f" {w} " in f" {g} " or f" {g} " in f" {w} "):
            return True
    return False


def expected_years(ranges: list[dict], today: date) -> float:
    """Union of ``{"start": "YYYY-MM", "end": "YYYY-MM" | None}`` ranges in years."""
    now = today.year * 12 + today.month - 1
    months: set[int] = set()
    for r in ranges:
        y, m = map(int, r["start"].split("-"))
        start = y * 12 + m - 1
        if r["end"] is None:
            end = now
        else:
            ey, em = map(int, r["end"].split("-"))
            end = ey * 12 + em - 1
        months.update(range(start, end + 1))
    return len(months) / 12


def years_ok(got: float | None, ranges: list[dict], today: date) -> bool:
    return got is not None and abs(got - expected_years(ranges, today)) <= 1.0


def _skill_keys(skill: str) -> set[str]:
    keys = {re.sub(r"[\W_]+", "", skill.casefold())}
    canonical = canonical_skill(skill)
    if canonical:
        keys.add(re.sub(r"[\W_]+", "", canonical.casefold()))
    return keys - {""}


def skill_counts(got: list[str], want: list[str]) -> tuple[int, int, int, int, list[str], list[str]]:
    """``(matched extracted, extracted, matched expected, expected, false positives, missed)``."""
    want_keys = [_skill_keys(s) for s in want]
    got_keys = [_skill_keys(s) for s in got]
    all_want = set().union(*want_keys) if want_keys else set()
    all_got = set().union(*got_keys) if got_keys else set()
    extra = [s for s, k in zip(got, got_keys) if not k & all_want]
    missed = [s for s, k in zip(want, want_keys) if not k & all_got]
    return len(got) - len(extra), len(got), len(want) - len(missed), len(want), extra, missed


@dataclass
class FileScore:
    file_id: str
    answer: dict
    profile: CandidateProfile | None
    error: str = ""
    ok: dict[str, bool] = field(default_factory=dict)
    skills: tuple = (0, 0, 0, 0, [], [])
    languages: tuple[int, int] = (0, 0)


def score_file(file_id: str, answer: dict, profile: CandidateProfile | None, today: date,
               error: str = "") -> FileScore:
    """Score one file's profile (``None`` when reading failed: every field a miss)."""
    score = FileScore(file_id, answer, profile, error)
    if profile is None:
        score.ok = {f: False for f in FIELDS}
        score.skills = (0, 0, 0, len(answer["skills"]), [], list(answer["skills"]))
        score.languages = (0, len(answer["languages"]))
        return score
    a = answer
    score.ok = {
        "name": name_ok(profile.name, a["name"]),
        "email": email_ok(profile.email, a["email"]),
        "phone": phone_ok(profile.phone, a["phone_e164"], a["country"]),
        "location": location_ok(profile.location, a["city"]),
        "title": title_ok(profile.title, [a["title"], *a["title_alternatives"]]),
        "years": years_ok(profile.years_experience, a["experience"], today),
    }
    score.skills = skill_counts(list(profile.skills), a["skills"])
    got_langs = {x.casefold() for x in profile.languages}
    score.languages = (sum(1 for x in a["languages"] if x.casefold() in got_langs), len(a["languages"]))
    return score


def summarise(scores: list[FileScore]) -> dict[str, float]:
    """Per-field accuracy (0..1), skills precision/recall (micro), languages recall, and file count."""
    n = len(scores) or 1
    out = {f: sum(s.ok[f] for s in scores) / n for f in FIELDS}
    tp_got = sum(s.skills[0] for s in scores)
    n_got = sum(s.skills[1] for s in scores)
    tp_want = sum(s.skills[2] for s in scores)
    n_want = sum(s.skills[3] for s in scores)
    out["skills_precision"] = tp_got / n_got if n_got else 0.0
    out["skills_recall"] = tp_want / n_want if n_want else 0.0
    lang_hit, lang_all = sum(s.languages[0] for s in scores), sum(s.languages[1] for s in scores)
    out["languages_recall"] = lang_hit / lang_all if lang_all else 0.0
    out["files"] = len(scores)
    return out


def measure(today: date | None = None) -> list[FileScore]:
    """Read every corpus PDF with ``build_profile`` and score it."""
    from domain.cv.profile import build_profile
    today = today or date.today()
    scores = []
    for file_id, answer in sorted(load_answers().items()):
        data = pdf_path(file_id).read_bytes()
        try:
            profile, error = build_profile(data), ""
        except Exception as exc:  # a read failure is a miss on every field, and is shown
            profile, error = None, f"{type(exc).__name__}: {exc}"
        scores.append(score_file(file_id, answer, profile, today, error))
    return scores
