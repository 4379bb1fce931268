"""Alert tasks: run_due_alerts_task (Celery beat, every ALERTS_CHECK_SECONDS) starts the due alerts'
runs; run_alerts_task is one run (one shared search, then a digest per alert) and delivers its
digests once they are committed. The work: services.alert_runs, pipeline.alert_digests, delivery.digests."""
from config import get_settings
from delivery.digests import deliver_digests
from pipeline.steps import STEPS
from services.alert_runs import start_due_alerts
from storage.db import session_factory
from tasks.celery_app import celery_app
from tasks.dispatch import task_queue
from tasks.runtime import run_step

STEP = STEPS["alert_run"]
DUE_TASK = "tasks.alerts.run_due_alerts_task"


@celery_app.task(bind=True, name=STEP.task_name, max_retries=STEP.max_retries)
def run_alerts_task(self, alert_run_id: str) -> str:
    outcome = run_step(self, STEP.record_type, alert_run_id)
    if outcome == "completed":
        settings = get_settings()
        with session_factory(settings.resolved_database_url)() as session:
            deliver_digests(session, settings, alert_run_id)
    return outcome


@celery_app.task(name=DUE_TASK, ignore_result=True)
def run_due_alerts_task() -> int:
    """Start the runs of the alerts due now (a double-fired beat starts nothing twice); returns how many runs."""
    settings = get_settings()
    with session_factory(settings.resolved_database_url)() as session:
        return len(start_due_alerts(session, settings, task_queue))
