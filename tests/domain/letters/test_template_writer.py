"""The template writer: names company, role and real skills; a skill the CV lacks only as the posting's."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter

import pytest

from domain.cv.fields import profile_from_text
from domain.cv.profile import build_profile
from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.checks import check_text, invented_skills
from domain.letters.language import LETTER_LANGUAGES, detect_language
from domain.letters.template import TemplateLetterWriter
from domain.letters.types import LetterDocument
from domain.ranking import score_job
from tests.corpus.measure import CORPUS
from tests.support.labelled_ranking import PERSONAS, build_postings

PROFILE = CandidateProfile(name="Jürgen Müller", title="Python Backend Developer", years_experience=6,
                           skills=["Python", "Django", "PostgreSQL", "Docker"], languages=["German", "English"])
JOB_EN = JobPosting(job_id="e1", title="Senior Backend Engineer", company_name="Acme Ltd", location="Berlin",
                    description="We are looking for an engineer with Python, Django, Kubernetes and AWS experience "
                                "to join our team and build the platform.")
JOB_DE = JobPosting(job_id="d1", title="Python-Entwickler (m/w/d)", company_name="Beispiel GmbH",
                    description="Wir suchen dich für unser Team in Berlin. Du hast Erfahrung mit Python und "
                                "Postgres, Kenntnisse in Kubernetes sind ein Plus. Wir bieten dir flexible Arbeitszeiten.")
JOB_FR = JobPosting(job_id="f1", title="Développeur Python (H/F)", company_name="Exemple SAS",
                    description="Nous recherchons pour notre équipe un développeur avec une expérience en Python "
                                "et Django. Vous travaillerez avec les équipes produit sur la plateforme.")


def test_letter_names_company_role_matched_skills_and_experience():
    doc = TemplateLetterWriter().write(PROFILE, JOB_EN)
    assert isinstance(doc, LetterDocument) and doc.language == "en" and doc.parts is not None
    assert "Acme Ltd" in doc.cover_letter and "Senior Backend Engineer" in doc.cover_letter
    assert "6 years" in doc.cover_letter and "Python Backend Developer" in doc.cover_letter
    skills_sentence = next(s for p in doc.parts.paragraphs for s in re.split(r"(?<=\.) ", p) if "Django" in s)
    assert "Python" in skills_sentence and re.search(r"\b(?:I|My)\b", skills_sentence)
    assert doc.cover_letter.rstrip().endswith("Jürgen Müller")
    assert "Acme Ltd" in doc.cv_summary and "Python" in doc.cv_summary


def test_missing_required_skills_are_named_as_the_postings_never_as_the_candidates():
    doc = TemplateLetterWriter().write(PROFILE, JOB_EN)
    (gap,) = [p for p in doc.parts.paragraphs if "Kubernetes" in p]
    assert "Kubernetes and AWS" in gap and "you" in gap.split(".")[0] and "I " not in gap.split(".")[0]
    assert "learn" in gap
    assert invented_skills(doc.cover_letter + "\n" + doc.cv_summary, PROFILE, JOB_EN) == []
    assert check_text(doc.cover_letter + "\n" + doc.cv_summary, PROFILE, JOB_EN).ok


def test_a_precomputed_score_is_used_but_cannot_smuggle_in_foreign_skills():
    ranked = score_job(PROFILE, JOB_EN)
    forged = type(ranked)(ranked.score, ranked.matched_skills + ["Kubernetes"], [], ranked.reason)
    doc = TemplateLetterWriter().write(PROFILE, JOB_EN, forged)
    assert invented_skills(doc.cover_letter, PROFILE, JOB_EN) == [] and "Python" in doc.cover_letter
    assert "Kubernetes" not in doc.cv_summary


def test_no_letter_for_any_persona_and_posting_names_a_skill_absent_from_the_profile():
    writer, postings = TemplateLetterWriter(), [job for _, job in build_postings()]
    checked = 0
    for persona in PERSONAS:
        for job in postings:
            doc = writer.write(persona.profile, job)
            assert invented_skills(doc.cover_letter + "\n" + doc.cv_summary, persona.profile, job) == []
            assert job.company_name in doc.cover_letter and job.title in doc.cover_letter
            checked += 1
    assert checked >= 600


def test_german_posting_gets_a_german_letter():
    doc = TemplateLetterWriter().write(PROFILE, JOB_DE)
    assert doc.language == "de" and "\n\nSehr geehrte Damen und Herren,\n\n" in doc.cover_letter
    assert "Python-Entwickler (m/w/d)" in doc.cover_letter and "Mit freundlichen Grüßen" in doc.cover_letter
    assert "6 Jahre Berufserfahrung" in doc.cover_letter and "Python und PostgreSQL" in doc.cover_letter
    assert doc.parts.paragraphs[0][0].islower()  # after "…Herren," the letter goes on in lower case
    assert "Sprachen: Deutsch, Englisch." in doc.cv_summary


def test_french_posting_gets_a_french_letter_and_english_stays_english():
    assert "\n\nMadame, Monsieur,\n\n" in TemplateLetterWriter().write(PROFILE, JOB_FR).cover_letter
    assert "\n\nDear Hiring Team,\n\n" in TemplateLetterWriter().write(PROFILE, JOB_EN).cover_letter


@pytest.mark.parametrize("text,title,lang", [
    ("Wir suchen eine Pflegefachkraft für unser Team mit Erfahrung in der Intensivpflege.", "", "de"),
    ("Nous recherchons un comptable pour notre cabinet, avec une expérience des clôtures.", "", "fr"),
    ("We are hiring a nurse for our ward with experience in intensive care.", "", "en"),
    ("", "Buchhalter (m/w/d)", "de"),
    ("", "", "en"),
])
def test_language_detection(text, title, lang):
    assert detect_language(text, title) == lang


def test_sparse_profile_still_gets_a_sensible_letter():
    doc = TemplateLetterWriter().write(CandidateProfile(), JOB_EN)
    assert "Acme Ltd" in doc.cover_letter and "None" not in doc.cover_letter + doc.cv_summary
    assert doc.cover_letter.rstrip().endswith("Kind regards,")
    assert check_text(doc.cover_letter, CandidateProfile(), JOB_EN).ok
    assert sum(len(p.split()) for p in doc.parts.paragraphs) < 120  # nothing to say is not padded


# --- letters from evidence -------------------------------------------------------------------

ON = dt.date(2026, 11, 30)
RICH_CV = """Lena Fischer
Senior Backend Engineer
lena.fischer@example.com · +49 30 1234 5678 · Berlin, Germany
Summary
Backend engineer who builds reliable services for online shops and payment platforms.
Experience
Senior Backend Engineer, Zalando SE
03/2019 – present
• Built the order service in Python and FastAPI on Kubernetes, handling 2 million orders a day.
• Cut PostgreSQL query latency by 60% with better indexing and query plans.
• Introduced contract tests in the CI pipeline that halved failed releases.
• Mentored four junior engineers through their first year.
Backend Developer, SoundCloud
09/2015 – 02/2019
• Built REST APIs in Python and Django for the mobile apps.
• Moved 30 services from a data centre to AWS with Terraform.
Junior Developer, Delivery Hero
06/2013 – 08/2015
• Wrote the first Redis cache for the restaurant search, cutting response times by 40%.
Education
M.Sc. Computer Science, TU Berlin (2011 – 2013)
Skills
Python, Django, FastAPI, PostgreSQL, Kubernetes, Docker, Redis, AWS, Terraform, Git
Languages
German (native), English (C1), Spanish (B1)
"""
RICH = profile_from_text(RICH_CV, today=ON)
RICH_JOB = JobPosting(
    job_id="x1", title="Senior Python Engineer", company_name="Falkenstein Software GmbH", location="Frankfurt",
    via="via StepStone", description="We build a logistics platform.",
    highlights=[{"title": "Qualifications", "items": [
        "5+ years of experience as a Python Developer", "Solid experience with Docker", "Hands-on with Django",
        "Good knowledge of AWS and Kafka", "Master's degree in computer science", "Fluent German (C1) and good English"]},
        {"title": "Responsibilities", "items": ["Design and build REST APIs and background jobs in Python."]}])


def _words(doc) -> int:
    return sum(len(p.split()) for p in doc.parts.paragraphs)


def test_a_cv_with_enough_evidence_gets_a_letter_of_200_to_350_words_quoting_its_achievements():
    doc = TemplateLetterWriter().write(RICH, RICH_JOB, on=ON)
    assert 200 <= _words(doc) <= 350
    body = "\n".join(doc.parts.paragraphs)
    # The strongest lines, quoted with their figures exactly as the CV has them, under their jobs.
    assert "built the order service in Python and FastAPI on Kubernetes, handling 2 million orders a day." in body
    assert "cut PostgreSQL query latency by 60% with better indexing and query plans." in body
    assert "Senior Backend Engineer at Zalando SE" in body and "Backend Developer at SoundCloud" in body
    assert "on StepStone" in doc.parts.paragraphs[0]  # where the posting was seen
    assert "M.Sc. Computer Science, TU Berlin" in body and "German and English (C1)" in body
    assert "Kafka" in doc.parts.paragraphs[-2] and "Spanish" not in body  # Spanish: the posting does not ask
    assert check_text(doc.cover_letter, RICH, RICH_JOB).ok


def test_the_skills_sentence_names_only_skills_no_other_sentence_named():
    doc = TemplateLetterWriter().write(RICH, RICH_JOB, on=ON)
    sentences = [s for p in doc.parts.paragraphs for s in re.split(r"(?<=[.!?]) ", p)]
    (listing,) = [s for s in sentences if "hands-on experience with" in s or "work confidently with" in s]
    assert "Docker" in listing and "Python" not in listing and "Django" not in listing
    for skill in ("Docker", "Terraform", "Redis"):
        assert sum(skill in s for s in sentences) <= 1


def test_cv_lines_in_another_language_are_cited_by_job_and_skills_not_pasted():
    doc = TemplateLetterWriter().write(RICH, RICH_JOB, language="de", on=ON)
    body = "\n".join(doc.parts.paragraphs)
    for line in ("Built the order service", "Cut PostgreSQL query latency", "Moved 30 services"):
        assert line.casefold() not in body.casefold()
    assert "als Senior Backend Engineer bei Zalando SE" in body and "Als Backend Developer bei SoundCloud" in body
    assert "Kubernetes" in body and "Terraform" in body
    assert check_text(doc.cover_letter, RICH, RICH_JOB).ok


def test_variants_are_chosen_by_job_and_candidate_and_stay_the_same_for_the_same_pair():
    writer = TemplateLetterWriter()
    openings = set()
    for n in range(8):
        job = JobPosting(**{**RICH_JOB.to_dict(), "job_id": f"x{n}"})
        first = writer.write(RICH, job, on=ON)
        assert first == writer.write(RICH, job, on=ON)
        openings.add(first.parts.paragraphs[0].split(".")[0])
    assert len(openings) >= 2


# Measured 16 % (15 of 96) after letters quote posting tasks, the company's words and the CV's dates;
# 0 % before. The 200-350 needs more CV lines than the corpus CVs have (see the test's doc).
SHARE_FLOOR = 0.15


@pytest.fixture(scope="module")
def corpus_profiles() -> dict[str, CandidateProfile]:
    return {path.stem: build_profile(path.read_bytes()) for path in sorted((CORPUS / "pdfs").glob("*.pdf"))}


def test_corpus_cv_letters_in_all_seven_languages_state_no_unsupported_claim(corpus_profiles):
    """Every corpus CV (48 PDFs, seven CV languages) to four offline postings, each letter forced into
    one of the seven languages in turn: 192 letters, none with a claim the CV does not back."""
    from domain.jobs.offline_source import DATA_FILE  # noqa: PLC0415

    postings = [JobPosting.from_dict(p) for p in json.loads(DATA_FILE.read_text())]
    writer, failures, seen = TemplateLetterWriter(), [], Counter()
    for n, (file_id, profile) in enumerate(sorted(corpus_profiles.items())):
        for k in range(4):
            job = postings[(n * 29 + k * 83) % len(postings)]
            lang = LETTER_LANGUAGES[(n + k) % 7]
            doc = writer.write(profile, job, language=lang, on=ON)
            assert doc.language == lang and doc.cover_letter == doc.parts.as_text()
            seen[lang] += 1
            report = check_text(f"{doc.cover_letter}\n\n{doc.cv_summary}", profile, job)
            failures += [f"{file_id}/{job.job_id}/{lang}: {u}" for u in report.unsupported]
    assert min(seen.values()) >= 25 and len(seen) == 7
    assert failures == []


def test_corpus_cv_letters_in_the_cvs_language_reach_200_to_350_words_where_the_cv_allows(corpus_profiles):
    """Each corpus CV to its two best-matching postings, the letter in the CV's language (as a user
    writes it): nothing unsupported, never over 350 words, and a floor on the share in 200-350.
    The floor is what the corpus allows without padding: its CVs hold one or two lines a job, and
    the ES/IT/NL/PT letters go to EN/DE/FR postings whose words are not quoted across languages."""
    from domain.jobs.offline_source import DATA_FILE  # noqa: PLC0415

    postings = [JobPosting.from_dict(p) for p in json.loads(DATA_FILE.read_text())]
    writer, failures, counts = TemplateLetterWriter(), [], []
    for file_id, profile in sorted(corpus_profiles.items()):
        lang = file_id[:2]
        for job in sorted(postings, key=lambda p: -score_job(profile, p).score)[:2]:
            doc = writer.write(profile, job, language=lang, on=ON)
            counts.append(len(re.findall(r"\w+(?:[-'’]\w+)*", "\n\n".join(doc.parts.paragraphs))))
            report = check_text(f"{doc.cover_letter}\n\n{doc.cv_summary}", profile, job)
            failures += [f"{file_id}/{job.job_id}/{lang}: {u}" for u in report.unsupported]
    assert failures == [] and max(counts) <= 350
    share = sum(200 <= n <= 350 for n in counts) / len(counts)
    print(f"corpus letters in 200-350 words: {share:.0%} of {len(counts)}")
    assert share >= SHARE_FLOOR



# --- claims a first-time user caught (issue 11 findings) --------------------------------------------

FIELD_CV = RICH_CV.replace("Python, Django, FastAPI, PostgreSQL, Kubernetes, Docker, Redis, AWS, Terraform, Git",
                           "Python, Django, DevOps, Data Analysis, Docker, Redis, Git")
FIELD_JOB = JobPosting(
    job_id="x2", title="Platform Engineer", company_name="Thames Cloud Ltd", location="London",
    description="We run a cloud platform.",
    highlights=[{"title": "Qualifications", "items": ["DevOps", "Data Analysis", "Docker", "Git", "Redis"]}])
_WORK_WITH = re.compile(r"(?:work confidently with|hands-on experience with|arbeite ich sicher mit|Erfahrung mit|"
                        r"Je maîtrise également|tengo experiencia con|esperienza con|werk ik vlot met|ervaring met|experiência com)"
                        r" ([^.]+)\.")


@pytest.mark.parametrize("lang", LETTER_LANGUAGES)
def test_general_fields_are_never_what_the_candidate_works_with_only_tools_are(lang):
    profile = profile_from_text(FIELD_CV, today=ON)
    doc = TemplateLetterWriter().write(profile, FIELD_JOB, language=lang, on=ON)
    listed = [s for m in _WORK_WITH.finditer(doc.cover_letter) for s in re.split(r",\s*|\s+\w+\s+", m.group(1))]
    assert "Docker" in doc.cover_letter and listed
    assert not {"DevOps", "Data Analysis", "data analysis"} & set(listed)
    assert "DevOps" in doc.cover_letter  # named as what the experience covers


def test_a_skill_the_ranking_calls_missing_is_never_claimed():
    profile = profile_from_text(FIELD_CV, today=ON)
    ranked = score_job(profile, FIELD_JOB)
    forged = type(ranked)(ranked.score, [s for s in ranked.matched_skills if s != "DevOps"],
                          [*ranked.missing_skills, "DevOps"], ranked.reason)
    doc = TemplateLetterWriter().write(profile, FIELD_JOB, forged, on=ON)
    assert "DevOps" not in "\n".join(doc.parts.paragraphs) and "Docker" in doc.cover_letter


def test_the_gap_line_names_no_skill_the_cv_speaks_of_and_agrees_in_number():
    cv = RICH_CV.replace("• Built REST APIs in Python and Django for the mobile apps.",
                         "• Developed the recommendations API in Python for the mobile apps.")
    job = JobPosting(job_id="x3", title="Backend Engineer", company_name="Acme Ltd", description="We build APIs.",
                     highlights=[{"title": "Qualifications", "items": ["Python", "REST APIs", "Microservices"]}])
    doc = TemplateLetterWriter().write(profile_from_text(cv, today=ON), job, on=ON)
    assert "REST APIs" not in doc.cover_letter
    (gap,) = [p for p in doc.parts.paragraphs if "icroservices" in p]
    assert "used them" in gap or "They are" in gap


def test_a_letter_in_another_language_than_the_cv_cites_the_current_job_by_its_skills():
    cv = """Lucía Gómez
Desarrolladora Frontend
lucia.gomez@example.es · Madrid
Experiencia
Desarrolladora Frontend, Cabify
06/2021 – actualidad
• Desarrollo de la aplicación web de pasajeros con React y TypeScript, usada por miles de usuarios.
Desarrolladora Web Junior, Idealista
09/2019 – 05/2021
• Mantenimiento del portal con JavaScript, HTML y CSS.
Conocimientos
React, TypeScript, JavaScript, HTML, CSS
"""
    job = JobPosting(job_id="x4", title="Frontend Developer (React)", company_name="Albion Software Ltd",
                     description="We build fast web apps.", highlights=[
                         {"title": "Responsibilities", "items": ["Build accessible user interfaces in React and TypeScript."]},
                         {"title": "Qualifications", "items": ["React", "TypeScript", "CSS"]}])
    doc = TemplateLetterWriter().write(profile_from_text(cv, today=ON), job, language="en", on=ON)
    body = "\n".join(doc.parts.paragraphs)
    current = body[body.index("Cabify"):body.index("Idealista")]
    assert "React" in current.split(".", 1)[1] and "TypeScript" in current.split(".", 1)[1]


@pytest.mark.parametrize("lang", LETTER_LANGUAGES)
def test_no_two_sentences_of_a_letter_open_with_the_same_two_words(lang):
    """'Dazu gehört außerdem: … Ebenso gehört dazu: …' read as a form: each frame opens differently."""
    doc = TemplateLetterWriter().write(RICH, RICH_JOB, language=lang, on=ON)
    frames = [s for p in doc.parts.paragraphs for s in re.split(r"(?<=[.!?»“])\s+", p)]
    openers = [" ".join(re.findall(r"\w+", s.casefold())[:2]) for s in frames if len(s.split()) > 3]
    repeated = {o for o in openers if openers.count(o) > 1}
    assert not repeated, repeated
