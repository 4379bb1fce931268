"""Request and response bodies of the REST API; field names are the public contract (README, OpenAPI at /docs)."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, create_model, field_validator

from delivery.webhook_safety import MAX_URL_CHARS
from domain.jobs.query import MAX_LOCATION_CHARS, MAX_QUERY_CHARS, MAX_RESULTS, MIN_RESULTS
from domain.letters.language import LETTER_LANGUAGES
from services.letter_language import UnknownLanguage, letter_language

Status = Literal["pending", "processing", "completed", "failed"]
LetterLanguage = Literal[LETTER_LANGUAGES]  # the OpenAPI schema lists the seven codes


def _as_utc(moment: datetime) -> datetime:
    # SQLite hands stored UTC times back without their zone; PostgreSQL with it.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# A stored time as the API writes it: always with its zone ("…Z"), whichever database it came from.
UtcDateTime = Annotated[datetime, AfterValidator(_as_utc)]
RECORD_ID = Field(min_length=1, max_length=36, description="an id returned by this API")
WEBHOOK_URL = Field(
    None, max_length=MAX_URL_CHARS,
    description="https URL to receive a signed event when the request completes or fails",
)


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DiscoveryRequest(Request):
    query: str = Field(min_length=1, max_length=MAX_QUERY_CHARS, examples=["python developer"])
    location: str | None = Field(None, max_length=MAX_LOCATION_CHARS, examples=["Berlin"])
    num_results: StrictInt = Field(30, ge=MIN_RESULTS, le=MAX_RESULTS)
    max_age_days: StrictInt | None = Field(None, ge=1, le=365, description="leave out postings older than this",
                                     examples=[14])
    webhook_url: str | None = WEBHOOK_URL


class MatchingRequest(Request):
    profile_id: str = RECORD_ID
    job_search_id: str = RECORD_ID
    webhook_url: str | None = WEBHOOK_URL


class JobsRequest(Request):
    profile_id: str = RECORD_ID
    job_id: str = Field(min_length=1, max_length=512, description="a job_id from one of your job searches")
    language: LetterLanguage | None = Field(
        None, examples=["de"],
        description="the language to write the letter and the tailored CV in; leave it out for the posting's "
                    "language (detected). Codes in any case or with a region (\"DE\", \"pt-BR\") are accepted.")
    webhook_url: str | None = WEBHOOK_URL

    @field_validator("language", mode="before")
    @classmethod
    def _known_language(cls, value):
        """"DE", "pt-BR", "German" → the code; anything else a 422 that lists the seven codes."""
        if value is None or not isinstance(value, str):
            return value  # None: the posting's; other types: pydantic's own message
        try:
            return letter_language(value)
        except UnknownLanguage:
            raise ValueError(f"language must be one of {', '.join(LETTER_LANGUAGES)} "
                             "(or left out for the posting's language)") from None


class Accepted(BaseModel):
    status: Status
    status_url: str
    result_url: str


class RecordStatus(BaseModel):
    """Where a request stands (the body of `.../status`, of a `202` while not ready, of a failure)."""

    status: Status
    progress: int = Field(ge=0, le=100)
    created_at: datetime
    started_at: datetime | None
    completed_at: datetime | None
    failed_at: datetime | None
    error: str | None
    error_code: str | None
    status_url: str
    result_url: str


def _with_id(base: type[BaseModel], name: str, id_field: str) -> type[BaseModel]:
    return create_model(name, __base__=base, **{id_field: (str, ...)})


ProfileAccepted = _with_id(Accepted, "ProfileAccepted", "profile_id")
SearchAccepted = _with_id(Accepted, "SearchAccepted", "job_search_id")
MatchAccepted = _with_id(Accepted, "MatchAccepted", "match_id")
ApplicationAccepted = _with_id(Accepted, "ApplicationAccepted", "application_id")
ProfileStatus = _with_id(RecordStatus, "ProfileStatus", "profile_id")
SearchStatus = _with_id(RecordStatus, "SearchStatus", "job_search_id")
MatchStatus = _with_id(RecordStatus, "MatchStatus", "match_id")
ApplicationStatus = _with_id(RecordStatus, "ApplicationStatus", "application_id")


class Profile(BaseModel):
    name: str | None
    email: str | None
    phone: str | None
    location: str | None
    title: str | None
    years_experience: float | None
    skills: list[str]
    languages: list[str]
    summary: str


class ProfileResult(BaseModel):
    profile_id: str
    status: Literal["completed"]
    profile: Profile
    profile_text: str
    completed_at: datetime


class Job(BaseModel):
    model_config = ConfigDict(extra="allow")

    job_id: str
    title: str
    company_name: str
    location: str
    via: str
    description: str
    apply_link: str
    highlights: list[dict[str, Any]] = []
    posted_at: str | None = None
    schedule_type: str | None = None
    salary: str | None = None
    work_from_home: bool = False
    apply_options: list[dict[str, Any]] = []
    source: str = Field("", description="the JOB_SOURCES name that found it")
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = Field(None, description="ISO 4217")
    salary_period: Literal["year", "month", "week", "day", "hour"] | None = None
    posted_date: str | None = Field(None, description="ISO 8601 date")
    city: str | None = None
    region: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    latitude: float | None = None
    longitude: float | None = None
    remote_countries: list[str] = []


class BoardOutcome(BaseModel):
    name: str = Field(description="the JOB_SOURCES name")
    label: str
    count: int = Field(description="postings it returned")
    error: str | None = Field(None, description="why it is missing from the results")
    transient: bool = False
    seconds: float = 0.0
    skipped: str | None = Field(None, description="why it was not asked: the place is outside its area")


class SearchResult(BaseModel):
    job_search_id: str
    status: Literal["completed"]
    query: str
    location: str | None
    num_results: int
    max_age_days: int | None = None
    jobs: list[Job]
    boards: list[BoardOutcome] = Field([], description="how each job board did, in JOB_SOURCES order")
    notes: list[str] = Field([], description="what a person should know about these results")
    sample: bool = Field(False, description="true when the jobs are bundled sample postings, not real vacancies")
    completed_at: datetime


class Match(BaseModel):
    job: Job
    score: int = Field(ge=0, le=100)
    matched_skills: list[str]
    missing_skills: list[str]
    reason: str
    components: dict[str, float] = {}
    explanation: dict[str, Any] | None = Field(
        None, description="What the score, the skill lists and the reason are computed from (version 1: mode, "
                          "skills with counts, title, seniority, place verdicts and score adjustments), for clients "
                          "that show the reason their own way; absent on matches ranked before it existed.")


class MatchResult(BaseModel):
    match_id: str
    status: Literal["completed"]
    profile_id: str | None
    job_search_id: str
    matches: list[Match] = Field(description="best first")
    completed_at: datetime


class ApplicationResult(BaseModel):
    application_id: str
    status: Literal["completed"]
    profile_id: str | None
    job_id: str
    job: Job
    cover_letter: str
    cv_summary: str
    language: LetterLanguage | None = Field(description="the language the letter and the tailored CV are written in")
    document_url: str | None = Field(description="the letter as PDF")
    docx_url: str | None = Field(description="the letter as DOCX (Word), to edit before sending")
    tailored_cv_url: str | None = Field(description="a one-page CV tailored to the job, as PDF")
    tailored_cv_docx_url: str | None = Field(description="the tailored CV as DOCX (Word)")
    completed_at: datetime


class ErrorDetail(BaseModel):
    detail: str


class FieldError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrors(BaseModel):
    """FastAPI's own 422 shape, used for every request the API refuses as invalid."""

    detail: list[FieldError]
