"""search_jobs_task: a query becomes job postings, ranked at once for a chat search (work: pipeline.discovery)."""
from pipeline.steps import STEPS
from tasks.celery_app import celery_app
from tasks.runtime import run_step

STEP = STEPS["job_search"]


@celery_app.task(bind=True, name=STEP.task_name, max_retries=STEP.max_retries)
def search_jobs_task(self, job_search_id: str) -> str:
    return run_step(self, STEP.record_type, job_search_id)
