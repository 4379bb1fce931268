"""Celery beat's housekeeping: the retention pass (storage.retention) and the tracker's follow-up reminders
(services.tracker)."""
from config import get_settings
from services.tracker import queue_follow_up_reminders
from storage.db import session_factory
from storage.retention import purge_expired
from tasks.celery_app import celery_app


@celery_app.task(name="tasks.lifecycle.purge_expired_task", ignore_result=True)
def purge_expired_task() -> dict:
    """One retention pass (idempotent, safe to run on any worker); returns the counts removed."""
    settings = get_settings()
    with session_factory(settings.resolved_database_url)() as session:
        return vars(purge_expired(session, settings))


@celery_app.task(name="tasks.lifecycle.remind_follow_ups_task", ignore_result=True)
def remind_follow_ups_task() -> int:
    """Queue the follow-up reminders now due (idempotent: an entry is reminded once per stay in "applied",
    even when two beats fire at once); returns how many were queued. The outbox delivers them."""
    settings = get_settings()
    with session_factory(settings.resolved_database_url)() as session:
        return queue_follow_up_reminders(session, settings)
