"""`job-agent retry` queues a failed record once, even when two operators retry it at the same time or
one retries from a read taken before the other's retry already ran it."""
from __future__ import annotations

import pytest

from bot.ops.retry import RetryRefused, retry_record
from storage.db import session_factory
from storage.models import UserProfile
from storage.records import claim_for_processing, new_claim, older_than
from tests.support.fakes import FakeTaskQueue
from tests.support.records import add_record


def test_a_retry_from_a_stale_read_does_not_queue_a_running_record_again(migrated_database_url):
    sessions = session_factory(migrated_database_url)
    with sessions() as session:
        record_id = add_record(session, "profile", "failed", attempts=3).id
    first, second = FakeTaskQueue(), FakeTaskQueue()
    with sessions() as late:
        late.get(UserProfile, record_id)  # the second operator's session has read it as failed
        with sessions() as early:
            record, queued = retry_record(early, record_id, first)
            assert queued and record.status == "pending"
            assert claim_for_processing(early, "profile", record_id, task_id=record.celery_task_id,
                                        claim=new_claim(), silent_before=older_than(30))  # and it runs
        with pytest.raises(RetryRefused, match="is processing, not failed"):
            retry_record(late, record_id, second)
    assert len(first.sent) == 1 and second.sent == []
    with sessions() as session:
        assert session.get(UserProfile, record_id).status == "processing"
