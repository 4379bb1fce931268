"""/api/v1/tracker: the application tracker of an API key (its letters' jobs, and jobs added here)."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, Query, Response

from bot.api.deps import ApiKeyDep, SessionDep
from bot.api.schemas import ErrorDetail, ValidationErrors
from bot.api.tracker_schemas import (
    Stage,
    Tracked,
    TrackedCreate,
    TrackedUpdate,
    TrackerBoard,
)
from bot.api.views import AUTH_RESPONSES, NOT_FOUND, invalid, refusals_as_http
from domain.tracker.export import to_csv, to_ics
from services.tracker import (
    KEEP,
    add_tracked,
    board_of,
    delete_tracked,
    find_tracked,
    moves_from,
    update_tracked,
)
from services.tracker_input import TrackerInputError
from storage.models import TrackedApplication

logger = logging.getLogger(__name__)


# A refusal's 422 is written by the app's own handler (bot.app.writable_validation_errors), which echoes any
# refused value writably: a lone surrogate, bytes that are not UTF-8, NaN.
router = APIRouter(prefix="/api/v1/tracker", tags=["tracker"], responses=AUTH_RESPONSES)
CONFLICT = {409: {"model": ErrorDetail, "description": "a move that makes no sense from the current stage "
                                                       "(the message names the allowed ones), or already tracked"}}
INVALID = {422: {"model": ValidationErrors, "description": "a field that cannot be used, and why"}}


@router.get("", response_model=TrackerBoard, responses=INVALID)
def list_tracked(session: SessionDep, api_key_id: ApiKeyDep,
                 stage: Annotated[Stage | None, Query()] = None) -> dict:
    """Your tracked applications by stage, or those in one ``stage``."""
    entries = board_of(session=session, owner=api_key_id)
    return {"entries": [tracked_body(entry) for entry in entries if stage is None or entry.stage == stage]}


@router.post("", status_code=201, response_model=Tracked,
             responses={**NOT_FOUND, **CONFLICT, **INVALID})
def create_tracked(body: TrackedCreate, session: SessionDep, api_key_id: ApiKeyDep) -> dict:
    """Track a job from one of your completed searches (``job_id``), or one you type in."""
    with tracker_refusals():
        entry = add_tracked(session=session, api_key_id=api_key_id, job_id=body.job_id, title=body.title,
                            company=body.company, location=body.location, apply_link=body.apply_link)
    return tracked_body(entry)


@router.get("/export.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "UTF-8 CSV"}})
def export_csv(session: SessionDep, api_key_id: ApiKeyDep) -> Response:
    """Every tracked application as CSV (a header row; times in ISO 8601 UTC; notes one a line)."""
    return Response(to_csv(board_of(session=session, owner=api_key_id)), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="applications.csv"'})


@router.get("/interviews.ics", response_class=Response,
            responses={200: {"content": {"text/calendar": {"schema": {"type": "string"}}},
                             "description": "iCalendar (RFC 5545): one event per interview date, in UTC"}})
def export_ics(session: SessionDep, api_key_id: ApiKeyDep) -> Response:
    """The interview dates as a calendar file to import (an event's UID stays the same on every export)."""
    return Response(to_ics(board_of(session=session, owner=api_key_id), owner_name=""),
                    media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="interviews.ics"'})


@router.get("/{tracked_id}", response_model=Tracked, responses=NOT_FOUND)
def get_tracked_entry(tracked_id: str, session: SessionDep, api_key_id: ApiKeyDep) -> dict:
    """One tracked application."""
    with tracker_refusals():
        return tracked_body(find_tracked(session=session, owner=api_key_id, ref=tracked_id))


@router.patch("/{tracked_id}", response_model=Tracked, responses={**NOT_FOUND, **CONFLICT, **INVALID})
def patch_tracked(tracked_id: str, body: TrackedUpdate, session: SessionDep, api_key_id: ApiKeyDep) -> dict:
    """Move it to another stage, add a note, set the interview's date (a saved or applied one moves to
    'interview') or the follow-up delay: all of them or, when one cannot be done, none."""
    keep = "follow_up_days" not in body.model_fields_set
    with tracker_refusals():
        entry = update_tracked(session=session, owner=api_key_id, ref=tracked_id, stage=body.stage, note=body.note,
                               interview_at=body.interview_at, follow_up_days=KEEP if keep else body.follow_up_days)
    return tracked_body(entry)


@router.delete("/{tracked_id}", status_code=204, response_class=Response, responses=NOT_FOUND)
def delete_tracked_entry(tracked_id: str, session: SessionDep, api_key_id: ApiKeyDep) -> Response:
    """Take it off the tracker."""
    with tracker_refusals():
        delete_tracked(session=session, owner=api_key_id, ref=tracked_id)
    return Response(status_code=204)


def tracked_body(entry: TrackedApplication) -> dict:
    """The REST view of an entry (``Tracked``)."""
    return {
        "id": entry.id, "stage": entry.stage, "next_stages": list(moves_from(entry)), "job_id": entry.job_id,
        "title": entry.title, "company": entry.company, "location": entry.location, "apply_link": entry.apply_link,
        "application_id": entry.application_id, "notes": entry.notes or [], "interview_at": entry.interview_at,
        "applied_at": entry.applied_at, "closed_at": entry.closed_at, "stage_changed_at": entry.stage_changed_at,
        "follow_up_days": entry.follow_up_days, "created_at": entry.created_at, "updated_at": entry.updated_at,
    }


@contextmanager
def tracker_refusals() -> Iterator[None]:
    """404 unknown (or another key's), 422 a field that cannot be used, 409 a move that makes no sense."""
    with refusals_as_http():  # 404 and 409, as every resource answers them
        try:
            yield
        except TrackerInputError as refusal:  # a Refused naming its field: the usual 422 on that field
            raise invalid(refusal.field, refusal.message) from None
