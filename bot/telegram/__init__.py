"""Telegram adapter: python-telegram-bot inside the job-agent ASGI server."""
