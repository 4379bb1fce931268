"""The Celery app, configured as the guide asks (queues, routing, rate limits, late acks)."""
from __future__ import annotations

from celery import Celery, signals
from kombu import Queue

from config import Settings, get_settings
from pipeline.steps import QUEUES, STEPS

# One module per task, named after its queue (the guide's layout); the worker imports them.
TASK_MODULES = (*(f"tasks.{queue}" for queue in QUEUES), "tasks.alerts", "tasks.lifecycle")
# Sent by name from processes that never import the task modules, so routes go by task name.
STEP_ROUTES = {step.task_name: {"queue": step.queue} for step in STEPS.values()}
# Housekeeping tasks, each routed to one of the four queues so every worker serves them.
MAINTENANCE_ROUTES = {"tasks.lifecycle.*": {"queue": "job_processing"},
                      "tasks.alerts.run_due_alerts_task": {"queue": "discovery"}}


def _transport_options(settings) -> dict:
    # Redis hands out again a message left unacknowledged past the visibility timeout (a dead
    # worker's) only when a worker sweeps for them, by default every 10 × 10 s in kombu 5.7: sweep
    # every tenth of the timeout (at most 10 s, at least 1 s) so such a message is back on time. A
    # copy handed out while its first run still lives runs nothing (tasks.runtime), and no retry
    # waits in Redis long enough to be handed out (tasks.runtime.broker_wait_cap).
    options = {"visibility_timeout": settings.broker_visibility_timeout,
               "unacked_restore_interval": min(10, max(1, settings.broker_visibility_timeout // 10)),
               "unacked_restore_throttle": 1}
    if settings.celery_key_prefix:
        options["global_keyprefix"] = settings.celery_key_prefix
    return options


def make_celery(settings: Settings | None = None) -> Celery:
    settings = settings or get_settings()
    app = Celery("job_agent", broker=settings.broker_url, backend=settings.result_backend,
                 include=TASK_MODULES)
    transport_options = _transport_options(settings)
    app.conf.update(
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        timezone="UTC",
        enable_utc=True,
        task_routes={**STEP_ROUTES, **MAINTENANCE_ROUTES},
        task_queues=tuple(Queue(queue, routing_key=queue) for queue in QUEUES),
        task_default_queue="profiling",
        # Celery's rate limit is a per-worker token bucket of capacity one: "120/m" spaces
        # back-to-back tasks 0.5 s apart on a worker, which measured as most of a CV's round
        # trip (and "60/m" as a whole second per /jobsearch). These are flood guards only;
        # SerpApi's real quota is enforced across all workers by a limiter in Redis
        # (SERPAPI_SEARCHES_PER_MINUTE), and an LLM's 429s are retried with backoff.
        task_annotations={step.task_name: {"rate_limit": step.rate_limit} for step in STEPS.values()},
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
        beat_schedule=_beat_schedule(settings),
    )
    return app


def _beat_schedule(settings: Settings) -> dict:
    """Periodic work for `celery -A tasks.celery_app beat` (the embedded default runs it from serve)."""
    schedule = {
        # A beat that fires twice, or two beats, start no alert twice (services.alert_runs.start_due_alerts);
        # a check that waited past the next one's turn is dropped rather than piling up.
        "run-due-alerts": {
            "task": "tasks.alerts.run_due_alerts_task",
            "schedule": float(settings.alerts_check_seconds),
            "options": {"expires": max(float(settings.alerts_check_seconds), 1.0)},
        },
        # The tracker's reminders to follow up (services.tracker.queue_follow_up_reminders, idempotent).
        "remind-follow-ups": {
            "task": "tasks.lifecycle.remind_follow_ups_task",
            "schedule": float(settings.follow_up_check_seconds),
            "options": {"expires": max(float(settings.follow_up_check_seconds), 1.0)},
        },
    }
    if settings.retention_days > 0:
        schedule["purge-expired-files"] = {
            "task": "tasks.lifecycle.purge_expired_task",
            "schedule": float(settings.retention_check_seconds),
        }
    return schedule


_context_tokens: dict = {}  # task id -> contextvar token, to undo the binding after the run


@signals.setup_logging.connect
def _setup_logging(loglevel=None, **_kwargs) -> None:
    """Take over Celery's logging so worker lines carry the task and record ids (see config.logs)."""
    from config.logs import configure_logging

    settings = get_settings()
    configure_logging(loglevel or settings.log_level, settings.log_format)


@signals.worker_init.connect
def _load_work(**_kwargs) -> None:
    """Import every step's work in the worker's main process, before the pool forks: a child's first
    task no longer spends seconds importing it (7 s on a busy machine) between receiving its message and
    claiming its record, nor does each child load its own copy. (The bot process never loads it.)"""
    from pipeline.steps import STEPS, work_of

    for record_type in STEPS:
        work_of(record_type)


@signals.task_prerun.connect
def _bind_task_context(task_id=None, task=None, args=None, **_kwargs) -> None:
    from config.logs import bind

    record_id = args[0] if args and isinstance(args[0], str) else None
    _context_tokens[task_id] = bind(task_id=task_id, task_name=getattr(task, "name", None), record_id=record_id)


@signals.task_postrun.connect
def _unbind_task_context(task_id=None, **_kwargs) -> None:
    from config.logs import reset

    token = _context_tokens.pop(task_id, None)
    if token is not None:
        try:
            reset(token)
        except ValueError:  # set in another context (thread pools): nothing of ours to undo
            pass


celery_app = make_celery()
app = celery_app
