"""build_profile_task: a CV upload becomes a candidate profile (work: pipeline.profiling)."""
from pipeline.steps import STEPS
from tasks.celery_app import celery_app
from tasks.runtime import run_step

STEP = STEPS["profile"]


@celery_app.task(bind=True, name=STEP.task_name, max_retries=STEP.max_retries)
def build_profile_task(self, profile_id: str) -> str:
    return run_step(self, STEP.record_type, profile_id)
