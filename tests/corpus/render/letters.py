"""The cover letter that opens an application bundle: addressed to a named recipient (a trap for the
name reader), in the CV's language."""
from __future__ import annotations

from tests.corpus.people import Person
from tests.corpus.render.common import city_country

_TEXT = {
    "en": dict(subject="Application for the position of {title}", hello="Dear {recipient},",
               body=("I am writing to apply for the {title} position advertised on your website.",
                     "In my current role at {company} I have taken on responsibility for daily operations and "
                     "for a team; I would be glad to bring this experience to your organisation.",
                     "Please find my CV attached. I look forward to hearing from you."),
               closing="Yours sincerely,"),
    "de": dict(subject="Bewerbung als {title}", hello="Sehr geehrte {recipient},",
               body=("mit großem Interesse habe ich Ihre Stellenanzeige gelesen und bewerbe mich hiermit.",
                     "In meiner derzeitigen Position bei {company} trage ich Verantwortung für den Betrieb und "
                     "die Einarbeitung neuer Kolleginnen und Kollegen.",
                     "Über eine Einladung zu einem persönlichen Gespräch freue ich mich sehr."),
               closing="Mit freundlichen Grüßen"),
    "fr": dict(subject="Candidature au poste de {title}", hello="Madame {recipient},",
               body=("Je me permets de vous adresser ma candidature pour le poste publié sur votre site.",
                     "Dans mon poste actuel chez {company}, j'assure le suivi quotidien des projets.",
                     "Je reste à votre disposition pour un entretien."),
               closing="Veuillez agréer, Madame, mes salutations distinguées."),
}


RECIPIENTS = {  # person id -> the letter's address block, the named recipient first
    "de_keller": ("Frau Dr. Sabine Albrecht", "Personalabteilung", "Rhein Logistik AG", "Industriestrasse 5",
                  "8400 Winterthur"),
    "en_brooks": ("Mr. Jonathan Pierce", "Talent Acquisition", "Atlantic Freight Corp.", "200 Bay Street",
                  "Jacksonville, FL 32202"),
    "fr_peeters": ("Claire Dubois", "Direction des soins infirmiers", "Clinique du Parc", "Rue de Bruxelles 12",
                   "5000 Namur"),
}


def letter_parts(p: Person) -> dict:
    """Sender, recipient (``RECIPIENTS`` lines), date, subject, salutation + body, closing."""
    text = _TEXT[p.lang]
    recipient = RECIPIENTS[p.id]
    fill = dict(title=p.title, company=p.jobs[0].company, recipient=recipient[0])
    return {
        "sender": [p.name, city_country(p), p.phone, p.email],
        "recipient": list(recipient),
        "date": p.extra.get("letter_date", "12.11.2026"),
        "subject": text["subject"].format(**fill),
        "body": [text["hello"].format(**fill)] + [para.format(**fill) for para in text["body"]],
        "closing": text["closing"],
    }
