"""The tailored CV: the candidate's own content reordered and trimmed for one job, on one page,
as PDF and DOCX — never a skill, employer, title, degree or figure the CV does not contain."""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pypdf
import pytest
from docx import Document

from domain.cv.outline_types import CvOutline, EducationEntry, WorkEntry
from domain.cv.profile import build_profile
from domain.cv.skills import find_skills
from domain.cv.types import CandidateProfile
from domain.jobs.offline_source import OfflineJobSource
from domain.jobs.types import JobPosting
from domain.letters.checks import check_text
from domain.letters.cv_labels import CV_LABELS, SECTIONS
from domain.letters.documents import render_application
from domain.letters.tailored_cv import shorten_at_sentences, tailor_cv, tailor_outline
from domain.letters.tailored_cv_docx import render_cv_docx
from domain.letters.tailored_cv_render import fit_one_page, render_cv_pdf, trim_once
from domain.letters.template import language_name
from domain.letters.types import LetterDocument, TailoredCv
from domain.ranking import score_job
from domain.ranking.features import skill_key

CORPUS = Path(__file__).parents[2] / "corpus" / "pdfs"
TODAY = dt.date(2026, 11, 30)
JOB = JobPosting(job_id="k1", title="Backend Engineer (Python)", company_name="Initech GmbH", location="Berlin",
                 description="You build APIs in Python with Django and PostgreSQL, run them on Kubernetes "
                             "and stream events through Kafka. Experience with Terraform is a plus.")


def _job_entry(role, employer, dates, start, end, lines):
    return WorkEntry(role=role, employer=employer, dates=dates, start=dt.date(*start, 1),
                     end=dt.date(*end, 1) if end else None, lines=tuple(lines), head=(f"{role}, {employer}", dates))


# A long career: more than a page, with one old job that matches the posting better than a recent one.
ENTRIES = (
    _job_entry("Engineering Manager", "Globex Logistics AG", "01/2023 – present", (2023, 1), None, [
        "Lead a team of 9 engineers across two product areas, from hiring and onboarding to the yearly reviews "
        "and the promotion cases that go with them.",
        "Introduced quarterly planning with the product managers and a hiring loop with structured interviews "
        "that the other engineering teams of the company later adopted.",
        "Own the budget for cloud spend and vendor contracts, and report on both to the finance department "
        "every month together with the forecast for the next quarter.",
        "Mentor four senior engineers towards staff roles through regular one-to-ones, shared design reviews and "
        "stretch projects chosen with each of them.",
        "Run the on-call rotation and the incident reviews, and keep the runbooks of the platform up to date.",
    ]),
    _job_entry("Senior Backend Engineer", "Umbrella Payments GmbH", "03/2019 – 12/2022", (2019, 3), (2022, 12), [
        "Designed the settlement service in Python and Django for 2 million daily transactions, from the data "
        "model to the reconciliation reports the accountants use every morning.",
        "Moved 14 services to Kubernetes and cut deployment time by 70%, with blue-green releases and automatic "
        "rollbacks watched by the team's own dashboards.",
        "Built an event pipeline on Kafka between billing and accounting that replaced a nightly batch job and "
        "its manual corrections.",
        "Wrote the team's guide to code review and ran the workshops that introduced it to the other backend "
        "teams of the payments department.",
        "Organised the internal conference twice, with talks from every engineering team and guests from two "
        "partner companies.",
    ]),
    _job_entry("Frontend Developer", "Hooli Media SE", "01/2017 – 02/2019", (2017, 1), (2019, 2), [
        "Built the editor's interface in React and TypeScript used by the newsroom for every article of the "
        "print and online editions.",
        "Improved page load time by 35% through code splitting and lazy loading of the media library.",
        "Introduced visual regression tests that caught layout breaks before each weekly release.",
    ]),
    _job_entry("Backend Developer", "Vandelay Import KG", "06/2014 – 12/2016", (2014, 6), (2016, 12), [
        "Wrote order APIs in Python with PostgreSQL as the store, used by the web shop and the warehouse "
        "scanners alike.",
        "Automated the infrastructure with Terraform on AWS, replacing a hand-built set of servers that nobody "
        "dared to touch.",
        "Maintained the nightly data exports for 40 wholesale partners and the monitoring that warned when one "
        "of them failed.",
    ]),
    _job_entry("Support Engineer", "Initrode Services GmbH", "09/2011 – 05/2014", (2011, 9), (2014, 5), [
        "Answered customer tickets about the booking system and passed reproducible bug reports to development.",
        "Wrote internal runbooks for the support team covering the twenty most frequent questions.",
    ]),
    _job_entry("IT Trainee", "Kramerica Industries", "09/2010 – 08/2011", (2010, 9), (2011, 8), [
        "Rotated through operations, testing and support.",
    ]),
)
EDUCATION = (EducationEntry("M.Sc. Computer Science", "TU Berlin", "2008 – 2010", ("Thesis on distributed queues.",)),
             EducationEntry("B.Sc. Computer Science", "TU Berlin", "2005 – 2008"))
SUMMARY = ("Backend engineer and manager with fifteen years in payments and logistics. I build reliable services "
           "in Python and lead teams that ship them. I care about clear code, calm on-call and honest planning. "
           "Outside work I teach programming to teenagers.")
CERTIFICATES = ("AWS Certified Solutions Architect", "Certified Kubernetes Administrator (CKA)",
                "Professional Scrum Master I", "ITIL Foundation", "Google Cloud Professional Data Engineer")
SKILLS = ["Python", "Django", "PostgreSQL", "Kubernetes", "Apache Kafka", "Terraform", "AWS", "React", "TypeScript",
          "Docker", "Redis", "Go", "Java", "Linux", "Git", "Jenkins", "GraphQL", "REST APIs", "Scrum", "Jira"]
SKILL_LINE = ("Python, Django, PostgreSQL, Kubernetes, Kafka, Terraform, AWS, React, TypeScript, Docker, Redis, Go, "
              "Java, Linux, Git, Jenkins, GraphQL, REST APIs, Scrum, Jira")
LANGUAGE_LINES = ("German (native)", "English (C2)", "French (B1)")


def _cv_text() -> str:
    lines = ["Mara Oyelaran", "Backend Engineer", "mara.oyelaran@example.org · +49 170 5551234 · Berlin",
             "Profile", SUMMARY, "Experience"]
    for e in ENTRIES:
        lines += [*e.head, *e.lines]
    lines.append("Education")
    for s in EDUCATION:
        lines += [f"{s.degree}, {s.institution}, {s.dates}", *s.lines]
    lines += ["Certificates", *CERTIFICATES, "Skills", SKILL_LINE, "Languages", *LANGUAGE_LINES]
    return "\n".join(lines)


PROFILE = CandidateProfile(name="Mara Oyelaran", email="mara.oyelaran@example.org", phone="+49 170 5551234",
                           location="Berlin", title="Backend Engineer", years_experience=16.2, skills=SKILLS,
                           languages=["German", "English", "French"], summary=SUMMARY, text=_cv_text())
OUTLINE = CvOutline(summary=SUMMARY, experience=ENTRIES, education=EDUCATION, certificates=CERTIFICATES,
                    skill_lines=(SKILL_LINE,), extra={"languages": LANGUAGE_LINES})


def _tailored(language: str | None = None):
    return tailor_outline(PROFILE, OUTLINE, JOB, language=language, today=TODAY)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def _pages(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


# --- choosing and ordering -----------------------------------------------------------------------

def test_skills_the_job_asks_for_come_first_as_the_cv_writes_them():
    cv = _tailored()
    matched = score_job(PROFILE, JOB).matched_skills
    assert {skill_key(s) for s in cv.skills[:len(matched)]} == {skill_key(s) for s in matched}
    assert "Kafka" in cv.skills[:len(matched)] and "Apache Kafka" not in cv.skills  # the CV's own spelling
    assert len(cv.skills) == len(SKILLS)


def test_only_skills_the_cv_names_in_its_own_words_and_none_the_ranking_calls_missing():
    """An employer ("SAP SE", "Sage Group") and a link ("github.com/…") name no skill the person claims;
    a skill of the skills section outside the vocabulary ("Triaje") is the person's own."""
    text = ("Lena Roth\nBackend Engineer\ngithub.com/lroth · Berlin\nExperience\nBackend Engineer — Sage Group, Newcastle\n"
            "2019 – present\n• Built billing APIs in Python with PostgreSQL.\nWerkstudentin — SAP SE, Walldorf\n2016 – 2018\n"
            "• Testskripte in Python.\nSkills\nPython, PostgreSQL, Docker, GitHub Actions, Triaje\n")
    profile = CandidateProfile(name="Lena Roth", title="Backend Engineer", text=text,
                               skills=["Python", "PostgreSQL", "Docker", "SAP", "Sage", "GitHub", "GitHub Actions", "Triaje"])
    ranked = replace(score_job(profile, JOB), missing_skills=["Docker", "Django"])
    cv = tailor_cv(profile, JOB, ranked)
    assert set(cv.skills) == {"Python", "PostgreSQL", "GitHub Actions", "Triaje"}
    assert cv.skills[0] == "Python"  # asked for by the job


def test_relevance_chooses_the_entries_and_their_lines_and_the_career_reads_most_recent_first():
    cv = _tailored()
    employers = [e.employer for e in cv.experience]
    # The five most relevant of six: the old trainee job goes; what stays reads as a career.
    assert employers == ["Globex Logistics AG", "Umbrella Payments GmbH", "Hooli Media SE", "Vandelay Import KG",
                         "Initrode Services GmbH"]
    best = cv.experience[1]  # the payments job names Python, Django, Kubernetes and Kafka: most lines
    assert best.lines[:3] == ENTRIES[1].lines[:3]  # the three skill lines, ahead of the team's guide
    assert len(best.lines) == 4 and all(len(e.lines) < 4 for e in cv.experience if e is not best)
    assert all(set(e.lines) <= set(o.lines) for e in cv.experience for o in ENTRIES if o.employer == e.employer)


def test_entries_the_cv_lists_out_of_order_are_printed_most_recent_first():
    """A CV listing BBC (2016) above Ocado (2019): the tailored CV puts Ocado first, the job most
    relevant to the posting keeps the most lines wherever it stands."""
    shuffled = replace(OUTLINE, experience=(ENTRIES[3], ENTRIES[1], ENTRIES[0]))
    cv = tailor_outline(PROFILE, shuffled, JOB, today=TODAY)
    assert [e.employer for e in cv.experience] == ["Globex Logistics AG", "Umbrella Payments GmbH", "Vandelay Import KG"]
    assert len(cv.experience[1].lines) == 4
    undated = replace(OUTLINE, experience=(replace(ENTRIES[3], start=None), ENTRIES[1]))
    assert [e.employer for e in tailor_outline(PROFILE, undated, JOB, today=TODAY).experience] == [
        "Vandelay Import KG", "Umbrella Payments GmbH"]  # the CV's own order when it cannot be dated


def test_the_summary_is_the_cvs_own_cut_at_sentence_ends():
    cv = _tailored()
    assert SUMMARY.startswith(cv.summary) and cv.summary.endswith(".") and len(cv.summary) <= 420
    assert shorten_at_sentences("Erste Zeile, z. B. mit Python. Zweiter Satz folgt. Dritter.", 40) == \
        "Erste Zeile, z. B. mit Python."
    assert shorten_at_sentences("Plattform für 2 Mio. Kunden, ca. 40 Teams. Zweiter Satz.", 30) == \
        "Plattform für 2 Mio. Kunden, ca. 40 Teams."
    assert shorten_at_sentences("Led approx. 12 people, e.g. Ops. Second one.", 20) == "Led approx. 12 people, e.g. Ops."
    assert shorten_at_sentences("A whole sentence. A sentence the reader cut…", 400) == "A whole sentence."
    assert shorten_at_sentences("Only a cut sentence without its end…", 400) == ""


@pytest.mark.parametrize("lang", sorted(CV_LABELS))
def test_section_headings_are_in_the_letters_language(lang):
    cv = _tailored(language=lang)
    assert cv.language == lang and set(SECTIONS) <= set(cv.labels)
    text = _pdf_text(render_cv_pdf(cv))
    for key in ("profile", "skills", "experience", "education", "languages"):
        assert cv.labels[key].upper() in text


def test_a_fragment_the_reader_broke_off_goes_back_on_its_line_and_column_spaces_collapse():
    entry = _job_entry("Marketing   Manager", "Havel Media GmbH", "Mai 2021 – heute", (2021, 5), None, [
        "Verantwortung für Google Ads mit 1 Mio.", "EUR Budget.", "Aufbau von   HubSpot-Kampagnen."])
    cv = tailor_outline(PROFILE, replace(OUTLINE, experience=(entry,)), JOB, today=TODAY)
    assert cv.experience[0].role == "Marketing Manager"
    assert set(cv.experience[0].lines) == {"Verantwortung für Google Ads mit 1 Mio. EUR Budget.",
                                           "Aufbau von HubSpot-Kampagnen."}


def test_language_lines_are_the_cvs_own_without_what_names_no_language():
    footer = "November 30, 2026   © Union européenne, 2002 – 2026 | https://europass.cedefop.europa.eu   Page 1 / 1"
    outline = replace(OUTLINE, extra={"languages": ("Arabe (langue maternelle); Français (courant)", footer)})
    assert tailor_outline(PROFILE, outline, JOB, today=TODAY).languages == (
        "Arabe (langue maternelle); Français (courant)",)
    # No languages section: the profile's language names, in the CV's headings' language.
    bare = tailor_outline(PROFILE, replace(OUTLINE, extra={}), JOB, language="de", today=TODAY)
    assert bare.languages == ("Deutsch", "Englisch", "Französisch")


def test_a_cv_without_a_summary_section_gets_none_rather_than_a_made_up_one():
    profile = CandidateProfile(name="Jo Lee", summary="Candidate in Berlin with 6.7 years of experience.",
                               text="Jo Lee\nExperience\nDeveloper, Acme Ltd, 2019 – present", skills=["Python"])
    assert tailor_outline(profile, CvOutline(), JOB, today=TODAY).summary == ""


# --- one page ------------------------------------------------------------------------------------

def test_a_cv_longer_than_a_page_is_trimmed_to_one_least_relevant_first():
    tailored = _tailored()
    assert _pages(render_cv_pdf(tailored)) == 1 and fit_one_page(tailored) == tailored  # the tailor's caps fit
    # Every entry with every line, most relevant first: well over a page.
    cv = replace(tailored, experience=tuple(ENTRIES[i] for i in (1, 3, 0, 4, 2, 5)))
    fitted = fit_one_page(cv)
    data = render_cv_pdf(cv)
    assert _pages(data) == 1 and fitted != cv
    text = " ".join(_pdf_text(data).split())
    assert text.startswith("Mara Oyelaran Backend Engineer mara.oyelaran@example.org")
    heads = [cv.labels[k].upper() for k in ("profile", "skills", "experience", "education", "languages")]
    assert [text.index(h) for h in heads] == sorted(text.index(h) for h in heads)
    # The best entry keeps its lines longest; what went first came from the bottom of the ranking.
    kept = [len(e.lines) for e in fitted.experience]
    assert fitted.experience[0].lines[:3] == ENTRIES[1].lines[:3] and kept[0] == max(kept)
    assert kept == sorted(kept, reverse=True)
    for skill in score_job(PROFILE, JOB).matched_skills:
        assert any(skill_key(m.canonical) == skill_key(skill) for m in find_skills(text))
    assert text.index("Umbrella Payments GmbH") < text.index("Vandelay Import KG")


def test_a_cv_that_cannot_be_trimmed_enough_flows_on_without_a_lone_heading():
    endless = ("A role title as the reader found it that goes on and on " * 90).strip()
    cv = replace(_tailored(), experience=(replace(ENTRIES[1], role=endless),))
    assert trim_once(fit_one_page(cv)) is None  # nothing left to take away
    data = render_cv_pdf(cv)
    assert _pages(data) == 2
    second = " ".join(pypdf.PdfReader(io.BytesIO(data)).pages[1].extract_text().split())
    assert not second.endswith(tuple(v.upper() for v in cv.labels.values()))


def test_a_cv_that_fits_is_printed_whole():
    short = tailor_outline(PROFILE, CvOutline(summary=SUMMARY, experience=ENTRIES[1:2], education=EDUCATION[:1]),
                           JOB, today=TODAY)
    assert fit_one_page(short) == short
    text = " ".join(_pdf_text(render_cv_pdf(short)).split())
    assert all(line in text for line in ENTRIES[1].lines[:4])


def test_pdf_metadata_names_the_candidate_and_the_language():
    reader = pypdf.PdfReader(io.BytesIO(render_cv_pdf(_tailored(language="de"))))
    assert reader.metadata.title == "Lebenslauf – Mara Oyelaran"
    assert reader.metadata.author == "Mara Oyelaran"
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"


def test_the_word_file_holds_the_same_fitted_content_in_editable_styles():
    cv = _tailored(language="fr")
    fitted = fit_one_page(cv)
    word = Document(io.BytesIO(render_cv_docx(cv)))
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    contact = "mara.oyelaran@example.org\xa0\xa0·\xa0 +49\xa0170\xa05551234\xa0\xa0·\xa0 Berlin"  # breaks after dots
    assert paragraphs[:3] == [("CV Name", "Mara Oyelaran"), ("CV Headline", "Backend Engineer"),
                              ("CV Contact", contact)]
    assert [t for s, t in paragraphs if s == "CV Heading"] == [
        "Profil", "Compétences", "Expérience professionnelle", "Formation", "Certifications", "Langues"]
    bullets = [t for s, t in paragraphs if s == "List Bullet"]
    assert bullets == [line for e in fitted.experience for line in e.lines] + list(fitted.certificates)
    entries = [t for s, t in paragraphs if s == "CV Entry"]
    assert entries[:2] == ["Engineering Manager — Globex Logistics AG\t01/2023 – present",
                           "Senior Backend Engineer — Umbrella Payments GmbH\t03/2019 – 12/2022"]
    section = word.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    assert word.core_properties.language == "fr-FR" and word.core_properties.author == "Mara Oyelaran"
    # The same line budget as the PDF: the Word file drops exactly what the PDF dropped.
    pdf_text = " ".join(_pdf_text(render_cv_pdf(cv)).split())
    assert all(" ".join(b.split()) in pdf_text for b in bullets)


def test_render_application_gives_four_files_from_one_fitting():
    doc = LetterDocument(cover_letter="Sehr geehrte Damen und Herren,\n\nText.", cv_summary="", language="de")
    files = render_application(doc, _tailored(language="de"), candidate_name="Mara Oyelaran", job=JOB)
    assert _pages(files.cv_pdf) == 1 and files.letter_pdf.startswith(b"%PDF")
    assert Document(io.BytesIO(files.cv_docx)).paragraphs[0].text == "Mara Oyelaran"
    assert Document(io.BytesIO(files.letter_docx)).paragraphs[0].text == "Mara Oyelaran"


# --- truthfulness over the real corpus -------------------------------------------------------------

@cache
def _corpus_profiles() -> dict[str, CandidateProfile]:
    return {p.stem: build_profile(p.read_bytes()) for p in sorted(CORPUS.glob("*.pdf"))}


def _postings(profile: CandidateProfile) -> list[JobPosting]:
    """The three postings the offline search finds best for the CV's headline."""
    source = OfflineJobSource()
    return source.search(profile.title or "Manager", None, 3) or source.search("Manager", None, 3)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("-\n", "")).casefold()


def _unsourced(cv: TailoredCv, profile: CandidateProfile) -> list[str]:
    """Strings of ``cv`` found neither in the CV's text nor among the profile's own fields."""
    text = _squeezed(profile.text)
    fields = {profile.name, profile.title, profile.email, profile.phone, profile.location, *profile.skills,
              *(language_name(n, cv.language) for n in profile.languages)}
    strings = [cv.name, cv.headline, *cv.contact, *cv.skills, *cv.certificates, *cv.languages,
               *(s for e in cv.experience for s in (e.role, e.employer, *e.lines)),
               *(s for e in cv.education for s in (e.degree, e.institution, *e.lines))]
    strings += re.split(r"(?<=[.!?]) ", cv.summary)
    unsourced = [s for s in strings if s and s not in fields and _squeezed(s) not in text]
    # A date column splits a range over two lines ("04/19 –" / "heute"): each part must be there.
    dates = [e.dates for e in (*cv.experience, *cv.education) if e.dates]
    return unsourced + [d for d in dates if not all(_squeezed(part) in text for part in d.split())]


def test_every_string_of_a_tailored_cv_comes_from_the_cv_or_the_profile():
    """48 real CVs x their (up to) 3 best postings: nothing in the tailored CV that the CV did not give."""
    checked = 0
    for key, profile in _corpus_profiles().items():
        for job in _postings(profile):
            cv = tailor_cv(profile, job)
            assert _unsourced(cv, profile) == [], (key, job.title)
            assert cv.experience and cv.skills and cv.name == profile.name, key
            checked += 1
    assert checked >= 140  # 48 CVs; a rare headline finds fewer than three postings


def test_tailored_cv_pdfs_of_the_corpus_state_nothing_the_cv_does_not_contain():
    """48 real CVs, each with a posting (every seventh with headings forced into one of the seven
    languages): the PDF's text passes the truthfulness check with zero claims unsupported, and a
    required skill the CV lacks is never listed nor printed."""
    failures = []
    for i, (key, profile) in enumerate(_corpus_profiles().items()):
        jobs = _postings(profile)
        job = jobs[i % len(jobs)]
        ranked = score_job(profile, job)
        cv = tailor_cv(profile, job, ranked, language=(None, "en", "de", "fr", "es", "it", "nl", "pt")[i % 8])
        data = render_cv_pdf(cv)
        text = _pdf_text(data)
        failures += [f"{key} / {job.title}: {u}" for u in check_text(text, profile, job).unsupported]
        missing = {skill_key(s) for s in ranked.missing_skills}
        assert not missing & {skill_key(s) for s in cv.skills}, (key, job.title)
        in_cv_text = {skill_key(m.canonical) for m in find_skills(profile.text)}
        printed = {skill_key(m.canonical) for m in find_skills(text)}
        assert not (missing - in_cv_text) & printed, (key, job.title)
        assert profile.name in " ".join(text.split()) and _pages(data) == 1
    assert failures == []
