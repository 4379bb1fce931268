import datetime as dt

import pytest

from domain.cv import errors
from domain.cv.profile import build_profile, build_profile_from_file
from tests.support.bad_pdfs import make_owner_password_pdf, make_user_password_pdf

# Producers whose two-column output pypdf interleaves row by row: a skill phrase that
from tests.support.pdf_factory import LAYOUTS, PERSONAS, PRODUCERS, make_cv_pdf

# Producers whose two-column output pypdf interleaves row by row: a skill phrase that
# wraps inside the narrow sidebar is then split by lines of the other column.
ROW_INTERLEAVED = {"chrome", "google_docs"}
# General competences the personas name only in experience bullets ("rapprochements bancaires, TVA", "paie",
# "A/B testing platform", "Email marketing, social media"): each CV has its own skills list, which is
# authoritative, so running text adds only named tools to it (domain/cv/skill_lists.py) and these are no skills.
PROSE_ONLY_COMPETENCES = {"Bank Reconciliation", "VAT", "Payroll", "A/B Testing", "Email Marketing",
                          "Social Media Marketing"}


def _expected_years(since: tuple[int, int]) -> float:
    today = dt.date.today()
    return (today.year * 12 + today.month - (since[0] * 12 + since[1])) / 12


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("key", sorted(PERSONAS))
def test_profile_fields(key, layout, producer):
    persona = PERSONAS[key]
    expected = persona["expected"]
    profile = build_profile(make_cv_pdf(persona, layout=layout, producer=producer))

    assert profile.name == persona["name"]
    assert profile.email == persona["email"]
    assert profile.phone == persona["phone"]
    assert profile.title == persona["title"]
    assert expected["city"] in profile.location
    assert profile.languages == expected["languages"]
    assert profile.years_experience == pytest.approx(_expected_years(expected["since"]), abs=0.25)
    assert profile.summary == persona["summary"]
    assert persona["email"] in profile.text
    wanted = [s for s in expected["skills"] if s not in PROSE_ONLY_COMPETENCES]
    found = [s for s in wanted if s in profile.skills]
    if layout == "two_column" and producer in ROW_INTERLEAVED:
        assert len(found) >= 0.8 * len(wanted), set(wanted) - set(found)
    else:
        assert found == wanted or set(found) == set(wanted)
        assert not PROSE_ONLY_COMPETENCES & set(profile.skills)


def test_synonyms_are_normalised():
    profile = build_profile(make_cv_pdf(PERSONAS["python_dev_berlin"]))
    assert "Kubernetes" in profile.skills and "k8s" not in profile.skills
    assert "PostgreSQL" in profile.skills
    nurse = build_profile(make_cv_pdf(PERSONAS["german_nurse"]))
    assert {"Nursing", "Critical Care", "Wound Care"} <= set(nurse.skills)
    accountant = build_profile(make_cv_pdf(PERSONAS["french_accountant"]))
    assert "Accounting" in accountant.skills and "Payroll" not in accountant.skills  # "paie" only in a bullet


def test_profile_round_trips_as_dict():
    profile = build_profile(make_cv_pdf(PERSONAS["marketing_manager"], producer="latex"))
    data = profile.to_dict()
    assert data["name"] == "Marco Rossi"
    assert type(profile).from_dict(data) == profile


def test_owner_password_cv_gives_full_profile():
    profile = build_profile(make_owner_password_pdf(PERSONAS["german_nurse"]))
    assert profile.name == "Anna Schmidt"
    assert profile.languages == ["German", "English", "Turkish"]


def test_persona_is_parametric():
    persona = dict(PERSONAS["data_scientist"], name="Jo Example", email="jo@example.org")
    profile = build_profile(make_cv_pdf(persona, producer="quartz"))
    assert (profile.name, profile.email) == ("Jo Example", "jo@example.org")


def test_build_profile_from_file(tmp_path):
    path = tmp_path / "cv.pdf"
    path.write_bytes(make_cv_pdf(PERSONAS["french_accountant"], layout="two_column", producer="libreoffice"))
    profile = build_profile_from_file(path)
    assert profile.name == "Hélène Lefèvre"
    with pytest.raises(errors.TooLargePdfError):
        build_profile_from_file(path, max_bytes=100)


def test_build_profile_passes_reader_errors_through():
    with pytest.raises(errors.EncryptedPdfError) as info:
        build_profile(make_user_password_pdf())
    assert info.value.code == "encrypted"
