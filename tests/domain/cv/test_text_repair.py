"""Text-layer repairs (domain.cv.repair), each on a small snippet with and without its fault."""
import pytest

from domain.cv.pdf_reader import read_pdf_text
from domain.cv.repair import (
    dehyphenate,
    glyph_name_digits,
    join_letter_spaced,
    join_word_per_line,
    lost_spaces_likely,
    rejoin_wrapped_addresses,
    repair_text,
    split_lost_spaces,
    split_run_together,
)
from tests.domain.cv import layout_pdfs as pdfs


def test_glyph_name_digits_become_digits():
    assert glyph_name_digits("(/two.pnum/zero.pnum/one.pnum/nine.pnum)") == "(2019)"
    assert glyph_name_digits("Since /two.oldstyle/zero.oldstyle/two.oldstyle/one.oldstyle") == "Since 2021"
    assert glyph_name_digits("/zero.pnum/four.pnum/slash/one.pnum/nine.pnum /endash present") == "04/19 – present"


def test_glyph_names_without_a_digit_or_inside_urls_stay():
    for text in ("github.com/anna/one", "24/seven support", "Berlin /at home", "a/b/c"):
        assert glyph_name_digits(text) == text


def test_pypdf_fallback_text_gets_the_digits_too():
    pdf = pdfs.raw_pdf(b"BT /F1 12 Tf 50 800 Td (Since 2019) Tj ET", pdfs.PNUM_FONT)
    assert read_pdf_text(pdf) == "Since 2019"


@pytest.mark.parametrize("word, expected", [
    ("DevOpsEngineer", "DevOps Engineer"), ("SeniorSoftwareEngineer", "Senior Software Engineer"),
    ("APIDesign", "API Design"), ("JavaScriptDeveloper", "JavaScript Developer"),
    ("JavaScript", "JavaScript"), ("PostgreSQL", "PostgreSQL"), ("GitHub", "GitHub"), ("iPhone", "iPhone"),
    ("McDonald", "McDonald"), ("MacArthur", "MacArthur"), ("O'Connor", "O'Connor"), ("eBay", "eBay"),
])
def test_split_run_together_keeps_real_camel_case(word, expected):
    assert split_run_together(word) == expected


def test_lost_spaces_are_split_everywhere_only_when_the_text_lost_them():
    ran_together = "\n".join(["ExperiencedDevOpsEngineerWithTenYearsOfExperienceInKubernetesAndTerraform"] * 4)
    assert lost_spaces_likely(ran_together)
    assert split_lost_spaces(ran_together).split("\n")[0] == \
        "Experienced DevOps Engineer With Ten Years Of Experience In Kubernetes And Terraform"
    prose = "Anna McDonald, JavaScript and PostgreSQL on GitHub with an iPhone.\n" * 6
    assert not lost_spaces_likely(prose)
    assert split_lost_spaces(prose) == prose


def test_a_single_run_together_title_is_split_in_normal_text():
    text = "Anna Kowalska\nSeniorDevOpsEngineer\nI like JavaScript and TypeScript."
    assert split_lost_spaces(text) == "Anna Kowalska\nSenior DevOps Engineer\nI like JavaScript and TypeScript."


def test_wrapped_email_is_rejoined():
    assert rejoin_wrapped_addresses("Contact\nanna.kowalska@exa\nmple.com\n+48 601 234 567") == \
        "Contact\nanna.kowalska@example.com\n+48 601 234 567"
    assert rejoin_wrapped_addresses("anna.maria.\nkowalska@example.com") == "anna.maria.kowalska@example.com"
    assert rejoin_wrapped_addresses("mail: anna@example-\ncompany.de") == "mail: anna@example-company.de"


def test_wrapped_url_is_rejoined():
    assert rejoin_wrapped_addresses("linkedin.com/in/\nanna-kowalska") == "linkedin.com/in/anna-kowalska"
    assert rejoin_wrapped_addresses("https://github.com/anna-\nkowalska/dotfiles") == \
        "https://github.com/anna-kowalska/dotfiles"


def test_complete_addresses_and_their_neighbours_stay_apart():
    text = ("anna@example.com\nBerlin\nlinkedin.com/in/anna\nMunich\nanna@example.com\nlinkedin.com/in/anna\n"
            "(81) 3456-7890\ncarlos@example.com.br\nanna.smith\nbob@example.com")
    assert rejoin_wrapped_addresses(text) == text


def test_word_per_line_text_is_rejoined_into_lines():
    words = "Led the migration of our billing platform to AWS.\nCut costs by a third in one year:".split()
    text = "\n".join(words) + "\n\nAnna Kowalska Senior Engineer"
    assert join_word_per_line(text).split("\n") == [
        "Led the migration of our billing platform to AWS.", "Cut costs by a third in one year:", "",
        "Anna Kowalska Senior Engineer"]


def test_ordinary_text_with_some_one_word_lines_is_left_alone():
    text = "Skills\nPython\nGo\nRust\nExperience\nBuilt the billing platform\nLed a team of five\n" * 2
    assert join_word_per_line(text) == text


def test_dehyphenate_joins_broken_words_and_keeps_real_compounds():
    assert dehyphenate("led the develop-\nment of APIs") == "led the development\nof APIs"
    assert dehyphenate("worked in cross-\nfunctional teams; cross-functional work") == \
        "worked in cross-functional\nteams; cross-functional work"
    assert dehyphenate("Python-\nDjango") == "Python-Django"
    assert dehyphenate("develop-\nment\nnext line") == "development\nnext line"
    assert dehyphenate("2019-\n2021") == "2019-\n2021"


def test_repair_text_leaves_clean_text_unchanged():
    text = "Anna Kowalska\nDevOps Engineer\nanna@example.com\n\nExperience\n2019 – present: GitHub, PostgreSQL"
    assert repair_text(text) == text


def test_letter_spaced_headings_are_joined_into_words():
    assert join_letter_spaced("E X P E R I Ê N C I A  P R O F I S S I O N A L") == "EXPERIÊNCIA PROFISSIONAL"
    assert join_letter_spaced("S K I L L S") == "SKILLS"
    assert join_letter_spaced("P E R F I L   Ana Souza") == "PERFIL   Ana Souza"  # a segment of its own
    assert repair_text("Intro\nE X P E R I E N C E  A N D  S K I L L S\nBuilt things") == \
        "Intro\nEXPERIENCE AND SKILLS\nBuilt things"


def test_single_letters_in_prose_stay_apart():
    for text in ("Vitamin A B C and more", "J R R Tolkien", "a b", "Plan A B C", "Grades A B"):
        assert join_letter_spaced(text) == text


def test_control_characters_between_words_become_spaces_and_nul_and_surrogates_go():
    from domain.cv.repair import normalise_unicode, printable

    assert printable(normalise_unicode("Built\x07REST APIs\x00 in ﬁve\x0bteams\ud83d\ufffe")) == "Built REST APIs in five teams"
    assert normalise_unicode("\x01\x02\x02\x03") == "\x01\x02\x02\x03"  # an unmapped font's codes: evidence of garbling


def test_a_profile_keeps_no_control_character_of_its_text_layer():
    from fpdf import FPDF

    from domain.cv.pdf_reader import read_pdf
    from domain.cv.profile import build_profile

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in ("Anna Schmidt", "anna.schmidt@example.com", "Experience", "Built\x07REST APIs in Python and Django"):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    assert "\x07" in read_pdf(data).text  # the text layer really holds the BEL
    profile = build_profile(data)
    assert "Built REST APIs" in profile.text and "Python" in profile.skills
    assert not any("\x00" <= ch < " " and ch not in "\t\n" for ch in profile.text)
