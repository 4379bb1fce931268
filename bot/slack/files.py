"""Downloading a file shared with the app: Slack serves it only with the bot token as a bearer."""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

import httpx

logger = logging.getLogger(__name__)
SLACK_FILE_HOSTS = {"files.slack.com"}


def is_slack_file_url(url: str, api_base_url: str) -> bool:
    """Only Slack's file host (or the configured API host, e.g. a stand-in) ever sees our token."""
    parts, api = urlsplit(url), urlsplit(api_base_url)
    if parts.scheme == "https" and parts.hostname in SLACK_FILE_HOSTS:
        return True
    return (parts.scheme, parts.hostname, parts.port) == (api.scheme, api.hostname, api.port)


async def download_file(url: str, *, token: str, limit: int, api_base_url: str) -> bytes:
    """The file's bytes; stops after ``limit`` + 1 bytes so the core can say the file is too large."""
    if not is_slack_file_url(url, api_base_url):
        raise ValueError(f"refusing to send the bot token to {urlsplit(url).hostname}")
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(timeout=60, follow_redirects=True, max_redirects=3) as http:
        async with http.stream("GET", url, headers=headers) as response:
            response.raise_for_status()
            data = bytearray()
            async for chunk in response.aiter_bytes():
                data += chunk
                if len(data) > limit:
                    break
    logger.info("downloaded a %d-byte file from slack", len(data))
    return bytes(data[: limit + 1])
