import pytest

from domain.cv.languages import extract_languages
from domain.cv.sections import label_lines


def _languages(text):
    return extract_languages(label_lines(text))


@pytest.mark.parametrize("written", [
    "Englisch (C1)", "Anglais courant", "Inglés (avanzado)", "Inglês fluente", "Inglese ottimo", "Engels vloeiend",
    "English – fluent",
])
def test_a_language_next_to_a_level_in_any_of_seven_languages(written):
    assert _languages(f"Ana Silva\n{written}") == ["English"]


@pytest.mark.parametrize("heading, listed, expected", [
    ("Idiomas", "Inglés, Alemán", ["English", "German"]),
    ("Línguas", "Inglês\nEspanhol", ["English", "Spanish"]),
    ("Lingue", "Inglese, Francese", ["English", "French"]),
    ("Talen", "Engels, Duits", ["English", "German"]),
    ("Sprachen", "Deutsch, Englisch", ["German", "English"]),
])
def test_bare_names_in_the_languages_section(heading, listed, expected):
    assert _languages(f"Ana Silva\n{heading}\n{listed}") == expected


def test_europass_labels():
    assert _languages("Mother tongue(s): Portuguese\nOther language(s): English, French") == [
        "Portuguese", "English", "French"]
    assert _languages("Lengua materna: Español") == ["Spanish"]


def test_adjectives_are_not_languages():
    assert _languages("Ana Silva\nFrench accountant with advanced Excel\nCocina italiana y española") == []


def test_europass_label_column_and_more_languages():
    assert _languages("Skills\nLanguages English (native); Irish (fluent)") == ["English", "Irish"]
    assert _languages("Skills\nGujarati • fluent") == ["Gujarati"]


def test_a_language_alone_on_a_line_anywhere():
    assert _languages("Skills\nGo, Java\nEspañol\nInglés\n• nativo") == ["Spanish", "English"]


@pytest.mark.parametrize("line", ["f Deutsch", "➢ Deutsch", "\uf0a7 Deutsch", "◦ Deutsch"])
def test_a_bullet_glyph_before_a_language_name(line):
    assert extract_languages(label_lines(f"Sprachen\n{line}\n{line.replace('Deutsch', 'Englisch (B2)')}")) == [
        "German", "English"]
