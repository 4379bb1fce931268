"""Agency postings: known agencies, agency-named companies, client sentences; never HR firms or refusals."""

import pytest

from domain.jobs.agency import is_agency
from domain.jobs.types import JobPosting


def posting(company: str, description: str = "", title: str = "Accountant", via: str = "") -> JobPosting:
    return JobPosting(job_id="x", title=title, company_name=company, description=description, via=via)


AGENCY_NAMES = ["Hays", "Hays AG", "Randstad Deutschland GmbH & Co. KG", "Adecco", "Michael Page", "Page Personnel",
                "Robert Half", "ManpowerGroup", "Brightwater Recruitment Ltd", "Müller Personalberatung GmbH",
                "Personalvermittlung Schmidt", "Apex Staffing LLC", "Alpha Cabinet de Recrutement",
                "Eurofirms ETT", "Grupo Norte Empresa de Trabajo Temporal", "Tempton Personaldienstleistungen GmbH",
                "Nordic Resourcing Ltd", "Leader Intérim"]


@pytest.mark.parametrize("company", AGENCY_NAMES)
def test_agency_names(company):
    assert is_agency(posting(company))


DIRECT_NAMES = ["Falkenstein Personal AG", "Vauban Talents SAS", "Albion People Ltd", "Bosch", "Hays Travel",
                "Pagemaster GmbH", "Recruitee", "Brunel University London", "Proman AG", "Stadtwerke Leipzig",
                "Page & Söhne KG", "Ettlinger Bau GmbH"]


@pytest.mark.parametrize("company", DIRECT_NAMES)
def test_direct_employers(company):
    assert not is_agency(posting(company))


CLIENT_SENTENCES = [
    "We are recruiting on behalf of our client, a leading bank in Frankfurt.",
    "Our client is a fast-growing fintech based in London.",
    "Im Auftrag unseres Kunden suchen wir einen Buchhalter (m/w/d).",
    "Für unseren Kunden, ein mittelständisches Maschinenbauunternehmen, suchen wir ab sofort ...",
    "Die Anstellung erfolgt im Rahmen der Arbeitnehmerüberlassung.",
    "Pour le compte de notre client, leader de la distribution, nous recherchons un comptable.",
    "Notre client, une PME industrielle, recherche son futur contrôleur de gestion.",
    "Seleccionamos para importante empresa cliente del sector logístico un contable.",
    "Nuestro cliente, multinacional del sector farmacéutico, busca un técnico.",
    "For our client, a leading insurer in Leeds, we are looking for a claims handler.",
    "Für unseren Kunden in Köln suchen wir einen Elektriker (m/w/d).",
    "Buscamos para nuestro cliente, una cadena hotelera, recepcionistas.",
    "Appel Médical, agence d'emploi spécialisée santé, recherche des infirmiers.",
]


@pytest.mark.parametrize("description", CLIENT_SENTENCES)
def test_client_sentences(description):
    assert is_agency(posting("Nordwind Consulting GmbH", description))


NOT_CLIENT_SENTENCES = [
    "You will advise our clients on tax questions.",
    "Bitte keine Anfragen von Personalvermittlern oder Zeitarbeitsfirmen.",
    "Anfragen von Personalvermittlungen sind nicht erwünscht.",
    "No agencies please. We hire directly.",
    "Sie betreuen unsere Mandanten in allen steuerlichen Fragen.",
    "Vous accompagnez nos clients dans leurs projets.",
    "Atenderás a nuestros clientes en tienda.",
    "Sin ETT: contratación directa por la empresa.",
    "You will build a mobile app for our client in the automotive sector.",  # a consultancy's project
    "Für unseren Kunden in der Automobilindustrie entwickeln wir Steuergeräte-Software.",
    "Desarrollarás proyectos para nuestro cliente del sector bancario.",
]


@pytest.mark.parametrize("description", NOT_CLIENT_SENTENCES)
def test_sentences_that_are_no_evidence(description):
    assert not is_agency(posting("Nordwind Consulting GmbH", description))


def test_an_agencys_own_recruiters_are_its_own_job():
    assert not is_agency(posting("Hays", title="Recruitment Consultant – IT"))
    assert not is_agency(posting("Randstad", title="Personaldisponent (m/w/d)"))


def test_an_agency_credited_as_via():
    assert is_agency(posting("Confidential", via="via Randstad"))
    assert not is_agency(posting("Bosch", via="via LinkedIn"))


def test_labelled_postings(labelled_postings):
    """Precision first: a posting wrongly taken for an agency's is hidden from whoever said "no agencies"."""
    said = [(is_agency(job), label["agency"]) for job, label in labelled_postings]
    hits = sum(found and truth for found, truth in said)
    precision = hits / max(1, sum(found for found, _ in said))
    recall = hits / max(1, sum(truth for _, truth in said))
    print(f"agency on {len(said)} labelled postings: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.95 and recall >= 0.85
