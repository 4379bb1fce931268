"""Idempotency-Key on the real app (create_app, real database, real Celery producer on Redis), through httpx:
a retried POST gets its first answer and creates nothing more; copies at once get 409 or that answer; the key
reused for another request is 422; keys are per API key; a malformed key is 400; a 5xx frees the key."""
from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from sqlalchemy import func, select, text
from starlette.middleware import Middleware

from bot.api.idempotency import IdempotencyMiddleware, document_idempotency_key
from bot.app import create_app
from config import Settings
from storage.idempotency import IdempotencyKey, purge_expired_keys
from storage.db import dispose_engines, session_factory
from storage.migrate import upgrade_database
from storage.models import Base, JobSearch, TrackedApplication, UserProfile, utcnow
from tasks.celery_app import make_celery
from tasks.dispatch import CeleryTaskQueue
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.services import REDIS_URL, fresh_postgres_database

pytestmark = pytest.mark.redis
KEY_A, KEY_B = "idem-key-a-0123456789", "idem-key-b-9876543210"
SEARCH = {"query": "python developer", "location": "Berlin", "num_results": 5}


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def migrated_url(request, tmp_path_factory):
    """One migrated database of each kind for the module (migrating one per test cost most of their time)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('idempotency') / 'db.sqlite3'}"
        upgrade_database(url)
        yield url
        dispose_engines()
    else:
        with fresh_postgres_database() as url:
            upgrade_database(url)
            yield url


@pytest.fixture
def app(migrated_url, redis_prefix, tmp_path):
    database_url = migrated_url
    with session_factory(database_url)() as session:  # every test starts from empty tables
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(table.delete())
        session.commit()
    settings = Settings(_env_file=None, job_agent_data_dir=tmp_path / "data", database_url=database_url,
                        api_keys=f"{KEY_A},{KEY_B}", celery_broker_url=REDIS_URL, celery_result_backend=REDIS_URL,
                        celery_key_prefix=redis_prefix)
    settings.ensure_dirs()
    app = create_app(settings)
    if not any(middleware.cls is IdempotencyMiddleware for middleware in app.user_middleware):
        # Innermost, right before the routes: where bot.app is asked to register it (after the auth gate
        # and the body cap); add_middleware would put it outermost.
        app.user_middleware.append(Middleware(IdempotencyMiddleware))
    queue = CeleryTaskQueue(make_celery(settings))  # the real producer, on this test's Redis key space
    app.state.task_queue = queue
    yield app
    queue.app.close()


@pytest.fixture
async def client(app):
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver", headers={"X-API-Key": KEY_A},
                                 timeout=30) as client:
        yield client


def _count(app, model, *where) -> int:
    with app.state.sessions() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def _search(client, key: str | None = "search-1", body: dict = SEARCH, **headers):
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post("/api/v1/discovery", json=body, headers=headers)


async def test_a_retried_search_gets_the_first_answer_and_creates_nothing_more(app, client):
    first = await _search(client)
    again = await _search(client)
    assert first.status_code == again.status_code == 202
    assert again.json() == first.json() and again.headers["content-type"] == first.headers["content-type"]
    assert again.headers["idempotent-replayed"] == "true" and "idempotent-replayed" not in first.headers
    assert _count(app, JobSearch) == 1 and _count(app, IdempotencyKey) == 1
    without = [await _search(client, key=None) for _ in range(2)]  # without the header nothing changes
    assert len({response.json()["job_search_id"] for response in without + [first]}) == 3
    assert _count(app, JobSearch) == 3 and _count(app, IdempotencyKey) == 1


async def test_a_created_alert_and_a_tracked_job_are_replayed_with_their_201(app, client):
    headers = {"Idempotency-Key": "track-1"}
    tracked = [await client.post("/api/v1/tracker", json={"title": "Data engineer"}, headers=headers)
               for _ in range(3)]
    assert [response.status_code for response in tracked] == [201, 201, 201]
    assert tracked[0].json() == tracked[1].json() == tracked[2].json()
    assert _count(app, TrackedApplication) == 1
    alert = [await client.post("/api/v1/alerts", json={"query": "data engineer"}, headers={"Idempotency-Key": "a"})
             for _ in range(2)]
    assert [response.status_code for response in alert] == [201, 201] and alert[0].json() == alert[1].json()


async def test_a_refusal_under_500_is_kept_too(app, client):
    body = {"profile_id": "no-such-profile", "job_search_id": "no-such-search"}
    answers = [await client.post("/api/v1/matching", json=body, headers={"Idempotency-Key": "m1"}) for _ in range(2)]
    assert [answer.status_code for answer in answers] == [404, 404]
    assert answers[0].json() == answers[1].json() and answers[1].headers["idempotent-replayed"] == "true"


async def test_three_copies_at_once_make_one_search_and_each_gets_409_or_its_answer(app, client):
    answers = await asyncio.gather(*(_search(client, key="burst") for _ in range(3)))
    statuses = sorted(answer.status_code for answer in answers)
    assert set(statuses) <= {202, 409} and 202 in statuses, statuses
    assert len({answer.text for answer in answers if answer.status_code == 202}) == 1
    assert _count(app, JobSearch) == 1
    final = await _search(client, key="burst")
    assert final.status_code == 202 and final.json() == next(a.json() for a in answers if a.status_code == 202)


async def test_a_copy_arriving_while_the_first_is_still_being_sent_is_409_until_it_is_answered(app, client):
    raw = json.dumps(SEARCH).encode()
    halfway, go_on = asyncio.Event(), asyncio.Event()

    async def slow_body():
        yield raw[:10]
        halfway.set()
        await go_on.wait()
        yield raw[10:]

    first = asyncio.create_task(client.post("/api/v1/discovery", content=slow_body(), headers={
        "Idempotency-Key": "slow", "Content-Type": "application/json"}))
    await asyncio.wait_for(halfway.wait(), 10)
    copies = [await _search(client, key="slow") for _ in range(2)]
    assert [copy.status_code for copy in copies] == [409, 409]
    assert "still being handled" in copies[0].json()["detail"] and copies[0].headers["retry-after"] == "1"
    go_on.set()
    answered = await first
    assert answered.status_code == 202
    assert (await _search(client, key="slow")).json() == answered.json()
    assert _count(app, JobSearch) == 1


async def test_the_same_key_for_another_request_is_422_and_changes_nothing(app, client):
    first = await _search(client)
    other = await _search(client, body={**SEARCH, "query": "go developer"})
    assert other.status_code == 422
    [error] = other.json()["detail"]
    assert error["loc"] == ["header", "Idempotency-Key"] and "different request" in error["msg"]
    elsewhere = await client.post("/api/v1/tracker", json={"title": "x"}, headers={"Idempotency-Key": "search-1"})
    assert elsewhere.status_code == 422
    assert _count(app, JobSearch) == 1 and _count(app, TrackedApplication) == 0
    assert (await _search(client)).json() == first.json()  # the key still answers its own request


async def test_two_api_keys_may_use_the_same_value_independently(app, client):
    mine = await _search(client, key="shared")
    theirs = await _search(client, key="shared", **{"X-API-Key": KEY_B})
    assert mine.status_code == theirs.status_code == 202
    assert mine.json()["job_search_id"] != theirs.json()["job_search_id"]
    assert _count(app, JobSearch) == 2 and _count(app, IdempotencyKey) == 2
    theirs_again = await _search(client, key="shared", body={**SEARCH, "query": "other"}, **{"X-API-Key": KEY_B})
    assert theirs_again.status_code == 422  # judged against their own first request, not mine


async def test_the_key_may_be_sent_as_a_quoted_string(app, client):
    first = await _search(client, key='"8e03978e-40d5-43e8-bc93-6894a57f9324"')
    again = await _search(client, key="8e03978e-40d5-43e8-bc93-6894a57f9324")
    assert again.json() == first.json() and _count(app, JobSearch) == 1
    with app.state.sessions() as session:
        assert session.scalars(select(IdempotencyKey.key)).all() == ["8e03978e-40d5-43e8-bc93-6894a57f9324"]


MALFORMED = [[b""], [b"x" * 256], [b"tab\x7f"], ["clé".encode()], [b"\xff"], [b"a", b"b"], [b'"unfinished\\"'],
             [b'"bad \\n escape"'], [b'""'], [b'"in"side"']]


async def test_a_malformed_key_is_400_and_nothing_is_created(app, client):
    for values in MALFORMED:
        headers = [("X-API-Key", KEY_A.encode()), ("Content-Type", b"application/json")]
        headers += [("Idempotency-Key", value) for value in values]
        response = await client.post("/api/v1/discovery", content=json.dumps(SEARCH).encode(), headers=headers)
        assert response.status_code == 400, (values, response.text)
        assert "Idempotency-Key" in response.json()["detail"]
    assert _count(app, JobSearch) == 0 and _count(app, IdempotencyKey) == 0


async def test_the_longest_key_is_accepted(app, client):
    assert (await _search(client, key="k" * 255)).status_code == 202


async def test_without_a_valid_api_key_the_key_is_not_looked_at(app, client):
    for api_key in ("", "wrong-key"):
        response = await _search(client, key="search-1", **{"X-API-Key": api_key})
        assert response.status_code == 401 and response.headers["www-authenticate"] == "ApiKey"
    assert _count(app, JobSearch) == 0 and _count(app, IdempotencyKey) == 0


async def test_a_5xx_frees_the_key_so_that_the_retry_runs(app, client):
    """A real fault: the searches' table is gone while the first copy runs (as if the database broke)."""
    with app.state.sessions() as session:
        session.execute(text("ALTER TABLE job_searches RENAME TO job_searches_away"))
        session.commit()
    failed = await _search(client)
    assert failed.status_code == 500 and _count(app, IdempotencyKey) == 0
    with app.state.sessions() as session:
        session.execute(text("ALTER TABLE job_searches_away RENAME TO job_searches"))
        session.commit()
    retried = await _search(client)
    assert retried.status_code == 202 and "idempotent-replayed" not in retried.headers
    assert (await _search(client)).json() == retried.json()
    assert _count(app, JobSearch) == 1


async def test_an_uploaded_cv_sent_twice_with_one_key_makes_one_profile(app, client):
    """httpx picks a new multipart boundary for each copy, as any client does: the copies are still the same."""
    pdf = make_cv_pdf(PERSONAS["python_dev_berlin"])
    uploads = app.state.settings.uploads_dir

    def upload(content: bytes = pdf):
        return client.post("/api/v1/profiling", files=[("pdf_files", ("cv.pdf", content, "application/pdf"))],
                           headers={"Idempotency-Key": "cv-1"})

    first, again = await upload(), await upload()
    assert first.status_code == again.status_code == 202, first.text
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert _count(app, UserProfile) == 1 and len(list(uploads.iterdir())) == 1
    other = await upload(make_cv_pdf(PERSONAS["data_scientist"]))
    assert other.status_code == 422 and _count(app, UserProfile) == 1 and len(list(uploads.iterdir())) == 1


async def test_an_expired_key_is_purged_and_then_runs_as_new(app, client):
    first = await _search(client)
    with app.state.sessions() as session:
        assert purge_expired_keys(session) == 0
        assert purge_expired_keys(session, now=utcnow().replace(year=utcnow().year + 1)) == 1
    later = await _search(client)
    assert later.status_code == 202 and later.json()["job_search_id"] != first.json()["job_search_id"]
    assert _count(app, JobSearch) == 2


async def test_the_openapi_schema_names_the_header_on_every_creating_post(app, client):
    document_idempotency_key(app)  # bot.app does it too: a second call adds nothing
    paths = (await client.get("/openapi.json")).json()["paths"]
    posts = {path: operations["post"] for path, operations in paths.items()
             if path.startswith("/api/v1/") and "post" in operations}
    assert set(posts) == {"/api/v1/profiling", "/api/v1/discovery", "/api/v1/matching", "/api/v1/jobs",
                          "/api/v1/alerts", "/api/v1/tracker"}
    for path, operation in posts.items():
        [parameter] = [p for p in operation["parameters"] if p["name"] == "Idempotency-Key"]
        assert parameter["in"] == "header" and not parameter["required"], path
        assert {"400", "409", "422"} <= set(operation["responses"]), path
    gets = [operations["get"] for operations in paths.values() if "get" in operations]
    assert not any(p["name"] == "Idempotency-Key" for operation in gets for p in operation.get("parameters", []))
