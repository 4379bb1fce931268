"""/api/v1/jobs: a cover letter and a tailored CV for one job, and their four files (PDF and DOCX)."""
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
from services.application_files import APPLICATION_FILES, ApplicationFile, download_name
from services.letters import choose_posting, request_letter
from services.ports import ApiRequester
from services.records import get_owned
from storage.files import document_path
from storage.models import COMPLETED, Application

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1/jobs", tags=["jobs"], responses=AUTH_RESPONSES)
CONFLICT = {409: {"model": ErrorDetail, "description": "the profile (or the letter) is not completed"}}


@router.post("", status_code=202, response_model=ApplicationAccepted, responses={**NOT_FOUND, **CONFLICT})
def create_application(body: JobsRequest, session: SessionDep, queue: QueueDep, settings: SettingsDep,
                       api_key_id: ApiKeyDep) -> dict:
    """Write a cover letter and a tailored CV for a job from one of your searches, from a completed profile,
    in ``language`` or else in the posting's language."""
    requester = ApiRequester(api_key_id)
    with refusals_as_http():
        choice = choose_posting(session=session, requester=requester, profile_id=body.profile_id, job_id=body.job_id)
    requester = ApiRequester(api_key_id, vetted_webhook_url(body.webhook_url, settings.webhook_http_allowlist))
    record = request_letter(session=session, queue=queue, requester=requester, choice=choice, language=body.language)
    return accepted_body(record)


@router.get("/{application_id}/status", response_model=ApplicationStatus, responses=status_responses())
def application_status(application_id: str, session: SessionDep, api_key_id: ApiKeyDep) -> dict:
    """Where the letter stands."""
    return status_body(_owned(session, application_id, api_key_id))


@router.get("/{application_id}", response_model=ApplicationResult, responses=result_responses(ApplicationStatus))
def application_result(application_id: str, session: SessionDep, api_key_id: ApiKeyDep) -> dict | JSONResponse:
    """The cover letter, the CV summary, the language, and where to download the letter and the tailored CV."""
    record = _owned(session, application_id, api_key_id)
    result_url = urls(record)["result_url"]
    return not_completed_response(record) or {
        "application_id": record.id, "status": record.status, "profile_id": record.profile_id,
        "job_id": record.job_id, "job": record.job, "cover_letter": record.cover_letter or "",
        "cv_summary": record.cv_summary or "", "language": record.language, "completed_at": record.completed_at,
        **{file.url_field: f"{result_url}/{file.path}" if getattr(record, file.field) else None
           for file in APPLICATION_FILES},
    }


def _file_route(file: ApplicationFile):
    """GET /{application_id}/<file.path>: one of the four files, as an attachment under its download name."""
    def serve(application_id: str, session: SessionDep, settings: SettingsDep, api_key_id: ApiKeyDep) -> FileResponse:
        record = _owned(session, application_id, api_key_id)
        if record.status != COMPLETED:
            raise HTTPException(status.HTTP_409_CONFLICT, f"The letter is {record.status}; no files yet.")
        name = getattr(record, file.field)
        path = document_path(settings, name) if name else None
        if path is None or not path.is_file():
            raise HTTPException(status.HTTP_404_NOT_FOUND,
                                f"This application has no file for {file.what} (it may have been deleted).")
        return FileResponse(path, media_type=file.mime_type, filename=download_name(file, record.job, record.language))

    serve.__doc__ = f"Download {file.what}."
    serve.__name__ = "application_" + file.path.replace("/", "_").replace("-", "_")
    responses = {200: {"content": {file.mime_type: {"schema": {"type": "string", "format": "binary"}}},
                       "description": file.what}, **NOT_FOUND, **CONFLICT}
    router.add_api_route(f"/{{application_id}}/{file.path}", serve, methods=["GET"], response_class=FileResponse,
                         responses=responses, name=serve.__name__)


for _file in APPLICATION_FILES:
    _file_route(_file)


def _owned(session, application_id: str, api_key_id: str) -> Application:
    record = get_owned(session=session, model=Application, record_id=application_id, api_key_id=api_key_id)
    return require(record, "application")
