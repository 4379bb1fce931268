"""search_jobs_task: a query becomes a deduplicated list of job postings."""
from __future__ import annotations

from sqlalchemy import delete

from config import Settings, get_settings
from storage.models import JobPostingRecord, JobSearch, MatchRun
from tasks.celery_app import celery_app
from domain.jobs.query import SearchRequest
from domain.jobs.rate_limit import RedisRateLimiter
from domain.jobs.sources import make_job_source, search_jobs
from tasks.redis_client import broker_redis
from tasks.runtime import Progress, run_record_task


def job_source_from(settings: Settings):
    if not settings.serpapi_api_key:
        return make_job_source(serpapi_api_key=None)
    # Celery's rate_limit is per worker; SerpApi's quota is per account, so the limit lives in Redis.
    limiter = RedisRateLimiter(broker_redis(settings), f"{settings.celery_key_prefix}job-agent:serpapi",
                               settings.serpapi_searches_per_minute, 60, max_wait=5)
    return make_job_source(serpapi_api_key=settings.serpapi_api_key.get_secret_value(),
                           serpapi_base_url=settings.serpapi_base_url, rate_limiter=limiter)


def find_jobs(session, record: JobSearch, progress: Progress) -> list:
    """Search, store the postings in order, and queue the ranking a chat search asked for."""
    progress(10, "searching")
    request = SearchRequest(query=record.query, location=record.location)
    postings = search_jobs(job_source_from(get_settings()), request, record.num_results)
    session.execute(delete(JobPostingRecord).where(JobPostingRecord.job_search_id == record.id))
    session.add_all(
        JobPostingRecord(job_search_id=record.id, position=index, job_id=posting.job_id, data=posting.to_dict())
        for index, posting in enumerate(postings)
    )
    record.job_count = len(postings)
    progress(60, "found")
    if not record.rank_after_search:
        return []
    match = MatchRun(
        profile_id=record.profile_id, job_search_id=record.id, chat_user_id=record.chat_user_id,
        origin_id=record.origin_id, api_key_id=record.api_key_id,
    )
    session.add(match)
    return [match]


@celery_app.task(bind=True, name="tasks.discovery.search_jobs_task", max_retries=5)
def search_jobs_task(self, job_search_id: str) -> str:
    return run_record_task(self, "job_search", job_search_id, find_jobs)
