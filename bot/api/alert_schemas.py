"""Request and response bodies of /api/v1/alerts (the public contract, shown in OpenAPI at /docs)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, StrictInt, field_validator

from bot.api.schemas import Request, UtcDateTime
from delivery.webhook_safety import MAX_URL_CHARS
from domain.alerts.schedule import parse_clock, parse_quiet_hours, valid_zone
from domain.jobs.query import MAX_LOCATION_CHARS, MAX_QUERY_CHARS

Frequency = Literal["daily", "weekly"]
AlertState = Literal["active", "paused"]


def _plain(text: str) -> str:
    """Refuse what no person types and PostgreSQL cannot store: a lone UTF-16 surrogate (JSON
    "\\ud800" decodes to one) or NUL — a 422 here instead of a 500 at the database."""
    if "\x00" in text or any("\ud800" <= char <= "\udfff" for char in text):
        raise ValueError("contains characters that are not text (a lone surrogate or NUL)")
    return text


PlainText = Annotated[str, AfterValidator(_plain)]
SEND_AT = Field(None, max_length=16, examples=["07:30"],
                description='local time of day to send the digest ("HH:MM", 24-hour); default ALERTS_DEFAULT_TIME')
WEEKDAY = Field(None, ge=0, le=6, description="weekly alerts: 0 Monday … 6 Sunday (default Monday)")
TIMEZONE = Field(None, max_length=64, examples=["Europe/Berlin"],
                 description="IANA time zone the send time and quiet hours are read in; default ALERTS_DEFAULT_TIMEZONE")
QUIET_HOURS = Field(None, max_length=32, examples=["22:00-07:00"],
                    description='local hours in which no digest is sent ("HH:MM-HH:MM"), or "off"')


class _Timing(Request):
    """The fields a create and a change share, checked the same way (each a 422 naming its field)."""

    @field_validator("send_at", check_fields=False)
    @classmethod
    def _clock(cls, value: str | None) -> str | None:
        return None if value is None else _checked(parse_clock, value, "send_at must be a time of day like 07:30")

    @field_validator("timezone", check_fields=False)
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        return None if value is None else _checked(valid_zone, value,
                                                   "timezone must be an IANA time zone like Europe/Berlin")

    @field_validator("quiet_hours", check_fields=False)
    @classmethod
    def _quiet(cls, value: str | None) -> str | None:
        # "off" becomes "" (no quiet hours), told apart from None (leave as it is / the default).
        return None if value is None else (_checked(parse_quiet_hours, value,
                                                    'quiet_hours must look like 22:00-07:00, or be "off"') or "")


def _checked(parse, value: str, message: str):
    try:
        return parse(value)
    except ValueError:
        raise ValueError(message) from None


class AlertCreate(_Timing):
    query: PlainText = Field(min_length=1, max_length=MAX_QUERY_CHARS, examples=["data engineer"])
    location: PlainText | None = Field(None, max_length=MAX_LOCATION_CHARS, examples=["Hamburg"])
    frequency: Frequency = "daily"
    send_at: PlainText | None = SEND_AT
    weekday: StrictInt | None = WEEKDAY
    timezone: PlainText | None = TIMEZONE
    quiet_hours: PlainText | None = QUIET_HOURS
    webhook_url: PlainText | None = Field(
        None, max_length=MAX_URL_CHARS,
        description="https URL that receives a signed event for every digest (result_url: its jobs)")


class AlertChange(_Timing):
    """Only the fields sent change; ``status`` pauses or resumes the alert."""

    status: AlertState | None = None
    frequency: Frequency | None = None
    send_at: PlainText | None = SEND_AT
    weekday: StrictInt | None = WEEKDAY
    timezone: PlainText | None = TIMEZONE
    quiet_hours: PlainText | None = QUIET_HOURS


class Alert(BaseModel):
    alert_id: str
    status: AlertState
    paused_reason: Literal["user", "blocked", "removed"] | None = Field(
        description="why a paused alert is paused: by the caller, or its recipient could not be reached")
    query: str
    location: str | None
    frequency: Frequency
    send_at: str = Field(description='local "HH:MM"')
    weekday: int | None
    timezone: str
    quiet_hours: str | None
    webhook_url: str | None
    next_run_at: UtcDateTime = Field(description="UTC")
    last_run_at: UtcDateTime | None
    created_at: UtcDateTime
    digests_url: str


class AlertList(BaseModel):
    alerts: list[Alert] = Field(description="oldest first")


class Digest(BaseModel):
    """One run's new jobs for the alert: a completed job search, read at ``result_url``."""

    job_search_id: str
    created_at: UtcDateTime
    completed_at: UtcDateTime | None
    job_count: int = Field(description="new postings in it")
    result_url: str


class DigestList(BaseModel):
    alert_id: str
    digests: list[Digest] = Field(description="newest first")
