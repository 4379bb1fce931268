"""screen_jobs_task: a job search's postings ranked against a profile (work: pipeline.ranking)."""
from pipeline.steps import STEPS
from tasks.celery_app import celery_app
from tasks.runtime import run_step

STEP = STEPS["match"]


@celery_app.task(bind=True, name=STEP.task_name, max_retries=STEP.max_retries)
def screen_jobs_task(self, match_id: str) -> str:
    return run_step(self, STEP.record_type, match_id)
