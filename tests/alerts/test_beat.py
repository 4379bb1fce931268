"""The beat schedule starts due alerts every ALERTS_CHECK_SECONDS, on a queue every worker serves."""
from __future__ import annotations

from config import Settings
from tasks.celery_app import celery_app, make_celery


def test_beat_runs_the_due_alerts_and_follow_ups_at_their_configured_intervals(tmp_path):
    app = make_celery(Settings(_env_file=None, job_agent_data_dir=tmp_path, alerts_check_seconds=7,
                               follow_up_check_seconds=90, retention_days=0))
    schedule = app.conf.beat_schedule
    assert schedule["run-due-alerts"]["task"] == "tasks.alerts.run_due_alerts_task"
    assert schedule["run-due-alerts"]["schedule"] == 7.0
    assert schedule["remind-follow-ups"]["schedule"] == 90.0
    assert "purge-expired-files" not in schedule  # retention off: alerts still run


def test_the_due_alerts_task_is_registered_and_routed_to_a_served_queue():
    celery_app.loader.import_default_modules()
    assert "tasks.alerts.run_due_alerts_task" in celery_app.tasks
    assert celery_app.amqp.router.route({}, "tasks.alerts.run_due_alerts_task")["queue"].name == "discovery"
