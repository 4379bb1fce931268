"""`job-agent chat` as a newcomer runs it: no configuration, a CV, a search, a letter, /quit."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.processes import ROOT, free_port
from tests.support.stack import stack_env

pytestmark = pytest.mark.integration


def test_the_terminal_chat_runs_the_product_with_nothing_configured(tmp_path):
    (tmp_path / "cv.pdf").write_bytes(make_cv_pdf(PERSONAS["python_dev_berlin"]))
    env = stack_env(tmp_path / "var", database_url=None, redis_prefix=None, API_PORT=str(free_port()))
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "chat"], cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)},
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    # Each line is typed once the answer to the one before has been printed, as a person would
    # (fixed pauses failed on a loaded machine: /apply arrived before the job list).
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True)
    reader.start()
    script = [("Type /help", "/cv cv.pdf"), ("Your profile is ready", "/jobsearch python developer in Berlin"),
              ("jobs for “python developer”", "/apply 1"), ("saved to letters/", "/quit")]
    for awaited, line in script:
        deadline = time.monotonic() + 90
        while awaited not in "".join(lines) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        process.stdin.write(line + "\n")
        process.stdin.flush()
    process.wait(timeout=60)
    reader.join(timeout=10)
    output = "".join(lines)
    assert process.returncode == 0, output
    assert "Your profile is ready" in output and "Lena Fischer" in output
    assert "jobs for “python developer”" in output and "Cover letter —" in output
    saved = sorted((tmp_path / "letters").iterdir())  # the letter and the tailored CV, as PDF and as DOCX
    assert [path.name.split("-")[0] + path.suffix for path in saved] == [
        "application.docx", "application.pdf", "cv.docx", "cv.pdf"]
    assert all(path.read_bytes().startswith(b"%PDF-" if path.suffix == ".pdf" else b"PK\x03\x04") for path in saved)
    assert "saved to letters/application-" in output
    assert "celery@" not in output and "] received" not in output  # worker logs stay in the data folder
    assert (tmp_path / "var" / "worker.log").stat().st_size > 0
    leftovers = subprocess.run(["pgrep", "-f", str(tmp_path / "var")], capture_output=True, text=True).stdout
    assert leftovers.strip() == "", f"embedded processes left running: {leftovers}"
