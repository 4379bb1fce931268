import pytest

from config import Settings
from storage.db import session_factory


@pytest.fixture
def sessions(migrated_database_url):
    return session_factory(migrated_database_url)


@pytest.fixture
def settings(tmp_path):
    """No quiet hours unless a test asks for them; UTC unless the person or place says otherwise."""
    return Settings(_env_file=None, job_agent_data_dir=tmp_path, alerts_quiet_hours="", alerts_default_time="08:00",
                    alerts_default_timezone="UTC")
