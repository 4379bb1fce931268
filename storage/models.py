"""Database models: chat users and origins, the pipeline records, alerts, the tracker, the outbox, inbound events,
the web chat's outgoing messages and files."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
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
    # Where their day is (IANA name, "Europe/Berlin") and when not to disturb them ("22:00-07:00",
    # local): alerts are sent at their local time and held through quiet hours. None: the defaults.
    timezone: Mapped[str | None] = mapped_column(String(64))
    quiet_hours: Mapped[str | None] = mapped_column(String(11))
    # Days an application may sit in "applied" before the tracker reminds them (None: FOLLOW_UP_DAYS).
    follow_up_days: Mapped[int | None] = mapped_column(Integer)


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
    # Exactly one run works on a record (tasks.runtime): the claim that moved it to "processing"
    # (a fresh token per claim, so two copies of one task id are still told apart), that run's
    # last sign of life (refreshed while it works; a run silent for STUCK_PROCESSING_SECONDS
    # is gone and may be replaced, see tasks.heartbeat), when a "pending" record waiting out a
    # transient error is due (None: as soon as dispatched) and the transient retries it has taken
    # (they do not count as crashes against MAX_TASK_ATTEMPTS).
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    heartbeat_at: Mapped[datetime | None]
    retry_at: Mapped[datetime | None]
    retries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
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
    # A digest: the new postings of one alert run, for the alert's owner (None: an ordinary search).
    alert_id: Mapped[str | None] = mapped_column(ForeignKey("alerts.id", ondelete="SET NULL"), index=True)
    alert_run_id: Mapped[str | None] = mapped_column(ForeignKey("alert_runs.id", ondelete="SET NULL"), index=True)

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


class Alert(Base):
    """A saved search whose new postings are pushed to its owner (a chat user or an API key)."""

    __tablename__ = "alerts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    chat_user_id: Mapped[int | None] = mapped_column(ForeignKey("chat_users.id", ondelete="CASCADE"), index=True)
    api_key_id: Mapped[str | None] = mapped_column(String(64), index=True)
    # Where digests go: the chat and thread the alert was made in; a REST alert's webhook.
    origin_id: Mapped[int | None] = mapped_column(ForeignKey("chat_origins.id", ondelete="SET NULL"))
    webhook_url: Mapped[str | None] = mapped_column(String(500))
    query: Mapped[str] = mapped_column(String(300))
    location: Mapped[str | None] = mapped_column(String(200))
    frequency: Mapped[str] = mapped_column(String(8), default="daily")  # daily | weekly
    send_at: Mapped[str] = mapped_column(String(5), default="08:00")  # local "HH:MM"
    weekday: Mapped[int | None] = mapped_column(Integer)  # weekly: 0 Monday … 6 Sunday
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")  # IANA name
    quiet_hours: Mapped[str | None] = mapped_column(String(11))  # local "22:00-07:00"; None: none
    # The owner's refinements when the alert was saved (JobSearch.preferences' shape); each run ranks
    # with the person's refinements as they are then (pipeline.alert_digests).
    preferences: Mapped[dict[str, Any] | None]
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | paused
    paused_reason: Mapped[str | None] = mapped_column(String(16))  # user | blocked | removed
    next_run_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    last_run_at: Mapped[datetime | None]
    runs: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    origin: Mapped[ChatOrigin | None] = relationship(ChatOrigin, lazy="joined")


class AlertSeen(Base):
    """An alert's memory of postings already sent: one row per identity key (domain.jobs.dedup)."""

    __tablename__ = "alert_seen"
    __table_args__ = (UniqueConstraint("alert_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[str] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))  # sha1 hex of one identity key
    job_id: Mapped[str] = mapped_column(String(512), default="")
    salary: Mapped[str | None] = mapped_column(String(200))  # the pay as last sent, to mark a repost's change
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class AlertRun(RecordMixin, Base):
    """One search shared by every alert due with the same query and place; its work writes their digests."""

    __tablename__ = "alert_runs"
    record_type = "alert_run"

    query: Mapped[str] = mapped_column(String(300))
    location: Mapped[str | None] = mapped_column(String(200))
    alert_ids: Mapped[list[Any]] = mapped_column(default=list)
    # The shared search's postings (JobPosting.to_dict shapes, best first) and how each board did:
    # searched once, then each alert's digest keeps the ones its owner has not seen.
    jobs: Mapped[list[Any] | None]
    boards: Mapped[list[Any] | None]
    job_count: Mapped[int] = mapped_column(Integer, default=0)
    digest_count: Mapped[int] = mapped_column(Integer, default=0)


class TrackedApplication(Base):
    """One job the person is applying for, and where that application stands."""

    __tablename__ = "tracked_applications"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    chat_user_id: Mapped[int | None] = mapped_column(ForeignKey("chat_users.id", ondelete="CASCADE"), index=True)
    api_key_id: Mapped[str | None] = mapped_column(String(64), index=True)
    # The letter request that started it (None: added by hand or the letter is gone).
    application_id: Mapped[str | None] = mapped_column(ForeignKey("applications.id", ondelete="SET NULL"))
    # Where reminders go: the chat of the letter request.
    origin_id: Mapped[int | None] = mapped_column(ForeignKey("chat_origins.id", ondelete="SET NULL"))
    job_id: Mapped[str] = mapped_column(String(512))
    title: Mapped[str] = mapped_column(String(300), default="")
    company: Mapped[str] = mapped_column(String(300), default="")
    location: Mapped[str] = mapped_column(String(300), default="")
    apply_link: Mapped[str] = mapped_column(String(1000), default="")
    stage: Mapped[str] = mapped_column(String(16), default="saved", index=True)
    stage_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    applied_at: Mapped[datetime | None]
    interview_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    notes: Mapped[list[Any]] = mapped_column(default=list)  # [{"at": ISO time, "text": str}]
    follow_up_days: Mapped[int | None] = mapped_column(Integer)  # None: the owner's or FOLLOW_UP_DAYS
    reminded_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    origin: Mapped[ChatOrigin | None] = relationship(ChatOrigin, lazy="joined")


RECORD_MODELS = {model.record_type: model for model in (UserProfile, JobSearch, MatchRun, Application, AlertRun)}


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


class WebChatMessage(Base):
    """One event of a web chat session's stream (bot.web): kept so a closed tab, or a restarted server, replays it.

    ``id`` is the event's ``seq``: increasing within every session (not dense: sessions share it), so
    ``Last-Event-ID`` resumes with one indexed query. An "edit" names the ``message_id`` it replaces; only the
    latest edit of a message is kept (storage.web_chat.append). A "mine" is the person's own message (a text, or
    "📎 filename" for a CV), kept so a replay shows both sides; ``client_id`` is the id the page gave it.
    """

    __tablename__ = "web_chat_messages"
    # AUTOINCREMENT on SQLite: a rowid is otherwise reused once the newest rows are deleted (/forget), and a reader
    # resuming after its Last-Event-ID would never see the new rows with the old numbers.
    __table_args__ = (Index("ix_web_chat_messages_session_id_id", "session_id", "id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(String(64))  # bot.web.session: the chat id and user id
    kind: Mapped[str] = mapped_column(String(16))  # message | edit | documents | mine
    message_id: Mapped[str] = mapped_column(String(32))  # the seq of the message it is or edits
    html: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    files: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{"url", "filename", "mime_type", "size"}]
    # A "mine" message's id from the page that drew it at once (≤ 40 of [A-Za-z0-9_-]); "" for the bot's.
    client_id: Mapped[str] = mapped_column(String(40), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class WebChatFile(Base):
    """A document sent into a web chat (a letter, a tailored CV, a tracker export), served only to its session."""

    __tablename__ = "web_chat_files"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # secrets.token_urlsafe: the URL's name
    session_id: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
