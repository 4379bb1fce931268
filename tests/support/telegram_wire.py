"""Telegram's wire rules for the stand-in: request body parsing and the checks Telegram applies."""
from __future__ import annotations

import json
from email.parser import BytesParser
from email.policy import HTTP
from html.parser import HTMLParser
from urllib.parse import parse_qsl

JSON_FIELDS = {"reply_markup", "reply_parameters", "allowed_updates", "entities", "caption_entities",
               "link_preview_options"}
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler",
                "span", "blockquote", "tg-emoji"}
MAX_TEXT, MAX_CAPTION, MAX_CALLBACK_DATA = 4096, 1024, 64


class BotApiError(Exception):
    def __init__(self, code: int, description: str, parameters: dict | None = None):
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters


class TagChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            raise BotApiError(400, f"Bad Request: can't parse entities: unsupported start tag \"{tag}\"")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            raise BotApiError(400, f"Bad Request: can't parse entities: can't find end tag corresponding to \"{tag}\"")

    def handle_data(self, data):
        self.text.append(data)


def check_text(text: str, parse_mode: str | None, limit: int) -> None:
    plain = text
    if parse_mode == "HTML":
        checker = TagChecker()
        checker.feed(text)
        checker.close()
        if checker.stack:
            raise BotApiError(400, f"Bad Request: can't parse entities: unclosed start tag \"{checker.stack[-1]}\"")
        plain = "".join(checker.text)
    if len(plain.encode("utf-16-le")) // 2 > limit:
        raise BotApiError(400, "Bad Request: message is too long")
    if limit == MAX_TEXT and not plain.strip():
        raise BotApiError(400, "Bad Request: message text is empty")


def check_markup(markup: dict | None) -> None:
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            if len(button.get("callback_data", "").encode()) > MAX_CALLBACK_DATA:
                raise BotApiError(400, "Bad Request: BUTTON_DATA_INVALID")


def parse_body(content_type: str, body: bytes) -> dict:
    if not body:
        return {}
    if content_type.startswith("application/json"):
        return json.loads(body)
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        params = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_filename()
            payload = part.get_payload(decode=True)
            params[name] = (filename, payload) if filename else coerce(name, payload.decode())
        return params
    return {name: coerce(name, value) for name, value in parse_qsl(body.decode(), keep_blank_values=True)}


def coerce(name: str, value: str):
    """Form values arrive as strings; JSON-typed fields are JSON-encoded, as in the real API."""
    if name in JSON_FIELDS:
        return json.loads(value)
    return value
