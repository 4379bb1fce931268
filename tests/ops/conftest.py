import pytest

from storage.db import dispose_engines
from storage.migrate import upgrade_database
from tests.support.services import fresh_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A migrated database of each kind the product supports."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'ops.sqlite3'}"
        upgrade_database(url)
        yield url
        dispose_engines()
    else:
        with fresh_postgres_database() as url:
            upgrade_database(url)
            yield url
