"""/api/v1/alerts: saved searches whose new postings arrive as digests (the caller's webhook is told of each)."""
from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Query, Response

from bot.api.alert_schemas import Alert, AlertChange, AlertCreate, AlertList, DigestList
from bot.api.deps import ApiKeyDep, SessionDep, SettingsDep
from bot.api.schemas import ErrorDetail, ValidationErrors
from bot.api.views import AUTH_RESPONSES, NOT_FOUND, invalid, refusals_as_http, require, vetted_webhook_url
from domain.errors import PermanentError
from domain.jobs.query import validate_location, validate_query
from pipeline.steps import result_path
from services import alerts
from services.ports import ApiRequester
from services.records import get_owned
from storage.models import Alert as AlertRecord

logger = logging.getLogger(__name__)
PREFIX = "/api/v1/alerts"
router = APIRouter(prefix=PREFIX, tags=["alerts"], responses=AUTH_RESPONSES)
INVALID = {422: {"model": ValidationErrors, "description": "a field is invalid (each error names it)"}}
TOO_MANY = {409: {"model": ErrorDetail, "description": f"this key already has {alerts.MAX_ALERTS} alerts"}}


@router.post("", status_code=201, response_model=Alert, responses={**INVALID, **TOO_MANY})
def create_alert(body: AlertCreate, session: SessionDep, settings: SettingsDep, api_key_id: ApiKeyDep) -> dict:
    """Save a search; each run's new postings become a digest (a job search, read at its result_url) and
    `webhook_url` receives a signed event for each. The key's alert with the same query and place is
    updated and returned instead of duplicated."""
    query, location = _checked_search(body.query, body.location)
    webhook_url = vetted_webhook_url(body.webhook_url, settings.webhook_http_allowlist)
    with refusals_as_http():
        alert = alerts.create_alert(
            session=session, settings=settings, requester=ApiRequester(api_key_id, webhook_url), query=query,
            location=location, frequency=body.frequency, send_at=body.send_at, timezone=body.timezone,
            weekday=body.weekday, quiet_hours=body.quiet_hours)
    return alert_body(alert)


@router.get("", response_model=AlertList)
def list_alerts(session: SessionDep, api_key_id: ApiKeyDep) -> dict:
    """This key's alerts, oldest first."""
    return {"alerts": [alert_body(alert) for alert in alerts.alerts_of(session=session, owner=api_key_id)]}


@router.get("/{alert_id}", response_model=Alert, responses=NOT_FOUND)
def get_alert(alert_id: str, session: SessionDep, api_key_id: ApiKeyDep) -> dict:
    """One alert: its schedule, state and next run."""
    return alert_body(_owned(session, alert_id, api_key_id))


@router.patch("/{alert_id}", response_model=Alert, responses={**NOT_FOUND, **INVALID})
def change_alert(alert_id: str, body: AlertChange, session: SessionDep, api_key_id: ApiKeyDep) -> dict:
    """Pause or resume it (`status`), or change when it runs; fields left out stay as they are. Every
    field is checked before anything changes."""
    alert = _owned(session, alert_id, api_key_id)
    owner, ref = api_key_id, alert.id
    with refusals_as_http():
        if body.timezone is not None:  # first: the send time is read in the new zone
            alert = alerts.set_alert_zone(session=session, owner=owner, ref=ref, zone=body.timezone)
        if body.send_at is not None or body.frequency is not None or body.weekday is not None:
            alert = alerts.set_alert_time(session=session, owner=owner, ref=ref, send_at=body.send_at or alert.send_at,
                                          frequency=body.frequency, weekday=body.weekday)
        if body.quiet_hours is not None:
            alert = alerts.set_alert_quiet_hours(session=session, owner=owner, ref=ref, quiet=body.quiet_hours)
        if body.status == "paused" and alert.status != "paused":
            alert = alerts.pause_alert(session=session, owner=owner, ref=ref)
        elif body.status == "active" and alert.status != "active":
            alert = alerts.resume_alert(session=session, owner=owner, ref=ref)
    return alert_body(alert)


@router.delete("/{alert_id}", status_code=204, response_class=Response, responses=NOT_FOUND)
def delete_alert(alert_id: str, session: SessionDep, api_key_id: ApiKeyDep) -> Response:
    """Delete the alert and its memory of postings sent; its digests stay readable."""
    alert = _owned(session, alert_id, api_key_id)
    with refusals_as_http():
        alerts.delete_alert(session=session, owner=api_key_id, ref=alert.id)
    return Response(status_code=204)


@router.get("/{alert_id}/digests", response_model=DigestList, responses=NOT_FOUND)
def list_digests(alert_id: str, session: SessionDep, api_key_id: ApiKeyDep,
                 limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict:
    """The alert's digests, newest first: each run that found new postings; `result_url` serves its jobs."""
    alert = _owned(session, alert_id, api_key_id)
    with refusals_as_http():
        digests = alerts.digests_of(session=session, owner=api_key_id, ref=alert.id, limit=limit)
    return {"alert_id": alert.id, "digests": [
        {"job_search_id": digest.id, "created_at": digest.created_at, "completed_at": digest.completed_at,
         "job_count": len(digest.matches or []), "result_url": result_path(digest.record_type, digest.id)}
        for digest in digests]}


def alert_body(alert: AlertRecord) -> dict:
    return {
        "alert_id": alert.id, "status": alert.status, "paused_reason": alert.paused_reason, "query": alert.query,
        "location": alert.location, "frequency": alert.frequency, "send_at": alert.send_at, "weekday": alert.weekday,
        "timezone": alert.timezone, "quiet_hours": alert.quiet_hours, "webhook_url": alert.webhook_url,
        "next_run_at": alert.next_run_at, "last_run_at": alert.last_run_at, "created_at": alert.created_at,
        "digests_url": f"{PREFIX}/{alert.id}/digests",
    }


def _owned(session, alert_id: str, api_key_id: str) -> AlertRecord:
    """The key's alert; another key's is as missing as one that never was (404)."""
    return require(get_owned(session=session, model=AlertRecord, record_id=alert_id, api_key_id=api_key_id), "alert")


def _checked_search(query: str, location: str | None) -> tuple[str, str | None]:
    """The search words as a search takes them; a 422 naming the field otherwise."""
    field = "query"
    try:
        cleaned = validate_query(query)
        field = "location"
        return cleaned, (validate_location(location) if location and location.strip() else None)
    except PermanentError as exc:
        raise invalid(field, exc.user_message, exc.code) from None
