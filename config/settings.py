"""All configuration, read from the environment (and an optional .env file) in one place."""
from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path

from urllib.parse import urlparse

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


# The JOB_SOURCES names (pipeline.wiring builds each) and the settings a board cannot run without.
JOB_SOURCE_NAMES = ("serpapi", "adzuna", "arbeitnow", "remotive", "jobicy", "remoteok", "bundesagentur", "offline")
JOB_SOURCE_KEYS = {"serpapi": ("SERPAPI_API_KEY",), "adzuna": ("ADZUNA_APP_ID", "ADZUNA_APP_KEY")}


class Settings(BaseSettings):
    """Every knob job-agent has; names are the documented environment variables (README, .env.example)."""

    # hide_input_in_errors: a settings error must not print every token and key next to it.
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", hide_input_in_errors=True)

    database_url: str | None = None
    celery_broker_url: str | None = None
    celery_result_backend: str | None = None
    job_agent_data_dir: Path = Path("./var")
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    public_base_url: str | None = None
    webhook_secret: SecretStr | None = None
    api_keys: str = ""
    # Hosts (``host`` or ``host:port``) a REST caller's webhook_url may reach over plain http,
    # private and loopback addresses included: internal receivers an operator vouches for.
    webhook_allow_http_hosts: str = ""
    # HMAC key for callers' REST webhooks; WEBHOOK_SECRET when unset. Set it so that API
    # clients never hold the key the bot's own /hooks/task-events trusts.
    api_webhook_secret: SecretStr | None = None

    telegram_bot_token: SecretStr | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org"
    telegram_mode: str = Field("auto", description="webhook, polling or auto (polling without PUBLIC_BASE_URL)")

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_api_base_url: str = "https://slack.com/api/"
    slack_app_token: SecretStr | None = None

    serpapi_api_key: SecretStr | None = None
    serpapi_base_url: str = "https://serpapi.com"
    serpapi_searches_per_minute: int = 30  # shared by every worker

    # Job boards (domain/jobs/boards): JOB_SOURCES picks them by name; empty means every board
    # usable with the configured keys plus the keyless ones. "offline" alone: the bundled sample.
    job_sources: str = ""
    # Seconds each board may take for a whole search (all its pages); a slower board is left out
    # of that search and named in the message.
    job_source_timeout_seconds: float = Field(12, gt=0, le=600)
    adzuna_app_id: str | None = None
    adzuna_app_key: SecretStr | None = None
    adzuna_country: str = "gb"  # Adzuna's country for searches that name no place it covers
    adzuna_base_url: str | None = None
    arbeitnow_base_url: str | None = None
    remotive_base_url: str | None = None
    jobicy_base_url: str | None = None
    remoteok_base_url: str | None = None
    bundesagentur_base_url: str | None = None

    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_model: str | None = None
    # Seconds one letter request may take before the template letter is sent instead
    # (a local 7B model on a CPU needs 20-60 s for 300 words).
    llm_timeout_seconds: float = Field(60, gt=0)

    max_upload_mb: float = 10
    max_pdf_pages: int = 20
    # Scanned pages read by OCR per file (about 2 s each on one core); a scanned CV has 1–3.
    max_scan_pages: int = 5
    # Records stuck this long are re-dispatched by the sweeper: pending ones whose task was lost, and
    # ones in "processing" whose worker has shown no sign of life for STUCK_PROCESSING_SECONDS (it beats
    # every sixth of it, at most every 5 s; tasks.heartbeat): that worker died.
    stuck_pending_seconds: int = 60
    stuck_processing_seconds: float = Field(30, ge=3)
    sweep_interval_seconds: float = 5
    # Redis redelivers a SIGKILLed worker's messages after this; keep it above the task time limit.
    broker_visibility_timeout: int = 900
    task_soft_time_limit: int = 240
    task_time_limit: int = 300
    max_task_attempts: int = 3
    embedded_worker_concurrency: int = 2
    # Prefix for every Redis key Celery writes, so deployments (and test runs) can share a Redis.
    celery_key_prefix: str = ""
    log_level: str = "INFO"
    # "json" (one object a line, for log shippers) or "text" (human-readable, key=value context).
    log_format: str = "text"
    # Uploaded CVs and generated documents are deleted this many days after the request (0: keep).
    retention_days: int = 30
    retention_check_seconds: int = 3600
    # Alerts: when a daily alert runs (local "HH:MM" in its owner's time zone), how often the beat
    # schedule looks for alerts that are due, the time zone when neither the person nor the alert's
    # place gives one, and the local hours in which no digest or reminder is sent ("" for none).
    alerts_default_time: str = "08:00"
    alerts_check_seconds: float = Field(60, gt=0)
    alerts_default_timezone: str = "UTC"
    alerts_quiet_hours: str = "22:00-07:00"
    # Days an application may sit in "applied" before the tracker suggests following up, and how
    # often the beat schedule looks for such applications.
    follow_up_days: int = Field(7, ge=1, le=90)  # services.tracker_input.MAX_FOLLOW_UP_DAYS
    follow_up_check_seconds: float = Field(3600, gt=0)

    # Limits that keep one person or one API key from crowding out the rest (issue 15):
    # chat messages and files one chat user may send a minute before being asked to slow down,
    # REST requests one API key may make a minute (429 with Retry-After beyond it), unfinished
    # requests (CVs, searches, letters) one owner may have at once, and the disk one user's
    # uploaded files may take.
    user_messages_per_minute: int = Field(30, ge=1)
    user_files_per_minute: int = Field(10, ge=1)
    api_requests_per_minute: int = Field(120, ge=1)
    max_open_requests_per_owner: int = Field(5, ge=1)
    upload_quota_mb: float = Field(50, gt=0)
    # GET /metrics: with a token, "Authorization: Bearer <token>" from anywhere; without one, loopback
    # clients only. GET /admin/stats: keys in ADMIN_API_KEYS see every key's counts, others their own.
    metrics_token: SecretStr | None = None
    admin_api_keys: str = ""

    # The web chat at GET /chat (bot/web). Unset: on for the embedded default (no CELERY_BROKER_URL), off
    # once a deployment names its own broker, so a public server opens it only on purpose. With an access
    # code, a browser must enter it before the page lets it talk.
    web_chat_enabled: bool | None = None
    web_chat_access_code: SecretStr | None = None
    # Event streams (GET /chat/events) open at once: per browser session (the next is a 429), and in all in
    # one serve process (the next is a 503 with Retry-After), each holding a connection and its memory.
    web_chat_streams_per_session: int = Field(4, ge=1)
    web_chat_streams_total: int = Field(500, ge=1)
    # Wrong access codes a minute in all, whatever address they claim (each address also has 10 of its own).
    web_chat_wrong_codes_per_minute: int = Field(60, ge=1)

    @field_validator("web_chat_enabled", mode="before")
    @classmethod
    def _unset_when_empty(cls, value: object) -> object:
        """``WEB_CHAT_ENABLED=`` (as .env.example leaves it) means unset, not a boolean that fails to parse."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("adzuna_base_url", "arbeitnow_base_url", "remotive_base_url", "jobicy_base_url",
                     "remoteok_base_url", "bundesagentur_base_url", "serpapi_base_url")
    @classmethod
    def _web_root(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        parsed = urlparse(value.strip())
        try:
            parsed.port  # noqa: B018 (raises for a port that is no number or out of range)
        except ValueError:
            parsed = None
        if parsed is None or parsed.scheme not in ("http", "https") or not parsed.hostname \
                or any(ch.isspace() for ch in value.strip()):
            raise ValueError(f"{value!r} is not an http(s) URL with a host, e.g. https://remotive.com")
        return value.strip()

    @model_validator(mode="after")
    def _job_sources_usable(self) -> "Settings":
        """Every name in JOB_SOURCES is known and has its keys: an operator's typo fails at start, in
        plain words, instead of every search failing later."""
        unknown = [name for name in self.job_source_list if name not in JOB_SOURCE_NAMES]
        if unknown:
            raise ValueError(f"JOB_SOURCES names unknown sources {', '.join(unknown)}; "
                             f"known: {', '.join(JOB_SOURCE_NAMES)}")
        missing = [f"{name} needs {' and '.join(keys)}" for name, keys in JOB_SOURCE_KEYS.items()
                   if name in self.job_source_list and not all(getattr(self, key.lower()) for key in keys)]
        if missing:
            raise ValueError("JOB_SOURCES names boards without their keys: " + "; ".join(missing))
        return self

    @field_validator("alerts_default_time")
    @classmethod
    def _clock(cls, value: str) -> str:
        from domain.alerts.schedule import parse_clock

        return parse_clock(value)  # "7:30" -> "07:30"; a ValueError names the setting

    @field_validator("alerts_default_timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        from domain.alerts.schedule import valid_zone

        return valid_zone(value)

    @field_validator("alerts_quiet_hours")
    @classmethod
    def _quiet(cls, value: str) -> str:
        from domain.alerts.schedule import parse_quiet_hours

        return parse_quiet_hours(value) or ""

    @field_validator("job_agent_data_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def uploads_dir(self) -> Path:
        return self.job_agent_data_dir / "uploads"

    @property
    def documents_dir(self) -> Path:
        return self.job_agent_data_dir / "documents"

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.job_agent_data_dir / 'job-agent.sqlite3'}"

    @property
    def embedded_broker(self) -> bool:
        return not self.celery_broker_url

    @property
    def web_chat_on(self) -> bool:
        """WEB_CHAT_ENABLED, or when unset, whether this is the embedded default."""
        return self.embedded_broker if self.web_chat_enabled is None else self.web_chat_enabled

    @property
    def embedded_redis_socket(self) -> Path:
        return self.job_agent_data_dir / "redis.sock"

    @property
    def broker_url(self) -> str:
        return self.celery_broker_url or f"redis+socket://{self.embedded_redis_socket}"

    @property
    def result_backend(self) -> str:
        if self.celery_result_backend:
            return self.celery_result_backend
        if self.celery_broker_url:
            return self.celery_broker_url
        return f"redis+socket://{self.embedded_redis_socket}"

    @property
    def resolved_public_base_url(self) -> str:
        return (self.public_base_url or f"http://{self.api_host}:{self.api_port}").rstrip("/")

    @property
    def job_source_list(self) -> list[str]:
        """JOB_SOURCES as lowercase names, in the order given (empty: the default set)."""
        return list(dict.fromkeys(name.strip().lower() for name in self.job_sources.split(",") if name.strip()))

    @property
    def api_key_list(self) -> list[str]:
        return [key.strip() for key in self.api_keys.split(",") if key.strip()]

    @property
    def admin_api_key_list(self) -> list[str]:
        return [key.strip() for key in self.admin_api_keys.split(",") if key.strip()]

    @property
    def upload_quota_bytes(self) -> int:
        return int(self.upload_quota_mb * 1024 * 1024)

    @property
    def webhook_http_allowlist(self) -> frozenset[str]:
        return frozenset(host.strip().lower() for host in self.webhook_allow_http_hosts.split(",") if host.strip())

    def resolved_api_webhook_secret(self) -> bytes:
        """The HMAC key for callers' webhooks; generated once and kept in the data folder (``api-webhook-secret``)
        when not configured. Never the completion-webhook key: a caller replaying an event it received to
        /hooks/task-events must fail the bot's signature check."""
        if self.api_webhook_secret:
            return self.api_webhook_secret.get_secret_value().encode()
        return _stored_secret(self.job_agent_data_dir / "api-webhook-secret").encode()

    def resolved_webhook_secret(self) -> bytes:
        """The HMAC key; generated once and kept in the data folder when not configured."""
        if self.webhook_secret:
            return self.webhook_secret.get_secret_value().encode()
        return _stored_secret(self.job_agent_data_dir / "webhook-secret").encode()

    def ensure_dirs(self) -> None:
        """Create the data folder and its uploads and documents, readable by this account alone: it holds
        people's CVs, their letters and the SQLite database, which the default umask would leave readable
        by every local account."""
        for folder in (self.job_agent_data_dir, self.uploads_dir, self.documents_dir):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            self.job_agent_data_dir.chmod(0o700)  # one created earlier (or by hand) is closed too
        except PermissionError:  # not ours (a mounted volume): its owner decides
            pass


def _stored_secret(path: Path) -> str:
    """The secret kept in ``path``, generated on first use. Several processes may start at once: the
    secret is written to a private temporary file (0600 from its creation) and linked into place, so the
    file is never readable by others and never seen empty; the first link wins, the others read it."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(secrets.token_urlsafe(32))
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(draft, path)
            except FileExistsError:
                pass
        finally:
            draft.unlink(missing_ok=True)
    return path.read_text(encoding="ascii").strip()


@lru_cache
def get_settings() -> Settings:
    return Settings()
