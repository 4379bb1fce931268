"""Two letters for one job requested at the same moment still make one tracker entry (PostgreSQL, where
requests really run side by side)."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text

from services.letters import LetterChoice, request_letter
from storage.db import session_factory
from storage.migrate import upgrade_database
from storage.models import TrackedApplication, UserProfile
from tests.support.fakes import FakeTaskQueue
from tests.support.processes import wait_for
from tests.tracker.conftest import ANNA, chat, job

pytestmark = pytest.mark.postgres


class HeldQueue(FakeTaskQueue):
    """Commits only when told to, so that a second request can run while this one is open."""

    def __init__(self):
        super().__init__()
        self.holding, self.go = threading.Event(), threading.Event()

    def dispatch(self, session, record) -> bool:
        self.holding.set()
        assert self.go.wait(30)
        return super().dispatch(session, record)


def test_two_letters_for_one_job_at_once_make_one_entry(postgres_url):
    upgrade_database(postgres_url)
    sessions = session_factory(postgres_url)
    with sessions() as session:
        profile = UserProfile(source_files=[], profile={}, status="completed", completed_at=func.now())
        session.add(profile)
        session.commit()
        choice = LetterChoice(job=job("j-1"), profile_id=profile.id)
        request_letter(session=session, queue=FakeTaskQueue(), requester=chat(ANNA),  # Anna exists
                       choice=LetterChoice(job=job("j-0"), profile_id=profile.id))

    def letter(queue):
        with sessions() as session:
            request_letter(session=session, queue=queue, requester=chat(ANNA), choice=choice)

    held = HeldQueue()
    first = threading.Thread(target=letter, args=(held,))
    second = threading.Thread(target=letter, args=(FakeTaskQueue(),))
    first.start()
    assert held.holding.wait(30)  # the first request has tracked the job, not yet committed
    second.start()
    with sessions() as session:  # the second waits for the first's lock on this job
        wait_for(lambda: session.scalar(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                                             "AND NOT granted")), message="the second request to wait")
    held.go.set()
    first.join(30)
    second.join(30)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(TrackedApplication)
                              .where(TrackedApplication.job_id == "j-1")) == 1
