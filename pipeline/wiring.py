"""The domain's outside services, built from the settings: job sources and the letter writer."""
from __future__ import annotations

from functools import lru_cache

import redis

from config import Settings
from domain.jobs.rate_limit import RedisRateLimiter
from domain.jobs.sources import JobSource, make_job_source
from domain.letters.fallback import make_letter_writer
from domain.letters.types import LetterWriter


def job_source_from(settings: Settings) -> JobSource:
    """SerpApi when ``SERPAPI_API_KEY`` is set, else the bundled offline postings."""
    if not settings.serpapi_api_key:
        return make_job_source(serpapi_api_key=None)
    # Celery's rate_limit is per worker; SerpApi's quota is per account, so the limit lives in Redis.
    limiter = RedisRateLimiter(broker_redis(settings), f"{settings.celery_key_prefix}job-agent:serpapi",
                               settings.serpapi_searches_per_minute, 60, max_wait=5)
    return make_job_source(serpapi_api_key=settings.serpapi_api_key.get_secret_value(),
                           serpapi_base_url=settings.serpapi_base_url, rate_limiter=limiter)


def letter_writer_from(settings: Settings) -> LetterWriter:
    """The OpenAI-compatible writer when ``LLM_*`` is set (template fallback on error), else the template."""
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    return make_letter_writer(llm_base_url=settings.llm_base_url, llm_api_key=key, llm_model=settings.llm_model,
                              timeout=settings.llm_timeout_seconds)


def broker_redis(settings: Settings) -> redis.Redis:
    """A redis-py client on the broker's Redis, for state every worker shares (rate limits)."""
    return _client(settings.broker_url)


@lru_cache(maxsize=4)
def _client(url: str) -> redis.Redis:
    if url.startswith("redis+socket://"):
        return redis.Redis(unix_socket_path=url.removeprefix("redis+socket://"))
    return redis.Redis.from_url(url)
