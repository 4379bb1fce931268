"""The bot process sends tasks by name: serving and dispatching never load the domain's heavy libraries."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import redis

from tests.support import cv_kinds
from tests.support.services import REDIS_URL

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pypdf", "pypdfium2", "fpdf", "serpapi", "openai", "PIL", "pillow_heif", "rapidocr", "onnxruntime", "docx",
         "lxml", "odf")
# Runs in a fresh interpreter: this test process has imported everything already.
SCRIPT = textwrap.dedent('''
    import json, sys
    from fastapi.testclient import TestClient
    from bot.app import create_app

    with TestClient(create_app()) as client:
        key = {"X-API-Key": "k-0123456789"}
        search = client.post("/api/v1/discovery", headers=key, json={"query": "nurse", "location": "Munich"})
        cv = client.post("/api/v1/profiling", headers=key,
                         files={"pdf_files": ("cv.pdf", b"%PDF-1.4\\n%%EOF\\n", "application/pdf")})
        # A Word file and a photo are sniffed (their ZIP directory, their magic number) with the stdlib only.
        others = [client.post("/api/v1/profiling", headers=key, files={"pdf_files": (name, open(path, "rb"))})
                  for name, path in json.loads(sys.argv[1])]
    print(json.dumps({"statuses": [search.status_code, cv.status_code] + [r.status_code for r in others],
                      "heavy": sorted(name for name in sys.modules if name.split(".")[0] in HEAVY)}))
''').replace("HEAVY", repr(HEAVY))


@pytest.mark.integration
@pytest.mark.redis
def test_serving_and_dispatching_leave_pdf_image_ocr_office_llm_and_search_libraries_unloaded(tmp_path, redis_prefix):
    env = {"JOB_AGENT_DATA_DIR": str(tmp_path), "API_KEYS": "k-0123456789", "CELERY_BROKER_URL": REDIS_URL,
           "CELERY_RESULT_BACKEND": REDIS_URL, "CELERY_KEY_PREFIX": redis_prefix, "PATH": "/usr/bin:/bin"}
    inputs = []
    for name, data in (("cv.docx", cv_kinds.make_docx()), ("photo.jpg", cv_kinds.make_jpeg())):
        (tmp_path / name).write_bytes(data)
        inputs.append((name, str(tmp_path / name)))
    done = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(inputs)], env=env, capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["statuses"] == [202, 202, 202, 202]
    assert report["heavy"] == []
    # Both tasks really went to the broker, each on its step's queue.
    client = redis.Redis.from_url(REDIS_URL)
    assert client.llen(f"{redis_prefix}discovery") == 1 and client.llen(f"{redis_prefix}profiling") == 3
