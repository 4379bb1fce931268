"""The skills of a CV: items of a skills section, and vocabulary skills in running text only in a skill context."""
import pytest

from domain.cv.sections import label_lines
from domain.cv.skill_lists import extract_cv_skills, listed_skills, split_items
from domain.cv.skills import canonical_skill, extract_skills


def _skills(text):
    return extract_cv_skills(label_lines(text))


@pytest.mark.parametrize("line, items", [
    ("Python, Go; Rust | Docker • Kubernetes", ["Python", "Go", "Rust", "Docker", "Kubernetes"]),
    ("Python und Go", ["Python", "Go"]), ("SQL et Python", ["SQL", "Python"]), ("Java y Kotlin", ["Java", "Kotlin"]),
    ("Java e Kotlin", ["Java", "Kotlin"]), ("Java en Kotlin", ["Java", "Kotlin"]), ("Java and Kotlin", ["Java", "Kotlin"]),
    ("Python (Django, Flask)", ["Python", "Django", "Flask"]), ("CI/CD, TCP/IP", ["CI/CD", "TCP/IP"]),
    ("- R&D, M&A", ["R&D", "M&A"]),
])
def test_split_items(line, items):
    assert split_items(line) == items


@pytest.mark.parametrize("item, skills", [
    ("k8s", ["Kubernetes"]), ("Advanced", []), ("Fortgeschritten", []), ("C1", []), ("★★★★☆", []),
    ("Python – Advanced", ["Python"]), ("Figma 90 %", ["Figma"]), ("Kanban boards", ["Kanban boards"]),
    ("Stakeholder mapping", ["Stakeholder mapping"]), ("I have worked on many teams.", []),
    ("A very long item that is certainly not the name of any skill at all", []), ("2019", []),
])
def test_listed_item_is_normalised_kept_or_refused(item, skills):
    assert listed_skills(item) == skills


def test_every_item_of_a_skills_section_is_a_skill():
    text = "Ana Silva\nSkills\nPython (advanced), Stakeholder mapping\nCypress und Playwright; k6 • JMeter\nAdvanced | C1"
    assert _skills(text) == ["Python", "Stakeholder mapping", "Cypress", "Playwright", "k6", "JMeter"]


def test_skills_label_line_and_sublabels():
    assert _skills("Ana Silva\nKenntnisse: Figma, Typografie\nSkills\nCloud: AWS, OpenShift, Helm") == [
        "Figma", "Typography", "AWS", "OpenShift", "Helm"]


def test_list_wrapped_in_a_narrow_column_is_joined_back():
    assert _skills("Kompetenzen\nWundversorgung, Erste\nHilfe, Hygiene\nSalesforce, brand\nmanagement") == [
        "Wound Care", "First Aid", "Infection Control", "Salesforce", "Brand Management"]


def test_qualifier_in_brackets_is_not_a_skill():
    assert _skills("Compétences\nExcel (tableaux croisés dynamiques), Sage") == ["Excel", "Sage"]


@pytest.mark.parametrize("text", [
    "Experience\nWorked with the nursing staff on the ward.",
    "Profile\nA designer with an eye for typography.",
    "Experience\nClients: Banking, Insurance, Retail",
])
def test_ordinary_words_in_sentences_are_not_skills(text):
    assert _skills(text) == []


def test_abilities_in_prose_need_a_skill_context_tools_do_not():
    text = "Experience\nExperience in bookkeeping and payroll; built dashboards in Tableau on Kubernetes."
    assert _skills(text) == ["Bookkeeping", "Payroll", "Tableau", "Kubernetes"]


def test_spoken_languages_are_never_skills_in_running_text():
    assert extract_skills("English-speaking team, German market") == []
    assert canonical_skill("Englisch") == "English"


@pytest.mark.parametrize("name, canonical", [
    ("cypress", "Cypress"), ("Playwright", "Playwright"), ("k6", "k6"), ("Apache JMeter", "JMeter"),
    ("openshift", "OpenShift"), ("eks", "Amazon EKS"), ("helm", "Helm"), ("gcp", "Google Cloud Platform"),
    ("azure", "Microsoft Azure"), ("Terraform", "Terraform"), ("docker", "Docker"), ("svn", "Subversion"),
    ("ubuntu", "Ubuntu"), ("vscode", "Visual Studio Code"), ("overleaf", "LaTeX"), ("heroku", "Heroku"),
    ("cuda", "CUDA"), ("matplotlib", "Matplotlib"), ("power apps", "Microsoft Power Apps"),
    ("Hotjar", "Hotjar"), ("mailchimp", "Mailchimp"), ("powerpoint", "PowerPoint"), ("visio", "Microsoft Visio"),
    ("Schweißen", "Welding"), ("Dialyse", "Dialysis"), ("fp&a", "Financial Planning"),
])
def test_specific_tools_stay_specific(name, canonical):
    assert canonical_skill(name) == canonical


def test_a_tool_and_its_broad_skill_are_both_kept():
    assert extract_skills("Test Automation, Cypress, Selenium; Linux, Ubuntu; Git, GitHub") == [
        "Test Automation", "Cypress", "Selenium", "Linux", "Ubuntu", "Git", "GitHub"]


@pytest.mark.parametrize("line", [
    "Sprachen Deutsch, Englisch", "Languages: German (native), English", "Gujarati • fluent",
    "November 30, 2026 © European Union", "Juli 2020 – heute", "Last updated in Nov 2026",
])
def test_languages_dates_and_footers_in_a_skills_block_are_not_skills(line):
    assert _skills(f"Skills\n{line}") == []


def test_europass_label_column_read_into_the_line():
    assert _skills("Skills\nHabilidades Google Classroom, Moodle") == ["Google Classroom", "Moodle"]


def test_joining_words_split_only_around_known_skills():
    assert _skills("Habilidades\nAprendizaje basado en proyectos\nPython en Django") == [
        "Aprendizaje basado en proyectos", "Python", "Django"]


def test_unknown_listed_item_keeps_its_own_name_and_hides_its_part_in_prose():
    text = "Skills\nSAP EWM, Forklift certification\nExperience\nStock control in SAP EWM for two sites."
    assert _skills(text) == ["SAP EWM", "Forklift certification"]


def test_concepts_of_tool_categories_need_a_context_too():
    assert _skills("Experience\nMoved services to microservices on Kubernetes; teams of five.") == ["Kubernetes"]
    assert _skills("Experience\nSpark; A/B testing platform.") == ["Apache Spark", "A/B Testing"]


@pytest.mark.parametrize("text", [
    "Experience\ndepuis 2020 Développeuse Full Stack, Alpes Numérique",
    "Experience\nBrickbottom, Machine Learning Engineer",
    "Experience\n2015 – 2019 Chargé de communication, Mairie de Sète",
    "Education\nM.S. Statistics, University of Illinois",
    "Experience\nAcme SAS, Lyon",
])
def test_ability_words_in_job_titles_degrees_and_company_forms_are_not_skills(text):
    assert _skills(text) == []


def test_a_skill_listed_after_a_role_still_counts():
    assert _skills("Experience\nseit 01/2020 Disponent, Tourenplanung") == ["Route Planning"]


def test_a_skill_list_without_its_heading_is_still_a_list():
    text = "Kurzprofil\nBerufserfahrung\nKenntnisse\nSprachen\nSAP FI, BMD, IFRS, UGB, Excel\nDeutsch: Muttersprache"
    assert _skills(text) == ["SAP FI/CO", "BMD", "IFRS", "UGB", "Excel"]


def test_symbol_font_bullets_are_stripped():
    assert _skills("Skills\n\uf0b7 SAP EWM\n\uf0b7 Excel") == ["SAP EWM", "Excel"]


def test_a_phrase_about_a_known_skill_gives_that_skill():
    assert _skills("Skills\nProficient in Python and SQL, Grafana dashboards") == ["Python", "SQL", "Grafana dashboards"]


@pytest.mark.parametrize("text, skills", [
    ("Kenntnisse\nf Arzneimittelberatung\nf Rezepturherstellung", ["Arzneimittelberatung", "Rezepturherstellung"]),
    ("Compétences\n◦ Comptabilité fournisseurs\n\uf0a7 Sage", ["Accounts Payable", "Sage"]),
    ("Habilidades\n\uf0d8 Triaje\n➢ Excel ➢ Power BI", ["Triaje", "Excel", "Power BI"]),
    ("Skills\n▪ Figma\nl Sketch\nü Adobe XD", ["Figma", "Sketch", "Adobe XD"]),
    ("Competenze\no Gestione magazzino, q AutoCAD", ["Gestione magazzino", "AutoCAD"]),
])
def test_bullet_glyphs_read_as_letters_or_symbols_are_not_part_of_an_item(text, skills):
    assert _skills(text) == skills


def test_a_leading_dot_is_part_of_a_name_a_trailing_one_is_not():
    assert _skills("Skills\n.NET, C#, Python.") == [".NET", "C#", "Python"]


@pytest.mark.parametrize("text, skills", [
    # An experience entry read after the skills heading: title, employer, dates.
    ("Skills\nFigma, Miro, Dovetail\nUX Researcher\nStadslab Digitaal\n03/2019 – 06/2021", ["Figma", "Miro", "Dovetail"]),
    # The date column read first, then the entry's rows.
    ("Kenntnisse\nSAP EWM\nExcel\nseit 04/2020\nLagerlogistikerin\nRheinhafen Logistik", ["SAP EWM", "Excel"]),
    # An education entry: a university and its town.
    ("Compétences\nComptabilité analytique\nGhent University\nMunster\n2012 – 2016", ["Controlling"]),
])
def test_experience_and_education_rows_under_a_skills_heading_are_not_skills(text, skills):
    assert _skills(text) == skills


@pytest.mark.parametrize("item", [
    "UX Researcher", "Softwareentwicklerin", "Chef de projet", "Desarrolladora Full Stack",  # roles
    "Ghent University", "Universidade do Porto", "Acme S.A.", "Rheinland Consulting GmbH", "Hochschule München",
])
def test_roles_and_organisations_are_not_skills_even_when_listed(item):
    assert listed_skills(item) == []


def test_a_role_that_names_a_tool_gives_the_tool():
    assert listed_skills("SAP Consultant") == ["SAP"] and listed_skills("Salesforce Admin") == ["Salesforce"]


@pytest.mark.parametrize("line", ["Munster", "Zaragoza", "Deutschland", "Referendar, Staatliches Seminar Freiburg",
                                  "Staatsexamen Mathematik und Physik, Albert-Ludwigs-Universität"])
def test_a_line_naming_a_place_or_school_is_an_entry_row(line):
    assert _skills(f"Skills\nExcel\n{line}") == ["Excel"]


@pytest.mark.parametrize("item", ["Partner management", "Agent-based modelling", "Kanban boards", "Triaje",
                                  "Barista skills", "Copilot Studio", "Unity Hub"])
def test_skill_phrases_that_share_a_word_with_a_role_or_place_are_kept(item):
    assert listed_skills(item) == [item]


def test_a_town_name_among_known_skills_is_a_skill():
    assert _skills("Skills\niOS, Android, Mobile") == ["iOS", "Android", "Mobile"]


def test_a_skill_line_beside_a_date_line_in_another_section_is_kept():
    text = "Education\nMSc Data Science (2016 – 2018)\nSkills\nSAP EWM\nLean Management"
    assert _skills(text) == ["SAP EWM", "Lean Management"]


@pytest.mark.parametrize("text, skills", [
    (("Skills\nPython, SQL, Tableau, Airflow\nExperience\nBuilt statistics dashboards; experience in statistics and "
      "recruiting, deployed on Kubernetes."), ["Python", "SQL", "Tableau", "Apache Airflow", "Kubernetes"]),
    (("Kenntnisse\nSAP HCM, Excel, Personio, Workday\nBerufserfahrung\nErfahrung in Human Resources und Recruiting "
      "mit DATEV."), ["SAP HR", "Excel", "Personio", "Workday", "DATEV"]),
    (("Compétences\nPharmacovigilance, Préparations, Excel, Vidal\nExpérience\nExpérience en pharmacie hospitalière "
      "et en UX design."), ["Pharmacovigilance", "Préparations", "Excel", "Vidal"]),
])
def test_a_cv_list_is_authoritative_prose_adds_only_tools(text, skills):
    assert _skills(text) == skills


def test_without_a_list_prose_competences_in_a_skill_context_still_count():
    text = "Experience\nExperience in recruiting and statistics with Excel."
    assert _skills(text) == ["Recruiting", "Statistics", "Excel"]


@pytest.mark.parametrize("text, skills", [
    # A two-column skills grid: the second column read after the next heading.
    ("Skills\nPython\nSQL\nLanguages\nEnglish (C1)\nDocker\nTerraform", ["Python", "SQL", "Docker", "Terraform"]),
    ("Kenntnisse\nKrankenpflege\nSprachen\nDeutsch – Muttersprache\nWundversorgung, Erste Hilfe",
     ["Nursing", "Wound Care", "First Aid"]),
    ("Competências\nExcel\nIdiomas\nInglês fluente\nGestão de projetos", ["Excel", "Project Management"]),
])
def test_skills_grid_cells_read_after_the_languages_heading_are_skills(text, skills):
    assert _skills(text) == skills


@pytest.mark.parametrize("line", [
    "Englisch, Französisch", "Español (nativo)", "C1 C1 B2 B2 C1", "Understanding Speaking Writing", "Italiano – buono",
])
def test_languages_lines_are_still_no_skills(line):
    assert _skills(f"Skills\nPython, Go, Rust, SQL\nLanguages\n{line}") == ["Python", "Go", "Rust", "SQL"]
