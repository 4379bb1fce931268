import pytest

from domain.jobs.places import resolve_place


@pytest.fixture(scope="module", autouse=True)
def gazetteer_loaded():
    resolve_place("Berlin")  # the gazetteer loads once; no single test should pay for it
