"""/api/v1/profiling: CV PDFs in, a candidate profile out."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from bot.api.deps import ApiKeyDep, QueueDep, SessionDep, SettingsDep
from bot.api.schemas import ErrorDetail, ProfileAccepted, ProfileResult, ProfileStatus, ValidationErrors
from bot.api.uploads import FILE_FIELD, MAX_FILES, ReceivedUpload, UploadRejected, receive_cv_upload
from bot.api.views import (
    AUTH_RESPONSES, accepted_body, invalid, not_completed_response, require, result_responses, status_body,
    status_responses, vetted_webhook_url,
)
from config import Settings
from delivery.webhook_safety import MAX_URL_CHARS
from services.ports import ApiRequester
from services.profiles import request_profile
from services.records import get_owned
from storage.files import upload_path
from storage.models import UserProfile

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1/profiling", tags=["profiling"], responses=AUTH_RESPONSES)

UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": [FILE_FIELD],
                    "properties": {
                        FILE_FIELD: {"type": "array", "minItems": 1, "maxItems": MAX_FILES,
                                     "items": {"type": "string", "format": "binary"},
                                     "description": "one or more CV PDFs (several are merged into one profile)"},
                        "webhook_url": {"type": "string", "maxLength": MAX_URL_CHARS,
                                        "description": "https URL for a signed event when the profile is ready"},
                    },
                },
                "encoding": {FILE_FIELD: {"contentType": "application/pdf"}},
            }
        },
    }
}
UPLOAD_ERRORS = {
    400: {"model": ErrorDetail, "description": "malformed multipart body"},
    413: {"model": ErrorDetail, "description": "a PDF is larger than MAX_UPLOAD_MB"},
    415: {"model": ErrorDetail, "description": "not multipart/form-data, or a file is not a PDF"},
    422: {"model": ValidationErrors, "description": "no PDF, too many files, an empty file or an unsafe webhook_url"},
}


@router.post("", status_code=202, response_model=ProfileAccepted, responses=UPLOAD_ERRORS, openapi_extra=UPLOAD_BODY)
async def create_profile(request: Request, session: SessionDep, queue: QueueDep, settings: SettingsDep,
                         api_key_id: ApiKeyDep) -> dict:
    """Upload CV PDFs (field `pdf_files`); the profile is at `result_url` once it completes."""
    try:
        upload = await receive_cv_upload(request, settings)
    except UploadRejected as exc:
        if exc.status_code == 422:
            raise invalid(exc.field, exc.message) from None
        return JSONResponse({"detail": exc.message}, status_code=exc.status_code)
    try:
        record = await run_in_threadpool(_submit, session, queue, settings, upload, api_key_id)
    except BaseException:
        _remove_files(settings, upload)
        raise
    return accepted_body(record)


def _submit(session, queue, settings: Settings, upload: ReceivedUpload, api_key_id: str) -> UserProfile:
    webhook_url = vetted_webhook_url(upload.fields.get("webhook_url"), settings.webhook_http_allowlist)
    return request_profile(session=session, queue=queue, requester=ApiRequester(api_key_id, webhook_url),
                           file_names=upload.file_names, original_filename=upload.original_filename)


def _remove_files(settings: Settings, upload: ReceivedUpload) -> None:
    for name in upload.file_names:
        upload_path(settings, name).unlink(missing_ok=True)


@router.get("/{profile_id}/status", response_model=ProfileStatus, responses=status_responses())
def profile_status(profile_id: str, session: SessionDep, api_key_id: ApiKeyDep) -> dict:
    """Where the profile stands."""
    record = get_owned(session=session, model=UserProfile, record_id=profile_id, api_key_id=api_key_id)
    return status_body(require(record, "profile"))


@router.get("/{profile_id}", response_model=ProfileResult, responses=result_responses(ProfileStatus))
def profile_result(profile_id: str, session: SessionDep, api_key_id: ApiKeyDep) -> dict | JSONResponse:
    """The extracted profile and the CV text."""
    record = require(get_owned(session=session, model=UserProfile, record_id=profile_id,
                                       api_key_id=api_key_id), "profile")
    return not_completed_response(record) or {
        "profile_id": record.id, "status": record.status, "profile": record.profile or {},
        "profile_text": record.profile_text or "", "completed_at": record.completed_at,
    }
