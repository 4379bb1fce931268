"""Database models: chat users and origins, the four pipeline records, the outbox, inbound events."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

PENDING, PROCESSING, COMPLETED, FAILED = "pending", "processing", "completed", "failed"
FINISHED = (COMPLETED, FAILED)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    type_annotation_map = {datetime: DateTime(timezone=True), dict[str, Any]: JSON, list[Any]: JSON}


class ChatUser(Base):
    __tablename__ = "chat_users"
    __table_args__ = (UniqueConstraint("platform", "workspace_id", "external_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    workspace_id: Mapped[str] = mapped_column(String(64), default="")
    external_user_id: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # What the bot speaks to them: ``language`` chosen with /language wins over the app's ``locale``
    # (as the platform last told it); see i18n.user_language.
    language: Mapped[str | None] = mapped_column(String(8))
    locale: Mapped[str | None] = mapped_column(String(16))
    # Refinements that last (domain.jobs.preferences.Preferences.to_dict); None: none set.
    preferences: Mapped[dict[str, Any] | None]


class JobFeedback(Base):
    """A "Not for me" with its reason: lowers that kind of job in the person's later rankings."""

    __tablename__ = "job_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_user_id: Mapped[int] = mapped_column(ForeignKey("chat_users.id", ondelete="CASCADE"), index=True)
    job_id: Mapped[str] = mapped_column(String(512))
    reason: Mapped[str] = mapped_column(String(32))  # domain.ranking.feedback reasons
    title: Mapped[str] = mapped_column(String(300), default="")
    company: Mapped[str] = mapped_column(String(300), default="")
    location: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ChatOrigin(Base):
    """Where a request came from, so every result and failure goes back to the same place."""

    __tablename__ = "chat_origins"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_user_id: Mapped[int] = mapped_column(ForeignKey("chat_users.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    workspace_id: Mapped[str] = mapped_column(String(64), default="")
    chat_id: Mapped[str] = mapped_column(String(64))
    thread_id: Mapped[str | None] = mapped_column(String(64))
    reply_to_message_id: Mapped[str | None] = mapped_column(String(64))
    status_message_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RecordMixin:
    """Status bookkeeping shared by every pipeline record (the guide's fields plus ownership)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    status: Mapped[str] = mapped_column(String(16), default=PENDING, index=True)
    progress_percent: Mapped[int] = mapped_column(Integer, default=0)
    celery_task_id: Mapped[str | None] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    dispatched_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]
    error_message: Mapped[str | None] = mapped_column(Text)
    error_code: Mapped[str | None] = mapped_column(String(32))
    # ``error_message`` as msgid and parameters (i18n.Phrase.to_dict), for the chat to say it in the reader's language.
    error_phrase: Mapped[dict[str, Any] | None]
    api_key_id: Mapped[str | None] = mapped_column(String(64), index=True)
    webhook_url: Mapped[str | None] = mapped_column(String(500))

    @declared_attr
    def chat_user_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("chat_users.id", ondelete="CASCADE"), index=True)

    @declared_attr
    def origin_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("chat_origins.id", ondelete="SET NULL"))

    @declared_attr
    def origin(cls) -> Mapped[ChatOrigin | None]:
        return relationship(ChatOrigin, lazy="joined")


class UserProfile(RecordMixin, Base):
    __tablename__ = "user_profiles"
    record_type = "profile"

    source_files: Mapped[list[Any]] = mapped_column(default=list)  # generated names under uploads/
    original_filename: Mapped[str | None] = mapped_column(String(255))  # shown to the user, never a path
    profile: Mapped[dict[str, Any] | None]
    profile_text: Mapped[str | None] = mapped_column(Text)


class JobSearch(RecordMixin, Base):
    __tablename__ = "job_searches"
    record_type = "job_search"

    query: Mapped[str] = mapped_column(String(300))
    location: Mapped[str | None] = mapped_column(String(200))
    num_results: Mapped[int] = mapped_column(Integer, default=30)
    # Chat searches are ranked in the same task run, against this profile (None: by the query alone).
    profile_id: Mapped[str | None] = mapped_column(ForeignKey("user_profiles.id", ondelete="SET NULL"))
    rank_after_search: Mapped[bool] = mapped_column(default=False)
    job_count: Mapped[int] = mapped_column(Integer, default=0)
    matches: Mapped[list[Any] | None]  # as MatchRun.matches, for ranked (chat) searches
    # Postings older than this many days are left out (None: any age).
    max_age_days: Mapped[int | None] = mapped_column(Integer)
    boards: Mapped[list[Any] | None]  # [{"name", "label", "count", "error", ...}]: how each job board did
    notes: Mapped[list[Any] | None]  # sentences shown with the results: boards missing, sample, places
    note_phrases: Mapped[list[Any] | None]  # the same notes as msgids and parameters (i18n.Phrase.to_dict)
    # The person's refinements and "Not for me" history when they searched, applied by the ranking
    # ({"preferences": Preferences.to_dict(), "feedback": [...]}); None for REST searches.
    preferences: Mapped[dict[str, Any] | None]
    # How many of ``matches`` the chat has shown ("More" shows the next page; /apply N picks among them).
    shown: Mapped[int | None] = mapped_column(Integer)

    @property
    def from_sample(self) -> bool:
        """True when no job board answered (or none is configured): the jobs are the bundled sample's.
        Searches stored before boards were recorded (``boards`` None) are not marked."""
        return self.boards is not None and not any(board.get("error") is None and not board.get("skipped")
                                                   for board in self.boards)


class JobPostingRecord(Base):
    __tablename__ = "job_postings"
    __table_args__ = (Index("ix_job_postings_search_position", "job_search_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_search_id: Mapped[str] = mapped_column(ForeignKey("job_searches.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    job_id: Mapped[str] = mapped_column(String(512), index=True)
    data: Mapped[dict[str, Any]]


class MatchRun(RecordMixin, Base):
    __tablename__ = "match_runs"
    record_type = "match"

    profile_id: Mapped[str | None] = mapped_column(ForeignKey("user_profiles.id", ondelete="SET NULL"))
    job_search_id: Mapped[str] = mapped_column(ForeignKey("job_searches.id", ondelete="CASCADE"))
    matches: Mapped[list[Any] | None]  # [{"job_id", "score", "matched_skills", "missing_skills", "reason"}]


class Application(RecordMixin, Base):
    __tablename__ = "applications"
    record_type = "application"

    profile_id: Mapped[str | None] = mapped_column(ForeignKey("user_profiles.id", ondelete="SET NULL"))
    job_id: Mapped[str] = mapped_column(String(512))
    job: Mapped[dict[str, Any]]
    cover_letter: Mapped[str | None] = mapped_column(Text)
    cv_summary: Mapped[str | None] = mapped_column(Text)
    # Generated names under documents/: the letter as PDF and DOCX, the tailored CV as PDF and DOCX.
    document_file: Mapped[str | None] = mapped_column(String(255))
    docx_file: Mapped[str | None] = mapped_column(String(255))
    tailored_cv_file: Mapped[str | None] = mapped_column(String(255))
    tailored_cv_docx_file: Mapped[str | None] = mapped_column(String(255))
    # Asked for ("/apply 2 de", REST "language"; None: the posting's), then the letter's own once written.
    language: Mapped[str | None] = mapped_column(String(8))

    FILE_FIELDS = ("document_file", "docx_file", "tailored_cv_file", "tailored_cv_docx_file")

    @classmethod
    def file_columns(cls) -> list:
        """The four file-name columns, for queries that need only the names (``select(*file_columns())``)."""
        return [getattr(cls, field) for field in cls.FILE_FIELDS]

    def file_names(self) -> list[str]:
        """The generated names of this application's stored files, in ``FILE_FIELDS`` order."""
        return [name for name in (getattr(self, field) for field in self.FILE_FIELDS) if name]


RECORD_MODELS = {model.record_type: model for model in (UserProfile, JobSearch, MatchRun, Application)}


class Notification(Base):
    """Outbox: one row per record, outcome and target, written with the outcome in one transaction."""

    __tablename__ = "notifications"
    __table_args__ = (UniqueConstraint("record_type", "record_id", "event", "target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    event: Mapped[str] = mapped_column(String(16))  # completed | failed
    target: Mapped[str] = mapped_column(String(16))  # bot | webhook
    target_url: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    # The bot's side of exactly-once: claimed while sending, sent once delivered to the chat.
    chat_state: Mapped[str] = mapped_column(String(16), default="pending")
    chat_claimed_at: Mapped[datetime | None]
    chat_sent_at: Mapped[datetime | None]
    chat_parts_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class InboundEvent(Base):
    """Chat events seen, for deduplication and replay after a crash."""

    __tablename__ = "inbound_events"
    __table_args__ = (UniqueConstraint("platform", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str] = mapped_column(String(128))
    payload: Mapped[dict[str, Any]]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
