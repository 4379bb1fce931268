"""Use cases of the application tracker, for the chat and the REST API alike.

An owner is a chat user (``UserRef``) or an API key (its id, a ``str``). The chat names an entry
by its number (``numbers_of``: the order they were tracked, from 1) or by its id; the REST API by its id only.
Every change commits; ``track_letter`` does not (it joins the letter request's one commit).
"""
from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from config import Settings
from domain.alerts.schedule import after_quiet_hours
from domain.tracker.stages import (
    APPLIED,
    CLOSED,
    INTERVIEW,
    NOT_ALLOWED,
    SAVED,
    STAGE_WORDS,
    STAGES,
    UNKNOWN_STAGE,
    allowed_moves,
    move_refusal,
    stage_before_closing,
)
from i18n import N_, Phrase, Series
from services.errors import NotFound, Refused
from services.ports import UserRef
from services.records import find_posting
from services.tracker_input import (
    MAX_NOTE_CHARS,
    MIN_FOLLOW_UP_DAYS,
    TrackerInputError,
    aware_utc,
    checked_days,
    checked_link,
    checked_text,
)
from services.users import ensure_user, find_user
from storage.models import (
    Application,
    ChatUser,
    Notification,
    TrackedApplication,
    new_id,
    utcnow,
)
from storage.outbox import BOT
from storage.tracker import (
    DUE_BATCH,
    FOLLOW_UP,
    RECORD_TYPE,
    claim_reminder,
    entries_of,
    entry_for_job,
    follow_up_candidates,
    lock_job,
    owned_by,
    reminders_sent,
)

logger = logging.getLogger(__name__)
Owner = UserRef | str
MAX_NOTES = 100
MANUAL_JOB_PREFIX = "manual:"
KEEP = object()  # update_tracked: leave the follow-up delay as it is


def get_tracked(session: Session, tracked_id: str) -> TrackedApplication | None:
    """The entry by id, whoever owns it (for the notifier: None when deleted or forgotten meanwhile)."""
    return session.get(TrackedApplication, tracked_id) if _plausible_id(tracked_id) else None


def board_of(*, session: Session, owner: Owner) -> list[TrackedApplication]:
    """The owner's entries grouped by stage (saved, applied, interview, offer, rejected, withdrawn),
    oldest first in each (the chat numbers them by ``numbers_of``)."""
    clause = _owner_clause(session, owner)
    return entries_of(session, clause) if clause is not None else []


def numbers_of(entries: list[TrackedApplication]) -> dict[str, int]:
    """Each entry's number in the chat, by id: 1.. in the order they were tracked. A number stays with
    its application when it moves from stage to stage (numbers by board position changed with every
    move, so "/tracker 1 applied" after a move reached another application)."""
    ordered = sorted(entries, key=lambda entry: (entry.created_at, entry.id))
    return {entry.id: number for number, entry in enumerate(ordered, start=1)}


def find_tracked(*, session: Session, owner: Owner, ref: str) -> TrackedApplication:
    """The owner's entry named by ``ref``: its id, or (chat only) its number on the board.

    Raises ``NotFound`` for anything else, another owner's entry included.
    """
    ref = (ref or "").strip()
    clause = _owner_clause(session, owner)
    entry = None
    if clause is not None and isinstance(owner, UserRef) and ref.isascii() and ref.isdigit() and len(ref) < 7:
        board = entries_of(session, clause)
        numbers = numbers_of(board)  # once, not once an entry
        entry = next((each for each in board if numbers[each.id] == int(ref)), None)
    elif clause is not None and _plausible_id(ref):
        entry = session.scalar(select(TrackedApplication).where(clause, TrackedApplication.id == ref))
    if entry is None:
        if isinstance(owner, UserRef):
            raise NotFound(N_("There is no application {ref} on your tracker. Send /tracker to see the numbers."),
                           params={"ref": ref[:20]})
        raise NotFound(N_("No tracked application with that id."))
    return entry


def track_letter(session: Session, application: Application) -> TrackedApplication:
    """The tracker entry for the letter's job, created in stage "saved" the first time (not committed).

    Call it after ``application`` has its owner (``services.submit.submit`` sets it) and before the
    commit that stores the letter; a second letter for the same job points the entry at itself.
    """
    session.add(application)
    session.flush()  # the letter's id, for the entry; still the request's one commit
    chat_user_id, api_key_id = application.chat_user_id, application.api_key_id
    clause = owned_by(chat_user_id=chat_user_id) if chat_user_id is not None else owned_by(api_key_id=api_key_id)
    lock_job(session, f"user {chat_user_id}" if chat_user_id is not None else f"key {api_key_id}", application.job_id)
    entry = entry_for_job(session, clause, application.job_id)
    if entry is None:
        job = application.job or {}
        entry = TrackedApplication(
            chat_user_id=application.chat_user_id, api_key_id=application.api_key_id, job_id=application.job_id,
            **_job_fields(job.get("title"), job.get("company_name"), job.get("location"), job.get("apply_link")))
        session.add(entry)
    entry.application_id = application.id
    if application.origin_id is not None:  # reminders go where the person last asked about the job
        entry.origin_id = application.origin_id
    session.flush()
    return entry


def add_tracked(*, session: Session, api_key_id: str, job_id: str | None = None, title: str | None = None,
                company: str | None = None, location: str | None = None, apply_link: str | None = None
                ) -> TrackedApplication:
    """REST: track a job from one of the key's completed searches (``job_id``), or one typed in by hand
    (``title`` at least). Raises ``NotFound`` (unknown job_id), ``Refused`` (already tracked),
    ``TrackerInputError`` (a bad field)."""
    clause = owned_by(api_key_id=api_key_id)
    if job_id is not None:
        job = find_posting(session=session, api_key_id=api_key_id, job_id=job_id)
        if job is None:
            raise NotFound(N_("No job with that job_id in your completed job searches."))
        lock_job(session, f"key {api_key_id}", job_id)
        existing = entry_for_job(session, clause, job_id)
        if existing is not None:
            raise Refused(N_("That job is already on your tracker with the id {id}."), params={"id": existing.id})
        fields = _job_fields(job.get("title"), job.get("company_name"), job.get("location"), job.get("apply_link"))
    else:
        fields = {"title": checked_text(title, "title", 300), "company": checked_text(company, "company", 300),
                  "location": checked_text(location, "location", 300), "apply_link": checked_link(apply_link)}
        if not fields["title"]:
            raise TrackerInputError("title", N_("Give the job's title (or a job_id from one of your searches)."))
        job_id = MANUAL_JOB_PREFIX + new_id()
    entry = TrackedApplication(api_key_id=api_key_id, job_id=job_id, **fields)
    session.add(entry)
    session.commit()
    return entry


def move_to(*, session: Session, owner: Owner, ref: str, stage: str, when: datetime | None = None,
            now: datetime | None = None) -> TrackedApplication:
    """Move the entry to ``stage`` and commit. ``when``: with "interview", the interview's date and
    time (aware; stored in UTC). ``now``: the clock (tests). Moving to its own stage changes nothing.

    Raises ``TrackerInputError`` (no such stage, a date without a time zone), ``Refused`` (a move that
    makes no sense from where it stands: the message names the stages it can go to), ``NotFound``.
    """
    entry = find_tracked(session=session, owner=owner, ref=ref)
    moment = aware_utc(when) if when is not None else None  # refused before anything changes
    _move(entry, (stage or "").strip().lower(), now or utcnow())
    if moment is not None and entry.stage == INTERVIEW:
        entry.interview_at = moment
    session.commit()
    return entry


def set_interview(*, session: Session, owner: Owner, ref: str, when: datetime, now: datetime | None = None
                  ) -> TrackedApplication:
    """Set the interview's date and time (aware; stored in UTC) and commit; a saved or applied entry
    moves to "interview". Raises ``TrackerInputError`` (naive ``when``), ``Refused`` (a closed entry)."""
    entry = find_tracked(session=session, owner=owner, ref=ref)
    _set_interview(entry, when, now or utcnow())
    session.commit()
    return entry


def add_note(*, session: Session, owner: Owner, ref: str, text: str, now: datetime | None = None
             ) -> TrackedApplication:
    """Add a dated note (at most MAX_NOTE_CHARS characters, MAX_NOTES an entry) and commit."""
    entry = find_tracked(session=session, owner=owner, ref=ref)
    _add_note(entry, text, now or utcnow())
    session.commit()
    return entry


def update_tracked(*, session: Session, owner: Owner, ref: str, stage: str | None = None, note: str | None = None,
                   interview_at: datetime | None = None, follow_up_days: int | None | object = KEEP,
                   now: datetime | None = None) -> TrackedApplication:
    """Several changes at once, all or none (REST PATCH), in this order: the stage, a note, the interview's
    date, the follow-up delay (None: the owner's; KEEP: unchanged). Raises as the single changes do."""
    entry = find_tracked(session=session, owner=owner, ref=ref)
    now = now or utcnow()
    try:
        if stage is not None:
            _move(entry, stage.strip().lower(), now)
        if note is not None:
            _add_note(entry, note, now)
        if interview_at is not None:  # a stage given with it wins: only a date alone moves the entry
            _set_interview(entry, interview_at, now, move=stage is None)
        if follow_up_days is not KEEP:
            entry.follow_up_days = None if follow_up_days is None else checked_days(follow_up_days)
    except Refused:
        session.rollback()
        raise
    session.commit()
    return entry


def _set_interview(entry: TrackedApplication, when: datetime, now: datetime, *, move: bool = True) -> None:
    moment = aware_utc(when)
    if move and entry.stage != INTERVIEW:
        _move(entry, INTERVIEW, now)
    entry.interview_at = moment


def _add_note(entry: TrackedApplication, text: str, now: datetime) -> None:
    note = checked_text(text, "note", None)
    if not note:
        raise TrackerInputError("note", N_("The note is empty. Write it after the word note."))
    if len(note) > MAX_NOTE_CHARS:
        raise TrackerInputError("note", N_("A note can be at most {limit} characters; this one has {count}."),
                                params={"limit": MAX_NOTE_CHARS, "count": len(note)})
    if len(entry.notes or []) >= MAX_NOTES:
        raise Refused(N_("This application already has {limit} notes, the most it can keep."),
                      params={"limit": MAX_NOTES})
    entry.notes = [*(entry.notes or []), {"at": now.astimezone(UTC).isoformat(), "text": note}]


def set_follow_up_days(*, session: Session, user: UserRef, days: int) -> ChatUser:
    """The person's follow-up delay for every entry without its own, and commit."""
    chat_user = ensure_user(session=session, user=user)
    chat_user.follow_up_days = checked_days(days)
    session.commit()
    return chat_user


def delete_tracked(*, session: Session, owner: Owner, ref: str) -> None:
    """Take the entry off the tracker, and commit. Raises ``NotFound``."""
    session.delete(find_tracked(session=session, owner=owner, ref=ref))
    session.commit()


def moves_from(entry: TrackedApplication) -> tuple[str, ...]:
    """The stages the entry can move to now (for buttons and the REST answer)."""
    return allowed_moves(entry.stage, reopen_to=_reopen_to(entry))


def due_follow_ups(session: Session, settings: Settings, now: datetime) -> list[TrackedApplication]:
    """Chat entries in "applied" for at least their follow-up delay and not reminded since entering it."""
    return [entry for entry, _ in _due(session, settings, now)]


def queue_follow_up_reminders(session: Session, settings: Settings, now: datetime | None = None) -> int:
    """Queue one chat reminder per due entry (outbox row, record_type "tracker", held past the person's
    quiet hours), mark the entries reminded, commit; returns how many were queued.

    The first stay in "applied" gets event "follow_up", a later one "follow_up_2", "follow_up_3", …
    (the outbox keeps one row per record, event and target).
    """
    now = now or utcnow()
    queued = 0
    for entry, user in _due(session, settings, now):
        if not claim_reminder(session, entry.id, now):
            continue
        earlier = reminders_sent(session, entry.id)
        session.add(Notification(record_type=RECORD_TYPE, record_id=entry.id, target=BOT,
                                 event=FOLLOW_UP if not earlier else f"{FOLLOW_UP}_{earlier + 1}",
                                 next_attempt_at=_past_quiet_hours(now, user, settings)))
        queued += 1
    session.commit()
    if queued:
        logger.info("queued %s follow-up reminders", queued)
    return queued


def _due(session: Session, settings: Settings, now: datetime) -> list[tuple[TrackedApplication, ChatUser]]:
    """Up to DUE_BATCH due entries; pages past entries whose own longer delay has not passed yet."""
    due, after = [], None
    while len(due) < DUE_BATCH:
        page = follow_up_candidates(session, now - timedelta(days=MIN_FOLLOW_UP_DAYS), after=after)
        due += [(entry, user) for entry, user in page
                if _utc(entry.stage_changed_at) <= now - timedelta(days=_delay(entry, user, settings))]
        if len(page) < DUE_BATCH:
            break
        after = (page[-1][0].stage_changed_at, page[-1][0].id)
    return due[:DUE_BATCH]


def _past_quiet_hours(now: datetime, user: ChatUser, settings: Settings) -> datetime:
    """``now``, or the end of the person's quiet hours ("off": none; None: ALERTS_QUIET_HOURS) in their zone."""
    zone = user.timezone or settings.alerts_default_timezone
    quiet = user.quiet_hours if user.quiet_hours is not None else settings.alerts_quiet_hours
    try:
        return after_quiet_hours(now, zone, quiet or None)
    except (ValueError, KeyError):  # a zone or window no longer understood must not stop every reminder
        logger.warning("chat user %s: unusable time zone %r or quiet hours %r", user.id, zone, quiet)
        return now


def _delay(entry: TrackedApplication, user: ChatUser, settings: Settings) -> int:
    for days in (entry.follow_up_days, user.follow_up_days, settings.follow_up_days):
        if days is not None:
            return max(days, MIN_FOLLOW_UP_DAYS)
    return MIN_FOLLOW_UP_DAYS


def _move(entry: TrackedApplication, stage: str, now: datetime) -> None:
    refusal = move_refusal(entry.stage, stage, reopen_to=_reopen_to(entry))
    if refusal == UNKNOWN_STAGE:
        raise TrackerInputError("stage", N_("“{stage}” is not a stage. The stages are {stages}."),
                                params={"stage": stage[:20], "stages": Series(STAGES)})
    if refusal == NOT_ALLOWED:
        raise Refused(N_("“{title}” is {current}, so it cannot go to {stage}. From {current} it can go to {allowed}."),
                      params={"title": entry.title or entry.job_id, "current": _word(entry.stage),
                              "stage": _word(stage), "allowed": Series(_word(move) for move in moves_from(entry))})
    if stage == entry.stage:
        return
    if stage == APPLIED and entry.stage == SAVED:
        entry.applied_at = now
    entry.stage, entry.stage_changed_at = stage, now
    entry.closed_at = now if stage in CLOSED else None


def _word(stage: str) -> Phrase:
    """The stage as a word in the reader's language (the stage's own name in English)."""
    return Phrase(STAGE_WORDS[stage])


def _reopen_to(entry: TrackedApplication) -> str:
    return stage_before_closing(applied=entry.applied_at is not None, interviewed=entry.interview_at is not None)


def _owner_clause(session: Session, owner: Owner) -> ColumnElement[bool] | None:
    if isinstance(owner, UserRef):
        chat_user = find_user(session=session, user=owner)
        return owned_by(chat_user_id=chat_user.id) if chat_user is not None else None
    return owned_by(api_key_id=owner)


def _plausible_id(value: str) -> bool:
    # An id is a UUID: anything longer or with NUL (PostgreSQL refuses it outright) is no id of ours.
    return 0 < len(value) <= 36 and value.isascii() and "\x00" not in value


def _job_fields(title, company, location, apply_link) -> dict[str, str]:
    """A posting's facts cut to the columns (a board may send anything)."""
    return {"title": str(title or "")[:300], "company": str(company or "")[:300],
            "location": str(location or "")[:300], "apply_link": str(apply_link or "")[:1000]}


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes for values stored as UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
