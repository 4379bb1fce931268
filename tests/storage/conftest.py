import pytest

from storage.db import session_factory


@pytest.fixture
def sessions(migrated_database_url):
    return session_factory(migrated_database_url)
