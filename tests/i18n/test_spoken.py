"""A German, French or Spanish speaker reads the bot in their language: help, a profile card, a job
list and a failure (real words asserted), with each language's plural forms."""
from datetime import date, timedelta

import pytest

from bot.core import texts
from domain.cv.errors import TooManyPagesError
from domain.jobs.sources import SAMPLE_NOTE
from i18n import Phrase, translator

PROFILE = {"name": "Lena Vogel", "title": "Pflegefachkraft", "location": "Köln, Deutschland", "email": "lena@example.de",
           "years_experience": 1.2, "skills": ["Intensivpflege"], "source": "scan"}
MATCHES = [{"job": {"job_id": "1", "title": "Nurse", "company_name": "Klinikum", "location": "Köln",
                    "via": "via Adzuna", "posted_date": (date.today() - timedelta(days=3)).isoformat()},
            "score": 80, "matched_skills": [], "missing_skills": [], "reason": "title matches your search"}]


@pytest.mark.parametrize("language, title, privacy, apply_word", [
    ("de", "job-agent – dein Assistent für die Stellensuche", "Datenschutz", "Anschreiben"),
    ("fr", "job-agent — votre assistant de recherche d'emploi", "Confidentialité", "lettre de motivation"),
    ("es", "job-agent: tu asistente para buscar empleo", "Privacidad", "carta de presentación"),
])
def test_help_is_in_the_persons_language(language, title, privacy, apply_word):
    message = texts.help_message(t=translator(language))
    assert message.title == title and message.footer.startswith(privacy)
    assert any(apply_word in item for item in message.items)
    assert "PDF, Word (.docx)" in message.items[0]  # the formats, said in the language too
    assert texts.help_message().title == "job-agent — your job-search assistant"  # English stays the default


@pytest.mark.parametrize("language, lines, footer_words", [
    ("de", ["Name: Lena Vogel", "Berufsbezeichnung: Pflegefachkraft", "Berufserfahrung: 1 Jahr"],
     ["Per Texterkennung aus einem Scan gelesen", "Nicht in deinem Lebenslauf gefunden: Telefon.",
      "Als Nächstes: /jobsearch Pflegefachkraft in Köln"]),
    ("fr", ["Nom\u00a0: Lena Vogel", "Poste\u00a0: Pflegefachkraft", "Expérience\u00a0: 1 an"],
     ["Lu sur un scan", "Introuvable dans votre CV\u00a0: téléphone.", "Ensuite\u00a0: /jobsearch Pflegefachkraft à Köln"]),
    ("es", ["Nombre: Lena Vogel", "Puesto: Pflegefachkraft", "Experiencia: 1 año"],
     ["Leído de un escaneo", "No encontrado en tu CV: teléfono.", "Siguiente paso: escríbeme «Pflegefachkraft en Köln»"]),
])
def test_a_profile_card_is_in_the_persons_language(language, lines, footer_words):
    card = texts.profile_message(PROFILE, t=translator(language))
    assert all(line in card.items for line in lines), card.items
    read_from, *rest = card.footer.splitlines()
    assert read_from.startswith(footer_words[0]) and rest == footer_words[1:]


@pytest.mark.parametrize("language, title, footer, posted, note", [
    ("de", "Top 1 von 1 Stellen für „Pflege“", "Tippe auf „Anschreiben“", "via Adzuna · vor 3 Tagen veröffentlicht",
     "Das sind Beispielanzeigen"),
    ("fr", "Top 1 sur 1 offres pour «\u00a0Pflege\u00a0»", "Appuyez sur «\u00a0Lettre de motivation\u00a0»",
     "via Adzuna · publiée il y a 3 jours", "Ce sont des annonces d'exemple"),
    ("es", "Las 1 mejores de 1 ofertas para «Pflege»", "Pulsa «Carta de presentación»",
     "via Adzuna · publicada hace 3 días", "Son ofertas de ejemplo"),
])
def test_a_job_list_is_in_the_persons_language(language, title, footer, posted, note):
    t = translator(language)
    listing = texts.job_list_message("Pflege", MATCHES, ranking_id="r1", has_profile=True, notes=[t(SAMPLE_NOTE)], t=t)
    assert listing.title == title and listing.footer.startswith(footer)
    assert listing.jobs[0].source_line == posted and listing.notes[0].startswith(note)


@pytest.mark.parametrize("language, title, reason", [
    ("de", "Dein Lebenslauf konnte nicht gelesen werden", "Dieses Dokument hat 9 Seiten; ich lese Lebensläufe mit bis zu 5 Seiten."),
    ("fr", "La lecture de votre CV a échoué", "Ce document compte 9 pages\u202f; je lis des CV de 5 pages au maximum."),
    ("es", "No se ha podido leer tu CV", "Este documento tiene 9 páginas; leo CV de hasta 5 páginas."),
])
def test_a_failure_is_in_the_persons_language(language, title, reason):
    class Record:  # a failed profile as stored by the worker: English and its phrase
        error = TooManyPagesError(pages=9, limit=5)
        error_message, error_phrase = str(error.user_message), error.user_message.to_dict()

    t = translator(language)
    message = texts.failure_message("profile", texts.failure_reason(Record, t=t), t=t)
    assert message.title == title and message.text.startswith(reason)


@pytest.mark.parametrize("language, one, two, one_year, two_years, one_note, two_notes", [
    ("en", "posted 1 day ago", "posted 2 days ago", "1 year", "2 years",
     "1 posting older than 30 days left out.", "2 postings older than 30 days left out."),
    ("de", "vor 1 Tag veröffentlicht", "vor 2 Tagen veröffentlicht", "1 Jahr", "2 Jahre",
     "1 Anzeige, älter als 30 Tage, weggelassen.", "2 Anzeigen, älter als 30 Tage, weggelassen."),
    ("fr", "publiée il y a 1 jour", "publiée il y a 2 jours", "1 an", "2 ans",
     "1 annonce de plus de 30 jours écartée.", "2 annonces de plus de 30 jours écartées."),
    ("es", "publicada hace 1 día", "publicada hace 2 días", "1 año", "2 años",
     "1 oferta con más de 30 días descartada.", "2 ofertas con más de 30 días descartadas."),
])
def test_plural_forms_follow_each_language(language, one, two, one_year, two_years, one_note, two_notes):
    t = translator(language)
    assert t.ngettext("posted {n} day ago", "posted {n} days ago", 1) == one
    assert texts.posted_words(2, t=t) == two
    assert texts.posted_words(0, t=t) != texts.posted_words(1, t=t) != two
    assert texts.profile_message({"years_experience": 1.4}, t=t).items == [texts.profile_message(
        {"years_experience": 1.0}, t=t).items[0]]  # 1.4 years shown as 1
    assert texts._years(1.0, t) == one_year and texts._years(2.9, t) == two_years
    note = Phrase.ngettext("{n} posting older than {days} days left out.", "{n} postings older than {days} days left out.",
                           1, days=30)
    assert t(note) == one_note
    assert t(Phrase.from_dict({**note.to_dict(), "params": {"n": 2, "days": 30}})) == two_notes


def test_french_says_zero_and_one_in_the_singular_and_german_does_not():
    fr, de = translator("fr"), translator("de")
    assert fr.ngettext("posted {n} day ago", "posted {n} days ago", 0) == "publiée il y a 0 jour"
    assert de.ngettext("posted {n} day ago", "posted {n} days ago", 0) == "vor 0 Tagen veröffentlicht"


@pytest.mark.parametrize("language, salary", [
    ("en", "€45k–55k a year"), ("de", "45.000–55.000\u00a0€ pro Jahr"), ("fr", "par an"), ("es", "por año")])
def test_a_salary_on_a_card_is_written_the_persons_way(language, salary):
    job = {**MATCHES[0]["job"], "salary_min": 45000, "salary_max": 55000, "salary_currency": "EUR",
           "salary_period": "year"}
    listing = texts.job_list_message("Pflege", [{**MATCHES[0], "job": job}], ranking_id="r1", has_profile=True,
                                     currency="EUR", t=translator(language))
    assert salary in listing.jobs[0].salary
