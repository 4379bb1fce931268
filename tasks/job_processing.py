"""process_job_task: a tailored cover letter and CV summary for one job (work: pipeline.letters)."""
from pipeline.steps import STEPS
from tasks.celery_app import celery_app
from tasks.runtime import run_step

STEP = STEPS["application"]


@celery_app.task(bind=True, name=STEP.task_name, max_retries=STEP.max_retries)
def process_job_task(self, application_id: str) -> str:
    return run_step(self, STEP.record_type, application_id)
