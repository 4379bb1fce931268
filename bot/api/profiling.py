"""/api/v1/profiling: CV files (PDF, Word, OpenDocument, photos and scans) in, a candidate profile out."""
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
from domain.cv.filetype import READABLE_NAMES
from services.ports import ApiRequester
from services.profiles import request_profile
from services.records import get_owned
from services.submit import check_requester_room
from services.upload_quota import quota_full, quota_left
from storage.files import upload_path
from storage.models import UserProfile

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1/profiling", tags=["profiling"], responses=AUTH_RESPONSES)

# The field keeps its historical name; what it takes is decided from each file's bytes, not its name or type.
ACCEPTED_CONTENT_TYPES = (
    "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text", "image/jpeg", "image/png", "image/heic", "image/webp", "image/tiff",
)
FILE_DESCRIPTION = (
    f"one or more CV files (several are merged into one profile): {READABLE_NAMES}; also HEIC, WebP, TIFF, GIF "
    "and BMP images. Text PDFs, scanned PDFs and PDF forms are read. The kind is decided from the bytes, not the "
    "file name or part content type. Word 97–2003 (.doc), RTF and Apple Pages files are refused (415) with advice "
    "to export them as PDF or .docx; an empty, damaged or password-protected file is 422."
)
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
                                     "description": FILE_DESCRIPTION},
                        "webhook_url": {"type": "string", "maxLength": MAX_URL_CHARS,
                                        "description": "https URL for a signed event when the profile is ready"},
                    },
                },
                "encoding": {FILE_FIELD: {"contentType": ", ".join(ACCEPTED_CONTENT_TYPES)}},
            }
        },
    }
}
UPLOAD_ERRORS = {
    400: {"model": ErrorDetail, "description": "malformed multipart body"},
    413: {"model": ErrorDetail, "description": "a file is larger than MAX_UPLOAD_MB, or the key's stored uploads "
                                                "would exceed UPLOAD_QUOTA_MB"},
    429: {"model": ErrorDetail, "description": "too many requests this minute (API_REQUESTS_PER_MINUTE) or "
                                                "still running (MAX_OPEN_REQUESTS_PER_OWNER); see Retry-After"},
    415: {"model": ErrorDetail, "description": "not multipart/form-data, or a file is not a CV kind we read "
                                                "(PDF, DOCX, ODT, JPEG, PNG …; .doc, .rtf and .pages get export advice)"},
    422: {"model": ValidationErrors, "description": "no file, too many files, an empty, damaged or "
                                                    "password-protected file, or an unsafe webhook_url"},
}


@router.post("", status_code=202, response_model=ProfileAccepted, responses=UPLOAD_ERRORS, openapi_extra=UPLOAD_BODY)
async def create_profile(request: Request, session: SessionDep, queue: QueueDep, settings: SettingsDep,
                         api_key_id: ApiKeyDep) -> dict:
    """Upload CV files (field `pdf_files`: PDF, Word .docx, OpenDocument .odt, JPEG or PNG photos and scans);
    the profile is at `result_url` once it completes."""
    requester = ApiRequester(api_key_id)
    # Before a byte of the body is read: a key with too many requests running, or a full quota, is
    # refused at once (OverLimit, answered 429/413 by bot.api.deps) instead of after a long upload.
    left = await run_in_threadpool(_room_for_upload, session, settings, requester)
    try:
        upload = await receive_cv_upload(request, settings, quota_left=left,
                                         quota_message=quota_full(settings, requester,
                                                                  settings.upload_quota_bytes - left).message)
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


def _room_for_upload(session, settings: Settings, requester: ApiRequester) -> int:
    """Bytes the key may still upload; raises ``OverLimit`` when it may not upload now at all."""
    try:
        check_requester_room(session=session, requester=requester, limit=settings.max_open_requests_per_owner)
        return quota_left(session=session, settings=settings, requester=requester)
    finally:
        session.rollback()  # hand the connection back: an upload may stream for minutes before it is stored


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
