"""The registry of pipeline steps: one row per record type, everything that belongs to it.

Importing this module is cheap (no domain, no PDF or HTTP libraries): the bot process uses it
to send tasks by name and to label results, the worker to find the work to run.

A step's ``work`` is a chain of ``"module:function"`` paths run in order in one task run, so a
chat search that must also be ranked is declared here rather than decided inside the search.
Task names, queues and REST paths are the guide's public names; keep them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module

from i18n import N_
from storage.models import AlertRun, Application, JobSearch, MatchRun, UserProfile


@dataclass(frozen=True)
class Step:
    """One record type of the pipeline.

    ``work``: dotted ``"module:function"`` paths, each ``f(session, record, progress) -> None``.
    ``rate_limit``: Celery's per-worker flood guard (see tasks.celery_app).
    ``doing``: what the step does, as the user reads it ("Reading your CV").
    ``label``: the record in a list of the user's requests. Both are msgids: said as ``t(step.label)``. ``plural``: the key in /admin/stats.
    ``rest_resource``/``rest_id``: the REST path under /api/v1 and the id field of its bodies.
    """

    record_type: str
    model: type
    task_name: str
    queue: str
    work: tuple[str, ...]
    max_retries: int
    rate_limit: str
    doing: str
    label: str
    plural: str
    rest_resource: str
    rest_id: str


STEPS: dict[str, Step] = {step.record_type: step for step in (
    Step("profile", UserProfile, "tasks.profiling.build_profile_task", "profiling",
         ("pipeline.profiling:read_cv_files",), 5, "6000/m",
         N_("Reading your CV"), N_("CV"), "profiles", "profiling", "profile_id"),
    Step("job_search", JobSearch, "tasks.discovery.search_jobs_task", "discovery",
         ("pipeline.discovery:find_jobs", "pipeline.ranking:rank_found_jobs"), 5, "1200/m",
         N_("The job search"), N_("Job search"), "job_searches", "discovery", "job_search_id"),
    Step("match", MatchRun, "tasks.matching.screen_jobs_task", "matching",
         ("pipeline.ranking:rank_search",), 3, "6000/m",
         N_("Ranking the jobs"), N_("Ranking"), "matches", "matching", "match_id"),
    Step("application", Application, "tasks.job_processing.process_job_task", "job_processing",
         ("pipeline.letters:write_letter",), 5, "1200/m",
         N_("Writing the letter"), N_("Cover letter"), "applications", "jobs", "application_id"),
    # One search shared by the alerts due with the same query and place, then a digest for each of
    # them (pipeline.alert_digests); on the discovery queue, whose rate limits and workers it shares.
    Step("alert_run", AlertRun, "tasks.alerts.run_alerts_task", "discovery",
         ("pipeline.alert_digests:search_for_alerts", "pipeline.alert_digests:write_digests"), 5, "1200/m",
         N_("Checking your alerts"), N_("Alert"), "alert_runs", "alerts/runs", "alert_run_id"),
)}
QUEUES: tuple[str, ...] = tuple(dict.fromkeys(step.queue for step in STEPS.values()))
API_PREFIX = "/api/v1"


def step_of(record) -> Step:
    """The step of a record instance (any of the four models); KeyError for anything else."""
    return STEPS[record.record_type]


def result_path(record_type: str, record_id: str) -> str:
    """``/api/v1/<resource>/<id>``: where a REST caller reads the record's result."""
    return f"{API_PREFIX}/{STEPS[record_type].rest_resource}/{record_id}"


@cache
def work_of(record_type: str) -> tuple[Callable, ...]:
    """The step's work functions, imported on first use (only workers ever call this)."""
    functions = []
    for path in STEPS[record_type].work:
        module, _, name = path.partition(":")
        functions.append(getattr(import_module(module), name))
    return tuple(functions)
