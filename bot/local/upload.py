"""Reads the local chat's CV form (POST /local/cv) into memory as it streams: nothing goes to a temporary file.

The form: ``chat``, ``locale``, and either a ``file`` part or, for a file over MAX_UPLOAD_MB, only ``size``
(bytes) and ``filename`` (see bot.local.client). Of the file, at most ``max_file_bytes + 1`` bytes are kept
(enough for the core to see it is over the limit) while its whole size is counted; the body as a whole is
capped by the HTTP edge (bot.ops.body_limit), which ends the read with a 413.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import HTTPException, Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

TEXT_FIELDS = frozenset({"chat", "locale", "size", "filename"})
MAX_FIELD_BYTES = 1024


@dataclass
class CvForm:
    fields: dict[str, str] = field(default_factory=dict)
    data: bytearray | None = None  # None: no file part
    size: int = 0  # the file part's whole size in bytes
    filename: str = ""


async def read_cv_form(request: Request, max_file_bytes: int) -> CvForm:
    """The form of ``request``; raises HTTPException 400 (malformed) or 415 (not a form)."""
    media_type, options = parse_options_header(request.headers.get("content-type", ""))
    if media_type == b"application/x-www-form-urlencoded":  # a size-only announcement: a few bytes
        form = await request.form(max_files=0, max_fields=len(TEXT_FIELDS))
        return CvForm(fields={name: str(value)[:MAX_FIELD_BYTES] for name, value in form.items()
                              if name in TEXT_FIELDS})
    if media_type != b"multipart/form-data" or not 0 < len(options.get(b"boundary", b"")) <= 200:
        raise HTTPException(415, "send the CV as multipart/form-data")
    reader = _Reader(max_file_bytes)
    parser = MultipartParser(options[b"boundary"], reader.callbacks())
    try:
        async for chunk in request.stream():
            parser.write(chunk)
    except FormParserError as exc:
        raise HTTPException(400, f"the multipart body is malformed: {exc}") from None
    if not reader.ended:
        raise HTTPException(400, "the multipart body ended before its closing boundary")
    return reader.form


class _Reader:
    """The parser's callbacks: text fields (each at most MAX_FIELD_BYTES), the file part (kept up to the limit)."""

    def __init__(self, max_file_bytes: int):
        self.keep = max_file_bytes + 1
        self.form = CvForm()
        self.ended = False
        self._header, self._value, self._headers = bytearray(), bytearray(), {}
        self._kind, self._name, self._text = "skip", "", bytearray()

    def callbacks(self) -> dict:
        return {"on_part_begin": self._begin, "on_header_field": self._header_data,
                "on_header_value": self._value_data, "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished, "on_part_data": self._data,
                "on_part_end": self._part_end, "on_end": self._end}

    def _begin(self) -> None:
        self._headers, self._kind, self._text = {}, "skip", bytearray()

    def _header_data(self, data: bytes, start: int, end: int) -> None:
        self._header += data[start:end]

    def _value_data(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        self._headers[bytes(self._header).lower()] = bytes(self._value)
        self._header, self._value = bytearray(), bytearray()

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._name = options.get(b"name", b"").decode("latin-1")
        if self._name == "file" and self.form.data is None:
            self._kind, self.form.data = "file", bytearray()
            self.form.filename = options.get(b"filename", b"").decode("utf-8", "replace")[:255]
        elif self._name in TEXT_FIELDS:
            self._kind = "text"

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._kind == "file":
            self.form.size += end - start
            room = self.keep - len(self.form.data)
            if room > 0:
                self.form.data += data[start:min(end, start + room)]
        elif self._kind == "text" and len(self._text) <= MAX_FIELD_BYTES:
            self._text += data[start:end]

    def _part_end(self) -> None:
        if self._kind == "text":
            self.form.fields[self._name] = self._text[:MAX_FIELD_BYTES].decode("utf-8", "replace")
        self._kind = "skip"

    def _end(self) -> None:
        self.ended = True
