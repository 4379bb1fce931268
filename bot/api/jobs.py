"""/api/v1/jobs: a tailored cover letter and CV summary for one job, and its PDF."""
from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import FileResponse, JSONResponse

from bot.api.deps import ApiKeyDep, QueueDep, SessionDep, SettingsDep
from bot.api.schemas import ApplicationAccepted, ApplicationResult, ApplicationStatus, ErrorDetail, JobsRequest
from bot.api.views import (
    AUTH_RESPONSES, NOT_FOUND, accepted_body, not_completed_response, refusals_as_http, require, result_responses,
    status_body, status_responses, urls, vetted_webhook_url,
)
from services.letters import choose_posting, request_letter
from services.ports import ApiRequester
from services.records import get_owned
from storage.files import document_path
from storage.models import COMPLETED, Application

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1/jobs", tags=["jobs"], responses=AUTH_RESPONSES)
CONFLICT = {409: {"model": ErrorDetail, "description": "the profile (or the letter) is not completed"}}
PDF_RESPONSE = {200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
                      "description": "the letter and CV summary as a PDF"}}


@router.post("", status_code=202, response_model=ApplicationAccepted, responses={**NOT_FOUND, **CONFLICT})
def create_application(body: JobsRequest, session: SessionDep, queue: QueueDep, settings: SettingsDep,
                       api_key_id: ApiKeyDep) -> dict:
    """Write a cover letter for a job from one of your searches, tailored to a completed profile."""
    requester = ApiRequester(api_key_id)
    with refusals_as_http():
        choice = choose_posting(session=session, requester=requester, profile_id=body.profile_id, job_id=body.job_id)
    requester = ApiRequester(api_key_id, vetted_webhook_url(body.webhook_url, settings.webhook_http_allowlist))
    record = request_letter(session=session, queue=queue, requester=requester, choice=choice)
    return accepted_body(record)


@router.get("/{application_id}/status", response_model=ApplicationStatus, responses=status_responses())
def application_status(application_id: str, session: SessionDep, api_key_id: ApiKeyDep) -> dict:
    """Where the letter stands."""
    return status_body(_owned(session, application_id, api_key_id))


@router.get("/{application_id}", response_model=ApplicationResult, responses=result_responses(ApplicationStatus))
def application_result(application_id: str, session: SessionDep, api_key_id: ApiKeyDep) -> dict | JSONResponse:
    """The cover letter, the CV summary and where to download them as a PDF."""
    record = _owned(session, application_id, api_key_id)
    return not_completed_response(record) or {
        "application_id": record.id, "status": record.status, "profile_id": record.profile_id,
        "job_id": record.job_id, "job": record.job, "cover_letter": record.cover_letter or "",
        "cv_summary": record.cv_summary or "", "completed_at": record.completed_at,
        "document_url": f"{urls(record)['result_url']}/document" if record.document_file else None,
    }


@router.get("/{application_id}/document", response_class=FileResponse, responses={**PDF_RESPONSE, **NOT_FOUND, **CONFLICT})
def application_document(application_id: str, session: SessionDep, settings: SettingsDep,
                         api_key_id: ApiKeyDep) -> FileResponse:
    """The letter as a PDF file."""
    record = _owned(session, application_id, api_key_id)
    if record.status != COMPLETED:
        raise HTTPException(status.HTTP_409_CONFLICT, f"The letter is {record.status}; no document yet.")
    path = document_path(settings, record.document_file) if record.document_file else None
    if path is None or not path.is_file():
        raise HTTPException(status.HTTP_404_NOT_FOUND, "This letter has no document (it may have been deleted).")
    return FileResponse(path, media_type="application/pdf", filename=f"cover-letter-{record.id[:8]}.pdf")


def _owned(session, application_id: str, api_key_id: str) -> Application:
    record = get_owned(session=session, model=Application, record_id=application_id, api_key_id=api_key_id)
    return require(record, "application")
