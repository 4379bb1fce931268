"""The template letter in seven languages: detection, override, formulas, date, subject, labels."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from domain.cv.fields import profile_from_text
from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.checks import check_text, extract_claims, invented_skills
from domain.letters.language import detect_language, job_language, normalise_language
from domain.letters.template import (
    TemplateLetterWriter,
    language_name,
    recipient_place,
    summary_heading,
    summary_label,
)

ON = dt.date(2026, 11, 30)
PROFILE = CandidateProfile(name="Ana Silva", email="ana.silva@example.org", phone="+49 151 2345678",
                           location="Berlin, Germany", title="Backend Developer", years_experience=5.5,
                           skills=["Python", "Django", "PostgreSQL"], languages=["Portuguese", "English (C1)"])

POSTINGS = {
    "en": JobPosting(job_id="en", title="Backend Engineer", company_name="Northwind Ltd", location="London",
                     description="We are looking for a backend engineer to join our payments team. You will design "
                                 "APIs in Python and Django and work closely with product managers."),
    "de": JobPosting(job_id="de", title="Backend-Entwickler (m/w/d)", company_name="Muster GmbH", location="Köln",
                     description="Wir suchen zum nächstmöglichen Zeitpunkt einen Backend-Entwickler für unser "
                                 "Zahlungsteam. Du entwickelst Schnittstellen mit Python und Django."),
    "fr": JobPosting(job_id="fr", title="Développeur backend (H/F)", company_name="Exemple SAS", location="Lyon",
                     description="Rattaché(e) au responsable technique, vous concevez les services de paiement en "
                                 "Python et Django au sein d'une équipe de six personnes. CDI, télétravail partiel."),
    "es": JobPosting(job_id="es", title="Desarrollador backend", company_name="Ejemplo S.L.", location="Madrid",
                     description="Buscamos un desarrollador backend para nuestro equipo de pagos. Te encargarás de "
                                 "diseñar servicios con Python y Django. Ofrecemos contrato indefinido."),
    "it": JobPosting(job_id="it", title="Sviluppatore backend", company_name="Esempio S.r.l.", location="Milano",
                     description="Cerchiamo uno sviluppatore backend da inserire nel nostro team pagamenti. Si "
                                 "occuperà della progettazione di servizi in Python e Django. Contratto a tempo indeterminato."),
    "nl": JobPosting(job_id="nl", title="Backend developer", company_name="Voorbeeld B.V.", location="Utrecht",
                     description="Wij zoeken een backend developer voor ons betaalteam. Je ontwerpt diensten in Python "
                                 "en Django en werkt nauw samen met onze productmanagers. Vast contract."),
    "pt": JobPosting(job_id="pt", title="Desenvolvedor backend", company_name="Exemplo Ltda.", location="São Paulo",
                     description="Estamos contratando um desenvolvedor backend para o nosso time de pagamentos. Você "
                                 "vai projetar serviços em Python e Django. Contratação CLT, trabalho híbrido."),
}

EXPECTED = {  # salutation, closing, date line, subject, summary label, summary languages
    "en": ("Dear Hiring Team,", "Kind regards,", "30 November 2026",  # en_GB: a London posting
           "Application for the position of Backend Engineer", "CV summary", "Languages: Portuguese, English (C1)."),
    "de": ("Sehr geehrte Damen und Herren,", "Mit freundlichen Grüßen", "Berlin, 30. November 2026",
           "Bewerbung als Backend-Entwickler (m/w/d)", "Kurzprofil", "Sprachen: Portugiesisch, Englisch (C1)."),
    "fr": ("Madame, Monsieur,", "Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.",
           "Berlin, le 30 novembre 2026", "Objet : Candidature au poste de Développeur backend (H/F)",
           "Synthèse du CV", "Langues : portugais, anglais (C1)."),
    "es": ("Estimado equipo de selección:", "Atentamente,", "Berlin, 30 de noviembre de 2026",
           "Asunto: Candidatura al puesto de Desarrollador backend", "Resumen del CV",
           "Idiomas: portugués, inglés (C1)."),
    "it": ("Gentile Responsabile della selezione,", "Cordiali saluti,", "Berlin, 30 novembre 2026",
           "Oggetto: Candidatura per la posizione di Sviluppatore backend", "Sintesi del CV",
           "Lingue: portoghese, inglese (C1)."),
    "nl": ("Geachte heer/mevrouw,", "Met vriendelijke groet,", "Berlin, 30 november 2026",
           "Betreft: Sollicitatie naar de functie van Backend developer", "Cv-samenvatting",
           "Talen: Portugees, Engels (C1)."),
    "pt": ("Prezados(as) Senhores(as),", "Atenciosamente,", "Berlin, 30 de novembro de 2026",
           "Assunto: Candidatura à vaga de Desenvolvedor backend", "Resumo do currículo",
           "Idiomas: português, inglês (C1)."),
}


@pytest.mark.parametrize("lang", sorted(POSTINGS))
def test_a_posting_in_each_language_is_detected(lang):
    assert job_language(POSTINGS[lang]) == lang


@pytest.mark.parametrize("lang", sorted(POSTINGS))
def test_letter_has_the_languages_formulas_date_subject_and_labels(lang):
    salutation, closing, dateline, subject, label, languages = EXPECTED[lang]
    doc = TemplateLetterWriter().write(PROFILE, POSTINGS[lang], on=ON)
    blocks = doc.cover_letter.split("\n\n")
    assert blocks[0] == "Ana Silva\nana.silva@example.org\n+49 151 2345678\nBerlin, Germany"
    job = POSTINGS[lang]
    assert blocks[1] == f"{job.company_name}\n{job.location}"
    assert blocks[2:5] == [dateline, subject, salutation]
    assert blocks[-1] == f"{closing}\nAna Silva"
    assert summary_label(lang) == label
    assert doc.cv_summary.endswith(languages)
    assert invented_skills(doc.cover_letter + "\n" + doc.cv_summary, PROFILE, job) == []


def test_half_years_use_the_locales_decimal_mark():
    junior = CandidateProfile(name="Ana Silva", years_experience=1.5, skills=["Python"])
    assert "1.5 years" in TemplateLetterWriter().write(junior, POSTINGS["en"], on=ON).cover_letter
    assert "1,5 Jahre" in TemplateLetterWriter().write(junior, POSTINGS["de"], on=ON).cover_letter
    assert "1,5 anni" in TemplateLetterWriter().write(junior, POSTINGS["it"], on=ON).cover_letter


@pytest.mark.parametrize("forced", ["en", "EN", "en-GB"])
def test_override_forces_the_language_over_the_postings(forced):
    doc = TemplateLetterWriter().write(PROFILE, POSTINGS["de"], language=forced, on=ON)
    assert "\n\nDear Hiring Team,\n\n" in doc.cover_letter and "Sehr geehrte" not in doc.cover_letter
    assert "Bewerbung als" not in doc.cover_letter and "Languages:" in doc.cv_summary


@pytest.mark.parametrize("forced", [None, "", "ja", "xx"])
def test_an_empty_or_unsupported_override_falls_back_to_detection(forced):
    assert job_language(POSTINGS["nl"], forced) == "nl"
    assert normalise_language(forced) is None


def test_output_is_deterministic_for_the_same_inputs():
    writer = TemplateLetterWriter()
    first = [writer.write(PROFILE, job, on=ON) for job in POSTINGS.values()]
    assert first == [writer.write(PROFILE, job, on=ON) for job in POSTINGS.values()]


def test_sender_block_holds_only_what_the_cv_gives():
    doc = TemplateLetterWriter().write(CandidateProfile(name="Jan de Vries"), POSTINGS["nl"], on=ON)
    assert doc.cover_letter.startswith("Jan de Vries\n\nVoorbeeld B.V.\nUtrecht\n\n30 november 2026\n\n")
    assert "None" not in doc.cover_letter


@pytest.mark.parametrize("text,lang", [
    ("Cerchiamo un'infermiera per il reparto di terapia intensiva dell'ospedale.", "it"),
    ("Procuramos enfermeiro para a unidade de cuidados intensivos do hospital.", "pt"),
    ("Buscamos enfermera para la unidad de cuidados intensivos del hospital.", "es"),
    ("Wij zoeken een verpleegkundige voor de intensive care van ons ziekenhuis.", "nl"),
    ("これは日本語の求人です。", "en"),
    ("12345 !!!", "en"),
])
def test_other_languages_and_noise(text, lang):
    assert detect_language(text) == lang


def test_unknown_language_names_are_kept_as_written():
    assert language_name("Sindarin", "de") == "Sindarin"
    assert language_name("german", "fr") == "allemand"


# --- the body in each language: the CV's own line, the board, the missing requirement ---------

CVS = {  # (experience heading, role and employer, dates, the CV's line about Python and Django)
    "en": ("Experience", "Backend Developer, Acme Ltd", "01/2020 – present", "Built payment APIs in Python and Django."),
    "de": ("Berufserfahrung", "Backend-Entwicklerin, Beispiel AG", "seit 01/2020",
           "Entwicklung von Zahlungsschnittstellen mit Python und Django für den Onlineshop."),
    "fr": ("Expérience professionnelle", "Développeuse backend, Exemple SA", "depuis 01/2020",
           "Développement des services de paiement en Python et Django pour la boutique en ligne."),
    "es": ("Experiencia laboral", "Desarrolladora backend, Ejemplo S.L.", "desde 01/2020",
           "Desarrollo de los servicios de pago con Python y Django para la tienda en línea."),
    "it": ("Esperienza professionale", "Sviluppatrice backend, Esempio S.r.l.", "dal 01/2020",
           "Sviluppo dei servizi di pagamento in Python e Django per il negozio online."),
    "nl": ("Werkervaring", "Backend developer, Voorbeeld B.V.", "sinds 01/2020",
           "Ontwikkeling van de betaaldiensten in Python en Django voor de webwinkel."),
    "pt": ("Experiência profissional", "Desenvolvedora backend, Exemplo Ltda.", "desde 01/2020",
           "Desenvolvimento dos serviços de pagamento em Python e Django para a loja online."),
}
BOARD = {"en": "on LinkedIn", "de": "LinkedIn", "fr": "sur LinkedIn", "es": "a través de LinkedIn",
         "it": "su LinkedIn", "nl": "op LinkedIn", "pt": "no LinkedIn"}
JOB_PERSON = {"en": "you", "de": "Sie", "fr": "vous", "es": "su", "it": "Suo", "nl": "u", "pt": "vocês"}  # Italian: the formal Lei


def _cv(lang: str) -> CandidateProfile:
    heading, head, dates, line = CVS[lang]
    text = f"Ana Silva\nana.silva@example.org\n{heading}\n{head}\n{dates}\n• {line}\n"
    return profile_from_text(text, today=ON)


def _with_kafka(job: JobPosting) -> JobPosting:
    return JobPosting(**{**job.to_dict(), "via": "via LinkedIn",
                         "highlights": [{"title": "Qualifications", "items": ["Python", "Django", "Kafka"]}]})


@pytest.mark.parametrize("lang", sorted(CVS))
def test_the_body_quotes_the_cvs_line_names_the_board_and_the_missing_skill_as_the_postings(lang):
    profile, job = _cv(lang), _with_kafka(POSTINGS[lang])
    doc = TemplateLetterWriter().write(profile, job, on=ON)
    assert doc.language == lang
    body = "\n".join(doc.parts.paragraphs)
    line = CVS[lang][3]
    assert line[1:] in body  # quoted as written (its first letter may go to lower case after a colon)
    role, employer = CVS[lang][1].split(", ")
    assert role in body and employer.rstrip(".") in body
    assert BOARD[lang] in doc.parts.paragraphs[0]
    (missing,) = [s for s in re.split(r"(?<=[.!?])\s+", body) if "Kafka" in s]
    assert re.search(rf"\b{JOB_PERSON[lang]}\b", missing)
    assert check_text(f"{doc.cover_letter}\n\n{doc.cv_summary}", profile, job).ok


@pytest.mark.parametrize("lang", sorted(CVS))
def test_phrases_hold_no_skill_degree_or_employer_words(lang):
    """The fixed wording, filled with neutral values, states nothing a CV would have to back."""
    from domain.letters.phrases import PHRASES  # noqa: PLC0415

    values = {"title": "Role", "company": "Firm", "board": "a board", "years": "N", "role": "role",
              "employer": "firm", "line": "work.", "skills": "things", "languages": "speech",
              "degree": "studies", "institution": "school", "city": "town", "date": "today", "who": "",
              "ptitle": "", "asked": "N"}
    for slot, variants in PHRASES[lang].items():
        for text in (variants,) if isinstance(variants, str) else variants:
            claims = [(c.kind, c.text) for c in extract_claims(text.format(**values)) if c.text not in ("Role", "Firm")]
            assert claims == [], (slot, text)


# --- a CV with enough evidence gets 200-350 words in each language ---------------------------

RICH = {  # headings (summary, experience, education, skills, languages), summary, three jobs, degree, skills, languages
    "en": (("Summary", "Experience", "Education", "Skills", "Languages"),
           "Backend engineer who builds reliable payment services.",
           [("Senior Backend Engineer, Paywell Ltd", "03/2019 – present", [
               "Built the order and payment services in Python and Django for 2 million bookings a day.",
               "Cut PostgreSQL response times by 60% with new indexes.",
               "Introduced contract tests in the CI pipeline that halved failed releases."]),
            ("Backend Developer, Riverside Software Ltd", "09/2015 – 02/2019", [
                "Built REST APIs in Python and Flask for the mobile apps.",
                "Moved 30 services from the data centre to AWS with Terraform."]),
            ("Junior Developer, Thames Digital Ltd", "06/2013 – 08/2015", [
                "Wrote a Redis cache for the search that cut response times by 40%."])],
           "M.Sc. Computer Science, University of Leeds (2011 – 2013)",
           "Python, Django, Flask, PostgreSQL, Docker, Redis, AWS, Terraform, Git",
           "English (native), German (C1), Spanish (B1)"),
    "de": (("Kurzprofil", "Berufserfahrung", "Ausbildung", "Kenntnisse", "Sprachen"),
           "Backend-Entwicklerin mit Schwerpunkt auf Zahlungsverkehr und stabilen Schnittstellen.",
           [("Senior Backend-Entwicklerin, Zahlwerk GmbH", "03/2019 – heute", [
               "Entwicklung der Bestell- und Zahlungsdienste mit Python und Django für 2 Millionen Buchungen am Tag.",
               "Senkung der Antwortzeiten der PostgreSQL-Datenbank um 60 % durch neue Indizes.",
               "Einführung von Vertragstests in der CI-Pipeline, die fehlgeschlagene Releases halbiert haben."]),
            ("Backend-Entwicklerin, Rheinland Software AG", "09/2015 – 02/2019", [
                "Aufbau von REST-Schnittstellen mit Python und Flask für die mobilen Apps.",
                "Umzug von 30 Diensten aus dem Rechenzentrum zu AWS mit Terraform."]),
            ("Junior-Entwicklerin, Spree Digital GmbH", "06/2013 – 08/2015", [
                "Aufbau eines Redis-Caches für die Suche, der die Antwortzeiten um 40 % verkürzt hat."])],
           "M.Sc. Informatik, TU Berlin (2011 – 2013)",
           "Python, Django, Flask, PostgreSQL, Docker, Redis, AWS, Terraform, Git",
           "Deutsch (Muttersprache), Englisch (C1), Spanisch (B1)"),
    "fr": (("Profil", "Expérience professionnelle", "Formation", "Compétences", "Langues"),
           "Développeuse backend spécialisée dans les paiements et les interfaces fiables.",
           [("Développeuse backend senior, Paiements Rhône SAS", "03/2019 – aujourd'hui", [
               "Développement des services de commande et de paiement en Python et Django pour 2 millions de réservations par jour.",
               "Réduction de 60 % des temps de réponse de la base PostgreSQL grâce à de nouveaux index.",
               "Mise en place de tests de contrat dans la chaîne CI, qui a divisé par deux les livraisons en échec."]),
            ("Développeuse backend, Lyon Logiciels SA", "09/2015 – 02/2019", [
                "Conception d'API REST en Python et Flask pour les applications mobiles.",
                "Migration de 30 services du centre de données vers AWS avec Terraform."]),
            ("Développeuse junior, Saône Digital SARL", "06/2013 – 08/2015", [
                "Création d'un cache Redis pour la recherche, qui a réduit les temps de réponse de 40 %."])],
           "Master Informatique, Université Lyon 1 (2011 – 2013)",
           "Python, Django, Flask, PostgreSQL, Docker, Redis, AWS, Terraform, Git",
           "Français (langue maternelle), Anglais (C1), Espagnol (B1)"),
    "es": (("Resumen profesional", "Experiencia laboral", "Educación", "Habilidades", "Idiomas"),
           "Desarrolladora backend especializada en pagos e interfaces fiables.",
           [("Desarrolladora backend sénior, Pagos Ibéricos S.L.", "03/2019 – actualidad", [
               "Desarrollo de los servicios de pedidos y pagos con Python y Django para 2 millones de reservas al día.",
               "Reducción del 60 % de los tiempos de respuesta de PostgreSQL con nuevos índices.",
               "Introducción de pruebas de contrato en la cadena de CI, que redujo a la mitad los despliegues fallidos."]),
            ("Desarrolladora backend, Software del Sur S.A.", "09/2015 – 02/2019", [
                "Diseño de API REST con Python y Flask para las aplicaciones móviles.",
                "Migración de 30 servicios del centro de datos a AWS con Terraform."]),
            ("Desarrolladora júnior, Digital Levante S.L.", "06/2013 – 08/2015", [
                "Creación de una caché Redis para el buscador, que redujo los tiempos de respuesta en un 40 %."])],
           "Máster en Ingeniería Informática, Universidad de Valencia (2011 – 2013)",
           "Python, Django, Flask, PostgreSQL, Docker, Redis, AWS, Terraform, Git",
           "Español (nativo), Inglés (C1), Alemán (B1)"),
    "it": (("Profilo", "Esperienza professionale", "Istruzione e formazione", "Competenze", "Lingue"),
           "Sviluppatrice backend specializzata in pagamenti e interfacce affidabili.",
           [("Sviluppatrice backend senior, Pagamenti Padani S.r.l.", "03/2019 – oggi", [
               "Sviluppo dei servizi di ordini e pagamenti in Python e Django per 2 milioni di prenotazioni al giorno.",
               "Riduzione del 60 % dei tempi di risposta di PostgreSQL con nuovi indici.",
               "Introduzione di test di contratto nella pipeline CI, che ha dimezzato i rilasci falliti."]),
            ("Sviluppatrice backend, Software Lombardo S.p.A.", "09/2015 – 02/2019", [
                "Progettazione di API REST in Python e Flask per le app mobili.",
                "Migrazione di 30 servizi dal centro dati ad AWS con Terraform."]),
            ("Sviluppatrice junior, Digitale Veneto S.r.l.", "06/2013 – 08/2015", [
                "Realizzazione di una cache Redis per la ricerca, che ha ridotto i tempi di risposta del 40 %."])],
           "Laurea Magistrale in Informatica, Università di Padova (2011 – 2013)",
           "Python, Django, Flask, PostgreSQL, Docker, Redis, AWS, Terraform, Git",
           "Italiano (madrelingua), Inglese (C1), Tedesco (B1)"),
    "nl": (("Profiel", "Werkervaring", "Opleiding", "Vaardigheden", "Talen"),
           "Backend developer met een focus op betalingen en betrouwbare koppelingen.",
           [("Senior backend developer, Betaalhuis B.V.", "03/2019 – heden", [
               "Ontwikkeling van de bestel- en betaaldiensten in Python en Django voor 2 miljoen boekingen per dag.",
               "Verlaging van de responstijden van PostgreSQL met 60 % door nieuwe indexen.",
               "Invoering van contracttests in de CI-straat, waardoor mislukte releases halveerden."]),
            ("Backend developer, Utrechtse Software B.V.", "09/2015 – 02/2019", [
                "Ontwerp van REST API's in Python en Flask voor de mobiele apps.",
                "Verhuizing van 30 diensten uit het datacenter naar AWS met Terraform."]),
            ("Junior developer, Digitaal Gelderland B.V.", "06/2013 – 08/2015", [
                "Bouw van een Redis-cache voor de zoekfunctie, die de responstijden met 40 % verkortte."])],
           "MSc Informatica, Universiteit Utrecht (2011 – 2013)",
           "Python, Django, Flask, PostgreSQL, Docker, Redis, AWS, Terraform, Git",
           "Nederlands (moedertaal), Engels (C1), Duits (B1)"),
    "pt": (("Resumo profissional", "Experiência profissional", "Formação acadêmica", "Competências", "Idiomas"),
           "Desenvolvedora backend especializada em pagamentos e integrações confiáveis.",
           [("Desenvolvedora backend sênior, Pagamentos Paulistas Ltda.", "03/2019 – atual", [
               "Desenvolvimento dos serviços de pedidos e pagamentos em Python e Django para 2 milhões de reservas por dia.",
               "Redução de 60 % nos tempos de resposta do PostgreSQL com novos índices.",
               "Introdução de testes de contrato no pipeline de CI, que reduziu pela metade as entregas com falha."]),
            ("Desenvolvedora backend, Software Mineiro S.A.", "09/2015 – 02/2019", [
                "Projeto de APIs REST em Python e Flask para os aplicativos móveis.",
                "Migração de 30 serviços do data center para a AWS com Terraform."]),
            ("Desenvolvedora júnior, Digital Carioca Ltda.", "06/2013 – 08/2015", [
                "Criação de um cache Redis para a busca, que reduziu os tempos de resposta em 40 %."])],
           "Mestrado em Ciência da Computação, Universidade de São Paulo (2011 – 2013)",
           "Python, Django, Flask, PostgreSQL, Docker, Redis, AWS, Terraform, Git",
           "Português (nativo), Inglês (C1), Espanhol (B1)"),
}
RICH_ASKS = {  # the posting's requirements in its language: a degree, languages, Kafka the CV lacks
    "en": ["5+ years of experience with Python", "Experience with Django and Docker", "Knowledge of AWS and Kafka",
           "A degree in computer science", "Fluent English"],
    "de": ["Mindestens 5 Jahre Berufserfahrung mit Python", "Erfahrung mit Django und Docker",
           "Kenntnisse in AWS und Kafka", "Abgeschlossenes Studium der Informatik", "Sehr gute Englischkenntnisse"],
    "fr": ["Au moins 5 ans d'expérience en Python", "Expérience avec Django et Docker", "Connaissance d'AWS et de Kafka",
           "Diplôme d'ingénieur ou master en informatique", "Anglais courant"],
    "es": ["Al menos 5 años de experiencia con Python", "Experiencia con Django y Docker",
           "Conocimientos de AWS y Kafka", "Titulación universitaria en informática", "Inglés fluido"],
    "it": ["Almeno 5 anni di esperienza con Python", "Esperienza con Django e Docker", "Conoscenza di AWS e Kafka",
           "Laurea in informatica", "Inglese fluente"],
    "nl": ["Minimaal 5 jaar ervaring met Python", "Ervaring met Django en Docker", "Kennis van AWS en Kafka",
           "Een afgeronde opleiding informatica op wo-niveau", "Vloeiend Engels"],
    "pt": ["Pelo menos 5 anos de experiência com Python", "Experiência com Django e Docker",
           "Conhecimento de AWS e Kafka", "Formação superior em computação", "Inglês fluente"],
}


def _rich_cv(lang: str) -> CandidateProfile:
    (summary_h, experience_h, education_h, skills_h, languages_h), summary, jobs, degree, skills, languages = RICH[lang]
    lines = ["Clara Moreau", "clara.moreau@example.org · +33 6 12 34 56 78 · Lyon", summary_h, summary, experience_h]
    for head, dates, bullets in jobs:
        lines += [head, dates, *(f"• {b}" for b in bullets)]
    lines += [education_h, degree, skills_h, skills, languages_h, languages]
    return profile_from_text("\n".join(lines), today=ON)


@pytest.mark.parametrize("lang", sorted(RICH))
def test_a_cv_with_enough_evidence_gets_200_to_350_words_in_each_language(lang):
    profile = _rich_cv(lang)
    job = JobPosting(**{**POSTINGS[lang].to_dict(), "via": "via LinkedIn", "highlights": [
        {"title": "Qualifications", "items": RICH_ASKS[lang]}]})
    doc = TemplateLetterWriter().write(profile, job, on=ON)
    words = sum(len(p.split()) for p in doc.parts.paragraphs)
    assert doc.language == lang and 200 <= words <= 350, (words, doc.cover_letter)
    body = "\n".join(doc.parts.paragraphs)
    assert "60" in body and "Kafka" in body  # a figure as the CV has it; the gap, as the posting's
    assert check_text(f"{doc.cover_letter}\n\n{doc.cv_summary}", profile, job).ok


def test_a_dutch_list_of_languages_is_no_employer_claim():
    """Dutch "en" (and) is also the Spanish and French employer marker ("en Telefónica"); a language's
    name after it is no employer, while a company after it still is."""
    profile = CandidateProfile(name="Jan de Vries", languages=["German", "English"])
    job = POSTINGS["nl"]
    assert check_text("Ik spreek Duits en Engels.", profile, job).ok
    assert sorted(u.claim.text for u in check_text("Ik werkte bij Philips en Shell.", profile, job).unsupported) == [
        "Philips", "Shell"]


# --- issue 11 findings: formulas a first-time user caught -------------------------------------------

def test_an_english_letter_dates_british_unless_the_posting_is_in_the_us():
    us = JobPosting(job_id="us", title="Backend Engineer", company_name="Initech Inc.", location="Austin, TX",
                    description=POSTINGS["en"].description)
    assert "\n\n30 November 2026\n\n" in TemplateLetterWriter().write(PROFILE, POSTINGS["en"], on=ON).cover_letter
    assert "\n\nNovember 30, 2026\n\n" in TemplateLetterWriter().write(PROFILE, us, on=ON).cover_letter


@pytest.mark.parametrize("place, shown", [("Anywhere", ""), ("Remote", ""), ("Worldwide", ""), ("Remote (EU)", ""),
                                          ("Remote, Germany", "Germany"), ("Berlin (Remote)", "Berlin"),
                                          ("London, UK", "London, UK")])
def test_the_recipient_block_holds_a_place_not_remote_or_anywhere(place, shown):
    assert recipient_place(place) == shown
    job = JobPosting(job_id="r", title="Data Analyst", company_name="Nomad Analytics Ltd", location=place,
                     description=POSTINGS["en"].description)
    recipient = TemplateLetterWriter().write(PROFILE, job, on=ON).cover_letter.split("\n\n")[1]
    assert recipient == "\n".join(v for v in ("Nomad Analytics Ltd", shown) if v)


def test_french_elision_and_contraction_where_a_title_or_name_follows_de_que_a():
    job = JobPosting(job_id="t", title="Analyste de données (F/H)", company_name="Les Tilleuls Technologies SA",
                     location="Bordeaux", description=POSTINGS["fr"].description)
    analyst = CandidateProfile(name="Julie Roux", title="Analyste de données", years_experience=4,
                               skills=["Python"])
    full = TemplateLetterWriter().write(analyst, job, on=ON, language="fr").cover_letter
    assert "\n\nObjet : Candidature au poste d'Analyste de données (F/H)\n\n" in full
    assert not re.search(r"\b(?:de|à) Les\b|\bque A|\bde A", full)
    assert summary_heading("fr") == "Synthèse du CV :" and summary_heading("en") == "CV summary:"


def test_italian_contractions_before_a_name_s_article():
    from domain.letters.template_body import contract  # noqa: PLC0415
    assert contract("it", "contribuire a Il Sole 24 Ore e a Albion") == "contribuire al Sole 24 Ore e ad Albion"
    assert contract("fr", "apporter à Le Bon Coin, au succès de Les Tilleuls") == "apporter au Bon Coin, au succès des Tilleuls"


@pytest.mark.parametrize("lang, description, first", [
    ("fr", "Maîtrise du français et de l'anglais indispensable.", "français"),
    ("it", "Ottima conoscenza della lingua inglese.", "italiano"),
])
def test_the_languages_sentence_puts_the_letters_own_language_first_and_the_postings(lang, description, first):
    polyglot = CandidateProfile(name="Lucía García", years_experience=4, skills=["Python"],
                                languages=["Spanish", "English (C1)", "Italian", "French"])
    job = JobPosting(job_id="l", title="Data Analyst", company_name="Esempio", description=description)
    body = "\n".join(TemplateLetterWriter().write(polyglot, job, language=lang, on=ON).parts.paragraphs)
    spoken = re.search(r"(?:Je parle|Parlo) ([^.]+)\.", body).group(1)
    assert spoken.startswith(first) and ("inglese" in spoken or "anglais" in spoken)
    assert "spagnolo" not in spoken and "espagnol" not in spoken


def test_an_italian_letter_keeps_the_formal_lei_throughout():
    profile, job = _cv("it"), _with_kafka(POSTINGS["it"])
    letter = TemplateLetterWriter().write(profile, job, on=ON).cover_letter
    assert "La ringrazio" in letter and "Suo annuncio" in letter
    assert not re.search(r"\b(?:vostr\w|voi|descrivete|chiedete|troverete)\b", letter, re.IGNORECASE)
