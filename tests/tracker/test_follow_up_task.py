"""The beat's follow-up task on a real worker (Redis, PostgreSQL): it queues the reminder of an application
that has waited in "applied", once, and leaves a fresh one alone."""
from __future__ import annotations

from datetime import timedelta

import pytest
from celery import Celery
from sqlalchemy import select

from storage.migrate import upgrade_database
from storage.models import Notification, TrackedApplication, utcnow
from tasks.celery_app import celery_app
from tests.support.processes import wait_for
from tests.support.records import add_chat_record
from tests.support.services import REDIS_URL
from tests.support.stack import running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
TASK = "tasks.lifecycle.remind_follow_ups_task"


def test_the_worker_queues_a_due_reminder_once(data_dir, redis_prefix, postgres_url):
    env = stack_env(data_dir, database_url=postgres_url, redis_prefix=redis_prefix, FOLLOW_UP_DAYS="7",
                    ALERTS_QUIET_HOURS="")
    upgrade_database(postgres_url)
    with running_stack(env, server=False) as stack:
        waited, fresh = applied(stack, "j-1", days=8), applied(stack, "j-2", days=2)
        sender = Celery(broker=REDIS_URL, broker_transport_options={"global_keyprefix": redis_prefix})
        queue = celery_app.amqp.router.route({}, TASK)["queue"].name

        def reminders():
            with stack.session() as session:
                return session.execute(select(Notification.record_id, Notification.event).where(
                    Notification.record_type == "tracker")).all()

        sender.send_task(TASK, queue=queue, routing_key=queue)
        assert wait_for(reminders, timeout=60, message="the reminder") == [(waited.id, "follow_up")]
        later = applied(stack, "j-3", days=9)
        sender.send_task(TASK, queue=queue, routing_key=queue)  # the next beat: only the new one
        wait_for(lambda: len(reminders()) == 2, timeout=60, message="the second beat")
        assert sorted(reminders()) == sorted([(waited.id, "follow_up"), (later.id, "follow_up")])
        assert fresh.id not in {record_id for record_id, _ in reminders()}


def applied(stack, job_id: str, *, days: int) -> TrackedApplication:
    """A local-chat entry that went to "applied" ``days`` ago."""
    with stack.session() as session:
        return add_chat_record(session, TrackedApplication(
            job_id=job_id, title="Data engineer", stage="applied", stage_changed_at=utcnow() - timedelta(days=days)))
