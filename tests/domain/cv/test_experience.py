import datetime as dt

import pytest

from domain.cv.experience import years_of_experience
from domain.cv.sections import label_lines

TODAY = dt.date(2026, 1, 15)


def _years(text):
    return years_of_experience(label_lines(text), text, TODAY)


@pytest.mark.parametrize("heading, job", [
    ("Experience", "04/2020 – present Engineer"), ("Berufserfahrung", "04/20 – heute Ingenieur"),
    ("Expérience professionnelle", "avril 2020 – aujourd'hui Ingénieur"),
    ("Experiencia profesional", "abr. 2020 – actualidad Ingeniero"),
    ("Experiência Profissional", "abr 2020 – atual Engenheiro"),
    ("Esperienza lavorativa", "apr 2020 – oggi Ingegnere"), ("Werkervaring", "apr 2020 – heden Ingenieur"),
])
def test_open_range_in_each_language_ends_today(heading, job):
    assert _years(f"Ana Silva\n{heading}\n{job}\n") == 5.8


def test_overlaps_merged_and_education_excluded():
    text = ("Experience\n2015 – 2018 Engineer\n2017 – 2019 Freelance\n"
            "Education\n2010 – 2014 B.Sc. Physics\n")
    assert _years(text) == 5.0


def test_only_the_experience_section_counts_when_there_is_one():
    text = "Experience\n2020 – 2021 Engineer\nProjects\n2010 – 2019 Hobby game engine\n"
    assert _years(text) == 2.0


def test_without_a_heading_education_lines_are_skipped():
    text = "Ana Silva\n2016 – 2019 Analyst, Bank\nB.Sc. Economics, Universidade do Porto\n2012 – 2016\n"
    assert _years(text) == 4.0


@pytest.mark.parametrize("text, years", [
    ("10+ years of experience in logistics", 10.0), ("über 8 Jahre Berufserfahrung", 8.0),
    ("plus de 7 ans d'expérience", 7.0), ("5 años de experiencia", 5.0), ("6 anos de experiência", 6.0),
    ("4 anni di esperienza", 4.0), ("9 jaar ervaring", 9.0),
])
def test_explicit_statement_is_the_fallback(text, years):
    assert _years(text) == years


def test_a_job_at_a_university_is_a_job():
    text = "Ana Silva\nIT Support Technician, Robert Gordon University. Jan 2014 – Dec 2015\n"
    assert _years(text) == 2.0


def test_dates_read_after_the_page_are_matched_to_entries_by_order():
    # A right-hand date column read last: jobs' dates first, the last one the undated degree's.
    text = ("Experience\nData Engineer\n◦ Pipelines\nResearcher\n◦ Analysis\nEducation\nUniversität Göttingen\n"
            "Skills\nPython, SQL\nJuli 2020 – Dez 2025\nJan 2016 – Juni 2020\n2012 – 2016\n")
    assert _years(text) == 10.0


def test_a_date_printed_on_the_title_row_and_read_before_the_heading():
    text = "Ana Silva\nAccountant with experience.\nApril 2019 to date\nWork Experience\n• Accountant, Foods Ltd\n"
    assert _years(text) == 6.8  # 2019-04 through 2025-12


def test_headings_read_apart_from_their_content():
    text = ("Kurzprofil\nBerufserfahrung\nAusbildung\nSprachen\nBuchhalter, Werke AG. seit Feb. 2017\n"
            "Buchhalter, Handels GmbH. Aug. 2012 – Jan. 2017\nBachelor Rechnungswesen, FH Graz 2009 – 2012\n")
    assert _years(text) == 13.4


@pytest.mark.parametrize("text, years", [
    # A degree row inside the experience section (moderncv fancy: one date column for both).
    ("Experience\nSoftware Engineer, Acme 2018 – 2024\nMSc Computer Science, TU Delft 2016 – 2018\n", 7.0),
    ("Berufserfahrung\nSoftwareentwickler, Acme GmbH 2018 – 2024\nUniversität Wien 2013 – 2018\n", 7.0),
    # Date lines printed before their entry: the one before the degree is the degree's.
    ("Expérience\n2018 – 2024\nIngénieur logiciel, Acme\n2013 – 2018\nMaster Informatique, Université de Lyon\n", 7.0),
    # Date lines printed after their entry.
    ("Experiencia\nDesarrolladora, Acme\n2018 – 2024\nGrado en Informática, Universidad de Sevilla\n2013 – 2018\n", 7.0),
])
def test_education_rows_in_the_experience_section_never_count(text, years):
    assert _years(text) == years


@pytest.mark.parametrize("row", ["Scrum Master, Acme", "Webmaster, Acme", "Master Data Analyst, Acme"])
def test_master_in_a_job_title_is_no_degree(row):
    assert _years(f"Experience\n{row} 2018 – 2024\n") == 7.0


def test_a_date_column_read_before_the_page_is_matched_to_entries_by_order():
    text = ("Profile\nAnalyst.\n03/2020 – heute\n01/2016 – 02/2020\n2012 – 2016\n"
            "Berufserfahrung\nData Engineer, Acme\n• Pipelines\nAnalyst, Beta\nAusbildung\nBSc Statistik, Uni Wien\n")
    assert _years(text) == 10.0  # 2016-01 .. 2025-12; the last date is the degree's


def test_a_date_column_whose_count_does_not_match_the_entries_is_not_guessed():
    # Three jobs but four date lines (one is a certificate's): only the section's own ranges count.
    text = ("Experience\nData Engineer, Acme\nAnalyst, Beta\nIntern, Gamma 2014 – 2015\nEducation\nBSc, Uni Wien\n"
            "Skills\nPython\n03/2020 – 12/2025\n01/2016 – 02/2020\n2015 – 2016\n2010 – 2014\n2019 – 2020\n")
    assert _years(text) == 2.0
