"""The conversation core on a real SQLite database with a fake messenger and task queue."""
from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from config import Settings
from tests.support.fakes import FakeMessenger


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Pointing at the database of the shared ``sessions`` fixture (tests/conftest.py)."""
    return Settings(job_agent_data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}",
                    max_upload_mb=1)


@pytest.fixture
def messenger() -> FakeMessenger:
    return FakeMessenger()


@pytest.fixture
def conversation(settings, sessions, messenger, queue) -> Conversation:
    return Conversation(settings=settings, sessions=sessions, messengers={"local": messenger}, queue=queue)
