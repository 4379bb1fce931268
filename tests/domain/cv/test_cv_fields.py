import datetime as dt

import pytest

from domain.cv.fields import profile_from_text

TODAY = dt.date(2026, 1, 15)

GERMAN = """Lebenslauf
Name: Jonas Becker
Anschrift: Hauptstraße 5, 50667 Köln
Tel.: +49 221 123456
E-Mail: jonas.becker@example.de
Berufserfahrung
01/2016 – 12/2019 Lagerlogistik, Gabelstapler, SAP
seit 01/2020 Disponent, Tourenplanung
Ausbildung
2012 – 2015 Ausbildung zur Fachkraft für Lagerlogistik
Sprachen
Deutsch (Muttersprache), Englisch (gut)
"""

FRENCH_NO_DATES = """Camille Martin
Infirmière diplômée d'État
Paris | camille.martin@example.fr | 06 12 34 56 78
Profil
Infirmière avec plus de 7 ans d'expérience en soins intensifs et en gériatrie.
Langues : Français, Anglais
"""


def test_german_labels_and_since():
    profile = profile_from_text(GERMAN, today=TODAY)
    assert profile.name == "Jonas Becker"
    assert profile.location == "Köln"  # the city as written, without street and postcode
    assert profile.phone == "+49 221 123456"
    assert profile.years_experience == 10.0  # 2016-01 through 2025-12; training years not counted
    assert profile.languages == ["German", "English"]
    assert {"Warehouse Management", "Forklift Operation", "SAP", "Route Planning"} <= set(profile.skills)


def test_french_explicit_years_and_inline_fields():
    profile = profile_from_text(FRENCH_NO_DATES, today=TODAY)
    assert profile.name == "Camille Martin"
    assert profile.title == "Infirmière diplômée d'État"
    assert profile.phone == "06 12 34 56 78"
    assert profile.location == "Paris"
    assert profile.years_experience == 7.0
    assert profile.languages == ["French", "English"]
    assert profile.summary.startswith("Infirmière avec plus de 7 ans")
    assert {"Critical Care", "Geriatric Care"} <= set(profile.skills)


def test_adjective_languages_are_not_spoken_languages():
    profile = profile_from_text("Ana Silva\nFrench accountant with advanced Excel\nGerman market expansion", today=TODAY)
    assert profile.languages == []


def test_generated_summary_when_cv_has_none():
    profile = profile_from_text("Ana Silva\nData Engineer\nLisbon, Portugal\nSkills: Python, Airflow, dbt\n"
                                "Experience\n2020 – present Data Engineer", today=TODAY)
    assert profile.summary == ("Data Engineer in Lisbon, Portugal with 6 years of experience; "
                               "skills: Python, Apache Airflow, dbt.")


def test_email_glued_to_neighbouring_words():
    from domain.cv.contact import extract_email
    assert extract_email("j.meissner@example.deMOBILE 0171") == "j.meissner@example.de"
    assert extract_email("404-555-0187tamika.brooks@example.com") == "tamika.brooks@example.com"
    assert extract_email("3dguy@example.com") == "3dguy@example.com"


def test_contact_fields_work_together():
    profile = profile_from_text("ANNA KOWALSKA\nDevOps Engineer\nGöttingen, Deutschland k.x@example.de\n"
                                "0171 2345678\nBerufserfahrung\nDevOps Engineer, Foo GmbH, 2020 – heute", today=TODAY)
    assert (profile.name, profile.title, profile.location, profile.phone) == (
        "Anna Kowalska", "DevOps Engineer", "Göttingen, Deutschland", "0171 2345678")


def test_email_wrapped_over_two_lines_of_a_narrow_column():
    from domain.cv.contact import extract_email
    assert extract_email("Tereza\ntereza.dvorakova@exam KURZPROFIL\nple.at\nKENNTNISSE") == "tereza.dvorakova@example.at"
    assert extract_email("sophie.devries@example PROFIEL\n.be\nX") == "sophie.devries@example.be"
    assert extract_email("Envelope ewan.mcdonald@exam- Work Experience\nple.co.uk   DevOps") == \
        "ewan.mcdonald@example.co.uk"
    assert extract_email("no address @ here\nfoo.com") is None


FRENCH_BUNDLE = """Claire Dubois
Responsable RH
Société Lumière SAS
12 rue de la Paix
75002 Paris
Madame, Monsieur,
Je souhaite vous proposer ma candidature.
Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.
Sophie Peeters
Sophie Peeters
Infirmière en pédiatrie
Namur, Belgique
0470 12 34 56
"""


def test_cover_letter_recipient_block_gives_no_contact_field():
    profile = profile_from_text(FRENCH_BUNDLE, today=TODAY)
    assert (profile.name, profile.title, profile.location, profile.phone) == (
        "Sophie Peeters", "Infirmière en pédiatrie", "Namur, Belgique", "0470 12 34 56")


def test_cover_letter_recipient_place_is_not_the_candidates():
    text = "Jordan Reyes\nHarbor Freight Lines Inc.\nCharleston, SC\nDear Jordan,\nI apply.\nBest regards,\nTamika Brooks\n"
    profile = profile_from_text(text, today=TODAY)
    assert (profile.name, profile.location) == ("Tamika Brooks", None)


@pytest.mark.parametrize("text, expected", [
    ("Léa Nguyen-Moreau\n+33 6 12 34 56 72lea.nguyen.moreau@example.fr", "lea.nguyen.moreau@example.fr"),
    ("Jonas Weiß\n0171 23456 78jonas.weiss@example.de", "jonas.weiss@example.de"),
    ("Ana Lima\n(11) 98765-43 21ana@example.com.br", "ana@example.com.br"),
])
def test_the_end_of_a_phone_glued_before_the_email_is_dropped(text, expected):
    from domain.cv.contact import extract_email
    assert extract_email(text) == expected


def test_leading_digits_dropped_when_the_name_or_phone_says_they_are_glued():
    from domain.cv.contact import without_glued_digits
    assert without_glued_digits("72lea.nguyen@example.fr", "Léa Nguyen", None) == "lea.nguyen@example.fr"
    assert without_glued_digits("37jgarcia@example.es", "Juan García", "+34 654 12 98 37") == "jgarcia@example.es"
    assert without_glued_digits("3dguy@example.com", "Sam Lee", "+1 503 555 0142") == "3dguy@example.com"


def test_glued_cells_through_contact_fields():
    from domain.cv.contact import contact_fields
    from domain.cv.sections import label_lines
    text = "Léa Moreau\nCheffe de projet\n06 12 34 56 72\n72lea.moreau@example.fr\nExpérience"
    fields = contact_fields(text, label_lines(text))
    assert fields.email == "lea.moreau@example.fr"
    assert fields.phone == "06 12 34 56 72"


def test_an_icon_word_glued_before_the_email_is_dropped_when_the_name_follows():
    from domain.cv.contact import without_glued_digits
    assert without_glued_digits("Envelopegiulia.rossi@example.it", "Giulia Rossi", None) == "giulia.rossi@example.it"
    assert without_glued_digits("E-Mailanna@example.de", "Anna Weber", None) == "anna@example.de"
    assert without_glued_digits("mailroom@example.com", "Anna Weber", None) == "mailroom@example.com"
