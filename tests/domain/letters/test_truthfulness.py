"""The truthfulness check: every skill, employer, degree, certificate, figure and year count a
letter states must be in the CV; LLM letters that fail it (or the language) fall back."""
from __future__ import annotations

import datetime as dt
import json
import logging

import pytest

from domain.cv.fields import profile_from_text
from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.checks import UnsupportedClaims, check_document, check_text, extract_claims
from domain.letters.fallback import FallbackLetterWriter
from domain.letters.llm import OpenAILetterWriter
from domain.letters.template import TemplateLetterWriter
from domain.letters.types import LetterDocument
from tests.support.fake_llm import FakeChatServer
from tests.support.labelled_ranking import PERSONAS as RANKING_PERSONAS
from tests.support.pdf_factory import cv_blocks
from tests.support.personas import PERSONAS

CV = """Ana Silva
Backend Developer
ana.silva@example.com · +351 912 345 678 · Lisboa
Experience
Backend Developer — Initrode Lda, 2019 – present
Cut API latency by 35% for 12 services; team of 4 engineers.
Python, Django, PostgreSQL
Education
MSc Computer Science, Universidade de Lisboa
Certifications: AWS Certified Developer
"""
PROFILE = CandidateProfile(name="Ana Silva", title="Backend Developer", years_experience=6.7,
                           skills=["Python", "Django", "PostgreSQL"], phone="+351 912 345 678",
                           email="ana.silva@example.com", location="Lisboa", text=CV)
JOB = JobPosting(job_id="j9", title="Python Developer", company_name="Initech",
                 description="Your team builds APIs with Python, Django and Kafka. We are looking for you.")


def _unsupported(text: str) -> list[tuple[str, str]]:
    return [(u.claim.kind, u.claim.text) for u in check_text(text, PROFILE, JOB).unsupported]


def test_claims_of_each_kind_are_extracted():
    kinds = {(c.kind, c.text) for c in extract_claims(
        "I worked at Globex Corporation and hold an MBA and PMP. I grew sales by 40 % over 8 years with Python.")}
    assert {("employer", "Globex Corporation"), ("degree", "MBA"), ("certificate", "PMP"),
            ("number", "40"), ("years", "8 years"), ("skill", "Python")} <= kinds


def test_facts_from_the_cv_pass():
    text = ("I am applying for the Python Developer role at Initech. At Initrode Lda I cut API latency by 35% "
            "for 12 services with Python and Django. I hold an MSc and am AWS Certified. "
            "I bring 6 years of experience. Call me on +351 912 345 678. Lisboa, 3 March 2025. Ref. j9")
    assert _unsupported(text) == []


@pytest.mark.parametrize("text,claim", [
    ("I worked at Globex Corporation for two years.", ("employer", "Globex Corporation")),
    ("Before that, Umbrella Holdings GmbH trusted me with its backend.", ("employer", "Umbrella Holdings GmbH")),
    ("I have used Kafka in production.", ("skill", "Apache Kafka")),
    ("I increased sales by 40 % in one year.", ("number", "40")),
    ("I managed a budget of €2M.", ("number", "2M")),
    ("I hold a PhD in physics.", ("degree", "PhD")),
    ("I am a certified PMP.", ("certificate", "PMP")),
    ("I bring 9 years of professional experience.", ("years", "9 years")),
    ("Ich habe 10 Jahre Erfahrung bei Siemens.", ("years", "10 Jahre")),
    ("J'ai travaillé chez Capgemini.", ("employer", "Capgemini")),
    ("Trabajé en Telefónica durante años.", ("employer", "Telefónica")),
    ("Ho lavorato presso Enel.", ("employer", "Enel")),
    ("Ik werkte bij Philips.", ("employer", "Philips")),
    ("Trabalhei na Sonae.", ("employer", "Sonae")),
])
def test_each_invented_fact_is_reported_with_a_reason(text, claim):
    report = check_text(text, PROFILE, JOB)
    assert claim in [(u.claim.kind, u.claim.text) for u in report.unsupported]
    assert all(u.reason for u in report.unsupported)


def test_a_job_skill_may_be_named_as_the_job_s_but_not_claimed():
    assert _unsupported("Your team uses Kafka, which I look forward to learning.") == [("skill", "Apache Kafka")]
    assert _unsupported("Your team uses Kafka.") == []
    assert _unsupported("Kubernetes is part of your platform.") == [("skill", "Kubernetes")]  # not in the posting


def test_year_counts_accept_rounded_down_and_template_rounding_only():
    assert _unsupported("I bring 6 years of experience.") == []
    assert _unsupported("I bring seven years of experience.") == []  # as the template rounds 6.7
    assert _unsupported("I bring 8 years of experience.") == [("years", "8 years")]


def test_check_document_raises_with_the_report():
    doc = LetterDocument(cover_letter="Dear Initech team, I worked at Globex Corporation for a while.",
                         cv_summary="")
    with pytest.raises(UnsupportedClaims) as err:
        check_document(doc, PROFILE, JOB)
    assert [u.claim.text for u in err.value.report.unsupported] == ["Globex Corporation"]


# --- the template's own letters pass ------------------------------------------------------

def _persona_profile(persona: dict) -> CandidateProfile:
    blocks = cv_blocks(persona)
    lines = list(blocks["header"])
    for title, body in blocks["sidebar"] + blocks["main"]:
        lines += [title, *body]
    return profile_from_text("\n".join(lines), today=dt.date(2025, 6, 1))


def _offline_postings(step: int = 24) -> list[JobPosting]:
    from domain.jobs.offline_source import DATA_FILE  # noqa: PLC0415

    return [JobPosting.from_dict(p) for p in json.loads(DATA_FILE.read_text())[::step]]


def test_template_letters_state_no_unsupported_claim_for_any_profile_and_posting():
    profiles = [_persona_profile(p) for p in PERSONAS.values()] + [p.profile for p in RANKING_PERSONAS[::3]]
    postings = _offline_postings()
    writer, failures, checked = TemplateLetterWriter(), [], 0
    for profile in profiles:
        for job in postings:
            doc = writer.write(profile, job)
            report = check_text(f"{doc.cover_letter}\n\n{doc.cv_summary}", profile, job)
            failures += [f"{profile.name}/{job.job_id}: {u}" for u in report.unsupported]
            checked += 1
    assert checked >= 200
    assert failures == []


# --- the LLM writer falls back on any untruthful, foreign or broken answer -----------------

def _letter(body: str) -> str:
    return json.dumps({"cover_letter": f"Dear Initech team,\n\n{body}\n\nKind regards,\nAna Silva",
                       "cv_summary": "Backend developer with Python and Django."})


TRUTHFUL_BODY = ("I am applying for the Python Developer role. At Initrode Lda I cut API latency by 35% "
                 "with Python and Django, and I bring 6 years of experience to your team.")
TRUTHFUL = _letter(TRUTHFUL_BODY)


def _fallback(server: FakeChatServer, timeout: float = 5) -> FallbackLetterWriter:
    llm = OpenAILetterWriter(server.base_url, "k", "m", timeout=timeout, max_retries=0)
    return FallbackLetterWriter(llm, TemplateLetterWriter())


def test_a_truthful_llm_letter_is_used_as_is(caplog):
    with FakeChatServer(TRUTHFUL) as server, caplog.at_level(logging.WARNING):
        doc = _fallback(server).write(PROFILE, JOB)
    # The model's body, inside our frame: its own salutation and closing are dropped for the frame's.
    assert doc.parts.paragraphs == (TRUTHFUL_BODY,) and "letter writer failed" not in caplog.text
    assert doc.cover_letter.startswith("Ana Silva\nana.silva@example.com") and "Dear Initech team" not in doc.cover_letter
    assert doc.cover_letter.count("Kind regards,") == 1 and doc.cover_letter.endswith("Kind regards,\nAna Silva")


@pytest.mark.parametrize("reply,reason,unsupported", [
    (_letter("I spent a while at Globex Corporation building the APIs your team needs with Python."),
     "unsupported_claims", [{"kind": "employer", "text": "Globex Corporation"}]),
    (_letter("I have used Kafka and Python for years, and I would like to join your team."),
     "unsupported_claims", [{"kind": "skill", "text": "Apache Kafka"}]),
    (_letter("With Python I made our checkout 40 % faster and I would bring the same to your team."),
     "unsupported_claims", [{"kind": "number", "text": "40"}]),
    (json.dumps({"cover_letter": "Sehr geehrte Damen und Herren,\n\nich bewerbe mich bei Ihnen um die Stelle, "
                                 "weil ich mit Python und Django seit Jahren in einem Team arbeite und die "
                                 "Aufgaben für mich passen.\n\nMit freundlichen Grüßen\nAna Silva",
                 "cv_summary": ""}), "wrong_language", []),
    ('{"cover_letter": "Dear Initech team, I am', "malformed_output", []),
])
def test_an_untruthful_foreign_or_broken_answer_falls_back_and_logs_why(caplog, reply, reason, unsupported):
    with FakeChatServer(reply) as server, caplog.at_level(logging.WARNING, logger="domain.letters.fallback"):
        doc = _fallback(server).write(PROFILE, JOB)
    assert doc == TemplateLetterWriter().write(PROFILE, JOB)
    (line,) = [r.getMessage() for r in caplog.records if "letter writer failed" in r.getMessage()]
    record = json.loads(line.split(": ", 1)[1])
    assert record["reason"] == reason and record["job_id"] == "j9"
    assert [{"kind": u["kind"], "text": u["text"]} for u in record["unsupported"]] == unsupported
    assert all(u["why"] for u in record["unsupported"])


def test_a_timeout_falls_back_and_logs_timeout(caplog):
    with FakeChatServer(TRUTHFUL, delay=1.5) as server, caplog.at_level(logging.WARNING):
        doc = _fallback(server, timeout=0.3).write(PROFILE, JOB)
    assert doc == TemplateLetterWriter().write(PROFILE, JOB)
    assert '"reason": "timeout"' in caplog.text


def test_the_stand_in_serves_scripted_replies_in_turn():
    with FakeChatServer(replies=["not json", TRUTHFUL]) as server:
        writer = _fallback(server)
        first, second = writer.write(PROFILE, JOB), writer.write(PROFILE, JOB)
    assert first == TemplateLetterWriter().write(PROFILE, JOB)
    assert second.parts.paragraphs == (TRUTHFUL_BODY,)


def test_dates_and_versions_in_the_cv_do_not_break_the_figure_check():
    # Real CVs carry "12.11.2026"-style dates and version numbers; they are figures written as
    # they are, not decimals (reading them as floats crashed the check).
    profile = CandidateProfile(name="Ana Silva", skills=["Python"],
                               text=CV + "Zertifikat vom 12.11.2026, Release 3.2.1 betreut\n")
    report = check_text("I shipped release 3.2.1 and cut API latency by 35%. I also cut costs by 80%.", profile, JOB)
    assert [(u.claim.kind, u.claim.text) for u in report.unsupported] == [("number", "80")]


# --- false positives: names, dotted skills, capitalised "Your", dated years, the posting's figures ---

OFFICE_CV = """Marta Kühn
IT Support Specialist
Experience
IT Support Specialist — Northwind Ltd, 03/2021 – present
Administered Microsoft 365 and Node.js build servers; migrated finance to S/4HANA.
Helpdesk Agent — Contoso AG, 01.2019 – 02.2021
Kept the ISO 9001 handbook and the ASP.NET intranet up to date.
"""
OFFICE = CandidateProfile(name="Marta Kühn", title="IT Support Specialist", years_experience=5.7,
                          skills=["Microsoft Office", "Node.js", "ASP.NET", "SAP"], text=OFFICE_CV)
OFFICE_JOB = JobPosting(job_id="o1", title="IT Administrator", company_name="Fabrikam GmbH", via="via karriere.at",
                        description="We are a team of 150 colleagues in Graz. You administer Microsoft 365, "
                                    "Node.js services and Kubernetes. Our plant is certified to ISO 9001 and "
                                    "runs Modul 95 trainings.")


def _office(text: str) -> list[tuple[str, str]]:
    return [(u.claim.kind, u.claim.text) for u in check_text(text, OFFICE, OFFICE_JOB).unsupported]


@pytest.mark.parametrize("text", [
    "At Northwind Ltd I administer Microsoft 365.",  # the CV's product
    "I migrated finance to S/4HANA.",
    "I kept the ISO 9001 handbook up to date.",
    "Your plant is certified to ISO 9001.",  # the posting's
    "You mention Modul 95 trainings.",  # a name with a figure the posting writes, no vocabulary skill
])
def test_a_figure_inside_a_product_or_standard_name_is_no_figure_claim(text):
    assert _office(text) == []


def test_a_figure_after_an_ordinary_word_is_still_a_claim():
    assert _office("I administer 95 servers.") == [("number", "95")]  # the posting's "Modul 95" is no licence


@pytest.mark.parametrize("text", [
    "I build Node.js services and your team runs Kubernetes.",
    "I maintained the ASP.NET intranet, and your platform runs Kubernetes.",
    "I saw your posting on karriere.at and your team uses Kubernetes.",
])
def test_a_dotted_name_does_not_split_the_sentence(text):
    # Split at the dot, the tail "js services and your team runs Kubernetes." would lose the "I" and
    # the check would accept the missing skill; whole, the sentence claims Kubernetes as the candidate's.
    assert _office(text) == [("skill", "Kubernetes")]
    claims = extract_claims(text)
    assert len({c.sentence for c in claims if c.kind == "skill"}) == 1


@pytest.mark.parametrize("text", [
    "Your team runs Kubernetes.", "Ihre Plattform läuft auf Kubernetes.", "Votre équipe utilise Kubernetes.",
    "Su equipo utiliza Kubernetes.", "Uw team gebruikt Kubernetes.", "Vocês usam Kubernetes.",
])
def test_a_capitalised_your_at_a_sentence_start_speaks_of_the_job(text):
    assert _office(text) == []


@pytest.mark.parametrize("text", ["Since 2021 I have worked at Northwind Ltd.", "I joined Contoso AG in 2019."])
def test_a_year_of_a_slashed_or_dotted_cv_date_backs_the_year(text):
    assert _office(text) == []


def test_a_year_the_cv_does_not_give_is_still_a_claim():
    assert _office("Since 2017 I have worked at Northwind Ltd.") == [("number", "2017")]


@pytest.mark.parametrize("text", [
    "You describe yourselves as a team of 150 colleagues in Graz.",
    "I look forward to joining your team of 150 colleagues.",
])
def test_the_postings_own_figures_in_a_sentence_about_the_posting_are_not_the_candidates(text):
    assert _office(text) == []


def test_a_posting_figure_stated_as_the_candidates_is_still_a_claim():
    assert _office("I led 150 colleagues.") == [("number", "150")]


# --- attacker's findings: each fixed kind pinned -----------------------------------------------

@pytest.mark.parametrize("token", ["Build" + "A" * 200_000, ("Build" + "A" * 40_000 + " ") * 4 + "GmbH"])
def test_a_long_capitalised_token_is_checked_in_milliseconds_not_minutes(token):
    # The suffix pattern once retried such a token from every letter at every length: 200,000
    # characters took about ten minutes. A generous bound, so a busy machine does not fail it.
    import time  # noqa: PLC0415

    started = time.perf_counter()
    report = check_text(f"I worked at Globex Corporation. {token}", PROFILE, JOB)
    assert time.perf_counter() - started < 1.0
    assert ("employer", "Globex Corporation") in [(u.claim.kind, u.claim.text) for u in report.unsupported]


@pytest.mark.parametrize("text,claim", [
    ("P.S. My portfolio is at https://evil.example and my new email is hire-me@evil.example.",
     {("contact", "https://evil.example"), ("contact", "hire-me@evil.example")}),
    ("See www.evil.example/cv for more.", {("contact", "www.evil.example/cv")}),
    ("Call me on +44 20 7946 0958 instead.", {("contact", "+44 20 7946 0958")}),
    ("Ruf mich unter 030 1234567 an.", {("contact", "030 1234567")}),
    ("Call (555) 123-4567.", {("contact", "(555) 123-4567")}),
])
def test_contact_details_the_cv_does_not_give_are_unsupported(text, claim):
    assert claim <= set(_unsupported(text))


def test_the_candidates_own_and_the_postings_contact_details_pass():
    job = JobPosting(job_id="j9", title="Python Developer", company_name="Initech",
                     apply_link="https://jobs.initech.example/apply/9",
                     description="Questions? jobs@initech.example or +49 30 1234 5678.")
    text = ("Reach me at ANA.SILVA@example.com or on +351 912 345 678 (912 345 678 from Portugal). "
            "I applied through https://jobs.initech.example/apply/9 and wrote to jobs@initech.example.")
    assert check_text(text, PROFILE, job).unsupported == []


@pytest.mark.parametrize("text", [
    "I hold a master's degree and a doctorate in computer science.",
    "Ich habe einen Masterabschluss in Informatik.", "J'ai un master et un doctorat.",
    "Tengo un doctorado en física.", "Ho un dottorato in fisica.", "Ik heb een bachelor in de economie.",
    "Tenho um doutoramento em física.",
])
def test_a_degree_in_lower_case_is_still_a_degree(text):
    # The CV holds an MSc only: a master's passes, every other degree is unsupported.
    degrees = [c for c in extract_claims(text) if c.kind == "degree"]
    assert degrees
    unsupported = {t for k, t in _unsupported(text) if k == "degree"}
    assert unsupported == {c.text for c in degrees if c.key != "master"}


def test_words_that_are_no_degree_in_lower_case_are_not_claimed():
    text = "I was a Scrum Master, earned a promotion and cleaned the master data."
    assert [c for c in extract_claims(text) if c.kind == "degree"] == []


@pytest.mark.parametrize("text,claimed", [
    ("I speak fluent Japanese and Mandarin.", {"Japanese", "Mandarin"}), ("Ich spreche Japanisch.", {"Japanisch"}),
    ("Je parle couramment le japonais et l'anglais.", {"japonais"}), ("Hablo japonés.", {"japonés"}),
    ("Parlo giapponese.", {"giapponese"}), ("Ik spreek Japans.", {"Japans"}), ("Falo japonês e inglês.", {"japonês"}),
])
def test_a_spoken_language_the_cv_does_not_list_is_unsupported(text, claimed):
    import dataclasses  # noqa: PLC0415

    profile = dataclasses.replace(PROFILE, languages=["Portuguese (native)", "English (C1)"])
    report = check_text(text, profile, JOB)
    assert {u.claim.text for u in report.unsupported if u.claim.kind == "language"} == claimed


@pytest.mark.parametrize("text,claims", [
    ("I led a team of fifteen engineers and cut costs by forty percent.", {"fifteen", "forty"}),
    ("I served two million users with ninety-nine percent uptime.", {"two million", "ninety-nine"}),
    ("For over a decade I led engineers.", {"decade"}),
    ("I led twenty-five engineers.", {"twenty-five"}), ("Ich führte fünfundzwanzig Leute.", {"fünfundzwanzig"}),
    ("Je dirigeais vingt-cinq personnes.", {"vingt-cinq"}), ("Dirigí a treinta personas.", {"treinta"}),
    ("I bring ten-plus years of experience.", {"ten-plus years"}), ("I bring 5½ years of experience.", {"5½ years"}),
])
def test_a_figure_in_words_is_a_figure(text, claims):
    assert {t for _, t in _unsupported(text)} == claims


def test_a_figure_in_words_the_cv_gives_in_digits_passes():
    assert _unsupported("I led a team of four engineers and cut latency for a dozen services.") == []


def test_a_german_education_heading_in_capitals_is_no_degree_claim():
    # The tailored CV's German heading for education is "AUSBILDUNG"; a degree is written "Ausbildung".
    assert [c for c in extract_claims("AUSBILDUNG\nMSc Computer Science") if c.kind == "apprenticeship"] == []
    assert ("degree", "AUSBILDUNG") not in _unsupported("AUSBILDUNG\nMSc Computer Science")


@pytest.mark.parametrize("text,name", [
    ("Earlier I was a developer at google, building search.", "google"),
    ("Google hired me as a Python developer.", "Google"), ("I was employed by Google for years.", "Google"),
    ("My previous employer, Google, promoted me twice.", "Google"), ("I worked for globex on APIs.", "globex"),
    ("Ich arbeitete bei google an Suchdiensten.", "google"), ("Trabalhei na google durante anos.", "google"),
])
def test_an_employer_after_an_employer_cue_is_checked_in_any_case(text, name):
    assert ("employer", name) in _unsupported(text)


@pytest.mark.parametrize("text", ["I worked for initrode lda on APIs.", "I worked for your team before.",
                                  "Initrode Lda hired me in 2019."])
def test_the_cvs_employer_in_any_case_and_a_cue_before_a_common_noun_pass(text):
    assert [c for c in _unsupported(text) if c[0] == "employer"] == []


@pytest.mark.parametrize("text,claim", [
    ("I run Kubern\u0435tes clusters daily.", ("skill", "Kubernetes")),  # Cyrillic е
    ("I worked at G\u043e\u043egle.", ("employer", "Google")),  # Cyrillic о о
    ("I hold a \u03a1hD.", ("degree", "PhD")),  # Greek Ρ
])
def test_look_alike_cyrillic_and_greek_letters_do_not_hide_a_claim(text, claim):
    assert claim in _unsupported(text)


@pytest.mark.parametrize("years,shown", [(4.6, "4"), (5.5, "5"), (11.8, "11"), (2.0, "2"), (1.75, "1.5"), (0.9, "0.5")])
def test_years_are_shown_rounded_down_never_overstated(years, shown):
    from domain.cv.years import display_years  # noqa: PLC0415

    assert display_years(years) == shown


def test_the_check_accepts_the_years_as_shown_rounded_down():
    import dataclasses  # noqa: PLC0415

    profile = dataclasses.replace(PROFILE, years_experience=4.6)
    assert [u for u in check_text("I bring 4 years of experience.", profile, JOB).unsupported] == []
    assert ("years", "6 years") in [(u.claim.kind, u.claim.text)
                                    for u in check_text("I bring 6 years of experience.", profile, JOB).unsupported]


def test_working_with_a_thing_names_no_employer():
    assert [c for c in extract_claims("In this role I work with things and worked with tools.") if c.kind == "employer"] == []
