"""The Celery app, configured as the guide asks (queues, routing, rate limits, late acks)."""
from __future__ import annotations

from celery import Celery
from kombu import Queue

from config import get_settings

QUEUES = ("profiling", "discovery", "matching", "job_processing")
TASK_MODULES = tuple(f"tasks.{queue}" for queue in QUEUES)


def _transport_options(settings) -> dict:
    options = {"visibility_timeout": settings.broker_visibility_timeout}
    if settings.celery_key_prefix:
        options["global_keyprefix"] = settings.celery_key_prefix
    return options


def make_celery() -> Celery:
    settings = get_settings()
    app = Celery("job_agent", broker=settings.broker_url, backend=settings.result_backend, include=TASK_MODULES)
    transport_options = _transport_options(settings)
    app.conf.update(
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        timezone="UTC",
        enable_utc=True,
        task_routes={f"{module}.*": {"queue": queue} for module, queue in zip(TASK_MODULES, QUEUES)},
        task_queues=tuple(Queue(queue, routing_key=queue) for queue in QUEUES),
        task_default_queue="profiling",
        task_annotations={
            "tasks.profiling.build_profile_task": {"rate_limit": "120/m"},
            "tasks.discovery.search_jobs_task": {"rate_limit": "30/m"},
            "tasks.matching.screen_jobs_task": {"rate_limit": "120/m"},
            "tasks.job_processing.process_job_task": {"rate_limit": "30/m"},
        },
        result_expires=3600,
        worker_prefetch_multiplier=1,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_soft_time_limit=settings.task_soft_time_limit,
        task_time_limit=settings.task_time_limit,
        task_track_started=True,
        broker_connection_retry_on_startup=True,
        worker_cancel_long_running_tasks_on_connection_loss=True,
        broker_transport_options=transport_options,
        result_backend_transport_options=transport_options,
        # Tasks only return ids; the database holds results. Keep the backend quiet.
        task_ignore_result=True,
        worker_send_task_events=True,
        task_send_sent_event=True,
    )
    return app


celery_app = make_celery()
app = celery_app
