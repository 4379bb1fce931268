"""Job types from the board's own field, then the title, then phrases of the description."""

import pytest

from domain.jobs.job_type import board_types, job_types
from domain.jobs.preferences import JOB_TYPES
from domain.jobs.types import JobPosting


def posting(title: str = "Accountant", description: str = "", schedule: str | None = None) -> JobPosting:
    return JobPosting(job_id="x", title=title, company_name="Acme", description=description, schedule_type=schedule)


BOARD_LABELS = [
    ("Full-time", {"full_time"}),
    ("Full-time and Part-time", {"full_time", "part_time"}),  # Arbeitnow / Jobicy joined labels
    ("Contractor", {"contract"}),
    ("Internship", {"internship"}),
    ("Temporary", {"temporary"}),
    ("Vollzeit", {"full_time"}),  # SerpApi with hl=de
    ("Teilzeit", {"part_time"}),
    ("Auftragnehmer", {"contract"}),
    ("Temps plein", {"full_time"}),
    ("Temps partiel", {"part_time"}),
    ("Stage", {"internship"}),
    ("Prestataire", {"contract"}),
    ("Tiempo completo", {"full_time"}),
    ("Medio tiempo", {"part_time"}),
    ("Prácticas", {"internship"}),
    ("Contratista", {"contract"}),
    ("Per diem", set()),
    ("", set()),
    (None, set()),
]


@pytest.mark.parametrize(("label", "types"), BOARD_LABELS)
def test_board_labels(label, types):
    assert board_types(label) == types


TITLES = [
    ("Pflegefachkraft (m/w/d) in Teilzeit", {"part_time"}),
    ("Werkstudent Online-Marketing (m/w/d)", {"part_time"}),  # part-time by law, not an internship
    ("Praktikum UX Design", {"internship"}),
    ("Stage - Assistant marketing (H/F)", {"internship"}),
    ("Stage Manager", set()),  # a theatre's, no internship
    ("Freelance Python Consultant", {"contract"}),
    ("Python Developer (Contract)", {"contract"}),
    ("Contract Manager", set()),
    ("Contract Lawyer", set()),
    ("Lagerhelfer (m/w/d) Minijob", {"part_time"}),
    ("Becario/a de Marketing", {"internship"}),
    ("Comptable (H/F) - CDD 6 mois", {"temporary"}),
    ("Sachbearbeiter (m/w/d) befristet", {"temporary"}),
    ("Sachbearbeiter (m/w/d) unbefristet", set()),
    ("Summer Intern, Data Science", {"internship"}),
]


@pytest.mark.parametrize(("title", "types"), TITLES)
def test_title_words(title, types):
    assert job_types(posting(title)) == types


DESCRIPTIONS = [
    ("Die Stelle ist zunächst auf 2 Jahre befristet.", {"temporary"}),
    ("Die Stelle ist unbefristet.", set()),
    ("Poste en CDI, à temps plein, basé à Lyon.", {"full_time"}),
    ("Poste en CDI à temps partiel (24h).", {"part_time"}),
    ("Contrat : CDD de 6 mois.", {"temporary"}),
    ("This is a 6-month contract, outside IR35, day rate £500.", {"contract"}),
    ("Experience with contract negotiation is a plus.", set()),
    ("Join an early-stage startup.", set()),
    ("Erste Erfahrungen aus einem Praktikum sind ein Plus.", set()),
    ("Conocimiento de buenas prácticas de desarrollo.", set()),
    ("Ofrecemos contrato temporal y jornada completa.", {"temporary", "full_time"}),
    ("Die Stelle ist in Vollzeit oder Teilzeit zu besetzen.", {"full_time", "part_time"}),
]


@pytest.mark.parametrize(("description", "types"), DESCRIPTIONS)
def test_description_phrases(description, types):
    assert job_types(posting(description=description)) == types


def test_the_board_schedule_is_not_overruled_by_the_text():
    job = posting(description="Part-time positions are available in other teams.", schedule="Full-time")
    assert job_types(job) == {"full_time"}


def test_a_contract_form_in_the_text_adds_to_the_board_schedule():
    job = posting(description="Die Stelle ist befristet auf 12 Monate.", schedule="Vollzeit")
    assert job_types(job) == {"full_time", "temporary"}


def test_only_known_types():
    job = posting("Werkstudent (Praktikum) freelance", "CDD, contrat temporal, full-time position", "Full-time")
    assert job_types(job) <= set(JOB_TYPES)


def test_labelled_postings(labelled_postings):
    said = [(job_types(job), set(label["types"])) for job, label in labelled_postings]
    hits = sum(len(found & truth) for found, truth in said)
    precision = hits / max(1, sum(len(found) for found, _ in said))
    recall = hits / max(1, sum(len(truth) for _, truth in said))
    print(f"job types on {len(said)} labelled postings: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.95 and recall >= 0.9
