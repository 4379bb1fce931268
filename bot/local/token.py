"""The local chat's shared secret: a token generated once into the data folder, sent as ``X-Local-Token``."""
from __future__ import annotations

import hmac

from config import Settings
from config.settings import _stored_secret

TOKEN_FILE = "local-chat-token"
HEADER = "X-Local-Token"


def local_token(settings: Settings) -> str:
    """The token (ASCII), created on first use; only someone who can read the data folder knows it."""
    return _stored_secret(settings.job_agent_data_dir / TOKEN_FILE)


def local_token_matches(settings: Settings, presented: str | None) -> bool:
    """True when ``presented`` (a header value as Starlette decodes it, Latin-1) is the token. Compared as bytes
    in constant time: any header value, non-ASCII included, is a plain mismatch, never an error."""
    if not presented:
        return False
    return hmac.compare_digest(presented.encode("latin-1", "replace"), local_token(settings).encode())
