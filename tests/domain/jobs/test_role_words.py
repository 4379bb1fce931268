"""Role words in English, German, French and Spanish, in both genders, find the sample's postings
of that role: the sample's titles are English, German and French only, so a Spanish or feminine
word finds them through ``domain.jobs.synonyms`` alone."""
import pytest

from domain.jobs.data.generate_postings import CORE_TITLES, ROLES
from domain.jobs.offline_source import OfflineJobSource

ROLE_KEYS = {role["key"] for role in ROLES}
DEVELOPERS = {"python_developer", "java_developer", "frontend_developer", "fullstack_developer",
              "mobile_developer", "backend_developer"}
NURSES = {"nurse", "geriatric_nurse"}
TEACHERS = {"teacher", "language_teacher"}
DRIVERS = {"truck_driver", "warehouse"}  # "Staplerfahrer" is a driver too
CARERS = {"care_assistant", "geriatric_nurse"}
ENGINEERS = {key for key in ROLE_KEYS if key.endswith("_engineer")}
RECEPTION = {"receptionist", "medical_assistant"}  # "Clinic Receptionist"
# (what a person types, the roles whose postings answer it)
ROLE_WORDS = [
    # English
    ("nurse", NURSES), ("accountant", {"accountant"}), ("bookkeeper", {"accountant"}),
    ("software developer", DEVELOPERS), ("teacher", TEACHERS), ("lawyer", {"lawyer"}),
    ("electrician", {"electrician"}), ("plumber", {"plumber"}), ("cook", {"chef"}),
    ("waitress", {"waiter"}), ("receptionist", RECEPTION), ("truck driver", DRIVERS),
    ("pharmacist", {"pharmacist"}), ("cleaner", {"cleaner"}), ("carpenter", {"carpenter"}),
    ("physiotherapist", {"physiotherapist"}),
    # German, both forms
    ("Krankenpfleger", NURSES), ("Krankenpflegerin", NURSES), ("Krankenschwester", NURSES),
    ("Pflegekraft", NURSES | CARERS), ("Buchhalter", {"accountant"}), ("Buchhalterin", {"accountant"}),
    ("Entwickler", DEVELOPERS), ("Entwicklerin", DEVELOPERS), ("Softwareentwicklerin", DEVELOPERS),
    ("Lehrerin", TEACHERS), ("Rechtsanwältin", {"lawyer"}), ("Anwältin", {"lawyer"}),
    ("Elektrikerin", {"electrician"}), ("Köchin", {"chef"}), ("Kellnerin", {"waiter"}),
    ("Apothekerin", {"pharmacist"}), ("Erzieherin", {"educator"}), ("Physiotherapeutin", {"physiotherapist"}),
    ("Rezeptionistin", RECEPTION), ("Verkäuferin", {"retail_sales"}), ("Lagerarbeiter", {"warehouse"}),
    ("Ingenieurin", ENGINEERS),
    # French, both forms
    ("infirmier", NURSES), ("infirmière", NURSES), ("comptable", {"accountant"}),
    ("développeur", DEVELOPERS), ("développeuse", DEVELOPERS), ("enseignante", TEACHERS),
    ("professeure", TEACHERS), ("avocate", {"lawyer"}), ("électricienne", {"electrician"}),
    ("plombier", {"plumber"}), ("cuisinière", {"chef"}), ("serveuse", {"waiter"}),
    ("réceptionniste", RECEPTION), ("pharmacienne", {"pharmacist"}), ("vendeuse", {"retail_sales"}),
    ("mécanicienne", {"mechanic"}), ("éducatrice", {"educator"}), ("aide-soignante", CARERS),
    # Spanish, both forms
    ("enfermero", NURSES), ("enfermera", NURSES), ("enfermeras", NURSES), ("contable", {"accountant"}),
    ("contadora", {"accountant"}), ("desarrollador", DEVELOPERS), ("desarrolladora", DEVELOPERS),
    ("programadora", DEVELOPERS), ("profesor", TEACHERS), ("profesora", TEACHERS), ("maestra", TEACHERS),
    ("abogado", {"lawyer"}), ("abogada", {"lawyer"}), ("electricista", {"electrician"}),
    ("fontanero", {"plumber"}), ("cocinero", {"chef"}), ("cocinera", {"chef"}), ("camarero", {"waiter"}),
    ("camarera", {"waiter"}), ("recepcionista", RECEPTION), ("camionero", DRIVERS),
    ("conductora", DRIVERS), ("farmacéutica", {"pharmacist"}), ("limpiadora", {"cleaner"}),
    ("dependienta", {"retail_sales"}), ("vendedora", {"retail_sales"}), ("mecánico", {"mechanic"}),
    ("carpintero", {"carpenter"}), ("fisioterapeuta", {"physiotherapist"}), ("educadora", {"educator"}),
    ("analista de datos", {"data_analyst"}), ("ingeniera de software", DEVELOPERS | ENGINEERS),
    ("reclutadora", {"recruiter"}), ("auxiliar de enfermería", CARERS | NURSES),
]


def _role_of_title() -> dict[str, str]:
    """Each sample title's role key; the sample's copies write the gender tag "w/m/d" or "m/w/d"."""
    titles = {}
    for role in ROLES:
        for title in [t for lang in ("en", "de", "fr") for t in role.get(lang, [])] + list(
                CORE_TITLES.get(role["key"], {}).values()):
            titles[title] = titles[title.replace("(m/w/d)", "(w/m/d)")] = role["key"]
            titles[title.replace("(w/m/d)", "(m/w/d)")] = role["key"]
    return titles


ROLE_OF_TITLE = _role_of_title()


def roles_found(query: str, location: str | None = None, limit: int = 10) -> list[str]:
    """The role keys of the sample's first ``limit`` answers to ``query``."""
    return [ROLE_OF_TITLE.get(job.title, "?") for job in OfflineJobSource().search(query, location, limit)]


@pytest.mark.parametrize(("word", "roles"), ROLE_WORDS, ids=[w for w, _ in ROLE_WORDS])
def test_role_word_finds_postings_of_its_role(word, roles):
    """Among the first three: "Chef de projet marketing" shares a word with every cook search."""
    found = roles_found(word)
    assert any(role in roles for role in found[:3]), found


def test_the_table_covers_four_languages_with_forty_words():
    assert len(ROLE_WORDS) >= 40


@pytest.mark.parametrize("query", ["enfermera", "enfermero", "busco trabajo de enfermera"])
def test_spanish_nurse_in_madrid_finds_the_madrid_nurse(query):
    """The report: "enfermera en Madrid" found nothing while "nurse jobs in Madrid" found
    "Registered Nurse · Madrid"."""
    jobs = OfflineJobSource().search(query, "Madrid", 10)
    assert jobs and jobs[0].title == "Registered Nurse" and jobs[0].city == "Madrid"
