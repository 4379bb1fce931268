"""Streams a multipart CV upload straight into the uploads folder, capped as it arrives, judged when each part ends.

Nothing is spooled to a temporary directory and nothing the client names becomes a path:
each file part goes to a fresh generated name under the data folder, the byte count is
checked on every chunk (and Content-Length before the first), and when a part ends its
kind is decided from its bytes (``domain.cv.intake.accept_upload``: a Word file's ZIP
directory sits at its end, so the whole file is needed). Any refusal removes every file
this request wrote.
"""
from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field
from typing import BinaryIO

from fastapi import Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect

from config import Settings
from domain.cv.errors import CorruptDocumentError, CvReadError, EmptyFileError, EncryptedDocumentError, TooLargePdfError
from domain.cv.filetype import READABLE_NAMES
from domain.cv.intake import accept_upload
from storage.files import new_upload_name, upload_path

logger = logging.getLogger(__name__)

FILE_FIELD = "pdf_files"
TEXT_FIELDS = frozenset({"webhook_url"})
MAX_FILES = 5
MAX_FIELD_BYTES = 2048
MULTIPART_OVERHEAD = 64 * 1024  # boundaries, part headers and the small text fields
# A readable kind of file whose content is unusable is 422; a kind we do not read is 415.
UNPROCESSABLE = (EmptyFileError, CorruptDocumentError, EncryptedDocumentError)


class UploadRejected(Exception):
    """The upload is refused; nothing of it is kept."""

    def __init__(self, status_code: int, message: str, *, field: str = FILE_FIELD):
        super().__init__(message)
        self.status_code, self.message, self.field = status_code, message, field


@dataclass
class ReceivedUpload:
    file_names: list[str] = field(default_factory=list)  # generated names under uploads/
    original_filename: str | None = None  # for display only
    fields: dict[str, str] = field(default_factory=dict)


async def receive_cv_upload(request: Request, settings: Settings, *, quota_left: int | None = None,
                            quota_message: str = "") -> ReceivedUpload:
    """Parse the request body into stored CV files and text fields, or raise ``UploadRejected``.

    ``quota_left``: bytes the caller's files may still take on disk (services.upload_quota), None for no
    quota; files beyond it are refused 413 with ``quota_message`` as they stream, and nothing is kept.
    """
    boundary = _boundary(request.headers.get("content-type", ""))
    body_cap = MAX_FILES * settings.max_upload_bytes + MULTIPART_OVERHEAD
    _precheck_length(request.headers.get("content-length"), body_cap)
    sink = _UploadSink(settings, quota_left=quota_left, quota_message=quota_message)
    try:
        parser = MultipartParser(boundary, sink.callbacks())
        received = 0
        async for chunk in request.stream():
            received += len(chunk)
            if received > body_cap:
                raise UploadRejected(413, _too_large(settings))
            parser.write(chunk)
        return sink.finish()
    except FormParserError as exc:
        sink.discard()
        raise UploadRejected(400, f"The multipart body is malformed: {exc}") from None
    except ClientDisconnect:
        sink.discard()
        raise UploadRejected(400, "The upload was cut off before it finished.") from None
    except BaseException:
        sink.discard()
        raise


def _boundary(content_type: str) -> bytes:
    media_type, options = parse_options_header(content_type)
    if media_type != b"multipart/form-data":
        raise UploadRejected(415, f"Send the CV as multipart/form-data with the files ({READABLE_NAMES}) "
                                  "in the field pdf_files.")
    boundary = options.get(b"boundary", b"")
    if not boundary or len(boundary) > 200:
        raise UploadRejected(400, "The multipart/form-data content type has no valid boundary.")
    return boundary


def _precheck_length(content_length: str | None, body_cap: int) -> None:
    if content_length is None:
        return
    if not content_length.strip().isdigit():
        raise UploadRejected(400, "The Content-Length header is not a number.")
    if int(content_length) > body_cap:
        raise UploadRejected(413, f"The upload is {int(content_length)} bytes; at most {body_cap} are accepted.")


def _too_large(settings: Settings) -> str:
    return f"A file is larger than {settings.max_upload_mb:g} MB, the largest CV accepted."


class _UploadSink:
    """The parser's callbacks: route each part to a new file, a small text field, or nowhere."""

    def __init__(self, settings: Settings, *, quota_left: int | None = None, quota_message: str = ""):
        self.settings = settings
        self.quota_left, self.quota_message = quota_left, quota_message
        self._stored = 0  # bytes of every file part so far, against quota_left
        self.upload = ReceivedUpload()
        self.ended = False
        self._headers: dict[str, str] = {}
        self._header_name, self._header_value = bytearray(), bytearray()
        self._kind, self._field, self._text = "skip", "", bytearray()
        self._handle: BinaryIO | None = None
        self._size = 0

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self._part_begin, "on_header_field": self._header_field_data,
            "on_header_value": self._header_value_data, "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished, "on_part_data": self._part_data,
            "on_part_end": self._part_end, "on_end": self._end,
        }

    def _part_begin(self) -> None:
        self._headers, self._kind, self._text = {}, "skip", bytearray()

    def _header_field_data(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def _header_value_data(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _header_end(self) -> None:
        self._headers[self._header_name.decode("latin-1").lower()] = self._header_value.decode("latin-1")
        self._header_name, self._header_value = bytearray(), bytearray()

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get("content-disposition", ""))
        name = options.get(b"name", b"").decode("latin-1")
        if name == FILE_FIELD:
            self._open_file(options.get(b"filename"))
        elif name in TEXT_FIELDS:
            self._kind, self._field = "text", name

    def _open_file(self, filename: bytes | None) -> None:
        if len(self.upload.file_names) >= MAX_FILES:
            raise UploadRejected(422, f"Send at most {MAX_FILES} files at once.")
        self.settings.uploads_dir.mkdir(parents=True, exist_ok=True)
        name = new_upload_name("pdf")
        self._handle = open(upload_path(self.settings, name), "xb")
        self.upload.file_names.append(name)
        self._kind, self._size = "file", 0
        if self.upload.original_filename is None and filename:
            self.upload.original_filename = display_name(filename)

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._kind == "file":
            self._write_file(chunk)
        elif self._kind == "text":
            self._text += chunk
            if len(self._text) > MAX_FIELD_BYTES:
                raise UploadRejected(422, f"{self._field} is longer than {MAX_FIELD_BYTES} bytes.", field=self._field)

    def _write_file(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > self.settings.max_upload_bytes:
            raise UploadRejected(413, _too_large(self.settings))
        self._stored += len(chunk)
        if self.quota_left is not None and self._stored > self.quota_left:
            raise UploadRejected(413, self.quota_message)
        self._handle.write(chunk)

    def _judge(self, name: str) -> str:
        """The stored name of a finished file part, renamed to the suffix of the kind its bytes are.

        Raises ``UploadRejected`` with the reason for its kind when it is not a CV we read.
        """
        path = upload_path(self.settings, name)
        data = path.read_bytes()  # at most max_upload_bytes
        try:
            kind = accept_upload(data, max_bytes=self.settings.max_upload_bytes)
        except TooLargePdfError:
            raise UploadRejected(413, _too_large(self.settings)) from None
        except CvReadError as refusal:
            logger.info("refused an upload part: %s", refusal)
            status = 422 if isinstance(refusal, UNPROCESSABLE) else 415
            raise UploadRejected(status, refusal.user_message) from None
        if name.endswith(f".{kind.value}"):
            return name
        renamed = new_upload_name(kind.value)
        path.rename(upload_path(self.settings, renamed))
        return renamed

    def _part_end(self) -> None:
        if self._kind == "file":
            self._handle.close()
            self._handle = None
            self.upload.file_names[-1] = self._judge(self.upload.file_names[-1])
        elif self._kind == "text":
            try:
                self.upload.fields[self._field] = self._text.decode("utf-8")
            except UnicodeDecodeError:
                raise UploadRejected(422, f"{self._field} is not valid UTF-8.", field=self._field) from None
        self._kind = "skip"

    def _end(self) -> None:
        self.ended = True

    def finish(self) -> ReceivedUpload:
        if not self.ended:
            raise UploadRejected(400, "The multipart body ended before its closing boundary.")
        if not self.upload.file_names:
            raise UploadRejected(422, f"Attach at least one CV ({READABLE_NAMES}) in the form field pdf_files.")
        return self.upload

    def discard(self) -> None:
        """Remove every file this request wrote (a refused upload leaves nothing behind)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        for name in self.upload.file_names:
            upload_path(self.settings, name).unlink(missing_ok=True)
        self.upload.file_names.clear()


def display_name(raw: bytes) -> str:
    """The client's file name, made harmless for display (never used in a path)."""
    text = raw.decode("utf-8", errors="replace").replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C").strip()
    return text[:255] or "cv"
