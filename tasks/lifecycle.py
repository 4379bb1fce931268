"""purge_expired_task: Celery beat's retention pass (the work: storage.retention)."""
from config import get_settings
from storage.db import session_factory
from storage.retention import purge_expired
from tasks.celery_app import celery_app


@celery_app.task(name="tasks.lifecycle.purge_expired_task", ignore_result=True)
def purge_expired_task() -> dict:
    """One retention pass (idempotent, safe to run on any worker); returns the counts removed."""
    settings = get_settings()
    with session_factory(settings.resolved_database_url)() as session:
        return vars(purge_expired(session, settings))
