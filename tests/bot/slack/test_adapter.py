"""The adapter's wiring, without a server: routes, Bolt configuration, Socket Mode construction."""
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler

from bot.slack.adapter import SlackAdapter
from config import Settings


def _adapter(tmp_path, **extra) -> SlackAdapter:
    settings = Settings(job_agent_data_dir=tmp_path, slack_bot_token="xoxb-1", slack_signing_secret="s",
                        slack_api_base_url="http://127.0.0.1:9/api", **extra)
    return SlackAdapter(settings, conversation=None)


def test_one_url_for_events_commands_and_interactivity(tmp_path):
    adapter = _adapter(tmp_path)
    assert [(r.path, r.methods) for r in adapter.router.routes] == [("/slack/events", {"POST"})]
    assert adapter.client.base_url == "http://127.0.0.1:9/api/"
    assert any(isinstance(h, AsyncRateLimitErrorRetryHandler) for h in adapter.client.retry_handlers)
    assert adapter.app.process_before_response


async def test_socket_mode_handler_builds_from_the_app_token(tmp_path):
    adapter = _adapter(tmp_path, slack_app_token="xapp-1")
    handler = AsyncSocketModeHandler(adapter.app, adapter.settings.slack_app_token.get_secret_value())
    try:
        assert handler.client.app_token == "xapp-1"  # connecting needs Slack itself; not offline
    finally:
        await handler.client.close()
