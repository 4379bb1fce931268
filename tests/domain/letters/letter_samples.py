"""Hand-built letters in the seven languages, for the PDF and DOCX layout tests.

Formulas as the template writer uses them (see test_letter_languages.EXPECTED); bodies short
but real sentences, so layout tests do not depend on what a writer says.
"""
from __future__ import annotations

from domain.jobs.types import JobPosting
from domain.letters.types import LetterDocument, LetterParts

SENDER = ("Jürgen Müller", "j.mueller@example.de", "+49 151 2345678", "Köln")
NAME = "Jürgen Müller"

# lang: (company, city, date line, subject, salutation, closing, body sentence, summary)
LETTERS = {
    "de": ("Klinikum Süd GmbH", "Stuttgart", "Köln, 30. November 2026", "Bewerbung als Pflegefachkraft (m/w/d)",
           "Sehr geehrte Damen und Herren,", "Mit freundlichen Grüßen",
           "hiermit bewerbe ich mich um die Stelle als Pflegefachkraft bei Klinikum Süd GmbH.",
           "Jürgen Müller, Pflegefachkraft, 5 Jahre Berufserfahrung."),
    "fr": ("Exemple SAS", "Lyon", "Köln, le 30 novembre 2026", "Objet : Candidature au poste de Infirmier (H/F)",
           "Madame, Monsieur,", "Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.",
           "Je vous adresse ma candidature au poste d'infirmier chez Exemple SAS.",
           "Jürgen Müller, infirmier, 5 ans d'expérience."),
    "en": ("Northwind Ltd", "London", "November 30, 2026", "Application for the position of Nurse",
           "Dear Hiring Team,", "Kind regards,", "I am applying for the position of Nurse at Northwind Ltd.",
           "Jürgen Müller, nurse, 5 years of experience."),
    "es": ("Ejemplo S.L.", "Madrid", "Köln, 30 de noviembre de 2026", "Asunto: Candidatura al puesto de Enfermero",
           "Estimado equipo de selección:", "Atentamente,", "Les escribo para presentar mi candidatura al puesto.",
           "Jürgen Müller, enfermero."),
    "it": ("Esempio S.r.l.", "Milano", "Köln, 30 novembre 2026", "Oggetto: Candidatura per la posizione di Infermiere",
           "Gentile Responsabile della selezione,", "Cordiali saluti,", "Vi scrivo per candidarmi alla posizione.",
           "Jürgen Müller, infermiere."),
    "nl": ("Voorbeeld B.V.", "Utrecht", "Köln, 30 november 2026",
           "Betreft: Sollicitatie naar de functie van Verpleegkundige",
           "Geachte heer/mevrouw,", "Met vriendelijke groet,", "Hierbij solliciteer ik naar de functie.",
           "Jürgen Müller, verpleegkundige."),
    "pt": ("Exemplo Ltda.", "São Paulo", "Köln, 30 de novembro de 2026", "Assunto: Candidatura à vaga de Enfermeiro",
           "Prezados(as) Senhores(as),", "Atenciosamente,", "Venho apresentar minha candidatura à vaga.",
           "Jürgen Müller, enfermeiro."),
}
FILLER = {  # a second paragraph, repeated to make letters of a given length
    "de": "In meiner jetzigen Stelle betreue ich eine Station mit zwanzig Betten und leite neue Kollegen an.",
    "fr": "Dans mon poste actuel, je m'occupe d'un service de vingt lits et j'accompagne les nouveaux collègues.",
    "en": "In my current role I look after a ward of twenty beds and guide new colleagues through their first weeks.",
}


def sample_job(lang: str) -> JobPosting:
    company, city, *_ = LETTERS[lang]
    return JobPosting(job_id=f"j-{lang}", title="Pflegefachkraft (m/w/d)" if lang == "de" else "Nurse",
                      company_name=company, location=city)


def sample_letter(lang: str, *, words: int = 0, with_parts: bool = True) -> LetterDocument:
    """A letter in ``lang``; ``words`` > 0 adds body paragraphs until the body has about that many words."""
    company, city, date, subject, salutation, closing, sentence, summary = LETTERS[lang]
    paragraphs = [sentence]
    filler = FILLER.get(lang, FILLER["en"])
    while words and sum(len(p.split()) for p in paragraphs) < words:
        paragraphs.append(" ".join([filler] * 3))
    parts = LetterParts(sender=SENDER, recipient=(company, city), date=date, subject=subject, salutation=salutation,
                        paragraphs=tuple(paragraphs), closing=closing, signature=NAME)
    return LetterDocument(cover_letter=parts.as_text(), cv_summary=summary, language=lang,
                          parts=parts if with_parts else None)
