import pytest

from domain.cv.sections import Line, heading_section, is_heading, label_lines


@pytest.mark.parametrize("heading, section", [
    ("Experience", "experience"), ("BERUFSERFAHRUNG", "experience"), ("Expérience professionnelle", "experience"),
    ("Experiencia profesional", "experience"), ("Experiência Profissional", "experience"),
    ("Esperienza lavorativa", "experience"), ("Werkervaring", "experience"),
    ("Education", "education"), ("Ausbildung", "education"), ("Formação Académica", "education"),
    ("Istruzione e formazione", "education"), ("Opleiding", "education"), ("Educación", "education"),
    ("Skills", "skills"), ("Kenntnisse", "skills"), ("Compétences", "skills"), ("Habilidades", "skills"),
    ("Competenze digitali", "skills"), ("Vaardigheden", "skills"),
    ("Languages", "languages"), ("Sprachkenntnisse", "languages"), ("Idiomas", "languages"),
    ("Lingue", "languages"), ("Talen", "languages"),
    ("Profile", "summary"), ("Resumo Profissional", "summary"), ("Profilo", "summary"), ("Profiel", "summary"),
    ("Certifications", "other"), ("Projets", "other"), ("Interessi", "other"), ("Referenties", "other"),
])
def test_headings_in_seven_languages(heading, section):
    assert heading_section(heading) == section


@pytest.mark.parametrize("heading, section", [
    ("Personal information", "contact"), ("Angaben zur Person", "contact"), ("Informazioni personali", "contact"),
    ("Work experience", "experience"), ("Education and training", "education"),
    ("Langue(s) maternelle(s)", "languages"), ("Otro(s) idioma(s)", "languages"), ("Muttersprache(n)", "languages"),
    ("Digital skills", "skills"), ("Compétences numériques", "skills"),
])
def test_europass_labels(heading, section):
    assert heading_section(heading) == section


@pytest.mark.parametrize("heading, section", [
    ("E X P E R I E N C E", "experience"), ("W O R K   E X P E R I E N C E", "experience"),
    ("  Skills:", "skills"), ("01. Experience", "experience"), ("\uf0b1 Education", "education"),
    ("Skills & Tools", "skills"), ("Education and Certifications", "education"), ("EXPÉRIENCE", "experience"),
])
def test_spaced_capitalised_and_decorated_forms(heading, section):
    assert heading_section(heading) == section


@pytest.mark.parametrize("line", [
    "Python, Django", "Skills: Python, Go", "Curriculum Vitae", "2019 – 2020", "Senior Python Developer",
    "Experience with distributed systems and teams across Europe",
])
def test_ordinary_lines_are_not_headings(line):
    assert not is_heading(line)


def test_label_lines_keeps_interface_and_records_the_heading():
    lines = label_lines("Ana Silva\n\nEXPERIÊNCIA PROFISSIONAL\n2019 – atual Engenheira\nIdiomas:\nInglês (C1)\n")
    assert [(l.text, l.section) for l in lines] == [
        ("Ana Silva", "top"), ("2019 – atual Engenheira", "experience"), ("Inglês (C1)", "languages")]
    assert lines[1] == Line("2019 – atual Engenheira", "experience", "EXPERIÊNCIA PROFISSIONAL")


def test_a_heading_in_a_table_label_column_opens_its_section():
    lines = label_lines("Ana Silva\nHabilidades   Triaje, Curas de heridas\navanzado\nIdiomas\tEspañol (nativo)")
    assert [(l.text, l.section) for l in lines] == [
        ("Ana Silva", "top"), ("Triaje, Curas de heridas", "skills"), ("avanzado", "skills"),
        ("Español (nativo)", "languages")]
    assert label_lines("Senior  Engineer at ACME")[0].section == "top"


@pytest.mark.parametrize("heading, section", [
    ("E X P E R I Ê N C I A  P R O F I SS I O N A L", "experience"),  # "SS" kerned together
    ("F O R M A Ç Ã O", "education"), ("C O M P É T E N C E S", "skills"),
    ("C O M P  É T E N C E S", "skills"),  # an uneven gap beside a wide accented glyph
    ("F O R M A C\u0327 A\u0303 O", "education"),  # accents as combining marks
    ("F O R M A C ¸ A ˜ O", "education"),  # accents as separate spacing marks
    ("B E R U F S E R F A H R U N G", "experience"), ("E S P E R I E N Z A  L A V O R A T I V A", "experience"),
])
def test_letter_spaced_headings_as_text_layers_give_them(heading, section):
    assert heading_section(heading) == section


@pytest.mark.parametrize("line", ["A B C D", "I T", "C O M P U T E R S"])
def test_letter_spaced_lines_that_spell_no_heading_are_not_headings(line):
    assert not is_heading(line)
