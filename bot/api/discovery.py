"""/api/v1/discovery: job searches."""
from __future__ import annotations

import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from bot.api.deps import ApiKeyDep, QueueDep, SessionDep, SettingsDep
from bot.api.schemas import DiscoveryRequest, SearchAccepted, SearchResult, SearchStatus
from bot.api.views import (
    AUTH_RESPONSES, accepted_body, invalid, not_completed_response, require, result_responses, status_body,
    status_responses, vetted_webhook_url,
)
from domain.errors import PermanentError
from domain.jobs.query import validate_location, validate_query
from services.ports import ApiRequester
from services.records import get_owned
from services.searches import request_search
from storage.models import JobSearch
from storage.records import postings_of

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1/discovery", tags=["discovery"], responses=AUTH_RESPONSES)


@router.post("", status_code=202, response_model=SearchAccepted)
def create_search(body: DiscoveryRequest, session: SessionDep, queue: QueueDep, settings: SettingsDep,
                  api_key_id: ApiKeyDep) -> dict:
    """Start a job search; the jobs are at `result_url` once it completes."""
    query, location = _checked_search(body)
    webhook_url = vetted_webhook_url(body.webhook_url, settings.webhook_http_allowlist)
    record = request_search(session=session, queue=queue, requester=ApiRequester(api_key_id, webhook_url),
                            query=query, location=location, num_results=body.num_results,
                            max_age_days=body.max_age_days)
    return accepted_body(record)


def _checked_search(body: DiscoveryRequest) -> tuple[str, str | None]:
    field = "query"
    try:
        query = validate_query(body.query)
        field = "location"
        location = validate_location(body.location) if body.location and body.location.strip() else None
    except PermanentError as exc:
        raise invalid(field, exc.user_message, exc.code) from None
    return query, location


@router.get("/{job_search_id}/status", response_model=SearchStatus, responses=status_responses())
def search_status(job_search_id: str, session: SessionDep, api_key_id: ApiKeyDep) -> dict:
    """Where the search stands."""
    record = get_owned(session=session, model=JobSearch, record_id=job_search_id, api_key_id=api_key_id)
    return status_body(require(record, "job search"))


@router.get("/{job_search_id}", response_model=SearchResult, responses=result_responses(SearchStatus))
def search_result(job_search_id: str, session: SessionDep, api_key_id: ApiKeyDep) -> dict | JSONResponse:
    """The jobs found, deduplicated, in the order the source ranked them."""
    record = get_owned(session=session, model=JobSearch, record_id=job_search_id, api_key_id=api_key_id)
    record = require(record, "job search")
    return not_completed_response(record) or {
        "job_search_id": record.id, "status": record.status, "query": record.query, "location": record.location,
        "num_results": record.num_results, "max_age_days": record.max_age_days, "completed_at": record.completed_at,
        "jobs": postings_of(session, record.id), "boards": record.boards or [], "notes": record.notes or [],
        "sample": record.from_sample,
    }
