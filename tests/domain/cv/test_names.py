"""Names: Unicode letters, capitals, particles, initials, titles, Europass, cover letters, e-mail guess."""
import pytest

from domain.cv.name_words import normalise_name
from domain.cv.names import extract_name, name_from_email
from domain.cv.sections import label_lines


def _name(text: str, email: str | None = None, large_lines=()) -> str | None:
    return extract_name(label_lines(text), email, large_lines=large_lines)


@pytest.mark.parametrize("written, expected", [
    ("Paweł Wróbel", "Paweł Wróbel"),
    ("Jiří Dvořák", "Jiří Dvořák"),
    ("Ștefan Popescu", "Ștefan Popescu"),
    ("Hans-Jürgen Groß", "Hans-Jürgen Groß"),
    ("ANNA MARIA KOWALSKA", "Anna Maria Kowalska"),
    ("JAN VAN DER BERG", "Jan van der Berg"),
    ("SEÁN O'CONNOR", "Seán O'Connor"),
    ("RONALD MCDONALD", "Ronald McDonald"),
    ("IAN MACLEOD", "Ian MacLeod"),
    ("ANA MACHADO", "Ana Machado"),  # not "MacHado"
    ("Maria T. Lopez", "Maria T. Lopez"),
    ("Luis de la Cruz", "Luis de la Cruz"),
    ("Dr. Anna Schmidt", "Anna Schmidt"),  # titles are stripped, consistently
    ("Prof. Dr. Hans Müller", "Hans Müller"),
    ("Anna Schmidt, PhD", "Anna Schmidt"),
    ("KOWALSKA Anna", "Anna Kowalska"),  # surname first in capitals
    ("Kowalska, Anna", "Anna Kowalska"),
    ("Jean DUPONT", "Jean Dupont"),
])
def test_name_forms_are_normalised(written, expected):
    assert normalise_name(written) == expected


@pytest.mark.parametrize("text", ["data", "Python", "a b", "Berlin 10115"])
def test_non_names_are_refused_by_shape(text):
    assert normalise_name(text) is None


def test_a_job_title_above_the_name_is_not_the_name():
    assert _name("Senior Software Engineer\nPaweł Wróbel\nBerlin") == "Paweł Wróbel"


@pytest.mark.parametrize("heading", ["Curriculum Vitae", "Berufserfahrung", "Personal Information",
                                     "Resumo Profissional", "Informazioni Personali", "Werkervaring"])
def test_a_heading_is_not_the_name(heading):
    assert _name(f"{heading}\nAcme GmbH\n2019 – 2021", "jonas.becker@example.de") == "Jonas Becker"


def test_a_city_or_country_line_is_not_the_name():
    assert _name("Berlin, Germany\nSão Paulo\nJohn O'Connor") == "John O'Connor"


def test_a_company_is_not_the_name():
    assert _name("Acme Solutions GmbH\nLena Vogel") == "Lena Vogel"


@pytest.mark.parametrize("label", ["Personal information", "Angaben zur Person", "Informations personnelles",
                                   "Información personal", "Informação pessoal", "Informazioni personali"])
def test_europass_label_line_before_the_name(label):
    assert _name(f"Europass\nCurriculum Vitae\n{label}\nKOWALSKA Anna\nul. Długa 5, Kraków") == "Anna Kowalska"


@pytest.mark.parametrize("line", ["Name: Jonas Becker", "Nome: Jonas Becker", "Nom : Jonas Becker",
                                  "Nombre: Jonas Becker", "Vorname, Name: Jonas Becker"])
def test_inline_name_labels(line):
    assert _name(f"Senior Developer\n{line}") == "Jonas Becker"


def test_label_alone_then_value_on_next_line():
    assert _name("Lebenslauf\nName\nJonas Becker") == "Jonas Becker"


def test_europass_surname_first_label_reorders():
    assert _name("Surname(s) / First name(s) Kowalska Anna") == "Anna Kowalska"


COVER_LETTER = """Acme GmbH
Personalabteilung
Frau Julia Müller
Hauptstraße 1
10115 Berlin
Sehr geehrte Frau Müller,
hiermit bewerbe ich mich als Data Engineer.
Mit freundlichen Grüßen
Anna Kowalska
Lebenslauf
Anna Kowalska
"""


def test_cover_letter_recipient_is_not_the_candidate():
    assert _name(COVER_LETTER) == "Anna Kowalska"


def test_cover_letter_signature_wins_over_the_salutation_name():
    text = "Jane Smith\nHiring Manager\nDear Ms. Smith,\nI am writing to apply.\nSincerely,\nMaria T. Lopez\n"
    assert _name(text) == "Maria T. Lopez"


def test_large_lines_are_strong_evidence():
    text = "Data Engineer\nPython SQL\nJulia Fischer\n"
    assert _name(text, large_lines=["MARIE-CLAIRE DUBOIS", "Data Engineer"]) == "Marie-Claire Dubois"


def test_name_matching_the_email_is_preferred():
    assert _name("Jan Novak\nTomasz Zieliński\n", "tomasz.zielinski@example.pl") == "Tomasz Zieliński"


def test_email_guess_is_only_a_last_resort_and_keeps_order():
    assert _name("Berlin\nDevOps Engineer", "kowalska.anna@example.de") == "Kowalska Anna"
    assert _name("Jürgen Groß\nDevOps Engineer", "juergen.gross@example.de") == "Jürgen Groß"


def test_email_guess_needs_two_words():
    assert name_from_email("jdoe@example.com") is None


def test_a_name_set_over_two_lines_is_joined():
    assert _name("Ana Paula\nda Costa\nAnalista de Dados") == "Ana Paula da Costa"
    assert _name("x", large_lines=["CARMEN", "MORALES", "Técnica de logística"]) == "Carmen Morales"


def test_the_line_after_a_lone_name_that_is_an_address_is_not_joined():
    assert _name("KOWALSKA\nGranada, España\nAnna Kowalska") == "Anna Kowalska"


def test_letter_spaced_fragments_are_not_a_name():
    assert _name("Ko N Ta Kt\nData Engineer") is None


def test_skills_list_items_are_not_names():
    assert _name("Data Engineer\nSkills\nPower BI\nTIA Portal", "x@example.com") is None


def test_label_word_glued_before_a_europass_name():
    assert _name("Curriculum vitae\nINFORMATIONS Yasmine Ben Ali\nPERSONNELLES") == "Yasmine Ben Ali"


def test_curly_apostrophe_is_normalised():
    assert _name("Siobhán O’Connor\nRegistered Nurse") == "Siobhán O'Connor"


@pytest.mark.parametrize("written", ["Anne-Sophie d'Aubigné", "Li Wei", "Nguyễn Văn An", "Anna Meister"])
def test_more_name_shapes(written):
    assert _name(f"{written}\nLyon") == written


@pytest.mark.parametrize("written, expected", [("Alex Kim (they/them)", "Alex Kim"),
                                               ("John Smith Jr.", "John Smith Jr."),
                                               ("HENRY FORD III", "Henry Ford III"),
                                               ("Dipl.-Ing. Jonas Becker", "Jonas Becker"),
                                               ("Dr. med. Anna Schmidt", "Anna Schmidt")])
def test_pronouns_suffixes_and_german_titles(written, expected):
    assert normalise_name(written) == expected


@pytest.mark.parametrize("line", ["Lebenslauf von Anna Kowalska", "CV of Anna Kowalska",
                                  "Curriculum Vitae – Anna Kowalska"])
def test_a_document_title_around_the_name(line):
    assert _name(f"{line}\nBerlin") == "Anna Kowalska"


def test_a_label_column_before_the_name_is_not_part_of_it():
    from domain.cv.names import extract_name as _extract
    from domain.cv.sections import label_lines as _label
    text = "Lebenslauf\nName\nAdresse\nTelefon\nE-Mail\nAnna Keller\n3012 Bern\nanna@example.ch"
    assert _extract(_label(text), "anna@example.ch") == "Anna Keller"


@pytest.mark.parametrize("row", ["Name Anna Keller", "Nome Anna Keller", "Nom Anna Keller"])
def test_a_label_in_the_same_row_as_the_name_is_dropped(row):
    from domain.cv.names import extract_name as _extract
    from domain.cv.sections import label_lines as _label
    assert _extract(_label(f"{row}\nanna@example.ch"), "anna@example.ch", large_lines=[row]) == "Anna Keller"
