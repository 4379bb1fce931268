"""Request and response bodies of /api/v1/tracker (the public contract, shown in OpenAPI at /docs)."""
from __future__ import annotations

from typing import Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    model_validator,
)

from bot.api.schemas import UtcDateTime
from domain.tracker.stages import STAGES
from services.tracker_input import (
    MAX_FOLLOW_UP_DAYS,
    MAX_NOTE_CHARS,
    MIN_FOLLOW_UP_DAYS,
)

Stage = Literal[STAGES]  # the OpenAPI schema lists the six stages
FOLLOW_UP_DAYS = Field(None, ge=MIN_FOLLOW_UP_DAYS, le=MAX_FOLLOW_UP_DAYS,
                       description="days in 'applied' before a reminder (null: the default)")


class TrackerRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TrackedCreate(TrackerRequest):
    """A job from one of your completed searches (``job_id``), or one typed in by hand (``title`` at least)."""

    job_id: str | None = Field(None, min_length=1, max_length=512, description="a job_id from one of your searches")
    title: str | None = Field(None, max_length=300, examples=["Data engineer"])
    company: str | None = Field(None, max_length=300, examples=["Muster GmbH"])
    location: str | None = Field(None, max_length=300, examples=["Hamburg"])
    apply_link: str | None = Field(None, max_length=1000, examples=["https://example.com/jobs/42"])

    @model_validator(mode="after")
    def _one_way(self):
        typed = any(value is not None for value in (self.title, self.company, self.location, self.apply_link))
        if self.job_id is not None and typed:
            raise ValueError("give either job_id or title/company/location/apply_link, not both")
        if self.job_id is None and not (self.title or "").strip():
            raise ValueError("give job_id (a job from one of your searches) or at least a title")
        return self


class TrackedUpdate(TrackerRequest):
    """Any of: a stage to move to, a note to add, the interview's date and time, the follow-up delay."""

    stage: Stage | None = Field(None, description="where the application stands now")
    note: str | None = Field(None, min_length=1, max_length=MAX_NOTE_CHARS, description="a note to add")
    interview_at: AwareDatetime | None = Field(
        None, examples=["2026-12-04T14:00:00+01:00"],
        description="ISO 8601 with a UTC offset; a saved or applied entry moves to 'interview'")
    follow_up_days: StrictInt | None = FOLLOW_UP_DAYS


class Note(BaseModel):
    at: UtcDateTime
    text: str


class Tracked(BaseModel):
    id: str
    stage: Stage
    next_stages: list[Stage] = Field(description="the stages it can move to from here")
    job_id: str
    title: str
    company: str
    location: str
    apply_link: str
    application_id: str | None = Field(description="the letter request that put it on the tracker")
    notes: list[Note]
    interview_at: UtcDateTime | None
    applied_at: UtcDateTime | None
    closed_at: UtcDateTime | None
    stage_changed_at: UtcDateTime
    follow_up_days: int | None
    created_at: UtcDateTime
    updated_at: UtcDateTime


class TrackerBoard(BaseModel):
    entries: list[Tracked] = Field(description="by stage (saved … withdrawn), oldest first within a stage")
