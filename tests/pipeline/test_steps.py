"""The registry of steps agrees with what the worker registers and routes, and its work resolves."""
from __future__ import annotations

import pytest

from pipeline.steps import QUEUES, STEPS, result_path, work_of
from storage.models import RECORD_MODELS
from tasks.celery_app import celery_app


def test_there_is_one_step_per_record_model_and_the_guides_four_queues():
    assert {step.record_type: step.model for step in STEPS.values()} == RECORD_MODELS
    assert QUEUES == ("profiling", "discovery", "matching", "job_processing")


@pytest.mark.parametrize("step", STEPS.values(), ids=lambda step: step.record_type)
def test_each_steps_task_is_registered_by_the_worker_and_routed_to_its_queue(step):
    celery_app.loader.import_default_modules()  # what a worker does at start
    task = celery_app.tasks[step.task_name]
    assert task.max_retries == step.max_retries
    assert celery_app.amqp.router.route({}, step.task_name)["queue"].name == step.queue
    assert all(callable(work) for work in work_of(step.record_type))


def test_a_chat_search_is_searched_then_ranked_in_one_run():
    assert [work.__name__ for work in work_of("job_search")] == ["find_jobs", "rank_found_jobs"]


def test_result_paths_are_the_guides_rest_resources():
    assert [result_path(kind, "x") for kind in STEPS] == [
        "/api/v1/profiling/x", "/api/v1/discovery/x", "/api/v1/matching/x", "/api/v1/jobs/x", "/api/v1/alerts/runs/x"]
