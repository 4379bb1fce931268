"""Location: a gazetteer instead of a closed list, header first, never a job line or a year."""
import pytest

from domain.cv.places import extract_location, find_place
from domain.cv.sections import label_lines


def _where(text: str) -> str | None:
    return extract_location(label_lines(text))


@pytest.mark.parametrize("line, expected", [
    ("Tübingen", "Tübingen"),
    ("Bend, OR", "Bend, OR"),
    ("Aarhus, Denmark", "Aarhus, Denmark"),
    ("Córdoba, España", "Córdoba, España"),
    ("Joinville, SC, Brasil", "Joinville, SC, Brasil"),
    ("Sousse, Tunisie", "Sousse, Tunisie"),
    ("München, Deutschland", "München, Deutschland"),
])
def test_smaller_cities_in_the_header_are_found(line, expected):
    assert _where(f"Anna Kowalska\n{line} | anna@example.com") == expected


def test_country_of_the_place_is_known():
    place = find_place(label_lines("Sam Lee\nBend, OR"))
    assert place.country == "US"
    assert find_place(label_lines("Ana Ruiz\nCórdoba, España")).country == "ES"


def test_postcode_and_street_are_dropped_city_kept():
    assert _where("Jonas Becker\nHauptstraße 5, 72070 Tübingen") == "Tübingen"
    assert _where("Jo Bloggs\n10 Downing St, London SW1A 2AA") == "London"


@pytest.mark.parametrize("label", ["Address", "Adresse", "Dirección", "Morada", "Indirizzo", "Wohnort"])
def test_address_labels(label):
    assert _where(f"Jonas Becker\nProfile\nSome words here\n{label}: Via Roma 3, 50123 Firenze") == "Firenze"


@pytest.mark.parametrize("word", ["Nice", "Reading", "Mobile", "Bath", "Split", "Sale"])
def test_common_words_alone_are_not_places(word):
    assert _where(f"Jo Bloggs\n{word}\nExperience\nEngineer") is None


def test_common_word_cities_with_a_country_are_places():
    assert _where("Jo Bloggs\nNice, France") == "Nice, France"
    assert _where("Jo Bloggs\nReading, UK") == "Reading, UK"


def test_lowercase_words_are_not_places():
    assert _where("Jo Bloggs\nparis") is None


def test_a_year_and_a_word_is_not_a_postcode_and_city():
    assert _where("Jo Bloggs\n2019 Present\n2021 Berlin") is None


def test_header_place_wins_over_a_job_line():
    text = ("Lena Vogel\nHamburg, Germany\nExperience\nData Engineer, Acme GmbH, Berlin\n"
            "2019 – 2021 Munich, Germany")
    assert _where(text) == "Hamburg, Germany"


def test_job_and_education_lines_are_never_the_place():
    text = "Lena Vogel\nExperience\nAcme GmbH, Berlin, 2019 – 2021\nEducation\nUniversität Leipzig, Leipzig"
    assert _where(text) is None


def test_sidebar_place_after_the_header_with_a_country():
    assert _where("Lena Vogel\nProfile\nI build data platforms.\nKontakt\nGraz, Österreich") == "Graz, Österreich"


def test_words_glued_by_the_text_layer_are_split():
    assert _where("Giulia Rossi\n06123 PerugiaItalia") == "Perugia, Italia"
    assert _where("Pieter van den Berg\nNederlandUtrecht") == "Utrecht"


def test_street_number_and_postcode_without_commas():
    assert _where("Jörg Meißner\nNeckarhalde 12 72070 Tübingen") == "Tübingen"


def test_the_candidates_name_is_not_a_place():
    lines = label_lines("CARMEN\nMORALES\nGranada, España")
    assert find_place(lines, "Carmen Morales").text == "Granada, España"
    assert find_place(lines).text == "CARMEN"  # without the name, the town Carmen is taken


def test_us_state_with_zip_code():
    assert _where("Sam Lee\nSan Francisco, CA 94105") == "San Francisco, CA"
    assert _where("Sam Lee\nGreater Boston Area") == "Boston"


def test_contact_data_after_the_place_with_one_space():
    assert _where("Ana Silva\nAveiro, Portugal rita.ferreira@example.pt") == "Aveiro, Portugal"


@pytest.mark.parametrize("line, expected", [("Sevilla (España)", "Sevilla, España"),
                                            ("München/Deutschland", "München, Deutschland"),
                                            ("Austin, Texas", "Austin, Texas")])
def test_bracket_slash_and_state_forms(line, expected):
    assert _where(f"Ana Silva\n{line}") == expected


@pytest.mark.parametrize("tool", ["Rust", "Cypress", "Julia", "Spring", "Perl"])
def test_tools_that_are_also_towns_are_not_places(tool):
    assert _where(f"Jo Bloggs\n{tool}\nExperience\nEngineer") is None


@pytest.mark.parametrize("line, expected", [("Dorfstraße 3, 72119 Ammerbuch", "Ammerbuch"),
                                            ("Ammerbuch, Deutschland", "Ammerbuch, Deutschland"),
                                            ("8561 Wäldi", "Wäldi")])
def test_towns_too_small_for_the_gazetteer_with_postcode_or_country(line, expected):
    assert _where(f"Jo Bloggs\n{line}") == expected


@pytest.mark.parametrize("line", ["Software Engineer, Germany", "2019 Freelance", "Skills, Deutschland"])
def test_no_town_from_a_role_a_year_or_a_heading(line):
    assert _where(f"Jo Bloggs\n{line}") is None


def test_a_street_with_a_house_number_is_not_a_town():
    assert _where("John R. Whitaker   1120 NW Wall St\nBend, OR 97703\nUSA") == "Bend, OR, USA"


def test_city_and_country_on_lines_of_their_own():
    assert _where("EWAN MCDONALD\nProfile\nAberdeen\nUnited Kingdom   DevOps engineer.") == "Aberdeen, United Kingdom"


@pytest.mark.parametrize("line, expected", [
    ("Clifton, Bristol BS8 1TH", "Bristol"),
    ("Douglas, Cork", "Cork"),
    ("Gràcia, Barcelona", "Barcelona"),
    ("Leith, Edinburgh", "Edinburgh"),
    ("Schwabing, München", "München"),
    ("Salvador, Bahia", "Salvador"),
    ("Curitiba, Paraná", "Curitiba"),
])
def test_a_district_before_its_city_gives_the_city(line, expected):
    assert _where(f"Sam Lee\n{line}\nsam@example.com") == expected


@pytest.mark.parametrize("line, expected", [
    ("⌂ Gent, Belgium", "Gent, Belgium"),
    ("📍 Lyon", "Lyon"),
    ("● Porto", "Porto"),
    ("\uf3c5 Graz", "Graz"),
])
def test_an_icon_before_the_place_is_dropped(line, expected):
    assert _where(f"Sam Lee\n{line}\nsam@example.com") == expected


@pytest.mark.parametrize("line, expected", [
    ("Nantes (44)", "Nantes"),
    ("Annenstraße 21 – 8020 Graz", "Graz"),
    ("Rua X 12, 4000-123 Porto", "Porto"),
    ("Via Roma 1 – 20121 Milano", "Milano"),
])
def test_street_postcode_and_departement_forms(line, expected):
    assert _where(f"Sam Lee\n{line}\nsam@example.com") == expected


def test_a_label_column_on_lines_of_its_own_is_never_the_place():
    text = "Lebenslauf\nName\nAdresse\nTelefon\nE-Mail\nAnna Keller\n3012 Bern\n031 123 45 67\nanna@example.ch"
    assert _where(text) == "Bern"
    assert _where("Curriculum\nNome\nIndirizzo\nMarco Bianchi\nmarco@example.it") is None


@pytest.mark.parametrize("line, expected", [
    ("Paris 15e", "Paris"),
    ("Lyon 3ème", "Lyon"),
    ("Wohnort Tübingen", "Tübingen"),
    ("Località: Cuneo", "Cuneo"),
])
def test_arrondissements_and_labels_without_a_colon(line, expected):
    assert _where(f"Sam Lee\n{line}\nsam@example.com") == expected


@pytest.mark.parametrize("line", ["\uf015 Gent \uf0e0 sam@example.be", "☎ +32 470 12 34 56 ⌂ Gent ✉ sam@example.be",
                                  "📞 0470 12 34 56 🏠 Gent"])
def test_icons_between_items_separate_them(line):
    assert _where(f"Sam Lee\n{line}") == "Gent"


@pytest.mark.parametrize("text, expected", [
    ("Tom Hill\nClifton\nBristol BS8 1TH\ntom@example.com", "Bristol"),
    ("Ana Ruiz\nGràcia\n08012 Barcelona", "Barcelona"),
    ("Ana Ruiz\nBarcelona\nData Engineer\nPython, SQL\nKubernetes\nMadrid 28001", "Barcelona"),
])
def test_of_two_header_places_the_one_with_the_postcode(text, expected):
    assert _where(text) == expected


def test_a_street_address_after_a_label_column_and_a_heading_is_still_found():
    text = ("Lebenslauf\nName\nAdresse\nTelefon\nBerufserfahrung\nAnna Keller\nMarktgasse 3, 3012 Bern\n"
            "031 123 45 67\nFachfrau Betreuung | Kita Bärn | 2019 – heute")
    assert _where(text) == "Bern"


def test_an_employer_town_in_the_experience_section_is_not_the_place():
    text = "Anna Keller\nanna@example.ch\nBerufserfahrung\nKita Bärn, Bern | 2019 – heute"
    assert _where(text) is None
