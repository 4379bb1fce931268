"""The domain's outside services, built from the settings: job boards and the letter writer."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module

import redis

from config import Settings
from config.settings import JOB_SOURCE_NAMES
from domain.jobs.boards.cache import RedisJsonCache
from domain.jobs.boards.http import BoardHttp
from domain.jobs.fanout import JobBoard
from domain.jobs.offline_source import OfflineJobSource
from domain.jobs.rate_limit import RedisRateLimiter
from domain.jobs.serpapi_source import SerpApiJobSource
from domain.letters.fallback import make_letter_writer
from domain.letters.types import LetterWriter

logger = logging.getLogger(__name__)
# A board whose shared quota is spent waits this long for a slot, then counts as not answering.
RATE_LIMIT_WAIT_SECONDS = 2.0


@dataclass(frozen=True)
class BoardSpec:
    """Where a board's code lives and which settings it takes: ``<name>_base_url`` always, and the
    key settings in ``keys`` (constructor keyword -> settings attribute); a board with keys is
    usable only when all of them are set."""

    source: str  # "module:Class"
    keys: tuple[tuple[str, str], ...] = ()
    options: tuple[tuple[str, str], ...] = ()


BOARDS: dict[str, BoardSpec] = {
    "serpapi": BoardSpec("domain.jobs.serpapi_source:SerpApiJobSource", keys=(("api_key", "serpapi_api_key"),)),
    "adzuna": BoardSpec("domain.jobs.boards.adzuna:AdzunaSource",
                        keys=(("app_id", "adzuna_app_id"), ("app_key", "adzuna_app_key")),
                        options=(("default_country", "adzuna_country"),)),
    "arbeitnow": BoardSpec("domain.jobs.boards.arbeitnow:ArbeitnowSource"),
    "remotive": BoardSpec("domain.jobs.boards.remotive:RemotiveSource"),
    "jobicy": BoardSpec("domain.jobs.boards.jobicy:JobicySource"),
    "remoteok": BoardSpec("domain.jobs.boards.remoteok:RemoteOkSource"),
    "bundesagentur": BoardSpec("domain.jobs.boards.bundesagentur:BundesagenturSource"),
}
SOURCE_NAMES = (*BOARDS, "offline")
assert set(SOURCE_NAMES) == set(JOB_SOURCE_NAMES), "config.settings.JOB_SOURCE_NAMES lists the same boards"


def job_boards_from(settings: Settings) -> list[JobBoard]:
    """The boards ``JOB_SOURCES`` selects (default: every board whose keys are set, and the keyless
    ones), built with their base URL, shared rate limit and cache. ``offline`` is not a board: the
    sample is the fallback (``sample_source``). Raises ``ValueError`` for an unknown name."""
    names = settings.job_source_list
    unknown = [name for name in names if name not in SOURCE_NAMES]
    if unknown:
        raise ValueError(f"JOB_SOURCES names unknown sources {unknown}; known: {', '.join(SOURCE_NAMES)}")
    explicit = bool(names)
    boards = []
    for name in names or BOARDS:
        if name == "offline":
            continue
        spec = BOARDS[name]
        keys = {arg: _secret(getattr(settings, attr)) for arg, attr in spec.keys}
        if not all(keys.values()):
            if explicit:
                logger.warning("JOB_SOURCES names %s but its keys (%s) are not set; skipping it", name,
                               ", ".join(attr.upper() for _, attr in spec.keys))
            continue
        boards.append(_build(name, spec, keys, settings))
    return boards


def sample_source() -> OfflineJobSource:
    """The bundled sample: used alone for ``JOB_SOURCES=offline``, and when no board answers."""
    return OfflineJobSource()


def _build(name: str, spec: BoardSpec, keys: dict, settings: Settings) -> JobBoard:
    module_name, _, class_name = spec.source.partition(":")
    module = import_module(module_name)
    options = {arg: getattr(settings, attr) for arg, attr in spec.options}
    base_url = getattr(settings, f"{name}_base_url") or getattr(module, "DEFAULT_BASE_URL", None)
    prefix = f"{settings.celery_key_prefix}job-agent:"
    if name == "serpapi":
        # Celery's rate_limit is per worker; SerpApi's quota is per account, so the limit lives in Redis.
        limiter = RedisRateLimiter(broker_redis(settings), f"{prefix}serpapi", settings.serpapi_searches_per_minute,
                                   60, max_wait=RATE_LIMIT_WAIT_SECONDS)
        return SerpApiJobSource(keys["api_key"], base_url=base_url, timeout=settings.job_source_timeout_seconds,
                                rate_limiter=limiter)
    calls, period = getattr(module, "RATE_LIMIT", (60, 60))
    limiter = RedisRateLimiter(broker_redis(settings), f"{prefix}board:{name}", calls, period,
                               max_wait=RATE_LIMIT_WAIT_SECONDS)
    cache_seconds = getattr(module, "CACHE_SECONDS", 0)
    cache = RedisJsonCache(broker_redis(settings), f"{prefix}board-cache:") if cache_seconds else None
    source_class = getattr(module, class_name)
    http = BoardHttp(source_class.label, base_url, timeout=settings.job_source_timeout_seconds,
                     rate_limiter=limiter, cache=cache, cache_ttl=cache_seconds)
    return source_class(http, **keys, **options)


def _secret(value) -> str | None:
    if value is None:
        return None
    return value.get_secret_value() if hasattr(value, "get_secret_value") else (str(value) or None)


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
