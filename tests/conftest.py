import pytest

from tests.support.services import fresh_postgres_database, redis_key_prefix


@pytest.fixture
def postgres_url():
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def redis_prefix():
    with redis_key_prefix() as prefix:
        yield prefix


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path
