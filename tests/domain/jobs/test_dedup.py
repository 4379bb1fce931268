import pytest

from domain.jobs.dedup import deduplicate
from domain.jobs.text import normalise_company, normalise_place, normalise_title
from domain.jobs.types import JobPosting


def posting(job_id, title="Python-Entwickler (m/w/d)", company="Nordwind Software GmbH",
            location="München", **extra):
    return JobPosting(job_id=job_id, title=title, company_name=company, location=location,
                      **extra)


def test_normalisation_of_titles_companies_and_places():
    assert normalise_title("Python-Entwickler (m/w/d)") == normalise_title("python entwickler")
    assert normalise_title("Infirmier / Infirmière (H/F)") == normalise_title(
        "infirmier / infirmière (f/h/x)")
    assert normalise_title("Entwickler*in Backend") == normalise_title("Entwickler Backend")
    assert normalise_title("Nurse (all genders)") == "nurse"
    assert normalise_company("ACME GmbH & Co. KG") == normalise_company("Acme") == "acme"
    assert normalise_company("Hudson Ledger, Inc.") == "hudson ledger"
    assert normalise_company("Maasland Financial B.V.") == "maasland financial"
    assert normalise_place("München, Bayern, Deutschland") == normalise_place("Munich, Germany")
    assert normalise_place("Köln") == normalise_place("Cologne") == "cologne"


def test_same_posting_via_several_boards_is_one_job():
    linkedin = posting("a1", via="via LinkedIn", description="Long text " * 50,
                       apply_options=[{"title": "LinkedIn", "link": "https://l/1"}])
    stepstone = posting("b2", title="Python Entwickler (w/m/d)", company="NORDWIND SOFTWARE",
                        location="Munich, Germany", via="via StepStone", salary="60.000 €",
                        apply_options=[{"title": "StepStone", "link": "https://s/1"}])
    other = posting("c3", title="Java-Entwickler (m/w/d)")
    jobs = deduplicate([linkedin, stepstone, other])
    assert [j.job_id for j in jobs] == ["a1", "c3"]
    merged = jobs[0]
    assert merged.description == linkedin.description  # the richest record wins
    assert merged.salary == "60.000 €"  # gaps filled from the others
    assert [o["link"] for o in merged.apply_options] == ["https://l/1", "https://s/1"]


def test_same_job_id_across_repeated_searches_is_one_job():
    first = [posting("id-1", title="Data Analyst"), posting("id-2", title="Nurse")]
    second = [posting("id-2", title="Nurse"), posting("id-3", title="Chef")]
    jobs = deduplicate(first + second)
    assert [j.job_id for j in jobs] == ["id-1", "id-2", "id-3"]


def test_same_job_id_with_different_spelling_merges():
    a = posting("same", title="Data Analyst", company="X", location="Berlin")
    b = posting("same", title="Data Analyst (Remote)", company="X Ltd", location="Anywhere")
    assert len(deduplicate([a, b])) == 1


def test_a_posting_that_links_two_groups_joins_them():
    a = posting("id-a", title="Nurse", company="Klinikum Nord", location="Hamburg")
    b = posting("id-b", title="Nurse", company="Klinikum Süd", location="Hamburg")
    bridge = posting("id-b", title="Nurse", company="Klinikum Nord GmbH", location="Hamburg")
    jobs = deduplicate([a, b, bridge])
    assert len(jobs) == 1


def test_different_cities_or_companies_stay_apart():
    jobs = deduplicate([posting("1", location="Berlin"), posting("2", location="Hamburg"),
                        posting("3", company="Other GmbH")])
    assert len(jobs) == 3


def test_apply_link_of_a_board_is_kept_as_an_option():
    a = posting("1", via="via XING", apply_link="https://xing/1")
    b = posting("2", via="via Indeed", apply_link="https://indeed/1",
                apply_options=[{"title": "Indeed", "link": "https://indeed/1"}])
    [job] = deduplicate([a, b])
    assert {o["link"] for o in job.apply_options} == {"https://xing/1", "https://indeed/1"}
    assert job.apply_link


def test_input_is_not_mutated_and_empty_is_fine():
    a = posting("1", apply_options=[{"title": "A", "link": "https://a"}])
    b = posting("2", apply_options=[{"title": "B", "link": "https://b"}])
    deduplicate([a, b])
    assert a.apply_options == [{"title": "A", "link": "https://a"}]
    assert deduplicate([]) == []


@pytest.mark.parametrize("first, second", [
    (("Sr. DevOps Engineer (m/f/d)", "Acme GmbH"), ("Senior DevOps Engineer (m|w|d)", "ACME")),
    (("Pflegefachkraft (m/w/d) in Vollzeit", "Klinikum Nord"), ("Pflegefachkraft (m/w/d)", "Klinikum Nord gGmbH")),
    (("Elektriker (m/w/d)", "Bauer & Söhne KG"), ("Elektriker (m/w/d)", "Bauer & Soehne KG")),
    (("Software Engineer (Full-time)", "Globex"), ("Software Engineer", "Globex Inc.")),
])
def test_the_same_job_spelt_the_ways_boards_spell_it_is_one(first, second):
    postings = [JobPosting(job_id=f"board{i}-1", title=title, company_name=company, location="Berlin")
                for i, (title, company) in enumerate((first, second))]
    assert len(deduplicate(postings)) == 1


@pytest.mark.parametrize("first, second", [
    (("Senior DevOps Engineer", "Acme"), ("Junior DevOps Engineer", "Acme")),
    (("Pflegefachkraft", "Klinikum Nord"), ("Pflegehilfskraft", "Klinikum Nord")),
    (("Data Analyst", "Acme"), ("Data Analyst", "Globex")),
])
def test_different_jobs_stay_apart(first, second):
    postings = [JobPosting(job_id=f"board{i}-1", title=title, company_name=company, location="Berlin")
                for i, (title, company) in enumerate((first, second))]
    assert len(deduplicate(postings)) == 2
