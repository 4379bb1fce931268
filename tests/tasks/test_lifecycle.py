"""Beat runs the retention purge (tasks/lifecycle.py) on one of the four queues."""
from __future__ import annotations

from tasks.celery_app import celery_app


def test_beat_runs_the_purge_on_one_of_the_four_queues():
    entry = celery_app.conf.beat_schedule["purge-expired-files"]
    assert entry["task"] == "tasks.lifecycle.purge_expired_task" and entry["schedule"] == 3600
    assert celery_app.amqp.router.route({}, entry["task"])["queue"].name == "job_processing"
    celery_app.loader.import_default_modules()  # what a worker does at start: import the task modules
    assert entry["task"] in celery_app.tasks
