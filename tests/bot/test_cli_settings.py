"""A setting the product cannot run with stops `job-agent` at start with the variable's name, not a traceback."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("env, expected", [
    ({"JOB_SOURCES": "nonsense"}, "JOB_SOURCES: JOB_SOURCES names unknown sources nonsense; known: serpapi"),
    ({"JOB_SOURCES": "adzuna", "ADZUNA_APP_KEY": "secret-adzuna-key-42"}, "adzuna needs ADZUNA_APP_ID and ADZUNA_APP_KEY"),
    ({"REMOTIVE_BASE_URL": "remotive.com"}, "REMOTIVE_BASE_URL: 'remotive.com' is not an http(s) URL"),
    ({"JOB_SOURCE_TIMEOUT_SECONDS": "0"}, "JOB_SOURCE_TIMEOUT_SECONDS: Input should be greater than 0"),
])
def test_a_bad_setting_is_named_at_start(tmp_path, env, expected):
    done = subprocess.run([sys.executable, "-m", "bot.cli", "serve"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
                                           "JOB_AGENT_DATA_DIR": str(tmp_path), **env})
    assert done.returncode == 1
    assert done.stderr.startswith("Error: The configuration cannot be used:") and expected in done.stderr
    assert "Traceback" not in done.stderr and "secret-adzuna-key-42" not in done.stderr
