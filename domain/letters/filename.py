"""The file name a letter is sent under (no PDF library needed to compute it)."""
from __future__ import annotations

import re
import unicodedata

from domain.jobs.types import JobPosting


def letter_filename(job: JobPosting) -> str:
    """An ASCII file name without path separators, e.g. "application-acme-gmbh-python-developer.pdf"."""
    raw = f"{job.company_name} {job.title}"
    ascii_text = unicodedata.normalize("NFKD", raw.replace("ß", "ss")).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].rstrip("-")
    return f"application-{slug}.pdf" if slug else "application.pdf"
