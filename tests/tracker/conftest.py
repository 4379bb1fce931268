"""The tracker's use cases on a migrated SQLite and PostgreSQL database (the `database_url` fixture)."""
from __future__ import annotations

import pytest
from sqlalchemy import func

from services.letters import LetterChoice, request_letter
from services.ports import ChatRequester, OriginRef, UserRef
from storage.db import session_factory
from storage.models import UserProfile

ANNA = UserRef("telegram", "1001", display_name="Anna")
BEN = UserRef("telegram", "2002", display_name="Ben")


def chat(user: UserRef) -> ChatRequester:
    return ChatRequester(user, OriginRef(user.platform, "chat-" + user.external_user_id))


def job(job_id: str = "j-1", title: str = "Data engineer", company: str = "Muster GmbH") -> dict:
    return {"job_id": job_id, "title": title, "company_name": company, "location": "Hamburg",
            "apply_link": f"https://jobs.example.com/{job_id}"}


@pytest.fixture
def sessions(migrated_database_url):
    return session_factory(migrated_database_url)


@pytest.fixture
def profile_id(sessions):
    with sessions() as session:
        profile = UserProfile(source_files=[], profile={}, status="completed", completed_at=func.now())
        session.add(profile)
        session.commit()
        return profile.id


@pytest.fixture
def letter(sessions, queue, profile_id, monkeypatch):
    """Request a letter for ``posting`` as ``requester``; returns the Application. The queue runs nothing,
    so every letter stays open: the open-requests limit (its own tests in tests/services) is lifted here."""
    from config import get_settings

    monkeypatch.setenv("MAX_OPEN_REQUESTS_PER_OWNER", "1000")
    get_settings.cache_clear()
    def request(requester, posting: dict):
        with sessions() as session:
            return request_letter(session=session, queue=queue, requester=requester,
                                  choice=LetterChoice(job=posting, profile_id=profile_id))
    yield request
    get_settings.cache_clear()
