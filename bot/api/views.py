"""Shared response building: 202 + URLs on submit, the status body, 202/404/422 around results."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import HTTPException, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from bot.api.schemas import ErrorDetail
from delivery.webhook_safety import UnsafeWebhook, check_webhook_url
from pipeline.steps import result_path, step_of
from services.errors import NotFound, Refused
from storage.models import COMPLETED, FAILED

AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorDetail, "description": "missing or unknown X-API-Key"},
    403: {"model": ErrorDetail, "description": "the REST API is disabled (no API_KEYS configured)"},
    429: {"model": ErrorDetail, "description": "too many requests this minute (API_REQUESTS_PER_MINUTE) or too many "
                                               "still running (MAX_OPEN_REQUESTS_PER_OWNER); see Retry-After"},
}
NOT_FOUND = {404: {"model": ErrorDetail, "description": "no such record for this API key"}}


def urls(record) -> dict[str, str]:
    result_url = result_path(record.record_type, record.id)
    return {"status_url": f"{result_url}/status", "result_url": result_url}


def id_field(record) -> dict[str, str]:
    return {step_of(record).rest_id: record.id}


def accepted_body(record) -> dict[str, Any]:
    return {**id_field(record), "status": record.status, **urls(record)}


def status_body(record) -> dict[str, Any]:
    return {
        **id_field(record),
        "status": record.status,
        "progress": record.progress_percent or 0,
        "created_at": record.created_at,
        "started_at": record.started_at,
        "completed_at": record.completed_at,
        "failed_at": record.failed_at,
        "error": record.error_message,
        "error_code": record.error_code,
        **urls(record),
    }


def not_completed_response(record) -> JSONResponse | None:
    """``None`` when the result is ready; else 422 for a failure or 202 with the status."""
    if record.status == COMPLETED:
        return None
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if record.status == FAILED else status.HTTP_202_ACCEPTED
    headers = {} if record.status == FAILED else {"Retry-After": "2"}
    return JSONResponse(jsonable_encoder(status_body(record)), status_code=code, headers=headers)


def require(record, what: str, message: str | None = None):
    if record is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, message or f"No {what} with that id.")
    return record


def invalid(field: str, message: str, code: str = "value_error") -> RequestValidationError:
    """A 422 in FastAPI's usual shape, so every validation failure reads the same way."""
    return RequestValidationError([{"loc": ("body", field), "msg": message, "type": code}])


@contextmanager
def refusals_as_http() -> Iterator[None]:
    """A use case's refusal as the REST answer: 404 for a missing record, 409 for one not usable yet."""
    try:
        yield
    except NotFound as refusal:
        raise HTTPException(status.HTTP_404_NOT_FOUND, refusal.message) from None
    except Refused as refusal:
        raise HTTPException(status.HTTP_409_CONFLICT, refusal.message) from None


def vetted_webhook_url(url: str | None, allow_http_hosts: frozenset[str]) -> str | None:
    """Check a caller's webhook_url (blocking DNS); 422 with the reason when unsafe."""
    if url is None or url == "":
        return None
    try:
        return check_webhook_url(url, allow_http_hosts=allow_http_hosts).url
    except UnsafeWebhook as exc:
        raise invalid("webhook_url", exc.reason, "unsafe_webhook_url") from None


def result_responses(status_model) -> dict[int | str, dict[str, Any]]:
    """OpenAPI for a result route: 202 while not ready, 404 unknown, 422 failed."""
    return {
        202: {"model": status_model, "description": "not ready yet: the current status"},
        **NOT_FOUND,
        422: {"model": status_model, "description": "the request failed: status, error and error_code"},
    }


def status_responses() -> dict[int | str, dict[str, Any]]:
    return dict(NOT_FOUND)
