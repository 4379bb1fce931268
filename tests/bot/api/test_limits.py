"""The REST API's limits on the real ASGI app in this process (SQLite, a task queue that sends nothing, so
records stay pending): per-key requests a minute, requests still running per key, the upload quota.
Each refusal names its limit; nothing is stored for it; the other key is unaffected."""
from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select, update

from bot.api.auth import api_key_id
from bot.app import create_app
from config import Settings, get_settings
from storage.migrate import upgrade_database
from storage.models import COMPLETED, JobSearch, UserProfile
from tests.support import cv_kinds
from tests.support.fakes import FakeTaskQueue
from tests.support.services import REDIS_URL

KEY_A, KEY_B = "limits-key-a-0123456789", "limits-key-b-0123456789"
CV = cv_kinds.make_pdf()


def make_app(tmp_path, monkeypatch, **limits):
    """An app whose settings come from the environment (as ``serve``'s do), with ``limits`` set in it: the use
    cases read the process's settings (services.submit), the routes the app's, and both must agree."""
    env = {"JOB_AGENT_DATA_DIR": str(tmp_path), "API_KEYS": f"{KEY_A},{KEY_B}", **limits}
    for name, value in env.items():
        monkeypatch.setenv(name, str(value))
    get_settings.cache_clear()
    settings = Settings(_env_file=None)
    settings.ensure_dirs()
    upgrade_database(settings.resolved_database_url)
    app = create_app(settings)
    app.state.task_queue = FakeTaskQueue()
    return app


@pytest.fixture(autouse=True)
def fresh_settings():
    yield
    get_settings.cache_clear()


def client(app, key: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api",
                             headers={"X-API-Key": key})


def count(app, model, key: str) -> int:
    with app.state.sessions() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.api_key_id == api_key_id(key)))


async def search(api: httpx.AsyncClient) -> httpx.Response:
    return await api.post("/api/v1/discovery", json={"query": "python developer", "location": "Berlin"})


async def upload(api: httpx.AsyncClient, data: bytes = CV) -> httpx.Response:
    return await api.post("/api/v1/profiling", files={"pdf_files": ("cv.pdf", data, "application/pdf")})


async def test_a_key_over_its_requests_a_minute_gets_429_with_retry_after_and_the_other_key_does_not(
        tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, API_REQUESTS_PER_MINUTE=5)
    async with client(app, KEY_A) as a, client(app, KEY_B) as b:
        answers = [await a.get("/api/v1/discovery/no-such-id/status") for _ in range(5)]
        assert [answer.status_code for answer in answers] == [404] * 5
        refused = await a.get("/api/v1/discovery/no-such-id/status")
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        assert "more than 5 requests in the last minute" in refused.json()["detail"]
        assert (await a.get("/admin/stats")).status_code == 429  # every keyed route, not only /api/v1
        before = count(app, JobSearch, KEY_A)
        assert (await search(a)).status_code == 429 and count(app, JobSearch, KEY_A) == before
        assert (await b.get("/api/v1/discovery/no-such-id/status")).status_code == 404
        assert (await search(b)).status_code == 202


@pytest.mark.redis
async def test_with_a_redis_broker_two_serve_processes_share_one_count(tmp_path, monkeypatch, redis_prefix):
    first = make_app(tmp_path / "one", monkeypatch, API_REQUESTS_PER_MINUTE=4, CELERY_BROKER_URL=REDIS_URL,
                     CELERY_KEY_PREFIX=redis_prefix)
    second = make_app(tmp_path / "two", monkeypatch, API_REQUESTS_PER_MINUTE=4, CELERY_BROKER_URL=REDIS_URL,
                      CELERY_KEY_PREFIX=redis_prefix)
    async with client(first, KEY_A) as one, client(second, KEY_A) as two:
        statuses = [(await api.get("/api/v1/discovery/x/status")).status_code for api in (one, two, one, two)]
        assert statuses == [404] * 4
        assert (await two.get("/api/v1/discovery/x/status")).status_code == 429
        assert (await one.get("/api/v1/discovery/x/status")).status_code == 429


async def test_a_key_with_its_most_requests_running_is_refused_until_one_finishes(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, MAX_OPEN_REQUESTS_PER_OWNER=2)
    async with client(app, KEY_A) as a, client(app, KEY_B) as b:
        assert [(await search(a)).status_code for _ in range(2)] == [202, 202]
        refused = await search(a)
        assert refused.status_code == 429 and refused.headers["Retry-After"] == "30"
        assert "You have 2 requests still running" in refused.json()["detail"]
        assert count(app, JobSearch, KEY_A) == 2
        # An upload is refused before its body is read: no file is written.
        refused_upload = await upload(a)
        assert refused_upload.status_code == 429 and "still running" in refused_upload.json()["detail"]
        assert list(app.state.settings.uploads_dir.iterdir()) == [] and count(app, UserProfile, KEY_A) == 0
        assert (await search(b)).status_code == 202 and (await upload(b)).status_code == 202
        with app.state.sessions() as session:
            first = session.scalars(select(JobSearch.id).where(JobSearch.api_key_id == api_key_id(KEY_A))).first()
            session.execute(update(JobSearch).where(JobSearch.id == first).values(status=COMPLETED))
            session.commit()
        assert (await search(a)).status_code == 202


async def test_an_upload_beyond_the_quota_is_413_naming_it_and_leaves_nothing(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, UPLOAD_QUOTA_MB=len(CV) * 1.5 / 1048576)
    uploads = app.state.settings.uploads_dir
    async with client(app, KEY_A) as a, client(app, KEY_B) as b:
        assert (await upload(a)).status_code == 202
        refused = await upload(a)
        assert refused.status_code == 413
        detail = refused.json()["detail"]
        assert "upload quota" in detail and "UPLOAD_QUOTA_MB" in detail and "days after" in detail
        assert count(app, UserProfile, KEY_A) == 1 and len(list(uploads.iterdir())) == 1
        assert (await upload(b)).status_code == 202 and len(list(uploads.iterdir())) == 2


async def test_a_full_quota_refuses_the_next_upload_before_its_body_is_read(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, UPLOAD_QUOTA_MB=len(CV) / 1048576)
    async with client(app, KEY_A) as a:
        assert (await upload(a)).status_code == 202  # exactly the quota

        async def body():  # a client that would stream for ever: the refusal must come without reading it
            yield b"--x\r\nContent-Disposition: form-data; name=\"pdf_files\"; filename=\"a.pdf\"\r\n\r\n"
            raise AssertionError("the body was read")

        refused = await a.post("/api/v1/profiling", content=body(),
                               headers={"Content-Type": "multipart/form-data; boundary=x"})
        assert refused.status_code == 413 and "upload quota" in refused.json()["detail"]
        assert len(list(app.state.settings.uploads_dir.iterdir())) == 1
