"""/api/v1/matching: a job search's postings ranked against a profile."""
from __future__ import annotations

import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from bot.api.deps import ApiKeyDep, QueueDep, SessionDep, SettingsDep
from bot.api.schemas import ErrorDetail, MatchAccepted, MatchingRequest, MatchResult, MatchStatus
from bot.api.views import (
    AUTH_RESPONSES, NOT_FOUND, accepted_body, not_completed_response, refusals_as_http, require, result_responses,
    status_body, status_responses, vetted_webhook_url,
)
from services.ports import ApiRequester
from services.records import get_owned
from services.searches import request_ranking
from storage.models import MatchRun

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1/matching", tags=["matching"], responses=AUTH_RESPONSES)
CONFLICT = {409: {"model": ErrorDetail, "description": "the profile or job search is not completed"}}


@router.post("", status_code=202, response_model=MatchAccepted, responses={**NOT_FOUND, **CONFLICT})
def create_match(body: MatchingRequest, session: SessionDep, queue: QueueDep, settings: SettingsDep,
                 api_key_id: ApiKeyDep) -> dict:
    """Rank a completed job search's postings against a completed profile."""
    webhook_url = vetted_webhook_url(body.webhook_url, settings.webhook_http_allowlist)
    with refusals_as_http():
        record = request_ranking(session=session, queue=queue, requester=ApiRequester(api_key_id, webhook_url),
                                 profile_id=body.profile_id, job_search_id=body.job_search_id)
    return accepted_body(record)


@router.get("/{match_id}/status", response_model=MatchStatus, responses=status_responses())
def match_status(match_id: str, session: SessionDep, api_key_id: ApiKeyDep) -> dict:
    """Where the ranking stands."""
    record = get_owned(session=session, model=MatchRun, record_id=match_id, api_key_id=api_key_id)
    return status_body(require(record, "match"))


@router.get("/{match_id}", response_model=MatchResult, responses=result_responses(MatchStatus))
def match_result(match_id: str, session: SessionDep, api_key_id: ApiKeyDep) -> dict | JSONResponse:
    """Every posting with its score, matched and missing skills and a reason, best first."""
    record = require(get_owned(session=session, model=MatchRun, record_id=match_id, api_key_id=api_key_id),
                     "match")
    return not_completed_response(record) or {
        "match_id": record.id, "status": record.status, "profile_id": record.profile_id,
        "job_search_id": record.job_search_id, "completed_at": record.completed_at,
        "matches": sorted(record.matches or [], key=lambda match: match["score"], reverse=True),
    }
