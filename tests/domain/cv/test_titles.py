"""Title: a headline that names a role, else the current role; never a heading, sentence or address."""
import pytest

from domain.cv.sections import label_lines
from domain.cv.titles import extract_title, is_role_line


def _title(text: str, name: str, large_lines=()) -> str | None:
    return extract_title(label_lines(text), name, large_lines=large_lines)


@pytest.mark.parametrize("headline", ["Senior Data Engineer", "Softwareentwicklerin", "Ingénieure DevOps",
                                      "Desarrollador Full Stack", "Enfermeira", "Sviluppatore Java",
                                      "Infirmière diplômée d'État"])
def test_a_role_headline_in_six_languages(headline):
    assert _title(f"Ana Silva\n{headline}\nana@example.com", "Ana Silva") == headline


def test_role_on_the_name_line():
    assert _title("ANNA KOWALSKA | DevOps Engineer", "Anna Kowalska") == "DevOps Engineer"


@pytest.mark.parametrize("line", ["Educación", "Resumo Profissional", "Berufserfahrung",
                                  "Building the future, one line at a time",
                                  "Hauptstraße 5, 10115 Berlin",
                                  "Data engineer with 8 years of experience in retail.",
                                  "PROGRAMMING LANGUAGES", "Acme Solutions GmbH"])
def test_lines_after_the_name_that_are_not_titles(line):
    assert _title(f"Ana Silva\n{line}\nana@example.com", "Ana Silva") is None


def test_current_role_from_an_open_range():
    text = ("Ana Silva\nResumo Profissional\nEngenheira de dados com 8 anos de experiência.\n"
            "Experiência\nAnalista de Dados\nFoo SA | 2016 – 2020\nEngenheira de Dados Sênior\nAcme SA | 2021 – atual")
    assert _title(text, "Ana Silva") == "Engenheira de Dados Sênior"


def test_current_role_with_employer_and_dates_on_one_line():
    text = ("John Doe\nExperience\nAcme Inc — Senior Backend Developer — Jan 2020 – Present\n"
            "Junior Developer, Foo Ltd, 2017 – 2019")
    assert _title(text, "John Doe") == "Senior Backend Developer"


def test_current_role_german_since_and_employer():
    text = "Max Mustermann\nBerufserfahrung\nSoftwareentwickler bei Foo GmbH\n04/19 – heute\nAusbildung\nAbitur"
    assert _title(text, "Max Mustermann") == "Softwareentwickler"


def test_most_recent_entry_when_no_range_is_open():
    text = "John Doe\nExperience\nLead Engineer, Acme, 2018 – 2022\nEngineer, Foo, 2012 – 2018"
    assert _title(text, "John Doe") == "Lead Engineer"


def test_labelled_title():
    assert _title("John Doe\nPosition: Project Manager", "John Doe") == "Project Manager"


def test_large_line_headline():
    assert _title("John Doe\nSummary\nI like data.", "John Doe",
                  large_lines=["John Doe", "Data Scientist"]) == "Data Scientist"


@pytest.mark.parametrize("text, expected", [("Head of Sales", True), ("Passionate about code", False),
                                            ("Skills", False), ("Berlin, Germany", False)])
def test_role_line_shape(text, expected):
    assert is_role_line(text) is expected


@pytest.mark.parametrize("line, expected", [("Profile Registered Nurse", "Registered Nurse"),
                                            ("Kurzprofil Gesundheits- und Krankenpflegerin",
                                             "Gesundheits- und Krankenpflegerin"),
                                            ("Österreich Buchhalter", "Buchhalter")])
def test_heading_or_country_glued_before_the_headline(line, expected):
    assert _title(f"Ana Silva\n{line}", "Ana Silva") == expected


def test_wrapped_headline_is_joined():
    assert _title("Lucía García | Ingeniera\nde Datos\nMadrid", "Lucía García") == "Ingeniera de Datos"


def test_role_above_its_dates_wins_over_the_next_entry():
    text = ("Anna Kowalska\nWork Experience\nFull Stack Developer\nFenland Software Ltd\nJan 2021 – present\n"
            "React front ends.\nJunior Developer\nCam Labs\nSep 2018 – Dec 2020")
    assert _title(text, "Anna Kowalska") == "Full Stack Developer"


def test_first_role_when_the_dates_are_set_apart():
    text = "Alan Harris\nWork Experience\nBrickbottom AI, Machine Learning Engineer\nTufts, Postdoc\nSkills\nFeb 2022 – present"
    assert _title(text, "Alan Harris") == "Machine Learning Engineer"


def test_an_employer_with_a_role_word_is_not_the_role():
    text = "Stefano Romano\nEsperienza Professionale\nGeometra, Studio Tecnico Vanvitelli\napr 2016 – oggi"
    assert _title(text, "Stefano Romano") == "Geometra"


def test_medical_specialists_are_roles():
    assert is_role_line("Medico Radiologo") and is_role_line("Kardiologin")


@pytest.mark.parametrize("headline", ["Software Engineer II", "Computer Science Student", "Head of Data",
                                      "Product Owner", "Marketing & Communications Specialist"])
def test_more_role_shapes(headline):
    assert _title(f"Ana Silva\n{headline}", "Ana Silva") == headline


@pytest.mark.parametrize("subject", ["Bewerbung als Logistikleiterin", "Application for Data Engineer",
                                     "Candidature au poste de Comptable", "Betreff: Bewerbung als Koch"])
def test_a_letter_subject_is_not_the_title(subject):
    assert _title(f"Nina Keller\n{subject}\nSehr geehrte Damen und Herren,", "Nina Keller") is None


def test_capitals_headline_under_a_capitals_name_with_initial():
    assert _title("MARIA T. LOPEZ\nDATA SCIENTIST\nCHICAGO, IL", "Maria T. Lopez") == "DATA SCIENTIST"


def test_role_just_above_the_name():
    assert _title("Software Engineer\nJonas Weber\nKöln", "Jonas Weber") == "Software Engineer"


def test_open_range_word_without_a_dash_is_not_part_of_the_role():
    text = "Lena Vogel\nExperience\n2019 Present Marketing Lead, Foo GmbH"
    assert _title(text, "Lena Vogel") == "Marketing Lead"


@pytest.mark.parametrize("label", ["POSIZIONE RICOPERTA", "Position applied for", "Gewünschte Beschäftigung"])
def test_europass_position_label_then_value(label):
    assert _title(f"Giulia Rossi\nVia Roma 1\n{label}\nSviluppatrice Frontend", "Giulia Rossi") == \
        "Sviluppatrice Frontend"
