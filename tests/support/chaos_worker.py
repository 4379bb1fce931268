"""`celery` for the chaos suite, with a poison pill armed: ``python -m tests.support.chaos_worker -A … worker …``.

With CHAOS_POISON_MARKER set, PDFium (the native PDF library the CV reader lays pages out with) crashes
with SIGSEGV on any document whose bytes contain the marker, killing the worker process that read it, as a
segfault in a C library does. No known PDF crashes PDFium reliably, so the crash is injected here, at the
third-party boundary; everything of job-agent runs unchanged. Without the variable this is plain `celery`.
"""
from __future__ import annotations

import os
import signal
import sys


def arm_poison(marker: bytes, crash_log: str | None = None) -> None:
    """Make ``pypdfium2.PdfDocument`` SIGSEGV its own process when handed bytes containing ``marker``; each crash
    first appends a line to ``crash_log`` (a file path) when given, since the worker's own output is too busy
    to count them in."""
    import pypdfium2

    document = pypdfium2.PdfDocument
    original = document.__init__

    def crash_on_marker(self, input, *args, **kwargs):
        if isinstance(input, (bytes, bytearray)) and marker in input:
            print(f"[chaos] PDFium crashes on a poisoned file in process {os.getpid()}", flush=True)
            if crash_log:
                with open(crash_log, "a") as log:
                    log.write(f"{os.getpid()}\n")
            os.kill(os.getpid(), signal.SIGSEGV)
        original(self, input, *args, **kwargs)

    document.__init__ = crash_on_marker


def main() -> None:
    marker = os.environ.get("CHAOS_POISON_MARKER", "").encode()
    if marker:
        # Before the pool forks, so every worker process inherits it.
        arm_poison(marker, os.environ.get("CHAOS_CRASH_LOG"))
    from celery.__main__ import main as celery_main

    sys.argv[0] = "celery"
    celery_main()


if __name__ == "__main__":
    main()
