"""docker-compose.yml, Dockerfile and .env.example: parsed and checked here, validated by docker-compose when installed."""
from __future__ import annotations

import re
import shutil
import subprocess
import tomllib

import pytest
import yaml

from config import Settings
from tests.support.processes import ROOT

APP_SERVICES = ("migrate", "bot", "worker", "beat", "flower")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_services_commands_and_dependencies(compose):
    services = compose["services"]
    assert set(services) == {"redis", "postgres", *APP_SERVICES}
    assert services["migrate"]["command"] == ["job-agent", "migrate"] and services["migrate"]["restart"] == "no"
    assert services["bot"]["command"] == ["job-agent", "serve"]
    assert services["worker"]["command"] == ["job-agent", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "tasks.celery_app", "beat"]
    flower = services["flower"]["command"]
    assert flower[:4] == ["celery", "-A", "tasks.celery_app", "flower"]
    assert any(re.fullmatch(r"--basic-auth=\$\{FLOWER_BASIC_AUTH:\?.+\}", part) for part in flower)
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("bot", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
        assert depends["redis"]["condition"] == "service_healthy", name
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert "/health" in " ".join(services["bot"]["healthcheck"]["test"])
    assert any(volume.endswith(":/var/lib/postgresql/data") for volume in services["postgres"]["volumes"])


def test_environment_wiring(compose):
    services = compose["services"]
    for name in APP_SERVICES:
        service = services[name]
        assert service["env_file"] == ".env", name
        env = service["environment"]
        assert env["DATABASE_URL"].startswith("postgresql+psycopg://") and "@postgres:5432/" in env["DATABASE_URL"]
        assert "redis://redis:6379" in env["CELERY_BROKER_URL"], name
        assert env["JOB_AGENT_DATA_DIR"] == "/data" and "appdata:/data" in service["volumes"], name
        assert "http://bot:8000" in env["PUBLIC_BASE_URL"], name
    bot_env = services["bot"]["environment"]
    assert (bot_env["API_HOST"], str(bot_env["API_PORT"])) == ("0.0.0.0", "8000")
    assert any(str(port).endswith(":8000") for port in services["bot"]["ports"])


def test_dockerfile_installs_the_package_on_python_311_slim():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim$", dockerfile, re.MULTILINE)
    assert re.search(r"^RUN pip install \.$", dockerfile, re.MULTILINE)
    assert re.search(r"^USER \w+", dockerfile, re.MULTILINE)


def test_dockerfile_copies_every_package_the_project_installs():
    """An image that misses a package installs without error and fails at the first import."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    copied = set(re.findall(r"^COPY (\w+) \./\1$", dockerfile, re.MULTILINE))
    include = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]["include"]
    assert {pattern.rstrip("*") for pattern in include} == copied


def test_env_example_documents_every_setting():
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    missing = {name.upper() for name in Settings.model_fields} - documented
    assert not missing, f".env.example lacks {sorted(missing)}"
    assert {"POSTGRES_PASSWORD", "FLOWER_BASIC_AUTH"} <= documented


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="docker-compose is not installed")
def test_docker_compose_config_accepts_the_file(tmp_path):
    for name in ("docker-compose.yml", "Dockerfile"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    ok = subprocess.run(["docker-compose", "config", "-q"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    rendered = yaml.safe_load(subprocess.run(["docker-compose", "config"], cwd=tmp_path, capture_output=True,
                                             text=True, timeout=60, check=True).stdout)
    assert "--basic-auth=admin:change-me" in rendered["services"]["flower"]["command"]
    assert "${" not in rendered["services"]["worker"]["environment"]["DATABASE_URL"]
    (tmp_path / ".env").write_text("POSTGRES_PASSWORD=x\n")  # no FLOWER_BASIC_AUTH: refused, not an open Flower
    refused = subprocess.run(["docker-compose", "config", "-q"], cwd=tmp_path, capture_output=True, text=True,
                             timeout=60)
    assert refused.returncode != 0 and "FLOWER_BASIC_AUTH" in refused.stderr


def test_the_built_package_carries_every_file_the_product_reads_at_run_time(tmp_path):
    """A non-editable install (the Docker image's `pip install .`) gets only what the wheel holds: the web chat's
    templates and static files, the catalogues, the migrations and the job sample must be in it."""
    import sys
    import zipfile

    # From a copy without the egg-info an editable install leaves behind: its file list would fill the gaps.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "*.egg-info", "build", "var",
                                                                "__pycache__", ".pytest_cache", "docs"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                           "--wheel-dir", str(tmp_path), str(source)], capture_output=True, text=True, check=False,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    [wheel] = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("bot/web/templates/chat.html", "bot/web/templates/base.html", "bot/web/static/chat.js",
                     "bot/web/static/chat.css", "i18n/locales/de/LC_MESSAGES/messages.po",
                     "storage/migrations/versions/0012_web_chat_own_messages.py", "storage/migrations/script.py.mako"):
        assert expected in names, expected
    assert any(name.startswith("domain/jobs/data/") and name.endswith(".json") for name in names)
