"""The one way the product builds its client for an OpenAI-compatible chat model (LLM_* settings)."""
from __future__ import annotations

import functools


@functools.lru_cache(maxsize=8)
def chat_client(base_url: str, api_key: str, *, timeout: float, max_retries: int = 1):
    """An ``openai.OpenAI`` client for ``base_url`` (a local server may need no key: "unused" is sent),
    ``timeout`` seconds per request and ``max_retries`` retries; one per settings, reused (it keeps a
    connection pool). ``openai`` is imported only here and only when a model is configured."""
    from openai import OpenAI  # noqa: PLC0415 - the bot and the template writer never need it

    return OpenAI(base_url=base_url, api_key=api_key or "unused", timeout=timeout, max_retries=max_retries)
