"""Title: a headline that names a role, else the current role; never a heading, sentence or address."""
import pytest

from domain.cv.sections import label_lines
from domain.cv.titles import extract_title, is_headline_shaped, is_role_line


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


@pytest.mark.parametrize("headline", ["Goldschmiedin", "Orafa", "Luthier", "Ourives de Prata",
                                      "Glassblower", "Dentalhygienikerin"])
def test_an_unlisted_profession_right_below_the_name_is_the_headline(headline):
    text = f"Ana Silva\n{headline}\nana@example.com\nExperience\nSales Assistant\nShop Ltd | 2010 – 2012"
    assert _title(text, "Ana Silva") == headline


def test_the_headline_wins_over_an_older_job_in_the_experience_section():
    text = ("Mary Jones\nDental Hygienist\nmary@example.com\nExperience\n"
            "Dental Assistant\nSmile Clinic | 2015 – 2018")
    assert _title(text, "Mary Jones") == "Dental Hygienist"


@pytest.mark.parametrize("line", ["Erzieherin", "Apothekerin", "Logopädin", "Pianificatrice logistica",
                                  "Rececionista de Hotel", "Recepcionista de Hotel", "Consultora Sénior"])
def test_feminine_and_spelling_variants_are_role_words(line):
    assert is_role_line(line)


@pytest.mark.parametrize("line", ["Berlin", "Hauptstraße 5", "8020 Graz", "USA", "Italia",
                                  "Curriculum Vitae", "Lebenslauf", "Python, SQL",
                                  "Turning ideas into products", "“Never stop learning”",
                                  "I build things", "Acme Solutions GmbH"])
def test_lines_by_the_name_that_are_no_headline_by_shape(line):
    assert not is_headline_shaped(line)


def test_a_headline_wrapped_after_the_name_line_is_joined():
    text = "Carlos Ruiz | Ingeniero\nCivil\ncarlos@example.es\nExperiencia"
    assert _title(text, "Carlos Ruiz") == "Ingeniero Civil"


def test_a_headline_wrapped_in_two_capitalised_halves_is_joined():
    assert _title("John Doe\nSenior Software\nEngineer\njohn@example.com", "John Doe") == "Senior Software Engineer"


def test_the_next_line_is_not_joined_when_it_is_contact_data_or_a_place():
    assert _title("Anna Weber\nErzieherin\nBerlin\nanna@example.de", "Anna Weber") == "Erzieherin"


def test_a_europass_label_split_over_two_lines_is_no_headline():
    text = "INFORMATIONS Yasmine Ben Ali\nPERSONNELLES\nSousse, Tunisie\nProfil Ingénieure DevOps"
    assert _title(text, "Yasmine Ben Ali") == "Ingénieure DevOps"


def test_an_unknown_town_by_the_name_yields_to_a_known_role():
    assert _title("Ana Silva\nAmmerbuch\nData Engineer\nana@example.com", "Ana Silva") == "Data Engineer"


def test_the_headline_below_an_address_block():
    text = "Giulia Rossi   Via dei Priori 21\n06123 Perugia\nItalia\nOrafa\ngiulia@example.it"
    assert _title(text, "Giulia Rossi") == "Orafa"


@pytest.mark.parametrize("line", ["Available from May", "British citizen", "Full driving licence",
                                  "MSc Computer Science", "Verheiratet, zwei Kinder", "Nacida en Sevilla",
                                  "Carta de condução B", "Open to work"])
def test_personal_data_by_the_name_is_no_headline(line):
    assert _title(f"Ana Silva\n{line}\nana@example.com", "Ana Silva") is None


def test_a_degree_that_names_a_role_is_a_headline():
    assert _title("Hans Berg\nDiplom-Ingenieur\nhans@example.de", "Hans Berg") == "Diplom-Ingenieur"


def test_short_role_abbreviations_do_not_make_short_words_roles():
    assert not is_role_line("Open to work")


@pytest.mark.parametrize("line", ["Kinder sind unsere Zukunft", "Le soin est ma passion", "La música es vida",
                                  "Helping families feel at home"])
def test_a_slogan_by_the_name_is_no_headline(line):
    assert _title(f"Ana Silva\n{line}\nana@example.com", "Ana Silva") is None


@pytest.mark.parametrize("line, expected", [("Erzieherin · Berlin", "Erzieherin"),
                                            ("Goldschmiedin | 8020 Graz", "Goldschmiedin"),
                                            ("Ingeniero Civil, Madrid", "Ingeniero Civil"),
                                            ("Registered Nurse, BSN", "Registered Nurse, BSN")])
def test_place_and_contact_cells_beside_the_headline_are_dropped(line, expected):
    assert _title(f"Ana Silva\n{line}\nana@example.com", "Ana Silva") == expected


@pytest.mark.parametrize("line", ["Goldschmiedin", "Berufskraftfahrer", "Hotelfachwirtin", "Projektleitung",
                                  "Steuerfachangestellte", "Pflegekraft"])
def test_german_compound_roles_by_their_head_noun(line):
    assert is_role_line(line)


@pytest.mark.parametrize("line", ["Durchsetzungskraft", "Gegenwart", "Rohrleitung", "Maschinenbau"])
def test_compounds_that_are_no_roles(line):
    assert not is_role_line(line)


def test_an_unlisted_role_in_the_experience_section_by_its_head_noun():
    text = "Anna Weber\nanna@example.de\nBerufserfahrung\nGoldschmiedin\nJuwelier Meyer | 2019 – heute"
    assert _title(text, "Anna Weber") == "Goldschmiedin"


@pytest.mark.parametrize("line", ["Boulangère", "Caissière", "Camarera de Pisos", "Cuidadora", "Empregada de Mesa",
                                  "Commessa", "Warehouse Operative", "Bookkeeper", "Operatrice Socio Sanitaria"])
def test_trades_and_service_roles_in_six_languages(line):
    assert is_role_line(line)


@pytest.mark.parametrize("surname", ["Baker", "Koch", "Richter", "Bautista", "Lindqvist", "Kristin"])
def test_occupational_surnames_are_no_role_words_for_names(surname):
    from domain.cv.roles import has_role_word
    assert not has_role_word(surname)


@pytest.mark.parametrize("line, expected", [("Beruf: Goldschmiedin", "Goldschmiedin"),
                                            ("Profissão: Rececionista", "Rececionista"),
                                            ("Profession : Logopède", "Logopède")])
def test_occupation_labels(line, expected):
    assert _title(f"Ana Silva\nana@example.com\n{line}", "Ana Silva") == expected


def test_the_second_largest_line_after_the_name_when_the_text_order_lost_it():
    text = "Anna Weber\nanna@example.de\nProfil\nIch arbeite gern mit Kindern."
    assert _title(text, "Anna Weber", large_lines=["Anna Weber", "Luthier", "Profil"]) == "Luthier"
    assert _title(text, "Anna Weber", large_lines=["Anna Weber", "Profil"]) is None


def test_the_headline_after_several_contact_lines():
    text = ("Anna Keller\nMarktgasse 3, 3012 Bern\n031 123 45 67\nanna@example.ch\nlinkedin.com/in/akeller\n"
            "Fachfrau Betreuung\nProfil")
    assert _title(text, "Anna Keller") == "Fachfrau Betreuung"


def test_a_cover_letter_recipient_after_the_letter_header_is_no_headline():
    text = ("Sophie Peeters\nNamur, Belgique\n0470 12 34 56\nsophie@example.be\nClaire Dubois\n"
            "Direction des soins\nMadame Claire Dubois,\nJe me permets de vous adresser ma candidature.\n"
            "Veuillez agréer, Madame, mes salutations distinguées.\nSophie Peeters\n\n"
            "Sophie Peeters\nLogopède\nNamur · sophie@example.be\nPROFIL\nTexte.")
    assert _title(text, "Sophie Peeters") == "Logopède"


@pytest.mark.parametrize("line", ["031 123 45 67", "linkedin.com/in/akeller", "github.com/akeller"])
def test_phone_and_profile_lines_are_passed_over(line):
    text = f"Anna Keller\n{line}\nGoldschmiedin\nanna@example.ch"
    assert _title(text, "Anna Keller") == "Goldschmiedin"
