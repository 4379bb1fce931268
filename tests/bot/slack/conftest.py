import pytest

from tests.support.slack_payloads import SIGNING_SECRET, SlackSender
from tests.support.services import fresh_postgres_database, needs, redis_key_prefix
from tests.support.slack_standin import BOT_TOKEN, SlackStandIn
from tests.support.stack import running_stack, stack_env


def slack_stack(tmp_path_factory, database: str):
    """The real `job-agent serve` and a real Celery worker on real Redis, with Slack pointed at a fresh stand-in."""
    def run(database_url):
        with SlackStandIn() as slack, redis_key_prefix() as prefix:
            env = stack_env(tmp_path_factory.mktemp("data"), database_url=database_url, redis_prefix=prefix,
                            SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                            SLACK_API_BASE_URL=slack.api_url, MAX_UPLOAD_MB="1")
            with running_stack(env) as stack:
                stack.slack = slack
                yield stack

    if database == "postgres":
        with fresh_postgres_database() as url:
            yield from run(url)
    else:
        yield from run(None)


@pytest.fixture(scope="module", params=[pytest.param("postgres", marks=pytest.mark.postgres), "sqlite"])
@needs("integration", "redis")
def stack(request, tmp_path_factory):
    yield from slack_stack(tmp_path_factory, request.param)


@pytest.fixture(scope="module")
@needs("integration", "redis", "postgres")
def postgres_stack(tmp_path_factory):
    yield from slack_stack(tmp_path_factory, "postgres")


@pytest.fixture
def slack(stack) -> SlackStandIn:
    return stack.slack


@pytest.fixture
def sender(stack):
    return SlackSender(stack.base_url)
