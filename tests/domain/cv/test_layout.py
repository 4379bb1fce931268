"""Reading order from positioned runs (domain.cv.layout) and through read_pdf on tiny PDFs."""
from pathlib import Path

from domain.cv.layout import SEGMENT_GAP, Run, page_lines, segments, top_lines
from domain.cv.pdf_reader import read_pdf
from tests.domain.cv import layout_pdfs as pdfs


def run(text, x0, y, *, size=10.0, width=None, bold=False):
    width = width if width is not None else 5.0 * len(text)
    return Run(text, x0, x0 + width, y, y + size * 0.9, size, bold)


def texts(runs):
    return [line.text for line in page_lines(runs)]


def test_columns_drawn_row_by_row_are_read_one_after_the_other():
    left = ["Kubernetes, Terraform,", "Ansible, Python", "Polish (native)"]
    right = ["Designed the payment platform", "serving twelve million users", "across Europe."]
    runs = [r for i in range(3) for r in (run(left[i], 40, 700 - 12 * i, width=110), run(right[i], 220, 700 - 12 * i))]
    assert texts(runs) == left + right


def test_a_paragraph_under_the_columns_after_a_blank_band_comes_last():
    runs = [r for i in range(3) for r in (run(f"left {i}", 40, 700 - 12 * i), run(f"right {i}", 220, 700 - 12 * i))]
    runs.append(run("References on request", 40, 600))
    assert texts(runs)[-1] == "References on request"
    assert texts(runs)[:3] == ["left 0", "left 1", "left 2"]


def test_a_full_width_header_is_read_before_the_columns():
    runs = [run("Anna Kowalska", 40, 780, size=24, width=400)]
    runs += [r for i in range(3) for r in (run(f"side {i}", 40, 700 - 12 * i), run(f"main {i}", 220, 700 - 12 * i))]
    assert texts(runs) == ["Anna Kowalska", "side 0", "side 1", "side 2", "main 0", "main 1", "main 2"]


def test_a_right_aligned_date_stays_on_its_role_row():
    runs = [run("Senior Engineer, ACME", 40, 700), run("2019 – 2021", 480, 700),
            run("Built the billing platform in Go and Python for all markets", 40, 688, width=500)]
    assert texts(runs) == [f"Senior Engineer, ACME{SEGMENT_GAP}2019 – 2021",
                           "Built the billing platform in Go and Python for all markets"]


def test_runs_on_one_baseline_join_with_a_space_only_across_a_gap():
    kerned = [run("Dev", 40, 700, width=15), run("Ops", 55.5, 700, width=15)]  # 0.05 em: kerning
    spaced = [run("Senior", 40, 700, width=30), run("Engineer", 73, 700, width=40)]  # 0.3 em: a space
    assert texts(kerned) == ["DevOps"]
    assert texts(spaced) == ["Senior Engineer"]


def test_top_lines_are_largest_first_from_the_top_of_the_page_only():
    lines = page_lines([run("Anna Kowalska", 40, 780, size=22, bold=True), run("DevOps Engineer", 40, 750, size=13),
                        run("Experience", 40, 700, size=12), run("Footer in huge type", 40, 60, size=40)])
    top = top_lines(lines, page_height=842)
    assert [line.text for line in top] == ["Anna Kowalska", "DevOps Engineer", "Experience"]
    assert top[0].bold and not top[1].bold


# --- through read_pdf, on PDFs built here -------------------------------------------------

def test_interleaved_columns_pdf_keeps_each_column_together():
    pdf = read_pdf(pdfs.interleaved_columns())
    body = pdf.text.split("\n")
    assert body[0] == "Anna Maria Kowalska"
    assert body[1:5] == ["Kubernetes, Terraform,", "Ansible, Python", "anna.kowalska@example.com", "Polish (native)"]
    assert body[5:10] == pdfs.RIGHT
    assert body[-1] == "References available on request"


def test_name_in_large_type_leads_large_lines_and_lines_carry_style():
    pdf = read_pdf(pdfs.interleaved_columns())
    assert pdf.large_lines[0] == "Anna Maria Kowalska"
    name = pdf.lines[0]
    assert (name.text, name.page, name.size, name.bold) == ("Anna Maria Kowalska", 1, 24.0, True)
    assert name.y < 70 and all(line.size == 10.0 and not line.bold for line in pdf.lines[1:])


def test_sidebar_pdf_rejoins_a_wrapped_email_and_keeps_the_main_column_apart():
    pdf = read_pdf(pdfs.sidebar_cv())
    lines = pdf.text.split("\n")
    assert "jonathan.oconnor-smith@example-company.com" in lines
    assert lines.index("Skills") < lines.index("Experience")
    assert "Python, PostgreSQL, Prometheus" in lines  # wrapped inside the sidebar, not mixed with main
    assert any(line.startswith("Designed and operated the payment platform") for line in lines)
    headings = [line.text for line in pdf.lines if line.bold]
    assert headings == ["Contact", "Skills", "Experience"]


def test_one_word_per_text_object_is_read_as_lines():
    assert read_pdf(pdfs.word_per_line()).text == "Led the migration of our billing\nto an event-driven design"


def test_words_placed_without_space_glyphs_get_their_spaces():
    # LuaTeX/XeTeX-style: each word positioned on its own, no space characters in the stream
    content = (b"BT /F1 12 Tf 50 800 Td (Senior) Tj 40 0 Td (DevOps) Tj 46 0 Td (Engineer) Tj "
               b"0 -20 Td (REST) Tj 35.5 0 Td (API) Tj ET")
    assert read_pdf(pdfs.raw_pdf(content)).text == "Senior DevOps Engineer\nREST API"


def test_glyph_name_digits_come_out_as_digits():
    pdf = pdfs.raw_pdf(b"BT /F1 12 Tf 50 800 Td (Since 2019 to 2024) Tj ET", pdfs.PNUM_FONT)
    assert read_pdf(pdf).text == "Since 2019 to 2024"


def test_a_table_cv_with_a_sparse_label_column_is_read_across():
    # dates in a left label column, each on the row of the entry it dates (Word table CVs)
    rows = [("2018 – today", "Nurse – Hospital San Pedro"), (None, "Triage and critical care."),
            (None, "Night shifts."), ("2014 – 2018", "Nurse – Los Robles"), (None, "Wound care."),
            (None, "Medication."), ("Languages", "Spanish, English")]
    runs = []
    for i, (label, entry) in enumerate(rows):
        runs.append(run(entry, 220, 700 - 12 * i))
        if label:
            runs.append(run(label, 40, 700 - 12 * i, width=80))
    assert texts(runs)[0] == f"2018 – today{SEGMENT_GAP}Nurse – Hospital San Pedro"
    assert texts(runs)[3] == f"2014 – 2018{SEGMENT_GAP}Nurse – Los Robles"


def test_a_dense_sidebar_is_read_down_even_when_its_rows_align():
    runs = [r for i in range(6) for r in (run(f"skill {i}", 40, 700 - 12 * i), run(f"main {i}", 220, 700 - 12 * i))]
    assert texts(runs)[:6] == [f"skill {i}" for i in range(6)]


def test_a_bullet_drawn_apart_stays_with_its_text():
    runs = [r for i in range(4) for r in (run("•", 200, 700 - 12 * i, width=4), run(f"point {i} of the list", 218, 700 - 12 * i))]
    assert texts(runs) == [f"• point {i} of the list" for i in range(4)]


def test_a_name_set_over_two_lines_is_one_large_line():
    lines = segments([run("Ana Paula", 40, 780, size=22, bold=True), run("da Costa", 40, 757, size=22, bold=True),
                        run("Analista de Dados", 220, 780, size=14), run("Contato", 40, 700, size=12)])
    assert [line.text for line in top_lines(lines, page_height=842)][:2] == ["Ana Paula da Costa", "Analista de Dados"]
    apart = page_lines([run("Anna Kowalska", 40, 780, size=22), run("Experience", 40, 700, size=22)])
    assert [line.text for line in top_lines(apart, page_height=842)] == ["Anna Kowalska", "Experience"]


def test_a_tall_name_does_not_chain_the_address_lines_beside_it():
    runs = [run("John R. Whitaker", 60, 740, size=34, width=230), run("1120 NW Wall St", 460, 764),
            run("Bend, OR 97703", 460, 752), run("USA", 460, 740)]
    body = texts(runs)
    assert "Bend, OR 97703" in body and "USA" in body and not any("StBend" in line for line in body)


def test_body_size_lines_at_the_top_are_not_merged_as_a_name():
    lines = segments([run("Tamika Brooks", 40, 800), run("Savannah, USA", 40, 788), run("404-555-0187", 40, 776)])
    assert [line.text for line in top_lines(lines, page_height=842)][:2] == ["Tamika Brooks", "Savannah, USA"]


def test_a_hyphenated_sidebar_line_ends_at_its_hyphen_even_close_to_the_main_column():
    side = ["Aberdeen", "United Kingdom", "ewan@exam\u00ad", "ple.co.uk"]
    main = ["Profile", "DevOps engineer who automates", "Work Experience", "DevOps Engineer, Granite"]
    runs = [r for i in range(4) for r in (run(side[i], 40, 700 - 12 * i, width=100 if i != 2 else 115),
                                           run(main[i], 160, 700 - 12 * i))]
    assert texts(runs) == side + main


def test_letter_spaced_headings_come_out_as_words():
    assert read_pdf(pdfs.letter_spaced_headings()).text == "WORK EXPERIENCE\nSKILLS\nBuilt a platform in Go"


def test_grid_cells_drawn_without_a_space_get_a_segment_gap():
    # "...7890carlos@...": two cells of a CSS grid, no space glyph and too close for PDFium to make one
    assert read_pdf(pdfs.glued_cells()).text == (f"+55 11 91234 7890{SEGMENT_GAP}carlos@example.com\n"
                                                 f"ana@example.es{SEGMENT_GAP}654 12 98 37")


def test_cells_of_a_skills_grid_row_stay_apart():
    lines = read_pdf(pdfs.skills_grid()).text.split("\n")
    assert lines == [SEGMENT_GAP.join(row) for row in pdfs.SKILL_GRID]


def test_justified_word_spaces_are_not_cells():
    # evenly stretched spaces, wider than a cell gap threshold in em, are still word spaces
    content = b"BT /F1 10 Tf 50 800 Td 6 Tw (Management Accountant at Soar Valley Foods) Tj ET"
    assert read_pdf(pdfs.raw_pdf(content)).text == "Management Accountant at Soar Valley Foods"


TABLE_ROWS = [("Experience", ""), ("2018 – today", "Nurse – Hospital San Pedro\nTriage and critical care."),
              ("2014 – 2018", "Nurse – Los Robles\nWound care and medication."),
              ("2012 – 2014", "Auxiliary nurse – Clínica Sur\nPatient hygiene."), ("Education", ""),
              ("2008 – 2012", "Grado en Enfermería\nUniversidad de Sevilla"),
              ("Skills", "Triage, wound care, ventilation")]


def test_a_date_and_entry_table_is_read_row_by_row():
    # dates in a narrow left column, each on the first row of its entry (Word/reportlab tables)
    lines = read_pdf(pdfs.table_cv(TABLE_ROWS, heading="Marta Ruiz")).text.split("\n")
    assert lines == ["Marta Ruiz", "Experience", f"2018 – today{SEGMENT_GAP}Nurse – Hospital San Pedro",
                     "Triage and critical care.", f"2014 – 2018{SEGMENT_GAP}Nurse – Los Robles",
                     "Wound care and medication.", f"2012 – 2014{SEGMENT_GAP}Auxiliary nurse – Clínica Sur",
                     "Patient hygiene.", "Education", f"2008 – 2012{SEGMENT_GAP}Grado en Enfermería",
                     "Universidad de Sevilla", f"Skills{SEGMENT_GAP}Triage, wound care, ventilation"]


def test_label_rows_aligned_with_entries_are_read_across_even_when_dense():
    # two-row entries: a label on every other row (too dense for the sparse-label rule alone)
    rows = [("2018 – 2021", "Engineer, ACME"), (None, "Go services."), ("2015 – 2018", "Developer, Initech"),
            (None, "Java."), ("2013 – 2015", "Intern, Globex")]
    runs = []
    for i, (label, entry) in enumerate(rows):
        runs.append(run(entry, 220, 700 - 12 * i))
        if label:
            runs.append(run(label, 40, 700 - 12 * i, width=80))
    assert texts(runs) == [f"2018 – 2021{SEGMENT_GAP}Engineer, ACME", "Go services.",
                           f"2015 – 2018{SEGMENT_GAP}Developer, Initech", "Java.",
                           f"2013 – 2015{SEGMENT_GAP}Intern, Globex"]


def test_a_sidebar_on_other_baselines_is_still_read_down():
    # a sidebar with its own leading: its lines overlap the main column's rows but share no baseline
    side = [run(f"skill {i}", 40, 700 - 15 * i) for i in range(5)]
    main = [run(f"main line {i}", 220, 702 - 11 * i) for i in range(7)]
    assert texts(side + main)[:5] == [f"skill {i}" for i in range(5)]


def test_moderncv_banking_dates_stay_on_their_title_row():
    lines = read_pdf(pdfs.banking_cv()).text.split("\n")
    assert f"Ingeniera de Datos{SEGMENT_GAP}desde 2021" in lines
    assert f"Analista de Datos{SEGMENT_GAP}ene. 2017 – mar. 2021" in lines
    assert lines.index(f"Becaria{SEGMENT_GAP}2016") < lines.index("Limpieza de datos.") == len(lines) - 1


def test_a_word_table_cv_exported_by_libreoffice_reads_row_by_row():
    # made by data/make_word_table_cv.py: a borderless Word table, a tab stop, a skills grid
    pdf = (Path(__file__).parent / "data" / "word_table_cv.pdf").read_bytes()
    lines = read_pdf(pdf).text.split("\n")
    assert lines[1:6] == ["Experience", f"2018 – today{SEGMENT_GAP}Nurse – Hospital San Pedro",
                          "Triage and critical care.", "Night shifts.", f"2014 – 2018{SEGMENT_GAP}Nurse – Los Robles"]
    education = lines.index(f"2008 – 2012{SEGMENT_GAP}Grado en Enfermería")
    assert lines.index("Education") < education < lines.index("Skills")
    assert lines[-2:] == [f"Figma{SEGMENT_GAP}Dovetail{SEGMENT_GAP}Miro",
                          f"Survey Design{SEGMENT_GAP}Maze{SEGMENT_GAP}Hotjar"]


def test_css_letter_spacing_grid_flex_and_table_cells_printed_by_chromium():
    # made by data/make_browser_cells_cv.py (Chromium's print to PDF)
    pdf = (Path(__file__).parent / "data" / "browser_cells_cv.pdf").read_bytes()
    assert read_pdf(pdf).text.split("\n")[:6] == [
        "EXPERIÊNCIA PROFISSIONAL", "Work Experience",
        f"+55 11 91234 7890{SEGMENT_GAP}carlos.almeida@example.com{SEGMENT_GAP}São Paulo",
        f"ana@example.es{SEGMENT_GAP}654 12 98 37", f"Figma{SEGMENT_GAP}Dovetail", f"Survey Design{SEGMENT_GAP}Maze"]


def test_table_rows_set_apart_by_blank_bands_are_read_across():
    # dates over two lines beside two-line entries: every row has both sides, so only the
    # blank band between table rows (on both sides at once) tells the table from a sidebar
    runs, y = [], 700.0
    for start, end, title, note in [("03/2018 –", "heute", "Engineer, ACME", "Go services."),
                                    ("01/2015 –", "02/2018", "Developer, Initech", "Java."),
                                    ("09/2013 –", "12/2014", "Intern, Globex", "Testing.")]:
        runs += [run(start, 40, y, width=60), run(title, 220, y)]
        runs += [run(end, 40, y - 12, width=60), run(note, 220, y - 12)]
        y -= 30
    assert texts(runs)[:4] == [f"03/2018 –{SEGMENT_GAP}Engineer, ACME", f"heute{SEGMENT_GAP}Go services.",
                               f"01/2015 –{SEGMENT_GAP}Developer, Initech", f"02/2018{SEGMENT_GAP}Java."]
