"""Downloading a file shared with the app: Slack serves it only with the bot token as a bearer."""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

import httpx

from domain.errors import PermanentError

logger = logging.getLogger(__name__)
SLACK_FILE_HOSTS = {"files.slack.com"}


class SlackDownloadError(PermanentError):
    """Slack did not hand the file over; ``user_message`` says so in the file's thread."""

    code = "slack_download_failed"

    @classmethod
    def for_status(cls, status: int) -> SlackDownloadError:
        if status in (401, 403, 404, 410):
            return cls(f"Slack wouldn't give me this file (it answered {status}) — it may have been deleted, or "
                       "I'm not allowed to see it here. Please upload the CV again, or send it to me in a direct message.")
        return cls(f"Slack had a problem handing me this file (it answered {status}). "
                   "Please share it again in a minute.")

    @classmethod
    def unreachable(cls) -> SlackDownloadError:
        return cls("I couldn't reach Slack to download this file. Please share it again in a minute.")


def is_slack_file_url(url: str, api_base_url: str) -> bool:
    """Only Slack's file host (or the configured API host, e.g. a stand-in) ever sees our token."""
    parts, api = urlsplit(url), urlsplit(api_base_url)
    if parts.scheme == "https" and parts.hostname in SLACK_FILE_HOSTS:
        return True
    return (parts.scheme, parts.hostname, parts.port) == (api.scheme, api.hostname, api.port)


async def download_file(url: str, *, token: str, limit: int, api_base_url: str) -> bytes:
    """The file's bytes; stops after ``limit`` + 1 bytes so the core can say the file is too large.

    Raises ``SlackDownloadError`` when Slack answers with an error status or cannot be
    reached, and ValueError for a URL off Slack's file host (the token never goes there).
    """
    if not is_slack_file_url(url, api_base_url):
        raise ValueError(f"refusing to send the bot token to {urlsplit(url).hostname}")
    headers = {"Authorization": f"Bearer {token}"}
    data = bytearray()
    try:
        async with httpx.AsyncClient(timeout=60, follow_redirects=True, max_redirects=3) as http:
            async with http.stream("GET", url, headers=headers) as response:
                if response.status_code >= 400:
                    logger.info("slack answered %d for a file download", response.status_code)
                    raise SlackDownloadError.for_status(response.status_code)
                async for chunk in response.aiter_bytes():
                    data += chunk
                    if len(data) > limit:
                        break
    except httpx.TransportError as exc:
        logger.info("slack file download failed: %r", exc)
        raise SlackDownloadError.unreachable() from exc
    logger.info("downloaded a %d-byte file from slack", len(data))
    return bytes(data[: limit + 1])
