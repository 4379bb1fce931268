"""Use cases of alerts (saved searches whose new postings are pushed), for the chat and REST alike.

An alert's owner is a chat user (``UserRef``) or an API key (its id, a ``str``). Each use case
that changes something commits once; bad input raises ``Refused`` (``NotFound`` for an alert
that is not the owner's) with a msgid the chat translates and REST answers in English.
"""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from config import Settings
from domain.alerts.keys import search_key
from domain.alerts.schedule import (
    FREQUENCIES,
    WEEKLY,
    next_run,
    parse_clock,
    parse_quiet_hours,
    valid_zone,
)
from domain.errors import PermanentError
from domain.jobs.place_zone import timezone_of
from domain.jobs.query import validate_location, validate_query
from i18n import N_
from services.errors import NotFound, Refused
from services.feedback import ranking_snapshot
from services.ports import ChatRequester, Requester, UserRef
from services.users import ensure_user, find_user
from storage.locks import hold_lock
from storage.models import Alert, AlertSeen, ChatOrigin, ChatUser, JobSearch, utcnow

logger = logging.getLogger(__name__)
Owner = UserRef | str  # a chat user, or an API key's id
MAX_ALERTS = 20  # an owner's alerts: every morning's digests stay readable, and runs stay bounded
ACTIVE, PAUSED = "active", "paused"
BY_USER, BLOCKED, REMOVED = "user", "blocked", "removed"

TOO_MANY = N_("You already have {limit} alerts, the most one can keep. Delete one first.")
BAD_FREQUENCY = N_("An alert runs daily or weekly.")
BAD_TIME = N_("{value} is no time of day. Write it like 07:30.")
BAD_WEEKDAY = N_("A weekly alert needs a weekday from 0 (Monday) to 6 (Sunday).")
BAD_ZONE = N_("I do not know the time zone {value}. Write it like Europe/Berlin or America/New_York.")
BAD_QUIET = N_("{value} are no quiet hours. Write them like 22:00-07:00, or off.")
NO_ALERT = N_("You have no alert {ref}. /alerts lists yours.")
NO_SEARCH = N_("That search is not yours or no longer exists.")


def create_alert(*, session: Session, settings: Settings, requester: Requester, query: str, location: str | None,
                 frequency: str = "daily", send_at: str | None = None, timezone: str | None = None,
                 weekday: int | None = None, quiet_hours: str | None = None) -> Alert:
    """A new active alert for the requester, first run at its next ``send_at`` (default ALERTS_DEFAULT_TIME)
    in ``timezone`` (default: the person's, else the place's, else ALERTS_DEFAULT_TIMEZONE). A chat alert
    keeps the person's refinements as they are now and sends to the chat it was made in; a REST alert
    sends to ``requester.webhook_url``. ``quiet_hours`` ("22:00-07:00", "off"): the alert's own, instead of
    the person's or ALERTS_QUIET_HOURS (a chat alert) or none (a REST alert). The owner's alert with the
    same query and place is updated and resumed instead of duplicated. Raises ``Refused`` for bad input
    or past ``MAX_ALERTS``."""
    query, location = _valid_search(query, location)
    owner = requester.user if isinstance(requester, ChatRequester) else requester.api_key_id
    chat_user = ensure_user(session=session, user=requester.user) if isinstance(requester, ChatRequester) else None
    # One owner's alerts are saved one at a time: two requests at once would both miss the other's
    # alert for the same search, or both pass the limit.
    hold_lock(session, f"alerts {_owner_name(owner)}")
    alert = _same_search(session, owner, query, location)
    if alert is None:
        if len(alerts_of(session=session, owner=owner)) >= MAX_ALERTS:
            raise Refused(TOO_MANY, params={"limit": MAX_ALERTS})
        alert = Alert(query=query, location=location)
        session.add(alert)
    alert.query, alert.location, alert.status, alert.paused_reason = query, location, ACTIVE, None
    alert.timezone = _zone(timezone) if timezone else _default_zone(settings, chat_user, location)
    _set_timing(alert, frequency, send_at or alert.send_at or settings.alerts_default_time, weekday)
    if chat_user is not None:
        alert.chat_user_id, alert.origin = chat_user.id, _digest_origin(chat_user, requester.origin)
        alert.quiet_hours = _default_quiet(settings, chat_user)
        alert.preferences = ranking_snapshot(session, requester.user)
    else:
        alert.api_key_id, alert.webhook_url = requester.api_key_id, requester.webhook_url
    if quiet_hours is not None:
        alert.quiet_hours = _quiet(quiet_hours)
    alert.next_run_at = next_run(alert, utcnow())
    session.commit()
    logger.info("alert %s saved (%s, next run %s)", alert.id, alert.frequency, alert.next_run_at.isoformat())
    return alert


def alert_from_search(*, session: Session, settings: Settings, requester: ChatRequester, job_search_id: str) -> Alert:
    """The 🔔 button under a result list or digest: an alert for that search's query and place
    (``create_alert``'s defaults). Raises ``NotFound`` when the search is not the person's."""
    chat_user = find_user(session=session, user=requester.user)
    search = session.get(JobSearch, job_search_id) if job_search_id and len(job_search_id) <= 36 else None
    if search is None or chat_user is None or search.chat_user_id != chat_user.id:
        raise NotFound(NO_SEARCH)
    if search.alert_id and (alert := session.get(Alert, search.alert_id)) is not None:
        return alert
    return create_alert(session=session, settings=settings, requester=requester, query=search.query,
                        location=search.location)


def alerts_of(*, session: Session, owner: Owner) -> list[Alert]:
    """The owner's alerts in creation order (the chat numbers them 1, 2, … in this order)."""
    condition = _owner_condition(session, owner)
    if condition is None:
        return []
    return list(session.scalars(select(Alert).where(condition).order_by(Alert.created_at, Alert.id)))


def find_alert(*, session: Session, owner: Owner, ref: str | int) -> Alert:
    """The owner's alert by its number as listed ("2") or its id; raises ``NotFound`` otherwise."""
    alerts = alerts_of(session=session, owner=owner)
    text = str(ref).strip().lstrip("#")
    if text.isascii() and text.isdigit() and 1 <= int(text) <= len(alerts):
        return alerts[int(text) - 1]
    for alert in alerts:
        if alert.id == text:
            return alert
    raise NotFound(NO_ALERT, params={"ref": str(ref)[:40]})


def pause_alert(*, session: Session, owner: Owner, ref: str | int) -> Alert:
    """Stop the alert until resumed (it keeps its memory of postings sent)."""
    alert = find_alert(session=session, owner=owner, ref=ref)
    alert.status, alert.paused_reason = PAUSED, BY_USER
    session.commit()
    return alert


def resume_alert(*, session: Session, owner: Owner, ref: str | int) -> Alert:
    """Run the alert again from its next send time (what was missed meanwhile comes in that digest)."""
    alert = find_alert(session=session, owner=owner, ref=ref)
    _activate(alert)
    session.commit()
    return alert


def delete_alert(*, session: Session, owner: Owner, ref: str | int) -> Alert:
    """Delete the alert and its memory; its digests stay readable (detached from it). Returns the
    deleted alert (its fields still readable, for the reply)."""
    alert = find_alert(session=session, owner=owner, ref=ref)
    session.execute(delete(AlertSeen).where(AlertSeen.alert_id == alert.id))
    session.delete(alert)
    session.commit()
    return alert


def set_alert_time(*, session: Session, owner: Owner, ref: str | int, send_at: str, frequency: str | None = None,
                   weekday: int | None = None) -> Alert:
    """Send the alert at ``send_at`` (local "HH:MM" as typed), optionally daily/weekly on ``weekday``."""
    alert = find_alert(session=session, owner=owner, ref=ref)
    _set_timing(alert, frequency or alert.frequency, send_at, weekday if weekday is not None else alert.weekday)
    alert.next_run_at = next_run(alert, utcnow())
    session.commit()
    return alert


def set_alert_zone(*, session: Session, owner: Owner, ref: str | int, zone: str) -> Alert:
    """One alert's time zone (REST: an API key has no person to hang it on); raises ``Refused`` for an unknown zone."""
    alert = find_alert(session=session, owner=owner, ref=ref)
    alert.timezone = _zone(zone)
    alert.next_run_at = next_run(alert, utcnow())
    session.commit()
    return alert


def set_alert_quiet_hours(*, session: Session, owner: Owner, ref: str | int, quiet: str | None) -> Alert:
    """One alert's quiet hours ("22:00-07:00"; "off", "" or None: none); raises ``Refused`` for junk."""
    alert = find_alert(session=session, owner=owner, ref=ref)
    alert.quiet_hours = _quiet(quiet)
    session.commit()
    return alert


def set_timezone(*, session: Session, user: UserRef, zone: str) -> str:
    """Remember where the person is ("europe/berlin" → "Europe/Berlin") and move their alerts to it;
    returns the zone as stored. Raises ``Refused`` for an unknown zone."""
    zone = _zone(zone)
    chat_user = ensure_user(session=session, user=user)
    chat_user.timezone = zone
    for alert in alerts_of(session=session, owner=user):
        alert.timezone = zone
        alert.next_run_at = next_run(alert, utcnow())
    session.commit()
    return zone


def set_quiet_hours(*, session: Session, user: UserRef, quiet: str | None) -> str | None:
    """The person's quiet hours ("22:00-07:00" as typed, "off" for none), for their alerts too;
    returns them as stored (None: none). Raises ``Refused`` for junk."""
    normalised = _quiet(quiet)
    chat_user = ensure_user(session=session, user=user)
    chat_user.quiet_hours = normalised or "off"  # "off" overrides ALERTS_QUIET_HOURS; None means the default
    for alert in alerts_of(session=session, owner=user):
        alert.quiet_hours = normalised
    session.commit()
    return normalised


def pause_alerts_for_recipient(session: Session, *, platform: str, workspace_id: str = "", chat_id: str | None,
                               reason: str) -> int:
    """Pause the active alerts sending to a chat the platform says is gone (``reason``: "blocked" for a
    Telegram user who blocked the bot, "removed" for a Slack channel or app removal; ``chat_id`` None:
    every chat of the workspace). Commits; returns how many were paused."""
    query = (select(Alert).join(ChatOrigin, ChatOrigin.id == Alert.origin_id)
             .where(Alert.status == ACTIVE, ChatOrigin.platform == platform,
                    ChatOrigin.workspace_id == (workspace_id or "")))
    if chat_id is not None:
        query = query.where(ChatOrigin.chat_id == str(chat_id))
    alerts = list(session.scalars(query))
    for alert in alerts:
        alert.status, alert.paused_reason = PAUSED, reason
    session.commit()
    if alerts:
        logger.info("paused %s alerts of a %s chat that is gone (%s)", len(alerts), platform, reason)
    return len(alerts)


def resume_alerts_paused_for(session: Session, user: UserRef) -> int:
    """Resume the person's alerts paused because they blocked the bot or removed the app (they wrote
    again); alerts they paused themselves stay paused. Commits; returns how many resumed."""
    resumed = [alert for alert in alerts_of(session=session, owner=user)
               if alert.status == PAUSED and alert.paused_reason in (BLOCKED, REMOVED)]
    for alert in resumed:
        _activate(alert)
    if resumed:
        session.commit()
    return len(resumed)


def digests_of(*, session: Session, owner: Owner, ref: str | int, limit: int = 20) -> list[JobSearch]:
    """The alert's digests, newest first (each a completed ``JobSearch`` with ``matches``)."""
    alert = find_alert(session=session, owner=owner, ref=ref)
    return list(session.scalars(select(JobSearch).where(JobSearch.alert_id == alert.id)
                                .order_by(JobSearch.created_at.desc()).limit(limit)))


def _valid_search(query: str, location: str | None) -> tuple[str, str | None]:
    try:
        return validate_query(query), (validate_location(location) if location and location.strip() else None)
    except PermanentError as exc:
        raise Refused(exc.user_message) from None


def _same_search(session: Session, owner: Owner, query: str, location: str | None) -> Alert | None:
    key = search_key(query, location)
    return next((alert for alert in alerts_of(session=session, owner=owner)
                 if search_key(alert.query, alert.location) == key), None)


def _set_timing(alert: Alert, frequency: str, send_at: str, weekday: int | None) -> None:
    if frequency not in FREQUENCIES:
        raise Refused(BAD_FREQUENCY)
    try:
        alert.send_at = parse_clock(send_at)
    except ValueError:
        raise Refused(BAD_TIME, params={"value": str(send_at)[:40]}) from None
    if weekday is not None and (not isinstance(weekday, int) or not 0 <= weekday <= 6):
        raise Refused(BAD_WEEKDAY)
    alert.frequency = frequency
    if frequency == WEEKLY:
        alert.weekday = weekday if weekday is not None else _local_today(alert.timezone).weekday()
    else:
        alert.weekday = None


def _activate(alert: Alert) -> None:
    alert.status, alert.paused_reason = ACTIVE, None
    alert.next_run_at = next_run(alert, utcnow())


def _quiet(text: str | None) -> str | None:
    try:
        return parse_quiet_hours(text)
    except ValueError:
        raise Refused(BAD_QUIET, params={"value": str(text)[:40]}) from None


def _zone(name: str) -> str:
    try:
        return valid_zone(name)
    except ValueError:
        raise Refused(BAD_ZONE, params={"value": str(name)[:64]}) from None


def _default_zone(settings: Settings, chat_user: ChatUser | None, location: str | None) -> str:
    for candidate in (chat_user.timezone if chat_user else None, timezone_of(location),
                      settings.alerts_default_timezone):
        if candidate:
            try:
                return valid_zone(candidate)
            except ValueError:
                continue
    return "UTC"


def _default_quiet(settings: Settings, chat_user: ChatUser) -> str | None:
    for candidate in (chat_user.quiet_hours, settings.alerts_quiet_hours):
        if candidate is None:
            continue
        try:
            return parse_quiet_hours(candidate)
        except ValueError:
            logger.warning("quiet hours %r are unreadable; ignoring them", candidate)
    return None


def _digest_origin(chat_user: ChatUser, origin) -> ChatOrigin:
    """Where digests go: the chat and thread the alert was made in, as a message of its own (never an
    edit of the request's status message). In a group it replies to the person's request: a group's
    buttons answer only the person the bot replied to (bot.telegram), so a digest replying to no one
    had buttons nobody could press; a private chat needs no reply to a message days old."""
    in_group = str(origin.chat_id) != str(chat_user.external_user_id)
    return ChatOrigin(chat_user_id=chat_user.id, platform=origin.platform, workspace_id=origin.workspace_id or "",
                      chat_id=str(origin.chat_id), thread_id=origin.thread_id,
                      reply_to_message_id=origin.reply_to_message_id if in_group else None)


def _owner_name(owner: Owner) -> str:
    """A name for the owner's lock: the API key id, or the person's platform key."""
    return f"key {owner}" if isinstance(owner, str) else "user " + " ".join(owner.key)


def _owner_condition(session: Session, owner: Owner):
    if isinstance(owner, str):
        return Alert.api_key_id == owner
    chat_user = find_user(session=session, user=owner)
    return Alert.chat_user_id == chat_user.id if chat_user else None


def _local_today(zone: str) -> datetime:
    from zoneinfo import ZoneInfo

    return utcnow().astimezone(ZoneInfo(zone))
