"""HTML/CSS producer printed to PDF by headless Chromium.

Layouts: ``one_column`` (plain), ``two_column`` (header across, then a CSS grid of main and side
columns), ``sidebar`` (a narrow coloured column holding name, contact, skills and languages; long
e-mails may wrap there, as in real templates), and ``bundle`` (cover letter, page break, the CV).
"""
from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.corpus.people import Person
from tests.corpus.render.common import city_country, date_range, heading, languages_line
from tests.corpus.render.latex import ToolMissing
from tests.corpus.render.letters import letter_parts

_CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #222; margin: 0; }
h1 { font-size: 24pt; margin: 0 0 2mm 0; } .headline { font-size: 13pt; color: #446; margin-bottom: 3mm; }
h2 { font-size: 11pt; text-transform: uppercase; letter-spacing: .08em; border-bottom: 1px solid #99a;
     margin: 5mm 0 2mm 0; }
.job { margin-bottom: 3mm; } .job b { display: block; } .dates { color: #666; font-size: 9pt; }
ul { margin: 1mm 0 0 5mm; padding: 0; } .contact span + span::before { content: " · "; }
.grid { display: grid; grid-template-columns: 2fr 1fr; gap: 8mm; }
.side-layout { display: grid; grid-template-columns: 52mm 1fr; gap: 6mm; }
.side { background: #e8eef5; padding: 4mm; overflow-wrap: anywhere; } .side h1 { font-size: 19pt; }
.side p { margin: 1mm 0; } .letter p { margin: 0 0 3mm 0; } .pagebreak { break-after: page; }
"""


def _e(text: str) -> str:
    return html.escape(text)


def _jobs(p: Person) -> str:
    out = []
    for j in p.jobs:
        bullets = "".join(f"<li>{_e(b)}</li>" for b in j.bullets)
        out.append(f"<div class='job'><b>{_e(j.title)} — {_e(j.company)}</b>"
                   f"<span class='dates'>{_e(date_range(p, j))}</span>{f'<ul>{bullets}</ul>' if bullets else ''}</div>")
    return "".join(out)


def _main_sections(p: Person) -> str:
    schools = "".join(f"<p>{_e(s.degree)}, {_e(s.school)} <span class='dates'>{_e(s.period)}</span></p>"
                      for s in p.education)
    return (f"<h2>{_e(heading(p, 'summary'))}</h2><p>{_e(p.summary)}</p>"
            f"<h2>{_e(heading(p, 'experience'))}</h2>{_jobs(p)}"
            f"<h2>{_e(heading(p, 'education'))}</h2>{schools}")


def _side_sections(p: Person, contact: bool) -> str:
    lines = "".join(f"<p>{_e(x)}</p>" for x in (p.street, city_country(p), p.phone, p.email) if x)
    skills = "".join(f"<p>{_e(s)}</p>" for s in p.skills)
    langs = "".join(f"<p>{_e(x)}</p>" for x in languages_line(p))
    head = f"<h2>{_e(heading(p, 'contact'))}</h2>{lines}" if contact else ""
    return f"{head}<h2>{_e(heading(p, 'skills'))}</h2>{skills}<h2>{_e(heading(p, 'languages'))}</h2>{langs}"


def _contact_line(p: Person) -> str:
    return "".join(f"<span>{_e(x)}</span>" for x in (city_country(p), p.phone, p.email))


def _one_column(p: Person) -> str:
    return (f"<h1>{_e(p.printed_name)}</h1><div class='headline'>{_e(p.title)}</div>"
            f"<div class='contact'>{_contact_line(p)}</div>{_main_sections(p)}"
            f"<h2>{_e(heading(p, 'skills'))}</h2><p>{_e(', '.join(p.skills))}</p>"
            f"<h2>{_e(heading(p, 'languages'))}</h2><p>{_e(', '.join(languages_line(p)))}</p>")


def _two_column(p: Person) -> str:
    return (f"<h1>{_e(p.printed_name)}</h1><div class='headline'>{_e(p.title)}</div>"
            f"<div class='contact'>{_contact_line(p)}</div>"
            f"<div class='grid'><div>{_main_sections(p)}</div><div>{_side_sections(p, False)}</div></div>")


def _sidebar(p: Person) -> str:
    return (f"<div class='side-layout'><div class='side'><h1>{_e(p.printed_name)}</h1>"
            f"{_side_sections(p, True)}</div>"
            f"<div><div class='headline'>{_e(p.title)}</div>{_main_sections(p)}</div></div>")


def _bundle(p: Person) -> str:
    parts = letter_parts(p)
    block = lambda lines: "".join(f"<div>{_e(x)}</div>" for x in lines)  # noqa: E731
    body = "".join(f"<p>{_e(x)}</p>" for x in parts["body"])
    letter = (f"<div class='letter pagebreak'>{block(parts['sender'])}<br>{block(parts['recipient'])}<br>"
              f"<p>{_e(parts['date'])}</p><p><b>{_e(parts['subject'])}</b></p>{body}"
              f"<p>{_e(parts['closing'])}</p><p>{_e(p.name)}</p></div>")
    return letter + _two_column(p)


LAYOUTS = {"one_column": _one_column, "two_column": _two_column, "sidebar": _sidebar, "bundle": _bundle}


def html_page(p: Person, layout: str) -> str:
    return (f"<!doctype html><html lang='{p.lang}'><head><meta charset='utf-8'><title>CV</title>"
            f"<style>{_CSS}</style></head><body>{LAYOUTS[layout](p)}</body></html>")


def render_html(p: Person, layout: str) -> bytes:
    """Print the page with headless Chromium (no network, a throwaway profile); returns the PDF."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        raise ToolMissing("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        page, out = Path(tmp, "cv.html"), Path(tmp, "cv.pdf")
        page.write_text(html_page(p, layout), encoding="utf-8")
        run = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                              "--disable-background-networking", "--disable-component-update", "--disable-sync",
                              f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", "--no-pdf-header-footer",
                              page.as_uri()], capture_output=True, text=True, timeout=300)
        if not out.exists():
            raise RuntimeError(f"chromium failed:\n{run.stderr[-2000:]}")
        return out.read_bytes()
