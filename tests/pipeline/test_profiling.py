"""Several files make one profile: pages add up, a retaken photo replaces the one before."""
from domain.cv.types import CandidateProfile
from pipeline.profiling import merge_profiles

PAGE_ONE = "Ana Costa\nEnfermeira\nana.costa@example.pt\nExperiência Hospital de Santa Maria Lisboa 2019 hoje"
PAGE_TWO = "Formação Licenciatura em Enfermagem Universidade de Coimbra\nCompetências Cuidados intensivos Triagem"


def photo(text: str, **fields) -> CandidateProfile:
    return CandidateProfile(text=text, source="photo", **fields)


def test_pages_photographed_one_by_one_add_up():
    merged = merge_profiles([photo(PAGE_ONE, name="Ana Costa", skills=["Nursing"]),
                             photo(PAGE_TWO, name="Formação", skills=["Critical Care", "Triage"])])
    assert merged.name == "Ana Costa"  # page one's header wins
    assert merged.skills == ["Nursing", "Critical Care", "Triage"]
    assert PAGE_ONE in merged.text and PAGE_TWO in merged.text


def test_a_retaken_photo_of_the_same_page_replaces_the_blurred_one():
    blurred = photo(PAGE_ONE.replace("Ana Costa", "Ano Cosla"), name="Ano Cosla")
    retaken = photo(PAGE_ONE, name="Ana Costa")
    merged = merge_profiles([blurred, retaken])
    assert merged.name == "Ana Costa" and merged.text == PAGE_ONE


def test_documents_are_never_dropped_as_retakes():
    cv = CandidateProfile(text=PAGE_ONE, source="text", name="Ana Costa")
    copy = CandidateProfile(text=PAGE_ONE, source="text", name="Ana Costa", skills=["Nursing"])
    assert merge_profiles([cv, copy]).text == PAGE_ONE + "\n\n" + PAGE_ONE


def test_a_retake_of_page_one_sent_after_page_two_stays_page_one():
    """Page 1, page 2, then page 1 again (upside down, read upright): the name is still page 1's."""
    blurred = photo(PAGE_ONE.replace("Ana Costa", "Ano Cosla"), name="Ano Cosla")
    merged = merge_profiles([blurred, photo(PAGE_TWO, name="Formação"), photo(PAGE_ONE, name="Ana Costa")])
    assert merged.name == "Ana Costa"
    assert merged.text == PAGE_ONE + "\n\n" + PAGE_TWO
